"""The year's figures page (bilan de l'année) and its CSV, for managers and Grand Chambéry."""

from __future__ import annotations

from collections.abc import Callable

from litestar import Controller, Response, get
from litestar.params import FromQuery
from litestar.response import Template

from inventory.categories import Category
from inventory.figures import YearFigures, total, yearly_figures
from inventory.spreadsheet import french_csv
from logistics import clock
from logistics.auth.guards import allow
from logistics.http.dependencies import Me, OrgScope
from logistics.http.downloads import download

COLUMNS: tuple[tuple[str, Callable[[YearFigures], object]], ...] = (
    ("Association", lambda f: f.organisation),
    ("Collectes", lambda f: f.collections),
    ("Donateurs", lambda f: f.donors),
    ("Unités collectées", lambda f: f.total_units),
    ("Ordinateurs collectés", lambda f: f.computers_collected),
    ("Poids collecté (kg)", lambda f: f.total_kg),
    ("Lots remis au reconditionneur", lambda f: f.lots_handed_over),
    ("Poids remis (kg)", lambda f: round(f.kg_handed_over, 1)),
    ("Appareils rendus par le reconditionneur", lambda f: f.devices_returned),
    ("Appareils achetés", lambda f: f.devices_purchased),
    ("Appareils installés", lambda f: f.devices_installed),
)
"""One column per figure, in the order of the page and of the CSV."""


def _lines(figures: list[YearFigures], together: YearFigures) -> list[YearFigures]:
    """One line per association, and the total when there are several."""
    return [*figures, together] if len(figures) > 1 else figures


def _cell(value: object) -> str:
    """A decimal comma for numbers, as a French spreadsheet reads them; names as they are."""
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)


def as_csv(figures: list[YearFigures]) -> bytes:
    """One line per association (and the total), one column per figure."""
    return french_csv(
        [name for name, _ in COLUMNS],
        ([_cell(value(line)) for _, value in COLUMNS] for line in _lines(figures, total(figures))),
    )


class FiguresPage(Controller):
    path = "/chiffres"
    include_in_schema = False

    @get("/", guards=[allow("figures:read")])
    async def year(
        self, current_user: Me, org_scope: OrgScope, annee: FromQuery[int | None] = None
    ) -> Template:
        today = clock.today()
        year = annee or today.year
        figures = await yearly_figures(org_scope, year, today)
        together = total(figures)
        by_category = [(c, together.units[c.value], together.kg[c.value]) for c in Category]
        return Template(
            "figures.html",
            context={
                "user": current_user,
                "year": year,
                "lines": _lines(figures, together),
                "columns": COLUMNS,
                "categories": by_category,
                "years": list(range(today.year, today.year - 6, -1)),
            },
        )

    @get("/export.csv", guards=[allow("figures:read")])
    async def export(self, org_scope: OrgScope, annee: FromQuery[int]) -> Response[bytes]:
        figures = await yearly_figures(org_scope, annee, clock.today())
        return download(as_csv(figures), f"chiffres-{annee}.csv")
