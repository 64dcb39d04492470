"""Tables of the planning side: the geocoding cache."""

from __future__ import annotations

from piccolo.columns import Float, Serial, Text, Timestamptz, Varchar
from piccolo.table import Table

from routes.geocoding import GeocodeStatus


class GeocodeCacheEntry(Table, tablename="geocode_cache_entry"):
    """One answer of the geocoding services (or a manual placement), by normalised address."""

    # Piccolo adds this primary key itself; the annotation is for type checkers.
    id: Serial
    address_key = Varchar(length=500, unique=True, index=True)
    status = Varchar(length=20, choices=GeocodeStatus)
    latitude = Float(null=True, default=None)
    longitude = Float(null=True, default=None)
    label = Text(default="")
    source = Varchar(length=20, default="")
    updated_at = Timestamptz()
