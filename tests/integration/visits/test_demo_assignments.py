"""The demo's attributions: two reservations for the finished cycle's trainees, one contract
signed, a computer left in stock to offer; loaded once."""

from __future__ import annotations

from inventory.tables import Device
from logistics.demo import load_demo
from logistics.visits.tables import Assignment
from tests.factories import run


def _attributions() -> list[tuple[str, str, str, bool]]:
    rows = run(
        Assignment.select(
            Assignment.trainee.last_name,
            Assignment.device.reference,
            Assignment.state,
            Assignment.contract_signer,
        ).order_by(Assignment.id)
    )
    return [
        (r["trainee.last_name"], r["device.reference"], r["state"], bool(r["contract_signer"]))
        for r in rows
    ]


def test_the_demo_reserves_two_computers_signs_one_contract_and_loads_once() -> None:
    first = run(load_demo())
    again = run(load_demo())

    assert first["assignments"] == 2 and again["assignments"] == 0
    assert _attributions() == [
        ("Haddad", "TRI-2026-0412", "assigned", True),
        ("Girard", "TRI-2026-0413", "reserved", False),
    ]
    states = {row["state"] for row in run(Device.select(Device.state))}
    assert states == {"assigned", "reserved", "in_stock"}  # the laptop bought is on offer
