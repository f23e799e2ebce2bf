"""Catch-up: alerts about what happened while followup was not running are said as such, one message per watch.

Why: a bot started a year after its baselines (or back after a week down) used to send fresh-looking alerts for
deadlines long gone, and one alert per old article it found in its feeds. A subscriber reads "deadline missed"
today and believes it happened today. The live path (not replay, which is a backtest of the engine itself) folds
such alerts before they are stored:

* A deadline alert whose moment is more than :data:`CATCH_UP_AFTER` old is stale by construction: the clock
  raises it within minutes of its moment whenever the bot runs. Its text says when it happened and that followup
  was not running then.
* When one batch (one feed's new entries, or one clock tick) raises two or more alerts for the same watch and the
  oldest is older than :data:`CATCH_UP_AFTER`, they are a backlog: they become one catch-up alert listing each
  change with its date, going from the first old value to the last new one, with every outlet as a source.

One alert that is merely late (a feed that publishes an article two days after its date) is left alone: that is
not downtime, and the alert is still news to the reader.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from watchers.tracking.engine import EngineResult
from watchers.tracking.sources import with_sources
from watchers.tracking.state import Alert, HistoryRow

__all__ = ["CATCH_UP_AFTER", "fold_stale_alerts"]

CATCH_UP_AFTER = timedelta(days=2)


def fold_stale_alerts(result: EngineResult, now: datetime) -> None:
    """Rewrite ``result`` in place so stale alerts are told as a catch-up (see the module doc)."""
    by_watch: dict[str, list[Alert]] = {}
    for alert in result.alerts:
        by_watch.setdefault(alert.watch_id, []).append(alert)
    replaced: dict[str, Alert] = {}  # old alert key -> the alert that now carries it
    for alerts in by_watch.values():
        stale_at = now - CATCH_UP_AFTER
        backlog = len(alerts) >= 2 and min(a.at for a in alerts) < stale_at
        if backlog:
            merged = _merged(alerts, now)
            for alert in alerts:
                replaced[alert.key] = merged
            continue
        for alert in alerts:
            if alert.kind.startswith("deadline_") and alert.at < stale_at:
                replaced[alert.key] = _late_deadline(alert, now)
    if not replaced:
        return
    kept: list[Alert] = []
    for alert in result.alerts:
        new = replaced.get(alert.key)
        if new is None:
            kept.append(alert)
        elif all(new is not k for k in kept):
            kept.append(new)
    result.alerts = kept
    result.history = [_rekeyed(row, replaced) for row in result.history]


def _age(at: datetime, now: datetime) -> str:
    days = (now - at).days
    if days >= 60:
        return f"{round(days / 30.4)} months ago"
    return f"{days} days ago"


# What a deadline alert's headline says happened (watchers.tracking.render.headline): the catch-up note follows it.
_DEADLINE_PHRASES = ("passed without it happening", "is coming up")


def _late_deadline(alert: Alert, now: datetime) -> Alert:
    """The alert with when it happened said right after what happened: "deadline 2025-11-27 passed without it
    happening (12 months ago; followup was not running then); status still pending". At the end of the line the
    note would read as if it dated the state that follows ("status still pending (12 months ago ...)")."""
    lines = alert.text.split("\n")
    note = f" ({_age(alert.at, now)}; followup was not running then)"
    phrase = next((p for p in _DEADLINE_PHRASES if p in lines[0]), None)
    if phrase is None:
        lines[0] += note
    else:
        at = lines[0].index(phrase) + len(phrase)
        lines[0] = lines[0][:at] + note + lines[0][at:]
    return replace(alert, text="\n".join(lines), rule=f"catch-up: {alert.rule}")


def _merged(alerts: list[Alert], now: datetime) -> Alert:
    ordered = sorted(alerts, key=lambda a: a.at)
    first, last = ordered[0], ordered[-1]
    title = last.text.split("\n", 1)[0].split(": ", 1)[0]
    lines = [f"{title}: catching up on {len(ordered)} changes since {first.at.date().isoformat()}"]
    for alert in ordered:
        headline = alert.text.split("\n", 1)[0]
        headline = headline.split(": ", 1)[1] if ": " in headline else headline
        lines.append(f"• {alert.at.date().isoformat()}: {headline}")
    sources = list(dict.fromkeys(s for a in ordered for s in a.sources))
    text = with_sources("\n".join(lines), sources)
    return replace(
        last,
        old=first.old,
        sources=sources,
        text=text,
        rule="catch-up: " + "; ".join(a.rule for a in ordered),
        sentences=[s for a in ordered for s in a.sentences][:10],
        publishers=list(dict.fromkeys(p for a in ordered for p in a.publishers)),
        confidence="confirmed" if all(a.confidence == "confirmed" for a in ordered) else last.confidence,
    )


def _rekeyed(row: HistoryRow, replaced: dict[str, Alert]) -> HistoryRow:
    if row.alert_key is None or row.alert_key not in replaced:
        return row
    return replace(row, alert_key=replaced[row.alert_key].key)
