"""The Add articles page: pasted text, URLs and uploaded files, stored by the same Library calls as the API's
(``POST /api/articles``, ``/api/articles/from-url``), one input after another in a job whose page shows its
progress, each rejected input with its reason, and the stories of the articles read."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from storyline.ingest import IngestError
from storyline.ingest.sources import FORMAT_BY_SUFFIX, read_bytes, read_named
from storyline.model import Article
from storyline.pipeline import IngestReport
from storyline.store import StoreBusy, StoreError
from storyline.web.api import MAX_BATCH_ARTICLES
from storyline.web.library import Library, library, same_site
from storyline.web.pages import page, render

router = APIRouter(include_in_schema=False)
ACCEPTED_FILES = ",".join(FORMAT_BY_SUFFIX)
# One input of a job: what it is called in messages, and the call that stores it.
Step = tuple[str, Callable[[], Awaitable[IngestReport]]]


@dataclass
class Job:
    """One submission of the form: its inputs taken one at a time, and the report of all of them (every input
    rejected, with its reason, among its errors). Kept in the store after each input, so that every server on the
    store shows it, and a restart does not lose what it did."""

    id: str
    inputs: int
    report: IngestReport
    done: int = 0
    finished: bool = False
    updated_at: str | None = None  # when it was last saved, for a job read back from the store

    def to_json(self) -> dict[str, Any]:
        return {"inputs": self.inputs, "done": self.done, "report": self.report.to_json()}

    @classmethod
    def from_json(cls, job_id: str, data: dict[str, Any], finished: bool, updated_at: str) -> "Job":
        return cls(job_id, data["inputs"], IngestReport.from_json(data["report"]), data["done"], finished, updated_at)


class Jobs:
    """The jobs this server runs, saved to the store as they go; others' are read from it."""

    def __init__(self) -> None:
        self._running: dict[str, Job] = {}
        self._tasks: set[asyncio.Task] = set()

    async def start(self, steps: list[Step], rejected: list[IngestError], shared: Library) -> Job:
        job = Job(secrets.token_urlsafe(9), len(steps) + len(rejected), IngestReport(errors=rejected),
                  done=len(rejected))
        await shared.run(lambda corpus: corpus.add_job(job.id, job.to_json()))
        self._running[job.id] = job
        task = asyncio.create_task(self._run(job, steps, shared))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    async def get(self, job_id: str, shared: Library) -> Job:
        if job_id in self._running:
            return self._running[job_id]
        saved = await shared.run(lambda corpus: corpus.job(job_id))
        if saved is None:
            raise HTTPException(HTTPStatus.NOT_FOUND, f"no job {job_id!r}")
        data, finished, updated_at = saved
        return Job.from_json(job_id, data, finished, updated_at)

    async def _run(self, job: Job, steps: list[Step], shared: Library) -> None:
        try:
            for origin, step in steps:
                try:
                    job.report.absorb(await step())
                except StoreError as error:  # the store busy or in need of a recluster: this input is not stored
                    job.report.errors.append(IngestError(origin, str(error)))
                except Exception as error:  # nobody else would hear of it: the job's page says what stopped it
                    job.report.errors.append(IngestError(origin, f"stopped: {error!r}"))
                    break
                job.done += 1
                await _save(job, shared, finished=False)
        finally:
            job.finished = True
            if await _save(job, shared, finished=True):  # else this server goes on showing it from memory
                del self._running[job.id]


async def _save(job: Job, shared: Library, finished: bool) -> bool:
    try:
        await shared.run(lambda corpus: corpus.save_job(job.id, job.to_json(), finished))
    except StoreBusy:  # a long write holds the store: the job's next save records this progress too
        return False
    return True


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
    steps: list[Step] = []
    rejected: list[IngestError] = []
    if text.strip():
        metadata = {key: value.strip() for key, value in
                    {"title": title, "source": outlet, "published": published}.items() if value.strip()}
        items = list(read_bytes(text.encode(), "text", "pasted text", metadata=metadata))
        steps += stored("pasted text", items, rejected, shared)
    links = [line.strip() for line in urls.splitlines() if line.strip()]
    for link in links:
        if link.startswith(("http://", "https://")):
            steps.append((link, lambda link=link: shared.ingest_url(link, False)))
        else:
            rejected.append(IngestError(link, "not an http or https URL"))
    for upload in files:
        if upload.filename:
            content = await upload.read()
            items = await anyio.to_thread.run_sync(lambda: list(read_named(content, upload.filename)))
            steps += stored(upload.filename, items, rejected, shared)
    if not steps and not rejected:
        return HTMLResponse(render("add.html", problem="Paste an article's text, give a URL or choose a file.",
                                   accepted=ACCEPTED_FILES), status_code=HTTPStatus.BAD_REQUEST)
    if len(steps) > MAX_BATCH_ARTICLES:
        raise HTTPException(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"{len(steps)} inputs; at most {MAX_BATCH_ARTICLES}")
    job = await running.start(steps, rejected, shared)
    return RedirectResponse(f"/add/jobs/{job.id}", status_code=HTTPStatus.SEE_OTHER)


def stored(origin: str, items: list[Article | IngestError], rejected: list[IngestError],
           shared: Library) -> list[Step]:
    """The steps storing one input's articles (one step: they go through the pipeline as one batch); its bad
    records rejected."""
    rejected += [item for item in items if isinstance(item, IngestError)]
    articles = [item for item in items if isinstance(item, Article)]
    return [(origin, lambda: shared.add(articles))] if articles else []


@router.get("/add/jobs/{job_id}", response_class=HTMLResponse)
async def job_page(job_id: str, running: Jobs = Depends(jobs), shared: Library = Depends(library)) -> HTMLResponse:
    job = await running.get(job_id, shared)
    stories = []
    if job.finished:  # as they are now: a story may have merged into another since
        ids = list(dict.fromkeys(job.report.read_ids))
        stories = await shared.run(lambda corpus: stories_of(corpus, ids))
    return page("job.html", job=job, stories=stories)
