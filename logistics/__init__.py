"""The application: settings, Litestar app, pages and API, auth, scheduler, people-side contexts, CLI."""
