"""Locate French addresses: the national address base (BAN) first, Nominatim as a fallback.

Geocoding never blocks the manager: without network or without a match the address comes back
as "not located", to be placed by hand on the map. Both services are rate-limited (BAN allows
50 requests a second, Nominatim's policy one) and every definite answer is cached under the
normalised address, so a donor's address is asked for once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import BANFrance, Nominatim
from geopy.location import Location


class GeocodeStatus(StrEnum):
    LOCATED = "located"
    NOT_LOCATED = "not_located"
    MANUAL = "manual"  # placed by hand on the map


@dataclass(frozen=True)
class GeocodeResult:
    status: GeocodeStatus
    lat: float | None = None
    lon: float | None = None
    label: str = ""
    source: str = ""  # "ban", "nominatim", "manual" or "" when not located

    @classmethod
    def manual(cls, lat: float, lon: float, label: str = "") -> GeocodeResult:
        """A point the manager placed by hand (coordinates typed in, or a click on the map)."""
        return cls(GeocodeStatus.MANUAL, lat, lon, label, "manual")


NOT_LOCATED = GeocodeResult(GeocodeStatus.NOT_LOCATED)


class GeocodeCache(Protocol):
    def get(self, key: str) -> GeocodeResult | None: ...

    def put(self, key: str, result: GeocodeResult) -> None: ...


class MemoryGeocodeCache:
    """A cache for one process: scripts, and tests that need no database."""

    def __init__(self) -> None:
        self._entries: dict[str, GeocodeResult] = {}

    def get(self, key: str) -> GeocodeResult | None:
        return self._entries.get(key)

    def put(self, key: str, result: GeocodeResult) -> None:
        self._entries[key] = result


@dataclass(frozen=True)
class GeocodingSettings:
    """Where the services are and how gently to ask them (given by the app's settings)."""

    ban_domain: str = "api-adresse.data.gouv.fr"
    ban_scheme: str = "https"
    ban_min_delay_s: float = 1 / 40
    ban_min_score: float = 0.5
    nominatim_domain: str = "nominatim.openstreetmap.org"
    nominatim_scheme: str = "https"
    nominatim_min_delay_s: float = 1.0
    user_agent: str = "ordipratique-tracker"
    timeout_s: float = 5.0
    max_retries: int = 1


def normalise_address(address: str) -> str:
    """The cache key: case, accents, punctuation and spacing do not make a new address."""
    decomposed = unicodedata.normalize("NFKD", address.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


class Geocoder:
    """Locate an address through the cache, then BAN, then Nominatim."""

    def __init__(self, settings: GeocodingSettings, cache: GeocodeCache) -> None:
        self._cache = cache
        self._min_score = settings.ban_min_score
        ban = BANFrance(
            domain=settings.ban_domain,
            scheme=settings.ban_scheme,
            timeout=settings.timeout_s,
            user_agent=settings.user_agent,
        )
        nominatim = Nominatim(
            domain=settings.nominatim_domain,
            scheme=settings.nominatim_scheme,
            timeout=settings.timeout_s,
            user_agent=settings.user_agent,
        )
        self._ban = self._limited(ban.geocode, settings.ban_min_delay_s, settings)
        self._nominatim = self._limited(nominatim.geocode, settings.nominatim_min_delay_s, settings)

    @staticmethod
    def _limited(
        geocode: Callable[..., Location | None], delay_s: float, settings: GeocodingSettings
    ) -> Callable[..., Location | None]:
        return RateLimiter(
            geocode,
            min_delay_seconds=delay_s,
            max_retries=settings.max_retries,
            error_wait_seconds=delay_s,
            swallow_exceptions=False,
        )

    def locate(self, address: str) -> GeocodeResult:
        """The address's point, or ``not_located``; never raises for a network or service fault.

        A fault is not cached (the next call tries again); "no match anywhere" is, because
        asking again would give the same answer until the address is corrected.
        """
        key = normalise_address(address)
        if not key:
            return NOT_LOCATED
        if (cached := self._cache.get(key)) is not None:
            return cached
        answered = True
        for lookup in (self._from_ban, self._from_nominatim):
            try:
                result = lookup(address)
            except GeopyError:
                answered = False
                continue
            if result is not None:
                self._cache.put(key, result)
                return result
        if answered:
            self._cache.put(key, NOT_LOCATED)
        return NOT_LOCATED

    def place_by_hand(self, address: str, lat: float, lon: float) -> GeocodeResult:
        """Remember the manager's placement, so the same address is not looked up again."""
        result = GeocodeResult.manual(lat, lon, label=address)
        self._cache.put(normalise_address(address), result)
        return result

    def _from_ban(self, address: str) -> GeocodeResult | None:
        found = self._ban(address, limit=1)
        if found is None:
            return None
        score = float(found.raw.get("properties", {}).get("score", 1.0))
        if score < self._min_score:  # BAN always answers something; a low score is a guess
            return None
        return GeocodeResult(
            GeocodeStatus.LOCATED, found.latitude, found.longitude, found.address, "ban"
        )

    def _from_nominatim(self, address: str) -> GeocodeResult | None:
        found = self._nominatim(address, country_codes="fr")
        if found is None:
            return None
        return GeocodeResult(
            GeocodeStatus.LOCATED, found.latitude, found.longitude, found.address, "nominatim"
        )
