"""Settings, read once from the environment (and an optional ``.env``).

Nothing else in the code base reads ``os.environ``: every knob is a field here or of the rounds'
``RoundsSettings`` (read here too, by ``rounds_settings``), so the README's settings table and
these two classes are the whole truth.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import time
from functools import lru_cache
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from dotenv import load_dotenv

from logistics.rota.settings import RotaSettings
from logistics.rounds.settings import RoundsSettings
from routes.model import LunchPlace

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
    # Text messages through SMS Gateway for Android (off without a URL and a password), the key
    # that signs its incoming-message webhook, and when the day-before reminders go out.
    sms_gateway_url: str = ""
    sms_gateway_login: str = ""
    sms_gateway_password: str = ""
    sms_webhook_signing_key: str = ""
    visit_reminder_time: time = time(16, 0)
    rounds: RoundsSettings = field(default_factory=RoundsSettings)
    rota: RotaSettings = field(default_factory=RotaSettings)
    # Installation visits: time spent at a person's home, and the least trip between two homes
    # (what booking counts; the day view uses real travel times).
    visit_minutes: int = 60
    visit_travel_minutes: int = 15
    # BLÉ's course: the modules (séances) a trainee must attend out of a cycle's 11 to be
    # offered a computer (capped at the cycle's own number of modules).
    eligibility_min_modules: int = 8
    # Residents' data are kept this many months after a trainee's last activity, then
    # anonymised by the nightly job (``logistics.privacy.anonymise``).
    resident_retention_months: int = 36

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
        sms_gateway_url=env.get("SMS_GATEWAY_URL", "").strip().rstrip("/"),
        sms_gateway_login=env.get("SMS_GATEWAY_LOGIN", "").strip(),
        sms_gateway_password=env.get("SMS_GATEWAY_PASSWORD", ""),
        sms_webhook_signing_key=env.get("SMS_WEBHOOK_SIGNING_KEY", ""),
        visit_reminder_time=_read(
            env, "VISIT_REMINDER_TIME", _clock, time(16, 0), "a time of day HH:MM (e.g. 16:00)"
        ),
        rounds=rounds_settings(env),
        rota=rota_settings(env),
        visit_minutes=_read(env, "VISIT_MINUTES", _positive(int), 60, "minutes, e.g. 60"),
        visit_travel_minutes=_read(
            env, "VISIT_TRAVEL_MINUTES", _positive(int), 15, "minutes, e.g. 15"
        ),
        eligibility_min_modules=_read(
            env, "ELIGIBILITY_MIN_MODULES", _positive(int), 8, "a whole number of modules (e.g. 8)"
        ),
        resident_retention_months=_read(
            env,
            "RESIDENT_RETENTION_MONTHS",
            _positive(int),
            36,
            "a whole number of months (e.g. 36)",
        ),
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The one settings object of the process."""
    return load_settings()


T = TypeVar("T")
Number = TypeVar("Number", int, float)


