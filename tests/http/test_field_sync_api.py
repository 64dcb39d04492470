"""The sync API of the phone page: idempotent batches, refusals beside their entry, the day."""

from __future__ import annotations

import re

from litestar.testing import TestClient

from inventory.certificates.tables import Certificate
from inventory.tables import Collection, Donor, Event, Item
from logistics.accounts.roles import Role
from logistics.field.tables import SyncReceipt
from logistics.mail.tables import OutboxMessage
from tests.factories import bearer, csrf_from, login, make_organisation, make_user, run
from tests.factories_field import (
    AGENT,
    close_entry,
    item_entry,
    make_field_day,
    new_id,
    open_entry,
    round_batch,
    sync_applied,
)


def _counts() -> tuple[int, int, int]:
    return run(Collection.count()), run(Item.count()), run(Event.count())


def test_the_same_batch_posted_three_times_gives_the_same_ten_records(client: TestClient) -> None:
    day = make_field_day()
    headers = bearer(client, AGENT)
    batch = round_batch(day, items=10)

    answers = [sync_applied(client, headers, batch) for _ in range(3)]

    assert answers[0]["accepted"] == 12 and answers[0]["refused"] == 0
    assert answers[1]["results"] == answers[0]["results"] == answers[2]["results"]
    assert len({answer["batch"] for answer in answers}) == 3
    collections, items, _ = _counts()
    assert (collections, items) == (1, 10)
    assert sorted(run(Item.select(Item.tag)), key=str) == sorted(
        ({"tag": tag} for tag in day.tags[:10]), key=str
    )
    closed = run(Collection.select().first())
    assert closed["status"] == "closed" and closed["signatory_name"] == "Mme Perret"
    assert run(SyncReceipt.count()) == 12


def test_a_refused_line_comes_back_with_its_french_reason_and_the_rest_is_kept(
    client: TestClient,
) -> None:
    day = make_field_day()
    headers = bearer(client, AGENT)
    opening = open_entry(day.donor_ids[0])
    good = item_entry(opening["id"], tag=day.tags[0])
    mistyped = item_entry(opening["id"], tag=day.tags[1][:-1] + "0")
    unknown = item_entry(opening["id"], category="frigo")
    twice = item_entry(opening["id"], tag=day.tags[0])
    accessories = item_entry(opening["id"], category="keyboard_mouse", quantity=12)

    results = sync_applied(client, headers, [opening, good, mistyped, unknown, twice, accessories])

    by_id = {r["id"]: r for r in results["results"]}
    assert [by_id[e["id"]]["status"] for e in (opening, good, accessories)] == ["accepted"] * 3
    assert "caractère de contrôle" in by_id[mistyped["id"]]["reason"]
    assert "Catégorie « frigo » inconnue" in by_id[unknown["id"]]["reason"]
    assert "déjà collée sur un autre objet" in by_id[twice["id"]]["reason"]
    assert run(Item.count()) == 2

    fixed = {**mistyped, "tag": day.tags[1]}
    assert sync_applied(client, headers, [fixed])["results"][0]["status"] == "accepted"
    assert run(Item.count()) == 3


def test_items_of_a_refused_collection_are_reported_as_depending_on_it(
    client: TestClient,
) -> None:
    make_field_day()
    headers = bearer(client, AGENT)
    opening = open_entry(999_999)
    lines = [item_entry(opening["id"]) for _ in range(2)]

    results = sync_applied(client, headers, [opening, *lines, close_entry(opening["id"])])[
        "results"
    ]

    assert results[0]["status"] == "refused" and "Donateur introuvable" in results[0]["reason"]
    assert [r["status"] for r in results[1:]] == ["dependent"] * 3
    assert all(r["depends_on"] for r in results[1:])
    assert _counts()[:2] == (0, 0)


def test_an_undone_line_stays_removed_when_the_batch_is_replayed(client: TestClient) -> None:
    day = make_field_day()
    headers = bearer(client, AGENT)
    opening = open_entry(day.donor_ids[1])
    line = item_entry(opening["id"], tag=day.tags[0])
    undo = {"id": new_id(), "kind": "remove_item", "item": line["id"]}

    first = sync_applied(client, headers, [opening, line, undo])
    again = sync_applied(client, headers, [opening, line, undo])

    assert first["results"] == again["results"] and first["accepted"] == 3
    assert run(Item.count()) == 0


def test_a_phone_with_a_session_must_send_the_csrf_header(client: TestClient) -> None:
    day = make_field_day()
    login(client, AGENT)
    batch = [open_entry(day.donor_ids[0])]

    refused = client.post("/api/v1/sync", json={"entries": batch})
    page = client.get("/terrain")
    token = client.cookies.get("csrftoken")
    accepted = client.post("/api/v1/sync", json={"entries": batch}, headers={"x-csrftoken": token})

    assert refused.status_code == 403
    assert page.status_code == 200 and csrf_from(page.text)
    assert accepted.status_code == 202 and accepted.json()["received"] == 1


