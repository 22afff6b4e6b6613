"""Positioning rules (POS001-POS006): who a page is for, what to do next, and why to believe it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from ...config import HubConfig, text
from ...content import stats
from ...content.items import Item
from ...site import badges
from ...site.cta import effective_cta, form_id, is_link
from ..model import AuditContext, Finding, Rule

CONTENT_KINDS = ("case", "whitepaper", "news")
# A number: ASCII or full-width digits, or Chinese numerals (三倍, 两成, 百分之三十).
_NUMBER = re.compile(r"[0-9０-９]|[一二两三四五六七八九十百千万亿半]+\s*(?:倍|成|个百分点|%|％)"
                     r"|百分之")


def fill_coverage(ctx: AuditContext) -> None:
    """The audience × stage (and industry) matrix for the json summary and the text footer."""
    if "coverage" not in ctx.summary:
        ctx.summary["coverage"] = stats.coverage(ctx.hub, ctx.config)


def has_cta(item: Item, config: HubConfig) -> bool:
    """True when the built page shows a lead form or a CTA button (the theme's own test)."""
    return bool(form_id(item, config)) or is_link(effective_cta(item, config))


def quantified(item: Item) -> bool:
    return any(_NUMBER.search(str(r.get("value", "")) + " " + str(r.get("label", "")))
               for r in item.meta.get("results") or [] if isinstance(r, dict))


class AudienceOrStageMissing(Rule):
    """A published case, whitepaper or news item declares no `audience` or no `stage`.

    **Why.** A B2B page that speaks to everyone convinces no one. Declaring who it is for
    (`audience`) and the purchase stage it serves (`stage`) makes the writer choose, lets the
    coverage matrix (in the audit summary) show which buyers and stages have nothing to read, and
    keeps the call to action right for the stage.

    **Fails:**

        ---
        title: 某城商行用隐私计算完成联合风控建模
        ---

    **Instead:**

        audience: [decision-maker, evaluator]
        stage: decision

    **Options:** `kinds` (default `[case, whitepaper, news]`). The audience vocabulary is
    `extra.hub.vocabulary.audience`; stages are awareness, consideration, decision, retention.
    """

    code = "POS001"
    name = "audience-or-stage-missing"
    scope = "source"
    options = {"kinds": list(CONTENT_KINDS)}
    help = "Add `audience: [...]` and `stage: ...` to the front matter."

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        fill_coverage(ctx)
        for item in ctx.items:
            if item.kind not in self.opts["kinds"]:
                continue
            missing = [f for f in ("audience", "stage") if not item.meta.get(f)]
            if missing:
                yield self.finding(f"Published {item.kind} declares no {' and no '.join(missing)}",
                                   item=item, line=item.line_of("title"))


class NoCallToAction(Rule):
    """A published page ends with no call to action: no lead form and no CTA link.

    **Why.** A reader who is convinced needs a next step; a page without one wastes the visit.
    A page has a CTA when its own `cta`, or its content type's default in
    `extra.hub.defaults.<kind>.cta`, names a configured form (`extra.hub.forms`) or is a link
    (starting with `/` or `http`, or ending with `/` or `.md`); a whitepaper's `form` counts too.
    This is the same test the theme makes when it renders the form or button, so the audit of the
    sources and of the built site agree. A `cta` naming an unknown form is POS005's finding.

    **Fails:** a news item with `cta: ""` while `extra.hub.defaults.news` has no `cta`.

    **Instead:** `cta: contact`, or `cta: /whitepapers/privacy-computing-guide/`.

    **Options:** `kinds` (default `[case, whitepaper, news]`): ordinary pages (about, guide) are
    not required to carry a CTA; add `page` to require it everywhere.
    """

    code = "POS002"
    name = "no-call-to-action"
    scope = "source"
    options = {"kinds": list(CONTENT_KINDS)}
    help = "Set `cta:` to a form id of extra.hub.forms or a link, or a default per content type."

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        fill_coverage(ctx)
        for item in ctx.items:
            if item.kind not in self.opts["kinds"] or has_cta(item, ctx.config):
                continue
            if effective_cta(item, ctx.config) and not is_link(effective_cta(item, ctx.config)):
                continue  # names a form that does not exist: POS005 reports it once
            yield self.finding(f"Published {item.kind} has no call to action (no `cta`, and no "
                               f"default for {item.kind} in extra.hub.defaults)",
                               item=item, line=item.line_of("cta") if "cta" in item.meta
                               else item.line_of("title"))


class NoTrustSignal(Rule):
    """A decision-stage page or a case study shows no trust signal.

    **Why.** At the decision stage buyers look for proof: who else uses it, what it achieved,
    which certificates back it. A trust signal is one of: the badge strip (shown on case studies
    and decision-stage pages unless `badges: false`, and only when it has something to show:
    customer logos from approved case studies, valid certificates, patents, awards, analyst
    mentions), a customer `quote`, or a quantified result (a number in `results`). The same facts
    decide what the built page shows, so sources and HTML agree.

    **Fails:** `stage: decision` and `badges: false` on a whitepaper with no results or quote.

    **Instead:** remove `badges: false`, or add the evidence the page can cite.

    **Options:** none.
    """

    code = "POS003"
    cross_page = True  # the badge strip draws on other pages (approved case studies)
    name = "no-trust-signal"
    severity = "warning"
    scope = "source"
    help = "Show the badge strip, a customer quote or a quantified result on this page."

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        fill_coverage(ctx)
        strip: dict[str, bool] = {}
        for item in ctx.items:
            if item.kind != "case" and item.meta.get("stage") != "decision":
                continue
            if item.lang not in strip:
                data = badges.badge_data(ctx.config, ctx.hub, item.lang, ctx.today)
                strip[item.lang] = any(data.values())
            shown = badges.shows_badges(item) and strip[item.lang]
            quote = isinstance(item.meta.get("quote"), dict) and item.meta["quote"].get("text")
            if not (shown or quote or quantified(item)):
                what = "case study" if item.kind == "case" else "decision-stage page"
                yield self.finding(f"The {what} shows no trust signal (badge strip, customer quote "
                                   "or quantified result)", item=item,
                                   line=item.line_of("badges") if "badges" in item.meta
                                   else item.line_of("title"))


class CaseWithoutQuantifiedResult(Rule):
    """A case study has no quantified result: no number in `results`.

    **Why.** "Improved efficiency" persuades nobody; "cut model training from 3 weeks to 4 days"
    does. A number may be written in digits (35%, 3x, ３倍) or Chinese numerals (三倍, 两成).

    **Fails:** `results: [{value: 显著, label: 风控效果提升}]`

    **Instead:** `results: [{value: 35%, label: 坏账率下降}]`

    **Options:** none.
    """

    code = "POS004"
    name = "case-without-quantified-result"
    scope = "source"
    help = "Add `results:` with at least one number the customer has approved."

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        fill_coverage(ctx)
        for item in ctx.items:
            if item.kind == "case" and not quantified(item):
                yield self.finding("Case study has no quantified result (no number in `results`)",
                                   item=item, line=item.line_of("results") if "results" in
                                   item.meta else item.line_of("title"))


class UnknownForm(Rule):
    """A `cta` or `form` names a form that does not exist in the configuration.

    **Why.** The page would show no form at all: the lead is lost silently. Reported at the
    `cta:`/`form:` line of the page, and at the mkdocs.yml line of a default
    (`extra.hub.defaults.<kind>.cta`) that names an unknown form. A link (starting with `/` or
    `http`, or ending with `/` or `.md`) is not a form name.

    **Fails:** `cta: demo-request` when `extra.hub.forms` defines `contact`, `demo` and
    `whitepaper-download`.

    **Instead:** `cta: demo`, or define the form under `extra.hub.forms`.

    **Options:** none.
    """

    code = "POS005"
    name = "unknown-form"
    scope = "source"
    help = "Use a form id defined under extra.hub.forms, or a link starting with / or http."

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        fill_coverage(ctx)
        forms = ctx.config.hub.get("forms") or {}
        known = ", ".join(forms) or "none"
        for item in ctx.items:
            for field in ("cta", "form"):
                value = item.meta.get(field)
                if value and not is_link(str(value)) and str(value) not in forms:
                    yield self.finding(f"`{field}: {value}` names no configured form "
                                       f"(known: {known})", item=item, line=item.line_of(field))
        defaults: Any = ctx.config.hub.get("defaults") or {}
        for kind, default in defaults.items():
            cta = str(default.get("cta") or "") if isinstance(default, dict) else ""
            if cta and not is_link(cta) and cta not in forms:
                yield Finding(rule=self.code, name=self.name, severity=self.level,
                              message=f"extra.hub.defaults.{kind}.cta '{cta}' names no "
                                      f"configured form (known: {known})", help=self.help,
                              path=ctx.config.rel(ctx.config.path),
                              line=ctx.config.line_of("defaults", kind, "cta"))


class TrustBadgeExpired(Rule):
    """A certificate in the trust badges has expired, or expires within 30 days.

    **Why.** An expired certificate shown as a trust badge is a false claim. The site hides
    expired certificates (and warns at build time); this rule tells you before they disappear, so
    the renewal is on file in time. Expired or unreadable `valid_until`: error; expiring within
    `warn_days`: warning. Located at the `valid_until` line in mkdocs.yml.

    **Fails:** (on 2026-11-23)

        badges:
          certifications:
            - {name: 等保三级, valid_until: 2026-12-01}

    **Instead:** renew it and update `valid_until` (and the certificate number).

    **Options:** `warn_days` (default 30).
    """

    code = "POS006"
    name = "trust-badge-expired"
    scope = "source"
    options = {"warn_days": 30}
    help = "Renew the certificate and update valid_until, or remove the badge."

    def __init__(self, options: dict[str, Any] | None = None, severity: str | None = None):
        super().__init__(options, severity)
        self.configured = severity  # a configured severity overrides error/warning by date

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        fill_coverage(ctx)
        config = ctx.config
        certs = (config.hub.get("badges") or {}).get("certifications") or []
        soon = ctx.today + dt.timedelta(days=int(self.opts["warn_days"]))
        for index, cert in enumerate(certs):
            if not isinstance(cert, dict):
                continue
            name = text(cert.get("name"), config.default_lang) or f"#{index + 1}"
            end = badges.as_date(cert.get("valid_until"))
            if end is None:
                message, level = f"Certificate '{name}' has no valid `valid_until` date", "error"
            elif end < ctx.today:
                message, level = f"Certificate '{name}' expired on {end.isoformat()}", "error"
            elif end <= soon:
                days = (end - ctx.today).days
                message, level = (f"Certificate '{name}' expires on {end.isoformat()} "
                                  f"(in {days} days)", "warning")
            else:
                continue
            yield Finding(rule=self.code, name=self.name, severity=self.configured or level,
                          message=message,
                          help=self.help, path=config.rel(config.path),
                          line=config.line_of("badges", "certifications", index, "valid_until"))

