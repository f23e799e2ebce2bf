"""The shipped founding watches (config/watches.yaml) are complete and current (issue 15).

They were founded on the news of 25 Nov 2025 and brought up to the latest facts established from public reporting,
each change in the baseline's story with its date and source. A self-hoster who starts the bot today must get no
alert for a deadline long gone, and `/status` must tell each watch's story so far.
"""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.app import command_service, services
from bot.commands.api import Caller
from bot.environment import Environment
from watchers.clock import SimulatedClock
from watchers.config import load_config
from watchers.config.values import parse_date_window

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "config" / "watches.yaml"
TODAY = datetime(2026, 11, 30, 12, tzinfo=UTC)
CONFIG = load_config(SHIPPED)
FOUNDING = {w.id: w for w in load_config(ROOT / "tests" / "fixtures" / "founding-2025.yaml").watches}


@pytest.mark.parametrize("watch", CONFIG.watches, ids=[w.id for w in CONFIG.watches])
def test_every_shipped_watch_has_a_dated_sourced_baseline_and_story(watch) -> None:  # type: ignore[no-untyped-def]
    baseline = watch.baseline
    assert baseline.as_of is not None and baseline.sources, f"{watch.id}: as_of and at least one source"
    assert all(s.startswith(("https://", "http://")) for s in baseline.sources)
    assert baseline.history, f"{watch.id}: the story to its baseline"
    for step in baseline.history:
        assert step.source or step.note, f"{watch.id}: {step.on} {step.field} says where it comes from"
        if step.field == "status" and step.was != step.to:
            assert step.source, f"{watch.id}: {step.on} {step.was} -> {step.to} names the report that told it"


def _reading(field: str, text: str | float) -> object:
    """A story step's value as the baseline holds it."""
    if field == "expected":
        return parse_date_window(str(text))
    if field == "due":
        return None if text == "none" else date.fromisoformat(str(text))
    if field in ("value", "target"):
        return float(text)
    return text


def _now(watch, field: str) -> object:  # type: ignore[no-untyped-def]
    """What the watch holds for a story step's field: a metric's due date and target are its target's."""
    baseline, target = watch.baseline, watch.target
    if field == "due":
        return baseline.due or (target.due if target else None)
    if field == "target":
        return float(target.value) if target else None
    held = {"status": baseline.status, "expected": baseline.expected, "value": baseline.value}[field]
    return float(held) if field == "value" and held is not None else held


@pytest.mark.parametrize("watch", CONFIG.watches, ids=[w.id for w in CONFIG.watches])
def test_each_story_runs_from_the_founding_to_the_baseline(watch) -> None:  # type: ignore[no-untyped-def]
    """Each step starts where the one before it (or the founding baseline) left the field, and the last step of
    each field is what the baseline holds, so /status never tells a story that ends elsewhere than 'now'."""
    founding = FOUNDING.get(watch.id)
    held: dict[str, object] = {f: _now(founding, f) for f in ("status", "expected", "due", "value")} if founding else {}
    for step in watch.baseline.history:
        if step.was is not None and held.get(step.field) is not None:
            assert _reading(step.field, step.was) == held[step.field], f"{watch.id}: {step.on} {step.field} 'was'"
        held[step.field] = _reading(step.field, step.to)
    for field in {step.field for step in watch.baseline.history}:
        assert held[field] == _now(watch, field), f"{watch.id}: the story's last {field} is not the baseline's"


def test_the_shipped_config_validates() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "validate", "--config", str(SHIPPED)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:////tmp/followup-founding-validate.db"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "OK" in done.stdout


def test_no_deadline_has_passed_without_an_alert_in_its_history(tmp_path: Path) -> None:
    """Replaying an empty feed up to today raises nothing: every passed deadline is settled in the story."""
    empty = tmp_path / "empty.xml"
    empty.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>e</title></channel></rss>')
    done = subprocess.run(
        [sys.executable, "-m", "bot", "replay", "--config", str(SHIPPED), "--until", TODAY.isoformat(), str(empty)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"alerts at a first start today: {done.stdout}"


async def test_status_tells_each_founding_watch_story_with_sources(tmp_path: Path) -> None:
    env = Environment(None, None, f"sqlite:///{tmp_path}/f.db", SHIPPED)
    member = Caller("telegram", "5", "member", "5", "private")
    async with services(env, CONFIG, clock=SimulatedClock(TODAY), rng=random.Random(1), trust_env=False) as svc:
        commands = command_service(svc)
        for watch in CONFIG.watches:
            reply = await commands.execute(member, "status", {"watch": watch.id})
            assert reply.ok, reply.text
            text = reply.text
            assert "the story to the baseline of" in text, text
            assert "missed" not in text, f"{watch.id}: a deadline passed without being settled: {text}"
            story = text.split("the story to the baseline of", 1)[1]
            assert "(" in story, f"{watch.id}: each step names its outlet or note: {story}"
