"""Every page of every role, on the demo data, passes axe-core's WCAG 2.2 AA audit on a 360-px
touch phone and on a 1280-px screen, and no page is wider than the phone.

The pages come from the app's routes: every HTML page with no path parameter that the role's
guard lets through, plus one page of each kind of record (a donor, a collection, an item, a
lot, a round…) for the routes that take an id; a new page is audited without touching this
file, and a new kind of record page fails ``test_every_record_page_has_a_sample`` until it
has one. One browser and the demo data serve the whole module. The markup does not depend on
the database engine, so the audit runs in the SQLite pass of CI only (it is the longest module).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from litestar import Litestar
from playwright.sync_api import Browser, Page

from inventory.certificates.tables import Certificate
from inventory.states import DeviceOrigin, PickupStatus
from inventory.tables import Collection, Device, Donor, Item, Lot, Organisation, PickupRequest
from logistics import clock
from logistics.accounts.roles import Role
from logistics.accounts.tables import UserAccount
from logistics.demo import DEMO_PASSWORD, demo_donor_link, load_demo
from logistics.http.app import create_app
from logistics.http.pages.field import OTHER_DAY
from logistics.rounds.tables import PlannedRound
from logistics.trainees.tables import CycleSession, Trainee
from logistics.visits.tables import Assignment, AssignmentState, Visit
from tests.conftest import empty_database
from tests.e2e.audit import (
    DESKTOP,
    PHONE,
    PHONE_WIDTH,
    Violation,
    axe_violations,
    content_of,
    page_width,
    pages_by_role,
    readable,
    route_roles,
)
from tests.e2e.conftest import sign_in
from tests.factories import run
from tests.factories_field import publish_round_today
from tests.factories_rounds import make_planning_job
from tests.factories_trainees import Ble, make_ticket, make_trainee, make_visit

pytestmark = [pytest.mark.e2e, pytest.mark.sqlite_only]

DEMO_USERS = {
    Role.ADMIN: "admin",
    Role.COORDINATOR: "coordination",
    Role.MANAGER: "claire.martin",
    Role.AGENT: "karim.benali",
    Role.INSTALLER: "nadia.blanc",
    Role.RECONDITIONER: "thomas.perrin",
}
VIEWPORTS = {"téléphone": PHONE, "écran": DESKTOP}


@dataclass(frozen=True)
class Site:
    app: Litestar
    samples: dict[str, list[str]] = field(repr=False)
    """route template → the pages of demo records it serves (search: a few queries)."""
    audited: set[tuple[str, str]] = field(default_factory=set, repr=False)

    def first_time(self, viewport: str, page: Page) -> bool:
        """Whether this content is new at this viewport. Roles share many pages (a manager's and
        an admin's lists are the same): each role's menu is audited on its first page, and a
        page's title and main content once per viewport, which halves the audit's time."""
        key = (viewport, content_of(page))
        if key in self.audited:
            return False
        self.audited.add(key)
        return True


def _first(query: object, column: str) -> object:
    row = run(query.first())  # type: ignore[attr-defined]
    assert row is not None, f"the demo has no {column}"
    return row[column]


def _demo_visit() -> int:
    """A visit of the demo (tomorrow's, once the demo has trainees), else one made here."""
    visit = run(Visit.select(Visit.id).order_by(Visit.id).first())
    if visit is not None:
        return int(visit["id"])
    ble = _first(Organisation.select(Organisation.id).where(Organisation.code == "BLE"), "id")
    nadia = _first(
        UserAccount.select(UserAccount.id).where(UserAccount.username == "nadia.blanc"), "id"
    )
    trainee = make_trainee(int(ble))  # type: ignore[call-overload]
    tomorrow = clock.today() + timedelta(days=1)
    return make_visit(Ble(int(ble), [int(nadia)]), trainee, tomorrow)  # type: ignore[call-overload]


def _samples() -> dict[str, list[str]]:
    """One page per kind of record of the demo, plus today's round of Régie Plus."""
    regie = _first(Organisation.select(Organisation.id).where(Organisation.code == "RP"), "id")
    requests = run(
        PickupRequest.select(PickupRequest.id, PickupRequest.donor)
        .where(
            PickupRequest.organisation == regie,
            PickupRequest.status == PickupStatus.REQUESTED,
        )
        .order_by(PickupRequest.id)
        .limit(2)
    )
    publish_round_today(regie, [(r["donor"], r["id"]) for r in requests])  # type: ignore[arg-type]
    planned = run(PlannedRound.select(PlannedRound.id, PlannedRound.plan).first())
    donor = _first(Donor.select(Donor.id).where(Donor.organisation == regie), "id")
    collection = _first(Collection.select(Collection.id).order_by(Collection.id), "id")
    tag = _first(Item.select(Item.tag).where(Item.tag.is_not_null()), "tag")
    quantity_line = _first(Item.select(Item.id).where(Item.tag.is_null()), "id")
    karim = _first(
        UserAccount.select(UserAccount.id).where(UserAccount.username == "karim.benali"), "id"
    )
    number = _first(Certificate.select(Certificate.number), "number")
    link = run(demo_donor_link()).address
    returned = _first(
        Device.select(Device.id).where(Device.origin == DeviceOrigin.RETURNED_BY_TRIRA), "id"
    )
    ble = _first(Organisation.select(Organisation.id).where(Organisation.code == "BLE"), "id")
    nadia = _first(
        UserAccount.select(UserAccount.id).where(UserAccount.username == "nadia.blanc"), "id"
    )
    today = datetime.now(ZoneInfo("Europe/Paris")).date()
    visit = make_visit(Ble(ble, [nadia]), make_trainee(ble, "Audit"), today)  # type: ignore[arg-type]
    trainee = _first(Trainee.select(Trainee.id).order_by(Trainee.id), "id")
    # A trainee without a computer yet: the file offers the stock to reserve from.
    waiting = _first(Trainee.select(Trainee.id).where(Trainee.last_name == "Vial"), "id")
    signed = _first(Assignment.select(Assignment.id).where(Assignment.contract_signer != ""), "id")
    reserved = _first(
        Assignment.select(Assignment.id).where(Assignment.state == AssignmentState.RESERVED),
        "id",
    )
    session = run(CycleSession.select(CycleSession.id, CycleSession.cycle).first())
    assert session is not None, "the demo has no training session"
    job = make_planning_job(regie, clock.now())  # type: ignore[arg-type]
    return {
        "/tournees/calculs/{job_id:int}": [f"/tournees/calculs/{job}"],
        "/beneficiaires/{trainee_id:int}": [
            f"/beneficiaires/{trainee}",
            f"/beneficiaires/{waiting}?autres=1",
        ],
        "/attributions/{assignment_id:int}": [
            f"/attributions/{signed}",
            f"/attributions/{reserved}",
        ],
        "/attributions/{assignment_id:int}/contrat": [
            f"/attributions/{reserved}/contrat",
            f"/attributions/{signed}/contrat",
        ],
        "/beneficiaires/{trainee_id:int}/modifier": [f"/beneficiaires/{trainee}/modifier"],
        "/cycles/{cycle_id:int}": [f"/cycles/{session['cycle']}"],
        "/cycles/{cycle_id:int}/modifier": [f"/cycles/{session['cycle']}/modifier"],
        "/cycles/{cycle_id:int}/seances/{session_id:int}": [
            f"/cycles/{session['cycle']}/seances/{session['id']}"
        ],
        "/recherche": ["/recherche?q=zzzz", "/recherche?q=mairie"],
        "/terrain": ["/terrain#depot"],
        "/visites/terrain": [f"/visites/terrain#visite/{visit}"],
        OTHER_DAY: [f"{OTHER_DAY}?jour={clock.today() + timedelta(days=1)}"],
        "/comptes/{user_id:int}/fiche": [f"/comptes/{karim}/fiche"],
        "/donateurs/{donor_id:int}": [f"/donateurs/{donor}"],
        "/donateurs/{donor_id:int}/modifier": [f"/donateurs/{donor}/modifier"],
        "/donateurs/{donor_id:int}/acces": [f"/donateurs/{donor}/acces"],
        "/enlevements/{pickup_id:int}/modifier": [f"/enlevements/{requests[0]['id']}/modifier"],
        "/collectes/{collection_id:int}": [f"/collectes/{collection}"],
        "/objets/{ref:str}": [f"/objets/{tag}", f"/objets/{quantity_line}"],
        "/lots/{lot_id:int}": [f"/lots/{_first(Lot.select(Lot.id), 'id')}"],
        "/appareils/{device_id:int}": [f"/appareils/{returned}"],
        "/tournees/{plan_id:int}": [f"/tournees/{planned['plan']}"],
        "/tournees/{plan_id:int}/feuille/{round_id:int}": [
            f"/tournees/{planned['plan']}/feuille/{planned['id']}"
        ],
        "/verifier/{number:str}": [f"/verifier/{number}"],
        "/visites/{visit_id:int}": [f"/visites/{_demo_visit()}"],
        "/depannages/{ticket_id:int}": [f"/depannages/{make_ticket(ble, trainee)}"],  # type: ignore[arg-type]
        "/donateur/{token:str}": ["/donateur/" + link.rsplit("/", 1)[-1]],
    }


@pytest.fixture(scope="module")
def site(migrated_database: None) -> Iterator[Site]:
    run(load_demo())
    yield Site(create_app(), _samples())
    empty_database()


@pytest.fixture(autouse=True)
def _database(site: Site) -> None:
    """The demo data stays for the whole module (it is only read), emptied at its end."""


def _pages(site: Site, role: Role | None) -> list[tuple[str, set[int]]]:
    """The role's pages with the statuses they may answer: a demo record of another
    organisation answers 404 (the page people then meet, audited all the same), except to
    Régie Plus's manager, who owns them all."""
    listed = [(path, {200}) for path in pages_by_role(site.app).get(role, [])]
    record = {200} if role is Role.MANAGER else {200, 404}
    samples = [
        (page, record)
        for route, pages in site.samples.items()
        if role in route_roles(site.app, route)
        for page in pages
    ]
    return [*listed, *samples]


def _sign_in(page: Page, username: str) -> None:
    sign_in(page, username, DEMO_PASSWORD)
    page.wait_for_url(lambda url: "/connexion" not in url)


def _open(page: Page, path: str, statuses: set[int]) -> None:
    response = page.goto(path)
    assert response is not None and response.status in statuses, (
        f"{path}: {response and response.status} {page.inner_text('main')[:300]}"
    )
    if path.startswith(("/terrain", "/visites/terrain")):
        page.wait_for_selector("body[data-ready]")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("role", [*DEMO_USERS, None], ids=lambda r: r.value if r else "visiteur")
def test_every_page_of_the_role_passes_the_audit(
    browser: Browser, live_server: str, site: Site, role: Role | None, viewport: str
) -> None:
    context = browser.new_context(base_url=live_server, locale="fr-FR", **VIEWPORTS[viewport])
    page = context.new_page()
    who = f"{role.value if role else 'visiteur'} ({viewport})"
    if role is not None:
        _sign_in(page, DEMO_USERS[role])
    violations: list[Violation] = []
    too_wide: list[str] = []
    for index, (path, statuses) in enumerate(_pages(site, role)):
        _open(page, path, statuses)
        if site.first_time(viewport, page) or index == 0:  # the first: the role's menu
            violations += axe_violations(page, who)
        if viewport == "téléphone" and (width := page_width(page)) > PHONE_WIDTH:
            too_wide.append(f"{who} {path}: {width} px wide")
    context.close()
    assert not violations, (
        f"{len(violations)} serious or critical violations:\n{readable(violations)}"
    )
    assert not too_wide, f"pages wider than the phone:\n{readable(too_wide)}"


def test_every_record_page_has_a_sample(site: Site) -> None:
    """A page taking an id needs a record of the demo to be audited."""
    pages = {
        route.path
        for route in site.app.routes
        if route.path_parameters and not route.path.startswith(("/api", "/static"))
        for handler in getattr(route, "route_handlers", [])
        if "GET" in handler.http_methods
        and "Template" in str(handler.parsed_fn_signature.return_type.annotation)
    }
    assert pages <= set(site.samples), f"no sample for {sorted(pages - set(site.samples))}"
