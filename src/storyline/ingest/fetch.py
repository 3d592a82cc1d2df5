"""HTTP downloads that refuse non-public addresses, cap the size, time out and retry transient failures; conditional
requests (ETag, Last-Modified) for pollers, and the POSTs of webhook deliveries, under the same address checks."""

from __future__ import annotations

import email.utils
import ipaddress
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
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
    # The validators to send next time (conditional requests), and whether the server answered 304 Not Modified
    # to the ones sent: then ``content`` is empty.
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


class HttpError(BadInput):
    """The server answered with an error status; ``retry_after`` is how long it asked to be left alone (in
    seconds, from a Retry-After header), if it said."""

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class _Transient(Exception):
    """A failure worth retrying: the connection failed or the server answered 5xx."""

    def __init__(self, message: str, error: BadInput | None = None) -> None:
        super().__init__(message)
        self.error = error or BadInput(message)


def user_agent(contact: str | None = None) -> str:
    """The User-Agent naming Storyline, with a URL or address where a site's owner can reach its operator."""
    return f"Storyline/0.1 (+{contact})" if contact else USER_AGENT


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
                 retries: int = RETRIES, backoff: float = BACKOFF, agent: str = USER_AGENT) -> None:
        self.allow_private = allow_private
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        # No proxies from the environment: a proxy would hide the real destination from the address check.
        # The client is shared by a poller's threads (httpx's pool is thread-safe).
        self._client = httpx.Client(headers={"User-Agent": agent}, timeout=timeout, follow_redirects=False,
                                    trust_env=False)

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Download:
        """The body at ``url``, following up to MAX_REDIRECTS redirects by hand so each hop is checked.

        With the validators a previous download gave (``etag``, ``last_modified``) the request is conditional:
        an unchanged resource comes back as a Download with ``not_modified`` set and no content.
        """
        conditions = {name: value for name, value in (("If-None-Match", etag), ("If-Modified-Since", last_modified))
                      if value}
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            try:
                self._check_destination(current)
                answer = self._get_with_retries(current, conditions)
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

    def post(self, url: str, content: bytes, headers: dict[str, str]) -> int:
        """POST ``content`` to ``url`` once (no redirect followed: a delivery goes where it was addressed); the
        status of a 2xx answer. Raises HttpError for any other status, BadInput when it could not be sent."""
        self._check_destination(url)
        try:
            with self._client.stream("POST", url, content=content, headers=headers) as response:
                self._check_peer(response)
                if not 200 <= response.status_code < 300:
                    raise _status_error(response)
                return response.status_code
        except BadInput:
            raise
        except httpx.TimeoutException:
            raise BadInput(f"timed out after {self.timeout:g} s") from None
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise BadInput(f"could not be sent: {error}") from None

    def _get_with_retries(self, url: str, conditions: dict[str, str]) -> Download | str:
        attempt = 0
        while True:
            try:
                return self._get_once(url, conditions)
            except _Transient as failure:
                if attempt == self.retries:
                    raise failure.error from None
            time.sleep(self.backoff * 2**attempt)
            attempt += 1

    def _get_once(self, url: str, conditions: dict[str, str]) -> Download | str:
        """The download, or the absolute URL a redirect points to."""
        try:
            with self._client.stream("GET", url, headers=conditions) as response:
                self._check_peer(response)
                if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                    return urljoin(url, response.headers["location"])
                if response.status_code == 304 and conditions:
                    return Download(str(response.url), b"", "", None, response.headers.get("etag"),
                                    response.headers.get("last-modified"), not_modified=True)
                if response.status_code >= 500:
                    error = _status_error(response)
                    raise _Transient(error.message, error)
                if response.status_code >= 300:
                    raise _status_error(response)
                content = self._body(response)
                media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                return Download(str(response.url), content, media_type, response.charset_encoding,
                                response.headers.get("etag"), response.headers.get("last-modified"))
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


def _status_error(response: httpx.Response) -> HttpError:
    status = f"HTTP {response.status_code} {response.reason_phrase}".strip()
    return HttpError(status, response.status_code, retry_after(response.headers.get("retry-after")))


def retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for: a number of seconds, or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return max(0.0, (moment - datetime.now(timezone.utc)).total_seconds())
