"""The command line: one command per library call (:class:`storyline.corpus.Corpus`), each with --db and --json,
like sqlite-utils. Each command is that call plus formatting: tables, marked text, or the JSON forms of
:mod:`storyline.serialize`. The module is long only because the commands are many: each is a few lines over one
library call, and they share the option and output helpers at the top, so splitting it would scatter those.

Exit codes: 0 success; 1 some inputs were rejected (the rest was stored) or nothing matched; 2 usage error;
3 the database could not be opened or used; 4 the database stayed busy (another process writing) past the wait.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NoReturn

import click
from tqdm import tqdm

from storyline.corpus import Corpus
from storyline.model import Article, Mention
from storyline.serialize import article_summary, entity_summary, ingest_report
from storyline.store import StoreBusy, StoreError

EXIT_REJECTED = 1
EXIT_BAD_DB = 3
EXIT_BUSY = 4


class StoreGroup(click.Group):
    """Commands whose store turns out unusable or busy end with one line saying so, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StoreBusy as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(EXIT_BUSY)
        except StoreError as error:
            bad_db(error)


def db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", "db_path", default="storyline.db", show_default=True, type=click.Path(dir_okay=False),
                        help="SQLite database file, or a PostgreSQL URL (postgresql://user@host/database).")(command)


def json_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(command)


def open_corpus(db_path: str, batch_size: int | None = None) -> Corpus:
    """The command's corpus, closed when the command ends (a PostgreSQL store's connection goes back to its pool:
    commands run in one process, as tests and scripts run them, do not use up the pool)."""
    try:
        corpus = Corpus.open(db_path, batch_size)
    except StoreError as error:
        bad_db(error)
    click.get_current_context().call_on_close(corpus.close)
    return corpus


def bad_db(error: StoreError) -> NoReturn:
    click.echo(f"error: {error}", err=True)
    sys.exit(EXIT_BAD_DB)


def fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_REJECTED)


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


@click.group(cls=StoreGroup)
@click.version_option(package_name="storyline")
def main() -> None:
    """Storyline: group news articles into stories and write sourced briefs, offline."""


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--fetch", is_flag=True, help="Download the articles a feed links to.")
@click.option("--allow-private", is_flag=True, help="Allow fetching from loopback and private addresses.")
@click.option("--follow-symlinks", is_flag=True, help="Read what symbolic links in a folder point at outside it.")
@click.option("--batch-size", type=click.IntRange(1), help="Articles parsed and stored together (default 32).")
@click.option("--workers", type=click.IntRange(1), default=os.cpu_count() or 1, show_default="the machine's cores",
              help="Processes parsing and analysing at once (a local Dask cluster; small inputs use one).")
@click.option("--cluster", metavar="ADDRESS",
              help="A running Dask scheduler (tcp://HOST:8786) whose workers parse and analyse, instead of --workers.")
@db_option
@json_option
def ingest(sources: tuple[str, ...], fetch: bool, allow_private: bool, follow_symlinks: bool, batch_size: int | None,
           workers: int, cluster: str | None, db_path: str, as_json: bool) -> None:
    """Ingest files, directories, feeds and URLs: parse each article once and store it.

    \b
    storyline ingest examples/
    storyline ingest feed.xml --fetch
    storyline ingest https://example.org/news/story.html
    storyline ingest archive/ --workers 4
    storyline ingest archive/ --cluster tcp://scheduler:8786 --db postgresql://news@db/storyline
    """
    from storyline.ingest import IngestError

    corpus = open_corpus(db_path, batch_size)
    with tqdm(desc="ingest", unit=" article", disable=None, file=sys.stderr) as bar:
        def progress(item: Article | IngestError) -> None:
            if isinstance(item, IngestError):
                bar.write(f"error: {item}", file=sys.stderr)
            bar.update(1)

        report = corpus.ingest(sources, fetch=fetch, allow_private=allow_private, follow_symlinks=follow_symlinks,
                               on_article=progress, workers=workers, cluster=cluster)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        print_json(ingest_report(report))
    else:
        click.echo(report.summary(), err=True)
    corpus.close()
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
    found = open_corpus(db_path).articles(source=source, since=parse_date(since), until=parse_date(until))
    rows = [article_summary(article) for article in found]
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
    try:
        view = open_corpus(db_path).article_view(article_id)
    except KeyError as error:
        fail(error.args[0])
    article = view.article
    if as_json:
        print_json({**article_summary(article), "text": article.text, "revisions": view.revisions,
                    "mentions": [mention.to_json() for mention in view.mentions]})
        return
    header = " · ".join(filter(None, [article.source, article.published.isoformat() if article.published else None,
                                      article.url]))
    click.echo(f"{article.title or '(untitled)'}\n{header}\n")
    click.echo(marked_names(article, view.mentions))


