"""Why the engine did what it did with one entry for one watch: the record ``followup explain`` prints.

The engine fills a :class:`Decision` only when asked (a trace list is passed in), so the live path pays nothing.
Each decision keeps the sentences read, every observation with its flags, what extraction set aside and why, and
the verdict in one word with its reasons: an admin tuning a watch reads why an article alerted or stayed quiet
(stale, repeat, hedged, below the minimum change, not about the item) without reading the code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from watchers.extract.observe import Observation

Verdict = Literal["alert", "unconfirmed", "corroborates", "held", "quiet", "stale", "no match", "seeded"]


@dataclass
class Decision:
    """One entry against one watch."""

    watch_id: str
    entry_key: str
    title: str
    link: str | None
    published: datetime | None
    verdict: Verdict = "quiet"
    reasons: list[str] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)  # what extraction read and dropped, with why
    alerts: list[str] = field(default_factory=list)  # "kind old -> new" of the alerts it raised

    def because(self, reason: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)


def observation_line(obs: Observation) -> str:
    """One observation as ``status postponed [confirmed, title] via 'pushed back' ...``."""
    if obs.kind == "status":
        what = f"status {obs.status}"
    elif obs.kind == "date" and obs.date is not None:
        what = f"date {obs.date.start.isoformat()}..{obs.date.end.isoformat()} ({obs.date.precision}, {obs.date_role})"
    else:
        what = f"value {obs.value:,.0f} {obs.unit or ''}".rstrip() if obs.value is not None else "value ?"
    where = "title" if obs.in_title else f"sentence {obs.sentence_index}"
    return f"{what} [{obs.confidence}, {where}] {obs.rule}"


def format_decision(decision: Decision, *, sentences: bool = True) -> str:
    """A decision as an indented block of plain text (callers escape it for their medium)."""
    when = decision.published.strftime("%Y-%m-%d %H:%M") if decision.published else "undated"
    lines = [f"{decision.watch_id}: {decision.verdict.upper()}  {when}  {decision.title[:160]}"]
    if decision.link:
        lines.append(f"  link: {decision.link}")
    for alert in decision.alerts:
        lines.append(f"  alert: {alert}")
    for reason in dict.fromkeys(decision.reasons):
        lines.append(f"  why: {reason}")
    seen: set[str] = set()
    for obs in decision.observations:
        if sentences and obs.sentence not in seen:
            seen.add(obs.sentence)
            lines.append(f"  read: “{obs.sentence[:240]}”")
        lines.append(f"    -> {observation_line(obs)}")
    for note in decision.set_aside:
        lines.append(f"  set aside: {note}")
    return "\n".join(lines)


def decision_summary(decision: Decision) -> str:
    """The verdict and its main reason in one line, for a chat reply: ``ALERT: status planned -> postponed`` or
    ``QUIET: status postponed repeats the baseline``."""
    verdict = decision.verdict.upper()
    if decision.alerts:
        return f"{verdict}: " + "; ".join(decision.alerts)
    if decision.reasons:
        return f"{verdict}: {decision.reasons[-1] if decision.verdict == 'held' else decision.reasons[0]}"
    if decision.set_aside:
        return f"{verdict}: set aside {decision.set_aside[0]}"
    return f"{verdict}: nothing read about the item's status, date or figure"
