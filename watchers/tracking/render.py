"""The plain-text message a subscriber reads for an alert (chat channels format it further).

Kept in watchers/ because replay prints it and it depends only on the alert and the watch, not on a platform.
"""

from __future__ import annotations

from datetime import date, datetime

from watchers.config.values import DateWindow
from watchers.tracking.state import AlertKind, JsonValue


def describe_window(window: DateWindow | None) -> str:
    if window is None:
        return "no date"
    if window.precision == "day":
        return window.start.strftime("%d %b %Y").lstrip("0")
    if window.precision == "month":
        return window.start.strftime("%B %Y")
    if window.precision == "year":
        return str(window.start.year)
    if window.start.year == window.end.year and window.start.month == window.end.month:
        return f"{window.start.day}-{window.end.day} {window.start.strftime('%b %Y')}"
    return f"{window.start.strftime('%d %b %Y').lstrip('0')} to {window.end.strftime('%d %b %Y').lstrip('0')}"


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
