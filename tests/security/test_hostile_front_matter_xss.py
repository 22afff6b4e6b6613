"""Stored XSS: hostile strings in every front-matter and configuration field never become markup.

An attacker with commit rights to content (a writer, a merged pull request) puts markup, a
`</script>`, an HTML comment opener, Markdown link / attribute syntax and `javascript:` URLs in
every string field of every kind of page and in the hub's configuration. The real `mkdocs build` must
show all of it as text: no element with an event handler, no injected `<img>`, no script but ours,
no link or source with a script scheme, and JSON-LD that no text can close.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
import yaml
from hubfactory import build, make_hub

MARK = "XSS1"
# One string carrying every trick: attribute break-out + img onerror, script close, comment opener,
# a Markdown link and an attr_list block that would add an event handler.
TEXT = (
    f"{MARK} [c](javascript:alert(1)) \"><img src=x onerror=alert(1)> </script> <!-- ' "
    "{: onmouseover=alert(1) }"
)
URL = "javascript:alert(1)"
# A path-like value (the configuration's logos, a page's cta): a path, and hostile as markup. In
# front matter, `logo` and `image` with markup are refused (FM001, tested below).
PATH = '"><img src=x onerror=alert(1)>.svg'


def _front(meta: dict, body: str = "正文。\n") -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def _case(lang: str) -> dict:
    return {
        "title": TEXT,
        "description": TEXT,
        "date": dt.date(2026, 5, 12),
        "keyword": TEXT,
        "related_keywords": [TEXT],
        "audience": ["decision-maker"],
        "stage": "decision",
        "industries": ["banking"],
        "cta": "/" + PATH,
        "reviewers": [TEXT],
        "image": "cover.png",
        "tags": [TEXT],
        "subtitle": TEXT,
        "robots": TEXT,
        "customer": {
            "name": TEXT + lang,
            "industry": "banking",
            "tier": "S",
            "logo": "logo.svg",
            "url": URL,
            "approved": True,
        },
        "results": [{"value": TEXT, "label": TEXT}],
        "quote": {"text": TEXT, "author": TEXT, "role": TEXT},
    }


FILES = {
    "docs/index.md": _front(
        {"title": TEXT, "description": TEXT, "badges": True},
        "# 首页\n\n<!-- hub:featured-cases -->\n\n<!-- hub:latest-whitepapers -->"
        "\n\n<!-- hub:latest-news -->\n",
    ),
    # An empty heading: material's search titles that section with the page's raw title.
    "docs/about.md": _front(
        {"title": TEXT, "description": TEXT, "subtitle": TEXT, "cta": "demo"},
        "正文。\n\n##\n\n第三段。\n",
    ),
    "cases/evil.md": _front(_case("zh")),
    "cases/evil.en.md": _front(_case("en")),
    "whitepapers/evil.md": _front(
        {
            "title": TEXT,
            "description": TEXT,
            "date": dt.date(2026, 5, 10),
            "keyword": TEXT,
            "stage": "consideration",
            "gated": False,
            "pages": 12,
            "approvals": [{"by": TEXT, "role": TEXT, "date": dt.date(2026, 5, 1)}],
        }
    ),
    "docs/news/posts/evil.md": _front(
        {
            "title": TEXT,
            "description": TEXT,
            "date": dt.date(2026, 5, 11),
            "keyword": TEXT,
            "categories": ["product"],
            "cta": "contact",
        }
    ),
}


def _hostile_config(root: Path) -> None:
    """Every display string of the configuration hostile, every link a `javascript:` URL."""
    path = root / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["site_description"] = TEXT
    config["copyright"] = TEXT
    both = {"zh": TEXT, "en": TEXT}
    config["extra"]["alternate"][1]["name"] = TEXT
    hub = config["extra"]["hub"]
    hub["company"].update(
        name=both,
        legal_name=both,
        address=both,
        logo=PATH,
        icp={"number": TEXT, "url": URL},
        psb={"number": TEXT, "url": URL},
    )
    hub["vocabulary"]["industries"]["banking"] = both
    hub["vocabulary"].setdefault("categories", {})["product"] = both
    for form in hub["forms"].values():
        form.update(title=both, submit=both, success=both)
        for field in form["fields"]:
            field["label"] = both
    hub["badges"] = {
        "customers": [{"name": both, "url": URL, "logo": PATH}],
        "certifications": [
            {
                "name": both,
                "issuer": both,
                "number": TEXT,
                "verify_url": URL,
                "valid_from": dt.date(2025, 1, 1),
                "valid_until": dt.date(2099, 12, 31),
            }
        ],
        "patents": [{"number": TEXT, "title": both, "url": URL}],
        "awards": [{"name": both, "issuer": both, "year": TEXT, "url": URL}],
        "analysts": [{"firm": TEXT, "report": both, "mention": both, "year": TEXT, "url": URL}],
    }
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_hub(tmp_path_factory.mktemp("hostile"), FILES)
    _hostile_config(root)
    result = build(root)
    assert result.returncode == 0, result.stderr[-4000:]
    return root / "site"


_SCHEME = re.compile(r"^\s*(javascript|data|vbscript)\s*:", re.I)
_URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset")


def _scheme(value: str) -> bool:
    """What a browser would run: it ignores control characters, tabs and newlines in a scheme."""
    return bool(_SCHEME.match(re.sub(r"[\x00-\x20]", "", value)))


def _problems(html: str) -> list[str]:
    doc = lxml.html.document_fromstring(html)
    out = []
    for el in doc.iter():
        if isinstance(el, lxml.html.HtmlComment):
            if MARK in (el.text or ""):
                out.append(f"an HTML comment swallowed content: {el.text[:60]!r}")
            continue
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            if name.lower().startswith("on"):
                out.append(f"<{el.tag} {name}={value!r}>")
            if name.lower() in _URL_ATTRS and _scheme(value):
                out.append(f"<{el.tag} {name}={value!r}>")
        if el.tag == "img" and el.get("src") == "x":
            out.append("an injected <img src=x>")
        if el.tag == "meta" and el.get("http-equiv", "").lower() == "refresh":
            out.append(f"<meta refresh {el.get('content')!r}>")
        if el.tag == "script":
            kind = (el.get("type") or "").lower()
            code = el.text or ""
            if kind in ("application/ld+json", "application/json"):
                json.loads(code)  # text that closed the script would leave broken JSON
                if "</" in code or "<!--" in code:
                    out.append(f"unescaped markup in a JSON script: {code[:80]!r}")
            elif MARK in code or "alert(1)" in code or el.get("src") in ("x", ""):
                out.append(f"an injected script: {code[:80]!r} src={el.get('src')!r}")
    return out


def test_no_active_markup_anywhere_in_the_built_site(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 10
    problems = {
        str(p.relative_to(hostile_site)): found
        for p in pages
        if (found := _problems(p.read_text(encoding="utf-8")))
    }
    assert problems == {}


def test_search_index_titles_and_texts_carry_no_markup(hostile_site: Path) -> None:
    """mkdocs-material's search shows titles and texts of its index as HTML (innerHTML)."""
    docs = json.loads((hostile_site / "search/search_index.json").read_text(encoding="utf-8"))[
        "docs"
    ]
    assert any(MARK in doc["title"] for doc in docs)
    for doc in docs:
        for field in ("title", "text"):
            if doc[field]:
                shown = lxml.html.fragment_fromstring(doc[field], create_parent="div")
                assert _problems(lxml.html.tostring(shown, encoding="unicode")) == [], doc
                assert not [el.tag for el in shown.iter("img", "a", "script")], doc


