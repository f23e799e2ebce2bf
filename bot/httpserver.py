"""The optional HTTP endpoint (off unless FOLLOWUP_HTTP_LISTEN=host:port): GET /healthz and GET /metrics, and in
Telegram webhook mode POST /telegram/webhook.

An environment variable rather than a YAML key: where it listens is a property of the deployment (inside a
container it must be 0.0.0.0, on a host usually 127.0.0.1), like the database URL, and changing it needs a
restart anyway, so it does not belong in the config that SIGHUP reloads.

aiohttp (already a dependency: the feed fetcher) serves it in the bot's own event loop: no thread, and
/healthz sees the live state. Neither route reveals a secret; the database URL shown is redacted.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from bot.health import HealthReport
from bot.metrics import CONTENT_TYPE, Metrics

log = logging.getLogger(__name__)

LISTEN_ENV = "FOLLOWUP_HTTP_LISTEN"


class ListenError(ValueError):
    """FOLLOWUP_HTTP_LISTEN is malformed, or the address cannot be listened on; the message says why."""


@dataclass(frozen=True)
class ListenAddress:
    host: str
    port: int

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def parse_listen(raw: str) -> ListenAddress:
    """``127.0.0.1:9100``, ``0.0.0.0:9100``, ``[::1]:9100``, ``localhost:9100`` or ``:9100`` (all interfaces)."""
    value = raw.strip()
    hint = f"{LISTEN_ENV}={raw!r} is not host:port; write e.g. 127.0.0.1:9100, or 0.0.0.0:9100 in a container"
    if value.startswith("["):
        host, sep, port_text = value[1:].partition("]:")
        if not sep:
            raise ListenError(hint)
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            raise ListenError(f"{LISTEN_ENV}={raw!r}: {host!r} is not an IPv6 address") from None
    else:
        host, sep, port_text = value.rpartition(":")
        if not sep or ":" in host:
            raise ListenError(hint)
        host = host or "0.0.0.0"  # noqa: S104 - ":9100" asks for every interface explicitly
        if any(c.isspace() or c in "/?#@" for c in host):
            raise ListenError(hint)
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise ListenError(f"{LISTEN_ENV}={raw!r}: the port must be a number from 1 to 65535")
    return ListenAddress(host, int(port_text))


HealthProbe = Callable[[], Awaitable[HealthReport]]
Refresh = Callable[[], Awaitable[None]]


def build_app(
    health: HealthProbe,
    metrics: Metrics,
    refresh: Refresh,
    *,
    telegram: Callable[[web.Request], Awaitable[web.Response]] | None = None,
) -> web.Application:
    """/healthz and /metrics; with ``telegram``, also ``POST /telegram/webhook`` (bot/telegram_webhook.py)."""

    async def healthz(_request: web.Request) -> web.Response:
        report = await health()
        return web.Response(
            text=json.dumps(report.as_dict(), ensure_ascii=False),
            status=200 if report.healthy else 503,
            content_type="application/json",
        )

    async def scrape(_request: web.Request) -> web.Response:
        await refresh()
        return web.Response(body=metrics.render(), headers={"Content-Type": CONTENT_TYPE})

    app = web.Application()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", scrape)
    if telegram is not None:
        app.router.add_post("/telegram/webhook", telegram)
    return app


@contextlib.asynccontextmanager
async def serving(address: ListenAddress, app: web.Application) -> AsyncIterator[None]:
    """Listen on ``address`` while the block runs; ListenError (not a traceback) when that is impossible."""
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    try:
        try:
            site = web.TCPSite(runner, address.host, address.port, reuse_address=True)
            await site.start()
        except OSError as error:
            reason = "the address is already in use" if error.errno == errno.EADDRINUSE else error.strerror or error
            raise ListenError(f"cannot listen on {address} ({LISTEN_ENV}): {reason}") from None
        log.info("HTTP endpoint on http://%s (/healthz, /metrics)", address)
        yield
    finally:
        await runner.cleanup()
