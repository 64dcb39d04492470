"""The application: settings, Litestar app, pages and API, auth, scheduler, people, CLI."""

import os

# Piccolo finds its registry through this variable; ours picks the engine from DATABASE_URL.
os.environ.setdefault("PICCOLO_CONF", "logistics.piccolo_conf")
