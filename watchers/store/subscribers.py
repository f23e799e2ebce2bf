"""Subscriptions as chat commands see them: one chat (or thread) and the watches it receives.

A chat's ``settings`` and ``mute`` apply to every subscription of that chat, so they are read and written per
target here; subscriptions the config declares are changed in place too (the config sync keeps kinds and prefs
it sets itself, and leaves ``active`` alone).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from watchers.store.outbox import subscription_key
from watchers.store.tables import SubscriptionRow


class ChatSubscriptions:
    """Every SQL statement chat commands run on subscriptions, in the caller's transaction."""

    async def for_target(
        self, session: AsyncSession, platform: str, address: str, thread_id: int | None
    ) -> list[SubscriptionRow]:
        statement = select(SubscriptionRow).where(
            col(SubscriptionRow.platform) == platform, col(SubscriptionRow.address) == address
        )
        statement = statement.where(
            col(SubscriptionRow.thread_id).is_(None)
            if thread_id is None
            else col(SubscriptionRow.thread_id) == thread_id
        )
        return list((await session.execute(statement.order_by(col(SubscriptionRow.id)))).scalars().all())

    async def subscribe(
        self,
        session: AsyncSession,
        platform: str,
        address: str,
        thread_id: int | None,
        watch_id: str | None,
        *,
        kinds: Sequence[str],
        prefs: dict[str, Any],
        now: datetime,
        mention: dict[str, Any] | None = None,
    ) -> tuple[SubscriptionRow, bool]:
        """The subscription for ``watch_id`` (None: all watches), created or re-activated; True if it changed.

        ``mention`` is the place's opt-in ping, copied so a new subscription pings like the place's others."""
        key = subscription_key(platform, address, thread_id, watch_id)
        row = (
            await session.execute(select(SubscriptionRow).where(col(SubscriptionRow.key) == key))
        ).scalar_one_or_none()
        if row is None:
            row = SubscriptionRow(
                key=key,
                platform=platform,
                address=address,
                thread_id=thread_id,
                watch_id=watch_id,
                kinds=list(kinds),
                prefs=prefs,
                source="chat",
                created_at=now,
                mention=mention,
            )
            session.add(row)
            return row, True
        if row.active:
            return row, False
        row.active = True
        row.deactivated_reason = None
        return row, True

    async def unsubscribe(self, session: AsyncSession, rows: Sequence[SubscriptionRow]) -> None:
        """Delete chat-made rows; deactivate config-declared ones (the config sync would re-create a deleted one)."""
        for row in rows:
            if row.source == "chat":
                await session.delete(row)
            else:
                row.active = False
                row.deactivated_reason = "unsubscribed from chat"


def excluded(row: SubscriptionRow) -> set[str]:
    """The watches a subscription to every watch leaves out ("all but this one": ``prefs["except"]``)."""
    left_out = (row.prefs or {}).get("except") or []
    return {str(w) for w in left_out} if isinstance(left_out, list) else set()


def describe(row: SubscriptionRow) -> dict[str, Any]:
    """A row as audit before/after JSON."""
    return {
        "key": row.key,
        "watch_id": row.watch_id,
        "kinds": list(row.kinds),
        "prefs": dict(row.prefs),
        "active": row.active,
        "source": row.source,
        **({"mention": dict(row.mention)} if row.mention else {}),
    }
