"""Temporal expressions: found once in an article's parse, then anchored to a reference time as TimeML values.

Finding (:mod:`.finding`) needs the parse: spaCy's DATE/TIME entities, words spaCy leaves out such as "now" or
"recently", and the tense of the governing verb (:mod:`.tense`). Anchoring (:mod:`.anchoring`) needs only the
article text and a reference, and values each phrase with :mod:`.values`. Keeping the two apart lets
publication-date inference try many references without parsing again.
"""

from __future__ import annotations

from datetime import datetime

from spacy.tokens import Doc

from storyline.extract.timex.anchoring import anchor
from storyline.extract.timex.config import CONFIG, TimexConfig
from storyline.extract.timex.finding import TimexMention, find
from storyline.model import Article, TimeExpression

__all__ = ["CONFIG", "TimexConfig", "TimexMention", "anchor", "extract", "find"]


def extract(article: Article, doc: Doc, reference: datetime | None = None,
            config: TimexConfig = CONFIG) -> list[TimeExpression]:
    """The article's temporal expressions, valued against ``reference`` or else its publication date."""
    return anchor(article, find(article, doc, config), reference or article.published, config)
