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

from watchers.config import ConfigError, load_config_text
from watchers.config.regex_safety import backtracking_problem


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
        ("poll_interval: -5", "poll_interval", "cannot be negative"),
        ("fetch: {max_bytes: -1}", "max_bytes", "between 1 byte and 1TiB"),
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
    assert "aliases expand to about" in output and "over the limit of 200,000" in output
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
        ("(a+)+$", "a repeat inside a repeat"),
        (r"(\w+\s?)*$", "a repeat inside a repeat"),
        ("(visit|visits)+", "alternatives under a repeat"),
        (r"(deal)\s+\1", "a backreference"),
    ],
)
def test_a_regex_that_backtracks_is_refused_with_why(tmp_path: Path, pattern: str, why: str) -> None:
    text = WATCH.replace("match: {any: [bridge]}", f"match: {{regex: '{pattern}'}}")
    done = validate(tmp_path, text)
    assert done.returncode == 2
    assert why in (done.stdout + done.stderr) and "Traceback" not in (done.stdout + done.stderr)


@pytest.mark.parametrize(
    "pattern", [r"\bbridge\b", r"(?i)harbou?r bridge", r"\d{4}", r"(?:opening|opens) (?:on|in)", r"[A-Z][a-z]+ bridge"]
)
def test_ordinary_regexes_are_accepted(pattern: str) -> None:
    assert backtracking_problem(pattern) is None


def test_the_refused_shape_really_explodes_and_the_check_is_instant() -> None:
    import re

    started = time.monotonic()
    assert backtracking_problem("(a+)+$") is not None
    assert time.monotonic() - started < 0.1
    slow = re.compile("(a+)+$")
    started = time.monotonic()
    slow.search("a" * 20 + "b")
    assert time.monotonic() - started > 0.01, "the refused shape costs time that doubles per character"


@pytest.mark.parametrize("variable", ["FOLLOWUP_HEALTH_MAX_POLL_AGE"])
def test_an_out_of_range_duration_in_the_environment_is_a_message(tmp_path: Path, variable: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "health"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, variable: "1000000000d", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"},
    )
    assert done.returncode == 3, done.stderr
    assert variable in done.stderr and "between 0s and 36500d" in done.stderr and "Traceback" not in done.stderr


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
