"""PNG charts for the `chart <watch>` command: people would rather look at a history than read it.

Two pictures, both about 800x450 px and a few tens of KB (fits a Telegram photo or a Discord attachment):

- :func:`render_metric_chart`: a running total over time as a step line, against its target and deadline;
- :func:`render_status_timeline`: an event's or agreement's status over time as coloured segments.

matplotlib is imported inside the functions: it costs about half a second to import and most runs of the bot
never draw a chart. Each call builds its own :class:`matplotlib.figure.Figure` on an Agg canvas and never touches
pyplot, so no global figure state is shared between calls, and the command service may render in worker threads.

Titles and labels can come from feed text, so every string we draw is treated as untrusted: control and bidi
override characters are dropped, long titles are wrapped and truncated, and mathtext is off (``parse_math=False``
on our own texts, ``$`` escaped in tick labels, which matplotlib creates itself), so ``$5 billion and $2 billion`` is
printed as written instead of being typeset as math (or raising a parse error).
"""

from __future__ import annotations

import io
import math
import textwrap
import unicodedata
import warnings
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

WIDTH_PX, HEIGHT_PX, DPI = 800, 450, 100
TITLE_WIDTH = 70  # characters per title line at the title's font size on an 800 px wide picture
TITLE_LINES = 2
LABEL_CHARS = 24  # a status label longer than this is cut: it has to fit beside its segment
MAX_MARKERS = 200  # beyond this many points the markers merge into a smear; the step line alone reads better
MAX_INPUT_CHARS = 500  # cleaning and wrapping a megabyte of feed text would be work for nothing

TARGET_COLOUR = "#d62728"  # red: the line people look for first
LINE_COLOUR = "#1f77b4"
DUE_COLOUR = "#555555"
NOW_COLOUR = "#2ca02c"
STATUS_COLOURS = {
    # events
    "planned": "#9ecae1",
    "confirmed": "#3182bd",
    "postponed": "#fd8d3c",
    "cancelled": "#d62728",
    "happened": "#31a354",
    # agreements
    "pending": "#bdbdbd",
    "agreed": "#6baed6",
    "signed": "#31a354",
    "collapsed": "#d62728",
}
FALLBACK_COLOURS = ("#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f")

_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def render_metric_chart(
    title: str,
    unit: str,
    points: Sequence[tuple[datetime, float]],
    target: float | None,
    due: date | None,
    now: datetime,
) -> bytes:
    """A PNG of a metric's running total over time, with its target, its deadline and "now" marked.

    ``points`` are (moment, value) in any order; each value holds until the next one (a step line), and the
    last one until ``now``. The progress line under the title says where the total stands against the
    target and how far the deadline is ("1.9M of 12M t (16%), due 31 Dec 2025 — 11 months overdue").
    """
    figure, axes = _new_figure()
    from matplotlib.ticker import FuncFormatter

    now = _utc(now)
    unit = _clean(unit, 12)
    series = sorted((_utc(moment), float(value)) for moment, value in points if math.isfinite(value))
    due_at = _day_start(due) if due is not None else None

    moments = [moment for moment, _ in series]
    start, end = _time_span([*moments, now, *([due_at] if due_at else [])])
    if series:
        xs = [*moments, max(now, moments[-1])]
        ys = [value for _, value in series]
        ys.append(ys[-1])
        axes.step(_nums(xs), ys, where="post", color=LINE_COLOUR, linewidth=2, zorder=3)
        if len(series) <= MAX_MARKERS:
            axes.plot(_nums(moments), ys[:-1], "o", color=LINE_COLOUR, markersize=5, zorder=4)
        axes.fill_between(_nums(xs), ys, step="post", color=LINE_COLOUR, alpha=0.08, zorder=2)
    else:
        _centre_note(axes, "no figures reported yet")

    top = max([value for _, value in series] + ([target] if target is not None else []) + [0.0])
    bottom = min([value for _, value in series] + [0.0])
    axes.set_ylim(bottom, top * 1.25 if top > 0 else 1.0)  # headroom for the target, due and now labels
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: _escaped(_axis_number(value, unit))))

    if target is not None:
        axes.axhline(target, color=TARGET_COLOUR, linestyle="--", linewidth=1.5, zorder=2)
        axes.annotate(
            f"target {_short_number(target)} {unit}".strip(),
            xy=(0.01, target),
            xycoords=("axes fraction", "data"),
            xytext=(0, 4),
            textcoords="offset points",
            color=TARGET_COLOUR,
            fontsize=9,
            va="bottom",
            parse_math=False,
        )
    if due_at is not None and due is not None:
        _vertical_marker(axes, due_at, f"due {_day(due)}", DUE_COLOUR, "-", (start, end))
    _vertical_marker(axes, now, "now", NOW_COLOUR, ":", (start, end))
    _date_axis(axes, start, end)

    latest = series[-1][1] if series else None
    _titles(figure, axes, title, _metric_progress(latest, unit, target, due, now))
    return _png(figure)


