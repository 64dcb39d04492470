"""Settings, read once from the environment (and an optional ``.env``).

Nothing else in the code base reads ``os.environ``: every knob is a field here, so the README's
settings table and this class are the whole truth.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from dotenv import load_dotenv

from logistics.rounds.settings import RoundsSettings, rounds_settings

WEAK_KEY_LENGTH = 32
_TRUE = {"1", "true", "yes", "on", "oui"}


class SettingsError(RuntimeError):
    """The environment describes a deployment that must not start."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: str
    base_url: str
    debug: bool
    production: bool
    data_dir: Path
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/Paris"))
    db_pool: bool = True
    login_max_failures: int = 5
    login_window_minutes: int = 15
    session_days: int = 14
    # Outgoing e-mail (certificates to donors). An empty host keeps messages in the outbox.
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_from: str = "Ordi'Pratique <ne-pas-repondre@localhost>"
    smtp_tls: str = "starttls"  # "starttls", "ssl" or "none"
    rounds: RoundsSettings = field(default_factory=RoundsSettings)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def sqlite_path(self) -> Path:
        """The file behind ``sqlite:///relative`` or ``sqlite:////absolute`` URLs."""
        return Path(self.database_url.split(":///", 1)[1])


def _flag(env: dict[str, str], name: str, default: bool) -> bool:
    value = env.get(name)
    return default if value is None else value.strip().lower() in _TRUE


def _secret_key(env: dict[str, str], data_dir: Path, production: bool) -> str:
    """Return the configured key, or one generated on first run and kept in the data folder.

    A generated key survives restarts so that sessions do; in production a key must be given and
    strong, because a key on the container's disk would be lost or copied with it.
    """
    key = env.get("SECRET_KEY", "")
    if production:
        if len(key) < WEAK_KEY_LENGTH or len(set(key)) < 10:
            raise SettingsError(
                f"SECRET_KEY is missing or weak: production mode needs at least "
                f"{WEAK_KEY_LENGTH} random characters (python -c 'import secrets; "
                f"print(secrets.token_urlsafe(48))')."
            )
        return key
    if key:
        return key
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Build settings from a mapping (the process environment plus ``.env`` by default)."""
    if env is None:
        load_dotenv(override=False)
        env = dict(os.environ)
    data_dir = Path(env.get("DATA_DIR", "data")).resolve()
    production = _flag(env, "PRODUCTION", False)
    database_url = env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'tracker.sqlite'}"
    return Settings(
        database_url=database_url,
        secret_key=_secret_key(env, data_dir, production),
        base_url=env.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
        debug=_flag(env, "DEBUG", False),
        production=production,
        data_dir=data_dir,
        timezone=ZoneInfo(env.get("TIMEZONE", "Europe/Paris")),
        db_pool=_flag(env, "DATABASE_POOL", True),
        login_max_failures=int(env.get("LOGIN_MAX_FAILURES", "5")),
        login_window_minutes=int(env.get("LOGIN_WINDOW_MINUTES", "15")),
        smtp_host=env.get("SMTP_HOST", ""),
        smtp_port=int(env.get("SMTP_PORT", "587")),
        smtp_user=env.get("SMTP_USER", ""),
        smtp_password=env.get("SMTP_PASSWORD", ""),
        smtp_from=env.get("SMTP_FROM", "Ordi'Pratique <ne-pas-repondre@localhost>"),
        smtp_tls=env.get("SMTP_TLS", "starttls").strip().lower(),
        rounds=rounds_settings(env),
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The one settings object of the process."""
    return load_settings()
