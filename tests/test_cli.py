"""The `followup` command as a user runs it: a real subprocess, a real feed server, a real SQLite file."""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from feedserver import FeedItem, FeedServer

TOKEN = "123456789:AAExampleSecretTokenThatMustNeverBeLogged_x"

VALID = """
settings:
  poll_interval: 15m
  allow_private_feeds: true
  log_level: DEBUG
watches:
  - id: soy
    title: China soybean purchases
    kind: metric
    feeds: [{feeds}]
    match: {{all: [soybeans]}}
    metric: {{unit: t}}
    baseline: {{value: 2000000, as_of: 2025-11-24}}
"""

BROKEN = """settings:
  poll_intervl: 15m
watches:
  - id: Not A Slug
    title: x
    kind: event
    feeds: [ftp://example.org/feed]
    match: {all: [x]}
    baseline: {status: planned, as_of: 2025-11-25}
"""


async def followup(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[int, str, str]:
    """Run the installed CLI in a subprocess and return (exit code, stdout, stderr)."""
    full_env = {
        k: v for k, v in os.environ.items() if not k.endswith(("_TOKEN", "_TOKEN_FILE")) and k != "DATABASE_URL"
    }
    full_env.update(env or {})
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=full_env,
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


async def test_version() -> None:
    code, out, _ = await followup("--version")
    assert code == 0 and out.startswith("followup ")


async def test_the_shipped_config_validates() -> None:
    root = Path(__file__).resolve().parent.parent
    code, out, err = await followup("validate", "--config", str(root / "config/watches.yaml"))
    assert code == 0, out + err
    assert "OK" in out


async def test_validate_names_every_problem_with_its_line(tmp_path: Path) -> None:
    config = write(tmp_path, "bad.yaml", BROKEN)
    code, out, err = await followup("validate", "--config", str(config))
    assert code == 2
    assert f"{config}:2: settings.poll_intervl: unknown key 'poll_intervl' (hint: did you mean 'poll_interval'?)" in out
    assert f"{config}:4: watches[0].id:" in out
    assert f"{config}:7: watches[0].feeds[0]:" in out and "http" in out
    assert "Traceback" not in out + err


@pytest.mark.parametrize("command", ["run", "check"])
async def test_run_and_check_refuse_an_invalid_config(tmp_path: Path, command: str) -> None:
    config = write(tmp_path, "bad.yaml", BROKEN)
    code, out, err = await followup(
        command, "--config", str(config), env={"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    )
    assert code == 2
    assert "unknown key 'poll_intervl'" in err and "refusing to start" in err
    assert "Traceback" not in out + err
    assert not (tmp_path / "x.db").exists(), "nothing is created for an invalid config"


async def test_missing_config_file_is_explained(tmp_path: Path) -> None:
    code, out, err = await followup("validate", "--config", str(tmp_path / "nope.yaml"))
    assert code == 2 and "file not found" in out


async def test_unreadable_secret_file_is_explained(tmp_path: Path) -> None:
    code, _, err = await followup("validate", env={"TELEGRAM_BOT_TOKEN_FILE": str(tmp_path / "missing")})
    assert code == 3 and "TELEGRAM_BOT_TOKEN_FILE" in err and "Traceback" not in err


async def test_bad_database_url_is_explained(tmp_path: Path) -> None:
    config = write(tmp_path, "ok.yaml", VALID.format(feeds="http://127.0.0.1:9/feed.xml"))
    code, _, err = await followup("check", "--config", str(config), env={"DATABASE_URL": "mysql://x@y/z"})
    assert code == 3 and "postgresql" in err and "Traceback" not in err


async def test_check_prints_new_entries_then_none(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.set_feed(
        "/soy.xml",
        [
            FeedItem("China buys more US soybeans", "https://news.example/soy-1"),
            FeedItem("Soybean futures rise", "https://news.example/soy-2"),
        ],
    )
    config = write(tmp_path, "ok.yaml", VALID.format(feeds=feed_server.url("/soy.xml")))
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/followup.db"}
    code, out, err = await followup("check", "--config", str(config), env=env)
    assert code == 0, err
    assert "China buys more US soybeans" in out and "https://news.example/soy-1" in out
    assert "2 new entries" in out
    code, out, err = await followup("check", "--config", str(config), env=env)
    assert code == 0, err
    assert "China buys" not in out and "0 new entries" in out

    code, out, err = await followup("check", "--config", str(config), "--watch", "nope", env=env)
    assert code == 2 and "no watch 'nope'" in err


async def test_check_reports_failing_feeds_with_exit_1_and_never_logs_the_token(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    path = f"/{TOKEN}/feed.xml"  # a token in a URL is the classic way one leaks into logs
    feed_server.set_status(path, 500)
    config = write(tmp_path, "ok.yaml", VALID.format(feeds=feed_server.url(path)))
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/followup.db", "TELEGRAM_BOT_TOKEN": TOKEN}
    code, out, err = await followup("check", "--config", str(config), env=env)
    assert code == 1
    assert "FAILED" in err and "500" in err
    assert TOKEN not in out + err
    assert "**********" in err


async def test_run_polls_and_stops_cleanly_on_sigterm(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.set_feed("/soy.xml", [FeedItem("China buys more US soybeans", "https://news.example/soy-1")])
    text = VALID.format(feeds=feed_server.url("/soy.xml")).replace("poll_interval: 15m", "poll_interval: 2s")
    config = write(tmp_path, "ok.yaml", text)  # first polls of new feeds are spread over min(60s, interval)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({"DATABASE_URL": f"sqlite:///{tmp_path}/followup.db", "TELEGRAM_BOT_TOKEN": TOKEN})
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        "--config",
        str(config),
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        # the process imports the chat libraries and migrates the database before its first poll: on a loaded
        # 2-core machine that alone has taken over 10 s, so the wait is bounded by a generous deadline, not a count
        for _ in range(900):  # 45 s at most
            if feed_server.requests_for("/soy.xml"):
                break
            await asyncio.sleep(0.05)
        assert feed_server.requests_for("/soy.xml"), "run polled the feed"
        await asyncio.sleep(0.3)
        process.terminate()
        out, err = await asyncio.wait_for(process.communicate(), timeout=20)
    finally:
        if process.returncode is None:
            process.kill()
    text = out.decode() + err.decode()
    assert process.returncode == 0, text
    assert "stopping" in text
    assert "Traceback" not in text, text[text.find("Traceback") - 300 :][:4000]
    assert TOKEN not in text


# ------------------------------------------------------------------------------------------------------------------
# Issue 12, command line: where a YAML error starts, every problem in one run, the environment checked, one line per
# failure, only the channels in use, malformed URLs masked.
# ------------------------------------------------------------------------------------------------------------------

UNCLOSED_QUOTE = """settings:
  poll_interval: 15m
watches:
  - id: "soy
    title: China soybean purchases
    kind: metric
    feeds: [http://example.org/feed.xml]
    match: {all: [soybeans]}
    metric: {unit: t}
    baseline: {value: 2000000, as_of: 2025-11-24}
"""


async def test_an_unclosed_quote_is_reported_where_it_opened(tmp_path: Path) -> None:
    config = write(tmp_path, "quote.yaml", UNCLOSED_QUOTE)
    code, out, err = await followup(
        "validate", "--config", str(config), env={"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    )
    assert code == 2, out + err
    assert out.splitlines() == [
        "1 problem in the configuration:",
        f"  {config}:4: YAML syntax error: the quote opened on line 4 is never closed (the parser reached line 11, "
        "the end of the file) (hint: close the quote on that line)",
    ]


async def test_an_unclosed_quote_that_a_later_quote_closes_is_reported_where_it_opened(tmp_path: Path) -> None:
    text = UNCLOSED_QUOTE.replace("title: China soybean purchases", 'title: "China soybean purchases"')
    config = write(tmp_path, "quote.yaml", text)
    code, out, _ = await followup(
        "validate", "--config", str(config), env={"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    )
    assert code == 2
    assert (
        f"{config}:4: YAML syntax error: the quote opened on line 4 is not closed on that line: the value runs on "
        in out
    )
    assert "to line 5, where the parser stopped" in out


async def test_an_unclosed_list_is_reported_where_it_opened(tmp_path: Path) -> None:
    text = UNCLOSED_QUOTE.replace('"soy', "soy").replace("feed.xml]", "feed.xml")
    config = write(tmp_path, "list.yaml", text)
    code, out, _ = await followup(
        "validate", "--config", str(config), env={"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    )
    assert code == 2
    assert f"{config}:7: YAML syntax error: the [ opened on line 7 is not closed: expected ',' or ']'" in out
    assert "on line 8 (hint: separate the items with commas and close it with ])" in out


MANY_PROBLEMS = """settings:
  poll_intervl: 15m
watches:
  - id: Bad Id
    title: x
    kind: event
    feeds: [http://example.org/a]
    match: {all: [x]}
    baseline: {status: planned, as_of: 2025-11-25}
  - id: soy
    title: y
    kind: metric
    feeds: [http://127.0.0.1/feed]
    match: {all: [x]}
    metric: {unit: tonnes}
    baseline: {value: 1, as_of: 2025-11-25}
  - id: soy
    title: z
    kind: event
    feeds: [http://example.org/c]
    match: {all: [x]}
    metric: {unit: t}
    baseline: {status: done, as_of: 2025-11-25}
subscriptions:
  - platform: console
    watches: [nope]
"""


async def test_validate_reports_every_problem_in_one_run(tmp_path: Path) -> None:
    """Field errors used to hide the whole-file checks (duplicate ids, unknown subscription watches, private feed
    addresses), and a watch's kind rules stopped at the first that failed."""
    config = write(tmp_path, "many.yaml", MANY_PROBLEMS)
    code, out, err = await followup(
        "validate", "--config", str(config), env={"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    )
    assert code == 2, out + err
    lines = out.splitlines()
    assert lines[0] == "7 problems in the configuration:", out
    expected = [
        f"{config}:2: settings.poll_intervl: unknown key 'poll_intervl'",
        f"{config}:4: watches[0].id: 'Bad Id' is not a usable id",
        f"{config}:13: watches[1].feeds[0]: watch 'soy': 127.0.0.1 is a loopback address",
        f"{config}:15: watches[1].metric.unit: unit 'tonnes' is unknown; use t, bu, usd, count or percent",
        f"{config}:17: watches[2]: metric: only applies to metric watches, not to an event; baseline.status 'done' is "
        "not a status of an event watch",
        f"{config}:17: watches[2].id: watch id 'soy' is used twice (first on line 10); ids must be unique",
        f"{config}:26: subscriptions[0].watches: names unknown watches nope",
    ]
    for line, start in zip(lines[1:], expected, strict=True):
        assert line.strip().startswith(start), (line, start)


async def test_a_wrong_unit_lists_the_units_and_what_they_mean(tmp_path: Path) -> None:
    config = write(tmp_path, "unit.yaml", VALID.format(feeds="http://127.0.0.1:9/f.xml").replace("unit: t", "unit: kg"))
    code, out, _ = await followup(
        "validate", "--config", str(config), env={"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    )
    assert code == 2
    assert (
        "metric.unit: unit 'kg' is unknown; use t, bu, usd, count or percent (hint: t = metric tons (tonnes, kg" in out
    )
    assert "bu = bushels" in out and "usd = US dollars" in out and "count = a plain number" in out


async def test_validate_reports_an_unreachable_database_without_its_password(tmp_path: Path) -> None:
    config = write(tmp_path, "ok.yaml", VALID.format(feeds="http://127.0.0.1:9/feed.xml"))
    env = {"DATABASE_URL": "postgresql://u:secret@127.0.0.1:1/x"}
    code, out, err = await followup("validate", "--config", str(config), env=env)
    assert code == 3, out + err
    assert out.startswith("environment: cannot connect to the database postgresql://u:***@127.0.0.1:1/x: "), out
    assert "Connection refused" in out and "OK" not in out
    assert "secret" not in out + err and "Traceback" not in out + err

    broken = write(tmp_path, "bad.yaml", BROKEN)  # config problems and the environment, both in one run: exit 2
    code, out, err = await followup("validate", "--config", str(broken), env=env)
    assert code == 2 and "unknown key 'poll_intervl'" in out and "cannot connect to the database" in out
    assert "secret" not in out + err


async def test_validate_connects_to_a_reachable_postgresql(tmp_path: Path, postgres_url: str) -> None:
    config = write(tmp_path, "ok.yaml", VALID.format(feeds="http://127.0.0.1:9/feed.xml"))
    code, out, err = await followup("validate", "--config", str(config), env={"DATABASE_URL": postgres_url})
    assert code == 0, out + err
    assert out.strip() == f"{config}: OK — 1 watch, 1 feed; database {postgres_url} reachable"


async def test_validate_checks_where_the_sqlite_database_goes_and_creates_nothing(tmp_path: Path) -> None:
    config = write(tmp_path, "ok.yaml", VALID.format(feeds="http://127.0.0.1:9/feed.xml"))
    code, out, _ = await followup("validate", "--config", str(config), env={"DATABASE_URL": f"sqlite:///{config}/x.db"})
    assert code == 3
    assert out.strip() == f"environment: cannot use the database sqlite:///{config}/x.db: {config} is not a directory"
    deeper = f"sqlite:///{config}/sub/x.db"
    code, out, _ = await followup("validate", "--config", str(config), env={"DATABASE_URL": deeper})
    assert code == 3 and out.strip().endswith(f": cannot create {config}/sub: {config} is not a directory")
    url = f"sqlite:///{tmp_path}/data/followup.db"
    code, out, _ = await followup("validate", "--config", str(config), env={"DATABASE_URL": url})
    assert code == 0 and f"database {url} can be created" in out
    assert not (tmp_path / "data").exists(), "validate creates nothing"


async def test_a_malformed_database_url_is_shown_with_its_password_masked(tmp_path: Path) -> None:
    config = write(tmp_path, "ok.yaml", VALID.format(feeds="http://127.0.0.1:9/feed.xml"))
    env = {"DATABASE_URL": "postgresql//followup:hunter2@db.example:5432/followup"}
    code, out, err = await followup("validate", "--config", str(config), env=env)
    assert code == 3
    assert "DATABASE_URL 'postgresql//followup:***@db.example:5432/followup' is not a database URL" in out
    code, out, err = await followup("check", "--config", str(config), env=env)
    assert code == 3 and "'postgresql//followup:***@db.example:5432/followup'" in err
    assert "unparsable" not in out + err and "hunter2" not in out + err


async def test_check_prints_each_feed_failure_once(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.set_status("/gone.xml", 404)
    url = feed_server.url("/gone.xml")
    config = write(tmp_path, "ok.yaml", VALID.format(feeds=url).replace("log_level: DEBUG", "log_level: INFO"))
    code, out, err = await followup(
        "check", "--config", str(config), env={"DATABASE_URL": f"sqlite:///{tmp_path}/f.db"}
    )
    assert code == 1, out + err
    failures = [line for line in err.splitlines() if "/gone.xml" in line]
    assert len(failures) == 1 and failures[0].count(url) == 1, err
    assert failures[0].startswith(f"FAILED {url}: http: answered HTTP 404 Not Found: the feed URL does not exist")
    assert "1 feed polled, 0 new entries, 0 unchanged, 1 failed" in out

    # a refused connection: the reason, without "fetching URL failed" around it
    down = write(tmp_path, "down.yaml", VALID.format(feeds="http://127.0.0.1:9/feed.xml").replace("DEBUG", "INFO"))
    code, out, err = await followup("check", "--config", str(down), env={"DATABASE_URL": f"sqlite:///{tmp_path}/f.db"})
    assert code == 1
    failures = [line for line in err.splitlines() if "127.0.0.1:9" in line]
    assert len(failures) == 1 and failures[0].startswith("FAILED http://127.0.0.1:9/feed.xml: network: "), err
    assert "fetching" not in failures[0]


@pytest.mark.parametrize(
    ("subscriptions", "delivering"),
    [
        ("", "delivering to console, database"),  # no token, none declared: the console gets every watch
        (
            "subscriptions:\n  - {platform: webhook, target: 'https://discord.com/api/webhooks/1/x'}\n",
            "delivering to webhook, database",
        ),
    ],
)
async def test_the_start_log_names_only_the_channels_in_use(
    tmp_path: Path, feed_server: FeedServer, subscriptions: str, delivering: str
) -> None:
    from run_helpers import Bot, bot_env, wait_until

    feed_server.set_feed("/soy.xml", [])
    config = write(tmp_path, "ok.yaml", VALID.format(feeds=feed_server.url("/soy.xml")) + subscriptions)
    bot = await Bot.start("run", "--config", str(config), env=bot_env(tmp_path / "f.db"), log_path=tmp_path / "log")
    try:
        assert await wait_until(lambda: "followup is running" in bot.log(), 30), bot.log()
    finally:
        await bot.stop()
    started = next(line for line in bot.log().splitlines() if "followup is running" in line)
    assert delivering in started, started


async def test_check_says_what_a_first_poll_did_to_a_watch(tmp_path: Path, feed_server: FeedServer) -> None:
    """A first poll moves a baseline without alerting (seeding); check says so instead of doing it silently."""
    feed_server.set_feed(
        "/soy.xml",
        [
            FeedItem(
                "China has bought 9 million tons of US soybeans",
                "https://news.example/soy-9",
                summary="China has bought 9 million metric tons of US soybeans so far, traders said.",
                published=datetime.now(UTC) - timedelta(days=1),
            )
        ],
    )
    config = write(tmp_path, "ok.yaml", VALID.format(feeds=feed_server.url("/soy.xml")))
    code, out, err = await followup(
        "check", "--config", str(config), env={"DATABASE_URL": f"sqlite:///{tmp_path}/f.db"}
    )
    assert code == 0, err
    assert "soy: value 2 million t -> 9 million t (no alert: first poll of its feed)" in out, out
