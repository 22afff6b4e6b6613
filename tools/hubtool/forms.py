"""Lead forms: the one definition (from `extra.hub.forms`), the one validation and the one HTML."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import ui
from .config import HubConfig, text
from .errors import HubError, Problem, did_you_mean
from .escape import safe_url
from .yamlfile import dotted

THEME_DIR = Path(__file__).resolve().parent / "theme"  # the form's markup: partials/hub-form.html

FIELD_TYPES = ("text", "email", "tel", "textarea")
# Where a visitor came from: hidden fields of every form, and columns of the lead store (with lang).
UTM_FIELDS = tuple(f"utm_{part}" for part in ("source", "medium", "campaign", "term", "content"))
VISIT_CONTEXT = ("page_url", "content_id", *UTM_FIELDS, "referrer")
# Hidden context every form carries; the script fills what the page cannot know at build time.
HIDDEN_FIELDS = (
    "consent_version",
    "form_id",
    "lang",
    *VISIT_CONTEXT,
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
        where = config.line_of("forms")
        raise HubError(
            str(Problem(config.path.name, where, "extra.hub.forms", f"no form '{form_id}'{hint}"))
        )
    problems: list[Problem] = []
    formdef = _parse(config, form_id, forms[form_id], problems)
    _refuse(problems)
    return formdef


def form_definitions(config: HubConfig) -> dict[str, FormDef]:
    """Every configured form, checked at once (all problems reported together)."""
    problems: list[Problem] = []
    out = {}
    for form_id, raw in (config.hub.get("forms") or {}).items():
        out[str(form_id)] = _parse(config, str(form_id), raw, problems)
    _refuse(problems)
    return out


def _refuse(problems: list[Problem]) -> None:
    if problems:
        raise HubError("; ".join(str(p) for p in problems))


@dataclass(frozen=True)
class _Report:
    """Records a problem at `extra.hub.forms.<form_id>.<path>`, with its mkdocs.yml line."""

    config: HubConfig
    form_id: str
    problems: list[Problem]

    def __call__(self, message: str, *path: str | int) -> None:
        line = self.config.line_of("forms", self.form_id, *path)
        full = dotted(("extra", "hub", "forms", self.form_id, *path))
        self.problems.append(Problem(self.config.path.name, line, full, message))


FIELD_KEYS = ("name", "label", "type", "required", "max", "autocomplete")
_TEXT_NEEDED = "required: text, or {zh: …, en: …}"


def _parse(config: HubConfig, form_id: str, raw: Any, problems: list[Problem]) -> FormDef:
    bad = _Report(config, form_id, problems)
    if not isinstance(raw, dict):
        bad("must be a mapping with title, submit, thank_you and fields")
        raw = {}
    for key in ("title", "submit"):
        if not _is_text(raw.get(key)):
            bad(_TEXT_NEEDED, key)
    thank_you = raw.get("thank_you", "/thanks/")
    if not isinstance(thank_you, str) or not thank_you.startswith("/"):
        bad("must be a site path starting with '/', e.g. /thanks/", "thank_you")
        thank_you = "/"
    return FormDef(
        id=form_id,
        title=raw.get("title") or form_id,
        submit=raw.get("submit") or "",
        success=raw.get("success") or "",
        thank_you=thank_you,
        gated=_flag(raw, "gated", bad),
        fields=_parse_fields(raw.get("fields"), bad),
    )


def _flag(spec: dict[str, Any], key: str, bad: _Report, *path: str | int) -> bool:
    """A true/false setting (false when absent, or when it is not a boolean: reported)."""
    value = spec.get(key, False)
    if not isinstance(value, bool):
        bad(f"must be true or false (got {value!r})", *path, key)
        return False
    return value


def _parse_fields(raw_fields: Any, bad: _Report) -> tuple[FormField, ...]:
    if not isinstance(raw_fields, list) or not raw_fields:
        bad("must be a non-empty list of fields ({name, label, type, required, max})", "fields")
        return ()
    seen: set[str] = set()
    fields = (
        _parse_field(spec, ("fields", index), seen, bad) for index, spec in enumerate(raw_fields)
    )
    return tuple(field for field in fields if field is not None)


def _parse_field(spec: Any, at: tuple[str, int], seen: set[str], bad: _Report) -> FormField | None:
    """One entry of a form's `fields` (at `fields.<index>`); None when it has no usable name."""
    if not isinstance(spec, dict):
        bad("must be a mapping {name, label, type, required, max}", *at)
        return None
    name = spec.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        bad("must be lower-case letters, digits and _ (e.g. company)", *at, "name")
        return None
    if name in RESERVED:
        bad(f"'{name}' is reserved for the form's own hidden fields", *at, "name")
    if name in seen:
        bad(f"'{name}' appears twice in this form", *at, "name")
    seen.add(name)
    ftype = spec.get("type", "text")
    if ftype not in FIELD_TYPES:
        bad(f"'{ftype}' is not one of {', '.join(FIELD_TYPES)}", *at, "type")
        ftype = "text"
    required = _flag(spec, "required", bad, *at)
    limit = _limit(spec, ftype, bad, at)
    if not _is_text(spec.get("label")):
        bad(_TEXT_NEEDED, *at, "label")
    for key in sorted(set(spec) - set(FIELD_KEYS)):
        bad(f"unknown key (known: {', '.join(FIELD_KEYS)})", *at, key)
    label, autocomplete = spec.get("label") or name, str(spec.get("autocomplete") or "")
    return FormField(name, label, ftype, required, limit, autocomplete)


