"""The command line: demo data loads once, the first administrator can be created."""

from __future__ import annotations

from click.testing import CliRunner

from inventory.tables import Organisation
from logistics.accounts.tables import UserAccount
from logistics.cli import main
from tests.factories import run


def _counts() -> tuple[int, int]:
    return run(Organisation.count()), run(UserAccount.count())


def test_demo_is_idempotent_and_shows_two_collecting_associations() -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["demo"])
    assert first.exit_code == 0, first.output
    counts = _counts()
    assert counts[0] >= 5 and counts[1] >= 8

    second = runner.invoke(main, ["demo"])
    assert second.exit_code == 0
    assert "0 organisation(s) and 0 account(s) added" in second.output
    assert _counts() == counts
    kinds = run(Organisation.select(Organisation.code).where(Organisation.kind == "collecting"))
    assert {row["code"] for row in kinds} == {"RP", "CP"}


def test_first_administrator_is_created_from_the_command_line() -> None:
    runner = CliRunner()
    organisation = runner.invoke(
        main, ["create-organisation", "Grand Chambéry", "--code", "GC", "--kind", "coordinating"]
    )
    assert organisation.exit_code == 0, organisation.output
    created = runner.invoke(
        main,
        ["create-user", "admin", "--full-name", "Admin", "--role", "admin", "--organisation", "GC"],
        input="un-mot-de-passe-long\nun-mot-de-passe-long\n",
    )
    assert created.exit_code == 0, created.output
    assert run(UserAccount.exists().where(UserAccount.username == "admin"))

    unknown = runner.invoke(
        main,
        [
            "create-user",
            "x",
            "--full-name",
            "X",
            "--role",
            "agent",
            "--organisation",
            "ZZ",
            "--password",
            "un-mot-de-passe-long",
        ],
    )
    assert unknown.exit_code == 1
    assert "Aucune organisation" in unknown.output
