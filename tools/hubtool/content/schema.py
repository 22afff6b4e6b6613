"""Front-matter fields per content kind: one declaration used to validate files and to write JSON Schemas."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import Problem
from ..escape import unsafe_scheme
from ..messages import describe, did_you_mean, say
from ..yamlfile import Path_, dotted

KINDS = ("case", "whitepaper", "news", "page")
CONTENT_KINDS = ("case", "whitepaper", "news")
STAGES = ("awareness", "consideration", "decision", "retention")
STATUSES = ("draft", "review", "published")
TIERS = ("S", "A", "B", "C")
NEWS_CATEGORIES = ("product", "partnership", "event", "award", "standard")
# An open choice (a new news category) names a page and a feed <category> the RSS plugin writes
# unescaped: it must be a plain name.
MARKUP = re.compile(r"[<>&\"'`]")
# Fields whose value the site links or loads (<img src>, og:image, the RSS enclosure, which the
# RSS plugin writes unescaped): a path or an http(s) URL, with no quote or angle bracket.
LINK_FIELDS = ("logo", "image", "href")
MARKUP_IN_PATH = re.compile(r"[<>\"'`]")


@dataclass(frozen=True)
class Field:
    """One front-matter key. `type` is str, text (str or number), date, bool, int, list, map or list-of-map."""

    name: str
    type: str
    doc: str
    kinds: tuple[str, ...] = KINDS
    required: tuple[str, ...] = ()  # kinds for which the field is required
    choices: tuple[str, ...] | str = ()  # a tuple, or the name of a configured vocabulary
    fields: tuple[Field, ...] = ()  # children of a map / list-of-map
    open_choices: bool = False  # choices are suggestions only (news categories)


_AUDIT = (Field("ignore", "list", "Audit rule codes not to report for this file, e.g. [KW005]."),)
_CUSTOMER = (
    Field("name", "str", "The customer's name as they approved it.", required=("case",)),
    Field(
        "industry",
        "str",
        "The customer's industry (a slug of the configured vocabulary).",
        choices="industries",
    ),
    Field("tier", "str", "Account tier: S, A, B or C.", choices=TIERS),
    Field("logo", "str", "Path of the customer's logo (SVG preferred), relative to this file."),
    Field("url", "str", "The customer's website."),
    Field(
        "approved", "bool", "The customer allowed publication of this case (required to publish)."
    ),
)
_RESULT = (
    Field("value", "text", "The quantified outcome, e.g. 35% or 3x.", required=KINDS),
    Field("label", "str", "What the number measures, e.g. 'lower bad-debt rate'.", required=KINDS),
)
_QUOTE = (
    Field("text", "str", "What the customer said, in their words.", required=KINDS),
    Field("author", "str", "Who said it."),
    Field("role", "str", "Their role and company."),
)
_LINK = (
    Field("label", "str", "The button's text.", required=KINDS),
    Field(
        "href",
        "str",
        "Where it leads: #lead-form (this page's form), a page (.md, relative to "
        "this file), a site path or an http(s) URL.",
    ),
)
_HERO = (
    Field("eyebrow", "str", "One line above the heading: for whom (e.g. the industries served)."),
    Field("title", "str", "The hero heading (default: the page's H1)."),
    Field("lead", "str", "One or two sentences under the heading: what the visitor gets."),
    Field("primary", "map", "The main call to action (default: this page's form).", fields=_LINK),
    Field(
        "secondary", "map", "The second call to action, e.g. the flagship whitepaper.", fields=_LINK
    ),
)
_FIGURE = (
    Field("value", "text", "The number as shown, e.g. 96 or 41 s.", required=KINDS),
    Field("label", "str", "What it counts.", required=KINDS),
    Field("note", "str", "Its source or scope, e.g. 'October 2026'."),
)
_APPROVAL = (
    Field("by", "str", "Who approved.", required=KINDS),
    Field("role", "str", "Their role (legal, product, compliance, …)."),
    Field("date", "date", "When (YYYY-MM-DD)."),
)

FIELDS: tuple[Field, ...] = (
    Field(
        "title",
        "str",
        "The page title (also the H1 unless the body has its own).",
        required=CONTENT_KINDS,
    ),
    Field(
        "description",
        "str",
        "The meta description: 70-160 width units, with the keyword.",
        required=CONTENT_KINDS,
    ),
    Field("date", "date", "Publication date, YYYY-MM-DD.", required=CONTENT_KINDS),
    Field("updated", "date", "Date of the last substantial update, YYYY-MM-DD."),
    Field("keyword", "str", "The primary search phrase this page targets."),
    Field("related_keywords", "list", "Secondary search phrases."),
    Field("audience", "list", "Who the page is for.", choices="audience"),
    Field("stage", "str", "Purchase stage the page serves.", choices=STAGES),
    Field(
        "industries", "list", "Industry slugs of the configured vocabulary.", choices="industries"
    ),
    Field(
        "cta", "str", "Call to action: a form id (contact, demo, whitepaper-download) or a link."
    ),
    Field(
        "status",
        "str",
        "draft | review | published (default). Only published pages are built.",
        choices=STATUSES,
    ),
    Field("reviewers", "list", "Who must review a piece in status review."),
    Field("slug", "str", "Overrides the URL slug (default: the file name)."),
    Field("image", "str", "Social-card image, relative to this file or the docs folder."),
    Field("badges", "bool", "false hides the trust-badge strip on this page."),
    Field("audit", "map", "Per-file audit settings.", fields=_AUDIT),
    Field("tags", "list", "Topic tags."),
    Field(
        "translate", "str", "Set by `hubtool new --translate`: this file still needs translation."
    ),
    Field(
        "customer",
        "map",
        "The customer of a case study.",
        kinds=("case",),
        required=("case",),
        fields=_CUSTOMER,
    ),
    Field("results", "list-of-map", "Quantified outcomes.", kinds=("case",), fields=_RESULT),
    Field("quote", "map", "A customer quote.", kinds=("case",), fields=_QUOTE),
    Field(
        "gated",
        "bool",
        "true puts the file behind the lead form named by `form`.",
        kinds=("whitepaper",),
    ),
    Field(
        "form",
        "str",
        "The form that gates the file (default whitepaper-download).",
        kinds=("whitepaper",),
    ),
    Field(
        "file", "str", "The downloadable asset (PDF), relative to this file.", kinds=("whitepaper",)
    ),
    Field("pages", "int", "Number of pages of the asset.", kinds=("whitepaper",)),
    Field(
        "approvals",
        "list-of-map",
        "Sign-offs before publication.",
        kinds=("whitepaper",),
        fields=_APPROVAL,
    ),
    Field(
        "hero",
        "map",
        "Landing pages (template: landing.html): the first screen's text and buttons.",
        kinds=("page",),
        fields=_HERO,
    ),
    Field(
        "figures",
        "list-of-map",
        "Landing pages: key numbers shown as cards.",
        kinds=("page",),
        fields=_FIGURE,
    ),
    Field(
        "categories",
        "list",
        "News categories: product, partnership, event, award, standard, …",
        kinds=("news",),
        choices=NEWS_CATEGORIES,
        open_choices=True,
    ),
    # The feeds print authors unescaped (the RSS plugin's template): plain names only.
    Field(
        "authors",
        "list",
        "Author ids of the blog's .authors.yml.",
        kinds=("news",),
        open_choices=True,
    ),
    Field("author", "str", "The author the feeds name.", kinds=("news",), open_choices=True),
    Field("pin", "bool", "Pin the post to the top of the news index.", kinds=("news",)),
)

# Keys MkDocs or mkdocs-material read on ordinary pages; not ours, but not unknown either.
THEME_KEYS = frozenset(
    {
        "hide",
        "template",
        "search",
        "icon",
        "subtitle",
        "comments",
        "social",
        "robots",
        "links",
        "readtime",
        "draft",
    }
)


def fields_for(kind: str) -> tuple[Field, ...]:
    return tuple(f for f in FIELDS if kind in f.kinds)


def validate(
    meta: dict[str, Any],
    kind: str,
    rel: str,
    lines: dict[Path_, int],
    vocabulary: dict[str, Any],
    lang: str = "en",
    vocabulary_at: dict[str, str] | None = None,
) -> tuple[dict[str, Any], list[Problem]]:
    """Check front matter against the fields of `kind`; return normalised values and problems.

    `lang`: the language of the messages (zh or en). `vocabulary_at`: where each configured
    vocabulary is defined (`mkdocs.yml:40`), named in the message of a value outside it.
    """
    problems: list[Problem] = []
    ctx = _Ctx(kind, rel, lines, vocabulary, problems, lang, vocabulary_at or {})
    out = _check_map(meta, fields_for(kind), (), ctx, extra_ok=THEME_KEYS)
    out.setdefault("status", "published")
    return out, problems


@dataclass(frozen=True)
class _Ctx:
    """What every check of one file needs: where it is, its line map, the vocabulary, the language."""

    kind: str
    rel: str
    lines: dict
    vocabulary: dict
    problems: list[Problem]
    lang: str
    vocabulary_at: dict[str, str]


def _check_map(
    meta: dict,
    fields: tuple[Field, ...],
    path: Path_,
    ctx: _Ctx,
    extra_ok: frozenset[str] = frozenset(),
) -> dict:
    by_name = {f.name: f for f in fields}
    out: dict[str, Any] = {}
    lines, lang = ctx.lines, ctx.lang
    line = lambda p: lines.get(p) or lines.get(path) or 1
    for key, value in meta.items():
        key = str(key)
        spec = by_name.get(key)
        if spec is None:
            if key not in extra_ok:
                hint = did_you_mean(key, list(by_name), lang)
                ctx.problems.append(
                    Problem(
                        ctx.rel,
                        line((*path, key)),
                        dotted((*path, key)),
                        say("unknown_field", lang, hint=hint),
                        "warning",
                    )
                )
            out[key] = value
            continue
        checked = _check_value(value, spec, (*path, key), ctx)
        if checked is not None:
            out[key] = checked
    for spec in fields:
        if ctx.kind in spec.required and meta.get(spec.name) in (None, "", [], {}):
            ctx.problems.append(
                Problem(
                    ctx.rel,
                    line(path) if path else 1,
                    dotted((*path, spec.name)),
                    say("required", lang),
                )
            )
    return out


def _check_value(value: Any, spec: Field, path: Path_, ctx: _Ctx) -> Any:
    where = ctx.lines.get(path, 1)
    lang = ctx.lang

    def bad(key: str, **values: Any) -> None:
        ctx.problems.append(Problem(ctx.rel, where, dotted(path), say(key, lang, **values)))

    if value is None:
        return None
    if spec.type == "str":
        if not isinstance(value, str):
            return bad("not_text", got=describe(value, lang))
        if spec.name in LINK_FIELDS and (scheme := unsafe_scheme(value)):
            return bad("unsafe_scheme", scheme=scheme)
        if spec.name in LINK_FIELDS and MARKUP_IN_PATH.search(value):
            return bad("markup_in_path", value=repr(value))
        return _check_choice(value, spec, path, where, ctx)
    if spec.type == "text":
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return bad("not_text_or_number", got=describe(value, lang))
        return str(value)
    if spec.type == "date":
        return _check_date(value, bad)
    if spec.type == "bool":
        return value if isinstance(value, bool) else bad("not_bool", value=repr(value))
    if spec.type == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return value if ok else bad("not_int", value=repr(value))
    fields = ", ".join(f.name for f in spec.fields)
    if spec.type == "list":
        if isinstance(value, str):
            value = [value]  # a single value is a list of one: writers forget the brackets
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            return bad("not_list")
        items = [str(v) for v in value]
        for i, item in enumerate(items):
            _check_choice(item, spec, (*path, i), ctx.lines.get((*path, i), where), ctx)
        return items
    if spec.type == "map":
        if not isinstance(value, dict):
            return bad("not_map", fields=fields)
        return _check_map(value, spec.fields, path, ctx)
    if spec.type == "list-of-map":
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            return bad("not_list_of_maps", fields=fields)
        return [_check_map(v, spec.fields, (*path, i), ctx) for i, v in enumerate(value)]
    raise AssertionError(spec.type)


def _check_choice(value: str, spec: Field, path: Path_, line: int, ctx: _Ctx) -> str:
    vocabulary, lang = ctx.vocabulary, ctx.lang
    allowed = vocabulary.get(spec.choices, ()) if isinstance(spec.choices, str) else spec.choices
    allowed = tuple(allowed)
    if allowed and value not in allowed and not spec.open_choices:
        hint = did_you_mean(value, allowed, lang)
        message = say("not_choice", lang, value=value, allowed=", ".join(allowed), hint=hint)
        name = spec.choices if isinstance(spec.choices, str) else ""
        if name in ctx.vocabulary_at:
            # The writer's next step is mkdocs.yml, not this file: say where the vocabulary lives.
            example = f"{value}: {{zh: …, en: …}}" if name == "industries" else value
            message += say(
                "vocabulary_where", lang, name=name, where=ctx.vocabulary_at[name], example=example
            )
        ctx.problems.append(Problem(ctx.rel, line, dotted(path), message))
    if spec.open_choices and MARKUP.search(value):
        ctx.problems.append(
            Problem(ctx.rel, line, dotted(path), say("not_plain_name", lang, value=repr(value)))
        )
    return value


def _check_date(value: Any, bad: Callable[..., None]) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    bad("not_date", value=repr(value))
    return None
