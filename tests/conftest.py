"""Fixtures shared by several test folders: `hub_factory` (a real hub written from data) and the
throwaway PostgreSQL cluster."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hubfactory
import pytest
from pgtemp import find_bindir, start_cluster


class HubFactory:
    """Writes a real hub into a fresh folder under the test's tmp_path (hub1, hub2, ...) with
    `hubfactory.write_hub`: `hub_factory({"cases/a.md": "..."}, hub={"leads": {...}})`.
    Configuration is merged as data (`config` into mkdocs.yml, `hub` into its `extra.hub`)."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.made = 0

    def __call__(
        self,
        files: dict[str, str] | None = None,
        *,
        hub: dict[str, Any] | None = None,
        config: dict[str, Any] | None = None,
        base: dict[str, Any] | None = None,
        starter_pages: bool = False,
    ) -> Path:
        self.made += 1
        return hubfactory.write_hub(
            self.tmp_path / f"hub{self.made}",
            files,
            hub=hub,
            config=config,
            base=base,
            starter_pages=starter_pages,
        )


@pytest.fixture
def hub_factory(tmp_path: Path) -> HubFactory:
    """`hub_factory(files, *, hub=, config=, base=, starter_pages=)` -> the new hub's folder."""
    return HubFactory(tmp_path)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    """A throwaway PostgreSQL cluster (Debian's binaries); skipped, with the reason printed, without them."""
    if find_bindir() is None:
        reason = "PostgreSQL binaries not found (/usr/lib/postgresql/*/bin): postgres tests skipped"
        print(f"\n{reason}", file=sys.stderr)
        pytest.skip(reason)
    try:
        cluster = start_cluster()
    except RuntimeError as exc:
        print(f"\ncannot start PostgreSQL: {exc}", file=sys.stderr)
        pytest.skip(f"cannot start a throwaway PostgreSQL cluster: {exc}")
    yield cluster
    cluster.destroy()


# -- the `slow` marker: `pytest -m "not slow"` is the fast local loop ------------------------------
# Slow = runs a real MkDocs build, a browser, or a server process (hubtool serve, the receiver as a
# process, PostgreSQL). Marked here, from where that is certain, so no test file needs to say it.
SLOW_FOLDERS = {"browser", "bench"}
# Fixtures that build, serve or drive a browser for the tests using them ("module.py::name" when
# the name is a generic one of one module).
SLOW_FIXTURES = {
    "demo_site",  # mkdocs build of the demo (tests/site, test_check_parity.py)
    "make_site",  # tests/audit: a plain site, written to be built by auditkit.audit
    "costly_build",  # test_engine.py
    "hostile_site",  # test_hostile_front_matter_xss.py
    "badge_site",  # test_badges.py
    "pg_cluster",  # a PostgreSQL server
    "test_cli.py::built",  # seo-audit with a build, shared by the format tests
    "test_frontmatter_in_audit.py::hub",  # seo-audit with a build
    "test_build.py::site",
    "test_rules.py::good_result",  # auditkit.audit of the clean site
    "test_seo.py::tiny_site",
    "test_preview.py::served",  # hubtool serve
}
# Whole modules: each test drives a browser or starts a server itself.
SLOW_MODULES = {
    "test_preview.py",
    "test_report_browser.py",
    "test_health_reflects_disk.py",
    "test_leads_durability.py",
}
# Tests that build (hubfactory.build, auditkit.audit, `seo-audit` without --no-build) or start a
# server process in their own body.
SLOW_TESTS = {
    "test_adoption.py": {"test_canonical_is_judged_against_the_builds_own_base"},
    "test_cli.py": {"test_a_build_that_fails_is_exit_2_with_one_line"},
    "test_frontmatter_in_audit.py": {"test_a_failed_build_keeps_the_whole_multi_line_reason"},
    "test_hub_join.py": {"test_case_from_cases_folder_is_joined_to_its_built_page"},
    "test_positioning.py": {"test_sources_and_built_pages_agree_on_cta_and_trust_signals"},
    "test_badges.py": {"test_strict_build_fails_while_a_certificate_is_expired"},
    "test_build.py": {
        "test_invalid_front_matter_stops_the_build_naming_file_line_and_field",
        "test_broken_yaml_stops_the_build_with_its_line",
        "test_an_invalid_draft_does_not_block_publishing",
        "test_page_size_stays_flat_as_the_hub_grows",
    },
    "test_seo.py": {"test_hostile_front_matter_renders_as_text"},
    "test_check.py": {"test_check_finds_the_same_source_findings_as_seo_audit"},
    "test_check_parity.py": {"test_check_agrees_with_seo_audit_page_by_page_on_a_generated_hub"},
    "test_gated_file_outside_folder.py": {
        "test_build_stops_with_file_and_line_and_publishes_nothing_secret",
        "test_receiver_refuses_to_start_with_a_one_line_reason",
    },
    "test_receiver_malformed_requests.py": {
        "test_a_client_that_disconnects_mid_body_costs_one_log_line"
    },
    "test_symlinks_in_content.py": {
        "test_build_stops_naming_the_link_and_publishes_nothing",
        "test_links_between_content_folders_are_fine",
    },
    "test_yaml_alias_bombs.py": {
        "test_build_stops_at_a_published_bomb_with_file_and_line",
        "test_build_leaves_out_a_draft_bomb",
        "test_mkdocs_build_refuses_a_bomb_in_mkdocs_yml_before_mkdocs_expands_it",
        "test_leads_serve_refuses_a_bomb_in_mkdocs_yml_without_blaming_the_port",
        "test_leads_serve_starts_despite_a_bomb_in_a_whitepaper",
    },
}


def is_slow(item: pytest.Item) -> bool:
    """Whether `item` runs a real MkDocs build, a browser or a server process (see above)."""
    path = Path(str(item.fspath))
    module = path.name
    if SLOW_FOLDERS & set(path.parts) or module in SLOW_MODULES:
        return True
    fixtures = set(getattr(item, "fixturenames", ()))
    if fixtures & SLOW_FIXTURES or {f"{module}::{name}" for name in fixtures} & SLOW_FIXTURES:
        return True
    name = getattr(item, "originalname", item.name)
    if name in SLOW_TESTS.get(module, ()):
        return True
    params = getattr(getattr(item, "callspec", None), "params", {})
    if params.get("db_url") == "postgres":  # tests/leads: the PostgreSQL side of each test
        return True
    # tests/audit/test_rule_cases.py: a site rule's case is audited on a real build of its hub
    rules = getattr(getattr(item, "module", None), "RULES", None)
    return module == "test_rule_cases.py" and bool(rules) and _site_rule(rules, params.get("code"))


def _site_rule(rules: dict[str, Any], code: object) -> bool:
    rule = rules.get(code) if isinstance(code, str) else None
    return getattr(rule, "scope", "source") == "site"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if is_slow(item):
            item.add_marker(pytest.mark.slow)
