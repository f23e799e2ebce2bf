"""`followup health`: the real command against fresh, running, stopped and broken deployments, and the rules
of its checks (start-up grace, stale heartbeat, poll age, no feeds) on real heartbeats."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from feedserver import FeedServer
from run_helpers import REPO, Bot, bot_env, config_yaml, old_item, wait_until, watch_yaml

from bot.health import check_database, max_poll_age_override, runtime_checks
from bot.heartbeat import Heartbeat, HeartbeatError, heartbeat_path, read_heartbeat, write_heartbeat
from watchers.store.database import Database, parse_database_url


def health(env: dict[str, str]) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "health"], env=env, cwd=REPO, capture_output=True, text=True, timeout=60
    )
    return done.returncode, done.stdout, done.stderr


def test_a_fresh_data_volume_is_not_running_and_stays_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, out, err = health(bot_env(data / "followup.db"))
    assert code == 1, out + err
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["database", "scheduler", "polling"], out
    assert f"scheduler: FAILED — not running (no heartbeat at {data / 'followup.heartbeat.json'})" in out
    assert "no database at" in lines[0]
    assert not data.exists(), "health must not create the database or its directory"
    assert "Traceback" not in err


def test_an_unreachable_database_exits_3(tmp_path: Path) -> None:
    env = bot_env(tmp_path / "x.db", DATABASE_URL="postgresql://followup:hunter2secret@127.0.0.1:1/followup")
    code, out, err = health(env)
    assert code == 3, out + err
    assert "database: FAILED — unreachable: postgresql://followup:***@127.0.0.1:1/followup: " in out
    assert (out + err).count("Connection refused") == 1 and err == "", "the failure is said once, on its check line"
    assert "hunter2secret" not in out + err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "is not a followup heartbeat"), (None, "cannot be read (Is a directory)")],
)
def test_an_unreadable_heartbeat_is_a_clear_failure(tmp_path: Path, content: str | None, message: str) -> None:
    beat = tmp_path / "beat.json"
    if content is None:
        beat.mkdir()
    else:
        beat.write_text(content)
    code, out, err = health(bot_env(tmp_path / "f.db", FOLLOWUP_HEARTBEAT_FILE=str(beat)))
    assert code == 1, out + err
    assert f"scheduler: FAILED — heartbeat file {beat} {message}" in out
    assert "Traceback" not in err


def test_a_bad_max_poll_age_exits_3(tmp_path: Path) -> None:
    code, out, err = health(bot_env(tmp_path / "f.db", FOLLOWUP_HEALTH_MAX_POLL_AGE="a while"))
    assert code == 3 and "FOLLOWUP_HEALTH_MAX_POLL_AGE='a while'" in err and "Traceback" not in err


async def test_healthy_while_running_unhealthy_once_stopped(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.set_feed("/soy.xml", [old_item()])
    config = tmp_path / "followup.yaml"
    config.write_text(config_yaml([watch_yaml("soy", feed_server.url("/soy.xml"))]))
    db_path = tmp_path / "data" / "followup.db"
    env = bot_env(db_path)
    beat_path = heartbeat_path(f"sqlite:///{db_path}", {})
    bot = await Bot.start("run", "--config", str(config), env=env, log_path=tmp_path / "bot.log")
    try:

        def polled() -> bool:
            try:
                beat = read_heartbeat(beat_path)
            except HeartbeatError:
                return False
            return beat is not None and beat.last_successful_poll is not None

        assert await wait_until(polled, 40), bot.log()
        code, out, err = await asyncio.to_thread(health, env)
        assert code == 0, out + err
        assert [line.split(" — ")[0] for line in out.splitlines()] == ["database: ok", "scheduler: ok", "polling: ok"]
        assert "last successful poll" in out
        bot.signal(signal.SIGTERM)
        assert await bot.wait(30) == 0, bot.log()
    finally:
        await bot.stop()
    code, out, _ = await asyncio.to_thread(health, env)
    assert code == 1 and "scheduler: FAILED — not running (pid" in out and "stopped" in out, out

    # the same database one migration behind: the schema check fails
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0004'")
    check = check_database(parse_database_url(f"sqlite:///{db_path}"))
    assert not check.ok and "schema is at 0004" in check.detail


async def test_a_migrated_database_passes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'f.db'}"
    db = Database(url)
    await db.migrate()
    await db.dispose()
    check = check_database(parse_database_url(url))
    assert check.ok, check


NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
BEAT = Heartbeat(
    pid=4242,
    started_at=NOW - timedelta(hours=2),
    updated_at=NOW - timedelta(seconds=3),
    feeds=3,
    max_poll_age_seconds=1800,
    last_tick=NOW - timedelta(seconds=1),
    last_successful_poll=NOW - timedelta(minutes=10),
)


def verdicts(beat: Heartbeat, override: timedelta | None = None) -> dict[str, str]:
    checks = runtime_checks(beat, NOW, where="f", max_poll_age=override)
    return {c.name: ("ok" if c.ok else "FAILED") + " — " + c.detail for c in checks}


def test_heartbeat_rules(tmp_path: Path) -> None:
    path = tmp_path / "beat.json"
    write_heartbeat(path, BEAT)
    assert read_heartbeat(path) == BEAT  # the file round-trips
    assert verdicts(BEAT) == {
        "scheduler": "ok — pid 4242, up 2h00m, last poll tick 1s ago",
        "polling": "ok — last successful poll 10m00s ago (limit 30m00s)",
    }
    stale = replace(BEAT, updated_at=NOW - timedelta(minutes=5))
    assert verdicts(stale)["scheduler"].startswith("FAILED — not running (the heartbeat of pid 4242 is 5m00s old")
    stuck = replace(BEAT, last_tick=NOW - timedelta(minutes=3), last_tick_error="OperationalError: disk I/O error")
    assert verdicts(stuck)["scheduler"] == (
        "FAILED — pid 4242, up 2h00m, the last poll tick completed 3m00s ago; "
        "last error: OperationalError: disk I/O error"
    )
    long_tick = replace(BEAT, last_tick=NOW - timedelta(minutes=3), tick_running_since=NOW - timedelta(seconds=40))
    assert verdicts(long_tick)["scheduler"].startswith("ok — ")
    old_poll = replace(BEAT, last_successful_poll=NOW - timedelta(minutes=45))
    assert verdicts(old_poll)["polling"] == "FAILED — last successful poll 45m00s ago (limit 30m00s)"
    assert verdicts(old_poll, timedelta(hours=1))["polling"].startswith("ok — ")  # FOLLOWUP_HEALTH_MAX_POLL_AGE
    assert verdicts(replace(old_poll, feeds=0))["polling"] == "ok — no feeds configured"
    starting = replace(BEAT, started_at=NOW - timedelta(seconds=20), last_tick=None, last_successful_poll=None)
    assert verdicts(starting) == {
        "scheduler": "ok — pid 4242, up 20s, starting",
        "polling": "ok — not yet polled (started 20s ago; limit 30m00s)",
    }
    never = replace(starting, started_at=NOW - timedelta(hours=1), last_tick=NOW)
    assert verdicts(never)["polling"] == "FAILED — no successful poll since the start 1h00m ago (limit 30m00s)"


def test_max_poll_age_values() -> None:
    assert max_poll_age_override({}) is None
    assert max_poll_age_override({"FOLLOWUP_HEALTH_MAX_POLL_AGE": "45m"}) == timedelta(minutes=45)
    assert max_poll_age_override({"FOLLOWUP_HEALTH_MAX_POLL_AGE": "3600"}) == timedelta(hours=1)
    for bad in ("0", "-1m", "soon"):
        with pytest.raises(ValueError, match="FOLLOWUP_HEALTH_MAX_POLL_AGE"):
            max_poll_age_override({"FOLLOWUP_HEALTH_MAX_POLL_AGE": bad})


def test_heartbeat_path_defaults() -> None:
    assert heartbeat_path("sqlite:////data/followup.db", {}) == Path("/data/followup.heartbeat.json")
    assert heartbeat_path("postgresql://u:p@db/followup", {}).name == "followup-heartbeat.json"
    assert heartbeat_path("sqlite:////data/f.db", {"FOLLOWUP_HEARTBEAT_FILE": "/run/hb.json"}) == Path("/run/hb.json")
