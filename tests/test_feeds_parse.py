"""parse_feed on real feed formats, non-feeds and broken XML (hostile XML: tests/test_hostile_entities.py)."""

from __future__ import annotations

import html
from datetime import UTC, datetime

import pytest
from feedserver import HTML_PAGE, JSON_BODY, FeedItem, build_atom, build_rss

from watchers.feeds.parse import MAX_SUMMARY_CHARS, MAX_TITLE_CHARS, ParsePool, parse_feed, plain_text
from watchers.feeds.types import FeedError, FeedErrorKind

NOW = datetime(2025, 6, 1, tzinfo=UTC)

RSS_091 = b"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old news</title><link>http://example.com/</link>
<description>d</description><language>en-us</language>
<item><title>Dam project approved</title><link>http://example.com/dam</link>
<description>The council approved the dam.</description></item>
</channel></rss>"""

RSS_10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://example.com/"><title>RDF news</title><link>http://example.com/</link>
<description>d</description>
<items><rdf:Seq><rdf:li resource="http://example.com/1"/></rdf:Seq></items></channel>
<item rdf:about="http://example.com/1"><title>Tunnel opens &amp; traffic flows</title>
<link>http://example.com/1</link>
<description>&lt;p&gt;Opened on &lt;b&gt;Monday&lt;/b&gt;&lt;/p&gt;</description>
<dc:date>2025-03-04T10:00:00Z</dc:date></item>
</rdf:RDF>"""

BROKEN_BUT_RECOVERABLE = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Broken & proud</title>
<item><title>First story</title><link>https://example.com/1</link>
<description>AT&T deal <b>closes</description></item>
<item><title>Second story</title><link>https://example.com/2</link></item>
</channel></rss>"""


def test_rss20_entries_are_plain_text_with_keys_and_dates() -> None:
    items = [
        FeedItem(
            "Bridge &amp; tunnel",
            "https://example.com/a?utm_source=rss",
            guid="story-a",
            summary="<p>Opening <b>delayed</b> to&nbsp;2026.</p><script>alert(1)</script>",
            published=datetime(2025, 5, 1, 8, 30, tzinfo=UTC),
        ),
        FeedItem("No guid", "https://example.com/b?utm_medium=x#top"),
    ]
    feed = parse_feed(build_rss(items, title="City <b>News</b>"), content_type="application/rss+xml", now=NOW)
    assert feed.version == "rss20"
    assert feed.title == "City News"
    assert feed.malformed_reason is None
    first, second = feed.entries
    assert first.title == "Bridge & tunnel"
    assert first.summary == "Opening delayed to 2026."  # &nbsp; folds into a plain space
    assert first.guid == "story-a"
    assert first.key == "g:story-a"
    # the link itself is kept as published, marked with the outlet the feed's title names (watchers.feeds.outlet)
    assert first.link == "https://example.com/a?utm_source=rss#via=example.com&outlet=City%20News"
    assert first.published == datetime(2025, 5, 1, 8, 30, tzinfo=UTC)
    assert second.guid is None
    assert second.key == "u:https://example.com/b"
    assert second.published is None


def test_atom10() -> None:
    items = [FeedItem("Atom entry", "https://example.com/x", guid="urn:x:1", summary="<em>Hi</em> there")]
    feed = parse_feed(build_atom(items), content_type="application/atom+xml", now=NOW)
    assert feed.version == "atom10"
    (entry,) = feed.entries
    assert entry.key == "g:urn:x:1"
    assert entry.summary == "Hi there"
    assert entry.link == "https://example.com/x"  # the test feeds' default title ("Latest news") names no outlet
    assert entry.published is not None and entry.published.tzinfo is UTC


def test_rss091() -> None:
    feed = parse_feed(RSS_091, now=NOW)
    assert feed.version.startswith("rss091")
    assert [e.title for e in feed.entries] == ["Dam project approved"]
    assert feed.entries[0].key == "u:http://example.com/dam"


def test_rss10_rdf() -> None:
    feed = parse_feed(RSS_10, now=NOW)
    assert feed.version == "rss10"
    (entry,) = feed.entries
    assert entry.title == "Tunnel opens & traffic flows"
    assert entry.summary == "Opened on Monday"
    assert entry.published == datetime(2025, 3, 4, 10, 0, tzinfo=UTC)


def test_relative_links_resolved_against_base_url_and_unsafe_links_dropped() -> None:
    body = build_rss([FeedItem("Rel", "/story/1"), FeedItem("JS", "javascript:alert(1)")])
    feed = parse_feed(body, base_url="https://news.example.org/feed.xml", now=NOW)
    assert feed.entries[0].link == "https://news.example.org/story/1"
    assert feed.entries[1].link is None


@pytest.mark.parametrize(
    ("xml_base", "expected"),
    [
        ("https://other.example/blog/", "https://other.example/blog/post-1"),
        ("/blog/", "https://news.example.org/blog/post-1"),
        (None, "https://news.example.org/feeds/post-1"),
    ],
)
def test_xml_base_and_base_url_resolve_relative_links(xml_base: str | None, expected: str) -> None:
    base_attr = f' xml:base="{xml_base}"' if xml_base else ""
    body = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"{base_attr}><title>t</title><id>urn:f</id><updated>2025-01-01T00:00:00Z</updated>
<entry><title>One</title><id>urn:1</id><updated>2025-01-01T00:00:00Z</updated><link href="post-1"/></entry>
</feed>""".encode()
    feed = parse_feed(body, base_url="https://news.example.org/feeds/atom.xml", now=NOW)
    assert feed.entries[0].link == expected


