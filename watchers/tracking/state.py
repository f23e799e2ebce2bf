"""The per-watch state the engine reads and writes, and the alerts it produces.

WatchState is stored as JSON (one row per watch) so the engine's bookkeeping (which deadline warnings went
out, which corroborations attach where) can evolve without a migration per field.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

from watchers.config.values import DateWindow
from watchers.tracking.sources import with_sources

AlertKind = Literal["status", "date", "value", "target", "deadline_soon", "deadline_missed", "report"]
Confidence = Literal["confirmed", "unconfirmed"]
JsonValue = str | float | int | None


@dataclass
class RecentAlert:
    """The last alert of one kind, so later reports of the same development attach to it as sources."""

    key: str
    new: JsonValue
    at: datetime
    sources: list[str]


@dataclass
class PendingChange:
    """A change seen but not yet alerted: waiting for ``min_sources`` independent outlets."""

    kind: AlertKind
    new: JsonValue
    first_at: datetime
    sources: list[str]
    publishers: list[str]
    sentences: list[str]
    rule: str


@dataclass
class WatchState:
    """A watch's baseline and the engine's memory about it."""

    watch_id: str
    as_of: datetime
    status: str | None = None
    expected: DateWindow | None = None
    due: date | None = None
    value: float | None = None
    sources: list[str] = field(default_factory=list)
    due_set_at: datetime | None = None
    date_superseded: bool = False  # postponed without a new date: the old deadline no longer applies
    expected_floor: bool = False  # the stored date is a lower bound ('no earlier than Friday'), see dates.is_floor
    target_reached: bool = False
    fired: list[str] = field(default_factory=list)  # deadline warnings already sent, by key
    unconfirmed_sent: list[str] = field(default_factory=list)
    recent: dict[str, RecentAlert] = field(default_factory=dict)
    pending: dict[str, PendingChange] = field(default_factory=dict)
    alert_seq: int = 0
    # expected windows (iso) the item has moved away from; "due:<iso>" for a deal's due days given up and
    # "value:<figure>" for the steps a running total went through
    superseded: list[str] = field(default_factory=list)
    # headlines of matched entries (normalised) -> the day first seen, the latest HEADLINE_MEMORY of them: the same
    # headline days later is an old story resurfacing in a search feed (see engine._resurfaced)
    headlines: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        data["due_set_at"] = self.due_set_at.isoformat() if self.due_set_at else None
        data["due"] = self.due.isoformat() if self.due else None
        data["expected"] = (
            {
                "start": self.expected.start.isoformat(),
                "end": self.expected.end.isoformat(),
                "precision": self.expected.precision,
            }
            if self.expected
            else None
        )
        data["recent"] = {k: {**asdict(v), "at": v.at.isoformat()} for k, v in self.recent.items()}
        data["pending"] = {k: {**asdict(v), "first_at": v.first_at.isoformat()} for k, v in self.pending.items()}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WatchState:
        data = dict(data)
        data["as_of"] = datetime.fromisoformat(data["as_of"])
        data["due_set_at"] = datetime.fromisoformat(data["due_set_at"]) if data.get("due_set_at") else None
        data["due"] = date.fromisoformat(data["due"]) if data.get("due") else None
        if data.get("expected"):
            e = data["expected"]
            data["expected"] = DateWindow(date.fromisoformat(e["start"]), date.fromisoformat(e["end"]), e["precision"])
        data["recent"] = {
            k: RecentAlert(**{**v, "at": datetime.fromisoformat(v["at"])}) for k, v in data.get("recent", {}).items()
        }
        data["pending"] = {
            k: PendingChange(**{**v, "first_at": datetime.fromisoformat(v["first_at"])})
            for k, v in data.get("pending", {}).items()
        }
        return cls(**data)


@dataclass
class Alert:
    """One alert: what changed, when, how sure, why, and who reported it."""

    key: str
    watch_id: str
    kind: AlertKind
    at: datetime
    old: JsonValue
    new: JsonValue
    confidence: Confidence
    sources: list[str]
    text: str
    rule: str
    sentences: list[str] = field(default_factory=list)
    publishers: list[str] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)  # the watch's state after this alert (see state_summary)

    def add_source(self, source: str) -> bool:
        """Attach another outlet's report of the same development; False if it was already listed."""
        if source in self.sources:
            return False
        self.sources.append(source)
        self.text = with_sources(self.text, self.sources)
        return True

    def as_replay_json(self) -> dict[str, Any]:
        """Exactly the object `followup replay` prints per line."""
        return {
            "watch": self.watch_id,
            "kind": self.kind,
            "at": _utc_iso(self.at),
            "old": self.old,
            "new": self.new,
            "confidence": self.confidence,
            "sources": list(self.sources),
            "text": self.text,
            "state": self.state,
        }


@dataclass(frozen=True)
class HistoryRow:
    """One accepted change of a baseline field (alerted or silent), with its provenance."""

    watch_id: str
    field: str
    old: JsonValue
    new: JsonValue
    at: datetime
    sources: tuple[str, ...]
    alert_key: str | None
    note: str


def state_summary(
    state: WatchState, target: float | None, *, date_moved: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The watch's state as data, for machines reading alerts (replay lines, explain): status, the expected
    window with its precision, the due date, the running value and the target, and, when a status alert also
    moved the date, that move (``date_moved: {old, new}``) so a reader need not parse the text."""
    expected = state.expected
    summary: dict[str, Any] = {
        "status": state.status,
        "expected": (
            {"start": expected.start.isoformat(), "end": expected.end.isoformat(), "precision": expected.precision}
            if expected is not None
            else None
        ),
        "due": state.due.isoformat() if state.due else None,
        "value": state.value,
        "target": target,
        "target_reached": state.target_reached,
    }
    if date_moved is not None:
        summary["date_moved"] = date_moved
    return summary


def _utc_iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
