"""Anonymisation past the retention period: the job picks exactly the trainees whose last
activity is older than RESIDENT_RETENTION_MONTHS, blanks every personal field (their file,
the addresses copied on visits, contracts, tickets, the messages sent to them), logs it, and
leaves the anonymous figures of every year exactly as they were."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from click.testing import CliRunner
from litestar.testing import TestClient

from inventory.categories import Category
from inventory.errors import Conflict
from inventory.parties import OrganisationKind
from inventory.tables import Event
from logistics import clock
from logistics.accounts.identity import OPERATOR_SCOPE
from logistics.accounts.roles import Role
from logistics.cli import main
from logistics.http.app import create_app
from logistics.mail.outbox import enqueue
from logistics.mail.tables import OutboxChannel, OutboxMessage
from logistics.privacy.anonymise import (
    anonymise_past_retention,
    anonymise_trainee,
    months_before,
    past_retention,
)
from logistics.scheduler import build_scheduler
from logistics.trainees import people
from logistics.trainees.eligibility import eligibilities
from logistics.trainees.tables import Enrolment, PersonalDataAccess, Trainee
from logistics.visits import tickets
from logistics.visits.reminders import reference
from logistics.visits.tables import Assignment, Ticket, Visit, VisitStatus
from logistics.visits.tickets import NewTicket, TicketChange
from tests.factories import bearer, login, make_organisation, make_user, run
from tests.factories_assignments import install_device, scope_of_user, when
from tests.factories_trainees import make_ble, make_cycle, make_device, make_trainee, make_visit

TODAY = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
CUTOFF = date(2023, 12, 1)  # 36 months before
PERSONAL = ("first_name", "last_name", "phone", "email", "address", "postcode", "city", "notes")


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10), tzinfo=UTC)


@pytest.fixture
def programme() -> dict[str, Any]:
    """Five trainees of BLÉ around the cut-off (36 months before 1 December 2026)."""
    collecting = make_organisation("RP", name="Régie Plus")
    make_user("claire.martin", Role.MANAGER, collecting)
    coordination = make_organisation("GC", OrganisationKind.COORDINATING, "Grand Chambéry")
    make_user("coordination", Role.COORDINATOR, coordination)
    ble = make_ble()
    installer = scope_of_user(ble.installers[0])
    old = make_trainee(
        ble.organisation,
        "Durand",
        first_name="Fatima",
        email="fatima@example.org",
        notes="Appeler sa fille",
        consent_sms=True,
        registered_at=_at(date(2022, 1, 10)),
    )
    make_cycle(ble.organisation, {old: 9}, ends_on=date(2022, 3, 1), name="Cycle 2022")
    install_device(
        installer, old, make_device(collecting, Category.LAPTOP, "PC-1"), _at(date(2022, 3, 20))
    )
    visit = make_visit(ble, old, date(2022, 3, 20), status=VisitStatus.INSTALLED)
    run(Visit.update({Visit.outcome_notes: "Installé chez sa fille"}).where(Visit.id == visit))
    run(
        enqueue(
            ble.organisation,
            "+33612345678",
            "Rappel",
            "Bonjour Fatima, rendez-vous demain au 12 rue du Pré de l'Âne.",
            _at(date(2022, 3, 19)),
            reference=reference(visit),
            channel=OutboxChannel.SMS,
            about_resident=True,
        )
    )
    run(
        enqueue(
            ble.organisation,
            "nadia@example.org",
            "Appels de la veille",
            "Demain :\n09 h – Fatima D., Chambéry\n11 h – Jean M., Cognin",
            _at(date(2022, 3, 19)),
            reference=f"appels-2022-03-20-{ble.installers[0]}",
            about_resident=True,
        )
    )
    opened = run(
        tickets.open_ticket(
            installer, NewTicket(old, "Mot de passe oublié"), when(_at(date(2022, 5, 1)))
        )
    )
    done = TicketChange(work_done="Réinitialisé avec elle", close=True)
    run(tickets.update_ticket(installer, opened["id"], done, when(_at(date(2022, 5, 2)))))
    just_past = make_trainee(
        ble.organisation, "Martin", first_name="Jean", registered_at=_at(date(2021, 5, 1))
    )
    make_visit(ble, just_past, date(2023, 11, 30), status=VisitStatus.ABSENT)
    on_the_day = make_trainee(
        ble.organisation, "Benali", first_name="Karim", registered_at=_at(date(2021, 5, 1))
    )
    make_visit(ble, on_the_day, date(2023, 12, 1), status=VisitStatus.REFUSED)
    came_back = make_trainee(
        ble.organisation, "Roux", first_name="Léa", registered_at=_at(date(2020, 1, 6))
    )
    run(tickets.open_ticket(installer, NewTicket(came_back, "Écran"), when(_at(date(2025, 6, 3)))))
    recent = make_trainee(ble.organisation, "Petit", first_name="Inès", neighbourhood="biollay")
    return {
        "installer": installer,
        "old": old,
        "just_past": just_past,
        "on_the_day": on_the_day,
        "came_back": came_back,
        "recent": recent,
        "visit": visit,
    }


def test_months_before_keeps_the_day_or_the_months_last() -> None:
    assert months_before(date(2026, 12, 1), 36) == CUTOFF
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_the_job_selects_exactly_the_trainees_past_the_retention(
    programme: dict[str, Any],
) -> None:
    due = run(past_retention(OPERATOR_SCOPE, TODAY.date(), 36))
    assert due == sorted([programme["old"], programme["just_past"]])
    # Four years: only Fatima's last activity (her ticket closed in May 2022) is past; five:
    # nobody, although Jean and Karim registered in 2021 (their visits came later).
    assert run(past_retention(OPERATOR_SCOPE, TODAY.date(), 48)) == [programme["old"]]
    assert run(past_retention(OPERATOR_SCOPE, TODAY.date(), 60)) == []
    assert run(past_retention(OPERATOR_SCOPE, TODAY.date(), 12)) == sorted(
        [programme["old"], programme["just_past"], programme["on_the_day"], programme["came_back"]]
    )
    assert "anonymise_old_files" in {job.id for job in build_scheduler().get_jobs()}


def _figures_csv(client: TestClient, years: range) -> dict[int, str]:
    return {year: client.get("/chiffres/export.csv", params={"annee": year}).text for year in years}


def _anonymous_counts() -> list[tuple[Any, ...]]:
    """What anonymous statistics are made of: per trainee, the neighbourhood, prescriber,
    year, internet and computer at home, their attendance and their devices' outcomes."""
    trainees = run(
        Trainee.select(
            Trainee.id,
            Trainee.neighbourhood,
            Trainee.prescriber,
            Trainee.registered_at,
            Trainee.internet_at_home,
            Trainee.has_computer,
            Trainee.device_wanted,
        ).order_by(Trainee.id)
    )
    devices = run(
        Assignment.select(
            Assignment.trainee, Assignment.state, Assignment.installed_at, Assignment.with_internet
        ).order_by(Assignment.id)
    )
    visits = run(Visit.select(Visit.trainee, Visit.day, Visit.status).order_by(Visit.id))
    return [tuple(r.values()) for r in [*trainees, *devices, *visits]]


