"""Lead receiver load: accepted leads per second and p50/p99 latency at fixed concurrency, on loopback,
against SQLite and (where its binaries are installed) a throwaway PostgreSQL cluster.

The receiver runs as the real `hubtool leads serve` in its own process (so the load generator does not
share its interpreter); every submission is a valid JSON lead with its own submission id.

    .venv/bin/python tests/bench/leads_bench.py [--requests 2000] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: pgtemp
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "leads"))  # leadkit

from leadkit import spawn
from pgtemp import find_bindir, start_cluster

ORIGIN = "http://127.0.0.1:8000"
CONFIG = f"""\
site_name: bench
site_url: https://bench.example/
extra:
  hub:
    leads:
      site_origins: [{ORIGIN}]
      rate_limit: {{per_minute: 0}}
      min_fill_seconds: 0
    forms:
      contact:
        title: Contact
        submit: Send
        thank_you: /thanks/
        fields:
          - {{name: name, label: Name, type: text, required: true, max: 60}}
          - {{name: email, label: Email, type: email, required: true, max: 254}}
          - {{name: company, label: Company, type: text, required: true, max: 120}}
          - {{name: message, label: Message, type: textarea, max: 2000}}
"""


def lead(i: int) -> dict:
    return {
        "name": f"基准测试 {i}",
        "email": f"bench{i}@example.cn",
        "company": "星衡数据",
        "message": "想了解隐私计算平台的部署方式和价格。" * 3,
        "consent": True,
        "lang": "zh",
        "page_url": f"{ORIGIN}/cases/bank/",
        "utm_source": "bench",
        "submission_id": uuid.uuid4().hex,
    }


async def load(url: str, requests: int, concurrency: int) -> tuple[float, list[float], int]:
    """(wall seconds, latencies in ms of accepted leads, failures)."""
    latencies: list[float] = []
    failures = 0
    queue = list(range(requests))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:

        async def worker() -> None:
            nonlocal failures
            while queue:
                i = queue.pop()
                started = time.perf_counter()
                response = await client.post(
                    f"{url}/forms/contact", json=lead(i), headers={"Origin": ORIGIN}
                )
                if response.status_code == 201:
                    latencies.append((time.perf_counter() - started) * 1000)
                else:
                    failures += 1

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return time.perf_counter() - began, latencies, failures


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run_one(name: str, hub: Path, db_url: str, requests: int, concurrency: int) -> dict:
    # The same rig as the tests' real-process receiver (leadkit.spawn); its log goes to a file.
    receiver = spawn(
        hub / "mkdocs.yml", db_url, hub / f"receiver-{name}.log", HUBTOOL_SECRET="bench"
    )
    try:
        url = receiver.url
        asyncio.run(load(url, min(200, requests), concurrency))  # warm-up: connections, caches
        wall, latencies, failures = asyncio.run(load(url, requests, concurrency))
    finally:
        receiver.stop()
    return {
        "backend": name,
        "requests": requests,
        "concurrency": concurrency,
        "accepted": len(latencies),
        "failed": failures,
        "leads_per_second": round(len(latencies) / wall, 1),
        "p50_ms": round(statistics.median(latencies), 2),
        "p99_ms": round(percentile(latencies, 99), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="hub-leads-bench-") as tmp:
        hub = Path(tmp)
        (hub / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
        results.append(
            run_one(
                "sqlite",
                hub,
                f"sqlite:///{hub / 'var' / 'leads.sqlite3'}",
                args.requests,
                args.concurrency,
            )
        )
        if find_bindir() is None:
            print(
                "postgres: skipped (no PostgreSQL binaries under /usr/lib/postgresql)",
                file=sys.stderr,
            )
        else:
            cluster = start_cluster(fsync=True)  # durable commits, as in production
            try:
                results.append(
                    run_one(
                        "postgres",
                        hub,
                        cluster.create_database("bench"),
                        args.requests,
                        args.concurrency,
                    )
                )
            finally:
                cluster.destroy()
    load = os.getloadavg()[0]
    print(
        f"lead receiver on loopback, {args.concurrency} concurrent clients, "
        f"{args.requests} valid JSON leads per backend ({os.cpu_count()} CPUs, "
        f"load average {load:.1f} at the end: figures shrink on a busy machine)"
    )
    print(f"{'backend':<10}{'accepted/s':>12}{'p50 ms':>10}{'p99 ms':>10}{'failed':>8}")
    for r in results:
        print(
            f"{r['backend']:<10}{r['leads_per_second']:>12}{r['p50_ms']:>10}{r['p99_ms']:>10}"
            f"{r['failed']:>8}"
        )
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    (out / "leads_bench.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
