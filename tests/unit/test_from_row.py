"""One way from what a use case returns to an output Struct: rows and typed records alike."""

from __future__ import annotations

from dataclasses import dataclass

import msgspec

from logistics.http.schemas import from_row


class _Out(msgspec.Struct):
    id: int
    name: str
    name_label: str


@dataclass(frozen=True)
class _Record:
    id: int
    name: str
    hidden: str

    @property
    def name_label(self) -> str:
        return self.name.upper()


def test_a_row_gives_the_fields_the_struct_declares_and_computed_ones_win() -> None:
    row = {"id": 1, "name": "a", "name_label": "x", "hidden": "-"}
    assert from_row(_Out, row) == _Out(1, "a", "x")
    assert from_row(_Out, row, name_label="A") == _Out(1, "a", "A")


def test_a_record_gives_its_fields_and_properties() -> None:
    assert from_row(_Out, _Record(2, "b", "-")) == _Out(2, "b", "B")
