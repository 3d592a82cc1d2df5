"""Story-level stages: they read a story's articles together and compare what the outlets say.

:func:`storyline.compare.story.compare_story` runs them all once per story: entities resolved across the articles,
quotes matched across outlets and wordings (``quotes``), the timeline (``timeline``), copied passages
(``copies``), claims aligned across outlets (``claims``), figures outlets disagree on (``figures``) and each
outlet's framing (``framing``).
"""
