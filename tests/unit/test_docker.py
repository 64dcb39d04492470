"""The production files say what the README promises: non-root, health check, three services."""

from __future__ import annotations

from pathlib import Path

import yaml

DOCKER = Path(__file__).resolve().parents[2] / "docker"


def test_the_image_runs_as_a_non_root_user_with_a_health_check() -> None:
    dockerfile = (DOCKER / "Dockerfile").read_text()
    assert "USER tracker" in dockerfile and "useradd" in dockerfile
    assert "HEALTHCHECK" in dockerfile and "/healthz" in dockerfile
    assert dockerfile.count("FROM python:3.11-slim") == 2


def test_compose_runs_the_app_a_scheduler_and_postgresql_16_on_a_named_volume() -> None:
    compose = yaml.safe_load((DOCKER / "compose.yaml").read_text())
    services = compose["services"]
    assert services["scheduler"]["command"] == ["logistics", "scheduler"]
    assert services["db"]["image"] == "postgres:16"
    assert "tracker-db" in compose["volumes"]
    assert services["db"]["volumes"] == ["tracker-db:/var/lib/postgresql/data"]
    assert "postgresql://" in services["app"]["environment"]["DATABASE_URL"]
    assert services["app"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
