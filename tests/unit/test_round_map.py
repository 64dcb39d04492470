"""The round map: one colour per round, its stops numbered 1..n, and a legend naming each."""

from __future__ import annotations

from logistics.http.pages.rounds import visit_labels
from logistics.rounds.mapview import Waypoint, colour, draw
from routes.model import Point, VisitKind

DEPOT = Point(45.5667, 5.9333)


def test_a_round_numbers_its_stops_only_and_unloading_is_d() -> None:
    kinds = [VisitKind.STOP, VisitKind.LUNCH, VisitKind.STOP, VisitKind.UNLOAD, VisitKind.STOP]
    stops = [{"id": n, "kind": kind} for n, kind in enumerate(kinds, 10)]
    assert visit_labels(stops) == {10: "1", 11: "", 12: "2", 13: "D", 14: "3"}


def test_each_round_has_its_colour_its_own_numbers_and_its_line_in_the_legend() -> None:
    rounds = [
        [
            Waypoint(Point(45.57, 5.92), "1. CPAM", "1"),
            Waypoint(Point(45.58, 5.91), "2. Mairie", "2"),
        ],
        [Waypoint(Point(45.55, 5.95), "1. Collège", "1"), Waypoint(Point(45.56, 5.96), None)],
    ]
    drawing = draw(DEPOT, rounds, names=["Lundi · Trafic", "Mardi · Kangoo"])

    assert [(m.text, m.colour) for m in drawing.markers] == [
        ("1", colour(0)),
        ("2", colour(0)),
        ("1", colour(1)),
    ]
    assert drawing.legend == [(colour(0), "Lundi · Trafic"), (colour(1), "Mardi · Kangoo")]
    assert len(drawing.lines) == 2 and drawing.tiles == []


def test_donors_placed_are_markers_without_lines_and_tiles_follow_the_template() -> None:
    donors = [Waypoint(Point(45.57, 5.92), "CPAM")]
    drawing = draw(DEPOT, [donors], "https://t.example/{z}/{x}/{y}.png", connect=False)
    assert drawing.lines == [] and [m.title for m in drawing.markers] == ["CPAM"]
    assert drawing.tiles and all(
        url.startswith("https://t.example/") for url, _, _ in drawing.tiles
    )
