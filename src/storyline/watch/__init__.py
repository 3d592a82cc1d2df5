"""Watching feeds: polling RSS/Atom feeds and pages on a schedule and ingesting what is new, politely.

:class:`storyline.watch.watcher.Watcher` runs the polls (``storyline watch``, :meth:`Corpus.watcher`); its per-feed
and per-item state lives in the store, so a restarted watcher resumes where it stopped. ``config`` holds the
schedule and the politeness limits, ``hosts`` the per-host turns, ``robots`` robots.txt, ``items`` what a polled
feed or page holds, ``subscriptions`` the feed lists given to it (OPML).
"""
