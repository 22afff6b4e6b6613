"""Trust badges: customers from case studies, valid certificates only (expired warn), opt-out."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hubfactory import build, make_hub

from hubtool.config import load_config
from hubtool.site import badges

BADGES = """
    badges:
      customers:
        - {name: {zh: 某股份制银行, en: A joint-stock bank}}
      certifications:
        - name: {zh: "ISO/IEC 27001:2022 信息安全管理体系认证", en: "ISO/IEC 27001:2022"}
          issuer: {zh: 示例认证中心, en: Example Certification Centre}
          number: ISMS-VALID-001
          valid_from: 2025-01-01
          valid_until: 2099-12-31
          verify_url: https://cert-registry.example/verify?no=ISMS-VALID-001
        - name: {zh: SOC 2 Type II 审计报告, en: SOC 2 Type II}
          issuer: 示例会计师事务所
          number: SOC2-EXPIRED-009
          valid_from: 2023-01-01
          valid_until: 2024-12-31
          verify_url: https://trust.example/soc2
      patents:
        - {number: CN114221658B, title: {zh: 一种多方联合建模方法, en: Joint modelling}, url: https://patents.example/CN114221658B}
      awards:
        - {name: {zh: 数据要素优秀案例, en: Data elements award}, issuer: 示例机构, year: "2025"}
      analysts:
        - {firm: IDC, report: {zh: 隐私计算市场报告（示例）, en: Privacy computing market (example)}, year: "2026"}
"""

CASE = """
---
title: {title}
description: {title}用隐私计算联合建模，坏账率下降 35%。
date: 2026-05-12
industries: [banking]
customer: {{name: {customer}, industry: banking, tier: {tier}, approved: true, logo: ../docs/assets/logos/{slug}.svg}}
{extra}
---
# {title}

正文。
"""

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 60"><text y="40">{}</text></svg>'


def _with_badges(root: Path) -> None:
    """Swap the repository's badge data for this test's (one valid, one expired certificate)."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text, count = re.subn(r"(?ms)^    badges:\n.*?(?=^    approvals:)", BADGES.lstrip("\n"), text)
    assert count == 1
    config.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def badge_hub(tmp_path_factory) -> Path:
    root = make_hub(
        tmp_path_factory.mktemp("badges"),
        {
            "cases/bank.md": CASE.format(
                title="华东银行联合风控", customer="华东银行", tier="S", slug="bank", extra=""
            ),
            "cases/quiet.md": CASE.format(
                title="南岭银行反欺诈",
                customer="南岭银行",
                tier="B",
                slug="quiet",
                extra="badges: false",
            ),
            "cases/bank-again.md": CASE.format(
                title="华东银行数据共享", customer="华东银行", tier="A", slug="bank", extra=""
            ),
            "docs/assets/logos/bank.svg": LOGO.format("华东银行"),
            "docs/assets/logos/quiet.svg": LOGO.format("南岭银行"),
            "docs/pricing.md": """
            ---
            title: 价格与采购
            stage: decision
            ---
            # 价格与采购
            """,
            "docs/about.md": "# 关于\n",
        },
    )
    _with_badges(root)
    return root


@pytest.fixture(scope="module")
def badge_site(badge_hub):
    result = build(badge_hub)
    assert result.returncode == 0, result.stderr[-3000:]
    return badge_hub / "site", result.stderr


def soup(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_case_study_shows_customers_certificates_patents_awards_analysts(badge_site):
    site, _ = badge_site
    strip = soup(site, "cases/bank").select_one(".hub-badges")
    logos = {img["alt"]: img for img in strip.select(".hub-badges__logos img")}
    assert len(strip.select(".hub-badges__logos img")) == 2  # one logo per customer
    assert set(logos) == {"华东银行", "南岭银行"}
    bank = logos["华东银行"]
    assert (bank["width"], bank["height"]) == ("200", "40")  # 300x60 scaled to 40 px high
    assert bank["loading"] == "lazy" and bank["decoding"] == "async"
    assert bank.find_parent("a")["href"] == "./"  # its S-tier case study, this one
    assert logos["南岭银行"].find_parent("a")["href"] == "../quiet/"
    assert "某股份制银行" in strip.select_one(".hub-badges__logos").get_text()
    cert = strip.select_one(".hub-badges__cert")
    text = cert.get_text(" ", strip=True)
    assert "示例认证中心" in text and "ISMS-VALID-001" in text and "2099-12-31" in text
    verify = cert.find("a")
    assert verify["href"].startswith("https://cert-registry.example/")
    assert verify["rel"] == ["noopener"]
    assert "CN114221658B" in strip.select_one(".hub-badges__patent").get_text()
    assert "数据要素优秀案例" in strip.select_one(".hub-badges__award").get_text()
    assert "IDC" in strip.select_one(".hub-badges__analyst").get_text()


def test_expired_certificate_is_hidden_and_warned(badge_site, badge_hub):
    site, stderr = badge_site
    for page in ("cases/bank", "pricing"):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert "SOC2-EXPIRED-009" not in html
    warning = next(line for line in stderr.splitlines() if "SOC 2" in line)
    assert "WARNING" in warning and "expired on 2024-12-31" in warning
    assert re.search(
        r"mkdocs\.yml:\d+: extra\.hub\.badges\.certifications\[1\]\.valid_until", warning
    )
    org = next(
        n
        for n in json.loads(
            soup(site, "cases/bank").find("script", type="application/ld+json").string
        )["@graph"]
        if n["@type"] == "Organization"
    )
    assert [c["certificationIdentification"] for c in org["hasCertification"]] == ["ISMS-VALID-001"]


def test_strict_build_fails_while_a_certificate_is_expired(badge_hub, tmp_path):
    result = build(badge_hub, "--strict", "-d", str(tmp_path / "strict-site"))
    assert result.returncode == 1
    assert "expired on 2024-12-31" in result.stderr


def test_badges_false_hides_the_strip_and_decision_pages_show_it(badge_site):
    site, _ = badge_site
    assert soup(site, "cases/quiet").select_one(".hub-badges") is None
    assert soup(site, "pricing").select_one(".hub-badges") is not None
    assert soup(site, "about").select_one(".hub-badges") is None


def test_expired_warnings_name_the_line_and_respect_the_date(badge_hub):
    config = load_config(badge_hub / "mkdocs.yml")
    assert badges.expired_warnings(config, dt.date(2024, 12, 31)) == []
    [message] = badges.expired_warnings(config, dt.date(2025, 1, 1))
    line = int(message.split(":")[1])
    lines = (badge_hub / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert lines[line - 1].strip() == "valid_until: 2024-12-31"
