"""How long `hubtool check` takes on a 200-file hub and on a 1,000-file hub (the pre-commit budget:
one file under a second), and whether `check` agrees with `seo-audit` on a 500-page hub.

Generates a hub of N content files (default 200: cases, whitepapers and news, Chinese and English,
each a realistic 3-6 KB page with full front matter) in a temporary folder, then times the installed
console script as a subprocess: the whole hub, one file (what pre-commit passes for a small
commit: its first run, which fills the caches in .cache/hubtool, and then the warm runs a writer
waits for), and the bare interpreter start for reference. Then one file of a LARGE-file hub (default
1,000; the target: warm, under 1 s wall on 2 idle cores), with the CPU time of its parts (loading
the hub, each costly rule, rendering the page for the page rules). Then the parity run (`--parity 500`; 0 skips it): a generated hub of that many pages
with writers' slips (tests/workflow/paritykit.py), built and audited by `seo-audit` and checked by
`check`; for every page `check` renders, the findings of the rules it claims must be the same (rule,
file, line, message): prints how many, and any difference. The suite runs the same comparison on 60
pages (tests/workflow/test_check_parity.py): a 500-page build is too slow for it. Asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HUBTOOL = Path(sys.executable).with_name("hubtool")
TODAY = dt.date(2026, 11, 23)

# Every sentence carries the page and section numbers, so no two pages share a sentence (ED005).
ZH_SENTENCES = (
    "第 {n} 号项目里，华东联合银行借助隐私计算平台与 {s} 家外部数据方开展联合风控建模。",
    "项目 {n} 的原始数据始终留在各自机房，只交换加密后的中间参数，共 {m} 个特征。",
    "试点 {n} 覆盖 {s} 家分支机构，审批时长从 3 个工作日缩短到 {m} 分钟。",
    "在第 {n} 期复盘中，风险管理部确认模型对成立不满 {s} 年的企业区分能力提升更为明显。",
)
EN_SENTENCES = (
    "In project {n}, a city bank ran joint risk modelling with {s} data providers.",
    "Raw data of project {n} never left its rooms; only encrypted parameters moved, {m} features.",
    "Pilot {n} covered {s} branches and cut approval time from three days to {m} minutes.",
    "Review {n} found the model separates firms younger than {s} years far better.",
)


def page(kind: str, n: int, lang: str) -> str:
    zh = lang == "zh"
    date = TODAY - dt.timedelta(days=3 + n * 2)
    keyword = f"联合风控建模{n}" if zh else f"joint risk modelling {n}"
    meta = [
        f"title: {'城商行联合风控建模实践' if zh else 'Joint risk modelling at a city bank'} {n}",
        f"description: {keyword}：试点覆盖 {n} 家分支机构，审批时长从 3 天缩短到 40 分钟，"
        "不良率下降 0.55 个百分点，本文介绍做法与结果。"
        if zh
        else f"description: How a city bank ran {keyword}, cutting approval time from 3 days to 40 "
        "minutes across the branches. The approach and the results.",
        f"date: {date}",
        f"keyword: {keyword}",
        "related_keywords: [纵向联邦学习, 隐私求交]",
        "audience: [decision-maker, evaluator]",
        "stage: decision",
        "industries: [banking]",
        "cta: demo",
    ]
    if kind == "case":
        meta += [
            "customer: {name: 华东联合银行, industry: banking, tier: S, approved: true}",
            'results: [{value: "0.41", label: 模型 KS 值}, {value: "40 分钟", label: 审批时长}]',
            "quote: {text: 原始数据不出机房。, author: 陈立群, role: 首席风险官}",
        ]
    elif kind == "whitepaper":
        meta += [
            "gated: true",
            "form: whitepaper-download",
            "file: files/guide.pdf",
            "approvals: [{by: 张伟, role: product}, {by: 王芳, role: legal}]",
        ]
    else:
        meta += ["categories: [product]"]
    sentences = ZH_SENTENCES if zh else EN_SENTENCES
    body = [f"# {meta[0].split(': ', 1)[1]}", ""]
    for section in range(6):
        body += [f"## {'第' if zh else 'Part '}{section + 1}{'部分' if zh else ''}", ""]
        for paragraph in range(3):
            s, m = section * 3 + paragraph + 2, 40 + n
            body += ["".join(t.format(n=n, s=s, m=m) for t in sentences), ""]
    return "---\n" + "\n".join(meta) + "\n---\n\n" + "\n".join(body)


def make_hub(root: Path, files: int) -> None:
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    kinds = ("case", "whitepaper", "news", "news")
    for n in range(files):
        kind, lang = kinds[n % 4], ("zh", "zh", "en")[n % 3]
        name = f"item-{n}" + (".en.md" if lang == "en" else ".md")
        folder = {"case": "cases", "whitepaper": "whitepapers", "news": "docs/news/posts"}[kind]
        path = root / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page(kind, n, lang), encoding="utf-8")


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# Timed as a writer's machine runs it: Python keeps compiled modules (a shell that sets
# PYTHONDONTWRITEBYTECODE would recompile every module edited since the install, every run).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["NO_MKDOCS_2_WARNING"] = "1"


def timed(
    args: list[str], cwd: Path, runs: int
) -> tuple[list[float], list[float], subprocess.CompletedProcess]:
    """Wall-clock and CPU seconds of each run. CPU time is the fairer figure on a busy machine."""
    env = ENV
    walls, cpus, done = [], [], None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), cpu()
        done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        cpus.append(cpu() - start_cpu)
    return walls, cpus, done  # type: ignore[return-value]


def line(label: str, walls: list[float], cpus: list[float]) -> str:
    return (
        f"{label:<30} wall median {statistics.median(walls):.3f} s  min {min(walls):.3f} s   "
        f"cpu median {statistics.median(cpus):.3f} s  min {min(cpus):.3f} s"
    )


BREAKDOWN = """
import datetime as dt, time
T = time.process_time
t0 = T()
from hubtool.audit.engine import configure
from hubtool.audit.model import AuditContext
from hubtool.config import load_config
from hubtool.content.load import load_hub
from pathlib import Path
import hubtool.commands.check, hubtool.output
t1 = T()
config = load_config("mkdocs.yml"); hub = load_hub(config)
t2 = T()
cache = Path(".cache/hubtool")  # what check keeps between runs, filled by the runs above
hub = load_hub(config, cache_dir=cache)
t3 = T()
print(f"  imports {t1 - t0:.3f} s, loading and validating {len(hub.items)} files {t2 - t1:.3f} s "
      f"(with check's front-matter cache: {t3 - t2:.3f} s)")
