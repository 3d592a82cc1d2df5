"""Files, directories and URLs to a stream of Articles and IngestErrors: the one entry point, ``read``; and
``read_bytes`` for one input already in memory (a request body), read by the same format dispatch."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from storyline.ingest import feed
from storyline.ingest.decode import MAX_BYTES, decode, read_capped, special_kind
from storyline.ingest.errors import BadInput, IngestError
from storyline.ingest.fetch import Download, Fetcher
from storyline.ingest.html import article_from_html
from storyline.ingest.jsonl import file_lines, read_json, read_json_lines, text_lines
from storyline.ingest.text import article_from_text
from storyline.model import Article

Item = Article | IngestError
FORMAT_BY_SUFFIX = {
    ".txt": "text", ".md": "text", ".markdown": "text",
    ".jsonl": "json lines", ".ndjson": "json lines", ".json": "json",
    ".html": "html", ".htm": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}
SIDECAR_SUFFIX = ".json"
TEXT_SUFFIXES = tuple(suffix for suffix, kind in FORMAT_BY_SUFFIX.items() if kind == "text")
HTML_OPENINGS = ("<!doctype html", "<html", "<head", "<body")
FEED_OPENINGS = ("<?xml", "<rss", "<feed", "<rdf:rdf")
SNIFF_CHARS = 1000


def read(sources: Iterable[str], *, fetch: bool = False, allow_private: bool = False,
         follow_symlinks: bool = False, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Every article in the given files, directories and http(s) URLs, in order, with an error per bad input.

    ``fetch`` downloads the page each feed entry links to instead of taking the entry's own text. A symbolic link
    inside a directory that leads out of it is reported and not followed, unless ``follow_symlinks``: a folder
    of articles should not hand over whatever else it points at. Never raises for bad input.
    """
    with Fetcher(allow_private=allow_private, max_bytes=max_bytes) as fetcher:
        reader = _Reader(fetcher, fetch, max_bytes, follow_symlinks)
        for source in sources:
            yield from reader.source(source)


def read_bytes(content: bytes, kind: str, origin: str, *, charset: str | None = None,
               metadata: Mapping[str, Any] | None = None) -> Iterator[Item]:
    """The articles in one input held in memory, read as ``kind`` ("text", "json lines", "json" or "html");
    ``charset`` is the encoding its sender declared, ``metadata`` overrides a text's front matter.

    Never raises for bad input: like a bad file, it gives an IngestError naming ``origin``.
    """
    yield from _guarded(origin, lambda: read_text(kind, decode(content, charset), origin, metadata))


def read_named(content: bytes, name: str) -> Iterator[Item]:
    """The articles in a file held in memory (an upload) called ``name``: read as ``ingest`` reads such a file, its
    format told by its suffix or else by its content, a feed's entries as they stand (no page fetched).

    Never raises for bad input: it gives an IngestError naming the file."""
    def produce() -> Iterator[Item]:
        text = decode(content)
        kind = FORMAT_BY_SUFFIX.get(PurePosixPath(name).suffix.lower()) or sniff_format(text)
        if kind == "feed":
            yield from feed.entry_articles(feed.parse_feed(text), name)
        else:
            yield from read_text(kind, text, name)

    yield from _guarded(name, produce)


def read_text(kind: str, text: str, origin: str, metadata: Mapping[str, Any] | None = None,
              url: str | None = None) -> Iterator[Item]:
    """The articles in a decoded input of a format that needs no fetching (every one but feeds)."""
    if kind == "html":
        yield article_from_html(text, origin, url=url)
    elif kind == "json lines":
        yield from read_json_lines(text_lines(text), origin)
    elif kind == "json":
        yield from read_json(text, origin)
    else:
        yield article_from_text(text, origin, metadata)