def marked_names(article: Article, mentions: list[Mention]) -> str:
    """The article's text with each name as [text]{TYPE}; a name inside one already marked is left as it is."""
    marked, cursor = [], 0
    for mention in mentions:
        start, end = mention.span.start, mention.span.end
        if start < cursor:
            continue
        marked += [article.text[cursor:start], "[", article.text[start:end], "]{", mention.span.label, "}"]
        cursor = end
    marked.append(article.text[cursor:])
    return "".join(marked)


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
    try:
        hits = open_corpus(db_path).search(query, limit)
    except StoreError as error:
        fail(str(error))
    rows = [{**article_summary(a), "snippet": snippet} for a, snippet in hits]
    if as_json:
        print_json(rows)
    else:
        print_table(rows, ["id", "source", "published", "snippet"])
    if not rows:
        sys.exit(EXIT_REJECTED)


@main.command()
@db_option
@json_option
def stories(db_path: str, as_json: bool) -> None:
    """List stories, largest first, with their outlets and time span."""
    rows = open_corpus(db_path).stories()
    if as_json:
        print_json(rows)
    else:
        print_table([{**r, "sources": ", ".join(r["sources"])} for r in rows],
                    ["id", "articles", "first_published", "label", "sources"])


@main.command()
@click.argument("story_id")
@db_option
@json_option
def story(story_id: str, db_path: str, as_json: bool) -> None:
    """One story: its label, articles and how it formed."""
    try:
        found = open_corpus(db_path).story(story_id)
    except KeyError as error:
        fail(error.args[0])
    articles = [article_summary(article) for article in found.articles]
    if as_json:
        print_json({**found.summary, "articles": articles, "history": found.history})
        return
    click.echo(f"{story_id}: {found.summary['label']}\n")
    print_table(articles, ["id", "source", "published", "title"])
    click.echo("\nhistory:")
    for event in found.history:
        click.echo(f"  {event['event']:8} {', '.join(event.get('articles', []))}  {event.get('reason', '')}")


@main.command()
@db_option
def recluster(db_path: str) -> None:
    """Forget all stories and assign every stored article again, oldest first."""
    count = open_corpus(db_path).recluster()
    click.echo(f"{count} stories", err=True)


def scope_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option("--story", "story_id", help="Only this story.")(command)
    return click.option("--article", "article_id", help="Only this article (id or prefix).")(command)


@main.command()
@scope_options
@db_option
@json_option
def entities(story_id: str | None, article_id: str | None, db_path: str, as_json: bool) -> None:
    """Who is involved: people, organisations and places, every variant merged.

    \b
    storyline entities --story s3
    """
    try:
        found = open_corpus(db_path).entities(story_id=story_id, article_id=article_id)
    except KeyError as error:
        fail(error.args[0])
    rows = [entity_summary(entity) for entity in found]
    if as_json:
        print_json(rows)
        return
    rows.sort(key=lambda r: -r["mentions"])
    print_table([{**r, "variants": "; ".join(r["variants"]), "roles": "; ".join(r["roles"])} for r in rows],
                ["name", "type", "mentions", "articles", "roles", "variants"])


