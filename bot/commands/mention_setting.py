"""``/settings mention``: the one way an alert ever pings anyone on Discord.

A manager picks a role (the ``role`` option) or writes ``@here``, then the alert kinds that should ping:
``/settings setting:mention role:@news value:status,deadline_missed``; ``value:none`` switches pings off. The
setting is stored per subscription (watchers.store.mentions) and the dispatcher adds the ping to deliveries of
those kinds only; everything else, feed text above all, never mentions anyone.

Why @everyone is refused: it notifies every member of the server, online or not, for a news alert; @here and a
role people opt into are the considerate choices. Telegram has no roles, so there the setting says so plainly.
"""

from __future__ import annotations

import re

from bot.commands import values
from bot.commands.api import RoleFacts
from bot.commands.context import CommandProblem, Invocation
from bot.commands.places import Place
from bot.wording import usage
from watchers.config.schema import ALERT_KINDS
from watchers.store.mentions import MentionSetting

__all__ = ["OFF", "mention_from", "mention_line"]

OFF = ("none", "off", "clear")
HERE_WORDS = ("@here", "here")
EVERYONE_WORDS = ("@everyone", "everyone")


def example(platform: str) -> str:
    """How to set a ping, as the caller types it."""
    return usage(platform, "settings", ("setting", "mention"), ("role", "@role"), ("value", "status,deadline_missed"))


def mention_from(inv: Invocation, place: Place, kinds_received: list[str]) -> tuple[MentionSetting | None, str]:
    """The ping ``inv`` asks for (None: no pings any more) and a note when Discord would not notify anyone.

    Raises CommandProblem for Telegram or a DM, for @everyone, for no role and no @here, or for no alert kinds.
    """
    platform = inv.caller.platform
    if platform != "discord":
        raise CommandProblem(
            "pings are a Discord feature (a role or @here to mention); Telegram has no roles, so alerts here "
            "arrive as ordinary messages with the chat's own notifications"
        )
    if inv.caller.chat_kind != "guild":
        raise CommandProblem("pings are for a server's channels; in a DM every alert notifies you anyway")
    words = [w for w in re.split(r"[,\s]+", inv.arg("value") or "") if w]
    lowered = [w.lower() for w in words]
    role = inv.resolved.get("role")
    picked = role if isinstance(role, RoleFacts) else None
    if lowered and lowered[0] in OFF and picked is None:
        return None, ""
    if any(w in EVERYONE_WORDS for w in lowered) or (picked is not None and picked.everyone):
        raise CommandProblem(
            "@everyone would notify every member of the server for each alert; pick a role people can join, "
            "or write @here for the members online"
        )
    here = any(w in HERE_WORDS for w in lowered)
    if here and picked is not None:
        raise CommandProblem("pick a role or write @here, not both")
    if not here and picked is None:
        raise CommandProblem(f"whom should alerts ping? pick a role, or write @here: {example(platform)}")
    kind_words = [w for w in lowered if w not in HERE_WORDS]
    if not kind_words:
        raise CommandProblem(
            f"on which alert kinds? e.g. {example(platform)}; kinds: {', '.join(ALERT_KINDS)}; none switches pings off"
        )
    kinds = values.alert_kinds(",".join(kind_words), what="mention")
    setting = MentionSetting(None if picked is None else picked.id, tuple(kinds), picked.name if picked else "")
    return setting, _note(setting, picked, place, kinds_received)


def _note(setting: MentionSetting, role: RoleFacts | None, place: Place, kinds_received: list[str]) -> str:
    """Why a saved ping may still not notify anyone, and how to fix it; "" when nothing stands in the way."""
    notes = []
    silent = role is None or not role.mentionable
    if silent and place.can_mention_everyone is False:
        what = "@here" if role is None else f"@{role.name}, which is not mentionable,"
        fix = "" if role is None else " (or make the role mentionable)"
        notes.append(
            f"note: the bot may not ping {what} in {place.name}: give it Mention Everyone there{fix}, "
            "or Discord shows the mention without notifying anyone"
        )
    unused = [k for k in setting.kinds if k not in kinds_received]
    if unused:
        notes.append(f"note: {place.name} does not receive {', '.join(unused)} alerts (see kinds)")
    return "\n".join(notes)


def mention_line(setting: MentionSetting | None) -> str:
    """The settings summary's line about pings."""
    if setting is None:
        return "pings: none (alerts mention nobody)"
    return f"pings: {setting.label()} on {', '.join(setting.kinds)}"
