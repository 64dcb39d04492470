"""Travel matrices: how far and how long between every pair of points.

Without a routing server the estimate is the great-circle distance times a road detour factor,
driven at a speed that depends on the kind of area (a town centre is slow, the countryside
fast). With an OSRM server, its table service gives real road figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import httpx
import numpy as np
import numpy.typing as npt

from routes.model import Point

EARTH_RADIUS_M = 6_371_008.8

IntMatrix = npt.NDArray[np.int64]


@dataclass(frozen=True)
class TravelMatrix:
    """Metres and seconds from row point to column point, as integers (what the solver eats)."""

    distance_m: IntMatrix
    duration_s: IntMatrix

    def __len__(self) -> int:
        return len(self.distance_m)


MatrixProvider = Callable[[Sequence[Point]], TravelMatrix]


@dataclass(frozen=True)
class AreaSpeeds:
    """Average road speeds and the rings that define them around the town centre.

    A trip is driven half at the speed of each end's area: leaving a town centre for a village
    is faster than crossing the centre, slower than a country road.
    """

    centre: Point = field(default_factory=lambda: Point(45.5667, 5.9333))  # Chambéry
    urban_radius_km: float = 3.0
    periurban_radius_km: float = 10.0
    urban_kmh: float = 22.0
    periurban_kmh: float = 35.0
    rural_kmh: float = 50.0
    detour_factor: float = 1.3


def great_circle_m(lat: npt.ArrayLike, lon: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Great-circle distances in metres between all pairs of points.

    Through unit vectors: one matrix product, then one square root and one arcsine per pair,
    which is what keeps 1,000 × 1,000 well under 0.1 s (the haversine formula needs several
    trigonometric calls per pair). Precision stays within centimetres for road distances.
    """
    unit = _unit_vectors(lat, lon)
    arc = _arc_m(unit @ unit.T)
    np.fill_diagonal(arc, 0.0)
    return arc


def _unit_vectors(lat: npt.ArrayLike, lon: npt.ArrayLike) -> npt.NDArray[np.float64]:
    phi = np.radians(np.asarray(lat, dtype=np.float64))
    lam = np.radians(np.asarray(lon, dtype=np.float64))
    return np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)], axis=-1)


def _arc_m(cosines: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Arc length on the Earth from the cosine of the angle between two unit vectors."""
    chord = np.sqrt(np.clip(2.0 - 2.0 * cosines, 0.0, 4.0))
    return 2 * EARTH_RADIUS_M * np.arcsin(chord / 2)


def area_speeds_ms(points: Sequence[Point], speeds: AreaSpeeds) -> npt.NDArray[np.float64]:
    """Each point's driving speed in m/s, from its distance to the town centre."""
    unit = _unit_vectors([p.lat for p in points], [p.lon for p in points])
    from_centre_km = _arc_m(unit @ _unit_vectors(speeds.centre.lat, speeds.centre.lon)) / 1000
    kmh = np.select(
        [from_centre_km <= speeds.urban_radius_km, from_centre_km <= speeds.periurban_radius_km],
        [speeds.urban_kmh, speeds.periurban_kmh],
        speeds.rural_kmh,
    )
    return kmh / 3.6


def estimate_matrix(points: Sequence[Point], speeds: AreaSpeeds | None = None) -> TravelMatrix:
    """Road distance and time estimated from coordinates alone (no network needed)."""
    speeds = speeds or AreaSpeeds()
    if not points:
        empty = np.zeros((0, 0), dtype=np.int64)
        return TravelMatrix(empty, empty.copy())
    road_m = great_circle_m([p.lat for p in points], [p.lon for p in points]) * speeds.detour_factor
    # Half the trip at each end's speed.
    half_pace = 0.5 / area_speeds_ms(points, speeds)
    return TravelMatrix(
        distance_m=np.rint(road_m).astype(np.int64),
        duration_s=np.rint(road_m * (half_pace[:, None] + half_pace[None, :])).astype(np.int64),
    )


class OsrmError(RuntimeError):
    """The OSRM server did not give a usable table."""


@dataclass(frozen=True)
class OsrmTable:
    """Client of an OSRM server's table service (``/table/v1/driving``).

    Pairs OSRM cannot route (``null``) fall back to the estimate, so one unreachable point
    never blocks planning.
    """

    base_url: str
    profile: str = "driving"
    timeout_s: float = 10.0
    speeds: AreaSpeeds = field(default_factory=AreaSpeeds)
    transport: httpx.BaseTransport | None = None

    def __call__(self, points: Sequence[Point]) -> TravelMatrix:
        estimate = estimate_matrix(points, self.speeds)
        if len(points) < 2:
            return estimate
        coordinates = ";".join(f"{p.lon:.6f},{p.lat:.6f}" for p in points)
        url = f"{self.base_url.rstrip('/')}/table/v1/{self.profile}/{coordinates}"
        try:
            with httpx.Client(timeout=self.timeout_s, transport=self.transport) as client:
                response = client.get(url, params={"annotations": "distance,duration"})
                response.raise_for_status()
                body = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise OsrmError(f"OSRM table request failed: {error}") from error
        if body.get("code") != "Ok":
            raise OsrmError(f"OSRM answered {body.get('code')}: {body.get('message', '')}")
        return TravelMatrix(
            distance_m=_filled(body["distances"], estimate.distance_m),
            duration_s=_filled(body["durations"], estimate.duration_s),
        )


def _filled(rows: list[list[float | None]], fallback: IntMatrix) -> IntMatrix:
    values = np.array(rows, dtype=np.float64)  # None becomes nan
    return np.where(np.isnan(values), fallback, np.rint(values)).astype(np.int64)
