"""Shared test fixtures: the network guard and feed engine fixtures first, then database fixtures.

The network guard is installed when this module is imported, i.e. before any test (or fixture, or collected
module) runs: ``socket.socket.connect`` / ``connect_ex`` are wrapped at the class level, and a connection to
anything but a loopback address raises :class:`NetworkGuardError` *before* the real connect is attempted, so
no packet ever leaves the machine. asyncio (and so httpx, aiohttp, PTB, discord.py) connects through these
methods.
Because a library might swallow the error, every violation is also recorded and fails the test at teardown.
Name resolution is not blocked (``localhost`` must resolve), but tests must use IP literals or ``localhost``.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest
from bounds import Bounds, measured
from feedserver import FeedServer

from watchers.feeds.fetch import FeedFetcher, FetchSettings

# ----------------------------------------------------------------------------------------------------
# Network guard and feed engine fixtures (owner: feed engine). Keep these first; other fixtures go below.
# ----------------------------------------------------------------------------------------------------


class NetworkGuardError(RuntimeError):
    """A test tried to connect to a non-loopback address. Not an OSError, so HTTP clients do not retry it."""


_violations: list[str] = []
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _loopback_only(sock: socket.socket, address: Any) -> None:
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return  # AF_UNIX and friends stay on this machine
    host = str(address[0]) if isinstance(address, tuple) and address else str(address)
    if host == "localhost":
        return
    try:
        allowed = ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        allowed = False  # a name: connect() would resolve it itself, so refuse rather than guess
    if not allowed:
        message = f"test tried to connect to {address!r}: tests may only use loopback (127.0.0.1 / ::1)"
        _violations.append(message)
        raise NetworkGuardError(message)


def _guarded(real: Callable[..., Any]) -> Callable[..., Any]:
    def connect(self: socket.socket, address: Any) -> Any:
        _loopback_only(self, address)
        return real(self, address)

    connect.__name__ = real.__name__
    connect.__doc__ = real.__doc__
    return connect


socket.socket.connect = _guarded(_real_connect)  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded(_real_connect_ex)  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _fail_on_network_violation() -> Iterator[None]:
    """Fail the test if it attempted a non-loopback connection, even if the error was caught somewhere."""
    before = len(_violations)
    yield
    new = _violations[before:]
    if new:
        del _violations[before:]
        pytest.fail("network guard: " + "; ".join(new), pytrace=False)


@pytest.fixture
def network_violations() -> list[str]:
    """The guard's violation log; a test that provokes the guard on purpose must clear what it added."""
    return _violations


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Hold every case of the hostile suite (``test_hostile_*.py``) to its module's time and memory bounds.

    Each such module must declare ``BOUNDS``; a test may override it with ``@pytest.mark.bounds(seconds=, mib=)``.
    See ``tests/bounds.py`` for how the figures are measured.
    """
    module = getattr(item, "module", None)
    if module is None or not module.__name__.startswith("test_hostile_"):
        return (yield)
    declared = getattr(module, "BOUNDS", None)
    if not isinstance(declared, Bounds):
        pytest.fail(f"{module.__name__} is in the hostile suite and must declare BOUNDS = Bounds(seconds=, mib=)")
    marker = item.get_closest_marker("bounds")
    limit = Bounds(**{**vars(declared), **marker.kwargs}) if marker else declared
    with measured() as cost:
        result = yield
    broken = cost.problems(limit)
    if broken:
        pytest.fail(f"hostile case out of bounds: {'; '.join(broken)}", pytrace=False)
    peak = "unmeasured" if cost.peak_mib is None else f"{cost.peak_mib:.1f} MiB"
    item.user_properties.append(("bounds", f"{cost.seconds:.2f} s, peak +{peak}"))
    return result


@pytest.fixture
async def feed_server() -> AsyncIterator[FeedServer]:
    """A running :class:`feedserver.FeedServer` on 127.0.0.1 in the test's event loop."""
    async with FeedServer() as server:
        yield server


@pytest.fixture
async def fetcher() -> AsyncIterator[FeedFetcher]:
    """A FeedFetcher allowed to reach the loopback test server, with short timeouts and proxies ignored."""
    settings = FetchSettings(allow_private=True, trust_env=False, connect_timeout=2, read_timeout=2, total_timeout=5)
    async with FeedFetcher(settings) as f:
        yield f


# ----------------------------------------------------------------------------------------------------
# End of feed engine fixtures.
# ----------------------------------------------------------------------------------------------------


# ----------------------------------------------------------------------------------------------------
# Database fixtures (SQLite and PostgreSQL), defined in db_fixtures.py.
# ----------------------------------------------------------------------------------------------------
from db_fixtures import database_url, db, postgres_url  # noqa: E402, F401
