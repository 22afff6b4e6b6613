"""The schema of `extra.hub` in mkdocs.yml: every setting once, with its type, allowed values,
default and description. `load_config` checks a hub's settings against it and reports every
problem at once, each as `mkdocs.yml:line: extra.hub.<key>: …`.

A plain data declaration (no library): the types are the few YAML gives us, and the checks must
speak the hub's language (file:line, "did you mean", the comma YAML split). Open mappings whose
entries are checked where they are used with richer messages (`forms` by forms.py, `audit.rules` by
the audit engine, `calendar.topics`, `analytics`, `review`) are declared `any`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import Problem, did_you_mean
from .yamlfile import Path_, dotted

# text: a string or a number (YAML reads `year: 2026` as a number); i18n: text, or text per
# language ({zh: …, en: …}); list: a list of `each` (text by default); map: the fixed `fields`;
# dict: open keys (ids chosen by the company), each value an `each`; any: not checked here.
TYPES = ("str", "text", "i18n", "bool", "int", "number", "date", "list", "map", "dict", "any")


@dataclass(frozen=True)
class Key:
    """One setting under `extra.hub`."""

    type: str
    doc: str = ""
    default: Any = None
    choices: tuple[str, ...] = ()
    fields: Mapping[str, Key] = field(default_factory=dict)
    each: Key | None = None
    minimum: float | None = None
    shown: str = ""  # the default as the guide shows it, where the value itself is too long

    def __post_init__(self) -> None:
        assert self.type in TYPES, self.type


def Map(doc: str, **fields: Key) -> Key:
    return Key("map", doc, fields=fields)


def ListOf(doc: str, **fields: Key) -> Key:
    """A list of mappings with these fields (badge entries)."""
    return Key("list", doc, default=[], each=Key("map", fields=fields))


_I18N = Key("i18n")
_URL = Key("str", "An http(s) URL.", default="")
_NUMBER = Key("number", minimum=0)

HUB = Map(
    "hubtool's settings.",
    company=Map(
        "The company behind the hub: names, contacts, and the filing numbers Chinese sites show.",
        name=Key("i18n", "Short name, per language. Falls back to `site_name`.", ""),
        legal_name=Key(
            "i18n", "Registered name, shown in the footer's copyright line and as `legalName`.", ""
        ),
        url=Key(
            "str", "The company's main website (`Organization.url`); defaults to `site_url`.", ""
        ),
        logo=Key(
            "str",
            "Path under `docs/` (or a URL). `Organization.logo`, and the social image of pages "
            "without their own `image`. Prefer a PNG of at least 1200×630 for link previews; SVG "
            "logos are not shown by most social networks.",
            "",
        ),
        email=Key("str", "Contact email in the JSON-LD.", ""),
        phone=Key("text", 'Contact phone in the JSON-LD (quote it: "+86 10 …").', ""),
        address=Key("i18n", "Postal address (per language), in the footer and the JSON-LD.", ""),
        same_as=Key(
            "list",
            "Official profiles (LinkedIn, Zhihu, WeChat official account page, Wikipedia): "
            "`Organization.sameAs`.",
            [],
            each=Key("str"),
        ),
        aliases=Key(
            "list",
            "Other names of the company (short names, former names, English names). ED002 reads a "
            "claim about them as the company's own claim; the short form of `name` and "
            "`legal_name` (星衡 for 北京星衡数据科技有限公司) is added by itself.",
            [],
        ),
        products=Key(
            "list",
            "Product names (strings, or `{name, aliases}`): a superlative about one of them is the "
            "company's claim (ED002 error), not a third party's.",
            [],
            each=Key("any"),
        ),
        icp=Map(
            "ICP filing number, shown in every page's footer and linked to the MIIT register "
            "(`https://beian.miit.gov.cn/`). Required for sites hosted in mainland China.",
            number=Key("text", "Filing number.", ""),
            url=Key("str", "Its register.", ""),
        ),
        psb=Map(
            "Public-security (公安) filing number and its link, shown beside the ICP number.",
            number=Key("text", "Filing number.", ""),
            url=Key("str", "Its register.", ""),
        ),
    ),
    languages=Map(
        "The hub's languages.",
        default=Key(
            "str",
            "The language of files without a language suffix, published at the site root; also "
            "the language of hubtool's messages to writers.",
            "zh",
        ),
        others=Key(
            "list",
            "Other languages: `name.en.md` beside `name.md` is its English version, published "
            "under `/en/`.",
            ["en"],
        ),
    ),
    vocabulary=Map(
        "Words the front matter may use.",
        audience=Key(
            "list",
            "Allowed values of the front-matter `audience`.",
            ["decision-maker", "evaluator", "user", "admin", "buyer"],
        ),
        industries=Key(
            "dict",
            "Allowed industry slugs, each with its label per language. Case studies are grouped "
            "by them.",
            {},
            each=_I18N,
        ),
        categories=Key(
            "dict",
            "Display names of news categories per language; a post's `categories:` keeps the slug "
            "(it names the URL `/news/category/<slug>/`).",
            shown="product, partnership, event, award, standard with zh/en labels",
            default={
                "product": {"zh": "产品动态", "en": "Product"},
                "partnership": {"zh": "合作伙伴", "en": "Partnerships"},
                "event": {"zh": "活动", "en": "Events"},
                "award": {"zh": "荣誉资质", "en": "Awards"},
                "standard": {"zh": "标准规范", "en": "Standards"},
            },
            each=_I18N,
        ),
    ),
    defaults=Key(
        "dict",
        "Front-matter defaults per content kind (case, whitepaper, news, page).",
        {
            "case": {"cta": "demo"},
            "whitepaper": {"cta": "whitepaper-download"},
            "news": {"cta": "contact"},
        },
        choices=("case", "whitepaper", "news", "page"),
        each=Map("", cta=Key("str", "The kind's call to action: a form id or a link.")),
    ),
    leads=Map(
        "The lead receiver (`hubtool leads serve`) and the forms' endpoint.",
        endpoint=Key(
            "str",
            "Base URL the forms post to (`<endpoint>/forms/<id>`): the hub's own receiver, or an "
            "external endpoint.",
            "http://127.0.0.1:8001",
        ),
        site_origins=Key(
            "list",
            "Origins allowed to post (checked against `Origin`); list the production site too.",
            ["http://127.0.0.1:8000", "http://localhost:8000"],
            each=Key("str"),
        ),
        privacy_url=Key(
            "str",
            "The privacy notice linked from every consent box and from the footer (the translated "
            "page where one exists).",
            "/privacy/",
        ),
        consent_version=Key(
            "text",
            "Version of the consent text, stored with every lead (proof of consent). Change it "
            "when the text changes.",
            "1",
        ),
        crossborder=Key(
            "bool",
            "`true` when leads go to a CRM outside China: the forms add a separate, unticked "
            "cross-border consent (PIPL art. 39).",
            False,
        ),
        min_fill_seconds=Key(
            "number",
            "Submissions faster than this after the form was shown are treated as bots.",
            2,
            minimum=0,
        ),
        rate_limit=Map(
            "Submissions per client per minute.",
            per_minute=Key("int", "Posts per minute per client.", 20, minimum=0),
        ),
        download_ttl_hours=Key(
            "number", "Lifetime of the signed link to a gated whitepaper's file.", 72, minimum=0
        ),
        webhook=Map(
            "CRM webhook: URL, the environment variable holding the HMAC secret, and delivery "
            "attempts before a lead goes to the dead-letter list.",
            url=Key("str", "The webhook URL (empty: none).", ""),
            secret_env=Key(
                "str", "Environment variable holding the signing secret.", "HUBTOOL_WEBHOOK_SECRET"
            ),
            max_attempts=Key("int", "Deliveries tried before giving up.", 8, minimum=0),
        ),
    ),
    forms=Key("any", "Lead forms by id (checked by forms.py with the form's own messages).", {}),
    header_cta=Map(
        "The header's call-to-action button on every page.",
        form=Key("str", "A form id of `forms`.", ""),
        label=Key("i18n", "Its label per language.", {}),
        page=Key("str", "The page showing that form (default: the language's home page).", ""),
    ),
    badges=Map(
        "Trust badges (the strip, Organization JSON-LD). Expired certificates are hidden.",
        customers=ListOf(
            "Extra customer logos without a case study: `{name, logo, url}`. Every published case "
            "study's `customer` (name, logo) is shown first, linking to the case (in the page's "
            "language where translated). Only customers with `approved` not set to `false` appear.",
            name=_I18N,
            logo=Key("str"),
            url=Key("str"),
        ),
        certifications=ListOf(
            "`{name, issuer, number, valid_from, valid_until, verify_url}`. Shown with issuer, "
            "number, expiry date and a link to where it can be checked, and listed as "
            "`hasCertification` in the `Organization` JSON-LD. **A certificate past `valid_until` "
            "is hidden, and every build warns** (`mkdocs build --strict` fails) until it is "
            "renewed or removed.",
            name=_I18N,
            issuer=_I18N,
            number=Key("text"),
            valid_from=Key("date"),
            valid_until=Key("date"),
            verify_url=_URL,
        ),
        patents=ListOf(
            "`{number, title, url}`: patent number (e.g. `CN114221658B`), title, link to the "
            "register entry.",
            number=Key("text"),
            title=_I18N,
            url=_URL,
        ),
        awards=ListOf(
            "`{name, issuer, year, url}`; also `Organization.award`.",
            name=_I18N,
            issuer=_I18N,
            year=Key("text"),
            url=_URL,
        ),
        analysts=ListOf(
            "`{firm, report, mention, year, url}`: analyst reports that name the company.",
            firm=_I18N,
            report=_I18N,
            mention=_I18N,
            year=Key("text"),
            url=_URL,
        ),
    ),
    approvals=Key(
        "dict",
        "Sign-offs a kind needs before publication (ED004).",
        {"whitepaper": 2},
        each=Key("int", minimum=0),
    ),
    cadence=Map(
        "Publishing rhythm (CAD rules, calendar, report).",
        news_max_age_days=Key(
            "number", "CAD001: the newest news item may be at most this old.", 30, minimum=0
        ),
        news_max_gap_days=Key(
            "number", "CAD002: longest allowed gap between two news items.", 45, minimum=0
        ),
        whitepaper_max_age_days=Key(
            "number", "CAD003: the newest whitepaper may be at most this old.", 180, minimum=0
        ),
        refresh_after_days=Key(
            "number",
            "CAD004: pages not updated for this long are due for a refresh.",
            540,
            minimum=0,
        ),
        scheduled_publishing=Key(
            "bool",
            "`true` when CI publishes future-dated pieces on their date (turns off the "
            "future-date rule).",
            False,
        ),
        targets_per_month=Key(
            "dict",
            "Publishing targets per kind, compared with what was published in the report.",
            {"news": 1, "case": 0.5, "whitepaper": 0.34},
            each=_NUMBER,
        ),
    ),
    review=Key(
        "any",
        "`roles`: the roles whose sign-off each content kind needs, e.g. "
        "`{roles: {whitepaper: [legal, product]}}`; `hubtool review` lists published pieces "
        "whose `approvals` lack one.",
        {},
    ),
    calendar=Map(
        "The editorial calendar.",
        topics=Key(
            "any",
            "The quarter's topics, quarters written `2026-Q4`: `{2026-Q4: [数据要素, 等保 2.0]}`, "
            "shown by `hubtool calendar`.",
            {},
        ),
    ),
    templates_dir=Key(
        "str",
        "Folder (relative to `mkdocs.yml`) with the company's own `hubtool new` templates; "
        "empty = the packaged ones.",
        "",
    ),
    gated_dir=Key(
        "str",
        "Folder (relative to `mkdocs.yml`) where the `file` of every gated whitepaper must "
        "live. A `file` that leaves it once `..` and symbolic links are resolved — an absolute "
        "path, `../var/secret`, a link out of the folder — is an FM001 error in `hubtool check`, "
        "stops the build with file:line, and stops `hubtool leads serve` at start-up; the "
        "receiver checks the path again at every download. The folder must be inside the hub, "
        "and neither the hub itself nor `var/`. Gated files are never copied into the site.",
        "whitepapers/files",
    ),
    keywords=Map(
        "Search phrases the hub targets (report).",
        targets=Key(
            "any",
            "Search phrases the hub should rank for: a phrase, or `{keyword, lang}`. The report "
            "lists targets no page covers.",
            [],
        ),
    ),
    analytics=Key(
        "any",
        "Column names of your analytics CSV export when they differ from the GA4 and Baidu Tongji "
        "layouts: `{url: …, views: …, visitors: …}` (a name or a list of names).",
        {},
    ),
    audit=Map(
        "The audit's settings.",
        rules=Key(
            "any",
            "Per rule code: `enabled`, `severity`, `exclude` (path patterns) and the rule's own "
            "options, e.g. `{KW002: {severity: warning}, CAD002: {max_gap_days: 60}}`. "
            "`hubtool rules CODE` documents each rule.",
            {},
        ),
        wordlists=Key(
            "str",
            "A YAML file extending or trimming the packaged taboo and advertising-law word lists.",
            "",
        ),
    ),
)


def defaults(key: Key = HUB) -> Any:
    """The default value of a setting: a map's is its fields' defaults."""
    if key.type == "map":
        return {name: defaults(child) for name, child in key.fields.items()}
    return key.default


def check(user: Any, lines: Mapping[Path_, int], file: str) -> list[Problem]:
    """Every problem of a hub's `extra.hub` settings (as written, before defaults are merged)."""
    if user is None:
        return []
    languages = _languages(user)
    problems: list[Problem] = []
    _check(user, HUB, ("extra", "hub"), _Where(lines, file, languages, problems))
    return problems


