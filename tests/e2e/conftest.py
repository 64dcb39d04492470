"""A live server in its own process and Debian's Chromium with a phone's viewport and touch."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.e2e.audit import DESKTOP, PHONE
from tests.factories import PASSWORD, free_port
from tests.factories_field import AGENT

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(autouse=True)
def _database(db: None) -> None:
    """Browser tests share the test database with the live server, emptied after each test."""


@dataclass(frozen=True)
class Server:
    process: subprocess.Popen[bytes]
    base_url: str


@contextmanager
def running_server(env: Mapping[str, str] | None = None) -> Iterator[Server]:
    """``logistics serve`` in its own process on a free port, with ``env`` added to this
    environment; terminated afterwards unless the test killed it."""
    port = free_port()
    logistics = str(Path(sys.executable).parent / "logistics")
    base_url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [logistics, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, "BASE_URL": base_url, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60  # a busy 2-CPU machine takes its time to import the app
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    else:
        process.kill()
        raise RuntimeError(f"live server did not start: {process.stderr.read().decode()}")
    try:
        yield Server(process, base_url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            # A loaded machine (2 CPUs for several test runs) can take longer than the tests'
            # own patience to finish the server's graceful shutdown; the tests are over by then.
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def live_server(migrated_database: None) -> Iterator[str]:
    with running_server() as server:
        yield server.base_url


# Module scope: Playwright's event loop runs in the main thread while it is open, and the
# command-line tests that follow call asyncio.run() there.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make browser` (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                # A camera that shows a test pattern, granted without asking (scanning tests).
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
            ],
        )
        yield browser
        browser.close()


def page_of_a_new_browser(browser: Browser, live_server: str, device: Any) -> Iterator[Page]:
    """A page in a context of its own (cookies, storage, service worker), closed afterwards."""
    context = browser.new_context(base_url=live_server, locale="fr-FR", **device)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser, live_server: str) -> Iterator[Page]:
    yield from page_of_a_new_browser(browser, live_server, PHONE)


@pytest.fixture
def desktop(browser: Browser, live_server: str) -> Iterator[Page]:
    yield from page_of_a_new_browser(browser, live_server, DESKTOP)


def screenshot(page: Page, name: str) -> Path:
    """Keep a picture of the page as a test artifact (CI keeps the folder)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page: Page, username: str, password: str = PASSWORD, at: str = "/connexion") -> None:
    """Open ``at`` and sign in on the login page it leads to."""
    page.goto(at)
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def sign_in_agent(page: Page) -> None:
    """Open the phone page and sign in as the field day's agent."""
    sign_in(page, AGENT, at="/terrain")


WHAT_STEP = "Qu'est-ce que vous collectez ?"


def open_stop(phone: Page, donor: str) -> None:
    """From the day's round, open the stop's card and start its collection: the category step."""
    phone.get_by_role("button", name=f"Ouvrir l'arrêt chez {donor}").tap()
    phone.get_by_role("button", name="Commencer la collecte").tap()
    expect(phone.get_by_role("heading", name=WHAT_STEP)).to_be_visible()


def log_laptop(phone: Page, tag: str) -> None:
    """At a stop (its category step or its list), log a 2.5-kg laptop with this tag: the list
    shows its line at once."""
    what = phone.get_by_role("heading", name=WHAT_STEP)
    another = phone.get_by_role("button", name="Ajouter un objet")
    expect(what.or_(another)).to_be_visible()
    if another.is_visible():
        another.tap()
    phone.get_by_role("button", name="Portable", exact=True).tap()
    phone.get_by_label("Étiquette").fill(tag)
    phone.get_by_label("Poids (kg)").fill("2,5")
    phone.get_by_role("button", name="Ajouter cet objet").tap()
    expect(phone.locator("#lignes li").filter(has_text=tag).first).to_be_visible()


def close_stop(phone: Page, signatory: str) -> None:
    """From the stop's list, the signature step: the donor's contact writes their name, signs
    with a finger, and the stop is closed."""
    phone.get_by_role("button", name="Faire signer").tap()
    phone.get_by_label("Nom de la personne qui remet le matériel").fill(signatory)
    sign(phone)
    phone.get_by_role("button", name="Terminer l'arrêt").tap()
    expect(phone.get_by_role("heading", name="Arrêt terminé")).to_be_visible()


def sign(phone: Page, box_selector: str = "#signature") -> None:
    """A finger's stroke in the signature box."""
    phone.locator(box_selector).scroll_into_view_if_needed()
    box = phone.locator(box_selector).bounding_box()
    assert box is not None
    phone.mouse.move(box["x"] + 20, box["y"] + 60)
    phone.mouse.down()
    for step in range(1, 12):
        phone.mouse.move(box["x"] + 20 + step * 25, box["y"] + 60 + (step % 3) * 15)
    phone.mouse.up()
