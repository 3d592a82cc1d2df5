"""The app: the API and the pages over one Corpus, behind the request guards; ``serve`` runs it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from storyline.corpus import Corpus
from storyline.web import api, errors, pages, watching
from storyline.web.library import Library
from storyline.web.middleware import BodyLimit, SecurityHeaders

STATIC_DIRECTORY = Path(__file__).resolve().parent.parent / "static"
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]


def create_app(db_path: str | Path, *, allow_private: bool = False) -> FastAPI:
    """The app over the database at ``db_path``; ``allow_private`` lets ingest-by-URL fetch local addresses."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        corpus = Corpus.open(db_path)
        app.state.library = Library(corpus, allow_private)
        try:
            yield
        finally:
            corpus.close()

    # Swagger UI and ReDoc load scripts from a CDN, which the CSP forbids; the schema itself is served.
    app = FastAPI(title="Storyline", version="1", lifespan=lifespan, openapi_url="/api/openapi.json",
                  docs_url=None, redoc_url=None,
                  description="Stories, sourced briefs, entities, quotes and timelines over your own news articles.")
    app.include_router(api.router)
    app.include_router(watching.api)
    app.include_router(pages.router)
    app.include_router(watching.pages)
    app.mount("/static", StaticFiles(directory=STATIC_DIRECTORY), name="static")
    errors.install(app)
    app.add_middleware(BodyLimit, max_bytes=api.MAX_BODY_BYTES)
    app.add_middleware(SecurityHeaders)
    return app


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the API and the pages until interrupted."""
    app = create_app(db_path)
    if host in LOOPBACK_NAMES:
        # A web page can point a name it controls at 127.0.0.1 (DNS rebinding) and read a local server as its own;
        # the Host header still names the page's site, so a local server accepts only local names.
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_NAMES)
    uvicorn.run(app, host=host, port=port)
