"""A visit's page and its API show the day-before call (who, when), the answer to the reminder
text (when), and, for a visit put off, the day the person proposed, offered for the next one."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from litestar.testing import TestClient

from inventory.history import Circumstances
from logistics.visits import booking, calls, outcomes
from logistics.visits.tables import CallOutcome, VisitStatus
from tests.factories import login, run
from tests.factories_assignments import scope_of_user
from tests.factories_trainees import Ble, make_ble, make_trainee, make_visit

THURSDAY = date(2026, 12, 3)
CALLED = datetime(2026, 12, 2, 15, 10, tzinfo=UTC)  # 16:10 in Paris
REPLIED = datetime(2026, 12, 2, 17, 45, tzinfo=UTC)  # 18:45 in Paris


def _called_and_answered() -> tuple[int, int]:
    """Thursday's visit at Fatima's: Yanis rang her, she answered the text « OK »."""
    ble = make_ble()
    visit = make_visit(ble, make_trainee(ble.organisation), THURSDAY, time(14))
    yanis = scope_of_user(ble.installers[1])
    run(calls.record_call(yanis, visit, CallOutcome.REACHED, Circumstances(at=CALLED)))
    answered = run(calls.record_reply("+33612345678", "Ok merci", Circumstances(at=REPLIED)))
    assert answered is not None and answered[0] == visit
    return ble.installers[1], visit


def test_the_visit_page_shows_who_called_when_and_the_text_answer(client: TestClient) -> None:
    _, visit = _called_and_answered()
    login(client, "nadia.blanc")

    page = client.get(f"/visites/{visit}").text

    assert (
        "<strong>joint, c&#39;est confirmé</strong>, appel de Yanis Roux le 02/12/2026 16:10"
        in page
    )
    assert "<strong>a confirmé par SMS</strong> le 02/12/2026 18:45" in page
    assert "Réserver la nouvelle visite" not in page


def test_the_visit_api_gives_the_call_and_the_answer(client: TestClient) -> None:
    _, visit = _called_and_answered()
    login(client, "nadia.blanc")

    body = client.get(f"/api/v1/visits/{visit}").json()

    assert (body["call_outcome"], body["call_outcome_label"]) == (
        "reached",
        "joint, c'est confirmé",
    )
    assert body["called_by_name"] == "Yanis Roux"
    assert body["called_at"].startswith("2026-12-02T15:10")
    assert (body["reply"], body["reply_label"]) == ("confirmed", "a confirmé par SMS")
    assert body["reply_at"].startswith("2026-12-02T17:45")
    assert body["proposed_day"] is None
    listed = client.get("/api/v1/visits", params={"date": THURSDAY.isoformat()}).json()
    assert [v["called_by_name"] for v in listed] == ["Yanis Roux"]


def test_moving_the_visit_forgets_the_call_of_the_old_date(client: TestClient) -> None:
    yanis, visit = _called_and_answered()
    change = booking.Change(day=date(2026, 12, 8))
    run(booking.move(scope_of_user(yanis), visit, change, Circumstances(at=REPLIED)))
    login(client, "nadia.blanc")

    body = client.get(f"/api/v1/visits/{visit}").json()

    assert (body["call_outcome"], body["called_by_name"], body["reply"]) == (None, "", None)


def _record(ble: Ble, visit: int, outcome: VisitStatus, notes: str) -> None:
    """Nadia records ``outcome`` on Thursday morning; the person proposes the 10th."""
    at = Circumstances(at=datetime(2026, 12, 3, 9, 30, tzinfo=UTC))
    nadia = scope_of_user(ble.installers[0])
    proposed = date(2026, 12, 10)
    run(outcomes.record_outcome(nadia, visit, outcome, notes, at, proposed_day=proposed))


def test_a_visit_put_off_keeps_the_proposed_day_and_offers_it_for_the_next(
    client: TestClient,
) -> None:
    ble = make_ble()
    fatima = make_trainee(ble.organisation)
    visit = make_visit(ble, fatima, THURSDAY)
    _record(ble, visit, VisitStatus.RESCHEDULED, "le matin")
    login(client, "nadia.blanc")

    page = client.get(f"/visites/{visit}").text
    assert "Date proposée par la personne</dt><dd>Jeudi 10 décembre 2026" in page
    assert "(noté par Nadia Blanc le 03/12/2026 10:30)" in page
    offer = (
        f'href="/visites/nouvelle?beneficiaire={fatima}&amp;installateur={ble.installers[0]}'
        '&amp;date=2026-12-10"'
    )
    assert offer in page
    assert client.get(f"/api/v1/visits/{visit}").json()["proposed_day"] == "2026-12-10"

    form = client.get(f"/visites/nouvelle?beneficiaire={fatima}").text
    assert 'name="day" type="date" min="2026-12-01" value="2026-12-10"' in form
    assert "Date proposée par la personne quand la visite précédente a été reportée" in form
    other = make_trainee(ble.organisation, "Martin")
    assert 'value="2026-12-01"' in client.get(f"/visites/nouvelle?beneficiaire={other}").text


def test_an_outcome_other_than_put_off_keeps_no_proposed_day(client: TestClient) -> None:
    ble = make_ble()
    visit = make_visit(ble, make_trainee(ble.organisation), THURSDAY)
    _record(ble, visit, VisitStatus.ABSENT, "")
    login(client, "nadia.blanc")

    assert client.get(f"/api/v1/visits/{visit}").json()["proposed_day"] is None
