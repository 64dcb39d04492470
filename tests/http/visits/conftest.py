"""Fixtures of the visits HTTP tests: the present is Tuesday 1 December 2026."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from logistics import clock
from tests.factories_trainees import NOW


@pytest.fixture(autouse=True)
def on_the_first_of_december() -> Iterator[None]:
    with clock.frozen(NOW):
        yield
