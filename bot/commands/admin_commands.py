"""Owner commands: admins add / remove (admins run every watch and feed command; owners are in the config)."""

from __future__ import annotations

import re

from bot.commands.api import Reply
from bot.commands.context import CommandContext, CommandProblem, Handler, Invocation

_USER_ID = re.compile(r"^\d{1,20}$")


def _user(inv: Invocation) -> str:
    raw = (inv.arg("user") or "").lstrip("@").removeprefix("<@").removesuffix(">").lstrip("!")
    if not _USER_ID.match(raw):
        shown = inv.arg("user") or "nothing"
        raise CommandProblem(
            f"{shown!r} is not a user id; give the numeric id (Telegram: the user's id, e.g. from @userinfobot; "
            "Discord: Copy User ID in developer mode)"
        )
    return raw


async def admins_add(ctx: CommandContext, inv: Invocation) -> Reply:
    user = _user(inv)
    platform = inv.caller.platform
    owners = {"telegram": ctx.config.owners.telegram, "discord": ctx.config.owners.discord}.get(platform, [])
    if user in {str(o) for o in owners}:
        return Reply(f"{user} is an owner already (owners can do everything admins can)")
    async with ctx.db.transaction() as session:
        added = await ctx.admins.add(session, platform, user, by=inv.actor, now=ctx.clock.now())
        if not added:
            return Reply(f"{user} is an admin already")
        inv.accepted(ctx, session, f"added admin {platform}:{user}", None, {"platform": platform, "user_id": user})
    return Reply(f"{user} is now a bot admin on {platform}")


async def admins_remove(ctx: CommandContext, inv: Invocation) -> Reply:
    user = _user(inv)
    platform = inv.caller.platform
    async with ctx.db.transaction() as session:
        removed = await ctx.admins.remove(session, platform, user)
        if not removed:
            raise CommandProblem(f"{user} is not an admin on {platform}; nothing to remove")
        inv.accepted(ctx, session, f"removed admin {platform}:{user}", {"platform": platform, "user_id": user}, None)
    return Reply(f"{user} is no longer a bot admin on {platform}")


HANDLERS: dict[str, Handler] = {"admins add": admins_add, "admins remove": admins_remove}
