"""Chat commands through the real python-telegram-bot Application against the fake Bot API.

:class:`TelegramDriver` turns a :class:`Scenario` into the message a person would type (``/watch add "Trump
visit" ...``), injects it as an update, waits until the adapter has handled it, and reads the reply back from the
calls the fake recorded. Every row of ``tests/command_scenarios.SCENARIOS`` runs through it against a real
command service on a real database; the Telegram-specific tests below cover what the shared rows cannot
(command menu, inline keyboards, uploads, photos, escaping, crashes, group permissions).
"""

from __future__ import annotations

import asyncio
import html
import re
import shlex
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from command_fixtures import NOW, CommandWorld, command_world, feed_path
from command_harness import TELEGRAM_GROUP_CHAT, TELEGRAM_USERS, DriverReply, Scenario
from command_scenarios import IMPORT_YAML, SCENARIOS, SOY, TRUMP
from fake_telegram import Failure, FakeTelegram, RecordedCall
from feedserver import FeedItem
from sqlalchemy import select
from sqlmodel import col

from bot.channels.base import PermanentError, RetryableError
from bot.commands.api import Button, Caller, CommandService, CommandSpec, Reply
from bot.commands.telegram_adapter import INTERNAL_ERROR, REFUSED_MARK, TelegramCommands
from watchers.store.tables import SubscriptionRow

TOKEN = "123456:TEST-token-for-the-commands-adapter-0000"
WAIT = 30.0  # generous: only a hung adapter ever waits this long


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """PTB 22 warns when it builds a RetryAfter unless it may use timedeltas."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


async def wait_until(condition: Callable[[], bool], what: str, timeout: float = WAIT) -> None:
    """Wait for ``condition`` (checked every few ms); fail saying ``what`` did not happen."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.005)


def command_text(spec: CommandSpec, args: Mapping[str, str]) -> str:
    """What a person types: leading parameters positionally (in spec order), the rest as ``name=value``.

    Values are shell-quoted, as :func:`parse_text_arguments` reads them.
    """
    words = ["/" + spec.group] + ([spec.subcommand] if spec.subcommand else [])
    remaining = dict(args)
    for param in spec.params:
        if param.name not in remaining or "=" in remaining[param.name]:
            break
        words.append(shlex.quote(remaining.pop(param.name)))
    words.extend(shlex.quote(f"{name}={value}") for name, value in remaining.items())
    return " ".join(words)


def visible_text(call: RecordedCall) -> str:
    """The text a person reads: HTML entities decoded, the anti-mention word joiners removed."""
    raw = str(call.params.get("text") or call.params.get("caption") or "")
    return html.unescape(raw).replace("\u2060", "")


def button_labels(call: RecordedCall) -> tuple[str, ...]:
    markup = call.params.get("reply_markup") or {}
    return tuple(button["text"] for row in markup.get("inline_keyboard", []) for button in row)


class TelegramDriver:
    """A :class:`command_harness.CommandDriver` over the fake Bot API and a running :class:`TelegramCommands`."""

    def __init__(self, tg: FakeTelegram, adapter: TelegramCommands, specs: Sequence[CommandSpec]) -> None:
        self.tg = tg
        self.adapter = adapter
        self.specs = {spec.name: spec for spec in specs}

    async def run(self, scenario: Scenario) -> DriverReply:
        user_id = TELEGRAM_USERS[scenario.role]
        chat_id = TELEGRAM_GROUP_CHAT if scenario.place == "group" else user_id
        if scenario.role == "chat_admin":
            self.tg.set_member_status(TELEGRAM_GROUP_CHAT, user_id, "administrator")
        text = command_text(self.specs[scenario.command], scenario.args)
        return await self.send(text, chat_id=chat_id, user_id=user_id, document=scenario.upload)

    async def send(self, text: str, *, chat_id: int, user_id: int | None, **kwargs: Any) -> DriverReply:
        """Inject one message and return everything the bot sent back to that chat while handling it."""
        inject = partial(self.tg.inject_command, text, chat_id=chat_id, user_id=user_id, **kwargs)
        calls = await self.exchange(inject, chat_id)
        return reply_of(calls)

    async def exchange(self, inject: Callable[[], object], chat_id: int) -> list[RecordedCall]:
        mark = len(self.tg.calls)
        target = self.adapter.updates_handled + 1
        inject()
        await wait_until(lambda: self.adapter.updates_handled >= target, "the adapter to handle the update")
        return self.tg.sent_to(chat_id, after=mark)


def reply_of(calls: list[RecordedCall]) -> DriverReply:
    assert calls, "the bot sent nothing back"
    text = "\n".join(visible_text(call) for call in calls)
    mime = None
    for call in calls:
        if call.method == "sendPhoto":
            mime = call.file_types.get("photo", "image/png")
        elif call.method == "sendDocument":
            mime = call.file_types.get("document", "application/octet-stream")
    buttons = tuple(label for call in calls for label in button_labels(call))
    return DriverReply(text=text, ok=not text.startswith(REFUSED_MARK), attachment_mime=mime, buttons=buttons)


