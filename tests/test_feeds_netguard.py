"""The conftest network guard refuses non-loopback connections before any packet is sent."""

from __future__ import annotations

import asyncio
import socket

import httpx
import pytest


@pytest.mark.parametrize("address", [("203.0.113.1", 80), ("10.255.255.1", 80)])
def test_blocking_connect_refused(network_violations: list[str], address: tuple[str, int]) -> None:
    with socket.socket() as sock, pytest.raises(RuntimeError, match="tests may only use loopback"):
        sock.connect(address)
    assert network_violations
    network_violations.clear()


def test_connect_ex_refused(network_violations: list[str]) -> None:
    with socket.socket() as sock, pytest.raises(RuntimeError, match="tests may only use loopback"):
        sock.connect_ex(("203.0.113.1", 80))
    network_violations.clear()


async def test_asyncio_and_httpx_refused(network_violations: list[str]) -> None:
    with pytest.raises(RuntimeError, match="tests may only use loopback"):
        await asyncio.open_connection("203.0.113.1", 80)
    async with httpx.AsyncClient(trust_env=False) as client:
        # anyio's happy-eyeballs task group may wrap the guard's error in an ExceptionGroup.
        with pytest.raises((RuntimeError, BaseExceptionGroup)) as info:
            await client.get("http://203.0.113.1/feed")
    assert "tests may only use loopback" in _flatten(info.value)
    network_violations.clear()


def _flatten(exc: BaseException) -> str:
    if isinstance(exc, BaseExceptionGroup):
        return " ".join(_flatten(e) for e in exc.exceptions)
    return str(exc)


async def test_loopback_allowed() -> None:
    server = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.close()
        await writer.wait_closed()
