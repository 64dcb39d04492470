"""Settings of the rounds: geocoding services, travel estimate, working day, solver.

Built by ``logistics.settings.load_settings`` from the same environment mapping, so nothing here
reads ``os.environ``; each field is a row of the README's settings table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import time
from typing import TypeVar
from urllib.parse import urlparse

from routes.geocoding import GeocodingSettings
from routes.matrix import AreaSpeeds
from routes.model import LunchBreak, LunchPlace, SolverSettings, WorkRules


@dataclass(frozen=True)
class RoundsSettings:
    ban_url: str = "https://api-adresse.data.gouv.fr"
    ban_min_delay_s: float = 1 / 40
    nominatim_url: str = "https://nominatim.openstreetmap.org"
    nominatim_min_delay_s: float = 1.0
    geocoder_user_agent: str = "ordipratique-tracker"
    geocoder_timeout_s: float = 5.0
    osrm_url: str = ""
    road_detour_factor: float = 1.3
    urban_kmh: float = 22.0
    periurban_kmh: float = 35.0
    rural_kmh: float = 50.0
    map_tile_url: str = ""
    map_attribution: str = "© contributeurs OpenStreetMap"
    lunch_minutes: int = 45
    lunch_earliest: time = time(11, 45)
    lunch_latest_end: time = time(14, 0)
    lunch_place: LunchPlace = LunchPlace.CREW
    max_day_minutes: int = 8 * 60
    day_start: time = time(8, 0)
    day_end: time = time(18, 0)
    solver_time_limit_s: float = 1.5
    solver_max_iterations: int | None = None
    solver_seed: int = 1

    def geocoding(self) -> GeocodingSettings:
        ban, nominatim = urlparse(self.ban_url), urlparse(self.nominatim_url)
        return GeocodingSettings(
            ban_domain=ban.netloc + ban.path.rstrip("/"),
            ban_scheme=ban.scheme or "https",
            ban_min_delay_s=self.ban_min_delay_s,
            nominatim_domain=nominatim.netloc + nominatim.path.rstrip("/"),
            nominatim_scheme=nominatim.scheme or "https",
            nominatim_min_delay_s=self.nominatim_min_delay_s,
            user_agent=self.geocoder_user_agent,
            timeout_s=self.geocoder_timeout_s,
            max_retries=0,
        )

    def speeds(self) -> AreaSpeeds:
        return AreaSpeeds(
            urban_kmh=self.urban_kmh,
            periurban_kmh=self.periurban_kmh,
            rural_kmh=self.rural_kmh,
            detour_factor=self.road_detour_factor,
        )

    def work_rules(self) -> WorkRules:
        lunch = None
        if self.lunch_minutes > 0:
            lunch = LunchBreak(
                self.lunch_minutes, self.lunch_earliest, self.lunch_latest_end, self.lunch_place
            )
        return WorkRules(self.day_start, self.day_end, self.max_day_minutes, lunch)

    def solver(self, seed: int | None = None) -> SolverSettings:
        return SolverSettings(
            seed=self.solver_seed if seed is None else seed,
            time_limit_s=self.solver_time_limit_s,
            max_iterations=self.solver_max_iterations,
        )


T = TypeVar("T")


def _read(env: Mapping[str, str], name: str, parse: Callable[[str], T], default: T, hint: str) -> T:
    """One variable, parsed; a value that does not parse stops start-up naming the variable."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return parse(raw)
    except ValueError as error:
        raise _settings_error(f"{name}={raw!r} is not valid: expected {hint}.") from error


def _positive(parse: Callable[[str], T]) -> Callable[[str], T]:
    def parsed(raw: str) -> T:
        value = parse(raw)
        if not value > 0:  # type: ignore[operator]
            raise ValueError(raw)
        return value

    return parsed


def _settings_error(message: str) -> Exception:
    # Imported here: logistics.settings imports this module while it loads.
    from logistics.settings import SettingsError

    return SettingsError(message)


def _check(settings: RoundsSettings) -> RoundsSettings:
    """Values that parse but contradict each other."""
    if settings.day_start >= settings.day_end:
        raise _settings_error(
            f"DAY_START ({settings.day_start:%H:%M}) must be before DAY_END "
            f"({settings.day_end:%H:%M})."
        )
    if settings.lunch_minutes and settings.lunch_earliest >= settings.lunch_latest_end:
        raise _settings_error(
            f"LUNCH_EARLIEST ({settings.lunch_earliest:%H:%M}) must be before LUNCH_LATEST_END "
            f"({settings.lunch_latest_end:%H:%M})."
        )
    if settings.road_detour_factor < 1:
        raise _settings_error(
            f"ROAD_DETOUR_FACTOR={settings.road_detour_factor:g} is not valid: a road is never "
            "shorter than the straight line (expected a number of at least 1, e.g. 1.3)."
        )
    return settings


def rounds_settings(env: Mapping[str, str]) -> RoundsSettings:
    """Read the ``GEOCODER_*``, ``OSRM_URL``, ``ROAD_*``, ``MAP_*``, ``LUNCH_*``, ``DAY_*`` and
    ``SOLVER_*`` variables; anything unset keeps the default above, anything wrong raises
    ``logistics.settings.SettingsError`` naming the variable."""
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
            map_tile_url=env.get("MAP_TILE_URL", "").strip(),
            map_attribution=env.get("MAP_ATTRIBUTION", d.map_attribution),
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
