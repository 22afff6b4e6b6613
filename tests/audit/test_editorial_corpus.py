"""ED003 and ED005 on their labelled corpora (tests/audit/corpus/ed003.yaml, ed005.yaml): precision
at least 0.95, measured by running the real rules on one tiny hub that holds every sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hubcases import audit
from hubfactory import make_hub

CORPUS = Path(__file__).parent / "corpus"


def page(title: str, body: str) -> str:
    return f"---\ntitle: {title}\n---\n# {title}\n\n{body}\n"


def scores(entries: list[dict], predicted: list[bool]) -> tuple[float, float, list[dict]]:
    """(precision, recall, wrong entries) of `predicted` against each entry's `expect`."""
    wanted = [bool(e["expect"]) for e in entries]
    true_pos = sum(p and w for p, w in zip(predicted, wanted))
    precision = true_pos / max(1, sum(predicted))
    recall = true_pos / max(1, sum(wanted))
    wrong = [e for e, p, w in zip(entries, predicted, wanted) if p != w]
    return precision, recall, wrong


@pytest.fixture(scope="module")
def corpus_hub(tmp_path_factory):
    ed003 = yaml.safe_load((CORPUS / "ed003.yaml").read_text(encoding="utf-8"))
    ed005 = yaml.safe_load((CORPUS / "ed005.yaml").read_text(encoding="utf-8"))
    files = {
        f"docs/c{i:03d}.md": page(f"星衡数据语料第 {i} 页", e["text"]) for i, e in enumerate(ed003)
    }
    for i, entry in enumerate(ed005):
        for side, own in (("a", "甲"), ("b", "乙")):
            files[f"docs/d{i:03d}{side}.md"] = page(
                f"星衡数据对照第 {i} 页{own}", f"本页是第 {i} 号{own}。\n\n{entry['text']}"
            )
    root = make_hub(tmp_path_factory.mktemp("corpus") / "hub", files)
    return ed003, ed005, audit(root, ("ED003", "ED005"))


def test_ed003_precision_on_the_corpus(corpus_hub):
    ed003, _, result = corpus_hub
    flagged = {f.path for f in result.findings if f.rule == "ED003"}
    predicted = [f"docs/c{i:03d}.md" in flagged for i in range(len(ed003))]
    precision, recall, wrong = scores(ed003, predicted)
    assert len(ed003) >= 40
    assert precision >= 0.95, wrong
    assert recall >= 0.9, wrong


def test_ed005_precision_on_the_corpus(corpus_hub):
    _, ed005, result = corpus_hub
    flagged = {f.path for f in result.findings if f.rule == "ED005"}
    predicted = [any(f"docs/d{i:03d}{s}.md" in flagged for s in "ab") for i in range(len(ed005))]
    precision, recall, wrong = scores(ed005, predicted)
    assert len(ed005) >= 40
    assert precision >= 0.95, wrong
    assert recall >= 0.9, wrong
    # one finding per repeated sentence, never one per pair of pages
    assert len([f for f in result.findings if f.rule == "ED005"]) == sum(predicted)
