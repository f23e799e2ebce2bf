"""What the Discord adapter tells the command service about a picked channel or role (bot.commands.api facts).

Why the adapter and not the service: only the client's cache knows which server a channel is in and what the bot
may do there (Discord sends the *member's* permissions with a picked channel, never the bot's). The facts are
plain data; the service decides what to accept and words the refusal (bot/commands/places.py).

A channel the cache does not hold (another server's, or one deleted meanwhile) is reported as not of this server.
"""

from __future__ import annotations

from typing import Any, Literal

import discord
from discord import app_commands

from bot.commands.api import ChannelFacts, RoleFacts

__all__ = ["ChannelOption", "channel_facts", "role_facts"]

TEXT_TYPES = frozenset({discord.ChannelType.text, discord.ChannelType.news})
THREAD_TYPES = frozenset(
    {discord.ChannelType.public_thread, discord.ChannelType.private_thread, discord.ChannelType.news_thread}
)
FORUM_TYPES = frozenset({discord.ChannelType.forum})
# What the bot needs to post an alert, as Discord's permission names (attribute, shown name)
_VIEW, _EMBED = ("view_channel", "View Channel"), ("embed_links", "Embed Links")
NEEDS: dict[str, tuple[tuple[str, str], ...]] = {
    "text": (_VIEW, ("send_messages", "Send Messages"), _EMBED),
    "thread": (_VIEW, ("send_messages_in_threads", "Send Messages in Threads"), _EMBED),
    "forum": (_VIEW, ("create_public_threads", "Create Public Threads"),
              ("send_messages_in_threads", "Send Messages in Threads"), _EMBED),
}  # fmt: skip


class ChannelOption(app_commands.Transformer):
    """A CHANNEL option offering what alerts can go to (text, announcement, threads, forums), passed on raw.

    Raw because discord.py's own channel transformers fail the whole command, before any callback, for a channel
    missing from the cache; the service should instead say why that channel cannot be used.
    """

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.channel

    @property
    def channel_types(self) -> list[discord.ChannelType]:
        return sorted(TEXT_TYPES | THREAD_TYPES | FORUM_TYPES, key=lambda t: t.value)

    async def transform(self, interaction: discord.Interaction, value: Any, /) -> Any:
        return value


def _kind(channel_type: discord.ChannelType) -> tuple[Literal["text", "forum", "other"], str]:
    """The kind the service judges, and which permissions a post there needs."""
    if channel_type in TEXT_TYPES:
        return "text", "text"
    if channel_type in THREAD_TYPES:
        return "text", "thread"
    if channel_type in FORUM_TYPES:
        return "forum", "forum"
    return "other", "text"


def channel_facts(client: discord.Client, guild_id: int | None, channel_id: int, name: str = "") -> ChannelFacts:
    """What the cache says about ``channel_id`` as seen from the server ``guild_id``."""
    channel = client.get_channel(channel_id)
    guild = getattr(channel, "guild", None)
    if not isinstance(channel, discord.abc.GuildChannel | discord.Thread) or guild is None or guild.id != guild_id:
        found = getattr(channel, "name", None)
        return ChannelFacts(str(channel_id), str(found or name), same_server=False, kind="other")
    kind, needs = _kind(channel.type)
    me = guild.me
    missing: tuple[str, ...] = ()
    mention_everyone = False
    if me is not None:
        permissions = channel.permissions_for(me)
        missing = tuple(shown for attribute, shown in NEEDS[needs] if not getattr(permissions, attribute))
        mention_everyone = permissions.mention_everyone
    return ChannelFacts(str(channel_id), str(getattr(channel, "name", "") or name), same_server=True, kind=kind,
                        missing=missing, can_mention_everyone=mention_everyone)  # fmt: skip


def role_facts(role: discord.Role) -> RoleFacts:
    """A picked role (resolved by Discord with the interaction)."""
    return RoleFacts(id=str(role.id), name=role.name, everyone=role.is_default(), mentionable=role.mentionable)
