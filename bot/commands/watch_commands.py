"""Admin commands that change watches: watch add / edit / pause / resume / remove, baseline set, export, import.

Each change is saved with its audit row and the feeds the new watch set declares in one transaction, then the
registry makes the running tracker follow it (no restart). A watch changed from chat is stored as source
"chat" and overrides the config file's copy from then on.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from sqlalchemy.ext.asyncio import AsyncSession

from bot.commands import values
from bot.commands.api import Attachment, Button, Reply
from bot.commands.context import CommandContext, CommandProblem, Handler, Invocation
from bot.commands.describe import baseline_text, current_baseline, current_state, figure
from bot.commands.feed_probe import probe_feed
from bot.commands.specs import UNIT_WORDS, UNITS
from bot.wording import article, count, named_args, usage
from watchers.config import ConfigError, load_config_text
from watchers.config.dump import watch_to_config, window_text
from watchers.config.schema import STATUSES, WatchConfig
from watchers.feeds.types import FeedError
from watchers.feeds.urlsafety import check_feed_url, literal_host_problem
from watchers.store.watches import StoredWatch
from watchers.tracking.engine import EngineResult
from watchers.tracking.state import HistoryRow, JsonValue
from watchers.tracking.watch import compile_watch

EXAMPLES = {
    "event": 'id=xi-us-visit title="Xi\'s visit to the US" kind=event query="Xi Jinping state visit" '
    'terms="Xi, Washington, White House" status=planned expected=2026-H2',
    "agreement": 'id=rare-earths-deal title="US-China rare earths deal" kind=agreement '
    'query="US China rare earths deal" '
    'terms="rare earth, rare earths" status=pending due=2026-12-31',
    "metric": 'id=soy-purchases title="China\'s US soybean purchases" kind=metric query="China soybean purchases" '
    'terms="soybean, soybeans" value=2000000 target=12000000 due=2026-12-31',
}


def validation_text(exc: ValidationError) -> str:
    """Pydantic's errors as sentences: ``baseline.status: ... use one of planned, confirmed...``."""
    lines = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"] if not isinstance(p, int) and "function-" not in str(p))
        message = str(err["msg"]).removeprefix("Value error, ")
        lines.append(f"{where}: {message}" if where else message)
    return "; ".join(lines)


def validate(definition: dict[str, Any]) -> WatchConfig:
    try:
        return WatchConfig.model_validate(definition)
    except ValidationError as exc:
        raise CommandProblem(f"the watch is not valid: {validation_text(exc)}") from None


async def check_urls(ctx: CommandContext, watch: WatchConfig) -> None:
    """Refuse feed URLs that point inside the network (or do not resolve) before anything is saved; an internal IP
    literal, in any spelling, is said with the setting that allows feeds on one's own network (as `feed add` does)."""
    allow_private = ctx.config.settings.allow_private_feeds
    for feed in watch.feeds:
        if feed.url is not None:
            literal = literal_host_problem(feed.url, allow_private=allow_private)
            if literal is not None:
                raise CommandProblem(f"{feed.url.strip()}: {literal}")
            try:
                await check_feed_url(feed.url, allow_private=allow_private)
            except FeedError as exc:
                raise CommandProblem(f"{exc}; give a public http(s) feed URL") from None


async def save(
    ctx: CommandContext, session: AsyncSession, inv: Invocation, watch: WatchConfig, before: Any, detail: str
) -> None:
    """Store ``watch`` as a chat watch, declare the feeds of the new set and audit it (caller commits)."""
    await ctx.watches.put(session, watch, source="chat", by=inv.actor, now=ctx.clock.now())
    await session.flush()
    await ctx.registry.sync_feeds(session)
    inv.accepted(ctx, session, detail, before, watch_to_config(watch))


# ---------------------------------------------------------------------------------------------- watch add


