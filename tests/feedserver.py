"""A real HTTP feed server on 127.0.0.1 for tests and benchmarks.

It is an aiohttp web server on an ephemeral port. Tests run it in their own event loop::

    async with FeedServer() as server:
        server.set_feed("/news.xml", [FeedItem("First", "https://example.com/1")])
        result = await fetcher.fetch(server.url("/news.xml"))

A benchmark that wants the server off its own loop (so its CPU is not mixed with the client's) can use
:meth:`FeedServer.start_in_thread`, or run ``python tests/feedserver.py --entries 50`` in a separate process:
it prints the base URL and serves the same 50-entry RSS feed (with ETag/Last-Modified, so 304s work) on every
path, e.g. ``/feed/0`` ... ``/feed/999``.

Every behaviour is configured per path with a ``set_*`` method and can be changed at any time. Requests are
recorded (:attr:`FeedServer.requests`) with their headers, and the highest number of concurrent requests
per path is tracked (:meth:`FeedServer.max_in_flight`). :func:`build_rss` and :func:`build_atom` make feed
documents from :class:`FeedItem` lists; they are plain functions so benchmarks can build workloads without
a server.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import hashlib
import threading
import zlib
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

__all__ = [
    "FeedItem",
    "FeedServer",
    "RecordedRequest",
    "build_atom",
    "build_rss",
    "http_date",
]


@dataclass(frozen=True)
class FeedItem:
    """One entry of a generated feed."""

    title: str
    link: str | None = None
    guid: str | None = None
    summary: str = ""
    published: datetime | None = None


@dataclass(frozen=True)
class RecordedRequest:
    """What the server saw of one request (header names lower-cased)."""

    method: str
    path: str
    query: str
    headers: Mapping[str, str]


def http_date(when: datetime) -> str:
    """Format ``when`` as an HTTP-date (RFC 9110), e.g. for Last-Modified or Retry-After."""
    return format_datetime(when.astimezone(UTC), usegmt=True)


def build_rss(
    items: Sequence[FeedItem],
    *,
    title: str = "Latest news",
    link: str = "https://example.com/",
    version: str = "2.0",
) -> bytes:
    """Return an RSS 2.0 (or 0.91/0.92, by ``version``) document for ``items``; summaries are sent as HTML."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f'<rss version="{version}"><channel><title>{escape(title)}</title><link>{escape(link)}</link>',
        "<description>Generated for tests</description>",
    ]
    for item in items:
        parts.append("<item>")
        parts.append(f"<title>{escape(item.title)}</title>")
        if item.link:
            parts.append(f"<link>{escape(item.link)}</link>")
        if item.guid:
            parts.append(f'<guid isPermaLink="false">{escape(item.guid)}</guid>')
        if item.summary:
            parts.append(f"<description>{escape(item.summary)}</description>")
        if item.published:
            parts.append(f"<pubDate>{http_date(item.published)}</pubDate>")
        parts.append("</item>")
    parts.append("</channel></rss>\n")
    return "".join(parts).encode("utf-8")


def build_atom(items: Sequence[FeedItem], *, title: str = "Latest news", feed_id: str = "urn:test:feed") -> bytes:
    """Return an Atom 1.0 document for ``items``; summaries are sent as ``type="html"``."""
    updated = max((i.published for i in items if i.published), default=datetime(2024, 1, 1, tzinfo=UTC))
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(title)}</title><id>{escape(feed_id)}</id><updated>{updated.isoformat()}</updated>",
    ]
    for n, item in enumerate(items):
        parts.append("<entry>")
        parts.append(f"<title>{escape(item.title)}</title>")
        parts.append(f"<id>{escape(item.guid or f'{feed_id}:{n}')}</id>")
        if item.link:
            parts.append(f'<link rel="alternate" href="{escape(item.link, {chr(34): "&quot;"})}"/>')
        when = item.published or updated
        parts.append(f"<updated>{when.isoformat()}</updated><published>{when.isoformat()}</published>")
        if item.summary:
            parts.append(f'<summary type="html">{escape(item.summary)}</summary>')
        parts.append("</entry>")
    parts.append("</feed>\n")
    return "".join(parts).encode("utf-8")


@dataclass
class _Route:
    handler: Handler
    delay: float = 0.0


