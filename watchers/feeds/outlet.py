"""Which outlet published an entry, and how its name travels with the entry's link.

An alert names the outlets that reported a change. A bare domain ("reuters.com", "feeds.bbci.co.uk") is what a
link gives; people know outlets by name ("Reuters", "BBC News"). Two places give a name:

* an aggregator's item names its outlet in ``<source url="https://www.reuters.com">Reuters</source>`` (Google
  News, Bing News link every item to their own redirect host);
* a direct feed names itself in its title (RSS ``<channel><title>``, Atom ``<feed><title>``) - for the items on
  its own site: a feed linking to other sites' articles does not make them its own - or the config names it with
  the feed's ``name:``, which wins over the title (:class:`FeedOutlet`).

The name rides in the entry link's fragment, ``#via=<host>&outlet=<name>``: no server ever sees a fragment, entry
identity ignores it (watchers.feeds.identity), and it survives storage, replay and corroboration unchanged, so every
place that has a report's link has its outlet. :func:`watchers.tracking.sources.publisher_of` reads the host (the
outlet's identity: two feeds of one outlet are one outlet, whatever their names) and
:func:`watchers.tracking.sources.outlet_name` the name alerts show.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from watchers.untrusted import clean

__all__ = [
    "MAX_LINK_CHARS",
    "MAX_OUTLET_CHARS",
    "FeedOutlet",
    "clean_outlet",
    "feed_outlet",
    "host_of",
    "mark_outlet",
    "outlet_from_title",
    "site_of",
]

MAX_OUTLET_CHARS = 60  # longer than any outlet's name: a longer title part is a tagline, not a name
MAX_LINK_CHARS = 2048  # the entries table's link column: a mark never makes a link too long to store
_MIN_OUTLET_CHARS = 2  # "AP"; a one-letter title ("t") names nothing

# Where a feed title joins the outlet's name and the section: "Reuters: World News", "World news | The Guardian".
# A hyphen only with spaces around it, so "Al-Monitor" stays whole.
_SEPARATOR = re.compile(r"\s+[|\-–—>»·/]\s+|\s*::\s+|:\s+")
_FEED_SUFFIX = re.compile(r"\s+(?:rss|atom)(?:\s+feeds?)?$", re.IGNORECASE)
_WORD = re.compile(r"[\w.&']+")
# Words that say what a feed holds rather than who publishes it: a title part made only of these is no name.
_GENERIC_WORDS = """
    news latest top stories story headlines headline home homepage front page rss atom feed feeds channel
    world international national local politics business economy markets finance technology tech science health
    sports sport opinion breaking all articles updates update the and & of in on from for to us u.s. uk main
    recent posts blog section today daily edition english en press releases release live new more
"""
_GENERIC = frozenset(_GENERIC_WORDS.split())
# Host labels that say nothing about the outlet (and the common second-level suffixes).
_HOST_NOISE_WORDS = "www www1 www2 feeds feed rss news api m mobile en english blogs blog co com org net gov edu ac"
_HOST_NOISE = frozenset(_HOST_NOISE_WORDS.split())


def host_of(url: str | None) -> str:
    """A URL's host as alerts name it: lower case, without ``www.`` (``""`` when there is none)."""
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go", "gob", "nic"})  # bbc.co.uk


def site_of(host: str) -> str:
    """The site a host belongs to: its last two labels, three under a country's second level (``feeds.bbci.co.uk``
    -> ``bbci.co.uk``, ``rss.nytimes.com`` -> ``nytimes.com``); an IP address is its own site."""
    labels = host.lower().strip(".").split(".")
    if len(labels) <= 2 or all(label.isdigit() for label in labels) or ":" in host:
        return host.lower()
    keep = 3 if len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


@dataclass(frozen=True)
class FeedOutlet:
    """The name a feed gives its own items, and which items those are.

    A name read from the title covers only items on the feed's own site (its URL's or its ``<link>``'s): a feed
    that links to other sites' articles (a link blog, a planet, the demo's scripted story) does not make them its
    own, and each keeps its domain. A name the config gives (``sites`` None) covers every item the feed does not
    credit to another outlet with ``<source>``: the admin has said who publishes it (e.g. an RSS bridge on another
    host).
    """

    name: str
    sites: frozenset[str] | None = None

    def covers(self, host: str) -> bool:
        return self.sites is None or site_of(host) in self.sites


def feed_outlet(configured: str | None, title: str, hosts: Iterable[str]) -> FeedOutlet | None:
    """How a feed names its own items: by ``configured`` (its ``name:``), else by its title on its own ``hosts``
    (:func:`outlet_from_title`), else not at all (None: the domain names them)."""
    name = clean_outlet(configured) if configured else ""
    if name:
        return FeedOutlet(name)
    own = [h for h in hosts if h]
    titled = outlet_from_title(title, own)
    return FeedOutlet(titled, frozenset(site_of(h) for h in own)) if titled and own else None


