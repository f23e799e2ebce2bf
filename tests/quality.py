"""Alert-quality scorer: compares the alerts a replay predicted with hand-written labels.

Pure functions, no I/O except :func:`load_labels` reading the labels file
(``tests/fixtures/stream/labels.yaml``).

A predicted alert is the JSON object the replay engine prints::

    {"watch", "kind", "at", "old", "new", "confidence", "sources", "text"}

A prediction matches a label when the watch and kind are equal, ``new`` agrees (numbers within a relative
tolerance, a target alert's figure at or past a target label's number; dates and statuses exactly,
case-insensitively for statuses) and ``at`` falls within
``day_tolerance`` days of the label's day. Matching is one-to-one (each label absorbs at most one prediction
and vice versa) and maximal, so a duplicate alert for the same change counts as a false positive, never
as a second hit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

__all__ = ["Label", "Match", "QualityReport", "load_labels", "score"]

Value = str | float | None


@dataclass(frozen=True)
class Label:
    """One expected alert."""

    watch: str
    kind: str
    new: Value
    at: date
    old: Value = None
    sources: tuple[str, ...] = ()
    note: str = ""
    id: str = ""

    def describe(self) -> str:
        name = f"{self.id} " if self.id else ""
        return f"{name}{self.watch} {self.kind} new={_show(self.new)} at={self.at.isoformat()}"


@dataclass(frozen=True)
class Match:
    predicted: Mapping[str, Any]
    label: Label
    day_offset: int  # predicted day - label day


@dataclass
class QualityReport:
    matches: list[Match] = field(default_factory=list)
    false_positives: list[Mapping[str, Any]] = field(default_factory=list)
    misses: list[Label] = field(default_factory=list)

    @property
    def n_predicted(self) -> int:
        return len(self.matches) + len(self.false_positives)

    @property
    def n_labels(self) -> int:
        return len(self.matches) + len(self.misses)

    @property
    def precision(self) -> float:
        """Matched / predicted; 1.0 when nothing was predicted (no false alarm was raised)."""
        return len(self.matches) / self.n_predicted if self.n_predicted else 1.0

    @property
    def recall(self) -> float:
        """Matched / labelled; 1.0 when nothing was labelled."""
        return len(self.matches) / self.n_labels if self.n_labels else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def format(self) -> str:
        """A readable multi-line summary: totals, per-watch table, then every false positive and miss."""
        lines = [
            f"precision {self.precision:.3f} ({len(self.matches)}/{self.n_predicted})   "
            f"recall {self.recall:.3f} ({len(self.matches)}/{self.n_labels})   f1 {self.f1:.3f}",
            "",
        ]
        watches = sorted(
            {m.label.watch for m in self.matches}
            | {str(p.get("watch")) for p in self.false_positives}
            | {lab.watch for lab in self.misses}
        )
        if watches:
            width = max(len("watch"), *(len(w) for w in watches))
            lines.append(f"{'watch':<{width}}  {'matched':>7}  {'false+':>6}  {'missed':>6}")
            for w in watches:
                tp = sum(1 for m in self.matches if m.label.watch == w)
                fp = sum(1 for p in self.false_positives if str(p.get("watch")) == w)
                fn = sum(1 for lab in self.misses if lab.watch == w)
                lines.append(f"{w:<{width}}  {tp:>7}  {fp:>6}  {fn:>6}")
            lines.append("")
        if self.false_positives:
            lines.append("FALSE POSITIVES (predicted, no label):")
            for p in sorted(self.false_positives, key=lambda p: str(p.get("at"))):
                text = str(p.get("text") or "")[:80]
                lines.append(
                    f"  {_day_or_raw(p.get('at'))}  {p.get('watch')}  {p.get('kind')}  "
                    f"old={_show(p.get('old'))} new={_show(p.get('new'))}  {text}"
                )
            lines.append("")
        if self.misses:
            lines.append("MISSES (labelled, not predicted):")
            for lab in sorted(self.misses, key=lambda lab: lab.at):
                lines.append(f"  {lab.at.isoformat()}  {lab.watch}  {lab.kind}  new={_show(lab.new)}  # {lab.note}")
            lines.append("")
        if self.matches:
            off = [m for m in self.matches if m.day_offset]
            if off:
                lines.append("matched with a day offset:")
                for m in sorted(off, key=lambda m: m.label.at):
                    lines.append(f"  {m.label.describe()}  ({m.day_offset:+d} d)")
                lines.append("")
        return "\n".join(lines).rstrip() + "\n"

    def __str__(self) -> str:
        return self.format()


# --------------------------------------------------------------------------------------------------- loading


def load_labels(path: str | Path) -> list[Label]:
    """Read the ``alerts:`` list of a labels YAML file (a bare top-level list is accepted too)."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(Path(path).read_text(encoding="utf-8"))
    items = data.get("alerts", []) if isinstance(data, Mapping) else data
    if not isinstance(items, list):
        raise ValueError(f"{path}: expected a list of alerts")
    return [_label_from(item, i) for i, item in enumerate(items)]


def _label_from(item: Any, index: int) -> Label:
    if not isinstance(item, Mapping):
        raise ValueError(f"label #{index}: expected a mapping, got {item!r}")
    for key in ("watch", "kind", "at"):
        if key not in item:
            raise ValueError(f"label #{index}: missing {key!r}")
    at = _to_day(item["at"])
    if at is None:
        raise ValueError(f"label #{index}: bad 'at' {item['at']!r}")
    return Label(
        watch=str(item["watch"]),
        kind=str(item["kind"]),
        new=_norm_value(item.get("new")),
        at=at,
        old=_norm_value(item.get("old")),
        sources=tuple(str(s) for s in item.get("sources") or ()),
        note=str(item.get("note") or ""),
        id=str(item.get("id") or ""),
    )