def _read(env: Mapping[str, str], name: str, parse: Callable[[str], T], default: T, hint: str) -> T:
    """One variable, parsed; a value that does not parse stops start-up naming the variable."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return parse(raw)
    except ValueError as error:
        raise SettingsError(f"{name}={raw!r} is not valid: expected {hint}.") from error


def _positive(parse: Callable[[str], Number]) -> Callable[[str], Number]:
    def parsed(raw: str) -> Number:
        value = parse(raw)
        if not value > 0:
            raise ValueError(raw)
        return value

    return parsed


def _check(settings: RoundsSettings) -> RoundsSettings:
    """Values that parse but contradict each other."""
    if settings.day_start >= settings.day_end:
        raise SettingsError(
            f"DAY_START ({settings.day_start:%H:%M}) must be before DAY_END "
            f"({settings.day_end:%H:%M})."
        )
    if settings.lunch_minutes and settings.lunch_earliest >= settings.lunch_latest_end:
        raise SettingsError(
            f"LUNCH_EARLIEST ({settings.lunch_earliest:%H:%M}) must be before LUNCH_LATEST_END "
            f"({settings.lunch_latest_end:%H:%M})."
        )
    if settings.road_detour_factor < 1:
        raise SettingsError(
            f"ROAD_DETOUR_FACTOR={settings.road_detour_factor:g} is not valid: a road is never "
            "shorter than the straight line (expected a number of at least 1, e.g. 1.3)."
        )
    return settings


def rounds_settings(env: Mapping[str, str]) -> RoundsSettings:
    """Read the ``GEOCODER_*``, ``OSRM_URL``, ``ROAD_*``, ``MAP_TILE_*``, ``LUNCH_*``, ``DAY_*`` and
    ``SOLVER_*`` variables; anything unset keeps ``RoundsSettings``' default, anything wrong raises
    ``SettingsError`` naming the variable."""
    d = RoundsSettings()
    number, positive, count = "a number (e.g. 1.5)", "a positive number", "a whole number"
    clock = "a time of day HH:MM (e.g. 08:30)"
    delay = float  # 0 is allowed: no wait between requests (tests, a private server)
    places = " or ".join(p.value for p in LunchPlace)
    return _check(
        RoundsSettings(
            ban_url=env.get("GEOCODER_BAN_URL", d.ban_url).rstrip("/"),
            ban_min_delay_s=_read(
                env, "GEOCODER_BAN_MIN_DELAY_S", delay, d.ban_min_delay_s, number
            ),
            nominatim_url=env.get("GEOCODER_NOMINATIM_URL", d.nominatim_url).rstrip("/"),
            nominatim_min_delay_s=_read(
                env, "GEOCODER_NOMINATIM_MIN_DELAY_S", delay, d.nominatim_min_delay_s, number
            ),
            geocoder_user_agent=env.get("GEOCODER_USER_AGENT", d.geocoder_user_agent),
            geocoder_timeout_s=_read(
                env, "GEOCODER_TIMEOUT_S", _positive(float), d.geocoder_timeout_s, positive
            ),
            osrm_url=env.get("OSRM_URL", "").strip(),
            road_detour_factor=_read(
                env, "ROAD_DETOUR_FACTOR", float, d.road_detour_factor, number
            ),
            urban_kmh=_read(env, "ROAD_SPEED_URBAN_KMH", _positive(float), d.urban_kmh, positive),
            periurban_kmh=_read(
                env, "ROAD_SPEED_PERIURBAN_KMH", _positive(float), d.periurban_kmh, positive
            ),
            rural_kmh=_read(env, "ROAD_SPEED_RURAL_KMH", _positive(float), d.rural_kmh, positive),
            map_tile_url=_read(env, "MAP_TILE_URL", _tile_template, d.map_tile_url, _TILE_HINT),
            # MAP_ATTRIBUTION is the older name, still read for deployments that set it.
            map_attribution=env.get("MAP_TILE_ATTRIBUTION")
            or env.get("MAP_ATTRIBUTION", d.map_attribution),
            lunch_minutes=_read(
                env, "LUNCH_MINUTES", _minutes, d.lunch_minutes, "minutes, 0 or more"
            ),
            lunch_earliest=_read(env, "LUNCH_EARLIEST", _clock, d.lunch_earliest, clock),
            lunch_latest_end=_read(env, "LUNCH_LATEST_END", _clock, d.lunch_latest_end, clock),
            lunch_place=_read(env, "LUNCH_PLACE", LunchPlace, d.lunch_place, places),
            max_day_minutes=_read(
                env, "MAX_WORKING_DAY_MINUTES", _positive(int), d.max_day_minutes, count
            ),
            day_start=_read(env, "DAY_START", _clock, d.day_start, clock),
            day_end=_read(env, "DAY_END", _clock, d.day_end, clock),
            solver_time_limit_s=_read(
                env, "SOLVER_TIME_LIMIT_S", _positive(float), d.solver_time_limit_s, positive
            ),
            solver_max_iterations=_read(
                env, "SOLVER_MAX_ITERATIONS", _positive(int), d.solver_max_iterations, count
            ),
            solver_seed=_read(env, "SOLVER_SEED", int, d.solver_seed, count),
        )
    )


def rota_settings(env: Mapping[str, str]) -> RotaSettings:
    """Read the ``ROTA_*`` variables; unset keeps ``RotaSettings``' default."""
    d = RotaSettings()
    positive, count = "a positive number (e.g. 150)", "a whole number (e.g. 2)"
    return RotaSettings(
        kg_per_person=_read(env, "ROTA_KG_PER_PERSON", _positive(float), d.kg_per_person, positive),
        m3_per_person=_read(env, "ROTA_M3_PER_PERSON", _positive(float), d.m3_per_person, positive),
        heavy_kg=_read(env, "ROTA_HEAVY_KG", _positive(float), d.heavy_kg, positive),
        min_crew=_read(env, "ROTA_MIN_CREW", _positive(int), d.min_crew, count),
        depot_min_people=_read(env, "ROTA_DEPOT_MIN", _minutes, d.depot_min_people, count),
        depot_max_people=_read(env, "ROTA_DEPOT_MAX", _positive(int), d.depot_max_people, count),
        time_limit_s=_read(env, "ROTA_TIME_LIMIT_S", _positive(float), d.time_limit_s, positive),
        workers=_read(env, "ROTA_WORKERS", _positive(int), d.workers, count),
    )


_TILE_HINT = (
    "an http(s) address with {z}, {x} and {y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)


def _tile_template(raw: str) -> str:
    """A slippy-map tile address: the maps put {z}/{x}/{y} in it (and {s}, if given, as "a")."""
    if not raw.startswith(("http://", "https://")) or any(
        f"{{{part}}}" not in raw for part in "zxy"
    ):
        raise ValueError(raw)
    return raw


def _clock(raw: str) -> time:
    """HH:MM only: ``time.fromisoformat`` alone would also take "8" or "0830"."""
    if len(raw) != 5 or raw[2] != ":":
        raise ValueError(raw)
    return time.fromisoformat(raw)


def _minutes(raw: str) -> int:
    value = int(raw)
    if value < 0:
        raise ValueError(raw)
    return value
