"""How long a writer waits for a saved edit in `hubtool serve`, and what a full build costs.

    python tests/bench/preview_bench.py [--sizes 1000 5000] [--edits 20] [--pause 2]

For each size, generates a hub of that many content files (the generator of check_bench.py: cases,
whitepapers and news, Chinese and English, 3-6 KB each, in a real hub layout), starts the real
`hubtool serve` on loopback, waits for the first build, then saves EDITS different pages one after
another (PAUSE seconds apart, so background rebuilds run while the writer keeps editing) and times each
from the file write to the first HTTP answer of the served page that contains the change. Prints
p50/p90, and how many background rebuilds finished meanwhile.

Then a full `mkdocs build` of each hub in a fresh process — with our hooks and theme overrides, and the
same Markdown as plain mkdocs-material (every file under docs/, no hooks, no overrides) — wall time and
peak RSS (issue 14 wants ours within 10 % of plain material). `--builds N` runs N pairs (5 by
default; 2 above 1,000 files, `--large-builds`), which kind goes first in turns, and prints each pair's
ratio, their median and the lowest; `--no-preview` skips `hubtool serve`. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]
from check_bench import page  # noqa: E402 - the generator shared by the benchmarks
from hubfactory import make_hub  # noqa: E402

HUBTOOL = Path(sys.executable).with_name("hubtool")
KINDS = ("case", "whitepaper", "news", "news")
FOLDERS = {"case": "cases", "whitepaper": "whitepapers", "news": "docs/news/posts"}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def generate(root: Path, files: int) -> list[Path]:
    """A hub with the repo's configuration, hooks and theme, and `files` content files."""
    make_hub(root, {})
    paths = []
    for n in range(files):
        kind, lang = KINDS[n % 4], ("zh", "zh", "en")[n % 3]
        path = root / FOLDERS[kind] / (f"item-{n}" + (".en.md" if lang == "en" else ".md"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page(kind, n, lang), encoding="utf-8")
        paths.append(path)
    return paths


def plain_copy(root: Path, target: Path) -> None:
    """The same Markdown for plain mkdocs-material: all under docs/, without our hooks and overrides."""
    shutil.copytree(root / "docs", target / "docs")
    for folder in ("cases", "whitepapers"):
        shutil.copytree(root / folder, target / "docs" / folder, dirs_exist_ok=True)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))  # no custom tags
    for key in ("hooks", "watch"):
        config.pop(key, None)
    for key in ("custom_dir", "static_templates"):
        config["theme"].pop(key, None)
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    (target / "mkdocs.yml").write_text(text, encoding="utf-8")


def full_build(root: Path) -> tuple[float, float, int, float]:
    """(seconds, peak RSS in MB, exit status, CPU seconds) of `mkdocs build` in a fresh process.
    CPU time (user + system) is what a busy machine disturbs least: wall time on 2 shared cores
    swings by a tenth between two runs of the same build."""
    out = tempfile.mkdtemp(prefix="preview-bench-site-")
    try:
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "-q",
                    "-f",
                    str(root / "mkdocs.yml"),
                    "-d",
                    out,
                ],
                cwd=root,
                env=ENV,
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            if code:
                errors.seek(0)
                print(
                    f"mkdocs build of {root.name} failed:\n"
                    + errors.read().decode("utf-8", "replace")[-2000:]
                )
        return seconds, usage.ru_maxrss / 1024, code, usage.ru_utime + usage.ru_stime
    finally:
        shutil.rmtree(out, ignore_errors=True)