async def test_parse_pool_workers_give_the_same_results_and_errors() -> None:
    body = build_rss(
        [FeedItem("Rel", "/story/1", summary="<p>Hi <b>there</b></p>"), FeedItem("Two", "https://x.example/2")]
    )
    base = "https://news.example.org/feed.xml"
    pool = ParsePool(workers=1, min_batch=2)
    try:
        small = await pool.parse(body, base_url=base, batch_size=1)
        assert not pool.started, "a small batch parses inline"
        big = await pool.parse(body, base_url=base, batch_size=2)
        assert pool.started
        assert big.entries == small.entries == parse_feed(body, base_url=base).entries
        with pytest.raises(FeedError) as info:
            await pool.parse(HTML_PAGE, content_type="text/html", batch_size=2)
        assert info.value.kind is FeedErrorKind.NOT_A_FEED and "HTML page" in info.value.message
    finally:
        await pool.aclose()
    assert not pool.started


async def test_parse_pool_without_workers_parses_inline() -> None:
    pool = ParsePool(workers=0, min_batch=1)
    feed = await pool.parse(build_rss([FeedItem("A", "https://a.example/1")]), batch_size=100)
    assert not pool.started and [e.title for e in feed.entries] == ["A"]
    await pool.aclose()


def test_empty_but_valid_feed_has_no_entries() -> None:
    feed = parse_feed(build_rss([]), now=NOW)
    assert feed.version == "rss20"
    assert feed.entries == ()


def test_implausible_dates_become_none() -> None:
    items = [
        FeedItem("Old", guid="1", published=datetime(1970, 1, 1, tzinfo=UTC)),
        FeedItem("Future", guid="2", published=datetime(2099, 12, 31, tzinfo=UTC)),
        FeedItem("Tomorrow", guid="3", published=datetime(2025, 6, 2, tzinfo=UTC)),
    ]
    old, future, tomorrow = parse_feed(build_rss(items), now=NOW).entries
    assert old.published is None
    assert future.published is None
    assert tomorrow.published == datetime(2025, 6, 2, tzinfo=UTC)  # small clock skew is tolerated


def test_long_fields_are_capped() -> None:
    items = [FeedItem("T" * 2000, guid="1", summary="word " * 5000)]
    (entry,) = parse_feed(build_rss(items), now=NOW).entries
    assert len(entry.title) == MAX_TITLE_CHARS
    assert len(entry.summary) <= MAX_SUMMARY_CHARS
    assert entry.summary.endswith("…")


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (HTML_PAGE, "text/html", "HTML page"),
        (b"<html><body><p>hi</p></body></html>", None, "HTML page"),
        (JSON_BODY, "application/json", "JSON"),
        (b"", None, "empty"),
        (b"   \n ", None, "empty"),
        (bytes(range(256)) * 4, "application/octet-stream", "not an RSS/Atom feed"),
        (b"just some words", "text/plain", "not an RSS/Atom feed"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml", "not an RSS"),
    ],
)
def test_not_a_feed(body: bytes, content_type: str | None, expected: str) -> None:
    with pytest.raises(FeedError) as info:
        parse_feed(body, content_type=content_type)
    assert info.value.kind is FeedErrorKind.NOT_A_FEED
    assert expected in info.value.message


