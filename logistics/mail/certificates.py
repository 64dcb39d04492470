"""When a collection is closed: issue its certificate and queue it for the donor's contact.

Lives on the application side because it joins the inventory's certificate with the outbox and
the deployment's address; both writes share one transaction, so a certificate is never issued
without its e-mail being queued, nor the reverse.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from inventory.certificates.service import issue_certificate, verification_url
from inventory.certificates.tables import Certificate
from inventory.engine import write_transaction
from inventory.history import Circumstances
from inventory.scope import Scope
from inventory.states import CollectionStatus
from inventory.tables import Collection, Donor
from logistics.mail.outbox import enqueue, send_outbox
from logistics.mail.tables import OutboxMessage
from logistics.settings import get_settings

BODY = """Bonjour{greeting},

Merci pour votre don de matériel informatique. Vous trouverez ci-joint l'attestation de prise en
charge n° {number} de la collecte du {collected_on}.

Chacun peut vérifier son authenticité, sans compte, à l'adresse suivante :
{url}

Le matériel est remis à l'opérateur agréé désigné dans l'attestation, qui efface ou détruit les
supports de données. Conservez ce message pour votre registre des déchets.

{association}
"""


async def issue_certificate_and_notify(
    scope: Scope, collection_id: int, circumstances: Circumstances, reason: str = ""
) -> dict[str, Any]:
    """Issue (or re-issue with ``reason``) the certificate and queue it for the donor once."""
    settings = get_settings()
    async with write_transaction(Certificate):
        certificate = await issue_certificate(
            scope, collection_id, circumstances, base_url=settings.base_url, reason=reason
        )
        number = certificate["number"]
        donor = await Donor.select().where(Donor.id == certificate["donor"]).first()
        assert donor is not None  # kept by the certificate's foreign key
        queued = await OutboxMessage.exists().where(OutboxMessage.reference == number)
        if donor["contact_email"] and not queued:
            pdf = await Certificate.select(Certificate.pdf).where(Certificate.number == number)
            summary = (
                await Certificate.select(Certificate.summary)
                .where(Certificate.number == number)
                .output(load_json=True)
            )
            collected_on = summary[0]["summary"]["collected_on"]
            await enqueue(
                certificate["organisation"],
                donor["contact_email"],
                f"Attestation de prise en charge n° {number}",
                BODY.format(
                    greeting=f" {donor['contact_name']}" if donor["contact_name"] else "",
                    number=number,
                    collected_on="/".join(reversed(collected_on.split("-"))),
                    url=verification_url(settings.base_url, number),
                    association=summary[0]["summary"]["association"],
                ),
                circumstances.at,
                reference=number,
                attachment_name=f"{number}.pdf",
                attachment=bytes(pdf[0]["pdf"]),
            )
    return certificate


CATCH_UP = timedelta(days=7)
SYSTEM_SCOPE = Scope(0, "envoi automatique", 0, None, None)


async def issue_pending_certificates(now: datetime) -> int:
    """Certificates for collections closed lately without one (closed from the phone sync).

    The phone's sync closes collections without knowing about certificates; this catch-up,
    run by the scheduler, issues and queues theirs. Older collections are left alone so that
    turning the feature on does not mail years of donors at once.
    """
    issued = await Certificate.select(Certificate.collection)
    done = {row["collection"] for row in issued}
    closed = await Collection.select(Collection.id).where(
        Collection.status == CollectionStatus.CLOSED, Collection.finished_at >= now - CATCH_UP
    )
    pending = [row["id"] for row in closed if row["id"] not in done]
    for collection_id in pending:
        await issue_certificate_and_notify(
            SYSTEM_SCOPE, collection_id, Circumstances(at=now, app="scheduler")
        )
    return len(pending)


async def mail_certificates() -> dict[str, int]:
    """The scheduler's job: issue what closing left pending, then send what is due."""
    now = datetime.now(tz=get_settings().timezone)
    issued = await issue_pending_certificates(now)
    return {"issued": issued, **await send_outbox()}
