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
import shlex
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from typing import Any

import pytest
from command_harness import TELEGRAM_GROUP_CHAT, TELEGRAM_USERS, DriverReply, Scenario
from fake_telegram import FakeTelegram, RecordedCall

from bot.commands.api import Attachment, Button, Caller, CommandService, CommandSpec, ParamSpec, Reply
from bot.commands.telegram_adapter import INTERNAL_ERROR, REFUSED_MARK, TelegramCommands

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
        calls = await self.exchange(lambda: self.tg.inject_command(text, chat_id=chat_id, user_id=user_id, **kwargs),
                                    chat_id)  # fmt: skip
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


# ---------------------------------------------------------------- development service (replaced by the real one)

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


class DevService:
    """Temporary: a few commands over in-memory state, until tests/command_fixtures.py builds the real service."""

    def __init__(self) -> None:
        self.subscriptions: set[tuple[str, str]] = set()
        self.imported: list[bytes] = []
        self.callers: list[Caller] = []
        self._specs = (
            CommandSpec("help", "List the commands"),
            CommandSpec("status", "Show a watch", (ParamSpec("watch", "watch id", kind="watch"),)),
            CommandSpec("subscribe", "Subscribe this chat", (ParamSpec("watch", "watch id or all"),),
                        access="chat_admin"),
            CommandSpec("watch add", "Add a watch", (ParamSpec("id", "id"), ParamSpec("title", "title", rest=True)),
                        access="admin"),
            CommandSpec("watch remove", "Remove a watch", (ParamSpec("id", "id"),), access="admin"),
            CommandSpec("chart", "Chart", (ParamSpec("watch", "watch id"),)),
            CommandSpec("import", "Import watches", (ParamSpec("file", "YAML", kind="file", required=False),),
                        access="admin"),
        )  # fmt: skip

    def specs(self) -> Sequence[CommandSpec]:
        return self._specs

    async def execute(
        self, caller: Caller, command: str, args: Mapping[str, str], *, attachment: bytes | None = None
    ) -> Reply:
        self.callers.append(caller)
        if command == "help":
            return Reply("Commands: " + ", ".join(s.name for s in self._specs))
        if command == "status":
            if args.get("watch") == "boom":
                raise RuntimeError("boom")
            return Reply(f"<b>{args.get('watch')}</b> @everyone",
                         buttons=(Button("Subscribe", "subscribe", {"watch": args.get("watch", "")}),))  # fmt: skip
        if command == "subscribe":
            if caller.chat_kind != "private" and not caller.chat_admin:
                return Reply("only the group's admins can subscribe it", ok=False)
            self.subscriptions.add((caller.chat_address, args["watch"]))
            return Reply(f"subscribed to {args['watch']}")
        if command == "chart":
            return Reply("chart", attachment=Attachment("chart.png", PNG, "image/png"))
        if command == "import":
            if attachment is None:
                return Reply("attach a YAML file", ok=False)
            self.imported.append(attachment)
            return Reply(f"imported {len(attachment)} bytes")
        return Reply(f"{command} {dict(args)}")

    async def complete_watch_ids(self, prefix: str, *, limit: int = 25) -> list[tuple[str, str]]:
        return []


@pytest.fixture
async def dev() -> AsyncIterator[tuple[FakeTelegram, TelegramCommands, DevService, TelegramDriver]]:
    service = DevService()
    async with FakeTelegram() as tg:
        adapter = await running(tg, service)
        try:
            yield tg, adapter, service, TelegramDriver(tg, adapter, service.specs())
        finally:
            await adapter.close()


async def test_dev_roundtrip(dev: tuple[FakeTelegram, TelegramCommands, DevService, TelegramDriver]) -> None:
    tg, adapter, service, driver = dev
    reply = await driver.send("/help", chat_id=1004, user_id=1004)
    assert reply.ok and "watch add" in reply.text
    reply = await driver.send('/watch add trump "Trump visit" to Beijing', chat_id=1001, user_id=1001)
    assert "'title': 'Trump visit to Beijing'" in reply.text, reply
    reply = await driver.send("/watch", chat_id=1001, user_id=1001)
    assert not reply.ok and "/watch add <id> <title>" in reply.text
    reply = await driver.send("/status <b>x", chat_id=1001, user_id=1001)
    print(tg.sent_to(1001)[-1].params)
    reply = await driver.send("/status boom", chat_id=1001, user_id=1001)
    assert INTERNAL_ERROR in reply.text
    reply = await driver.send("/chart x", chat_id=TELEGRAM_GROUP_CHAT, user_id=1004, thread_id=7)
    print(tg.calls[-1])
    reply = await driver.send("/import", chat_id=1001, user_id=1001, document=b"watches: []")
    print(reply, service.imported)
    reply = await driver.send("/subscribe x", chat_id=TELEGRAM_GROUP_CHAT, user_id=1004)
    print(reply)
    tg.set_member_status(TELEGRAM_GROUP_CHAT, 1003, "administrator")
    reply = await driver.send("/subscribe x", chat_id=TELEGRAM_GROUP_CHAT, user_id=1003)
    print(reply, service.callers[-1])
    reply = await driver.send("/nope", chat_id=1001, user_id=1001)
    print(reply)
    print([c.method for c in tg.calls])
    print(tg.calls_to("setMyCommands"))
