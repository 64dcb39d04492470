"""Settings of the rota: how many people a round's load needs, what makes a round heavy, the
depot's half-days, and the search's time. ``logistics.settings`` reads them (``ROTA_*``); each
field is a row of the README's table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time


@dataclass(frozen=True)
class RotaSettings:
    kg_per_person: float = 150.0  # one more person on the crew for every 150 kg to load
    m3_per_person: float = 1.5  # ... or every 1.5 m³
    heavy_kg: float = 300.0  # a round that loads this much is heavy: no load restriction
    min_crew: int = 2  # a driver never loads alone
    depot_morning: tuple[time, time] = (time(8, 30), time(12, 0))
    depot_afternoon: tuple[time, time] = (time(13, 0), time(16, 30))
    depot_min_people: int = 1
    depot_max_people: int = 8
    depot_weekdays: tuple[int, ...] = (1, 2, 3, 4, 5)
    time_limit_s: float = 10.0
    workers: int = 2
