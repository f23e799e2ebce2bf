"""Parsers for the small value languages of the config: durations, byte sizes and date windows.

They raise ValueError with a message meant for the user; pydantic turns it into a located problem.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(w|d|h|m|s|ms)", re.IGNORECASE)
_DURATION_FULL = re.compile(r"^\s*(?:\d+(?:\.\d+)?\s*(?:w|d|h|m|s|ms)\s*)+$", re.IGNORECASE)
_UNIT_SECONDS = {"w": 604800.0, "d": 86400.0, "h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}


# Longer than any interval, age or timeout a follow-up bot needs, and far inside what timedelta can hold: a
# "1000000000d" is refused with this range instead of overflowing.
MAX_DURATION = timedelta(days=36_500)


def parse_duration(value: object) -> timedelta:
    """``"15m"``, ``"1h30m"``, ``"7d"``, ``"2w"``, or a number of seconds; from 0 up to MAX_DURATION (100 years)."""
    if isinstance(value, timedelta):
        return _bounded(value.total_seconds(), value)
    if isinstance(value, bool):
        raise ValueError("a duration such as 15m, 2h or 7d is expected, not true/false")
    if isinstance(value, int | float):
        if value != value:  # NaN
            raise ValueError("a duration such as 15m, 2h or 7d is expected, not NaN")
        return _bounded(float(value))
    if isinstance(value, str) and len(value) <= 64 and _DURATION_FULL.match(value):
        seconds = sum(float(n) * _UNIT_SECONDS[u.lower()] for n, u in _DURATION_PART.findall(value))
        return _bounded(seconds)
    shown = value if not isinstance(value, str) or len(value) <= 64 else value[:61] + "..."
    raise ValueError(f"{shown!r} is not a duration; write it like 30s, 15m, 2h, 7d or 1h30m")


def _bounded(seconds: float, ready: timedelta | None = None) -> timedelta:
    if seconds < 0:
        raise ValueError(f"a duration cannot be negative (the range is 0s to {MAX_DURATION.days}d)")
    if not seconds <= MAX_DURATION.total_seconds():  # also catches inf
        raise ValueError(f"a duration must be between 0s and {MAX_DURATION.days}d (100 years)")
    return ready if ready is not None else timedelta(seconds=seconds)


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib|tb|tib)?\s*$", re.IGNORECASE)
_SIZE_FACTOR = {
    None: 1,
    "b": 1,
    "kb": 1000,
    "kib": 1024,
    "mb": 10**6,
    "mib": 1024**2,
    "gb": 10**9,
    "gib": 1024**3,
    "tb": 10**12,
    "tib": 1024**4,  # the range's upper end is said in TiB, so TiB is a unit (2TiB is out of range, not "not a size")
}


MAX_BYTE_SIZE = 1024**4  # 1 TiB: no feed or message limit needs more


def parse_byte_size(value: object) -> int:
    """``"10MiB"``, ``"500 kB"`` or a number of bytes, from 1 byte to MAX_BYTE_SIZE (1 TiB)."""
    if isinstance(value, bool):
        raise ValueError("a size such as 10MiB is expected")
    if isinstance(value, int):
        size = value
    elif isinstance(value, str) and len(value) <= 64 and (m := _SIZE.match(value)):
        unit = m.group(2).lower() if m.group(2) else None
        size = int(float(m.group(1)) * _SIZE_FACTOR[unit])
    else:
        shown = value if not isinstance(value, str) or len(value) <= 64 else value[:61] + "..."
        raise ValueError(f"{shown!r} is not a size; write it like 10MiB, 512KiB or a number of bytes")
    if not 1 <= size <= MAX_BYTE_SIZE:
        raise ValueError("a size must be between 1 byte and 1TiB, e.g. 10MiB")
    return size


Precision = str  # "day" | "range" | "month" | "quarter" | "half" | "year_part" | "year"


@dataclass(frozen=True)
class DateWindow:
    """When something is expected: the first and last day of a window and how precise it is."""

    start: date
    end: date
    precision: Precision

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"the window ends ({self.end}) before it starts ({self.start})")

    def iso(self) -> str:
        """The form replay prints and the config accepts back."""
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "month":
            return self.start.strftime("%Y-%m")
        if self.precision == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_HALF = re.compile(r"^(\d{4})-H([12])$", re.IGNORECASE)
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_date_window(value: object) -> DateWindow:
    """Parse ``2026-04-14``, ``2026-04``, ``2026``, ``2026-H2``, ``2026-Q3`` or ``2026-05-14..2026-05-15``."""
    if isinstance(value, DateWindow):
        return value
    if isinstance(value, date):
        return DateWindow(value, value, "day")
    if isinstance(value, int) and not isinstance(value, bool) and 1900 < value < 2200:
        return DateWindow(date(value, 1, 1), date(value, 12, 31), "year")
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date; write 2026-04-14, 2026-04, 2026-H2 or 2026-05-14..2026-05-15")
    text = value.strip()
    if ".." in text:
        first, _, last = text.partition("..")
        start, end = parse_date_window(first.strip()), parse_date_window(last.strip())
        if end.end < start.start:
            raise ValueError(f"{text!r} ends before it starts")
        return DateWindow(start.start, end.end, "range")
    try:
        if m := _ISO_DAY.match(text):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return DateWindow(day, day, "day")
        if m := _ISO_MONTH.match(text):
            year, month = int(m[1]), int(m[2])
            return DateWindow(date(year, month, 1), _month_end(year, month), "month")
        if m := _YEAR.match(text):
            year = int(m[1])
            return DateWindow(date(year, 1, 1), date(year, 12, 31), "year")
        if m := _HALF.match(text):
            year, half = int(m[1]), int(m[2])
            return DateWindow(date(year, 6 * half - 5, 1), _month_end(year, 6 * half), "half")
        if m := _QUARTER.match(text):
            year, quarter = int(m[1]), int(m[2])
            return DateWindow(date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter), "quarter")
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a real date ({exc})") from exc
    raise ValueError(f"{text!r} is not a date; write 2026-04-14, 2026-04, 2026-H2, 2026-Q3 or 2026-05-14..2026-05-15")


def add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)
