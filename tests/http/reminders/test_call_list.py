"""« Appels de la veille »: BLÉ staff see tomorrow's calls per staff member and tick them;
nobody outside BLÉ sees them, nor the reminders in the outbox."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

import pytest
from litestar.testing import TestClient

from inventory.parties import OrganisationKind
from logistics import clock
from logistics.accounts.roles import Role
from logistics.settings import get_settings
from logistics.visits.reminders import remind_trainees
from logistics.visits.tables import Visit, VisitStatus
from tests.factories import csrf_from, login, make_organisation, make_user, run
from tests.factories_trainees import make_ble, make_trainee, make_visit

PARIS = get_settings().timezone
NOW = datetime(2026, 12, 2, 16, 30, tzinfo=PARIS)
TOMORROW = date(2026, 12, 3)


@pytest.fixture(autouse=True)
def afternoon_before() -> Iterator[None]:
    with clock.frozen(NOW):
        yield


def _day() -> dict[str, int]:
    ble = make_ble()
    amina = make_trainee(
        ble.organisation, "Benali", first_name="Amina", email="a@exemple.fr", consent_email=True
    )
    paul = make_trainee(ble.organisation, "Morel", first_name="Paul", phone="0611223344")
    lucie = make_trainee(ble.organisation, "Faure", first_name="Lucie")
    return {
        "amina": make_visit(ble, amina, TOMORROW, start=time(14)),
        "paul": make_visit(ble, paul, TOMORROW, start=time(9), installer=ble.installers[1]),
        "lucie": make_visit(ble, lucie, date(2026, 12, 4)),
        "cancelled": make_visit(ble, paul, TOMORROW, start=time(16), status=VisitStatus.CANCELLED),
    }


def test_staff_see_tomorrows_calls_their_own_first_and_tick_who_was_reached(
    client: TestClient,
) -> None:
    visits = _day()
    run(remind_trainees(NOW, texts_on=False))
    run(
        Visit.update({Visit.reply: "to_move", Visit.reply_at: NOW}).where(
            Visit.id == visits["paul"]
        )
    )
    login(client, "yanis.roux")
    page = client.get("/appels")
    assert page.status_code == 200
    text = page.text
    assert "jeudi 3 décembre 2026" in text
    assert text.index("Yanis Roux (vous)") < text.index("Nadia Blanc")
    assert "Paul Morel" in text and 'href="tel:+33611223344"' in text
    assert "demande par SMS à déplacer la visite" in text
    assert "Amina Benali" in text and "envoyé le 02/12/2026 16:30" in text
    assert "Lucie" not in text  # the day after
    assert text.count('<tr id="visite-') == 2  # not the cancelled visit

    response = client.post(
        f"/appels/{visits['amina']}",
        data={"outcome": "reached", "day": "2026-12-03", "_csrf_token": csrf_from(text)},
        follow_redirects=False,
    )
    assert response.status_code in (302, 303)
    assert (
        response.headers["location"]
        == f"/appels?jour=2026-12-03&fait=appel#visite-{visits['amina']}"
    )
    [row] = run(
        Visit.select(Visit.call_outcome, Visit.called_at).where(Visit.id == visits["amina"])
    )
    assert row["call_outcome"] == "reached" and row["called_at"] is not None
    after = client.get("/appels?jour=2026-12-03&fait=appel").text
    assert "Appel noté." in after and "joint, c&#39;est confirmé</strong>" in after


def test_a_call_outside_the_choices_or_on_a_cancelled_visit_is_refused(client: TestClient):
    visits = _day()
    login(client, "nadia.blanc")
    token = csrf_from(client.get("/appels").text)
    wrong = client.post(
        f"/appels/{visits['amina']}",
        data={"outcome": "maybe", "day": "2026-12-03", "_csrf_token": token},
    )
    assert wrong.status_code == 422
    cancelled = client.post(
        f"/appels/{visits['cancelled']}",
        data={"outcome": "reached", "day": "2026-12-03", "_csrf_token": token},
    )
    assert cancelled.status_code == 422
    assert run(Visit.count().where(Visit.call_outcome.is_not_null())) == 0


def test_nobody_outside_the_installing_association_sees_the_calls_or_the_reminders(
    client: TestClient,
) -> None:
    visits = _day()
    run(remind_trainees(NOW, texts_on=False))
    collecting = make_organisation("RP", OrganisationKind.COLLECTING, "Régie Plus")
    make_user("marc.gerant", Role.MANAGER, collecting)
    make_user("ali.agent", Role.AGENT, collecting)
    other_ble = make_organisation("AIDE", OrganisationKind.INSTALLING, "Autre association")
    make_user("eve.installe", Role.INSTALLER, other_ble)

    login(client, "marc.gerant")
    assert client.get("/appels").status_code == 403
    outbox = client.get("/courriels")
    assert outbox.status_code == 200 and "a@exemple.fr" not in outbox.text
    assert client.get("/api/v1/outbox").json() == []
    client.cookies.clear()

    login(client, "ali.agent")
    assert client.get("/appels").status_code == 403
    client.cookies.clear()

    login(client, "eve.installe")
    page = client.get("/appels?jour=2026-12-03")
    assert page.status_code == 200 and "Amina" not in page.text
    token = csrf_from(page.text)
    tick = client.post(
        f"/appels/{visits['amina']}",
        data={"outcome": "reached", "day": "2026-12-03", "_csrf_token": token},
    )
    assert tick.status_code == 404
    assert "a@exemple.fr" not in client.get("/courriels").text
    client.cookies.clear()

    login(client, "nadia.blanc")
    assert "a@exemple.fr" in client.get("/courriels").text
