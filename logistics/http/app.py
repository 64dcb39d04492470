"""The Litestar application factory: middleware, templates, static files, controllers."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

from litestar import Litestar
from litestar.config.compression import CompressionConfig
from litestar.config.csrf import CSRFConfig
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template import TemplateConfig

from inventory.engine import connection_pool
from logistics.auth.middleware import SessionCSRFMiddleware, TokenAuthenticationMiddleware
from logistics.database import ensure_migrated
from logistics.field.worker import InboxWorker
from logistics.http.dependencies import DEPENDENCIES
from logistics.http.problems import EXCEPTION_HANDLERS
from logistics.http.routing import ROUTE_HANDLERS
from logistics.http.templating import configure_templates
from logistics.rounds import jobs
from logistics.settings import Settings, get_settings

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def create_app(settings: Settings | None = None, require_migrations: bool = True) -> Litestar:
    """Build the app. ``require_migrations=False`` only serves probes on a stale schema."""
    settings = settings or get_settings()

    @contextlib.asynccontextmanager
    async def database_lifespan(app: Litestar) -> AsyncIterator[None]:
        if require_migrations:
            await ensure_migrated()
        # The probe-only app (stale schema) must not apply phone batches.
        inbox = (
            InboxWorker(lambda: datetime.now(settings.timezone)).running()
            if require_migrations
            else contextlib.nullcontext()
        )
        async with connection_pool(settings.db_pool), inbox as app.state.inbox:
            try:
                yield
            finally:
                await jobs.interrupt_all()

    # Phones on mobile data: pages, scripts and JSON go gzipped (the agent's first load drops
    # from 52 to 24 kB). Not the phones' sync answer: a kilobyte, on the route fifty phones may
    # hit in the same second, where every tenth of a millisecond of CPU queues.
    compression = CompressionConfig(
        backend="gzip", gzip_compress_level=6, exclude=[r"^/api/v1/sync$"]
    )
    csrf = CSRFConfig(
        secret=settings.secret_key,
        cookie_secure=settings.base_url.startswith("https://"),
        cookie_samesite="lax",
    )
    return Litestar(
        route_handlers=[
            *ROUTE_HANDLERS,
            create_static_files_router(
                path="/static", directories=[PACKAGE_DIR / "static"], include_in_schema=False
            ),
        ],
        middleware=[
            DefineMiddleware(SessionCSRFMiddleware, config=csrf),
            DefineMiddleware(TokenAuthenticationMiddleware),
        ],
        compression_config=compression,
        dependencies=DEPENDENCIES,
        exception_handlers=EXCEPTION_HANDLERS,
        template_config=TemplateConfig(
            directory=PACKAGE_DIR / "templates",
            engine=JinjaTemplateEngine,
            engine_callback=configure_templates,
        ),
        openapi_config=OpenAPIConfig(
            title="Suivi du matériel informatique donné — API",
            version="1",
            path="/api/v1/schema",
            render_plugins=[JsonRenderPlugin()],
        ),
        lifespan=[database_lifespan],
        debug=settings.debug,
    )
