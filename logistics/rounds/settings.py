"""Settings of the rounds: geocoding services, travel estimate, working day, solver.

Built by ``logistics.settings.load_settings`` from the same environment mapping, so nothing here
reads ``os.environ``; each field is a row of the README's settings table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
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


def rounds_settings(env: Mapping[str, str]) -> RoundsSettings:
    """Read the ``GEOCODER_*``, ``OSRM_URL``, ``ROAD_*``, ``MAP_*``, ``LUNCH_*``, ``DAY_*`` and
    ``SOLVER_*`` variables; anything unset keeps the default above."""
    d = RoundsSettings()
    iterations = env.get("SOLVER_MAX_ITERATIONS", "").strip()
    return RoundsSettings(
        ban_url=env.get("GEOCODER_BAN_URL", d.ban_url).rstrip("/"),
        ban_min_delay_s=float(env.get("GEOCODER_BAN_MIN_DELAY_S", d.ban_min_delay_s)),
        nominatim_url=env.get("GEOCODER_NOMINATIM_URL", d.nominatim_url).rstrip("/"),
        nominatim_min_delay_s=float(
            env.get("GEOCODER_NOMINATIM_MIN_DELAY_S", d.nominatim_min_delay_s)
        ),
        geocoder_user_agent=env.get("GEOCODER_USER_AGENT", d.geocoder_user_agent),
        geocoder_timeout_s=float(env.get("GEOCODER_TIMEOUT_S", d.geocoder_timeout_s)),
        osrm_url=env.get("OSRM_URL", "").strip(),
        road_detour_factor=float(env.get("ROAD_DETOUR_FACTOR", d.road_detour_factor)),
        urban_kmh=float(env.get("ROAD_SPEED_URBAN_KMH", d.urban_kmh)),
        periurban_kmh=float(env.get("ROAD_SPEED_PERIURBAN_KMH", d.periurban_kmh)),
        rural_kmh=float(env.get("ROAD_SPEED_RURAL_KMH", d.rural_kmh)),
        map_tile_url=env.get("MAP_TILE_URL", "").strip(),
        map_attribution=env.get("MAP_ATTRIBUTION", d.map_attribution),
        lunch_minutes=int(env.get("LUNCH_MINUTES", d.lunch_minutes)),
        lunch_earliest=time.fromisoformat(env.get("LUNCH_EARLIEST", "11:45")),
        lunch_latest_end=time.fromisoformat(env.get("LUNCH_LATEST_END", "14:00")),
        lunch_place=LunchPlace(env.get("LUNCH_PLACE", d.lunch_place.value)),
        max_day_minutes=int(env.get("MAX_WORKING_DAY_MINUTES", d.max_day_minutes)),
        day_start=time.fromisoformat(env.get("DAY_START", "08:00")),
        day_end=time.fromisoformat(env.get("DAY_END", "18:00")),
        solver_time_limit_s=float(env.get("SOLVER_TIME_LIMIT_S", d.solver_time_limit_s)),
        solver_max_iterations=int(iterations) if iterations else None,
        solver_seed=int(env.get("SOLVER_SEED", d.solver_seed)),
    )
