"""Cadence rules (CAD001-CAD005), measured from `--today`: still publishing? evidence still fresh?"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from ...content import stats
from ...content.items import Item
from ...errors import HubError
from ..model import AuditContext, Finding, Rule
from .common import CONTENT_KINDS


def fill_cadence(ctx: AuditContext) -> None:
    """Pieces published per month and content type over the last 12 months, for the json summary."""
    if "cadence" not in ctx.summary:
        ctx.summary["cadence"] = stats.monthly_counts(ctx.hub, ctx.today, 12)


def setting(rule: Rule, ctx: AuditContext, option: str, key: str) -> Any:
    """A threshold: the rule's own option when set, else `extra.hub.cadence.<key>`."""
    value = rule.opts.get(option)
    where: tuple[str, ...] = ("audit", "rules", rule.code, option)
    if value is None:
        value, where = (ctx.config.hub.get("cadence") or {}).get(key), ("cadence", key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise HubError(
            f"{ctx.config.path.name}:{ctx.config.line_of(*where)}: "
            f"extra.hub.{'.'.join(map(str, where))}: must be a number of days"
        )
    return value


def dated(ctx: AuditContext, kind: str) -> list[Item]:
    """Published items of `kind` in the default language, dated today or earlier, oldest first.

    Cadence is measured on the default language: translations are optional, and a piece counts
    when it is published in the hub's main language.
    """
    lang = ctx.config.default_lang
    items = [
        i
        for i in ctx.items
        if i.kind == kind and i.lang == lang and i.date is not None and i.date <= ctx.today
    ]
    return sorted(items, key=lambda i: (i.date, i.rel))


def published_on(item: Item) -> dt.date:
    """The date of an item that `dated` returned (it keeps dated items only)."""
    assert item.date is not None
    return item.date


def has_content(ctx: AuditContext) -> bool:
    """Cadence applies to hubs (cases, whitepapers or news), not to a plain MkDocs site."""
    return any(i.kind in CONTENT_KINDS for i in ctx.items)


def newest_too_old(
    rule: Rule,
    ctx: AuditContext,
    kind: str,
    cadence_key: str,
    none: tuple[str, str],
    message: tuple[str, str],
) -> Iterator[Finding]:
    """CAD001/CAD003: the newest published piece of `kind` is older than the rule's limit."""
    fill_cadence(ctx)
    if not has_content(ctx):
        return
    limit = int(setting(rule, ctx, "max_age_days", cadence_key))
    pieces = dated(ctx, kind)
    if not pieces:
        yield rule.finding(rule.say(*none))
        return
    newest = pieces[-1]
    age = (ctx.today - published_on(newest)).days
    if age > limit:
        text = rule.say(*message)
        yield rule.finding(
            text.format(age=age, limit=limit, title=newest.title, date=newest.date),
            item=newest,
            line=newest.line_of("date"),
        )


class NewsStale(Rule):
    """The newest published news item is more than 30 days old (or there is none).

    **Why.** A news page whose last item is months old tells buyers the company has stalled, and
    search engines recrawl a silent site less often. Measured from `--today` on the default
    language's items (translations are optional); future-dated items do not count.

    **Fails:** newest news dated 2026-09-10, audited on 2026-11-23 (74 days).

    **Instead:** publish a product update, event or customer milestone at least monthly.

    **Options:** `max_age_days` (default: `extra.hub.cadence.news_max_age_days`, 30).

    **Severity: warning.** A planning signal: holding a release does not make news appear.
    Only hubs with cases, whitepapers or news are measured.
    """

    code = "CAD001"
    cross_page = True  # measured over every published piece
    name = "news-stale"
    summary = (
        "最新一条已发布新闻已超过 30 天（或还没有新闻）",
        "The newest published news item is more than 30 days old (or there is none).",
    )
    severity = "warning"
    scope = "source"
    options = {"max_age_days": None}
    help = (
        "发布一条新闻（产品更新、活动、客户里程碑）。",
        "Publish a news item (product update, event, customer milestone).",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        return newest_too_old(
            self,
            ctx,
            "news",
            "news_max_age_days",
            ("还没有发布任何新闻", "No news published yet"),
            (
                "最新一条新闻已发布 {age} 天（上限 {limit} 天）：{date} 的“{title}”",
                "Newest news item is {age} days old (limit {limit}): '{title}' of {date}",
            ),
        )


class NewsGap(Rule):
    """A gap of more than 45 days between consecutive published news items in the last 12 months.

    **Why.** Steady publishing builds the habit of coming back, for readers and crawlers; a
    two-month silence in the archive looks like a company that paused. One finding per gap, on the
    later item, naming both items and the gap in days. Measured on the default language's items,
    between items both dated within the 365 days before `--today`.

    **Fails:** news on 2026-03-02 and then on 2026-05-20 (79 days).

    **Instead:** plan news in the editorial calendar; see the `cadence` summary for months at zero.

    **Options:** `max_gap_days` (default: `extra.hub.cadence.news_max_gap_days`, 45).

    **Severity: warning.** It describes the past; nothing in this release can fix it.
    """

    code = "CAD002"
    cross_page = True  # measured over every published piece
    name = "news-gap"
    summary = (
        "近 12 个月内相邻两条新闻间隔超过 45 天",
        "A gap of more than 45 days between consecutive published news items in the last "
        "12 months.",
    )
    severity = "warning"
    scope = "source"
    options = {"max_gap_days": None}
    help = (
        "保持至少每隔几周发布一条新闻，并在选题日历中提前安排。",
        "Keep news coming at least every few weeks; plan them in the editorial calendar.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        fill_cadence(ctx)
        limit = int(setting(self, ctx, "max_gap_days", "news_max_gap_days"))
        start = ctx.today - dt.timedelta(days=365)
        news = [i for i in dated(ctx, "news") if published_on(i) >= start]
        for before, after in itertools.pairwise(news):
            gap = (published_on(after) - published_on(before)).days
            if gap > limit:
                yield self.finding(
                    self.say(
                        f"“{before.title}”（{before.date}，{before.rel}）与"
                        f"“{after.title}”（{after.date}）之间 {gap} 天没有新闻"
                        f"（上限 {limit} 天）",
                        f"{gap} days without news between '{before.title}' "
                        f"({before.date}, {before.rel}) and '{after.title}' "
                        f"({after.date}) (limit {limit})",
                    ),
                    item=after,
                    line=after.line_of("date"),
                )


class WhitepaperDrought(Rule):
    """No whitepaper published in the last 180 days.

    **Why.** Whitepapers are the gated assets that turn readers into leads; without a new one in
    half a year the lead flow depends on aging material. Measured on the default language's items.

    **Fails:** newest whitepaper dated 2026-03-01, audited on 2026-11-23.

    **Instead:** plan the next whitepaper (the editorial calendar shows the gaps).

    **Options:** `max_age_days` (default: `extra.hub.cadence.whitepaper_max_age_days`, 180).

    **Severity: warning.** A planning signal, as CAD001.
    """

    code = "CAD003"
    cross_page = True  # measured over every published piece
    name = "whitepaper-drought"
    summary = ("最近 180 天没有发布白皮书", "No whitepaper published in the last 180 days.")
    severity = "warning"
    scope = "source"
    options = {"max_age_days": None}
    help = (
        "发布一份白皮书：下载表单提供的正是它。",
        "Publish a whitepaper: it is what the download form offers.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        return newest_too_old(
            self,
            ctx,
            "whitepaper",
            "whitepaper_max_age_days",
            ("还没有发布任何白皮书", "No whitepaper published yet"),
            (
                "已有 {age} 天没有发布白皮书（上限 {limit} 天）；最新一份是 {date} 的“{title}”",
                "No whitepaper published in {age} days (limit {limit}); newest is "
                "'{title}' of {date}",
            ),
        )


class DueForRefresh(Rule):
    """A case study or whitepaper whose `updated` (or `date`) is more than 540 days old.

    **Why.** Evidence ages: results from three product versions ago, a customer who has since
    grown, figures from a market that has moved. Review the piece, then set `updated:` to the date
    of the substantial update (do not bump dates without a real change: search engines learn to
    ignore dates that lie). Checked on every language version: each is a page readers see.

    **Fails:** `updated: 2025-01-10` audited on 2026-11-23 (682 days).

    **Instead:** refresh the figures and the quote with the customer, then `updated: 2026-11-20`.

    **Options:** `max_age_days` (default: `extra.hub.cadence.refresh_after_days`, 540).

    **Severity: warning.** A reminder to review, not evidence that anything is wrong.
    """

    code = "CAD004"
    name = "due-for-refresh"
    summary = (
        "客户案例或白皮书的 `updated`（或 `date`）已超过 540 天",
        "A case study or whitepaper whose `updated` (or `date`) is more than 540 days old.",
    )
    severity = "warning"
    scope = "source"
    options = {"max_age_days": None}
    help = (
        "复核内容，更新变化的部分，并把 `updated:` 设为今天。",
        "Review the piece, update what changed, and set `updated:` to today.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        fill_cadence(ctx)
        limit = int(setting(self, ctx, "max_age_days", "refresh_after_days"))
        for item in ctx.items:
            if item.kind not in ("case", "whitepaper") or item.updated is None:
                continue
            age = (ctx.today - item.updated).days
            if age > limit:
                field = "updated" if item.meta.get("updated") else "date"
                yield self.finding(
                    self.say(
                        f"上次更新在 {age} 天前（{item.updated}；上限 {limit} 天）",
                        f"Last updated {age} days ago ({item.updated}; limit {limit})",
                    ),
                    item=item,
                    line=item.line_of(field),
                )


class DatedInFuture(Rule):
    """A published item is dated in the future.

    **Why.** MkDocs publishes every page at build time: an item dated next week appears on the
    site today, with a date that says it is not out yet, and feeds and sitemaps carry that date.
    Keep it at `status: draft` until its day, or let a scheduler publish it. Checked on every
    language version.

    **Fails:** `date: 2026-12-15` on a published news item, audited on 2026-11-23.

    **Instead:** `status: draft` until 2026-12-15, or the real publication date.

    **Options:** `extra.hub.cadence.scheduled_publishing: true` turns this rule off (your CI
    builds and deploys future-dated items on their day).

    **Severity: error.** A future date on a published page usually means news released before its
    day (an embargo with a partner or a launch date broken by the next deploy) or a wrong date in
    feeds and sitemaps: both are worth stopping a release for.
    """

    code = "CAD005"
    name = "dated-in-future"
    summary = ("已发布内容的日期在未来", "A published item is dated in the future.")
    scope = "source"
    help = (
        "在发布日之前保持 `status: draft`，或改正日期。",
        "Set `status: draft` until the publication day, or correct the date.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        fill_cadence(ctx)
        if (ctx.config.hub.get("cadence") or {}).get("scheduled_publishing"):
            return
        for item in ctx.items:
            if item.date is not None and item.date > ctx.today:
                days = (item.date - ctx.today).days
                yield self.finding(
                    self.say(
                        f"已发布内容的日期是 {item.date}，比今天晚 {days} 天",
                        f"Published item is dated {item.date}, {days} days after today",
                    ),
                    item=item,
                    line=item.line_of("date"),
                )
