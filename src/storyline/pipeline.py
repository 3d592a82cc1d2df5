"""The one pipeline: read → deduplicate → parse once (batched) → per-article stages → store, stories and
publication dates, batch by batch.

The stages compute and return; the store writes what they return; this module alone opens the transactions. The
slow part of a batch (parse, stages, lead embeddings) runs before it takes the store's write lock; then one
transaction stores the batch's articles with what their stages found, assigns them to stories and stores the
publication dates they let infer. A batch lands whole or not at all, so an interrupted ingest (a kill, a full
disk) leaves no article outside a story, and several processes may ingest into one store at once: the story
index is read under the lock, and loaded again when another process changed the stories since.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from itertools import islice
from typing import Any

from spacy.tokens import Doc

from storyline.extract import Analysis, analyse
from storyline.ingest import IngestError, read
from storyline.model import Article, Mention, TimeExpression
from storyline.parse import nlp
from storyline import parallel
from storyline.stories import persistence, pubdate, summary, updates
from storyline.stories.date_phrases import StoryArticle
from storyline.stories.features import StoryFeatures
from storyline.stories.index import StoryIndex
from storyline.store import Store
from storyline.text import gazetteer

# Kill tests set this to a point named in ``_reached`` to have the process kill itself there (SIGKILL: no
# clean-up runs), as a crash at that moment would.
KILL_AT_VARIABLE = "STORYLINE_KILL_AT"
# How often (seconds) the interpreter asks the thread holding the GIL to hand it over, while one process parses,
# embeds and stores at once: Python's 5 ms made the parse switch threads so often that it took 10% more CPU than
# alone (its caches refilled after each stretch of the embedding's or the writer's Python); at 50 ms the parse of
# 100 PolNeAR train texts took 16.0 instead of 17.4 CPU s, the whole process 23.0 instead of 24.5. The other
# threads wait longer for the GIL, but what they do with it is the same work.
SWITCH_INTERVAL = 0.05
# Allocations (less deallocations) between the cyclic garbage collector's young collections during an ingest
# (Python's default: 700). The parse and the stages make many short-lived objects and few cycles: over PolNeAR
# train's 839 texts the default ran 5,200 young and 16 full collections, 4.9 CPU s holding the GIL (3.8 the full
# ones, each going through every object alive); with the objects alive at the start left out (``gc.freeze``) and
# this threshold, 1,032 young and 3 full, 2.0 CPU s. On 300 texts: 1.42 CPU s; 1.23 with the freeze alone; 0.40
# with this threshold alone; 0.31 with both.
GC_YOUNG_THRESHOLD = 10_000
# With this set to a file's path the kill happens once, in the first process to create the file: a worker killed
# mid-batch, whose batch is then run again by another.
KILL_ONCE_VARIABLE = "STORYLINE_KILL_ONCE"


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    revisions: int = 0
    errors: list[IngestError] = field(default_factory=list)
    # Articles stored without the records of a stage that failed or ran out of time on them.
    warnings: list[IngestError] = field(default_factory=list)
    stored_ids: list[str] = field(default_factory=list)
    # Every article read, stored now or before: what a caller asked about.
    read_ids: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.read} read, {self.stored} stored ({self.revisions} revisions), "
                f"{self.duplicates} duplicates skipped, {len(self.errors)} errors, {len(self.warnings)} warnings")

    def absorb(self, other: "IngestReport") -> None:
        """Count another ingest's report in this one (a job's inputs, one after another)."""
        for name in (f.name for f in fields(self)):
            if isinstance(mine := getattr(self, name), list):
                mine.extend(getattr(other, name))
            else:
                setattr(self, name, mine + getattr(other, name))

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "IngestReport":
        return cls(**{**data, "errors": [IngestError(**e) for e in data["errors"]],
                      "warnings": [IngestError(**w) for w in data["warnings"]]})


@dataclass
class Analysed:
    """An article ready to store: its parse (as stored, and the Doc when it was analysed in this process), what
    the stages found, the warnings of stages that gave nothing, its story features, and when it is undated what
    publication-date inference reads of it."""

    article: Article
    parse: bytes
    found: dict[str, list[Any]]
    warnings: list[str]
    features: StoryFeatures
    doc: Doc | None = None
    date_evidence: StoryArticle | None = None


def analyse_batch(articles: list[Article], batch_size: int = nlp.BATCH_SIZE,
                  keep_docs: bool = True) -> list[Analysed]:
    """The worker side of the pipeline: parse a batch once, run the per-article stages, gather the undated
    articles' date evidence and compute the story features (the lead embeddings in one call). It reads and writes
    no store, so it runs in any process; ``keep_docs=False`` leaves the Docs out of the result for one sent to
    another process (the DocBin holds them). A worker process collects its garbage as an ingest does."""
    with _collecting_rarely():
        return _featured(_parsed(articles, batch_size), keep_docs)


def analysed_here(batches: Iterable[list[Article]], batch_size: int = nlp.BATCH_SIZE) -> Iterator[list[Analysed]]:
    """``analyse_batch`` of each batch in this process, in order, each batch's lead embeddings computed in a thread
    while the next batch is parsed: ONNX Runtime lets go of the GIL, so the embedding (a sixth of the parse's
    CPU time) runs on a core the parse leaves idle instead of after it."""
    with _switching_every(SWITCH_INTERVAL), \
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="embedding") as embedding:
        waiting: Future[list[Analysed]] | None = None
        for batch in batches:
            parsed = _parsed(batch, batch_size)
            if waiting is not None:
                yield waiting.result()
            waiting = embedding.submit(_featured, parsed, True)
        if waiting is not None:
            yield waiting.result()


@contextmanager
def _switching_every(seconds: float) -> Iterator[None]:
    """The interpreter's thread switch interval set to ``seconds`` meanwhile (it is the whole process's)."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(seconds)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


