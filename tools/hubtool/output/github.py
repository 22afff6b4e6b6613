"""GitHub Actions workflow commands: one `::error file=…,line=…::message` annotation per finding."""

from __future__ import annotations

from .shapes import Findings, Rules, Summary


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(
    findings: Findings, summary: Summary, rules: Rules = (), *, color: bool = False, root: str = ""
) -> str:
    out = []
    for f in findings:
        level = "error" if f.severity == "error" else "warning"
        props = []
        if f.path:
            props.append(f"file={_prop((root + f.path) if root else f.path)}")
            props.append(f"line={f.line or 1}")
            if f.column:
                props.append(f"col={f.column}")
        props.append(f"title={_prop(f'{f.rule} {f.name}')}")
        where = "" if f.path or not f.url else f" ({f.url})"
        hint = f" Help: {f.help}" if f.help else ""
        out.append(f"::{level} {','.join(props)}::{_data(f.message + where + hint)}")
    for skipped in summary.get("not_built") or []:
        path = (root + skipped["path"]) if root else skipped["path"]
        out.append(
            f"::notice file={_prop(path)},line={skipped['line']},title=not built::"
            + _data(f"{skipped['reason']}: left out of the build, its page was not audited")
        )
    return "\n".join(out) + ("\n" if out else "")
