"""`hubtool new`: a new piece from a template, and the other-language counterpart of an existing one."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from ..config import HubConfig
from ..content.load import COLLECTIONS, NEWS_DIR, load_item, split_front_matter
from ..errors import HubError
from ..text import has_han

NEWS_TEMPLATES = ("event", "partnership", "product-launch", "award", "standard")
FOLDERS = {
    kind: name for name, kind in COLLECTIONS.items()
}  # case -> cases, whitepaper -> whitepapers
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 60
_TOKEN = re.compile(r"\{\{(\w+)\}\}")
_STATUS_LINE = re.compile(r"^status:[^\n]*$", re.M)


class Exists(HubError):
    """The target file exists: `hubtool new` never overwrites (exit 1, not a tool error)."""


@dataclass(frozen=True)
class Created:
    """A file `hubtool new` wrote."""

    path: Path
    rel: str
    template: str  # where its text came from: a template file or the source of a translation


def template_name(kind: str, template: str | None, lang: str, default_lang: str) -> str:
    stem = f"news-{template or 'standard'}" if kind == "news" else kind
    return f"{stem}.md" if lang == default_lang else f"{stem}.{lang}.md"


def template_file(config: HubConfig, name: str) -> tuple[str, str]:
    """(text, where) of a template: the company's folder (extra.hub.templates_dir) first, then ours."""
    folder = str(config.hub.get("templates_dir") or "")
    if folder:
        custom = (config.root / folder).resolve()
        if not custom.is_dir():
            raise HubError(
                f"{config.path.name}:{config.line_of('templates_dir')}: "
                f"extra.hub.templates_dir: folder '{folder}' does not exist"
            )
        if (custom / name).is_file():
            return (custom / name).read_text(encoding="utf-8"), config.rel(custom / name)
    packaged = resources.files("hubtool") / "data" / "templates" / name
    if not packaged.is_file():
        raise HubError(f"no template '{name}' (packaged templates: hubtool/data/templates/)")
    return packaged.read_text(encoding="utf-8"), f"hubtool/data/templates/{name}"


def slugify(title: str) -> str:
    """An ASCII slug from a Latin-script title; '' when the title has no Latin letters or digits."""
    value = unicodedata.normalize("NFKD", title)
    value = "".join(c for c in value if not unicodedata.combining(c)).lower()
    value = re.sub(r"['’]", "", value)  # buyer's -> buyers, not buyer-s
    words = re.findall(r"[a-z0-9]+", value)
    slug = ""
    for word in words:  # cut at a word boundary
        if len(slug) + len(word) + 1 > SLUG_MAX:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


PINYIN_MAX = 40  # a pinyin slug reads worse than English: keep it to the title's first few words
# Words an address does not miss: particles and conjunctions, and 某 ("a certain"), how an
# anonymised customer is named (某城商行 is `chengshanghang`, not `mou-chengshanghang`).
_FILLER = frozenset("的与和及之了某")


def pinyin_slug(title: str) -> str:
    """A slug from a Chinese title: its words (segmented as the audit does) in toneless pinyin,
    syllables of one word run together, words joined by hyphens, fillers left out, cut at a word
    boundary after PINYIN_MAX characters. '' when nothing in the title converts (emoji,
    punctuation, kana)."""
    from pypinyin import lazy_pinyin  # imported only when a Chinese title needs it

    from ..text import tokens

    words: list[tuple[str, bool]] = []  # (word, from a single Han character)
    for token in tokens(title):  # normalised: lower case, Simplified, punctuation dropped
        if token in _FILLER:
            continue
        if has_han(token):
            word = "".join(lazy_pinyin(token, errors=lambda _: ""))
            word = re.sub(r"[^a-z0-9]", "", word.lower())
        else:
            word = slugify(token)
        if word:
            words.append((word, len(token) == 1 and has_han(token)))
    kept: list[tuple[str, bool]] = []
    length = -1
    for word, single in words:
        if kept and length + len(word) + 1 > PINYIN_MAX:
            # A cut slug does not end on a one-character word: 集团跨院区 cut after 跨 read
            # `…-jituan-kua`, half of a phrase.
            while len(kept) > 1 and kept[-1][1]:
                kept.pop()
            break
        kept.append((word if kept else word[:SLUG_MAX], single))
        length += len(kept[-1][0]) + 1
    return "-".join(word for word, _ in kept)


def proposed_slug(title: str, kind: str, date: dt.date) -> str:
    """The slug `hubtool new` proposes when none is given: from the title (pinyin for Chinese),
    else `<kind>-<YYYYMMDD>` so the writer still gets a file to start from."""
    made = pinyin_slug(title) if has_han(title) else slugify(title)
    return made or f"{kind}-{date:%Y%m%d}"


def check_slug(slug: str) -> str:
    if not SLUG.match(slug):
        raise HubError(
            f"--slug '{slug}': use lower-case letters, digits and hyphens, e.g. bank-joint-risk"
        )
    return slug


def target_path(config: HubConfig, kind: str, slug: str, lang: str) -> Path:
    name = f"{slug}.md" if lang == config.default_lang else f"{slug}.{lang}.md"
    if kind == "news":
        return config.docs_dir / NEWS_DIR / "posts" / name
    return config.root / FOLDERS[kind] / name


