"""Incremental parsing: splitting a feed body into item blocks, and the poller parsing only the new ones."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from feedserver import FeedItem, FeedServer, build_atom, build_rss
from sqlalchemy import select

from watchers.clock import SimulatedClock
from watchers.feeds.fetch import FeedFetcher
from watchers.feeds.incremental import ItemState, split_feed
from watchers.feeds.parse import ParsePool, parse_feed
from watchers.feeds.poller import FeedPoller, PollPolicy
from watchers.feeds.types import ParsedFeed
from watchers.store.database import Database
from watchers.store.feeds import FeedRepository
from watchers.store.tables import Entry

START = datetime(2025, 11, 25, 12, 0, tzinfo=UTC)


def items(n: int, start: int = 0, title: str = "Story") -> list[FeedItem]:
    return [
        FeedItem(
            f"{title} {i}",
            f"https://news.example/{i}",
            guid=f"urn:story:{i}",
            summary=f"<p>Body {i}</p>",
            published=START - timedelta(hours=i),
        )
        for i in range(start, start + n)
    ]


def rdf(titles: list[str]) -> bytes:
    parts = [
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/">\n<channel rdf:about="http://example.com/"><title>RDF</title>'
        "<link>http://example.com/</link><description>d</description><items><rdf:Seq>",
        *(f'<rdf:li resource="http://example.com/{t}"/>' for t in titles),
        "</rdf:Seq></items></channel>\n",
        *(
            f'<item rdf:about="http://example.com/{t}">\n<title>{t}</title><link>http://example.com/{t}</link></item>\n'
            for t in titles
        ),
        "</rdf:RDF>\n",
    ]
    return "".join(parts).encode()


@pytest.mark.parametrize("kind", ["rss", "atom", "rdf"])
def test_split_and_reduced_document_parses_only_new_items(kind: str) -> None:
    def build(n: int) -> bytes:
        if kind == "rdf":
            return rdf([f"s{i}" for i in range(n)])
        return (build_atom if kind == "atom" else build_rss)(items(n))

    old, new = split_feed(build(3)), split_feed(build(4))
    assert old is not None and new is not None
    assert len(old.blocks) == 3 and len(new.blocks) == 4
    assert new.header.startswith(b"<?xml") and new.footer.rstrip().endswith(b">")
    reduced, fresh = new.reduced(set(old.fingerprints))
    assert fresh == 1
    parsed = parse_feed(reduced, now=START)
    full = parse_feed(build(4), now=START)
    assert [e.key for e in parsed.entries] == [
        e.key for e in full.entries if e.key not in {x.key for x in parse_feed(build(3), now=START).entries}
    ]
    assert parsed.version == full.version


@pytest.mark.parametrize(
    "body",
    [
        b"<rss><channel><title>t</title></channel></rss>",  # no blocks
        b"<rss><channel><item><title><![CDATA[a </item> b]]></title></item></channel></rss>",
        b"<rss><channel><item><!-- <item> --><title>a</title></item></channel></rss>",
        b"<rss><channel><item><item><title>a</title></item></item></channel></rss>",
        b"<rss><channel><item><title>a</title></channel></rss>",
        b"<rss><channel><item/><item><title>a</title></item></channel></rss>",
        b"<rss><channel><item><title>a</title></item>junk<item><title>b</title></item></channel></rss>",
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "x">]><rss><channel><item><title>&a;</title></item>'
        b"</channel></rss>",
        b"<rss><channel><rss:item><title>a</title></rss:item></channel></rss>",
        "<rss><channel><item><title>a</title></item></channel></rss>".encode("utf-16"),
        b"<feed><entry><title>a</title></entry><item><title>b</title></item></feed>",
        b"<html><body>not a feed</body></html>",
    ],
)
def test_odd_bodies_are_not_split(body: bytes) -> None:
    assert split_feed(body) is None


def test_item_state_round_trips_and_rejects_junk() -> None:
    state = ItemState(("aa", "bb"), START)
    assert ItemState.from_json(state.to_json()) == state
    for junk in (None, [], {"v": 2}, {"v": 1, "items": "x", "full_parse_at": 1}, {"v": 1, "items": []}):
        assert ItemState.from_json(junk) is None
    assert state.fresh(START + timedelta(hours=1)) and not state.fresh(START + timedelta(days=2))


class CountingPool(ParsePool):
    """A ParsePool that counts full parses and keeps what the incremental ones (the poller's, in a thread) read."""

    def __init__(self) -> None:
        super().__init__(workers=0)
        self.full = 0
        self.incremental: list[ParsedFeed] = []

    async def parse(self, body: bytes, **kw: object) -> ParsedFeed:  # type: ignore[override]
        self.full += 1
        return await super().parse(body, **kw)  # type: ignore[arg-type]

    async def parse_in_thread(self, body: bytes, **kw: object) -> ParsedFeed:  # type: ignore[override]
        parsed = await super().parse_in_thread(body, **kw)  # type: ignore[arg-type]
        if kw.get("now") is not None:  # the poller's incremental parse passes its clock; a full parse does not
            self.incremental.append(parsed)
        return parsed


async def _setup(db: Database, feed_server: FeedServer, fetcher: FeedFetcher, path: str):
    clock = SimulatedClock(START)
    await FeedRepository(db).sync_declared({feed_server.url(path): timedelta(minutes=15)}, now=clock.now())
    pool = CountingPool()
    poller = FeedPoller(db, fetcher, clock, policy=PollPolicy(jitter=0.0), rng=random.Random(1), parser=pool)
    return clock, pool, poller


async def _entries(db: Database) -> list[tuple[str, str, str]]:
    async with db.session() as session:
        rows = (await session.execute(select(Entry).order_by(Entry.key))).scalars().all()  # type: ignore[arg-type]
    return [(r.key, r.title, r.summary) for r in rows]


@pytest.mark.parametrize("kind", ["rss", "atom"])
async def test_one_item_on_top_is_parsed_alone(
    db: Database, feed_server: FeedServer, fetcher: FeedFetcher, kind: str
) -> None:
    clock, pool, poller = await _setup(db, feed_server, fetcher, "/inc.xml")
    feed_server.set_feed("/inc.xml", items(50, start=1), kind=kind)
    first = await poller.poll_now()
    assert len(first.new_entries) == 50 and pool.full == 1
    before = await _entries(db)

    feed_server.set_feed("/inc.xml", items(51), kind=kind)  # story 0 on top
    clock.advance(timedelta(minutes=16))
    second = await poller.poll_now()
    assert [e.entry.title for e in second.new_entries] == ["Story 0"]
    assert pool.full == 1, "only the new block was parsed, inline"
    after = await _entries(db)
    assert [e for e in after if e[1] != "Story 0"] == before

    # the stored fingerprints are the new body's: the next change parses only its own new item again
    feed_server.set_feed("/inc.xml", items(52, start=-1), kind=kind)
    clock.advance(timedelta(minutes=16))
    third = await poller.poll_now()
    assert [e.entry.title for e in third.new_entries] == ["Story -1"] and pool.full == 1


async def test_rdf_item_on_top(db: Database, feed_server: FeedServer, fetcher: FeedFetcher) -> None:
    clock, pool, poller = await _setup(db, feed_server, fetcher, "/rdf.xml")
    feed_server.set_document("/rdf.xml", rdf(["b", "c"]))
    assert len((await poller.poll_now()).new_entries) == 2
    feed_server.set_document("/rdf.xml", rdf(["a", "b", "c"]))
    clock.advance(timedelta(minutes=16))
    report = await poller.poll_now()
    assert [e.entry.title for e in report.new_entries] == ["a"] and pool.full == 1


async def test_edited_item_is_parsed_again(db: Database, feed_server: FeedServer, fetcher: FeedFetcher) -> None:
    clock, pool, poller = await _setup(db, feed_server, fetcher, "/edit.xml")
    feed_server.set_feed("/edit.xml", items(3))
    await poller.poll_now()
    edited = items(3)
    edited[1] = FeedItem("Story 1 (updated)", edited[1].link, guid=edited[1].guid, summary="<p>new</p>")
    feed_server.set_feed("/edit.xml", edited)
    clock.advance(timedelta(minutes=16))
    report = await poller.poll_now()
    assert report.failures == [] and report.changed == 1 and pool.full == 1
    assert [e.title for p in pool.incremental for e in p.entries] == ["Story 1 (updated)"]  # same guid: not new
    assert report.new_entries == []


async def test_cdata_with_closing_tag_falls_back_to_full_parse(
    db: Database, feed_server: FeedServer, fetcher: FeedFetcher
) -> None:
    clock, pool, poller = await _setup(db, feed_server, fetcher, "/cdata.xml")
    feed_server.set_feed("/cdata.xml", items(2))
    await poller.poll_now()
    body = build_rss(items(3)).replace(b"<item><title>Story 0", b"<item><title><![CDATA[x </item> y]]>Story 0", 1)
    assert split_feed(body) is None
    feed_server.set_document("/cdata.xml", body)
    clock.advance(timedelta(minutes=16))
    report = await poller.poll_now()
    assert report.changed == 1 and pool.full == 2 and len(report.new_entries) == 1


async def test_hostile_doctype_is_parsed_in_full(db: Database, feed_server: FeedServer, fetcher: FeedFetcher) -> None:
    clock, pool, poller = await _setup(db, feed_server, fetcher, "/evil.xml")
    feed_server.set_feed("/evil.xml", items(2))
    await poller.poll_now()
    body = build_rss(items(3)).replace(
        b"<rss", b'<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n<rss', 1
    )
    body = body.replace(b"<title>Story 0</title>", b"<title>Story 0 &b;</title>")
    feed_server.set_document("/evil.xml", body)
    clock.advance(timedelta(minutes=16))
    report = await poller.poll_now()
    assert pool.full == 2, "never reduced: the full path defuses the DOCTYPE"
    assert all("aaaaaaaaaa" not in e.entry.title for e in report.new_entries)


async def test_non_feed_after_a_feed_is_still_not_a_feed(
    db: Database, feed_server: FeedServer, fetcher: FeedFetcher
) -> None:
    clock, pool, poller = await _setup(db, feed_server, fetcher, "/gone.xml")
    feed_server.set_feed("/gone.xml", items(2))
    await poller.poll_now()
    feed_server.set_document("/gone.xml", b"<html><body><p>Moved</p></body></html>", content_type="text/html")
    clock.advance(timedelta(minutes=16))
    report = await poller.poll_now()
    assert [f.kind for f in report.failures] == ["not_a_feed"]
    # and back to the feed: the fingerprints kept from the last good parse still apply
    feed_server.set_feed("/gone.xml", items(3))
    clock.advance(timedelta(hours=1))
    back = await poller.poll_now()
    assert [e.entry.title for e in back.new_entries] == ["Story 2"]


async def test_full_parse_is_forced_once_a_day(db: Database, feed_server: FeedServer, fetcher: FeedFetcher) -> None:
    clock, pool, poller = await _setup(db, feed_server, fetcher, "/daily.xml")
    feed_server.set_feed("/daily.xml", items(2))
    await poller.poll_now()
    feed_server.set_feed("/daily.xml", items(3))
    clock.advance(timedelta(hours=2))
    await poller.poll_now()
    assert pool.full == 1
    feed_server.set_feed("/daily.xml", items(4))
    clock.advance(timedelta(days=1))
    report = await poller.poll_now()
    assert pool.full == 2 and [e.entry.title for e in report.new_entries] == ["Story 3"]
