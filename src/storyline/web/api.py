"""The JSON API under /api: one endpoint per library call, its answer in the JSON forms of :mod:`storyline.serialize`,
errors as ``{"error", "detail"}`` with their status."""

from __future__ import annotations

from datetime import datetime, timezone
from http import HTTPStatus
from collections.abc import Awaitable
from typing import Any, Literal
from urllib.parse import urlencode

import anyio.to_thread
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from storyline.brief import svg
from storyline.corpus import ArticleView, Corpus
from storyline.ingest import IngestError
from storyline.model import Article
from storyline.pipeline import IngestReport
from storyline.serialize import article_entry, ingest_report
from storyline.store import StoreBusy, StoreError
from storyline.web.library import Library, found, library, same_site
from storyline.web.uploads import FORMAT_BY_MEDIA_TYPE, read_body

MAX_BATCH_ARTICLES = 500
# The longest page of a list: pages of stories or articles from a store of any size.
MAX_PAGE = 1000
# Enforced for every request by storyline.web.middleware.BodyLimit, before a body reaches an endpoint.
MAX_BODY_BYTES = 5 * 1024 * 1024
router = APIRouter(prefix="/api", tags=["api"])
ERRORS = {status: {"description": HTTPStatus(status).phrase} for status in (400, 403, 404, 409, 413, 415, 422, 503)}


class ArticleRecord(BaseModel):
    """One article as JSON (also one line of JSON Lines); ``body``, ``outlet``, ``date`` are accepted aliases."""

    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="ISO 8601, RFC 2822, a Unix timestamp or a written date")
    language: str = "en"


# The ingest endpoint reads its body itself (three formats), so its schema is declared by hand.
RECORD_SCHEMA = ArticleRecord.model_json_schema()
INGEST_BODY = {"requestBody": {"required": True, "content": {
    media_type: {"schema": {"oneOf": [RECORD_SCHEMA, {"type": "array", "items": RECORD_SCHEMA}]}
                 if kind == "json" else {"type": "string"}}
    for media_type, kind in FORMAT_BY_MEDIA_TYPE.items()}}}


class UrlToIngest(BaseModel):
    url: str = Field(pattern=r"^https?://", max_length=2048, description="an article page, a feed or a JSON file")
    fetch: bool = Field(False, description="for a feed: download the page each entry links to")


def aware(moment: datetime | None) -> datetime | None:
    """A query's date without a zone is taken as UTC, as the CLI does."""
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=timezone.utc)


async def into_store(ingest: Awaitable[IngestReport]) -> IngestReport:
    """The report of an ingest, or the store's refusal as an answer saying what to do: 503 when another process
    kept it busy past the wait, 409 when it cannot take articles as it is (its story index needs a
    ``storyline recluster``)."""
    try:
        return await ingest
    except StoreBusy as error:
        raise HTTPException(HTTPStatus.SERVICE_UNAVAILABLE, str(error)) from None
    except StoreError as error:
        raise HTTPException(HTTPStatus.CONFLICT, str(error)) from None


@router.post("/articles", status_code=HTTPStatus.CREATED, openapi_extra=INGEST_BODY, responses=ERRORS,
             dependencies=[Depends(same_site)],
             summary="Add articles from the request body",
             description="Plain text or Markdown (one article: front matter or the query parameters give its "
                         "metadata), JSON (one article object or a list) or JSON Lines; at most "
                         f"{MAX_BATCH_ARTICLES} articles and {MAX_BODY_BYTES:,} bytes per request. Bad records "
                         "are listed in `errors` and the rest is stored; 400 when none could be read.")
