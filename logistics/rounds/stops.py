"""From donors and pickup requests to the opaque stops of ``routes``: pure functions.

Service time (temps sur place) is estimated from the quantities the donor announced: a fixed
quarter of an hour to park, find the contact and sign the certificate, then minutes per piece
of hardware by category, because carrying a server down two floors is not carrying a mouse.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from inventory.categories import Category
from inventory.errors import Invalid
from routes.model import Point, Stop, TimeWindow

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FIXED_MINUTES = 15.0


@dataclass(frozen=True)
class Handling:
    """Typical minutes to carry one piece to the vehicle, and its weight and volume."""

    minutes: float
    kg: float
    m3: float


HANDLING: dict[Category, Handling] = {
    Category.DESKTOP: Handling(3, 9, 0.05),
    Category.LAPTOP: Handling(1, 2.5, 0.01),
    Category.SCREEN: Handling(2, 5, 0.04),
    Category.PRINTER: Handling(4, 12, 0.1),
    Category.TABLET: Handling(0.5, 0.6, 0.003),
    Category.SMARTPHONE: Handling(0.5, 0.2, 0.001),
    Category.SERVER: Handling(8, 25, 0.15),
    Category.NETWORK: Handling(2, 3, 0.02),
    Category.STORAGE_MEDIA: Handling(0.5, 0.5, 0.001),
    Category.KEYBOARD_MOUSE: Handling(0.3, 0.8, 0.005),
    Category.PERIPHERAL: Handling(0.5, 1, 0.01),
    Category.CABLES_MISC: Handling(0.5, 1, 0.01),
}


def quantities(raw: Any) -> dict[Category, int]:
    """The announced quantities, ignoring categories that are not on the list."""
    known = {c.value: c for c in Category}
    return {known[k]: int(n) for k, n in (raw or {}).items() if k in known and int(n) > 0}


def service_time(announced: Mapping[Category, int], weight_kg: float) -> timedelta:
    """Time on site; without quantities, one minute per 10 kg announced."""
    if announced:
        minutes = sum(HANDLING[c].minutes * n for c, n in announced.items())
    else:
        minutes = weight_kg / 10
    return timedelta(minutes=round(FIXED_MINUTES + minutes))


def load(
    announced: Mapping[Category, int], weight_kg: float, volume_m3: float
) -> tuple[float, float]:
    """Weight and volume: what the donor announced, else estimated from the quantities."""
    kg = weight_kg or sum(HANDLING[c].kg * n for c, n in announced.items())
    m3 = volume_m3 or sum(HANDLING[c].m3 * n for c, n in announced.items())
    return round(kg, 1), round(m3, 3)


def opening(raw: Any) -> dict[int, tuple[TimeWindow, ...]] | None:
    """``{"mon": [["08:30", "12:00"], ...]}`` by weekday (0 = Monday); None when not stated.

    A window that ends before it starts is kept: the planner names it as the reason the stop is
    left out, which tells the manager what to correct.
    """
    if not raw:
        return None
    try:
        return {
            DAY_KEYS.index(day): tuple(
                TimeWindow(time.fromisoformat(a), time.fromisoformat(b)) for a, b in windows
            )
            for day, windows in raw.items()
            if day in DAY_KEYS
        }
    except (TypeError, ValueError) as error:
        raise Invalid(f"Horaires d'ouverture illisibles : {raw}") from error


def allowed_weekdays(
    iso_days: Any, wished_from: date, wished_until: date, week: list[date]
) -> frozenset[int]:
    """Weekdays (0 = Monday) of the week allowed by the request and inside its wished dates."""
    allowed = {int(d) - 1 for d in iso_days or []} or set(range(7))
    return frozenset(
        day.weekday()
        for day in week
        if day.weekday() in allowed and wished_from <= day <= wished_until
    )


def stop_for(request: Mapping[str, Any], donor: Mapping[str, Any], week: list[date]) -> Stop:
    """The stop of one pickup request; ``ref`` is the request's id."""
    announced = quantities(request["estimated_quantities"])
    kg, m3 = load(announced, request["estimated_weight_kg"], request["estimated_volume_m3"])
    located = donor["latitude"] is not None and donor["longitude"] is not None
    return Stop(
        ref=str(request["id"]),
        point=Point(donor["latitude"], donor["longitude"]) if located else None,
        service=service_time(announced, kg),
        weight_kg=kg,
        volume_m3=m3,
        opening=opening(donor["opening_hours"]),
        weekdays=allowed_weekdays(
            request["allowed_weekdays"], request["wished_from"], request["wished_until"], week
        ),
        mandatory=bool(request["mandatory"]),
        priority=max(1, int(request["priority"])),
        label=donor["name"],
    )
