"""Reading command arguments: numbers, dates, durations, times of day, lists. Each failure says how to write it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.commands.context import CommandProblem
from watchers.config.schema import ALERT_KINDS
from watchers.config.values import DateWindow, parse_date_window, parse_duration

MAX_MUTE = timedelta(days=365)
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9}
_NUMBER = re.compile(r"^([-+]?\d+(?:\.\d+)?)\s*([a-z]+)?$")


def number(value: str, *, what: str) -> float:
    """``12000000``, ``12,000,000``, ``12 million``, ``5.2m``, ``300k``."""
    text = value.strip().lower().replace(",", "").replace("_", "")
    match = _NUMBER.match(text)
    if match is None or (match.group(2) and match.group(2) not in _SCALE):
        raise CommandProblem(f"{what} {value!r} is not a number; write it like 5200000, 5.2 million or 5.2m")
    result = float(match.group(1)) * (_SCALE[match.group(2)] if match.group(2) else 1.0)
    if abs(result) > 1e15:
        raise CommandProblem(f"{what} {value!r} is too large")
    return result


def whole(value: str, *, what: str, low: int, high: int, example: str) -> int:
    """A whole number from ``low`` to ``high`` (days, counts), said as such when it is not one."""
    text = value.strip().replace(",", "").replace("_", "")
    # ASCII digits only ("²".isdigit() is true and int() refuses it), and no more of them than `high` has (int() of
    # thousands of digits raises): either would be a traceback instead of this message.
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(high))) or not low <= int(text) <= high:
        raise CommandProblem(f"{what} is a whole number from {low} to {high:,}, e.g. {example}; not {value!r}")
    return int(text)


def day(value: str, *, what: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise CommandProblem(f"{what} {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-12-31") from None


def deadline(value: str, *, what: str) -> date:
    """A deadline: a day, or a window whose last day it is ("due=2024-Q1" is due by 31 March 2024), as news
    states deadlines ("expected to close in early 2024", "by the end of the year")."""
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parse_date_window(text).end
    except ValueError:
        raise CommandProblem(
            f"{what} {value!r} is not a date; write it as YYYY-MM-DD (2026-12-31) or as a window whose last day is "
            "the deadline (2026-12, 2026-Q4, 2026-H2, 2026)"
        ) from None


def window(value: str, *, what: str) -> DateWindow:
    try:
        return parse_date_window(value.strip())
    except ValueError:
        raise CommandProblem(
            f"{what} {value!r} is not a date or window; write 2026-04-14, 2026-04, 2026-H2, 2026-Q3 "
            "or 2026-05-14..2026-05-15"
        ) from None


def duration(value: str, *, what: str, maximum: timedelta = MAX_MUTE) -> timedelta:
    try:
        result = parse_duration(value.strip())
    except ValueError as error:
        if "must be between" in str(error):  # a duration, only far too long
            raise CommandProblem(f"{what} {value[:40]!r} is longer than the limit of {maximum.days} days") from None
        raise CommandProblem(f"{what} {value[:40]!r} is not a duration; write it like 30m, 2h, 1d or 1h30m") from None
    if result <= timedelta(0):
        raise CommandProblem(f"{what} must be longer than zero, e.g. 2h")
    if result > maximum:
        raise CommandProblem(f"{what} {value!r} is longer than the limit of {maximum.days} days")
    return result


def clock_time(value: str, *, what: str) -> str:
    """A time of day as HH:MM (``7:00`` becomes ``07:00``)."""
    try:
        parsed = time.fromisoformat(value.strip().zfill(5))
    except ValueError:
        raise CommandProblem(f"{what} {value!r} is not a time of day; write it as HH:MM, e.g. 22:00") from None
    return parsed.strftime("%H:%M")


def words(value: str | None) -> list[str]:
    """A comma- or space-separated list; commas win when present (so terms may contain spaces)."""
    if not value:
        return []
    parts = value.split(",") if "," in value else value.split()
    return [p.strip() for p in parts if p.strip()]


def alert_kinds(value: str, *, what: str) -> list[str]:
    kinds = [k.lower() for k in words(value)]
    unknown = [k for k in kinds if k not in ALERT_KINDS]
    if unknown or not kinds:
        raise CommandProblem(
            f"{what}: unknown alert kinds {', '.join(unknown) or '(none given)'}; use some of {', '.join(ALERT_KINDS)}"
        )
    return list(dict.fromkeys(kinds))


def moment(value: datetime, timezone: str | None = None) -> str:
    """A moment for replies: ``2026-11-23 10:00 UTC``, or in the chat's time zone: ``2026-11-23 11:00 CET
    (Europe/Berlin)`` - a chat that set its zone reads its own clock, not UTC. An unknown zone falls back to UTC."""
    if timezone and timezone.upper() != "UTC":
        try:
            local = value.astimezone(ZoneInfo(timezone))
        except (ZoneInfoNotFoundError, ValueError):
            pass
        else:
            return f"{local:%Y-%m-%d %H:%M} {local.tzname()} ({timezone})"
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
