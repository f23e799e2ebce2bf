"""Where a report came from: publisher names and the Sources line of an alert's text."""

from __future__ import annotations

from urllib.parse import urlsplit


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
        outlet = parts.fragment[4:].lower()
        if outlet and all(c.isalnum() or c in ".-" for c in outlet):
            return outlet
    return (parts.hostname or "").lower().removeprefix("www.")


def with_sources(text: str, sources: list[str]) -> str:
    """``text`` with its "Sources:" line listing ``sources`` (updated when more outlets corroborate)."""
    lines = [line for line in text.split("\n") if not line.startswith("Sources: ")]
    if sources:
        lines.append("Sources: " + ", ".join(dict.fromkeys(publisher_of(s) for s in sources)))
    return "\n".join(lines)
