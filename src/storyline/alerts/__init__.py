"""Alerts: saved watches on a name, a search query or a story, fired by what newly stored articles changed.

``watches`` says what a watch is and what it matches, ``check`` turns the articles stored since the last check
into alerts (each fired once, recorded in the store with the point it checked up to), ``deliver`` sends each alert
to each of its watch's targets at most once: JSON Lines to standard output or a file, webhooks signed with
HMAC-SHA256 and retried with backoff.
"""
