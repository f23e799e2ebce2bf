"""Incremental parsing of a changed feed: parse only the items that were not in the last parsed body.

A feed that changed usually gained one item on top of the dozens it already had. Re-parsing the whole
document with feedparser costs milliseconds of pure-Python CPU per feed; instead :func:`split_feed` cuts the
raw body into (header, item blocks, footer) with a cheap bytes-level scan, each block is fingerprinted, and
:meth:`FeedSplit.reduced` rebuilds a small document - the same header and footer around only the blocks whose
fingerprint was not seen last time - which is then parsed by :func:`watchers.feeds.parse.parse_feed` like any
feed (so every entry followup uses still comes from feedparser). Entries of the unchanged blocks were stored
when they were first seen.

The scan is deliberately strict: anything unusual (no blocks, nested or unbalanced blocks, prefixed item
elements, a block tag inside a CDATA section or comment, any DOCTYPE or entity declaration, UTF-16/32 bodies,
non-blank text between blocks) makes :func:`split_feed` return None and the caller parses the whole body,
through the full path that also defuses hostile XML.

The state kept per feed (:class:`ItemState`, stored as JSON on the feed row) is the fingerprint list of the
last successfully parsed body and when the last full parse happened: a full parse is forced at least every
:data:`FULL_PARSE_EVERY`, so entries still present in a feed keep having their ``last_seen_at`` refreshed
(entry retention prunes by it).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

__all__ = ["FULL_PARSE_EVERY", "FeedSplit", "ItemState", "split_feed"]

FULL_PARSE_EVERY = timedelta(days=1)
MAX_FINGERPRINTS = 1000  # a feed with more blocks than this is always parsed in full

_OPEN = {
    b"item": re.compile(rb"<item(?=[\s>/])"),
    b"entry": re.compile(rb"<entry(?=[\s>/])"),
}
_CLOSE = {
    b"item": re.compile(rb"</item(?=[\s>])"),
    b"entry": re.compile(rb"</entry(?=[\s>])"),
}
_TAG = {
    b"item": re.compile(rb"<(/?)item(?:\s[^<>]*)?(/?)>"),
    b"entry": re.compile(rb"<(/?)entry(?:\s[^<>]*)?(/?)>"),
}
_PREFIXED = re.compile(rb"</?[\w.-]+:(?:item|entry)[\s>/]")
_HAZARD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_SPECIAL = re.compile(rb"<!\[CDATA\[.*?\]\]>|<!--.*?-->", re.DOTALL)  # only once no start is left unclosed
_BLANK = re.compile(rb"\s*")


def _fingerprint(block: bytes) -> str:
    return hashlib.blake2b(block, digest_size=8).hexdigest()


@dataclass(frozen=True)
class FeedSplit:
    """A feed body cut into the bytes before the first block, the blocks, and the bytes after the last one."""

    header: bytes
    blocks: tuple[bytes, ...]
    footer: bytes
    fingerprints: tuple[str, ...]

    def reduced(self, known: Collection[str]) -> tuple[bytes, int]:
        """The document with only the blocks whose fingerprint is not in ``known``; and how many blocks it has."""
        fresh = [b for b, fp in zip(self.blocks, self.fingerprints, strict=True) if fp not in known]
        return self.header + b"".join(fresh) + self.footer, len(fresh)


def split_feed(body: bytes) -> FeedSplit | None:
    """Split an RSS (0.9x/2.0/1.0-RDF) or Atom body into header, item blocks and footer; None if in doubt."""
    if not body or body.startswith((b"\xfe\xff", b"\xff\xfe", b"\x00")) or b"\x00" in body:
        return None  # UTF-16/32 (or binary): the byte scan below only reads ASCII-compatible encodings
    if _HAZARD.search(body) is not None or _PREFIXED.search(body) is not None:
        return None
    has_item = _OPEN[b"item"].search(body) is not None
    has_entry = _OPEN[b"entry"].search(body) is not None
    if has_item == has_entry:
        return None  # neither (not a feed we can split) or both (odd)
    name = b"item" if has_item else b"entry"
    # A CDATA section or comment that starts after the last end of its kind never ends: in doubt. Checked first
    # because the lazy ".*?" would rescan the rest of the body from every such start (a 160 KB body of "<!--" took
    # 46 s). Then one C-level pass removes every section: a <item> tag inside one shows as a different count.
    if body.find(b"<![CDATA[", body.rfind(b"]]>") + 1) >= 0 or body.find(b"<!--", body.rfind(b"-->") + 1) >= 0:
        return None
    opening, closing_tag = b"<" + name, b"</" + name
    outside = _SPECIAL.sub(b"", body)
    if outside.count(opening) != body.count(opening) or outside.count(closing_tag) != body.count(closing_tag):
        return None
    if b"<![CDATA[" in body and body.count(b"<![CDATA[") != body.count(b"]]>"):
        return None
    blocks: list[bytes] = []
    first = last = -1
    open_at = -1
    prev_end = -1
    for tag in _TAG[name].finditer(body):
        closing, selfclosing = tag.group(1), tag.group(2)
        if selfclosing:
            return None
        if not closing:
            if open_at >= 0:
                return None  # nested
            if prev_end >= 0 and _BLANK.fullmatch(body, prev_end, tag.start()) is None:
                return None  # something other than whitespace between two blocks
            open_at = tag.start()
            if first < 0:
                first = open_at
        else:
            if open_at < 0:
                return None  # a close without an open
            blocks.append(body[open_at : tag.end()])
            if len(blocks) > MAX_FINGERPRINTS:
                return None  # parsed in full anyway: stop reading tags here
            prev_end = last = tag.end()
            open_at = -1
    if open_at >= 0 or not blocks or len(blocks) > MAX_FINGERPRINTS:
        return None
    if len(_OPEN[name].findall(body)) != len(blocks) or len(_CLOSE[name].findall(body)) != len(blocks):
        return None  # a tag the strict tag pattern did not read (e.g. a "<" inside an attribute)
    return FeedSplit(body[:first], tuple(blocks), body[last:], tuple(_fingerprint(b) for b in blocks))


@dataclass(frozen=True)
class ItemState:
    """What the feed row remembers of the last parsed body: its block fingerprints and the last full parse."""

    fingerprints: tuple[str, ...]
    full_parse_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {"v": 1, "full_parse_at": self.full_parse_at.timestamp(), "items": list(self.fingerprints)}

    @classmethod
    def from_json(cls, raw: object) -> ItemState | None:
        """The stored state, or None if there is none or it is not in the expected shape."""
        if not isinstance(raw, dict) or raw.get("v") != 1:
            return None
        items, when = raw.get("items"), raw.get("full_parse_at")
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            return None
        if not isinstance(when, int | float):
            return None
        try:
            at = datetime.fromtimestamp(when, UTC)
        except (OverflowError, OSError, ValueError):
            return None
        return cls(tuple(items), at)

    def fresh(self, now: datetime) -> bool:
        """Whether an incremental parse is allowed at ``now`` (the last full parse is recent enough)."""
        return timedelta(0) <= now - self.full_parse_at < FULL_PARSE_EVERY
