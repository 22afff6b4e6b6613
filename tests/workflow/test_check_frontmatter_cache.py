"""`hubtool check` keeps each file's validated front matter between runs (a 1,000-file hub parses
1,000 front matters for one checked file): a cached run reports what a fresh run reports, an edit
is seen whatever its size and time, a change of mkdocs.yml's vocabulary is seen, and a damaged,
foreign or half-written cache file changes nothing."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess

from hubfactory import DELETE
from workflowkit import CASE, HUBTOOL, TODAY, run, write_hub

FILES = {
    "cases/good.md": CASE,
    "cases/bad.md": CASE.replace("title: 城商行", "title: 农商行").replace(
        "stage: decision", "stage: decide"
    ),
    # Values JSON cannot spell as they are: a time with its zone, a set, dates as keys. They are
    # reported the same whether a run parses them or finds them kept.
    "cases/odd.md": CASE.replace("title: 城商行", "title: 村镇银行").replace(
        "date: 2026-05-14",
        "date: 2026-05-14\nupdated: 2026-05-20 09:30:00+08:00\n"
        "seen_on: !!set {a, b}\nschedule: {2026-06-01: 复盘}",
    ),
}


def check(root) -> tuple[list[tuple[str, int, str, str]], dict]:
    result = run(root, "check", "--today", TODAY, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    found = [(f["path"], f["line"], f["rule"], f["message"]) for f in report["findings"]]
    return sorted(found, key=repr), report["summary"]


def front_matter_findings(root) -> list[tuple[str, int, str, str]]:
    return [f for f in check(root)[0] if f[2].startswith("FM")]


def test_a_cached_run_reports_what_a_fresh_run_reports(tmp_path):
    root = write_hub(tmp_path / "hub", FILES)
    fresh = check(root)
    assert ("cases/bad.md", 7, "FM001") in {f[:3] for f in fresh[0]}
    assert {f[:3] for f in fresh[0] if f[0] == "cases/odd.md" and f[2] == "FM002"} == {
        ("cases/odd.md", 6, "FM002"),  # unknown fields: seen_on and schedule
        ("cases/odd.md", 7, "FM002"),
    }
    cache = root / ".cache" / "hubtool" / "frontmatter.json"
    assert len(json.loads(cache.read_text(encoding="utf-8").partition("\n")[2])["files"]) >= 2
    assert (root / ".cache" / "hubtool" / ".gitignore").read_text(encoding="utf-8") == "*\n"
    assert check(root) == fresh
    assert check(root) == fresh


def test_an_edit_of_the_same_size_and_time_is_seen(tmp_path):
    root = write_hub(tmp_path / "hub", FILES)
    assert not [f for f in front_matter_findings(root) if f[0] == "cases/good.md"]
    good = root / "cases/good.md"
    before = good.stat()
    text = good.read_text(encoding="utf-8")
    # Same length, and the clock put back: a cache keyed by size and time would miss this edit.
    good.write_text(text.replace("tier: S", "tier: Z"), encoding="utf-8")
    os.utime(good, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert good.stat().st_size == before.st_size
    [finding] = [f for f in front_matter_findings(root) if f[0] == "cases/good.md"]
    assert finding[:3] == ("cases/good.md", 10, "FM001")
    assert "'Z'" in finding[3]
    good.write_text(text, encoding="utf-8")
    os.utime(good, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert not [f for f in front_matter_findings(root) if f[0] == "cases/good.md"]


def test_a_change_of_the_vocabulary_in_mkdocs_yml_is_seen(tmp_path):
    root = write_hub(tmp_path / "hub", FILES)
    assert not [f for f in front_matter_findings(root) if f[0] == "cases/good.md"]
    retail = {"zh": "零售银行", "en": "Retail banking"}
    write_hub(
        root, hub={"vocabulary": {"industries": {"banking": DELETE, "retail-banking": retail}}}
    )
    found = {(f[1], f[2]) for f in front_matter_findings(root) if f[0] == "cases/good.md"}
    assert found == {(8, "FM001"), (10, "FM001")}  # industries, customer.industry


def sealed(data) -> str:
    """A cache file as hubtool writes it: a checksum line, then the JSON."""
    text = json.dumps(data, ensure_ascii=False)
    return f"hubtool-cache sha1:{hashlib.sha1(text.encode()).hexdigest()}\n{text}"


def test_a_damaged_foreign_or_missing_cache_changes_nothing(tmp_path):
    root = write_hub(tmp_path / "hub", FILES)
    fresh = check(root)
    path = root / ".cache" / "hubtool" / "frontmatter.json"
    written = path.read_text(encoding="utf-8")
    data = json.loads(written.partition("\n")[2])
    # Entries that say "valid, no problems" for every file, as another copy of hubtool might have
    # written them: its stamp never matches this one.
    clean = json.dumps([{"title": "x", "status": "published"}, [], []])
    planted = {"stamp": "0" * 40, "files": dict.fromkeys(data["files"], clean)}
    # This copy's stamp, entries of shapes it never writes.
    shapes = [
        "[]",
        "{{",
        json.dumps(["x", [], []]),
        json.dumps([{}, [[["title"], 2, 3]], []]),
        json.dumps([{}, [], [["cases/bad.md", 7]]]),
        json.dumps([{"date": {"\u0000": "d", "v": "2026-13-45"}}, [], []]),
        json.dumps([{"date": {"\u0000": "q", "v": 1}}, [], []]),
        json.dumps([{}, [[[["nested"]], 2]], []]),
        None,
        7,
    ]
    wrong = {key: shapes[n % len(shapes)] for n, key in enumerate(data["files"])}
    # A message edited after the file was written: the checksum no longer matches.
    edited = written.replace("decide", "decidX")
    assert edited != written
    damaged = [
        sealed(planted),
        sealed({**data, "files": wrong}),
        sealed({**data, "files": []}),
        sealed([1, 2]),
        edited,
        written.partition("\n")[2],  # no checksum line
        sealed(data)[:-10],  # cut short
        "[" * 100_000,  # deeper than the JSON parser goes
        "\udcff",
    ]
    for text in damaged:
        path.write_text(text, encoding="utf-8", errors="surrogateescape")
        assert check(root) == fresh, text[:80]
        assert path.read_text(encoding="utf-8") == written  # rewritten as a fresh run writes it
    path.unlink()
    path.mkdir()  # not even a file: nothing is kept, nothing fails
    assert check(root) == fresh


def test_two_checks_at_once_both_report_what_one_reports(tmp_path):
    root = write_hub(tmp_path / "hub", FILES)
    fresh = check(root)
    (root / ".cache" / "hubtool" / "frontmatter.json").unlink()
    args = [str(HUBTOOL), "check", "--today", TODAY, "--format", "json", "--fail-on", "never"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    runs = [
        subprocess.Popen(args, cwd=root, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for process in runs:
        out, _ = process.communicate(timeout=120)
        report = json.loads(out)
        found = [(f["path"], f["line"], f["rule"], f["message"]) for f in report["findings"]]
        assert sorted(found, key=repr) == fresh[0]
    assert check(root) == fresh
    leftovers = [p.name for p in (root / ".cache" / "hubtool").iterdir()]
    assert sorted(leftovers) == [".gitignore", "frontmatter.json", "sentences.json"]
