"""python-telegram-bot persistence in followup's own database, for guided conversations only.

Why not PTB's PicklePersistence: the bot's state lives in one database (SQLite or PostgreSQL) that a self-hoster
backs up and that several replicas share; a pickle file beside it would be a second, unshared store. Only what a
conversation needs is kept: each conversation's step (per chat and user) and each user's answers so far
(``user_data``). Chat data, bot data and callback data are not used by followup and are not stored.
"""

from __future__ import annotations

import json
from copy import deepcopy
from typing import Any, cast

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import ConversationDict, ConversationKey

from watchers.store.chat_state import ChatStateRepository
from watchers.store.database import Database

__all__ = ["DatabasePersistence"]

CONVERSATION = "conversation"
USER_DATA = "user_data"


class DatabasePersistence(BasePersistence[dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Conversations and user data in the ``chat_state`` table; written within ``update_interval`` seconds and at
    a graceful stop (PTB flushes then), so a restart resumes a conversation where it was."""

    def __init__(self, db: Database, *, update_interval: float = 1.0) -> None:
        super().__init__(
            store_data=PersistenceInput(bot_data=False, chat_data=False, user_data=True, callback_data=False),
            update_interval=update_interval,
        )
        self._repo = ChatStateRepository(db)
        self._written: dict[int, str] = {}  # what the table holds per user, so an unchanged one is not rewritten

    async def get_user_data(self) -> dict[int, dict[Any, Any]]:
        stored = await self._repo.load(USER_DATA)
        loaded = {int(key): dict(value) for key, value in stored.items() if isinstance(value, dict)}
        self._written = {user: _canonical(data) for user, data in loaded.items()}
        return loaded

    async def update_user_data(self, user_id: int, data: dict[Any, Any]) -> None:
        # PTB calls this for every user it saw an update from, usually with nothing changed (or nothing at all)
        canonical = _canonical(data) if data else ""
        if self._written.get(user_id, "") == canonical:
            return
        if data:
            await self._repo.put(USER_DATA, "", str(user_id), deepcopy(data))
            self._written[user_id] = canonical
        else:
            await self._repo.drop(USER_DATA, "", str(user_id))
            self._written.pop(user_id, None)

    async def drop_user_data(self, user_id: int) -> None:
        await self._repo.drop(USER_DATA, "", str(user_id))
        self._written.pop(user_id, None)

    async def refresh_user_data(self, user_id: int, user_data: dict[Any, Any]) -> None:
        return None

    async def get_conversations(self, name: str) -> ConversationDict:
        stored = await self._repo.load(CONVERSATION, name)
        conversations: dict[ConversationKey, object] = {}
        for key, state in stored.items():
            try:
                parts = json.loads(key)
            except ValueError:
                continue
            if isinstance(parts, list):
                conversations[tuple(parts)] = state
        return cast(ConversationDict, conversations)

    async def update_conversation(self, name: str, key: ConversationKey, new_state: object | None) -> None:
        encoded = json.dumps(list(key))
        if new_state is None:
            await self._repo.drop(CONVERSATION, name, encoded)
        else:
            await self._repo.put(CONVERSATION, name, encoded, new_state)

    # ------------------------------------------------------------------ not used by followup

    async def get_chat_data(self) -> dict[int, dict[Any, Any]]:
        return {}

    async def get_bot_data(self) -> dict[Any, Any]:
        return {}

    async def get_callback_data(self) -> None:
        return None

    async def update_chat_data(self, chat_id: int, data: dict[Any, Any]) -> None:
        return None

    async def update_bot_data(self, data: dict[Any, Any]) -> None:
        return None

    async def update_callback_data(self, data: Any) -> None:
        return None

    async def drop_chat_data(self, chat_id: int) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[Any, Any]) -> None:
        return None

    async def refresh_bot_data(self, bot_data: dict[Any, Any]) -> None:
        return None

    async def flush(self) -> None:
        return None


def _canonical(data: dict[Any, Any]) -> str:
    return json.dumps(data, sort_keys=True, default=str)
