"""Time and memory bounds for the hostile-input suite (``tests/test_hostile_*.py``).

Issue 11 asks that every hostile case be bounded in time *and* memory, and a bound that is only written in a comment
does not stay held. So each hostile module declares ``BOUNDS = Bounds(seconds=..., mib=...)`` and the conftest hook
measures every test call in it:

- **time**: wall-clock seconds of the call phase (``time.monotonic``). The cases' own code has timeouts that stop a
  hang; this bound catches a case that became slow without hanging.
- **memory**: the growth of this process's peak resident set during the call, ``VmHWM`` after minus ``VmRSS``
  before. The peak is reset before the call by writing ``5`` to ``/proc/self/clear_refs`` (Linux 4.0+), so the figure
  is the test's own peak, C allocations included (expat, zlib, aiohttp's parser), which ``tracemalloc`` cannot see.
  A case that runs a child process reads the child's own peak itself (see :func:`child_peak_mib`).

A test can tighten or loosen its module's bound with ``@pytest.mark.bounds(seconds=..., mib=...)``, and must say why
in a comment. Where ``/proc`` cannot be written (not Linux), the memory bound is reported as unmeasured and only the
time bound is asserted.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


@dataclass(frozen=True)
class Bounds:
    """The most one hostile case may cost: wall seconds for the call, and MiB of peak memory above its start."""

    seconds: float
    mib: float


@dataclass
class Measured:
    """What one case cost; ``peak_mib`` is None where the peak could not be reset."""

    seconds: float = 0.0
    peak_mib: float | None = None
    notes: list[str] = field(default_factory=list)

    def problems(self, bounds: Bounds) -> list[str]:
        """The bounds this measurement broke, each as a sentence with the figure and the bound."""
        broken = []
        if self.seconds > bounds.seconds:
            broken.append(f"took {self.seconds:.2f} s, over its bound of {bounds.seconds:g} s")
        if self.peak_mib is not None and self.peak_mib > bounds.mib:
            broken.append(f"peak memory grew {self.peak_mib:.1f} MiB, over its bound of {bounds.mib:g} MiB")
        return broken


def _status_kib(key: str, status: str | None = None) -> int | None:
    text = status if status is not None else _STATUS.read_text()
    found = re.search(rf"^{key}:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) if found else None


def _reset_peak() -> bool:
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


@contextmanager
def measured() -> Iterator[Measured]:
    """Measure the wall time and peak-memory growth of the enclosed block."""
    result = Measured()
    can_reset = _STATUS.exists() and _reset_peak()
    start_rss = _status_kib("VmRSS") if can_reset else None
    began = time.monotonic()
    try:
        yield result
    finally:
        result.seconds = time.monotonic() - began
        peak = _status_kib("VmHWM") if can_reset else None
        if peak is not None and start_rss is not None:
            result.peak_mib = max(0, peak - start_rss) / 1024


def child_peak_mib(pid: int) -> float | None:
    """A running child's peak resident memory in MiB, read from ``/proc/<pid>/status`` (None once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    peak = _status_kib("VmHWM", status)
    return None if peak is None else peak / 1024
