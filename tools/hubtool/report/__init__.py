"""The monthly content-operations report: numbers (data.py), analytics import, charts, renderers."""
