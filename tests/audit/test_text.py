"""The CJK text module: matching across scripts and widths, word counts, display widths."""

from __future__ import annotations

import subprocess
import sys

import pytest

from hubtool import text


@pytest.mark.parametrize(
    "haystack, keyword",
    [
        ("我們的隱私計算平台", "隐私计算"),  # Traditional text, Simplified keyword
        ("我们的隐私计算平台", "隱私計算"),  # and the other way round
        ("ＰＯＣ 测试在两周内完成", "PoC"),  # full-width Latin
        ("Privacy Computing for banks", "privacy computing"),  # case
        ("联合风控建模：隐私计算实践", "隐私计算"),  # no spaces in Chinese
        ("隐私计算 ＡＩ 平台", "隐私计算 AI"),
        ("隐私计算PoC测试清单", "隐私计算 PoC"),  # a space beside Chinese is the writer's taste
        ("隐私计算 PoC 测试清单", "隐私计算PoC"),
    ],
)
def test_keyword_is_found(haystack, keyword):
    assert text.contains_keyword(haystack, keyword)


@pytest.mark.parametrize(
    "haystack, keyword",
    [
        ("cloud storage for banks", "rag"),  # not inside a longer Latin word
        ("云存储 storage方案", "rag"),  # still not, with the space beside Chinese dropped
        ("隐私保护计算", "隐私计算"),
        ("", "隐私计算"),
    ],
)
def test_keyword_is_not_found(haystack, keyword):
    assert not text.contains_keyword(haystack, keyword)


def test_occurrences_are_counted_across_scripts():
    assert text.count_occurrences("隐私计算、隱私計算和隐私计算平台", "隐私计算") == 3


def test_chinese_is_counted_in_words_not_as_one():
    paragraph = "星衡数据为银行、保险、医疗和制造企业提供隐私计算平台，让数据可用不可见。" * 20
    words = text.word_count(paragraph)
    assert 300 <= words <= 500  # 760 characters; Yoast says 2


def test_traditional_is_segmented_like_simplified():
    assert text.tokens("製造企業") == text.tokens("制造企业") == ["制造", "企业"]


def test_declared_keywords_stay_one_word():
    assert "隐私计算平台" in text.tokens("我们采用隱私計算平台完成建模", ["隐私计算平台"])


def test_english_words_and_mixed_text():
    assert text.word_count("Privacy computing, for banks: 3 pilots.") == 6
    assert text.tokens("采用 PoC 验证") == ["采用", "poc", "验证"]


def test_display_width_counts_cjk_double():
    assert text.display_width("隐私计算") == 8
    assert text.display_width("Privacy") == 7
    assert text.display_width("ＡＢ，隐私 ab") == 4 + 2 + 4 + 1 + 2


def test_english_text_does_not_load_the_segmenter():
    code = (
        "import sys; from hubtool import text; text.word_count('plain English words');"
        "print('jieba' in sys.modules or 'rjieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "value, length",
    [
        ("隐私计算平台", 6),  # each Han character is one 字
        ("隱私計算平臺", 6),  # Traditional too
        ("Privacy computing for banks", 4),  # each word of other scripts is one
        ("data-driven teams in 2026", 4),  # a hyphenated word and a number are one each
        ("上线 12 家城商行，覆盖 PoC 到投产", 13),  # mixed: 11 字, then 12 and PoC
        ("", 0),
    ],
)
def test_writing_length_counts_characters_and_words_as_writers_do(value, length):
    assert text.writing_length(value) == length


@pytest.mark.parametrize(
    "written",
    [
        "ＰＯＣ 製造企業",  # full width, Traditional
        "隐私计算 PoC",  # a space beside Han
        "École  privée",  # an accent, two spaces
        "E\u0301cole",  # the same accent as a combining mark
        "𤪺 數據",  # a Traditional character above U+FFFF
        "ﬁle…",  # a ligature and an ellipsis: one character folds into several
    ],
)
def test_one_normaliser_keys_and_word_lists_read_text_alike(written):
    """Keywords (`normalise`) and word lists (`fold_once`, which keeps columns) fold text the same
    way: a term a word list matches is the same term as a keyword, spacing aside."""
    folded = text.fold_once(written).text
    assert text.normalise(written) == text.normalise(folded)
    assert not any(c in folded for c in "製數𤪺ＰＯＣﬁ")


def test_folding_keeps_the_writers_columns():
    folded = text.fold_once("“ﬁle” 隱私")  # ﬁ is two letters once folded
    assert folded.text == "“file” 隐私"
    assert folded.at(folded.text.index("隐")) == "“ﬁle” 隱私".index("隱")
