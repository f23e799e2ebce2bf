"""Discord slash commands for the command service: app commands built from ``service.specs()``.

Why this shape:

- The command list is derived from the service's specs, never written out here, so a new command (or a new
  option) reaches Discord without touching this module. A one-word spec becomes a top-level command, ``"watch
  add"`` the subcommand ``add`` of an :class:`app_commands.Group` ``watch``. discord.py reads options from a
  callback's signature, so each command gets a generated callback whose ``__signature__`` lists the spec's
  parameters (as ``p0, p1, ...`` renamed to the spec's names, so any valid Discord name works even when it is
  not a Python identifier or is a keyword). Options are typed as Discord wants them: ``number`` parameters are
  NUMBER options (INTEGER for the whole-number ones in :data:`INTEGER_PARAMS`), ``user`` parameters Discord's
  user picker, ``file`` parameters attachments, ``choice`` parameters fixed choices, and ``watch`` parameters
  autocomplete from ``service.complete_watch_ids``. Whatever arrives goes back to the service as the string it
  expects (``5200000.0`` -> ``"5200000"``, a picked user -> their id), so the service validates and explains
  in one place. Required parameters are required in Discord's menu; an interaction missing one (a client with
  a stale command list) still runs, and the service says what is missing (:class:`SpecCommand`).
- ``channel`` and ``role`` options (``/subscribe channel:#news``, ``/settings setting:mention role:@news``) reach
  the service as ids plus what the client's cache knows of them (:mod:`bot.commands.discord_facts`: which server,
  what the bot may do there, whether the role is mentionable); the service judges them, so a channel of another
  server or one the bot cannot post in is refused, privately, with why. Parameters meant for another platform only
  are left out (``CommandSpec.for_platform``).
- Who sees a command: every command some members may not run (``access`` other than ``anyone``) carries
  ``default_member_permissions`` Manage Server, so Discord hides it from ordinary members of a server; the
  service still checks its own admins and owners. A group is hidden when all of its subcommands are.
- One client, and one gateway session among the replicas: the tree is attached to the :class:`DiscordChannel`'s
  client (which also delivers alerts, over REST, on every replica) before its gateway connects, and synced from
  a channel ready hook. Discord sends each interaction to every gateway session of a token, so the gateway is a
  role (``discord-commands``, bot/roles.py): only the replica holding it connects one
  (:class:`bot.channels.discord.DiscordGateway`), and a replica that loses it disconnects.
- Every reply is escaped as alert embeds are (:func:`bot.channels.discord_render.escape_text`: markdown, and
  mentions of every shape, ``@everyone`` and ``<@123>`` alike, drawn as text) *and* sent with
  ``allowed_mentions=none``, because feed text quoted in a reply (a title, a sentence) must never ping anyone
  or show as a mention badge. Replies longer than Discord's 2,000 characters continue in followup messages.
- Refusals, bad input and failures (``ok=False``) start with a warning sign and are always ephemeral, for
  typed commands and button presses alike: a member's failed attempt is theirs, not the channel's. A slow
  command is deferred privately when the caller is refused, so not even its "thinking" shows in the channel.
- Discord wants an answer within 3 seconds. Commands known to be slow are deferred at once; any other command
  is deferred when it has not finished after :data:`DEFER_AFTER_SECONDS`, and then answered with a followup.
- Buttons (``Reply.buttons``) are persistent dynamic items: the custom id carries the command and its arguments,
  so a button still works after a restart, and pressing it runs the command as the *presser*, with their own
  permissions (the service checks them as for a typed command).
- ``/watch add`` with no options opens a form (a modal of five fields, :mod:`bot.commands.guided_form`) instead
  of answering with what is missing; a caller who may not add watches is refused at once instead. One persistent
  :class:`WatchForm` per adapter (a fixed custom id, registered with the client at install) answers every submit,
  because a submit carries all its answers: nothing is kept between opening and submitting, so a form opened
  before a restart still works after it. The submit runs the same ``watch add`` as the one-line form, through
  the service (which checks permissions again); a problem is answered privately with what was wrong and the
  answers echoed back, so nothing typed is lost.
- Nothing a command does may take the bot down: an exception becomes an "internal error" reply (and a log
  line), and a reply Discord no longer accepts (the interaction expired) is logged, not raised.

Wiring (bot/app.py)::

    channel = DiscordChannel(token, gateway=False)      # every replica logs in and sends alerts over REST
    commands = DiscordCommands(channel, command_service(svc))
    commands.install()          # before the gateway connects: adds the commands, button handler and sync hook
    channels["discord"] = ResilientChannel(channel)     # its start() only logs in: no gateway, no interactions
    receivers.append(ResilientStart(DiscordGateway(channel), "discord commands"))  # started and stopped by the
    # discord-commands role: its holder alone connects the gateway, and the list is synced once it is ready
    commands.handles = lambda: roles.holds(DISCORD_COMMANDS_ROLE)
"""

