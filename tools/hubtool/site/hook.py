"""The MkDocs integration: what `hooks/content.py` delegates to. One `Build` per MkDocs build."""

from __future__ import annotations

import datetime as dt
import gc
import html
import logging
import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_build_datetime

from .. import ui
from ..config import HubConfig, load_config, text, writers_lang
from ..content.items import Item
from ..content.load import (
    COLLECTIONS,
    NEWS_DIR,
    Hub,
    UnsafeLink,
    load_hub,
    printable,
    undecodable,
    unsafe_links,
)
from ..errors import HubError
from ..messages import say
from ..yamlfile import YamlError, load_with_lines
from . import badges, casefacts, cta, landing, listings, search, seo, slugs
from .formcache import FormCache
from .navlabels import PageNav
from .trust import TrustStrip
from .uistrings import UiStrings

log = get_plugin_logger("hubtool")  # a `mkdocs.*` logger, so --strict counts our warnings


@dataclass
class Build:
    """The hub as loaded for one build; created in on_config, so `mkdocs serve` rebuilds see edits."""

    config: HubConfig
    # The build's date (MkDocs honours SOURCE_DATE_EPOCH, so a reproducible build fixes it too):
    # certificates are shown or hidden as of this day.
    today: dt.date = field(default_factory=lambda: get_build_datetime().date())
    hub: Hub = field(default_factory=lambda: Hub(()))
    by_src_uri: dict[str, Item] = field(default_factory=dict)
    forms: FormCache = field(init=False)  # each lead form rendered once per language

    def __post_init__(self) -> None:
        self.forms = FormCache(self.config)


def refuse_unsafe_config() -> None:
    """Read the mkdocs.yml being loaded with our bounded YAML reader before MkDocs goes on with it.

    Called when MkDocs imports the hook, which it does while validating mkdocs.yml, before on_config:
    right after validation MkDocs logs `repr()` of every setting (mkdocs.config.base.load_config
    builds the debug message even when debug is off), which an alias bomb makes run for minutes.
    """
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and not isinstance(frame.f_locals.get("self"), Config):
        frame = frame.f_back
    path = getattr(frame.f_locals["self"], "config_file_path", None) if frame else None
    if not path:
        return  # not imported by MkDocs' configuration (a test, another generator): nothing to guard
    try:
        load_with_lines(Path(path).read_text(encoding="utf-8"))
    except YamlError as exc:
        log.error(f"{Path(path).name}:{exc.line}: {exc.reason}")  # on stderr, as MkDocs' own
        raise Abort("Aborted with a configuration error!") from None
    except (OSError, UnicodeDecodeError):
        return  # MkDocs reports an unreadable configuration itself


def _quiet_jieba() -> None:
    """mkdocs-material's search segments Chinese with jieba, which prints its dictionary loading on
    stderr at every build: noise in builds, audits and CI logs. Its messages stay at debug level."""
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)


def start(config_file: str) -> Build:
    gc.unfreeze()  # a previous build of `mkdocs serve` that failed before finish()
    _quiet_jieba()
    try:
        build = Build(load_config(config_file))
    except HubError as exc:
        raise PluginError(str(exc)) from None
    # Before MkDocs walks docs/ (it follows linked folders) and copies what links point to.
    _refuse_unsafe_links(unsafe_links(build.config), writers_lang(build.config))
    for warning in badges.expired_warnings(build.config, build.today):
        log.warning(warning)  # an expired certificate is hidden; --strict fails until it is renewed
    for warning in landing.header_cta_problems(build.config):
        log.warning(warning)  # no header button until the form exists; --strict fails
    return build


def collect(build: Build, files: Files, mkdocs_config: Any) -> Files:
    """Validate every source, drop unpublished ones, bring in cases/ and whitepapers/, map languages."""
    # Before any page is rendered; here, not in on_config, so a hub's own copy of hooks/content.py
    # keeps working across upgrades of the package.
    slugs.chinese_heading_ids(mkdocs_config.mdx_configs)  # `## 部署步骤` gets id="部署步骤"
    hub = build.hub = _load_valid_hub(build.config)
    # Every path resolved once: the hub's sources and its gated files, by their real path.
    by_path = {os.path.realpath(item.path): item for item in hub.items}
    gated = _gated_assets(hub)
    _map_docs(files, by_path, gated, mkdocs_config)
    for folder in COLLECTIONS:
        _add_collection(build.config, folder, files, by_path, gated, mkdocs_config)
    _refuse_undecodable_names(files, writers_lang(build.config))
    build.by_src_uri = {item.src_uri: item for item in hub.published}
    mkdocs_config.extra["hub_site"] = seo.site_data(build.config, hub, build.today)  # the theme's
    gc.freeze()  # the hub and the files live until the build ends (see configure_env)
    return files


