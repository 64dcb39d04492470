"""Travel matrices from coordinates, and from an OSRM server's table service."""

from __future__ import annotations

import json

import httpx
import numpy as np
import pytest

from routes.matrix import AreaSpeeds, OsrmError, OsrmTable, estimate_matrix, great_circle_m
from routes.model import Point

CHAMBERY = Point(45.56667, 5.93333)
AIX = Point(45.68338, 5.92241)
BARBY = Point(45.57083, 5.98273)


def test_great_circle_distance_between_chambery_and_aix_is_about_13_km() -> None:
    metres = great_circle_m([CHAMBERY.lat, AIX.lat], [CHAMBERY.lon, AIX.lon])

    assert metres[0, 1] == pytest.approx(13_000, rel=0.02)
    assert metres[0, 0] == 0


def test_road_estimate_applies_the_detour_and_is_slower_in_town() -> None:
    speeds = AreaSpeeds(detour_factor=1.4)
    matrix = estimate_matrix([CHAMBERY, BARBY, AIX], speeds)
    crow = great_circle_m([CHAMBERY.lat, BARBY.lat, AIX.lat], [CHAMBERY.lon, BARBY.lon, AIX.lon])

    assert matrix.distance_m == pytest.approx(np.rint(crow * 1.4), abs=1)
    town_speed = matrix.distance_m[0, 1] / matrix.duration_s[0, 1]
    country_speed = matrix.distance_m[0, 2] / matrix.duration_s[0, 2]
    assert town_speed < country_speed
    assert matrix.distance_m.dtype == np.int64 and np.all(np.diag(matrix.duration_s) == 0)


def test_osrm_table_is_used_and_its_gaps_filled_by_the_estimate() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.path.startswith("/table/v1/driving/5.933330,45.566670;")
        body = {
            "code": "Ok",
            "distances": [[0, 6100.4], [None, 0]],
            "durations": [[0, 540.6], [None, 0]],
        }
        return httpx.Response(200, content=json.dumps(body))

    table = OsrmTable("http://osrm.local", transport=httpx.MockTransport(answer))
    matrix = table([CHAMBERY, BARBY])

    assert matrix.distance_m[0, 1] == 6100 and matrix.duration_s[0, 1] == 541
    assert matrix.distance_m[1, 0] == estimate_matrix([CHAMBERY, BARBY]).distance_m[1, 0]


def test_an_osrm_refusal_is_an_osrm_error() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={"code": "InvalidQuery", "message": "bad"})

    with pytest.raises(OsrmError):
        OsrmTable("http://osrm.local", transport=httpx.MockTransport(refuse))([CHAMBERY, BARBY])
