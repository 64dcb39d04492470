"""A map drawn on the server as SVG: stops and lines on a blank background, tiles optional.

Points are projected with Web Mercator at the zoom that fits them in the frame, so the same
pixel grid carries the slippy-map tiles when a tile server is configured; without one the page
still shows every stop and every leg. The frame's data attributes let the page's small script
turn a click back into latitude and longitude (placing a donor by hand).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from routes.model import Point

TILE = 256
WIDTH, HEIGHT, MARGIN = 720, 420, 30
COLOURS = ("#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#4e342e")


@dataclass(frozen=True)
class Frame:
    zoom: int
    left: float  # world pixel x of the frame's left edge
    top: float
    width: int = WIDTH
    height: int = HEIGHT

    def xy(self, point: Point) -> tuple[float, float]:
        x, y = world_px(point, self.zoom)
        return round(x - self.left, 1), round(y - self.top, 1)

    def tiles(self, url: str) -> list[tuple[str, float, float]]:
        """(tile URL, x, y) of every tile under the frame, from a ``{z}/{x}/{y}`` template."""
        first_x, first_y = int(self.left // TILE), int(self.top // TILE)
        last_x = int((self.left + self.width) // TILE)
        last_y = int((self.top + self.height) // TILE)
        count = 2**self.zoom
        return [
            (
                url.format(z=self.zoom, x=tx % count, y=ty, s="a"),
                tx * TILE - self.left,
                ty * TILE - self.top,
            )
            for tx in range(first_x, last_x + 1)
            for ty in range(max(first_y, 0), min(last_y, count - 1) + 1)
        ]


def world_px(point: Point, zoom: int) -> tuple[float, float]:
    scale = TILE * 2**zoom
    sin_lat = math.sin(math.radians(max(-85.0, min(85.0, point.lat))))
    x = (point.lon + 180) / 360 * scale
    y = (0.5 - math.log((1 + sin_lat) / (1 - sin_lat)) / (4 * math.pi)) * scale
    return x, y


def frame_for(points: Sequence[Point]) -> Frame:
    """The highest zoom (up to 17) at which every point fits, centred on them."""
    if not points:
        points = [Point(45.5667, 5.9333)]
    for zoom in range(17, 1, -1):
        xs, ys = zip(*(world_px(p, zoom) for p in points), strict=True)
        if max(xs) - min(xs) <= WIDTH - 2 * MARGIN and max(ys) - min(ys) <= HEIGHT - 2 * MARGIN:
            break
    left = (max(xs) + min(xs)) / 2 - WIDTH / 2
    top = (max(ys) + min(ys)) / 2 - HEIGHT / 2
    return Frame(zoom, left, top)


def colour(index: int) -> str:
    return COLOURS[index % len(COLOURS)]


@dataclass(frozen=True)
class Waypoint:
    """A point a round's line passes through.

    ``label`` is written on its marker (a stop's number, "D" for unloading at the depot, "" for
    none); ``title`` is read on hover and by screen readers. Without a title (a lunch break) the
    line passes through it with no marker, which would hide the stop where the crew eats.
    """

    point: Point
    title: str | None
    label: str = ""


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    text: str  # the waypoint's label on the marker
    title: str  # shown on hover and read by screen readers
    colour: str


@dataclass(frozen=True)
class Drawing:
    frame: Frame
    tiles: list[tuple[str, float, float]]
    lines: list[tuple[str, str]]  # (colour, "x,y x,y ...")
    markers: list[Marker]
    depot: tuple[float, float]
    legend: list[tuple[str, str]]  # (colour, name) of each path, for the caption under the map


def draw(
    depot: Point,
    paths: Sequence[Sequence[Waypoint]],
    tile_url: str = "",
    names: Sequence[str] = (),
    connect: bool = True,
) -> Drawing:
    """One colour per path (a round, named in ``names`` for the legend); with ``connect``, its
    line from the depot through its waypoints and back; without, markers only (donors placed,
    which are not a round)."""
    frame = frame_for([depot, *(w.point for path in paths for w in path)])
    lines, markers = [], []
    for index, path in enumerate(paths):
        ink = colour(index)
        xys = [frame.xy(w.point) for w in path]
        if connect:
            ends = [frame.xy(depot)]
            lines.append((ink, " ".join(f"{x},{y}" for x, y in [*ends, *xys, *ends])))
        markers += [
            Marker(x, y, w.label, w.title, ink)
            for (x, y), w in zip(xys, path, strict=True)
            if w.title is not None
        ]
    tiles = frame.tiles(tile_url) if tile_url else []
    legend = [(colour(index), name) for index, name in enumerate(names)]
    return Drawing(frame, tiles, lines, markers, frame.xy(depot), legend)
