"""Which Host names a server answers to: those of the address it is bound to, whatever its spelling, and the names
given with ``--allowed-host``.

A web page can point a name it controls at this machine (DNS rebinding) and read the server as its own site; the
Host header still names the page's site, so a request naming any other host is refused.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from http import HTTPStatus
from urllib.parse import urlsplit

import psutil
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from storyline.web.errors import error_response

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def normal(host: str) -> str:
    """A host name or address as compared: lower case, no brackets, an IP address in its shortest form."""
    host = host.strip().strip("[]").lower().rstrip(".")
    try:
        return ipaddress.ip_address(host).compressed
    except ValueError:
        return host


def bind_names(bind: str) -> set[str]:
    """The names that reach a server bound to ``bind``: a loopback address or "localhost" the loopback names;
    "0.0.0.0" or "::" (every address) also the machine's names and every address of its interfaces; any other
    address or name itself."""
    host = normal(bind)
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if host == "localhost" or (address is not None and address.is_loopback):
        return {host, *LOOPBACK_NAMES}
    if address is not None and address.is_unspecified:
        interfaces = {normal(entry.address.split("%")[0]) for entries in psutil.net_if_addrs().values()
                      for entry in entries if entry.family in (socket.AF_INET, socket.AF_INET6)}
        return {*LOOPBACK_NAMES, *interfaces, normal(socket.gethostname()), normal(socket.getfqdn())}
    return {host}


def allowed_hosts(bind: str, extra: Iterable[str] = ()) -> frozenset[str]:
    return frozenset(bind_names(bind) | {normal(name) for name in extra})


class HostGuard:
    """Answers 400 to a request whose Host header names none of ``allowed``."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            header = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            try:
                host = urlsplit("//" + header).hostname or ""
            except ValueError:
                host = ""
            if normal(host) not in self.allowed:
                response = error_response(Request(scope, receive), HTTPStatus.BAD_REQUEST,
                                          f"this server does not answer to the host {header!r}; "
                                          "serve it with --allowed-host NAME to allow a name")
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
