"""Each staff member's private calendar: made on « Mon compte », read by a phone without a
login, holding only their own visits in Paris time, and dead once revoked or altered."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time

import pytest
from icalendar import Calendar
from litestar.testing import TestClient

from inventory.parties import OrganisationKind
from logistics import clock
from logistics.accounts.roles import Role
from logistics.settings import get_settings
from logistics.visits.tables import VisitStatus
from tests.factories import csrf_from, login, make_organisation, make_user
from tests.factories_trainees import make_ble, make_trainee, make_visit

PARIS = get_settings().timezone
NOW = datetime(2026, 3, 20, 10, 0, tzinfo=PARIS)
ADDRESS = re.compile(r'id="calendar-address" value="http://testserver\.local(/agenda/[^"]+)"')


@pytest.fixture(autouse=True)
def march() -> Iterator[None]:
    with clock.frozen(NOW):
        yield


def _new_address(client: TestClient) -> str:
    page = client.get("/mon-compte")
    response = client.post("/mon-compte/agenda", data={"_csrf_token": csrf_from(page.text)})
    assert response.status_code == 200, response.text
    match = ADDRESS.search(response.text)
    assert match, response.text
    return match.group(1)


def _visits() -> None:
    ble = make_ble()
    fatima = make_trainee(ble.organisation, "Durand", phone="06 12 34 56 78")
    omar = make_trainee(ble.organisation, "Haddad", first_name="Omar")
    # Before and after the clocks go forward (29 March 2026).
    make_visit(ble, fatima, date(2026, 3, 27), start=time(9))
    make_visit(ble, omar, date(2026, 3, 30), start=time(14))
    make_visit(ble, omar, date(2026, 3, 31), status=VisitStatus.CANCELLED)
    make_visit(ble, omar, date(2026, 4, 2), installer=ble.installers[1])


def test_a_staff_members_feed_lists_their_visits_in_paris_time_and_nothing_private(
    client: TestClient,
) -> None:
    _visits()
    login(client, "nadia.blanc")
    address = _new_address(client)
    client.cookies.clear()  # the phone's calendar has no session

    response = client.get(address)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = sorted(calendar.events, key=lambda e: e.start)
    assert [e["SUMMARY"] for e in events] == ["Installation – Fatima D.", "Installation – Omar H."]
    assert events[0].start.astimezone(UTC) == datetime(2026, 3, 27, 8, 0, tzinfo=UTC)  # CET
    assert events[1].start.astimezone(UTC) == datetime(2026, 3, 30, 12, 0, tzinfo=UTC)  # CEST
    assert events[1].end.astimezone(UTC) == datetime(2026, 3, 30, 14, 0, tzinfo=UTC)
    assert str(events[0]["LOCATION"]) == "12 rue du Pré de l'Âne 73000 Chambéry"
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Paris"]
    text = response.content.decode()
    assert "TZID=Europe/Paris" in text
    assert "06 12" not in text and "Durand" not in text and "+336" not in text


def test_a_new_address_replaces_the_old_and_a_revoked_or_altered_one_is_not_found(
    client: TestClient,
) -> None:
    _visits()
    login(client, "nadia.blanc")
    first = _new_address(client)
    second = _new_address(client)
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200

    token = second.removeprefix("/agenda/").removesuffix(".ics")
    secret, signed = token.rsplit(".", 1)
    flipped = ("0" if signed[0] != "0" else "1") + signed[1:]
    assert client.get(f"/agenda/{secret}.{flipped}.ics").status_code == 404
    assert client.get(f"/agenda/{secret}.ics").status_code == 404
    assert client.get(f"/agenda/{token}").status_code == 404

    page = client.get("/mon-compte")
    assert "Un lien est actif depuis le" in page.text
    revoked = client.post("/mon-compte/agenda/revoquer", data={"_csrf_token": csrf_from(page.text)})
    assert revoked.status_code == 200 and "Lien d&#39;agenda révoqué" in revoked.text
    assert client.get(second).status_code == 404
    assert "Vous n'avez pas de lien d'agenda." in client.get("/mon-compte").text


def test_only_those_who_visit_residents_get_a_calendar(client: TestClient) -> None:
    collecting = make_organisation("RP", OrganisationKind.COLLECTING, "Régie Plus")
    make_user("marc.gerant", Role.MANAGER, collecting)
    login(client, "marc.gerant")
    page = client.get("/mon-compte")
    assert page.status_code == 200 and "agenda" not in page.text.lower()
    refused = client.post("/mon-compte/agenda", data={"_csrf_token": csrf_from(page.text)})
    assert refused.status_code == 403
