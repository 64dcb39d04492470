"""The rounds' settings: a wrong value stops start-up with a message naming the variable."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from logistics.settings import SettingsError, load_settings
from routes.model import LunchPlace


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("LUNCH_PLACE", "boat"),
        ("DAY_START", "25:00"),
        ("DAY_END", "6pm"),
        ("LUNCH_EARLIEST", "1145"),
        ("ROAD_SPEED_URBAN_KMH", "vite"),
        ("ROAD_SPEED_RURAL_KMH", "0"),
        ("ROAD_DETOUR_FACTOR", "beaucoup"),
        ("LUNCH_MINUTES", "-5"),
        ("MAX_WORKING_DAY_MINUTES", "8h"),
        ("SOLVER_TIME_LIMIT_S", "nan"),
        ("SOLVER_MAX_ITERATIONS", "1e3"),
        ("GEOCODER_TIMEOUT_S", "-1"),
    ],
)
def test_a_wrong_value_names_the_variable_and_what_was_expected(
    tmp_path: Path, variable: str, value: str
) -> None:
    with pytest.raises(SettingsError, match=rf"^{variable}='{value}' is not valid: expected "):
        load_settings({"DATA_DIR": str(tmp_path), variable: value})


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DAY_START": "19:00"}, "DAY_START"),
        ({"LUNCH_EARLIEST": "14:30"}, "LUNCH_EARLIEST"),
        ({"ROAD_DETOUR_FACTOR": "0.8"}, "ROAD_DETOUR_FACTOR"),
    ],
)
def test_values_that_contradict_each_other_are_refused(
    tmp_path: Path, env: dict[str, str], named: str
) -> None:
    with pytest.raises(SettingsError, match=named):
        load_settings({"DATA_DIR": str(tmp_path), **env})


def test_good_values_are_read_and_blank_ones_keep_the_default(tmp_path: Path) -> None:
    rounds = load_settings(
        {
            "DATA_DIR": str(tmp_path),
            "LUNCH_PLACE": "depot",
            "DAY_START": "07:30",
            "ROAD_SPEED_URBAN_KMH": "18.5",
            "LUNCH_MINUTES": "0",
            "SOLVER_MAX_ITERATIONS": " ",
        }
    ).rounds
    assert rounds.lunch_place is LunchPlace.DEPOT and rounds.day_start == time(7, 30)
    assert rounds.urban_kmh == 18.5 and rounds.work_rules().lunch is None
    assert rounds.solver_max_iterations is None and rounds.day_end == time(18, 0)


def test_a_tile_server_is_read_with_its_attribution_and_none_is_the_default(
    tmp_path: Path,
) -> None:
    unset = load_settings({"DATA_DIR": str(tmp_path)}).rounds
    assert unset.map_tile_url == "" and "OpenStreetMap" in unset.map_attribution
    osm = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    env = {"DATA_DIR": str(tmp_path), "MAP_TILE_URL": f" {osm} ", "MAP_TILE_ATTRIBUTION": "© OSM"}
    tiles = load_settings(env).rounds
    assert (tiles.map_tile_url, tiles.map_attribution) == (osm, "© OSM")
    older = load_settings({"DATA_DIR": str(tmp_path), "MAP_ATTRIBUTION": "© ancien"}).rounds
    assert older.map_attribution == "© ancien"
    for wrong in ("tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tiles.example.org/{z}.png"):
        with pytest.raises(SettingsError, match=r"^MAP_TILE_URL=.* expected an http\(s\) address"):
            load_settings({"DATA_DIR": str(tmp_path), "MAP_TILE_URL": wrong})
