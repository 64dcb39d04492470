"""Settings come from the environment once; secrets are generated, kept, or refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from logistics.settings import SettingsError, load_settings


def test_defaults_give_a_sqlite_file_in_the_data_folder_and_paris_time(tmp_path: Path) -> None:
    settings = load_settings({"DATA_DIR": str(tmp_path)})
    assert settings.is_sqlite
    assert settings.sqlite_path == tmp_path / "tracker.sqlite"
    assert str(settings.timezone) == "Europe/Paris"
    assert not settings.debug and not settings.production


def test_a_generated_secret_key_is_kept_for_the_next_start(tmp_path: Path) -> None:
    first = load_settings({"DATA_DIR": str(tmp_path)}).secret_key
    assert len(first) >= 32
    assert load_settings({"DATA_DIR": str(tmp_path)}).secret_key == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_refuses_a_missing_or_weak_secret_key(tmp_path: Path) -> None:
    for weak in ("", "changeme", "a" * 40):
        with pytest.raises(SettingsError, match="SECRET_KEY"):
            load_settings({"DATA_DIR": str(tmp_path), "PRODUCTION": "1", "SECRET_KEY": weak})
    strong = "k3Jd9-ZpQ0vX_2mB7rT5yL8nW4sA1cE6hG0uI9oP"
    settings = load_settings(
        {"DATA_DIR": str(tmp_path), "PRODUCTION": "true", "SECRET_KEY": strong}
    )
    assert settings.secret_key == strong


def test_database_url_selects_postgresql(tmp_path: Path) -> None:
    url = "postgresql://postgres@127.0.0.1:5432/tracker"
    settings = load_settings({"DATA_DIR": str(tmp_path), "DATABASE_URL": url})
    assert not settings.is_sqlite and settings.database_url == url
