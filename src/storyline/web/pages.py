"""The web pages: story list, story (brief and sources side by side), article (its spans marked), search.

Every page is rendered from the same library calls as the API, through autoescaping templates: article text only
ever reaches the page as escaped pieces (see :mod:`storyline.web.marks`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader

from storyline.corpus import ArticleView, Corpus
from storyline.web import visits
from storyline.web.library import Library, found, library
from storyline.web.marks import Mark, pieces, snippet_pieces

router = APIRouter(include_in_schema=False)
environment = Environment(loader=PackageLoader("storyline", "templates/web"), autoescape=True,
                          trim_blocks=True, lstrip_blocks=True)
CLAIM_CLASS = {"shared": "shared", "single-source": "single", "conflicting": "conflicting"}
SEARCH_LIMIT = 50
# Stories or articles a list page shows; the next page continues after its last (keyset paging in the store).
PAGE_SIZE = 100


def render(template: str, **context: Any) -> str:
    return environment.get_template(template).render(**context)


def page(template: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(render(template, **context))


def web_url(url: str | None) -> str | None:
    """An article's URL only if it is a web address: a ``javascript:`` one must never become a link."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


environment.globals["web_url"] = web_url


@router.get("/", response_class=HTMLResponse)
async def story_list(request: Request, q: str = Query("", max_length=500), outlet: str = Query("", max_length=200),
                     entity: str = Query("", max_length=200), since: date | None = None, until: date | None = None,
                     order: Literal["largest", "newest"] = "largest", after: str | None = None,
                     shared: Library = Depends(library)) -> HTMLResponse:
    """A page of the stories, filtered and in the order asked for in the query, each marked new or updated since
    the reader's last visit; the page keeps itself current."""
    visit = visits.visit_since(request)
    asked = {"q": q.strip(), "outlet": outlet.strip(), "entity": entity.strip(),
             "since": since.isoformat() if since else "", "until": until.isoformat() if until else "", "order": order}
    filters = {"query": asked["q"] or None, "source": asked["outlet"] or None, "entity": asked["entity"] or None,
               "since": day_start(since), "until": day_start(until + timedelta(days=1)) if until else None,
               "order": order}

    def work(corpus: Corpus) -> dict[str, Any]:
        changes = corpus.changes()
        stories = [{**story, "mark": visits.mark(story, visit)}
                   for story in found(corpus.stories, PAGE_SIZE, after, lenient=True, **filters)]
        return {"stories": stories, "article_count": corpus.count_articles(), "story_count": corpus.count_stories(),
                "changes": changes}

    listed = await shared.run(work)
    stories = listed["stories"]
    following = {key: value for key, value in asked.items() if value and (key, value) != ("order", "largest")}
    response = page("stories.html", **listed, asked=asked, filtered=any(filters[key] for key in (
        "query", "source", "entity", "since", "until")), next=urlencode({**following, "after": stories[-1]["id"]})
        if len(stories) == PAGE_SIZE else None)
    visits.remember_visit(response, visit)
    return response


def day_start(day: date | None) -> datetime | None:
    """The first moment of a day asked for in a filter, in UTC (as the CLI takes a date without a zone)."""
    return datetime.combine(day, time(), timezone.utc) if day else None


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story(story_id: str, shared: Library = Depends(library)) -> HTMLResponse:
    brief = await shared.brief(story_id)

    def work(corpus: Corpus) -> dict[str, Any]:
        articles = found(corpus.story, story_id).articles
        marks = claim_marks(brief)
        columns = [{"article": article, "pieces": pieces(article.text, marks[article.id])} for article in articles]
        # Speakers several outlets quote lead; the many quoted by one outlet would bury them.
        carried_widely = [entry for entry in brief["quotes"] if len(entry["outlets"]) > 1]
        carried_once = [entry for entry in brief["quotes"] if len(entry["outlets"]) <= 1]
        return {"brief": brief, "columns": columns, "carried_widely": carried_widely, "carried_once": carried_once}

    return page("story.html", **await shared.run(work))


def claim_marks(brief: dict[str, Any]) -> dict[str, list[Mark]]:
    """Each article's claim spans, by the kind of claim the brief found them to be."""
    marks: dict[str, list[Mark]] = defaultdict(list)
    for group in brief["key_facts"] + [item for item in brief["summary"] if item["kind"] == "shared"]:
        note = "shared with " + ", ".join(group["sources"])
        for span in group["spans"]:
            marks[span["article"]].append(Mark(span["start"], span["end"], CLAIM_CLASS["shared"], note))
    for group in brief["disagreements"]:
        for span in group["spans"]:
            marks[span["article"]].append(Mark(span["start"], span["end"], CLAIM_CLASS["conflicting"],
                                               group["conflict"] or "sources disagree"))
    for span in brief["single_source"]:
        marks[span["article"]].append(Mark(span["start"], span["end"], CLAIM_CLASS["single-source"],
                                           f"only {span['source'] or 'this outlet'} reports this"))
    return marks


@router.get("/articles", response_class=HTMLResponse)
async def article_list(after: str | None = None, shared: Library = Depends(library)) -> HTMLResponse:
    def work(corpus: Corpus) -> dict[str, Any]:
        articles = found(corpus.articles, limit=PAGE_SIZE, after=after)
        return {"articles": articles, "article_count": corpus.count_articles(),
                "next": articles[-1].id if len(articles) == PAGE_SIZE else None}

    return page("articles.html", **await shared.run(work))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article(article_id: str, shared: Library = Depends(library)) -> HTMLResponse:
    def work(corpus: Corpus) -> dict[str, Any]:
        view = found(corpus.article_view, article_id)
        # Everything the template reads is worked out here, on the Corpus's thread.
        return {"article": view.article, "pieces": pieces(view.article.text, span_marks(view)),
                "entities": view.entities, "quotes": view.quotes, "times": view.times, "story": view.story}

    return page("article.html", **await shared.run(work))


def span_marks(view: ArticleView) -> list[Mark]:
    """Names by type (with the entity they resolve to), quotes with their speakers, and time expressions."""
    marks = []
    for mention, entity in view.names:
        span = mention.span
        marks.append(Mark(span.start, span.end, f"name {span.label.lower()}",
                          f"{span.label}: {entity.name}" if entity else span.label))
    for attribution, speaker in view.speech:
        kind = "direct quote" if attribution.direct else "reported speech"
        marks.append(Mark(attribution.content.start, attribution.content.end, "quote",
                          f"{kind} · {speaker if speaker is not None else 'speaker unknown'}"))
    for time in view.times:
        marks.append(Mark(time.span.start, time.span.end, "time", f"{time.type} {time.value}"))
    return marks


@router.get("/search", response_class=HTMLResponse)
async def search(q: str = Query("", max_length=500), shared: Library = Depends(library)) -> HTMLResponse:
    query = q.strip()
    if not query:
        return page("search.html", query="", results=None)

    hits = await shared.run(lambda corpus: corpus.search(query, SEARCH_LIMIT, lenient=True))
    results = [{"article": article, "pieces": snippet_pieces(snippet)} for article, snippet in hits]
    return page("search.html", query=query, results=results)

