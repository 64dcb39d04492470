"""The programme's eligibility rules on hand-made cases (no database)."""

from __future__ import annotations

from datetime import date

from logistics.trainees.eligibility import Course, Outcome, decide, judge_course
from logistics.trainees.tables import InternetAccess

TODAY = date(2026, 12, 4)
ENDED = date(2026, 11, 20)


def course(attended: int, ends_on: date = ENDED, modules: int = 11, **extra: object) -> Course:
    return Course(1, "Cycle d'automne", modules, ends_on, attended, **extra)  # type: ignore[arg-type]


def test_eight_of_eleven_after_the_cycle_is_eligible() -> None:
    result = decide([course(8)], InternetAccess.BOX, TODAY, 8)

    assert result.outcome is Outcome.ELIGIBLE and result.eligible
    assert result.reason == (
        "8 séances suivies sur 11 (il en faut 8), cycle « Cycle d'automne » terminé le "
        "20 novembre 2026."
    )


def test_six_of_eleven_is_not_eligible_and_says_how_many_were_needed() -> None:
    result = decide([course(6)], InternetAccess.BOX, TODAY, 8)

    assert result.outcome is Outcome.NOT_ELIGIBLE and not result.eligible
    assert result.reason == "6 séances suivies sur 11, il en faut 8."


def test_seven_is_one_too_few_and_the_setting_moves_the_bar() -> None:
    assert decide([course(7)], InternetAccess.BOX, TODAY, 8).outcome is Outcome.NOT_ELIGIBLE
    assert decide([course(7)], InternetAccess.BOX, TODAY, 7).outcome is Outcome.ELIGIBLE


def test_without_internet_the_training_counts_but_nothing_is_installed() -> None:
    result = decide([course(11)], InternetAccess.NONE, TODAY, 8)

    assert result.outcome is Outcome.NO_INTERNET and result.eligible
    assert "pas d'internet au domicile" in result.reason
    assert "la formation reste acquise" in result.reason


def test_phone_sharing_counts_as_internet_at_home() -> None:
    assert decide([course(9)], InternetAccess.PHONE_SHARING, TODAY, 8).outcome is Outcome.ELIGIBLE


def test_a_running_cycle_decides_nothing_yet_even_with_every_session_so_far() -> None:
    running = course(5, ends_on=date(2026, 12, 18))

    result = decide([running], InternetAccess.BOX, TODAY, 8)

    assert result.outcome is Outcome.NOT_YET
    assert result.reason == (
        "Cycle « Cycle d'automne » en cours jusqu'au 18 décembre 2026 : 5 séances suivies sur 11 "
        "pour l'instant, il en faut 8."
    )


def test_the_cycle_is_over_the_day_after_its_last_day() -> None:
    last_day = course(9, ends_on=TODAY)

    assert judge_course(last_day, TODAY, 8).outcome is Outcome.NOT_YET
    assert judge_course(last_day, date(2026, 12, 5), 8).outcome is Outcome.ELIGIBLE


def test_who_left_the_course_is_not_eligible_with_the_reason_given() -> None:
    left = course(9, left_on=date(2026, 10, 2), left_reason="déménagement à Lyon")

    result = decide([left], InternetAccess.BOX, TODAY, 8)

    assert result.outcome is Outcome.NOT_ELIGIBLE
    assert result.reason == "A quitté la formation le 2 octobre 2026 : déménagement à Lyon."


def test_a_short_cycle_asks_for_all_its_modules_at_most() -> None:
    assert decide([course(6, modules=6)], InternetAccess.BOX, TODAY, 8).outcome is Outcome.ELIGIBLE
    assert decide([course(5, modules=6)], InternetAccess.BOX, TODAY, 8).reason == (
        "5 séances suivies sur 6, il en faut 6."
    )


def test_no_enrolment_is_not_decided_yet() -> None:
    result = decide([], InternetAccess.BOX, TODAY, 8)

    assert result.outcome is Outcome.NOT_YET
    assert result.reason == "Inscrit(e) à aucun cycle pour l'instant."


def test_the_first_cycle_that_earned_a_computer_decides_over_a_failed_or_running_one() -> None:
    failed = Course(1, "Printemps", 11, date(2026, 5, 1), 3)
    earned = Course(2, "Automne", 11, ENDED, 10)
    running = Course(3, "Hiver", 11, date(2027, 2, 1), 2)

    result = decide([running, earned, failed], InternetAccess.BOX, TODAY, 8)

    assert result.outcome is Outcome.ELIGIBLE and result.course == earned


def test_a_running_cycle_keeps_the_question_open_after_a_failed_one() -> None:
    failed = Course(1, "Printemps", 11, date(2026, 5, 1), 3)
    running = Course(3, "Hiver", 11, date(2027, 2, 1), 2)

    assert decide([failed, running], InternetAccess.BOX, TODAY, 8).outcome is Outcome.NOT_YET


def test_one_session_is_singular() -> None:
    assert decide([course(1)], InternetAccess.BOX, TODAY, 8).reason == (
        "1 séance suivie sur 11, il en faut 8."
    )