def test_html_message_is_helpful() -> None:
    with pytest.raises(FeedError) as info:
        parse_feed(HTML_PAGE, content_type="text/html")
    assert "looks like an HTML page, not an RSS/Atom feed" in info.value.message


def test_malformed_but_recoverable_keeps_entries() -> None:
    feed = parse_feed(BROKEN_BUT_RECOVERABLE, now=NOW)
    assert [e.title for e in feed.entries] == ["First story", "Second story"]
    assert feed.malformed_reason is not None
    assert "deal closes" in feed.entries[0].summary  # the loose parser's rendering of "AT&T" varies


def test_hopelessly_broken_xml_is_malformed() -> None:
    with pytest.raises(FeedError) as info:
        parse_feed(b'<?xml version="1.0"?><news><<<')
    assert info.value.kind is FeedErrorKind.MALFORMED
    assert "too broken" in info.value.message


def test_recognisable_but_broken_feed_without_entries_is_returned_empty() -> None:
    feed = parse_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><<<</', now=NOW)
    assert feed.version == "rss20"
    assert feed.entries == ()
    assert feed.malformed_reason


def test_utf16_feed() -> None:
    body = build_rss([FeedItem("Ünïcode", guid="1")]).decode().replace("utf-8", "utf-16").encode("utf-16")
    (entry,) = parse_feed(body, content_type="application/xml", now=NOW).entries
    assert entry.title == "Ünïcode"


def test_utf8_body_mislabelled_as_utf16_still_parses() -> None:
    body = build_rss([FeedItem("Plain", guid="1")])
    (entry,) = parse_feed(body, content_type="application/xml; charset=utf-16", now=NOW).entries
    assert entry.title == "Plain"


def test_latin1_declared_in_content_type() -> None:
    body = build_rss([FeedItem("Café", guid="1")]).replace(b"utf-8", b"iso-8859-1").decode().encode("latin-1")
    (entry,) = parse_feed(body, content_type="application/rss+xml; charset=iso-8859-1", now=NOW).entries
    assert entry.title == "Café"


def test_plain_text() -> None:
    assert plain_text("<p>a</p><p>b</p>", 100) == "a b"
    assert plain_text("x<b>y</b>z", 100) == "xyz"
    assert plain_text("a &lt;b&gt; &amp; c", 100) == "a <b> & c"
    assert plain_text("<style>p{}</style>text<!-- c -->", 100) == "text"
    assert plain_text("  many \n\t spaces ", 100) == "many spaces"
    assert plain_text(None, 100) == ""
    assert plain_text("abcdef", 4) == "abc…"


@pytest.mark.parametrize(
    ("source", "link", "expected_link", "publisher"),
    [
        (
            '<source url="https://www.reuters.com">Reuters</source>',
            "https://news.google.com/rss/articles/CBMiabc?oc=5",
            "https://news.google.com/rss/articles/CBMiabc?oc=5#via=reuters.com&outlet=Reuters",
            "reuters.com",
        ),
        (
            '<source url="https://www.lemonde.fr/rss/une.xml">Le Monde</source>',
            "https://www.bing.com/news/apiclick.aspx?url=x",
            "https://www.bing.com/news/apiclick.aspx?url=x#via=lemonde.fr&outlet=Le%20Monde",
            "lemonde.fr",
        ),
        (  # the outlet's own feed naming itself: its name, under its own host
            '<source url="https://apnews.com/rss">AP</source>',
            "https://apnews.com/article/1",
            "https://apnews.com/article/1#via=apnews.com&outlet=AP",
            "apnews.com",
        ),
        ('<source url="javascript:alert(1)">x</source>', "https://e.com/a", "https://e.com/a", "e.com"),
        ("", "https://news.example/a", "https://news.example/a", "news.example"),
    ],
)
def test_an_aggregators_item_is_credited_to_its_outlet(
    source: str, link: str, expected_link: str, publisher: str
) -> None:
    from watchers.tracking.sources import outlet_name, publisher_of

    body = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Story</title>'
        f"<link>{html.escape(link)}</link><guid>g1</guid>{source}</item></channel></rss>"
    ).encode()
    (entry,) = parse_feed(body).entries
    assert entry.link == expected_link
    assert publisher_of(entry.link) == publisher
    named = {"reuters.com": "Reuters", "lemonde.fr": "Le Monde", "apnews.com": "AP"}.get(publisher, publisher)
    assert outlet_name(entry.link) == named, "alerts show the outlet's own name"


