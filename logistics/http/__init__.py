"""HTTP layer: the Litestar app, its controllers (pages and API) and the error mapping."""
