"""The installers' visits through the phones' inbox: outcomes sent from the phone, replays, refusals
in French, and who may send them; the day's visits the phone loads."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from litestar.testing import TestClient

from inventory.parties import OrganisationKind
from inventory.tables import Device, Event
from logistics.accounts.roles import Role
from logistics.visits import assignments
from logistics.visits.booking import SUBJECT
from logistics.visits.tables import Assignment, Visit
from tests.factories import bearer, make_organisation, make_user, run
from tests.factories_assignments import SIGNATURE, scope_of_user, when
from tests.factories_field import AGENT, new_id, open_entry, sync_applied
from tests.factories_journey import PARIS
from tests.factories_trainees import (
    Ble,
    make_ble,
    make_device,
    make_eligible,
    make_trainee,
    make_visit,
)

INSTALLER = "nadia.blanc"


def _today_visits() -> tuple[Ble, list[int]]:
    """BLÉ, and two of Nadia's visits today (the later window booked first)."""
    ble = make_ble()
    today = datetime.now(PARIS).date()
    later = make_visit(
        ble, make_trainee(ble.organisation, "Martin", first_name="Jeanne"), today, time(14)
    )
    sooner = make_visit(ble, make_trainee(ble.organisation), today, time(9))
    return ble, [sooner, later]


def outcome_entry(visit_id: int, outcome: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": new_id(),
        "kind": "visit_outcome",
        "visit_id": visit_id,
        "outcome": outcome,
        **extra,
    }


def _visit(visit_id: int) -> dict[str, Any]:
    row = run(Visit.select().where(Visit.id == visit_id).first())
    assert row is not None
    return row


def _events(visit_id: int) -> list[dict[str, Any]]:
    return run(Event.select().where(Event.subject_kind == SUBJECT, Event.subject_id == visit_id))


def test_two_outcomes_sent_three_times_are_recorded_once(client: TestClient) -> None:
    ble, (first, second) = _today_visits()
    headers = bearer(client, INSTALLER)
    batch = [
        outcome_entry(first, "absent", notes="Personne au 3e, volets fermés"),
        outcome_entry(second, "rescheduled", proposed_day="2026-12-10"),
    ]

    answers = [sync_applied(client, headers, batch) for _ in range(3)]

    assert answers[0]["accepted"] == 2 and answers[0]["refused"] == 0
    assert answers[0]["results"] == answers[1]["results"] == answers[2]["results"]
    assert [r["record_id"] for r in answers[0]["results"]] == [first, second]
    absent, moved = _visit(first), _visit(second)
    assert (absent["status"], absent["outcome_notes"]) == (
        "absent",
        "Personne au 3e, volets fermés",
    )
    assert absent["outcome_by"] == ble.installers[0] and absent["outcome_at"] is not None
    assert moved["status"] == "rescheduled"
    assert moved["outcome_notes"] == "Date proposée : jeudi 10 décembre 2026."
    assert moved["proposed_day"] == date(2026, 12, 10)
    assert [(e["from_state"], e["to_state"]) for e in _events(first)] == [("booked", "absent")]
    assert len(_events(second)) == 1


def test_the_same_outcome_from_a_second_entry_changes_nothing(client: TestClient) -> None:
    _, (first, _) = _today_visits()
    headers = bearer(client, INSTALLER)
    sync_applied(client, headers, [outcome_entry(first, "refused", notes="A déjà un ordinateur")])
    before = _visit(first)

    again = sync_applied(client, headers, [outcome_entry(first, "refused", notes="autre mot")])

    assert again["results"][0]["status"] == "accepted"
    assert _visit(first) == before
    assert len(_events(first)) == 1


def test_an_absent_person_seen_later_the_same_day_takes_another_outcome(
    client: TestClient,
) -> None:
    _, (first, _) = _today_visits()
    headers = bearer(client, INSTALLER)

    sync_applied(client, headers, [outcome_entry(first, "absent")])
    later = sync_applied(
        client, headers, [outcome_entry(first, "rescheduled", notes="Rappeler lundi")]
    )

    assert later["accepted"] == 1 and _visit(first)["status"] == "rescheduled"
    assert [e["to_state"] for e in _events(first)] == ["absent", "rescheduled"]


