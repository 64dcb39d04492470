"""Local stand-ins for the BAN and Nominatim services, answering in their own JSON formats."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


@dataclass
class FakeService:
    """Known addresses (query text -> lat, lon, label, score) and the queries received."""

    known: dict[str, tuple[float, float, str, float]] = field(default_factory=dict)
    queries: list[str] = field(default_factory=list)
    port: int = 0

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self.port}"


def ban_body(query: str, hit: tuple[float, float, str, float] | None) -> dict[str, object]:
    """A response of api-adresse.data.gouv.fr/search (GeoJSON FeatureCollection)."""
    features = []
    if hit:
        lat, lon, label, score = hit
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "label": label,
                    "score": score,
                    "housenumber": "12",
                    "id": "73065_0420_00012",
                    "name": label.split(" 73")[0],
                    "postcode": "73000",
                    "citycode": "73065",
                    "x": 925000.1,
                    "y": 6504000.2,
                    "city": "Chambéry",
                    "context": "73, Savoie, Auvergne-Rhône-Alpes",
                    "type": "housenumber",
                    "importance": 0.62,
                    "street": "Rue de la République",
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "version": "draft",
        "features": features,
        "attribution": "BAN",
        "licence": "ETALAB-2.0",
        "query": query,
        "limit": 1,
    }


def nominatim_body(hit: tuple[float, float, str, float] | None) -> list[dict[str, object]]:
    """A response of nominatim.openstreetmap.org/search?format=json."""
    if not hit:
        return []
    lat, lon, label, _ = hit
    return [
        {
            "place_id": 123456,
            "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
            "osm_type": "way",
            "osm_id": 987654,
            "lat": str(lat),
            "lon": str(lon),
            "class": "building",
            "type": "yes",
            "place_rank": 30,
            "importance": 0.0001,
            "addresstype": "building",
            "name": "",
            "display_name": label,
            "boundingbox": [str(lat - 1e-4), str(lat + 1e-4), str(lon - 1e-4), str(lon + 1e-4)],
        }
    ]


@contextmanager
def serving(service: FakeService, kind: str) -> Iterator[FakeService]:
    """Serve ``service`` as ``kind`` ("ban" or "nominatim") on a free port of 127.0.0.1."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            query = parse_qs(urlparse(self.path).query).get("q", [""])[0]
            service.queries.append(query)
            hit = service.known.get(query)
            body = ban_body(query, hit) if kind == "ban" else nominatim_body(hit)
            payload = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    service.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield service
    finally:
        server.shutdown()
        server.server_close()
