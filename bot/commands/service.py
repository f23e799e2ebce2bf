"""The transport-neutral command service: every chat command implemented once, for Telegram and Discord alike.

:meth:`FollowupCommands.execute` checks the argument sizes, who the caller is (owner, admin, chat admin) and
whether they may run the command, then runs its handler. A handler changes things in one database transaction
with its audit row, so a failure leaves nothing half-written; a refusal, bad input or an unexpected error
becomes an ``ok=False`` reply plus an audit row, never an exception for the adapter.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from bot.commands import admin_commands, feed_commands, settings_commands, subscriber_commands, watch_commands
from bot.commands.api import MAX_ARGUMENT_CHARS, Button, Caller, CommandSpec, Reply, Resolved
from bot.commands.context import CommandContext, CommandProblem, Handler, Invocation, Level, WatchNeeded
from bot.commands.permissions import level_of, refusal
from bot.commands.specs import SPECS, spec_named
from watchers.store.audit import AuditEntry, Outcome

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 1024 * 1024
MAX_WATCH_BUTTONS = 8  # a command that needs a watch and got none offers this many as buttons

HANDLERS: dict[str, Handler] = {
    **subscriber_commands.HANDLERS,
    **settings_commands.HANDLERS,
    **watch_commands.HANDLERS,
    **feed_commands.HANDLERS,
    **admin_commands.HANDLERS,
}


class FollowupCommands:
    """Implements :class:`bot.commands.api.CommandService` over a :class:`CommandContext`."""

    def __init__(self, ctx: CommandContext) -> None:
        self.ctx = ctx
        missing = [s.name for s in SPECS if s.name not in HANDLERS]
        if missing:
            raise RuntimeError(f"commands without a handler: {', '.join(missing)}")

    def specs(self) -> Sequence[CommandSpec]:
        return SPECS

    async def complete_watch_ids(self, prefix: str, *, limit: int = 25) -> list[tuple[str, str]]:
        """Ids starting with ``prefix`` first, then those containing it (or with it in their title)."""
        needle = prefix.strip().lower()
        watches = self.ctx.registry.all()
        starts = [w for w in watches if w.id.startswith(needle)]
        contains = [w for w in watches if w not in starts and (needle in w.id or needle in w.config.title.lower())]
        return [(w.id, w.config.title) for w in (starts + contains)[:limit]]

    async def refusal(self, caller: Caller, command: str) -> str | None:
        """Why ``caller`` may not run ``command``, or None: a guided conversation asks before its first question."""
        spec = spec_named(command.strip().lower())
        if spec is None:
            return f"there is no command {command!r}"
        return refusal(spec, caller, await level_of(self.ctx, caller))

    async def execute(
        self,
        caller: Caller,
        command: str,
        args: Mapping[str, str],
        *,
        attachment: bytes | None = None,
        resolved: Mapping[str, Resolved] | None = None,
    ) -> Reply:
        spec = spec_named(command.strip().lower())
        if spec is None:
            return Reply(f"there is no command {command!r}; /help lists them", ok=False)
        try:
            level = await level_of(self.ctx, caller)
        except Exception:
            log.exception("could not look up the caller's rights for %s", command)
            return Reply("something went wrong on the bot's side; try again later", ok=False)
        invocation = Invocation(caller, spec.name, dict(args), attachment, level, dict(resolved or {}))
        problem = _size_problem(spec, args, attachment)
        if problem is not None:
            return await self._finish(invocation, Reply(problem, ok=False), "invalid")
        why = refusal(spec, caller, level)
        if why is not None:
            return await self._finish(invocation, Reply(why, ok=False), "refused")
        try:
            reply = await HANDLERS[spec.name](self.ctx, invocation)
        except WatchNeeded as exc:  # one button per watch, running the same command with it
            buttons = tuple(
                Button(w.id, spec.name, {**args, exc.param: w.id}) for w in self.ctx.registry.all()[:MAX_WATCH_BUTTONS]
            )
            return await self._finish(invocation, Reply(f"which watch? {exc}", ok=False, buttons=buttons), "invalid")
        except CommandProblem as exc:
            return await self._finish(invocation, Reply(str(exc), ok=False, buttons=exc.buttons), "invalid")
        except Exception:
            log.exception("command %s failed", spec.name)
            failed = Reply("something went wrong on the bot's side (it is logged); nothing was changed", ok=False)
            return await self._finish(invocation, failed, "error")
        buttons = self._usable(reply.buttons, caller, level)
        if (spec.ephemeral and not reply.ephemeral) or buttons != reply.buttons:
            reply = Reply(reply.text, reply.ok, buttons, reply.attachment, ephemeral=spec.ephemeral or reply.ephemeral)
        return reply

    @staticmethod
    def _usable(buttons: tuple[Button, ...], caller: Caller, level: Level) -> tuple[Button, ...]:
        """The buttons the caller may press: a member is not offered "Subscribe" in a group they cannot manage."""
        kept = []
        for button in buttons:
            target = spec_named(button.command)
            if target is None:
                continue
            unknown = target.access == "chat_admin" and not caller.chat_admin_known and level < Level.ADMIN
            if unknown or refusal(target, caller, level) is None:
                kept.append(button)
        return tuple(kept)

    async def _finish(self, invocation: Invocation, reply: Reply, outcome: Outcome) -> Reply:
        """Audit a refusal, bad input or failure (in its own transaction: the command's rolled back)."""
        entry = invocation.audit_entry(self.ctx, detail=reply.text)
        try:
            await self.ctx.audit.record(
                AuditEntry(
                    entry.at,
                    entry.platform,
                    entry.user_id,
                    entry.chat,
                    entry.command,
                    entry.arguments,
                    outcome,
                    entry.detail,
                )
            )
        except Exception:
            log.exception("could not write the audit row for %s", invocation.command)
        return reply


def _size_problem(spec: CommandSpec, args: Mapping[str, str], attachment: bytes | None) -> str | None:
    names = {p.name for p in spec.params}
    for name, value in args.items():
        if name not in names:
            return f"{spec.name} has no argument {name!r}; it takes {', '.join(sorted(names)) or 'none'}"
        if len(value) > MAX_ARGUMENT_CHARS:
            return f"{name} is {len(value)} characters long; the limit is {MAX_ARGUMENT_CHARS}"
    if attachment is not None and len(attachment) > MAX_UPLOAD_BYTES:
        return f"the file is {len(attachment)} bytes; the limit is {MAX_UPLOAD_BYTES} (1 MiB)"
    return None
