"""The rules of a visit's outcome, without a database: which outcome is taken, which is refused."""

from __future__ import annotations

from datetime import date

import pytest

from inventory.errors import Conflict, Invalid
from logistics.visits.outcomes import needs_recording, outcome_notes, parse_outcome
from logistics.visits.tables import VisitStatus as S


def test_a_booked_or_absent_visit_takes_any_outcome_and_the_same_one_changes_nothing() -> None:
    assert needs_recording(S.BOOKED, S.INSTALLED)
    assert needs_recording(S.ABSENT, S.INSTALLED_NO_INTERNET)
    assert not needs_recording(S.INSTALLED, S.INSTALLED)
    assert not needs_recording(S.ABSENT, S.ABSENT)


@pytest.mark.parametrize("final", [S.INSTALLED, S.INSTALLED_NO_INTERNET, S.REFUSED, S.RESCHEDULED])
def test_a_final_outcome_is_not_replaced(final: S) -> None:
    with pytest.raises(Conflict, match=f"déjà notée « {final.label} »"):
        needs_recording(final, S.ABSENT)


def test_a_visit_put_off_keeps_the_date_proposed_or_needs_a_word() -> None:
    proposed = outcome_notes(S.RESCHEDULED, " le matin ", date(2026, 12, 10))
    assert proposed == "Date proposée : jeudi 10 décembre 2026. le matin"
    assert outcome_notes(S.RESCHEDULED, "Rappeler lundi", None) == "Rappeler lundi"
    assert outcome_notes(S.ABSENT, "", date(2026, 12, 10)) == ""
    with pytest.raises(Invalid, match="notez la date proposée"):
        outcome_notes(S.RESCHEDULED, "  ", None)


def test_only_an_installers_outcomes_are_understood() -> None:
    assert parse_outcome("installed_no_internet") is S.INSTALLED_NO_INTERNET
    for code in ("booked", "cancelled", "parti"):
        with pytest.raises(Invalid, match=f"Résultat de visite inconnu : « {code} »"):
            parse_outcome(code)
