"""Unit tests of the alert-quality scorer (tests/quality.py) and sanity checks of the labelled stream."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import feedparser
import pytest

from tests.quality import Label, load_labels, score

STREAM = Path(__file__).parent / "fixtures" / "stream"


def lab(watch: str, kind: str, new, at: str, **kw) -> Label:  # type: ignore[no-untyped-def]
    return Label(watch=watch, kind=kind, new=new, at=date.fromisoformat(at), **kw)


def pred(watch: str, kind: str, new, at: str, **kw) -> dict:  # type: ignore[no-untyped-def]
    return {
        "watch": watch,
        "kind": kind,
        "new": new,
        "at": at,
        "old": None,
        "confidence": 0.9,
        "sources": [],
        "text": "",
        **kw,
    }


LABELS = [
    lab("soy", "value", 3100000.0, "2025-12-02"),
    lab("re", "status", "signed", "2025-12-11"),
    lab("re", "deadline_missed", "2025-11-27", "2025-11-28"),
    lab("trump", "date", "2026-05-14", "2026-04-02"),
]


def perfect() -> list[dict]:
    return [
        pred("soy", "value", 3100000, "2025-12-02T16:30:00+00:00"),
        pred("re", "status", "signed", "2025-12-11T16:45:00Z"),
        pred("re", "deadline_missed", "2025-11-27", "2025-11-28T00:00:00+00:00"),
        pred("trump", "date", "2026-05-14", "2026-04-02T14:10:00+00:00"),
    ]


def test_perfect_match() -> None:
    r = score(perfect(), LABELS)
    assert r.precision == 1.0 and r.recall == 1.0 and r.f1 == 1.0
    assert not r.false_positives and not r.misses
    assert len(r.matches) == 4
    assert "precision 1.000" in r.format()


def test_one_false_positive() -> None:
    extra = pred("trump", "status", "postponed", "2026-03-10T13:00:00Z", text="could be delayed")
    r = score([*perfect(), extra], LABELS)
    assert r.recall == 1.0
    assert r.precision == pytest.approx(4 / 5)
    assert r.false_positives == [extra]
    out = r.format()
    assert "FALSE POSITIVES" in out and "could be delayed" in out


def test_one_miss() -> None:
    r = score(perfect()[1:], LABELS)
    assert r.precision == 1.0
    assert r.recall == pytest.approx(3 / 4)
    assert [m.watch for m in r.misses] == ["soy"]
    assert "MISSES" in r.format()


def test_empty_inputs() -> None:
    r = score([], [])
    assert r.precision == 1.0 and r.recall == 1.0
    r = score([], LABELS)
    assert r.recall == 0.0 and len(r.misses) == 4
    r = score(perfect(), [])
    assert r.precision == 0.0 and len(r.false_positives) == 4


@pytest.mark.parametrize(
    ("at", "ok"),
    [
        ("2025-12-04T23:59:59Z", True),  # +2 days
        ("2025-11-30T00:00:00Z", True),  # -2 days
        ("2025-12-05T00:00:00Z", False),  # +3 days
        ("2025-11-29T23:59:00Z", False),  # -3 days
        ("2025-12-04T22:00:00-05:00", False),  # = 12-05 03:00 UTC: days are compared in UTC
    ],
)
def test_day_tolerance_edges(at: str, ok: bool) -> None:
    r = score([pred("soy", "value", 3100000, at)], [LABELS[0]])
    assert (len(r.matches) == 1) is ok


def test_day_tolerance_parameter() -> None:
    p = [pred("soy", "value", 3100000, "2025-12-05T00:00:00Z")]
    assert score(p, [LABELS[0]], day_tolerance=3).recall == 1.0
    assert score(p, [LABELS[0]], day_tolerance=0).recall == 0.0


@pytest.mark.parametrize(
    ("new", "ok"),
    [
        (3100000 * 1.0099, True),
        (3100000 * 0.9901, True),
        (3100000 * 1.02, False),
        (3000000, False),
        ("3,100,000", True),  # numeric strings are accepted
        ("3100000", True),
        ("signed", False),
        (None, False),
    ],
)
def test_value_tolerance_edges(new, ok: bool) -> None:  # type: ignore[no-untyped-def]
    r = score([pred("soy", "value", new, "2025-12-02")], [LABELS[0]])
    assert (len(r.matches) == 1) is ok


def test_value_tolerance_parameter() -> None:
    p = [pred("soy", "value", 3200000, "2025-12-02")]
    assert score(p, [LABELS[0]]).recall == 0.0
    assert score(p, [LABELS[0]], value_tolerance=0.05).recall == 1.0


def test_dates_and_statuses_are_exact() -> None:
    labels = [LABELS[1], LABELS[3]]
    assert score([pred("trump", "date", "2026-05-15", "2026-04-02")], labels).recall == 0.0
    assert score([pred("trump", "date", "2026-05-14T00:00:00Z", "2026-04-02")], labels).recall == 0.5
    assert score([pred("re", "status", "agreed", "2025-12-11")], labels).recall == 0.0
    assert score([pred("re", "status", "Signed", "2025-12-11")], labels).recall == 0.5  # case-insensitive


@pytest.mark.parametrize(
    ("new", "ok"),
    [
        (43_250_000, True),  # the figure that passed the 40 million mark the label names
        (40_000_000, True),
        (39_700_000, True),  # within the tolerance below it
        (39_000_000, False),
    ],
)
def test_a_target_label_is_met_by_any_figure_at_or_past_it(new, ok: bool) -> None:  # type: ignore[no-untyped-def]
    target = lab("spr", "target", 40_000_000.0, "2024-07-29")
    assert (len(score([pred("spr", "target", new, "2024-07-29")], [target]).matches) == 1) is ok


def test_watch_and_kind_must_match() -> None:
    assert score([pred("soy", "target", 3100000, "2025-12-02")], [LABELS[0]]).recall == 0.0
    assert score([pred("soya", "value", 3100000, "2025-12-02")], [LABELS[0]]).recall == 0.0


def test_one_to_one_duplicates_are_false_positives() -> None:
    # three outlets reporting the same change must yield ONE alert: the two extra alerts are FPs
    dupes = [pred("re", "status", "signed", f"2025-12-1{d}T18:00:00Z") for d in (1, 1, 2)]
    r = score(dupes, [LABELS[1]])
    assert len(r.matches) == 1 and len(r.false_positives) == 2
    assert r.precision == pytest.approx(1 / 3) and r.recall == 1.0
    assert r.matches[0].day_offset == 0  # the closest prediction is the one matched


def test_one_to_one_maximal_matching() -> None:
    # Two same-kind labels 2 days apart, and a prediction (05-10) compatible with both: it must not take the
    # 05-08 label that the only other prediction (05-07) can match; the matching is maximal.
    labels = [
        lab("w", "deadline_soon", "2026-05-15", "2026-05-08"),
        lab("w", "deadline_soon", "2026-05-15", "2026-05-10"),
    ]
    preds = [
        pred("w", "deadline_soon", "2026-05-15", "2026-05-10"),
        pred("w", "deadline_soon", "2026-05-15", "2026-05-07"),
    ]
    r = score(preds, labels)
    assert len(r.matches) == 2 and not r.misses and not r.false_positives
    by_label = {m.label.at.isoformat(): m.predicted["at"] for m in r.matches}
    assert by_label == {"2026-05-08": "2026-05-07", "2026-05-10": "2026-05-10"}


def test_load_labels_roundtrip(tmp_path: Path) -> None:
    f = tmp_path / "labels.yaml"
    f.write_text(
        "notes: test\n"
        "alerts:\n"
        "  - {id: a, watch: soy, kind: value, at: 2025-12-02, old: 2000000, new: 3100000, sources: [https://x/1]}\n"
        "  - {watch: re, kind: deadline_missed, at: '2025-11-28', new: 2025-11-27, note: why}\n"
        "entries: []\n",
        encoding="utf-8",
    )
    labels = load_labels(f)
    assert labels[0] == Label(
        "soy", "value", 3100000.0, date(2025, 12, 2), old=2000000.0, sources=("https://x/1",), id="a"
    )
    assert labels[1].new == "2025-11-27" and labels[1].at == date(2025, 11, 28) and labels[1].note == "why"


def test_load_labels_rejects_missing_keys(tmp_path: Path) -> None:
    f = tmp_path / "labels.yaml"
    f.write_text("alerts:\n  - {watch: soy, kind: value}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'at'"):
        load_labels(f)


# ------------------------------------------------------------------ the shipped labelled stream is consistent


def _stream_links() -> dict[str, str]:
    links: dict[str, str] = {}
    for xml in sorted(STREAM.glob("*.xml")):
        for e in feedparser.parse(str(xml)).entries:
            assert e.link not in links, f"duplicate link {e.link}"
            links[e.link] = xml.name
    return links


def test_stream_labels_load_and_self_score() -> None:
    labels = load_labels(STREAM / "labels.yaml")
    assert len(labels) >= 15
    as_preds = [{"watch": lab.watch, "kind": lab.kind, "new": lab.new, "at": lab.at.isoformat()} for lab in labels]
    r = score(as_preds, labels)
    assert r.precision == 1.0 and r.recall == 1.0


def test_stream_size_and_label_sources_exist() -> None:
    from ruamel.yaml import YAML

    links = _stream_links()
    assert len(links) >= 90
    data = YAML(typ="safe").load((STREAM / "labels.yaml").read_text(encoding="utf-8"))
    for lab_ in load_labels(STREAM / "labels.yaml"):
        for s in lab_.sources:
            assert s in links, s
    entries = data["entries"]
    assert {e["link"] for e in entries} == set(links)
    assert {e["expect"] for e in entries} <= {"alert", "corroborates", "nothing"}
    ids = {a["id"] for a in data["alerts"]}
    for e in entries:
        if e["expect"] != "nothing":
            assert e["label"] in ids


# ------------------------------------------------------------------ the corpus's two scoring consequences


def _story(labels: list[Label], maybe: list[Label]) -> object:
    from pathlib import Path

    from corpus import Story

    return Story(
        id="s", split="dev", path=Path("s"), watch={"id": "w"}, replay_until=datetime(2031, 12, 31, tzinfo=UTC),
        entries=[], labels=labels, maybe=maybe,
    )  # fmt: skip


def _date_alert(at: str, new: str, start: str, end: str, kind: str = "date") -> dict[str, object]:
    return {
        "watch": "w", "kind": kind, "at": at, "old": None, "new": new,
        "state": {"expected": {"start": start, "end": end, "precision": "range"}, "due": end},
    }  # fmt: skip


def test_a_date_alert_whose_window_holds_the_labelled_day_is_that_label() -> None:
    from corpus import score_story

    label = Label("w", "date", "2031-06-15", date(2031, 6, 5))
    # "mid-June" (11-20 June) said on the labelled entry's day: the writer's 15 June
    scored = score_story(
        _story([label], []), [_date_alert("2031-06-05T10:00:00Z", "2031-06-11", "2031-06-11", "2031-06-20")]
    )
    assert (len(scored.report.matches), len(scored.report.false_positives)) == (1, 0)
    # the same window said a week later belongs to no label of those days: a false alert
    scored = score_story(
        _story([label], []), [_date_alert("2031-06-12T10:00:00Z", "2031-06-11", "2031-06-11", "2031-06-20")]
    )
    assert (len(scored.report.matches), len(scored.report.false_positives)) == (0, 1)


def test_a_missed_deadline_of_a_date_only_a_maybe_accepted_is_a_maybe_too() -> None:
    from corpus import score_story

    maybe = Label("w", "date", "2031-11-20", date(2031, 11, 9))
    alerts = [
        _date_alert("2031-11-09T08:00:00Z", "2031-11-20", "2031-11-20", "2031-11-20"),
        {"watch": "w", "kind": "deadline_missed", "at": "2031-11-21T12:00:00Z", "old": None, "new": "2031-11-20"},
        {"watch": "w", "kind": "deadline_missed", "at": "2031-12-01T12:00:00Z", "old": None, "new": "2031-11-30"},
    ]
    scored = score_story(_story([], [maybe]), alerts)
    assert len(scored.maybe_hits) == 2  # the maybe date and its passing
    assert [a["new"] for a in scored.report.false_positives] == ["2031-11-30"]  # another date's passing is not


def test_a_target_alert_stands_for_the_value_label_beside_it() -> None:
    from corpus import score_story

    value = Label("w", "value", 1808581.0, date(2032, 1, 2))
    target = Label("w", "target", 1800000.0, date(2032, 1, 2))
    alert = {"watch": "w", "kind": "target", "at": "2032-01-02T14:00:00Z", "old": 1324074.0, "new": 1808581.0}
    # "target reached: 1,808,581": one message that tells both the new total and the target met
    scored = score_story(_story([value, target], []), [alert])
    assert (len(scored.report.matches), len(scored.report.false_positives), len(scored.report.misses)) == (2, 0, 0)
    # with no value label beside it, the copy is not a second false alert, and a wrong target alert counts once
    scored = score_story(_story([], []), [alert])
    assert (len(scored.report.matches), len(scored.report.false_positives)) == (0, 1)


def test_a_due_day_inside_a_labelled_month_is_that_label() -> None:
    from corpus import score_story

    # an agreement's "by mid-December" is a due day (the 20th); the writer labelled the month
    label = Label("w", "date", "2031-12", date(2031, 5, 16))
    alert = _date_alert("2031-05-16T15:00:00Z", "2031-12-20", "2031-12-20", "2031-12-20")
    scored = score_story(_story([label], []), [alert])
    assert (len(scored.report.matches), len(scored.report.false_positives)) == (1, 0)
    # a day outside the labelled month is another change
    alert = _date_alert("2031-05-16T15:00:00Z", "2032-01-20", "2032-01-20", "2032-01-20")
    scored = score_story(_story([label], []), [alert])
    assert (len(scored.report.matches), len(scored.report.false_positives)) == (0, 1)


def test_corpus_labels_take_the_briefs_watch_prefixed_form(tmp_path: Path) -> None:
    """The corpus brief spells a label `watch:kind:value`; older stories spell `kind:value`. Both load as the same
    label, and a label naming another watch is refused rather than scored as a miss nobody can meet."""
    from corpus import load_story

    def story(expect: list[str]) -> Path:
        folder = tmp_path / "s" / "story.yaml"
        folder.parent.mkdir(parents=True, exist_ok=True)
        entry = {
            "id": "e01",
            "published": "2025-02-02T10:00:00Z",
            "source": "a.example",
            "link": "https://a.example/1",
            "title": "Launch delayed",
            "summary": "",
            "expect": expect,
        }
        watch = {"id": "w", "title": "A launch", "kind": "event", "terms": ["launch"], "status": "planned"}
        watch |= {"expected": "2025-03-01", "as_of": "2025-02-01"}
        doc = {"story": "w", "watch": watch, "replay_until": "2025-04-01", "entries": [entry]}
        folder.write_text(json.dumps(doc))
        return folder

    plain = load_story(story(["status:postponed"])).labels
    prefixed = load_story(story(["w:status:postponed"])).labels
    assert [(x.watch, x.kind, x.new) for x in plain] == [(x.watch, x.kind, x.new) for x in prefixed]
    with pytest.raises(ValueError, match="names watch 'other', not 'w'"):
        load_story(story(["other:status:postponed"]))
