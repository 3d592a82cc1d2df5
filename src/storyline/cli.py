"""The command line: one command per library call, each with --db and --json, like sqlite-utils.

Exit codes: 0 success; 1 some inputs were rejected (the rest was stored) or nothing matched; 2 usage error;
3 the database could not be opened.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import click
from tqdm import tqdm

from storyline.model import Article
from storyline.store import Store, StoreError

EXIT_REJECTED = 1
EXIT_BAD_DB = 3


def db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", "db_path", default="storyline.db", show_default=True, type=click.Path(dir_okay=False),
                        help="SQLite database file.")(command)


def json_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(command)


def open_store(db_path: str) -> Store:
    try:
        return Store(db_path)
    except StoreError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_BAD_DB)


def article_summary(article: Article) -> dict[str, Any]:
    return {
        "id": article.id, "source": article.source, "title": article.title, "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "published_inferred": article.published_inferred, "words": article.word_count, "origin": article.origin,
        "revision_of": article.revision_of,
    }


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def print_table(rows: list[dict[str, Any]], columns: list[str]) -> None:
    widths = {c: max([len(c)] + [len(str(r.get(c) or "")) for r in rows]) for c in columns}
    widths = {c: min(w, 60) for c, w in widths.items()}
    click.echo("  ".join(c.ljust(widths[c]) for c in columns))
    click.echo("  ".join("-" * widths[c] for c in columns))
    for row in rows:
        click.echo("  ".join(str(row.get(c) or "")[: widths[c]].ljust(widths[c]) for c in columns))


def parse_date(value: str | None) -> datetime | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@click.group()
@click.version_option(package_name="storyline")
def main() -> None:
    """Storyline: group news articles into stories and write sourced briefs, offline."""


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--fetch", is_flag=True, help="Download the articles a feed links to.")
@click.option("--allow-private", is_flag=True, help="Allow fetching from loopback and private addresses.")
@db_option
@json_option
def ingest(sources: tuple[str, ...], fetch: bool, allow_private: bool, db_path: str, as_json: bool) -> None:
    """Ingest files, directories, feeds and URLs: parse each article once and store it.

    \b
    storyline ingest examples/
    storyline ingest feed.xml --fetch
    storyline ingest https://example.org/news/story.html
    """
    from storyline.ingest import IngestError
    from storyline.pipeline import Pipeline

    store = open_store(db_path)
    with tqdm(desc="ingest", unit=" article", disable=None, file=sys.stderr) as bar:
        def progress(item: Article | IngestError) -> None:
            if isinstance(item, IngestError):
                bar.write(f"error: {item}", file=sys.stderr)
            bar.update(1)

        report = Pipeline(store).ingest(sources, fetch=fetch, allow_private=allow_private, on_article=progress)
    if as_json:
        print_json({"read": report.read, "stored": report.stored, "revisions": report.revisions,
                    "duplicates": report.duplicates, "errors": [str(e) for e in report.errors],
                    "articles": report.stored_ids})
    else:
        click.echo(report.summary(), err=True)
    store.close()
    if report.errors:
        sys.exit(EXIT_REJECTED)


@main.command()
@click.option("--source", help="Only this outlet.")
@click.option("--since", help="Published on or after this ISO date.")
@click.option("--until", help="Published before this ISO date.")
@db_option
@json_option
def articles(source: str | None, since: str | None, until: str | None, db_path: str, as_json: bool) -> None:
    """List stored articles, oldest first.

    \b
    storyline articles --source "Harbor Daily" --since 2026-03-01 --json
    """
    store = open_store(db_path)
    rows = [article_summary(a) for a in store.articles(source=source, since=parse_date(since), until=parse_date(until))]
    if as_json:
        print_json(rows)
    else:
        print_table(rows, ["id", "source", "published", "words", "title"])


@main.command()
@click.argument("article_id")
@db_option
@json_option
def show(article_id: str, db_path: str, as_json: bool) -> None:
    """Show one article (id or id prefix) with its named entities marked as [text]{TYPE}."""
    store = open_store(db_path)
    try:
        article = store.article(article_id)
    except KeyError as error:
        click.echo(f"error: {error.args[0]}", err=True)
        sys.exit(EXIT_REJECTED)
    mentions = store.spans("mention", [article.id])
    if as_json:
        print_json({**article_summary(article), "text": article.text, "revisions": store.revisions(article.id),
                    "mentions": [m.data for m in mentions]})
        return
    marked, cursor = [], 0
    for mention in mentions:
        if mention.start < cursor:
            continue
        marked += [article.text[cursor:mention.start], "[", article.text[mention.start:mention.end], "]{",
                   mention.label, "}"]
        cursor = mention.end
    marked.append(article.text[cursor:])
    header = " · ".join(filter(None, [article.source, article.published.isoformat() if article.published else None,
                                      article.url]))
    click.echo(f"{article.title or '(untitled)'}\n{header}\n")
    click.echo("".join(marked))


@main.command()
@click.argument("query")
@click.option("--limit", default=20, show_default=True)
@db_option
@json_option
def search(query: str, limit: int, db_path: str, as_json: bool) -> None:
    """Full-text search over titles and texts (SQLite FTS5 syntax: words, "phrases", OR, NOT, prefix*).

    \b
    storyline search '"port fire" NOT Rotterdam'
    """
    store = open_store(db_path)
    try:
        hits = store.search(query, limit)
    except StoreError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_REJECTED)
    rows = [{**article_summary(a), "snippet": snippet} for a, snippet in hits]
    if as_json:
        print_json(rows)
    else:
        print_table(rows, ["id", "source", "published", "snippet"])
    if not rows:
        sys.exit(EXIT_REJECTED)
