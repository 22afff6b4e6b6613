"""The reported month, and the hub as it stood on the day the report's numbers are taken."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ..content.items import Item
from ..content.load import Hub
from ..errors import HubError

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Period:
    """The reported month and the day the numbers are taken on (its last day, or today if earlier)."""

    month: str
    start: dt.date
    end: dt.date
    as_of: dt.date


def period(month: str | None, today: dt.date) -> Period:
    """`--month`: YYYY-MM, `current` (month to date, as of today) or `previous`; by default the
    last complete month before `today`."""
    if month is None or month in ("previous", "last"):
        last = today.replace(day=1) - dt.timedelta(days=1)
        month = f"{last.year:04d}-{last.month:02d}"
    elif month in ("current", "this"):
        month = f"{today.year:04d}-{today.month:02d}"
    match = MONTH.match(month)
    if not match:
        raise HubError(
            f"--month: '{month}' is not a month written YYYY-MM (or current, for the month to date)"
        )
    year, mon = int(match.group(1)), int(match.group(2))
    start = dt.date(year, mon, 1)
    end = dt.date(year, mon, calendar.monthrange(year, mon)[1])
    if start > today:
        raise HubError(f"--month: {month} has not started yet (today is {today.isoformat()})")
    return Period(month, start, end, min(end, today))


def as_of_hub(hub: Hub, day: dt.date) -> tuple[Hub, list[Item]]:
    """The hub as it stood on `day`: every file dated later (published or planned) left out, so
    no section counts it or reports a finding for it. Also returns the files left out."""
    later = [i for i in hub.items if i.date is not None and i.date > day]
    if not later:
        return hub, []
    gone = {id(i) for i in later}
    return Hub(items=tuple(i for i in hub.items if id(i) not in gone), links=hub.links), later
