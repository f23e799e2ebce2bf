"""The labelled corpus: stories written blind, replayed through the real pipeline, scored against their labels.

Each story is one folder ``tests/corpus/<split>/<story>/story.yaml`` (split ``dev`` or ``lockbox``) written by someone
who saw neither the rules nor the other stories (see the brief in the project's shared notes). A story holds one
watch as an admin adds it from chat (id, title, kind, query, terms, optional require/exclude, baseline), its entries
(outlet, link, title, summary, publication time) and the labels: ``expect`` (alerts an entry must raise), ``maybe``
(acceptable, not required) and the clock's ``deadline_missed`` alerts.

The watch is built by the same function ``watch add`` uses, so nothing is tuned per story. The entries become one
RSS document per outlet, parsed by the real feed parser, and replayed by the real replay engine under a simulated
clock. Scoring is :func:`quality.score` (one alert per label, day tolerance 2), with two additions the brief needs:
an alert matching a ``maybe`` label is neither right nor wrong, and ``deadline_soon`` warnings are counted apart
(the brief has writers label changes and missed deadlines, not advance warnings). Two consequences of those rules:
a date alert whose window (``state.expected``: "mid-June" is 11-20 June) holds a labelled day, or lies inside a
labelled window ("the third week of April" for April), is that label, since the alert and the writer name one time at
different grains; and a ``deadline_missed`` for a date that only a ``maybe``
label accepted is itself a maybe, since holding an acceptable date makes its passing acceptable too.

Run ``python tests/corpus.py [--split dev|lockbox|all] [--explain] [story ...]`` for the per-story table.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from quality import Label, QualityReport, _compatible, score
from ruamel.yaml import YAML

from bot.commands.watch_commands import watch_definition
from watchers.config import load_config_text
from watchers.config.values import parse_date_window
from watchers.feeds.parse import parse_feed
from watchers.tracking.decision import Decision, format_decision
from watchers.tracking.replay import replay_entries

CORPUS = Path(__file__).resolve().parent / "corpus"
SPLITS = ("dev", "lockbox")
# A batch of stories written blind and not yet read sits in a folder of its own (say ``fresh2``) until it has been
# scored once; it is named with --split like the others.
EXTRA_SPLITS = tuple(sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and p.name not in SPLITS))
IGNORED_KINDS = frozenset({"deadline_soon", "report"})
_WATCH_FIELDS = ("title", "kind", "query", "status", "expected", "due", "value", "unit", "target")


@dataclass(frozen=True)
class StoryEntry:
    id: str
    published: datetime
    source: str
    link: str
    title: str
    summary: str
    expect: tuple[str, ...]
    maybe: tuple[str, ...]
    note: str


@dataclass
class Story:
    """One labelled story: its watch (as ``watch add`` builds it), entries and labels."""

    id: str
    split: str
    path: Path
    watch: dict[str, Any]
    replay_until: datetime
    entries: list[StoryEntry]
    labels: list[Label] = field(default_factory=list)
    maybe: list[Label] = field(default_factory=list)

    @property
    def watch_id(self) -> str:
        return str(self.watch["id"])

    def config_text(self) -> str:
        """A config file holding this story's watch only, with the shipped defaults for settings."""
        return json.dumps({"watches": [self.watch]}, default=str, indent=1)  # JSON is YAML

    def feeds(self) -> dict[str, bytes]:
        """One RSS 2.0 document per outlet (file name -> bytes), as a search feed would serve them."""
        by_source: dict[str, list[StoryEntry]] = {}
        for entry in self.entries:
            by_source.setdefault(entry.source, []).append(entry)
        return {f"{source}.xml": _rss(source, items) for source, items in sorted(by_source.items())}


# --------------------------------------------------------------------------------------------------- loading


def story_paths(split: str = "dev") -> list[Path]:
    """The story files of a split (``dev``, ``lockbox`` or ``all``), sorted by story id."""
    splits = SPLITS if split == "all" else (split,)
    return sorted((p for s in splits for p in (CORPUS / s).glob("*/story.yaml")), key=lambda p: p.parent.name)


