"""SQLModel table definitions.

Timestamps are stored as timezone-aware columns (``timestamptz`` on PostgreSQL); SQLite returns them naive, so
repositories convert every value read through :func:`watchers.clock.as_utc`. Every schema change needs an Alembic
revision in ``watchers/migrations/versions``; a test compares the migrated schema with these models.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, DateTime, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def _ts(nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable, index=index))


class Feed(SQLModel, table=True):
    """A polled RSS/Atom feed and everything needed to poll it politely and resume after a restart."""

    __tablename__ = "feeds"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(max_length=2048, sa_column_kwargs={"unique": True})
    source: str = Field(default="config", max_length=16)  # "config" or "chat": who declared it
    interval_seconds: int = Field(default=900)
    etag: str | None = Field(default=None, max_length=512)
    last_modified: str | None = Field(default=None, max_length=128)
    body_hash: str | None = Field(default=None, max_length=64)
    last_status: int | None = None
    last_error_kind: str | None = Field(default=None, max_length=32)
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    consecutive_failures: int = Field(default=0)
    next_check_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False, index=True))
    last_checked_at: datetime | None = _ts()
    last_success_at: datetime | None = _ts()
    paused: bool = Field(default=False)
    paused_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    # The replica polling it now (set by a claim, cleared when the poll is recorded): see ReplicaRow.
    claimed_by: str | None = Field(default=None, max_length=128)
    # The item fingerprints of the last parsed body (watchers.feeds.incremental.ItemState), for incremental parses.
    item_fingerprints: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class Entry(SQLModel, table=True):
    """An entry seen in a feed. ``key`` is its stable identity within the feed, so each is processed once."""

    __tablename__ = "entries"
    __table_args__ = (
        UniqueConstraint("feed_id", "key", name="uq_entries_feed_key"),
        Index("ix_entries_last_seen_at", "last_seen_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    feed_id: int = Field(foreign_key="feeds.id", ondelete="CASCADE", index=True)
    key: str = Field(max_length=512)
    title: str = Field(sa_column=Column(Text, nullable=False))
    summary: str = Field(sa_column=Column(Text, nullable=False))
    link: str | None = Field(default=None, max_length=2048)
    published: datetime | None = _ts()
    first_seen_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    last_seen_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class AdminNotice(SQLModel, table=True):
    """Something the owners must hear about (a feed paused after repeated failures); the outbox sends it."""

    __tablename__ = "admin_notices"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    subject: str = Field(max_length=2048)
    message: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    delivered_at: datetime | None = _ts()


class WatchStateRow(SQLModel, table=True):
    """A watch's baseline and the tracking engine's memory about it, as JSON (see watchers.tracking.state)."""

    __tablename__ = "watch_states"

    watch_id: str = Field(primary_key=True, max_length=64)
    state: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class AlertRow(SQLModel, table=True):
    """An alert as raised: what changed, old and new, how sure, why (rule and sentences) and its sources."""

    __tablename__ = "alerts"
    __table_args__ = (
        Index("ix_alerts_watch_at", "watch_id", "at"),
        Index("uq_alerts_change_key", "change_key", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=96, sa_column_kwargs={"unique": True})
    # the change itself (watch, kind, old, new, moment) as a digest: the database refuses the same change twice, so
    # a tick or an entry processed twice (a replica taking over mid-batch) can never store or send two alerts
    change_key: str | None = Field(default=None, max_length=64)
    watch_id: str = Field(max_length=64)
    kind: str = Field(max_length=32)
    at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    old: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    new: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    confidence: str = Field(max_length=16)
    sources: list[str] = Field(sa_column=Column(JSON, nullable=False))
    text: str = Field(sa_column=Column(Text, nullable=False))
    rule: str = Field(sa_column=Column(Text, nullable=False))
    sentences: list[str] = Field(sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class BaselineHistoryRow(SQLModel, table=True):
    """One accepted change of a baseline field (alerted, silent or set by an admin), with its provenance."""

    __tablename__ = "baseline_history"
    __table_args__ = (Index("ix_baseline_history_watch_at", "watch_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    watch_id: str = Field(max_length=64)
    field_name: str = Field(max_length=32)
    old: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    new: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    sources: list[str] = Field(sa_column=Column(JSON, nullable=False))
    alert_key: str | None = Field(default=None, max_length=96)
    note: str = Field(sa_column=Column(Text, nullable=False))


class SubscriptionRow(SQLModel, table=True):
    """Who receives which watch's alerts, where: a chat, channel, thread, webhook or the console."""

    __tablename__ = "subscriptions"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=2200, sa_column_kwargs={"unique": True})  # platform:address:thread:watch
    platform: str = Field(max_length=16)
    address: str = Field(max_length=2048)
    thread_id: int | None = Field(default=None, sa_type=BigInteger)
    watch_id: str | None = Field(default=None, max_length=64)  # None: every watch
    kinds: list[str] = Field(sa_column=Column(JSON, nullable=False))
    prefs: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    active: bool = Field(default=True)
    deactivated_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    source: str = Field(default="config", max_length=16)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    # For config subscriptions: the kinds and prefs the config declared at the last sync. A restart re-applies the
    # config only when that declaration changed, so settings changed from chat survive restarts.
    declared: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    # Opt-in pings (watchers.store.mentions): the role or @here an alert of the chosen kinds mentions; None: never.
    mention: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class OutboxRow(SQLModel, table=True):
    """One message to deliver: an alert (or an edit of a sent one, or an admin notice) for one subscription.

    Status: pending -> sending -> sent | retry (-> sending ...) | dead. Rows for one target are delivered in id
    order; ``target_key`` groups them. A low-priority alert for a subscription in digest mode waits as "digest"
    (not blocking its target) until the digest time, when one "digest" row batches them and they become
    "digested".
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index("ix_outbox_target", "target_key", "id"),
        Index("ix_outbox_alert", "alert_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # "alert" | "edit" | "notice" | "digest"
    alert_key: str | None = Field(default=None, max_length=96)
    notice_id: int | None = Field(default=None, foreign_key="admin_notices.id", ondelete="CASCADE")
    subscription_id: int | None = Field(default=None, foreign_key="subscriptions.id", ondelete="CASCADE")
    platform: str = Field(max_length=16)
    address: str = Field(max_length=2048)
    thread_id: int | None = Field(default=None, sa_type=BigInteger)
    target_key: str = Field(max_length=2200)
    status: str = Field(default="pending", max_length=16)
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    claimed_until: datetime | None = _ts()
    claimed_by: str | None = Field(default=None, max_length=128)  # the replica sending it now (see ReplicaRow)
    message_ids: list[str] = Field(sa_column=Column(JSON, nullable=False))
    # kind "digest": the alerts it batches, in order (their own rows are then "digested")
    alert_keys: list[str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    sent_at: datetime | None = _ts()


class WatchRow(SQLModel, table=True):
    """A watch as the bot runs it: the config's watches (source "config") plus those added or changed from chat.

    ``definition`` is the WatchConfig in config form (what ``export`` writes and ``import`` reads). A config
    watch edited from chat becomes source "chat" and overrides config/watches.yaml from then on; ``removed``
    keeps a tombstone for a removed config watch so the next start does not bring it back.
    """

    __tablename__ = "watches"

    id: str = Field(primary_key=True, max_length=64)
    definition: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    source: str = Field(default="config", max_length=16)  # "config" | "chat"
    paused: bool = Field(default=False)
    removed: bool = Field(default=False)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    updated_by: str | None = Field(default=None, max_length=128)  # "telegram:1001"; None for the config


class AdminRow(SQLModel, table=True):
    """A bot admin added by an owner from chat (owners themselves live in the config)."""

    __tablename__ = "admins"
    __table_args__ = (UniqueConstraint("platform", "user_id", name="uq_admins_platform_user"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    user_id: str = Field(max_length=64)
    added_by: str = Field(max_length=128)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class AuditRow(SQLModel, table=True):
    """One command outcome worth keeping: every refusal and every accepted admin change (with before/after)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    platform: str = Field(max_length=16)
    user_id: str = Field(max_length=64)
    chat: str = Field(max_length=2048)
    command: str = Field(max_length=64)
    arguments: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    outcome: str = Field(max_length=16)  # accepted | refused | invalid | error
    detail: str = Field(sa_column=Column(Text, nullable=False))
    before: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: Any = Field(default=None, sa_column=Column(JSON, nullable=True))


