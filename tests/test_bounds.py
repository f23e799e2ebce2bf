"""The hostile suite's measuring (tests/bounds.py) sees what it claims to: C allocations, a child's peak, time."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from bounds import Bounds, Measured, child_peak_mib, measured


def test_a_buffer_allocated_in_c_counts_towards_the_peak_even_once_freed() -> None:
    with measured() as cost:
        buffer = bytearray(64 * 1024 * 1024)  # zero-filled by C, every page touched
        buffer[::4096] = b"x" * len(buffer[::4096])
        del buffer
    if cost.peak_mib is None:
        pytest.skip("this system cannot reset a process's peak memory (/proc/self/clear_refs)")
    assert 60 <= cost.peak_mib < 200, cost


def test_time_is_wall_time_and_problems_name_the_figure_and_the_bound() -> None:
    with measured() as cost:
        time.sleep(0.2)
    assert 0.2 <= cost.seconds < 5
    problems = Measured(seconds=3.5, peak_mib=70.0).problems(Bounds(seconds=2, mib=64))
    assert problems == ["took 3.50 s, over its bound of 2 s", "peak memory grew 70.0 MiB, over its bound of 64 MiB"]
    assert Measured(seconds=1, peak_mib=None).problems(Bounds(seconds=2, mib=1)) == []


def test_a_childs_peak_is_read_while_it_runs() -> None:
    grow = "b = bytearray(80 * 2**20); b[::4096] = b'x' * len(b[::4096]); del b; import time; time.sleep(30)"
    child = subprocess.Popen([sys.executable, "-c", grow])
    try:
        deadline = time.monotonic() + 20
        peak = child_peak_mib(child.pid)
        while (peak is None or peak < 80) and time.monotonic() < deadline:
            time.sleep(0.05)
            peak = child_peak_mib(child.pid)
    finally:
        child.kill()
        child.wait()
    if peak is None:
        pytest.skip("this system has no /proc/<pid>/status")
    assert 80 <= peak < 300, peak
    assert child_peak_mib(child.pid) is None  # gone once reaped
