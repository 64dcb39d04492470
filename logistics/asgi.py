"""ASGI entry point for uvicorn: ``uvicorn logistics.asgi:app``."""

from logistics.http.app import create_app

app = create_app()
