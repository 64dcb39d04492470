"""Demo data of the donors' documents: the certificate of the court's signed collection, and a
donor access link so that the donor's pages can be opened without an account.

Idempotent like the rest of the demo: the certificate is issued only when the collection has
none, dated when the collection was signed, the way closing it from the app issues it. The link
is made only when the court has no demo link yet; its address exists only at that moment (only
its hash is stored), so it is returned for the command to print once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from inventory.certificates import links
from inventory.certificates.tables import Certificate, DonorLink
from inventory.history import Circumstances
from inventory.states import CollectionStatus
from inventory.tables import Collection, Donor
from logistics.accounts.identity import OPERATOR_SCOPE
from logistics.demo.journey import COURT
from logistics.mail.certificates import issue_certificate_and_notify
from logistics.settings import get_settings

LINK_LABEL = "Lien de démonstration"


async def _court_id() -> int:
    row = await Donor.select(Donor.id).where(Donor.name == COURT).first()
    assert row is not None, "the journey demo is loaded first"
    return row["id"]


async def load_documents_demo() -> dict[str, int]:
    """Issue the certificate of the court's closed collections that have none yet."""
    closed = await Collection.select(Collection.id, Collection.finished_at).where(
        Collection.donor == await _court_id(), Collection.status == CollectionStatus.CLOSED
    )
    issued = 0
    for collection in closed:
        if await Certificate.exists().where(Certificate.collection == collection["id"]):
            continue
        signed = Circumstances(at=collection["finished_at"], app="demo")
        await issue_certificate_and_notify(OPERATOR_SCOPE, collection["id"], signed)
        issued += 1
    return {"certificates": issued}


@dataclass(frozen=True)
class DemoLink:
    """The court's demo link: ``address`` is empty when an earlier run made it (not shown again)."""

    donor_name: str
    donor_id: int
    address: str


async def demo_donor_link() -> DemoLink:
    donor_id = await _court_id()
    made = await DonorLink.exists().where(
        DonorLink.donor == donor_id, DonorLink.label == LINK_LABEL
    )
    if made:
        return DemoLink(COURT, donor_id, "")
    settings = get_settings()
    now = Circumstances(at=datetime.now(tz=settings.timezone), app="demo")
    token, _ = await links.create_link(OPERATOR_SCOPE, donor_id, now, label=LINK_LABEL)
    return DemoLink(COURT, donor_id, links.link_address(settings.base_url, token))
