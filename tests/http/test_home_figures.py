"""/chiffres counts BLÉ's part: its staff read their trainees' and installations' counts, the
collecting association the devices it gave, Grand Chambéry both; never a person's name."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from litestar.testing import TestClient

from inventory.parties import OrganisationKind
from logistics import clock
from logistics.accounts.roles import Role
from logistics.trainees.tables import InternetAccess
from logistics.visits import assignments
from tests.factories import login, make_organisation, make_user, run
from tests.factories_assignments import SIGNATURE, scope_of_user, when
from tests.factories_trainees import make_ble, make_cycle, make_device, make_trainee

TODAY = datetime(2026, 12, 4, 10, tzinfo=UTC)


def _year() -> None:
    """Régie Plus gave one laptop, installed with the internet at Fatima's; Samir, eligible,
    has no internet; Lucie came to 6 sessions of 11."""
    regie = make_organisation("RP", name="Régie Plus")
    make_user("claire.martin", Role.MANAGER, regie)
    coordination = make_organisation("GC", OrganisationKind.COORDINATING, name="Grand Chambéry")
    make_user("sophie.girard", Role.COORDINATOR, coordination)
    ble = make_ble()
    fatima = make_trainee(ble.organisation, "Durand", first_name="Fatima")
    samir = make_trainee(
        ble.organisation, "Haddad", first_name="Samir", internet_at_home=InternetAccess.NONE
    )
    lucie = make_trainee(ble.organisation, "Morel", first_name="Lucie")
    make_cycle(ble.organisation, {fatima: 11, samir: 9, lucie: 6})
    scope = scope_of_user(ble.installers[0])
    reserved = run(assignments.reserve(scope, fatima, make_device(regie), when()))
    run(assignments.sign_contract(scope, reserved.id, "Fatima Durand", SIGNATURE, when()))
    run(assignments.install(scope, reserved.id, True, when()))


def _read_as(client: TestClient, username: str) -> tuple[str, list[list[str]]]:
    """The page of 2026 and its CSV's rows, as ``username`` reads them early in December."""
    _year()
    login(client, username)
    with clock.frozen(TODAY):
        page = client.get("/chiffres/", params={"annee": 2026})
        exported = client.get("/chiffres/export.csv", params={"annee": 2026})
    assert page.status_code == exported.status_code == 200
    text = exported.content.decode("utf-8-sig")
    return page.text, list(csv.reader(io.StringIO(text), delimiter=";"))


def test_ble_staff_read_their_year_in_counts_only(client: TestClient) -> None:
    page, rows = _read_as(client, "nadia.blanc")

    assert "Formation et installation à domicile" in page
    assert "Collecte et dons" not in page
    for personal in ("Durand", "Haddad", "Morel", "Fatima", "06 12 34 56 78"):
        assert personal not in page
    assert rows == [
        [
            "Association",
            "Inscrits",
            "Formés",
            "Éligibles",
            "Éligibles sans internet (non installés)",
            "Ordinateurs attribués",
            "Ordinateurs installés",
            "Installés avec internet",
        ],
        ["BLÉ", "3", "3", "2", "1", "1", "1", "1"],
    ]


def test_the_collecting_manager_reads_the_devices_it_gave_not_the_trainees(
    client: TestClient,
) -> None:
    page, rows = _read_as(client, "claire.martin")

    assert "Formation et installation à domicile" not in page and "Inscrits" not in page
    header, regie = rows[0], rows[1]
    assert len(rows) == 2 and regie[0] == "Régie Plus"
    assert regie[header.index("Attribués à des bénéficiaires")] == "1"
    assert regie[header.index("Appareils installés")] == "1"
    assert regie[header.index("Installés avec internet")] == "1"


def test_grand_chambery_reads_both_tables(client: TestClient) -> None:
    page, rows = _read_as(client, "sophie.girard")

    assert "Collecte et dons" in page and "Formation et installation à domicile" in page
    assert "Durand" not in page
    blank = rows.index([])
    assert rows[0][0] == "Association" and rows[1][0] == "Régie Plus"
    assert rows[blank + 1][1] == "Inscrits" and rows[blank + 2] == [
        "BLÉ",
        "3",
        "3",
        "2",
        "1",
        "1",
        "1",
        "1",
    ]


def test_agents_and_reconditioners_still_do_not_read_the_figures(client: TestClient) -> None:
    _year()
    trira = make_organisation("TR", OrganisationKind.RECONDITIONER, name="TRIRA")
    make_user("leo.faure", Role.RECONDITIONER, trira)
    login(client, "leo.faure")

    assert client.get("/chiffres/").status_code == 403
