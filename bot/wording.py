"""Small wording helpers every reply uses, so both platforms and the command line read the same.

Why one place: counts ("1 feeds"), articles ("a event") and command examples written without their prefix were
each fixed in one reply and wrong in the next. Replies build their numbers and examples through these.
"""

from __future__ import annotations

import shlex

__all__ = ["article", "command", "count", "counted", "here", "named_args", "usage"]

_IRREGULAR = {"entry": "entries", "query": "queries", "was": "were", "is": "are", "this": "these", "it": "they"}
_AN_EXCEPTIONS = ("one", "user", "uni", "eu", "us-")  # words starting with a vowel letter but not a vowel sound


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """The noun for ``n`` of it: ``feed`` for 1, ``feeds`` otherwise."""
    if n == 1:
        return singular
    if plural is not None:
        return plural
    return _IRREGULAR.get(singular, singular + "s")


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``1 feed``, ``2 feeds``, ``0 entries``; thousands separated."""
    return f"{n:,} {counted(n, singular, plural)}"


def article(word: str) -> str:
    """``an alert``, ``a digest``, ``an event``, ``a user``: the indefinite article by the word's first sound."""
    lower = word.lower()
    vowel = lower[:1] in ("a", "e", "i", "o", "u") and not lower.startswith(_AN_EXCEPTIONS)
    return f"{'an' if vowel else 'a'} {word}"


def command(text: str) -> str:
    """A command as a user types it, with its prefix: ``/watch add id=...``. Both platforms use ``/``."""
    return "/" + text.lstrip("/")


def here(platform: str, chat_kind: str) -> str:
    """Where a command was run, as its people call it: "this channel" on a Discord server, "this group" on Telegram.

    Replies said "this chat" everywhere, which reads oddly to a Discord server's members.
    """
    if platform == "discord":
        return "this channel" if chat_kind == "guild" else "this DM"
    return {"group": "this group", "channel": "this channel"}.get(chat_kind, "this chat")


def usage(platform: str, name: str, *args: tuple[str, str], named: bool = False) -> str:
    """A command with arguments as the caller types it on their platform.

    Discord's slash commands name every option (``/settings setting:quiet value:22:00-07:00``); Telegram reads
    words in order (``/settings quiet 22:00-07:00``), or ``name=value`` pairs with ``named`` (quoted when a value
    has spaces). Replies wrote the Telegram form everywhere, which a Discord user cannot type.
    """
    if platform == "discord":
        words = [f"{key}:{value}" for key, value in args]
    elif named:
        words = [f"{key}={_quoted(value)}" for key, value in args]
    else:
        words = [value for _, value in args]
    return " ".join([command(name), *words])


def named_args(text: str) -> list[tuple[str, str]]:
    """``id=x title="A b"`` as ``[("id", "x"), ("title", "A b")]``: an example written once, shown per platform."""
    return [(key, value) for key, _, value in (word.partition("=") for word in shlex.split(text))]


def _quoted(value: str) -> str:
    return f'"{value}"' if " " in value else value
