"""Commands for everyone: help, watches, status, chart, subscribe, unsubscribe (settings and mute: settings_commands).

A chat's subscriptions are changed for the chat (or forum topic) the command is sent in, or on Discord for the
channel named in the ``channel`` option (bot/commands/places.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from bot.commands.api import Attachment, Button, CommandSpec, Reply
from bot.commands.context import CommandContext, CommandProblem, Handler, Invocation, Level
from bot.commands.describe import (
    baseline_text,
    current_state,
    deadline,
    deadline_line,
    feeds_line,
    figure,
    in_accepted_order,
    missed,
    source_text,
    story_lines,
    until_text,
)
from bot.commands.permissions import refusal
from bot.commands.places import channel_arg, place_of, subscription_name, target_rows
from bot.commands.specs import SPECS, spec_named
from bot.wording import usage
from watchers.clock import as_utc
from watchers.config.schema import DEFAULT_KINDS
from watchers.store.subscribers import describe, excluded

INTRO = (
    "followup follows up on the news: it tracks promised events, pending deals and running totals, and "
    "sends one alert when something really changes."
)


# ---------------------------------------------------------------------------------------------- reading


async def help_command(ctx: CommandContext, inv: Invocation) -> Reply:
    wanted = inv.arg("command")
    if wanted is not None:
        name = " ".join(wanted.lower().lstrip("/").split())
        spec = spec_named(name)
        if spec is None:
            group = [s for s in SPECS if s.group == name and s.subcommand]
            if group:
                lines = [f"/{name} has these commands (/help {group[0].name} for one of them):"]
                lines += [f"/{s.name} - {s.description}" for s in group]
                return Reply("\n".join(lines))
            raise CommandProblem(f"there is no command {wanted!r}; /help lists them")
        spec = spec.for_platform(inv.caller.platform)
        return Reply("\n".join([spec_usage(inv, spec), spec.description]
                                + [f"  {p.name}: {p.description}" for p in spec.params]))  # fmt: skip
    allowed = [s for s in SPECS if refusal(s, inv.caller, inv.level) is None and s.name != "start"]
    lines = [INTRO, "", "Commands:"] + [f"/{s.name} - {s.description}" for s in allowed]
    if inv.level < Level.ADMIN:
        lines.append("(admins also manage watches, feeds and baselines)")
    return Reply(
        "\n".join(lines),
        buttons=(Button("See the watches", "watches"), Button("Subscribe to all", "subscribe", {"watch": "all"})),
    )


def spec_usage(inv: Invocation, spec: CommandSpec) -> str:
    """``/status <watch>`` (Telegram) or ``/status watch:<watch>`` (Discord); optional arguments in brackets."""
    discord = inv.caller.platform == "discord"
    words = [f"{p.name}:<{p.name}>" if discord else f"<{p.name}>" for p in spec.params if p.required]
    words += [f"[{p.name}:…]" if discord else f"[{p.name}]" for p in spec.params if not p.required]
    return " ".join([f"/{spec.name}", *words])


async def watches_command(ctx: CommandContext, inv: Invocation) -> Reply:
    watches = ctx.registry.all()
    if not watches:
        return Reply("there are no watches yet; admins add them with /watch add")
    now = ctx.clock.now()
    lines = []
    for watch in watches:
        state = await current_state(ctx, watch)
        flag = " [paused]" if watch.paused else (" [disabled]" if not watch.config.enabled else "")
        due = deadline(watch, state)
        late = ""
        if due is not None and missed(watch, state, due, now):
            late = f"; deadline passed {until_text(due, now)}"  # as /status and the chart say it
        lines.append(f"{watch.id}{flag}: {watch.config.title}\n  {baseline_text(watch, state)}{late}")
    buttons = tuple(Button(f"Status of {w.id}", "status", {"watch": w.id}) for w in watches[:5])
    return Reply("\n".join(lines), buttons=buttons)


async def status_command(ctx: CommandContext, inv: Invocation) -> Reply:
    """The story so far: where the item stands and since when, its deadline, every change in the order it was
    accepted (news and admin corrections alike) and the deadline alerts that are not changes. Each step names its
    outlet as alerts do, and links lose followup's ``#via=`` mark (:func:`source_text`). Feed URLs, which may
    carry a token in their query, are shown in full to admins only; others see the sites."""
    watch = ctx.watch(inv.arg("watch"))
    state = await current_state(ctx, watch)
    now = ctx.clock.now()
    accepted = sorted(await ctx.tracking.history(watch.id), key=lambda row: row.id or 0)
    config = watch.config
    lines = [f"{config.title} ({watch.id}, {config.kind})"]
    if watch.paused:
        lines.append("paused by an admin: not polled until resumed")
    elif not config.enabled:
        lines.append("not followed any more (enabled: false in the config): settled, kept for its story")
    as_of = max([as_utc(state.as_of), *(as_utc(row.at) for row in accepted)])
    lines.append(f"now: {baseline_text(watch, state)} (as of {as_of.date().isoformat()})")
    due = deadline(watch, state)
    if due is not None:
        lines.append(deadline_line(watch, state, due, now))
    latest_sources = list(accepted[-1].sources) if accepted else list(state.sources)
    if latest_sources:
        lines.append("latest source: " + ", ".join(source_text(s) for s in latest_sources[-3:]))
    if config.feeds:
        lines.append(feeds_line(config, full=inv.level >= Level.ADMIN))
    start = f"the baseline of {as_utc(config.baseline.as_of).date().isoformat()}"
    story = story_lines(watch)
    if story:
        lines.append(f"the story to {start}:")
        lines += story
    if accepted:
        lines.append(f"changes since {start}:")
        unit = config.metric.unit if config.metric else ""
        for row in accepted[-10:]:
            old, new = row.old, row.new
            if row.field_name == "value":
                old = figure(float(old), unit) if _is_number(old) else old
                new = figure(float(new), unit) if _is_number(new) else new
            source = f" ({source_text(row.sources[0])})" if row.sources else ""
            lines.append(f"  {as_utc(row.at).date().isoformat()} {row.field_name}: {old} -> {new}{source}")
    else:
        lines.append(f"no changes since {start}")
    reminders = [a for a in await ctx.tracking.alerts(watch_id=watch.id) if a.kind.startswith("deadline_")]
    if reminders:
        lines.append("deadline alerts: " + ", ".join(f"{a.at.date().isoformat()} {a.kind}" for a in reminders[-3:]))
    subscribed = await _receives(ctx, inv, watch.id)
    buttons = () if subscribed else (Button("Subscribe", "subscribe", {"watch": watch.id}),)
    return Reply("\n".join(lines), buttons=buttons)


async def _receives(ctx: CommandContext, inv: Invocation, watch_id: str) -> bool:
    """Whether the caller's chat already gets this watch's alerts (then no "Subscribe" button is offered)."""
    async with ctx.db.session() as session:
        rows = [r for r in await target_rows(ctx, session, place_of(inv)) if r.active]
    return any(r.watch_id == watch_id or (r.watch_id is None and watch_id not in excluded(r)) for r in rows)


async def chart_command(ctx: CommandContext, inv: Invocation) -> Reply:
    watch = ctx.watch(inv.arg("watch"))
    try:
        from bot import charts
    except ImportError:
        raise CommandProblem("charts are not available in this installation") from None
    state = await current_state(ctx, watch)
    history = await ctx.tracking.history(watch.id)
    now = ctx.clock.now()
    config = watch.config
    due = deadline(watch, state)
    ordered = in_accepted_order(history)  # a correction dated by the command still ends the line
    if config.kind == "metric":
        start = config.baseline
        points: list[tuple[datetime, float]] = []
        if start.value is not None:
            points.append((start.as_of, float(start.value)))
        points += [(r.at, float(r.new)) for r in ordered if r.field_name == "value" and _is_number(r.new)]
        unit = config.metric.unit if config.metric else "count"
        target = config.target.value if config.target else None
        image = charts.render_metric_chart(config.title, unit, points, target, due, now)
    else:
        changes: list[tuple[datetime, str]] = []
        if config.baseline.status is not None:
            changes.append((config.baseline.as_of, config.baseline.status))
        changes += [(r.at, str(r.new)) for r in ordered if r.field_name == "status"]
        image = charts.render_status_timeline(config.title, changes, due, now)
    return Reply(
        f"{config.title}: {baseline_text(watch, state)}",
        attachment=Attachment(f"{watch.id}.png", image, "image/png"),
    )


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# ---------------------------------------------------------------------------------------------- subscriptions


def _subscription_buttons(ctx: CommandContext, command: str, target: Mapping[str, str]) -> tuple[Button, ...]:
    buttons = [
        Button(f"{command.capitalize()} {w.id}", command, {"watch": w.id, **target}) for w in ctx.registry.all()[:8]
    ]
    return (*buttons, Button(f"{command.capitalize()} all", command, {"watch": "all", **target}))


def _usage(inv: Invocation, command: str, watch: str) -> str:
    """``/subscribe <watch>`` on Telegram, ``/subscribe watch:<watch>`` on Discord (with the channel it was for)."""
    return usage(inv.caller.platform, command, ("watch", watch), *channel_arg(inv).items())


async def subscribe_command(ctx: CommandContext, inv: Invocation) -> Reply:
    target = place_of(inv, posting=True)
    place, same = target.name, channel_arg(inv)
    wanted = inv.arg("watch")
    if wanted is None:
        return Reply(
            f"which watch? {_usage(inv, 'subscribe', '<watch>')} or {_usage(inv, 'subscribe', 'all')}",
            buttons=_subscription_buttons(ctx, "subscribe", same),
        )
    watch_id = None if wanted.lower() == "all" else ctx.watch(wanted).id
    async with ctx.db.transaction() as session:
        rows = await target_rows(ctx, session, target)
        active = [r for r in rows if r.active]
        every = next((r for r in active if r.watch_id is None), None)
        if watch_id is None and every is not None and excluded(every):
            were_left_out = sorted(excluded(every))
            every.prefs = {**every.prefs, "except": []}
            inv.accepted(ctx, session, "subscribed to every watch again", were_left_out, [])
            return Reply(f"{place} receives every watch again, {', '.join(were_left_out)} included")
        if watch_id is not None and every is not None:
            left_out = excluded(every)
            if watch_id not in left_out:
                return Reply(f"{place} already receives every watch's alerts")
            every.prefs = {**every.prefs, "except": sorted(left_out - {watch_id})}
            inv.accepted(ctx, session, f"subscribed to {watch_id} again", sorted(left_out), every.prefs["except"])
            return Reply(f"{place} receives {watch_id} again, with every other watch")
        kinds = list(active[0].kinds) if active else list(DEFAULT_KINDS)
        prefs = dict(active[0].prefs) if active else {}
        row, changed = await ctx.subscriptions.subscribe(
            session,
            target.platform,
            target.address,
            target.thread_id,
            watch_id,
            kinds=kinds,
            prefs=prefs,
            now=ctx.clock.now(),
            mention=active[0].mention if active else None,  # a place's settings apply to all it receives
        )
        name = "every watch" if watch_id is None else watch_id
        if not changed:
            return Reply(f"{place} already receives alerts of {name}")
        await session.flush()
        inv.accepted(ctx, session, f"subscribed to {name}", None, describe(row))
    forum = " (a forum: one post per watch, each watch's alerts in its own post)" if target.forum else ""
    return Reply(
        f"subscribed: {place} now receives alerts of {name} ({', '.join(kinds)}){forum}",
        buttons=(
            Button("Unsubscribe", "unsubscribe", {"watch": wanted.lower(), **same}),
            Button("Settings", "settings", same),
        ),
    )


async def unsubscribe_command(ctx: CommandContext, inv: Invocation) -> Reply:
    target = place_of(inv)
    place, same = target.name, channel_arg(inv)
    wanted = inv.arg("watch")
    async with ctx.db.transaction() as session:
        rows = [r for r in await target_rows(ctx, session, target) if r.active]
        if not rows:
            return Reply(
                f"{place} has no subscriptions",
                buttons=(Button("Subscribe to all", "subscribe", {"watch": "all", **same}),),
            )
        if wanted is None:
            names = [subscription_name(r) for r in rows]
            return Reply(
                f"{place} receives: {', '.join(names)}; "
                f"{_usage(inv, 'unsubscribe', '<watch>')} or {_usage(inv, 'unsubscribe', 'all')}",
                buttons=tuple(Button(f"Unsubscribe {n}", "unsubscribe", {"watch": n, **same}) for n in names),
            )
        if wanted.lower() == "all":
            chosen = rows
        else:
            watch_id = wanted.strip().lower()
            chosen = [r for r in rows if r.watch_id == watch_id]
            every = next((r for r in rows if r.watch_id is None), None)
            if not chosen and every is not None and ctx.registry.get(watch_id) is not None:
                # "all but this one": the subscription to every watch keeps the ones added later
                left_out = excluded(every)
                if watch_id in left_out:
                    return Reply(f"{place} already receives every watch except {', '.join(sorted(left_out))}")
                every.prefs = {**every.prefs, "except": sorted(left_out | {watch_id})}
                inv.accepted(ctx, session, f"unsubscribed from {watch_id}", sorted(left_out), every.prefs["except"])
                return Reply(
                    f"{place} no longer receives {watch_id}; it still receives every other watch, "
                    "including those added later",
                    buttons=(Button("Subscribe again", "subscribe", {"watch": watch_id, **same}),),
                )
            if not chosen:
                if ctx.registry.get(watch_id) is None:
                    raise CommandProblem(f"there is no watch {wanted!r}; {ctx.suggest(wanted)}")
                raise CommandProblem(f"{place} is not subscribed to {watch_id}")
        before = [describe(r) for r in chosen]
        await ctx.subscriptions.unsubscribe(session, chosen)
        inv.accepted(ctx, session, f"unsubscribed from {wanted}", before, None)
    where = "" if target.address == inv.caller.chat_address else f"{place} is "
    return Reply(
        f"{where}unsubscribed from {wanted.lower()}",
        buttons=(Button("Subscribe again", "subscribe", {"watch": wanted.lower(), **same}),),
    )


HANDLERS: dict[str, Handler] = {
    "help": help_command,
    "start": help_command,
    "watches": watches_command,
    "status": status_command,
    "chart": chart_command,
    "subscribe": subscribe_command,
    "unsubscribe": unsubscribe_command,
}