from __future__ import annotations

import asyncio
import inspect
import io
import logging
import math
import re
import secrets
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import parse_qsl, quote, unquote, urlencode

import discord
from discord import app_commands

from bot.channels.discord_render import escape_text
from bot.commands.api import Attachment, Button, Caller, CommandService, CommandSpec, ParamSpec, Reply, Resolved
from bot.commands.context import CommandProblem
from bot.commands.discord_facts import ChannelOption, channel_facts, role_facts
from bot.commands.guided_form import FIELDS, form_arguments, problem_text

if TYPE_CHECKING:
    from bot.channels.discord import DiscordChannel

log = logging.getLogger(__name__)

MESSAGE_LIMIT = 2000  # Discord's limit on a message's content
DESCRIPTION_LIMIT = 100  # command and option descriptions, choice names
CHOICES_LIMIT = 25  # fixed choices and autocomplete suggestions per option
BUTTONS_LIMIT = 25  # five rows of five
BUTTON_LABEL_LIMIT = 80
CUSTOM_ID_LIMIT = 100
MAX_UPLOAD_BYTES = 1_048_576  # an imported watch file is a few KiB; refuse anything absurd before reading it
DEFER_AFTER_SECONDS = 1.5  # leaves time for the defer itself to reach Discord within its 3 s
SLOW_COMMANDS = frozenset({"feed test", "check", "replay", "chart", "export", "import"})  # fetch, poll, render
BARE_SUBCOMMAND = "show"  # a one-word spec that is also a group ("admins" + "admins add") becomes "/admins show"
REFUSED_MARK = "⚠️ "  # starts every ok=False reply (refusals, bad input, internal errors)
INTERNAL_ERROR = (
    "Internal error: this command failed unexpectedly and nothing was changed by the failure. "
    "The bot is still running; try again, and tell the bot's admins if it keeps happening."
)
BUTTON_PREFIX = "fu:"
BUTTON_TEMPLATE = r"fu:(?P<payload>.+)"
FORM_COMMAND = "watch add"  # run with no options, it opens WatchForm
FORM_ID = "fu-form:watch-add"  # the modal's custom id; its inputs are FORM_INPUT_PREFIX + the field's name
FORM_INPUT_PREFIX = "fu-form:"
FORM_TITLE = "Add a watch"
MANAGER_PERMISSIONS = discord.Permissions(manage_guild=True)  # default_member_permissions of restricted commands
INTEGER_PARAMS = frozenset({"days"})  # ``number`` parameters the service reads as whole numbers: INTEGER options

RunCommand = Callable[[discord.Interaction, Mapping[str, Any]], Awaitable[None]]


# ------------------------------------------------------------------------------------------ text


def escape(text: str) -> str:
    """Plain text as Discord shows it literally, escaped exactly as alert embeds are (markdown, and every mention
    shape broken with a zero-width space: ``@everyone``, ``<@123>``, ``<@&456>``, ``<#789>``).

    Both escaping and ``allowed_mentions=none`` (which the caller sends), because escaping alone would leave a
    mention pinging and ``allowed_mentions`` alone still draws ``<@123>`` as a badge and ``**bold**`` as bold.
    """
    return escape_text(text)


