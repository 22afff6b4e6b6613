"""Property tests: the HTML fact extractor and the front-matter loader never crash on hostile input."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from hubtool.audit.facts import FACT_FIELDS, FACTS, PageFacts, extract, site_path
from hubtool.config import load_config
from hubtool.content.load import load_item, split_front_matter
from hubtool.yamlfile import YamlError

TAGS = [
    "html",
    "head",
    "title",
    "meta",
    "link",
    "body",
    "main",
    "article",
    "h1",
    "h2",
    "h3",
    "p",
    "a",
    "img",
    "script",
    "nav",
    "aside",
    "div",
    "span",
    "table",
    "svg",
    "template",
    "!--",
]
ATTRS = [
    'href="{}"',
    'id="{}"',
    'alt="{}"',
    'src="{}"',
    'rel="{}"',
    'hreflang="{}"',
    'name="{}"',
    'content="{}"',
    'class="md-content__inner {}"',
    'type="application/ld+json"',
    'lang="{}"',
    "href",
    "alt",
]
NASTY = st.sampled_from(
    [
        "",
        "#",
        "%",
        "%E5%9B%BE",
        "../" * 9,
        "//",
        "javascript:x",
        "mailto:",
        "http://[::1",
        "https://example.test/a b",
        "\x00",
        "图#图",
        "?q=1#",
        '{"@type":',
        "]]>",
        "\ud800",
        "noindex",
        "canonical",
        "alternate",
    ]
)


@st.composite
def hostile_html(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        tag = draw(st.sampled_from(TAGS))
        attrs = " ".join(
            a.format(draw(NASTY | st.text(max_size=8)))
            for a in draw(st.lists(st.sampled_from(ATTRS), max_size=3))
        )
        parts.append(draw(st.sampled_from([f"<{tag} {attrs}>", f"</{tag}>", f"<{tag}/>"])))
        parts.append(draw(st.text(max_size=20) | NASTY))
    return "".join(parts)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=300), hostile_html()))
@example('<a href="#ferrers-%E5%9B%BE">x</a><h2 id="ferrers-图">图</h2>')
@example('<script type="application/ld+json">{"@type": "Thing",}</script>')
@example("<html><article class=md-content__inner><p>\ud800</p></article>")
def test_extractor_never_crashes(html):
    facts = extract(
        html,
        "a/b/index.html",
        Path("/nonexistent"),
        "https://example.test/",
        ("隐私计算",),
        exists=lambda rel: rel.endswith(".html"),
    )
    assert facts.url == "/a/b/"
    assert facts.words >= 0 and all(isinstance(link.url, str) for link in facts.links)


EMPTY = PageFacts(url="", file="")


@settings(max_examples=100, deadline=None)
@given(hostile_html(), st.sets(st.sampled_from(sorted(FACTS))))
@example(
    '<article class="md-content__inner"><p>隐私计算<a href="x/">更多</a></p><img src="a.png"></article>',
    {"links"},
)
def test_a_fact_not_asked_for_is_empty_and_one_asked_for_is_as_when_all_are(html, wanted):
    """The audit gathers only the costly facts of the rules that run: what it gathers must not
    depend on what else it gathers."""
    args = (html, "a/b/index.html", Path("/nonexistent"), "https://example.test/", ("隐私计算",))
    exists = lambda rel: rel.endswith(".html")
    full = extract(*args, exists=exists)
    some = extract(*args, exists=exists, wanted=wanted)
    for fact, fields in FACT_FIELDS.items():
        for name in fields:
            expected = getattr(full if fact in wanted else EMPTY, name)
            assert getattr(some, name) == expected, (fact, name)
    costly = {name for fields in FACT_FIELDS.values() for name in fields}
    for name in set(PageFacts.__dataclass_fields__) - costly:
        assert getattr(some, name) == getattr(full, name), name


def test_percent_encoded_anchor_matches_unicode_id():
    facts = extract(
        '<a href="#ferrers-%E5%9B%BE">x</a><h2 id="ferrers-图">图</h2>',
        "index.html",
        Path("/nonexistent"),
        "",
        exists=lambda rel: True,
    )
    assert not [link for link in facts.links if not link.main]  # found on the page itself
    assert site_path("../x/#ferrers-%E5%9B%BE", "/a/b/", "") == ("/a/x/", "ferrers-图")


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=40) | NASTY,
    st.sampled_from(["/", "/a/b/", "/404.html"]),
    st.sampled_from(["", "https://example.test/", "https://example.test/docs/"]),
)
@example("http://[::1/x", "/", "https://example.test/")
def test_link_resolution_never_crashes(href, page_url, site_url):
    resolved = site_path(href, page_url, site_url)
    assert resolved is None or resolved[0].startswith("/")


LINE = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(
    front=st.lists(LINE, max_size=6),
    body=st.lists(LINE, max_size=8),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_body_line_mapping_is_lossless(front, body, newline):
    front = [line for line in front if line.strip() not in ("---", "...")]
    text = newline.join(["---", *front, "---", *body])
    if body:
        text += newline
    try:
        _matter, rest, first = split_front_matter(text)
    except YamlError:
        return
    lines = text.splitlines(keepends=True)
    assert rest == "".join(lines[first - 1 :])  # the body is the file from line `first` on
    assert rest.splitlines() == body


@settings(max_examples=60, deadline=None)
@given(
    st.text(max_size=400)
    | st.builds(lambda a, b: f"---\n{a}\n---\n{b}", st.text(max_size=200), st.text(max_size=100))
)
@example("---\ntitle: [unclosed\n---\nbody\n")
@example("---\n- a list\n---\n")
@example("---\ndate: 2026-02-30\nkeyword: {a: 1}\naudit: {ignore: 5}\n---\n")
def test_loader_never_crashes(source):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
        (root / "docs").mkdir()
        path = root / "docs" / "page.md"
        path.write_text(source, encoding="utf-8", errors="surrogatepass")
        item = load_item(path, load_config(root / "mkdocs.yml"))
        assert item.body_line >= 1
        assert all(p.line >= 1 for p in item.problems)


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
    | st.text(alphabet="ＡａＺ０９，。！　ｶﾞ隱私計算製造企業A\u0301\u3099か①ﬁ ", max_size=30)
)
def test_fast_normalise_equals_nfkc_casefold_t2s(value):
    import re
    import unicodedata

    from hubtool import text

    reference = text.to_simplified(unicodedata.normalize("NFKC", value).casefold())
    # no space is kept beside a Han character: 隐私计算 PoC and 隐私计算PoC are one keyword
    reference = re.sub(r"\s*([\u3400-\u9fff\uf900-\ufaff])\s*", r"\1", reference)
    assert text.normalise(value) == re.sub(r"\s+", " ", reference).strip()


def test_commented_out_links_are_not_links():
    html = (
        '<!-- <a href="../gone/">old</a> --><article class="md-content__inner"><p>x</p></article>'
    )
    facts = extract(html, "a/index.html", Path("/nonexistent"), "", exists=lambda rel: False)
    assert facts.links == () and facts.outbound == ()
