"""Shared shape of the chat-command tests: one table of scenarios, run through every adapter.

``tests/command_scenarios.py`` lists :class:`Scenario` rows (a command, who runs it, where, its arguments,
what the reply must say). Each platform test module implements a :class:`CommandDriver` that turns a scenario
into a real platform event (a Telegram update injected into the fake Bot API, a Discord INTERACTION_CREATE
injected into the fake gateway) and reads the reply back from the fake server; the same rows also run straight
against the service. Identities are fixed here so every module agrees on who is an owner.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

Role = Literal["owner", "admin", "chat_admin", "member"]
Place = Literal["private", "group"]

# Platform user ids per role. Owners are in the test config; "admin" is added with `admins add` by fixtures;
# "chat_admin" administers the group (Telegram getChatMember says "administrator"; Discord: Manage Guild).
TELEGRAM_USERS: dict[Role, int] = {"owner": 1001, "admin": 1002, "chat_admin": 1003, "member": 1004}
DISCORD_USERS: dict[Role, int] = {
    "owner": 200000000000000001,
    "admin": 200000000000000002,
    "chat_admin": 200000000000000003,
    "member": 200000000000000004,
}
TELEGRAM_GROUP_CHAT = -1001234567890
DISCORD_GUILD = 300000000000000001
DISCORD_CHANNEL = 300000000000000002


@dataclass(frozen=True)
class Scenario:
    """One command run and what must come back.

    ``expect`` are substrings the reply text must contain (case-insensitive); ``ok`` whether the service
    accepted it (False for refusals and bad input); ``attachment`` a file the reply must carry ("image/png").
    """

    id: str
    command: str  # a CommandSpec name: "status", "watch add", ...
    args: Mapping[str, str] = field(default_factory=dict)
    role: Role = "member"
    place: Place = "private"
    ok: bool = True
    expect: tuple[str, ...] = ()
    attachment: str | None = None
    upload: bytes | None = None  # a file sent with the command (import)


@dataclass(frozen=True)
class DriverReply:
    text: str
    ok: bool | None  # None when the platform reply cannot tell (the text then must say so)
    attachment_mime: str | None = None
    buttons: tuple[str, ...] = ()


class CommandDriver(Protocol):
    """Runs one scenario through a platform (or straight through the service) and returns the reply."""

    async def run(self, scenario: Scenario) -> DriverReply: ...
