"""ASGI entry point for uvicorn: ``uvicorn logistics.asgi:app``."""

import gc

from logistics.http.app import create_app

app = create_app()

# Why: the imported libraries (ReportLab, PyVRP, Litestar's route models…) leave about a million
# objects that live as long as the process. Each full garbage collection walked them all and
# stalled every request in flight for 100 ms or more, in the middle of a burst of phones
# syncing. Frozen here, once built, they are never walked again; only objects made while serving
# are. Done in this module and not in ``create_app`` so that tests, which build many apps in one
# process, do not pin their garbage.
gc.collect()
gc.freeze()
