"""The server's memory of the phone entries it applied (accusés de réception).

Every entry made on a phone carries an id made there. Once applied, its receipt is written in
the same transaction as the change itself, so an entry sent again (a replayed batch, a sync cut
by a lost network or a server restart) finds its receipt and is answered the same way without
being applied twice. Refused entries leave no receipt: the agent fixes them and sends them again.
"""

from __future__ import annotations

from piccolo.columns import ForeignKey, Integer, Timestamptz, Varchar
from piccolo.table import Table

from inventory.tables import Organisation


class SyncReceipt(Table, tablename="sync_receipt"):
    """One applied phone entry: its id, its kind, and the server record it produced."""

    client_id = Varchar(length=36, unique=True)
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    kind = Varchar(length=20)
    record_id = Integer(null=True, default=None)
    agent_id = Integer(null=True, default=None)
    received_at = Timestamptz()
