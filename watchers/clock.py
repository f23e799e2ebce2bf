"""An injectable clock, so that polling, deadlines and replay never read the wall clock directly.

Replay and tests drive a :class:`SimulatedClock`; the running bot uses :class:`SystemClock`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Anything that can say what time it is (timezone-aware, UTC)."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real wall clock in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class SimulatedClock:
    """A clock that only moves when told to; used by replay and by tests."""

    def __init__(self, start: datetime) -> None:
        self._now = as_utc(start)

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        """Jump to ``moment``; time never goes backwards, so an earlier moment is ignored."""
        moment = as_utc(moment)
        if moment > self._now:
            self._now = moment

    def advance(self, delta: timedelta) -> None:
        self._now += delta


def as_utc(moment: datetime) -> datetime:
    """Return ``moment`` as an aware UTC datetime; naive datetimes are taken to be UTC already.

    SQLite hands back naive datetimes even for values stored as UTC, so every read goes through here.
    """
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