def load_story(path: Path) -> Story:
    """Read and check one ``story.yaml``; a malformed story raises ValueError naming the file and the field."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    where = str(path)
    if not isinstance(data, Mapping) or not isinstance(data.get("watch"), Mapping):
        raise ValueError(f"{where}: expected a mapping with a 'watch'")
    raw = data["watch"]
    watch = build_watch(raw, where)
    story = Story(
        id=str(data.get("story") or path.parent.name),
        split=path.parent.parent.name,
        path=path,
        watch=watch,
        replay_until=_end_of(_day(data.get("replay_until"), f"{where}: replay_until")),
        entries=[_entry(e, f"{where}: entries[{i}]") for i, e in enumerate(data.get("entries") or [])],
    )
    for entry in story.entries:
        day = entry.published.astimezone(UTC).date()
        for target, texts in ((story.labels, entry.expect), (story.maybe, entry.maybe)):
            for text in texts:
                target.append(_label(story, text, day, entry, where))
    clock = data.get("clock") or {}
    for i, item in enumerate(clock.get("expect") or []):
        if item.get("new") is None and item.get("at"):
            # a writer may give only the day the alert is due: the deadline missed is the day before it
            at = _day(item.get("at"), f"{where}: clock.expect[{i}].at")
            new = at - timedelta(days=1)
        else:
            new = _last_day(item.get("new"), f"{where}: clock.expect[{i}].new")
            at = _day(item.get("at"), f"{where}: clock.expect[{i}].at") if item.get("at") else new + timedelta(days=1)
        story.labels.append(
            Label(story.watch_id, str(item.get("kind", "deadline_missed")), new.isoformat(), at, note="clock")
        )
    return story


def build_watch(raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The watch exactly as ``watch add`` builds it from the same fields (baseline date from ``as_of``)."""
    fields: dict[str, str] = {}
    for name in _WATCH_FIELDS:
        if raw.get(name) is not None:
            fields[name] = str(raw[name])
    for name in ("terms", "require", "exclude"):
        words = raw.get(name) or []
        if isinstance(words, str):
            words = [words]
        if words:
            # As an admin types a list in chat: comma-separated, so a phrase keeps its spaces; a lone phrase gets a
            # trailing comma ("exclude=Crossrail 2," is the phrase, "exclude=Crossrail 2" two words).
            fields[name] = ", ".join(str(w) for w in words) + ("," if len(words) == 1 and " " in str(words[0]) else "")
    as_of = _day(raw.get("as_of"), f"{where}: watch.as_of")
    definition = watch_definition(fields.get, str(raw["id"]).lower(), fields.get("kind", "event"), _end_of(as_of))
    definition["baseline"]["as_of"] = as_of.isoformat()
    return definition


def _entry(raw: Any, where: str) -> StoryEntry:
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: expected a mapping")
    for key in ("id", "published", "source", "link", "title"):
        if not raw.get(key):
            raise ValueError(f"{where}: missing {key!r}")
    published = raw["published"]
    if isinstance(published, str):
        published = datetime.fromisoformat(published.replace("Z", "+00:00"))
    if not isinstance(published, datetime):
        raise ValueError(f"{where}: published {published!r} is not a time")
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return StoryEntry(
        id=str(raw["id"]),
        published=published,
        source=str(raw["source"]),
        link=str(raw["link"]),
        title=str(raw["title"]),
        summary=str(raw.get("summary") or ""),
        expect=tuple(str(x) for x in raw.get("expect") or ()),
        maybe=tuple(str(x) for x in raw.get("maybe") or ()),
        note=str(raw.get("note") or ""),
    )


def _label(story: Story, text: str, day: date, entry: StoryEntry, where: str) -> Label:
    """One label, written `kind:value` or, as the corpus brief spells it, `watch:kind:value` with the story's own
    watch id (a label naming another watch is an error, not silently dropped)."""
    prefix = f"{story.watch_id}:"
    if text.startswith(prefix):
        text = text[len(prefix) :]
    elif text.count(":") >= 2 and text.split(":", 1)[0] not in ("status", "date", "value", "target"):
        raise ValueError(f"{where}: label {text!r} names watch {text.split(':', 1)[0]!r}, not {story.watch_id!r}")
    kind, _, value = text.partition(":")
    kind, value = kind.strip(), value.strip()
    if kind not in ("status", "date", "value", "target") or not value:
        raise ValueError(f"{where}: label {text!r} is not kind:value (status, date, value or target)")
    new: str | float = value
    if kind in ("value", "target"):
        new = float(value.replace(",", ""))
    return Label(story.watch_id, kind, new, day, note=f"{entry.id}: {entry.title[:70]}", id=entry.id)