import sys
# As `check ONE_FILE` runs them: per-file rules on that file, cross-page rules on the whole hub.
whole = AuditContext(config=config, hub=hub, today=dt.date(2026, 11, 23), cache_dir=cache)
ctx = AuditContext(config=config, hub=hub, today=dt.date(2026, 11, 23), only=frozenset([sys.argv[1]]),
                   cache_dir=cache)
rest = 0.0
from hubtool.site.source_pages import PAGE_RULES
for rule in configure(config):
    if rule.scope == "site":
        continue  # the page rules are timed with the rendering below
    start = T(); list(rule.check(whole if rule.cross_page else ctx)); spent = T() - start
    if spent >= 0.02:
        print(f"  {rule.code} {spent:.3f} s")
    else:
        rest += spent
print(f"  other source rules together {rest:.3f} s")
from hubtool.site.source_pages import render_site
from hubtool.audit.engine import run_rules
item = next(i for i in hub.published if i.rel == sys.argv[1])
start = T(); pages = render_site(config, hub, [item], dt.date(2026, 11, 23)).pages; first = T() - start
start = T(); render_site(config, hub, [item], dt.date(2026, 11, 23)); again = T() - start
page_rules = [r for r in configure(config) if r.code in PAGE_RULES]
start = T(); run_rules(AuditContext(config=config, hub=hub, today=dt.date(2026, 11, 23),
                                    pages=pages, only=frozenset([item.rel])), page_rules)
print(f"  rendering {item.rel} for the page rules {first:.3f} s (imports included; again: "
      f"{again:.3f} s), the {len(page_rules)} page rules {T() - start:.3f} s")
