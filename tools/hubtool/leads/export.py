"""Leads out of the store: CSV for spreadsheets (BOM, formula-safe) and JSON for scripts."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from ..forms import FormDef
from .store import CONTEXT_COLUMNS
from .untrusted import INVISIBLE

BOM = "\ufeff"
# OWASP CSV injection: a cell starting with = + - @ (or a tab or CR before one) is a formula to
# Excel, WPS and LibreOffice. A spreadsheet that splits on ";" or tabs (most of Europe) or that
# trims spaces starts a new cell after any separator inside ours, quotes or not: `ACME;=1+1`.
# So an apostrophe goes before every formula start that follows the cell's start or a separator
# (, ; tab | or a line break), spaces and quotes between them included: `ACME;'=1+1`.
_FORMULA = re.compile(r"""(?:^|(?<=[,;|\t\r\n]))[\s"]*(?=[=+\-@])""")
# An international phone number (+44 20 7946 0000, +86 138-0013-8000 转 12): digits and
# punctuation cannot call a function, so it is written as the CRM expects it, without the '.
_PHONE = re.compile(r"\+[0-9][0-9 ()./\-]{3,}(?:\s*(?:ext\.?|x|转)\s*[0-9]{1,6})?")


def safe_cell(value: Any, phone: bool = False) -> str:
    """A cell no spreadsheet runs as a formula, nor shows with controls; in a `phone` column an
    international number is kept as typed."""
    text = INVISIBLE.sub("", "" if value is None else str(value))
    if phone and _PHONE.fullmatch(text):
        return text
    return _FORMULA.sub(lambda m: m.group() + "'", text)


def field_names(leads: list[dict[str, Any]], forms: dict[str, FormDef]) -> list[str]:
    """Form fields as columns: the configured order first, then any seen only in old leads."""
    names: list[str] = []
    for formdef in forms.values():
        names += [f.name for f in formdef.fields if f.name not in names]
    for lead in leads:
        names += [k for k in lead["fields"] if k not in names]
    return names


def to_csv(
    leads: list[dict[str, Any]], forms: dict[str, FormDef], include_spam: bool = False
) -> str:
    fields = field_names(leads, forms)
    header = [
        "id",
        "created_at",
        "form_id",
        *fields,
        *CONTEXT_COLUMNS,
        "consent",
        "consent_version",
        "consent_crossborder",
        "submission_id",
    ]
    if include_spam:
        header += ["spam", "spam_reason"]
    phones = {f.name for formdef in forms.values() for f in formdef.fields if f.type == "tel"}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for lead in leads:
        row = [
            lead["id"],
            lead["created_at"],
            lead["form_id"],
            *(lead["fields"].get(name, "") for name in fields),
            *(lead[c] for c in CONTEXT_COLUMNS),
            "yes" if lead["consent"] else "no",
            lead["consent_version"],
            "yes" if lead["consent_crossborder"] else "no",
            lead["submission_id"],
        ]
        if include_spam:
            row += ["yes" if lead["spam"] else "no", lead["spam_reason"]]
        writer.writerow([safe_cell(v, name in phones) for name, v in zip(header, row)])
    return BOM + out.getvalue()


def to_json(leads: list[dict[str, Any]], include_spam: bool = False) -> str:
    records = []
    for lead in leads:
        record = {
            "id": lead["id"],
            "created_at": lead["created_at"],
            "form_id": lead["form_id"],
            "fields": lead["fields"],
            "context": {c: lead[c] for c in CONTEXT_COLUMNS},
            "consent": {
                "given": lead["consent"],
                "version": lead["consent_version"],
                "crossborder": lead["consent_crossborder"],
            },
            "submission_id": lead["submission_id"],
        }
        if include_spam:
            record["spam"] = lead["spam_reason"] or False
        records.append(record)
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
