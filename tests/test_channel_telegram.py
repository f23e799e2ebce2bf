"""TelegramChannel with the real python-telegram-bot Bot against the fake Bot API, plus the renderer and limiter."""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import AsyncIterator

import pytest
from fake_telegram import FakeTelegram

from bot.channels.base import OutgoingMessage, PermanentError, RetryableError, Source, Target, TargetMigrated
from bot.channels.ratelimit import ChatRateLimiter, RateLimits, SlidingWindow
from bot.channels.telegram import TelegramChannel
from bot.channels.telegram_render import TELEGRAM_TEXT_LIMIT, render_chunks, render_html, render_plain, tg_len

TOKEN = "123456:TEST-token-for-the-fake-api-000000000"
FAST = RateLimits(overall=1000, per_chat=1000, per_group=1000)  # pacing is tested separately


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """PTB 22 warns when it builds a RetryAfter unless it may use timedeltas; the channel handles both."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def fake_tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


@pytest.fixture
async def channel(fake_tg: FakeTelegram) -> AsyncIterator[TelegramChannel]:
    ch = TelegramChannel(
        TOKEN, api_base_url=fake_tg.url, limiter=ChatRateLimiter(FAST), request_timeout=0.5, trust_env=False
    )
    await ch.start()
    yield ch
    await ch.close()


def alert(title: str = "Bridge opening", **kw: object) -> OutgoingMessage:
    base: dict[str, object] = {"kind": "status_changed", "title": title, "headline": "postponed (was planned)"}
    base.update(kw)
    return OutgoingMessage(**base)  # type: ignore[arg-type]


def tg(target: str, thread: int | None = None) -> Target:
    return Target("telegram", target, thread)


# ------------------------------------------------------------------ sending


async def test_start_calls_get_me(fake_tg: FakeTelegram, channel: TelegramChannel) -> None:
    assert [c.method for c in fake_tg.calls] == ["getMe"]
    assert channel.bot.username == "followup_test_bot"
    assert fake_tg.calls[0].token == TOKEN


@pytest.mark.parametrize(
    ("address", "expected_chat"),
    [("42", 42), ("-12345", -12345), ("-1001234567890", -1001234567890), ("@followup_news", "@followup_news")],
)
async def test_send_to_each_kind_of_chat(
    fake_tg: FakeTelegram, channel: TelegramChannel, address: str, expected_chat: object
) -> None:
    result = await channel.send(tg(address), alert())
    assert result.message_ids == ("1",)
    (call,) = fake_tg.calls_to("sendMessage")
    assert call.params["chat_id"] == expected_chat
    assert call.params["parse_mode"] == "HTML"
    assert call.params["text"].startswith("<b>Bridge opening</b>\npostponed (was planned)")
    assert "message_thread_id" not in call.params
    assert call.params["link_preview_options"] == {"is_disabled": True}


async def test_forum_topic_thread_id_reaches_the_api(fake_tg: FakeTelegram, channel: TelegramChannel) -> None:
    await channel.send(tg("-1001234567890", thread=77), alert())
    assert fake_tg.calls_to("sendMessage")[0].params["message_thread_id"] == 77


async def test_message_ids_increase_per_chat(channel: TelegramChannel) -> None:
    assert (await channel.send(tg("42"), alert())).message_ids == ("1",)
    assert (await channel.send(tg("42"), alert())).message_ids == ("2",)
    assert (await channel.send(tg("43"), alert())).message_ids == ("1",)


async def test_link_previews_can_be_enabled(fake_tg: FakeTelegram) -> None:
    ch = TelegramChannel(TOKEN, api_base_url=fake_tg.url, link_previews=True, trust_env=False)
    await ch.start()
    try:
        await ch.send(tg("42"), alert())
    finally:
        await ch.close()
    assert fake_tg.calls_to("sendMessage")[0].params["link_preview_options"] == {"is_disabled": False}


async def test_feed_strings_arrive_escaped(fake_tg: FakeTelegram, channel: TelegramChannel) -> None:
    msg = alert(
        title="<b>Tom & Jerry</b> <script>alert(1)</script>",
        headline='said "yes" & <i>no</i>',
        details=("a < b > c",),
        sources=(Source("AP & <Co>", 'https://example.com/a?x=1&y="2"'), Source("Evil", "javascript:alert(1)")),
        unconfirmed=True,
    )
    await channel.send(tg("42"), msg)
    text = fake_tg.calls_to("sendMessage")[0].params["text"]
    assert "<script>" not in text and "<i>" not in text
    assert "<b>&lt;b&gt;Tom &amp; Jerry&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;</b>" in text
    assert "said &quot;yes&quot; &amp; &lt;i&gt;no&lt;/i&gt;" in text
    headline = (
        '<a href="https://example.com/a?x=1&amp;y=&quot;2&quot;">said &quot;yes&quot; &amp; &lt;i&gt;no&lt;/i&gt;</a>'
    )
    assert headline in text, "the headline links to the first report"
    assert "UNCONFIRMED" in text
    assert '<a href="https://example.com/a?x=1&amp;y=&quot;2&quot;">AP &amp; &lt;Co&gt;</a>' in text
    assert "javascript:" not in text and "• Evil" in text
    # the only tags left are ours
    assert set(re.findall(r"</?([a-z]+)", text)) <= {"b", "a"}


def test_mentions_are_defused() -> None:
    (chunk,) = render_chunks(alert(title="ping @everyone and @admin"))
    assert "@everyone" not in chunk.html and "@everyone" not in chunk.plain


async def test_long_message_is_split_on_line_boundaries(fake_tg: FakeTelegram, channel: TelegramChannel) -> None:
    details = tuple(f"line {i:02}: <tag> & 'quote' " + "word " * 20 for i in range(82))
    msg = alert(details=details)
    assert sum(len(d) for d in details) > 10_000
    result = await channel.send(tg("42"), msg)
    texts = [c.params["text"] for c in fake_tg.calls_to("sendMessage")]
    assert len(texts) == 3 and result.message_ids == ("1", "2", "3")
    for text in texts:
        assert len(text) <= TELEGRAM_TEXT_LIMIT
        _assert_well_formed(text)
    joined = html.unescape("\n".join(texts))
    for detail in details:
        assert detail.rstrip() in joined


def _assert_well_formed(text: str) -> None:
    """Every tag opened is closed in the same chunk, and every & starts a complete entity."""
    stack: list[str] = []
    for closing, name in re.findall(r"<(/?)([a-z]+)[^>]*>", text):
        if closing:
            assert stack and stack.pop() == name, text[:200]
        else:
            stack.append(name)
    assert not stack
    assert not re.search(r"&(?!(amp|lt|gt|quot|#x27);)", text)
    assert "<" not in re.sub(r"</?(b|a)( href=\"[^\"]*\")?>", "", text)


def test_a_single_huge_line_is_split_with_tags_reopened() -> None:
    title = "&<>" * 3000 + " " + "word " * 2000
    chunks = render_html(alert(title=title))
    assert len(chunks) >= 3
    for chunk in chunks:
        assert tg_len(chunk) <= TELEGRAM_TEXT_LIMIT
        _assert_well_formed(chunk)
    assert chunks[0].startswith("<b>&amp;&lt;&gt;")
    assert html.unescape(re.sub(r"</?b>", "", "".join(chunks))).startswith("&<>" * 3000)


def test_plain_rendering_spells_links_out() -> None:
    (plain,) = render_plain(alert(sources=(Source("Reuters", "https://reuters.com/x"),)))
    assert "<" not in plain and "Reuters — https://reuters.com/x" in plain


def test_plain_text_only_notice_is_rendered() -> None:
    (chunk,) = render_chunks(OutgoingMessage(kind="notice", title="", headline="", plain_text="a <b>\nb"))
    assert chunk.html == "a &lt;b&gt;\nb"


# ------------------------------------------------------------------ errors


async def test_429_is_retryable_with_retry_after(fake_tg: FakeTelegram, channel: TelegramChannel) -> None:
    fake_tg.fail_next(FakeTelegram.retry_after(3), chat_id=42)
    with pytest.raises(RetryableError) as info:
        await channel.send(tg("42"), alert())
    assert info.value.retry_after == 3
    assert TOKEN not in str(info.value)


async def test_429_defers_the_chat_in_the_limiter(fake_tg: FakeTelegram) -> None:
    now = [100.0]
    limiter = ChatRateLimiter(FAST, clock=lambda: now[0])
    ch = TelegramChannel(TOKEN, api_base_url=fake_tg.url, limiter=limiter, trust_env=False)
    await ch.start()
    try:
        fake_tg.fail_next(FakeTelegram.retry_after(3), chat_id=42)
        with pytest.raises(RetryableError):
            await ch.send(tg("42"), alert())
    finally:
        await ch.close()
    assert limiter._chats["42"].not_before == 103.0


@pytest.mark.parametrize(
    ("failure", "deactivate"),
    [
        (FakeTelegram.blocked(), True),
        (FakeTelegram.kicked(), True),
        (FakeTelegram.chat_not_found(), True),
        (FakeTelegram.bad_request("Bad Request: message thread not found"), False),
    ],
)
async def test_permanent_errors(
    fake_tg: FakeTelegram, channel: TelegramChannel, failure: object, deactivate: bool
) -> None:
    fake_tg.fail_next(failure, chat_id=42)  # type: ignore[arg-type]
    with pytest.raises(PermanentError) as info:
        await channel.send(tg("42"), alert())
    assert info.value.deactivate is deactivate
    assert TOKEN not in str(info.value)


async def test_migrated_group(fake_tg: FakeTelegram, channel: TelegramChannel) -> None:
    fake_tg.fail_next(FakeTelegram.migrated(-1009876543210), chat_id=-555)
    with pytest.raises(TargetMigrated) as info:
        await channel.send(tg("-555"), alert())
    assert info.value.new_address == "-1009876543210"
    # and the new address works
    assert (await channel.send(tg(info.value.new_address), alert())).message_ids == ("1",)


async def test_cant_parse_entities_resends_as_plain_text(fake_tg: FakeTelegram, channel: TelegramChannel) -> None:
    fake_tg.fail_next(FakeTelegram.cant_parse_entities(), chat_id=42)
    result = await channel.send(tg("42"), alert(sources=(Source("AP", "https://apnews.com/1"),)))
    assert result.message_ids == ("1",)
    first, second = fake_tg.calls_to("sendMessage")
    assert first.params["parse_mode"] == "HTML"
    assert "parse_mode" not in second.params
    assert second.params["text"].startswith("Bridge opening\npostponed")
    assert "AP — https://apnews.com/1" in second.params["text"]


async def test_plain_resend_failing_is_permanent(fake_tg: FakeTelegram, channel: TelegramChannel) -> None:
    fake_tg.fail_next(FakeTelegram.cant_parse_entities(), chat_id=42, times=2)
    with pytest.raises(PermanentError) as info:
        await channel.send(tg("42"), alert())
    assert not info.value.deactivate


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_server_errors_are_retryable(fake_tg: FakeTelegram, channel: TelegramChannel, status: int) -> None:
    fake_tg.fail_next(FakeTelegram.server_error(status), chat_id=42)
    with pytest.raises(RetryableError) as info:
        await channel.send(tg("42"), alert())
    assert info.value.retry_after is None


async def test_timeout_is_retryable(fake_tg: FakeTelegram, channel: TelegramChannel) -> None:
    fake_tg.fail_next(FakeTelegram.timeout(3), chat_id=42)  # the channel waits 0.5 s
    with pytest.raises(RetryableError, match="timed out"):
        await channel.send(tg("42"), alert())


async def test_unreachable_api_is_retryable() -> None:
    async with FakeTelegram() as server:
        url = server.url
    ch = TelegramChannel(TOKEN, api_base_url=url, request_timeout=0.5, trust_env=False)
    with pytest.raises(RetryableError) as info:
        await ch.start()
    assert TOKEN not in str(info.value)


async def test_bad_address_is_permanent(channel: TelegramChannel) -> None:
    with pytest.raises(PermanentError):
        await channel.send(tg("not a chat"), alert())


# ------------------------------------------------------------------ edit


async def test_edit_replaces_text(fake_tg: FakeTelegram, channel: TelegramChannel) -> None:
    sent = await channel.send(tg("42"), alert())
    await channel.edit(tg("42"), sent.message_ids, alert(sources=(Source("Reuters", "https://reuters.com/2"),)))
    (call,) = fake_tg.calls_to("editMessageText")
    assert call.params["message_id"] == 1 and call.params["chat_id"] == 42
    assert call.params["parse_mode"] == "HTML"
    assert '<a href="https://reuters.com/2">Reuters</a>' in call.params["text"]
    assert fake_tg.messages[("42", 1)]["text"] == call.params["text"]


async def test_edit_not_modified_is_success(fake_tg: FakeTelegram, channel: TelegramChannel) -> None:
    sent = await channel.send(tg("42"), alert())
    await channel.edit(tg("42"), sent.message_ids, alert())  # same text: the fake answers "not modified"
    assert len(fake_tg.calls_to("editMessageText")) == 1


async def test_edit_of_a_split_message_with_fewer_chunks_deletes_the_rest(
    fake_tg: FakeTelegram, channel: TelegramChannel
) -> None:
    sent = await channel.send(tg("42"), alert(details=tuple("x " * 1000 for _ in range(5))))
    assert len(sent.message_ids) >= 2
    await channel.edit(tg("42"), sent.message_ids, alert(headline="short now"))
    assert [c.params["message_id"] for c in fake_tg.calls_to("editMessageText")] == [1]
    assert [c.params["message_id"] for c in fake_tg.calls_to("deleteMessage")] == [int(i) for i in sent.message_ids[1:]]


async def test_edit_of_a_deleted_message_is_permanent(channel: TelegramChannel) -> None:
    with pytest.raises(PermanentError) as info:
        await channel.edit(tg("42"), ("99",), alert())
    assert not info.value.deactivate


# ------------------------------------------------------------------ rate limiting


def test_sliding_window() -> None:
    w = SlidingWindow(limit=2, period=1.0)
    assert w.earliest(0.0) == 0.0
    w.record(0.0)
    assert w.earliest(0.0) == 0.0
    w.record(0.0)
    assert w.earliest(0.2) == 1.0
    w.record(1.0)
    assert w.earliest(1.0) == 1.0 + 0.0 + 0  # times are [0.0, 1.0]: the window from 0.0 frees at 1.0
    w.record(1.0)
    assert w.earliest(1.0) == 2.0


class VirtualTime:
    """A clock whose sleep just advances it: limiter tests run instantly."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


