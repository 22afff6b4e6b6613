"""Moved to hubtool.content.cta (the audit needs it too, and may not import the site layer)."""

from __future__ import annotations

from ..content.cta import effective_cta, form_id, is_link

__all__ = ["effective_cta", "form_id", "is_link"]