async def add_articles(request: Request, title: str | None = None, source: str | None = None,
                       url: str | None = None, published: str | None = None,
                       shared: Library = Depends(library)) -> JSONResponse:
    body = await request.body()
    metadata = {key: value for key, value in
                {"title": title, "source": source, "url": url, "published": published}.items() if value}
    items = await anyio.to_thread.run_sync(read_body, body, request.headers.get("content-type", ""), metadata)
    if len(items) > MAX_BATCH_ARTICLES:
        raise HTTPException(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                            f"{len(items)} articles in one request; at most {MAX_BATCH_ARTICLES}")
    articles = [item for item in items if isinstance(item, Article)]
    errors = [item for item in items if isinstance(item, IngestError)]
    if not articles:
        raise HTTPException(HTTPStatus.BAD_REQUEST, [str(error) for error in errors] or "no article in the body")
    report = await into_store(shared.add(articles))
    report.errors[:0] = errors
    return JSONResponse(ingest_report(report), status_code=HTTPStatus.CREATED if report.stored else HTTPStatus.OK)


@router.post("/articles/from-url", status_code=HTTPStatus.CREATED, responses=ERRORS,
             dependencies=[Depends(same_site)], summary="Fetch and add the articles at a URL")
async def add_from_url(request: UrlToIngest, shared: Library = Depends(library)) -> JSONResponse:
    report = await into_store(shared.ingest_url(request.url, request.fetch))
    if not report.read:
        raise HTTPException(HTTPStatus.BAD_REQUEST, [str(error) for error in report.errors])
    return JSONResponse(ingest_report(report), status_code=HTTPStatus.CREATED if report.stored else HTTPStatus.OK)


@router.get("/articles", responses=ERRORS, summary="List articles in publication order, a page at a time")
async def list_articles(request: Request, response: Response, source: str | None = None, since: datetime | None = None,
                        until: datetime | None = None, limit: int | None = Query(None, ge=1, le=MAX_PAGE),
                        after: str | None = None, shared: Library = Depends(library)) -> list[dict[str, Any]]:
    """All the articles, or a page of ``limit`` after the article ``after``; a full page links the next one in
    its ``Link`` header (``rel="next"``)."""
    found_articles = await shared.run(lambda corpus: found(
        corpus.articles, source=source, since=aware(since), until=aware(until), limit=limit, after=after))
    next_page(response, "/api/articles", limit, [article.id for article in found_articles], request)
    return [article_entry(article) for article in found_articles]


def next_page(response: Response, path: str, limit: int | None, ids: list[str], request: Request) -> None:
    """The link to the page after a full one (its query as asked, ``after`` moved on), in the response's ``Link``
    header, as GitHub's API pages."""
    if limit is not None and len(ids) == limit:
        query = {**request.query_params, "after": ids[-1]}
        response.headers["Link"] = f'<{path}?{urlencode(query)}>; rel="next"'


@router.get("/articles/{article_id}", responses=ERRORS, summary="One article (id or unique prefix) with its text")
async def get_article(article_id: str, shared: Library = Depends(library)) -> dict[str, Any]:
    view: ArticleView = await shared.run(lambda corpus: found(corpus.article_view, article_id))
    return {**article_entry(view.article), "text": view.article.text, "body_start": view.article.body_start,
            "revision_of": view.article.revision_of, "story": view.story}


@router.get("/articles/{article_id}/spans", responses=ERRORS,
            summary="Everything extracted from an article: mentions, attributions, time expressions")
async def article_spans(article_id: str, shared: Library = Depends(library)) -> dict[str, Any]:
    view: ArticleView = await shared.run(lambda corpus: found(corpus.article_view, article_id))
    return {"mentions": [mention.to_json() for mention in view.mentions],
            "attributions": [attribution.to_json() for attribution in view.attributions],
            "time_expressions": [time.to_json() for time in view.times]}


@router.get("/search", responses=ERRORS, summary="Full-text search (SQLite FTS5 syntax)")
async def search(q: str = Query(min_length=1, max_length=500), limit: int = Query(20, ge=1, le=200),
                 shared: Library = Depends(library)) -> list[dict[str, Any]]:
    """Each result's ``snippet`` has the matched words between ``[`` and ``]``."""
    def work(corpus: Corpus) -> list[tuple[Article, str]]:
        try:
            return corpus.search(q, limit)
        except StoreError as error:
            raise HTTPException(HTTPStatus.BAD_REQUEST, str(error)) from None

    return [{"article": article_entry(article), "snippet": snippet} for article, snippet in await shared.run(work)]


