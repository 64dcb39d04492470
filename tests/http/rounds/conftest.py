"""Fixtures of the rounds HTTP tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from logistics import clock
from logistics.settings import get_settings
from tests.factories_rounds import NOW


@pytest.fixture(autouse=True)
def before_the_week() -> Iterator[None]:
    """The tests plan the week of ``MONDAY`` as the Wednesday before it: no day of it is past."""
    with clock.frozen(NOW):
        yield


@pytest.fixture
def quick_solver(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A few hundred iterations: repeatable plans in well under a second."""
    monkeypatch.setenv("SOLVER_MAX_ITERATIONS", "300")
    monkeypatch.setenv("SOLVER_TIME_LIMIT_S", "20")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