@pytest.fixture
async def fake_tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


async def running(tg: FakeTelegram, service: CommandService) -> TelegramCommands:
    adapter = TelegramCommands(TOKEN, service, api_base_url=tg.url, trust_env=False, poll_timeout=1)
    await adapter.start()
    return adapter


# ---------------------------------------------------------------- the real service, observed


class Observed:
    """The real service, recording each Caller the adapter built (the service still decides everything)."""

    def __init__(self, service: CommandService) -> None:
        self.service = service
        self.callers: list[Caller] = []

    def specs(self) -> Sequence[CommandSpec]:
        return self.service.specs()

    async def complete_watch_ids(self, prefix: str, *, limit: int = 25) -> list[tuple[str, str]]:
        return await self.service.complete_watch_ids(prefix, limit=limit)

    async def refusal(self, caller: Caller, command: str) -> str | None:
        return await self.service.refusal(caller, command)

    async def execute(
        self, caller: Caller, command: str, args: Mapping[str, str], *, attachment: bytes | None = None
    ) -> Reply:
        self.callers.append(caller)
        return await self.service.execute(caller, command, args, attachment=attachment)


class Crashing(Observed):
    """The real service, except that one command raises (as a bug would)."""

    def __init__(self, service: CommandService, command: str) -> None:
        super().__init__(service)
        self.command = command

    async def execute(
        self, caller: Caller, command: str, args: Mapping[str, str], *, attachment: bytes | None = None
    ) -> Reply:
        if command == self.command:
            raise RuntimeError(f"simulated crash; token {TOKEN}")
        return await super().execute(caller, command, args, attachment=attachment)


class Answering(Observed):
    """The real service, except that one command answers a fixed reply (to test how replies are rendered)."""

    def __init__(self, service: CommandService, command: str, reply: Reply) -> None:
        super().__init__(service)
        self.command, self.reply = command, reply

    async def execute(
        self, caller: Caller, command: str, args: Mapping[str, str], *, attachment: bytes | None = None
    ) -> Reply:
        if command == self.command:
            return self.reply
        return await super().execute(caller, command, args, attachment=attachment)


class Env:
    """A running adapter over the real service of a command world, the fake it talks to and a driver."""

    def __init__(self, tg: FakeTelegram, adapter: TelegramCommands, service: Observed, world: CommandWorld) -> None:
        self.tg, self.adapter, self.service, self.world = tg, adapter, service, world
        self.driver = TelegramDriver(tg, adapter, service.specs())
        self.popups: list[RecordedCall] = []  # the callback answers of the last press

    async def send(self, text: str, *, chat_id: int, user_id: int | None, **kwargs: Any) -> DriverReply:
        return await self.driver.send(text, chat_id=chat_id, user_id=user_id, **kwargs)

    async def press(self, chat_id: int, label: str, user_id: int) -> DriverReply:
        """Press the button ``label`` on the newest message the bot sent to ``chat_id`` that has it."""
        message_id, data = self.button(chat_id, label)
        mark = len(self.tg.calls)
        calls = await self.driver.exchange(
            lambda: self.tg.inject_callback_query(chat_id=chat_id, message_id=message_id, data=data, user_id=user_id),
            chat_id,
        )
        self.popups = [c for c in self.tg.calls[mark:] if c.method == "answerCallbackQuery"]
        if not calls:  # answered with a pop-up only (a refusal): what the presser reads
            (popup,) = self.popups
            return DriverReply(str(popup.params.get("text") or ""), not popup.params.get("show_alert"))
        return reply_of(calls)

    def button(self, chat_id: int, label: str) -> tuple[int, str]:
        """(message id, callback_data) of the newest button ``label`` in ``chat_id``."""
        for (chat, message_id), message in sorted(self.tg.messages.items(), key=lambda item: -item[0][1]):
            rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
            data = next((b["callback_data"] for row in rows for b in row if b["text"] == label), None)
            if chat == str(chat_id) and data is not None:
                assert len(data.encode()) <= 64
                return message_id, data
        raise AssertionError(f"no button {label!r} in chat {chat_id}")

    async def subscribed(self, chat_id: int, watch_id: str) -> bool:
        async with self.world.svc.db.session() as session:
            found = await session.execute(
                select(SubscriptionRow).where(
                    col(SubscriptionRow.platform) == "telegram",
                    col(SubscriptionRow.address) == str(chat_id),
                    col(SubscriptionRow.watch_id) == watch_id,
                    col(SubscriptionRow.active),
                )
            )
            return found.first() is not None


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[CommandWorld]:
    async with command_world(f"sqlite:///{tmp_path}/commands.db") as built:
        yield built


@pytest.fixture
async def env(world: CommandWorld, fake_tg: FakeTelegram) -> AsyncIterator[Env]:
    service = Observed(world.service)
    adapter = await running(fake_tg, service)
    try:
        yield Env(fake_tg, adapter, service, world)
    finally:
        await adapter.close()


