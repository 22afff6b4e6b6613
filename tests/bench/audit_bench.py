"""Benchmark of `hubtool seo-audit` on a synthetic built hub: pages/s, peak memory, and lxml parse time.

    python tests/bench/audit_bench.py [--pages 2000] [--workers 2] [--keep DIR] [--repeat N]

Generates N mkdocs-material-like pages (mixed Chinese/English, 100-300 KB each, hundreds of links:
a full navigation, in-text links and #anchors, images, JSON-LD), plus one Markdown source per page
so that keywords are joined and counted. Then, each in a fresh child process (so the peaks are the
audit's own): the whole audit of the build (`run_audit --no-build`), the audit without KW005 and
TEC014 (so without Chinese segmentation and writing lengths: page facts only the rules that run
need are gathered), and a parse of every page with lxml alone (same number of processes). Prints
pages/s, CPU seconds (the audit's process and its workers), peak RSS, and the ratios of the times.
On a shared machine, `--repeat N` runs each N times, interleaved, and keeps the fastest.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ZH = [
    "企业在跨机构合作中经常遇到数据不能出域的问题。",
    "传统做法是把数据集中到一处再分析，但这会带来合规风险。",
    "新的方案让各方数据留在本地，只交换加密后的中间结果。",
    "项目团队先梳理业务目标，再确定参与方和数据字段。",
    "上线之后，模型效果稳定提升，审批时间也明显缩短。",
    "客户的技术团队参与了每一个阶段的评审和验收。",
    "我們建議從一個邊界清晰的小場景開始試點，再逐步推廣。",
    "整个过程都有审计日志，监管检查时可以随时调阅。",
]
EN = [
    "Companies that work with partners often find that their data may not leave the building.",
    "The usual answer is to copy everything into one place, which brings compliance risks.",
    "The new approach keeps records at home and exchanges only encrypted intermediate results.",
    "The project team first agreed on the business goal, then on the parties and the fields.",
    "After the launch the model improved steadily and approvals took weeks instead of months.",
    "We suggest starting with a small, well-bounded pilot and extending it later.",
]
ICON = '<svg viewBox="0 0 24 24"><path d="' + "M12 2L2 7l10 5 10-5-10-5z " * 12 + '"/></svg>'


def url_of(index: int) -> str:
    """Two pages in three are Chinese (/pNNNNN/), one English (/en/pNNNNN/)."""
    return f"p{index:05d}/" if index % 3 != 2 else f"en/p{index:05d}/"


def page_html(index: int, total: int, rng: random.Random) -> tuple[str, str, str]:
    """(file, html, keyword) of one synthetic page."""
    zh = index % 3 != 2
    url = "/" + url_of(index)
    keyword = f"隐私计算{index}" if zh else f"privacy computing {index}"
    depth = "../" if zh else "../../"
    sentences = ZH if zh else EN
    nav = "".join(
        f'<li class="md-nav__item"><a class="md-nav__link" href="{depth}{url_of(j)}">'
        f"{'页面' if zh else 'Page'} {j}</a></li>"
        for j in rng.sample(range(total), min(total, rng.randint(200, 350)))
    )
    sections, ids = [], []
    target_size = rng.randint(100_000, 300_000)
    size, n = 0, 0
    while size < target_size * 0.55:
        n += 1
        ids.append(f"s{n}")
        paras = []
        for _ in range(rng.randint(3, 6)):
            text = "".join(
                rng.choice(sentences) + ("" if zh else " ") for _ in range(rng.randint(3, 8))
            )
            other = rng.randrange(total)
            link = (
                f'<a href="{depth}{url_of(other)}#s1">{"隐私计算案例" if zh else "privacy case"} {other}</a>'
                f' <a href="#s{max(1, n - 1)}">{"上一节" if zh else "previous section"}</a>'
            )
            paras.append(f"<p>{text}{keyword if rng.random() < 0.3 else ''} {link}</p>\n")
        paras.append(f'<p><img src="{depth}assets/f{n}.png" alt="图 {n}"></p>' + ICON)
        heading = f"{keyword} 第{n}节" if zh and n == 1 else f"Section {n}"
        section = (
            f'<h2 id="s{n}">{heading}<a class="headerlink" href="#s{n}">¶</a></h2>\n'
            + "".join(paras)
        )
        sections.append(section)
        size += len(section.encode())
    title = f"{keyword}实践第 {index} 篇" if zh else f"Privacy computing in practice, part {index}"
    lang = "zh" if zh else "en"
    jsonld = json.dumps(
        {"@context": "https://schema.org", "@type": "WebPage", "name": title}, ensure_ascii=False
    )
    html = f"""<!doctype html><html lang="{lang}" class="no-js"><head><meta charset="utf-8">
