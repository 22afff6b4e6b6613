"""Review queues: what waits for whom, and what is published without the sign-off the hub requires."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from ..audit.engine import configure, run_rules
from ..audit.model import AuditContext
from ..config import HubConfig
from ..content.items import Item
from ..content.load import Hub
from ..errors import HubError

UNASSIGNED = "(no reviewer)"


@dataclass(frozen=True)
class Waiting:
    """A piece in `status: review`, and the reviewers who have not signed it off yet."""

    path: str
    line: int
    kind: str
    lang: str
    title: str
    date: dt.date | None
    reviewers: tuple[str, ...]
    pending: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)  # for JSON: the date as ISO text (json writes the tuples as lists)
        return {**out, "date": self.date.isoformat() if self.date else None}


@dataclass(frozen=True)
class Unsigned:
    """A published piece that lacks a sign-off the configuration requires."""

    path: str
    line: int
    kind: str
    title: str
    message: str
    rule: str  # ED004 (count, customer approval) or REVIEW (a required role is missing)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ReviewQueue:
    by_reviewer: dict[str, tuple[Waiting, ...]]
    unsigned: tuple[Unsigned, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "waiting": {
                who: [w.as_dict() for w in items] for who, items in self.by_reviewer.items()
            },
            "unsigned": [u.as_dict() for u in self.unsigned],
        }


def required_roles(config: HubConfig) -> dict[str, tuple[str, ...]]:
    """`extra.hub.review.roles`: {whitepaper: [legal, product]}: roles whose approval each kind needs."""
    review = config.hub.get("review") or {}
    if not isinstance(review, dict):
        raise HubError(
            f"{config.path.name}:{config.line_of('review')}: extra.hub.review: "
            "must be a mapping (roles)"
        )
    raw = review.get("roles") or {}
    unknown = [k for k in review if k != "roles"]
    where = f"{config.path.name}:{config.line_of('review', *(unknown[:1] or ['roles']))}"
    if unknown:
        raise HubError(f"{where}: extra.hub.review.{unknown[0]}: unknown setting (known: roles)")
    if not isinstance(raw, dict) or not all(
        isinstance(v, list) and all(isinstance(r, str) for r in v) for v in raw.values()
    ):
        raise HubError(
            f"{where}: extra.hub.review.roles: must map a content kind to a list of roles"
        )
    return {str(k): tuple(v) for k, v in raw.items()}


def _approvers(item: Item) -> tuple[set[str], set[str]]:
    """Names and roles (case-folded) that signed the piece off in `approvals`."""
    approvals = item.meta.get("approvals") or []
    names = {str(a.get("by", "")).casefold() for a in approvals if isinstance(a, dict)}
    roles = {str(a.get("role", "")).casefold() for a in approvals if isinstance(a, dict)}
    return names, roles


def review_queue(config: HubConfig, hub: Hub, today: dt.date | None = None) -> ReviewQueue:
    roles_of = required_roles(config)
    waiting: dict[str, list[Waiting]] = {}
    for item in hub.items:
        if item.status != "review" or item.kind == "page":
            continue
        reviewers = tuple(str(r) for r in item.meta.get("reviewers") or ())
        names, _ = _approvers(item)
        pending = tuple(r for r in reviewers if r.casefold() not in names)
        entry = Waiting(
            item.rel,
            item.line_of("reviewers") if reviewers else item.line_of("status"),
            item.kind,
            item.lang,
            item.title,
            item.date,
            reviewers,
            pending,
        )
        for who in pending or ((UNASSIGNED,) if not reviewers else ()):
            waiting.setdefault(who, []).append(entry)
    # The approval counts and customer sign-off are ED004's, so both commands agree.
    ctx = AuditContext(config=config, hub=hub, today=today or dt.date.today())
    rules = configure(config, select=("ED004",), scope="source")
    by_rel = {item.rel: item for item in hub.items}
    unsigned = [
        Unsigned(f.path, f.line or 1, by_rel[f.path].kind, by_rel[f.path].title, f.message, f.rule)
        for f in run_rules(ctx, rules).findings
        if f.path in by_rel
    ]
    for item in hub.published:
        roles = roles_of.get(item.kind, ())
        _, signed = _approvers(item)
        missing = [r for r in roles if r.casefold() not in signed]
        if missing:
            unsigned.append(
                Unsigned(
                    item.rel,
                    item.line_of("approvals"),
                    item.kind,
                    item.title,
                    f"Published without the approval of: {', '.join(missing)}",
                    "REVIEW",
                )
            )
    order = {
        who: tuple(sorted(items, key=lambda w: (w.date or dt.date.max, w.path)))
        for who, items in sorted(waiting.items(), key=lambda kv: (kv[0] == UNASSIGNED, kv[0]))
    }
    return ReviewQueue(order, tuple(sorted(unsigned, key=lambda u: (u.path, u.line, u.rule))))


def render_text(queue: ReviewQueue) -> str:
    lines: list[str] = []
    total = len({w.path for items in queue.by_reviewer.values() for w in items})
    lines.append(f"Waiting for review: {total} piece(s)")
    for who, items in queue.by_reviewer.items():
        lines.append(f"  {who} ({len(items)})")
        for w in items:
            others = [r for r in w.pending if r != who]
            tail = f"  (also waiting for {', '.join(others)})" if others else ""
            lines.append(
                f"    {w.path}:{w.line}  {w.kind:<10} {w.date or ''!s:<10}  {w.title}{tail}"
            )
    lines.append("")
    lines.append(f"Published without the required sign-off: {len(queue.unsigned)}")
    for u in queue.unsigned:
        lines.append(f"  {u.path}:{u.line}  {u.rule}  {u.message}")
    return "\n".join(lines) + "\n"