async def test_per_chat_limit_spaces_one_chat() -> None:
    vt = VirtualTime()
    limiter = ChatRateLimiter(RateLimits(), clock=vt.clock, sleep=vt.sleep)
    times = []
    for _ in range(3):
        async with limiter.slot("42"):
            times.append(vt.now)
    assert times == [0.0, 1.0, 2.0]


async def test_group_limit_twenty_per_minute() -> None:
    vt = VirtualTime()
    limiter = ChatRateLimiter(RateLimits(), clock=vt.clock, sleep=vt.sleep)
    times = []
    for _ in range(21):
        async with limiter.slot("-100", group=True):
            times.append(vt.now)
    assert times[19] == 19.0 and times[20] == 60.0


async def test_overall_limit() -> None:
    vt = VirtualTime()
    limiter = ChatRateLimiter(RateLimits(overall=30), clock=vt.clock, sleep=vt.sleep)
    times = []
    for i in range(65):
        async with limiter.slot(str(i)):
            times.append(vt.now)
    assert times[:30] == [0.0] * 30 and times[30:60] == [1.0] * 30 and times[60:] == [2.0] * 5


async def test_sends_in_flight_count_against_the_overall_limit() -> None:
    limiter = ChatRateLimiter(RateLimits(overall=2, overall_period=0.05))
    release = asyncio.Event()
    entered: list[str] = []

    async def send(chat: str) -> None:
        async with limiter.slot(chat):
            entered.append(chat)
            await release.wait()

    tasks = [asyncio.create_task(send(c)) for c in "abc"]
    await asyncio.sleep(0.1)
    assert entered == ["a", "b"]  # "c" waits although the period has passed: a and b are still in flight
    release.set()
    await asyncio.gather(*tasks)
    assert entered == ["a", "b", "c"]


