"""Names shown in the report for codes used in the data (Chinese first, English beside it)."""

from __future__ import annotations

KINDS = {"news": "新闻 News", "case": "客户案例 Cases", "whitepaper": "白皮书 Whitepapers"}
STAGES = {"awareness": "认知 Awareness", "consideration": "考虑 Consideration",
          "decision": "决策 Decision", "retention": "留存 Retention"}
AUDIENCES = {"decision-maker": "决策者", "evaluator": "评估者", "user": "使用者", "admin": "管理员",
             "buyer": "采购"}


def kind(code: str) -> str:
    return KINDS.get(code, code)


def stage(code: str) -> str:
    return STAGES.get(code, code)


def audience(code: str) -> str:
    name = AUDIENCES.get(code)
    return f"{name} {code}" if name else code