# ---------------------------------------------------------------- every shared scenario


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
async def test_scenario(scenario: Scenario, env: Env) -> None:
    reply = await env.driver.run(scenario)
    assert reply.ok == scenario.ok, f"{scenario.id}: ok={reply.ok}: {reply.text}"
    for expected in scenario.expect:
        assert expected.lower() in reply.text.lower(), f"{scenario.id}: {expected!r} not in reply: {reply.text}"
    if scenario.attachment is not None:
        assert reply.attachment_mime == scenario.attachment, f"{scenario.id}: attachment {reply.attachment_mime}"


OWNER = TELEGRAM_USERS["owner"]
MEMBER = TELEGRAM_USERS["member"]
CHAT_ADMIN = TELEGRAM_USERS["chat_admin"]
GROUP = TELEGRAM_GROUP_CHAT


# ---------------------------------------------------------------- Telegram-specific behaviour


async def test_set_my_commands_lists_every_group(env: Env) -> None:
    calls = env.tg.calls_to("setMyCommands")
    assert len(calls) == 1
    listed = {c["command"]: c["description"] for c in calls[0].params["commands"]}
    groups = list(dict.fromkeys(spec.group for spec in env.service.specs()))
    assert list(listed) == groups
    assert {"help", "start", "watches", "status", "subscribe", "unsubscribe", "settings", "mute", "chart", "watch",
            "feed", "baseline", "check", "replay", "health", "export", "import", "admins"} <= set(listed)  # fmt: skip
    assert all(re.fullmatch(r"[a-z0-9_]{1,32}", name) for name in listed)
    assert all(0 < len(description) <= 256 for description in listed.values())
    assert "add" in listed["watch"] and "remove" in listed["watch"]


async def test_every_group_has_a_handler(env: Env) -> None:
    for group in dict.fromkeys(spec.group for spec in env.service.specs()):
        reply = await env.send(f"/{group}", chat_id=OWNER, user_id=OWNER)
        assert "Unknown command" not in reply.text, group


async def test_subscribe_button_subscribes_the_presser_chat(env: Env) -> None:
    reply = await env.send(f"/status {TRUMP}", chat_id=MEMBER, user_id=MEMBER)
    assert reply.ok and "Subscribe" in reply.buttons, reply
    assert not await env.subscribed(MEMBER, TRUMP)
    pressed = await env.press(MEMBER, "Subscribe", MEMBER)
    assert pressed.ok and "subscribed" in pressed.text, pressed
    answer = env.tg.calls_to("answerCallbackQuery")[-1].params
    assert "subscribed" in answer["text"] and len(answer["text"]) <= 200
    assert await env.subscribed(MEMBER, TRUMP)
    pressed = await env.press(MEMBER, "Unsubscribe", MEMBER)  # the follow-up button of the reply
    assert pressed.ok, pressed
    assert not await env.subscribed(MEMBER, TRUMP)


async def test_a_button_runs_with_the_rights_of_whoever_presses_it(env: Env) -> None:
    env.tg.set_member_status(GROUP, CHAT_ADMIN, "administrator")
    await env.send(f"/status {TRUMP}", chat_id=GROUP, user_id=MEMBER)
    before = len(env.tg.sent_to(GROUP))
    refused = await env.press(GROUP, "Subscribe", MEMBER)
    assert not refused.ok and "can run" in refused.text, "the refusal is a pop-up for the presser"
    assert len(env.tg.sent_to(GROUP)) == before, "and nothing is posted to the group: it answers once"
    assert not await env.subscribed(GROUP, TRUMP)
    accepted = await env.press(GROUP, "Subscribe", CHAT_ADMIN)
    assert accepted.ok, accepted
    assert await env.subscribed(GROUP, TRUMP)


async def test_import_from_an_uploaded_document(env: Env) -> None:
    reply = await env.send("/import", chat_id=OWNER, user_id=OWNER, document=IMPORT_YAML)
    assert reply.ok and "eu-us-trade-deal" in reply.text, reply
    assert env.tg.calls_to("getFile") and env.tg.calls_to("download")
    assert env.world.service.ctx.registry.get("eu-us-trade-deal") is not None


async def test_import_as_a_reply_to_a_document(env: Env) -> None:
    reply = await env.send("/import", chat_id=OWNER, user_id=OWNER, reply_to_document=IMPORT_YAML)
    assert reply.ok and "eu-us-trade-deal" in reply.text, reply
    assert env.world.service.ctx.registry.get("eu-us-trade-deal") is not None


async def test_an_uploaded_document_is_only_downloaded_for_its_command(env: Env) -> None:
    calls = await env.driver.exchange(
        lambda: env.tg.inject_command("/import@other_bot", chat_id=GROUP, user_id=OWNER, document=IMPORT_YAML), GROUP
    )
    assert calls == [] and not env.tg.calls_to("getFile")