async def test_a_busy_chat_does_not_hold_up_others() -> None:
    limits = RateLimits(overall=100, per_chat=1, per_chat_period=0.2)
    limiter = ChatRateLimiter(limits)
    loop = asyncio.get_running_loop()
    start = loop.time()
    done: dict[str, list[float]] = {"busy": [], "other": []}

    async def send(chat: str) -> None:
        async with limiter.slot(chat):
            done[chat].append(loop.time() - start)

    busy = [asyncio.create_task(send("busy")) for _ in range(4)]
    await asyncio.sleep(0.01)
    await send("other")
    await asyncio.gather(*busy)
    assert done["other"][0] < 0.1  # not behind the busy chat's 0.6 s queue
    gaps = [b - a for a, b in zip(done["busy"], done["busy"][1:], strict=False)]
    assert all(gap >= 0.19 for gap in gaps)


async def test_idle_chat_state_is_forgotten() -> None:
    vt = VirtualTime()
    limiter = ChatRateLimiter(RateLimits(), clock=vt.clock, sleep=vt.sleep)
    async with limiter.slot("1"):
        pass
    vt.now += 5
    async with limiter.slot("2"):
        pass
    assert limiter.tracked_chats == 2  # "1" lingers until swept or reused; "2" is fresh
    vt.now += 5
    limiter._sweep()
    assert limiter.tracked_chats == 0


