"""Plain-text descriptions of watches and their state, shared by watches, status and chart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from bot.commands.context import CommandContext
from watchers.clock import as_utc
from watchers.config.schema import BaselineConfig, StoryStep, WatchConfig
from watchers.store.tables import BaselineHistoryRow
from watchers.store.watches import StoredWatch
from watchers.tracking.render import describe_window
from watchers.tracking.sources import article_url, outlet_name, publisher_of
from watchers.tracking.state import WatchState
from watchers.tracking.watch import compile_watch

UNITS = {"t": "t", "bu": "bu", "usd": "USD", "count": "", "percent": "%"}


async def current_state(ctx: CommandContext, watch: StoredWatch) -> WatchState:
    """The stored state, or the baseline the watch starts from when nothing was stored yet."""
    stored = await ctx.tracking.states([watch.id])
    if watch.id in stored:
        return stored[watch.id]
    return compile_watch(watch.config, ctx.registry.settings).initial_state()


def figure(value: float | None, unit: str) -> str:
    if value is None:
        return "unknown"
    if abs(value) >= 1e9:
        text = f"{value / 1e9:.4g} billion"
    elif abs(value) >= 1e6:
        text = f"{value / 1e6:.4g} million"
    elif value == int(value):
        text = f"{int(value):,}"
    else:
        text = f"{value:,.2f}"
    suffix = UNITS.get(unit, unit)
    return f"{text}%" if suffix == "%" else f"{text} {suffix}".strip()


def deadline(watch: StoredWatch, state: WatchState) -> date | None:
    if state.due is not None:
        return state.due
    if state.expected is not None and not state.date_superseded:
        return state.expected.end
    return None


def baseline_text(watch: StoredWatch, state: WatchState) -> str:
    """One line: ``planned, expected April 2026`` or ``5.2 million t of 12 million t, due 2025-12-31``. A window is
    written as alerts write it (:func:`watchers.tracking.render.describe_window`), so a reader meets one wording."""
    config = watch.config
    parts: list[str] = []
    if config.kind == "metric":
        unit = config.metric.unit if config.metric else "count"
        text = figure(state.value, unit)
        if config.target is not None:
            share = f" ({state.value / config.target.value:.0%})" if state.value is not None else ""
            text += f" of {figure(config.target.value, unit)}{share}"
        parts.append(text)
    else:
        parts.append(state.status or "unknown")
        if state.expected is not None:
            parts.append(f"expected {describe_window(state.expected)}")
    if state.due is not None:
        parts.append(f"due {state.due.isoformat()}")
    return ", ".join(parts)


def until_text(day: date, now: datetime) -> str:
    days = (day - now.date()).days
    if days > 1:
        return f"in {days} days"
    if days == 1:
        return "tomorrow"
    if days == 0:
        return "today"
    return f"{-days} days ago"


def deadline_line(watch: StoredWatch, state: WatchState, due: date, now: datetime) -> str:
    """``next deadline: 2026-04-30 (in 150 days)``, or for one gone by, whether it was met."""
    if due >= now.date():
        return f"next deadline: {due.isoformat()} ({until_text(due, now)})"
    if watch.config.kind == "metric":
        outcome = "the target was reached" if state.target_reached else "the target was not reached by then"
    else:
        outcome = _SETTLED.get(state.status or "", f"still {state.status or 'unknown'}: missed")
    return f"deadline: {due.isoformat()}, passed {until_text(due, now)}; {outcome}"


_SETTLED = {"happened": "it happened", "cancelled": "it was cancelled", "signed": "it was signed",
            "collapsed": "it collapsed"}  # fmt: skip


def missed(watch: StoredWatch, state: WatchState, due: date, now: datetime) -> bool:
    """Whether ``due`` has passed with the item not settled (a target not reached, a status not final)."""
    if due >= now.date():
        return False
    if watch.config.kind == "metric":
        return not state.target_reached
    return (state.status or "") not in _SETTLED


def feeds_line(config: WatchConfig, *, full: bool) -> str:
    """The watch's feeds: whole URLs for admins; for everyone else the sites only (a URL may carry a token)."""
    if full:
        listed = [f"{n}. {f.url or f'news search {f.google_news!r}'}" for n, f in enumerate(config.feeds, 1)]
        return "feeds: " + ", ".join(listed)
    sites = sorted({urlsplit(url).hostname or "?" for url in config.feed_urls})
    return f"feeds: {len(config.feeds)} ({', '.join(sites)})"


