"""A page form is read by the same Struct as its API: wrong fields come back all at once, each
with its French message beside it, what was typed kept; the API gives the same words."""

from __future__ import annotations

import re
from html import unescape

from litestar.testing import TestClient

from logistics.accounts.roles import Role
from tests.factories import bearer, csrf_from, login, make_user
from tests.factories_lots import make_parties


def _agreement(association: int, trira: int, **changes: str) -> dict[str, str]:
    return {
        "organisation_id": str(association),
        "reconditioner_id": str(trira),
        "reference": "CONV-2026",
        "starts_on": "2026-01-01",
        "rate_percent": "10",
        "basis": "computers",
        "weight_tolerance_percent": "5",
        "alert_threshold": "5",
        "alert_weeks": "4",
        **changes,
    }


def _beside(page: str, name: str) -> str:
    """The message shown right after the input named ``name``, or "" when there is none."""
    found = re.search(
        rf'name="{name}"[^>]*>(?:</select>|</textarea>)?<p class="field-error" id="{name}-error">'
        r"([^<]*)</p>",
        page,
    )
    return unescape(found.group(1)) if found else ""


def test_a_form_with_two_wrong_fields_shows_both_french_errors_beside_them_and_keeps_the_input(
    client: TestClient,
) -> None:
    association, trira = make_parties()
    make_user("claire.martin", Role.MANAGER, association)
    login(client, "claire.martin")
    form = _agreement(association, trira, rate_percent="beaucoup", alert_weeks="60")

    refused = client.post(
        "/conventions", data={**form, "_csrf_token": csrf_from(client.get("/conventions").text)}
    )

    assert refused.status_code == 422
    assert _beside(refused.text, "rate_percent") == "saisissez un nombre"
    assert _beside(refused.text, "alert_weeks") == "au plus 52"
    assert _beside(refused.text, "reference") == ""
    summary = unescape(refused.text)
    assert "Taux de retour : saisissez un nombre." in summary
    assert "Durée avant alerte : au plus 52." in summary
    assert 'value="beaucoup"' in refused.text and 'value="60"' in refused.text
    assert 'value="CONV-2026"' in refused.text


def test_the_page_and_the_api_refuse_a_value_with_the_same_struct_and_the_same_words(
    client: TestClient,
) -> None:
    association, trira = make_parties()
    make_user("claire.martin", Role.MANAGER, association)
    body = {
        "organisation_id": association,
        "reconditioner_id": trira,
        "reference": "CONV-2026",
        "starts_on": "2026-01-01",
        "alert_weeks": 60,
    }

    api = client.post("/api/v1/agreements/", json=body, headers=bearer(client, "claire.martin"))
    login(client, "claire.martin")
    token = csrf_from(client.get("/conventions").text)
    page = client.post(
        "/conventions",
        data={**_agreement(association, trira, alert_weeks="60"), "_csrf_token": token},
    )

    assert api.status_code == 400
    assert api.json()["erreurs"] == [{"champ": "alert_weeks", "message": "au plus 52"}]
    assert page.status_code == 422 and _beside(page.text, "alert_weeks") == "au plus 52"