def _last_day(value: Any, where: str) -> date:
    """A missed deadline's day: an ISO day, or the last day of a window ("2022-12" is missed on 31 December, a bare
    year such as 2018, which YAML reads as a number, on 31 December 2018)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and len(value) < 10:
        try:
            return parse_date_window(value).end
        except ValueError:
            pass
    return _day(value, where)


def _day(value: Any, where: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)


def _rss(source: str, items: Sequence[StoryEntry]) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>',
        f"<title>{escape(source)}</title><link>https://{escape(source)}/</link><description>news</description>",
    ]
    for e in items:
        parts.append(
            f"<item><title>{escape(e.title)}</title><link>{escape(e.link)}</link>"
            f'<guid isPermaLink="true">{escape(e.link)}</guid>'
            f"<pubDate>{format_datetime(e.published.astimezone(UTC), usegmt=True)}</pubDate>"
            f"<description>{escape(e.summary)}</description></item>"
        )
    parts.append("</channel></rss>\n")
    return "".join(parts).encode("utf-8")


# --------------------------------------------------------------------------------------------------- replay


def replay_story(story: Story, trace: list[Decision] | None = None) -> list[dict[str, Any]]:
    """The alerts ``followup replay`` prints for this story, as JSON objects (``trace``: as ``explain``)."""
    config = load_config_text(story.config_text(), filename=str(story.path))
    now = story.replay_until + timedelta(days=1)
    feeds = [
        (f"https://{name.removesuffix('.xml')}/feed", list(parse_feed(body, now=now).entries))
        for name, body in story.feeds().items()
    ]
    result = replay_entries(config, feeds, until=story.replay_until, trace=trace)
    return [alert.as_replay_json() for alert in result.alerts]


@dataclass
class StoryScore:
    story: Story
    report: QualityReport
    ignored: list[Mapping[str, Any]]
    maybe_hits: list[Mapping[str, Any]]


def score_story(story: Story, alerts: Iterable[Mapping[str, Any]] | None = None) -> StoryScore:
    """Score a story's alerts: maybe-label matches and advance warnings leave precision alone."""
    predicted = list(replay_story(story) if alerts is None else alerts)
    ignored = [a for a in predicted if a.get("kind") in IGNORED_KINDS]
    counted = [a for a in predicted if a.get("kind") not in IGNORED_KINDS]
    labels = [_window_label(lab) for lab in story.labels]
    maybes = [_window_label(lab) for lab in story.maybe]
    counted = [_on_window_start(a, [*story.labels, *story.maybe]) for a in _with_date_moves(counted)]
    report = score(counted, labels)
    report.false_positives = [a for a in report.false_positives if a.get("stands_for") != "target"]
    maybe_hits = []
    rest = []
    for alert in report.false_positives:
        if any(_compatible(alert, lab, 2, 0.01) is not None for lab in maybes):
            maybe_hits.append(alert)
        else:
            rest.append(alert)
    maybe_dates = {
        str(day)
        for a in maybe_hits
        if a.get("kind") == "date"
        for day in (
            a.get("new"),
            (a.get("state") or {}).get("due"),
            ((a.get("state") or {}).get("expected") or {}).get("end"),
        )
        if day
    }
    missed_after_maybe = [a for a in rest if a.get("kind") == "deadline_missed" and str(a.get("new")) in maybe_dates]
    maybe_hits += missed_after_maybe
    report.false_positives = [a for a in rest if a not in missed_after_maybe]
    return StoryScore(story, report, ignored, maybe_hits)


def _window_label(label: Label) -> Label:
    """A date label written as a window (2026-05, 2026-Q2) matches on its first day (see :func:`_date_hit`)."""
    if label.kind != "date" or not isinstance(label.new, str):
        return label
    try:
        window = parse_date_window(label.new)
    except ValueError:
        return label
    return Label(
        label.watch, label.kind, window.start.isoformat(), label.at, label.old, label.sources, label.note, label.id
    )


