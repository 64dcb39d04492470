"""The afternoon before: exactly tomorrow's visits are reminded, once, in Paris time, including
on the two days a year the clocks change."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from inventory.history import Circumstances
from inventory.scope import Scope
from logistics import clock
from logistics.accounts.permissions import permissions_of
from logistics.accounts.roles import Role
from logistics.mail.tables import OutboxChannel, OutboxMessage
from logistics.scheduler import jobs, remind_tomorrows_visits
from logistics.visits import booking
from logistics.visits.booking import Change
from logistics.visits.calls import tomorrow
from logistics.visits.reminders import reference, remind_trainees
from logistics.visits.tables import Visit, VisitStatus
from tests.factories import run
from tests.factories_trainees import make_ble, make_trainee, make_visit

PARIS = clock.get_settings().timezone


def _visits_around(day: date) -> dict[date, int]:
    """One visit the day before, on, and after ``day`` (each trainee agreed to e-mails)."""
    ble = make_ble()
    visits = {}
    for offset in (-1, 0, 1):
        when = day + timedelta(days=offset)
        trainee = make_trainee(
            ble.organisation,
            last_name=f"Personne{offset + 1}",
            email=f"personne{offset + 1}@exemple.fr",
            consent_email=True,
        )
        visits[when] = make_visit(ble, trainee, when, start=time(9))
    return visits


def _reminded() -> set[int]:
    rows = run(Visit.select(Visit.id).where(Visit.reminded_at.is_not_null()))
    return {row["id"] for row in rows}


@pytest.mark.parametrize(
    ("moment", "expected_day"),
    [
        # Saturday 28 March 2026, 16:00 in Paris (UTC+1); clocks go forward that night.
        (datetime(2026, 3, 28, 15, 0, tzinfo=UTC), date(2026, 3, 29)),
        # Sunday 29 March, the short day, 16:00 in Paris (now UTC+2).
        (datetime(2026, 3, 29, 14, 0, tzinfo=UTC), date(2026, 3, 30)),
        # 00:30 in Paris on 29 March is still the 28th in UTC: "tomorrow" is the 30th.
        (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), date(2026, 3, 30)),
        # Saturday 24 October 2026, 16:00 in Paris (UTC+2); clocks go back that night.
        (datetime(2026, 10, 24, 14, 0, tzinfo=UTC), date(2026, 10, 25)),
        # Sunday 25 October, the long day, 16:00 in Paris (now UTC+1).
        (datetime(2026, 10, 25, 15, 0, tzinfo=UTC), date(2026, 10, 26)),
        # 23:30 in Paris on 25 October is 22:30 UTC, the same day: tomorrow is the 26th.
        (datetime(2026, 10, 25, 22, 30, tzinfo=UTC), date(2026, 10, 26)),
    ],
)
def test_the_job_reminds_exactly_tomorrows_visits_across_daylight_saving(
    moment: datetime, expected_day: date
) -> None:
    visits = _visits_around(expected_day)
    with clock.frozen(moment):
        result = run(remind_tomorrows_visits())
    assert result["reminders"] == 1
    assert _reminded() == {visits[expected_day]}
    [message] = run(OutboxMessage.select())
    assert message["reference"] == reference(visits[expected_day])
    assert message["recipient"] == "personne1@exemple.fr"
    assert message["about_resident"] is True


def test_tomorrow_is_a_paris_day_whatever_the_server_clock() -> None:
    assert tomorrow(datetime(2026, 3, 28, 23, 30, tzinfo=UTC)) == date(2026, 3, 30)
    assert tomorrow(datetime(2026, 3, 28, 22, 59, tzinfo=UTC)) == date(2026, 3, 29)
    assert tomorrow(datetime(2026, 10, 25, 23, 0, tzinfo=UTC)) == date(2026, 10, 27)
    assert tomorrow(datetime(2026, 10, 25, 22, 59, tzinfo=UTC)) == date(2026, 10, 26)


def test_the_job_fires_at_the_same_paris_hour_on_both_sides_of_each_change() -> None:
    [job] = [job for job in jobs() if job.name == "remind_tomorrows_visits"]
    saturday = datetime(2026, 3, 28, 17, 0, tzinfo=PARIS)
    sunday = job.trigger.get_next_fire_time(None, saturday)
    assert sunday.astimezone(UTC) == datetime(2026, 3, 29, 14, 0, tzinfo=UTC)  # 16:00 CEST
    saturday = datetime(2026, 10, 24, 17, 0, tzinfo=PARIS)
    sunday = job.trigger.get_next_fire_time(None, saturday)
    assert sunday.astimezone(UTC) == datetime(2026, 10, 25, 15, 0, tzinfo=UTC)  # 16:00 CET


def test_each_visit_is_reminded_once_however_often_the_job_runs() -> None:
    day = date(2026, 12, 3)
    _visits_around(day)
    now = datetime(2026, 12, 2, 16, 0, tzinfo=PARIS)
    assert run(remind_trainees(now, texts_on=False)) == 1
    assert run(remind_trainees(now + timedelta(minutes=5), texts_on=False)) == 0
    assert run(remind_trainees(now + timedelta(hours=2), texts_on=True)) == 0
    assert run(OutboxMessage.count()) == 1


def test_consent_decides_the_channel_and_no_consent_means_only_the_call() -> None:
    ble = make_ble()
    day = date(2026, 12, 3)
    both = make_trainee(
        ble.organisation, "Martin", email="m@exemple.fr", consent_sms=True, consent_email=True
    )
    texts_only = make_trainee(ble.organisation, "Petit", phone="07.11.22.33.44", consent_sms=True)
    neither = make_trainee(ble.organisation, "Roux", email="r@exemple.fr")
    cancelled = make_trainee(ble.organisation, "Blanc", consent_sms=True)
    for trainee in (both, texts_only, neither):
        make_visit(ble, trainee, day)
    make_visit(ble, cancelled, day, status=VisitStatus.CANCELLED)
    now = datetime(2026, 12, 2, 16, 0, tzinfo=PARIS)

    # Texts off: the one who also agreed to e-mails gets an e-mail; the others wait.
    assert run(remind_trainees(now, texts_on=False)) == 1
    # Texts on (later the same day): the one who agreed to texts only gets hers.
    assert run(remind_trainees(now + timedelta(hours=1), texts_on=True)) == 1
    rows = run(OutboxMessage.select().order_by(OutboxMessage.id))
    assert [(r["channel"], r["recipient"]) for r in rows] == [
        (OutboxChannel.EMAIL, "m@exemple.fr"),
        (OutboxChannel.SMS, "+33711223344"),
    ]
    assert "Répondez OK pour confirmer, ou REPORT" in rows[1]["body"]
    assert "entre 9 h et 11 h" in rows[1]["body"]


def test_a_visit_moved_to_another_day_is_called_and_reminded_again_for_it() -> None:
    ble = make_ble()
    trainee = make_trainee(ble.organisation, email="f@exemple.fr", consent_email=True)
    visit = make_visit(ble, trainee, date(2026, 12, 3))
    now = datetime(2026, 12, 2, 16, 0, tzinfo=PARIS)
    assert run(remind_trainees(now, texts_on=False)) == 1
    answered = {Visit.reply: "to_move", Visit.call_outcome: "to_move"}
    run(Visit.update(answered).where(Visit.id == visit))
    own = frozenset({ble.organisation})
    scope = Scope(
        ble.installers[0], "Nadia Blanc", ble.organisation, own, own, permissions_of(Role.INSTALLER)
    )
    at = Circumstances(at=now, app="tests")

    # Another staff member the same day and time: the call and the reminder still hold.
    run(booking.move(scope, visit, Change(installer_id=ble.installers[1]), at))
    [row] = run(Visit.select().where(Visit.id == visit))
    assert row["reminded_at"] is not None and row["reply"] == "to_move"

    run(booking.move(scope, visit, Change(day=date(2026, 12, 8)), at))
    [row] = run(Visit.select().where(Visit.id == visit))
    assert (row["reminded_at"], row["reply"], row["call_outcome"]) == (None, None, None)
    assert run(remind_trainees(datetime(2026, 12, 7, 16, 0, tzinfo=PARIS), texts_on=False)) == 1
    assert run(OutboxMessage.count()) == 2
