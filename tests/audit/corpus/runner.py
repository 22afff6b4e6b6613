"""Run a rule on a labelled corpus of sentences (tests/audit/corpus/<rule>.yaml) and score it.

Each sentence becomes one page of a tiny real hub (a case study, a news post, a whitepaper or a plain
page, as the case says), the rule runs as `hubtool check` runs it, and the page's verdict is the
highest severity the rule reported on it. Shared by the tests and tests/bench/editorial_bench.py;
another rule's corpus uses the same format (`cases:` with `t`, `v`, `c`) and the same runner.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
LEVELS = {"error": 2, "warning": 1, "none": 0}


@dataclass(frozen=True)
class Outcome:
    case: dict[str, Any]
    got: str  # error | warning | none
    messages: tuple[str, ...]

    @property
    def want(self) -> str:
        return str(self.case["v"])


# Rules that compare pages: each sentence of their corpus is published on two pages.
PAIRED = {"ED005"}


def load(corpus: Path | str, code: str = "") -> dict[str, Any]:
    """The corpus as {config, cases}. Also reads the list format of the ED003/ED005 corpora
    (`text`, `expect: [codes]`, `category`): `v` is then 'finding' or 'none'."""
    path = Path(corpus)
    if not path.is_absolute() and not path.exists():
        path = HERE / path
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(data, list):
        cases = [
            {
                "t": e["text"],
                "c": e.get("category", ""),
                "v": "finding"
                if (code in (e.get("expect") or []) if code else e.get("expect"))
                else "none",
            }
            for e in data
        ]
        return {"config": {}, "cases": cases}
    return data


def _yaml(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _page(case: dict[str, Any], index: int) -> tuple[str, str]:
    """(relative path, file text) of the page holding one sentence."""
    from hubcases import CASE, NEWS, WHITEPAPER

    text, kind = str(case["t"]), case.get("kind", "page")
    lang = "en" if not re.search(r"[\u3400-\u9fff]", text) else "zh"
    suffix = ".en.md" if lang == "en" else ".md"
    if kind == "case":
        page = CASE
        if case.get("quote"):
            page = page.replace(
                "quote: {text: 原始数据不出域，也能和合作方一起建模。",
                f"quote: {{text: {_yaml(text)}",
            )
            return f"cases/c{index:03d}{suffix}", page
        return f"cases/c{index:03d}{suffix}", page + f"\n{text}\n"
    if kind == "news":
        page = NEWS.replace("{date}", "2026-11-01")
        return f"docs/news/posts/n{index:03d}{suffix}", page + f"\n{text}\n"
    if kind == "whitepaper":
        return f"whitepapers/w{index:03d}{suffix}", WHITEPAPER + f"\n{text}\n"
    return (
        f"docs/corpus/p{index:03d}{suffix}",
        f"---\ntitle: 页面 {index}\n---\n# 页面 {index}\n\n{text}\n",
    )


def _config_lines(config: dict[str, Any]) -> str:
    """Company settings of the corpus, as lines to insert under `extra.hub.company`."""
    company = (config or {}).get("company") or {}
    lines = []
    for key in ("aliases", "products"):
        if company.get(key):
            lines.append(f"      {key}: [{', '.join(_yaml(str(v)) for v in company[key])}]\n")
    return "".join(lines)


def run(code: str, corpus: Path | str, root: Path, lang: str = "zh") -> list[Outcome]:
    """Audit every sentence of `corpus` with rule `code` on a hub written into `root`."""
    from hubfactory import make_hub

    from hubtool.audit.engine import run_source_rules
    from hubtool.config import load_config

    data = load(corpus, code)
    cases = data["cases"]
    files = dict(_page(case, i) for i, case in enumerate(cases))
    if code in PAIRED:  # the same text on a second page, each page with a sentence of its own
        files.update(
            {
                rel.replace(".md", "-b.md"): text.replace("\n\n", f"\n\n本页是第 {i} 号乙。\n\n", 1)
                for i, (rel, text) in enumerate(files.items())
            }
        )
        files = {
            rel: (
                text
                if rel.endswith("-b.md")
                else text.replace("\n\n", f"\n\n本页是第 {i} 号甲。\n\n", 1)
            )
            for i, (rel, text) in enumerate(files.items())
        }
    make_hub(root, files)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "    company:\n", "    company:\n" + _config_lines(data.get("config", {})), 1
    )
    config.write_text(text, encoding="utf-8")
    result = run_source_rules(load_config(config), today=dt.date(2026, 11, 23), select=(code,))
    found: dict[str, list[Any]] = {}
    for finding in result.findings:
        if finding.rule == code:
            found.setdefault(finding.path or "", []).append(finding)
    outcomes = []
    for i, case in enumerate(cases):
        rel = _page(case, i)[0]
        mine = found.get(rel, []) + found.get(rel.replace(".md", "-b.md"), [])
        got = max((f.severity for f in mine), key=LEVELS.get, default="none")
        outcomes.append(Outcome(case, got, tuple(f.message for f in mine)))
    return outcomes


@dataclass(frozen=True)
class Score:
    precision: float  # of the sentences reported at `level`, the share labelled `level`
    recall: float  # of the sentences labelled `level`, the share reported at `level`
    reported: int
    labelled: int


def score(outcomes: list[Outcome], level: str = "error") -> Score:
    """Precision and recall at one level; level 'any' counts warnings and errors together."""

    def hit(value: str) -> bool:
        return value != "none" if level == "any" else value == level

    reported = [o for o in outcomes if hit(o.got)]
    labelled = [o for o in outcomes if hit(o.want)]
    right = [o for o in reported if hit(o.want)]
    return Score(
        len(right) / len(reported) if reported else 1.0,
        len([o for o in labelled if hit(o.got)]) / len(labelled) if labelled else 1.0,
        len(reported),
        len(labelled),
    )


def by_category(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    """category -> (sentences judged as labelled, sentences)."""
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for o in outcomes:
        total[o.case["c"]] += 1
        right[o.case["c"]] += o.got == o.want
    return {c: (right[c], total[c]) for c in sorted(total)}