async def watch_add(ctx: CommandContext, inv: Invocation) -> Reply:
    kind = (inv.arg("kind") or "").lower() or None
    missing = [name for name in ("id", "title", "kind", "terms") if inv.arg(name) is None]
    if inv.arg("query") is None and inv.arg("feed") is None:
        missing.append("query or feed")
    if kind in ("event", "agreement") and inv.arg("status") is None:
        missing.append(f"status ({', '.join(STATUSES[kind])})")
    if kind == "metric" and inv.arg("value") is None:
        missing.append("value (the current figure, 0 if none)")
    if kind is not None and kind not in STATUSES:
        raise CommandProblem(f"kind {kind!r} is not a kind of watch; use event, agreement or metric")
    if missing:
        example = usage(inv.caller.platform, "watch add", *named_args(EXAMPLES[kind or "event"]), named=True)
        raise CommandProblem(
            f"to add a watch I still need: {', '.join(missing)}.\nexample: {example}\n"
            "(query is a Google News search; feed an RSS/Atom URL; terms: an article must contain one of them)"
        )
    watch_id = (inv.arg("id") or "").lower()
    if ctx.registry.get(watch_id) is not None:
        raise CommandProblem(f"a watch {watch_id!r} exists already; change it with /watch edit or pick another id")
    now = ctx.clock.now()
    definition = watch_definition(inv.arg, watch_id, kind or "event", now)
    watch = validate(definition)
    await check_urls(ctx, watch)
    found = [f"{feed.url}: {await probe_feed(ctx, feed.url)}" for feed in watch.feeds if feed.url is not None]
    async with ctx.db.transaction() as session:
        await save(ctx, session, inv, watch, None, f"added watch {watch_id}")
    await ctx.registry.reload()
    state = compile_watch(watch, ctx.registry.settings).initial_state()
    stored = ctx.registry.get(watch_id)
    summary = baseline_text(stored, state) if stored else ""
    read = "".join(f"\n{line}" for line in found)
    return Reply(
        f"added {watch_id}: {watch.title} ({summary}). Its feeds are polled now; a new feed's first poll only "
        f"records what is already there, later articles alert.{read}",
        buttons=(
            Button(f"Subscribe to {watch_id}", "subscribe", {"watch": watch_id}),
            Button("Status", "status", {"watch": watch_id}),
        ),
    )


def watch_definition(arg: Callable[[str], str | None], watch_id: str, kind: str, now: datetime) -> dict[str, Any]:
    """The config mapping ``watch add`` stores, from its named arguments (``arg(name)``, None when absent).

    Public so the labelled corpus builds its watches exactly as an admin's ``watch add`` does: title, kind,
    terms (``any``), optional require (``all``) and exclude (``none``), the baseline, and nothing tuned.
    """
    feeds: list[dict[str, str]] = []
    if (query := arg("query")) is not None:
        feeds.append({"google_news": query})
    feeds += [{"url": url} for url in values.words(arg("feed"))]
    baseline: dict[str, Any] = {"as_of": now.isoformat()}
    definition: dict[str, Any] = {
        "id": watch_id,
        "title": arg("title"),
        "kind": kind,
        "feeds": feeds,
        "match": {
            "all": values.words(arg("require")),
            "any": values.words(arg("terms")),
            "none": values.words(arg("exclude")),
        },
        "baseline": baseline,
    }
    due = values.deadline(arg("due") or "", what="due") if arg("due") else None
    if kind == "metric":
        baseline["value"] = values.number(arg("value") or "", what="value")
        typed = (arg("unit") or "count").strip().lower()
        unit = UNIT_WORDS.get(typed, typed)
        if unit not in UNITS:
            raise CommandProblem(f"unit {unit!r} is not known; use one of {', '.join(UNITS)}")
        definition["metric"] = {"unit": unit}
        if (target := arg("target")) is not None:
            definition["target"] = {"value": values.number(target, what="target"), **({"due": due} if due else {})}
        elif due is not None:
            raise CommandProblem("due needs a target for a metric watch: add target=<figure>")
    else:
        baseline["status"] = (arg("status") or "").lower()
        if (expected := arg("expected")) is not None:
            baseline["expected"] = window_text(values.window(expected, what="expected"))
        if due is not None:
            baseline["due"] = due
        if any(arg(name) is not None for name in ("target", "value", "unit")):
            raise CommandProblem("target, value and unit are for metric watches; an event or agreement has a status")
    return definition