def render_status_timeline(
    title: str,
    changes: Sequence[tuple[datetime, str]],
    deadline: date | None,
    now: datetime,
) -> bytes:
    """A PNG of an event's or agreement's status over time: one bar, a coloured segment per status.

    ``changes`` are (moment, new status) in any order; each status lasts until the next change, the last
    one until ``now``. The deadline and "now" are vertical lines; each segment is labelled with its status and
    start day (no legend: the labels say it where the eye already is); the line under the title says the
    current status and how far the deadline is.
    """
    figure, axes = _new_figure()
    now = _utc(now)
    history = sorted((_utc(moment), _clean(status, LABEL_CHARS) or "?") for moment, status in changes)
    deadline_at = _day_start(deadline) if deadline is not None else None
    start, end = _time_span([*(moment for moment, _ in history), now, *([deadline_at] if deadline_at else [])])

    axes.set_ylim(-1.3, 1.3)
    axes.set_yticks([])
    for side in ("left", "right", "top"):
        axes.spines[side].set_visible(False)
    colours: dict[str, str] = {}
    if history:
        ends = [moment for moment, _ in history[1:]] + [max(now, history[-1][0])]
        for index, ((begin, status), finish) in enumerate(zip(history, ends, strict=True)):
            colour = colours.setdefault(status, _status_colour(status, len(colours)))
            axes.fill_between(_nums([begin, finish]), -0.35, 0.35, color=colour, linewidth=0, zorder=2)
            axes.plot(_nums([begin]), [0], marker="|", markersize=22, color="#333333", zorder=3)
            # Alternate labels above and below the bar so that close changes do not print over each other.
            above = index % 2 == 0
            axes.annotate(
                f"{status}\n{_day(begin.date())}" if above else f"{_day(begin.date())}\n{status}",
                xy=(_nums([begin])[0], 0.4 if above else -0.4),
                xytext=(2, 0),
                textcoords="offset points",
                ha="left",
                va="bottom" if above else "top",
                fontsize=9,
                parse_math=False,
                annotation_clip=False,
            )
    else:
        _centre_note(axes, "no status recorded yet")

    if deadline_at is not None and deadline is not None:
        _vertical_marker(axes, deadline_at, f"deadline {_day(deadline)}", TARGET_COLOUR, "--", (start, end))
    _vertical_marker(axes, now, "now", NOW_COLOUR, ":", (start, end))
    _date_axis(axes, start, end)
    current = history[-1] if history else None
    _titles(figure, axes, title, _status_progress(current, deadline, now))
    return _png(figure)


# ---------------------------------------------------------------------------------------------------------
# Words and numbers


def _metric_progress(latest: float | None, unit: str, target: float | None, due: date | None, now: datetime) -> str:
    """The line under the title: where the total stands, against what, and how long is left."""
    with_unit = f" {unit}" if unit else ""
    if latest is None:
        text = "no figures yet"
        if target is not None:
            text += f"; target {_short_number(target)}{with_unit}"
    elif target is not None and target > 0:
        share = latest / target * 100
        text = f"{_short_number(latest)} of {_short_number(target)}{with_unit} ({share:.0f}%)"
    else:
        text = f"latest {_short_number(latest)}{with_unit}"
    if due is not None:
        reached = latest is not None and target is not None and latest >= target
        text += f", due {_day(due)} — " + ("target reached" if reached else _time_to(due, now))
    return text


def _status_progress(current: tuple[datetime, str] | None, deadline: date | None, now: datetime) -> str:
    text = f"current status: {current[1]} (since {_day(current[0].date())})" if current else "no status yet"
    if deadline is not None:
        text += f"; deadline {_day(deadline)} — {_time_to(deadline, now, late='ago')}"
    return text


def _time_to(due: date, now: datetime, *, late: str = "overdue") -> str:
    """ "34 days left", "due today", "3 days overdue", "11 months overdue" (months once it is over 60 days)."""
    days = (due - now.date()).days
    if days == 0:
        return "due today" if late == "overdue" else "today"
    count = abs(days)
    if count > 60:
        months = round(count / 30.44)
        amount = f"{months} months"
    else:
        amount = f"{count} day" + ("" if count == 1 else "s")
    return f"{amount} left" if days > 0 else f"{amount} {late}"


def _short_number(value: float) -> str:
    """12000000 -> "12M", 1_900_000 -> "1.9M", 2_000_000 -> "2M", 950 -> "950": for prose."""
    return _scaled(value, trim=True)


def _axis_number(value: float, unit: str) -> str:
    """Tick labels keep one decimal below 10 of a scale ("2.0M t") so neighbouring ticks line up."""
    text = _scaled(value, trim=False)
    return f"{text} {unit}" if unit else text