# --------------------------------------------------------------------------------------------------- scoring


def score(
    predicted: Sequence[Mapping[str, Any]],
    labels: Sequence[Label],
    *,
    day_tolerance: int = 2,
    value_tolerance: float = 0.01,
) -> QualityReport:
    """Match ``predicted`` alerts to ``labels`` one-to-one and report precision, recall, FPs and misses.

    A maximum bipartite matching is computed (Kuhn's augmenting paths), trying closer days first, so that e.g.
    two labels of the same kind a few days apart are never both left unmatched because a greedy pass took the
    wrong one.
    """
    preds = list(predicted)
    labs = list(labels)
    # candidate labels per prediction, closest day first
    cand: list[list[tuple[int, int]]] = []
    for p in preds:
        row = []
        for j, lab in enumerate(labs):
            off = _compatible(p, lab, day_tolerance, value_tolerance)
            if off is not None:
                row.append((abs(off), j))
        row.sort()
        cand.append(row)

    owner: list[int | None] = [None] * len(labs)  # label j -> prediction index

    def augment(i: int, seen: set[int]) -> bool:
        for _, j in cand[i]:
            if j in seen:
                continue
            seen.add(j)
            holder = owner[j]
            if holder is None or augment(holder, seen):
                owner[j] = i
                return True
        return False

    # predictions with fewer options first, then by time, for stable and sensible pairings
    order = sorted(range(len(preds)), key=lambda i: (len(cand[i]), str(preds[i].get("at"))))
    for i in order:
        augment(i, set())

    matched_preds = {i for i in owner if i is not None}
    report = QualityReport()
    for j, k in enumerate(owner):
        if k is None:
            report.misses.append(labs[j])
        else:
            pday = _to_day(preds[k].get("at"))
            assert pday is not None
            report.matches.append(Match(preds[k], labs[j], (pday - labs[j].at).days))
    report.false_positives = [p for i, p in enumerate(preds) if i not in matched_preds]
    report.matches.sort(key=lambda m: (m.label.at, m.label.watch))
    return report


def _compatible(p: Mapping[str, Any], lab: Label, day_tol: int, value_tol: float) -> int | None:
    """Day offset if ``p`` may match ``lab``, else None."""
    if str(p.get("watch")) != lab.watch or str(p.get("kind")) != lab.kind:
        return None
    pday = _to_day(p.get("at"))
    if pday is None:
        return None
    off = (pday - lab.at).days
    if abs(off) > day_tol:
        return None
    got = _norm_value(p.get("new"))
    if lab.kind == "target" and isinstance(got, float) and isinstance(lab.new, float):
        # a target label says the target was reached: writers give the target's own number ("target:40000000",
        # the 40 million mark passed) or the figure that reached it; a target alert carries the figure reached
        # (43.25 million), so any figure at or past the label's number satisfies it
        return off if got >= lab.new * (1 - value_tol) else None
    if not _same_value(got, lab.new, value_tol):
        return None
    return off


def _same_value(got: Value, want: Value, tol: float) -> bool:
    if want is None or got is None:
        return want is None and got is None
    if isinstance(want, float):
        if not isinstance(got, float):
            return False
        if want == 0:
            return abs(got) <= tol
        return abs(got - want) <= tol * abs(want) + 1e-9
    if isinstance(got, float):
        return False
    wd, gd = _iso_day(want), _iso_day(got)
    if wd is not None or gd is not None:
        return wd == gd
    return want.strip().casefold() == got.strip().casefold()


# --------------------------------------------------------------------------------------------------- helpers


def _norm_value(v: Any) -> Value:
    """Numbers (and numeric strings) -> float; dates/datetimes -> ISO day; other -> str; None stays None."""
    if v is None:
        return None
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, int | float):
        f = float(v)
        if math.isnan(f):
            return None
        return f
    if isinstance(v, datetime):
        return _utc_day(v).isoformat()
    if isinstance(v, date):
        return v.isoformat()
    s = str(v).strip()
    try:
        return float(s.replace(",", "").replace("_", ""))
    except ValueError:
        pass
    day = _iso_day(s)
    return day.isoformat() if day is not None else s


def _iso_day(s: str) -> date | None:
    """The day of an ISO date or datetime string ("2026-05-14", "2026-05-14T00:00:00Z"), else None."""
    s = s.strip()
    if len(s) < 10 or s[4] != "-" or s[7] != "-":
        return None
    try:
        if len(s) == 10:
            return date.fromisoformat(s)
        return _utc_day(datetime.fromisoformat(s.replace("Z", "+00:00")))
    except ValueError:
        return None


def _utc_day(dt: datetime) -> date:
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC)
    return dt.date()


def _to_day(v: Any) -> date | None:
    if isinstance(v, datetime):
        return _utc_day(v)
    if isinstance(v, date):
        return v
    if isinstance(v, int | float) and not isinstance(v, bool):
        return datetime.fromtimestamp(float(v), tz=UTC).date()
    if isinstance(v, str):
        return _iso_day(v)
    return None


def _show(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return f"{int(v):,}"
    if isinstance(v, int | float) and not isinstance(v, bool):
        return f"{v:,}"
    return "null" if v is None else str(v)


def _day_or_raw(v: Any) -> str:
    d = _to_day(v)
    return d.isoformat() if d else str(v)


def labels_by_id(labels: Iterable[Label]) -> dict[str, Label]:
    """Index labels by their optional ``id`` (for debugging helpers)."""
    return {lab.id: lab for lab in labels if lab.id}
