"""Lead forms: the one definition (from `extra.hub.forms`), the one validation and the one HTML."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .config import HubConfig, text
from .errors import HubError, Problem, did_you_mean
from .escape import safe_url
from .yamlfile import dotted

FIELD_TYPES = ("text", "email", "tel", "textarea")
# Hidden context every form carries; the script fills what the page cannot know at build time.
HIDDEN_FIELDS = (
    "consent_version",
    "form_id",
    "lang",
    "page_url",
    "content_id",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "referrer",
    "submission_id",
    "started_at",
)
HONEYPOT = "website"
CONSENT = "consent"
CONSENT_CROSSBORDER = "consent_crossborder"
RESERVED = frozenset({*HIDDEN_FIELDS, HONEYPOT, CONSENT, CONSENT_CROSSBORDER})
# Longest value kept for each hidden field: they are never trusted, so too long is cut, not refused.
HIDDEN_MAX = {
    "page_url": 2000,
    "referrer": 2000,
    "content_id": 200,
    "submission_id": 64,
    "started_at": 16,
    "consent_version": 40,
    "form_id": 64,
    "lang": 8,
}
DEFAULT_MAX = {"text": 200, "email": 254, "tel": 40, "textarea": 4000}
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# Pragmatic, not RFC 5322: one @, no spaces or brackets, a dot in the domain. Unicode is welcome
# (张三@公司.中国 is a real address under EAI).
_EMAIL = re.compile(
    r"^[^\s@<>()\[\],;:\"]{1,64}@[^\s@<>()\[\],;:\".]+(?:\.[^\s@<>()\[\],;:\".]+)+$"
)
_TEL = re.compile(r"^\+?[0-9 ()./\-]{5,}(?:\s*(?:ext|x|转)\s*[0-9]{1,6})?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRUE = {"1", "true", "yes", "on"}

MESSAGES = {
    "required": {"zh": "请填写此项。", "en": "Please fill in this field."},
    "email": {
        "zh": "请输入有效的邮箱地址，例如 name@company.com。",
        "en": "Enter a valid email address, like name@company.com.",
    },
    "tel": {
        "zh": "请输入有效的电话号码，只用数字、空格和 + - ( )。",
        "en": "Enter a valid phone number using digits, spaces and + - ( ).",
    },
    "max": {
        "zh": "最多 {max} 个字符（现在 {length} 个）。",
        "en": "Use at most {max} characters (now {length}).",
    },
    "consent": {"zh": "请勾选同意后再提交。", "en": "Please tick the box to agree before sending."},
    "crossborder": {
        "zh": "请勾选同意跨境传输后再提交。",
        "en": "Please tick the box to agree to the transfer abroad before sending.",
    },
}
UI = {
    "required": {"zh": "（必填）", "en": "(required)"},
    "required_note": {
        "zh": "标有“必填”的为必填项。",
        "en": "Fields marked “required” must be filled in.",
    },
    "summary": {
        "zh": "提交前请更正以下 {n} 个问题：",
        "en": "Please correct {n} problem(s) before sending:",
    },
    "consent": {
        "zh": "我已阅读并同意{link}，同意{company}为回复本次咨询处理我的信息并与我联系。",
        "en": "I have read and agree to the {link} and allow {company} to use my details "
        "to answer this request and contact me.",
    },
    "privacy": {"zh": "隐私政策", "en": "privacy policy"},
    "crossborder": {
        "zh": "我单独同意将我的信息传输至中国境外的客户管理系统处理（详见{link}）。",
        "en": "I separately agree that my details are transferred to a customer "
        "system outside China (see the {link}).",
    },
    "honeypot": {"zh": "请勿填写此项", "en": "Leave this field empty"},
    # A gated form's confirmation in place (hub-form.js); the receiver's page says the same.
    "received": {
        "zh": "谢谢！我们已收到您的信息。",
        "en": "Thank you! We have received your details.",
    },
    "download": {"zh": "下载", "en": "Download"},
    "download_note": {
        "zh": "下载会自动开始；如果没有开始，请点击下面的链接。",
        "en": "The download starts by itself; if it does not, use the link below.",
    },
}


@dataclass(frozen=True)
class FormField:
    """One visible input of a lead form."""

    name: str
    label: Any  # str or {zh:, en:}
    type: str = "text"
    required: bool = False
    max: int = 200
    autocomplete: str = ""


@dataclass(frozen=True)
class FormDef:
    """A lead form as configured under `extra.hub.forms.<id>`."""

    id: str
    title: Any
    submit: Any
    success: Any
    thank_you: str
    gated: bool
    fields: tuple[FormField, ...]

    def field(self, name: str) -> FormField | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True)
class FieldError:
    """A problem with one submitted value; `field` is "" for the form as a whole."""

    field: str
    code: str
    message: str


def form_ids(config: HubConfig) -> list[str]:
    return [str(key) for key in (config.hub.get("forms") or {})]


def form_definition(config: HubConfig, form_id: str) -> FormDef:
    """The validated definition of one form; HubError naming the mkdocs.yml line if it is bad."""
    forms = config.hub.get("forms") or {}
    if form_id not in forms:
        hint = did_you_mean(form_id, form_ids(config))
        raise HubError(
            str(
                Problem(
                    config.path.name,
                    config.line_of("forms"),
                    "extra.hub.forms",
                    f"no form '{form_id}'{hint}",
                )
            )
        )
    problems: list[Problem] = []
    formdef = _parse(config, form_id, forms[form_id], problems)
    if problems:
        raise HubError("; ".join(str(p) for p in problems))
    return formdef


def form_definitions(config: HubConfig) -> dict[str, FormDef]:
    """Every configured form, checked at once (all problems reported together)."""
    problems: list[Problem] = []
    out = {}
    for form_id, raw in (config.hub.get("forms") or {}).items():
        out[str(form_id)] = _parse(config, str(form_id), raw, problems)
    if problems:
        raise HubError("; ".join(str(p) for p in problems))
    return out


def _parse(config: HubConfig, form_id: str, raw: Any, problems: list[Problem]) -> FormDef:
    def bad(message: str, *path: str | int) -> None:
        full = ("extra", "hub", "forms", form_id, *path)
        problems.append(
            Problem(
                config.path.name, config.line_of("forms", form_id, *path), dotted(full), message
            )
        )

    if not isinstance(raw, dict):
        bad("must be a mapping with title, submit, thank_you and fields")
        raw = {}
    for key in ("title", "submit"):
        if not _is_text(raw.get(key)):
            bad("required: text, or {zh: …, en: …}", key)
    thank_you = raw.get("thank_you", "/thanks/")
    if not isinstance(thank_you, str) or not thank_you.startswith("/"):
        bad("must be a site path starting with '/', e.g. /thanks/", "thank_you")
        thank_you = "/"
    gated = raw.get("gated", False)
    if not isinstance(gated, bool):
        bad(f"must be true or false (got {gated!r})", "gated")
        gated = False
    fields: list[FormField] = []
    raw_fields = raw.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        bad("must be a non-empty list of fields ({name, label, type, required, max})", "fields")
        raw_fields = []
    seen: set[str] = set()
    for index, spec in enumerate(raw_fields):
        if not isinstance(spec, dict):
            bad("must be a mapping {name, label, type, required, max}", "fields", index)
            continue
        name = spec.get("name")
        if not isinstance(name, str) or not _NAME.match(name):
            bad("must be lower-case letters, digits and _ (e.g. company)", "fields", index, "name")
            continue
        if name in RESERVED:
            bad(f"'{name}' is reserved for the form's own hidden fields", "fields", index, "name")
        if name in seen:
            bad(f"'{name}' appears twice in this form", "fields", index, "name")
        seen.add(name)
        ftype = spec.get("type", "text")
        if ftype not in FIELD_TYPES:
            bad(f"'{ftype}' is not one of {', '.join(FIELD_TYPES)}", "fields", index, "type")
            ftype = "text"
        required = spec.get("required", False)
        if not isinstance(required, bool):
            bad(f"must be true or false (got {required!r})", "fields", index, "required")
        limit = spec.get("max", DEFAULT_MAX[ftype])
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            bad(
                f"must be a positive whole number of characters (got {limit!r})",
                "fields",
                index,
                "max",
            )
            limit = DEFAULT_MAX[ftype]
        if not _is_text(spec.get("label")):
            bad("required: text, or {zh: …, en: …}", "fields", index, "label")
        unknown = set(spec) - {"name", "label", "type", "required", "max", "autocomplete"}
        for key in sorted(unknown):
            bad(
                "unknown key (known: name, label, type, required, max, autocomplete)",
                "fields",
                index,
                key,
            )
        fields.append(
            FormField(
                name=name,
                label=spec.get("label") or name,
                type=ftype,
                required=required is True,
                max=limit,
                autocomplete=str(spec.get("autocomplete") or ""),
            )
        )
    return FormDef(
        id=form_id,
        title=raw.get("title") or form_id,
        submit=raw.get("submit") or "",
        success=raw.get("success") or "",
        thank_you=thank_you,
        gated=gated,
        fields=tuple(fields),
    )


def _is_text(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return (
        isinstance(value, dict) and bool(value) and all(isinstance(v, str) for v in value.values())
    )


def clean_text(value: Any, multiline: bool = False) -> str:
    """Submitted text as stored: NFC, no control characters (PostgreSQL refuses NUL), trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        value = "true" if value else ""
    value = unicodedata.normalize("NFC", str(value))
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    else:
        value = re.sub(r"[\r\n\t]+", " ", value)
    return _CONTROL.sub("", value).strip()


