"""Alert quality on the labelled fixture stream: precision and recall of `followup replay` against the labels.

The stream (tests/fixtures/stream) is 129 entries from seven outlets over seven months, written to contain the
traps that make keyword alerting useless: repeated coverage, rumours and denials, moving deadlines, resurfaced
old stories, targets versus totals, other countries and crops, conflicting figures. The shipped config is used
unchanged, so this also checks that the founding watches behave.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from quality import load_labels, score

ROOT = Path(__file__).resolve().parent.parent
STREAM = ROOT / "tests" / "fixtures" / "stream"
TARGET = 0.95


def replay_stream() -> list[dict[str, object]]:
    feeds = sorted(str(p) for p in STREAM.glob("*.xml"))
    done = subprocess.run(
        [sys.executable, "-m", "bot", "replay", "--config", str(ROOT / "config" / "watches.yaml"), *feeds],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def test_replay_prints_alerts_in_the_documented_format() -> None:
    alerts = replay_stream()
    assert alerts
    for alert in alerts:
        assert list(alert) == ["watch", "kind", "at", "old", "new", "confidence", "sources", "text", "state"]
        assert set(alert["state"]) >= {"status", "expected", "due", "value", "target", "target_reached"}
        assert alert["kind"] in {"status", "date", "value", "target", "deadline_soon", "deadline_missed", "report"}
        assert alert["confidence"] in {"confirmed", "unconfirmed"}
        assert str(alert["at"]).endswith("Z")
        assert isinstance(alert["sources"], list) and isinstance(alert["text"], str) and alert["text"]


def test_precision_and_recall_on_the_labelled_stream() -> None:
    report = score(replay_stream(), load_labels(STREAM / "labels.yaml"))
    print()
    print(report.format())
    assert report.precision >= TARGET, report.format()
    assert report.recall >= TARGET, report.format()