def test_refused_outcomes_come_back_with_their_french_reason(client: TestClient) -> None:
    _, (first, second) = _today_visits()
    alt = make_organisation("ALT", OrganisationKind.INSTALLING, "Autre association")
    other = Ble(alt, [make_user("paul.autre", Role.INSTALLER, alt)])
    elsewhere = make_visit(other, make_trainee(other.organisation), datetime.now(PARIS).date())
    headers = bearer(client, INSTALLER)
    sync_applied(client, headers, [outcome_entry(second, "refused")])

    results = sync_applied(
        client,
        headers,
        [
            outcome_entry(first, "parti"),
            outcome_entry(first, "rescheduled"),
            outcome_entry(elsewhere, "absent"),
            outcome_entry(second, "absent"),
            outcome_entry(first, "installed"),
        ],
    )["results"]

    reasons = [r["reason"] for r in results]
    assert [r["status"] for r in results] == ["refused"] * 5
    assert reasons[0] == "Résultat de visite inconnu : « parti »."
    assert "notez la date proposée ou un mot" in reasons[1]
    assert reasons[2] == "Visite introuvable."
    assert "déjà notée « refusée »" in reasons[3]
    assert reasons[4].startswith("Aucun ordinateur n'est attribué à cette personne")
    assert _visit(first)["status"] == "booked" and _visit(elsewhere)["status"] == "booked"


def test_an_agent_cannot_send_a_visit_outcome_nor_an_installer_a_collection(
    client: TestClient,
) -> None:
    _, (first, _) = _today_visits()
    collecting = make_organisation("RP", name="Régie Plus")
    make_user(AGENT, Role.AGENT, collecting)

    by_agent = sync_applied(client, bearer(client, AGENT), [outcome_entry(first, "absent")])
    by_installer = sync_applied(client, bearer(client, INSTALLER), [open_entry(1)])

    assert by_agent["results"][0]["status"] == "refused"
    assert by_agent["results"][0]["reason"] == (
        "Votre rôle « Agent de collecte » ne permet pas de noter le résultat d'une visite."
    )
    assert by_installer["results"][0]["status"] == "refused"
    assert "ne permet pas de noter une collecte" in by_installer["results"][0]["reason"]
    assert _visit(first)["status"] == "booked" and not _events(first)


def test_the_phone_loads_the_installers_own_visits_in_the_order_of_the_windows(
    client: TestClient,
) -> None:
    ble, (sooner, later) = _today_visits()
    today = datetime.now(PARIS).date()
    make_visit(ble, make_trainee(ble.organisation, "Roux"), today, time(11), ble.installers[1])
    make_visit(ble, make_trainee(ble.organisation, "Blanc"), today + timedelta(days=1))

    day = client.get("/api/v1/terrain/visites", headers=bearer(client, INSTALLER)).json()

    assert [v["id"] for v in day["visits"]] == [sooner, later]
    first = day["visits"][0]
    assert first["first_name"] == "Fatima" and first["window"] == "09:00–11:00"
    assert first["address"] == "12 rue du Pré de l'Âne, 73000 Chambéry"
    assert first["phone"] == "06 12 34 56 78" and first["status_label"] == "prévue"
    assert "last_name" not in first


def test_the_visits_page_and_its_api_are_the_installers(client: TestClient) -> None:
    _today_visits()
    collecting = make_organisation("RP", name="Régie Plus")
    make_user(AGENT, Role.AGENT, collecting)
    agent = bearer(client, AGENT)

    assert client.get("/api/v1/terrain/visites", headers=agent).status_code == 403
    assert client.get("/visites/terrain", headers=agent).status_code == 403
    installer = bearer(client, INSTALLER)
    assert client.get("/visites/terrain", headers=installer).status_code == 200
    worker = client.get("/visites-sw.js").text
    assert '"/visites/terrain"' in worker and '"/static/visites/app.js"' in worker
    assert '"/static/terrain/store.js"' in worker


