"""Entry keys and link normalization."""

from __future__ import annotations

from datetime import UTC, datetime

from watchers.feeds.identity import MAX_KEY_LENGTH, entry_key, normalize_link


def test_guid_wins_and_is_stripped() -> None:
    assert entry_key("  abc-123 \n", "https://example.com/x", "T", None) == "g:abc-123"


def test_link_used_without_guid() -> None:
    assert entry_key(None, "https://Example.com/a", "T", None) == "u:https://example.com/a"
    assert entry_key("   ", "https://example.com/a", "T", None) == "u:https://example.com/a"


def test_kinds_never_collide() -> None:
    url = "https://example.com/a"
    assert entry_key(url, None, "T", None) != entry_key(None, url, "T", None)


def test_title_and_date_hash_as_last_resort() -> None:
    when = datetime(2025, 1, 2, 3, 4, tzinfo=UTC)
    key = entry_key(None, None, "  Budget   Approved ", when)
    assert key.startswith("h:")
    assert key == entry_key(None, "", "budget approved", when)  # case and whitespace do not matter
    assert key != entry_key(None, None, "budget approved", None)
    assert key != entry_key(None, None, "budget rejected", when)


def test_long_keys_are_hashed_to_fit() -> None:
    long_guid = "x" * 1000
    key = entry_key(long_guid, None, "T", None)
    assert key.startswith("gh:") and len(key) <= MAX_KEY_LENGTH
    assert key == entry_key(long_guid, None, "other", None)
    long_link = "https://example.com/" + "p" * 1000
    key = entry_key(None, long_link, "T", None)
    assert key.startswith("uh:") and len(key) <= MAX_KEY_LENGTH


def test_normalize_link() -> None:
    assert normalize_link("HTTPS://Example.COM:443/a?b=2&a=1#frag") == "https://example.com/a?a=1&b=2"
    assert normalize_link("http://example.com:80") == "http://example.com/"
    assert normalize_link("http://example.com:8080/x") == "http://example.com:8080/x"
    assert (
        normalize_link(
            "https://example.com/s?id=7&utm_source=rss&utm_medium=feed&fbclid=1&gclid=2&mc_cid=3&mc_eid=4"
            "&ref=tw&cmpid=5&ocid=6&UTM_Campaign=x"
        )
        == "https://example.com/s?id=7"
    )
    assert normalize_link("https://example.com/s?q=") == "https://example.com/s?q="
    assert normalize_link("  https://example.com/a  ") == "https://example.com/a"
    assert normalize_link("http://[::1]:8080/a") == "http://[::1]:8080/a"
    assert normalize_link("http://[bad/a") == "http://[bad/a"  # unparseable: returned as is
    assert normalize_link("/relative/path#x") == "/relative/path"
