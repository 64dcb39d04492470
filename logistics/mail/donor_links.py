"""Send a donor their access link by e-mail, from the page that shows it once.

The link's secret is kept only as a hash, so the page posts it back; it is checked to be one of
this donor's open links before anything is queued (nothing else can be mailed this way).
"""

from __future__ import annotations

from inventory.certificates.links import active_link, donor_in_scope, link_address
from inventory.engine import write_transaction
from inventory.errors import Invalid
from inventory.history import Circumstances, record
from inventory.scope import Scope
from inventory.tables import Organisation
from logistics.french import french_date
from logistics.mail.outbox import enqueue
from logistics.mail.tables import OutboxMessage
from logistics.settings import get_settings

BODY = """Bonjour{greeting},

Voici votre lien personnel vers les documents de vos dons de matériel informatique
(attestations, bilan annuel, registre, devenir de chaque objet), sans compte ni mot de passe :
{url}

Il reste valable jusqu'au {expires}. Ne le transférez qu'aux personnes qui tiennent votre registre.

{association}
"""


async def mail_link(scope: Scope, donor_id: int, token: str, circumstances: Circumstances) -> str:
    """Queue the link for the donor's contact; returns the address it goes to."""
    async with write_transaction(OutboxMessage):
        link = await active_link(scope, donor_id, token, circumstances.at)
        donor = await donor_in_scope(scope, donor_id)
        if not donor["contact_email"]:
            raise Invalid(
                "Ce donateur n'a pas d'adresse e-mail : ajoutez-la à sa fiche, ou copiez le lien."
            )
        association = await Organisation.select(Organisation.name).where(
            Organisation.id == donor["organisation"]
        )
        await enqueue(
            donor["organisation"],
            donor["contact_email"],
            "Vos documents de dons de matériel informatique",
            BODY.format(
                greeting=f" {donor['contact_name']}" if donor["contact_name"] else "",
                url=link_address(get_settings().base_url, token),
                expires=french_date(link["expires_at"]),
                association=association[0]["name"] if association else "",
            ),
            circumstances.at,
            reference=f"lien-donateur-{link['id']}",
        )
        await record(
            scope,
            donor["organisation"],
            "donor",
            donor_id,
            "access_link_mailed",
            circumstances,
            details={"link": link["id"], "to": donor["contact_email"]},
        )
    return str(donor["contact_email"])
