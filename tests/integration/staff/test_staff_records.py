"""The fiche salarié holds what the rota must respect: contract, usual week, abilities, and the
times a person is away, one-off or every week. Real database, both engines."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time

import pytest

from inventory.errors import Invalid
from inventory.history import Circumstances, history_of
from logistics.accounts.identity import OPERATOR_SCOPE
from logistics.accounts.roles import Role
from logistics.staff.availability import Unavailability
from logistics.staff.profiles import (
    Profile,
    add_unavailability,
    contracts_ending,
    get_profile,
    set_profile,
    unavailabilities_of,
)
from logistics.staff.tables import AbsenceReason, TeamRole
from tests.factories import make_organisation, make_user, run

AT = Circumstances(at=datetime(2026, 12, 1, 9, tzinfo=UTC))
MONDAY = date(2026, 12, 7)


def test_a_full_fiche_is_kept_whole_and_written_in_the_history() -> None:
    organisation = make_organisation("RP")
    samir = make_user("samir.haddad", Role.AGENT, organisation)
    fiche = Profile(
        driving_licence=True,
        weekly_hours=26,
        days_off=[3],
        team_role=TeamRole.SUPERVISOR,
        contract_start=date(2026, 6, 1),
        contract_end=date(2027, 5, 31),
        usual_days=[1, 2, 4],
        usual_start=time(8, 30),
        usual_end=time(16, 0),
        load_restriction=True,
        experienced=True,
        notes="Préfère les tournées du matin.",
    )

    run(set_profile(OPERATOR_SCOPE, samir, fiche, AT))

    assert run(get_profile(OPERATOR_SCOPE, samir)) == fiche
    (event,) = run(history_of(OPERATOR_SCOPE, "user", samir))
    details = json.loads(event["details"])
    assert (details["contract_end"], details["usual_start"]) == ("2027-05-31", "08:30:00")


@pytest.mark.parametrize(
    ("fiche", "refusal"),
    [
        (Profile(contract_start=date(2027, 1, 1), contract_end=date(2026, 1, 1)), "fin du contrat"),
        (Profile(usual_start=time(9, 0)), "heure habituelle"),
        (Profile(days_off=[2], usual_days=[2, 3]), "à la fois"),
        (Profile(usual_days=[8]), "jours habituels"),
    ],
)
def test_a_fiche_that_cannot_be_meant_is_refused_in_french(fiche: Profile, refusal: str) -> None:
    organisation = make_organisation("RP")
    julie = make_user("julie.rossi", Role.AGENT, organisation)

    with pytest.raises(Invalid, match=refusal):
        run(set_profile(OPERATOR_SCOPE, julie, fiche, AT))


def test_one_off_and_weekly_unavailabilities_cover_the_right_days() -> None:
    organisation = make_organisation("RP")
    paul = make_user("paul.favre", Role.AGENT, organisation)
    counsellor = Unavailability(
        AbsenceReason.COUNSELLOR,
        first_day=date(2026, 11, 1),
        weekday=2,
        start_time=time(14, 0),
        end_time=time(15, 30),
    )
    leave = Unavailability(AbsenceReason.LEAVE, date(2026, 12, 10), date(2026, 12, 11))
    old_sick_day = Unavailability(AbsenceReason.SICKNESS, date(2026, 11, 20))
    for away in (counsellor, leave, old_sick_day):
        run(add_unavailability(OPERATOR_SCOPE, paul, away, AT))

    found = run(unavailabilities_of(OPERATOR_SCOPE, [paul], MONDAY, date(2026, 12, 13)))[paul]

    assert [a.reason for a in found] == [AbsenceReason.COUNSELLOR, AbsenceReason.LEAVE]
    tuesday, thursday = date(2026, 12, 8), date(2026, 12, 10)
    assert found[0].away_on(tuesday) == (time(14, 0), time(15, 30))
    assert found[0].away_on(thursday) is None
    assert found[1].away_on(thursday) is not None and found[1].whole_day
    assert found[1].away_on(date(2026, 12, 12)) is None
    with pytest.raises(Invalid, match="conseillère a des heures"):
        run(add_unavailability(OPERATOR_SCOPE, paul, Unavailability(counsellor.reason, MONDAY), AT))


def test_managers_are_warned_of_contracts_ending_within_four_weeks() -> None:
    organisation = make_organisation("RP")
    today = date(2026, 12, 4)
    ends = {"lea.morel": date(2026, 12, 20), "karim.benali": date(2027, 1, 1), "leo.petit": None}
    ends["mamadou.diallo"] = date(2027, 2, 1)  # beyond four weeks
    for name, end in ends.items():
        person = make_user(name, Role.AGENT, organisation)
        run(set_profile(OPERATOR_SCOPE, person, Profile(contract_end=end), AT))

    ending = run(contracts_ending(OPERATOR_SCOPE, organisation, today))

    assert [(c.full_name, c.days_left) for c in ending] == [("Lea Morel", 16), ("Karim Benali", 28)]
