"""The year's figures: a manager reads their association's, Grand Chambéry every association's
with the total, as a page and as a CSV a French spreadsheet opens."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from litestar.testing import TestClient

from inventory.figures import yearly_figures
from inventory.parties import OrganisationKind
from inventory.scope import Scope
from inventory.services.devices import move_device
from inventory.states import DeviceOrigin
from inventory.tables import Device, Organisation
from logistics.accounts.roles import Role
from logistics.http.pages.figures import as_csv
from logistics.trainees.figures import year_report
from tests.factories import login, make_organisation, make_user, run
from tests.factories_certificates import (
    circumstances,
    hand_to_reconditioner,
    make_collection,
    make_world,
    now,
    operator_scope,
)

YEAR = 2026  # the factories hand the lot over on 20 March 2026
INSTALLED_AT = datetime(YEAR, 6, 15, 10, tzinfo=UTC)


def _device(association: int, origin: DeviceOrigin, received_on: date) -> int:
    return run(
        Device.insert(
            Device(
                organisation=association,
                origin=origin,
                category="laptop",
                received_on=received_on,
                state_changed_at=now(),
                created_at=now(),
            )
        ).returning(Device.id)
    )[0]["id"]


def _install(scope: Scope, device: int) -> None:
    """From the stock to a trainee's home, move by move, as installers record it."""
    for state in ("in_stock", "reserved", "assigned", "installed"):
        run(move_device(scope, device, state, circumstances(INSTALLED_AT)))


def _two_associations() -> tuple[int, int]:
    regie = make_world("RP")
    make_collection(regie, on=date(YEAR, 3, 2))
    make_collection(regie, on=date(YEAR, 9, 14))
    make_collection(regie, on=date(YEAR - 1, 11, 5))  # another year
    make_collection(regie, on=date(YEAR, 10, 1), closed=False)  # not signed yet
    hand_to_reconditioner(regie, ["SN-A1"])
    returned = _device(regie.association, DeviceOrigin.RETURNED_BY_TRIRA, date(YEAR, 4, 1))
    _install(regie.scope, returned)
    _device(regie.association, DeviceOrigin.PURCHASED, date(YEAR, 5, 1))
    other = make_world("CP")
    make_collection(other, on=date(YEAR, 6, 1))
    return regie.association, other.association


def test_the_year_adds_up_closed_collections_lots_and_devices(client: TestClient) -> None:
    _two_associations()

    every = run(yearly_figures(operator_scope(), YEAR, date(YEAR, 12, 1)))

    figures = {f.organisation: f for f in every}

    year = figures["Régie Plus"]
    assert (year.collections, year.donors) == (2, 1)
    # two collections of: a laptop, a desktop, a screen and 12 keyboard-mouse sets
    assert year.total_units == 30 and year.computers_collected == 4
    assert year.total_kg == round(2 * (2.2 + 6.5 + 4.0 + 6.0), 1)
    assert (year.lots_handed_over, year.devices_returned, year.devices_purchased) == (1, 1, 1)
    assert year.devices_installed == 1
    assert figures["Régie CP"].collections == 1


def test_a_manager_reads_their_association_and_the_coordinator_every_one(
    client: TestClient,
) -> None:
    regie, _ = _two_associations()
    make_user("claire.martin", Role.MANAGER, regie)
    coordination = make_organisation("GC", OrganisationKind.COORDINATING, name="Grand Chambéry")
    make_user("sophie.girard", Role.COORDINATOR, coordination)

    login(client, "claire.martin")
    page = client.get("/chiffres/", params={"annee": YEAR}).text
    assert "Régie Plus" in page and "Régie CP" not in page and "Total" not in page

    client.cookies.clear()
    login(client, "sophie.girard")
    page = client.get("/chiffres/", params={"annee": YEAR})
    assert page.status_code == 200 and "Régie CP" in page.text and "Total" in page.text
    exported = client.get("/chiffres/export.csv", params={"annee": YEAR})
    assert exported.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Association", "Collectes", "Donateurs"]
    assert [row[:2] for row in rows[1:]] == [["Régie CP", "1"], ["Régie Plus", "2"], ["Total", "3"]]
    assert client.get("/chiffres/", params={"annee": 1999}).status_code == 422


def test_agents_do_not_read_the_figures(client: TestClient) -> None:
    regie, _ = _two_associations()
    make_user("karim.benali", Role.AGENT, regie)
    login(client, "karim.benali")

    assert client.get("/chiffres/").status_code == 403


def test_the_csv_writes_decimal_commas_and_leaves_names_as_they_are(client: TestClient) -> None:
    regie, _ = _two_associations()
    renamed = Organisation.update({Organisation.name: "Régie Plus S.A.S."})
    run(renamed.where(Organisation.id == regie))
    report = run(year_report(operator_scope(), YEAR, date(YEAR, 12, 1)))

    exported = as_csv(report).decode("utf-8-sig")

    rows = list(csv.reader(io.StringIO(exported), delimiter=";"))

    weight = rows[0].index("Poids collecté (kg)")
    regie_row = next(row for row in rows if row[0].startswith("Régie Plus"))
    assert regie_row[0] == "Régie Plus S.A.S."
    assert regie_row[weight] == "37,4"
