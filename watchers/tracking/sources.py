"""Where a report came from: publisher names and the Sources line of an alert's text."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit


def publisher_of(url: str) -> str:
    """A short publisher name from a link: ``https://www.reuters.com/x`` -> ``reuters.com``.

    A link from an aggregator's feed carries the outlet in its fragment (``...#via=reuters.com``, set by
    :func:`watchers.feeds.parse._with_outlet` from the item's ``<source>``): that outlet is the publisher.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.fragment.startswith("via="):
        outlet = parts.fragment[4:].split("&", 1)[0].lower()
        if outlet and all(c.isalnum() or c in ".-" for c in outlet):
            return outlet
    return (parts.hostname or "").lower().removeprefix("www.")


def outlet_name(url: str) -> str:
    """The name to show for a link's outlet: the aggregator item's ``<source>`` name when the link carries it
    (``#via=reuters.com&outlet=Reuters`` -> ``Reuters``), else :func:`publisher_of`'s host name."""
    try:
        fragment = urlsplit(url).fragment
    except ValueError:
        return publisher_of(url)
    if fragment.startswith("via="):
        named = parse_qs(fragment).get("outlet")
        if named and named[0].strip():
            return " ".join(named[0].split())[:60]
    return publisher_of(url)


def with_sources(text: str, sources: list[str]) -> str:
    """``text`` with its "Sources:" line listing ``sources`` (updated when more outlets corroborate)."""
    lines = [line for line in text.split("\n") if not line.startswith("Sources: ")]
    if sources:
        lines.append("Sources: " + sources_line(sources))
    return "\n".join(lines)


def sources_line(sources: list[str]) -> str:
    """``Reuters, apnews.com``: each outlet once (by :func:`publisher_of`), by its name (:func:`outlet_name`)."""
    names: dict[str, str] = {}
    for source in sources:
        names.setdefault(publisher_of(source), outlet_name(source))
    return ", ".join(names.values())
