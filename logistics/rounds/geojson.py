"""A plan as GeoJSON (RFC 7946: longitude first): one line per round, one point per visit."""

from __future__ import annotations

from typing import Any

from logistics.rounds.reading import PlanView


def plan_geojson(view: PlanView) -> dict[str, Any]:
    depot_lat, depot_lon = view.plan["settings"]["depot"]
    depot = [depot_lon, depot_lat]
    features: list[dict[str, Any]] = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": depot},
            "properties": {"kind": "depot", "name": "Dépôt"},
        }
    ]
    for round_ in view.rounds:
        row = round_.row
        common = {"round_id": row["id"], "vehicle": row["vehicle_name"], "day": str(row["day"])}
        line = [depot, *([s["longitude"], s["latitude"]] for s in round_.stops), depot]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": line},
                "properties": {
                    **common,
                    "kind": "round",
                    "departure": f"{row['departure']:%H:%M}",
                    "return": f"{row['return_at']:%H:%M}",
                    "distance_m": row["distance_m"],
                    "duration_s": row["duration_s"],
                },
            }
        )
        features += [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [s["longitude"], s["latitude"]]},
                "properties": {
                    **common,
                    "kind": s["kind"],
                    "position": s["position"],
                    "name": s["label"],
                    "subject_kind": s["subject_kind"],
                    "subject_id": s["subject_id"],
                    "pickup_request_id": s.get("pickup_request"),
                    "arrival": f"{s['arrival']:%H:%M}",
                    "departure": f"{s['departure']:%H:%M}",
                    "load_kg": s["load_kg"],
                    "load_m3": s["load_m3"],
                },
            }
            for s in round_.stops
        ]
    return {
        "type": "FeatureCollection",
        "features": features,
        "properties": {
            "plan_id": view.plan["id"],
            "week_start": str(view.plan["week_start"]),
            "status": view.plan["status"],
        },
    }
