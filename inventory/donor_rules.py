"""Rules on what a donor record may hold: SIRET number, opening hours, coordinates.

Plain functions: the services call them before writing, forms and API share them, and they are
tested in milliseconds. Each refusal is an ``Invalid`` with a French message naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from itertools import pairwise

from inventory.errors import Invalid

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Keys of the weekly opening hours; index + 1 is the ISO weekday."""
WEEKDAY_LABELS = dict(
    zip(
        WEEKDAYS,
        ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        strict=True,
    )
)
_TIME = re.compile(r"^([01]?\d|2[0-3])[:hH]([0-5]\d)$")
_LA_POSTE_SIREN = "356000000"

OpeningHours = dict[str, list[list[str]]]


def luhn_ok(digits: str) -> bool:
    """The Luhn checksum INSEE uses for SIREN and SIRET numbers."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def normalise_siret(text: str) -> str:
    """A SIRET (14 digits, spaces allowed) checked by its key; empty stays empty (no SIRET).

    La Poste's establishments share one SIREN and are numbered beyond what Luhn allows: INSEE
    checks them by the sum of their digits being a multiple of 5 instead.
    """
    siret = re.sub(r"[\s.]", "", text or "")
    if not siret:
        return ""
    if not re.fullmatch(r"\d{14}", siret):
        raise Invalid(
            f"SIRET « {text.strip()} » invalide : il compte exactement 14 chiffres.", siret=text
        )
    valid = sum(map(int, siret)) % 5 == 0 if siret.startswith(_LA_POSTE_SIREN) else luhn_ok(siret)
    if not valid:
        raise Invalid(
            f"SIRET {siret} invalide : la clé de contrôle ne correspond pas, vérifiez la saisie.",
            siret=text,
        )
    return siret


def _minutes(text: str, day: str) -> tuple[int, str]:
    found = _TIME.match(text.strip())
    if not found:
        raise Invalid(
            f"Horaires du {WEEKDAY_LABELS[day]} : « {text} » n'est pas une heure (ex. 08:30).",
            day=day,
        )
    hours, minutes = int(found.group(1)), int(found.group(2))
    return hours * 60 + minutes, f"{hours:02d}:{minutes:02d}"


def normalise_opening_hours(hours: Mapping[str, Sequence[Sequence[str]]]) -> OpeningHours:
    """Weekly opening hours as ``{"mon": [["08:30", "12:00"], ...]}``, windows sorted.

    A window that ends before it starts, or that overlaps another of the same day, is refused:
    the round planner would otherwise send the van when nobody is there.
    """
    cleaned: OpeningHours = {}
    for day, windows in hours.items():
        if day not in WEEKDAYS:
            raise Invalid(f"Jour « {day} » inconnu dans les horaires d'ouverture.", day=day)
        parsed = []
        for window in windows:
            if len(window) != 2:
                raise Invalid(
                    f"Horaires du {WEEKDAY_LABELS[day]} : une plage a un début et une fin.",
                    day=day,
                )
            start, start_text = _minutes(window[0], day)
            end, end_text = _minutes(window[1], day)
            if end <= start:
                raise Invalid(
                    f"Horaires du {WEEKDAY_LABELS[day]} : la plage {start_text}–{end_text} "
                    "se termine avant de commencer.",
                    day=day,
                )
            parsed.append((start, end, start_text, end_text))
        parsed.sort()
        for before, after in pairwise(parsed):
            if after[0] < before[1]:
                raise Invalid(
                    f"Horaires du {WEEKDAY_LABELS[day]} : les plages {before[2]}–{before[3]} et "
                    f"{after[2]}–{after[3]} se chevauchent.",
                    day=day,
                )
        if parsed:
            cleaned[day] = [[start_text, end_text] for _, _, start_text, end_text in parsed]
    return cleaned


def parse_day_text(day: str, text: str) -> list[list[str]]:
    """The windows of one day typed in a form: ``"08:30-12:00, 13:30-17:00"``."""
    windows = []
    for part in re.split(r"[,;/]| et ", text or ""):
        if part.strip():
            bounds = re.split(r"\s*(?:-|–|à)\s*", part.strip())
            if len(bounds) != 2:
                raise Invalid(
                    f"Horaires du {WEEKDAY_LABELS[day]} : écrivez les plages comme "
                    "« 08:30-12:00, 13:30-17:00 ».",
                    day=day,
                )
            windows.append(bounds)
    return windows


def day_text(windows: Sequence[Sequence[str]]) -> str:
    """The inverse of ``parse_day_text``, to fill a form."""
    return ", ".join(f"{start}-{end}" for start, end in windows)


def check_coordinates(latitude: float | None, longitude: float | None) -> None:
    """Both or neither, and on the globe."""
    if (latitude is None) != (longitude is None):
        raise Invalid("Donnez la latitude et la longitude ensemble, ou aucune des deux.")
    in_range = (
        latitude is None
        or longitude is None
        or (-90 <= latitude <= 90 and -180 <= longitude <= 180)
    )
    if not in_range:
        raise Invalid("Coordonnées hors du globe : latitude −90 à 90, longitude −180 à 180.")


def check_period(start: date | None, end: date | None, what: str) -> None:
    """A period whose end, when known, is not before its start."""
    if start is not None and end is not None and end < start:
        raise Invalid(f"{what} : la date de fin précède la date de début.")
