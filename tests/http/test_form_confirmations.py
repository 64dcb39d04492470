"""Forms confirm what they saved, ask before what is hard to undo, read tags as the phone does,
and the donor's link can be copied or mailed from where it is shown."""

from __future__ import annotations

import html
import re

from litestar.testing import TestClient

from inventory.categories import Category
from inventory.tables import Agreement, Donor, Item
from logistics.accounts.roles import Role
from logistics.accounts.tables import UserAccount
from logistics.http.notices import saved
from logistics.mail.tables import OutboxMessage
from tests.factories import csrf_from, login, make_organisation, make_user, redirected_to, run
from tests.factories_certificates import make_world
from tests.factories_lots import make_agreement, make_items, make_parties
from tests.factories_rounds import make_vehicle


def _confirm_form(page: str, action: str) -> str:
    """The <details> that guards ``action``: its opener, then the form that acts."""
    fold = re.search(
        rf'<details class="confirm">(?:(?!</details>).)*action="{action}".*?</details>', page, re.S
    )
    assert fold, f"no confirmation step before {action}"
    return html.unescape(fold.group(0))


def test_a_vehicle_is_put_out_of_service_only_after_a_second_button_and_the_page_says_so(
    client: TestClient,
) -> None:
    organisation = make_organisation("RP")
    make_user("claire.martin", Role.MANAGER, organisation)
    van = make_vehicle(organisation, "Camionnette Trafic")
    login(client, "claire.martin")
    page = client.get("/vehicules").text

    fold = _confirm_form(page, f"/vehicules/{van}/activation")
    assert "<summary" in fold and "Mettre hors service</summary>" in fold
    assert "Oui, mettre Camionnette Trafic hors service" in fold

    done = client.post(
        f"/vehicules/{van}/activation",
        data={"active": "0", "_csrf_token": csrf_from(page)},
        follow_redirects=True,
    )
    assert "Véhicule mis hors service" in html.unescape(done.text)
    assert "hors service</td>" in done.text


def test_an_account_is_deactivated_after_a_confirmation_and_a_new_vehicle_is_confirmed(
    client: TestClient,
) -> None:
    organisation = make_organisation("RP")
    make_user("claire.martin", Role.MANAGER, organisation)
    agent = make_user("karim.benali", Role.AGENT, organisation)
    login(client, "claire.martin")
    page = client.get("/comptes/").text

    fold = _confirm_form(page, f"/comptes/{agent}/activation")
    assert "ne pourra plus se connecter" in fold and "Oui, désactiver le compte de" in fold
    done = client.post(
        f"/comptes/{agent}/activation",
        data={"active": "0", "_csrf_token": csrf_from(page)},
        follow_redirects=True,
    )
    assert "Compte désactivé : la personne ne peut plus se connecter." in html.unescape(done.text)

    form = client.get("/vehicules").text
    added = client.post(
        "/vehicules/",
        data={
            "name": "Kangoo",
            "kind": "car",
            "capacity_kg": "300",
            "capacity_m3": "2",
            "day_1": "1",
            "_csrf_token": csrf_from(form),
        },
        follow_redirects=True,
    )
    assert '<p class="notice" role="status">Véhicule enregistré.</p>' in html.unescape(added.text)


def test_a_word_in_the_address_picks_a_fixed_sentence_and_keeps_the_anchor() -> None:
    assert saved("/tournees/4#tournee-9", "depart").url == ("/tournees/4?fait=depart#tournee-9")


def test_the_lot_form_reads_a_tag_typed_with_spaces_as_the_phone_does(
    client: TestClient,
) -> None:
    association, trira = make_parties()
    agreement = make_agreement(association, trira)
    make_items(association, 2, Category.DESKTOP, weight_kg=10.0)
    make_user("claire.martin", Role.MANAGER, association)
    login(client, "claire.martin")
    page = client.get("/lots").text
    created = client.post(
        "/lots/",
        data={"agreement_id": str(agreement["id"]), "_csrf_token": csrf_from(page)},
        follow_redirects=False,
    )
    lot_page = redirected_to(created)
    first, second = (row["tag"] for row in run(Item.select(Item.tag).order_by(Item.id)))
    spaced = first.replace("-", " ").lower()  # "rp 26 000001 x", as someone types it

    added = client.post(
        f"{lot_page}/objets",
        data={"tags": f"{spaced}\n{second}", "_csrf_token": csrf_from(client.get(lot_page).text)},
        follow_redirects=True,
    )

    assert added.status_code == 200, added.text
    assert first in added.text and second in added.text
    assert "Lot enregistré." in added.text


