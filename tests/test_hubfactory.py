"""The one way tests write a hub: `hub_factory` merges configuration into the demo's as data, so a
test that changes one setting keeps every other one, and the hub it writes is one hubtool reads."""

from __future__ import annotations

from hubfactory import DELETE, repo_config

from hubtool.config import load_config
from hubtool.content.load import load_hub

CASE = """\
    ---
    title: 西江医院的联合建模
    description: 西江医院与两家保险公司在不交换病历的前提下联合建模，理赔审核提速一半。
    date: 2026-10-08
    keyword: 医疗联合建模
    ---

    # 西江医院的联合建模
    """


def test_a_changed_setting_keeps_every_other_one_of_the_demo(hub_factory):
    root = hub_factory(
        config={"site_url": "http://127.0.0.1:9/"}, hub={"leads": {"min_fill_seconds": 5}}
    )
    config = load_config(root / "mkdocs.yml")
    demo = repo_config()
    demo_leads = demo["extra"]["hub"]["leads"]
    assert demo_leads, "the demo configures no leads: nothing to compare with"
    assert config.site_url == "http://127.0.0.1:9/"
    assert config.hub["leads"]["min_fill_seconds"] == 5
    # the siblings of the changed keys are the demo's, unchanged
    assert config.hub["leads"]["endpoint"] == demo_leads["endpoint"]
    assert config.hub["company"]["name"] == demo["extra"]["hub"]["company"]["name"]
    assert config.site_name == demo["site_name"]
    assert config.mkdocs["theme"]["custom_dir"].endswith("tools/hubtool/theme")


def test_delete_removes_a_setting_and_the_default_applies(hub_factory):
    root = hub_factory(hub={"header_cta": DELETE})
    written = load_config(root / "mkdocs.yml")
    assert "header_cta" in repo_config()["extra"]["hub"]
    assert "header_cta" not in (written.mkdocs["extra"]["hub"] or {})


def test_each_hub_gets_its_own_folder_with_the_pages_as_given(hub_factory):
    first = hub_factory({"cases/xijiang.md": CASE}, starter_pages=True)
    second = hub_factory({"cases/other.md": CASE})
    assert first != second and first.parent == second.parent
    assert not (second / "cases/xijiang.md").exists()
    assert (
        (first / "cases/xijiang.md").read_text(encoding="utf-8").startswith("---\ntitle: 西江医院")
    )
    # the starter pages make it a browsable hub; the case is one hubtool finds and reads
    assert (first / "docs/index.md").is_file() and not (second / "docs/index.md").exists()
    content = load_hub(load_config(first / "mkdocs.yml"))
    titles = [item.title for item in content.items if item.kind == "case"]
    assert titles == ["西江医院的联合建模"]
