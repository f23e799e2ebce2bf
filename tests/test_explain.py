"""`followup explain`: per entry and watch, what was read and why it alerted or stayed quiet.

Runs the real command line on a feed file written here, with a watch as `watch add` builds it (title, terms,
baseline; no tuning), and reads the reasons an admin would read.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CONFIG = """
watches:
  - id: artemis-2-launch
    title: "Artemis II launch"
    kind: event
    feeds: [{google_news: "Artemis II launch"}]
    match: {any: ["Artemis II"]}
    baseline: {status: planned, expected: 2026-04, as_of: 2026-01-05}
"""

ITEMS = [
    ("2026-01-02T10:00:00Z", "a", "NASA says Artemis II launch is on track for April", ""),
    ("2026-01-09T10:00:00Z", "b", "NASA could delay Artemis II launch to May, sources say", ""),
    ("2026-01-10T10:00:00Z", "c", "NASA denies report that Artemis II launch was postponed", ""),
    ("2026-01-12T10:00:00Z", "d", "NASA delays Artemis II launch to May 14", ""),
    ("2026-01-12T14:00:00Z", "e", "Artemis II launch pushed back to May 14, NASA says", ""),
    ("2026-01-13T10:00:00Z", "f", "Inspector general confirms heat shield findings ahead of Artemis II", ""),
    ("2026-01-14T10:00:00Z", "g", "Stock markets close higher", ""),
]


def _feed(tmp: Path) -> Path:
    from email.utils import format_datetime

    from watchers.clock import as_utc

    def item(when: str, slug: str, title: str, summary: str) -> str:
        from datetime import datetime

        moment = as_utc(datetime.fromisoformat(when.replace("Z", "+00:00")))
        return (
            f"<item><title>{title}</title><link>https://news{slug}.example/{slug}</link>"
            f"<pubDate>{format_datetime(moment, usegmt=True)}</pubDate><description>{summary}</description></item>"
        )

    body = "".join(item(*i) for i in ITEMS)
    path = tmp / "feed.xml"
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{body}</channel></rss>')
    return path


def _explain(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    config = tmp / "watches.yaml"
    config.write_text(CONFIG)
    return subprocess.run(
        [sys.executable, "-m", "bot", "explain", "--config", str(config), *args, str(_feed(tmp))],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_explain_gives_each_verdict_with_its_reason(tmp_path: Path) -> None:
    done = _explain(tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    by_title = {}
    for block in out.strip().split("\n\n"):
        first = block.splitlines()[0]
        by_title[first.split("  ", 2)[-1]] = block
    stale = by_title["NASA says Artemis II launch is on track for April"]
    assert "STALE" in stale and "published before the baseline date 2026-01-05" in stale
    hedged = by_title["NASA could delay Artemis II launch to May, sources say"]
    assert "QUIET" in hedged and "hedge" in hedged and "unconfirmed: wait" in hedged
    denied = by_title["NASA denies report that Artemis II launch was postponed"]
    assert "QUIET" in denied and "negated or denied" in denied
    alert = by_title["NASA delays Artemis II launch to May 14"]
    assert "ALERT" in alert and "alert: status planned -> postponed" in alert
    assert "read: “NASA delays Artemis II launch to May 14”" in alert
    repeat = by_title["Artemis II launch pushed back to May 14, NASA says"]
    assert "CORROBORATES" in repeat and "added as a source" in repeat
    other = by_title["Inspector general confirms heat shield findings ahead of Artemis II"]
    assert "ALERT" not in other
    assert "Stock markets close higher" not in out, "entries matching no watch are left out without --all"
    assert "7 entries" in done.stderr


def test_explain_all_lists_entries_that_match_no_watch(tmp_path: Path) -> None:
    done = _explain(tmp_path, "--all")
    assert done.returncode == 0, done.stderr
    assert "NO MATCH" in done.stdout and "names none of the terms (Artemis II)" in done.stdout


def test_explain_an_unknown_watch_is_a_usage_error(tmp_path: Path) -> None:
    done = _explain(tmp_path, "--watch", "nope")
    assert done.returncode == 2
    assert "no watch 'nope' in the config (watches: artemis-2-launch)" in done.stderr


def test_explain_reads_a_feed_url_and_names_a_failing_one(tmp_path: Path) -> None:
    """A URL is fetched by the real fetcher from a real HTTP server on 127.0.0.1 (the config allows private feeds,
    as a self-hoster testing a feed on their own network would); a feed that fails is named with the command."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    feed = _feed(tmp_path)
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        config = tmp_path / "watches.yaml"
        config.write_text("settings:\n  allow_private_feeds: true\n" + CONFIG)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        done = subprocess.run(
            [sys.executable, "-m", "bot", "explain", "--config", str(config), f"{base}/{feed.name}"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "ALERT" in done.stdout and "alert: status planned -> postponed" in done.stdout
        missing = subprocess.run(
            [sys.executable, "-m", "bot", "explain", "--config", str(config), f"{base}/missing.xml"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert missing.returncode == 1
        assert f"followup explain: {base}/missing.xml:" in missing.stderr and "404" in missing.stderr
        assert "Traceback" not in missing.stderr
    finally:
        server.shutdown()
        server.server_close()
