"""Fixtures of the rounds HTTP tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from logistics.settings import get_settings


@pytest.fixture
def quick_solver(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A few hundred iterations: repeatable plans in well under a second."""
    monkeypatch.setenv("SOLVER_MAX_ITERATIONS", "300")
    monkeypatch.setenv("SOLVER_TIME_LIMIT_S", "20")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
