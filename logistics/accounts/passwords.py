"""Password hashing with argon2 (argon2-cffi's recommended parameters)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from inventory.errors import Invalid

# OWASP's recommended argon2id configuration (19 MiB, 2 iterations, 1 lane): strong, and about
# 40 ms on one core, where the library's default (64 MiB, 4 lanes) takes over half a second on the
# association's small server and lets a burst of logins exhaust it.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
MIN_LENGTH = 10

# Verifying against this when the username is unknown keeps the response time the same, so the
# timing does not tell which usernames exist.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise Invalid(f"Le mot de passe doit contenir au moins {MIN_LENGTH} caractères.")


def hash_password(password: str) -> str:
    check_strength(password)
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False
