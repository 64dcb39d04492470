"""BLÉ's part of the year's figures: trainees trained and eligible, computers given, installed,
installed with the internet working; counts only, never a person.

The programme reports these beside the collections ("84 people trained, 58 computers
installed, 48 of them with an internet connection"). What each figure counts, for a year:

- *inscrits*: places taken in the cycles that ended that year (one per enrolment, a trainee
  who left the course included);
- *formés*: trainees who followed a cycle that ended that year to its end (did not leave it),
  whatever their attendance; a cycle is over the day after its last day, as eligibility says;
- *éligibles*: trainees whose computer was earned by a cycle that ended that year (the first
  such cycle decides, as in ``eligibility.decide``), with or without internet at home;
  *dont sans internet*: of these, those not installed for lack of internet (a normal outcome);
- *attribués*: loan contracts signed that year whose device did not go back to the stock
  before reaching the home (a device refused at the visit is not counted; one given back after
  its installation is);
- *installés* and *dont avec internet*: installations of that year, and those where the
  internet worked (``Assignment.with_internet``), a device given back later included.

Years are the association's calendar (Europe/Paris), like every date the users see.

Who reads what: the installing association reads its own trainees' and installations' counts;
a collecting association reads the devices it gave (by the device's owner: ``given_by``), not
the trainees; admins and Grand Chambéry's coordinators read every association. Anonymised
trainees keep the columns these counts read, so the counts stay the same after anonymisation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from inventory.figures import YearFigures, yearly_figures
from inventory.figures import total as inventory_total
from inventory.parties import OrganisationKind
from inventory.scope import Scope
from inventory.tables import Organisation
from logistics import clock
from logistics.settings import get_settings
from logistics.trainees.eligibility import Outcome, courses_in, decide, is_finished
from logistics.trainees.tables import InternetAccess, Trainee
from logistics.visits.tables import Assignment, AssignmentState


@dataclass
class HomeFigures:
    """One association's end of the journey in a year (see the module for each count)."""

    organisation: str
    organisation_id: int | None = None
    enrolled: int = 0
    trained: int = 0
    eligible: int = 0
    no_internet: int = 0
    given: int = 0
    installed: int = 0
    with_internet: int = 0

    def add(self, other: HomeFigures) -> None:
        """Add another association's year into this one (the total line)."""
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


COUNTS = ("enrolled", "trained", "eligible", "no_internet", "given", "installed", "with_internet")
"""The names of the counts, in the order of the page."""


def total(figures: list[HomeFigures]) -> HomeFigures:
    together = HomeFigures("Total")
    for one in figures:
        together.add(one)
    return together


async def installing_associations(scope: Scope) -> dict[int, str]:
    """The installing associations whose trainees the reader may count: their own, or every
    one for the readers of every association (admins, coordinators); none for the others."""
    query = Organisation.select(Organisation.id, Organisation.name).where(
        Organisation.kind == OrganisationKind.INSTALLING
    )
    if scope.readable is not None:
        query = query.where(Organisation.id == scope.organisation_id)
    rows = await query.order_by(Organisation.name)
    return {row["id"]: row["name"] for row in rows}


def _in_year(at: Any, year: int) -> bool:
    return at is not None and clock.today(at).year == year


def _count_devices(figures: HomeFigures, row: dict[str, Any], year: int) -> None:
    """Add one attribution's contract and installation to ``figures`` when they fall in ``year``."""
    if _in_year(row["assigned_at"], year) and row["state"] != AssignmentState.RELEASED:
        figures.given += 1
    if _in_year(row["installed_at"], year):
        figures.installed += 1
        figures.with_internet += bool(row["with_internet"])


_DEVICE_COLUMNS = (
    Assignment.state,
    Assignment.assigned_at,
    Assignment.installed_at,
    Assignment.with_internet,
)


async def trainee_figures(scope: Scope, year: int, today: date) -> list[HomeFigures]:
    """The year of each installing association the reader may count, by name."""
    associations = await installing_associations(scope)
    figures = {id_: HomeFigures(name, id_) for id_, name in associations.items()}
    ids = list(figures)
    if not ids:
        return []
    minimum = get_settings().eligibility_min_modules
    courses = await courses_in(ids)
    trainees = await Trainee.select(
        Trainee.id, Trainee.organisation, Trainee.internet_at_home
    ).where(Trainee.organisation.is_in(ids))
    for trainee in trainees:
        line, own = figures[trainee["organisation"]], courses.get(trainee["id"], [])
        ended = [c for c in own if c.ends_on.year == year and is_finished(c, today)]
        line.enrolled += len(ended)
        line.trained += any(c.left_on is None for c in ended)
        decision = decide(own, InternetAccess(trainee["internet_at_home"]), today, minimum)
        if decision.eligible and decision.course and decision.course.ends_on.year == year:
            line.eligible += 1
            line.no_internet += decision.outcome is Outcome.NO_INTERNET
    rows = await Assignment.select(Assignment.organisation, *_DEVICE_COLUMNS).where(
        Assignment.organisation.is_in(ids)
    )
    for row in rows:
        _count_devices(figures[row["organisation"]], row, year)
    return list(figures.values())


async def given_by(owner_ids: list[int], year: int) -> dict[int, HomeFigures]:
    """The devices each collecting association (``owner_ids``, read through the reader's scope
    beforehand) gave to trainees in ``year``: attributed, installed, with the internet."""
    figures = {id_: HomeFigures("", id_) for id_ in owner_ids}
    if not owner_ids:
        return figures
    owner = Assignment.device.organisation.as_alias("owner")
    rows = await Assignment.select(owner, *_DEVICE_COLUMNS).where(
        Assignment.device.organisation.is_in(owner_ids)
    )
    for row in rows:
        _count_devices(figures[row["owner"]], row, year)
    return figures


@dataclass(frozen=True)
class CollectingLine:
    """A collecting association's year: what it collected and gave away (``stock``, from the
    inventory), and the devices of its stock given to trainees (``homes``)."""

    stock: YearFigures
    homes: HomeFigures


@dataclass(frozen=True)
class YearReport:
    """The year's figures as the reader may see them: one line per collecting association and
    one per installing association, each table with its total when it has several lines."""

    year: int
    collecting: list[CollectingLine]
    installing: list[HomeFigures]

    @property
    def collecting_lines(self) -> list[CollectingLine]:
        if len(self.collecting) < 2:
            return self.collecting
        stock = inventory_total([line.stock for line in self.collecting])
        return [*self.collecting, CollectingLine(stock, total([c.homes for c in self.collecting]))]

    @property
    def installing_lines(self) -> list[HomeFigures]:
        return (
            [*self.installing, total(self.installing)]
            if len(self.installing) > 1
            else self.installing
        )

    @property
    def collecting_total(self) -> YearFigures:
        """Every collecting association together (the figures per category read it)."""
        return inventory_total([line.stock for line in self.collecting])


async def year_report(scope: Scope, year: int, today: date) -> YearReport:
    """The figures of ``year`` in the reader's scope (``Invalid`` for a year not covered)."""
    stock = await yearly_figures(scope, year, today)
    homes = await given_by([line.organisation_id for line in stock if line.organisation_id], year)
    collecting = [
        CollectingLine(line, homes.get(line.organisation_id or -1, HomeFigures("")))
        for line in stock
    ]
    return YearReport(year, collecting, await trainee_figures(scope, year, today))