@router.get("/stories", responses=ERRORS, summary="The stories, largest or newest first, a page at a time")
async def list_stories(request: Request, response: Response, limit: int | None = Query(None, ge=1, le=MAX_PAGE),
                       after: str | None = None, order: Literal["largest", "newest"] = "largest",
                       since: datetime | None = None, until: datetime | None = None, source: str | None = None,
                       entity: str | None = None, q: str | None = Query(None, min_length=1, max_length=500),
                       shared: Library = Depends(library)) -> list[dict[str, Any]]:
    """All the stories, or a page of ``limit`` after the story ``after``; a full page links the next one in its
    ``Link`` header (``rel="next"``). Filters: an article published in [``since``, ``until``), one from the
    outlet ``source``, one naming ``entity``, one matching ``q`` (FTS5 syntax)."""
    filters = {"order": order, "since": aware(since), "until": aware(until), "source": source, "entity": entity,
               "query": q}

    def work(corpus: Corpus) -> list[dict[str, Any]]:
        try:
            return found(corpus.stories, limit, after, **filters)
        except StoreError as error:
            raise HTTPException(HTTPStatus.BAD_REQUEST, str(error)) from None

    stories = await shared.run(work)
    next_page(response, "/api/stories", limit, [story["id"] for story in stories], request)
    return stories


@router.get("/stories/{story_id}", responses=ERRORS, summary="One story with its articles")
async def get_story(story_id: str, shared: Library = Depends(library)) -> dict[str, Any]:
    story = await shared.run(lambda corpus: found(corpus.story, story_id))
    return {**story.summary, "articles": [article_entry(article) for article in story.articles]}


@router.get("/stories/{story_id}/brief", responses=ERRORS, summary="The story's sourced brief (storyline.brief/1)")
async def story_brief(story_id: str, full: bool = False, shared: Library = Depends(library)) -> dict[str, Any]:
    """``full``: the brief says to show every item (its JSON holds them all either way)."""
    return await shared.brief(story_id, full)


@router.get("/stories/{story_id}/timeline", responses=ERRORS, summary="The story's dated statements in time order")
async def story_timeline(story_id: str, shared: Library = Depends(library)) -> list[dict[str, Any]]:
    return await shared.run(lambda corpus: found(corpus.timeline, story_id))


@router.get("/stories/{story_id}/timeline.svg", responses=ERRORS, response_class=Response,
            summary="The story's timeline as a picture")
async def story_timeline_svg(story_id: str, shared: Library = Depends(library)) -> Response:
    entries = await shared.run(lambda corpus: found(corpus.timeline, story_id))
    # Shown through <img>, where no script could run anyway; its own styles are inline.
    return Response(svg.timeline(entries), media_type="image/svg+xml",
                    headers={"content-security-policy": "default-src 'none'; style-src 'unsafe-inline'"})


@router.get("/entities", responses=ERRORS, summary="Who is involved, every name variant and role merged")
async def list_entities(story: str | None = None, article: str | None = None,
                        shared: Library = Depends(library)) -> list[dict[str, Any]]:
    one_scope(story, article)
    found_entities = await shared.run(lambda corpus: found(corpus.entities, story_id=story, article_id=article))
    return [entity.to_json() for entity in found_entities]


@router.get("/quotes", responses=ERRORS, summary="Who said what, in which wordings, carried by which outlets")
async def list_quotes(story: str | None = None, article: str | None = None, speaker: str | None = None,
                      shared: Library = Depends(library)) -> list[dict[str, Any]]:
    one_scope(story, article)
    return await shared.run(lambda corpus: found(corpus.quotes, story_id=story, article_id=article, speaker=speaker))


def one_scope(story: str | None, article: str | None) -> None:
    """A query is limited to a story or to an article (id or prefix), not both."""
    if story is not None and article is not None:
        raise HTTPException(HTTPStatus.BAD_REQUEST, "give a story or an article, not both")
