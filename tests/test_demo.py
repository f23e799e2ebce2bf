"""`followup demo`: the scripted story's alerts come out of the real pipeline, offline, on the console only."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.demo import build_story, demo_config_text
from watchers.config import load_config_text
from watchers.tracking.engine import EntryInput
from watchers.tracking.replay import build_engine

DEAD_PROXY = "http://127.0.0.1:9"  # discard port: anything sent through a proxy fails, so the feed must go direct


@pytest.mark.parametrize("day", ["2026-11-22", "2026-12-31", "2027-01-31", "2028-02-29", "2026-06-30"])
def test_the_demo_config_is_valid_and_dated_from_the_day_it_runs(day: str) -> None:
    story = build_story(datetime.fromisoformat(f"{day}T23:30:00+00:00"))
    config = load_config_text(demo_config_text(story, "http://127.0.0.1:8080/story.xml", poll_seconds=3))
    assert [w.id for w in config.watches] == [
        "trump-beijing-visit",
        "us-china-rare-earths-deal",
        "china-us-soybean-purchases",
    ]
    assert config.settings.allow_private_feeds
    assert [(s.platform, s.target) for s in config.subscriptions] == [("console", "stdout")]
    today = story.start.date()
    assert story.as_of < story.start
    assert story.visit_month > today and story.deal_due > today
    assert 30 <= (story.soybeans_due - today).days <= 62
    soybeans = config.watch("china-us-soybean-purchases")
    assert soybeans is not None and soybeans.target is not None
    assert soybeans.target.value == 12_000_000


@pytest.mark.parametrize("white_house_first", [True, False])
def test_the_white_house_dates_and_their_confirmation_alert_in_either_order(white_house_first: bool) -> None:
    """The White House's "to travel ... May 14-15" and AP's "White House confirms ... May 14-15" arrive within
    seconds, the day after the baseline; whichever the poll reads first, the confirmation is news. (A rule that the
    baseline's own schedule carried again within two days confirms nothing once swallowed it when the days came
    first: the days were new since the baseline, not its own.)"""
    story = build_story(datetime(2026, 12, 1, 2, 0, tzinfo=UTC))
    config = load_config_text(demo_config_text(story, "http://127.0.0.1:8080/story.xml", poll_seconds=3))
    engine = build_engine(config)
    states = engine.initial_states()
    days, confirms = (r for r in story.reports if "14-15" in r.title)
    alerts = []
    for report in (days, confirms) if white_house_first else (confirms, days):
        entry = EntryInput(report.link, report.title, report.summary, report.link, story.start)
        alerts += engine.process_entry(states, entry, story.start, seeding=False).alerts
    assert ("status", "confirmed") in [(a.kind, a.new) for a in alerts]
    assert states["trump-beijing-visit"].status == "confirmed"


@pytest.mark.slow
def test_demo_prints_the_story_alerts_offline_ignoring_tokens_database_and_proxies(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    user_db = tmp_path / "user.db"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "TMPDIR": str(temp),
        "PYTHONUNBUFFERED": "1",
        # all of these must be ignored by the demo:
        "TELEGRAM_BOT_TOKEN": "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
        "DISCORD_BOT_TOKEN": "not-a-real-discord-token",
        "DATABASE_URL": f"sqlite:///{user_db}",
        "FOLLOWUP_CONFIG": str(tmp_path / "missing.yaml"),
        "HTTP_PROXY": DEAD_PROXY,
        "HTTPS_PROXY": DEAD_PROXY,
        "ALL_PROXY": DEAD_PROXY,
        "http_proxy": DEAD_PROXY,
        "NO_PROXY": "",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "demo", "--speed", "8"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,  # a hang guard only: the demo stops by itself when the story is told
        check=False,
    )
    out, err = done.stdout, done.stderr
    assert done.returncode == 0, f"exit {done.returncode}\nstdout:\n{out}\nstderr:\n{err}"
    assert "Traceback" not in err, err

    text = "\n\n".join(alert_blocks(out))
    for expected in (
        "3.1 million metric tons (was 2 million metric tons)",
        "4.6 million metric tons (was 3.1 million metric tons)",
        "6.2 million metric tons (was 4.6 million metric tons)",
        "US-China rare earths deal: now agreed (was pending)",
        "US-China rare earths deal: now signed (was agreed)",
        "Trump's visit to Beijing: now confirmed (was planned)",
    ):
        assert expected in text, f"missing alert {expected!r} in:\n{out}"
    assert "Brazil" not in text, "the Brazilian exports report must not move the soybean watch"
    assert text.count("4.6 million metric tons (was") == 1, "one alert per change"

    summary = out.rstrip().splitlines()[-1]
    assert summary.startswith("followup demo finished: 10 scripted reports"), summary
    assert "temporary database deleted" in summary

    assert "telegram" not in err.lower() and "discord" not in err.lower(), err
    assert not user_db.exists(), "the configured database must not be touched"
    assert not (tmp_path / "data").exists(), "the default database must not be created"
    assert list(temp.iterdir()) == [], "the demo's temporary database must be deleted"


def alert_blocks(out: str) -> list[str]:
    """What the console channel printed: each block runs from its "── kind ──" line to the next blank line
    (the narrator's "· outlet publishes" lines come in between)."""
    blocks: list[list[str]] = []
    inside = False
    for line in out.splitlines():
        if line.startswith("── "):
            blocks.append([line])
            inside = True
        elif inside and line.strip():
            blocks[-1].append(line)
        else:
            inside = False
    return ["\n".join(block) for block in blocks]


def test_demo_rejects_a_silly_speed(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "demo", "--speed", "0"],
        cwd=tmp_path,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "speed must be between" in done.stderr


def test_story_is_in_order_and_told_by_several_outlets() -> None:
    """Corroboration and dedupe are only visible when several outlets report, some of them the same change."""
    start = datetime(2026, 11, 22, 5, 0, tzinfo=UTC)
    story = build_story(start)
    assert len(story.reports) == 10
    assert [r.at for r in story.reports] == sorted(r.at for r in story.reports)
    outlets = {r.outlet for r in story.reports}
    assert len(outlets) >= 5, "corroboration needs several outlets"