def test_the_agent_reads_today_s_published_stops_in_order(client: TestClient) -> None:
    day = make_field_day()
    headers = bearer(client, AGENT)

    today = client.get("/api/v1/terrain/jour", headers=headers).json()
    donors = client.get("/api/v1/terrain/donateurs", headers=headers).json()

    stops = today["rounds"][0]["stops"]
    assert [s["donor_id"] for s in stops] == day.donor_ids
    first = stops[0]
    assert first["donor_name"] == "CPAM de Chambéry"
    assert first["address"] == "5 avenue de la Houille Blanche, 73000 Chambéry"
    assert first["contact_phone"] == "04 79 00 00 01"
    assert first["opening_hours"] == "08:30–12:00, 13:30–17:00"
    assert "badge" in first["access_notes"]
    assert {d["name"] for d in donors} == {"CPAM de Chambéry", "Collège Côte Rousse"}


def test_the_day_says_which_stops_a_teammate_started_or_signed(client: TestClient) -> None:
    day = make_field_day()
    make_user("julie.rossi", Role.AGENT, day.organisation_id)
    headers = bearer(client, AGENT)
    stops = client.get("/api/v1/terrain/jour", headers=headers).json()["rounds"][0]["stops"]
    assert [s["progress"] for s in stops] == [{"state": "todo", "by": "", "at": ""}] * 2

    done, started = (
        open_entry(s["donor_id"], pickup_request_id=s["pickup_request_id"]) for s in stops
    )
    sync_applied(
        client,
        headers,
        [done, item_entry(done["id"], tag=day.tags[0]), close_entry(done["id"]), started],
    )
    seen = client.get("/api/v1/terrain/jour", headers=bearer(client, "julie.rossi")).json()

    first, second = (s["progress"] for s in seen["rounds"][0]["stops"])
    assert first["state"] == "done" and first["by"] == "Karim Benali"
    assert re.fullmatch(r"\d\d:\d\d", first["at"])
    assert second["state"] == "started" and second["by"] == "Karim Benali"


def test_the_service_worker_keeps_the_page_and_its_scripts(client: TestClient) -> None:
    worker = client.get("/terrain-sw.js")

    assert worker.status_code == 200
    assert "javascript" in worker.headers["content-type"]
    for path in ("/terrain", "/static/terrain/app.js", "/static/terrain/tags.js"):
        assert f'"{path}"' in worker.text
    assert "__VERSION__" not in worker.text


def test_pages_and_scripts_go_gzipped_but_not_the_sync_answer(client: TestClient) -> None:
    day = make_field_day()
    login(client, AGENT)
    gzip = {"accept-encoding": "gzip"}
    csrf = {"x-csrftoken": csrf_from(client.get("/terrain").text), **gzip}

    for path in ("/terrain", "/static/terrain/app.js", "/api/v1/terrain/jour"):
        assert client.get(path, headers=gzip).headers.get("content-encoding") == "gzip", path
    sent = client.post("/api/v1/sync", json={"entries": round_batch(day, items=5)}, headers=csrf)
    assert sent.status_code == 202 and "content-encoding" not in sent.headers


def test_a_batch_is_answered_received_at_once_and_only_its_sender_s_association_reads_it(
    client: TestClient,
) -> None:
    day = make_field_day()
    headers = bearer(client, AGENT)
    make_user("lea.morel", Role.AGENT, make_organisation("CP"))
    elsewhere = bearer(client, "lea.morel")
    batch = round_batch(day, items=2)

    stored = client.post("/api/v1/sync", json={"entries": batch}, headers=headers)
    applied = sync_applied(client, headers, batch)
    foreign = client.get(f"/api/v1/sync/{stored.json()['batch']}", headers=elsewhere)

    assert stored.status_code == 202
    assert stored.json()["state"] == "received" and stored.json()["received"] == 4
    assert applied["state"] == "applied" and applied["accepted"] == 4
    assert foreign.status_code == 404 and "Envoi introuvable" in foreign.json()["detail"]


def test_a_stop_closed_on_the_phone_has_its_certificate_and_e_mail_once_the_batch_is_applied(
    client: TestClient,
) -> None:
    day = make_field_day()
    run(
        Donor.update({Donor.contact_email: "accueil@cpam.example"}).where(
            Donor.id == day.donor_ids[0]
        )
    )
    headers = bearer(client, AGENT)
    batch = round_batch(day, items=2)

    sync_applied(client, headers, batch)

    collection = run(Collection.select(Collection.id).first())["id"]
    certificates = run(
        Certificate.select(Certificate.number).where(Certificate.collection == collection)
    )
    assert len(certificates) == 1
    queued = run(OutboxMessage.select().where(OutboxMessage.reference == certificates[0]["number"]))
    assert [message["recipient"] for message in queued] == ["accueil@cpam.example"]
    sync_applied(client, headers, batch)  # the phone sends it again: nothing more
    assert run(Certificate.count()) == 1 and run(OutboxMessage.count()) == 1