def build_pair(root: Path, plain: Path, n: int) -> tuple[Build, Build]:
    """(ours, plain), built one after the other, the first of them in turns: a build that follows
    another runs on a warmer or a busier machine, and that must not favour either kind."""
    if n % 2:
        plain_build = full_build(plain)
        return full_build(root), plain_build
    ours = full_build(root)
    return ours, full_build(plain)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return str(answer.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def preview(root: Path, paths: list[Path], edits: int, pause: float) -> dict:
    port = free_port()
    proc = subprocess.Popen(
        [str(HUBTOOL), "serve", "--no-leads", "--port", str(port)],
        cwd=root,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True).start()  # type: ignore[arg-type]
    try:
        first = wait_ready(proc, lines)
        waits, last_visible = time_edits(
            root, f"http://127.0.0.1:{port}", paths, edits, pause, lines
        )
        during = sum(REBUILT in line for line in lines)
        wait_rebuild(
            proc, lines, during
        )  # the listings catch up when a rebuild ends after the last edit
        return {
            "first": first,
            "waits": waits,
            "during": during,
            "rebuilds": [line.strip() for line in lines if REBUILT in line],
            "caught_up": time.perf_counter() - last_visible,
            "memory": rss_mb(proc.pid) + sum(rss_mb(child) for child in children(proc.pid)),
        }
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


REBUILT = "后台重建完成"  # hubtool serve: a background rebuild finished


def wait_ready(proc: subprocess.Popen, lines: list[str]) -> float:
    """Seconds until hubtool serve says its preview is ready."""
    start = time.perf_counter()
    while not any("预览就绪" in line for line in lines):
        if proc.poll() is not None or time.perf_counter() - start > 1800:
            raise SystemExit("hubtool serve did not start:\n" + "".join(lines[-20:]))
        time.sleep(0.2)
    return time.perf_counter() - start


def time_edits(
    root: Path, base: str, paths: list[Path], edits: int, pause: float, lines: list[str]
) -> tuple[list[float], float]:
    """Each edit's seconds from the file write to a served page that shows it, and when the last
    one showed."""
    waits: list[float] = []
    last_visible = time.perf_counter()
    step = max(1, len(paths) // edits)
    for k in range(edits):
        path = paths[(k * step + k) % len(paths)]
        url = base + _url(root, path)
        marker = f"bench-edit-{k}-{time.time_ns()}"
        changed = path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{marker}\n"
        t0 = time.perf_counter()
        path.write_text(changed, encoding="utf-8")
        while marker not in fetch(url):
            if time.perf_counter() - t0 > 120:
                raise SystemExit(f"edit of {path} never showed at {url}:\n" + "".join(lines[-20:]))
            time.sleep(0.005)
        waits.append(time.perf_counter() - t0)
        last_visible = time.perf_counter()
        time.sleep(pause)
    return waits, last_visible


def wait_rebuild(proc: subprocess.Popen, lines: list[str], seen: int) -> None:
    """Until a background rebuild finishes after the `seen` ones (at most 30 minutes)."""
    start = time.perf_counter()
    while sum(REBUILT in line for line in lines) <= seen and proc.poll() is None:
        if time.perf_counter() - start > 1800:
            return
        time.sleep(0.5)


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(x) for x in task.read_text().split()]
    return found


def rss_mb(pid: int) -> float:
    """Resident memory of a process now (Linux /proc; 0 elsewhere)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _url(root: Path, path: Path) -> str:
    rel = path.relative_to(root).as_posix()
    name = path.name.removesuffix(".md")
    lang = ""
    if name.endswith(".en"):
        lang, name = "/en", name.removesuffix(".en")
    if rel.startswith("docs/news/posts/"):
        return f"{lang}/news/{name}/"
    return f"{lang}/{rel.split('/')[0]}/{name}/"


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--pause", type=float, default=2.0)
    parser.add_argument(
        "--builds",
        type=int,
        default=5,
        help="full builds of each kind, in pairs of ours and plain, which goes first in turns "
        "(one build of the same pages varies by a tenth on this shared machine)",
    )
    parser.add_argument(
        "--large-builds",
        type=int,
        default=2,
        help="the same above 1,000 files (a build takes minutes)",
    )
    parser.add_argument(
        "--no-preview", action="store_true", help="only the full builds, not hubtool serve"
    )
    args = parser.parse_args()
    print(
        f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"preview-bench-{size}-") as tmp:
            root, plain = Path(tmp) / "hub", Path(tmp) / "plain"
            paths = generate(root, size)
            plain_copy(root, plain)
            if not args.no_preview:
                print(preview_line(size, preview(root, paths, args.edits, args.pause), args.pause))
            pairs = args.builds if size <= 1000 else args.large_builds
            print(builds_line(size, [build_pair(root, plain, n) for n in range(pairs)]))
            sys.stdout.flush()


def preview_line(size: int, result: dict, pause: float) -> str:
    waits = result["waits"]
    return (
        f"hubtool serve, {size} content files: first build {result['first']:.1f} s; "
        f"edit visible p50 {statistics.median(waits):.3f} s, p90 {quantile(waits, 0.9):.3f} s, "
        f"max {max(waits):.3f} s ({len(waits)} edits, {pause:g} s apart, "
        f"{result['during']} background rebuilds finished meanwhile); listings caught up "
        f"{result['caught_up']:.1f} s after the last edit"
        + (f" ({result['rebuilds'][-1]})" if result["rebuilds"] else "")
        + f"; memory of serve and its renderer {result['memory']:.0f} MB"
    )


Build = tuple[float, float, int, float]


def builds_line(size: int, runs: list[tuple[Build, Build]]) -> str:
    """Medians of each kind, and the ratio of each pair (ours run right before plain)."""
    ours = [o for o, _ in runs]
    plain = [p for _, p in runs]
    ratios = [o[0] / p[0] if p[0] else float("nan") for o, p in runs]

    def figures(kind: list[Build]) -> str:
        seconds = statistics.median(b[0] for b in kind)
        peak = max(b[1] for b in kind)
        cpu = statistics.median(b[3] for b in kind)
        return f"{seconds:.1f} s ({cpu:.1f} s CPU), peak {peak:.0f} MB (exit {max(b[2] for b in kind)})"

    cpu = [o[3] / p[3] if p[3] else float("nan") for o, p in runs]
    each = ", ".join(f"{r:.2f}" for r in ratios)
    spread = (
        f" (median of {len(runs)} pairs: {each}; min {min(ratios):.2f})" if len(runs) > 1 else ""
    )
    return (
        f"mkdocs build, {size} content files: with our hooks {figures(ours)}; "
        f"plain mkdocs-material {figures(plain)}; ours / plain = {statistics.median(ratios):.2f}"
        + spread
        + f"; CPU time ours / plain = {statistics.median(cpu):.2f} (min {min(cpu):.2f})"
    )


if __name__ == "__main__":
    main()
