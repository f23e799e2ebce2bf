"""Render a platform-neutral :class:`OutgoingMessage` as one Discord embed (bot channel and webhooks alike).

Every string in the message may come from a feed, so each one is escaped for Discord markdown and mentions
before it is placed, and only http(s) URLs become links. Discord rejects an embed over its limits (title 256,
description 4096, field value 1024, 6000 in total) with a 400 that retrying cannot fix, so every part is
truncated here, after escaping, to fit.
"""

from __future__ import annotations

import re
from datetime import UTC
from urllib.parse import urlsplit

import discord

from bot.channels.base import OutgoingMessage, Source

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000
URL_LIMIT = 512  # longer feed URLs are shown as plain publisher names rather than eating the field budget

ELLIPSIS = "…"

KIND_COLOURS: dict[str, discord.Colour] = {
    "status": discord.Colour.blue(),
    "date": discord.Colour.orange(),
    "value": discord.Colour.green(),
    "target": discord.Colour.gold(),
    "deadline_soon": discord.Colour.yellow(),
    "deadline_missed": discord.Colour.red(),
    "report": discord.Colour.light_grey(),
    "notice": discord.Colour.purple(),
}
DEFAULT_COLOUR = discord.Colour.dark_grey()

UNCONFIRMED_MARKER = "⚠️ **Unconfirmed** — only one source so far"
UNCONFIRMED_FOOTER = "Unconfirmed: will be updated when another outlet reports it"
UNSUBSCRIBE_FOOTER = "/unsubscribe <watch id> to stop these alerts"
FOOTER_SEPARATOR = " · "

# Mention-like syntax escape_mentions leaves alone (<@id> with any id length, <#channel>, </command:id>):
# a zero-width space after "<" stops Discord from parsing them.
_ANGLE_MENTION = re.compile(r"<(?=[@#/])")
# Markdown that only acts at the start of a line (headings, quotes, lists, subtext) and escape_markdown keeps.
_LINE_START_MARKUP = re.compile(r"^(\s*)([#>\-+])", re.MULTILINE)
_UNSAFE_URL_CHARS = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "\n": "", "\r": "", "\t": ""}


def escape_text(text: str) -> str:
    """Make untrusted feed text inert on Discord: no markdown, no links masking, no mentions of anyone."""
    escaped = discord.utils.escape_markdown(text)  # leaves bare URLs intact; masked links are escaped
    escaped = discord.utils.escape_mentions(escaped)
    escaped = _ANGLE_MENTION.sub("<\u200b", escaped)
    return _LINE_START_MARKUP.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", escaped)


def safe_url(url: str) -> str | None:
    """The URL if it is an absolute http(s) URL short enough to link, made safe inside ``[text](url)``."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or len(url) > URL_LIMIT:
        return None
    return "".join(_UNSAFE_URL_CHARS.get(ch, ch) for ch in url)


def truncate(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` characters, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    # A cut right after an escaping backslash would escape the ellipsis: drop the dangling backslash.
    if cut.endswith("\\") and not cut.endswith("\\\\"):
        cut = cut[:-1]
    return cut + ELLIPSIS


def sources_value(sources: tuple[Source, ...], limit: int = FIELD_VALUE_LIMIT) -> str:
    """One line per source as a markdown link; when they do not fit in ``limit``, end with "and N more"."""
    lines = [_source_line(source) for source in sources]
    for shown in range(len(lines), -1, -1):
        hidden = len(lines) - shown
        parts = lines[:shown] + ([f"and {hidden} more"] if hidden else [])
        value = "\n".join(parts)
        if len(value) <= limit:
            return value
    return truncate(f"{len(lines)} sources", limit)  # unreachable for limit >= ~20


def ping(message: OutgoingMessage) -> tuple[str | None, discord.AllowedMentions]:
    """The content and ``allowed_mentions`` of a message: nothing and nobody, unless its subscription opted in.

    The opt-in (``message.mention``, watchers.store.mentions) is the only text ever put in ``content``, and
    ``allowed_mentions`` lists exactly it: the role by id, or ``everyone`` for @here (Discord governs @here by that
    flag). Feed text stays in the embed, which never pings, and is escaped there besides.
    """
    kind, _, role_id = message.mention.partition(":")
    if kind == "here" and not role_id:
        return "@here", discord.AllowedMentions(everyone=True, users=False, roles=False, replied_user=False)
    if kind == "role" and role_id.isdigit():
        only = discord.AllowedMentions(everyone=False, users=False, roles=[discord.Object(int(role_id))],
                                       replied_user=False)  # fmt: skip
        return f"<@&{role_id}>", only
    return None, discord.AllowedMentions.none()


def render_embed(message: OutgoingMessage, *, unsubscribe_hint: bool = False) -> discord.Embed:
    """The alert as one embed: title, coloured by kind, headline and details, sources, unconfirmed marker, and
    the alert's time as the embed's timestamp (Discord shows it in each reader's own time zone).

    ``unsubscribe_hint`` adds a footer saying how to stop these alerts (:data:`UNSUBSCRIBE_FOOTER`): for the
    bot's own channel messages, where ``/unsubscribe`` works; not for webhooks, which no command manages.
    """
    title = truncate(escape_text(message.title), TITLE_LIMIT) if message.title else None
    lines: list[str] = []
    if message.unconfirmed:
        lines.append(UNCONFIRMED_MARKER)
    if message.headline:
        lines.append(f"**{escape_text(message.headline)}**")
    lines.extend(escape_text(detail) for detail in message.details if detail)
    description = truncate("\n".join(lines), DESCRIPTION_LIMIT) if lines else None

    first_link = next((u for u in (safe_url(s.url) for s in message.sources) if u), None)
    timestamp = message.timestamp
    if timestamp is not None and timestamp.tzinfo is None:  # stored times are UTC; discord.py would assume local
        timestamp = timestamp.replace(tzinfo=UTC)
    embed = discord.Embed(
        title=title,
        description=description,
        colour=KIND_COLOURS.get(message.kind, DEFAULT_COLOUR),
        url=first_link if title else None,
        timestamp=timestamp,
    )
    for name, value in message.facts[:6]:
        embed.add_field(name=escape_text(name), value=truncate(escape_text(value), 200) or "-", inline=True)
    if message.sources:
        name = "Source" if len(message.sources) == 1 else "Sources"
        embed.add_field(name=name, value=sources_value(message.sources), inline=False)
    footer = [UNCONFIRMED_FOOTER] if message.unconfirmed else []
    if unsubscribe_hint:
        footer.append(UNSUBSCRIBE_FOOTER.replace("<watch id>", message.watch_id or "<watch id>"))
    if footer:  # footers show no markdown and no mentions: the fixed texts need no escaping
        embed.set_footer(text=truncate(FOOTER_SEPARATOR.join(footer), FOOTER_LIMIT))

    # With today's limits the parts cannot exceed 6000 together; keep the invariant if limits ever change.
    overflow = len(embed) - EMBED_TOTAL_LIMIT
    if overflow > 0 and embed.description:
        embed.description = truncate(embed.description, max(len(embed.description) - overflow, 1))
    return embed


def _source_line(source: Source) -> str:
    # Brackets inside masked-link text end the link early whatever the escaping; parentheses read the same.
    name = source.publisher.strip().replace("[", "(").replace("]", ")")
    publisher = escape_text(name or "source")
    publisher = truncate(publisher, 100)
    url = safe_url(source.url)
    return f"[{publisher}]({url})" if url else publisher
