"""JSON API controllers, mounted under ``/api/v1``."""
