"""The guided ``/watch add`` on Telegram: a ConversationHandler over :mod:`bot.commands.guided`.

``/watch add`` with nothing after it, in a private chat with the bot, starts it (the one-line form with arguments
is unchanged, and in groups the one-line form is the only one: a conversation there would read other people's
messages as answers). Each question comes with buttons where the answer is one of a few (kind, status, unit, the
suggested id), a Skip button when it is optional and a Cancel button; typing the answer works too, and ``/cancel``
stops at any step. The step and the answers so far are kept by the Application's persistence (followup's
database, :class:`bot.commands.telegram_persistence.DatabasePersistence`), so a restart in the middle resumes
where it was. The last step runs the same ``watch add`` as the one-line form, through the command service, which
checks permissions again and says what it did.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.commands.guided import Question, accept, arguments, next_question, summary

if TYPE_CHECKING:
    from bot.commands.telegram_adapter import TelegramCommands

__all__ = ["NAME", "guided_watch_add"]

NAME = "guided_watch_add"  # the conversation's name in persistence
ANSWERS = "guided_watch_add"  # the key of the answers in user_data
ASKING, CONFIRMING = 0, 1
_PREFIX = "g:"
_START = r"^/watch(@\w+)?\s+add\s*$"
Context = ContextTypes.DEFAULT_TYPE


def guided_watch_add(adapter: TelegramCommands, *, persistent: bool) -> ConversationHandler[Any]:
    """The handler to add before the adapter's own (it must see ``/watch add`` and its buttons first)."""
    flow = _Flow(adapter)
    buttons: Any = CallbackQueryHandler(flow.on_button, pattern=f"^{_PREFIX}")  # PTB's generics are invariant
    with warnings.catch_warnings():
        # PTB warns that with per_message=False a button press is tracked per chat and user, not per message:
        # that is what this conversation wants (its buttons belong to the one conversation in the chat).
        warnings.filterwarnings("ignore", message=".*per_message=False.*", category=PTBUserWarning)
        return _conversation(flow, buttons, persistent=persistent)


def _conversation(flow: _Flow, buttons: Any, *, persistent: bool) -> ConversationHandler[Any]:
    return ConversationHandler(
        entry_points=[CommandHandler("watch", flow.on_start, filters=filters.ChatType.PRIVATE & filters.Regex(_START))],
        states={
            ASKING: [MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, flow.on_text), buttons],
            CONFIRMING: [buttons],
        },
        fallbacks=[CommandHandler("cancel", flow.on_cancel)],
        name=NAME,
        persistent=persistent,
        allow_reentry=True,
        per_message=False,
    )


class _Flow:
    def __init__(self, adapter: TelegramCommands) -> None:
        self.adapter = adapter

    async def on_start(self, update: Update, context: Context) -> int:
        message, chat = update.effective_message, update.effective_chat
        if message is None or chat is None:
            return ConversationHandler.END
        caller = await self.adapter.caller_for(chat, update.effective_user, "watch add")
        refused = await self.adapter.service.refusal(caller, "watch add")
        if refused is not None:
            await chat.send_message("⚠️ " + refused)
            return ConversationHandler.END
        answers: dict[str, str] = {}
        _user_data(context)[ANSWERS] = answers
        await chat.send_message("Let's add a watch, one question at a time (/cancel stops).")
        return await self._ask(update, context, answers)

    async def on_text(self, update: Update, context: Context) -> int:
        message = update.effective_message
        return await self._answer(update, context, (message.text or "") if message is not None else "")

    async def on_button(self, update: Update, context: Context) -> int:
        query = update.callback_query
        if query is None:
            return ConversationHandler.END
        await query.answer()
        data = (query.data or "").removeprefix(_PREFIX)
        if data == "cancel":
            return await self.on_cancel(update, context)
        if data == "add":
            return await self._add(update, context)
        if data == "skip":
            return await self._answer(update, context, "skip")
        return await self._answer(update, context, data.removeprefix("v:"))

    async def on_cancel(self, update: Update, context: Context) -> int:
        _user_data(context).pop(ANSWERS, None)
        chat = update.effective_chat
        if chat is not None:
            await chat.send_message("Cancelled: no watch was added.")
        return ConversationHandler.END

    async def _answer(self, update: Update, context: Context, raw: str) -> int:
        answers = _user_data(context).setdefault(ANSWERS, {})
        question = next_question(answers)
        chat = update.effective_chat
        if question is None:  # already complete: a stray answer while confirming
            return await self._ask(update, context, answers)
        problem = accept(question, raw, answers)
        if problem is not None and chat is not None:
            await chat.send_message(f"⚠️ {problem}")
        return await self._ask(update, context, answers)

    async def _ask(self, update: Update, context: Context, answers: dict[str, str]) -> int:
        chat = update.effective_chat
        if chat is None:
            return ConversationHandler.END
        question = next_question(answers)
        if question is None:
            keyboard = [[_button("Add it", "add"), _button("Cancel", "cancel")]]
            await chat.send_message(summary(answers), reply_markup=InlineKeyboardMarkup(keyboard))
            return CONFIRMING
        await chat.send_message(question.text, reply_markup=_keyboard(question))
        return ASKING

    async def _add(self, update: Update, context: Context) -> int:
        chat = update.effective_chat
        answers = _user_data(context).get(ANSWERS) or {}
        if chat is None or next_question(answers) is not None:
            return await self._ask(update, context, answers)
        caller = await self.adapter.caller_for(chat, update.effective_user, "watch add")
        reply = await self.adapter.service.execute(caller, "watch add", arguments(answers))
        if not reply.ok and "exists already" in reply.text:
            answers.pop("id", None)  # the one answer that can be fixed here
            await chat.send_message(f"⚠️ {reply.text}")
            return await self._ask(update, context, answers)
        _user_data(context).pop(ANSWERS, None)
        await self.adapter.send_reply_to(chat.id, reply)
        return ConversationHandler.END


def _user_data(context: Context) -> dict[str, Any]:
    data = context.user_data
    if data is None:  # only for updates without a user, which never reach this conversation
        return {}
    return data


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label[:64], callback_data=(_PREFIX + data)[:64])


def _keyboard(question: Question) -> InlineKeyboardMarkup:
    rows = [[_button(label, f"v:{value}")] for label, value in question.choices]
    last = [_button("Skip", "skip")] if question.optional else []
    rows.append([*last, _button("Cancel", "cancel")])
    return InlineKeyboardMarkup(rows)
