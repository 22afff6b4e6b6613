"""The demo hub passes its own audit: no errors and no warnings, as every hub built on it should."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hubfactory import DEMO_TODAY, REPO

HUBTOOL = Path(sys.executable).with_name("hubtool")  # the installed console script


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [str(HUBTOOL), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_the_demo_site_passes_its_own_audit(demo_site):
    result = run(
        "seo-audit",
        "--site-dir",
        str(demo_site),
        "--no-build",
        "--today",
        DEMO_TODAY,
        "--format",
        "json",
        "--fail-on",
        "warning",
    )
    report = json.loads(result.stdout)
    assert [f"{f['rule']} {f['path']}:{f['line']} {f['message']}" for f in report["findings"]] == []
    assert result.returncode == 0, result.stderr
    assert report["summary"]["pages"] > 50
    assert (report["summary"]["errors"], report["summary"]["warnings"]) == (0, 0)


def test_the_demo_sources_pass_hubtool_check():
    result = run("check", "--today", DEMO_TODAY, "--fail-on", "warning")
    assert result.returncode == 0, result.stdout + result.stderr
