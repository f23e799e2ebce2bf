"""`followup run` as a service: signals, the run-time settings from the environment, and what runs beside
the bot (heartbeat, optional HTTP endpoint with metrics, config reload).

Signals: SIGTERM or SIGINT starts a graceful shutdown (bot.shutdown) bounded by FOLLOWUP_SHUTDOWN_TIMEOUT;
a second one cuts the drain short at once; a third exits immediately. A watchdog thread ends the process
if the shutdown itself hangs (a database or a platform that never answers), so a stop request always ends
the process. SIGHUP re-reads the config (bot.reload).

Run-time settings come from the environment, not the YAML, because they describe the deployment (where the
container listens, how long the orchestrator waits on stop) and are read once at start:
- FOLLOWUP_SHUTDOWN_TIMEOUT (default 8s): the drain deadline;
- FOLLOWUP_HTTP_LISTEN (default off): host:port for GET /healthz and /metrics;
- FOLLOWUP_HEARTBEAT_FILE: see bot.heartbeat; FOLLOWUP_HEALTH_MAX_POLL_AGE: see bot.health.
A bad value stops `followup run` before it starts, with exit code 3 and a message naming the variable.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
import threading
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from bot.app import TICK_SECONDS, Services, run_until_stopped
from bot.health import HealthReport, check_database_live, max_poll_age_override, runtime_checks
from bot.heartbeat import RuntimeState, heartbeat_path, heartbeat_writer
from bot.httpserver import LISTEN_ENV, ListenAddress, ListenError, build_app, parse_listen, serving
from bot.metrics import Metrics
from bot.reload import reload_from_file
from bot.shutdown import SHUTDOWN_TIMEOUT, RunningBot
from watchers.config.values import parse_duration
from watchers.tracking.registry import feed_intervals

log = logging.getLogger(__name__)

SHUTDOWN_ENV = "FOLLOWUP_SHUTDOWN_TIMEOUT"
WATCHDOG_MARGIN = 10.0  # seconds past the drain deadline before the watchdog ends a hung shutdown
FORCED_EXIT_GRACE = 3.0  # after a second signal: this long to release rows, then the watchdog
EXIT_OK, EXIT_FAILED, EXIT_ENVIRONMENT = 0, 1, 3


class RunSettingsError(ValueError):
    """An environment value for `followup run` is unusable; the message names it and shows a valid one."""


@dataclass(frozen=True)
class RunSettings:
    shutdown_timeout: float
    listen: ListenAddress | None
    heartbeat: Path
    max_poll_age: timedelta | None  # FOLLOWUP_HEALTH_MAX_POLL_AGE for /healthz; None: the config's default

    @classmethod
    def from_environment(cls, database_url: str, environ: Mapping[str, str] | None = None) -> RunSettings:
        environ = os.environ if environ is None else environ
        raw_timeout = environ.get(SHUTDOWN_ENV, "").strip()
        timeout = SHUTDOWN_TIMEOUT
        if raw_timeout:
            try:
                value = float(raw_timeout) if raw_timeout.replace(".", "", 1).isdigit() else raw_timeout
                timeout = parse_duration(value).total_seconds()
            except ValueError as error:
                if "must be between" in str(error):  # a duration, only far too long: say this setting's own range
                    error = ValueError("must be between 1s and 1h, e.g. 8s")
                raise RunSettingsError(f"{SHUTDOWN_ENV}={raw_timeout[:40]!r}: {error}") from None
            if not 0 < timeout <= 3600:
                raise RunSettingsError(f"{SHUTDOWN_ENV}={raw_timeout!r}: must be between 1s and 1h, e.g. 8s")
        raw_listen = environ.get(LISTEN_ENV, "").strip()
        try:
            listen = parse_listen(raw_listen) if raw_listen else None
            max_age = max_poll_age_override(environ)
        except ValueError as error:
            raise RunSettingsError(str(error)) from None
        return cls(timeout, listen, heartbeat_path(database_url, environ), max_age)


class Signals:
    """SIGTERM/SIGINT -> ``stop``, again -> ``force``, a third time -> exit now; SIGHUP -> ``reload``."""

    def __init__(self, shutdown_timeout: float) -> None:
        self.stop = asyncio.Event()
        self.force = asyncio.Event()
        self.reload = asyncio.Event()
        self._timeout = shutdown_timeout
        self._count = 0
        self._installed: list[signal.Signals] = []

    def install(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self._terminate, sig)
        loop.add_signal_handler(signal.SIGHUP, self.reload.set)
        self._installed = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]

    def uninstall(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in self._installed:
            loop.remove_signal_handler(sig)
        self._installed = []

    def _terminate(self, sig: signal.Signals) -> None:
        self._count += 1
        if self._count == 1:
            log.info("%s: shutting down (within %gs; send it again to stop at once)", sig.name, self._timeout)
            self.stop.set()
            _watchdog(self._timeout + WATCHDOG_MARGIN)
        elif self._count == 2:
            log.warning("%s again: stopping at once; unfinished deliveries go back to the queue", sig.name)
            self.force.set()
            _watchdog(FORCED_EXIT_GRACE)
        else:
            os.write(2, f"followup: {sig.name} a third time: exiting now\n".encode())
            os._exit(EXIT_FAILED)


def _watchdog(seconds: float) -> None:
    """End the process if it is still shutting down after ``seconds`` (a hung close must not block a stop)."""

    def expire() -> None:
        os.write(2, f"followup: shutdown did not finish within {seconds:g}s; exiting now\n".encode())
        os._exit(EXIT_FAILED)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()


def _version() -> str:
    try:
        return version("followup")
    except PackageNotFoundError:
        return "0+unknown"


async def serve(
    svc: Services,
    settings: RunSettings,
    signals: Signals,
    *,
    tick_seconds: float = TICK_SECONDS,
    trust_env: bool = True,
) -> int:
    """Run the bot until a stop signal; returns the exit code (0 clean, 1 forced, 3 cannot listen)."""

    def roles() -> tuple[str | None, tuple[str, ...]]:
        held = svc.roles
        return (held.replica, tuple(sorted(held.held))) if held is not None else (None, ())

    state = RuntimeState(feeds=lambda: feed_intervals(svc.registry.effective(), svc.registry.settings), roles=roles)
    metrics = Metrics(version=_version())

    async def probe() -> HealthReport:
        database = await check_database_live(svc.db)
        now = datetime.now(UTC)
        runtime = runtime_checks(state.snapshot(), now, where="this process", max_poll_age=settings.max_poll_age)
        return HealthReport((database, *runtime))

    async def reload_on_signal() -> None:
        while True:
            await signals.reload.wait()
            signals.reload.clear()
            await reload_from_file(svc, svc.env.config_path)

    @contextlib.asynccontextmanager
    async def beside(running: RunningBot) -> AsyncIterator[None]:
        running.polling.add_listener(state)
        running.polling.add_listener(metrics)
        svc.tracker.on_alerts(metrics.record_alerts)
        running.dispatcher.send_observer = metrics.observe_send
        async with contextlib.AsyncExitStack() as stack:
            if settings.listen is not None:
                hook = svc.telegram_webhook
                app = build_app(
                    probe,
                    metrics,
                    lambda: metrics.refresh(svc.db, svc.roles),
                    telegram=hook.handle if hook is not None else None,
                )
                await stack.enter_async_context(serving(settings.listen, app))
            await stack.enter_async_context(heartbeat_writer(settings.heartbeat, state))
            reloading = asyncio.create_task(reload_on_signal(), name="reload")
            stack.callback(reloading.cancel)
            yield

    try:
        outcome = await run_until_stopped(
            svc,
            signals.stop,
            trust_env=trust_env,
            tick_seconds=tick_seconds,
            shutdown_timeout=settings.shutdown_timeout,
            force=signals.force,
            attach=beside,
        )
    except ListenError as error:
        print(f"followup: {error}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    if outcome.forced or outcome.stranded:
        return EXIT_FAILED
    log.info("stopped cleanly%s", f"; {outcome.released} deliveries back in the queue" if outcome.released else "")
    return EXIT_OK
