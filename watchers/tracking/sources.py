"""Where a report came from: publisher names and the Sources line of an alert's text."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit


def publisher_of(url: str) -> str:
    """The outlet's identity from a link, its host: ``https://www.reuters.com/x`` -> ``reuters.com``.

    A link from an aggregator's feed carries the outlet in its fragment (``...#via=reuters.com``, set by
    :func:`watchers.feeds.parse._with_outlet` from the item's ``<source>``): that outlet is the publisher. Outlets
    are counted (corroboration, ``min_sources``, "each outlet once") by this, never by their shown name.
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
    """The name to show for a link's outlet, when the link carries one (``#via=reuters.com&outlet=Reuters`` ->
    ``Reuters``: an aggregator item's ``<source>``, a feed's ``name:`` or its title, see watchers.feeds.outlet),
    else :func:`publisher_of`'s host name."""
    try:
        fragment = urlsplit(url).fragment
    except ValueError:
        return publisher_of(url)
    if fragment.startswith("via="):
        named = parse_qs(fragment).get("outlet")
        if named and named[0].strip():
            return " ".join(named[0].split())[:60]
    return publisher_of(url)


def article_url(url: str) -> str:
    """The link to show a reader: without the ``#via=...`` outlet mark, which only followup reads."""
    head, sep, fragment = url.partition("#")
    return head if sep and fragment.startswith("via=") else url


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