def test_hostile_text_is_shown_as_text(hostile_site: Path) -> None:
    """The strings did reach the pages (the test is not vacuous): as text, never as markup."""
    case = lxml.html.parse(str(hostile_site / "cases/evil/index.html")).getroot()
    assert case.findtext(".//title").startswith(TEXT)
    assert TEXT in case.text_content()  # H1, results, quote, badges
    strip = case.xpath("//aside[@class='hub-badges']")[0]
    assert f"{TEXT}zh" in strip.text_content() or TEXT in strip.text_content()
    meta = {m.get("name") or m.get("property"): m.get("content") for m in case.iter("meta")}
    assert meta["description"] == TEXT
    jsonld = json.loads(case.xpath("//script[@type='application/ld+json']")[0].text)
    article = next(n for n in jsonld["@graph"] if n["@type"] == "Article")
    assert article["headline"] == TEXT[:110] and article["description"] == TEXT
    home = lxml.html.parse(str(hostile_site / "index.html")).getroot()
    assert TEXT in home.text_content()  # listings: featured case, whitepaper, news


def test_feeds_and_sitemap_are_well_formed_xml_without_markup(hostile_site: Path) -> None:
    for path in [hostile_site / "sitemap.xml", *hostile_site.rglob("feed_rss_*.xml")]:
        tree = lxml.etree.parse(str(path))  # raises on text that broke the XML
        tags = {lxml.etree.QName(el).localname for el in tree.iter() if isinstance(el.tag, str)}
        assert not tags & {"img", "script", "a", "iframe"}, path


