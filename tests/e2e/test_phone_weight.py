"""The agent's page stays light: what a phone downloads the first time it opens it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Response, expect

from tests.e2e.conftest import PHONE, sign_in_agent
from tests.factories_field import make_field_day

pytestmark = pytest.mark.e2e

FIRST_LOAD_LIMIT = 100_000
"""Bytes on the wire (headers and bodies as sent), from the issue: a small Android phone on a
poor mobile network."""


@pytest.fixture
def new_phone(browser: Browser, live_server: str) -> Iterator[tuple[Page, list[Response]]]:
    """A phone that never opened the page, and every response it receives from the start."""
    context = browser.new_context(base_url=live_server, locale="fr-FR", **PHONE)
    received: list[Response] = []
    context.on("response", lambda response: received.append(response))
    yield context.new_page(), received
    context.close()


def test_the_first_load_of_the_agents_page_is_under_100_kb_on_the_wire(
    new_phone: tuple[Page, list[Response]],
) -> None:
    phone, received = new_phone
    make_field_day()

    sign_in_agent(phone)
    expect(phone.get_by_role("heading", name="Ma tournée du jour")).to_be_visible()
    phone.wait_for_load_state("networkidle")
    phone.wait_for_function("navigator.serviceWorker.controller !== null")

    on_the_wire: list[tuple[str, int]] = []
    for response in received:
        response.finished()
        sizes = response.request.sizes()
        on_the_wire.append((response.url, sizes["responseHeadersSize"] + sizes["responseBodySize"]))
    total = sum(size for _, size in on_the_wire)
    print(f"first load: {total} bytes in {len(on_the_wire)} responses")
    scripts = [size for url, size in on_the_wire if url.endswith("/static/terrain/app.js")]
    assert max(scripts) > 1_000  # measured as received, not as found in a cache
    assert total < FIRST_LOAD_LIMIT
