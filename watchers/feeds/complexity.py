"""A linear pre-scan of a feed body that refuses shapes the XML parsers handle in super-linear time.

Why: feedparser's strict parser reads each element's attributes through ``xml.sax``'s
``AttributesNSImpl.getValueByQName``, a linear search, once per attribute: an element with *n* attributes costs
*n*\\ :sup:`2`. One item with 40,000 attributes (a 429 KB feed) took 16-23 s of CPU. No real feed needs more than
a handful of attributes on an element, a nesting deeper than a few dozen levels, or tens of thousands of entries,
so those are capped here, before any parser runs, with a message that says which cap was hit. feedparser also
keeps an entry's tags (``<category>``, ``<dc:subject>``, the comma-separated terms of ``<media:keywords>``...)
in a list it searches before each append: 20,000 categories in one item (529 KB) took 6.4 s. Tags per entry are
capped too. With these caps, parse time grows linearly with the body, which ``fetch.max_bytes`` bounds; the CPU
budget in :mod:`watchers.feeds.parse` is the backstop for anything not foreseen here.

The scan reads tags with one regular expression that never backtracks (possessive repeats: attribute values are
quoted or contain no space, names cannot contain ``=``, so no character can be read two ways), skips comments and
CDATA sections (escaped HTML in a summary is text, not elements), and reads broken markup leniently the way the
loose parser does: an end tag closes the nearest open element of that name, and HTML void elements (``<br>``,
``<img>``...) never open a level. It costs 1-2 µs per tag, under a tenth of what parsing the same tag costs.
"""

from __future__ import annotations

import re

__all__ = ["MAX_ATTRIBUTES", "MAX_DEPTH", "MAX_ENTRIES", "MAX_TAGS", "structure_problem"]

MAX_ATTRIBUTES = 64  # attributes on one element (real feeds: under 10)
MAX_DEPTH = 128  # elements nested inside each other (real feeds: under 30, XHTML content included)
MAX_ENTRIES = 10_000  # <item>/<entry> elements in one feed (a 10 MB feed of 1 KB items)
MAX_TAGS = 100  # tags of one entry, or of the feed itself (news items carry under 30)

_ATTRIBUTE = rb"""\s++[^\s=<>/"']++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'<>]++))?+"""
_TAG = re.compile(rb"<(?:(!\[CDATA\[)|(!--)|(/?)([A-Za-z_][\w.:-]*+)((?:" + _ATTRIBUTE + rb")*+)\s*(/?)>)")
_ONE_ATTRIBUTE = re.compile(_ATTRIBUTE)
_VOID = frozenset(
    b"area base br col embed hr img input link meta param source track wbr".split()
)  # HTML elements without an end tag; <link> in RSS has one, and an end tag with nothing open is ignored
_ENTRY_NAMES = frozenset((b"item", b"entry"))
_TAG_NAMES = frozenset((b"category", b"subject"))  # each element is one tag
_TERM_LISTS = frozenset((b"keywords", b"tags"))  # each comma-separated term of the text is one tag
_MIN_ATTRIBUTE_BYTES = 4  # ' a=1' - a tag shorter than this many bytes per attribute cannot exceed the cap


def structure_problem(data: bytes) -> str | None:
    """Why ``data`` is too complex to parse safely, or None; linear in ``len(data)``."""
    stack: list[bytes] = []
    entries = tags = 0
    pos = 0
    search = _TAG.search
    while True:
        tag = search(data, pos)
        end = len(data) if tag is None else tag.start()
        if stack and stack[-1] in _TERM_LISTS:  # the text before this tag is a list of terms
            tags += data.count(b",", pos, end)
            if tags > MAX_TAGS:
                return _too_many_tags()
        if tag is None:
            return None
        cdata, comment, closing, raw_name, attributes, self_closing = tag.groups()
        if cdata or comment:
            end = data.find(b"]]>" if cdata else b"-->", tag.end())
            if end < 0:
                return None  # unterminated: the parser reads the rest as text
            if cdata and stack and stack[-1] in _TERM_LISTS:
                tags += data.count(b",", tag.end(), end)
            pos = end + 3
            continue
        pos = tag.end()
        name = raw_name.rpartition(b":")[2].lower()
        if closing:
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
            continue
        if len(attributes) > MAX_ATTRIBUTES * _MIN_ATTRIBUTE_BYTES:
            count = len(_ONE_ATTRIBUTE.findall(attributes))
            if count > MAX_ATTRIBUTES:
                return (
                    f"an element <{_shown(raw_name)}> has {count:,} attributes, over the limit of {MAX_ATTRIBUTES} "
                    "(feeds use a handful; this many makes parsing slow on purpose)"
                )
        if name in _ENTRY_NAMES:
            entries += 1
            tags = 0
            if entries > MAX_ENTRIES:
                return f"the feed has more than {MAX_ENTRIES:,} entries (use a feed of recent items)"
        elif name in _TAG_NAMES or name in _TERM_LISTS:
            tags += 1
            if tags > MAX_TAGS:
                return _too_many_tags()
        if self_closing or name in _VOID:
            continue
        stack.append(name)
        if len(stack) > MAX_DEPTH:
            return f"elements are nested more than {MAX_DEPTH} levels deep (feeds nest a few levels)"


def _too_many_tags() -> str:
    return f"an entry has more than {MAX_TAGS} categories or keywords (news items carry a few dozen at most)"


def _shown(name: bytes) -> str:
    return name[:40].decode("ascii", "replace")
