"""The HTTP API (``/api/…``) and the web pages: one FastAPI app, a thin layer over :class:`storyline.corpus.Corpus`.

    storyline serve --db storyline.db --port 8000
"""

from storyline.web.app import create_app, serve

__all__ = ["create_app", "serve"]
