"""``settings`` and ``mute``: a chat's delivery preferences, changed together for all it receives.

The preferences keep the shape the dispatcher reads (watchers/store/preferences.py); pings live in their own
column (watchers/store/mentions.py, set by ``settings mention``, bot/commands/mention_setting.py). On Discord the
``channel`` option changes another channel of the server (bot/commands/places.py), a forum included.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.commands import values
from bot.commands.api import Button, Reply
from bot.commands.context import CommandContext, CommandProblem, Handler, Invocation
from bot.commands.mention_setting import mention_from, mention_line
from bot.commands.places import Place, channel_arg, place_of, subscription_name, target_rows
from bot.commands.specs import SETTINGS
from bot.wording import usage
from watchers.config.schema import DEFAULT_KINDS
from watchers.store.mentions import MentionSetting
from watchers.store.outbox import OutboxRepository
from watchers.store.subscribers import describe
from watchers.store.tables import SubscriptionRow

__all__ = ["HANDLERS"]

DIGEST_DEFAULT_KINDS = ["report", "value", "deadline_soon"]  # as watchers/store/preferences.py batches by default
EXAMPLES = (
    ("timezone", "Europe/Berlin"),
    ("quiet", "22:00-07:00"),
    ("digest", "08:00,18:00"),
    ("digest_kinds", "report,value"),
    ("kinds", "status,date,value"),
)


def _setting(platform: str, setting: str, value: str) -> str:
    """``/settings quiet 22:00-07:00`` (Telegram), ``/settings setting:quiet value:22:00-07:00`` (Discord)."""
    return usage(platform, "settings", ("setting", setting), ("value", value))


def _settings_text(rows: list[SubscriptionRow], target: Place, platform: str) -> str:
    active = [r for r in rows if r.active]
    if not active:
        first = usage(platform, "subscribe", ("watch", "all"))
        return f"{target.name} has no subscriptions; {first} (or a single watch) first"
    prefs: dict[str, Any] = dict(active[0].prefs)
    names = ", ".join(subscription_name(r) for r in active)
    quiet = prefs.get("quiet_hours")
    digest = prefs.get("digest")
    lines = [
        f"watches: {names}",
        f"alert kinds: {', '.join(active[0].kinds)}",
        f"time zone: {prefs.get('timezone', 'UTC')}",
        f"quiet hours: {quiet['start']}-{quiet['end']}" if isinstance(quiet, dict) else "quiet hours: off",
        (
            f"digest: at {', '.join(digest.get('times', []))} "
            f"for {', '.join(digest.get('kinds', DIGEST_DEFAULT_KINDS))}"
            if isinstance(digest, dict)
            else "digest: off (every alert is sent at once)"
        ),
        f"muted until: {prefs['muted_until']}" if prefs.get("muted_until") else "muted: no",
    ]
    examples = [_setting(platform, setting, value) for setting, value in EXAMPLES]
    if platform == "discord":
        lines.append(mention_line(MentionSetting.from_json(active[0].mention)))
        examples.append(
            usage(platform, "settings", ("setting", "mention"), ("role", "@role"), ("value", "status,deadline_missed"))
        )
    lines += ["", "change with: " + " | ".join(examples) + " | (off clears; mention none stops pings)"]
    return "\n".join(lines)


def _new_prefs(setting: str, value: str, prefs: dict[str, Any], platform: str) -> dict[str, Any]:
    prefs = dict(prefs)
    off = value.lower() in ("off", "none", "clear")
    if setting == "timezone":
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise CommandProblem(
                f"{value!r} is not a time zone; write an IANA name such as Europe/Berlin or UTC"
            ) from None
        prefs["timezone"] = value
    elif setting == "quiet":
        if off:
            prefs.pop("quiet_hours", None)
        else:
            start, sep, end = value.replace(" ", "").partition("-")
            if not sep:
                raise CommandProblem(f"quiet hours {value!r}: write start-end, e.g. 22:00-07:00, or off")
            prefs["quiet_hours"] = {
                "start": values.clock_time(start, what="quiet hours start"),
                "end": values.clock_time(end, what="quiet hours end"),
            }
    elif setting == "digest":
        if off:
            prefs.pop("digest", None)
        else:
            times = sorted({values.clock_time(t, what="digest time") for t in values.words(value)})
            if not times or len(times) > 6:
                raise CommandProblem(
                    f"digest: give one to six times of day, e.g. {_setting(platform, 'digest', '08:00,18:00')}"
                )
            old = prefs.get("digest")
            kinds = old.get("kinds", DIGEST_DEFAULT_KINDS) if isinstance(old, dict) else DIGEST_DEFAULT_KINDS
            prefs["digest"] = {"times": times, "kinds": list(kinds)}
        return prefs
    elif setting == "digest_kinds":
        old = prefs.get("digest")
        if not isinstance(old, dict):
            raise CommandProblem(f"set digest times first, e.g. {_setting(platform, 'digest', '08:00,18:00')}")
        prefs["digest"] = {"times": list(old.get("times", [])), "kinds": values.alert_kinds(value, what="digest_kinds")}
    return prefs


async def settings_command(ctx: CommandContext, inv: Invocation) -> Reply:
    platform = inv.caller.platform
    target = place_of(inv)
    setting = (inv.arg("setting") or "").lower()
    value = inv.arg("value")
    async with ctx.db.transaction() as session:
        rows = await target_rows(ctx, session, target)
        active = [r for r in rows if r.active]
        if not setting or setting == "show":
            return Reply(_settings_text(rows, target, platform), ephemeral=True)
        if setting not in SETTINGS:
            raise CommandProblem(f"there is no setting {setting!r}; use one of {', '.join(SETTINGS)}")
        if setting != "mention" and inv.arg("role") is not None:
            raise CommandProblem(f"the role option goes with mention: {_setting(platform, 'mention', '...')}")
        mention: MentionSetting | None = None
        note = ""
        if setting == "mention":
            mention, note = mention_from(inv, target, list(active[0].kinds) if active else list(DEFAULT_KINDS))
        elif value is None:
            raise CommandProblem(
                f"give a value: {_setting(platform, setting, '<value>')} (off clears it); "
                f"{usage(platform, 'settings', *channel_arg(inv).items())} shows them all"
            )
        if not active:
            raise CommandProblem(
                f"{target.name} has no subscriptions yet, so there is nothing to configure; "
                f"{usage(platform, 'subscribe', ('watch', 'all'), *channel_arg(inv).items())} first",
                buttons=(Button("Subscribe to all", "subscribe", {"watch": "all", **channel_arg(inv)}),),
            )
        before = [describe(r) for r in active]
        if setting == "mention":
            for row in active:
                row.mention = mention.to_json() if mention is not None else None
        elif setting == "kinds":
            kinds = values.alert_kinds(value or "", what="kinds")
            for row in active:
                row.kinds = list(kinds)
        else:
            prefs = _new_prefs(setting, value or "", dict(active[0].prefs), platform)
            for row in active:
                row.prefs = dict(prefs)
            await session.flush()
            await OutboxRepository(ctx.db).reschedule_held(session, [r.id for r in active if r.id], now=ctx.clock.now())
        inv.accepted(ctx, session, f"settings {setting} {value or ''}".strip(), before, [describe(r) for r in active])
        text = _settings_text(active, target, platform)
    return Reply("\n".join(part for part in ("saved.", note, text) if part), ephemeral=True)


async def mute_command(ctx: CommandContext, inv: Invocation) -> Reply:
    platform = inv.caller.platform
    target = place_of(inv)
    raw = inv.arg("duration")
    if raw is None:
        examples = [usage(platform, "mute", ("duration", d)) for d in ("2h", "1d", "off")]
        raise CommandProblem(f"for how long? e.g. {examples[0]}, {examples[1]}; {examples[2]} ends it")
    now = ctx.clock.now()
    until = None if raw.lower() == "off" else now + values.duration(raw, what="mute duration")
    async with ctx.db.transaction() as session:
        active = [r for r in await target_rows(ctx, session, target) if r.active]
        if not active:
            raise CommandProblem(f"{target.name} has no subscriptions to mute")
        before = [describe(r) for r in active]
        for row in active:
            prefs = dict(row.prefs)
            if until is None:  # ended now, not forgotten: alerts held by it still say so when they go out
                prefs["muted_until"] = now.isoformat()
            else:
                prefs["muted_until"] = until.isoformat()
            row.prefs = prefs
        await session.flush()
        await OutboxRepository(ctx.db).reschedule_held(session, [r.id for r in active if r.id], now=now)
        inv.accepted(ctx, session, f"mute {raw}", before, [describe(r) for r in active])
    if until is None:
        return Reply("unmuted: alerts are delivered again; the ones held by the mute go out now")
    return Reply(
        f"muted until {values.moment(until, active[0].prefs.get('timezone'))}; alerts are held and delivered "
        "afterwards, marked as held",
        buttons=(Button("Unmute", "mute", {"duration": "off", **channel_arg(inv)}),),
    )


HANDLERS: dict[str, Handler] = {"settings": settings_command, "mute": mute_command}