async def test_oversized_upload_is_refused_without_downloading(env: Env) -> None:
    env.adapter.max_upload_bytes = 100
    reply = await env.send("/import", chat_id=OWNER, user_id=OWNER, document=b"x" * 101)
    assert not reply.ok and "larger than" in reply.text
    assert not env.tg.calls_to("getFile")
    assert env.world.service.ctx.registry.get("eu-us-trade-deal") is None


async def test_chart_arrives_as_a_photo(env: Env) -> None:
    reply = await env.send(f"/chart {SOY}", chat_id=MEMBER, user_id=MEMBER)
    assert reply.attachment_mime == "image/png"
    photo = env.tg.calls_to("sendPhoto")[-1]
    assert photo.files["photo"].startswith(b"\x89PNG\r\n\x1a\n")
    assert photo.params.get("caption")  # the reply text rides along as the caption


async def test_export_arrives_as_a_yaml_document(env: Env) -> None:
    reply = await env.send("/export", chat_id=OWNER, user_id=OWNER)
    assert reply.attachment_mime == "application/x-yaml", reply
    document = env.tg.calls_to("sendDocument")[-1]
    assert b"watches:" in document.files["document"]


async def test_feed_text_is_escaped_and_mentions_nobody(env: Env) -> None:
    # an entity-encoded tag survives the feed parser's tag stripping as literal text, as in real headlines
    title = "&lt;b&gt;Trump&lt;/b&gt; postpones his visit to Beijing @everyone"
    item = FeedItem(title, "https://news.example.com/x", summary="Trump postpones his visit to Beijing.",
                    published=NOW - timedelta(days=1))  # fmt: skip
    env.world.feed_server.set_feed(feed_path(TRUMP), [item])
    reply = await env.send(f"/feed test {TRUMP}", chat_id=OWNER, user_id=OWNER)
    assert "<b>Trump</b>" in reply.text, reply  # what a person reads is the feed's text, literally
    sent = " ".join(str(call.params["text"]) for call in env.tg.sent_to(OWNER))
    assert "<b>" not in sent and "&lt;b&gt;Trump&lt;/b&gt;" in sent
    assert "@everyone" not in sent and "@\u2060everyone" in sent
    assert all(call.params["parse_mode"] == "HTML" for call in env.tg.sent_to(OWNER))


async def test_a_crash_gets_the_internal_error_reply_and_polling_goes_on(
    env: Env, caplog: pytest.LogCaptureFixture
) -> None:
    env.adapter.service = Crashing(env.service, "watches")
    reply = await env.send("/watches", chat_id=MEMBER, user_id=MEMBER)
    assert not reply.ok and INTERNAL_ERROR in reply.text
    assert "simulated crash" in caplog.text
    assert TOKEN not in caplog.text
    reply = await env.send("/help", chat_id=MEMBER, user_id=MEMBER)
    assert reply.ok and "watch" in reply.text


async def test_group_member_who_is_not_a_chat_admin_cannot_subscribe_the_group(env: Env) -> None:
    reply = await env.send(f"/subscribe {TRUMP}", chat_id=GROUP, user_id=MEMBER)
    assert not reply.ok
    assert not await env.subscribed(GROUP, TRUMP)
    asked = env.tg.calls_to("getChatMember")
    assert [(c.chat_id, c.params["user_id"]) for c in asked] == [(str(GROUP), MEMBER)]


async def test_group_admin_can_subscribe_the_group_and_the_answer_is_cached(env: Env) -> None:
    env.tg.set_member_status(GROUP, CHAT_ADMIN, "administrator")
    reply = await env.send(f"/subscribe@followup_test_bot {TRUMP}", chat_id=GROUP, user_id=CHAT_ADMIN)
    assert reply.ok, reply
    assert await env.subscribed(GROUP, TRUMP)
    await env.send(f"/unsubscribe {TRUMP}", chat_id=GROUP, user_id=CHAT_ADMIN)
    assert len(env.tg.calls_to("getChatMember")) == 1


async def test_chat_member_status_is_only_asked_when_it_matters(env: Env) -> None:
    await env.send("/help", chat_id=GROUP, user_id=MEMBER)
    await env.send(f"/subscribe {TRUMP}", chat_id=MEMBER, user_id=MEMBER)  # private chat
    await env.send("/health", chat_id=GROUP, user_id=OWNER)  # admin command: a chat admin gains nothing
    assert env.tg.calls_to("getChatMember") == []


async def test_group_without_subcommand_lists_the_subcommands(env: Env) -> None:
    reply = await env.send("/watch", chat_id=OWNER, user_id=OWNER)
    assert not reply.ok
    for sub in ("add", "edit", "pause", "resume", "remove"):
        assert f"/watch {sub}" in reply.text
    reply = await env.send("/watch frobnicate x", chat_id=OWNER, user_id=OWNER)
    assert not reply.ok and "frobnicate" in reply.text and "/watch add" in reply.text


async def test_unclosed_quote_is_explained(env: Env) -> None:
    reply = await env.send('/status "trump', chat_id=OWNER, user_id=OWNER)
    assert not reply.ok and "quote" in reply.text


