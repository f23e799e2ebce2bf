"""Who may run what, decided in one place.

Owners come from the config (``owners.telegram`` / ``owners.discord``), admins from the admins table; a
chat's own administrators (Telegram group admins, Discord Manage Guild, as the adapter reports them) may
manage that chat's subscriptions. In a private chat everyone manages their own.
"""

from __future__ import annotations

from bot.commands.api import Caller, CommandSpec
from bot.commands.context import CommandContext, Level
from bot.wording import usage


async def level_of(ctx: CommandContext, caller: Caller) -> Level:
    owners = {"telegram": ctx.config.owners.telegram, "discord": ctx.config.owners.discord}.get(caller.platform, [])
    if caller.user_id in {str(uid) for uid in owners}:
        return Level.OWNER
    if await ctx.admins.is_admin(caller.platform, caller.user_id):
        return Level.ADMIN
    return Level.CHAT_ADMIN if caller.chat_admin else Level.MEMBER


def refusal(spec: CommandSpec, caller: Caller, level: Level) -> str | None:
    """Why ``caller`` may not run ``spec`` (a sentence that says who may), or None when they may."""
    name = spec.name
    if spec.access == "anyone":
        return None
    if spec.access == "chat_admin":
        if caller.chat_kind == "private" or level >= Level.CHAT_ADMIN:
            return None
        who = "members with Manage Server" if caller.platform == "discord" else "this group's administrators"
        return (
            f"only {who} or the bot's admins can run {name} here; "
            "run it in a private chat with the bot to manage your own alerts"
        )
    if spec.access == "admin":
        if level >= Level.ADMIN:
            return None
        return (
            f"only the bot's owners and admins can run {name}; your user id is {caller.user_id}, "
            f"so an owner can add you with: {usage(caller.platform, 'admins add', ('user', caller.user_id))}"
        )
    if level >= Level.OWNER:
        return None
    return f"only the bot's owners (listed under owners: in the config) can run {name}"