def test_anonymisation_blanks_every_personal_field_and_keeps_the_figures(
    programme: dict[str, Any],
) -> None:
    with TestClient(app=create_app(), base_url="http://testserver.local") as client:
        login(client, "coordination")
        with clock.frozen(TODAY):
            before_csv = _figures_csv(client, range(2021, 2027))
            before_page = client.get("/chiffres", params={"annee": 2022}).text
            before_counts = _anonymous_counts()
            rows = run(Trainee.select(Trainee.id, Trainee.internet_at_home))
            before_eligibility = run(eligibilities(programme["installer"], rows))
            done = run(anonymise_past_retention(OPERATOR_SCOPE, when(TODAY)))
            assert done == sorted([programme["old"], programme["just_past"]])
            assert _figures_csv(client, range(2021, 2027)) == before_csv
            assert client.get("/chiffres", params={"annee": 2022}).text == before_page
            assert _anonymous_counts() == before_counts
            assert run(eligibilities(programme["installer"], rows)) == before_eligibility

    old = run(Trainee.select().where(Trainee.id == programme["old"]).first())
    assert old is not None
    assert all(old[field] == "" for field in PERSONAL), old
    assert (old["latitude"], old["longitude"], old["consent_sms"]) == (None, None, False)
    assert old["anonymised_at"] is not None
    assert (old["neighbourhood"], old["internet_at_home"]) == ("hauts_de_chambery", "box")
    visit = run(Visit.select().where(Visit.id == programme["visit"]).first())
    assert visit is not None
    assert (visit["address"], visit["postcode"], visit["city"], visit["outcome_notes"]) == (
        "",
        "",
        "",
        "",
    )
    assert (visit["latitude"], visit["longitude"], visit["status"]) == (None, None, "installed")
    contract = run(Assignment.select().where(Assignment.trainee == programme["old"]).first())
    assert contract is not None
    assert (contract["contract_signer"], contract["contract_signature"]) == ("", "")
    assert contract["contract_number"].startswith("CMD-BLE-")
    ticket = run(Ticket.select().where(Ticket.trainee == programme["old"]).first())
    assert ticket is not None and (ticket["problem"], ticket["work_done"]) == ("", "")
    assert ticket["closed_at"] is not None
    assert run(Enrolment.count().where(Enrolment.trainee == programme["old"])) == 1
    reminder = run(
        OutboxMessage.select().where(OutboxMessage.reference == reference(programme["visit"]))
    )[0]
    assert (reminder["recipient"], reminder["body"]) == ("", "")
    assert "Fatima" not in reminder["subject"]
    calls = run(OutboxMessage.select().where(OutboxMessage.reference.like("appels-%")))[0]
    assert "Fatima" not in calls["body"] and "Jean M., Cognin" in calls["body"]
    theirs = [
        *run(Trainee.select().where(Trainee.id.is_in(done))),
        *run(OutboxMessage.select()),
        *(
            row
            for table in (Visit, Assignment, Ticket, Enrolment)
            for row in run(table.select().where(table.trainee.is_in(done)))
        ),
    ]
    everything = " ".join(str(value) for row in theirs for value in row.values())
    for word in ("Fatima", "Durand", "fatima@example.org", "Pré de l'Âne", "sa fille"):
        assert word not in everything, word
    logged = run(
        PersonalDataAccess.select(PersonalDataAccess.trainee, PersonalDataAccess.user).where(
            PersonalDataAccess.action == "anonymise"
        )
    )
    assert sorted(r["trainee"] for r in logged) == done and {r["user"] for r in logged} == {None}
    events = run(
        Event.select().where(Event.subject_kind == "trainee", Event.action == "anonymised")
    )
    assert sorted(e["subject_id"] for e in events) == done

    # Those kept are untouched; a second run finds nobody and a second anonymisation is refused.
    recent = run(Trainee.select().where(Trainee.id == programme["on_the_day"]).first())
    assert recent is not None and recent["last_name"] == "Benali"
    assert run(anonymise_past_retention(OPERATOR_SCOPE, when(TODAY))) == []
    with pytest.raises(Conflict):
        run(anonymise_trainee(OPERATOR_SCOPE, programme["old"], when(TODAY)))