async def test_unknown_command_hints_at_help(env: Env) -> None:
    reply = await env.send("/frobnicate", chat_id=MEMBER, user_id=MEMBER)
    assert not reply.ok and "/help" in reply.text


async def test_other_bots_commands_are_left_alone_in_groups(env: Env) -> None:
    for text in ("/frobnicate", "/help@other_bot", "/frobnicate@other_bot"):
        assert (
            await env.driver.exchange(partial(env.tg.inject_command, text, chat_id=GROUP, user_id=MEMBER), GROUP) == []
        )
    reply = await env.send("/frobnicate@followup_test_bot", chat_id=GROUP, user_id=MEMBER)
    assert "/help" in reply.text


async def test_reply_goes_to_the_same_forum_topic(env: Env) -> None:
    await env.send("/help", chat_id=GROUP, user_id=MEMBER, thread_id=77)
    sent = env.tg.sent_to(GROUP)[-1]
    assert sent.params["message_thread_id"] == 77
    caller = env.service.callers[-1]
    assert (caller.chat_kind, caller.thread_id, caller.chat_address) == ("group", 77, str(GROUP))


async def test_caller_from_a_private_message(env: Env) -> None:
    await env.send("/help", chat_id=MEMBER, user_id=MEMBER)
    caller = env.service.callers[-1]
    assert caller == Caller("telegram", str(MEMBER), f"User{MEMBER}", str(MEMBER), "private")


async def test_channel_post_acts_as_the_channel_and_is_its_admin(env: Env) -> None:
    channel = -1009999999999
    reply = await env.send(f"/subscribe {TRUMP}", chat_id=channel, user_id=None)
    assert reply.ok, reply
    caller = env.service.callers[-1]
    assert (caller.user_id, caller.chat_kind, caller.chat_admin) == (str(channel), "channel", True)
    assert env.tg.calls_to("getChatMember") == []
    reply = await env.send("/health", chat_id=channel, user_id=None)
    assert not reply.ok  # a channel is never a bot admin


async def test_start_ignores_a_deep_link_payload(env: Env) -> None:
    reply = await env.send("/start from-website", chat_id=MEMBER, user_id=MEMBER)
    assert reply.ok, reply


async def test_edited_messages_do_not_run_commands_again(env: Env) -> None:
    before = len(env.service.callers)
    edited = {"message_id": 99, "date": 0, "edit_date": 1, "chat": {"id": MEMBER, "type": "private"},
              "from": {"id": MEMBER, "is_bot": False, "first_name": "M"}, "text": "/help",
              "entities": [{"type": "bot_command", "offset": 0, "length": 5}]}  # fmt: skip
    calls = await env.driver.exchange(lambda: env.tg.inject_update({"edited_message": edited}), MEMBER)
    assert calls == [] and len(env.service.callers) == before


async def test_a_long_reply_is_split_on_line_boundaries(env: Env) -> None:
    lines = [f"line {i:04d} " + "word " * 30 for i in range(120)]
    env.adapter.service = Answering(
        env.service, "health", Reply("\n".join(lines), buttons=(Button("Again", "health"),))
    )
    reply = await env.send("/health", chat_id=OWNER, user_id=OWNER)
    messages = env.tg.sent_to(OWNER)
    assert len(messages) >= 3
    assert all(len(call.params["text"]) <= 4096 for call in messages)
    assert reply.text.split("\n") == lines  # every line whole, in order
    assert [bool(call.params.get("reply_markup")) for call in messages] == [False] * (len(messages) - 1) + [True]


async def test_long_button_arguments_use_a_token_within_64_bytes(env: Env) -> None:
    long_id = "w" * 80
    buttons = (Button("Status", "status", {"watch": long_id}), Button("Short", "status", {"watch": "x y"}))
    env.adapter.service = Answering(env.service, "health", Reply("pick one", buttons=buttons))
    await env.send("/health", chat_id=OWNER, user_id=OWNER)
    keyboard = env.tg.sent_to(OWNER)[-1].params["reply_markup"]["inline_keyboard"]
    data = [row[0]["callback_data"] for row in keyboard]
    assert all(len(d.encode()) <= 64 for d in data)
    assert env.adapter._decode_button(data[0]) == ("status", {"watch": long_id})
    assert env.adapter._decode_button(data[1]) == ("status", {"watch": "x y"})


async def test_an_expired_button_says_so(env: Env) -> None:
    await env.send("/help", chat_id=MEMBER, user_id=MEMBER)
    message_id = max(key[1] for key in env.tg.messages if key[0] == str(MEMBER))
    calls = await env.driver.exchange(
        lambda: env.tg.inject_callback_query(chat_id=MEMBER, message_id=message_id, data="tgone", user_id=MEMBER),
        MEMBER,
    )
    assert calls == []
    answer = env.tg.calls_to("answerCallbackQuery")[-1].params
    assert "expired" in answer["text"] and answer["show_alert"] is True


