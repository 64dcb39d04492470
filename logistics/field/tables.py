"""The server's memory of the phone entries it applied (accusés de réception).

Every entry made on a phone carries an id made there. Once applied, its receipt is written in
the same transaction as the change itself, so an entry sent again (a replayed batch, a sync cut
by a lost network or a server restart) finds its receipt and is answered the same way without
being applied twice. Refused entries leave no receipt: the agent fixes them and sends them again.
"""

from __future__ import annotations

from piccolo.columns import JSON, ForeignKey, Integer, Serial, Timestamptz, Varchar
from piccolo.table import Table

from inventory.tables import Organisation


class SyncReceipt(Table, tablename="sync_receipt"):
    """One applied phone entry: its id, its kind, and the server record it produced."""

    # Piccolo adds this primary key itself; the annotation is for type checkers.
    id: Serial
    client_id = Varchar(length=36, unique=True)
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    kind = Varchar(length=20)
    record_id = Integer(null=True, default=None)
    agent_id = Integer(null=True, default=None)
    received_at = Timestamptz()


class SyncBatch(Table, tablename="sync_batch"):
    """A batch of phone entries as it arrived (the inbox, boîte de réception).

    Stored in one INSERT before the phone is answered, applied just after by the inbox worker
    (``logistics.field.inbox``); the answers for its entries are kept here for the phone to
    fetch. ``sender`` is the sender's scope as it was on arrival: entries logged while the
    agent was allowed to log them are applied even if the account changed in between.
    """

    id: Serial
    organisation = ForeignKey(references=Organisation, null=False, index=True)
    agent_id = Integer(index=True)
    sender = JSON()
    received_at = Timestamptz()
    app = Varchar(length=100, default="")
    entries = JSON()
    state = Varchar(length=10, default="received", index=True)
    claim = Varchar(length=36, null=True, default=None)
    claimed_at = Timestamptz(null=True, default=None)
    attempts = Integer(default=0)
    applied_at = Timestamptz(null=True, default=None)
    results = JSON(null=True, default=None)
