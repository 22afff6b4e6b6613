"""The Traditional -> Simplified conversion every text rule shares (hubtool.text.to_simplified)
agrees with OpenCC's own converter, phrases included."""

from __future__ import annotations

from pathlib import Path

import opencc

from hubtool import text

T2S = opencc.OpenCC("t2s")
S2T = opencc.OpenCC("s2t")


def _phrases() -> list[str]:
    table = Path(opencc.__file__).parent / "dictionary" / "TSPhrases.txt"
    return [
        row.split("\t")[0] for row in table.read_text(encoding="utf-8").splitlines() if "\t" in row
    ]


def test_every_opencc_phrase_converts_as_opencc_does():
    """乾隆 stays 乾隆 inside Traditional text (the character table alone would make it 干隆)."""
    sentences = [f"我們在{phrase}中發現" for phrase in _phrases()]
    assert len(sentences) > 200
    assert [s for s in sentences if text.to_simplified(s) != T2S.convert(s)] == []


def test_long_traditional_text_converts_as_opencc_does():
    simplified = (
        "通过隐私计算平台，双方在原始数据不出域的前提下完成了联合建模。乾隆年间的账簿被数字化，"
        "审批时长从 3 个工作日缩短到 40 分钟。覆盖率达到 100%，沈阳分行已经接入。"
    ) * 20
    traditional = S2T.convert(simplified)
    assert traditional != simplified
    assert text.to_simplified(traditional) == T2S.convert(traditional)
    assert text.to_simplified("plain English, 简体中文。") == "plain English, 简体中文。"
