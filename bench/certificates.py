"""Time the donors' documents on a throwaway SQLite database.

1. The certificate of one collection of 500 items (450 tagged, 50 accessory lines): loading the
   rows, rendering the PDF (Code128, QR code, signature), hashing and storing it. Target < 1 s.
2. The yearly summary of a donor with 100 collections (12 lines each): adding up, estimating
   the environmental benefit and rendering the PDF. Target < 1 s.

    .venv/bin/python bench/certificates.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

DATA_DIR = tempfile.mkdtemp(prefix="bench-certificates-")
os.environ["DATA_DIR"] = DATA_DIR
os.environ["DATABASE_URL"] = f"sqlite:///{DATA_DIR}/bench.sqlite"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from inventory.certificates.service import issue_certificate  # noqa: E402
from inventory.certificates.yearly import render_yearly_summary, yearly_summary  # noqa: E402
from inventory.history import Circumstances  # noqa: E402
from inventory.parties import DonorKind, OrganisationKind  # noqa: E402
from inventory.scope import Scope  # noqa: E402
from inventory.states import CollectionStatus, ItemState  # noqa: E402
from inventory.tables import Agreement, Collection, Donor, Item, Organisation  # noqa: E402
from logistics.database import migrate  # noqa: E402
from logistics.settings import get_settings  # noqa: E402

SCOPE = Scope(1, "banc d'essai", 0, None, None)
SIGNATURE = "M10 80L40 10L65 12L95 80M120 60L150 30L180 80"
NOW = datetime.now(tz=get_settings().timezone)


async def _id(table: type, **values: object) -> int:
    return (await table.insert(table(**values)).returning(table.id))[0]["id"]


async def _collection(org: int, donor: int, on: date, labelled: int, lines: int) -> int:
    collection = await _id(
        Collection,
        organisation=org,
        donor=donor,
        collected_on=on,
        created_at=NOW,
        status=CollectionStatus.CLOSED,
        agent_names="Zoé Martin, Loïc Bernard",
        signatory_name="Mme Dupré",
        signature_svg=SIGNATURE,
    )
    categories = ["laptop", "desktop", "screen", "printer"]
    rows = [
        Item(
            organisation=org,
            collection=collection,
            tag=f"RP-{collection}-{n}",
            category=categories[n % 4],
            brand="Dell",
            model="Latitude E7450",
            serial_number=f"SN{collection:04d}{n:05d}",
            weight_kg=2.5,
            state=ItemState.STORED,
            state_changed_at=NOW,
            created_at=NOW,
        )
        for n in range(labelled)
    ] + [
        Item(
            organisation=org,
            collection=collection,
            category="keyboard_mouse",
            quantity=12,
            weight_kg=6.0,
            state=ItemState.STORED,
            state_changed_at=NOW,
            created_at=NOW,
        )
        for _ in range(lines)
    ]
    await Item.insert(*rows)
    return collection


async def main(repeat: int) -> None:
    await migrate(quiet=True)
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    org = await _id(
        Organisation, name="Régie Plus", code="RP", kind=OrganisationKind.COLLECTING, created_at=NOW
    )
    trira = await _id(
        Organisation, name="TRIRA", code="TR", kind=OrganisationKind.RECONDITIONER, created_at=NOW
    )
    await _id(
        Agreement,
        organisation=org,
        reconditioner=trira,
        reference="CONV",
        starts_on=date(2020, 1, 1),
        created_at=NOW,
    )
    donor = await _id(
        Donor,
        organisation=org,
        kind=DonorKind.COLLECTIVITE,
        name="Ville de Chambéry",
        created_at=NOW,
    )

    timings = []
    for run in range(repeat):
        big = await _collection(org, donor, date(2025, 6, 1), 450, 50)
        started, cpu = time.perf_counter(), time.process_time()
        await issue_certificate(SCOPE, big, Circumstances(at=NOW), base_url="https://x.example")
        timings.append(time.perf_counter() - started)
        print(
            f"certificate, 500 items, run {run + 1}: {timings[-1]:.3f} s "
            f"(CPU {time.process_time() - cpu:.3f} s)"
        )
    print(f"certificate of 500 items: median {statistics.median(timings):.3f} s (target < 1 s)")

    other = await _id(
        Donor, organisation=org, kind=DonorKind.ENTREPRISE, name="Hasbro", created_at=NOW
    )
    for n in range(100):
        await _collection(org, other, date(2025, 1, 1) + timedelta(days=3 * n), 10, 2)
    timings = []
    for run in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        summary = await yearly_summary(other, 2025, date(2026, 1, 10))
        render_yearly_summary(summary)
        timings.append(time.perf_counter() - started)
        print(
            f"yearly summary, 100 collections, run {run + 1}: {timings[-1]:.3f} s "
            f"(CPU {time.process_time() - cpu:.3f} s)"
        )
    print(
        f"yearly summary of 100 collections: median {statistics.median(timings):.3f} s "
        "(target < 1 s)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    asyncio.run(main(parser.parse_args().repeat))