@dataclass(frozen=True)
class _Where:
    lines: Mapping[Path_, int]
    file: str
    languages: tuple[str, ...]
    problems: list[Problem]

    def add(self, path: Path_, message: str) -> None:
        line = next(
            (self.lines[path[:n]] for n in range(len(path), 0, -1) if path[:n] in self.lines), 1
        )
        self.problems.append(Problem(self.file, line, dotted(path), message))


def _languages(user: Any) -> tuple[str, ...]:
    langs = user.get("languages") if isinstance(user, dict) else None
    langs = langs if isinstance(langs, dict) else {}
    default, others = langs.get("default", "zh"), langs.get("others", ["en"])
    others = others if isinstance(others, list) else []
    return tuple(str(lang) for lang in (default, *others))


_SPLIT = " (an unquoted comma inside { … } ends the value before it: put that text in quotes)"


def _check(value: Any, key: Key, path: Path_, where: _Where) -> None:
    if value is None or key.type == "any":
        return  # an empty setting keeps its default
    checker = _CHECKS.get(key.type)
    if checker is not None:
        message = checker(value, key)
        if message:
            where.add(path, message)
        return
    if key.type == "i18n":
        _check_i18n(value, path, where)
    elif key.type == "list":
        if not isinstance(value, list):
            where.add(path, f"must be a list, e.g. [a, b] (got {_describe(value)})")
            return
        for index, item in enumerate(value):
            _check(item, key.each or Key("text"), (*path, index), where)
    elif key.type in ("map", "dict"):
        _check_mapping(value, key, path, where)


