"""Settings of the rounds: geocoding services, travel estimate, working day, solver.

Only the values and what the rounds make of them: ``logistics.settings`` reads them from the
environment (``rounds_settings``), so this module depends on nothing of the application; each
field is a row of the README's settings table.
"""

from __future__ import annotations

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
