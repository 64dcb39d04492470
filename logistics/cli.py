"""The ``logistics`` command: serve, migrate, create-user, demo, scheduler."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine
from typing import Any, TypeVar

import click

from inventory.errors import DomainError
from inventory.parties import OrganisationKind
from logistics.accounts.roles import Role

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a use case; a refusal is printed in French and exits with status 1, no traceback."""
    try:
        return asyncio.run(coroutine)
    except DomainError as error:
        click.echo(f"Erreur : {error.message}", err=True)
        sys.exit(1)


@click.group()
def main() -> None:
    """Suivi du matériel informatique donné (Ordi'Pratique)."""
    from logistics.settings import SettingsError, get_settings

    try:
        get_settings()
    except SettingsError as error:
        # A wrong setting is the operator's to fix: say which one, without a traceback.
        click.echo(f"Configuration error: {error}", err=True)
        sys.exit(2)


@main.command()
def migrate() -> None:
    """Apply the pending database migrations."""
    from logistics.database import migrate as apply

    applied = run(apply(quiet=True))
    click.echo(f"{len(applied)} migration(s) applied." if applied else "Database is up to date.")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int)
def serve(host: str, port: int, workers: int) -> None:
    """Serve the web application (refuses to start while migrations are pending)."""
    import uvicorn

    from logistics.database import PendingMigrations, ensure_migrated

    try:
        asyncio.run(ensure_migrated())
    except PendingMigrations as error:
        click.echo(str(error), err=True)
        sys.exit(2)
    uvicorn.run("logistics.asgi:app", host=host, port=port, workers=workers, proxy_headers=True)


@main.command("create-organisation")
@click.argument("name")
@click.option("--code", required=True, help="2 to 4 capital letters, printed on labels.")
@click.option("--kind", required=True, type=click.Choice([k.value for k in OrganisationKind]))
@click.option("--depot-address", default="")
def create_organisation(name: str, code: str, kind: str, depot_address: str) -> None:
    """Register an organisation (association, reconditioner, coordinator)."""
    from logistics.accounts.organisations import NewOrganisation, create_organisation

    new = NewOrganisation(name, code, OrganisationKind(kind), depot_address)
    organisation_id = run(create_organisation(new))
    click.echo(f"Organisation {name} created (id {organisation_id}).")


@main.command("create-user")
@click.argument("username")
@click.option("--full-name", required=True)
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--organisation", "organisation_code", required=True, help="Organisation code.")
@click.option("--email", default="")
@click.password_option(help="Asked for when not given.")
def create_user(
    username: str, full_name: str, role: str, organisation_code: str, email: str, password: str
) -> None:
    """Create an account from the command line (for instance the first administrator)."""
    from inventory.errors import NotFound
    from logistics.accounts import service
    from logistics.accounts.identity import OPERATOR_SCOPE
    from logistics.accounts.organisations import organisation_id_by_code

    async def create() -> dict[str, Any]:
        organisation_id = await organisation_id_by_code(organisation_code)
        if organisation_id is None:
            raise NotFound(f"Aucune organisation n'a le code « {organisation_code} ».")
        new = service.NewUser(username, full_name, password, Role(role), organisation_id, email)
        return await service.create_user(frozenset(Role), None, OPERATOR_SCOPE, new)

    created = run(create())
    click.echo(f"Account {created['username']} created ({Role(role).label}).")


@main.command()
def demo() -> None:
    """Load the demo data (idempotent: a second run changes nothing)."""
    from logistics.demo import DEMO_PASSWORD, load_demo

    added = run(load_demo())
    click.echo(
        f"Demo data: {added['organisations']} organisation(s) and {added['accounts']} "
        f"account(s) added. Demo password for every account: {DEMO_PASSWORD}"
    )
    _print_demo_donor_link()


def _print_demo_donor_link() -> None:
    """The demo donor's access link, shown once: only its hash is stored."""
    from logistics.demo import demo_donor_link

    link = run(demo_donor_link())
    if link.address:
        click.echo(
            f"Donor link of « {link.donor_name} » (shown this once only, keep it): {link.address}"
        )
    else:
        click.echo(
            f"The donor link of « {link.donor_name} » was shown when it was created; make "
            f"another on /donateurs/{link.donor_id}/acces."
        )


@main.command()
def scheduler() -> None:
    """Run the periodic jobs (reminders, clean-ups) in this process, until stopped."""
    from logistics.scheduler import run_scheduler

    run_scheduler()


@main.command()
def anonymise() -> None:
    """Anonymise now the trainees past RESIDENT_RETENTION_MONTHS (as the nightly job does)."""
    from inventory.history import Circumstances
    from logistics import clock
    from logistics.accounts.identity import OPERATOR_SCOPE
    from logistics.privacy.anonymise import anonymise_past_retention
    from logistics.settings import get_settings

    circumstances = Circumstances(at=clock.now(), app="ligne de commande")
    done = run(anonymise_past_retention(OPERATOR_SCOPE, circumstances))
    months = get_settings().resident_retention_months
    click.echo(f"{len(done)} trainee file(s) anonymised (no activity for {months} months or more).")


@main.command("solve-vrptw")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--seconds", default=5.0, show_default=True, type=float)
@click.option("--seed", default=1, show_default=True, type=int)
def solve_vrptw(file: str, seconds: float, seed: int) -> None:
    """Solve a Solomon VRPTW instance with the rounds optimiser (same code path as the app)."""
    from routes.solomon import solve_file

    result = solve_file(file, seconds, seed)
    click.echo(
        f"{result.name}: cost {result.cost:.1f}, vehicles {result.vehicles}, "
        f"time {result.seconds:.2f} s, unplanned {result.unplanned}"
    )
