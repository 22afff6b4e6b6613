"""Lighthouse 12 scores and page weight of the demo hub, per page type and language.

    python tests/bench/lighthouse_bench.py [--pages landing:zh,case:zh] [--desktop] [--runs 3] [--json F]

Builds the demo hub with the real `mkdocs build`, serves it on loopback the way a CDN would (gzip,
long cache for fingerprinted bundles; tests/browser/hubrun.py), and runs Lighthouse (npm, in
tests/browser/node_modules, driving Debian's /usr/bin/chromium) on each page type, one at a time.
Prints performance (mobile unless --desktop: simulated slow 4G and a 4x slower CPU), best
practices, SEO and accessibility scores, the total transfer size and the Web Vitals behind the
performance score, then what cost points. Performance varies with the machine's load: run it on
a quiet machine and compare runs, not single figures. Asserts nothing: the tests do
(tests/browser/test_lighthouse.py).
Needs `bash tests/browser/setup.sh` first (`make bench` runs it).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: hubfactory, for hubrun
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))

import hubrun

ORDER = ("landing", "cases-index", "case", "whitepaper", "news-index", "news-post")
CATEGORIES = (
    ("performance", "perf"),
    ("best-practices", "best"),
    ("seo", "seo"),
    ("accessibility", "a11y"),
)


def page_order(pages: dict[str, str]) -> list[str]:
    keys = [f"{kind}:{lang}" for lang in ("zh", "en") for kind in ORDER]
    return [key for key in keys if key in pages]


METRICS = (
    ("first-contentful-paint", "FCP ms"),
    ("largest-contentful-paint", "LCP ms"),
    ("total-blocking-time", "TBT ms"),
    ("cumulative-layout-shift", "CLS"),
)


def metric(lhr: dict, audit_id: str) -> float:
    return float(lhr["audits"][audit_id].get("numericValue") or 0)


def lost_points(lhr: dict) -> list[str]:
    """Audits outside the performance metrics that cost points, and opportunities worth >= 50 ms."""
    out = []
    for category in ("best-practices", "seo", "accessibility"):
        for line in hubrun.failed_audits(lhr, category):
            out.append(f"{category}: {line}")
    for audit in lhr["audits"].values():
        details = audit.get("details") or {}
        saving = details.get("overallSavingsMs") or 0
        if details.get("type") == "opportunity" and saving >= 50:
            out.append(f"opportunity: {audit['id']} (~{saving:.0f} ms)")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", help="comma-separated page types, e.g. landing:zh,case:en")
    parser.add_argument("--desktop", action="store_true", help="desktop preset instead of mobile")
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        help="runs per page; the run with the median performance score is shown",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    for reason in (hubrun.missing_browser(), hubrun.missing_node_tool(hubrun.LIGHTHOUSE_JS)):
        if reason:
            print(f"lighthouse bench skipped: {reason}", file=sys.stderr)
            return 0
    form_factor = "desktop" if args.desktop else "mobile"
    rows = []
    with (
        tempfile.TemporaryDirectory(prefix="hub-lighthouse-") as tmp,
        hubrun.running_hub(Path(tmp) / "hub", leads=False) as hub,
    ):
        keys = args.pages.split(",") if args.pages else page_order(hub.pages)
        print(f"Lighthouse {form_factor} on {hub.site} (site built with site_url = that origin)\n")
        header = f"{'page type':<16} {'path':<40} " + " ".join(f"{s:>5}" for _, s in CATEGORIES)
        print(header + f" {'KiB':>7} " + " ".join(f"{name:>7}" for _, name in METRICS))
        notes = {}
        keys = [key for key in keys if key in hub.pages]
        started = time.monotonic()
        runs: dict[str, list[dict]] = {key: [] for key in keys}
        for _ in range(max(1, args.runs)):
            found = hubrun.lighthouse_many(
                [hub.url(hub.pages[key]) for key in keys], Path(tmp) / "lh", form_factor=form_factor
            )
            for key, lhr in zip(keys, found):
                runs[key].append(hubrun.checked(lhr))
        for key in keys:
            ranked = sorted(runs[key], key=lambda r: r["categories"]["performance"]["score"] or 0)
            lhr = ranked[len(ranked) // 2]
            scores = hubrun.scores(lhr)
            kib = hubrun.total_bytes(lhr) / 1024
            metrics = {name: metric(lhr, audit_id) for audit_id, name in METRICS}
            rows.append(
                {
                    "page": key,
                    "path": hub.pages[key],
                    **scores,
                    **metrics,
                    "transfer_bytes": hubrun.total_bytes(lhr),
                    "form_factor": form_factor,
                }
            )
            notes[key] = lost_points(lhr)
            print(
                f"{key:<16} {hub.pages[key][:40]:<40} "
                + " ".join(f"{scores.get(c, 0):>5}" for c, _ in CATEGORIES)
                + f" {kib:>7.1f} "
                + " ".join(
                    f"{metrics[name]:>7.0f}" if name != "CLS" else f"{metrics[name]:>7.3f}"
                    for _, name in METRICS
                )
            )
        print(
            f"\n{len(keys)} pages x {max(1, args.runs)} run(s) in "
            f"{time.monotonic() - started:.0f} s (one Chrome per run, pages one at a time)"
        )
        print("\nWhat cost points:")
        for key, lines in notes.items():
            for line in lines:
                print(f"  {key}: {line}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
