"""The audit engine: picks and configures rules, gathers facts, runs rules, applies suppressions."""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..config import HubConfig
from ..content.items import Item
from ..content.load import Hub, load_hub
from ..errors import HubError, Problem, did_you_mean
from .adoption import LANGS, writers_lang
from .model import SEVERITIES, AuditContext, Finding, Rule
from .rules import all_rules

RULE_KEYS = ("enabled", "severity", "exclude")  # settings every rule has, besides its own options
_INLINE = re.compile(r"<!--\s*hubtool:\s*(ignore|ignore-next-line)\s+([A-Za-z0-9 ,]+?)\s*-->")


@dataclass(frozen=True)
class AuditResult:
    """What an audit found; `summary` always has pages, errors and warnings."""

    findings: tuple[Finding, ...]
    summary: dict[str, Any] = field(default_factory=dict)
    rules: tuple[type[Rule], ...] = ()  # the rules that ran (for SARIF/JUnit rule lists)

    def failed(self, fail_on: str = "error") -> bool:
        """True when a finding is at or above `fail_on` (error > warning; never = always False)."""
        if fail_on == "never":
            return False
        levels = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
        return any(f.severity in levels for f in self.findings)


# ---------------------------------------------------------------- selecting and configuring rules


def parse_codes(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """`"KW,TEC007"` or ["KW", "TEC007"] -> ("KW", "TEC007"): codes or code prefixes, upper case."""
    if value is None:
        return ()
    parts = value.split(",") if isinstance(value, str) else [p for v in value for p in v.split(",")]
    return tuple(p.strip().upper() for p in parts if p.strip())


def matches(code: str, patterns: Iterable[str]) -> bool:
    """A code matches a pattern equal to it or a prefix of it (`KW` matches KW005)."""
    return any(code.startswith(p) for p in patterns)


def _check_codes(patterns: Sequence[str], known: Sequence[str], option: str) -> None:
    bad = [p for p in patterns if not any(c.startswith(p) for c in known)]
    if bad:
        hint = did_you_mean(bad[0], known)
        raise HubError(f"{option}: unknown rule code '{bad[0]}'{hint}")


def configure(
    config: HubConfig,
    rules: Sequence[type[Rule]] | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    scope: str | None = None,
    lang: str | None = None,
) -> list[Rule]:
    """Instances of the enabled rules with their settings from `extra.hub.audit.rules.<CODE>`.

    `lang` ("zh" or "en") is the language of their messages; None: the writers' language (the
    hub's default language; a plain MkDocs site's theme language).
    Every bad setting is reported at once (file, line, key, "did you mean"), as one HubError.
    """
    rules = list(all_rules() if rules is None else rules)
    lang = writers_lang(config) if lang is None else lang
    if lang not in LANGS:
        raise HubError(f"--lang: must be one of {', '.join(LANGS)}, not '{lang}'")
    codes = [r.code for r in rules]
    select, ignore = tuple(select), tuple(ignore)
    _check_codes(select, codes, "--select")
    _check_codes(ignore, codes, "--ignore")
    settings = _rule_settings(config)
    problems = [
        _problem(config, f"unknown rule{did_you_mean(str(code), codes)}", code)
        for code in settings
        if str(code) not in codes
    ]
    out: list[Rule] = []
    for rule in rules:
        setting = _read_setting(config, rule, settings.get(rule.code) or {}, problems)
        if setting is None or not setting.enabled:
            continue
        if (select and not matches(rule.code, select)) or matches(rule.code, ignore):
            continue
        if scope is not None and rule.scope != scope:
            continue
        instance = rule(setting.options, setting.severity)
        # Set after construction: rules with their own __init__ keep the (options, severity) form.
        instance.lang = lang
        out.append(instance)
    if problems:
        raise HubError("; ".join(str(p) for p in problems))
    return out


def _rule_settings(config: HubConfig) -> dict[Any, Any]:
    """`extra.hub.audit.rules`: rule codes to their settings."""
    settings = config.hub.get("audit", {}).get("rules") or {}
    if not isinstance(settings, dict):
        raise HubError(
            f"{config.path.name}:{config.line_of('audit', 'rules')}: extra.hub.audit.rules: "
            "must be a mapping of rule codes to settings"
        )
    return settings


def _problem(config: HubConfig, message: str, *path: Any) -> Problem:
    """A problem with `extra.hub.audit.rules.<path>`, at its line of mkdocs.yml."""
    name = ".".join(["extra.hub.audit.rules", *map(str, path)])
    return Problem(config.path.name, config.line_of("audit", "rules", *path), name, message)


@dataclass
class _Setting:
    """One rule's settings: its options, its severity if set, and whether it runs."""

    options: dict[str, Any] = field(default_factory=dict)
    severity: str | None = None
    enabled: bool = True


def _read_setting(
    config: HubConfig, rule: type[Rule], raw: Any, problems: list[Problem]
) -> _Setting | None:
    """`raw` (the rule's entry of extra.hub.audit.rules) read; its problems added to `problems`.
    None when it is not a mapping at all."""
    if not isinstance(raw, dict):
        wrong = "must be a mapping (enabled, severity, or the rule's options)"
        problems.append(_problem(config, wrong, rule.code))
        return None
    setting = _Setting()
    for key, value in raw.items():
        message = _take(setting, rule, key, value)
        if message is not None:
            problems.append(_problem(config, message, rule.code, key))
    return setting


def _take(setting: _Setting, rule: type[Rule], key: Any, value: Any) -> str | None:
    """Take one `key: value` of a rule's settings into `setting`; what is wrong with it, if any."""
    if key == "enabled":
        setting.enabled = value is not False
        return None if isinstance(value, bool) else "must be true or false"
    if key == "severity":
        setting.severity = value
        return None if value in SEVERITIES else f"must be one of {', '.join(SEVERITIES)}"
    if key == "exclude":
        setting.options[key] = value
        globs = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return None if globs else "must be a list of path globs"
    if key not in rule.options:
        known = [*RULE_KEYS, *rule.options]
        return f"unknown option{did_you_mean(str(key), known)}; known: {', '.join(known)}"
    message = _type_error(value, rule.options[key])
    if message is None:
        setting.options[key] = value
    return message


def _type_error(value: Any, default: Any) -> str | None:
    """An option must have the type of its default (ints and floats mix)."""
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "must be true or false"
    if isinstance(default, (int, float)):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok else "must be a number"
    if isinstance(default, str):
        return None if isinstance(value, str) else "must be a string"
    if isinstance(default, (list, tuple)):
        return None if isinstance(value, list) else "must be a list"
    if isinstance(default, dict):
        return None if isinstance(value, dict) else "must be a mapping"
    return None


# ---------------------------------------------------------------- suppressions


@dataclass(frozen=True)
class Suppressions:
    """What one source file asks not to be told: whole-file codes, and codes per file line."""

    file: tuple[str, ...] = ()
    lines: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def hides(self, finding: Finding) -> bool:
        if matches(finding.rule, self.file):
            return True
        return finding.line is not None and matches(finding.rule, self.lines.get(finding.line, ()))


def suppressions(item: Item) -> Suppressions:
    """Front matter `audit: {ignore: [...]}`, `<!-- hubtool: ignore KW005 -->` (whole file) and
    `<!-- hubtool: ignore-next-line KW005 -->` (the next non-blank line)."""
    audit = item.meta.get("audit")
    audit = audit if isinstance(audit, dict) else {}
    whole = list(parse_codes([str(c) for c in (audit.get("ignore") or [])]))
    lines: dict[int, tuple[str, ...]] = {}
    if "hubtool:" in item.body:
        body_lines = item.body.splitlines()
        for index, text in enumerate(body_lines):
            for kind, codes in _INLINE.findall(text):
                parsed = parse_codes(codes.replace(" ", ","))
                if kind == "ignore":
                    whole += parsed
                    continue
                nxt = index + 1
                while nxt < len(body_lines) and not body_lines[nxt].strip():
                    nxt += 1
                line = item.body_line + nxt
                lines[line] = lines.get(line, ()) + parsed
    return Suppressions(tuple(whole), lines)


def _excluded(finding: Finding, rules: dict[str, Rule]) -> bool:
    rule = rules.get(finding.rule)
    globs = rule.opts.get("exclude") if rule else None
    if not globs:
        return False
    names = [n for n in (finding.path, (finding.url or "").lstrip("/")) if n]
    return any(fnmatch.fnmatch(n, g) for n in names for g in globs)


# ---------------------------------------------------------------- running


def _sort_key(f: Finding) -> tuple:
    # The column too: two findings on one line (a word used twice) otherwise kept the set's order,
    # which changes from run to run with string hashing.
    return (
        f.path is None,
        f.path or "",
        f.line or 0,
        f.rule,
        f.column or 0,
        f.url or "",
        f.message,
    )


def run_rules(ctx: AuditContext, rules: Sequence[Rule]) -> AuditResult:
    """Run `rules` over `ctx`; drop suppressed findings; sort; count.

    With `ctx.only`, per-file rules read those files only, cross-page rules the whole hub, and
    only findings in those files are kept: the findings of the whole hub, filtered to them.
    """
    found: set[Finding] = set()
    whole = ctx if ctx.only is None else replace(ctx, only=None)  # shares `summary`
    for rule in rules:
        try:
            found.update(rule.check(whole if rule.cross_page else ctx))
        except HubError:
            raise  # a configuration problem (e.g. a missing word list): one line, as it is
        except Exception as exc:  # a rule that crashes is a tool error, reported as such
            raise HubError(f"rule {rule.code} failed: {type(exc).__name__}: {exc}") from exc
    if ctx.only is not None:
        found = {f for f in found if f.path in ctx.only}
    by_rel = {item.rel: item for item in ctx.hub.items}
    cache: dict[str, Suppressions] = {}
    by_code = {r.code: r for r in rules}
    kept, hidden = [], 0
    for finding in found:
        item = by_rel.get(finding.path or "")
        if item is not None:
            if item.rel not in cache:
                cache[item.rel] = suppressions(item)
            if cache[item.rel].hides(finding):
                hidden += 1
                continue
        if _excluded(finding, by_code):
            hidden += 1
            continue
        kept.append(finding)
    kept.sort(key=_sort_key)
    summary = {
        "pages": len(ctx.pages),
        "errors": sum(f.severity == "error" for f in kept),
        "warnings": sum(f.severity == "warning" for f in kept),
        "sources": len(ctx.hub.published),
        "rules": len(rules),
        "suppressed": hidden,
        **ctx.summary,
    }
    return AuditResult(tuple(kept), summary, tuple(type(r) for r in rules))


def run_source_rules(
    config: HubConfig,
    hub: Hub | None = None,
    today: dt.date | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    only: Iterable[str] | None = None,
    lang: str | None = None,
) -> AuditResult:
    """Source-scope rules only, no build (for `hubtool check`): imports no HTML parser or segmenter.

    `only`: source files (relative names) to report on; per-file rules then read just those.
    `lang`: the language of the findings (None: the writers' language, see `configure`).
    """
    hub = load_hub(config, lang=lang) if hub is None else hub
    rules = configure(config, select=select, ignore=ignore, scope="source", lang=lang)
    ctx = AuditContext(
        config=config,
        hub=hub,
        today=today or dt.date.today(),
        only=None if only is None else frozenset(only),
    )
    return run_rules(ctx, rules)


def build_site(config: HubConfig, dest: Path, *, skip_invalid: bool = True) -> Path:
    """Build the site with the real MkDocs into `dest`; HubError with a one-line reason if it fails.

    `skip_invalid`: the hub's hook leaves out published files with invalid front matter (as it
    does drafts) instead of stopping the build: the audit reports them as FM001 with file:line.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if skip_invalid:
        env["HUBTOOL_BUILD_SKIP_INVALID"] = "1"  # read by hubtool.site.hook.collect
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--quiet",
        "-f",
        str(config.path),
        "-d",
        str(dest),
    ]
    try:
        done = subprocess.run(
            cmd, check=False, cwd=config.root, env=env, capture_output=True, text=True, timeout=3600
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise HubError(f"cannot run mkdocs build: {exc}") from None
    if done.returncode != 0:
        reason = failure_reason(done.stderr or done.stdout) or f"exit status {done.returncode}"
        raise HubError(f"mkdocs build failed: {reason}")
    return dest


_LOG_RECORD = re.compile(r"^(ERROR|WARNING|INFO|DEBUG)\s+-\s*(.*)$")


def failure_reason(output: str) -> str:
    """Why MkDocs failed, whole and on one line: every ERROR record with its continuation lines
    (a plugin's message may list one problem per line), joined with '; '. Without ERROR records:
    the last line (a traceback's exception, `Aborted …`, `Error: …`)."""
    records: list[list[str]] = []
    for raw in output.splitlines():
        line = raw.strip()
        if not line:
            continue
        match = _LOG_RECORD.match(line)
        if match:
            records.append([match.group(1), match.group(2)] if match.group(2) else [match.group(1)])
        elif records and records[-1][0] == "ERROR" and not line.startswith("Aborted"):
            records[-1].append(line)  # a continuation of the message above
        else:
            records.append(["", line])
    errors = [r[1:] for r in records if r[0] == "ERROR"]
    if errors:
        parts = [
            " ".join(r[0].split()).rstrip(":") + (": " if len(r) > 1 else "") + "; ".join(r[1:])
            for r in errors
        ]
        return "; ".join(p.rstrip(": ") for p in parts)
    last = [r for r in records if r[0] in ("", "ERROR")]
    return " ".join(last[-1][-1].split()) if last else ""


def _max_page_bytes(config: HubConfig) -> int:
    """TEC015's `max_page_bytes` (validated by `configure`): read even when TEC015 does not run."""
    from .facts import MAX_PAGE_BYTES

    rules = config.hub.get("audit", {}).get("rules") or {}
    value = (rules.get("TEC015") or {}).get("max_page_bytes", MAX_PAGE_BYTES)
    return max(1, int(value)) if isinstance(value, (int, float)) else MAX_PAGE_BYTES


def run_audit(
    config: HubConfig,
    *,
    site_dir: str | Path | None = None,
    build: bool = True,
    today: dt.date | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    hub: Hub | None = None,
    workers: int | None = None,
    lang: str | None = None,
) -> AuditResult:
    """The whole audit: build (unless `site_dir` and not `build`), gather page facts, run all rules."""
    from .facts import collect  # the HTML parser is needed from here on only

    rules = configure(config, select=select, ignore=ignore, lang=lang)
    hub = load_hub(config, lang=lang) if hub is None else hub
    keywords = {
        item.url: (str(item.meta["keyword"]),) for item in hub.published if item.meta.get("keyword")
    }
    with tempfile.TemporaryDirectory(prefix="hubtool-site-") as tmp:
        if not build:
            root = Path(site_dir) if site_dir is not None else config.site_dir
        else:
            root = build_site(config, Path(site_dir) if site_dir is not None else Path(tmp))
        site = collect(
            root,
            config.site_url,
            keywords,
            workers=workers,
            max_page_bytes=_max_page_bytes(config),
            wanted=wanted_facts(rules),
        )
    ctx = AuditContext(
        config=config,
        hub=hub,
        today=today or dt.date.today(),
        pages=site,
        summary=_not_built(hub) if build else {},
    )
    return run_rules(ctx, rules)


def wanted_facts(rules: Iterable[Rule]) -> frozenset[str]:
    """The costly page facts that `rules` read (`Rule.needs`): the only ones gathered."""
    return frozenset(fact for rule in rules for fact in rule.needs)


def _not_built(hub: Hub) -> dict[str, Any]:
    """The summary's list of published files left out of the build for their invalid front matter
    (FM001 reports each of their problems); nothing when there are none."""
    invalid = [i for i in hub.items if i.status == "published" and i.errors]
    if not invalid:
        return {}
    reason = "invalid front matter (FM001)"
    return {
        "not_built": [
            {"path": i.rel, "line": min(p.line for p in i.errors), "reason": reason}
            for i in invalid
        ]
    }