def test_feed_readers_get_a_description_as_text_never_as_markup(hostile_site: Path) -> None:
    """RSS <description> and JSON Feed content_html are HTML to a feed reader: a writer's
    description reaches it escaped, so the reader shows the words and builds no element."""
    descriptions = [
        el.text or ""
        for path in hostile_site.rglob("feed_rss_*.xml")
        for el in lxml.etree.parse(str(path)).iterfind("channel/item/description")
    ] + [
        item.get("content_html") or ""
        for path in hostile_site.rglob("feed_json_*.json")
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]
    ]
    hostile = [d for d in descriptions if MARK in d]
    assert hostile, "no news post with the hostile description in the feeds"
    for html in hostile:
        assert "<" not in html, html  # `&lt;img …&gt;`: shown as text
        assert (
            lxml.html.fragment_fromstring(html, create_parent="div").text_content().startswith(MARK)
        )


@pytest.mark.parametrize(
    "file, field, value, at",
    [
        ("cases/evil.md", "customer.logo", "javascript:alert(1)", "  logo:"),
        ("cases/evil.md", "customer.logo", " JaVa\tScript:alert(1)", "  logo:"),
        ("cases/evil.md", "image", "data:image/svg+xml,<svg onload=alert(1)>", "image:"),
        ("cases/evil.md", "customer.logo", PATH, "  logo:"),  # the RSS enclosure is written raw
        ("docs/news/posts/evil.md", "image", 'cover.png?x="><img src=x>', "image:"),
        # A new news category names a page and a feed <category> the RSS plugin writes unescaped.
        ("docs/news/posts/evil.md", "categories[1]", TEXT, f"- '{MARK}"),
    ],
)
def test_script_url_image_or_markup_category_is_fm001(
    tmp_path: Path, file: str, field: str, value: str, at: str
) -> None:
    meta = (
        _case("zh")
        if file.startswith("cases/")
        else {
            "title": "新品发布",
            "description": "新品发布。",
            "date": dt.date(2026, 5, 11),
            "categories": ["product", "webinar"],
        }
    )
    if field == "customer.logo":
        meta["customer"]["logo"] = value
    elif field == "categories[1]":
        meta["categories"][1] = value
    else:
        meta[field] = value
    root = make_hub(tmp_path / "hub", {file: _front(meta)})
    done = subprocess.run(
        [sys.executable, "-m", "hubtool.cli", "check", "--format", "json", file],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    findings = [f for f in json.loads(done.stdout)["findings"] if f["rule"] == "FM001"]
    lines = (root / file).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith(at))
    assert [(f["line"], f["message"].split(":")[0]) for f in findings] == [(line, field)], findings