# ---------------------------------------------------------------------------------------------- watch edit


def _edited(watch: StoredWatch, field: str, value: str) -> dict[str, Any]:
    definition = watch_to_config(watch.config)
    off = value.lower() in ("off", "none", "clear")
    match = dict(definition["match"])
    if field == "title":
        definition["title"] = value
    elif field in ("terms", "require", "exclude"):
        key = {"terms": "any", "require": "all", "exclude": "none"}[field]
        match[key] = [] if off else values.words(value)
        definition["match"] = match
    elif field == "subject":
        definition["subject"] = [] if off else values.words(value)
    elif field == "target":
        if watch.config.kind != "metric":
            raise CommandProblem("only metric watches have a target; change an event's date with /baseline set")
        target = dict(definition.get("target") or {})
        if off:
            definition.pop("target", None)
        else:
            target["value"] = values.number(value, what="target")
            definition["target"] = target
    elif field == "unconfirmed":
        if value.lower() not in ("wait", "alert"):
            raise CommandProblem("unconfirmed is wait (hedged reports never alert) or alert (they alert, marked)")
        definition["unconfirmed"] = value.lower()
    elif field == "min_sources":
        count = values.number(value, what="min_sources")
        if count != int(count) or not 1 <= count <= 20:
            raise CommandProblem("min_sources is a whole number from 1 to 20")
        definition["min_sources"] = int(count)
    elif field == "reports":
        if value.lower() not in ("on", "off"):
            raise CommandProblem("reports is on or off")
        definition["alert_reports"] = value.lower() == "on"
    else:
        raise CommandProblem(
            f"{field!r} cannot be edited; use title, terms, require, exclude, subject, target, unconfirmed, "
            "min_sources or reports (feeds: /feed add, /feed remove; baseline: /baseline set)"
        )
    return definition


async def watch_edit(ctx: CommandContext, inv: Invocation) -> Reply:
    watch = ctx.watch(inv.arg("watch"))
    field, value = (inv.arg("field") or "").lower(), inv.arg("value")
    if not field or value is None:
        platform = inv.caller.platform
        shape = usage(platform, "watch edit", ("watch", watch.id), ("field", "<field>"), ("value", "<value>"))
        example = usage(platform, "watch edit", ("watch", watch.id), ("field", "title"), ("value", "New title"))
        raise CommandProblem(f"write {shape}, e.g. {example}")
    new = validate(_edited(watch, field, value))
    async with ctx.db.transaction() as session:
        await save(ctx, session, inv, new, watch_to_config(watch.config), f"edited {field} of {watch.id}")
    await ctx.registry.reload()
    return Reply(f"{watch.id}: {field} changed; it applies to the next articles")


# ---------------------------------------------------------------------------------------------- pause, resume, remove


async def _set_paused(ctx: CommandContext, inv: Invocation, paused: bool) -> Reply:
    """Pause or resume a watch. Resuming also resumes its feeds that were paused after repeated failures, which
    is how an admin restarts a feed after fixing what broke it."""
    watch = ctx.watch(inv.arg("watch"))
    verb = "paused" if paused else "resumed"
    async with ctx.db.transaction() as session:
        feeds = [] if paused else await ctx.feeds.resume_in(session, watch.config.feed_urls, now=ctx.clock.now())
        if watch.paused == paused and not feeds:
            return Reply(f"{watch.id} is already {verb}")
        if watch.paused != paused:
            await ctx.watches.set_paused(session, watch.id, paused, by=inv.actor, now=ctx.clock.now())
            await session.flush()
            await ctx.registry.sync_feeds(session)
        before: dict[str, object] = {"paused": watch.paused}
        after: dict[str, object] = {"paused": paused}
        if feeds:
            before["paused_feeds"], after["paused_feeds"] = feeds, []
        inv.accepted(ctx, session, f"{verb} {watch.id}", before, after)
    await ctx.registry.reload()
    if paused:
        return Reply(
            f"paused {watch.id}: its feeds are no longer polled for it",
            buttons=(Button("Resume", "watch resume", {"watch": watch.id}),),
        )
    resumed = f"; resumed {count(len(feeds), 'feed')} paused after failures: {', '.join(feeds)}" if feeds else ""
    return Reply(f"resumed {watch.id}: its feeds are polled again{resumed}")


