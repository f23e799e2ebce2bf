"""Hostile configs and environment: each gets a clear message and an exit code, in bounded time and memory.

Runs the real `followup` command line as a user would. Every case is bounded by a timeout, and the alias bomb by that
one child process's own peak memory, read by the child itself from `VmHWM` in /proc/self/status as it exits. rusage
cannot measure it: on Linux a child's `ru_maxrss` keeps the high-water mark of the image it forked from (the test
process, hundreds of MB late in a suite) across exec, and the `RUSAGE_CHILDREN` maximum covers every earlier child
too. A regression shows as a failure here, not as a hung CI.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bounds import Bounds

from watchers.config import ConfigError, load_config_text
from watchers.config.regex_safety import linear_problem

# Bounds (tests/bounds.py):
# Most cases run `followup validate` as a subprocess (2-4 s of start-up on a loaded 2-core machine); the
# in-process ones (chat's /import of the alias bomb) peak near 21 MiB. A bomb that expanded would take minutes and GiB.
BOUNDS = Bounds(seconds=30, mib=96)


def validate(tmp_path: Path, text: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "watches.yaml"
    config.write_text(text)
    return subprocess.run(
        [sys.executable, "-m", "bot", "validate", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )


WATCH = """
watches:
  - id: w
    title: Bridge opening
    kind: event
    feeds: [{url: "https://example.com/feed.xml"}]
    match: {any: [bridge]}
    baseline: {status: planned, expected: 2031-04, as_of: 2031-01-01}
"""


@pytest.mark.parametrize(
    ("settings", "key", "says"),
    [
        ("poll_interval: 1000000000d", "poll_interval", "between 0s and 36500d"),
        ("max_entry_age: 99999999999999999999999w", "max_entry_age", "between 0s and 36500d"),
        ("poll_interval: -5", "poll_interval", "cannot be negative (the range is 0s to 36500d)"),
        ("fetch: {max_bytes: -1}", "max_bytes", "between 1 byte and 1TiB"),
        ("fetch: {max_bytes: 2TiB}", "max_bytes", "between 1 byte and 1TiB"),
        ("fetch: {max_bytes: 0}", "max_bytes", "between 1 byte and 1TiB"),
        ("fetch: {total_timeout: .inf}", "total_timeout", "between 0s and 36500d"),
    ],
)
def test_out_of_range_durations_and_sizes_name_the_key_and_the_range(
    tmp_path: Path, settings: str, key: str, says: str
) -> None:
    done = validate(tmp_path, "settings:\n  " + settings + "\n" + WATCH)
    assert done.returncode == 2, done.stdout + (done.stdout + done.stderr)
    assert key in (done.stdout + done.stderr) and says in (done.stdout + done.stderr), done.stdout + done.stderr
    assert "Traceback" not in (done.stdout + done.stderr)


def test_a_number_with_thousands_of_digits_is_a_message(tmp_path: Path) -> None:
    done = validate(tmp_path, "settings:\n  max_consecutive_failures: " + "1" * 5000 + "\n" + WATCH)
    assert done.returncode == 2
    assert "a number has too many digits" in (done.stdout + done.stderr) and "Traceback" not in (
        done.stdout + done.stderr
    )


def test_an_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    text = "\n".join(lines) + "\n" + WATCH
    assert len(text) < 1000  # 600 bytes of YAML that would expand to 9^9 values
    config = tmp_path / "watches.yaml"
    config.write_text(text)
    peak_file = tmp_path / "peak.txt"
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", PEAK_REPORTING_RUN, str(peak_file), "validate", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    elapsed = time.monotonic() - started
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert "aliases expand to more than 2,000,000 values" in output and "over the limit of 200,000" in output
    assert elapsed < 30, elapsed
    peak_kib = int(peak_file.read_text())
    assert peak_kib < 400 * 1024, peak_kib


# Runs `python -m bot <args>` and, as the interpreter exits, writes this process's own peak resident memory (VmHWM,
# which exec resets, unlike rusage's ru_maxrss) in KiB to the file named by the first argument.
PEAK_REPORTING_RUN = """
import atexit, runpy, sys
peak_path = sys.argv.pop(1)
def report_peak():
    with open('/proc/self/status') as status:
        peak = next(line.split()[1] for line in status if line.startswith('VmHWM:'))
    with open(peak_path, 'w') as out:
        out.write(peak)
atexit.register(report_peak)
sys.argv[0] = 'bot'
runpy.run_module('bot', run_name='__main__', alter_sys=True)
"""


async def test_chats_import_refuses_the_alias_bomb_too(tmp_path: Path) -> None:
    """`/import` reads an uploaded file with the same loader, so the same budget stops it before it expands."""
    from command_fixtures import caller_for, command_world

    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"{name}: &{name} [" + ", ".join([f"*{'abcdefghi'[i]}"] * 9) + "]" for i, name in enumerate("bcdefghi")]
    upload = ("\n".join(lines) + "\n" + WATCH).encode()
    async with command_world(f"sqlite:///{tmp_path}/c.db") as world:
        started = time.process_time()
        reply = await world.service.execute(caller_for("telegram", "owner", "private"), "import", {}, attachment=upload)
        cpu = time.process_time() - started
    assert not reply.ok and "aliases expand to more than 2,000,000 values" in reply.text, reply.text
    assert cpu < 2.0, cpu


def test_a_few_plain_aliases_still_load() -> None:
    text = """