async def test_a_blocked_reply_is_logged_and_polling_goes_on(env: Env, caplog: pytest.LogCaptureFixture) -> None:
    env.tg.fail_next(FakeTelegram.blocked(), chat_id=MEMBER)
    mark = len(env.tg.calls)
    target = env.adapter.updates_handled + 1
    env.tg.inject_command("/help", chat_id=MEMBER, user_id=MEMBER)
    await wait_until(lambda: env.adapter.updates_handled >= target, "the update to be handled")
    assert [c.method for c in env.tg.calls[mark:] if c.method.startswith("send")] == ["sendMessage"]
    assert "blocked" in caplog.text and TOKEN not in caplog.text
    reply = await env.send("/help", chat_id=MEMBER, user_id=MEMBER)
    assert reply.ok


async def test_a_rejected_html_reply_is_resent_as_plain_text(env: Env) -> None:
    env.tg.fail_next(FakeTelegram.cant_parse_entities(), chat_id=MEMBER)
    reply = await env.send(f"/status {TRUMP}", chat_id=MEMBER, user_id=MEMBER)
    rejected, plain = env.tg.sent_to(MEMBER)
    assert rejected.params["parse_mode"] == "HTML" and "parse_mode" not in plain.params
    assert TRUMP in reply.text and plain.params.get("reply_markup")


async def test_close_stops_polling(fake_tg: FakeTelegram, world: CommandWorld) -> None:
    adapter = await running(fake_tg, world.service)
    await adapter.close()
    polls = len(fake_tg.calls_to("getUpdates"))
    await adapter.close()  # twice is fine
    await asyncio.sleep(0)
    assert len(fake_tg.calls_to("getUpdates")) == polls
    assert all(call.token == TOKEN for call in fake_tg.calls)


async def test_a_failed_start_raises_a_typed_error_and_can_be_retried(
    fake_tg: FakeTelegram, world: CommandWorld
) -> None:
    adapter = TelegramCommands(TOKEN, world.service, api_base_url=fake_tg.url, trust_env=False, poll_timeout=1)
    fake_tg.fail_next(Failure(401, "Unauthorized"), method="getMe")
    with pytest.raises(PermanentError) as raised:
        await adapter.start()
    assert TOKEN not in str(raised.value)
    fake_tg.fail_next(FakeTelegram.server_error(502), method="getMe")
    with pytest.raises(RetryableError):
        await adapter.start()
    await adapter.start()
    try:
        assert len(fake_tg.calls_to("setMyCommands")) == 1
        await wait_until(lambda: bool(fake_tg.calls_to("getUpdates")), "polling to start")
    finally:
        await adapter.close()


async def test_an_anonymous_group_admin_acts_as_the_group_and_is_its_admin(env: Env) -> None:
    group = {"id": GROUP, "type": "supergroup", "title": "Test supergroup"}
    anonymous = {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}
    command = f"/subscribe {TRUMP}"
    entities = [{"type": "bot_command", "offset": 0, "length": len("/subscribe")}]
    message = {"message_id": 500, "date": 0, "chat": group, "sender_chat": group, "from": anonymous,
               "text": command, "entities": entities}  # fmt: skip
    calls = await env.driver.exchange(lambda: env.tg.inject_update({"message": message}), GROUP)
    assert reply_of(calls).ok, reply_of(calls)
    caller = env.service.callers[-1]
    assert (caller.user_id, caller.chat_admin) == (str(GROUP), True)
    assert await env.subscribed(GROUP, TRUMP)
    assert env.tg.calls_to("getChatMember") == []


# ---------------------------------------------------------------- what users read after a change (issue 12)

ADMIN = TELEGRAM_USERS["admin"]


async def test_status_chart_and_export_follow_a_baseline_correction(env: Env) -> None:
    """After /baseline set, every view shows the corrected figure as the latest, dated by the correction."""
    await env.send(f"/check {SOY}", chat_id=ADMIN, user_id=ADMIN)  # news moves the figure to 9 million t
    corrected = await env.send(f"/baseline set {SOY} value 5.2m", chat_id=ADMIN, user_id=ADMIN)
    assert "value 9 million t -> 5.2 million t" in corrected.text, corrected.text
    status = await env.send(f"/status {SOY}", chat_id=MEMBER, user_id=MEMBER)
    assert "now: 5.2 million t of 12 million t (43%)" in status.text and "(as of 2026-11-22)" in status.text
    assert "deadline: 2025-12-31, passed 326 days ago; the target was not reached by then" in status.text
    assert status.text.index("2 million t -> 9 million t") < status.text.index("9 million t -> 5.2 million t")
    chart = await env.send(f"/chart {SOY}", chat_id=MEMBER, user_id=MEMBER)
    assert "5.2 million t of 12 million t" in chart.text and chart.attachment_mime == "image/png"
    await env.send("/export", chat_id=ADMIN, user_id=ADMIN)
    exported = env.tg.calls_to("sendDocument")[-1].files["document"].decode()
    soy = exported[exported.index(f"id: {SOY}") :]
    section = soy.split("- id:")[0]
    assert "value: 5200000.0" in section, soy[:800]
    assert "history:" in section and "to: 9000000.0" in section and "with baseline set" in section, section


