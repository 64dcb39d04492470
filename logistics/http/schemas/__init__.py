"""Input and output shapes of the HTTP layer (msgspec Structs), one module per context.

The API decodes its JSON bodies into the input Structs and the pages decode their forms into
the same ones (``logistics.http.forms``), so a use case's input is validated once, one way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

import msgspec

S = TypeVar("S", bound=msgspec.Struct)


def from_row(cls: type[S], row: Mapping[str, Any] | object, **computed: Any) -> S:
    """An output Struct from what a use case returned: a database row or a typed record (whose
    properties count as fields). Takes the fields the Struct declares, then ``computed``."""
    if isinstance(row, Mapping):
        values = {name: row[name] for name in cls.__struct_fields__ if name in row}
    else:
        values = {name: getattr(row, name) for name in cls.__struct_fields__ if hasattr(row, name)}
    return cls(**{**values, **computed})
