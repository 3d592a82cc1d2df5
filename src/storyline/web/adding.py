"""The Add articles page: pasted text, URLs and uploaded files, stored by the same Library calls as the API's
(``POST /api/articles``, ``/api/articles/from-url``), one input after another in a job whose page shows its
progress, each rejected input with its reason, and the stories of the articles read."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from storyline.ingest import IngestError
from storyline.ingest.sources import FORMAT_BY_SUFFIX, read_bytes, read_named
from storyline.model import Article
from storyline.pipeline import IngestReport
from storyline.store import StoreError
from storyline.web.api import MAX_BATCH_ARTICLES
from storyline.web.library import Library, library, same_site
from storyline.web.pages import page, render

router = APIRouter(include_in_schema=False)
# Jobs a server remembers; the oldest finished ones are forgotten first.
KEPT_JOBS = 100
ACCEPTED_FILES = ",".join(FORMAT_BY_SUFFIX)


@dataclass
class Job:
    """One submission of the form: its inputs taken one at a time, what each gave, the stories read into."""

    id: str
    inputs: int
    done: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    stories: list[dict[str, Any]] = field(default_factory=list)
    finished: bool = False
    task: asyncio.Task | None = None

    def count(self, report: IngestReport) -> None:
        self.stored += report.stored
        self.duplicates += report.duplicates
        self.rejected += [str(error) for error in report.errors]
        self.warnings += [str(warning) for warning in report.warnings]
        self.article_ids += report.read_ids


class Jobs:
    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}

    def start(self, steps: list[Callable[[], Awaitable[IngestReport]]], rejected: list[str],
              shared: Library) -> Job:
        job = Job(secrets.token_urlsafe(9), len(steps) + len(rejected), done=len(rejected), rejected=rejected)
        finished = [key for key, kept in self._jobs.items() if kept.finished]
        for key in finished[:max(0, len(self._jobs) + 1 - KEPT_JOBS)]:
            del self._jobs[key]
        self._jobs[job.id] = job
        job.task = asyncio.create_task(_run(job, steps, shared))
        return job

    def get(self, job_id: str) -> Job:
        try:
            return self._jobs[job_id]
        except KeyError:
            raise HTTPException(HTTPStatus.NOT_FOUND, f"no job {job_id!r} (jobs are forgotten when the server "
                                                      "restarts)") from None


async def _run(job: Job, steps: list[Callable[[], Awaitable[IngestReport]]], shared: Library) -> None:
    try:
        for step in steps:
            try:
                job.count(await step())
            except StoreError as error:  # the store busy or in need of a recluster: this input is not stored
                job.rejected.append(str(error))
            except Exception as error:  # nobody else would hear of it: the job's page says what stopped it
                job.rejected.append(f"stopped: {error!r}")
                break
            job.done += 1
        ids = list(dict.fromkeys(job.article_ids))
        job.stories = await shared.run(lambda corpus: stories_of(corpus, ids))
    finally:
        job.finished = True


def stories_of(corpus: Any, article_ids: list[str]) -> list[dict[str, Any]]:
    """The summaries of the stories the articles are in, in the order the articles came."""
    story_ids = dict.fromkeys(filter(None, (corpus.story_of(article_id) for article_id in article_ids)))
    return [corpus.store.story(story_id) for story_id in story_ids]


def jobs(request: Request) -> Jobs:
    return request.app.state.jobs


@router.get("/add", response_class=HTMLResponse)
async def add_form() -> HTMLResponse:
    return page("add.html", problem=None, accepted=ACCEPTED_FILES)


@router.post("/add", dependencies=[Depends(same_site)], response_class=HTMLResponse)
async def add(text: str = Form(""), title: str = Form(""), outlet: str = Form(""), published: str = Form(""),
              urls: str = Form(""), files: list[UploadFile] = File(default_factory=list),
              shared: Library = Depends(library), running: Jobs = Depends(jobs)) -> Any:
    """Starts a job over every input given and sends the browser to its page."""
    steps: list[Callable[[], Awaitable[IngestReport]]] = []
    rejected: list[str] = []
    if text.strip():
        metadata = {key: value.strip() for key, value in
                    {"title": title, "source": outlet, "published": published}.items() if value.strip()}
        items = list(read_bytes(text.encode(), "text", "pasted text", metadata=metadata))
        steps += stored(items, rejected, shared)
    links = [line.strip() for line in urls.splitlines() if line.strip()]
    for link in links:
        if link.startswith(("http://", "https://")):
            steps.append(lambda link=link: shared.ingest_url(link, False))
        else:
            rejected.append(f"{link}: not an http or https URL")
    for upload in files:
        if upload.filename:
            content = await upload.read()
            items = await anyio.to_thread.run_sync(lambda: list(read_named(content, upload.filename)))
            steps += stored(items, rejected, shared)
    if not steps and not rejected:
        return HTMLResponse(render("add.html", problem="Paste an article's text, give a URL or choose a file.",
                                   accepted=ACCEPTED_FILES), status_code=HTTPStatus.BAD_REQUEST)
    if len(steps) > MAX_BATCH_ARTICLES:
        raise HTTPException(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"{len(steps)} inputs; at most {MAX_BATCH_ARTICLES}")
    job = running.start(steps, rejected, shared)
    return RedirectResponse(f"/add/jobs/{job.id}", status_code=HTTPStatus.SEE_OTHER)


def stored(items: list[Article | IngestError], rejected: list[str],
           shared: Library) -> list[Callable[[], Awaitable[IngestReport]]]:
    """The steps storing one input's articles (one step: they go through the pipeline as one batch); its bad
    records rejected."""
    rejected += [str(item) for item in items if isinstance(item, IngestError)]
    articles = [item for item in items if isinstance(item, Article)]
    return [lambda: shared.add(articles)] if articles else []


@router.get("/add/jobs/{job_id}", response_class=HTMLResponse)
async def job_page(job_id: str, running: Jobs = Depends(jobs)) -> HTMLResponse:
    return page("job.html", job=running.get(job_id))
