"""Discord's rules the fake enforces, kept apart from its plumbing: who a message pings, and what a post needs.

Pings, as Discord decides them: only a message's ``content`` can mention (never embeds); a mention pings only when
``allowed_mentions`` lets it (no ``allowed_mentions`` at all means every mention in the text parses), and ``@here``
/ ``@everyone`` and roles that are not mentionable ping only when the sender holds Mention Everyone. Anything
written but not let through is *suppressed*: shown as text, nobody notified. Tests read both lists.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# permission bits (Discord's)
CREATE_INSTANT_INVITE = 1 << 0
ADMINISTRATOR = 1 << 3
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
READ_MESSAGE_HISTORY = 1 << 16
MENTION_EVERYONE = 1 << 17
MANAGE_GUILD = 1 << 5
CREATE_PUBLIC_THREADS = 1 << 35
SEND_MESSAGES_IN_THREADS = 1 << 38
BOT_DEFAULT = (
    VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | READ_MESSAGE_HISTORY | CREATE_PUBLIC_THREADS | SEND_MESSAGES_IN_THREADS
)

TEXT, VOICE, THREAD, FORUM = 0, 2, 11, 15
_MENTION = re.compile(r"@(everyone|here)|<@(!?)(\d+)>|<@&(\d+)>")


@dataclass(frozen=True)
class Ping:
    """One mention in a message: ``target`` is ``"@here"``, ``"@everyone"``, ``"role:ID"`` or ``"user:ID"``."""

    message_id: str
    channel_id: str
    target: str


def mentions_in(content: str) -> list[str]:
    """Every mention written in ``content``, as :attr:`Ping.target` strings, in order."""
    found = []
    for match in _MENTION.finditer(content):
        if match.group(1):
            found.append("@" + match.group(1))
        elif match.group(3):
            found.append(f"user:{match.group(3)}")
        else:
            found.append(f"role:{match.group(4)}")
    return found


def allowed(target: str, allowed_mentions: Mapping[str, Any] | None, mentionable: bool, can_everyone: bool) -> bool:
    """Whether Discord lets ``target`` ping, given the message's ``allowed_mentions`` and the sender's rights."""
    if allowed_mentions is None:
        parse, roles, users = {"everyone", "roles", "users"}, set(), set()
    else:
        parse = set(allowed_mentions.get("parse") or [])
        roles = {str(r) for r in allowed_mentions.get("roles") or []}
        users = {str(u) for u in allowed_mentions.get("users") or []}
    if target in ("@here", "@everyone"):
        return "everyone" in parse and can_everyone
    kind, _, ident = target.partition(":")
    if kind == "role":
        return ("roles" in parse or ident in roles) and (mentionable or can_everyone)
    return "users" in parse or ident in users


def problem_with_allowed_mentions(allowed_mentions: Any) -> str | None:
    """Why Discord would answer 400 to this ``allowed_mentions``, or None (a list and its parse type together)."""
    if allowed_mentions is None:
        return None
    if not isinstance(allowed_mentions, Mapping):
        return "allowed_mentions must be an object"
    parse = allowed_mentions.get("parse") or []
    for kind in ("roles", "users"):
        if kind in parse and allowed_mentions.get(kind):
            return f"allowed_mentions: parse {kind} and a {kind} list are mutually exclusive"
    return None


def channel_payload(channel_id: int, name: str, kind: int, guild_id: int, position: int,
                    overwrites: list[dict[str, Any]] | None = None) -> dict[str, Any]:  # fmt: skip
    """A guild channel as GUILD_CREATE and GET /channels/{id} carry it (text, voice or forum)."""
    payload: dict[str, Any] = {
        "id": str(channel_id), "type": kind, "name": name, "position": position, "guild_id": str(guild_id),
        "parent_id": None, "permission_overwrites": overwrites or [], "nsfw": False, "topic": None,
        "last_message_id": None, "rate_limit_per_user": 0,
    }  # fmt: skip
    if kind == VOICE:
        payload |= {"bitrate": 64000, "user_limit": 0, "rtc_region": None}
    if kind == FORUM:
        payload |= {"available_tags": [], "default_reaction_emoji": None, "default_thread_rate_limit_per_user": 0,
                    "default_sort_order": None, "default_forum_layout": 0, "flags": 0}  # fmt: skip
    return payload


def role_payload(role_id: int, name: str, permissions: int, position: int, *, mentionable: bool = False,
                 managed: bool = False) -> dict[str, Any]:  # fmt: skip
    return {"id": str(role_id), "name": name, "permissions": str(permissions), "position": position, "color": 0,
            "hoist": False, "managed": managed, "mentionable": mentionable, "flags": 0}  # fmt: skip


def forum_thread_problem(body: Mapping[str, Any]) -> str | None:
    """Why Discord would refuse this forum post (POST /channels/{forum}/threads), or None."""
    name = body.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= 100:
        return "a forum post needs a name of 1 to 100 characters"
    message = body.get("message")
    if not isinstance(message, Mapping) or not (message.get("content") or message.get("embeds")):
        return "a forum post needs a first message with content or embeds"
    return problem_with_allowed_mentions(message.get("allowed_mentions"))