class _Reader:
    def __init__(self, fetcher: Fetcher, fetch: bool, max_bytes: int, follow_symlinks: bool) -> None:
        self.fetcher = fetcher
        self.fetch = fetch
        self.max_bytes = max_bytes
        self.follow_symlinks = follow_symlinks

    def source(self, source: str) -> Iterator[Item]:
        if not _utf8_name(source):
            yield IngestError(printable(source), "the name is not valid UTF-8: rename it to read it")
            return
        if source.startswith(("http://", "https://")):
            yield from _guarded(source, lambda: self._url(source))
            return
        if "://" in source:
            yield IngestError(source, "only http and https URLs can be read")
            return
        path = Path(source)
        if path.is_dir():
            for file in _walk(path, self.follow_symlinks):
                if isinstance(file, IngestError):
                    yield file
                else:
                    yield from _guarded(str(file), lambda file=file: self._file(file))
        elif path.is_file():
            yield from _guarded(source, lambda: self._file(path))
        elif path.exists():
            yield IngestError(source, f"not a regular file ({special_kind(path.stat().st_mode)}): skipped")
        else:
            yield IngestError(source, "no such file or directory")

    def _file(self, path: Path) -> Iterator[Item]:
        kind = FORMAT_BY_SUFFIX.get(path.suffix.lower())
        if kind == "json lines":
            yield from read_json_lines(file_lines(path, self.max_bytes), str(path))
            return
        text = decode(read_capped(path, self.max_bytes))
        if kind == "text":
            yield from read_text(kind, text, str(path), self._sidecar(path))
        else:
            yield from self._read_as(kind or sniff_format(text), text, str(path))

    def _url(self, url: str) -> Iterator[Item]:
        download = self.fetcher.get(url)
        text = decoded(download)
        yield from self._read_as(download_format(download, text), text, url, url=url)

    def _read_as(self, kind: str, text: str, origin: str, url: str | None = None) -> Iterator[Item]:
        if kind == "feed":
            yield from self._feed(text, origin)
        else:
            yield from read_text(kind, text, origin, url=url)

    def _feed(self, text: str, origin: str) -> Iterator[Item]:
        parsed = feed.parse_feed(text)
        if not self.fetch:
            yield from feed.entry_articles(parsed, origin)
            return
        for number, entry in enumerate(parsed.entries, 1):
            metadata = feed.entry_metadata(parsed, entry)
            link = metadata["url"]
            if link:
                yield from _guarded(link, lambda link=link, metadata=metadata: self._linked_page(link, metadata))
            else:
                yield IngestError(f"{origin}#{number}", "feed entry has no link to fetch")

    def _linked_page(self, link: str, entry_metadata: dict[str, Any]) -> Iterator[Item]:
        yield linked_article(self.fetcher, link, entry_metadata)

    def _sidecar(self, text_path: Path) -> dict[str, Any] | None:
        """The metadata in NAME.json beside NAME.txt, if there is one."""
        path = text_path.with_suffix(SIDECAR_SUFFIX)
        if not path.is_file():
            return None
        try:
            metadata = json.loads(decode(read_capped(path, self.max_bytes)))
        except json.JSONDecodeError as error:
            raise BadInput(f"sidecar {path.name} is not valid JSON: {error.msg} (line {error.lineno})") from None
        except BadInput as error:
            raise BadInput(f"sidecar {path.name}: {error.message}") from None
        if not isinstance(metadata, dict):
            raise BadInput(f"sidecar {path.name} is not a JSON object")
        return metadata


def linked_article(fetcher: Fetcher, link: str, entry_metadata: dict[str, Any]) -> Article:
    """The page a feed entry links to, as an article; the entry's title, source and date stand in for what the
    page lacks. Raises BadInput when it cannot be fetched or read."""
    return article_from_html(decoded(fetcher.get(link)), link, url=link, fallback=entry_metadata)


def download_format(download: Download, text: str) -> str:
    """The format of a download: by its Content-Type, else the suffix of its URL, else what it opens with."""
    return (media_type_format(download.media_type) or FORMAT_BY_SUFFIX.get(_url_suffix(download.url))
            or sniff_format(text))


def media_type_format(media_type: str) -> str | None:
    """The format an HTTP Content-Type names; None for generic ones (text/plain, application/octet-stream)."""
    if "html" in media_type:
        return "html"
    if any(kind in media_type for kind in ("rss", "atom", "xml")):
        return "feed"
    if any(kind in media_type for kind in ("ndjson", "jsonl", "json-seq")):
        return "json lines"
    if "json" in media_type:
        return "json"
    return None


