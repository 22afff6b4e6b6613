"""`hubtool check` keeps each file's sentences between runs (ED005 reads every page): the cached
runs give the same findings as a fresh one, an edit is seen at once, and a damaged or planted cache
file changes nothing."""

from __future__ import annotations

import json

from workflowkit import CASE, TODAY, run, write_hub

from hubtool.content.cachefile import read_json, write_json

SHARED = "通过隐私计算平台，双方在原始数据不出域的前提下完成了联合建模和效果验证。"
NEW = "在第二阶段，双方又把反欺诈特征接入同一套平台，所有中间参数均以密文交换和留档。"

FILES = {
    "cases/a.md": CASE.replace(
        "三方原始数据始终留在各自机房。", f"三方原始数据始终留在各自机房。{SHARED}"
    ),
    "cases/b.md": CASE.replace("title: 城商行", "title: 农商行").replace(
        "各自机房。", f"各自机房。{SHARED}"
    ),
}


def duplicates(root) -> list[tuple[str, int, str]]:
    result = run(root, "check", "--today", TODAY, "--format", "json", "--fail-on", "never")
    assert result.exit_code in (0, 1), result.output
    found = json.loads(result.output)["findings"]
    return sorted((f["path"], f["line"], f["message"]) for f in found if f["rule"] == "ED005")


def test_cached_runs_find_what_a_fresh_run_finds_and_see_edits_at_once(tmp_path):
    root = write_hub(tmp_path / "hub", FILES)
    fresh = duplicates(root)
    assert any("通过隐私计算平台" in message for *_, message in fresh)
    cache = root / ".cache" / "hubtool"
    assert (cache / "sentences.json").is_file()
    assert (cache / ".gitignore").read_text(encoding="utf-8") == "*\n"  # never committed
    assert duplicates(root) == fresh  # read from the cache
    # The writer removes the copy from b.md and adds the new sentence to both: the cache of the
    # old text is not used for the new one.
    b = root / "cases/b.md"
    b.write_text(b.read_text(encoding="utf-8").replace(SHARED, NEW), encoding="utf-8")
    assert not any("通过隐私计算平台" in message for *_, message in duplicates(root))
    a = root / "cases/a.md"
    a.write_text(a.read_text(encoding="utf-8").replace(SHARED, NEW), encoding="utf-8")
    assert any("在第二阶段" in message for *_, message in duplicates(root))


def test_a_damaged_or_planted_cache_changes_nothing(tmp_path):
    root = write_hub(tmp_path / "hub", FILES)
    fresh = duplicates(root)
    path = root / ".cache" / "hubtool" / "sentences.json"
    data = read_json(path)
    # Planted (committed from another checkout): every entry says the file has no sentences; it
    # was made by another copy of hubtool, so it never matches. Then entries of the wrong shape.
    # Both written with a valid checksum, so the stamp and shape checks are what refuse them.
    empty = {key: [] for key in data["files"]}
    write_json(path, {"stamp": "1:1", "files": empty})
    planted = duplicates(root)
    write_json(path, {**data, "files": {key: [["x", 1]] for key in data["files"]}})
    wrong_shape = duplicates(root)
    path.write_text('{"stamp": ', encoding="utf-8")  # half a file
    assert fresh, "no ED005 finding: a damaged cache would change nothing on an empty result"
    assert [planted, wrong_shape, duplicates(root)] == [fresh, fresh, fresh]