def _load_valid_hub(config: HubConfig) -> Hub:
    """The hub, or PluginError naming every invalid published file; warnings logged."""
    hub = load_hub(config)
    _refuse_unsafe_links(hub.links, writers_lang(config))
    if hub.files:  # the blog's authors file: printed unescaped on every post, never skipped
        raise PluginError("\n".join(str(p) for p in hub.files))
    errors = [p for item in hub.items if item.status == "published" for p in item.errors]
    # `hubtool seo-audit` sets this: it builds what is valid (an invalid file is left out like a
    # draft) and reports the invalid files itself as FM001 findings with file:line.
    if errors and not os.environ.get("HUBTOOL_BUILD_SKIP_INVALID"):
        head = "front matter 无效" if writers_lang(config) == "zh" else "invalid front matter:"
        raise PluginError(head + "\n" + "\n".join(str(p) for p in errors))
    for item in hub.items:
        for warning in (p for p in item.problems if p.severity == "warning"):
            log.warning(str(warning))
    return hub


def _map_docs(files: Files, by_path: dict[str, Item], gated: set[str], mkdocs_config: Any) -> None:
    """Sources already under docs/: drop drafts and gated files, move other languages under /<lang>/."""
    for file in list(files):
        real = os.path.realpath(file.abs_src_path or "")
        if real in gated:
            files.remove(file)
            continue
        item = by_path.get(real)
        if item is None:
            continue
        if not item.published:
            files.remove(file)
        elif item.src_uri != file.src_uri:
            files.remove(file)
            files.append(File.generated(mkdocs_config, item.src_uri, abs_src_path=str(item.path)))


def _add_collection(
    config: HubConfig,
    folder: str,
    files: Files,
    by_path: dict[str, Item],
    gated: set[str],
    mkdocs_config: Any,
) -> None:
    """cases/ or whitepapers/ (beside docs/): their published pages and assets, never gated files
    nor anything under a dot-folder."""
    for path, rel in _files_below(config.root, folder):
        real = os.path.realpath(path)
        if real in gated:
            continue
        if path.suffix != ".md":
            files.append(File.generated(mkdocs_config, rel, abs_src_path=str(path)))
        elif (item := by_path.get(real)) is not None and item.published:
            files.append(File.generated(mkdocs_config, item.src_uri, abs_src_path=str(path)))