@main.command()
@scope_options
@click.option("--speaker", help="Only quotes whose speaker's name contains this.")
@db_option
@json_option
def quotes(story_id: str | None, article_id: str | None, speaker: str | None, db_path: str, as_json: bool) -> None:
    """Who said what, in which wording, carried by which outlets.

    \b
    storyline quotes --story s5 --speaker Khamenei
    """
    try:
        groups = open_corpus(db_path).quotes(story_id=story_id, article_id=article_id, speaker=speaker)
    except KeyError as error:
        fail(error.args[0])
    if as_json:
        print_json(groups)
        return
    for group in groups:
        flag = "  [attributed differently by different outlets]" if group["speaker_conflict"] else ""
        click.echo(f"{group['attributed_to']}{flag}")
        for wording in group["wordings"]:
            click.echo(f"  {wording['as_written']} — {', '.join(wording['sources'])}")


@main.command()
@click.option("--story", "story_id", required=True, help="The story.")
@click.option("--svg", type=click.Path(dir_okay=False, writable=True), help="Also draw the timeline to this SVG file.")
@db_option
@json_option
def timeline(story_id: str, svg: str | None, db_path: str, as_json: bool) -> None:
    """A story's dated statements in time order, each with its sources.

    \b
    storyline timeline --story s3 --svg timeline.svg
    """
    from storyline.brief import svg as drawing

    try:
        entries = open_corpus(db_path).timeline(story_id)
    except KeyError as error:
        fail(error.args[0])
    if svg:
        Path(svg).write_text(drawing.timeline(entries), encoding="utf-8")
    if as_json:
        print_json(entries)
        return
    for entry in entries:
        click.echo(f"#{entry['order'] + 1:<3} {entry['label']:12} {entry['text']}  ({', '.join(entry['sources'])})")


BRIEF_FORMATS = ["md", "json", "jsonl", "html"]


@main.command()
@click.argument("targets", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(BRIEF_FORMATS), default="md", show_default=True,
              help="json: one JSON document (an array of briefs when there are several); jsonl: one brief a line.")
@click.option("--output", "-o", type=click.Path(file_okay=False), help="Write one file per story into this folder.")
@click.option("--full", is_flag=True, help="Show every item; by default Markdown and HTML show the best of each "
              "long section, so that a brief reads in two minutes (JSON always holds every item).")
@click.option("--follow-symlinks", is_flag=True, help="Read what symbolic links in a folder point at outside it.")
@db_option
def brief(targets: tuple[str, ...], output_format: str, output: str | None, full: bool, follow_symlinks: bool,
          db_path: str) -> None:
    """Write the sourced brief of stories: by story id, or of files, folders and URLs ingested first.

    \b
    storyline brief s3 --format html -o briefs/
    storyline brief examples/articles --format md
    storyline brief s3 --full
    """
    from storyline.brief import render

    corpus = open_corpus(db_path)
    try:
        story_ids, report = corpus.stories_of(targets, follow_symlinks=follow_symlinks)
    except KeyError as error:
        fail(error.args[0])
    if report is not None:
        for error in report.errors:
            click.echo(f"error: {error}", err=True)
        for warning in report.warnings:
            click.echo(f"warning: {warning}", err=True)
        click.echo(report.summary(), err=True)
    printed_json = []
    for story_id in tqdm(story_ids, desc="brief", unit=" story", disable=None, file=sys.stderr):
        data = corpus.brief(story_id, full)
        if output_format == "json" and not output:
            printed_json.append(data)  # printed together below, as one document
            continue
        text = render.as_text(data, output_format)
        if output:
            Path(output).mkdir(parents=True, exist_ok=True)
            (Path(output) / f"{story_id}.{output_format}").write_text(text, encoding="utf-8")
        else:
            click.echo(text)
    if output_format == "json" and not output:
        click.echo(json.dumps(printed_json[0] if len(printed_json) == 1 else printed_json, ensure_ascii=False,
                              indent=2))
    if report is not None and report.errors:
        sys.exit(EXIT_REJECTED)




