"""The arrows of the house point one way, and only settings read the environment."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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
    for package in ("logistics", "inventory", "routes"):
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