@contextmanager
def _collecting_rarely() -> Iterator[None]:
    """The cyclic garbage collector run less often meanwhile: the objects alive at the start (modules, the spaCy
    model, the story index) outlive the ingest, so they are left out of its collections (``gc.freeze``), and the
    young collections wait for ``GC_YOUNG_THRESHOLD`` allocations. Every collection holds the GIL the parse and
    the writer share. The collector is the process's: of ingests overlapping in a server's threads only the first
    to start sets it and only the last to end restores it, so one ending does not unfreeze what another relies on."""
    global _collecting_users, _collector_before
    # The parse and the writer need them: their objects are left out too, and the workers forked from this
    # process share them, where each built the gazetteer again at its first batch.
    nlp.load()
    gazetteer.load()
    with _collector_lock:
        if _collecting_users == 0:
            _collector_before = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(GC_YOUNG_THRESHOLD, *_collector_before[1:])
        _collecting_users += 1
    try:
        yield
    finally:
        with _collector_lock:
            _collecting_users -= 1
            if _collecting_users == 0:
                gc.set_threshold(*_collector_before)
                gc.unfreeze()


_collector_lock = threading.Lock()
_collecting_users = 0
_collector_before: tuple[int, int, int] = gc.get_threshold()
# A Dask worker is forked while this process ingests (its collector already set): another thread may hold the lock.
os.register_at_fork(after_in_child=lambda: globals().update(_collector_lock=threading.Lock()))


@dataclass
class _Parsed:
    """A batch parsed and through the per-article stages, its story features still to compute."""

    articles: list[Article]
    docs: list[Doc]
    analyses: list[Analysis]
    evidence: list[StoryArticle | None]


def _parsed(articles: list[Article], batch_size: int) -> _Parsed:
    docs = list(nlp.parse([a.text for a in articles], batch_size))
    analyses, evidence = [], []
    for article, doc in zip(articles, docs):
        # One article at a time: its date evidence reads the time expressions its time stage has just found.
        analyses.append(analyse(article, doc))
        evidence.append(pubdate.evidence_of(article, doc) if article.published is None else None)
    return _Parsed(articles, docs, analyses, evidence)


