"""Attack: a symlink in cases/, whitepapers/ or docs/ leads outside the content folders, so the build publishes /etc/passwd or var/secret."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hubfactory import build, make_hub

from hubtool.cli import cli

SECRET = "the signing secret: never publish this"
OUTSIDE = "a private file outside the hub"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the hub, standing in for /etc or another project."""
    folder = tmp_path / "outside"
    (folder / "notes").mkdir(parents=True)
    (folder / "private.txt").write_text(OUTSIDE, encoding="utf-8")
    (folder / "notes" / "leak.md").write_text(f"# {OUTSIDE}\n", encoding="utf-8")
    return folder


def new_hub(root: Path) -> Path:
    make_hub(
        root, {"var/secret": SECRET, "cases/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"}
    )
    return root


def link(root: Path, rel: str, target: str | Path) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def check(root: Path, *paths: str) -> tuple[int, list[dict]]:
    cwd = os.getcwd()
    os.chdir(root)
    try:
        done = CliRunner().invoke(
            cli, ["check", "--format", "json", *paths], catch_exceptions=False
        )
    finally:
        os.chdir(cwd)
    return done.exit_code, [f for f in json.loads(done.output)["findings"] if f["rule"] == "SEC001"]


ATTACKS = {
    # link in the hub -> (its target, how findings name the target)
    "cases/x.txt": ("{outside}/private.txt", "{outside}/private.txt"),
    "whitepapers/files/s.pdf": ("../../var/secret", "var/secret"),
    "docs/assets/leak": ("{outside}/notes", "{outside}/notes"),  # a whole folder
    "cases/leak.md": ("{outside}/notes/leak.md", "{outside}/notes/leak.md"),  # a page
    "whitepapers/loop.pdf": ("loop.pdf", "itself (a loop of links)"),
}


@pytest.mark.parametrize("rel", ATTACKS, ids=ATTACKS)
def test_check_names_the_link_and_its_target(tmp_path, outside, rel):
    root = new_hub(tmp_path / "hub")
    target, shown = (t.format(outside=outside) for t in ATTACKS[rel])
    link(root, rel, target)
    status, found = check(root)
    assert status == 1
    assert [(f["path"], f["line"]) for f in found] == [(rel, 1)]
    assert f"符号链接指向内容目录之外的 {shown}" in found[0]["message"]


def test_check_of_the_link_alone_reports_it_as_pre_commit_passes_it(tmp_path, outside):
    root = new_hub(tmp_path / "hub")
    link(root, "cases/x.txt", outside / "private.txt")
    status, found = check(root, "cases/x.txt")
    assert status == 1 and [f["path"] for f in found] == ["cases/x.txt"]
    status, found = check(root, "cases")
    assert status == 1 and [f["path"] for f in found] == ["cases/x.txt"]


def test_a_content_folder_that_is_itself_a_link_out_of_the_hub(tmp_path, outside):
    root = new_hub(tmp_path / "hub")
    for path in sorted((root / "cases").iterdir()):
        path.unlink()
    (root / "cases").rmdir()
    link(root, "cases", outside)
    _, found = check(root)
    assert [f["path"] for f in found] == ["cases"] and str(outside) in found[0]["message"]
    assert OUTSIDE not in json.dumps(found)  # named, never read


@pytest.mark.parametrize("rel", ["cases/x.txt", "whitepapers/files/s.pdf", "docs/assets/leak"])
def test_build_stops_naming_the_link_and_publishes_nothing(tmp_path, outside, rel):
    root = new_hub(tmp_path / "hub")
    target, shown = (t.format(outside=outside) for t in ATTACKS[rel])
    link(root, rel, target)
    done = build(root)
    assert done.returncode == 1
    # In the writers' language (the hub is Chinese), at the link's path.
    assert f"{rel}:1: 符号链接指向 {shown}，在内容目录" in done.stderr
    site = root / "site"
    published = (
        [p.read_text(errors="replace") for p in site.rglob("*") if p.is_file()]
        if site.exists()
        else []
    )
    assert not any(SECRET in text or OUTSIDE in text for text in published)


def test_links_between_content_folders_are_fine(tmp_path):
    root = new_hub(tmp_path / "hub")
    link(root, "docs/assets/customer.svg", "../../cases/logo.svg")
    link(root, "docs/cases-shared", "../cases")
    _, found = check(root)
    assert found == []
    done = build(root)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (root / "site/assets/customer.svg").read_text().startswith("<svg")