class ChatStateRow(SQLModel, table=True):
    """State a chat client keeps between updates (a guided conversation's step and answers), so a restart in the
    middle of one loses nothing. ``kind`` is "conversation" (``name`` the conversation, ``key`` the chat and user)
    or "user_data" (``key`` the user)."""

    __tablename__ = "chat_state"
    __table_args__ = (UniqueConstraint("kind", "name", "key", name="uq_chat_state_kind_name_key"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    name: str = Field(max_length=64)
    key: str = Field(max_length=256)
    data: Any = Field(sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class LeaseRow(SQLModel, table=True):
    """A role that must have one owner among the replicas (Telegram long polling, the deadline clock...): who holds
    it and until when. The holder renews it; when it stops renewing, another replica takes it after ``expires_at``."""

    __tablename__ = "leases"

    role: str = Field(max_length=64, primary_key=True)
    holder: str = Field(max_length=128)
    expires_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    acquired_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class ReplicaRow(SQLModel, table=True):
    """A running `followup run` process and until when it is known alive (it renews this with its leases).

    Feeds and outbox rows a replica claims carry its name (``claimed_by``); once its row has expired, it died or
    lost the database, and another replica releases its claims at once instead of waiting out their leases."""

    __tablename__ = "replicas"

    name: str = Field(max_length=128, primary_key=True)
    started_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    alive_until: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class TelegramUpdateRow(SQLModel, table=True):
    """A Telegram update received by webhook: Telegram retries an update it got no answer to, possibly at another
    replica behind the load balancer, so each update_id is handled once (the insert is the claim)."""

    __tablename__ = "telegram_updates"

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    received_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False, index=True))


class ForumThreadRow(SQLModel, table=True):
    """The thread a Discord forum channel holds for one watch: a forum takes no plain messages, so each watch's
    alerts go to one post of their own. Stored so a restart posts into the same thread instead of opening another;
    ``watch_key`` is the watch id ("" for messages of no single watch, such as digests)."""

    __tablename__ = "forum_threads"
    __table_args__ = (UniqueConstraint("forum_id", "watch_key", name="uq_forum_threads_forum_watch"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: str = Field(max_length=64)
    watch_key: str = Field(max_length=64)
    thread_id: str = Field(max_length=64)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
