"""The one CSV dialect of the exports: what a French spreadsheet opens without an import dialog.

French Excel and LibreOffice read ``;`` as the separator (the comma is the decimal mark) and only
take UTF-8 for UTF-8 when the file starts with a byte-order mark.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence


def french_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A header line and the rows, semicolon-separated, as UTF-8 with a byte-order mark."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode()
