"""The report's words in the hub's language (`Labels(lang)`): Chinese for a zh hub, else English.

Codes from the data (content kinds, stages, audiences) get their names here; sentences are written
once as `t(zh, en)` where they are used, so each stays next to its numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

KINDS = {
    "news": ("新闻", "News"),
    "case": ("客户案例", "Cases"),
    "whitepaper": ("白皮书", "Whitepapers"),
}
STAGES = {
    "awareness": ("认知", "Awareness"),
    "consideration": ("考虑", "Consideration"),
    "decision": ("决策", "Decision"),
    "retention": ("留存", "Retention"),
}
AUDIENCES = {
    "decision-maker": ("决策者", "Decision-makers"),
    "evaluator": ("评估者", "Evaluators"),
    "user": ("使用者", "Users"),
    "admin": ("管理员", "Admins"),
    "buyer": ("采购", "Buyers"),
}
KPIS = {
    "published_case": ("发布客户案例", "Cases published"),
    "published_whitepaper": ("发布白皮书", "Whitepapers published"),
    "published_news": ("发布新闻", "News published"),
    "leads": ("线索", "Leads"),
    "conversion": ("转化率", "Conversion"),
    "errors": ("审计错误", "Audit errors"),
}
ADVICE = {
    "cta": ("修改行动号召", "Fix the call to action"),
    "industry-whitepaper": ("写行业白皮书", "Write an industry whitepaper"),
    "keyword-no-page": ("为关键词写页面", "Write a page for a keyword"),
    "keyword-cannibalised": ("解决关键词蚕食", "Resolve competing pages"),
    "refresh": ("更新旧内容", "Refresh"),
    "industry-empty": ("覆盖新行业", "Cover an industry"),
    "cell-empty": ("补受众 × 阶段", "Fill audience × stage"),
    "industry-stage": ("补行业 × 阶段", "Fill industry × stage"),
}
PLAN_STATUS = {
    "overdue": ("已逾期", "overdue"),
    "published later": ("之后已发布", "published later"),
    "draft": ("草稿", "draft"),
    "review": ("审核中", "in review"),
}
NONE = "(none)"


class Labels:
    """Names and sentences of one report, in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.zh = lang.startswith("zh")

    def t(self, zh: str, en: str) -> str:
        return zh if self.zh else en

    def _name(self, table: Mapping[str, tuple[str, str]], code: str) -> str:
        """The name of a code in this language; the code itself when the table has none."""
        pair = table.get(code)
        return self.t(*pair) if pair else code

    def kpi(self, key: str) -> str:
        return self._name(KPIS, key)

    def kpi_value(self, card: Mapping[str, Any]) -> str:
        value = card["value"]
        if value is None:
            return "–"
        return f"{value * 100:.2f}%" if card["kind"] == "conversion" else f"{value:g}"

    def kpi_delta(self, card: Mapping[str, Any]) -> str:
        """'▲ +5 vs 2026-09 (3)': the move, its size and the month before's value."""
        if card["previous"] is None:
            return self.t("上月无数据", "no figure for the month before")
        arrow = {"up": "▲", "down": "▼", "same": "＝"}[card["direction"]]
        delta = card["delta"]
        if card["kind"] == "conversion":
            size = f"{delta * 100:+.2f} " + self.t("个百分点", "pp")
            before = f"{card['previous'] * 100:.2f}%"
        else:
            size, before = f"{delta:+g}", f"{card['previous']:g}"
        return f"{arrow} {size} " + self.t(
            f"较 {card['previous_month']}（{before}）", f"vs {card['previous_month']} ({before})"
        )

    def advice(self, kind: str) -> str:
        return self._name(ADVICE, kind)

    def plan_status(self, status: str) -> str:
        return self._name(PLAN_STATUS, status)

    def _code(self, table: Mapping[str, tuple[str, str]], code: str) -> str:
        """A code of the content's vocabulary, or (none) for a lead without one."""
        return self.none() if code == NONE else self._name(table, code)

    def kind(self, code: str) -> str:
        return self._code(KINDS, code)

    def stage(self, code: str) -> str:
        return self._code(STAGES, code)

    def audience(self, code: str) -> str:
        return self._code(AUDIENCES, code)

    def none(self) -> str:
        """A lead without that context (no piece, no stage, …)."""
        return self.t("（无）", NONE)

    def facet(self, facet: str, code: str, industry_names: Mapping[str, str]) -> str:
        """The name of an industry, audience or stage code of the leads-per-facet tables."""
        if code == NONE:
            return self.none()
        if facet == "industry":
            return industry_names.get(code, code)
        return self.audience(code) if facet == "audience" else self.stage(code)


def for_report(report: Mapping[str, Any]) -> Labels:
    return Labels(str(report["report"].get("default_lang") or "en"))