async def watch_pause(ctx: CommandContext, inv: Invocation) -> Reply:
    return await _set_paused(ctx, inv, True)


async def watch_resume(ctx: CommandContext, inv: Invocation) -> Reply:
    return await _set_paused(ctx, inv, False)


async def watch_remove(ctx: CommandContext, inv: Invocation) -> Reply:
    watch = ctx.watch(inv.arg("watch"))
    async with ctx.db.transaction() as session:
        await ctx.watches.remove(
            session, watch.id, by=inv.actor, now=ctx.clock.now(), config_ids=set(ctx.registry.config_ids)
        )
        await session.flush()
        await ctx.registry.sync_feeds(session)
        inv.accepted(ctx, session, f"removed {watch.id}", watch_to_config(watch.config), None)
    await ctx.registry.reload()
    buffer = io.StringIO()
    buffer.write(
        f"# {watch.id} as it was when removed {values.moment(ctx.clock.now())}; /import this file to restore it\n"
    )
    _yaml().dump({"watches": [watch_to_config(watch.config)]}, buffer)
    return Reply(
        f"removed {watch.id}; its alerts and history are kept. Its definition is attached: "
        "/import it to bring it back.",
        attachment=Attachment(f"{watch.id}.yaml", buffer.getvalue().encode("utf-8"), "application/x-yaml"),
    )


# ---------------------------------------------------------------------------------------------- baseline set


def _new_baseline(watch: StoredWatch, field: str, value: str) -> tuple[str, JsonValue, Any]:
    """(field stored in history, its new JSON value, the typed value to set)."""
    kind = watch.config.kind
    if field == "status":
        if kind == "metric":
            raise CommandProblem("a metric watch has no status; set its value instead")
        status = value.lower()
        if status not in STATUSES[kind]:
            raise CommandProblem(f"{status!r} is not a status of a {kind}; use one of {', '.join(STATUSES[kind])}")
        return "status", status, status
    if field == "value":
        if kind != "metric":
            raise CommandProblem(f"{article(kind)} has no value; set its status instead")
        number = values.number(value, what="value")
        return "value", number, number
    if field == "expected":
        if kind == "metric":
            raise CommandProblem("a metric watch has no expected date; set due")
        window = values.window(value, what="expected")
        return "expected", window_text(window), window
    if field == "due":
        day = values.deadline(value, what="due")
        return "due", day.isoformat(), day
    raise CommandProblem(f"{field!r} is not a baseline field; use status, value, expected or due")


async def baseline_set(ctx: CommandContext, inv: Invocation) -> Reply:
    watch = ctx.watch(inv.arg("watch"))
    field, raw = (inv.arg("field") or "").lower(), inv.arg("value")
    if not field or raw is None:
        fields = ("field", "<status|value|expected|due>")
        shape = usage(inv.caller.platform, "baseline set", ("watch", watch.id), fields, ("value", "<value>"))
        raise CommandProblem(f"write {shape}")
    name, new_json, new_value = _new_baseline(watch, field, raw)
    now = ctx.clock.now()
    initial = compile_watch(watch.config, ctx.registry.settings).initial_state()
    async with ctx.db.transaction() as session:
        states = await ctx.tracking.load_states(session, {watch.id: initial})
        state = states[watch.id]
        old_json: JsonValue
        if name == "status":
            old_json, state.status = state.status, new_value
        elif name == "value":
            old_json, state.value = state.value, new_value
            if watch.config.target is not None:
                state.target_reached = new_value >= watch.config.target.value
        elif name == "expected":
            old_json = window_text(state.expected) if state.expected else None
            state.expected, state.date_superseded = new_value, False
        else:
            old_json = state.due.isoformat() if state.due else None
            state.due, state.due_set_at = new_value, now
        provenance = f"admin {inv.actor}"
        note = f"set by {inv.actor} ({inv.caller.display_name}) with baseline set"
        history = HistoryRow(watch.id, name, old_json, new_json, now, (provenance,), None, note)
        await ctx.tracking.save(session, states, EngineResult(history=[history], touched={watch.id}), now=now)
        inv.accepted(ctx, session, f"baseline {name} of {watch.id}", {name: old_json}, {name: new_json})
    shown_old, shown_new = old_json, new_json
    if name == "value":
        unit = watch.config.metric.unit if watch.config.metric else "count"
        shown_old = figure(float(old_json), unit) if isinstance(old_json, int | float) else old_json
        shown_new = figure(float(new_json), unit) if isinstance(new_json, int | float) else new_json
    return Reply(f"{watch.id}: {name} {shown_old} -> {shown_new} (recorded in its history as set by you)")


