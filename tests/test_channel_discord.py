"""The Discord bot and webhook channels, end to end: the real discord.py 2.7 against tests/fake_discord.py."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import discord
import pytest
from fake_discord import FakeDiscord

from bot.channels.base import OutgoingMessage, PermanentError, RetryableError, Source, Target
from bot.channels.discord import DiscordChannel, DiscordStartError, discord_nonce
from bot.channels.discord_render import (
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    FIELD_VALUE_LIMIT,
    KIND_COLOURS,
    TITLE_LIMIT,
    UNCONFIRMED_FOOTER,
    UNSUBSCRIBE_FOOTER,
    render_embed,
)
from bot.channels.webhook import WebhookChannel, WebhookURL
from bot.messages import alert_message
from watchers.tracking.state import Alert

HOSTILE = "@everyone <@123> <@&456789012345678901> **bold** @here"
WEBHOOK_ID = 1_234_567_890_123_456_789
WEBHOOK_TOKEN = "T" * 68
WEBHOOK_URL = f"https://discord.com/api/webhooks/{WEBHOOK_ID}/{WEBHOOK_TOKEN}"


def alert(**overrides: Any) -> OutgoingMessage:
    values: dict[str, Any] = {
        "kind": "status",
        "title": "Bridge reopening",
        "headline": f"postponed (was planned) {HOSTILE}",
        "details": ("“The works are delayed until spring,” the council said.",),
        "sources": (Source("Daily News", "https://news.example/a"), Source("Other Outlet", "http://other.example/b")),
        "nonce": "outbox-42",
    }
    values.update(overrides)
    return OutgoingMessage(**values)


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as server:
        yield server


@pytest.fixture
async def bot(fake: FakeDiscord) -> AsyncIterator[DiscordChannel]:
    channel = DiscordChannel("fake-token", guild_ready_timeout=0.05, ready_timeout=5)
    await channel.start()
    yield channel
    await channel.close()


@pytest.fixture
async def webhooks(fake: FakeDiscord) -> AsyncIterator[WebhookChannel]:
    channel = WebhookChannel()
    await channel.start()
    yield channel
    await channel.close()


def sent_embed(call: Any) -> dict[str, Any]:
    embeds = call.json["embeds"]
    assert len(embeds) == 1
    return dict(embeds[0])


# -------------------------------------------------------------------- connecting


async def test_connects_through_ready_and_guild_create(fake: FakeDiscord, bot: DiscordChannel) -> None:
    assert bot.is_ready
    assert [c.path for c in fake.calls[:2]] == ["/users/@me", "/oauth2/applications/@me"]
    assert fake.identifies and fake.identifies[0]["intents"] == discord.Intents(guilds=True).value
    guild = bot.client.get_guild(fake.guild_id)
    assert guild is not None and guild.get_channel(fake.channel_id) is not None
    assert guild.get_thread(fake.thread_id) is not None
    assert "fake-token" not in repr(bot)


async def test_injected_dispatch_reaches_the_client(fake: FakeDiscord, bot: DiscordChannel) -> None:
    thread = fake.thread_payload() | {"name": "renamed"}
    await fake.inject_dispatch("THREAD_UPDATE", thread)
    for _ in range(100):
        found = bot.client.get_channel(fake.thread_id)
        if isinstance(found, discord.Thread) and found.name == "renamed":
            break
        await asyncio.sleep(0.01)
    assert isinstance(found, discord.Thread) and found.name == "renamed"


async def test_slash_commands_round_trip_through_a_shared_client(fake: FakeDiscord) -> None:
    """The fake serves what the command adapter needs: tree sync, INTERACTION_CREATE, callback with response."""
    client = discord.Client(intents=discord.Intents(guilds=True), guild_ready_timeout=0.05)
    tree = discord.app_commands.CommandTree(client)
    answered: list[str] = []

    @tree.command(name="ping", description="Check the bot")
    async def ping(interaction: discord.Interaction, word: str = "pong") -> None:
        await interaction.response.send_message(f"{word} @everyone", ephemeral=True)
        answered.append(word)

    channel = DiscordChannel("fake-token", client=client, ready_timeout=5)
    await channel.start()
    try:
        synced = await tree.sync()
        assert [c.name for c in synced] == ["ping"]
        await fake.inject_dispatch(
            "INTERACTION_CREATE", fake.slash_command("ping", [{"name": "word", "type": 3, "value": "hi"}])
        )
        for _ in range(200):
            if answered:
                break
            await asyncio.sleep(0.01)
        (callback,) = fake.calls_to("POST", "/interactions/*/callback")
        assert callback.query.get("with_response") in ("1", "true")
        assert callback.json["type"] == 4 and callback.json["data"]["content"] == "hi @everyone"
        assert callback.json["data"]["flags"] == 64
        assert fake.calls_to("PUT", f"/applications/{fake.application_id}/commands")
    finally:
        await channel.close()


async def test_ready_hooks_run_after_start_and_a_failing_one_changes_nothing(
    fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """The command adapter syncs its tree from a ready hook; a hook that fails must not affect delivery."""
    channel = DiscordChannel("fake-token", guild_ready_timeout=0.05, ready_timeout=5)
    ran = asyncio.Event()

    async def failing() -> None:
        raise RuntimeError("refused command list")

    async def succeeding() -> None:
        assert channel.is_ready
        ran.set()

    channel.add_ready_hook(failing)
    channel.add_ready_hook(succeeding)
    await channel.start()
    try:
        await asyncio.wait_for(ran.wait(), timeout=10)
        await fake.wait_until(lambda: "refused command list" in caplog.text)
        assert (await channel.send(Target("discord", str(fake.channel_id)), alert())).message_ids
    finally:
        await channel.close()


async def test_bad_token_is_a_clear_start_error(fake: FakeDiscord) -> None:
    fake.fail("GET", "/users/@me", status=401)
    channel = DiscordChannel("wrong-token", guild_ready_timeout=0.05, ready_timeout=2)
    with pytest.raises(DiscordStartError) as caught:
        await channel.start()
    assert "token" in str(caught.value) and "wrong-token" not in str(caught.value)
    await channel.close()


async def test_send_before_start_is_retryable(fake: FakeDiscord) -> None:
    channel = DiscordChannel("fake-token")
    with pytest.raises(RetryableError):
        await channel.send(Target("discord", str(fake.channel_id)), alert())
    await channel.close()


# -------------------------------------------------------------------- sending


async def test_send_embed_is_escaped_silent_and_carries_the_nonce(fake: FakeDiscord, bot: DiscordChannel) -> None:
    result = await bot.send(Target("discord", str(fake.channel_id)), alert(title=f"Watch {HOSTILE}"))

    (call,) = fake.calls_to("POST", f"/channels/{fake.channel_id}/messages")
    assert call.json["allowed_mentions"] == {"parse": []}
    assert call.json["nonce"] == "outbox-42" and call.json["enforce_nonce"] is True
    assert call.headers["Content-Type"] == "application/json"
    embed = sent_embed(call)
    body = json.dumps(call.json, ensure_ascii=False)
    for mention in ("@everyone", "@here", "<@123>", "<@&456789012345678901>", "**bold**"):
        assert mention not in body
    assert "\\*\\*bold\\*\\*" in embed["description"] and "\\*\\*bold\\*\\*" in embed["title"]
    assert embed["color"] == KIND_COLOURS["status"].value
    (field,) = embed["fields"]
    assert field["name"] == "Sources"
    assert field["value"] == "[Daily News](https://news.example/a)\n[Other Outlet](http://other.example/b)"
    assert result.message_ids == (str(max(fake.messages)),)


async def test_send_to_a_thread_posts_to_the_thread_id(fake: FakeDiscord, bot: DiscordChannel) -> None:
    result = await bot.send(Target("discord", str(fake.channel_id), thread_id=fake.thread_id), alert())
    assert [c.path for c in fake.calls_to("POST")] == [f"/channels/{fake.thread_id}/messages"]
    assert fake.messages[int(result.message_ids[0])]["channel_id"] == str(fake.thread_id)


@pytest.mark.parametrize("kind", sorted(KIND_COLOURS))
async def test_colour_follows_the_alert_kind(fake: FakeDiscord, bot: DiscordChannel, kind: str) -> None:
    await bot.send(Target("discord", str(fake.channel_id)), alert(kind=kind, nonce=""))
    assert sent_embed(fake.calls_to("POST")[-1])["color"] == KIND_COLOURS[kind].value


async def test_repeat_with_the_same_nonce_creates_no_second_message(fake: FakeDiscord, bot: DiscordChannel) -> None:
    target = Target("discord", str(fake.channel_id))
    first = await bot.send(target, alert())
    second = await bot.send(target, alert())
    assert first == second
    assert len(fake.messages) == 1 and len(fake.dropped_duplicates) == 1
    third = await bot.send(target, alert(nonce="outbox-43"))
    assert third != first and len(fake.messages) == 2


def test_long_nonces_are_hashed_stably_to_discords_limit() -> None:
    long = "outbox-row-" + "9" * 40
    assert discord_nonce(long) == discord_nonce(long)
    assert len(discord_nonce(long)) == 25
    assert discord_nonce("short") == "short"
    assert len(discord_nonce("")) <= 25 and discord_nonce("") != discord_nonce("")


async def test_edit_patches_the_embed(fake: FakeDiscord, bot: DiscordChannel) -> None:
    target = Target("discord", str(fake.channel_id))
    sent = await bot.send(target, alert(unconfirmed=True))
    await bot.edit(target, sent.message_ids, alert(headline="postponed, confirmed", unconfirmed=False))
    (patch,) = fake.calls_to("PATCH", f"/channels/{fake.channel_id}/messages/{sent.message_ids[0]}")
    assert patch.json["allowed_mentions"] == {"parse": []}
    assert sent_embed(patch)["description"].startswith("**postponed, confirmed**")
    assert sent_embed(patch)["footer"]["text"] == UNSUBSCRIBE_FOOTER  # no longer unconfirmed; still how to stop
    assert fake.messages[int(sent.message_ids[0])]["edited_timestamp"] is not None


# -------------------------------------------------------------------- errors


async def test_notice_to_a_user_goes_to_their_dm_channel(fake: FakeDiscord, bot: DiscordChannel) -> None:
    """Admin notices address owners as ``user:<id>``: the client opens the DM channel and posts there."""
    owner = 200000000000000001
    fake.add_user(owner, "owner")
    result = await bot.send(Target("discord", f"user:{owner}"), alert(kind="notice", nonce="notice-7"))

    dm = fake.dm_channel_id(owner)
    (opened,) = fake.calls_to("POST", "/users/@me/channels")
    assert opened.json == {"recipient_id": owner}
    (post,) = fake.calls_to("POST", "/channels/*/messages")
    assert post.path == f"/channels/{dm}/messages"
    assert post.json["allowed_mentions"] == {"parse": []} and post.json["nonce"] == "notice-7"
    stored = fake.messages[int(result.message_ids[0])]
    assert stored["channel_id"] == str(dm) and "guild_id" not in stored


async def test_notice_to_an_unknown_user_fails_permanently(fake: FakeDiscord, bot: DiscordChannel) -> None:
    with pytest.raises(PermanentError) as caught:
        await bot.send(Target("discord", "user:200000000000000999"), alert(kind="notice"))
    assert "10013" in str(caught.value) and not fake.calls_to("POST", "/channels/*/messages")


async def test_forbidden_deactivates(fake: FakeDiscord, bot: DiscordChannel) -> None:
    fake.fail("POST", f"/channels/{fake.channel_id}/messages", status=403)
    with pytest.raises(PermanentError) as caught:
        await bot.send(Target("discord", str(fake.channel_id)), alert())
    assert caught.value.deactivate and "50001" in str(caught.value)
    assert "fake-token" not in str(caught.value)


async def test_unknown_channel_deactivates(fake: FakeDiscord, bot: DiscordChannel) -> None:
    with pytest.raises(PermanentError) as caught:
        await bot.send(Target("discord", "999999999999999999"), alert())
    assert caught.value.deactivate and "10003" in str(caught.value)


async def test_non_numeric_channel_deactivates_without_a_request(fake: FakeDiscord, bot: DiscordChannel) -> None:
    with pytest.raises(PermanentError) as caught:
        await bot.send(Target("discord", "#general"), alert())
    assert caught.value.deactivate and not fake.calls_to("POST")


async def test_editing_a_deleted_message_does_not_deactivate(fake: FakeDiscord, bot: DiscordChannel) -> None:
    with pytest.raises(PermanentError) as caught:
        await bot.edit(Target("discord", str(fake.channel_id)), ("1300000000000099999",), alert())
    assert not caught.value.deactivate


async def test_server_error_is_retryable_without_internal_retries(fake: FakeDiscord, bot: DiscordChannel) -> None:
    # discord.py retries 500/502/504/524 itself (sleeping 1, 3, 5, 7, 9 s); 503 is raised at once.
    fake.fail("POST", "/channels/*/messages", status=503)
    started = time.monotonic()
    with pytest.raises(RetryableError):
        await bot.send(Target("discord", str(fake.channel_id)), alert())
    assert time.monotonic() - started < 1
    assert len(fake.calls_to("POST")) == 1


async def test_a_single_500_is_retried_inside_discord_py(fake: FakeDiscord, bot: DiscordChannel) -> None:
    fake.fail("POST", "/channels/*/messages", status=500)  # costs one 1 s sleep inside discord.py
    result = await bot.send(Target("discord", str(fake.channel_id)), alert())
    assert [c.status for c in fake.calls_to("POST")] == [500, 200] and result.message_ids


async def test_bad_request_is_permanent_but_keeps_the_subscription(fake: FakeDiscord, bot: DiscordChannel) -> None:
    fake.fail("POST", "/channels/*/messages", status=400)
    with pytest.raises(PermanentError) as caught:
        await bot.send(Target("discord", str(fake.channel_id)), alert())
    assert not caught.value.deactivate


async def test_rate_limit_is_waited_out_delivered_and_counted(fake: FakeDiscord, bot: DiscordChannel) -> None:
    fake.fail("POST", "/channels/*/messages", status=429, times=2, retry_after=0.05)
    result = await bot.send(Target("discord", str(fake.channel_id)), alert())
    assert [c.status for c in fake.calls_to("POST")] == [429, 429, 200]
    assert result.message_ids and bot.rate_limited_count == 2


async def test_a_long_rate_limit_comes_back_as_retry_after(fake: FakeDiscord, bot: DiscordChannel) -> None:
    fake.fail("POST", "/channels/*/messages", status=429, retry_after=600)  # above max_ratelimit_timeout (60 s)
    with pytest.raises(RetryableError) as caught:
        await bot.send(Target("discord", str(fake.channel_id)), alert())
    assert caught.value.retry_after == 600


async def test_a_429_without_via_is_a_cloudflare_block(fake: FakeDiscord, bot: DiscordChannel) -> None:
    fake.fail("POST", "/channels/*/messages", status=429, retry_after=30, via=False)
    with pytest.raises(RetryableError) as caught:
        await bot.send(Target("discord", str(fake.channel_id)), alert())
    assert caught.value.retry_after == 30 and len(fake.calls_to("POST")) == 1
    assert bot.rate_limited_count == 1


# -------------------------------------------------------------------- webhooks


async def test_webhook_send_and_edit(fake: FakeDiscord, webhooks: WebhookChannel) -> None:
    target = Target("webhook", WEBHOOK_URL)
    sent = await webhooks.send(target, alert(kind="value"))
    (post,) = fake.calls_to("POST", f"/webhooks/{WEBHOOK_ID}/{WEBHOOK_TOKEN}")
    assert post.query.get("wait") in ("1", "true")
    assert post.json["allowed_mentions"] == {"parse": []}
    assert sent_embed(post)["color"] == KIND_COLOURS["value"].value
    assert "@everyone" not in json.dumps(post.json, ensure_ascii=False)

    await webhooks.edit(target, sent.message_ids, alert(kind="value", headline="corroborated"))
    (patch,) = fake.calls_to("PATCH", f"/webhooks/{WEBHOOK_ID}/{WEBHOOK_TOKEN}/messages/{sent.message_ids[0]}")
    assert sent_embed(patch)["description"].startswith("**corroborated**")
    assert patch.json["allowed_mentions"] == {"parse": []}


async def test_webhook_thread_goes_in_the_query(fake: FakeDiscord, webhooks: WebhookChannel) -> None:
    await webhooks.send(Target("webhook", WEBHOOK_URL, thread_id=fake.thread_id), alert())
    (post,) = fake.calls_to("POST", "/webhooks/*")
    assert post.query.get("thread_id") == str(fake.thread_id)


async def test_webhook_unknown_deactivates(fake: FakeDiscord, webhooks: WebhookChannel) -> None:
    fake.fail("POST", "/webhooks/*", status=404)
    with pytest.raises(PermanentError) as caught:
        await webhooks.send(Target("webhook", WEBHOOK_URL), alert())
    assert caught.value.deactivate and "10015" in str(caught.value)
    assert WEBHOOK_TOKEN not in str(caught.value)


async def test_webhook_rate_limit_is_waited_out_and_counted(fake: FakeDiscord, webhooks: WebhookChannel) -> None:
    fake.fail("POST", "/webhooks/*", status=429, retry_after=0.05)
    assert (await webhooks.send(Target("webhook", WEBHOOK_URL), alert())).message_ids
    assert webhooks.rate_limited_count == 1


@pytest.mark.parametrize(
    "url",
    [
        f"http://discord.com/api/webhooks/{WEBHOOK_ID}/{WEBHOOK_TOKEN}",
        f"https://evil.example/api/webhooks/{WEBHOOK_ID}/{WEBHOOK_TOKEN}",
        "https://discord.com/api/webhooks/notanid/token",
        "not a url",
    ],
)
async def test_webhook_rejects_urls_that_are_not_discord(fake: FakeDiscord, webhooks: WebhookChannel, url: str) -> None:
    with pytest.raises(PermanentError) as caught:
        await webhooks.send(Target("webhook", url), alert())
    assert caught.value.deactivate and not fake.calls
    assert WEBHOOK_TOKEN not in str(caught.value)


def test_webhook_url_parsing() -> None:
    parsed = WebhookURL.parse(f"https://discordapp.com/api/v10/webhooks/{WEBHOOK_ID}/{WEBHOOK_TOKEN}?thread_id=77")
    assert (parsed.id, parsed.token, parsed.thread_id) == (WEBHOOK_ID, WEBHOOK_TOKEN, 77)
    assert WEBHOOK_TOKEN not in repr(parsed)


# -------------------------------------------------------------------- rendering limits


def test_long_texts_are_truncated_within_discord_limits() -> None:
    many = tuple(Source(f"Outlet {i} " + "*" * 30, f"https://news.example/{i}/" + "x" * 80) for i in range(60))
    message = alert(title="T" * 1000, headline="H" * 5000, details=("@everyone " * 900,), sources=many)
    embed = render_embed(message)
    data = embed.to_dict()
    assert len(data["title"]) <= TITLE_LIMIT
    assert len(data["description"]) <= DESCRIPTION_LIMIT
    value = data["fields"][0]["value"]
    assert len(value) <= FIELD_VALUE_LIMIT and value.endswith(" more")
    assert len(embed) <= EMBED_TOTAL_LIMIT
    assert "@everyone" not in json.dumps(data, ensure_ascii=False)


def test_only_http_urls_become_links_and_unconfirmed_is_marked() -> None:
    sources = (Source("Evil [x]", "javascript:alert(1)"), Source("Ok (1)", "https://a.example/p (1)"))
    data = render_embed(alert(sources=sources, unconfirmed=True)).to_dict()
    assert data["fields"][0]["value"] == "Evil (x)\n[Ok (1)](https://a.example/p%20%281%29)"
    assert data["description"].startswith("⚠️ **Unconfirmed**")
    assert data["footer"]["text"].startswith("Unconfirmed")


async def test_a_webhook_payload_carries_the_watchs_state_after_the_alert(
    fake: FakeDiscord, webhooks: WebhookChannel
) -> None:
    """The state the replay line carries (status, expected window, due, total, target) reaches a webhook as
    embed fields, written as people write windows; feed-controlled text in it stays escaped."""
    from datetime import UTC, datetime

    from bot.messages import alert_message
    from watchers.tracking.state import Alert

    story_alert = Alert(
        key="visit#1",
        watch_id="visit",
        kind="status",
        at=datetime(2026, 3, 1, tzinfo=UTC),
        old="planned",
        new="postponed",
        confidence="confirmed",
        sources=["https://news.example/a"],
        text="Trump's visit to Beijing: now postponed (was planned); expected May 2026",
        rule="postponed",
        state={
            "status": "postponed",
            "expected": {"start": "2026-05-01", "end": "2026-05-31", "precision": "month"},
            "due": None,
            "value": None,
            "target": None,
            "target_reached": False,
            "date_moved": {"old": "2026-04", "new": "2026-05"},
        },
    )
    await webhooks.send(
        Target("webhook", WEBHOOK_URL), alert_message(story_alert, "Trump's visit to Beijing", nonce="n1")
    )
    (post,) = fake.calls_to("POST", "/webhooks/*")
    fields = {f["name"]: f["value"] for f in sent_embed(post)["fields"]}
    assert fields["Status"] == "postponed" and fields["Expected"] == "May 2026"
    assert "Due" not in fields and "Target" not in fields

    metric = Alert(
        key="soy#2",
        watch_id="soy",
        kind="value",
        at=datetime(2026, 3, 1, tzinfo=UTC),
        old=2_000_000,
        new=4_500_000,
        confidence="confirmed",
        sources=["https://news.example/b"],
        text="China's purchases of US soybeans: 4.5 million metric tons (was 2 million metric tons)",
        rule="value",
        state={
            "status": None,
            "expected": None,
            "due": None,
            "value": 4_500_000,
            "target": 12_000_000,
            "target_reached": False,
        },
    )
    await webhooks.send(Target("webhook", WEBHOOK_URL), alert_message(metric, "China's purchases", nonce="n2"))
    fields = {f["name"]: f["value"] for f in sent_embed(fake.calls_to("POST", "/webhooks/*")[-1])["fields"]}
    assert fields["Total"] == "4,500,000" and fields["Target"] == "12,000,000"


# -------------------------------------------------------------------- timestamp and footer


def story_alert(**overrides: Any) -> Alert:
    values: dict[str, Any] = {
        "key": "visit#1",
        "watch_id": "visit",
        "kind": "status",
        "at": datetime(2026, 3, 1, 9, 30, tzinfo=UTC),
        "old": "planned",
        "new": "postponed",
        "confidence": "confirmed",
        "sources": ["https://news.example/a"],
        "text": "Trump's visit to Beijing: now postponed (was planned)",
        "rule": "postponed",
    }
    values.update(overrides)
    return Alert(**values)


async def test_an_alert_embed_carries_its_time_and_how_to_unsubscribe(fake: FakeDiscord, bot: DiscordChannel) -> None:
    await bot.send(Target("discord", str(fake.channel_id)), alert_message(story_alert(), "Visit", nonce="n1"))
    embed = sent_embed(fake.calls_to("POST", "/channels/*/messages")[-1])
    assert embed["timestamp"].startswith("2026-03-01T09:30:00")
    assert embed["timestamp"].endswith("+00:00")
    assert embed["footer"]["text"] == "/unsubscribe visit to stop these alerts", "the watch's own id"
    (stored,) = fake.messages.values()  # what the channel shows
    assert stored["embeds"][0]["footer"]["text"] == "/unsubscribe visit to stop these alerts"


async def test_an_unconfirmed_alert_keeps_its_footer_joined_with_the_unsubscribe_hint(
    fake: FakeDiscord, bot: DiscordChannel
) -> None:
    message = alert_message(story_alert(confidence="unconfirmed"), "Visit", nonce="n2")
    await bot.send(Target("discord", str(fake.channel_id)), message)
    footer = sent_embed(fake.calls_to("POST", "/channels/*/messages")[-1])["footer"]["text"]
    assert footer == f"{UNCONFIRMED_FOOTER} · /unsubscribe visit to stop these alerts"


async def test_a_stored_naive_time_is_utc_and_a_notice_has_no_unsubscribe_footer(
    fake: FakeDiscord, bot: DiscordChannel
) -> None:
    target = Target("discord", str(fake.channel_id))
    await bot.send(target, alert(timestamp=datetime(2026, 3, 1, 9, 30)))  # naive: as SQLite gives it back
    assert sent_embed(fake.calls_to("POST")[-1])["timestamp"].startswith("2026-03-01T09:30:00+00:00")
    await bot.send(target, alert(kind="notice", nonce="notice-1"))
    notice = sent_embed(fake.calls_to("POST")[-1])
    assert "footer" not in notice and "timestamp" not in notice


async def test_a_webhook_embed_has_the_time_but_no_unsubscribe_footer(
    fake: FakeDiscord, webhooks: WebhookChannel
) -> None:
    await webhooks.send(Target("webhook", WEBHOOK_URL), alert_message(story_alert(), "Visit", nonce="n3"))
    embed = sent_embed(fake.calls_to("POST", "/webhooks/*")[-1])
    assert embed["timestamp"].startswith("2026-03-01T09:30:00") and "footer" not in embed