def sniff_format(text: str) -> str:
    """The format the content opens with; plain text otherwise."""
    opening = text.lstrip()[:SNIFF_CHARS].lower()
    if opening.startswith(HTML_OPENINGS) or (opening.startswith("<?xml") and "<html" in opening):
        return "html"
    if opening.startswith(FEED_OPENINGS):
        return "feed"
    if opening.startswith(("{", "[")):
        return "json"
    return "text"


def _guarded(origin: str, produce: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """The items ``produce`` yields, ended by an IngestError naming ``origin`` if the input turns out bad."""
    try:
        yield from produce()
    except BadInput as error:
        yield IngestError(origin, error.message, error.line)
    except OSError as error:
        yield IngestError(origin, f"cannot read: {error.strerror or error}")
    except Exception as error:  # noqa: BLE001
        # A parser (lxml, feedparser, trafilatura) choking on one odd input must not end the whole batch.
        yield IngestError(origin, f"could not be read: {type(error).__name__}: {error}")


def _url_suffix(url: str) -> str:
    return PurePosixPath(urlsplit(url).path).suffix.lower()


def decoded(download: Download) -> str:
    """A download's text, decoded by its declared charset or what its bytes show."""
    return decode(download.content, download.charset)


def _walk(directory: Path, follow_symlinks: bool) -> list[Path | IngestError]:
    """Files of a known format under ``directory``, sorted by path, without hidden ones and without sidecars; an
    error for each that cannot be read as it stands (its name is not UTF-8, it is a special file, a symbolic
    link out of the directory unless ``follow_symlinks``)."""
    root = directory.resolve()
    found: list[tuple[tuple[str, ...], Path | IngestError]] = []
    seen_folders = {root}

    def unreadable(error: OSError) -> None:
        path = Path(error.filename)
        found.append((_key(path, directory) if path != directory else (), IngestError(
            printable(str(path)), f"cannot read the folder: {error.strerror or error}")))

    for folder, subfolders, files in os.walk(directory, onerror=unreadable, followlinks=follow_symlinks):
        kept = []
        for name in subfolders:
            path = Path(folder, name)
            if name.startswith("."):
                continue
            if not _utf8_name(name):
                found.append((_key(path, directory), IngestError(printable(str(path)), UNDECODABLE_NAME)))
            elif path.is_symlink():
                target = path.resolve()
                if not follow_symlinks and not target.is_relative_to(root):
                    found.append((_key(path, directory), IngestError(str(path), _link_out(target))))
                elif follow_symlinks and target not in seen_folders:  # a link back up would loop forever
                    seen_folders.add(target)
                    kept.append(name)
            else:
                seen_folders.add(path.resolve())
                kept.append(name)
        subfolders[:] = kept
        for name in files:
            path = Path(folder, name)
            if name.startswith(".") or path.suffix.lower() not in FORMAT_BY_SUFFIX or _is_sidecar(path):
                continue
            key = _key(path, directory)
            if not _utf8_name(name):
                found.append((key, IngestError(printable(str(path)), UNDECODABLE_NAME)))
            elif path.is_symlink() and not follow_symlinks and not path.resolve().is_relative_to(root):
                found.append((key, IngestError(str(path), _link_out(path.resolve()))))
            elif path.exists() and not path.is_file():
                found.append((key, IngestError(str(path), f"not a regular file ({special_kind(path.stat().st_mode)}):"
                                                           " skipped")))
            else:
                found.append((key, path))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _key(path: Path, directory: Path) -> tuple[str, ...]:
    return tuple(printable(part) for part in path.relative_to(directory).parts)


UNDECODABLE_NAME = "the file name is not valid UTF-8: rename it to read it"


def _link_out(target: Path) -> str:
    return f"a symbolic link out of the folder (to {printable(str(target))}): not followed without --follow-symlinks"


def _utf8_name(name: str) -> bool:
    """Whether a name the file system gave is UTF-8: Python hands over other bytes as lone surrogates, which no
    message, database or web page can hold."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(name: str) -> str:
    """A file name with the bytes that are not UTF-8 written as ``\\xNN``."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _is_sidecar(path: Path) -> bool:
    return path.suffix.lower() == SIDECAR_SUFFIX and any(path.with_suffix(s).is_file() for s in TEXT_SUFFIXES)
