"""What every command handler receives: the long-lived objects it may use, and the invocation it answers.

Handlers raise :class:`CommandProblem` for anything the user can fix (an unknown id, a bad date); the service
turns it into an ``ok=False`` reply and an audit row, after the handler's transaction rolled back.
"""

from __future__ import annotations

import difflib
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.commands.api import Button, Caller, Reply, Resolved
from watchers.clock import Clock
from watchers.config.schema import FollowupConfig
from watchers.feeds.fetch import FeedFetcher
from watchers.feeds.poller import FeedPoller
from watchers.store.admins import AdminRepository
from watchers.store.audit import AuditEntry, AuditRepository
from watchers.store.database import Database
from watchers.store.feeds import FeedRepository
from watchers.store.outbox import OutboxRepository
from watchers.store.subscribers import ChatSubscriptions
from watchers.store.tracking import TrackingRepository
from watchers.store.watches import StoredWatch, WatchRepository
from watchers.tracking.registry import WatchRegistry
from watchers.tracking.sink import TrackingSink


class Level(IntEnum):
    """Ordered privilege, checked in one place (permissions.py): member < chat admin < bot admin < owner."""

    MEMBER = 0
    CHAT_ADMIN = 1
    ADMIN = 2
    OWNER = 3


class CommandProblem(Exception):
    """Input the user can fix; the message says what was wrong and how to write it instead."""

    def __init__(self, message: str, *, buttons: tuple[Button, ...] = ()) -> None:
        super().__init__(message)
        self.buttons = buttons


class WatchNeeded(CommandProblem):
    """A command that needs a watch got none: the service offers one button per watch for the same command."""

    def __init__(self, message: str, param: str) -> None:
        super().__init__(message)
        self.param = param


@dataclass
class CommandContext:
    """The objects commands work with, built once by the app (or a test fixture) and shared by every call."""

    db: Database
    config: FollowupConfig
    registry: WatchRegistry
    clock: Clock
    fetcher: FeedFetcher
    poller: FeedPoller
    tracker: TrackingSink
    feeds: FeedRepository = field(init=False)
    tracking: TrackingRepository = field(init=False)
    outbox: OutboxRepository = field(init=False)
    admins: AdminRepository = field(init=False)
    audit: AuditRepository = field(init=False)
    watches: WatchRepository = field(init=False)
    subscriptions: ChatSubscriptions = field(init=False)

    def __post_init__(self) -> None:
        self.feeds = FeedRepository(self.db)
        self.tracking = TrackingRepository(self.db)
        self.outbox = OutboxRepository(self.db)
        self.admins = AdminRepository(self.db)
        self.audit = AuditRepository(self.db)
        self.watches = WatchRepository()
        self.subscriptions = ChatSubscriptions()

    def watch(self, watch_id: str | None, *, param: str = "watch") -> StoredWatch:
        """The watch named by the user (its id, or a unique prefix of at least 3 characters), or a CommandProblem
        that suggests close ids (WatchNeeded when none was named, so the service can offer buttons)."""
        if not watch_id:
            raise WatchNeeded(f"name a watch ({param}); {self.known_ids()}", param)
        wanted = watch_id.strip().lower()
        stored = self.registry.get(wanted)
        if stored is None:
            # a unique prefix names a watch: "soy" for china-us-soybean-purchases would not, "china-us-s" does
            starting = [w for w in self.registry.all() if w.id.startswith(wanted)]
            if len(starting) == 1 and len(wanted) >= 3:
                return starting[0]
            raise CommandProblem(f"there is no watch {watch_id!r}; {self.suggest(watch_id)}")
        return stored

    def known_ids(self) -> str:
        ids = [w.id for w in self.registry.all()]
        return f"watches: {', '.join(ids)}" if ids else "there are no watches yet (admins: /watch add)"

    def suggest(self, watch_id: str) -> str:
        ids = [w.id for w in self.registry.all()]
        close = difflib.get_close_matches(watch_id.strip().lower(), ids, n=3, cutoff=0.4)
        close += [i for i in ids if watch_id.strip().lower() in i and i not in close][:3]
        if close:
            return f"did you mean {' or '.join(close)}?"
        return self.known_ids()


@dataclass(frozen=True)
class Invocation:
    """One command call: who, which command, the arguments as given, and the caller's privilege."""

    caller: Caller
    command: str
    args: Mapping[str, str]
    attachment: bytes | None
    level: Level
    resolved: Mapping[str, Resolved] = field(default_factory=dict)  # channel and role options, as the adapter saw them

    @property
    def actor(self) -> str:
        """The caller as recorded in the audit log and provenance: ``telegram:1001``."""
        return f"{self.caller.platform}:{self.caller.user_id}"

    def arg(self, name: str) -> str | None:
        """An argument stripped of whitespace; empty counts as missing."""
        value = self.args.get(name)
        if value is None:
            return None
        value = value.strip()
        return value or None

    def audit_entry(self, ctx: CommandContext, *, detail: str, before: Any = None, after: Any = None) -> AuditEntry:
        return AuditEntry(
            at=ctx.clock.now(),
            platform=self.caller.platform,
            user_id=self.caller.user_id,
            chat=self.caller.chat_address,
            command=self.command,
            arguments=dict(self.args),
            outcome="accepted",
            detail=detail,
            before=before,
            after=after,
        )

    def accepted(self, ctx: CommandContext, session: AsyncSession, detail: str, before: Any, after: Any) -> None:
        """Audit an accepted change inside the command's own transaction (committed with it or not at all)."""
        ctx.audit.add(session, self.audit_entry(ctx, detail=detail, before=before, after=after))


Handler = Callable[[CommandContext, Invocation], Awaitable[Reply]]