# ---------------------------------------------------------------------------------------------- export, import


def _yaml() -> YAML:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    yaml.width = 4096
    return yaml


async def export_command(ctx: CommandContext, inv: Invocation) -> Reply:
    watches = ctx.registry.all()
    buffer = io.StringIO()
    buffer.write(f"# followup watches exported {values.moment(ctx.clock.now())}; import or paste under watches:\n")
    exported = []
    for watch in watches:  # each baseline brought up to the current state, corrections and news alike
        state = await current_state(ctx, watch)
        baseline = current_baseline(watch, state, await ctx.tracking.history(watch.id))
        exported.append(watch_to_config(watch.config.model_copy(update={"baseline": baseline})))
    _yaml().dump({"watches": exported}, buffer)
    paused = [w.id for w in watches if w.paused]
    note = f" (paused now: {', '.join(paused)}; the file does not record pausing)" if paused else ""
    name = f"followup-watches-{ctx.clock.now().strftime('%Y%m%d')}.yaml"
    return Reply(
        f"{count(len(watches), 'watch', 'watches')} in config format{note}",
        attachment=Attachment(name, buffer.getvalue().encode("utf-8"), "application/x-yaml"),
    )


async def import_command(ctx: CommandContext, inv: Invocation) -> Reply:
    if inv.attachment is None:
        raise CommandProblem("attach a YAML file (like the one export gives) to the import command")
    try:
        text = inv.attachment.decode("utf-8")
    except UnicodeDecodeError:
        raise CommandProblem("the file is not UTF-8 text; attach the YAML file /export gives") from None
    try:
        config = load_config_text(text, filename="the uploaded file", check_addresses=False)  # checked below
    except ConfigError as exc:
        problems = "\n".join(p.format() for p in exc.problems[:10])
        raise CommandProblem(f"nothing was imported; fix these and import it again:\n{problems}") from None
    if not config.watches:
        raise CommandProblem("the file has no watches: list them under watches: (as export writes them)")
    for watch in config.watches:
        await check_urls(ctx, watch)
    added, replaced = [], []
    async with ctx.db.transaction() as session:
        before = {}
        for watch in config.watches:
            existing = ctx.registry.get(watch.id)
            if existing is not None:
                before[watch.id] = watch_to_config(existing.config)
                replaced.append(watch.id)
            else:
                added.append(watch.id)
            await ctx.watches.put(session, watch, source="chat", by=inv.actor, now=ctx.clock.now())
        await session.flush()
        await ctx.registry.sync_feeds(session)
        after = {w.id: watch_to_config(w) for w in config.watches}
        inv.accepted(ctx, session, f"imported {len(config.watches)} watches", before or None, after)
    await ctx.registry.reload()
    return Reply(
        f"imported {count(len(config.watches), 'watch', 'watches')}: added {', '.join(added) or 'none'}; "
        f"replaced {', '.join(replaced) or 'none'}; others unchanged"
    )


HANDLERS: dict[str, Handler] = {
    "watch add": watch_add,
    "watch edit": watch_edit,
    "watch pause": watch_pause,
    "watch resume": watch_resume,
    "watch remove": watch_remove,
    "baseline set": baseline_set,
    "export": export_command,
    "import": import_command,
}