<meta name="description" content="{title}，说明多家机构如何在数据不出域的前提下联合建模与分析，以及试点步骤。">
<link rel="canonical" href="https://bench.example{url}"><title>{title} - Bench</title>
<script type="application/ld+json">{jsonld}</script>
<link rel="stylesheet" href="{depth}assets/stylesheets/main.css"></head><body>
<header class="md-header">{ICON * 8}<a href="{depth}" class="md-header__button md-logo">Bench</a></header>
<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid">
<div class="md-sidebar md-sidebar--primary"><nav class="md-nav md-nav--primary"><ul class="md-nav__list">{nav}</ul></nav></div>
<div class="md-content"><article class="md-content__inner md-typeset"><h1 id="top">{title}</h1>
<p>{keyword}{rng.choice(sentences)}</p>{"".join(sections)}</article></div></div></main>
<footer class="md-footer"><a href="{depth}">{"首页" if zh else "Home"}</a>{ICON * 4}</footer></div></body></html>"""
    file = url.strip("/") + "/index.html"
    return file, html, keyword


def generate(root: Path, pages: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    site, docs = root / "site", root / "docs"
    total_bytes = 0
    for index in range(pages):
        file, html, keyword = page_html(index, pages, rng)
        path = site / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
        total_bytes += path.stat().st_size
        zh = not file.startswith("en/")
        src = docs / (f"p{index:05d}.md" if zh else f"en/p{index:05d}.md")
        src.parent.mkdir(parents=True, exist_ok=True)
        src.write_text(f"---\ntitle: t{index}\nkeyword: {keyword}\n---\n正文\n", encoding="utf-8")
    (site / "index.html").write_text(page_html(0, pages, rng)[1], encoding="utf-8")
    (site / "assets").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(
        "site_name: Bench\nsite_url: https://bench.example/\n", encoding="utf-8"
    )
    return total_bytes


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its children that have ended (the workers)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_mb() -> tuple[float, float]:
    """Peak RSS in MB of this process and of its largest child (Linux reports KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def child_audit(root: Path, workers: int, ignore: tuple[str, ...] = ()) -> dict:
    from hubtool.audit.engine import run_audit
    from hubtool.config import load_config

    config = load_config(root / "mkdocs.yml")
    start, cpu = time.perf_counter(), cpu_seconds()
    result = run_audit(config, site_dir=root / "site", build=False, workers=workers, ignore=ignore)
    elapsed = time.perf_counter() - start
    own, children = peak_mb()
    return {
        "seconds": elapsed,
        "cpu": cpu_seconds() - cpu,
        "pages": result.summary["pages"],
        "findings": len(result.findings),
        "peak_main_mb": own,
        "peak_worker_mb": children,
    }


def _lxml_parse(paths: list[str]) -> int:
    import lxml.html

    for path in paths:
        lxml.html.fromstring(Path(path).read_bytes())
    return len(paths)


def child_lxml(root: Path, workers: int) -> dict:
    paths = sorted(str(p) for p in (root / "site").rglob("*.html"))
    start, cpu = time.perf_counter(), cpu_seconds()
    if workers > 1:
        chunks = [paths[i : i + 32] for i in range(0, len(paths), 32)]
        with ProcessPoolExecutor(workers) as pool:
            sum(pool.map(_lxml_parse, chunks))
    else:
        _lxml_parse(paths)
    elapsed = time.perf_counter() - start
    own, children = peak_mb()
    return {
        "seconds": elapsed,
        "cpu": cpu_seconds() - cpu,
        "pages": len(paths),
        "peak_main_mb": own,
        "peak_worker_mb": children,
    }


def measure(kind: str, root: Path, workers: int) -> dict:
    """One measure in a fresh child process (so that its peaks are its own)."""
    command = [sys.executable, __file__, "--child", kind, "--root", str(root)]
    done = subprocess.run(
        [*command, "--workers", str(workers)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(root: Path, workers: int, repeat: int) -> None:
    """Measure the audit, the audit without word counts and lxml alone; print what they took."""
    runs: dict[str, dict] = {}
    for _ in range(max(1, repeat)):
        for kind in ("audit", "nowords", "lxml"):
            run = measure(kind, root, workers)
            if kind not in runs or run["seconds"] < runs[kind]["seconds"]:
                runs[kind] = run
    audit, nowords, lxml_ = runs["audit"], runs["nowords"], runs["lxml"]
    size = sum(p.stat().st_size for p in (root / "site").rglob("*.html"))
    print(f"pages: {audit['pages']}  HTML: {size / 1e6:.0f} MB  workers: {workers}")
    print(
        f"audit: {audit['seconds']:.2f} s = {audit['pages'] / audit['seconds']:.0f} pages/s, "
        f"{size / 1e6 / audit['seconds']:.0f} MB/s, {audit['cpu']:.2f} s CPU; "
        f"peak RSS main {audit['peak_main_mb']:.0f} MB, "
        f"largest worker {audit['peak_worker_mb']:.0f} MB; {audit['findings']} findings"
    )
    print(
        f"audit without word counts (--ignore KW005,TEC014: no segmentation, no lengths): "
        f"{nowords['seconds']:.2f} s = {nowords['pages'] / nowords['seconds']:.0f} pages/s, "
        f"{nowords['cpu']:.2f} s CPU; peak RSS main {nowords['peak_main_mb']:.0f} MB"
    )
    print(
        f"lxml parse alone: {lxml_['seconds']:.2f} s = "
        f"{lxml_['pages'] / lxml_['seconds']:.0f} pages/s, {lxml_['cpu']:.2f} s CPU"
    )
    print(
        f"ratio audit / lxml parse: {audit['seconds'] / lxml_['seconds']:.2f}; "
        f"without word counts: {nowords['seconds'] / lxml_['seconds']:.2f}; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="Generate into (or reuse) this folder.")
    parser.add_argument(
        "--repeat", type=int, default=1, help="Run each measure N times; keep the fastest."
    )
    parser.add_argument("--child", choices=["audit", "nowords", "lxml"], help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.child == "lxml":
            print(json.dumps(child_lxml(args.root, args.workers)))
        else:  # "nowords": without KW005 and TEC014, so no segmentation and no writing lengths
            ignore = ("KW005", "TEC014") if args.child == "nowords" else ()
            print(json.dumps(child_audit(args.root, args.workers, ignore)))
        return
    tmp = None
    root = args.keep
    if root is None:
        tmp = tempfile.mkdtemp(prefix="hubtool-bench-")
        root = Path(tmp)
    try:
        if not (root / "site").is_dir():
            start = time.perf_counter()
            size = generate(root, args.pages)
            print(
                f"generated {args.pages} pages, {size / 1e6:.0f} MB of HTML "
                f"in {time.perf_counter() - start:.1f} s",
                file=sys.stderr,
            )
        report(root, args.workers, args.repeat)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
