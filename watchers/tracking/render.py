"""The plain-text message a subscriber reads for an alert (chat channels format it further).

Kept in watchers/ because replay prints it and it depends only on the alert and the watch, not on a platform.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from watchers.config.values import DateWindow
from watchers.tracking.sources import sources_line
from watchers.tracking.state import AlertKind, JsonValue


def describe_window(window: DateWindow | None) -> str:
    """A window as people write it: "14 May 2026", "14-15 May 2026", "April 2026", "Q3 2025", "second half of
    2025", "September to November 2025", "2026" (never a month's first day standing for the month)."""
    if window is None:
        return "no date"
    start, end = window.start, window.end
    if window.precision == "day" or start == end:
        return start.strftime("%d %b %Y").lstrip("0")
    whole_months = start.day == 1 and end == _month_end(end)
    if whole_months:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months == 12 and start.month == 1:
            return str(start.year)
        if months == 1:
            return start.strftime("%B %Y")
        if months == 6 and start.month in (1, 7):
            return f"{'first' if start.month == 1 else 'second'} half of {start.year}"
        if months == 3 and start.month in (1, 4, 7, 10):
            return f"Q{(start.month - 1) // 3 + 1} {start.year}"
        if start.year == end.year:
            return f"{start.strftime('%B')} to {end.strftime('%B %Y')}"
        return f"{start.strftime('%B %Y')} to {end.strftime('%B %Y')}"
    if start.year == end.year and start.month == end.month:
        return f"{start.day}-{end.day} {start.strftime('%b %Y')}"
    return f"{start.strftime('%d %b %Y').lstrip('0')} to {end.strftime('%d %b %Y').lstrip('0')}"


def _month_end(day: date) -> date:
    following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def format_quantity(value: float | None, unit: str) -> str:
    if value is None:
        return "unknown"
    names = {"t": "metric tons", "bu": "bushels", "usd": "USD", "count": "", "percent": "%"}
    if abs(value) >= 1_000_000:
        text = f"{value / 1_000_000:.2f}".rstrip("0").rstrip(".") + " million"
    else:
        text = f"{value:,.0f}"
    return f"{text} {names.get(unit, unit)}".strip()


def progress_bar(value: float, target: float, width: int = 10) -> str:
    """``▓▓▓▓░░░░░░ 40%``: a metric's progress toward its target, readable in any chat."""
    share = max(0.0, min(1.0, value / target)) if target else 0.0
    filled = round(share * width)
    return f"{'▓' * filled}{'░' * (width - filled)} {share * 100:.0f}%"


def countdown(due: date, now: datetime) -> str:
    days = (due - now.date()).days
    if days > 1:
        return f"in {days} days"
    if days == 1:
        return "tomorrow"
    if days == 0:
        return "today"
    return f"{-days} days ago"


def rumoured(
    kind: AlertKind, title: str, old: JsonValue, new: JsonValue, sources: Sequence[str], *, extra: str = ""
) -> str:
    """The first line of an unconfirmed alert: what is rumoured, by whom, and what still stands.

    Why not the confirmed wording with a flag: "now postponed (was planned)" states as fact what one outlet said
    "could" happen; a reader skims the flag. The rumour is said as possible, with its outlet, and the state that
    still holds until another outlet confirms it.
    """
    who = sources_line(list(sources)) or "one outlet"  # by name, each outlet once
    verbs = {
        "status": f"{title}: may be {new}, reported by {who} (still {old} until confirmed)",
        "date": f"{title}: may move to {new}, reported by {who} (still {old} until confirmed)",
        "value": f"{title}: may be {new}, reported by {who} (last confirmed: {old})",
    }
    line = verbs.get(kind) or f"{headline(kind, title, old, new)}, reported by {who}"
    return f"{line}; {extra}" if extra else line


def headline(kind: AlertKind, title: str, old: JsonValue, new: JsonValue, *, extra: str = "") -> str:
    """The first line: the watch and what changed, old -> new."""
    verbs = {
        "status": f"{title}: now {new} (was {old})",
        "date": f"{title}: date moved to {new} (was {old})",
        "value": f"{title}: {new} (was {old})",
        "target": f"{title}: target reached — {new}",
        "deadline_soon": f"{title}: deadline {new} is coming up",
        "deadline_missed": f"{title}: deadline {new} passed without it happening",
        "report": f"{title}: new report",
    }
    line = verbs[kind]
    return f"{line}; {extra}" if extra else line
