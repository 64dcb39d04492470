"""The accessibility audit of the browser tests: axe-core, installed by ``npm ci`` from the
project's package-lock.json and injected from node_modules (no CDN), with the WCAG 2.0, 2.1 and
2.2 A and AA rules (2.2 AA brings target-size: every target at least 24 × 24 CSS px)."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from playwright.sync_api import Page

from logistics.accounts.roles import Role

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}
PHONE_WIDTH = 360
PHONE = {
    "viewport": {"width": PHONE_WIDTH, "height": 740},
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


@dataclass(frozen=True)
class Violation:
    """One failing element: which rule, where, on which page, for whom."""

    rule: str
    impact: str
    target: str
    page: str
    who: str
    help: str

    def __str__(self) -> str:
        return f"{self.who} {self.page}: {self.rule} ({self.impact}) on {self.target} — {self.help}"


def axe_violations(page: Page, who: str) -> list[Violation]:
    """Run axe on the page as it is now; the serious and critical violations, one per element."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make install does)")
    page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {
                runOnly: { type: "tag", values: tags }, resultTypes: ["violations"],
            });
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map((n) => n.target.join(" ")),
            }));
        }""",
        WCAG_TAGS,
    )
    path = page.evaluate("location.pathname + location.search + location.hash")
    return [
        Violation(v["id"], v["impact"], target, path, who, v["help"])
        for v in found
        if v["impact"] in FAILING_IMPACTS
        for target in v["targets"]
    ]


def content_of(page: Page) -> str:
    """The page's title and main content, without the CSRF tokens that differ on each load."""
    return str(
        page.evaluate(
            """() => {
                const main = document.querySelector("main")?.cloneNode(true);
                main?.querySelectorAll("input[name='_csrf_token']").forEach((i) => i.remove());
                return document.title + (main ? main.outerHTML : document.body.outerHTML);
            }"""
        )
    )


def page_width(page: Page) -> int:
    """How wide the document is, in CSS px: wider than the viewport means sideways scrolling."""
    return int(page.evaluate("document.documentElement.scrollWidth"))


def readable(problems: list[Any]) -> str:
    return "\n".join(str(p) for p in problems)


def pages_by_role(app: Litestar) -> dict[Role | None, list[str]]:
    """The app's HTML pages that take no path parameter, per role allowed by their guard
    (``None``: pages open to anyone, such as the login page)."""
    pages: dict[Role | None, list[str]] = {}
    for route in app.routes:
        if route.path.startswith(("/api", "/static")) or route.path_parameters:
            continue
        for handler in getattr(route, "route_handlers", []):
            returned = str(handler.parsed_fn_signature.return_type.annotation)
            if "GET" not in handler.http_methods or "Template" not in returned:
                continue
            for role in roles_allowed(handler):
                pages.setdefault(role, []).append(route.path)
    return pages


def roles_allowed(handler: Any) -> list[Role | None]:
    """The roles a handler's ``allow(...)`` guard lets through (the roles it closes over)."""
    guards = handler.resolve_guards()
    if not guards:
        return [None]
    return sorted(inspect.getclosurevars(guards[0]).nonlocals["roles"])


def route_roles(app: Litestar, path: str) -> list[Role | None]:
    """The roles allowed on the GET route whose template is ``path`` (``/lots/{lot_id:int}``)."""
    for route in app.routes:
        if route.path == path:
            for handler in route.route_handlers:  # type: ignore[attr-defined]
                if "GET" in handler.http_methods:
                    return roles_allowed(handler)
    raise LookupError(f"no GET route {path}")