def _with_date_moves(alerts: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """A status alert that also moved the date (``state.date_moved``) reports both changes in one message: it
    stands for the date label too, so it is scored as a status alert and a date alert. A target alert ("target
    reached: 1,808,581") reports the new running total in the same message: it stands for the value label too (and, when
    no value label is there, it is not a second false alert: the target alert is scored already)."""
    out: list[Mapping[str, Any]] = []
    for alert in alerts:
        out.append(alert)
        if alert.get("kind") == "target" and alert.get("new") is not None:
            out.append({**alert, "kind": "value", "stands_for": "target"})
            continue
        moved = (alert.get("state") or {}).get("date_moved") if alert.get("kind") == "status" else None
        if moved and moved.get("new"):
            try:
                start = parse_date_window(str(moved["new"])).start.isoformat()
            except ValueError:
                continue
            out.append({**alert, "kind": "date", "old": moved.get("old"), "new": start})
    return out


def _on_window_start(alert: Mapping[str, Any], labels: Sequence[Label]) -> Mapping[str, Any]:
    """A date alert naming the last day of a labelled window (an agreement's deadline "by the end of March")
    is the same change as the label's first day: move it there so the scorer compares like with like."""
    if alert.get("kind") != "date" or not isinstance(alert.get("new"), str):
        return alert
    at = _alert_day(alert)
    near = [label for label in labels if at is not None and abs((at - label.at).days) <= 2]
    if any(label.kind == "date" and label.new == alert["new"] and label.watch == alert.get("watch") for label in near):
        return alert  # a label names this very day: nothing to move
    for label in labels:
        if label.kind != "date" or not isinstance(label.new, str) or label.watch != alert.get("watch"):
            continue
        try:
            window = parse_date_window(label.new)
        except ValueError:
            continue
        if alert["new"] == window.end.isoformat() and window.end != window.start:
            return {**alert, "new": window.start.isoformat()}
        said = _alert_window(alert)
        if label not in near:
            continue  # a window of another entry's label says nothing about this alert
        if said is not None and said[0] < said[1] and said[0] <= window.start <= said[1]:
            # the alert says "mid-June" (11-20 June) and the writer labelled 15 June: the same change
            return {**alert, "new": window.start.isoformat()}
        if said is not None and window.start <= said[0] and said[1] <= window.end and said[0] < said[1]:
            # the alert says "the third week of April" and the writer labelled April: the same change, finer
            return {**alert, "new": window.start.isoformat()}
        if (
            (said is None or said[0] == said[1])
            and window.start < window.end
            and window.start.isoformat() <= alert["new"] <= window.end.isoformat()
        ):
            # an agreement's due day "by mid-December" (the 20th) where the writer labelled December: the same
            # change, finer (an agreement keeps a due day, not a window, so its window is that one day)
            return {**alert, "new": window.start.isoformat()}
    return alert


def _alert_day(alert: Mapping[str, Any]) -> date | None:
    try:
        return datetime.fromisoformat(str(alert["at"]).replace("Z", "+00:00")).date()
    except (KeyError, ValueError):
        return None


def _alert_window(alert: Mapping[str, Any]) -> tuple[date, date] | None:
    """The window a date alert reports (the watch's expected window after it), when it holds the alert's date."""
    expected = (alert.get("state") or {}).get("expected") or {}
    try:
        start, end = date.fromisoformat(str(expected["start"])), date.fromisoformat(str(expected["end"]))
        new = date.fromisoformat(str(alert["new"]))
    except (KeyError, ValueError):
        return None
    return (start, end) if start <= new <= end else None


def total(scores: Sequence[StoryScore]) -> QualityReport:
    """All stories' matches, false alerts and misses together."""
    report = QualityReport()
    for s in scores:
        report.matches += s.report.matches
        report.false_positives += s.report.false_positives
        report.misses += s.report.misses
    return report


def table(scores: Sequence[StoryScore]) -> str:
    """Precision and recall per story and overall, in a fixed-width table."""
    width = max([len("overall"), *(len(s.story.id) for s in scores)])
    lines = [
        f"{'story':<{width}}  {'kind':<9} {'entries':>7} {'labels':>6} {'hit':>4} {'false':>5} {'miss':>4}"
        "  precision  recall"
    ]
    for s in scores:
        r = s.report
        lines.append(
            f"{s.story.id:<{width}}  {s.story.watch['kind']:<9} {len(s.story.entries):>7} {r.n_labels:>6} "
            f"{len(r.matches):>4} {len(r.false_positives):>5} {len(r.misses):>4}  {r.precision:>9.2f}  {r.recall:>6.2f}"
        )
    t = total(scores)
    entries = sum(len(s.story.entries) for s in scores)
    lines.append(
        f"{'overall':<{width}}  {'':<9} {entries:>7} {t.n_labels:>6} {len(t.matches):>4} "
        f"{len(t.false_positives):>5} {len(t.misses):>4}  {t.precision:>9.2f}  {t.recall:>6.2f}"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=(*SPLITS, *EXTRA_SPLITS, "all"))
    parser.add_argument("--details", action="store_true", help="print every false alert and miss")
    parser.add_argument("--explain", action="store_true", help="explain every labelled or alerting entry")
    parser.add_argument("stories", nargs="*", help="story ids (default: the whole split)")
    args = parser.parse_args(argv)
    paths = story_paths(args.split)
    if args.stories:
        paths = [p for p in paths if p.parent.name in args.stories]
    scores = [score_story(load_story(p)) for p in paths]
    print(table(scores))
    if args.explain:
        for p in paths:
            story = load_story(p)
            trace: list[Decision] = []
            replay_story(story, trace)
            wanted = {e.link: e for e in story.entries}
            for d in trace:
                entry = wanted.get(d.link or "")
                if entry is None or (d.verdict in ("no match", "stale") and not entry.expect):
                    continue
                if entry.expect or entry.maybe or d.verdict in ("alert", "unconfirmed"):
                    print(f"[{entry.id}] expect={list(entry.expect)} maybe={list(entry.maybe)}")
                    print(format_decision(d))
                    print()
    if args.details:
        for s in scores:
            if s.report.false_positives or s.report.misses:
                print(f"\n== {s.story.id}")
                print(s.report.format())
    return 0


if __name__ == "__main__":
    sys.exit(main())
