"""axe-core (npm, injected into the page) finds no serious or critical violation on any page
type, in either language, nor on the lead form re-shown after a failed submission."""

from __future__ import annotations

import time

import hubrun
import pytest

PAGE_TYPES = ("landing", "case", "whitepaper", "news-index", "news-post")
LANGS = ("zh", "en")
BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module", autouse=True)
def _axe_available() -> None:
    reason = hubrun.missing_node_tool(hubrun.AXE_JS)
    if reason:
        hubrun.unavailable(f"axe-core tests skipped: {reason}")


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.0-2.2 A/AA rules and best practices) on the page as it is now."""
    page.add_script_tag(path=str(hubrun.AXE_JS))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), impact: n.impact,
                summary: (n.failureSummary || '').split('\\n').slice(0, 3).join(' ')}))}));
    }""")
    return result


def blocking(violations: list[dict]) -> list[str]:
    """'rule-id (impact): help — selector: why' for each serious or critical node."""
    out = []
    for violation in violations:
        for node in violation["nodes"]:
            impact = node["impact"] or violation["impact"]
            if impact in BLOCKING:
                out.append(
                    f"{violation['id']} ({impact}): {violation['help']} — "
                    f"{node['target']}: {node['summary']}"
                )
    return out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_type_has_no_serious_accessibility_violation(hub, page, kind, lang):
    key = f"{kind}:{lang}"
    if key not in hub.pages:
        pytest.fail(f"the demo content has no {key} page: a test that cannot run is not a pass")
    path = hub.pages[key]
    response = page.goto(hub.url(path), wait_until="networkidle")
    assert response.status == 200, f"{path}: HTTP {response.status}"
    found = blocking(axe_violations(page))
    assert not found, f"axe on {path}:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", LANGS)
def test_form_after_a_failed_submission_has_no_serious_accessibility_violation(hub, page, lang):
    key = f"case:{lang}"
    if key not in hub.pages:
        pytest.fail(f"the demo content has no {key} page: a test that cannot run is not a pass")
    page.goto(hub.url(hub.pages[key]))
    loaded = time.monotonic()
    form = page.locator("form[data-hub-form='demo']")
    form.locator("[name='email']").fill("li@")
    # The receiver answers a form sent faster than a person could as a bot (accepted-looking).
    time.sleep(max(0.0, hubrun.MIN_FILL_SECONDS + 0.3 - (time.monotonic() - loaded)))
    form.evaluate("f => { f.noValidate = true; }")  # let the receiver, not the browser, validate
    with page.expect_navigation():
        form.locator("button[type='submit']").click()
    assert page.locator("[aria-invalid='true']").count() >= 3, "the re-shown form marks no errors"
    found = blocking(axe_violations(page))
    assert not found, f"axe on the re-shown form ({page.url}):\n" + "\n".join(found)
