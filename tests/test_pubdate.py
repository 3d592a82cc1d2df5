"""Publication-date inference's shortcuts give what the long way gives, on real stories of several undated reports."""

from datetime import date
from pathlib import Path

import pytest

from storyline.ingest import read
from storyline.model import Article
from storyline.parse import nlp
from storyline.stories import pubdate
from storyline.stories.date_phrases import story_article, story_years

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 22)


class EveryArticleRead(pubdate.StoryDates):
    """The long way: an article's evidence taken to read every other article's day, so that it is kept only for
    the same day of every other article, and an article ranked again unless every other one kept its day."""

    def _partner_articles(self, index: int) -> list[int]:
        return [j for j in range(len(self.story)) if j != index]


def story_of(name: str) -> list:
    articles = [item for item in read([str(ROOT / "eval" / "briefs" / "tune" / f"{name}.jsonl")])
                if isinstance(item, Article)]
    return [story_article(a, doc, pubdate.CONFIG.phrases_per_article)
            for a, doc in zip(articles, nlp.parse(a.text for a in articles))]


@pytest.mark.parametrize("name", ["16ecbplus", "19ecb"])
def test_evidence_kept_by_the_partners_days_ranks_and_dates_as_the_long_way(name, monkeypatch):
    story = story_of(name)
    unknown = [i for i, item in enumerate(story) if item.known is None]
    years = story_years(story)
    candidates = pubdate.candidate_days(story, years, TODAY, pubdate.CONFIG)
    assert len(unknown) > 2 and candidates
    short = pubdate.StoryDates(story, years, pubdate.CONFIG)
    # Some article's phrases have partners in only some of the others: the shortcut is taken.
    assert any(len(short._partner_articles(i)) < len(story) - 1 for i in unknown)
    assert short.best_days(unknown, candidates) == \
        EveryArticleRead(story, years, pubdate.CONFIG).best_days(unknown, candidates)
    inferred = pubdate._inferred(story, TODAY, pubdate.CONFIG)
    monkeypatch.setattr(pubdate, "StoryDates", EveryArticleRead)
    assert pubdate._inferred(story, TODAY, pubdate.CONFIG) == inferred