@dataclass
class FeedServer:
    """The test HTTP server; see the module docstring."""

    host: str = "127.0.0.1"
    port: int = 0
    requests: list[RecordedRequest] = field(default_factory=list)
    _routes: dict[str, _Route] = field(default_factory=dict)
    _default: _Route | None = None
    _in_flight: Counter[str] = field(default_factory=Counter)
    _max_in_flight: Counter[str] = field(default_factory=Counter)
    _runner: web.AppRunner | None = None
    record: bool = True

    # ----------------------------------------------------------------- lifecycle
    async def start(self) -> FeedServer:
        """Start listening; :attr:`port` is the real port afterwards."""
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        server = site._server
        assert server is not None and server.sockets
        self.port = server.sockets[0].getsockname()[1]
        return self

    async def close(self) -> None:
        """Stop the server and close open connections."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FeedServer:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    @classmethod
    @contextmanager
    def start_in_thread(cls) -> Iterator[FeedServer]:
        """Run a server on its own event loop in a daemon thread (for benchmarks); stops on exit."""
        loop = asyncio.new_event_loop()
        server = cls()
        ready = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(loop)
            loop.run_until_complete(server.start())
            ready.set()
            loop.run_forever()

        thread = threading.Thread(target=run, name="feedserver", daemon=True)
        thread.start()
        ready.wait(10)
        try:
            yield server
        finally:
            asyncio.run_coroutine_threadsafe(server.close(), loop).result(10)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)
            loop.close()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` of the running server."""
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.base_url + path

    # ------------------------------------------------------------- inspection
    def requests_for(self, path: str) -> list[RecordedRequest]:
        """The recorded requests to ``path``, oldest first."""
        return [r for r in self.requests if r.path == path]

    def max_in_flight(self, path: str) -> int:
        """The highest number of requests to ``path`` that were being served at the same time."""
        return self._max_in_flight[path]

    # ---------------------------------------------------------- configuration
    def _set(self, path: str, handler: Handler, delay: float = 0.0) -> None:
        self._routes[path] = _Route(handler, delay)

    def set_feed(
        self,
        path: str,
        items: Sequence[FeedItem],
        *,
        kind: str = "rss",
        etag: bool = True,
        last_modified: datetime | None = datetime(2024, 5, 1, 12, 0, tzinfo=UTC),
        cache_control: str | None = None,
        gzip_body: bool = False,
        content_type: str | None = None,
        delay: float = 0.0,
        title: str = "Latest news",
        link: str = "https://example.com/",
    ) -> bytes:
        """Serve a generated RSS or Atom (``kind="atom"``) feed honouring If-None-Match / If-Modified-Since.

        The ETag is derived from the body, so changing the items changes it. ``delay`` holds each request
        that long before answering (to make concurrent requests overlap). ``title`` is the feed's own title, which
        names the outlet of its entries on its own site, ``link`` (RSS only; see watchers.feeds.outlet); the default
        names none, so entries' links stay as published. Returns the document served.
        """
        body = build_atom(items, title=title) if kind == "atom" else build_rss(items, title=title, link=link)
        ctype = content_type or ("application/atom+xml" if kind == "atom" else "application/rss+xml")
        self.set_document(
            path,
            body,
            content_type=ctype,
            etag=etag,
            last_modified=last_modified,
            cache_control=cache_control,
            gzip_body=gzip_body,
            delay=delay,
        )
        return body

    def set_document(
        self,
        path: str,
        body: bytes,
        *,
        content_type: str = "application/xml",
        etag: bool = False,
        last_modified: datetime | None = None,
        cache_control: str | None = None,
        gzip_body: bool = False,
        delay: float = 0.0,
    ) -> None:
        """Serve fixed bytes with 200, or 304 on a matching conditional request (if etag/last_modified)."""
        tag = f'"{hashlib.sha1(body).hexdigest()[:16]}"' if etag else None
        modified = http_date(last_modified) if last_modified else None
        payload = gzip.compress(body, 6) if gzip_body else body
        headers = {"Content-Type": content_type}
        if tag:
            headers["ETag"] = tag
        if modified:
            headers["Last-Modified"] = modified
        if cache_control:
            headers["Cache-Control"] = cache_control
        if gzip_body:
            headers["Content-Encoding"] = "gzip"

        async def handler(request: web.Request) -> web.StreamResponse:
            inm = request.headers.get("If-None-Match")
            ims = request.headers.get("If-Modified-Since")
            if (tag and inm == tag) or (not inm and modified and ims == modified):
                return web.Response(status=304, headers={k: v for k, v in headers.items() if k != "Content-Type"})
            return web.Response(body=payload, headers=headers)

        self._set(path, handler, delay)

    def set_default_feed(self, items: Sequence[FeedItem]) -> None:
        """Serve this feed (with ETag/Last-Modified) on every path that has no route of its own."""
        self.set_feed("\0default", items)
        self._default = self._routes.pop("\0default")

    def set_status(
        self,
        path: str,
        status: int,
        *,
        headers: Mapping[str, str] | None = None,
        body: bytes = b"",
        content_type: str = "text/plain",
    ) -> None:
        """Answer every request with ``status`` (e.g. 429/503 with a Retry-After header, or 500)."""
        hdrs = dict(headers or {})

        async def handler(request: web.Request) -> web.StreamResponse:
            return web.Response(status=status, body=body, headers=hdrs, content_type=content_type)

        self._set(path, handler)

    def set_redirect(self, path: str, location: str, *, status: int = 302) -> None:
        """Redirect ``path`` to ``location`` (relative or absolute); two paths pointing at each other loop."""

        async def handler(request: web.Request) -> web.StreamResponse:
            return web.Response(status=status, headers={"Location": location})

        self._set(path, handler)

    def set_slow(self, path: str, body: bytes, *, chunk_size: int = 16, interval: float = 0.2) -> None:
        """Drip ``body`` in ``chunk_size`` pieces every ``interval`` seconds (to trip total timeouts)."""

        async def handler(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
            await response.prepare(request)
            try:
                for start in range(0, len(body), chunk_size):
                    await response.write(body[start : start + chunk_size])
                    await asyncio.sleep(interval)
                await response.write_eof()
            except (ConnectionResetError, ConnectionError):
                pass  # the client gave up, which is what the test wanted
            return response

        self._set(path, handler)

    def set_stream(
        self,
        path: str,
        total_bytes: int,
        *,
        chunk_size: int = 64 * 1024,
        content_type: str = "application/xml",
        declare_length: bool = False,
    ) -> None:
        """Stream ``total_bytes`` of filler, chunked with no Content-Length unless ``declare_length`` says it."""
        piece = b"<!-- " + b"x" * max(chunk_size - 9, 0) + b" -->"

        async def handler(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(headers={"Content-Type": content_type})
            if declare_length:
                response.content_length = total_bytes
            else:
                response.enable_chunked_encoding()
            await response.prepare(request)
            sent = 0
            try:
                while sent < total_bytes:
                    await response.write(piece[: total_bytes - sent])
                    sent += len(piece)
                await response.write_eof()
            except (ConnectionResetError, ConnectionError):
                pass
            return response

        self._set(path, handler)

    def set_gzip_bomb(self, path: str, decoded_size: int = 64 * 1024 * 1024, *, framing: str = "gzip") -> int:
        """Serve ``decoded_size`` zero bytes compressed about 1000:1 (``framing`` gzip or raw deflate); returns the
        compressed size. See :func:`compression_bomb` for how a 1 GiB bomb is built in milliseconds."""
        payload = compression_bomb(decoded_size, framing=framing)
        headers = {"Content-Type": "application/rss+xml", "Content-Encoding": framing}

        async def handler(request: web.Request) -> web.StreamResponse:
            return web.Response(body=payload, headers=headers)

        self._set(path, handler)
        return len(payload)

    def set_handler(self, path: str, handler: Handler, *, delay: float = 0.0) -> None:
        """Install any aiohttp handler on ``path`` for cases the helpers above do not cover."""
        self._set(path, handler, delay)

    # ---------------------------------------------------------------- serving
    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        if self.record:
            self.requests.append(
                RecordedRequest(
                    request.method,
                    path,
                    request.query_string,
                    {k.lower(): v for k, v in request.headers.items()},
                )
            )
        route = self._routes.get(path) or self._default
        if route is None:
            return web.Response(status=404, text=f"no route for {path}")
        self._in_flight[path] += 1
        self._max_in_flight[path] = max(self._max_in_flight[path], self._in_flight[path])
        try:
            if route.delay:
                await asyncio.sleep(route.delay)
            return await route.handler(request)
        finally:
            self._in_flight[path] -= 1


HTML_PAGE = b"""<!DOCTYPE html>
<html><head><title>Example news</title><link rel="alternate" type="application/rss+xml" href="/feed"></head>
<body><h1>Example news</h1><p>Latest stories</p></body></html>
"""
JSON_BODY = b'{"version": "https://jsonfeed.org/version/1", "items": []}'


def compression_bomb(decoded_size: int, *, framing: str = "gzip") -> bytes:
    """``decoded_size`` zero bytes (a whole number of MiB) as a gzip or raw-deflate stream, built without compressing
    them all: a megabyte of zeros compressed with a full flush resets the compressor's history, so every further
    megabyte compresses to the same bytes and the stream is that block repeated. This costs milliseconds and a few
    KiB where compressing 1 GiB took 6 s and (done at once) 1 GiB of this process's memory."""
    block = 1024 * 1024
    if decoded_size % block:
        raise ValueError("decoded_size must be a whole number of MiB")
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    zeros = b"\0" * block
    repeated = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    raw = repeated * (decoded_size // block) + compressor.flush()
    if framing == "deflate":
        return raw
    crc = 0
    for _ in range(decoded_size // block):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # gzip, deflate, no name, no time, best, unknown OS
    return header + raw + crc.to_bytes(4, "little") + (decoded_size % 2**32).to_bytes(4, "little")


def _main() -> None:
    parser = argparse.ArgumentParser(description="Serve N test feeds on 127.0.0.1 until interrupted.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--entries", type=int, default=50)
    args = parser.parse_args()
    items = [
        FeedItem(f"Story {n}", f"https://example.com/story/{n}", summary=f"<p>Body of story {n}</p>")
        for n in range(args.entries)
    ]

    async def serve() -> None:
        server = FeedServer(port=args.port, record=False)
        server.set_default_feed(items)
        await server.start()
        print(server.base_url, flush=True)
        await asyncio.Event().wait()

    asyncio.run(serve())


if __name__ == "__main__":
    _main()
