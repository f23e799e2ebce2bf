"""Replies that tell people what to type, worded for the platform they read them on (bot/wording.py): slash-command
options on Discord (``/settings setting:quiet value:22:00-07:00``), words in order on Telegram
(``/settings quiet 22:00-07:00``), and the place named as its people call it ("this channel", never "this chat").
Discord replies come through the real discord.py client and the fake Discord; Telegram's straight from the service.
"""

from __future__ import annotations

from command_fixtures import GROUP_WATCH, CommandWorld, caller_for
from command_harness import DISCORD_USERS, TELEGRAM_USERS, Role
from discord_env import WATCH_ID, Env, discord_fixtures, reply_of

# (command, arguments, who, in the server, what the reply must say on Discord, ... on Telegram)
CASES: list[tuple[str, dict[str, str], Role, bool, tuple[str, ...], tuple[str, ...]]] = [
    ("subscribe", {}, "chat_admin", True, ("/subscribe watch:<watch> or /subscribe watch:all",),
     ("/subscribe <watch> or /subscribe all",)),
    ("unsubscribe", {}, "chat_admin", True, ("/unsubscribe watch:<watch> or /unsubscribe watch:all",),
     ("/unsubscribe <watch> or /unsubscribe all",)),
    ("settings", {}, "chat_admin", True,
     ("/settings setting:quiet value:22:00-07:00", "/settings setting:kinds value:status,date,value",
      "/settings setting:mention role:@role value:status,deadline_missed", "pings: none"),
     ("/settings quiet 22:00-07:00", "/settings digest_kinds report,value")),
    ("settings", {"setting": "quiet"}, "chat_admin", True, ("/settings setting:quiet value:<value>",),
     ("/settings quiet <value>",)),
    ("settings", {"setting": "digest_kinds", "value": "report"}, "chat_admin", True,
     ("e.g. /settings setting:digest value:08:00,18:00",), ("e.g. /settings digest 08:00,18:00",)),
    ("mute", {}, "chat_admin", True, ("/mute duration:2h, /mute duration:1d; /mute duration:off ends it",),
     ("/mute 2h, /mute 1d; /mute off ends it",)),
    ("help", {"command": "status"}, "member", False, ("/status watch:<watch>",), ("/status <watch>",)),
    ("replay", {"watch": WATCH_ID, "days": "a month"}, "owner", False, (f"e.g. /replay watch:{WATCH_ID} days:30",),
     (f"e.g. /replay {WATCH_ID} 30",)),
    ("watch edit", {"watch": WATCH_ID}, "owner", False,
     (f"/watch edit watch:{WATCH_ID} field:<field> value:<value>", "field:title value:New title"),
     (f"/watch edit {WATCH_ID} <field> <value>",)),
    ("baseline set", {"watch": WATCH_ID}, "owner", False, (f"/baseline set watch:{WATCH_ID} field:<status",),
     (f"/baseline set {WATCH_ID} <status",)),
    ("watch add", {"id": "x-visit"}, "owner", False, ("example: /watch add id:xi-us-visit title:Xi's visit to the US",),
     ('example: /watch add id=xi-us-visit title="Xi\'s visit to the US"',)),
    ("feed add", {"watch": WATCH_ID}, "owner", False,
     (f"/feed add watch:{WATCH_ID} url:https://example.com/feed.xml", "query:China soybean purchases"),
     (f"/feed add {WATCH_ID} https://example.com/feed.xml", 'query="China soybean purchases"')),
    ("check", {}, "member", False, (f"/admins add user:{DISCORD_USERS['member']}",),
     (f"/admins add {TELEGRAM_USERS['member']}",)),
]  # fmt: skip
TELEGRAM_ONLY = ("send /", "this chat", "=<", " settings ")


fake, world, env = discord_fixtures()  # the fake Discord, a command world on SQLite, and both running


async def test_discord_replies_say_what_to_type_as_slash_commands(env: Env) -> None:
    for command, args, role, in_server, discord_says, _ in CASES:
        reply = reply_of(await env.run(command, args, role=role, dm=not in_server))
        for expected in discord_says:
            assert expected in reply.text, (command, args, expected, reply.text)
        for telegram in TELEGRAM_ONLY:
            assert telegram not in reply.text, (command, args, telegram, reply.text)
    shown = reply_of(await env.run("settings", {}, role="chat_admin", dm=False))
    assert f"watches: {GROUP_WATCH}" in shown.text
    refused = reply_of(await env.run("settings", {"setting": "quiet"}, role="chat_admin", dm=False))
    assert not refused.ok


async def test_telegram_replies_keep_words_in_order(world: CommandWorld) -> None:
    for command, args, role, in_server, _, telegram_says in CASES:
        caller = caller_for("telegram", role, "group" if in_server else "private")
        reply = await world.service.execute(caller, command, args)
        for expected in telegram_says:
            assert expected in reply.text, (command, args, expected, reply.text)
        assert "setting:" not in reply.text and "watch:<" not in reply.text, (command, reply.text)
