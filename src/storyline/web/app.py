"""The app: the API and the pages over one Corpus, behind the request guards; ``serve`` runs it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
import fastapi_offline
import uvicorn
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from storyline.corpus import Corpus, load_article_views
from storyline.web import adding, api, errors, pages, watching
from storyline.web.hosts import HostGuard, allowed_hosts
from storyline.web.library import Library
from storyline.web.middleware import BodyLimit, SecurityHeaders

STATIC_DIRECTORY = Path(__file__).resolve().parent.parent / "static"
# Swagger UI 5 (which reads OpenAPI 3.1, as FastAPI writes it), as the fastapi-offline package ships it. Only its
# files are used: its pages start Swagger UI with an inline script, which the CSP forbids.
SWAGGER_UI_DIRECTORY = Path(fastapi_offline.__file__).resolve().parent / "static"
# Swagger UI runs scripts, from this server only, and fetches the schema; nothing on the page is article text.
DOCS_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'")


def create_app(db_path: str | Path, *, allow_private: bool = False,
               hosts: Iterable[str] | None = None) -> FastAPI:
    """The app over the database at ``db_path``; ``allow_private`` lets ingest-by-URL fetch local addresses;
    ``hosts``, when given, the only Host names it answers to."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.library = Library(db_path, Corpus.open(db_path), allow_private)
        # Before the first request, not during it: the first article page used to load them.
        await anyio.to_thread.run_sync(load_article_views)
        app.state.jobs = adding.Jobs()
        try:
            yield
        finally:
            app.state.library.close()

    # FastAPI's own /docs loads Swagger UI from a CDN, which the CSP forbids: it is served from local files.
    app = FastAPI(title="Storyline", version="1", lifespan=lifespan, openapi_url="/api/openapi.json",
                  docs_url=None, redoc_url=None,
                  description="Stories, sourced briefs, entities, quotes and timelines over your own news articles.")
    app.include_router(api.router)
    app.include_router(watching.api)
    app.include_router(pages.router)
    app.include_router(adding.router)
    app.include_router(watching.pages)
    app.mount("/static", StaticFiles(directory=STATIC_DIRECTORY), name="static")
    app.mount("/docs/assets", StaticFiles(directory=SWAGGER_UI_DIRECTORY), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(pages.render("docs.html"), headers={"content-security-policy": DOCS_POLICY})

    errors.install(app)
    app.add_middleware(BodyLimit, max_bytes=api.MAX_BODY_BYTES)
    app.add_middleware(SecurityHeaders)
    if hosts is not None:
        app.add_middleware(HostGuard, allowed=frozenset(hosts))
    return app


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000, extra_hosts: Iterable[str] = ()) -> None:
    """Serve the API and the pages until interrupted, answering to the names of ``host`` and ``extra_hosts``."""
    uvicorn.run(create_app(db_path, hosts=allowed_hosts(host, extra_hosts)), host=host.strip("[]"), port=port)
