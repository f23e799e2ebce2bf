"""Render an :class:`OutgoingMessage` as Telegram HTML, split into chunks Telegram accepts.

Every feed-derived string is untrusted: it is escaped with ``html.escape(quote=True)``, ``@`` gets a word joiner
after it so a headline cannot mention (and notify) anyone, and links are kept only for http(s) URLs.

The message is built as a list of lines, each a piece of raw text with an optional wrapping tag (``<b>``,
``<a href>``). Chunks are packed from whole lines, so a split can never fall inside a tag or an entity; a line
longer than the limit is cut on spaces (or, for a single huge word, between characters) *before* escaping, and
each piece gets its own opening and closing tag. Each chunk also carries the plain text of the same lines, so a
chunk Telegram rejects ("can't parse entities") can be resent as plain text without re-splitting.

Lengths are counted in UTF-16 code units of the HTML source, which is never less than what Telegram counts
(characters after entity parsing), so every chunk fits its 4096 limit.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.channels.base import OutgoingMessage

__all__ = ["TELEGRAM_TEXT_LIMIT", "Chunk", "render_chunks", "render_html", "render_plain", "safe_url", "tg_len"]

TELEGRAM_TEXT_LIMIT = 4096
_WORD_JOINER = "\u2060"


@dataclass(frozen=True)
class Chunk:
    """One Telegram message: its HTML and the plain-text equivalent of the same lines (for the fallback)."""

    html: str
    plain: str


@dataclass(frozen=True)
class _Line:
    text: str  # raw, unescaped
    prefix: str = ""  # raw text before the tag (e.g. a bullet)
    open_tag: str = ""  # already-safe HTML
    close_tag: str = ""
    plain_suffix: str = ""  # raw text only in the plain rendering (a link's URL)

    def html(self) -> str:
        return _escape(self.prefix) + self.open_tag + _escape(self.text) + self.close_tag

    def plain(self) -> str:
        return _defuse(self.prefix + self.text + self.plain_suffix)


def tg_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram counts in (an emoji may count as two)."""
    return len(text.encode("utf-16-le")) // 2


def _defuse(text: str) -> str:
    """Break ``@name`` so feed text can never mention a user or bot."""
    return text.replace("@", "@" + _WORD_JOINER)


def _escape(text: str) -> str:
    return html.escape(_defuse(text), quote=True)


def safe_url(url: str) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (javascript:, tg://, relative, malformed)."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    return url


def _lines(message: OutgoingMessage) -> list[_Line]:
    structured = message.title or message.headline or message.details or message.sources
    if not structured:
        return [_Line(text=line) for line in (message.plain_text or "").splitlines()]
    lines: list[_Line] = []
    if message.title:
        lines.append(_Line(text=message.title, open_tag="<b>", close_tag="</b>"))
    if message.unconfirmed:
        lines.append(_Line(text="UNCONFIRMED — single source, not yet corroborated", open_tag="<b>", close_tag="</b>"))
    if message.headline:  # linked to the first report, as a reader expects a headline to be
        first = next((u for u in (safe_url(s.url) for s in message.sources) if u), None)
        if first is None:
            lines.append(_Line(text=message.headline))
        else:
            href = html.escape(first, quote=True)
            lines.append(_Line(text=message.headline, open_tag=f'<a href="{href}">', close_tag="</a>"))
    for detail in message.details:
        lines.extend(_Line(text=part) for part in detail.splitlines() or [""])
    if message.sources:
        lines.append(_Line(text=""))
        lines.append(_Line(text="Sources:"))
        for source in message.sources:
            publisher = " ".join(source.publisher.split()) or "source"
            url = safe_url(source.url)
            if url is None:
                lines.append(_Line(text=publisher, prefix="• "))
            else:
                href = html.escape(url, quote=True)
                lines.append(
                    _Line(
                        text=publisher,
                        prefix="• ",
                        open_tag=f'<a href="{href}">',
                        close_tag="</a>",
                        plain_suffix=f" — {url}",
                    )
                )
    return lines


def _split_long(line: _Line, limit: int) -> list[_Line]:
    """Cut a line too long for one message into pieces that fit, on spaces where possible, tags reopened."""
    if tg_len(line.html()) > limit and tg_len(line.open_tag + line.close_tag) > limit // 4:
        # a link whose URL alone eats the message: keep the text, drop the link
        line = _Line(text=line.text, prefix=line.prefix)
    overhead = tg_len(line.open_tag + line.close_tag)
    budget = limit - overhead
    pieces: list[_Line] = []
    current = ""
    first = True

    def fits(text: str, with_prefix: bool) -> bool:
        prefix = line.prefix if with_prefix else ""
        return tg_len(_escape(prefix) + _escape(text)) <= budget

    def emit(text: str) -> None:
        nonlocal first
        prefix = line.prefix if first else ""
        pieces.append(_Line(text=text, prefix=prefix, open_tag=line.open_tag, close_tag=line.close_tag))
        first = False

    for word in line.text.split(" "):
        candidate = f"{current} {word}" if current else word
        if fits(candidate, first):
            current = candidate
            continue
        if current:
            emit(current)
            current = ""
        # the word alone: cut it between characters if it is still too long (escaping happens per piece)
        while not fits(word, first):
            # escaping grows a character at most 6x (&#x27;), so budget // 6 always fits; then grow
            cut = max(1, min(len(word) - 1, budget // 6))
            while cut < len(word) and fits(word[: cut + 1], first):
                cut += 1
            emit(word[:cut])
            word = word[cut:]
        current = word
    if current or not pieces:
        emit(current)
    return pieces


def render_chunks(message: OutgoingMessage, limit: int = TELEGRAM_TEXT_LIMIT) -> list[Chunk]:
    """Render ``message`` to HTML chunks of at most ``limit`` UTF-16 units, split only between lines."""
    lines: list[_Line] = []
    for line in _lines(message):
        lines.extend(_split_long(line, limit) if tg_len(line.html()) > limit else [line])
    chunks: list[Chunk] = []
    html_parts: list[str] = []
    plain_parts: list[str] = []
    size = 0
    for line in lines:
        rendered = line.html()
        added = tg_len(rendered) + (1 if html_parts else 0)
        if html_parts and size + added > limit:
            chunks.append(_chunk(html_parts, plain_parts))
            html_parts, plain_parts, size = [], [], 0
            added = tg_len(rendered)
        html_parts.append(rendered)
        plain_parts.append(line.plain())
        size += added
    if html_parts:
        chunks.append(_chunk(html_parts, plain_parts))
    return [c for c in chunks if c.html.strip()] or [Chunk(html="(empty message)", plain="(empty message)")]


def _chunk(html_parts: list[str], plain_parts: list[str]) -> Chunk:
    # blank lines at a chunk's edges would be trimmed by Telegram anyway; strip them so chunks never start empty
    return Chunk(html="\n".join(html_parts).strip("\n"), plain="\n".join(plain_parts).strip("\n"))


def render_html(message: OutgoingMessage, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """The HTML chunks only (what goes out with ``parse_mode=HTML``)."""
    return [chunk.html for chunk in render_chunks(message, limit)]


def render_plain(message: OutgoingMessage, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Plain-text chunks (no markup, links spelled out), for when Telegram rejects the HTML."""
    return [chunk.plain for chunk in render_chunks(message, limit)]
