"""Reading the reconditioner's per-serial erasure report (rapport d'effacement), CSV or XLSX.

Reports come from the reconditioner's own software, so column names vary: they are matched
loosely (case, accents, punctuation ignored) against a few known names. Only the serial column
is required; a date, a method and an outcome (réemploi / recyclage) are kept when present.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from inventory.errors import Invalid

SERIAL = {
    "numerodeserie",
    "nodeserie",
    "ndeserie",
    "nserie",
    "serie",
    "serial",
    "serialnumber",
    "sn",
    "numeroserie",
}
DATE = {"date", "dateeffacement", "datedeffacement", "erasedon", "erasuredate"}
METHOD = {"methode", "method", "methodedeffacement", "norme", "standard"}
OUTCOME = {"devenir", "resultat", "outcome", "destination", "issue"}
MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class ReportLine:
    line: int
    serial: str
    erased_on: date | None
    method: str
    outcome: str  # "reused", "recycled" or ""


def _key(text: object) -> str:
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def normalise_serial(serial: str) -> str:
    """Serials are compared without case or spaces: scanners and keyboards disagree on both."""
    return re.sub(r"\s+", "", str(serial)).upper()


def _outcome(text: str) -> str:
    key = _key(text)
    if any(word in key for word in ("reemploi", "reuse", "reconditionn", "reutilis")):
        return "reused"
    if any(word in key for word in ("recycl", "destruct", "detruit", "broy")):
        return "recycled"
    return ""


def _date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%y"):
        try:
            return datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    return None


def _rows(filename: str, content: bytes) -> list[list[object]]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as error:  # openpyxl raises zipfile, KeyError or its own errors
            raise Invalid("Le fichier XLSX est illisible.") from error
        if sheet is None:  # a workbook without any sheet
            raise Invalid("Le fichier XLSX est illisible.")
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252")
    dialect = csv.Sniffer().sniff(text[:2048], delimiters=";,\t") if text.strip() else "excel"
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _column(header: list[str], names: set[str]) -> int | None:
    return next((index for index, name in enumerate(header) if name in names), None)


def parse_report(filename: str, content: bytes) -> list[ReportLine]:
    """The report's lines (numbered as in the file, header = line 1); refuses a file without a
    serial column."""
    if not filename.lower().endswith((".csv", ".xlsx", ".txt")):
        raise Invalid("Envoyez le rapport au format CSV ou XLSX.")
    if len(content) > MAX_BYTES:
        raise Invalid("Le fichier dépasse 5 Mo.")
    try:
        rows = _rows(filename, content)
    except csv.Error as error:
        raise Invalid("Le fichier CSV est illisible.") from error
    if not rows:
        raise Invalid("Le fichier est vide.")
    header = [_key(cell or "") for cell in rows[0]]
    serial = _column(header, SERIAL)
    if serial is None:
        raise Invalid("Colonne « numéro de série » introuvable dans la première ligne du fichier.")
    when, method, outcome = (_column(header, names) for names in (DATE, METHOD, OUTCOME))

    def cell(row: list[object], index: int | None) -> object:
        return row[index] if index is not None and index < len(row) else ""

    return [
        ReportLine(
            line=number,
            serial=str(cell(row, serial) or "").strip(),
            erased_on=_date(cell(row, when)),
            method=str(cell(row, method) or "").strip(),
            outcome=_outcome(str(cell(row, outcome) or "")),
        )
        for number, row in enumerate(rows[1:], start=2)
        if any(str(value or "").strip() for value in row)
    ]