def yaml_scalar(value: str) -> str:
    """`value` as a YAML scalar: plain where YAML reads it back unchanged (not `2026`, `yes`,
    `a: b` or `x #1`), else double-quoted."""
    try:
        if "\n" not in value and yaml.safe_load(value) == value:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(
        value, ensure_ascii=False
    )  # a JSON string is a valid YAML double-quoted scalar


def render(text: str, values: dict[str, str]) -> str:
    """Fill `{{name}}` tokens: YAML-quoted in the front matter, as written in the body."""
    front, body, _ = split_front_matter(text)

    def fill(part: str, quote: bool) -> str:
        def one(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in values:
                return match.group(0)
            return yaml_scalar(values[name]) if quote and name == "title" else values[name]

        return _TOKEN.sub(one, part)

    if front is None:
        return fill(text, False)
    return f"---\n{fill(front, True)}---\n{fill(body, False)}"


def _write_new(config: HubConfig, path: Path, text: str, origin: str) -> Created:
    """Write `text` to a new file, then load it: if it is invalid, remove it and say why."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise Exists(
            f"{config.rel(path)} already exists; edit it, or choose another --slug"
        ) from None
    errors = load_item(path, config).errors
    if errors:
        path.unlink()
        raise HubError(f"template {origin} gives invalid front matter: {errors[0]}")
    return Created(path, config.rel(path), origin)


def new_piece(
    config: HubConfig,
    kind: str,
    title: str,
    *,
    template: str | None = None,
    lang: str | None = None,
    slug: str | None = None,
    date: dt.date | None = None,
    today: dt.date | None = None,
) -> Created:
    """Create a case, whitepaper or news item from its template, as a draft."""
    lang = lang or config.default_lang
    if lang not in config.languages:
        raise HubError(f"--lang {lang}: this hub's languages are {', '.join(config.languages)}")
    if template and kind != "news":
        raise HubError(
            "--template is for news only (event, partnership, product-launch, award, standard)"
        )
    if not title.strip():
        raise HubError("the title is empty")
    name = template_name(kind, template, lang, config.default_lang)
    text, origin = template_file(config, name)
    slug = (
        check_slug(slug) if slug else proposed_slug(title, kind, date or today or dt.date.today())
    )
    vocab = config.hub["vocabulary"]
    values = {
        "title": title.strip(),
        "date": (date or today or dt.date.today()).isoformat(),
        "slug": slug,
        "audience": " | ".join(map(str, vocab["audience"])),
        "industries": " | ".join(map(str, vocab["industries"])),
        "forms": " | ".join(map(str, config.hub["forms"])) or "contact",
        "cta": str((config.hub["defaults"].get(kind) or {}).get("cta") or "contact"),
        "approvals": str((config.hub.get("approvals") or {}).get(kind, 0)),
    }
    return _write_new(config, target_path(config, kind, slug, lang), render(text, values), origin)


# (placeholder line under the H1, comment on the `translate` field), per target language.
MARK = {
    "zh": (
        "待补充：本页译自 {source}，译完后删除本行和 front matter 中的 translate 字段。",
        "译完后删除本行",
    ),
    "en": (
        "TODO: translate this page from {source}, then delete this line and the translate field.",
        "delete this line once translated",
    ),
}


def translate(config: HubConfig, source: Path, lang: str | None = None) -> Created:
    """The other-language counterpart of `source`: same front matter, marked for translation, as a
    draft; the body kept (to be translated in place) behind a placeholder line that ED003 reports."""
    if not source.is_file():
        raise HubError(f"{source}: no such file")
    item = load_item(source, config)
    if item.errors:
        raise HubError(f"fix {item.rel} first: {item.errors[0]}")
    others = [other for other in config.languages if other != item.lang]
    lang = lang or (others[0] if len(others) == 1 else None)
    if lang not in others:
        raise HubError(
            f"{item.rel}: translate into which language? --lang one of {', '.join(others)}"
        )
    stem = source.name.removesuffix(".md").removesuffix(f".{item.lang}")
    name = f"{stem}.md" if lang == config.default_lang else f"{stem}.{lang}.md"
    front, body, _ = split_front_matter(source.read_text(encoding="utf-8"))
    front = re.sub(r"^translate:[^\n]*\n", "", front or "", flags=re.M)
    # A half-translated page must not go live: the counterpart starts as a draft.
    front = (
        _STATUS_LINE.sub("status: draft", front)
        if _STATUS_LINE.search(front)
        else front + "status: draft\n"
    )
    mark = MARK.get(lang, MARK["en"])
    front += f"translate: todo  # {mark[1]} (source: {item.rel})\n"
    lines = body.splitlines(keepends=True)
    # The placeholder line goes under the H1, so the page still opens with its heading.
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    head = "".join(lines[:at]) + ("\n" if at else "")
    body = f"{head}{mark[0].format(source=item.rel)}\n\n{''.join(lines[at:]).lstrip(chr(10))}"
    return _write_new(config, source.with_name(name), f"---\n{front}---\n{body}", item.rel)
