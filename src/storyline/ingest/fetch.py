"""HTTP downloads that refuse non-public addresses, cap the size, time out and retry transient failures."""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from storyline.ingest.decode import MAX_BYTES
from storyline.ingest.errors import BadInput

USER_AGENT = "Storyline/0.1 (+offline news analysis)"
TIMEOUT = 15.0
RETRIES = 2
BACKOFF = 0.5
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Download:
    url: str
    content: bytes
    media_type: str
    charset: str | None


class _Transient(Exception):
    """A failure worth retrying: the connection failed or the server answered 5xx."""


def refused_address(addresses: Iterable[str]) -> str | None:
    """Why fetching from these resolved addresses is refused, or None when every one is public."""
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])  # drop an IPv6 zone ("fe80::1%eth0")
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        for kind, flagged in (("loopback", ip.is_loopback), ("link-local", ip.is_link_local),
                              ("multicast", ip.is_multicast), ("unspecified", ip.is_unspecified),
                              ("reserved", ip.is_reserved), ("private", ip.is_private),
                              ("non-public", not ip.is_global)):
            if flagged:
                return f"{address} is a {kind} address"
    return None


def resolve(host: str, port: int) -> list[str]:
    try:
        return sorted({info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)})
    except (socket.gaierror, UnicodeError) as error:
        raise BadInput(f"cannot resolve host {host}: {error}") from None


class Fetcher:
    """One HTTP client for a batch; every destination, including each redirect, is checked before it is asked."""

    def __init__(self, *, allow_private: bool = False, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT,
                 retries: int = RETRIES, backoff: float = BACKOFF) -> None:
        self.allow_private = allow_private
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        # No proxies from the environment: a proxy would hide the real destination from the address check.
        self._client = httpx.Client(headers={"User-Agent": USER_AGENT}, timeout=timeout, follow_redirects=False,
                                    trust_env=False)

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._client.close()

    def get(self, url: str) -> Download:
        """The body at ``url``, following up to MAX_REDIRECTS redirects by hand so each hop is checked."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            try:
                self._check_destination(current)
                answer = self._get_with_retries(current)
            except BadInput as error:
                if current != url:
                    raise BadInput(f"redirected to {current}: {error.message}") from None
                raise
            if isinstance(answer, Download):
                return answer
            current = answer
        raise BadInput(f"more than {MAX_REDIRECTS} redirects")

    def _check_destination(self, url: str) -> None:
        try:
            parts = urlsplit(url)
            port = parts.port or DEFAULT_PORTS.get(parts.scheme)
        except ValueError as error:
            raise BadInput(f"not a valid URL: {error}") from None
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise BadInput("not an http or https URL")
        if self.allow_private:
            return
        reason = refused_address(resolve(parts.hostname, port))
        if reason:
            raise BadInput(f"refused: {reason}")

    def _get_with_retries(self, url: str) -> Download | str:
        attempt = 0
        while True:
            try:
                return self._get_once(url)
            except _Transient as error:
                if attempt == self.retries:
                    raise BadInput(str(error)) from None
            time.sleep(self.backoff * 2**attempt)
            attempt += 1

    def _get_once(self, url: str) -> Download | str:
        """The download, or the absolute URL a redirect points to."""
        try:
            with self._client.stream("GET", url) as response:
                self._check_peer(response)
                status = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                    return urljoin(url, response.headers["location"])
                if response.status_code >= 500:
                    raise _Transient(status)
                if response.status_code >= 300:
                    raise BadInput(status)
                content = self._body(response)
                media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                return Download(str(response.url), content, media_type, response.charset_encoding)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError) as error:
            raise _Transient(f"connection failed: {error}") from None
        except httpx.TimeoutException:
            raise BadInput(f"timed out after {self.timeout:g} s") from None
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise BadInput(f"download failed: {error}") from None

    def _check_peer(self, response: httpx.Response) -> None:
        """The address actually connected to: DNS may answer differently now than when the host was checked."""
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if not self.allow_private and peer:
            reason = refused_address([peer[0]])
            if reason:
                raise BadInput(f"refused: {reason}")

    def _body(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise BadInput(f"response is {int(declared):,} bytes, over the {self.max_bytes:,}-byte limit")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():  # decompressed: the cap also stops a compression bomb
            size += len(chunk)
            if size > self.max_bytes:
                raise BadInput(f"response is over the {self.max_bytes:,}-byte limit")
            chunks.append(chunk)
        return b"".join(chunks)
