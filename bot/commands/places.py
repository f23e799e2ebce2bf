"""Where a subscription command acts: the chat it was run in, or another channel of the same server.

Discord's ``/subscribe``, ``/unsubscribe``, ``/settings`` and ``/mute`` take a ``channel`` option, so a manager can
set up a channel from anywhere in the server, including a forum channel, where no command can be typed. The
adapter reports what it knows of the picked channel (:class:`bot.commands.api.ChannelFacts`); the rules and their
wording live here, so a refusal is audited and worded like any other bad argument.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.commands.api import ChannelFacts
from bot.commands.context import CommandContext, CommandProblem, Invocation
from bot.wording import here
from watchers.store.subscribers import excluded
from watchers.store.tables import SubscriptionRow

__all__ = ["Place", "channel_arg", "place_of", "subscription_name", "target_rows"]

CHANNEL = "channel"  # the option's name


@dataclass(frozen=True)
class Place:
    """A chat (or topic) subscriptions are kept for, and how replies name it ("this channel", "#alerts")."""

    platform: str
    address: str
    thread_id: int | None
    name: str
    facts: ChannelFacts | None = None  # what the platform said about it; None when it said nothing

    @property
    def forum(self) -> bool:
        return self.facts is not None and self.facts.kind == "forum"

    @property
    def can_mention_everyone(self) -> bool | None:
        """Whether the bot may ping @here (and roles nobody may mention) there; None when unknown."""
        return None if self.facts is None else self.facts.can_mention_everyone


def place_of(inv: Invocation, *, posting: bool = False) -> Place:
    """The place ``inv`` acts on; with ``posting`` (subscribe) also refuse a channel the bot cannot post to.

    Raises CommandProblem, worded for the caller, for a channel of another server, a voice channel or category,
    a channel the bot may not post in, or a ``channel`` argument from a platform that has no such option.
    """
    caller = inv.caller
    wanted = inv.arg(CHANNEL)
    if wanted is None:
        return Place(caller.platform, caller.chat_address, caller.thread_id, here(caller.platform, caller.chat_kind),
                     caller.channel)  # fmt: skip
    facts = inv.resolved.get(CHANNEL)
    if caller.platform != "discord" or not isinstance(facts, ChannelFacts):
        raise CommandProblem("the channel option is Discord's; run the command in the chat it is for")
    if caller.chat_kind != "guild":
        raise CommandProblem("the channel option works in a server: run the command in one of its channels")
    name = f"#{facts.name}" if facts.name else f"channel {facts.address}"
    if not facts.same_server:
        raise CommandProblem(f"{name} is not a channel of this server; pick one of this server's channels")
    if facts.address == caller.chat_address:
        name = here(caller.platform, caller.chat_kind)
    if posting and facts.kind == "other":
        raise CommandProblem(
            f"{name} is not a text or forum channel; alerts go to text and announcement channels, threads and forums"
        )
    if posting and facts.missing:
        raise CommandProblem(
            f"the bot cannot post in {name}: it lacks {', '.join(facts.missing)} there; "
            "give it those in the channel's permissions, then subscribe again"
        )
    return Place("discord", facts.address, None, name, facts)


async def target_rows(ctx: CommandContext, session: AsyncSession, target: Place) -> list[SubscriptionRow]:
    """Every subscription (active or not) of ``target``, in the caller's transaction."""
    return await ctx.subscriptions.for_target(session, target.platform, target.address, target.thread_id)


def channel_arg(inv: Invocation) -> dict[str, str]:
    """The ``channel`` argument again, for buttons that must act on the same channel as the command did."""
    picked = inv.arg(CHANNEL)
    return {CHANNEL: picked} if picked else {}


def subscription_name(row: SubscriptionRow) -> str:
    """What a subscription receives, as replies name it: a watch id, ``all``, ``all except x, y``."""
    if row.watch_id is not None:
        return row.watch_id
    left_out = excluded(row)
    return f"all except {', '.join(sorted(left_out))}" if left_out else "all"
