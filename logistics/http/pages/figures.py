"""The year's figures page (bilan de l'année) and its CSV, for managers, BLÉ and Grand Chambéry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar import Controller, Response, get
from litestar.params import FromQuery
from litestar.response import Template

from inventory.categories import Category
from inventory.spreadsheet import french_csv
from logistics import clock
from logistics.auth.guards import allow
from logistics.http.dependencies import Me, OrgScope
from logistics.http.downloads import download
from logistics.trainees.figures import YearReport, year_report

Columns = tuple[tuple[str, Callable[[Any], object]], ...]
"""A table: each column's French name and how to read it from a line."""

COLUMNS: Columns = (
    ("Association", lambda f: f.stock.organisation),
    ("Collectes", lambda f: f.stock.collections),
    ("Donateurs", lambda f: f.stock.donors),
    ("Unités collectées", lambda f: f.stock.total_units),
    ("Ordinateurs collectés", lambda f: f.stock.computers_collected),
    ("Poids collecté (kg)", lambda f: f.stock.total_kg),
    ("Lots remis au reconditionneur", lambda f: f.stock.lots_handed_over),
    ("Poids remis (kg)", lambda f: round(f.stock.kg_handed_over, 1)),
    ("Appareils rendus par le reconditionneur", lambda f: f.stock.devices_returned),
    ("Appareils achetés", lambda f: f.stock.devices_purchased),
    ("Attribués à des bénéficiaires", lambda f: f.homes.given),
    ("Appareils installés", lambda f: f.stock.devices_installed),
    ("Installés avec internet", lambda f: f.homes.with_internet),
)
"""One column per figure of a collecting association, in the order of the page and the CSV."""

HOME_COLUMNS: Columns = (
    ("Association", lambda f: f.organisation),
    ("Inscrits", lambda f: f.enrolled),
    ("Formés", lambda f: f.trained),
    ("Éligibles", lambda f: f.eligible),
    ("Éligibles sans internet (non installés)", lambda f: f.no_internet),
    ("Ordinateurs attribués", lambda f: f.given),
    ("Ordinateurs installés", lambda f: f.installed),
    ("Installés avec internet", lambda f: f.with_internet),
)
"""One column per figure of an installing association (BLÉ): counts, never a person."""


def _cell(value: object) -> str:
    """A decimal comma for numbers, as a French spreadsheet reads them; names as they are."""
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)


def _table(columns: Columns, lines: list[Any]) -> list[list[str]]:
    return [[_cell(value(line)) for _, value in columns] for line in lines]


def as_csv(report: YearReport) -> bytes:
    """One line per association (and the total), one column per figure: the collecting
    associations' table, then, after an empty line, the installing associations' one (each
    with its header; a reader who sees only one gets only that one)."""
    tables: list[tuple[Columns, list[Any]]] = [
        (COLUMNS, report.collecting_lines),
        (HOME_COLUMNS, report.installing_lines),
    ]
    rows: list[list[str]] = []
    for columns, lines in [table for table in tables if table[1]] or tables[:1]:
        rows += [[]] if rows else []
        rows += [[name for name, _ in columns], *_table(columns, lines)]
    return french_csv(rows[0], rows[1:])


class FiguresPage(Controller):
    path = "/chiffres"
    include_in_schema = False

    @get("/", guards=[allow("figures:read")])
    async def year(
        self, current_user: Me, org_scope: OrgScope, annee: FromQuery[int | None] = None
    ) -> Template:
        today = clock.today()
        year = annee or today.year
        report = await year_report(org_scope, year, today)
        together = report.collecting_total
        by_category = [(c, together.units[c.value], together.kg[c.value]) for c in Category]
        return Template(
            "figures.html",
            context={
                "user": current_user,
                "year": year,
                "report": report,
                "columns": COLUMNS,
                "home_columns": HOME_COLUMNS,
                "categories": by_category,
                "years": list(range(today.year, today.year - 6, -1)),
            },
        )

    @get("/export.csv", guards=[allow("figures:read")])
    async def export(self, org_scope: OrgScope, annee: FromQuery[int]) -> Response[bytes]:
        report = await year_report(org_scope, annee, clock.today())
        return download(as_csv(report), f"chiffres-{annee}.csv")
