"""Every use case that reads an organisation's records takes the caller's scope.

A use case is a public function that another package calls (a controller, the CLI, a job,
another context); the helpers a package keeps to itself are reached through those. One that
reads a scoped table (a table with an ``organisation`` column) must take a ``Scope``, so that
no controller can read another association's records by forgetting a check before the call.
The few readers that rightly have no caller's scope are listed below with their reason.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from logistics.piccolo_conf import APP_REGISTRY

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("inventory", "logistics")
READS = frozenset({"select", "objects", "exists", "count", "raw"})

ALLOWED = {
    # Public and anonymous: the donor's access link and the /verifier page.
    "inventory/certificates/links.py::open_link": "checks the donor's link token and gives the "
    "link's own scope (one donor's documents, no change)",
    "inventory/certificates/service.py::verify": "public verification by number or file hash: "
    "a document's printed summary only",
    # Signing in and one's own account: there is no caller's scope yet, or it is oneself.
    "logistics/accounts/service.py::authenticate": "signing in: nobody is identified yet",
    "logistics/accounts/service.py::change_password": "the caller's own account, from the session",
    "logistics/accounts/service.py::username_taken": "user names are unique in the deployment",
    # The scheduler's jobs act for every organisation.
    "inventory/services/ledger.py::check_overdue_agreements": "job: every agreement's arrears",
    "logistics/mail/certificates.py::mail_certificates": "job: issues and e-mails the "
    "certificates of every closed collection",
    "logistics/rounds/reminders.py::remind_crews": "job: reminds every crew of tomorrow's round",
    "logistics/visits/reminders.py::remind_visits": "job: reminds every trainee of tomorrow's "
    "visit and sends every staff member their call list",
    # The SMS gateway's webhook: the request is signed by the gateway, and the answer goes to
    # the visit of the trainee whose number sent it.
    "logistics/visits/calls.py::record_reply": "a signed text answer from the SMS gateway",
    # A phone's calendar app has no session: the signed token names one staff member.
    "logistics/visits/calendar.py::feed": "a staff member's own visits, by their signed token",
}


def _scoped_tables() -> frozenset[str]:
    return frozenset(
        table.__name__
        for config in APP_REGISTRY.app_configs.values()
        for table in config.table_classes
        if any(column._meta.name == "organisation" for column in table._meta.columns)
    )


def _files_of(folder: str) -> Iterator[Path]:
    for path in sorted((ROOT / folder).rglob("*.py")):
        if "piccolo_migrations" not in path.parts:
            yield path


def _sources() -> Iterator[Path]:
    for package in PACKAGES:
        yield from _files_of(package)


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _package(module: str) -> str:
    return module.rpartition(".")[0]


def _used_elsewhere() -> set[tuple[str, str]]:
    """(module, name) of every name another package takes from a module of ours."""
    modules = {_module(path) for path in _sources()}
    used: set[tuple[str, str]] = set()
    for path in _sources():
        here = _package(_module(path))
        aliases: dict[str, str] = {}
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    name = f"{node.module}.{alias.name}"
                    if name in modules:
                        aliases[alias.asname or alias.name] = name
                    elif node.module in modules and _package(node.module) != here:
                        used.add((node.module, alias.name))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                module = aliases.get(node.value.id)
                if module is not None and _package(module) != here:
                    used.add((module, node.attr))
    return used


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _reads(function: ast.AST, scoped: frozenset[str], constants: set[str]) -> bool:
    """Whether the body reads a scoped table itself: ``Item.select(...)``, a table handed to a
    helper (``issued_pdf(Certificate, ...)``), or a module constant built from one."""
    for node in ast.walk(function):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in scoped
            and node.attr in READS
        ):
            return True
        if isinstance(node, ast.Call) and any(
            isinstance(arg, ast.Name) and arg.id in scoped for arg in node.args
        ):
            return True
        if isinstance(node, ast.Name) and node.id in constants:
            return True
    return False


def _takes_scope(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    arguments = function.args
    return any(
        argument.annotation is not None
        and re.search(r"\bScope\b", ast.unparse(argument.annotation)) is not None
        for argument in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)
    )


def unscoped_readers(source: str, public: set[str], scoped: frozenset[str]) -> set[str]:
    """The functions of ``public`` in a module that read a scoped table, directly or through
    the module's own helpers, without taking a ``Scope``."""
    tree = ast.parse(source)
    functions = {
        node.name: node
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    constants = {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign) and _names(node.value) & scoped
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    reads = {name: _reads(node, scoped, constants) for name, node in functions.items()}
    calls = {name: _names(node) & functions.keys() for name, node in functions.items()}
    changed = True
    while changed:
        changed = False
        for name in functions:
            if not reads[name] and any(reads[callee] for callee in calls[name]):
                reads[name] = changed = True
    return {
        name
        for name, node in functions.items()
        if name in public and reads[name] and not _takes_scope(node)
    }


def _is_use_case_module(path: Path) -> bool:
    """Controllers take the scope from the request; demo data is loaded by the operator."""
    relative = path.relative_to(ROOT)
    return relative.parts[:2] != ("logistics", "http") and not any(
        part.startswith("demo") for part in relative.parts
    )


def _offenders() -> set[str]:
    scoped = _scoped_tables()
    used = _used_elsewhere()
    found: set[str] = set()
    for path in filter(_is_use_case_module, _sources()):
        module = _module(path)
        public = {name for owner, name in used if owner == module and not name.startswith("_")}
        relative = path.relative_to(ROOT).as_posix()
        for name in unscoped_readers(path.read_text(), public, scoped):
            found.add(f"{relative}::{name}")
    return found


def test_every_use_case_reading_an_organisations_records_takes_the_scope() -> None:
    assert _offenders() - ALLOWED.keys() == set()


def test_controllers_read_no_scoped_table_themselves() -> None:
    """A controller reads through the use cases, never straight from a scoped table."""
    scoped = _scoped_tables()
    readers = {
        path.relative_to(ROOT).as_posix()
        for path in _files_of("logistics/http")
        if _reads(ast.parse(path.read_text()), scoped, set())
    }
    assert readers == set()


def test_each_exception_is_still_needed() -> None:
    assert ALLOWED.keys() - _offenders() == set()


def test_the_walk_finds_a_read_through_a_helper_and_accepts_a_scoped_one() -> None:
    source = """
LISTED = Lot.all_columns()

async def lot_items(lot_id: int) -> list:
    return await _items(lot_id)

async def _items(lot_id: int) -> list:
    return await Item.select().where(Item.lot == lot_id)

async def lot_columns(lot_id: int) -> list:
    return await query(LISTED)

async def scoped_items(scope: Scope, lot_id: int) -> list:
    return await _items(lot_id)
"""
    public = {"lot_items", "lot_columns", "scoped_items"}
    found = unscoped_readers(source, public, frozenset({"Item", "Lot"}))
    assert found == {"lot_items", "lot_columns"}
