"""When to poll a feed next: pure functions of the feed's interval, its failures and what the server said.

They take the random generator as an argument so tests and replay are deterministic.

Rules, in the order they are applied by :func:`next_check_delay`:

1. Success (``failures == 0``): wait the configured ``interval``, or the server's ``Cache-Control: max-age``
   if that is longer - polling a feed more often than its publisher says it changes only costs both sides.
   ``max_age`` is capped at :data:`MAX_SERVER_HINT` so a server saying "cache for a year" cannot silence a
   feed.
2. Failure (``failures >= 1``): exponential backoff, ``interval * 2**failures``, capped at ``max_backoff``
   (one day by default) so a broken feed is still retried daily and recovers by itself.
3. ``retry_after`` (from a 429/503) is a floor on either result: we never come back sooner than the server
   asked. It is capped at :data:`MAX_SERVER_HINT` as well.
4. Jitter: the delay is multiplied by a uniform factor in ``[1 - jitter, 1 + jitter]`` so feeds that started
   together drift apart instead of hitting the network (and the same hosts) in bursts. The floor from rule 3
   is re-applied after jitter, so jitter never undercuts a server's Retry-After.
"""

from __future__ import annotations

import random

__all__ = ["MAX_SERVER_HINT", "initial_offset", "next_check_delay"]

#: Upper bound on server-provided hints (max-age, Retry-After), seconds.
MAX_SERVER_HINT = 86400.0

# 2**failures would overflow a float for absurd failure counts; the cap applies long before this.
_MAX_EXPONENT = 60


def next_check_delay(
    interval: float,
    failures: int,
    *,
    retry_after: float | None,
    max_age: float | None,
    jitter: float = 0.1,
    rng: random.Random,
    max_backoff: float = 86400,
) -> float:
    """Return how many seconds to wait before polling the feed again (rules: see the module docstring)."""
    interval = max(float(interval), 0.0)
    if failures <= 0:
        hint = min(max(max_age or 0.0, 0.0), MAX_SERVER_HINT)
        delay = max(interval, hint)
    else:
        delay = min(interval * 2.0 ** min(failures, _MAX_EXPONENT), max(max_backoff, interval))
    floor = min(max(retry_after or 0.0, 0.0), MAX_SERVER_HINT)
    delay = max(delay, floor)
    jitter = min(max(jitter, 0.0), 1.0)
    if jitter:
        delay *= rng.uniform(1.0 - jitter, 1.0 + jitter)
    return max(delay, floor)


def initial_offset(interval: float, rng: random.Random) -> float:
    """Return a delay in ``[0, interval)`` for a feed's first poll, so feeds added at once (e.g. at start-up
    from the shipped config) spread evenly across one interval instead of all firing in the first tick."""
    if interval <= 0:
        return 0.0
    return rng.uniform(0.0, float(interval)) % float(interval)
