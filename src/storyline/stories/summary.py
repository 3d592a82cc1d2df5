"""What a story's summary says of who is in it, kept with the story whenever it changes, so the story list and its
entity filter need no brief: the key people, and every name each of its entities goes by.

Both come from the story's entity resolution (:func:`storyline.compare.entities.resolve`, as
:func:`storyline.compare.story.resolve_entities` runs it) over the mentions
stored with its articles (of a large story, its newest: :class:`SummaryConfig`): names as the brief writes them,
without the brief's other stages. A brief built later
refines the key people (:meth:`storyline.store.base.Store.keep_brief`).
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.compare import entities
from storyline.model import Article, Entity, Mention
from storyline.text.names import fold

# The people a story list names under a story's headline.
KEY_PEOPLE = 3


@dataclass(frozen=True)
class SummaryConfig:
    # Of a larger story, only its newest articles are read: resolution costs about 5 ms an article (0.7 s for 200,
    # 2.6 s for 480 ECB+ articles, measured on the tuning topics), paid under the write lock on every batch the
    # story takes. Who a long-running story is about now is in its newest articles.
    newest_articles: int = 200
    # The pipeline names the stories an ingest changed once, at its end, and in a long ingest after every this many
    # batches (1,600 articles at the default batch size, a few minutes of one process's work), so that the story
    # list of a long ingest lags that far at most. Named at every batch that created, merged or split a story or
    # grew it by a quarter, the 839 PolNeAR train texts cost 560 resolutions (12.2 CPU s); named once, 421 (5.6).
    batches_before_naming: int = 50


CONFIG = SummaryConfig()


@dataclass(frozen=True, slots=True)
class StoryNames:
    """``people``: the key people's names, most widely reported first; ``names``: (entity id, folded name) for
    every name (canonical and variant) of every entity of the story."""

    people: list[str]
    names: list[tuple[str, str]]


def story_names(articles: list[Article], mentions: dict[str, list[Mention]]) -> StoryNames:
    """Who a story names, from the articles its summary is read from (:func:`newest`) and their mentions."""
    found = entities.resolve((article, mentions[article.id]) for article in articles)
    source_of = {article.id: article.source or article.id for article in articles}

    def reach(entity: Entity) -> tuple[int, int, int, str]:
        # By how many outlets name them, then articles, then mentions: who the coverage is about, not who one
        # long article dwells on.
        ids = {span.article_id for span in entity.mentions}
        return -len({source_of[i] for i in ids if i in source_of}), -len(ids), -len(entity.mentions), entity.name

    people = [entity.name for entity in sorted((e for e in found if e.type == "PERSON"), key=reach)][:KEY_PEOPLE]
    names = sorted({(entity.id, folded) for entity in found for written in (entity.name, *entity.variants)
                    if (folded := fold(written).strip())})
    return StoryNames(people, names)


def newest(articles: list[Article], config: SummaryConfig = CONFIG) -> list[Article]:
    """The articles a story's summary is read from (``articles`` in publication order, undated last): the newest
    dated ones, and the undated if there is room."""
    if len(articles) <= config.newest_articles:
        return articles
    limit = config.newest_articles
    dated = [article for article in articles if article.published is not None]
    undated = [article for article in articles if article.published is None]
    return dated[-limit:] if len(dated) >= limit else dated + undated[:limit - len(dated)]