@dataclass(frozen=True)
class AcceptedChange:
    """A history row placed on the time line in the order it was accepted."""

    field_name: str
    new: Any
    at: datetime


def in_accepted_order(history: list[BaselineHistoryRow]) -> list[AcceptedChange]:
    """History rows in the order they were accepted, each dated after the one before (by a second if need be,
    so a chart that sorts by time keeps this order).

    Why: a news change is dated by its article and an admin correction by the command; sorted by date, a
    correction made before a later-dated article (or an article processed after a correction) would not be the
    last point although it is the current state. The current state is always the last change accepted.
    """
    changes: list[AcceptedChange] = []
    for row in sorted(history, key=lambda r: r.id or 0):
        at = as_utc(row.at)
        if changes and at <= changes[-1].at:
            at = changes[-1].at + timedelta(seconds=1)
        changes.append(AcceptedChange(row.field_name, row.new, at))
    return changes


def current_baseline(watch: StoredWatch, state: WatchState, history: list[BaselineHistoryRow]) -> BaselineConfig:
    """The watch's baseline brought up to its current state (what export writes), or the configured one when
    nothing changed: the latest status, date, due and value, as of the last accepted change, with its sources."""
    baseline = watch.config.baseline
    if not history:
        return baseline
    last = max(history, key=lambda r: r.id or 0)
    as_of = max(as_utc(baseline.as_of), *(as_utc(r.at) for r in history))
    story = list(baseline.history) + [_story_step(row) for row in sorted(history, key=lambda r: r.id or 0)]
    return replace_baseline(
        baseline,
        history=story,
        as_of=as_of,
        status=state.status if watch.config.kind != "metric" else baseline.status,
        expected=state.expected,
        due=state.due if watch.config.kind != "metric" else baseline.due,  # a metric's due is its target's
        value=state.value if watch.config.kind == "metric" else baseline.value,
        sources=[s for s in last.sources if s.startswith(("https://", "http://"))] or list(baseline.sources),
    )


def _story_step(row: BaselineHistoryRow) -> StoryStep:
    """A stored change as a config story step (export keeps the story so far; an import shows it again)."""
    web = [s for s in row.sources if s.startswith(("https://", "http://"))]
    new: str | float = row.new if isinstance(row.new, int | float) else str(row.new)
    old = row.old if isinstance(row.old, int | float) or row.old is None else str(row.old)
    note = None if web else (row.note or ", ".join(row.sources) or None)
    return StoryStep(on=as_utc(row.at).date(), field=row.field_name, to=new, was=old, source=web[0] if web else None,
                     note=note)  # fmt: skip


def source_text(source: str) -> str:
    """A change's source as a reader sees it: a link without followup's ``#via=`` mark, led by its outlet's name
    when the link does not say it (``Reuters — https://www.reuters.com/a``, ``reuters.com —
    https://news.google.com/x``; a link of its own outlet with no other name stays bare); anything else (``admin
    telegram:1002``) as it is."""
    if not source.startswith(("https://", "http://")):
        return source
    link = article_url(source)
    name = outlet_name(source)
    return link if not name or name == publisher_of(link) else f"{name} — {link}"


def story_lines(watch: StoredWatch) -> list[str]:
    """The config's story to the baseline, one line per step, each step by its outlet's name as alerts give it
    (:func:`watchers.tracking.sources.outlet_name`): ``2026-01-20 value: 7 million t -> 12 million t (Bloomberg)``,
    the domain when the link carries no name."""
    unit = watch.config.metric.unit if watch.config.metric else "count"
    lines = []
    for step in watch.config.baseline.history:
        shown = [step.was, step.to]
        if step.field in ("value", "target"):
            shown = [figure(float(v), unit) if isinstance(v, int | float) else v for v in shown]
        note = step.note if step.note is None or len(step.note) <= 100 else step.note[:99] + "…"
        where = " — ".join(part for part in (outlet_name(step.source) if step.source else None, note) if part)
        change = f"{shown[0]} -> {shown[1]}" if step.was is not None else f"{shown[1]}"
        lines.append(f"  {step.on.isoformat()} {step.field}: {change}" + (f" ({where})" if where else ""))
    return lines


def replace_baseline(baseline: BaselineConfig, **changes: object) -> BaselineConfig:
    return baseline.model_copy(update=changes)
