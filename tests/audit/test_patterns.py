"""The page filter of the word lists never hides a finding: whatever a term's pattern matches holds
what `required` says every match contains, and `relaxed` finds it too. Read from the pattern text
(no private `re` internals), so a pattern the reader does not understand must give None."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hubtool.audit.rules.patterns import present, relaxed, required
from hubtool.audit.rules.wordlists import _load

PACKAGED = sorted(
    {
        term.regex.pattern
        for terms in (lambda w: (w.taboo, w.advertising, w.placeholders))(_load("", 0.0))
        for term in terms
    }
)
# Constructs the reader must take apart correctly, or decline.
TRICKY = [
    r"(?:is|the|our)\s+#1",
    r"ab+c",
    r"a{2,3}b",
    r"x{}y",
    r"a{,2}b",
    r"(?i:abc)d",
    r"(?i)abc",
    r"[#＃]1",
    r"[^a]bc",
    r"[- ]x",
    r"[a-c]d",
    r"a(?=b)\w",
    r"a(?#note)b",
    r"\u4e00x",
    r"\x41B",
    r"\N{BULLET}z",
    r"(foo|)bar",
    r"a.b",
    r"\.com",
    r"(?P<n>ab)c",
    r"(?>ab)c",
    r"a*?b",
    r"a++b",
    r"(?s:a.b)c",
    r"[]a]b",
    r"\bword\b",
    r"^start$",
    r"a\|b",
    r"ab{1}c",
    r"最(?:佳|优)(?!解)",
    r"(?<!不)第一",
]


@pytest.mark.parametrize("pattern", PACKAGED + TRICKY)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_match_holds_what_is_required(pattern: str, data: st.DataObject) -> None:
    # Texts drawn from the pattern without its assertions (hypothesis cannot draw lookbehinds):
    # they are a superset of the pattern's matches, and must hold what every match holds.
    loose = relaxed(pattern)
    regex = re.compile(pattern)
    text = data.draw(st.from_regex(loose if loose is not None else regex))
    assert present(required(pattern), text), (pattern, text)
    if regex.search(text):
        assert loose is None or loose.search(text), (pattern, text)


def test_literals_are_read_and_unknown_escapes_declined() -> None:
    assert required("隐私计算") == "隐私计算"
    assert required("百分之百|百分百") == ("any", ("百分之百", "百分百"))
    assert required(r"\bcutting[- ]edge\b") == (
        "all",
        ("cutting", "edge", ("any", ("-", " "))),
    )
    assert required(r"(?i)abc") is None  # case-insensitive: no literal is certain
    assert required(r"\x41B") is None  # not read: nothing claimed
    assert required(r"a*") is None
    assert not present(required("最佳"), "本方案较好")
    assert present(None, "anything")