async def test_paced_sends_get_no_429_from_an_enforcing_fake() -> None:
    # the real limits scaled down 2-600x so the test takes ~2 s; no tolerance: the fake times arrivals strictly
    async with FakeTelegram(
        enforce_limits=True,
        overall_limit=20,
        overall_period=0.5,
        chat_limit=1,
        chat_period=0.1,
        group_limit=5,
        group_period=0.5,
    ) as server:
        limits = RateLimits(
            overall=20, overall_period=0.5, per_chat=1, per_chat_period=0.1, per_group=5, per_group_period=0.5
        )
        ch = TelegramChannel(TOKEN, api_base_url=server.url, limiter=ChatRateLimiter(limits), trust_env=False)
        await ch.start()
        try:
            one_group = [ch.send(tg("-100777"), alert(headline=f"n{i}")) for i in range(10)]
            many_chats = [ch.send(tg(str(1000 + i)), alert()) for i in range(40)]
            results = await asyncio.gather(*one_group, *many_chats)
        finally:
            await ch.close()
        assert len(results) == 50
        assert server.rate_limited == 0
        sends = server.calls_to("sendMessage")
        assert len(sends) == 50
        # order within the chat is preserved
        group_texts = [c.params["text"] for c in sends if c.chat_id == "-100777"]
        assert [t.split("\n")[1] for t in group_texts] == [f"n{i}" for i in range(10)]


async def test_unpaced_sends_do_get_429s_from_an_enforcing_fake() -> None:
    """The enforcement itself works (else the test above proves nothing)."""
    async with FakeTelegram(enforce_limits=True, chat_limit=1, chat_period=1.0) as server:
        ch = TelegramChannel(TOKEN, api_base_url=server.url, limiter=ChatRateLimiter(FAST), trust_env=False)
        await ch.start()
        try:
            await ch.send(tg("42"), alert())
            with pytest.raises(RetryableError) as info:
                await ch.send(tg("42"), alert())
        finally:
            await ch.close()
        assert server.rate_limited == 1 and info.value.retry_after == 1