"""


def breakdown(root: Path, one: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", BREAKDOWN, one], cwd=root, env=ENV, capture_output=True, text=True
    ).stdout.rstrip()


def one_file(root: Path, one: str, runs: int, label: str) -> None:
    """`check ONE_FILE` as pre-commit runs it: the first run after a change of hubtool fills the
    caches (.cache/hubtool), the warm runs after it are what a writer waits for."""
    args = [str(HUBTOOL), "check", one, "--today", str(TODAY)]
    first = timed(args, root, 1)
    warm = timed(args, root, runs)
    print(line(f"{label} first", *first[:2]))
    print(line(f"{label} warm", *warm[:2]) + f"   ({runs} runs)")


def parity(pages: int) -> None:
    """`check` and `seo-audit` on a generated hub of `pages` pages: the same findings per page."""
    sys.path[:0] = [str(REPO / "tests" / "workflow"), str(REPO / "tests")]
    from paritykit import generate, keyed

    from hubtool.site.source_pages import PAGE_RULES

    with tempfile.TemporaryDirectory(prefix="hubtool-parity-bench-") as tmp:
        root = generate(Path(tmp) / "hub", pages)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        args = ["--today", str(TODAY), "--format", "json", "--fail-on", "never"]
        start = time.perf_counter()
        audit = subprocess.run(
            [str(HUBTOOL), "seo-audit", *args], cwd=root, env=env, capture_output=True, text=True
        )
        audit_s = time.perf_counter() - start
        start = time.perf_counter()
        check = subprocess.run(
            [str(HUBTOOL), "check", *args], cwd=root, env=env, capture_output=True, text=True
        )
        check_s = time.perf_counter() - start
        if audit.returncode or check.returncode:
            print(f"parity on {pages} pages: a command failed: {audit.stderr or check.stderr}")
            return
        rules = json.loads(
            subprocess.run(
                [str(HUBTOOL), "rules", "--format", "json"],
                cwd=root,
                capture_output=True,
                text=True,
            ).stdout
        )
        codes = {r["code"] for r in rules if r["scope"] == "source"} | set(PAGE_RULES)
        report = json.loads(check.stdout)
        left = {p["path"] for p in report["summary"]["left_to_full_build"]}
        a, c = keyed(json.loads(audit.stdout), codes), keyed(report, codes)
        paths = {f[1] for f in a | c} - left - {None, "mkdocs.yml"}
        a, c = {f for f in a if f[1] in paths}, {f for f in c if f[1] in paths}
        print(
            f"parity on {pages} generated pages: seo-audit {audit_s:.1f} s, check (all) "
            f"{check_s:.1f} s; {len(c)} findings of {len({f[0] for f in c})} rules on "
            f"{len(paths)} files; {'identical' if a == c else 'DIFFERENT'}"
        )
        for f in sorted(a - c, key=str)[:10]:
            print("  only seo-audit:", f)
        for f in sorted(c - a, key=str)[:10]:
            print("  only check:", f)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--large", type=int, default=1000, help="files of the large hub (0: skip)")
    parser.add_argument("--parity", type=int, default=500, help="pages of the parity run (0: skip)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hubtool-check-bench-") as tmp:
        root = Path(tmp)
        make_hub(root, args.files)
        size = sum(p.stat().st_size for p in root.rglob("*.md"))
        one = next(root.glob("cases/*.md")).relative_to(root).as_posix()
        python = timed([sys.executable, "-c", "pass"], root, args.runs)
        whole = timed(
            [str(HUBTOOL), "check", "--today", str(TODAY), "--fail-on", "never"], root, args.runs
        )
        imports = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys, runpy; sys.argv=['hubtool','check','--fail-on','never'];"
                "import hubtool.cli as c\ntry: c.main()\nexcept SystemExit: pass\n"
                "heavy=[m for m in ('mkdocs','material','selectolax','bs4','jieba','lxml') if m in sys.modules]\n"
                "print('heavy imports:', heavy or 'none', file=sys.stderr)",
            ],
            cwd=root,
            capture_output=True,
            text=True,
        )
        done = whole[2]
        counts = [x for x in done.stdout.splitlines() if "error(s)" in x or "个错误" in x]
        summary = counts[-1] if counts else done.stderr
        print(f"hub: {args.files} content files, {size / 1e6:.1f} MB of Markdown")
        print(f"result: {summary}")
        print(
            f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
        )
        print(line("python -c pass", *python[:2]))
        print(line("hubtool check (all)", *whole[:2]))
        one_file(root, one, args.runs, "check ONE_FILE")
        print(imports.stderr.strip().splitlines()[-1])
        # Where the CPU time goes, in one process (rules of 20 ms or more named).
        print("cpu breakdown:")
        print(breakdown(root, one))
    if args.large:
        with tempfile.TemporaryDirectory(prefix="hubtool-check-bench-") as tmp:
            root = Path(tmp)
            make_hub(root, args.large)
            one = next(root.glob("cases/*.md")).relative_to(root).as_posix()
            print(f"hub: {args.large} content files")
            print(
                f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on "
                f"{os.cpu_count()} cores (target: warm wall under 1 s on 2 idle cores)"
            )
            one_file(root, one, args.runs, f"check ONE_FILE ({args.large})")
            print("cpu breakdown:")
            print(breakdown(root, one))
    if args.parity:
        parity(args.parity)


if __name__ == "__main__":
    main()