def _check_mapping(value: Any, key: Key, path: Path_, where: _Where) -> None:
    if not isinstance(value, dict):
        names = ", ".join(key.fields) if key.fields else "ids to values"
        where.add(path, f"must be a mapping ({names}), got {_describe(value)}")
        return
    for name, child in value.items():
        spec = key.fields.get(str(name)) if key.type == "map" else key.each
        if key.type == "dict" and key.choices and str(name) not in key.choices:
            spec = None
        if spec is None:
            known = key.fields if key.type == "map" else key.choices
            hint = _SPLIT if child is None else did_you_mean(str(name), known)
            where.add((*path, str(name)), f"unknown setting{hint}")
            continue
        _check(child, spec, (*path, str(name)), where)


def _check_i18n(value: Any, path: Path_, where: _Where) -> None:
    if _is_text(value):
        return
    if not isinstance(value, dict):
        where.add(
            path,
            "must be text, or text per language "
            f"({{{', '.join(f'{lang}: …' for lang in where.languages)}}}); "
            f"got {_describe(value)}",
        )
        return
    for lang, text in value.items():
        if str(lang) not in where.languages and text is None:
            where.add(
                path, f"the text was cut at a comma: YAML read '{lang}' as a key of its own{_SPLIT}"
            )
        elif str(lang) not in where.languages:
            where.add(
                (*path, str(lang)),
                f"'{lang}' is not a language of the hub "
                f"({', '.join(where.languages)}){did_you_mean(str(lang), where.languages)}",
            )
        elif text is not None and not _is_text(text):
            where.add((*path, str(lang)), f"must be text (got {_describe(text)})")