def test_the_donor_link_can_be_copied_or_mailed_from_where_it_is_shown(
    client: TestClient,
) -> None:
    world = make_world(donor_email="dsi@donateur.example")
    make_user("camille.chef", Role.MANAGER, world.association)
    login(client, "camille.chef")
    page = client.get(f"/donateurs/{world.donor}/acces").text
    created = client.post(
        f"/donateurs/{world.donor}/acces",
        data={"libelle": "DSI", "jours": "30", "_csrf_token": csrf_from(page)},
    ).text
    address = re.search(r'id="new-link" readonly value="([^"]+)"', created).group(1)  # type: ignore[union-attr]
    token = re.search(r'name="token" value="([^"]+)"', created).group(1)  # type: ignore[union-attr]
    assert 'data-copy="new-link" hidden>Copier le lien</button>' in created  # shown by a script
    assert "Envoyer le lien par courriel à dsi@donateur.example" in created

    forged = client.post(
        f"/donateurs/{world.donor}/acces/envoi",
        data={"token": "x" * 40, "_csrf_token": csrf_from(created)},
    )
    mailed = client.post(
        f"/donateurs/{world.donor}/acces/envoi",
        data={"token": token, "_csrf_token": csrf_from(created)},
    )

    assert forged.status_code in (403, 422) and "pas valide" in html.unescape(forged.text)
    assert "Lien envoyé" in mailed.text and address in mailed.text
    (message,) = run(OutboxMessage.select().where(OutboxMessage.reference.like("lien-donateur-%")))
    assert message["recipient"] == "dsi@donateur.example" and address in message["body"]


def _confirmed(client: TestClient, form: str, action: str, data: dict[str, str]) -> str:
    """Fill the form of page ``form`` sent to ``action``; the sentence the next page confirms."""
    token = csrf_from(client.get(form).text)
    done = client.post(action, data={**data, "_csrf_token": token}, follow_redirects=True)
    assert done.status_code == 200, (action, done.text)
    notice = re.search(r'<p class="notice" role="status">(.*?)</p>', done.text)
    assert notice, f"no confirmation after {action}"
    return html.unescape(notice.group(1))


def test_every_creation_form_confirms_what_it_saved(client: TestClient) -> None:
    association, trira = make_parties()
    make_user("claire.martin", Role.MANAGER, association)
    login(client, "claire.martin")
    donor = {"kind": "entreprise", "name": "Mairie de Cognin", "city": "Cognin"}
    agreement = {
        "organisation_id": str(association),
        "reconditioner_id": str(trira),
        "reference": "CONV-2026",
        "starts_on": "2026-01-01",
    }
    account = {
        "username": "julie.rossi",
        "full_name": "Julie Rossi",
        "password": "provisoire-2026",
        "password_confirm": "provisoire-2026",
        "role": "agent",
        "organisation_id": str(association),
    }

    assert _confirmed(client, "/donateurs/nouveau", "/donateurs/", donor) == "Donateur enregistré."
    (donor_id,) = run(Donor.select(Donor.id).where(Donor.name == "Mairie de Cognin"))
    wished = {"wished_from": "2026-12-07", "wished_until": "2026-12-11"}
    pickup = {"donor_id": str(donor_id["id"]), **wished}
    collection = {"donor_id": str(donor_id["id"]), "collected_on": "2026-12-04"}
    answers = [
        _confirmed(client, "/enlevements/nouveau", "/enlevements/", pickup),
        _confirmed(client, "/collectes/nouvelle", "/collectes/", collection),
        _confirmed(client, "/conventions", "/conventions", agreement),
        _confirmed(client, "/lots/", "/lots/", {"agreement_id": str(_agreement_id())}),
        _confirmed(
            client,
            "/appareils/achat",
            "/appareils/achat",
            {"category": "laptop", "received_on": "2026-12-04"},
        ),
        _confirmed(client, "/comptes/nouveau", "/comptes/", account),
        _confirmed(
            client,
            f"/comptes/{_user_id('julie.rossi')}/fiche",
            f"/comptes/{_user_id('julie.rossi')}/fiche",
            {"driving_licence": "1", "weekly_hours": "26"},
        ),
        _confirmed(
            client,
            "/tournees/depot",
            "/tournees/depot/",
            {"address": "Dépôt", "latitude": "45.58", "longitude": "5.90"},
        ),
    ]

    assert answers == [
        "Demande d'enlèvement enregistrée.",
        "Collecte ouverte : ajoutez-y les objets.",
        "Convention enregistrée.",
        "Lot enregistré.",
        "Appareil enregistré.",
        "Compte de Julie Rossi créé : identifiant « julie.rossi ».",
        "Fiche salarié enregistrée.",
        "Dépôt enregistré.",
    ]


def _agreement_id() -> int:
    return int(
        run(Agreement.select(Agreement.id).where(Agreement.reference == "CONV-2026"))[0]["id"]
    )


def _user_id(username: str) -> int:
    return int(
        run(UserAccount.select(UserAccount.id).where(UserAccount.username == username))[0]["id"]
    )