async def test_a_baseline_story_from_the_config_is_told_by_status(env: Env) -> None:
    """A watch whose baseline was brought up to date by hand carries its story; /status tells it."""
    story = IMPORT_YAML.replace(
        b"      as_of: 2026-11-20\n",
        b"      as_of: 2026-11-20\n"
        b"      history:\n"
        b"        - {on: 2026-07-10, field: status, was: pending, to: agreed, source: https://www.reuters.com/a}\n"
        b"        - {on: 2026-11-18, field: status, was: agreed, to: pending, note: talks reopened}\n",
    )
    imported = await env.send("/import", chat_id=OWNER, user_id=OWNER, document=story)
    assert imported.ok, imported.text
    status = await env.send("/status eu-us-trade-deal", chat_id=MEMBER, user_id=MEMBER)
    assert "the story to the baseline of 2026-11-20:" in status.text, status.text
    assert "2026-07-10 status: pending -> agreed (reuters.com)" in status.text
    assert "2026-11-18 status: agreed -> pending (talks reopened)" in status.text


async def test_status_shows_feed_urls_to_admins_only(env: Env) -> None:
    member = await env.send(f"/status {TRUMP}", chat_id=MEMBER, user_id=MEMBER)
    assert "feeds: 1 (127.0.0.1)" in member.text and "http://" not in member.text.split("feeds:")[1]
    admin = await env.send(f"/status {TRUMP}", chat_id=ADMIN, user_id=ADMIN)
    assert f"feeds: 1. http://127.0.0.1:{env.world.feed_server.url('/').split(':')[2]}" in admin.text


async def test_unsubscribe_one_watch_after_subscribe_all(env: Env) -> None:
    """All but this one: the subscription to every watch stays (and keeps watches added later)."""
    await env.send("/subscribe all", chat_id=MEMBER, user_id=MEMBER)
    left = await env.send(f"/unsubscribe {TRUMP}", chat_id=MEMBER, user_id=MEMBER)
    assert left.ok and f"no longer receives {TRUMP}" in left.text and "every other watch" in left.text
    settings = await env.send("/settings", chat_id=MEMBER, user_id=MEMBER)
    assert f"all except {TRUMP}" in settings.text
    back = await env.send(f"/subscribe {TRUMP}", chat_id=MEMBER, user_id=MEMBER)
    assert back.ok and f"receives {TRUMP} again" in back.text
    assert f"all except {TRUMP}" not in (await env.send("/settings", chat_id=MEMBER, user_id=MEMBER)).text


async def test_mute_answers_in_the_chats_time_zone(env: Env) -> None:
    await env.send(f"/subscribe {SOY}", chat_id=MEMBER, user_id=MEMBER)
    await env.send("/settings timezone Europe/Berlin", chat_id=MEMBER, user_id=MEMBER)
    muted = await env.send("/mute 2h", chat_id=MEMBER, user_id=MEMBER)
    assert "muted until 2026-11-22 15:00 CET (Europe/Berlin)" in muted.text, muted.text  # NOW is 12:00 UTC


async def test_watch_remove_sends_the_definition_to_restore_it(env: Env) -> None:
    removed = await env.send(f"/watch remove {TRUMP}", chat_id=OWNER, user_id=OWNER)
    assert removed.ok and removed.attachment_mime == "application/x-yaml"
    document = env.tg.calls_to("sendDocument")[-1].files["document"]
    restored = await env.send("/import", chat_id=OWNER, user_id=OWNER, document=document)
    assert restored.ok and f"added {TRUMP}" in restored.text, restored.text


async def test_a_command_without_its_watch_offers_the_watches_as_buttons(env: Env) -> None:
    asked = await env.send("/status", chat_id=MEMBER, user_id=MEMBER)
    assert "which watch?" in asked.text and TRUMP in asked.buttons and SOY in asked.buttons, asked
    answered = await env.press(MEMBER, TRUMP, MEMBER)
    assert answered.ok and "Trump's visit to Beijing (trump-beijing-visit, event)" in answered.text


# ---------------------------------------------------------------- guided /watch add (a persisted conversation)


async def _guided_until_status(env: Env) -> None:
    asked = await env.send("/watch add", chat_id=ADMIN, user_id=ADMIN)
    assert "What is the watch called?" in asked.text, asked.text
    kinds = await env.send("EU AI Act enforcement", chat_id=ADMIN, user_id=ADMIN)
    assert "What kind of item is it?" in kinds.text and {"event", "agreement", "metric"} <= set(kinds.buttons)
    source = await env.press(ADMIN, "agreement", ADMIN)
    assert "Where does its news come from?" in source.text
    terms = await env.send("EU AI Act enforcement", chat_id=ADMIN, user_id=ADMIN)
    assert "Which words must an article contain" in terms.text
    status = await env.send("AI Act, artificial intelligence act", chat_id=ADMIN, user_id=ADMIN)
    assert "Where does it stand now?" in status.text and "pending" in status.buttons