defaults: &terms [bridge, crossing]
watches:
  - id: w
    title: Bridge opening
    kind: event
    feeds: [{url: "https://example.com/feed.xml"}]
    match: {any: *terms}
    baseline: {status: planned, expected: 2031-04, as_of: 2031-01-01}
"""
    with pytest.raises(ConfigError, match="defaults"):  # an unknown top-level key, said as such: aliases work
        load_config_text(text)


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        (r"(deal)\s+\1", "a backreference"),
        (r"visit(?=s)", "a lookahead or lookbehind"),
        (r"(?<!state )visit", "a lookahead or lookbehind"),
    ],
)
def test_a_regex_that_needs_backtracking_is_refused_with_why(tmp_path: Path, pattern: str, why: str) -> None:
    text = WATCH.replace("match: {any: [bridge]}", f"match: {{regex: '{pattern}'}}")
    done = validate(tmp_path, text)
    assert done.returncode == 2
    out = done.stdout + done.stderr
    assert why in out and "Traceback" not in out and "re2.cc" not in out  # said to the admin, no engine log


# Shapes that make a backtracking engine explode, each measured with Python's re on crafted text no longer than a
# title and summary: "(a+)+$" doubles per character (4 s at 26); "(a?){22}a{22}" 0.34 s on 22 characters, doubling;
# ".*.*.*.*=" 41 s on 300; "\s*\s*\s*x" 6.2 s on 400 spaces; "Apple.*(iPhone|iPad).*launch" 2.0 s on 4,400. User
# regexes run on RE2 (linear time), so each is accepted and costs microseconds on the same text.
EXPLOSIVE = [
    (r"(a+)+$", "a" * 4_000 + "b"),
    (r"(\w+\s?)*$", "word " * 800 + "!"),
    (r"(visit|visits)+x", "visits" * 700),
    (r"(a?){22}a{22}", "a" * 22),
    (r".*.*.*.*=", "x" * 4_000),
    (r"\s*\s*\s*x", " " * 4_000),
    (r"Apple.*(iPhone|iPad).*launch", "Apple " + "iPhone " * 600),
]


@pytest.mark.parametrize(("pattern", "text"), EXPLOSIVE)
def test_a_regex_runs_in_linear_time_whatever_its_shape(tmp_path: Path, pattern: str, text: str) -> None:
    from watchers.extract.matching import MatchRules

    body = WATCH.replace("match: {any: [bridge]}", f"match: {{regex: '{pattern}'}}")
    assert validate(tmp_path, body).returncode == 0
    rules = MatchRules(regex=pattern)
    started = time.process_time()
    for _ in range(10):
        rules.matches_text(text, text.lower())
    assert time.process_time() - started < 0.5, "ten matches of a 4,000-character text stay far under a second"


@pytest.mark.parametrize(
    "pattern", [r"\bbridge\b", r"(?i)harbou?r bridge", r"\d{4}", r"(?:opening|opens) (?:on|in)", r"[A-Z][a-z]+ bridge"]
)
def test_ordinary_regexes_are_accepted_and_match_case_insensitively(pattern: str) -> None:
    from watchers.config.regex_safety import compile_linear

    assert linear_problem(pattern) is None
    assert compile_linear(r"harbour bridge").search("HARBOUR BRIDGE opens") is not None


def test_the_backtracking_engine_really_explodes_where_re2_does_not() -> None:
    import re

    from watchers.extract.matching import MatchRules

    text = "a" * 22 + "b"
    slow = re.compile("(a+)+$")
    started = time.monotonic()
    slow.search(text)
    backtracking = time.monotonic() - started
    started = time.monotonic()
    MatchRules(regex="(a+)+$").matches_text(text, text)
    linear = time.monotonic() - started
    assert backtracking > 0.01 and linear < backtracking / 10


@pytest.mark.parametrize(
    ("variable", "value", "command", "says"),
    [
        ("FOLLOWUP_HEALTH_MAX_POLL_AGE", "1000000000d", "health", "between 0s and 36500d"),
        ("FOLLOWUP_HEALTH_MAX_POLL_AGE", "1" * 5000, "health", "between 0s and 36500d"),
        ("FOLLOWUP_SHUTDOWN_TIMEOUT", "1000000000d", "run", "between 1s and 1h"),
        ("FOLLOWUP_SHUTDOWN_TIMEOUT", "1" * 5000, "run", "between 1s and 1h"),
        ("FOLLOWUP_SHUTDOWN_TIMEOUT", "2h", "run", "between 1s and 1h"),
    ],
)
def test_an_out_of_range_duration_in_the_environment_is_a_message(
    tmp_path: Path, variable: str, value: str, command: str, says: str
) -> None:
    """Exit 3 (an unusable environment, as the README promises) with the variable and its range; `run` stops there,
    before opening anything."""
    config = tmp_path / "watches.yaml"
    config.write_text(WATCH)
    done = subprocess.run(
        [sys.executable, "-m", "bot", command, "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, variable: value, "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"},
    )
    assert done.returncode == 3, done.stderr
    assert variable in done.stderr and says in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr) < 500, "the value is shown shortened"


METRIC = """
watches:
  - id: m
    title: Soybean purchases
    kind: metric
    feeds: [{url: "https://example.com/feed.xml"}]
    match: {any: [soybean]}
    metric: {unit: t, min_change: MIN}
    target: {value: TARGET, due: 2031-12}
    baseline: {value: VALUE, as_of: 2031-01-01}
