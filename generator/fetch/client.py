"""A polite HTTP client: one User-Agent naming digest, a timeout per request, a size limit, a few
redirects (http and https only), and at most one request at a time per host."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urljoin, urlsplit

from .sources import is_web_address

USER_AGENT = "digest-fetch/0.1 (+https://github.com/; a static news digest following its sources' feeds)"
TIMEOUT = 15.0
"""Seconds to wait for a server to connect or to send the next bytes."""
MAX_BYTES = 5_000_000
"""A feed or page larger than this is not read."""
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A request that gave nothing usable, with the reason in words."""


@dataclass(frozen=True, slots=True)
class Response:
    url: str
    """The address after redirects."""
    status: int
    headers: Message
    body: bytes

    @property
    def content_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # redirects are followed by Client.get, which checks each address


@dataclass
class Client:
    timeout: float = TIMEOUT
    max_bytes: int = MAX_BYTES
    _locks: defaultdict = field(default_factory=lambda: defaultdict(threading.Lock))
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """The answer to a GET of ``url``; 304 comes back as a response, other errors raise ``FetchError``."""
        opener = urllib.request.build_opener(_NoRedirect)
        for _ in range(MAX_REDIRECTS + 1):
            if not is_web_address(url):
                raise FetchError(f"not an http(s) address: {url}")
            request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **(headers or {})})
            with self._host_lock(url):
                try:
                    with opener.open(request, timeout=self.timeout) as answer:
                        return Response(answer.geturl(), answer.status, answer.headers, self._read(answer))
                except urllib.error.HTTPError as error:
                    if error.code in (301, 302, 303, 307, 308) and error.headers.get("Location"):
                        url = urljoin(url, error.headers["Location"])
                        continue
                    if error.code == 304:
                        return Response(url, 304, error.headers, b"")
                    raise FetchError(f"HTTP {error.code} {error.reason}") from None
                except (urllib.error.URLError, TimeoutError, OSError) as error:
                    reason = getattr(error, "reason", error)
                    raise FetchError(f"no answer ({reason})") from None
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def _read(self, answer) -> bytes:
        declared = answer.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"too large ({int(declared):,} bytes; the limit is {self.max_bytes:,})")
        body = answer.read(self.max_bytes + 1)
        if len(body) > self.max_bytes:
            raise FetchError(f"too large (over {self.max_bytes:,} bytes)")
        return body

    def _host_lock(self, url: str) -> threading.Lock:
        with self._guard:
            return self._locks[urlsplit(url).netloc.lower()]