async def _guided_from_status(env: Env) -> DriverReply:
    due = await env.press(ADMIN, "pending", ADMIN)
    assert "By when is it due?" in due.text and "Skip" in due.buttons
    wrong = await env.send("someday", chat_id=ADMIN, user_id=ADMIN)
    assert "someday" in wrong.text and "By when is it due?" in wrong.text, "a wrong answer is said and asked again"
    ident = await env.send("2026-08-02", chat_id=ADMIN, user_id=ADMIN)
    assert "use eu-ai-act-enforcement" in ident.buttons
    confirm = await env.press(ADMIN, "use eu-ai-act-enforcement", ADMIN)
    assert "Add this watch?" in confirm.text and "due: 2026-08-02" in confirm.text
    assert "query: EU AI Act" in confirm.text
    return await env.press(ADMIN, "Add it", ADMIN)


async def test_guided_watch_add_asks_step_by_step_and_adds_the_watch(env: Env) -> None:
    await _guided_until_status(env)
    added = await _guided_from_status(env)
    assert added.ok and "added eu-ai-act-enforcement: EU AI Act enforcement (pending, due 2026-08-02)" in added.text
    watch = env.world.service.ctx.registry.get("eu-ai-act-enforcement")
    assert watch is not None and watch.config.kind == "agreement"
    assert watch.config.match.any == ["AI Act", "artificial intelligence act"]


async def test_guided_watch_add_can_be_cancelled_at_any_step(env: Env) -> None:
    await env.send("/watch add", chat_id=ADMIN, user_id=ADMIN)
    await env.send("A bridge opening", chat_id=ADMIN, user_id=ADMIN)
    cancelled = await env.send("/cancel", chat_id=ADMIN, user_id=ADMIN)
    assert "Cancelled: no watch was added." in cancelled.text
    again = await env.send("/watch add", chat_id=ADMIN, user_id=ADMIN)
    assert "What is the watch called?" in again.text, "a new conversation starts from the first question"
    by_button = await env.press(ADMIN, "Cancel", ADMIN)
    assert "Cancelled" in by_button.text
    assert env.world.service.ctx.registry.get("a-bridge-opening") is None


async def test_guided_watch_add_is_refused_to_members_at_once(env: Env) -> None:
    refused = await env.send("/watch add", chat_id=MEMBER, user_id=MEMBER)
    assert "owners and admins" in refused.text and "What is the watch called?" not in refused.text


async def test_guided_watch_add_survives_a_restart(world: CommandWorld, fake_tg: FakeTelegram) -> None:
    """Half-way through, the bot restarts; the conversation resumes at the same question with the same answers."""
    from bot.commands.telegram_persistence import DatabasePersistence

    async def started() -> Env:
        service = Observed(world.service)
        adapter = TelegramCommands(
            TOKEN,
            service,
            api_base_url=fake_tg.url,
            trust_env=False,
            poll_timeout=1,
            persistence=DatabasePersistence(world.svc.db),
        )
        await adapter.start()
        return Env(fake_tg, adapter, service, world)

    first = await started()
    try:
        await _guided_until_status(first)
    finally:
        await first.adapter.close()  # a graceful stop writes the conversation and its answers
    second = await started()
    try:
        added = await _guided_from_status(second)
    finally:
        await second.adapter.close()
    assert added.ok and "added eu-ai-act-enforcement" in added.text, added.text


async def test_buttons_are_offered_only_to_who_can_use_them_and_replies_name_the_place(env: Env) -> None:
    member_in_group = await env.send(f"/status {TRUMP}", chat_id=GROUP, user_id=MEMBER)
    assert "Subscribe" in member_in_group.buttons, "rights not looked up for /status: offered, checked on press"
    env.tg.set_member_status(GROUP, CHAT_ADMIN, "administrator")
    admin_in_group = await env.send(f"/status {TRUMP}", chat_id=GROUP, user_id=CHAT_ADMIN)
    assert "Subscribe" in admin_in_group.buttons
    subscribed = await env.send(f"/subscribe {TRUMP}", chat_id=GROUP, user_id=CHAT_ADMIN)
    assert "subscribed: this group now receives alerts of trump-beijing-visit" in subscribed.text, subscribed.text
    again = await env.send(f"/status {TRUMP}", chat_id=GROUP, user_id=CHAT_ADMIN)
    assert "Subscribe" not in again.buttons, "already subscribed: no button"


async def test_watches_say_a_deadline_passed_as_status_does(env: Env) -> None:
    watches = await env.send("/watches", chat_id=MEMBER, user_id=MEMBER)
    assert "china-us-soybean-purchases" in watches.text
    assert "due 2025-12-31; deadline passed 326 days ago" in watches.text, watches.text
    assert "expected April 2026; deadline passed" in watches.text, "a window written as alerts write it"
