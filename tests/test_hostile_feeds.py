"""Hostile feed bodies: each is refused or read in bounded time, off the event loop, and backs off like any failure.

The shapes here are those feedparser reads in super-linear time (found by measuring: 40,000 attributes on one item
took 16-23 s of CPU; 20,000 categories in one item 6.4 s) and those the structure caps bound (nesting, entries,
keywords). Each case is bounded by CPU time measured around the call (``time.process_time``), so a regression
fails here instead of hanging CI; the bounds are ten times what the refusal costs on a slow machine.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from bounds import Bounds
from feedserver import FeedItem, FeedServer

from watchers.clock import SimulatedClock
from watchers.feeds.complexity import MAX_ATTRIBUTES, MAX_DEPTH, MAX_ENTRIES, MAX_TAGS, structure_problem
from watchers.feeds.fetch import FeedFetcher
from watchers.feeds.incremental import split_feed
from watchers.feeds.parse import ParsePool, parse_feed, plain_text
from watchers.feeds.poller import FeedPoller, PollPolicy
from watchers.feeds.types import FeedError, FeedErrorKind
from watchers.store.database import Database
from watchers.store.feeds import FeedRepository

# Bounds (tests/bounds.py):
# The largest body here is 10 MB of never-closed markup, parsed in about 4.5 s; its peak is near 16 MiB.
# A super-linear parse would take minutes; a parse that kept copies of the body would show in memory.
BOUNDS = Bounds(seconds=20, mib=96)

START = datetime(2025, 11, 25, 12, 0, tzinfo=UTC)
HEAD = b'<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>t</title>'
TAIL = b"</channel></rss>"


def rss(*items: bytes) -> bytes:
    return HEAD + b"".join(items) + TAIL


def item(inner: bytes = b"", attributes: bytes = b"") -> bytes:
    return b"<item" + attributes + b"><title>Story</title><link>https://news.example/1</link>" + inner + b"</item>"


def attributes(n: int) -> bytes:
    return b"".join(b' a%d="x"' % i for i in range(n))


def nested(depth: int) -> bytes:
    return b"<x>" * depth + b"text" + b"</x>" * depth


HOSTILE = {
    "40,000 attributes on one item (429 KB)": (rss(item(attributes=attributes(40_000))), "40,000 attributes"),
    "attributes without quotes": (
        rss(item(attributes=b"".join(b" a%d=x" % i for i in range(20_000)))),
        "20,000 attributes",
    ),
    "namespace declarations count as attributes": (
        HEAD.replace(b"<channel>", b"<channel" + b"".join(b' xmlns:p%d="u:%d"' % (i, i) for i in range(5000)) + b">")
        + item()
        + TAIL,
        "5,000 attributes",
    ),
    "nesting 10,000 deep": (rss(item(nested(10_000))), f"more than {MAX_DEPTH} levels"),
    "entries past the cap": (rss(*[b"<item><title>s</title></item>"] * (MAX_ENTRIES + 1)), "more than 10,000 entries"),
    "20,000 categories on one item (529 KB)": (
        rss(item(b"".join(b"<category>c%d</category>" % i for i in range(20_000)))),
        f"more than {MAX_TAGS} categories",
    ),
    "100,000 comma-separated keywords": (
        rss(item(b"<media:keywords>" + b"k," * 100_000 + b"</media:keywords>")),
        f"more than {MAX_TAGS} categories or keywords",
    ),
    "keywords in a CDATA section": (
        rss(item(b"<media:keywords><![CDATA[" + b"k," * 5_000 + b"]]></media:keywords>")),
        "categories or keywords",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_structure_that_parses_super_linearly_is_refused_fast(case: str) -> None:
    body, says = HOSTILE[case]
    started = time.process_time()
    with pytest.raises(FeedError) as raised:
        parse_feed(body, now=START)
    cpu = time.process_time() - started
    assert raised.value.kind is FeedErrorKind.TOO_COMPLEX
    assert says in str(raised.value), str(raised.value)
    assert cpu < 2.0, f"refusing {case!r} took {cpu:.2f} s of CPU"


@pytest.mark.parametrize(
    ("case", "body"),
    [
        ("exactly the attribute cap", rss(item(attributes=attributes(MAX_ATTRIBUTES)))),
        ("exactly the tag cap", rss(item(b"".join(b"<category>c%d</category>" % i for i in range(MAX_TAGS))))),
        ("a hundred <br> in raw HTML (void elements open no level)", rss(item(b"<description>" + b"a<br>" * 100))),
        (
            "HTML escaped in a summary is text",
            rss(item(b"<description>" + b"&lt;b a=1&gt;" * 5000 + b"</description>")),
        ),
        (
            "HTML in CDATA is text, however deep",
            rss(item(b"<description><![CDATA[" + b"<div>" * 500 + b"deep" + b"</div>" * 500 + b"]]></description>")),
        ),
        ("nested exactly to the cap", rss(item(nested(MAX_DEPTH - 4)))),  # rss, channel, item, x...
        ("'>' inside attribute values", rss(item(attributes=b" a=\"> >\" b='<<'" * 2))),
    ],
)
def test_ordinary_and_edge_feeds_are_not_refused(case: str, body: bytes) -> None:
    assert structure_problem(body) is None, case
    try:
        parsed = parse_feed(body, now=START)
    except FeedError as error:  # broken on purpose is fine; too complex is not
        assert error.kind is not FeedErrorKind.TOO_COMPLEX, (case, str(error))
    else:
        assert parsed.entries, case


def test_the_scan_is_linear_in_the_body() -> None:
    """Twice the body, about twice the time: the scan of an unterminated 2 MB tag does not backtrack."""

    def cost(n: int) -> float:
        body = b"<a " + b'b="c" ' * n  # never closed: a backtracking tag pattern would retry every attribute
        started = time.process_time()
        for _ in range(3):
            structure_problem(body)
        return time.process_time() - started

    small, large = cost(100_000), cost(400_000)
    assert large < small * 4 * 3 + 0.05, (small, large)  # linear: about 4x; quadratic would be 16x


# ---------------------------------------------------------------------------------------------- linear text


def summary(text: bytes) -> bytes:
    return rss(item(b"<description>" + text + b"</description>"))


# Markup a summary or title carries escaped, never closed: each opener used to rescan the rest of the text in one
# re.sub call (".*?", "[^>]*"), which holds the GIL, so a parse in a thread stalled the event loop as long. Measured
# before the patterns were made linear: 140 KB of "&lt;!--" took 17 s of CPU, 560 KB 240 s; 200 KB of
# "&lt;script" 27 s; a DOCTYPE subset of 80 KB of "<!--" 13 s; a UTF-16 declaration padded with 20,000 spaces 0.9 s
# (quadratic: 10 MB would take hours). Each body here is 15,000 openers (40,000 of the cheaper kinds; 60-200 KB):
# linear, it costs 0.05-0.15 s; quadratic again, it would take 1.5-25 s and fail.
QUADRATIC_BEFORE = {
    "escaped comments never closed": summary(b"&lt;!--" * 15_000),
    "escaped scripts never closed": summary(b"&lt;script" * 15_000),
    "escaped tags never closed": summary(b"&lt;a" * 40_000),
    "escaped declarations never closed": summary(b"&lt;!x" * 40_000),
    "escaped processing instructions never closed": summary(b"&lt;?x" * 40_000),
    "escaped block tags never closed": summary(b"&lt;p " * 40_000),
    "escaped comments in a title": rss(
        b"<item><title>" + b"&lt;!--" * 15_000 + b"</title><link>https://news.example/1</link></item>"
    ),
    "comments never closed in a DOCTYPE subset": b'<?xml version="1.0"?><!DOCTYPE rss ['
    + b"<!--" * 15_000
    + b"]>"
    + rss(item())[len(b'<?xml version="1.0"?>') :],
    "a UTF-16 declaration padded with spaces": (
        "<?xml" + " " * 60_000 + 'version="1.0"?>' + rss(item()).decode()[len('<?xml version="1.0"?>') :]
    ).encode("utf-16"),
}


@pytest.mark.parametrize("case", list(QUADRATIC_BEFORE))
def test_unclosed_markup_in_text_costs_linear_time(case: str) -> None:
    started = time.process_time()
    try:
        parse_feed(QUADRATIC_BEFORE[case], now=START)
    except FeedError as error:
        assert error.kind is not FeedErrorKind.TOO_COMPLEX, (case, str(error))  # read, not refused on the budget
    cpu = time.process_time() - started
    assert cpu < 1.0, f"parsing {case!r} took {cpu:.2f} s of CPU"


def test_escaped_markup_is_still_stripped_as_before() -> None:
    assert plain_text("<p>Opening <b>delayed</b></p><script>x<b>1</b></script><!-- c --> now", 200) == (
        "Opening delayed now"
    )
    assert plain_text("<!--" * 3 + "kept", 200) == "<!--<!--<!--kept"  # unclosed: text, as before
    assert plain_text("a <STYLE type='t'>p{}</style > b", 200) == "a b"


@pytest.mark.parametrize("unclosed", [b"<!--", b"<![CDATA["])
def test_the_incremental_split_reads_unclosed_sections_in_linear_time(unclosed: bytes) -> None:
    """split_feed runs on every changed body before any parse; an unclosed section means a full parse instead."""
    body = rss(item()).replace(TAIL, unclosed * 20_000 + TAIL)
    started = time.process_time()
    assert split_feed(body) is None
    cpu = time.process_time() - started
    assert cpu < 0.2, f"splitting took {cpu:.2f} s of CPU (before: 15 s for 20,000 '<!--', 23 s for '<![CDATA[')"


# ---------------------------------------------------------------------------------------------- CPU budget


def ordinary(n: int) -> bytes:
    one = (
        b"<item><title>Story %d about trade</title><link>https://news.example/%d</link><description>"
        + b"Lorem ipsum dolor sit amet. " * 20
        + b"</description><category>Trade</category></item>"
    )
    return rss(*[one % (i, i) for i in range(n)])


def test_the_budget_interrupts_a_parse_in_a_worker_process() -> None:
    body = ordinary(8000)  # about 5 MB, 1-3 s to parse

    async def run() -> tuple[FeedError, float, int]:
        pool = ParsePool(workers=1, min_batch=1, cpu_budget=0.3)
        try:
            await pool.parse(rss(item()), batch_size=1)  # start the worker outside the measured part
            started = time.monotonic()
            with pytest.raises(FeedError) as raised:
                await pool.parse(body, batch_size=1)
            elapsed = time.monotonic() - started
            after = await pool.parse(rss(item()), batch_size=1)  # the same worker still parses
            assert pool.started
            return raised.value, elapsed, len(after.entries)
        finally:
            await pool.aclose()

    error, elapsed, entries = asyncio.run(run())
    assert error.kind is FeedErrorKind.TOO_COMPLEX and "CPU budget" in str(error) and "0.3 s" in str(error)
    assert elapsed < 1.5, f"interrupted after {elapsed:.2f} s for a 0.3 s budget"
    assert entries == 1


def test_the_budget_holds_in_a_thread_too() -> None:
    async def run() -> FeedError:
        pool = ParsePool(workers=0, cpu_budget=0.05)
        with pytest.raises(FeedError) as raised:
            await pool.parse(ordinary(2000))
        return raised.value

    error = asyncio.run(run())
    assert error.kind is FeedErrorKind.TOO_COMPLEX and "budget is 0.05 s" in str(error)


# ---------------------------------------------------------------------------------------------- in the poller


@pytest.fixture
async def sqlite_db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite:///{tmp_path}/followup.db")
    await database.migrate()
    try:
        yield database
    finally:
        await database.dispose()


async def test_a_too_complex_feed_fails_backs_off_and_the_others_go_on(
    sqlite_db: Database, feed_server: FeedServer, fetcher: FeedFetcher
) -> None:
    clock = SimulatedClock(START)
    feed_server.set_document("/hostile.xml", rss(item(attributes=attributes(40_000))), content_type="application/xml")
    feed_server.set_feed("/good.xml", [FeedItem("Fine story", "https://news.example/fine", published=START)])
    feeds = FeedRepository(sqlite_db)
    urls = [feed_server.url("/hostile.xml"), feed_server.url("/good.xml")]
    await feeds.sync_declared({u: timedelta(minutes=15) for u in urls}, now=clock.now())
    poller = FeedPoller(sqlite_db, fetcher, clock, policy=PollPolicy(jitter=0.0), rng=random.Random(1))
    async with poller:
        started = time.process_time()
        report = await poller.poll_due()
        cpu = time.process_time() - started
    assert [e.entry.title for e in report.new_entries] == ["Fine story"]
    assert [(f.kind, f.url) for f in report.failures] == [("too_complex", urls[0])]
    assert "40,000 attributes" in report.failures[0].message
    health = {h.url: h for h in await feeds.health()}
    assert health[urls[0]].next_check_at - clock.now() == timedelta(minutes=30), "interval x 2 after one failure"
    assert cpu < 3.0, f"the poll took {cpu:.2f} s of CPU"


async def test_the_event_loop_keeps_ticking_while_a_big_feed_parses(
    sqlite_db: Database, feed_server: FeedServer, fetcher: FeedFetcher
) -> None:
    """A heavy but allowed feed parses in a thread: the loop (heartbeat, chat, delivery) still runs meanwhile."""
    clock = SimulatedClock(START)
    feed_server.set_document("/big.xml", ordinary(3000), content_type="application/rss+xml")
    feeds = FeedRepository(sqlite_db)
    await feeds.sync_declared({feed_server.url("/big.xml"): timedelta(minutes=15)}, now=clock.now())
    gaps: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        last = time.monotonic()
        while not done.is_set():
            await asyncio.sleep(0.01)
            now = time.monotonic()
            gaps.append(now - last)
            last = now

    ticking = asyncio.create_task(ticker())
    async with FeedPoller(sqlite_db, fetcher, clock, policy=PollPolicy(jitter=0.0), parser=ParsePool(workers=0)) as p:
        report = await p.poll_due()
    done.set()
    await ticking
    assert len(report.new_entries) == 3000 and not report.failures
    assert len(gaps) > 5 and max(gaps) < 1.0, f"the loop stalled for {max(gaps):.2f} s"
