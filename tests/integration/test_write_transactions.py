"""Use cases that read and then write, run at the same moment, all succeed on either engine.

On SQLite a transaction opened the default way (DEFERRED) reads under a shared lock and is
refused ("database is locked") when it then writes after another writer got in first;
``write_transaction`` makes them wait for each other instead.
"""

from __future__ import annotations

import asyncio

from inventory.certificates import erasure, links
from inventory.certificates.tables import DonorLink
from inventory.parties import OrganisationKind
from inventory.tables import Event
from logistics.accounts.organisations import NewOrganisation, create_organisation
from logistics.mail.certificates import issue_certificate_and_notify
from logistics.mail.tables import OutboxMessage
from tests.factories import run
from tests.factories_certificates import (
    circumstances,
    hand_to_reconditioner,
    make_collection,
    make_world,
)

AT_ONCE = 6


def test_associations_registered_at_the_same_moment_are_all_registered() -> None:
    codes = ["AB", "CD", "EF", "GH", "IJ", "KL"][:AT_ONCE]

    async def at_once() -> list[int]:
        registering = [
            create_organisation(NewOrganisation(f"Association {c}", c, OrganisationKind.COLLECTING))
            for c in codes
        ]
        return await asyncio.gather(*registering)

    assert len(set(run(at_once()))) == AT_ONCE


def test_links_made_for_one_donor_at_the_same_moment_are_all_made() -> None:
    world = make_world()

    async def at_once() -> list[tuple[str, dict]]:
        asked = circumstances()
        making = [
            links.create_link(world.scope, world.donor, asked, label=f"lien {n}")
            for n in range(AT_ONCE)
        ]
        return await asyncio.gather(*making)

    made = run(at_once())
    assert len({token for token, _ in made}) == AT_ONCE
    assert run(DonorLink.count().where(DonorLink.donor == world.donor)) == AT_ONCE


def test_one_erasure_report_imported_twice_at_once_erases_each_item_once() -> None:
    world = make_world()
    make_collection(world)
    hand_to_reconditioner(world, ["SN-A1", "SN-B2"])
    report = "Numéro de série;Date d'effacement\nSN-A1;12/03/2026\nSN-B2;12/03/2026".encode()

    async def at_once() -> list[erasure.ImportResult]:
        asked = circumstances()
        importing = [
            erasure.import_erasure_report(
                world.scope, world.reconditioner, "rapport.csv", report, asked
            )
            for _ in range(AT_ONCE)
        ]
        return await asyncio.gather(*importing)

    results = run(at_once())
    assert sum(len(result.linked) for result in results) == 2
    assert run(Event.count().where(Event.action == "erased")) == 2


def test_a_collection_closed_twice_at_once_mails_one_certificate() -> None:
    world = make_world()
    collection = make_collection(world)

    async def at_once() -> list[dict]:
        asked = circumstances()
        notifying = [
            issue_certificate_and_notify(world.scope, collection, asked) for _ in range(AT_ONCE)
        ]
        return await asyncio.gather(*notifying)

    assert len({certificate["number"] for certificate in run(at_once())}) == 1
    assert run(OutboxMessage.count()) == 1