def _is_text(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _str(value: Any, key: Key) -> str:
    if not isinstance(value, str):
        return f"must be text (got {_describe(value)})"
    if key.choices and value not in key.choices:
        return f"'{value}' is not one of {', '.join(key.choices)}{did_you_mean(value, key.choices)}"
    return ""


def _text(value: Any, key: Key) -> str:
    return "" if _is_text(value) else f"must be text (got {_describe(value)})"


def _bool(value: Any, key: Key) -> str:
    if isinstance(value, bool):
        return ""
    quoted = " (in quotes it is text, not a yes/no)" if isinstance(value, str) else ""
    return f"must be true or false, got {value!r}{quoted}"


def _number(value: Any, key: Key) -> str:
    whole = key.type == "int"
    ok = isinstance(value, int if whole else (int, float)) and not isinstance(value, bool)
    kind = "a whole number" if whole else "a number"
    if ok and (key.minimum is None or value >= key.minimum):
        return ""
    at_least = f" ≥ {key.minimum:g}" if key.minimum is not None else ""
    return f"must be {kind}{at_least} (got {value!r})"


def _date(value: Any, key: Key) -> str:
    if isinstance(value, dt.date):
        return ""
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return f"must be a date written YYYY-MM-DD (got {value!r})"
    return ""


_CHECKS = {
    "str": _str,
    "text": _text,
    "bool": _bool,
    "int": _number,
    "number": _number,
    "date": _date,
}


def _describe(value: Any) -> str:
    return {list: "a list", dict: "a mapping", bool: "true/false"}.get(type(value), repr(value))