def render(reply: Reply) -> str:
    """The message content for a reply: escaped text, marked when the command was refused or failed."""
    text = escape(reply.text.strip())
    if not reply.ok:
        text = REFUSED_MARK + text
    return text


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split ``text`` into chunks of at most ``limit`` characters, at line breaks, else spaces, else anywhere.

    A cut never leaves a trailing backslash, so an escape sequence (``\\*``) stays whole on one side.
    """
    chunks: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = window.rfind("\n")
        if cut < limit // 2:
            cut = max(cut, window.rfind(" "))
        if cut < limit // 4:
            cut = limit
            while cut > 1 and rest[cut - 1] == "\\":
                cut -= 1
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n ")
    if rest.strip() or not chunks:
        chunks.append(rest)
    return [chunk for chunk in chunks if chunk] or [""]


def argument_text(param: ParamSpec, value: Any) -> str | None:
    """An option's value as the string the service expects; None for an empty one (a blank number).

    A NUMBER option arrives as a float (``5200000.0`` -> ``"5200000"``, ``2.5`` -> ``"2.5"``), a user option as
    a user or member (or an ``Object`` when Discord sent no resolved data): the service gets the id. A string
    (a client with a stale command list) is passed on as it is, for the service to judge.
    """
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if param.kind in ("user", "channel", "role") and not isinstance(value, str):
        found = getattr(value, "id", None)
        return str(found) if isinstance(found, int) else None
    return str(value)


def _choice_label(watch_id: str, title: str) -> str:
    return _shorten(f"{watch_id} — {title}" if title else watch_id, DESCRIPTION_LIMIT)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------------------------------------ buttons


def encode_button(button: Button, overflow: Callable[[str, Mapping[str, str]], str]) -> str:
    """A button's custom id: ``fu:<command>?<args>``; too long for Discord's 100 characters, ``overflow`` keeps it."""
    custom_id = BUTTON_PREFIX + quote(button.command, safe="") + "?" + urlencode(dict(button.args))
    if len(custom_id) <= CUSTOM_ID_LIMIT:
        return custom_id
    return BUTTON_PREFIX + "#" + overflow(button.command, button.args)


def decode_button(
    payload: str, overflow: Mapping[str, tuple[str, dict[str, str]]]
) -> tuple[str, dict[str, str]] | None:
    """The command and arguments a custom id stands for; None for an overflow key this process does not know."""
    if payload.startswith("#"):
        return overflow.get(payload[1:])
    command, _, query = payload.partition("?")
    return unquote(command), dict(parse_qsl(query, keep_blank_values=True))


# ------------------------------------------------------------------------------------------ the adapter


class _Tree(app_commands.CommandTree[discord.Client]):
    """The command tree; its error hook answers failures that happen before our callback runs (a bad option)."""

    def __init__(self, client: discord.Client, adapter: DiscordCommands) -> None:
        super().__init__(client)
        self._adapter = adapter

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        """Only the replica holding the Discord commands role answers. It alone connects the gateway (bot/roles.py),
        so this matters only in the moments after the role is lost: a gateway still closing may receive an
        interaction that the new holder's gateway receives too, and it must not be answered twice."""
        return self._adapter.handles()

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        name = interaction.command.qualified_name if interaction.command is not None else "?"
        log.error("Discord command /%s failed before it ran: %s: %s", name, type(error).__name__, error)
        if interaction.type is discord.InteractionType.autocomplete:
            return
        await self._adapter.send_reply(interaction, Reply(INTERNAL_ERROR, ok=False), ephemeral=True)
        self._adapter.interactions_handled += 1


