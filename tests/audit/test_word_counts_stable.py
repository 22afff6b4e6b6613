"""Word counts are a property of the page, not of which worker process read which pages first."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# A keyword registered with the segmenter changes how other text splits: 联合风控模型 on one page
# would re-split 联合风控 on another page if keywords were learnt page by page.
PAGES = 80
KEYWORDS = ["联合风控", "风控模型", "隐私计算平台", "计算平台", "数据合规", "合规流通"]
TEXT = "银行通过隐私计算平台开展联合风控模型训练，数据合规流通让风控模型更准确。" * 12


def write_site(root: Path) -> dict[str, tuple[str, ...]]:
    keywords = {}
    for i in range(PAGES):
        page = root / f"p{i}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f"<html lang='zh'><head><title>第{i}页</title></head><body><article "
            f"class='md-content__inner'><h1>第{i}页</h1><p>{TEXT}</p></article></body>"
            "</html>",
            encoding="utf-8",
        )
        keywords[f"/p{i}/"] = (KEYWORDS[i % len(KEYWORDS)],)
    return keywords


SCRIPT = """
import json, sys
from pathlib import Path
from hubtool.audit.facts import collect
keywords = {k: tuple(v) for k, v in json.loads(sys.argv[2]).items()}
site = collect(Path(sys.argv[1]), "", keywords, workers=int(sys.argv[3]))
print(json.dumps({url: page.words for url, page in site.items()}, sort_keys=True))
"""


def counts(root: Path, keywords: dict, workers: int) -> str:
    # A fresh interpreter per run: the segmenter's dictionary is per process.
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, str(root), json.dumps(keywords), str(workers)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_word_counts_do_not_depend_on_the_number_of_workers(tmp_path):
    keywords = write_site(tmp_path)
    assert counts(tmp_path, keywords, 1) == counts(tmp_path, keywords, 2)
