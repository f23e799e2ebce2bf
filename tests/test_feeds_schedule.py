"""Poll scheduling rules (see watchers/feeds/schedule.py)."""

from __future__ import annotations

import random

import pytest

from watchers.feeds.schedule import MAX_SERVER_HINT, initial_offset, next_check_delay


def delay(interval: float, failures: int = 0, **kw: float | None) -> float:
    args: dict[str, float | None] = {"retry_after": None, "max_age": None, "jitter": 0.0}
    args.update(kw)
    return next_check_delay(interval, failures, rng=random.Random(1), **args)  # type: ignore[arg-type]


def test_success_uses_interval() -> None:
    assert delay(600) == 600


def test_max_age_is_a_floor_capped_at_a_day() -> None:
    assert delay(600, max_age=1800) == 1800
    assert delay(600, max_age=60) == 600
    assert delay(600, max_age=10 * 86400) == MAX_SERVER_HINT


def test_failures_back_off_exponentially_up_to_the_cap() -> None:
    assert delay(600, 1) == 1200
    assert delay(600, 3) == 4800
    assert delay(600, 50) == 86400
    assert delay(600, 10_000) == 86400
    assert delay(600, 5, max_backoff=3600) == 3600


def test_retry_after_is_a_floor_capped_at_a_day() -> None:
    assert delay(600, 1, retry_after=7200) == 7200
    assert delay(600, 1, retry_after=5) == 1200
    assert delay(600, 0, retry_after=10**9) == MAX_SERVER_HINT


def test_jitter_spreads_within_bounds_and_respects_retry_after() -> None:
    rng = random.Random(42)
    values = [next_check_delay(1000, 0, retry_after=None, max_age=None, jitter=0.1, rng=rng) for _ in range(500)]
    assert min(values) >= 900 and max(values) <= 1100
    assert len({round(v) for v in values}) > 50
    floored = [next_check_delay(100, 1, retry_after=1000, max_age=None, jitter=0.5, rng=rng) for _ in range(100)]
    assert min(floored) >= 1000


def test_deterministic_with_seeded_rng() -> None:
    a = next_check_delay(300, 2, retry_after=None, max_age=None, jitter=0.1, rng=random.Random(7))
    b = next_check_delay(300, 2, retry_after=None, max_age=None, jitter=0.1, rng=random.Random(7))
    assert a == b


@pytest.mark.parametrize("interval", [60.0, 900.0, 3600.0])
def test_initial_offset_spreads_across_interval(interval: float) -> None:
    rng = random.Random(3)
    offsets = [initial_offset(interval, rng) for _ in range(1000)]
    assert all(0 <= o < interval for o in offsets)
    assert min(offsets) < interval * 0.05 and max(offsets) > interval * 0.95


def test_initial_offset_zero_interval() -> None:
    assert initial_offset(0, random.Random()) == 0