def _compact(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _host_labels(hosts: Iterable[str]) -> set[str]:
    labels: set[str] = set()
    for host in hosts:
        parts = host.split(".")
        if len(parts) < 2 or all(p.isdigit() for p in parts):
            continue  # an IP address or a bare name says nothing about an outlet's name
        labels.update(p for p in parts[:-1] if len(p) >= 3 and p not in _HOST_NOISE and not p.isdigit())
    return labels


def _looks_like_host(part: str, labels: set[str]) -> bool:
    compact = _compact(part)
    if len(compact) < 3:
        return False
    return any(label in compact or compact in label for label in labels)


def _generic(part: str) -> bool:
    return all(word.lower() in _GENERIC for word in _WORD.findall(part))


def _is_domain(part: str) -> bool:
    return re.fullmatch(r"(?:[\w-]+\.)+[a-z]{2,}", part.strip(), re.IGNORECASE) is not None


def outlet_from_title(title: str, hosts: Iterable[str] = ()) -> str | None:
    """A short outlet name from a feed's title, or None when the title names no outlet (then the domain is shown).

    ``hosts`` are the feed's own hosts (its URL's, its ``<link>``'s): the part of the title that spells one of them
    is the outlet. The rule, in order:

    1. The title is cut where a separator joins the outlet's name and the section (`` | ``, `` - ``, `` – ``,
       `` — ``, `` > ``, `` » ``, `` · ``, `` / ``, ``: ``, `` :: ``); a trailing "RSS" / "Atom feed" is dropped.
    2. Parts longer than 60 characters (taglines), shorter than 2, or bare domain names are not names.
    3. The part that spells one of the feed's hosts is the name ("NYT" in rss.nytimes.com, "The Guardian" in
       theguardian.com); else the first part that is not only generic words ("World News", "Latest", "Home").
    4. Nothing left: None, and the link's domain names the outlet.

    ====================================================================  ===================  ==================
    title                                                                 host                 name
    ====================================================================  ===================  ==================
    ``Reuters: World News``                                               reuters.com          ``Reuters``
    ``World news | The Guardian``                                         theguardian.com      ``The Guardian``
    ``BBC News - World``                                                  feeds.bbci.co.uk     ``BBC News``
    ``NYT > World News``                                                  rss.nytimes.com      ``NYT``
    ``Home - CBS News``                                                   cbsnews.com          ``CBS News``
    ``Al Jazeera – Breaking News, World News and Video from Al Jazeera``  aljazeera.com        ``Al Jazeera``
    ``"China soybeans" - Google News``                                    news.google.com      ``Google News``
    ``Xinhua RSS``                                                        english.news.cn      ``Xinhua``
    ``AP News``                                                           apnews.com           ``AP News``
    ``Latest News``                                                       example.com          None (domain)
    ``reuters.com``                                                       reuters.com          None (domain)
    ``t`` or empty                                                        any                  None (domain)
    ====================================================================  ===================  ==================
    """
    title = " ".join(clean(title).split())
    if not title:
        return None
    parts = [_FEED_SUFFIX.sub("", p).strip(" \"'") for p in _SEPARATOR.split(title)]
    names = [
        p
        for p in parts
        if _MIN_OUTLET_CHARS <= len(p) <= MAX_OUTLET_CHARS and not _is_domain(p) and any(c.isalnum() for c in p)
    ]
    labels = _host_labels(hosts)
    for part in names:
        if _looks_like_host(part, labels):
            return part
    return next((p for p in names if not _generic(p)), None)


def clean_outlet(name: str) -> str:
    """An outlet name as it may travel: one line, no control characters, at most 60 characters."""
    return " ".join(clean(name).split())[:MAX_OUTLET_CHARS].strip()


def mark_outlet(link: str | None, host: str, name: str) -> str | None:
    """``link`` with ``#via=<host>&outlet=<name>`` added, or unchanged when it cannot carry it.

    Unchanged when the link already has a fragment (it may mean something to the site), the host is not a plain
    domain name or address, the name is empty, or the mark would make the link longer than the entries table
    stores (:data:`MAX_LINK_CHARS`).
    """
    if link is None or "#" in link or not host or not all(c.isalnum() or c in ".-" for c in host):
        return link
    name = clean_outlet(name)
    named = f"&outlet={quote(name, safe='')}" if name else ""
    marked = f"{link}#via={host}{named}"
    return marked if len(marked) <= MAX_LINK_CHARS else link