class DiscordCommands:
    """Slash commands for ``service`` on ``channel``'s client (the one that also delivers alerts).

    Call :meth:`install` before the channel's gateway connects (``channel.start()``, or with ``gateway=False`` the
    :class:`bot.channels.discord.DiscordGateway` the discord-commands role starts); the command list is synced
    to Discord each time the gateway is ready (:meth:`sync`). ``slow_commands`` are deferred at once; others
    after ``defer_after`` seconds.
    """

    def __init__(
        self,
        channel: DiscordChannel,
        service: CommandService,
        *,
        slow_commands: frozenset[str] = SLOW_COMMANDS,
        defer_after: float = DEFER_AFTER_SECONDS,
        max_upload_bytes: int = MAX_UPLOAD_BYTES,
        handles: Callable[[], bool] = lambda: True,
    ) -> None:
        """``handles`` says whether this replica answers interactions now (bot/roles.py: one replica does)."""
        self.handles = handles
        self.channel = channel
        self.client = channel.client
        self.service = service
        self.slow_commands = slow_commands
        self.defer_after = defer_after
        self.max_upload_bytes = max_upload_bytes
        self.tree = _Tree(self.client, self)
        self.specs: dict[str, CommandSpec] = {}
        self._installed = False
        self._button_overflow: OrderedDict[str, tuple[str, dict[str, str]]] = OrderedDict()
        self._button_class = _command_button_class(self)
        self.form = WatchForm(self)
        self._tasks: set[asyncio.Task[Any]] = set()
        self.interactions_handled = 0  # commands and button presses answered (or given up on): for health and tests

    # ------------------------------------------------------------------ building

    def install(self) -> None:
        """Add every spec's command to the tree, register the button handler and the sync hook (idempotent)."""
        if self._installed:
            return
        specs = [spec.for_platform("discord") for spec in self.service.specs()]
        self.specs = {spec.name: spec for spec in specs}
        for command in build_commands(specs, self._command_callback, self._autocomplete):
            self.tree.add_command(command)
        self.client.add_dynamic_items(self._button_class)
        self.client.add_view(self.form)  # a submit finds it even when the form was opened before a restart
        self.channel.add_ready_hook(self.sync)
        self._installed = True

    async def sync(self) -> list[app_commands.AppCommand]:
        """Publish the command list to Discord (a global bulk overwrite)."""
        synced = await self.tree.sync()
        log.info("Discord command list synced: %d command(s)", len(synced))
        return synced

    def _command_callback(self, spec: CommandSpec) -> RunCommand:
        async def run(interaction: discord.Interaction, values: Mapping[str, Any]) -> None:
            args: dict[str, str] = {}
            upload: discord.Attachment | None = None
            for param in spec.params:
                value = values.get(param.name)
                if value is None:
                    continue
                if param.kind == "file":  # the file travels as bytes, not as an argument
                    upload = value if isinstance(value, discord.Attachment) else None
                elif (text := argument_text(param, value)) is not None:
                    args[param.name] = text
            if spec.name == FORM_COMMAND and not args and upload is None:
                await self.open_form(interaction)
                return
            resolved = self.resolve(interaction, spec, args, values)
            await self.handle(interaction, spec, args, upload=upload, resolved=resolved)

        return run

    async def _autocomplete(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        try:
            pairs = await self.service.complete_watch_ids(current, limit=CHOICES_LIMIT)
        except Exception:
            log.exception("watch id autocomplete failed")
            return []
        return [
            app_commands.Choice(name=_choice_label(watch_id, title), value=watch_id)
            for watch_id, title in pairs[:CHOICES_LIMIT]
            if 0 < len(watch_id) <= DESCRIPTION_LIMIT
        ]

    # ------------------------------------------------------------------ running

    def caller(self, interaction: discord.Interaction) -> Caller:
        """Who runs the command, from where; ``chat_admin`` is Manage Guild (or Administrator) in this guild."""
        in_guild = interaction.guild_id is not None
        permissions = interaction.permissions
        here = None
        if in_guild and interaction.channel_id is not None:
            here = channel_facts(self.client, interaction.guild_id, interaction.channel_id)
        return Caller(
            platform="discord",
            user_id=str(interaction.user.id),
            display_name=interaction.user.display_name,
            chat_address=str(interaction.channel_id),
            chat_kind="guild" if in_guild else "private",
            guild_id=str(interaction.guild_id) if in_guild else None,
            chat_admin=in_guild and (permissions.manage_guild or permissions.administrator),
            channel=here,
        )

    def resolve(
        self,
        interaction: discord.Interaction,
        spec: CommandSpec,
        args: Mapping[str, str],
        values: Mapping[str, Any] | None = None,
    ) -> dict[str, Resolved]:
        """What the client knows of the channel and role options (a button's channel argument too), for the
        service to judge: which server a channel is in, what the bot may do there, whether a role is mentionable."""
        resolved: dict[str, Resolved] = {}
        for param in spec.params:
            raw = args.get(param.name)
            if raw is None or not raw.isdigit():
                continue
            value = (values or {}).get(param.name)
            if param.kind == "channel":
                name = str(getattr(value, "name", "") or "")
                resolved[param.name] = channel_facts(self.client, interaction.guild_id, int(raw), name)
            elif param.kind == "role" and isinstance(value, discord.Role):
                resolved[param.name] = role_facts(value)
        return resolved

    async def handle(
        self,
        interaction: discord.Interaction,
        spec: CommandSpec,
        args: Mapping[str, str],
        *,
        upload: discord.Attachment | None = None,
        resolved: Mapping[str, Resolved] | None = None,
    ) -> None:
        """Run ``spec`` for this interaction and answer it; never raises."""
        facts = resolved if resolved is not None else self.resolve(interaction, spec, args)
        await self._respond(interaction, spec, lambda caller: self._execute(caller, spec, args, upload, facts))

    async def _respond(
        self, interaction: discord.Interaction, spec: CommandSpec, run: Callable[[Caller], Coroutine[Any, Any, Reply]]
    ) -> None:
        """Answer the interaction with what ``run`` replies for its caller: deferred when slow; never raises.

        The reply is ephemeral when the spec says so, when the reply asks for it, and always when it is a
        refusal or a failure (``ok=False``).
        """
        ephemeral = spec.ephemeral
        deferred = private_defer = False
        try:
            caller = self.caller(interaction)
            work = asyncio.create_task(run(caller), name=f"discord-command-{spec.name}")
            self._tasks.add(work)
            work.add_done_callback(self._forget)
            if spec.name in self.slow_commands:
                private_defer = ephemeral or await self._refused(caller, spec)
                deferred = await self._defer(interaction, ephemeral=private_defer)
            else:
                done, _ = await asyncio.wait({work}, timeout=self.defer_after)
                if not done:
                    private_defer = ephemeral
                    deferred = await self._defer(interaction, ephemeral=private_defer)
            reply = await work
        except Exception:
            log.exception("Discord command /%s failed for user %s", spec.name, interaction.user.id)
            reply = Reply(INTERNAL_ERROR, ok=False)
        await self.send_reply(
            interaction,
            reply,
            ephemeral=ephemeral or reply.ephemeral or not reply.ok,
            public_placeholder=deferred and not private_defer,
        )
        self.interactions_handled += 1

    async def _refused(self, caller: Caller, spec: CommandSpec) -> bool:
        """True when the service will refuse ``caller`` (so a deferral is made private); False when unsure."""
        try:
            return await self.service.refusal(caller, spec.name) is not None
        except Exception:
            log.exception("checking the rights for /%s failed; deferring visibly", spec.name)
            return False

    def _forget(self, task: asyncio.Task[Any]) -> None:
        """Drop a finished command task. Its error, if any, is retrieved here so asyncio does not warn about a
        task whose caller gave up on it (handle() already answered with the internal-error reply)."""
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.debug("a Discord command task ended with %r", task.exception())

    async def _execute(
        self,
        caller: Caller,
        spec: CommandSpec,
        args: Mapping[str, str],
        upload: discord.Attachment | None,
        resolved: Mapping[str, Resolved],
    ) -> Reply:
        data: bytes | None = None
        if upload is not None:
            if upload.size > self.max_upload_bytes:
                return Reply(
                    f"{upload.filename} is {upload.size:,} bytes; the limit is {self.max_upload_bytes:,}. "
                    "Upload a smaller file.",
                    ok=False,
                )
            try:
                data = await upload.read()
            except (discord.HTTPException, OSError) as exc:
                return Reply(f"Could not download {upload.filename} from Discord ({exc}); upload it again.", ok=False)
        return await self.service.execute(caller, spec.name, args, attachment=data, resolved=resolved)

    async def _defer(self, interaction: discord.Interaction, *, ephemeral: bool) -> bool:
        """Acknowledge now ("thinking"), answer later with a followup; False if Discord refused the defer."""
        try:
            await interaction.response.defer(ephemeral=ephemeral, thinking=True)
        except discord.HTTPException as exc:
            log.warning("could not defer a Discord interaction (%s %s); it has probably expired", exc.status, exc.code)
            return False
        return True

    async def send_reply(
        self, interaction: discord.Interaction, reply: Reply, *, ephemeral: bool, public_placeholder: bool = False
    ) -> None:
        """Answer the interaction: the response (or the deferred message), then followups for the rest.

        ``public_placeholder``: the interaction was deferred visibly to everyone. A reply that turns out to be
        for the caller only then removes that placeholder first, because Discord would otherwise put the first
        followup into it, visible to all. A reply Discord refuses (the interaction expired: 404 10062) is
        logged; nothing here raises.
        """
        chunks = split_message(render(reply))
        if not chunks[0] and reply.attachment is None:
            chunks = ["(no output)"]
        view = self._view(reply.buttons) if reply.buttons else None
        try:
            if public_placeholder and ephemeral:
                await interaction.delete_original_response()
            for index, chunk in enumerate(chunks):
                kwargs: dict[str, Any] = {
                    "content": chunk,
                    "ephemeral": ephemeral,
                    "allowed_mentions": discord.AllowedMentions.none(),
                }
                if index == 0 and reply.attachment is not None:
                    kwargs["file"] = _file(reply.attachment)
                if index == len(chunks) - 1 and view is not None:
                    kwargs["view"] = view
                if not interaction.response.is_done():
                    await interaction.response.send_message(**kwargs)
                else:
                    await interaction.followup.send(**kwargs)
        except discord.HTTPException as exc:
            log.warning("Discord did not accept a command reply (%s, code %s): %s", exc.status, exc.code, exc.text)
        except Exception:
            log.exception("sending a Discord command reply failed")

    def _view(self, buttons: Sequence[Button]) -> discord.ui.View:
        view = discord.ui.View(timeout=None)
        for button in buttons[:BUTTONS_LIMIT]:
            custom_id = encode_button(button, self._remember_button)
            view.add_item(self._button_class(custom_id, label=button.label))
        return view

    def _remember_button(self, command: str, args: Mapping[str, str]) -> str:
        """Keep a button whose arguments do not fit in a custom id (in memory; bounded)."""
        key = secrets.token_urlsafe(12)
        self._button_overflow[key] = (command, dict(args))
        while len(self._button_overflow) > 10_000:
            self._button_overflow.popitem(last=False)
        return key

    async def press(self, interaction: discord.Interaction, payload: str) -> None:
        """A button was pressed: run its command for the presser, with their permissions."""
        decoded = decode_button(payload, self._button_overflow)
        spec = self.specs.get(decoded[0]) if decoded is not None else None
        if decoded is None or spec is None:
            await self.send_reply(
                interaction, Reply("This button is out of date; run the command again.", ok=False), ephemeral=True
            )
            self.interactions_handled += 1
            return
        await self.handle(interaction, spec, decoded[1])

    # ------------------------------------------------------------------ the watch add form

    async def open_form(self, interaction: discord.Interaction) -> None:
        """``/watch add`` without options: the form, or the refusal at once for a caller who may not add watches."""
        try:
            refused = await self.service.refusal(self.caller(interaction), FORM_COMMAND)
            if refused is not None:
                await self.send_reply(interaction, Reply(refused, ok=False), ephemeral=True)
            else:
                await interaction.response.send_modal(self.form)
        except discord.HTTPException as exc:
            log.warning("Discord did not accept the watch add form (%s, code %s): %s", exc.status, exc.code, exc.text)
        except Exception:
            log.exception("opening the watch add form failed for user %s", interaction.user.id)
            await self.send_reply(interaction, Reply(INTERNAL_ERROR, ok=False), ephemeral=True)
        self.interactions_handled += 1

    async def submit_form(self, interaction: discord.Interaction) -> None:
        """The form was submitted: run ``watch add`` with its answers for the submitter; never raises."""
        answers = form_answers(interaction.data or {})
        spec = self.specs.get(FORM_COMMAND) or CommandSpec(FORM_COMMAND, "add a watch", access="admin", ephemeral=True)
        await self._respond(interaction, spec, lambda caller: self._add_from_form(caller, answers))

    async def _add_from_form(self, caller: Caller, answers: Mapping[str, str]) -> Reply:
        refused = await self.service.refusal(caller, FORM_COMMAND)
        if refused is not None:
            return Reply(refused, ok=False)
        try:
            args = form_arguments(answers)
        except CommandProblem as problem:
            return Reply(problem_text(str(problem), answers), ok=False)
        reply = await self.service.execute(caller, FORM_COMMAND, args)
        if reply.ok:
            return reply
        return Reply(problem_text(reply.text, answers), ok=False)


def form_answers(data: Mapping[str, Any]) -> dict[str, str]:
    """A modal submit's answers by field name, from its components (action rows or labels around text inputs)."""
    answers: dict[str, str] = {}

    def walk(components: Any) -> None:
        for component in components or []:
            if not isinstance(component, Mapping):
                continue
            if "components" in component:
                walk(component["components"])
            if "component" in component:
                walk([component["component"]])
            custom_id = component.get("custom_id")
            if isinstance(custom_id, str) and custom_id.startswith(FORM_INPUT_PREFIX) and "value" in component:
                answers[custom_id.removeprefix(FORM_INPUT_PREFIX)] = str(component["value"] or "")

    walk(data.get("components"))
    return answers


class WatchForm(discord.ui.Modal):
    """The ``watch add`` form: one text input per :data:`bot.commands.guided_form.FIELDS` entry, all required.

    One instance serves every submit (see the module docstring): answers are read from the submit itself, never
    from this shared object, and :meth:`stop` does nothing, so discord.py keeps it registered after a submit.
    """

    def __init__(self, adapter: DiscordCommands) -> None:
        super().__init__(title=FORM_TITLE, custom_id=FORM_ID, timeout=None)
        self.adapter = adapter
        for field in FIELDS:
            self.add_item(
                discord.ui.TextInput(
                    label=field.label,
                    custom_id=FORM_INPUT_PREFIX + field.name,
                    placeholder=field.placeholder,
                    max_length=field.max_length,
                    style=discord.TextStyle.paragraph if field.long else discord.TextStyle.short,
                    required=True,
                )
            )

    def stop(self) -> None:
        """Stay registered: discord.py stops a modal after its first submit; this one serves all of them."""

    async def on_submit(self, interaction: discord.Interaction, /) -> None:
        if self.adapter.handles():
            await self.adapter.submit_form(interaction)


def _file(attachment: Attachment) -> discord.File:
    return discord.File(io.BytesIO(attachment.data), filename=attachment.filename)


class CommandButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=BUTTON_TEMPLATE):
    """A button that runs a command: discord.py rebuilds it from any custom id matching the template, so it
    keeps working after a restart. Bound to an adapter by :func:`_command_button_class`."""

    adapter: ClassVar[DiscordCommands | None] = None

    def __init__(self, custom_id: str, *, label: str = "…") -> None:
        super().__init__(
            discord.ui.Button(
                label=_shorten(label, BUTTON_LABEL_LIMIT), custom_id=custom_id, style=discord.ButtonStyle.primary
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> CommandButton:
        return cls(match.string, label=getattr(item, "label", None) or "…")

    async def callback(self, interaction: discord.Interaction) -> None:
        if self.adapter is not None and self.adapter.handles():
            await self.adapter.press(interaction, self.custom_id.removeprefix(BUTTON_PREFIX))


def _command_button_class(adapter: DiscordCommands) -> type[CommandButton]:
    """A :class:`CommandButton` subclass whose presses go to ``adapter`` (one per client)."""

    class AdapterButton(CommandButton, template=BUTTON_TEMPLATE):
        pass

    AdapterButton.adapter = adapter
    return AdapterButton


# ------------------------------------------------------------------------------------------ commands from specs


AutocompleteCallback = Callable[[discord.Interaction, str], Awaitable[list[app_commands.Choice[str]]]]


def build_commands(
    specs: Sequence[CommandSpec],
    make_callback: Callable[[CommandSpec], RunCommand],
    autocomplete: AutocompleteCallback,
) -> list[app_commands.Command[Any, ..., Any] | app_commands.Group]:
    """Top-level commands and groups for ``specs`` (pure: no client needed, so it can be tested alone)."""
    grouped: dict[str, list[CommandSpec]] = {}
    for spec in specs:
        grouped.setdefault(spec.group, []).append(spec)
    built: list[app_commands.Command[Any, ..., Any] | app_commands.Group] = []
    for group_name, members in grouped.items():
        subcommands = [spec for spec in members if spec.subcommand is not None]
        bare = [spec for spec in members if spec.subcommand is None]
        if not subcommands:
            for spec in bare:
                command = _command(spec, spec.name, make_callback(spec), autocomplete, None)
                command.default_permissions = member_permissions([spec])
                built.append(command)
            continue
        names = sorted({_sub_path(spec)[0] for spec in subcommands} | ({BARE_SUBCOMMAND} if bare else set()))
        group = app_commands.Group(
            name=group_name,
            description=_shorten(f"{group_name}: {', '.join(names)}", DESCRIPTION_LIMIT),
            default_permissions=member_permissions(members),
        )
        for spec in bare:  # Discord cannot run a group itself: "/admins" becomes "/admins show"
            group.add_command(_command(spec, BARE_SUBCOMMAND, make_callback(spec), autocomplete, group))
        subgroups: dict[str, app_commands.Group] = {}
        for spec in subcommands:
            path = _sub_path(spec)
            parent = group
            if len(path) == 2:
                if path[0] not in subgroups:  # a Group made with parent= adds itself to it
                    subgroups[path[0]] = app_commands.Group(
                        name=path[0], description=_shorten(f"{group_name} {path[0]}", DESCRIPTION_LIMIT), parent=group
                    )
                parent = subgroups[path[0]]
            parent.add_command(_command(spec, path[-1], make_callback(spec), autocomplete, parent))
        built.append(group)
    return built


def member_permissions(specs: Sequence[CommandSpec]) -> discord.Permissions | None:
    """The ``default_member_permissions`` of a top-level command standing for ``specs`` (a command, or a group's
    subcommands): Manage Server when none of them is open to anyone, so Discord hides it from ordinary members
    (Discord sets permissions per top-level command only). Subscription management (``chat_admin``) needs
    Manage Server in the service too; bot admins and owners are still checked by the service."""
    if any(spec.access == "anyone" for spec in specs):
        return None
    return discord.Permissions(MANAGER_PERMISSIONS.value)


def _annotation(param: ParamSpec) -> Any:
    """The Python type discord.py turns into the option's type: str (STRING), float (NUMBER), int (INTEGER),
    discord.User (USER, Discord's user picker), discord.Role (ROLE), a CHANNEL option limited to what alerts can go
    to (:class:`ChannelOption`) or discord.Attachment (ATTACHMENT)."""
    if param.kind == "file":
        return discord.Attachment
    if param.kind == "user":
        return discord.User
    if param.kind == "channel":
        return ChannelOption()
    if param.kind == "role":
        return discord.Role
    if param.kind == "number":
        return int if param.name in INTEGER_PARAMS else float
    return str


def _sub_path(spec: CommandSpec) -> list[str]:
    """``"watch feed add"`` -> ``["feed", "add"]``: Discord nests at most a group and a subgroup."""
    words = (spec.subcommand or "").split()
    return [words[0], " ".join(words[1:]).replace(" ", "-")] if len(words) > 1 else words


def _command(
    spec: CommandSpec,
    name: str,
    run: RunCommand,
    autocomplete: AutocompleteCallback,
    parent: app_commands.Group | None,
) -> app_commands.Command[Any, ..., Any]:
    """One app command whose options are ``spec.params``.

    discord.py derives options from the callback's signature, so the callback gets a generated
    ``__signature__`` (keyword-only ``p0, p1, ...`` annotated by :func:`_annotation`, ``None`` defaults for
    optional ones) and the ``__discord_app_commands_param_*__`` attributes its decorators would set
    (descriptions, renames to the spec's names, choices, autocomplete).
    """
    ordered = [param for param in spec.params if param.required] + [p for p in spec.params if not p.required]
    python_names = {f"p{index}": param for index, param in enumerate(ordered)}

    async def callback(interaction: discord.Interaction, **values: Any) -> None:
        await run(interaction, {python_names[key].name: value for key, value in values.items()})

    parameters = [inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                    annotation=discord.Interaction)]  # fmt: skip
    for key, param in python_names.items():
        parameters.append(
            inspect.Parameter(
                key,
                inspect.Parameter.KEYWORD_ONLY,
                annotation=_annotation(param),
                default=None,  # even when required: see SpecCommand
            )
        )
    target: Any = callback
    target.__signature__ = inspect.Signature(parameters)
    target.__discord_app_commands_param_description__ = {
        key: _shorten(param.description or param.name, DESCRIPTION_LIMIT) for key, param in python_names.items()
    }
    target.__discord_app_commands_param_rename__ = {key: param.name for key, param in python_names.items()}
    target.__discord_app_commands_param_choices__ = {
        key: [app_commands.Choice(name=_shorten(choice, DESCRIPTION_LIMIT), value=choice)
              for choice in param.choices[:CHOICES_LIMIT]]
        for key, param in python_names.items()
        if param.kind == "choice" and param.choices
    }  # fmt: skip
    target.__discord_app_commands_param_autocomplete__ = {
        key: autocomplete for key, param in python_names.items() if _autocompletes(param)
    }
    command = SpecCommand(
        name=name,
        description=_shorten(spec.description or spec.name, DESCRIPTION_LIMIT),
        callback=callback,
        parent=parent,
    )
    command.required_options = frozenset(param.name for param in spec.params if param.required)
    return command


class SpecCommand(app_commands.Command[Any, ..., None]):
    """An app command whose required options are required in Discord's menu but not when it runs.

    Discord clients enforce ``required``, but they cache command definitions: while a changed command list
    propagates (after a deploy), an interaction may lack an option that is now required. discord.py would then
    fail the whole command with a signature mismatch; instead the command runs with what it got and the service
    answers with what is missing and how to give it, as it does on Telegram. The callback's parameters all
    default to None (so discord.py never refuses) and :meth:`to_dict` restores ``required`` for the sync.
    """

    required_options: frozenset[str] = frozenset()

    def to_dict(self, tree: app_commands.CommandTree[Any]) -> dict[str, Any]:
        data = super().to_dict(tree)
        for option in data.get("options", []):
            if option["name"] in self.required_options:
                option["required"] = True
        return data


def _autocompletes(param: ParamSpec) -> bool:
    return param.kind == "watch" and not param.choices
