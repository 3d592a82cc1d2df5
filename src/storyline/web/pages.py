"""The web pages: story list, story (brief and sources side by side), article (its spans marked), search.

Every page is rendered from the same library calls as the API, through autoescaping templates: article text only
ever reaches the page as escaped pieces (see :mod:`storyline.web.marks`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta, timezone
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader
from pydantic import BeforeValidator

from storyline.brief.render import HTML_POLICY, as_text, shown, statements_shown
from storyline.corpus import ArticleView, Corpus
from storyline.web import visits
from storyline.web.library import Library, found, library
from storyline.web.marks import Mark, pieces, snippet_pieces

router = APIRouter(include_in_schema=False)
environment = Environment(loader=PackageLoader("storyline", "templates/web"), autoescape=True,
                          trim_blocks=True, lstrip_blocks=True)
CLAIM_CLASS = {"shared": "shared", "single-source": "single", "conflicting": "conflicting"}
SEARCH_LIMIT = 50
DOWNLOAD_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
                  "json": "application/json"}
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
# The outlets a story list's row names before "and N more": a story a wire service spreads has hundreds.
environment.globals["OUTLETS_SHOWN"] = 6


def _day_or_none(value: object) -> object:
    """An empty date field as no date: the filter form sends every field, filled in or not."""
    return None if value == "" else value


OptionalDay = Annotated[date | None, BeforeValidator(_day_or_none)]


@router.get("/", response_class=HTMLResponse)
async def story_list(request: Request, q: str = Query("", max_length=500), outlet: str = Query("", max_length=200),
                     entity: str = Query("", max_length=200), since: OptionalDay = None, until: OptionalDay = None,
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
    """The brief's sections in its order, each long one showing its best items with the rest folded, then the
    sources side by side with their claims marked."""
    brief = await shared.brief(story_id)

    def work(corpus: Corpus) -> dict[str, Any]:
        articles = found(corpus.story, story_id).articles
        marks = claim_marks(brief)
        columns = [{"article": article, "pieces": pieces(article.text, marks[article.id])} for article in articles]
        sections = {section: folded(brief, section, items) for section, items in (
            ("key_facts", brief["key_facts"]), ("disagreements", brief["disagreements"]),
            ("single_source", brief["single_source"]), ("timeline", brief["timeline"]),
            ("entities", brief["entities"]), ("copied", brief["copied"]),
            ("wording", brief["framing"]["wording"]))}
        sections |= {section: statements_folded(brief, section) for section in ("quotes", "beliefs")}
        return {"brief": brief, "columns": columns, "sections": sections}

    return page("story.html", **await shared.run(work))


@router.get("/stories/{story_id}/brief.{extension}")
async def brief_download(story_id: str, extension: Literal["md", "html", "json"], full: bool = False,
                         shared: Library = Depends(library)) -> Response:
    """The brief as a file, in a format the CLI writes (``storyline brief --format``), made by the same call."""
    text = as_text(await shared.brief(story_id, full), extension)
    headers = {"content-disposition": f'attachment; filename="{story_id}.{extension}"'}
    if extension == "html":  # the page styles itself inline, and runs nothing
        headers["content-security-policy"] = HTML_POLICY
    return Response(text, media_type=DOWNLOAD_TYPES[extension], headers=headers)


def folded(brief: dict[str, Any], section: str, items: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """A section's items as the short brief shows them (``best``) and the rest, folded on the page."""
    best, _ = shown(brief, section, items)
    chosen = {id(item) for item in best}
    return {"best": best, "rest": [item for item in items if id(item) not in chosen]}


def statements_folded(brief: dict[str, Any], section: str) -> dict[str, list[dict[str, Any]]]:
    """Quotes (or beliefs) by speaker as the short brief shows them, and each speaker's other statements."""
    shown_entries, _ = statements_shown(brief, section)
    chosen = {id(group) for _, statements in shown_entries for group in statements}
    rest = [{**entry, "statements": others} for entry in brief[section]
            if (others := [group for group in entry["statements"] if id(group) not in chosen])]
    return {"best": [{**entry, "statements": statements} for entry, statements in shown_entries], "rest": rest}


def claim_marks(brief: dict[str, Any]) -> dict[str, list[Mark]]:
    """Each article's claim spans, by the kind of claim the brief found them to be."""
    marks: dict[str, list[Mark]] = defaultdict(list)
    # A key fact of one outlet's lead that others tell in other words is marked with the single-source claims.
    for group in [fact for fact in brief["key_facts"] if "said_elsewhere" not in fact] \
            + [item for item in brief["summary"] if item["kind"] == "shared"]:
        # A key fact whose figures the outlets dispute is marked as the disagreement it holds.
        disputed = group["kind"] == "conflicting"
        note = group["conflict"] if disputed else "shared with " + ", ".join(group["sources"])
        for span in group["spans"]:
            marks[span["article"]].append(Mark(span["start"], span["end"],
                                               CLAIM_CLASS["conflicting" if disputed else "shared"], note))
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
async def article(article_id: str, start: int | None = Query(None, ge=0), end: int | None = Query(None, ge=0),
                  shared: Library = Depends(library)) -> HTMLResponse:
    """An article with what the stages found in it marked; ``start`` and ``end``: a span a brief cites, marked
    and scrolled to."""
    cited = [Mark(start, end, "cited", "the passage cited")] if start is not None and end is not None else []

    def work(corpus: Corpus) -> dict[str, Any]:
        view = found(corpus.article_view, article_id)
        # Everything the template reads is worked out here, on the Corpus's thread.
        return {"article": view.article, "pieces": pieces(view.article.text, span_marks(view) + cited),
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


@router.get("/entities", response_class=HTMLResponse)
async def entity(name: str = Query(min_length=1, max_length=200), shared: Library = Depends(library)) -> HTMLResponse:
    """One person or organisation across stories: names, roles, stories, and every quote by story."""
    return page("entity.html", entity=await shared.run(lambda corpus: corpus.entity(name.strip())))


@router.get("/search", response_class=HTMLResponse)
async def search(q: str = Query("", max_length=500), shared: Library = Depends(library)) -> HTMLResponse:
    query = q.strip()
    if not query:
        return page("search.html", query="", results=None)

    hits = await shared.run(lambda corpus: corpus.search(query, SEARCH_LIMIT, lenient=True))
    results = [{"article": article, "pieces": snippet_pieces(snippet)} for article, snippet in hits]
    return page("search.html", query=query, results=results)