@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Also answer requests naming this host (the server's real name); repeatable.")
@db_option
def serve(host: str, port: int, allowed_hosts: tuple[str, ...], db_path: str) -> None:
    """Serve the web pages and the HTTP API (API docs at /docs, OpenAPI schema at /api/openapi.json).

    Requests must name a host the server is bound to (--host 0.0.0.0: any name of this machine) or one given
    with --allowed-host.

    \b
    storyline serve --db demo.db --port 8000
    storyline serve --host 0.0.0.0 --allowed-host news.example.org
    """
    from storyline.web.app import serve as run_server

    open_corpus(db_path).close()
    run_server(db_path, host, port, allowed_hosts)


@main.command()
@click.argument("sources", nargs=-1)
@click.option("--opml", "opml_files", multiple=True, type=click.Path(dir_okay=False),
              help="Also watch the feeds of this subscription list (OPML); may be repeated.")
@click.option("--every", default="10m", show_default=True, help="Time between two polls of a feed: 90, 30s, 10m, 1h.")
@click.option("--fetch", is_flag=True, help="Download the article each feed entry links to (robots.txt respected).")
@click.option("--once", is_flag=True, help="Poll every feed once (those backing off after failures excepted), "
                                           "check and deliver alerts, and exit: for cron.")
@click.option("--allow-private", is_flag=True, help="Allow fetching from loopback and private addresses.")
@click.option("--contact", help="A URL or address for site owners, sent in the User-Agent.")
@click.option("--timeout", default=15.0, show_default=True, help="Seconds before a request is given up.")
@click.option("--host-delay", default=1.0, show_default=True, help="Seconds between two requests to one host.")
@db_option
def watch(sources: tuple[str, ...], opml_files: tuple[str, ...], every: str, fetch: bool, once: bool,
          allow_private: bool, contact: str | None, timeout: float, host_delay: float, db_path: str) -> None:
    """Poll RSS/Atom feeds and pages on a schedule, ingest what is new into stories, and fire alerts.

    Without SOURCES or --opml it polls every feed watched before. Alerts for the standard-output target are
    printed as JSON Lines; progress goes to standard error. SIGINT or SIGTERM stops it after the batch under way.

    \b
    storyline watch https://news.example/feed.xml --every 10m --fetch --contact https://newsroom.example/bot
    storyline watch --opml subscriptions.opml --once
    """
    import signal
    from dataclasses import replace

    from storyline.ingest.errors import BadInput
    from storyline.watch.config import CONFIG
    from storyline.watch.subscriptions import duration, opml_feeds

    try:
        config = replace(CONFIG, every=duration(every), timeout=timeout, host_delay=host_delay)
        urls = list(sources)
        for path in opml_files:
            urls += opml_feeds(path)
    except (ValueError, BadInput, OSError) as error:
        raise click.UsageError(getattr(error, "message", None) or str(error)) from None
    corpus = open_corpus(db_path)
    try:
        corpus.add_feeds(urls)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    watcher = corpus.watcher(urls or None, fetch=fetch, allow_private=allow_private, contact=contact, config=config,
                             log=lambda line: click.echo(line, err=True), alert_output=sys.stdout)

    def stop(signal_number: int, _frame: Any) -> None:
        click.echo("stopping after the batch under way (again to stop at once)", err=True)
        watcher.stop()
        signal.signal(signal_number, signal.SIG_DFL)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        reports = watcher.run(once=once)
    except StoreError as error:
        bad_db(error)
    corpus.close()
    if once and any(report.failed for report in reports):
        sys.exit(EXIT_REJECTED)


@main.group()
def feeds() -> None:
    """The feeds watched (storyline watch): their state, and stopping watching one."""


@feeds.command("list")
@db_option
@json_option
def feeds_list(db_path: str, as_json: bool) -> None:
    """Every watched feed: last poll, status, failures, next poll, articles added."""
    rows = [feed.to_json() for feed in open_corpus(db_path).feeds()]
    if as_json:
        print_json(rows)
    else:
        print_table(rows, ["url", "last_status", "last_polled_at", "failures", "next_poll_at", "articles_added",
                           "last_error"])


@feeds.command("remove")
@click.argument("url")
@db_option
def feeds_remove(url: str, db_path: str) -> None:
    """Stop watching a feed (the articles it brought stay)."""
    if not open_corpus(db_path).remove_feed(url):
        fail(f"no watched feed {url}")


@main.group()
def alerts() -> None:
    """Watches on a name, a search query or a story, and the alerts they fire.

    \b
    storyline alerts add --name "Khamenei" --webhook https://hooks.example/in --secret S
    storyline alerts add --query '"port fire" NOT Genoa' --jsonl alerts.jsonl
    storyline alerts add --story s3
    storyline alerts list
    storyline alerts fired --watch 2
    storyline alerts remove 2
    """


@alerts.command("add")
@click.option("--name", help="A person, organisation or place: every variant of the name counts.")
@click.option("--query", help="A full-text query (SQLite FTS5 syntax, as in `storyline search`).")
@click.option("--story", "story_id", help="A story id (followed through merges).")
@click.option("--jsonl", multiple=True, help="Append alerts as JSON Lines to this file ('-': the watcher's standard "
                                             "output, the default when no target is given).")
@click.option("--webhook", multiple=True, help="POST each alert here, signed with HMAC-SHA256.")
@click.option("--secret", help="The webhooks' signing secret (one is made up and printed when not given).")
@db_option
@json_option
def alerts_add(name: str | None, query: str | None, story_id: str | None, jsonl: tuple[str, ...],
               webhook: tuple[str, ...], secret: str | None, db_path: str, as_json: bool) -> None:
    """Watch a name, a query or a story: alerts fire on a new matching story, an outlet a watched story gains, a
    new disagreement in it, and a new quote by a watched name."""
    chosen = [(kind, value) for kind, value in (("name", name), ("query", query), ("story", story_id)) if value]
    if len(chosen) != 1:
        raise click.UsageError("give one of --name, --query and --story")
    [(kind, value)] = chosen
    try:
        added = open_corpus(db_path).add_watch(kind, value, jsonl=jsonl, webhooks=webhook, secret=secret)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    except KeyError as error:
        fail(error.args[0])
    if as_json:
        print_json(added)
        return
    click.echo(f"watch {added['id']}: {kind} {value}")
    for target in added["targets"]:
        click.echo(f"  → {target.get('url') or target.get('path')}")
    if webhook and not secret:
        click.echo(f"  webhook secret (shown once): {added['targets'][-1]['secret']}")


@alerts.command("list")
@db_option
@json_option
def alerts_list(db_path: str, as_json: bool) -> None:
    """Every watch, with its targets and how many alerts it fired."""
    rows = open_corpus(db_path).watches()
    if as_json:
        print_json(rows)
        return
    print_table([{**row, "targets": ", ".join(t.get("url") or t.get("path") for t in row["targets"])}
                 for row in rows], ["id", "kind", "value", "story", "alerts", "last_alert_at", "targets"])


@alerts.command("remove")
@click.argument("watch_id", type=int)
@db_option
def alerts_remove(watch_id: int, db_path: str) -> None:
    """Remove a watch and the alerts it fired."""
    if not open_corpus(db_path).remove_watch(watch_id):
        fail(f"no watch {watch_id}")


@alerts.command("fired")
@click.option("--watch", "watch_id", type=int, help="Only this watch's alerts.")
@click.option("--limit", default=100, show_default=True)
@db_option
@json_option
def alerts_fired(watch_id: int | None, limit: int, db_path: str, as_json: bool) -> None:
    """Alerts fired, newest first, with how their deliveries went."""
    rows = open_corpus(db_path).alerts(watch_id=watch_id, limit=limit)
    if as_json:
        print_json(rows)
        return
    print_table([{**row, "watch": f"{row['watch']['kind']} {row['watch']['value']}", "change": alert_change(row),
                  "delivered": ", ".join(f"{d['target']}: {d['status']}" for d in row["deliveries"])}
                 for row in rows], ["alert", "created_at", "watch", "kind", "story", "change", "delivered"])


def alert_change(alert: dict[str, Any]) -> str:
    """What an alert says changed, in a few words."""
    if alert["kind"] == "outlet":
        return alert["outlet"]
    if alert["kind"] == "disagreement":
        return alert["disagreement"]["conflict"] or "outlets disagree"
    if alert["kind"] == "quote":
        return alert["quote"]["wordings"][0]["as_written"]
    return alert.get("story_title") or alert["story_label"]
