"""Reading a visitor's request: the posting origin, the answer format wanted, and a form post's body
(size-limited, JSON or urlencoded) as one mapping of plain values. Nothing here trusts the client."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from starlette.requests import Request

from .untrusted import strip_invisible

_SCALAR = (str, int, float, bool, type(None))


class TooLarge(Exception):
    """The body is over the receiver's limit (declared or counted)."""


class Unreadable(Exception):
    """The body is not what its content type says: answer 400."""


class UnsupportedType(Exception):
    """A content type no form posts: answer 415."""


def content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def wants_json(request: Request) -> bool:
    """A script posting JSON, or a client that accepts JSON but not HTML."""
    accept = request.headers.get("accept", "").lower()
    return content_type(request) == "application/json" or (
        "application/json" in accept and "text/html" not in accept
    )


def origin_of(request: Request) -> str | None:
    """The posting page's origin: Origin, else Referer's; None when the client sent neither."""
    origin = request.headers.get("origin")
    if origin:
        return origin.rstrip("/")
    referer = request.headers.get("referer")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "null"
    return None


def origin_of_url(url: str) -> str:
    """`scheme://host[:port]` of a URL (`://` for one without either)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, refused (TooLarge) as soon as it is declared or counted over `limit`."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def parse_fields(ctype: str, body: bytes) -> dict[str, Any]:
    """A form post's fields, without invisible controls (C0, C1, bidi overrides: never stored or
    shown). UnsupportedType for a content type no form sends; Unreadable for a broken body."""
    if ctype == "application/json":
        data = _json_fields(body)
    elif ctype in ("application/x-www-form-urlencoded", ""):
        data = {}
        for key, value in parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True):
            data.setdefault(key, value)  # a repeated name keeps its first value
    else:
        raise UnsupportedType(ctype)
    return {key: strip_invisible(value) for key, value in data.items()}


def _json_fields(body: bytes) -> dict[str, Any]:
    """An object of plain values; nested objects and lists are no form's fields."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # RecursionError: JSON nested thousands deep
        raise Unreadable(str(exc)) from None
    if not isinstance(data, dict) or not all(isinstance(v, _SCALAR) for v in data.values()):
        raise Unreadable("not an object of plain values")
    return data
