"""The editorial calendar: planned and overdue drafts, and when the cadence rules fire, week by week.

Planned pieces are the content files themselves: a case, whitepaper or news item that is not
published yet (`status: draft` or `review`) and whose `date` is today or later. The same file with a
past date is overdue. No separate calendar file: the plan cannot drift from the drafts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..audit.engine import configure
from ..audit.model import AuditContext
from ..audit.rules import cadence
from ..config import HubConfig
from ..content.items import Item
from ..content.load import Hub
from ..errors import HubError

KINDS = ("case", "whitepaper", "news")
_QUARTER = re.compile(r"^\d{4}-Q[1-4]$")


@dataclass(frozen=True)
class Entry:
    """One thing on the calendar: a planned or overdue piece, or the day a cadence rule fires."""

    date: dt.date
    kind: str
    what: str  # planned | overdue | fires
    title: str
    path: str | None = None
    status: str | None = None
    rule: str | None = None  # for `fires`: the cadence rule code
    message: str = ""

    def as_dict(self) -> dict[str, Any]:
        out = {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "what": self.what,
            "title": self.title,
            "path": self.path,
            "status": self.status,
            "rule": self.rule,
            "message": self.message,
        }
        return {k: v for k, v in out.items() if v is not None}


@dataclass(frozen=True)
class Week:
    start: dt.date  # Monday
    entries: tuple[Entry, ...]

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)

    @property
    def label(self) -> str:
        year, week, _ = self.start.isocalendar()
        return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class Calendar:
    today: dt.date
    weeks: tuple[Week, ...]
    overdue: tuple[Entry, ...]  # drafts whose date has passed
    firing: tuple[Entry, ...]  # cadence rules that already fire today
    topics: dict[str, tuple[str, ...]]  # the configured topics of the quarters the calendar spans

    def as_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "firing": [e.as_dict() for e in self.firing],
            "overdue": [e.as_dict() for e in self.overdue],
            "topics": {q: list(t) for q, t in self.topics.items()},
            "weeks": [
                {
                    "week": w.label,
                    "start": w.start.isoformat(),
                    "end": w.end.isoformat(),
                    "quarter": quarter(w.start),
                    "entries": [e.as_dict() for e in w.entries],
                }
                for w in self.weeks
            ],
        }


def quarter(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def topics(config: HubConfig) -> dict[str, tuple[str, ...]]:
    """`extra.hub.calendar.topics`: {"2026-Q4": ["topic", …]}, checked with file, line and key."""
    raw = (config.hub.get("calendar") or {}).get("topics") or {}
    where = lambda *p: f"{config.path.name}:{config.line_of('calendar', 'topics', *p)}"
    if not isinstance(raw, dict):
        raise HubError(
            f"{where()}: extra.hub.calendar.topics: must map quarters (2026-Q4) to topics"
        )
    out = {}
    for key, value in raw.items():
        if not _QUARTER.match(str(key)):
            raise HubError(
                f"{where(key)}: extra.hub.calendar.topics.{key}: a quarter is written "
                "YYYY-Qn, e.g. 2026-Q4"
            )
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise HubError(
                f"{where(key)}: extra.hub.calendar.topics.{key}: must be a list of topics"
            )
        out[str(key)] = tuple(values)
    return out


def cadence_deadlines(config: HubConfig, hub: Hub, today: dt.date) -> list[Entry]:
    """The day each enabled cadence rule fires if nothing more is published (some already do).

    Same thresholds and the same items as the rules themselves (their `setting` and `dated`).
    """
    rules = {rule.code: rule for rule in configure(config, select=("CAD",), scope="source")}
    ctx = AuditContext(config=config, hub=hub, today=today)
    if not cadence.has_content(ctx):
        return []

    def limit(code: str, option: str, key: str) -> int:
        return int(cadence.setting(rules[code], ctx, option, key))

    out: list[Entry] = []
    for code, kind, key in (
        ("CAD001", "news", "news_max_age_days"),
        ("CAD003", "whitepaper", "whitepaper_max_age_days"),
    ):
        if code in rules:
            out.append(_newest_deadline(ctx, code, kind, limit(code, "max_age_days", key)))
    news = cadence.dated(ctx, "news")
    if "CAD002" in rules and news:
        days = limit("CAD002", "max_gap_days", "news_max_gap_days")
        message = f"the next news item will end a gap of more than {days} days"
        out.append(_fires(news[-1], news[-1].date, days, "CAD002", message))
    if "CAD004" in rules:
        days = limit("CAD004", "max_age_days", "refresh_after_days")
        for item in ctx.items:
            if item.kind in ("case", "whitepaper") and item.updated is not None:
                message = f"due for a refresh: last updated {item.updated}"
                out.append(_fires(item, item.updated, days, "CAD004", message))
    return out


def _newest_deadline(ctx: AuditContext, code: str, kind: str, days: int) -> Entry:
    """CAD001/CAD003: the newest item of `kind` grows too old (or none is published yet)."""
    dated = cadence.dated(ctx, kind)
    if not dated:
        return Entry(ctx.today, kind, "fires", "", rule=code, message=f"no {kind} published yet")
    newest = dated[-1]
    message = f"no {kind} for more than {days} days: newest is of {newest.date}"
    return _fires(newest, newest.date, days, code, message)


def _fires(item: Item, day: dt.date | None, days: int, code: str, message: str) -> Entry:
    """The entry for the day `code` fires: the rules fire when the age exceeds the limit."""
    assert day is not None  # dated items and `updated` values are dates
    due = day + dt.timedelta(days=days + 1)
    return Entry(due, item.kind, "fires", item.title, item.rel, rule=code, message=message)


def build_calendar(config: HubConfig, hub: Hub, today: dt.date, weeks: int = 12) -> Calendar:
    if weeks < 1:
        raise HubError("--weeks must be at least 1")
    first = today - dt.timedelta(days=today.weekday())
    end = first + dt.timedelta(weeks=weeks)  # exclusive
    planned: list[Entry] = []
    overdue: list[Entry] = []
    for item in hub.items:
        if item.kind not in KINDS or item.status == "published" or item.date is None:
            continue
        entry = Entry(
            item.date,
            item.kind,
            "planned" if item.date >= today else "overdue",
            item.title,
            item.rel,
            item.status,
        )
        (planned if entry.what == "planned" else overdue).append(entry)
    deadlines = cadence_deadlines(config, hub, today)
    firing = [e for e in deadlines if e.date <= today]
    buckets: list[list[Entry]] = [[] for _ in range(weeks)]
    for entry in [*planned, *(e for e in deadlines if e.date > today)]:
        if entry.date < end:
            buckets[(entry.date - first).days // 7].append(entry)
    order = lambda e: (e.date, e.what != "planned", e.kind, e.path or "", e.rule or "")
    by_week = [
        Week(first + dt.timedelta(weeks=n), tuple(sorted(bucket, key=order)))
        for n, bucket in enumerate(buckets)
    ]
    quarters = {quarter(w.start) for w in by_week} | {quarter(w.end) for w in by_week}
    chosen = {q: t for q, t in topics(config).items() if q in quarters}
    return Calendar(
        today,
        tuple(by_week),
        tuple(sorted(overdue, key=order)),
        tuple(sorted(firing, key=order)),
        dict(sorted(chosen.items())),
    )


def render_text(cal: Calendar) -> str:
    lines = [
        f"Editorial calendar: {len(cal.weeks)} weeks from {cal.weeks[0].start} (today {cal.today})",
        "",
    ]
    if cal.firing:
        lines.append("Cadence rules firing now:")
        lines += [
            f"  {e.rule}  {e.kind:<10} {e.message}" + (f"  ({e.path})" if e.path else "")
            for e in cal.firing
        ]
        lines.append("")
    if cal.overdue:
        lines.append("Overdue (not published, date passed):")
        lines += [
            f"  {e.date}  {e.kind:<10} {e.status:<6} {e.path}  {e.title}" for e in cal.overdue
        ]
        lines.append("")
    shown: set[str] = set()
    for week in cal.weeks:
        for q in (quarter(week.start), quarter(week.end)):
            if q in cal.topics and q not in shown:
                shown.add(q)
                lines.append(f"{q} topics: " + "; ".join(cal.topics[q]))
        lines.append(f"{week.label}  {week.start:%m-%d} – {week.end:%m-%d}")
        if not week.entries:
            lines.append("  (nothing planned)")
        for e in week.entries:
            if e.what == "planned":
                lines.append(f"  {e.date:%m-%d}  planned   {e.kind:<10} {e.path}  {e.title}")
            else:
                lines.append(f"  {e.date:%m-%d}  {e.rule} fires {e.kind:<10} {e.message}")
    return "\n".join(lines) + "\n"
