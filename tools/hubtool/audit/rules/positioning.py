"""Positioning rules (POS001-POS006): who a page is for, what to do next, and why to believe it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from ...config import HubConfig, text
from ...content import badges, stats
from ...content.cta import effective_cta, form_id, is_link
from ...content.items import Item
from ..adoption import configured, is_hub
from ..model import AuditContext, Finding, Rule
from .common import CONTENT_KINDS, kind_zh

# A number: ASCII or full-width digits, or Chinese numerals (三倍, 两成, 百分之三十).
_NUMBER = re.compile(
    r"[0-9０-９]|[一二两三四五六七八九十百千万亿半]+\s*(?:倍|成|个百分点|%|％)"
    r"|百分之"
)


def fill_coverage(ctx: AuditContext) -> None:
    """The audience × stage (and industry) matrix for the json summary and the text footer."""
    if "coverage" not in ctx.summary:
        ctx.summary["coverage"] = stats.coverage(ctx.hub, ctx.config)


def has_cta(item: Item, config: HubConfig) -> bool:
    """True when the built page shows a lead form or a CTA button (the theme's own test)."""
    return bool(form_id(item, config)) or is_link(effective_cta(item, config))


def quantified(item: Item) -> bool:
    return any(
        _NUMBER.search(str(r.get("value", "")) + " " + str(r.get("label", "")))
        for r in item.meta.get("results") or []
        if isinstance(r, dict)
    )


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

    **Severity: warning.** The page is fine for readers; what suffers is planning (the coverage
    matrix) — a reason to fix it this week, not to hold a release.
    """

    code = "POS001"
    name = "audience-or-stage-missing"
    summary = (
        "已发布的案例、白皮书或新闻没有声明读者（audience）或购买阶段（stage）",
        "A published case, whitepaper or news item declares no `audience` or no `stage`.",
    )
    severity = "warning"
    scope = "source"
    options = {"kinds": list(CONTENT_KINDS)}
    help = (
        "在 front matter 中填写 `audience: [...]` 和 `stage: ...`。",
        "Add `audience: [...]` and `stage: ...` to the front matter.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        fill_coverage(ctx)
        for item in ctx.items:
            if item.kind not in self.opts["kinds"]:
                continue
            missing = [f for f in ("audience", "stage") if not item.meta.get(f)]
            if missing:
                yield self.finding(
                    self.say(
                        f"已发布的{kind_zh(item)}没有声明 {' 和 '.join(missing)}",
                        f"Published {item.kind} declares no {' and no '.join(missing)}",
                    ),
                    item=item,
                    line=item.line_of("title"),
                )


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

    **Severity: warning.** A missed opportunity, not a broken page: the reader can still find the
    contact page. (A CTA that names a missing form loses leads silently: that is POS005, an error.)
    Only hubs are checked: a site without `extra.hub` has no forms or CTA defaults to judge.
    """

    code = "POS002"
    name = "no-call-to-action"
    summary = (
        "已发布页面没有行动号召：既没有线索表单，也没有 CTA 链接",
        "A published page ends with no call to action: no lead form and no CTA link.",
    )
    severity = "warning"
    scope = "source"
    options = {"kinds": list(CONTENT_KINDS)}
    help = (
        "把 `cta:` 设为 extra.hub.forms 中的表单 id 或一个链接，或为该内容类型设默认值。",
        "Set `cta:` to a form id of extra.hub.forms or a link, or a default per content type.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        fill_coverage(ctx)
        if not is_hub(ctx.config):
            return
        for item in ctx.items:
            if item.kind not in self.opts["kinds"] or has_cta(item, ctx.config):
                continue
            if effective_cta(item, ctx.config) and not is_link(effective_cta(item, ctx.config)):
                continue  # names a form that does not exist: POS005 reports it once
            yield self.finding(
                self.say(
                    f"已发布的{kind_zh(item)}没有行动号召"
                    f"（没有 `cta`，extra.hub.defaults 中也没有 {item.kind} 的默认值）",
                    f"Published {item.kind} has no call to action (no `cta`, "
                    f"and no default for {item.kind} in extra.hub.defaults)",
                ),
                item=item,
                line=item.line_of("cta") if "cta" in item.meta else item.line_of("title"),
            )


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

    **Severity: warning.** Weaker persuasion, nothing false or broken.
    """

    code = "POS003"
    cross_page = True  # the badge strip draws on other pages (approved case studies)
    name = "no-trust-signal"
    summary = (
        "决策阶段页面或客户案例没有任何信任背书",
        "A decision-stage page or a case study shows no trust signal.",
    )
    severity = "warning"
    scope = "source"
    help = (
        "在本页展示信任徽章条、客户引语或量化成效。",
        "Show the badge strip, a customer quote or a quantified result on this page.",
    )

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
                what_zh = "客户案例" if item.kind == "case" else "决策阶段页面"
                yield self.finding(
                    self.say(
                        f"该{what_zh}没有任何信任背书（信任徽章条、客户引语或量化成效）",
                        f"The {what} shows no trust signal (badge strip, "
                        "customer quote or quantified result)",
                    ),
                    item=item,
                    line=item.line_of("badges") if "badges" in item.meta else item.line_of("title"),
                )


class CaseWithoutQuantifiedResult(Rule):
    """A case study has no quantified result: no number in `results`.

    **Why.** "Improved efficiency" persuades nobody; "cut model training from 3 weeks to 4 days"
    does. A number may be written in digits (35%, 3x, ３倍) or Chinese numerals (三倍, 两成).

    **Fails:** `results: [{value: 显著, label: 风控效果提升}]`

    **Instead:** `results: [{value: 35%, label: 坏账率下降}]`

    **Options:** none.

    **Severity: warning.** A weak case, not a wrong one: customers do not always approve figures,
    and a team publishes the case anyway.
    """

    code = "POS004"
    name = "case-without-quantified-result"
    summary = (
        "客户案例没有量化成效：`results` 中没有数字",
        "A case study has no quantified result: no number in `results`.",
    )
    severity = "warning"
    scope = "source"
    help = (
        "在 `results:` 中至少写一条客户认可的数字。",
        "Add `results:` with at least one number the customer has approved.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        fill_coverage(ctx)
        for item in ctx.items:
            if item.kind == "case" and not quantified(item):
                yield self.finding(
                    self.say(
                        "客户案例没有量化成效（`results` 中没有数字）",
                        "Case study has no quantified result (no number in `results`)",
                    ),
                    item=item,
                    line=item.line_of("results")
                    if "results" in item.meta
                    else item.line_of("title"),
                )


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

    **Severity: error.** Leads are lost without anyone noticing: block the release.

    **Where it applies.** Only on hubs (mkdocs.yml has `extra.hub`): a plain MkDocs site has no
    forms, and its front matter's `cta` means nothing to it. The built-in defaults
    (`case: demo`, `whitepaper: whitepaper-download`, `news: contact`) are checked only when the
    hub configures `extra.hub.forms` or `extra.hub.defaults`: a hub that never adopted forms is
    not told its unused defaults name missing forms.
    """

    code = "POS005"
    name = "unknown-form"
    summary = (
        "`cta` 或 `form` 指向的表单在配置中不存在",
        "A `cta` or `form` names a form that does not exist in the configuration.",
    )
    scope = "source"
    help = (
        "使用 extra.hub.forms 中定义的表单 id，或以 / 或 http 开头的链接。",
        "Use a form id defined under extra.hub.forms, or a link starting with / or http.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        fill_coverage(ctx)
        config = ctx.config
        if not is_hub(config):
            return  # no extra.hub: the site has no forms and no CTA defaults to judge
        forms = config.hub.get("forms") or {}
        known = ", ".join(forms) or self.say("无", "none")
        for item in ctx.items:
            for field in ("cta", "form"):
                value = item.meta.get(field)
                if value and not is_link(str(value)) and str(value) not in forms:
                    yield self.finding(
                        self.say(
                            f"`{field}: {value}` 指向的表单不存在（已配置：{known}）",
                            f"`{field}: {value}` names no configured form (known: {known})",
                        ),
                        item=item,
                        line=item.line_of(field),
                    )
        if not (configured(config, "forms") or configured(config, "defaults")):
            return  # the built-in defaults of a hub that never adopted forms
        defaults: Any = config.hub.get("defaults") or {}
        for kind, default in defaults.items():
            cta = str(default.get("cta") or "") if isinstance(default, dict) else ""
            if cta and not is_link(cta) and cta not in forms:
                own = configured(config, "defaults", kind, "cta")
                where = "" if own else self.say("（内置默认值）", " (built-in default)")
                yield Finding(
                    rule=self.code,
                    name=self.name,
                    severity=self.level,
                    message=self.say(
                        f"extra.hub.defaults.{kind}.cta“{cta}”{where}"
                        f"指向的表单不存在（已配置：{known}）",
                        f"extra.hub.defaults.{kind}.cta '{cta}'{where} "
                        f"names no configured form (known: {known})",
                    ),
                    help=self._help(),
                    path=config.rel(config.path),
                    line=config.line_of("defaults", kind, "cta")
                    if own
                    else config.line_of("forms"),
                )


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

    **Severity: error when expired** (showing an expired certificate is a false claim, and one
    the site already hides: the page changes without anyone deciding it), **warning within
    `warn_days`** (time to renew, nothing wrong yet). Applies only to certificates configured in
    `extra.hub.badges`.
    """

    code = "POS006"
    name = "trust-badge-expired"
    summary = (
        "信任徽章中的证书已过期，或将在 30 天内过期",
        "A certificate in the trust badges has expired, or expires within 30 days.",
    )
    scope = "source"
    options = {"warn_days": 30}
    help = (
        "续期证书并更新 valid_until，或移除该徽章。",
        "Renew the certificate and update valid_until, or remove the badge.",
    )

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
                message, level = (
                    self.say(
                        f"证书“{name}”没有有效的 `valid_until` 日期",
                        f"Certificate '{name}' has no valid `valid_until` date",
                    ),
                    "error",
                )
            elif end < ctx.today:
                message, level = (
                    self.say(
                        f"证书“{name}”已于 {end.isoformat()} 过期",
                        f"Certificate '{name}' expired on {end.isoformat()}",
                    ),
                    "error",
                )
            elif end <= soon:
                days = (end - ctx.today).days
                message, level = (
                    self.say(
                        f"证书“{name}”将于 {end.isoformat()} 过期（还有 {days} 天）",
                        f"Certificate '{name}' expires on {end.isoformat()} (in {days} days)",
                    ),
                    "warning",
                )
            else:
                continue
            yield Finding(
                rule=self.code,
                name=self.name,
                severity=self.configured or level,
                message=message,
                help=self._help(),
                path=config.rel(config.path),
                line=config.line_of("badges", "certifications", index, "valid_until"),
            )
