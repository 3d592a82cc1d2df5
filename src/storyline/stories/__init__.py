"""Stories: each arriving article joins a story or starts one, and undated articles are dated from their story.

- :mod:`~storyline.stories.features` — what the index needs of one article (names, words, years, lead);
- :mod:`~storyline.stories.terms`, :mod:`~storyline.stories.candidates` — bags with online IDF; the few stories
  an article could belong to;
- :mod:`~storyline.stories.scoring` — profiles and the score of an article against a story;
- :mod:`~storyline.stories.index` — the online index: assign, merge, split, and the history of its decisions;
- :mod:`~storyline.stories.labels` — a story as readers see it;
- :mod:`~storyline.stories.config` — the one config of story assignment;
- :mod:`~storyline.stories.updates` — what assigning a batch changes, for the store to write;
- :mod:`~storyline.stories.persistence` — the index as stored, and rebuilt from the store;
- :mod:`~storyline.stories.pubdate` — publication dates inferred, with a confidence, only from evidence in the
  story's texts; :mod:`~storyline.stories.date_phrases` — what an article's date phrases tell of its day.
"""
