"""Plain-text descriptions of watches and their state, shared by watches, status and chart."""

from __future__ import annotations

from datetime import date, datetime

from bot.commands.context import CommandContext
from watchers.config.dump import window_text
from watchers.store.watches import StoredWatch
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
    return f"{text} {suffix}".strip()


def deadline(watch: StoredWatch, state: WatchState) -> date | None:
    if state.due is not None:
        return state.due
    if state.expected is not None and not state.date_superseded:
        return state.expected.end
    return None


def baseline_text(watch: StoredWatch, state: WatchState) -> str:
    """One line: ``planned, expected 2026-04`` or ``5.2 million t of 12 million t, due 2025-12-31``."""
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
            parts.append(f"expected {window_text(state.expected)}")
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