def is_true(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in _TRUE


def validate_submission(
    formdef: FormDef, data: Mapping[str, Any], lang: str = "zh", *, crossborder: bool = False
) -> tuple[dict[str, str], list[FieldError]]:
    """Check visible fields and consent; return (clean values by field name, errors in `lang`).

    Unknown keys are ignored; hidden context is not checked here (see `clean_hidden`).
    """
    clean: dict[str, str] = {}
    errors: list[FieldError] = []

    def fail(name: str, code: str, **params: Any) -> None:
        errors.append(FieldError(name, code, text(MESSAGES[code], lang).format(**params)))

    for spec in formdef.fields:
        value = clean_text(data.get(spec.name), multiline=spec.type == "textarea")
        if spec.type in ("email", "tel"):
            # Full-width digits and ＠ typed on a Chinese keyboard are the same characters.
            value = unicodedata.normalize("NFKC", value).strip()
        clean[spec.name] = value
        if not value:
            if spec.required:
                fail(spec.name, "required")
            continue
        if len(value) > spec.max:
            fail(spec.name, "max", max=spec.max, length=len(value))
        elif spec.type == "email" and not _EMAIL.match(value):
            fail(spec.name, "email")
        elif spec.type == "tel" and not _TEL.match(value):
            fail(spec.name, "tel")
    clean[CONSENT] = "yes" if is_true(data.get(CONSENT)) else ""
    if not clean[CONSENT]:
        fail(CONSENT, "consent")
    if crossborder:
        clean[CONSENT_CROSSBORDER] = "yes" if is_true(data.get(CONSENT_CROSSBORDER)) else ""
        if not clean[CONSENT_CROSSBORDER]:
            fail(CONSENT_CROSSBORDER, "crossborder")
    return clean, errors


def clean_hidden(data: Mapping[str, Any]) -> dict[str, str]:
    """Hidden context as stored: text, cut to a sane length (never trusted, never refused)."""
    out = {}
    for name in HIDDEN_FIELDS:
        out[name] = clean_text(data.get(name))[: HIDDEN_MAX.get(name, 200)]
    if not re.fullmatch(r"[A-Za-z0-9_-]{8,64}", out["submission_id"]):
        out["submission_id"] = ""
    return out


def localized_path(path: str, lang: str, config: HubConfig) -> str:
    """A root-relative site path in `lang`: `/privacy/` -> `/en/privacy/` for English."""
    if not path.startswith("/") or lang == config.default_lang or path.startswith(f"/{lang}/"):
        return path
    return f"/{lang}{path}"


def render_form(
    config: HubConfig,
    form_id: str,
    lang: str,
    *,
    values: Mapping[str, Any] | None = None,
    errors: Mapping[str, str] | Iterable[FieldError] | None = None,
    hidden: Mapping[str, Any] | None = None,
    site_origin: str = "",
) -> str:
    """The HTML of lead form `form_id` in `lang`: works without JavaScript, WCAG 2.2 labelled.

    `values` refills visible fields (and the consent boxes); `errors` maps a field name ("" for the
    whole form) to its message, or is a list of FieldError; `hidden` sets hidden context
    (page_url, content_id, …). `site_origin` prefixes site links (the receiver's error page is
    served from another origin than the site).
    """
    formdef = form_definition(config, form_id)
    leads = config.hub["leads"]
    values = values or {}
    if errors is None:
        errors = {}
    if not isinstance(errors, Mapping):
        merged: dict[str, str] = {}
        for err in errors:
            merged.setdefault(err.field, err.message)
        errors = merged
    t = lambda value: html.escape(text(value, lang, config.default_lang))
    e = lambda value: html.escape(str(value), quote=True)
    base = f"hub-form-{form_id}"
    action = safe_url(f"{str(leads['endpoint']).rstrip('/')}/forms/{form_id}")  # never javascript:
    # What the script says in the page's language: the browser's own validation bubbles speak
    # the browser's language, so the script sets these instead (setCustomValidity); a gated form
    # confirms in place with the signed link.
    says = {
        f"data-hub-msg-{code}": text(MESSAGES[code], lang)
        for code in ("required", "email", "tel", "consent", "crossborder")
    }
    if formdef.gated:
        says.update(
            {
                "data-hub-gated": "1",
                "data-hub-success": text(formdef.success, lang, config.default_lang)
                or text(UI["received"], lang),
                "data-hub-download": text(UI["download"], lang),
                "data-hub-download-note": text(UI["download_note"], lang),
            }
        )
    said = "".join(f' {name}="{e(value)}"' for name, value in says.items())
    out = [
        f'<form class="hub-form" id="{e(base)}" method="post" action="{e(action)}" '
        f'accept-charset="UTF-8" lang="{e(lang)}" data-hub-form="{e(form_id)}" '
        f'aria-labelledby="{e(base)}-title"{said}>',
        f'<h2 class="hub-form__title" id="{e(base)}-title">{t(formdef.title)}</h2>',
    ]
    order = [f.name for f in formdef.fields] + [CONSENT, CONSENT_CROSSBORDER]
    listed = [(name, errors[name]) for name in order if errors.get(name)]
    general = errors.get("")
    if listed or general:
        out.append(
            f'<div class="hub-form__summary" id="{e(base)}-summary" role="alert" tabindex="-1">'
        )
        if general:
            out.append(f'<p class="hub-form__summary-general">{e(general)}</p>')
        if listed:
            out.append(f"<p>{e(text(UI['summary'], lang).format(n=len(listed)))}</p><ul>")
            for name, message in listed:
                spec = formdef.field(name)
                label = (
                    t(spec.label) + "："
                    if spec and lang == "zh"
                    else (t(spec.label) + ": " if spec else "")
                )
                out.append(f'<li><a href="#{e(base)}-{e(name)}">{label}{e(message)}</a></li>')
            out.append("</ul>")
        out.append("</div>")
    required_mark = f' <span class="hub-form__required">{e(text(UI["required"], lang))}</span>'
    out.append(f'<p class="hub-form__note">{e(text(UI["required_note"], lang))}</p>')
    for spec in formdef.fields:
        fid = f"{base}-{spec.name}"
        message = errors.get(spec.name)
        attrs = [f'id="{e(fid)}"', f'name="{e(spec.name)}"']
        if spec.type != "textarea":
            attrs.append(f'type="{e(spec.type)}"')
        if spec.autocomplete:
            attrs.append(f'autocomplete="{e(spec.autocomplete)}"')
        attrs.append(f'maxlength="{spec.max}"')
        if spec.type == "tel":
            attrs.append('inputmode="tel"')
        if spec.required:
            attrs.append('required aria-required="true"')
        if message:
            attrs.append(f'aria-invalid="true" aria-describedby="{e(fid)}-error"')
        value = values.get(spec.name)
        value = "" if value is None else str(value)
        klass = "hub-form__field" + (" hub-form__field--invalid" if message else "")
        out.append(f'<div class="{klass}">')
        out.append(
            f'<label class="hub-form__label" for="{e(fid)}">{t(spec.label)}'
            f"{required_mark if spec.required else ''}</label>"
        )
        if message:
            out.append(f'<p class="hub-form__error" id="{e(fid)}-error">{e(message)}</p>')
        if spec.type == "textarea":
            out.append(
                f'<textarea class="hub-form__input" rows="5" {" ".join(attrs)}>'
                f"{e(value)}</textarea>"
            )
        else:
            out.append(f'<input class="hub-form__input" {" ".join(attrs)} value="{e(value)}">')
        out.append("</div>")
    privacy = safe_url(
        site_origin.rstrip("/") + localized_path(str(leads["privacy_url"]), lang, config)
    )
    words = e(text(UI["privacy"], lang))
    link = (
        f'<a href="{e(privacy)}" target="_blank" rel="noopener">{words}</a>' if privacy else words
    )
    company = text(config.hub["company"]["name"], lang, config.default_lang) or config.site_name
    boxes = [(CONSENT, text(UI["consent"], lang).replace("{company}", company))]
    if leads.get("crossborder"):
        boxes.append((CONSENT_CROSSBORDER, text(UI["crossborder"], lang)))
    for name, sentence in boxes:
        fid = f"{base}-{name}"
        message = errors.get(name)
        label = e(sentence).replace("{link}", link)
        checked = " checked" if is_true(values.get(name)) else ""
        invalid = f' aria-invalid="true" aria-describedby="{e(fid)}-error"' if message else ""
        klass = "hub-form__field hub-form__consent" + (
            " hub-form__field--invalid" if message else ""
        )
        out.append(f'<div class="{klass}">')
        if message:
            out.append(f'<p class="hub-form__error" id="{e(fid)}-error">{e(message)}</p>')
        out.append(
            f'<input class="hub-form__checkbox" type="checkbox" id="{e(fid)}" name="{name}" '
            f'value="yes" required aria-required="true"{invalid}{checked}>'
            f'<label for="{e(fid)}">{label}{required_mark}</label>'
        )
        out.append("</div>")
    context = dict.fromkeys(HIDDEN_FIELDS, "")
    context.update({k: str(v) for k, v in (hidden or {}).items() if k in context and v is not None})
    context.update(form_id=form_id, lang=lang, consent_version=str(leads["consent_version"]))
    for name in HIDDEN_FIELDS:
        out.append(f'<input type="hidden" name="{name}" value="{e(context[name])}">')
    out.append(
        f'<div class="hub-form__hp" aria-hidden="true">'
        f'<label for="{e(base)}-{HONEYPOT}">{e(text(UI["honeypot"], lang))}</label>'
        f'<input type="text" id="{e(base)}-{HONEYPOT}" name="{HONEYPOT}" value="" '
        f'tabindex="-1" autocomplete="off"></div>'
    )
    out.append(f'<button class="hub-form__submit" type="submit">{t(formdef.submit)}</button>')
    out.append("</form>")
    return "\n".join(out)
