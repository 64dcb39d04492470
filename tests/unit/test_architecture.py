"""The arrows of the house point one way, and only settings read the environment."""

from __future__ import annotations

import ast
import re
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("logistics", "inventory", "routes")
ENGINE_MODULE = "inventory/engine.py"


def _imports(package: str) -> dict[Path, set[str]]:
    found: dict[Path, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[path] = names
    return found


def test_inventory_and_routes_never_import_the_application_or_each_other() -> None:
    for package, forbidden in (
        ("inventory", {"logistics", "routes"}),
        ("routes", {"logistics", "inventory"}),
    ):
        offenders = {
            str(path.relative_to(ROOT)): names & forbidden
            for path, names in _imports(package).items()
            if names & forbidden
        }
        assert offenders == {}


def _modules_imported(path: Path) -> set[str]:
    """Every module a file imports, by its full name (``from a.b import c`` gives ``a.b`` and
    ``a.b.c``: ``c`` may be a module)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _importers(files: list[Path], forbidden: str) -> dict[str, set[str]]:
    """The files among ``files`` that import ``forbidden`` or a module inside it."""
    found = {}
    for path in files:
        hits = {
            n for n in _modules_imported(path) if n == forbidden or n.startswith(f"{forbidden}.")
        }
        if hits:
            found[str(path.relative_to(ROOT))] = hits
    return found


def _files(*places: str) -> list[Path]:
    paths: list[Path] = []
    for place in places:
        target = ROOT / place
        paths += sorted(target.rglob("*.py")) if target.is_dir() else [target]
    return paths


# The application's use cases (services) and its background jobs: none of them knows HTTP.
USE_CASE_PACKAGES = (
    "logistics/accounts",
    "logistics/field",
    "logistics/mail",
    "logistics/rota",
    "logistics/rounds",
    "logistics/staff",
)
JOBS = ("logistics/scheduler.py",)  # the job modules themselves live in the packages above


def test_pages_and_api_controllers_never_import_each_other() -> None:
    """What both need (schemas, file responses) lives beside them in ``logistics.http``, and
    the rules they share live in the use cases."""
    assert _importers(_files("logistics/http/pages"), "logistics.http.api") == {}
    assert _importers(_files("logistics/http/api"), "logistics.http.pages") == {}


def test_use_cases_and_jobs_never_import_the_http_layer() -> None:
    assert _importers(_files(*USE_CASE_PACKAGES, *JOBS), "logistics.http") == {}
    assert _importers(_files(*USE_CASE_PACKAGES, *JOBS), "litestar") == {}


def test_routes_says_it_holds_no_http_handlers() -> None:
    first_line = (ROOT / "routes" / "__init__.py").read_text().splitlines()[0]
    assert "itinerar" in first_line.lower() and "not HTTP" in first_line


def _reads_environment(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv", "environb"}:
            return True
        if (
            isinstance(node, ast.ImportFrom)
            and node.module == "os"
            and any(alias.name in {"environ", "getenv"} for alias in node.names)
        ):
            return True
    return False


def test_only_settings_read_the_environment() -> None:
    readers = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if _reads_environment(ast.parse(path.read_text())):
                readers.add(str(path.relative_to(ROOT)))
    # logistics/__init__ only *sets* Piccolo's variable so Piccolo finds our registry.
    assert readers <= {"logistics/settings.py", "logistics/__init__.py"}


def test_demo_data_lives_only_in_the_demo_package() -> None:
    """One place to read, and to leave out of a deployment, for what `logistics demo` loads."""
    elsewhere = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "logistics").rglob("*.py")
        if "demo" in str(path.relative_to(ROOT / "logistics").with_suffix(""))
        and path.relative_to(ROOT / "logistics").parts[0] != "demo"
    }
    assert elsewhere == set()


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _logistics_graph() -> dict[str, set[str]]:
    """Which ``logistics`` modules each one imports, imports inside functions included (a lazy
    import hides a cycle from Python, not from the design)."""
    paths = list((ROOT / "logistics").rglob("*.py"))
    modules = {_module_name(path) for path in paths}
    graph: dict[str, set[str]] = {}
    for path in paths:
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
        own = _module_name(path)
        graph[own] = {name for name in names if name in modules and name != own}
    return graph


def test_logistics_modules_import_each_other_without_a_cycle() -> None:
    try:
        TopologicalSorter(_logistics_graph()).prepare()
    except CycleError as error:
        raise AssertionError(f"import cycle: {' -> '.join(error.args[1])}") from None


def test_the_rounds_settings_are_values_that_import_nothing_of_the_application() -> None:
    """``logistics.settings`` reads the environment and builds them: one arrow, not a circle."""
    assert _logistics_graph()["logistics.rounds.settings"] == set()


def test_rounds_read_the_staff_and_the_staff_never_read_the_rounds() -> None:
    staff_imports = {
        name
        for module, names in _logistics_graph().items()
        if module.startswith("logistics.staff")
        for name in names
    }
    assert {name for name in staff_imports if name.startswith("logistics.rounds")} == set()


def test_the_rota_reads_rounds_and_staff_and_neither_reads_the_rota() -> None:
    readers = {
        module: {name for name in names if name.startswith("logistics.rota")}
        for module, names in _logistics_graph().items()
        if module.startswith(("logistics.rounds", "logistics.staff"))
    }
    assert {module: names for module, names in readers.items() if names} == {}


ROTA_CORE = (
    "model",
    "eligibility",
    "solver",
    "explain",
    "checker",
    "needs",
    "progress",
    "settings",
)
"""The rota's solver, explanations and checker: pure functions over plain data."""


def test_the_rota_solver_and_checker_know_no_database() -> None:
    """The CP-SAT model is a pure function of its dataclasses (tests and the benchmark need no
    database): its modules import only each other among the application's, and no ORM."""
    core = {f"logistics.rota.{name}" for name in ROTA_CORE}
    graph = _logistics_graph()
    assert {module: graph[module] - core for module in core if graph[module] - core} == {}
    files = [ROOT / "logistics" / "rota" / f"{name}.py" for name in ROTA_CORE]
    assert _importers(files, "piccolo") == {}


def _sources() -> dict[str, str]:
    """The application's modules. Not its migrations: each is a frozen step of the schema's
    history that must keep running as written, and some rebuild a table by engine."""
    return {
        str(path.relative_to(ROOT)): path.read_text()
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "piccolo_migrations" not in path.parts
    }


_DRIVERS = re.compile(r"\b(SQLiteEngine|PostgresEngine|asyncpg|aiosqlite|sqlite3)\b")


def test_only_the_engine_module_knows_which_database_runs() -> None:
    """The SQLite/PostgreSQL differences live in ``inventory/engine.py``; ``piccolo_conf.py``
    only builds the engine the settings choose."""
    mentions = {path for path, text in _sources().items() if _DRIVERS.search(text)}
    assert mentions <= {ENGINE_MODULE, "logistics/piccolo_conf.py"}


def test_writes_open_their_transaction_one_way() -> None:
    """A bare ``transaction()`` is DEFERRED on SQLite: its first write after a read fails with
    "database is locked" when another writer got in first. ``write_transaction`` does not."""
    bare = {
        path
        for path, text in _sources().items()
        if re.search(r"\.transaction\(", text) and path != ENGINE_MODULE
    }
    assert bare == set()


_NOT_PURE = {"piccolo", "asyncpg", "aiosqlite", "sqlite3", "litestar"}


def test_the_pure_core_imports_no_database_driver() -> None:
    """States, transitions and domain errors are plain Python, tested in milliseconds: neither
    they nor the ``inventory`` modules they import reach a driver, the ORM or the web."""
    imports = _imports("inventory")
    reached: set[Path] = set()
    waiting = [ROOT / "inventory" / name for name in ("errors.py", "model.py", "states.py")]
    while waiting:
        path = waiting.pop()
        if path in reached:
            continue
        reached.add(path)
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("inventory."):
                waiting.append(ROOT / (node.module.replace(".", "/") + ".py"))
    offenders = {
        str(path.relative_to(ROOT)): imports[path] & _NOT_PURE
        for path in reached
        if imports[path] & _NOT_PURE
    }
    assert offenders == {}
