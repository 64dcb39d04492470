"""The kinds of stop rounds know, by the name stored in ``subject_kind``.

A new kind is one ``StopKind`` added to ``KINDS``; planning, storage, moves, publishing and
reading then handle its stops with no change. (BLÉ's home visits are not one: they are one
person's day, ordered in ``logistics.visits.day``, and rounds' pages are read by collecting staff.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import tzinfo
from typing import Any

from inventory.errors import Invalid
from inventory.scope import Scope
from logistics.rounds.pickup_stops import PickupRequests
from logistics.rounds.subjects import DETAIL_KEYS, TODO, StopKind, StopProgress, SubjectRef


class Registry:
    """Kinds by name; asking for one that is not registered is the caller's error."""

    def __init__(self, kinds: Iterable[StopKind] = ()) -> None:
        self._kinds: dict[str, StopKind] = {}
        for kind in kinds:
            self.register(kind)

    def register(self, kind: StopKind) -> None:
        if kind.name in self._kinds:
            raise ValueError(f"A stop kind named {kind.name!r} is already registered.")
        if ":" in kind.name:
            raise ValueError(f"A stop kind's name may not contain ':' ({kind.name!r}).")
        self._kinds[kind.name] = kind

    def unregister(self, name: str) -> None:
        del self._kinds[name]

    def __getitem__(self, name: str) -> StopKind:
        try:
            return self._kinds[name]
        except KeyError:
            raise Invalid(f"Type d'arrêt inconnu : « {name} ».") from None

    def __contains__(self, name: object) -> bool:
        return name in self._kinds

    def __iter__(self) -> Iterator[StopKind]:
        return iter(self._kinds.values())

    async def with_details(self, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """``round_stop`` or ``left_out_request`` rows with what their kinds tell of their
        subjects (``DETAIL_KEYS`` always present: None on a break or an unloading)."""
        wanted: dict[str, set[int]] = {}
        for row in rows:
            subject = SubjectRef.of_row(row)
            if subject is not None:
                wanted.setdefault(subject.kind, set()).add(subject.id)
        found = {name: await self[name].details(sorted(ids)) for name, ids in wanted.items()}
        blank = dict.fromkeys(DETAIL_KEYS)
        return [
            {**blank, **row, **found.get(row["subject_kind"] or "", {}).get(row["subject_id"], {})}
            for row in rows
        ]

    async def progress(
        self, scope: Scope, stops: Iterable[Mapping[str, Any]], zone: tzinfo
    ) -> dict[int, StopProgress]:
        """Where each ``round_stop`` row stands, by its id, as its kind tells (to do when the
        kind knows nothing begun; a break or an unloading has none)."""
        wanted: dict[str, dict[int, list[int]]] = {}
        for stop in stops:
            subject = SubjectRef.of_row(stop)
            if subject is not None:
                wanted.setdefault(subject.kind, {}).setdefault(subject.id, []).append(stop["id"])
        progress: dict[int, StopProgress] = {}
        for name, subjects in wanted.items():
            found = await self[name].progress(scope, sorted(subjects), zone)
            for subject_id, stop_ids in subjects.items():
                progress.update(dict.fromkeys(stop_ids, found.get(subject_id, TODO)))
        return progress


KINDS = Registry([PickupRequests()])