def _files_below(root: Path, folder: str) -> list[tuple[Path, str]]:
    """(path, path relative to `root`) of every file below `root/folder` outside dot-folders and
    not itself hidden, in path order. One walk (os.walk follows no linked folder, as rglob)."""
    found: list[tuple[Path, str]] = []
    for current, dirs, names in os.walk(root / folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = Path(current)
        for name in names:
            path = base / name
            if not name.startswith(".") and path.is_file():
                found.append((path, path.relative_to(root).as_posix()))
    return sorted(found, key=lambda pair: pair[0].parts)


def _refuse_undecodable_names(files: Files, lang: str) -> None:
    """A file whose name is not UTF-8 has no URL (MkDocs fails on it with a traceback); a page
    is FM001 already, an image or a download is named here."""
    bad = [printable(file.src_uri) for file in files if undecodable(file.src_uri)]
    if bad:
        raise PluginError(
            "\n".join(f"{name}:1: {say('name_not_utf8', lang)}" for name in sorted(bad))
        )


def _refuse_unsafe_links(links: Sequence[UnsafeLink], lang: str) -> None:
    if links:
        lines = [say("symlinks_out", lang), *(link.message(lang) for link in links)]
        raise PluginError("\n".join(lines))


def _gated_assets(hub: Hub) -> set[str]:
    """Files of gated whitepapers (real paths): a static site cannot gate a file, so they are
    never published."""
    return {
        os.path.realpath(item.path.parent / str(item.meta["file"]))
        for item in hub.items
        if item.kind == "whitepaper" and item.meta.get("gated") and item.meta.get("file")
    }


_EN_LINK = re.compile(r"(\]\(|\]: ?|href=\")([^)\s\"]+?)\.([a-z]{2})\.md\b")


def page_markdown(build: Build, markdown: str, page: Any) -> str:
    """Expand listing markers, point links of translated pages at their own language, set page data."""
    item = build.by_src_uri.get(page.file.src_uri)
    if item is None:
        return _category_title(build.config, markdown, page.file.src_uri)
    if item.lang != build.config.default_lang:
        # `[x](other.en.md)` in an English file means the English page, which is built as `other.md`.
        markdown = _EN_LINK.sub(
            lambda m: f"{m.group(1)}{m.group(2)}.md" if m.group(3) == item.lang else m.group(0),
            markdown,
        )
    markdown = listings.expand_markers(markdown, item, build.config, build.hub)
    markdown = listings.title_heading(markdown, item)
    markdown = casefacts.insert_case_facts(markdown, item)
    page.meta["hub"] = PageData(page_data(build, item))
    if item.kind == "news":
        page.meta["rss"] = feed_meta(page.meta)
    return markdown


def feed_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """What the RSS plugin reads of a post (`rss.feed_description` before `description`), with
    the description HTML-escaped: RSS <description> and JSON Feed `content_html` are HTML to a feed
    reader, and a writer's description is text, so `<img onerror=…>` must reach it as words."""
    found = meta.get("rss")
    rss: dict[str, Any] = found if isinstance(found, dict) else {}
    text = rss.get("feed_description") or meta.get("description")
    return {**rss, "feed_description": html.escape(str(text), quote=False)} if text else rss


_CATEGORY_PAGE = re.compile(rf"^(?:([a-z]{{2}})/)?{NEWS_DIR}/category/[^/]+\.md$")


def _category_title(config: HubConfig, markdown: str, src_uri: str) -> str:
    """A news category page the blog generates as `# product` gets its name in the page's language;
    the blog takes every category's title from this page, so post lists show the same name."""
    match = _CATEGORY_PAGE.match(src_uri)
    if not match or not markdown.startswith("# "):
        return markdown
    slug, _, rest = markdown[2:].partition("\n")
    label = config.hub["vocabulary"]["categories"].get(slug.strip())
    name = (
        text(label, match.group(1) or config.default_lang, config.default_lang) if label else slug
    )
    return f"# {listings.md_text(name)}\n{rest}"  # names from front matter or config are text


class PageData(Mapping[str, Any]):
    """`page.meta.hub`, read-only for the theme, which reads it as it reads a dict. The RSS plugin
    keeps every post's meta and copies it deeply twice per feed (`dataclasses.asdict`); as a dict,
    each copy walked the page's JSON-LD, form and badges, a tenth of a second of a 1,000-page build
    for data no feed prints. Nothing changes it but `release`, so a copy is the object itself."""

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __deepcopy__(self, memo: dict[int, Any]) -> PageData:
        return self

    # What only the page's own HTML prints: the lead form, the JSON-LD, the trust strip.
    RENDERED_ONLY = ("form_html", "jsonld", "jsonld_html", "badges", "landing")

    def release(self) -> None:
        """Drop what only the page's own HTML needed, once it is written (the sitemap, built
        before the pages, and the feeds read the rest). MkDocs keeps every page to the end of
        the build: kept, these took 100 MB of a 5,000-page build's 860 MB."""
        for key in self.RENDERED_ONLY:
            self._data.pop(key, None)


def page_written(page: Any) -> None:
    """After a page's HTML is written (on_post_page)."""
    data = page.meta.get("hub")
    if isinstance(data, PageData):
        data.release()


def page_data(build: Build, item: Item) -> dict[str, Any]:
    """What the theme reads as `page.meta.hub`."""
    config = build.config
    site = config.site_url.rstrip("/")
    alternates = {
        lang: site + other.url for lang, other in sorted(build.hub.translations(item).items())
    }
    return {
        "lang": item.lang,
        "canonical": site + item.url,
        "alternates": alternates,
        "cta": cta.effective_cta(item, config),
        "form_html": _form_html(build, item),
        "date": item.date.isoformat() if item.date else "",
        "updated": item.updated.isoformat() if item.updated else "",
        **seo.page_data(config, build.hub, item, build.today),  # head, JSON-LD and trust badges
    }


def _form_html(build: Build, item: Item) -> str:
    form = cta.form_id(item, build.config)
    if not form:
        return ""  # a link CTA, or an unknown form id (the audit reports POS005)
    hidden = {"content_id": item.key, "page_url": build.config.site_url.rstrip("/") + item.url}
    return build.forms.render(form, item.lang, hidden)


def configure_env(env: Any) -> Any:
    """JSON-LD via `tojson` keeps Chinese as UTF-8 (not \\uXXXX): a third of the size, still escaped
    against `</script>` because Jinja's tojson replaces < > & ' after dumping."""
    # What the build has read so far (configuration, the hub, pages and their HTML) lives until it
    # ends. Frozen (here and after on_files), it is out of the garbage collector's sight, and the
    # full collections scan only what later steps allocate: GC time of a 1,000-page build fell
    # from 0.8 s to 0.4 s. finish() gives it back (and start(), after a build that failed).
    gc.freeze()
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
    env.filters["date"] = landing.localized_date_filter(env.filters.get("date"))  # after the blog's
    env.globals["hub_ui"] = ui.table  # the words a visitor reads, data/ui/<lang>.yaml
    env.globals["hub_t"] = UiStrings()  # material's `lang.t(key)`, once per language and key
    env.globals["hub_page_nav"] = PageNav  # the nav in the page's language (partials/hub-nav.html)
    env.globals["hub_badges"] = TrustStrip(
        env
    ).render  # once per language (partials/hub-badges.html)
    return env


def finish(build: Build, site_dir: str) -> None:
    """The RSS plugin takes a feed's <language> from the site; a translation's feed says its own."""
    gc.unfreeze()
    default = build.config.default_lang
    for lang in build.config.languages[1:]:
        for feed in Path(site_dir, lang).glob("feed_rss_*.xml"):
            xml = feed.read_text(encoding="utf-8")
            fixed = xml.replace(
                f"<language>{default}</language>", f"<language>{lang}</language>", 1
            )
            if fixed != xml:
                feed.write_text(fixed, encoding="utf-8")
    search.split_search_index(build.config, build.hub, site_dir)  # one index per language
