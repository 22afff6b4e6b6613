"""What several rule modules share: the content kinds, their names for writers, and how a finding
names the other pages of a group (same keyword, same title, same description)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Sequence
from typing import TypeVar

from ...content.items import Item
from ...content.schema import CONTENT_KINDS
from ..model import Rule

__all__ = ["CONTENT_KINDS", "KIND_ZH", "each_with_others", "kind_zh", "others"]

KIND_ZH = {"case": "客户案例", "whitepaper": "白皮书", "news": "新闻", "page": "页面"}

T = TypeVar("T")


def kind_zh(item: Item) -> str:
    """The item's content kind as a Chinese writer calls it (客户案例), else as written."""
    return KIND_ZH.get(item.kind, item.kind)


def each_with_others(pairs: Iterable[tuple[Hashable, T]]) -> Iterator[tuple[T, list[T]]]:
    """(member, the other members) for every member of a group of two or more: `pairs` are
    (group key, member), members in the order given."""
    groups: dict[Hashable, list[T]] = {}
    for key, member in pairs:
        groups.setdefault(key, []).append(member)
    for members in groups.values():
        if len(members) >= 2:
            for member in members:
                yield member, [other for other in members if other is not member]


def others(rule: Rule, names: Sequence[str], shown: int = 5) -> str:
    """The first `shown` names, comma-separated, and how many more there are."""
    more = len(names) - shown
    tail = rule.say(f" 等另外 {more} 个页面", f" and {more} more") if more > 0 else ""
    return ", ".join(names[:shown]) + tail