"""


@pytest.mark.parametrize(
    ("text", "key", "says"),
    [
        # validated, then the first store crashed: "Python int too large to convert to SQLite INTEGER"
        (
            WATCH + "subscriptions: [{platform: telegram, target: '-1001', thread: 99999999999999999999999}]\n",
            "subscriptions[0].thread",
            "less than or equal to 9223372036854775807",
        ),
        (WATCH + "owners: {telegram: [99999999999999999999999999]}\n", "owners.telegram[0]", "less than or equal to"),
        (WATCH + "owners: {discord: [0]}\n", "owners.discord[0]", "greater than or equal to 1"),
        (METRIC.replace("VALUE", ".nan"), "baseline.value", "finite number"),
        (METRIC.replace("VALUE", ".inf"), "baseline.value", "finite number"),
        (METRIC.replace("TARGET", "1e300"), "target.value", "less than or equal to 1000000000000000"),
        (METRIC.replace("MIN", ".inf"), "min_change.absolute", "finite number"),
    ],
)
def test_ids_and_figures_out_of_range_name_the_key(text: str, key: str, says: str) -> None:
    text = text.replace("VALUE", "5").replace("TARGET", "100").replace("MIN", "1%")
    with pytest.raises(ConfigError) as caught:
        load_config_text(text)
    message = caught.value.format()
    assert key in message and says in message, message


def test_chat_whole_numbers_are_a_reply_not_a_traceback() -> None:
    """`replay` days (2,000 characters at most reach a command): a superscript digit or thousands of digits."""
    from bot.commands.context import CommandProblem
    from bot.commands.values import whole

    for raw in ("\u00b2", "1" * 1999, "\u0663", "0", "366"):
        with pytest.raises(CommandProblem, match="is a whole number from 1 to 365"):
            whole(raw, what="days", low=1, high=365, example="/replay w 30")
    assert whole(" 30 ", what="days", low=1, high=365, example="/replay w 30") == 30


async def test_chat_feed_remove_by_a_number_that_is_no_number_is_a_reply(tmp_path: Path) -> None:
    from command_fixtures import caller_for, command_world
    from command_scenarios import TRUMP

    async with command_world(f"sqlite:///{tmp_path}/c.db") as world:
        caller = caller_for("telegram", "admin", "private")
        for raw in ("\u00b2", "9" * 1999):
            reply = await world.service.execute(caller, "feed remove", {"watch": TRUMP, "feed": raw})
            assert not reply.ok and "does not read" in reply.text, reply.text


def test_chat_durations_out_of_range_are_a_reply_not_a_traceback() -> None:
    from bot.commands.context import CommandProblem
    from bot.commands.values import duration

    for raw in ("1000000000d", "99999999999w"):
        with pytest.raises(CommandProblem, match="longer than the limit of"):
            duration(raw, what="mute")
    with pytest.raises(CommandProblem, match="is not a duration"):
        duration("inf", what="mute")


@pytest.mark.parametrize(("due", "day"), [("2031", "2031-12-31"), ("2031-Q2", "2031-06-30"), ("2031-06", "2031-06-30")])
def test_a_due_date_given_as_a_window_is_due_on_its_last_day(due: str, day: str) -> None:
    text = (
        "watches:\n  - id: t\n    title: Test deal\n    kind: agreement\n    match: {any: [deal]}\n"
        f"    baseline: {{status: agreed, due: {due}, as_of: 2031-01-10}}\n"
    )
    (watch,) = load_config_text(text).watches
    assert watch.baseline.due is not None and watch.baseline.due.isoformat() == day


def test_a_date_that_does_not_exist_is_named_as_a_date_problem() -> None:
    text = (
        "watches:\n  - id: t\n    title: Test deal\n    kind: agreement\n    match: {any: [deal]}\n"
        "    baseline: {status: agreed, due: 2031-13-01, as_of: 2031-01-10}\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_config_text(text)
    assert "not a valid one" in str(caught.value) and "too many digits" not in str(caught.value)
