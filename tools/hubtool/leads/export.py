"""Leads out of the store: CSV for spreadsheets (BOM, formula-safe) and JSON for scripts."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..forms import FormDef
from .store import CONTEXT_COLUMNS

# OWASP CSV injection: a cell starting with one of these is a formula to Excel, WPS and LibreOffice.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def safe_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def field_names(leads: list[dict[str, Any]], forms: dict[str, FormDef]) -> list[str]:
    """Form fields as columns: the configured order first, then any seen only in old leads."""
    names: list[str] = []
    for formdef in forms.values():
        names += [f.name for f in formdef.fields if f.name not in names]
    for lead in leads:
        names += [k for k in lead["fields"] if k not in names]
    return names


def to_csv(leads: list[dict[str, Any]], forms: dict[str, FormDef], include_spam: bool = False) -> str:
    fields = field_names(leads, forms)
    header = ["id", "created_at", "form_id", *fields, *CONTEXT_COLUMNS, "consent",
              "consent_version", "consent_crossborder", "submission_id"]
    if include_spam:
        header += ["spam", "spam_reason"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for lead in leads:
        row = [lead["id"], lead["created_at"], lead["form_id"],
               *(lead["fields"].get(name, "") for name in fields),
               *(lead[c] for c in CONTEXT_COLUMNS),
               "yes" if lead["consent"] else "no", lead["consent_version"],
               "yes" if lead["consent_crossborder"] else "no", lead["submission_id"]]
        if include_spam:
            row += ["yes" if lead["spam"] else "no", lead["spam_reason"]]
        writer.writerow([safe_cell(v) for v in row])
    return BOM + out.getvalue()


def to_json(leads: list[dict[str, Any]], include_spam: bool = False) -> str:
    records = []
    for lead in leads:
        record = {"id": lead["id"], "created_at": lead["created_at"], "form_id": lead["form_id"],
                  "fields": lead["fields"], "context": {c: lead[c] for c in CONTEXT_COLUMNS},
                  "consent": {"given": lead["consent"], "version": lead["consent_version"],
                              "crossborder": lead["consent_crossborder"]},
                  "submission_id": lead["submission_id"]}
        if include_spam:
            record["spam"] = lead["spam_reason"] or False
        records.append(record)
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