def _scaled(value: float, *, trim: bool) -> str:
    scale, suffix = next(
        ((scale, suffix) for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")) if abs(value) >= scale),
        (1.0, ""),
    )
    amount = value / scale
    if abs(amount) >= 10 or (not suffix and float(amount).is_integer()):
        return f"{amount:.0f}{suffix}"
    text = f"{amount:.1f}"
    if trim and text.endswith(".0"):
        text = text[:-2]
    return f"{text}{suffix}"


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _clean(text: str, limit: int) -> str:
    """Feed text made safe to draw on one line: no control or bidi override characters, single spaces,
    at most ``limit`` characters (cut with an ellipsis)."""
    text = text[:MAX_INPUT_CHARS]
    kept = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text if ch not in _BIDI_CONTROLS
    )
    kept = " ".join(kept.split())
    return kept if len(kept) <= limit else kept[: limit - 1].rstrip() + "…"


def _wrapped_title(title: str) -> str:
    text = _clean(title, TITLE_WIDTH * TITLE_LINES)
    lines = textwrap.wrap(text, TITLE_WIDTH, break_long_words=True) or [""]
    if len(lines) > TITLE_LINES:
        lines = lines[:TITLE_LINES]
        lines[-1] = lines[-1][: TITLE_WIDTH - 1].rstrip() + "…"
    return "\n".join(lines)


def _escaped(text: str) -> str:
    r"""For texts matplotlib creates itself (tick labels), where parse_math cannot be passed:
    every ``$`` escaped as ``\$`` is printed as a plain dollar sign."""
    return text.replace("$", r"\$")


def _status_colour(status: str, index: int) -> str:
    return STATUS_COLOURS.get(status.lower(), FALLBACK_COLOURS[index % len(FALLBACK_COLOURS)])


# ---------------------------------------------------------------------------------------------------------
# Time


def _utc(moment: datetime) -> datetime:
    """Aware UTC; a naive datetime is taken to be UTC already (SQLite hands those back)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _nums(moments: Sequence[datetime]) -> list[float]:
    """Matplotlib date numbers: the axes are given floats, which matplotlib's type hints accept (datetimes work
    at run time but are not in its stubs), and the date locator and formatter read them as dates."""
    from matplotlib.dates import date2num

    return [float(number) for number in date2num(list(moments))]  # type: ignore[no-untyped-call]


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def _time_span(moments: Sequence[datetime]) -> tuple[datetime, datetime]:
    """The x range: every moment with a margin of 4% each side, and never less than a week wide."""
    first, last = min(moments), max(moments)
    if last - first < timedelta(days=7):
        first = last - timedelta(days=7)
    margin = (last - first) * 0.04
    return first - margin, last + margin


# ---------------------------------------------------------------------------------------------------------
# Drawing


def _new_figure() -> tuple[Figure, Axes]:
    """A fresh figure on its own Agg canvas: nothing global is created, nothing needs closing but the figure."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # Emoji and scripts the bundled font lacks are drawn as boxes; that is expected for feed text and not
    # worth a warning per character per chart. Added on every call (an identical filter is replaced, not
    # duplicated) because test runners and applications may reset the filters; catch_warnings() would not
    # be thread-safe.
    warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from", category=UserWarning)
    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.grid(True, axis="y", color="#e5e5e5", linewidth=0.8, zorder=0)
    axes.spines["top"].set_visible(False)
    axes.spines["right"].set_visible(False)
    return figure, axes


def _titles(figure: Figure, axes: Axes, title: str, progress: str) -> None:
    figure.suptitle(_wrapped_title(title), fontsize=13, fontweight="bold", x=0.02, ha="left", parse_math=False)
    axes.set_title(_clean(progress, 120), fontsize=10, loc="left", color="#333333", parse_math=False)


def _vertical_marker(
    axes: Axes, at: datetime, label: str, colour: str, style: str, span: tuple[datetime, datetime]
) -> None:
    """A vertical line labelled at the top of the plot: on its right, or on its left near the right edge."""
    start, end = span
    left = (at - start) / (end - start) > 0.8
    x = _nums([at])[0]
    axes.axvline(x, color=colour, linestyle=style, linewidth=1.5, zorder=2)
    axes.annotate(
        label,
        xy=(x, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(-3 if left else 3, -3),
        textcoords="offset points",
        ha="right" if left else "left",
        va="top",
        fontsize=8,
        color=colour,
        parse_math=False,
    )


def _centre_note(axes: Axes, text: str) -> None:
    axes.text(0.5, 0.5, text, transform=axes.transAxes, ha="center", va="center", color="#777777", parse_math=False)


def _date_axis(axes: Axes, start: datetime, end: datetime) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    # matplotlib.dates has no type hints (matplotlib 3.11): the two calls below are the only untyped ones.
    locator = AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    first, last = _nums([start, end])
    axes.set_xlim(first, last)


def _png(figure: Figure) -> bytes:
    """Render and release: the figure is cleared afterwards so its artists and buffers go at once."""
    buffer = io.BytesIO()
    try:
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    finally:
        figure.clear()
    return buffer.getvalue()