def _reserved_for(trainee: int, collecting: int, installer: int, reference: str) -> int:
    """A device of the collecting association's stock, reserved for ``trainee``."""
    device = make_device(collecting, reference=reference)
    make_eligible(trainee)
    run(assignments.reserve(scope_of_user(installer), trainee, device, when()))
    return device


def _device_events(device: int) -> list[dict[str, Any]]:
    return run(
        Event.select(Event.to_state)
        .where(Event.subject_kind == "device", Event.subject_id == device)
        .order_by(Event.id)
    )


def _state(device: int) -> str:
    row = run(Device.select(Device.state).where(Device.id == device).first())
    assert row is not None
    return str(row["state"])


def test_a_contract_signed_on_the_phone_installs_and_a_refusal_gives_back_once(
    client: TestClient,
) -> None:
    ble = make_ble()
    collecting = make_organisation("RP", name="Régie Plus")
    today = datetime.now(PARIS).date()
    fatima, jeanne = make_trainee(ble.organisation), make_trainee(ble.organisation, "Martin")
    installed_visit = make_visit(ble, fatima, today, time(9))
    refused_visit = make_visit(ble, jeanne, today, time(14))
    laptop = _reserved_for(fatima, collecting, ble.installers[0], "PC-001")
    other = _reserved_for(jeanne, collecting, ble.installers[0], "PC-002")
    before = len(_device_events(laptop)), len(_device_events(other))
    headers = bearer(client, INSTALLER)
    contract = {
        "id": new_id(),
        "kind": "sign_contract",
        "visit_id": installed_visit,
        "signatory_name": "Fatima Durand",
        "signature_path": SIGNATURE,
    }
    batch = [
        contract,
        outcome_entry(installed_visit, "installed", contract=contract["id"]),
        outcome_entry(refused_visit, "refused", notes="A déjà un ordinateur"),
    ]

    answers = [sync_applied(client, headers, batch) for _ in range(2)]
    told_again = [
        outcome_entry(installed_visit, "installed"),
        outcome_entry(refused_visit, "refused"),
    ]
    again = sync_applied(client, headers, told_again)

    assert answers[0]["accepted"] == 3 and answers[0]["results"] == answers[1]["results"]
    assert again["accepted"] == 2
    assert (_state(laptop), _state(other)) == ("installed", "in_stock")
    assert [e["to_state"] for e in _device_events(laptop)[before[0] :]] == ["assigned", "installed"]
    assert [e["to_state"] for e in _device_events(other)[before[1] :]] == ["in_stock"]
    attribution = run(Assignment.select().where(Assignment.device == laptop).first())
    assert attribution is not None and attribution["with_internet"] is True
    assert attribution["contract_signer"] == "Fatima Durand"
    assert answers[0]["results"][0]["record_id"] == attribution["id"]
    given_back = run(Assignment.select().where(Assignment.device == other).first())
    assert given_back is not None and given_back["state"] == "released"
    assert given_back["release_reason"].endswith(": A déjà un ordinateur")
    assert len(_events(installed_visit)) == len(_events(refused_visit)) == 1


def test_an_installation_waits_for_its_refused_contract(client: TestClient) -> None:
    ble = make_ble()
    today = datetime.now(PARIS).date()
    fatima = make_trainee(ble.organisation)
    visit = make_visit(ble, fatima, today, time(9))
    laptop = _reserved_for(fatima, make_organisation("RP"), ble.installers[0], "PC-001")
    contract = {
        "id": new_id(),
        "kind": "sign_contract",
        "visit_id": visit,
        "signatory_name": " ",
        "signature_path": SIGNATURE,
    }
    batch = [contract, outcome_entry(visit, "installed", contract=contract["id"])]

    results = sync_applied(client, bearer(client, INSTALLER), batch)["results"]

    assert [r["status"] for r in results] == ["refused", "dependent"]
    assert results[0]["reason"] == "Indiquez le nom de la personne qui signe le contrat."
    assert _state(laptop) == "reserved" and _visit(visit)["status"] == "booked"
