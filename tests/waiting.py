"""Waiting on a condition in end-to-end tests: poll it until it holds, fail with a clear message at the deadline.

The deadline is only a guard against a hang (tests never assert on timings); it is generous because CI machines
are shared and slow.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable


async def wait_for(condition: Callable[[], bool], timeout: float = 30.0, what: str = "the condition") -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, f"timed out after {timeout:g}s waiting for {what}"
        await asyncio.sleep(0.05)
