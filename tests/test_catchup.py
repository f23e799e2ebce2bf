"""Catch-up: what happened while followup was not running is said as such, one message per watch.

Cases across kinds of watch (a state visit, a trade deal, a running total): a deadline alert long after its moment,
a backlog of old news for one watch, and what must be left alone (a fresh deadline, one late article, a recent
batch). Then the live path end to end: a bot started a year after its baselines.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from watchers.clock import SimulatedClock
from watchers.config import load_config
from watchers.store.database import Database
from watchers.tracking.catchup import fold_stale_alerts
from watchers.tracking.engine import EngineResult, TrackingEngine
from watchers.tracking.sink import TrackingSink
from watchers.tracking.state import Alert, HistoryRow
from watchers.tracking.watch import compile_watch

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
ROOT = Path(__file__).resolve().parent.parent


def alert(watch: str, kind: str, days_ago: float, old: object, new: object, n: int = 0) -> Alert:
    at = NOW - timedelta(days=days_ago)
    headline = {
        "deadline_missed": f"deadline {new} passed without it happening",
        "status": f"now {new} (was {old})",
        "value": f"{new} (was {old})",
    }[kind]
    return Alert(
        key=f"{watch}#{n}",
        watch_id=watch,
        kind=kind,  # type: ignore[arg-type]
        at=at,
        old=old,  # type: ignore[arg-type]
        new=new,  # type: ignore[arg-type]
        confidence="confirmed",
        sources=[f"https://outlet{n}.example/{watch}"],
        text=f"Title {watch}: {headline}\nSources: outlet{n}.example",
        rule="test",
    )


def folded(*alerts: Alert) -> list[Alert]:
    result = EngineResult(alerts=list(alerts))
    result.history = [HistoryRow(a.watch_id, "x", a.old, a.new, a.at, tuple(a.sources), a.key, "") for a in alerts]
    fold_stale_alerts(result, NOW)
    keys = {a.key for a in result.alerts}
    assert all(row.alert_key in keys for row in result.history), "history points at alerts that are stored"
    return result.alerts


@pytest.mark.parametrize(
    ("case", "alerts", "expect_lines"),
    [
        (
            "a trade deal's deadline a year gone",
            [alert("deal", "deadline_missed", 368, None, "2025-11-27")],
            [
                "Title deal: deadline 2025-11-27 passed without it happening "
                "(12 months ago; followup was not running then)"
            ],
        ),
        (
            "a visit's deadline 10 days gone",
            [alert("visit", "deadline_missed", 10, None, "2026-11-19")],
            [
                "Title visit: deadline 2026-11-19 passed without it happening "
                "(10 days ago; followup was not running then)"
            ],
        ),
        (
            "three old changes to a running total are one catch-up",
            [
                alert("soy", "value", 40, "2 million t", "5 million t", 1),
                alert("soy", "value", 20, "5 million t", "9 million t", 2),
                alert("soy", "value", 5, "9 million t", "12 million t", 3),
            ],
            [
                "Title soy: catching up on 3 changes since 2026-10-21",
                "• 2026-10-21: 5 million t (was 2 million t)",
                "• 2026-11-10: 9 million t (was 5 million t)",
                "• 2026-11-25: 12 million t (was 9 million t)",
                "Sources: outlet1.example, outlet2.example, outlet3.example",
            ],
        ),
    ],
)
def test_stale_alerts_are_told_as_a_catch_up(case: str, alerts: list[Alert], expect_lines: list[str]) -> None:
    (told,) = folded(*alerts)
    assert told.text.split("\n")[: len(expect_lines)] == expect_lines, case
    if len(alerts) > 1:
        assert (told.old, told.new) == (alerts[0].old, alerts[-1].new) and len(told.sources) == 3


@pytest.mark.parametrize(
    ("case", "alerts"),
    [
        ("a deadline missed at today's noon", [alert("deal", "deadline_missed", 0.2, None, "2026-11-29")]),
        ("one late article (published four days before the feed showed it)", [alert("visit", "status", 4, "a", "b")]),
        (
            "two recent changes to one watch",
            [alert("soy", "value", 1.5, "1", "2", 1), alert("soy", "value", 0.5, "2", "3", 2)],
        ),
        (
            "old changes to two different watches, one each",
            [alert("soy", "value", 30, "1", "2", 1), alert("visit", "status", 30, "a", "b", 2)],
        ),
    ],
)
def test_what_is_news_is_left_alone(case: str, alerts: list[Alert]) -> None:
    texts = [a.text for a in alerts]
    assert [a.text for a in folded(*alerts)] == texts, case


async def test_a_bot_started_a_year_after_its_baselines_says_so(tmp_path: Path) -> None:
    """The shipped watches' deadlines of 2025-2026, ticked on 2026-11-30: no alert reads as if it were today's."""
    config = load_config(ROOT / "tests" / "fixtures" / "founding-2025.yaml")
    db = Database(f"sqlite:///{tmp_path}/f.db")
    await db.migrate()
    try:
        engine = TrackingEngine(compile_watch(w, config.settings) for w in config.watches if w.enabled)
        sink = TrackingSink(db, engine, SimulatedClock(NOW))
        alerts = await sink.tick(NOW)
    finally:
        await db.dispose()
    missed = [a for a in alerts if a.kind == "deadline_missed"]
    assert missed, "the shipped config has deadlines long gone by 2026-11-30"
    for late in missed:
        assert "followup was not running then" in late.text.split("\n")[0], late.text