def _featured(parsed: _Parsed, keep_docs: bool) -> list[Analysed]:
    articles, docs, analyses = parsed.articles, parsed.docs, parsed.analyses
    features = updates.story_features([(article, doc, analysis.found["time"])
                                       for article, doc, analysis in zip(articles, docs, analyses)])
    _reached("analysed")
    return [Analysed(article, nlp.to_bytes(doc), analysis.found, analysis.warnings, item,
                     doc if keep_docs else None, dating)
            for article, doc, analysis, item, dating in zip(articles, docs, analyses, features, parsed.evidence)]


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _reached(point: str) -> None:
    if os.environ.get(KILL_AT_VARIABLE) != point:
        return
    if once := os.environ.get(KILL_ONCE_VARIABLE):
        try:
            open(once, "x").close()
        except FileExistsError:
            return
    os.kill(os.getpid(), signal.SIGKILL)


class Pipeline:
    def __init__(self, store: Store, batch_size: int = nlp.BATCH_SIZE) -> None:
        self.store = store
        self.batch_size = batch_size
        self._index: StoryIndex | None = None
        self._generation = -1
        # How many batches this process assigned since it last named the stories they changed (which the store
        # keeps, :meth:`Store.stories_to_name`): they are named at the end of the ingest call, or after
        # ``batches_before_naming`` batches of a long one (see :meth:`_name_changed_stories`).
        self._batches_unnamed = 0

    @property
    def index(self) -> StoryIndex:
        """The story index, kept in memory between batches; loaded again when the stories changed since it was
        (another process assigned articles, or reclustered)."""
        generation = self.store.story_generation()
        if self._index is None or generation != self._generation:
            self._index = persistence.load_index(self.store)
            self._generation = generation
        return self._index

    def ingest(self, sources: Iterable[str], *, fetch: bool = False, allow_private: bool = False,
               follow_symlinks: bool = False,
               on_article: Callable[[Article | IngestError], None] | None = None, workers: int = 1,
               cluster: str | None = None) -> IngestReport:
        """Ingest files, directories and URLs; bad inputs are reported and skipped, the rest is stored."""
        return self.add(read(sources, fetch=fetch, allow_private=allow_private, follow_symlinks=follow_symlinks),
                        on_article, workers, cluster)

    def add(self, items: Iterable[Article | IngestError],
            on_article: Callable[[Article | IngestError], None] | None = None, workers: int = 1,
            cluster: str | None = None) -> IngestReport:
        """Store a stream of articles batch by batch, skipping those already stored and counting the errors.
        ``workers``: processes that parse and analyse at once, or ``cluster``: the address of a Dask scheduler
        whose workers do (see :mod:`storyline.parallel`); storing and assigning stay in this one, in the order the
        articles were read."""
        self.index  # loaded first: a store whose story index cannot be loaded takes no articles
        self.assign_unassigned()
        report = IngestReport()
        fresh = self._fresh_batches(items, report, on_article)
        # Batch k is stored in a thread while batch k+1 is read and analysed: the store's I/O, and the parse's
        # and the embedding's numerical kernels, let go of the GIL. One batch at a time is stored, in order.
        with _collecting_rarely(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="writer") as writer:
            storing: tuple[list[Analysed], Future[list[Analysed]]] | None = None
            for batch in parallel.analysed_in_order(fresh, workers, self.batch_size, analyse_batch, cluster,
                                                    analysed_here):
                if storing is not None:
                    self._count_stored(*storing, report)
                for item in batch:
                    report.warnings += [IngestError(item.article.origin or item.article.id, warning)
                                        for warning in item.warnings]
                storing = batch, writer.submit(self._store_batch, batch)
            if storing is not None:
                self._count_stored(*storing, report)
        if self.store.stories_to_name():  # this ingest's, or those of one stopped before it named them
            with self._writing():
                self._name_changed_stories()
        return report

    def _fresh_batches(self, items: Iterable[Article | IngestError], report: IngestReport,
                       on_article: Callable[[Article | IngestError], None] | None) -> Iterator[list[Article]]:
        """The articles not stored yet, in batches, counting what was read, the errors and the duplicates."""
        seen: set[str] = set()
        for batch in batched(items, self.batch_size):
            fresh = []
            for item in batch:
                if on_article:
                    on_article(item)
                if isinstance(item, IngestError):
                    report.errors.append(item)
                    continue
                report.read += 1
                report.read_ids.append(item.id)
                if item.id in seen or self.store.has_article(item.id):
                    report.duplicates += 1
                else:
                    seen.add(item.id)
                    fresh.append(item)
            if fresh:
                yield fresh

    def _store_batch(self, batch: list[Analysed]) -> list[Analysed]:
        """The writer side: store the batch, assign it to stories and store the dates it lets infer, in one
        transaction; returns the articles stored (another process may have stored one of them since)."""
        if not batch:
            return []
        model = nlp.load().meta["name"] + "-" + nlp.load().meta["version"]
        with self._writing():
            # Another process may have stored one of them since it was read.
            new = [item for item in batch if not self.store.has_article(item.article.id)]
            for item in new:
                self.store.add_article(item.article, item.parse, model)
                for kind, records in item.found.items():
                    self.store.add_spans(item.article.id, kind, records)
            # A revision takes the text it revises out of that text's story: the story's names are due again.
            if revised := {self.store.story_of(item.article.revision_of) for item in new if item.article.revision_of}:
                self.store.set_stories_to_name(self.store.stories_to_name() | (revised - {None}))
            _reached("stored")
            docs = {item.article.id: item for item in new}

            def doc_in_memory(article_id: str) -> Doc | None:
                item = docs.get(article_id)
                return None if item is None else item.doc or nlp.from_bytes(item.parse)

            gathered = {item.article.id: item.date_evidence for item in new if item.date_evidence is not None}
            touched = self._assign(self.index, [item.features for item in new],
                                   {item.article.id for item in new if item.article.published is None},
                                   doc_in_memory, gathered)
            if new and all(item.doc is None for item in new):
                # Analysed in other processes: this process's core is the writer's, so the stories the batch left
                # alone are named now, while the workers analyse the next batches, not in a tail at the end with
                # every worker idle.
                self._name_settled_stories(touched)
        _reached("committed")
        return new

    @staticmethod
    def _count_stored(batch: list[Analysed], storing: Future[list[Analysed]], report: IngestReport) -> None:
        """Count a batch in the report once it is stored (an error storing it is raised here)."""
        new = storing.result()
        report.duplicates += len(batch) - len(new)
        for item in new:
            report.stored += 1
            report.revisions += item.article.revision_of is not None
            report.stored_ids.append(item.article.id)

    def assign_unassigned(self) -> int:
        """Assign the stored articles no story holds, with the dates they let infer; returns how many. Only a
        store an earlier Storyline was stopped in between storing and assigning has such articles."""
        if not self.store.unassigned_article_ids():
            return 0
        with self._writing():
            ids = self.store.unassigned_article_ids()  # again, under the lock: another writer may have done it
            order = {article_id: number for number, article_id in enumerate(ids)}
            orphans = sorted(self.store.articles(ids=ids, include_revised=True), key=lambda a: order[a.id])
            times = self.store.records("time", TimeExpression, [a.id for a in orphans])
            features = updates.story_features([(a, self.doc(a.id), times[a.id]) for a in orphans])
            self._assign(self.index, features, {a.id for a in orphans if a.published is None}, lambda _: None, {})
            self._name_changed_stories()
        return len(orphans)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """The store's write lock and transaction; the index in memory is dropped if the transaction fails (it may
        hold assignments the store does not)."""
        try:
            with self.store.writing():
                yield
        except BaseException:
            self._index = None
            raise

    def _assign(self, index: StoryIndex, features: list[StoryFeatures], undated_ids: set[str],
                doc_in_memory: Callable[[str], Doc | None], gathered: dict[str, StoryArticle]) -> set[str]:
        """Assign articles to stories in order, store what changed and the dates the new undated articles
        (``undated_ids``, whose date evidence ``gathered`` holds when it was gathered with their parse) let
        infer; returns the stories the assignment touched."""
        if not features:
            return set()
        update = updates.update_of(index, [(item, index.assign(item)) for item in features])
        self.store.save_story_update(update)
        self.store.set_stories_to_name((self.store.stories_to_name() | set(update.touched)) - set(update.merged_away))
        self._batches_unnamed += 1
        if self._batches_unnamed >= summary.CONFIG.batches_before_naming:
            self._name_changed_stories()
        _reached("assigned")
        # Only a story given an undated article may date one: the others' articles are not read from the store.
        given_undated = {update.memberships.get(article_id) for article_id in undated_ids}
        stories = [story_id for story_id in update.touched if story_id in given_undated]
        self._date_undated(stories, undated_ids,
                           lambda article_id: doc_in_memory(article_id) or self.doc(article_id), gathered)
        self._generation = self.store.story_generation()
        return set(update.touched)

    def _name_changed_stories(self) -> None:
        """Name the stories changed since they were last named, once each, from all their articles (inside the
        caller's transaction): named at every batch that changed them, a story taking an article each batch was
        resolved again from all its articles each time, and a story created and then grown or merged away within
        one ingest was named for nothing."""
        self._name_stories(sorted(self.store.stories_to_name()))
        self.store.set_stories_to_name(set())
        self._batches_unnamed = 0

    def _name_settled_stories(self, touched: set[str]) -> None:
        """Name the stories waiting to be named that the last batch did not touch (inside the caller's
        transaction); those it touched wait, as the next batches may well give them more articles. A story named
        here waits again when a later batch changes it and is named again, so the names every story ends with are
        those it would get named once at the end."""
        waiting = self.store.stories_to_name()
        self._name_stories(sorted(waiting - touched))
        self.store.set_stories_to_name(waiting & touched)

    def _name_stories(self, story_ids: Iterable[str]) -> None:
        """Keep who each story names (its key people, its entities' names) in its summary: the story list shows
        them and filters by them before any brief is built."""
        for story_id in story_ids:
            try:
                ids = self.store.story_article_ids(story_id)
            except KeyError:
                continue  # merged away by another process since
            articles = summary.newest(self.store.articles(ids=ids))
            mentions = self.store.records("mention", Mention, [a.id for a in articles])
            self.store.set_story_names(story_id, summary.story_names(articles, mentions))

    def _date_undated(self, story_ids: list[str], undated_ids: set[str], doc_of: Callable[[str], Doc],
                      gathered: dict[str, StoryArticle]) -> None:
        """Store the publication dates the new undated articles let infer in their stories, with the time
        expressions valued against them."""
        stories = [self.store.articles(ids=self.store.story_article_ids(story_id)) for story_id in story_ids]
        for item in pubdate.date_undated(stories, undated_ids, doc_of, gathered=gathered):
            self.store.set_published(item.article.id, item.article.published, item.article.published_confidence)
            self.store.replace_spans(item.article.id, "time", item.times)

    def recluster(self) -> int:
        """Forget every story and assign all stored articles again, oldest first, in one transaction; returns the
        number of stories."""
        with self._writing():
            self.store.clear_stories()
            self._index = StoryIndex()
            for batch in batched(self.store.articles(), self.batch_size):
                times = self.store.records("time", TimeExpression, [a.id for a in batch])
                features = updates.story_features([(a, self.doc(a.id), times[a.id]) for a in batch])
                update = updates.update_of(self._index, [(item, self._index.assign(item)) for item in features])
                self.store.save_story_update(update)
            self.store.set_stories_to_name(set())
            self._name_stories([story["id"] for story in self.store.stories()])
            self._generation = self.store.story_generation()
        return len(self.store.stories())

    def doc(self, article_id: str) -> Doc:
        """The stored parse of an article: later stages read it instead of parsing again."""
        return nlp.from_bytes(self.store.parse_bytes(article_id))

