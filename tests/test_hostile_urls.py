"""Feed URLs on internal addresses, in every IP-literal spelling, are refused where a config is validated and where
chat adds a feed, with the setting that allows feeds on one's own network; names are checked when fetched."""

from __future__ import annotations

import pytest

from watchers.config import ConfigError, load_config_text
from watchers.feeds.urlsafety import literal_address, literal_host_problem

INTERNAL = [
    "http://127.0.0.1/feed",
    "http://127.1/feed",
    "http://2130706433/feed",
    "http://0x7f000001/feed",
    "http://0177.0.0.1/feed",
    "http://0x7f.0.0.1/feed",
    "http://[::1]/feed",
    "http://[::ffff:127.0.0.1]/feed",
    "http://[::ffff:7f00:1]/feed",
    "http://10.0.0.5/feed",
    "http://10.1/feed",
    "http://192.168.1.10:8080/feed",
    "http://172.16.0.1/feed",
    "http://0.0.0.0/feed",
    "http://0/feed",
    "http://100.64.0.1/feed",
    "http://[fe80::1]/feed",
    "http://[fd00::1]/feed",
    "http://169.254.169.254/latest/meta-data",
    "http://[::ffff:169.254.169.254]/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://2852039166/",
]


@pytest.mark.parametrize("url", INTERNAL)
def test_internal_literals_are_refused_with_the_setting_to_allow_them(url: str) -> None:
    problem = literal_host_problem(url, allow_private=False)
    assert problem is not None, url
    if "169.254.169.254" in url or "metadata" in url or "2852039166" in url:
        assert "metadata" in problem and "allow_private_feeds" not in problem  # never allowed
    else:
        assert "set settings.allow_private_feeds: true" in problem


@pytest.mark.parametrize("url", ["https://example.com/feed", "https://1.1.1.1/feed", "http://news.example.org/rss"])
def test_public_hosts_and_names_pass(url: str) -> None:
    assert literal_host_problem(url, allow_private=False) is None


def test_allowing_private_feeds_allows_them_but_never_metadata() -> None:
    assert literal_host_problem("http://2130706433/feed", allow_private=True) is None
    assert literal_host_problem("http://169.254.169.254/", allow_private=True) is not None


def test_spellings_are_read_as_the_address_they_reach() -> None:
    assert str(literal_address("0x7f000001")) == "127.0.0.1"
    assert str(literal_address("127.1")) == "127.0.0.1"
    assert str(literal_address("[::ffff:127.0.0.1]")) == "::ffff:7f00:1"
    assert literal_address("example.com") is None and literal_address("deadbeef.com") is None


CONFIG = """
settings: {{allow_private_feeds: {allow}}}
watches:
  - id: w
    title: Bridge opening
    kind: event
    feeds: [{{url: "{url}"}}]
    match: {{any: [bridge]}}
    baseline: {{status: planned, expected: 2031-04, as_of: 2031-01-01}}
"""


def test_validate_refuses_an_internal_feed_and_names_the_watch_and_setting() -> None:
    with pytest.raises(ConfigError) as caught:
        load_config_text(CONFIG.format(allow="false", url="http://0x7f000001/feed"))
    text = caught.value.format()
    assert "watch 'w'" in text and "loopback" in text and "allow_private_feeds" in text
    load_config_text(CONFIG.format(allow="true", url="http://0x7f000001/feed"))