def _limit(spec: dict[str, Any], ftype: str, bad: _Report, at: tuple[str, int]) -> int:
    """A field's `max` characters: a positive whole number, else the type's default (reported)."""
    limit = spec.get("max", DEFAULT_MAX[ftype])
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        bad(f"must be a positive whole number of characters (got {limit!r})", *at, "max")
        return DEFAULT_MAX[ftype]
    return limit


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
        errors.append(FieldError(name, code, ui.say(f"form_errors.{code}", lang, **params)))

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
    served from another origin than the site). The markup is theme/partials/hub-form.html.
    """
    formdef = form_definition(config, form_id)
    by_field = _errors_by_field(errors)
    values = values or {}
    local = lambda value: text(value, lang, config.default_lang)
    leads = config.hub["leads"]
    privacy = localized_path(str(leads["privacy_url"]), lang, config)
    return _template().render(
        lang=lang,
        form_id=form_id,
        base=f"hub-form-{form_id}",
        action=safe_url(f"{str(leads['endpoint']).rstrip('/')}/forms/{form_id}"),  # no javascript:
        says=_script_says(formdef, lang, config),
        title=local(formdef.title),
        submit=local(formdef.submit),
        general=by_field.get(""),
        listed=_listed(formdef, by_field, local),
        fields=[_shown(spec, values, by_field, local) for spec in formdef.fields],
        boxes=_consent_boxes(config, values, by_field),
        privacy=safe_url(site_origin.rstrip("/") + privacy),
        company=local(config.hub["company"]["name"]) or config.site_name,
        hidden=_hidden_context(config, form_id, lang, hidden).items(),
        honeypot=HONEYPOT,
    )


def _errors_by_field(errors: Mapping[str, str] | Iterable[FieldError] | None) -> dict[str, str]:
    """Field name ("" for the whole form) -> its message; of a field's FieldErrors, the first."""
    if isinstance(errors, Mapping):
        return dict(errors)
    merged: dict[str, str] = {}
    for err in errors or ():
        merged.setdefault(err.field, err.message)
    return merged


def _script_says(formdef: FormDef, lang: str, config: HubConfig) -> list[tuple[str, str]]:
    """What the script says in the page's language, as data-hub-* attributes: the browser's own
    validation bubbles speak the browser's language, so the script sets these instead
    (setCustomValidity); a gated form confirms in place with the signed link."""
    words = ui.table(lang)
    says = [
        (f"data-hub-msg-{code}", str(words["form_errors"][code]))
        for code in ("required", "email", "tel", "consent", "crossborder")
    ]
    if formdef.gated:
        success = text(formdef.success, lang, config.default_lang)
        says += [
            ("data-hub-gated", "1"),
            ("data-hub-success", success or str(words["form"]["received"])),
            ("data-hub-download", str(words["form"]["download"])),
            ("data-hub-download-note", str(words["form"]["download_note"])),
        ]
    return says


@dataclass(frozen=True)
class _Shown:
    """A visible field as the template shows it: its words in the page's language, its value
    and its error message ("" for none)."""

    name: str
    label: str
    type: str
    required: bool
    max: int
    autocomplete: str
    value: str
    message: str


def _shown(
    spec: FormField, values: Mapping[str, Any], errors: dict[str, str], local: Callable[[Any], str]
) -> _Shown:
    value = values.get(spec.name)
    return _Shown(
        name=spec.name,
        label=local(spec.label),
        type=spec.type,
        required=spec.required,
        max=spec.max,
        autocomplete=spec.autocomplete,
        value="" if value is None else str(value),
        message=errors.get(spec.name) or "",
    )


def _listed(
    formdef: FormDef, errors: dict[str, str], local: Callable[[Any], str]
) -> list[tuple[str, str, str]]:
    """The error summary's entries in the form's order: (field name, its label or "", message)."""
    order = [f.name for f in formdef.fields] + [CONSENT, CONSENT_CROSSBORDER]
    listed = []
    for name in order:
        if errors.get(name):
            spec = formdef.field(name)
            listed.append((name, local(spec.label) if spec else "", errors[name]))
    return listed


def _consent_boxes(
    config: HubConfig, values: Mapping[str, Any], errors: dict[str, str]
) -> list[dict[str, Any]]:
    """The consent boxes (crossborder only where leads go abroad), never ticked unless refilled;
    `words` names the sentence in the `form` section of the UI strings."""
    names = [CONSENT] + ([CONSENT_CROSSBORDER] if config.hub["leads"].get("crossborder") else [])
    words = {CONSENT: "consent", CONSENT_CROSSBORDER: "crossborder"}
    return [
        {
            "name": name,
            "words": words[name],
            "message": errors.get(name) or "",
            "checked": is_true(values.get(name)),
        }
        for name in names
    ]


def _hidden_context(
    config: HubConfig, form_id: str, lang: str, hidden: Mapping[str, Any] | None
) -> dict[str, str]:
    """Every hidden field's value: the caller's context (known names only), then the form's own."""
    context = dict.fromkeys(HIDDEN_FIELDS, "")
    context.update({k: str(v) for k, v in (hidden or {}).items() if k in context and v is not None})
    consent_version = str(config.hub["leads"]["consent_version"])
    context.update(form_id=form_id, lang=lang, consent_version=consent_version)
    return context


def _escape(value: Any) -> Markup:
    """Text as HTML the way html.escape writes it (&quot; &#x27;), so the markup stays the same
    byte for byte as it was when Python wrote it; markup passes through."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True))


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(THEME_DIR),
        autoescape=True,
        finalize=_escape,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["e"] = env.filters["escape"] = _escape
    env.globals["hub_ui"] = ui.table
    return env.get_template("partials/hub-form.html")