def test_an_anonymised_file_reads_personne_anonymisee_and_cannot_be_edited(
    programme: dict[str, Any],
) -> None:
    run(anonymise_trainee(OPERATOR_SCOPE, programme["old"], when(TODAY)))
    with TestClient(app=create_app(), base_url="http://testserver.local") as client:
        login(client, "nadia.blanc")
        file = client.get(f"/beneficiaires/{programme['old']}")
        assert "<h1>Personne anonymisée</h1>" in file.text
        assert "/modifier" not in file.text
        assert "Anonymisation" in file.text  # in the access log shown on the file
        assert client.get(f"/beneficiaires/{programme['old']}/modifier").status_code == 409
        assert "Personne anonymisée" in client.get("/beneficiaires").text
        assert "Personne anonymisée" in client.get("/depannages?etat=tous").text
    with TestClient(app=create_app(), base_url="http://testserver.local") as client:
        staff = bearer(client, "nadia.blanc")
        patched = client.patch(
            f"/api/v1/trainees/{programme['old']}", json={"first_name": "Fatima"}, headers=staff
        )
        assert patched.status_code == 409
        exported = client.get(f"/api/v1/trainees/{programme['old']}/export", headers=staff)
        assert exported.json()["person"]["last_name"] == ""
    with pytest.raises(Conflict):
        run(
            people.update_trainee(
                programme["installer"],
                programme["old"],
                people.TraineeData("Fatima", "Durand"),
                when(TODAY),
            )
        )


def test_the_command_line_anonymises_now(programme: dict[str, Any]) -> None:
    with clock.frozen(TODAY):
        result = CliRunner().invoke(main, ["anonymise"])
    assert result.exit_code == 0, result.output
    assert "2 trainee file(s) anonymised" in result.output
    left = run(Trainee.select(Trainee.id).where(Trainee.anonymised_at.is_null()))
    assert sorted(r["id"] for r in left) == sorted(
        [programme["on_the_day"], programme["came_back"], programme["recent"]]
    )
