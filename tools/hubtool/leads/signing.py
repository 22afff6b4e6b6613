"""HMAC signatures: time-limited download links, webhook bodies, and the receiver's own secret."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import time
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote, urlencode

SECRET_ENV = "HUBTOOL_SECRET"
_DIGITS = re.compile(r"[0-9]{1,12}")
_HEX = re.compile(r"[0-9a-f]{1,128}")


def load_secret(var_dir: Path, env: Mapping[str, str] | None = None) -> bytes:
    """HUBTOOL_SECRET, or a secret generated once into var/secret so `make serve` just works."""
    given = (os.environ if env is None else env).get(SECRET_ENV)
    if given:
        return given.encode("utf-8")
    path = var_dir / "secret"
    if not path.exists():
        var_dir.mkdir(mode=0o700, parents=True, exist_ok=True)  # secret and leads: owner only
        try:
            # O_EXCL: two receivers starting at once must not each write a different secret.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(32) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
    for _ in range(50):  # the other process may still be writing it
        value = path.read_text(encoding="ascii").strip()
        if value:
            return value.encode("ascii")
        time.sleep(0.02)
    raise OSError(f"{path} is empty")


def _mac(secret: bytes, message: str) -> str:
    return hmac.new(secret, message.encode("utf-8"), hashlib.sha256).hexdigest()


def download_path(secret: bytes, content_id: str, lang: str, expires: int) -> str:
    """`/download/<content-id>?lang=…&exp=…&sig=…`: the signature covers id, language and expiry."""
    query = urlencode(
        {
            "lang": lang,
            "exp": expires,
            "sig": _mac(secret, f"download\n{content_id}\n{lang}\n{expires}"),
        }
    )
    return f"/download/{quote(content_id, safe='/')}?{query}"


def check_download(
    secret: bytes, content_id: str, lang: str, expires: str, sig: str, now: float | None = None
) -> str:
    """'' when the link is good, else why not: 'malformed' (not a link we could have made: an
    expiry that is not ASCII digits, a signature that is not hex), 'invalid' or 'expired'."""
    if not expires or not sig:
        return "invalid"  # cut short when copied
    if not _DIGITS.fullmatch(expires) or not _HEX.fullmatch(sig):
        return "malformed"  # `²³` passes isdigit(), a non-ASCII sig breaks compare_digest
    good = _mac(secret, f"download\n{content_id}\n{lang}\n{expires}")
    if not hmac.compare_digest(good, sig):
        return "invalid"
    if int(expires) < (time.time() if now is None else now):
        return "expired"
    return ""


def sign_body(secret: bytes, body: bytes) -> str:
    """The webhook signature header value: `sha256=<hex HMAC of the raw body>` (GitHub's scheme)."""
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def client_hash(secret: bytes, value: str) -> str:
    """A keyed hash of the client address: enough to spot abuse, not the address itself."""
    return _mac(secret, f"client\n{value}")[:32]