@pytest.mark.parametrize(
    ("title", "host", "name"),
    [
        ("Reuters: World News", "reuters.com", "Reuters"),
        ("World news | The Guardian", "theguardian.com", "The Guardian"),
        ("BBC News - World", "feeds.bbci.co.uk", "BBC News"),
        ("NYT > World News", "rss.nytimes.com", "NYT"),
        ("Home - CBS News", "cbsnews.com", "CBS News"),
        ("Al Jazeera – Breaking News, World News and Video from Al Jazeera", "aljazeera.com", "Al Jazeera"),
        ('"China soybeans" - Google News', "news.google.com", "Google News"),
        ("Xinhua RSS", "english.news.cn", "Xinhua"),
        ("Al-Monitor", "al-monitor.com", "Al-Monitor"),
        ("Latest News", "example.com", None),  # what the feed holds, not who publishes it
        ("reuters.com", "reuters.com", None),  # a domain: the link's own host says it as well
        ("CNN.com - RSS Channel - World", "rss.cnn.com", None),
        ("t", "example.com", None),
        ("", "example.com", None),
    ],
)
def test_a_feed_title_is_cut_to_its_outlets_name(title: str, host: str, name: str | None) -> None:
    from watchers.feeds.outlet import outlet_from_title

    assert outlet_from_title(title, [host]) == name


@pytest.mark.parametrize(
    ("host", "site"),
    [
        ("feeds.bbci.co.uk", "bbci.co.uk"),
        ("www.abc.net.au", "abc.net.au"),
        ("rss.nytimes.com", "nytimes.com"),
        ("english.news.cn", "news.cn"),
        ("reuters.com", "reuters.com"),
        ("127.0.0.1", "127.0.0.1"),
    ],
)
def test_a_feeds_own_site_is_its_hosts_registered_domain(host: str, site: str) -> None:
    from watchers.feeds.outlet import site_of

    assert site_of(host) == site


def test_a_direct_feeds_items_carry_its_name_and_the_config_name_wins() -> None:
    from watchers.tracking.sources import outlet_name, publisher_of

    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Reuters: World News</title>'
        b"<link>https://www.reuters.com/world/</link>"
        b"<item><title>Own</title><link>https://www.reuters.com/world/a</link><guid>g1</guid></item>"
        b"<item><title>Via</title><link>https://news.google.com/x</link><guid>g2</guid>"
        b'<source url="https://apnews.com">AP</source></item>'
        b"<item><title>Elsewhere</title><link>https://www.ft.com/content/1</link><guid>g3</guid></item>"
        b"</channel></rss>"
    )
    base = "https://feeds.reuters.com/world.xml"
    titled = parse_feed(body, base_url=base)
    own, via, elsewhere = titled.entries
    assert titled.outlet == "Reuters"
    assert (outlet_name(own.link or ""), publisher_of(own.link or "")) == ("Reuters", "reuters.com")
    assert (outlet_name(via.link or ""), publisher_of(via.link or "")) == ("AP", "apnews.com"), "<source> wins"
    assert elsewhere.link == "https://www.ft.com/content/1", "another site's article is not the feed's own"
    named = parse_feed(body, base_url=base, outlet="Thomson Reuters")
    assert [outlet_name(e.link or "") for e in named.entries] == ["Thomson Reuters", "AP", "Thomson Reuters"]
    assert [e.key for e in named.entries] == [e.key for e in titled.entries], "the mark is not the entry's identity"


def test_links_fit_the_entries_table() -> None:
    """A link the table cannot store is dropped (on PostgreSQL it failed the whole feed's store); one that only
    fits without the outlet mark is kept unmarked."""
    from watchers.feeds.outlet import MAX_LINK_CHARS

    too_long = "https://example.com/" + "a" * MAX_LINK_CHARS
    just_fits = "https://example.com/" + "b" * (MAX_LINK_CHARS - len("https://example.com/"))
    feed = parse_feed(build_rss([FeedItem("Long", too_long), FeedItem("Fits", just_fits)], title="City News"))
    assert feed.entries[0].link is None
    assert feed.entries[1].link == just_fits
