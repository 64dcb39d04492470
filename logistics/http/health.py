"""Liveness and readiness probes for the container orchestrator and the load balancer."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Response, get

from logistics.database import MIGRATE_COMMAND, database_status


class HealthController(Controller):
    include_in_schema = False

    @get("/healthz")
    async def alive(self) -> dict[str, str]:
        """The process answers; says nothing of the database."""
        return {"status": "ok"}

    @get("/readyz")
    async def ready(self) -> Response[dict[str, Any]]:
        """Ready when the database answers and every migration is applied."""
        status = await database_status()
        body: dict[str, Any] = {"status": "ok" if status.ready else "unavailable"}
        if not status.reachable:
            body["database"] = f"unreachable ({status.error})"
        elif status.pending:
            body["pending_migrations"] = status.pending
            body["fix"] = MIGRATE_COMMAND
        return Response(body, status_code=200 if status.ready else 503)
