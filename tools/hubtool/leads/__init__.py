"""The lead receiver: an ASGI app, its store (SQLite or PostgreSQL), the outbox and signed downloads."""
