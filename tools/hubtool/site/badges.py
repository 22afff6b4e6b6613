"""Moved to hubtool.content.badges (the audit needs it too, and may not import the site layer)."""

from __future__ import annotations

from ..content.badges import (
    LOGO_HEIGHT,
    MAX_CUSTOMERS,
    as_date,
    awards,
    badge_data,
    certifications,
    customers,
    expired_warnings,
    image_size,
    shows_badges,
    site_path,
    valid_certifications,
)

__all__ = [
    "LOGO_HEIGHT",
    "MAX_CUSTOMERS",
    "as_date",
    "awards",
    "badge_data",
    "certifications",
    "customers",
    "expired_warnings",
    "image_size",
    "shows_badges",
    "site_path",
    "valid_certifications",
]
