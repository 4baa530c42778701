"""Who may change the corpus: the admin password, its hash, the lockout after wrong attempts, and
whether an unprotected server may still allow changes.

Free of Streamlit: the management page asks these functions and keeps the signed-in name in its
browser session only.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import os
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Mapping

PASSWORD_ENV = "KB_ADMIN_PASSWORD"
HASH_ENV = "KB_ADMIN_PASSWORD_HASH"
_SCHEME = "pbkdf2_sha256"
_ITERATIONS = 600_000  # OWASP's 2023 figure for PBKDF2-HMAC-SHA256
MAX_ATTEMPTS = int(os.environ.get("KB_LOGIN_ATTEMPTS", "5"))
LOCKOUT_SECONDS = float(os.environ.get("KB_LOGIN_LOCKOUT_S", "300"))
_LOCAL_NAMES = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class Secret:
    """The configured admin secret: a plain password, or a PBKDF2 hash made by `kb passwd`."""
    password: str | None = None
    hashed: str | None = None


def configured(env: Mapping[str, str] = os.environ, secrets_: Mapping[str, object] | None = None) -> Secret | None:
    """From the environment first, then Streamlit secrets (same keys); None when nothing is set."""
    for source in (env, secrets_ or {}):
        if source.get(HASH_ENV):
            return Secret(hashed=str(source[HASH_ENV]))
        if source.get(PASSWORD_ENV):
            return Secret(password=str(source[PASSWORD_ENV]))
    return None


def hash_password(password: str, salt: bytes | None = None, iterations: int = _ITERATIONS) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return f"{_SCHEME}${iterations}${_b64(salt)}${_b64(digest)}"


def verify(secret: Secret, attempt: str) -> bool:
    """Constant time in the attempt: digests of equal length are compared with hmac.compare_digest."""
    if secret.hashed:
        try:
            scheme, iterations, salt, want = secret.hashed.split("$")
            if scheme != _SCHEME:
                return False
            got = hashlib.pbkdf2_hmac("sha256", attempt.encode(), _unb64(salt), int(iterations))
            return hmac.compare_digest(got, _unb64(want))
        except ValueError:
            return False
    if secret.password is None:
        return False
    return hmac.compare_digest(hashlib.sha256(attempt.encode()).digest(),
                               hashlib.sha256(secret.password.encode()).digest())


def is_valid_hash(text: str) -> bool:
    parts = text.split("$")
    return len(parts) == 4 and parts[0] == _SCHEME and parts[1].isdigit()


@dataclass
class Lockout:
    """Wrong attempts per client; after `limit` of them within `seconds`, nobody from there may try
    until `seconds` have passed since the last one. Shared by every session of the server process."""
    limit: int = MAX_ATTEMPTS
    seconds: float = LOCKOUT_SECONDS
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, list[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, client: str) -> float:
        """Seconds until this client may try again (0: now)."""
        with self._lock:
            recent = self._recent(client)
            if len(recent) < self.limit:
                return 0.0
            return max(0.0, recent[-1] + self.seconds - self.clock())

    def failed(self, client: str) -> None:
        with self._lock:
            self._failures[client] = self._recent(client) + [self.clock()]

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)

    def _recent(self, client: str) -> list[float]:
        now = self.clock()
        return [t for t in self._failures.get(client, []) if now - t < self.seconds]


def is_local(address: str | None) -> bool:
    """True for a loopback name or address; an empty address means every interface, which is not local."""
    if not address:
        return False
    if address in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def _b64(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def _unb64(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
