"""The command scenarios straight against the service (no platform), plus the database effects that matter:
audit rows, subscription prefs, baseline history, and that a failing command writes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from command_fixtures import GROUP_WATCH, NOW, CommandWorld, DirectDriver, caller_for, command_world, feed_path
from command_harness import Scenario
from command_scenarios import IMPORT_YAML, SCENARIOS, SOY, TRUMP, WATCH_ADD
from sqlalchemy import select
from sqlmodel import col

from watchers.store.audit import AuditRepository
from watchers.store.tables import AuditRow, BaselineHistoryRow, SubscriptionRow, WatchRow
from watchers.store.tracking import TrackingRepository


def check(scenario: Scenario, text: str, ok: bool | None, mime: str | None) -> None:
    assert ok == scenario.ok, f"{scenario.id}: ok={ok}: {text}"
    for expected in scenario.expect:
        assert expected.lower() in text.lower(), f"{scenario.id}: {expected!r} not in reply: {text}"
    if scenario.attachment is not None:
        assert mime == scenario.attachment, f"{scenario.id}: attachment {mime}"


@pytest.mark.parametrize("platform", ["telegram", "discord"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
async def test_scenario(scenario: Scenario, platform: str, tmp_path: object) -> None:
    async with command_world(f"sqlite:///{tmp_path}/commands.db") as world:
        reply = await DirectDriver(world, platform).run(scenario)  # type: ignore[arg-type]
        check(scenario, reply.text, reply.ok, reply.attachment_mime)
        if not scenario.ok:
            audit = await AuditRepository(world.svc.db).recent(limit=1)
            assert audit and audit[0].command == scenario.command and audit[0].outcome in ("refused", "invalid")


def refused(access: str, scenario: Scenario) -> bool:
    """Whether ``scenario`` is a caller below ``access`` (so its ok=False is a refusal, not bad input)."""
    below = {
        "anyone": (),
        "chat_admin": ("member",) if scenario.place == "group" else (),
        "admin": ("member", "chat_admin"),
        "owner": ("member", "chat_admin", "admin"),
    }[access]
    return scenario.role in below


def test_every_command_has_success_refusal_and_bad_input() -> None:
    from bot.commands.specs import SPECS

    for spec in SPECS:
        rows = [s for s in SCENARIOS if s.command == spec.name]
        assert any(s.ok for s in rows), f"{spec.name}: no success scenario"
        refusals = [s for s in rows if refused(spec.access, s)]
        assert all(not s.ok for s in refusals), f"{spec.name}: a caller below {spec.access} succeeded"
        if spec.access != "anyone":
            assert refusals, f"{spec.name}: no refusal scenario"
        if spec.params:
            assert any(not s.ok and s not in refusals for s in rows), f"{spec.name}: no bad-input scenario"


# ---------------------------------------------------------------------------------------------- database effects


async def run(world: CommandWorld, role: str, place: str, command: str, args: dict[str, str], **kw: bytes) -> str:
    reply = await world.service.execute(caller_for("telegram", role, place), command, args, **kw)  # type: ignore[arg-type]
    assert reply.ok, reply.text
    return reply.text


async def rows(world: CommandWorld, model: type, *where: object) -> list:  # type: ignore[type-arg]
    async with world.svc.db.session() as session:
        return list((await session.execute(select(model).where(*where))).scalars().all())  # type: ignore[arg-type]


async def test_settings_and_mute_write_the_prefs_the_dispatcher_reads(database_url: str) -> None:
    async with command_world(database_url) as world:
        for setting, value in [
            ("timezone", "Europe/Berlin"),
            ("quiet", "22:00-07:00"),
            ("digest", "18:00,08:00"),
            ("digest_kinds", "report,value,deadline_soon"),
            ("kinds", "status,date,value"),
        ]:
            await run(world, "chat_admin", "group", "settings", {"setting": setting, "value": value})
        await run(world, "chat_admin", "group", "mute", {"duration": "22h"})
        [row] = await rows(world, SubscriptionRow, col(SubscriptionRow.platform) == "telegram")
        assert row.watch_id == GROUP_WATCH and row.source == "chat"
        assert row.prefs == {
            "timezone": "Europe/Berlin",
            "quiet_hours": {"start": "22:00", "end": "07:00"},
            "digest": {"times": ["08:00", "18:00"], "kinds": ["report", "value", "deadline_soon"]},
            "muted_until": (NOW + timedelta(hours=22)).isoformat(),
        }
        assert row.kinds == ["status", "date", "value"]
        # A new subscription of the same chat inherits its settings.
        await run(world, "chat_admin", "group", "subscribe", {"watch": TRUMP})
        subs = await rows(world, SubscriptionRow, col(SubscriptionRow.address) == row.address)
        assert {s.watch_id for s in subs} == {GROUP_WATCH, TRUMP}
        assert all(s.prefs == row.prefs and s.kinds == row.kinds for s in subs)
        audit = await rows(world, AuditRow, col(AuditRow.command) == "mute")
        assert audit[-1].outcome == "accepted" and audit[-1].after[0]["prefs"]["muted_until"]


async def test_baseline_set_is_history_with_the_admin_as_provenance(database_url: str) -> None:
    async with command_world(database_url) as world:
        await run(world, "admin", "private", "baseline set", {"watch": SOY, "field": "value", "value": "5.2 million"})
        [history] = await rows(world, BaselineHistoryRow, col(BaselineHistoryRow.watch_id) == SOY)
        assert (history.field_name, history.old, history.new) == ("value", 2_000_000.0, 5_200_000.0)
        assert history.sources == ["admin telegram:1002"] and "telegram:1002" in history.note
        states = await TrackingRepository(world.svc.db).states([SOY])
        assert states[SOY].value == 5_200_000.0
        status = await run(world, "member", "private", "status", {"watch": SOY})
        assert "5.2 million" in status and "admin telegram:1002" in status
        [audit] = await rows(world, AuditRow, col(AuditRow.command) == "baseline set")
        assert audit.before == {"value": 2_000_000.0} and audit.after == {"value": 5_200_000.0}


async def test_refusals_are_audited_and_change_nothing(database_url: str) -> None:
    async with command_world(database_url) as world:
        reply = await world.service.execute(caller_for("discord", "member", "group"), "watch remove", {"watch": TRUMP})
        assert not reply.ok
        [audit] = await rows(world, AuditRow, col(AuditRow.outcome) == "refused")
        assert (audit.platform, audit.command, audit.arguments) == ("discord", "watch remove", {"watch": TRUMP})
        assert world.service.ctx.registry.get(TRUMP) is not None


async def test_a_failing_command_writes_nothing(database_url: str) -> None:
    """import is all or nothing: a file whose second watch cannot be saved leaves the first unsaved too."""
    async with command_world(database_url) as world:
        upload = (
            b"watches:\n"
            b"  - {id: good-one, title: Good, kind: event, match: {any: [x]},"
            b" baseline: {status: planned, as_of: 2026-11-01}}\n"
            b"  - {id: bad-one, title: Bad, kind: event, feeds: ['http://169.254.169.254/feed'], match: {any: [x]},"
            b" baseline: {status: planned, as_of: 2026-11-01}}\n"
        )
        reply = await world.service.execute(caller_for("telegram", "admin", "private"), "import", {}, attachment=upload)
        assert not reply.ok and "cloud metadata" in reply.text
        assert await rows(world, WatchRow, col(WatchRow.id).in_(["good-one", "bad-one"])) == []
        # An error inside the transaction (after the watch row was written) rolls it back as well.
        ctx = world.service.ctx
        original = ctx.registry.sync_feeds

        async def broken(*args: object, **kwargs: object) -> tuple[int, int, int]:
            raise RuntimeError("disk full")

        ctx.registry.sync_feeds = broken  # type: ignore[method-assign]
        try:
            reply = await world.service.execute(caller_for("telegram", "admin", "private"), "watch add", WATCH_ADD)
        finally:
            ctx.registry.sync_feeds = original  # type: ignore[method-assign]
        assert not reply.ok and "nothing was changed" in reply.text
        assert await rows(world, WatchRow, col(WatchRow.id) == WATCH_ADD["id"]) == []
        assert ctx.registry.get(WATCH_ADD["id"]) is None
        [audit] = await rows(world, AuditRow, col(AuditRow.outcome) == "error")
        assert audit.command == "watch add"


async def test_export_then_import_round_trips(database_url: str) -> None:
    async with command_world(database_url) as world:
        caller = caller_for("telegram", "owner", "private")
        exported = await world.service.execute(caller, "export", {})
        assert exported.attachment is not None
        before = {w.id: w.config for w in world.service.ctx.registry.all()}
        await run(world, "owner", "private", "watch remove", {"watch": TRUMP})
        imported = await world.service.execute(caller, "import", {}, attachment=exported.attachment.data)
        assert imported.ok, imported.text
        after = {w.id: w.config for w in world.service.ctx.registry.all()}
        assert after == before


async def test_feed_test_explains_unusable_feeds(feed_server: object, tmp_path: object) -> None:
    from feedserver import FeedServer

    assert isinstance(feed_server, FeedServer)
    feed_server.set_document("/page.html", b"<html><body>Hello</body></html>", content_type="text/html")
    feed_server.set_document("/broken.xml", b"<rss><channel><item><title>x", content_type="application/rss+xml")
    feed_server.set_status("/gone.xml", 404)
    feed_server.set_document("/binary.xml", bytes(range(256)), content_type="application/octet-stream")
    async with command_world(f"sqlite:///{tmp_path}/c.db", feed_server=feed_server) as world:
        caller = caller_for("telegram", "admin", "private")
        unusable = [("/page.html", "rss or atom link"), ("/binary.xml", "not an rss/atom feed"), ("/gone.xml", "404")]
        for path, expected in unusable:
            reply = await world.service.execute(caller, "feed test", {"url": feed_server.url(path)})
            assert not reply.ok and expected in reply.text.lower(), reply.text
        reply = await world.service.execute(caller, "feed test", {"url": feed_server.url("/broken.xml")})
        assert reply.ok and "malformed" in reply.text, reply.text


async def test_replay_shows_what_stored_articles_would_have_raised(database_url: str) -> None:
    async with command_world(database_url) as world:
        await run(world, "admin", "private", "check", {"watch": SOY})  # stores the feed's articles (first poll seeds)
        text = await run(world, "admin", "private", "replay", {"watch": SOY, "days": "30"})
        assert "1 stored article of the last 30 days" in text and "value" in text and "9 million" in text


# ---------------------------------------------------------------------------------------------- outlets in replies

VIA = "#via="  # followup's outlet mark on an entry link: never in what a reader is shown


def _rss(title: str, items: list[tuple[str, str, str | None]]) -> bytes:
    """An RSS feed on news.example.com titled ``title``; each item (title, link, <source> outlet or None), the
    <source> naming Reuters' site as an aggregator's item does."""
    when = (NOW - timedelta(days=1)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    parts = [f"<rss version='2.0'><channel><title>{title}</title><link>https://news.example.com/</link>"]
    for headline, link, source in items:
        credit = f"<source url='https://www.reuters.com'>{source}</source>" if source else ""
        parts.append(
            f"<item><title>{headline}</title><link>{link}</link><description>{headline}.</description>"
            f"<pubDate>{when}</pubDate>{credit}</item>"
        )
    return ("".join(parts) + "</channel></rss>").encode()


TRUMP_ITEMS = [
    ("Trump postpones his visit to Beijing", "https://news.example.com/a", None),
    ("Trump's Beijing trip: what we know", "https://other.example.org/b", None),
    ("Trump visit to Beijing in doubt, Reuters says", "https://news.example.com/c", "Reuters"),
]


async def test_feed_test_names_articles_as_the_poller_does(feed_server: object, tmp_path: object) -> None:
    """feed test reads a feed as the poller does: an aggregator item's <source>, then the config's name:, then the
    feed's title for its own site's items, then the domain; and shows no link with the outlet mark."""
    from feedserver import FeedServer

    assert isinstance(feed_server, FeedServer)
    async with command_world(
        f"sqlite:///{tmp_path}/c.db", feed_server=feed_server, feed_names={TRUMP: "Wire Desk"}
    ) as world:
        feed_server.set_document(feed_path(TRUMP), _rss("Example News: World", TRUMP_ITEMS))
        named = await run(world, "admin", "private", "feed test", {"url": TRUMP})
        assert "its own articles are named Wire Desk" in named, named
        assert "Trump postpones his visit to Beijing (Wire Desk)" in named, named  # name: wins over the title
        assert "Trump's Beijing trip: what we know (Wire Desk)" in named, named  # name: covers every site
        assert "Trump visit to Beijing in doubt, Reuters says (Reuters)" in named, named  # <source> wins over name:
        assert "would alert: Trump's visit to Beijing: now postponed" in named and VIA not in named, named

        feed_server.set_document("/titled.xml", _rss("Example News: World", TRUMP_ITEMS))
        titled = await run(world, "admin", "private", "feed test", {"url": feed_server.url("/titled.xml")})
        assert "its own articles are named Example News" in titled, titled
        assert "Trump postpones his visit to Beijing (Example News)" in titled, titled  # its own site's item
        assert "Trump's Beijing trip: what we know (other.example.org)" in titled, titled  # another site's
        assert "Reuters says (Reuters)" in titled and VIA not in titled, titled

        feed_server.set_document("/untitled.xml", _rss("Latest News", TRUMP_ITEMS[:1]))
        plain = await run(world, "admin", "private", "feed test", {"url": feed_server.url("/untitled.xml")})
        assert "named" not in plain and "Trump postpones his visit to Beijing (news.example.com)" in plain, plain


async def test_status_and_replay_show_outlets_and_links_without_the_mark(tmp_path: object) -> None:
    """A change from a named feed: /status names its outlet and links the article without followup's mark;
    /replay of the stored articles shows no mark either."""
    async with command_world(f"sqlite:///{tmp_path}/c.db", feed_names={SOY: "Wire Desk"}) as world:
        await run(world, "admin", "private", "check", {"watch": SOY})  # the first poll moves the baseline to 9 mt
        [history] = await rows(world, BaselineHistoryRow, col(BaselineHistoryRow.watch_id) == SOY)
        assert history.sources == ["https://news.example.com/soy-9mt#via=news.example.com&outlet=Wire%20Desk"]
        status = await run(world, "member", "private", "status", {"watch": SOY})
        assert "latest source: Wire Desk — https://news.example.com/soy-9mt\n" in status, status
        assert "2 million t -> 9 million t (Wire Desk — https://news.example.com/soy-9mt)" in status, status
        assert VIA not in status, status
        replay = await run(world, "admin", "private", "replay", {"watch": SOY, "days": "30"})
        assert "9 million" in replay and VIA not in replay, replay


async def test_status_tells_the_story_to_the_baseline_by_outlet_names(tmp_path: object) -> None:
    """The config's story steps are named as alerts name outlets: by the name the link carries, else the domain."""
    story = (
        b"      history:\n"
        b"        - {on: 2026-07-10, field: status, was: pending, to: agreed,"
        b" source: 'https://www.reuters.com/a#via=reuters.com&outlet=Reuters'}\n"
        b"        - {on: 2026-09-01, field: status, was: agreed, to: pending, note: talks reopened,"
        b" source: 'https://news.google.com/x#via=apnews.com&outlet=AP%20News'}\n"
        b"        - {on: 2026-11-18, field: status, was: pending, to: agreed, source: 'https://www.ft.com/c'}\n"
    )
    upload = IMPORT_YAML.replace(b"      as_of: 2026-11-20\n", b"      as_of: 2026-11-20\n" + story)
    async with command_world(f"sqlite:///{tmp_path}/c.db") as world:
        await run(world, "owner", "private", "import", {}, attachment=upload)
        status = await run(world, "member", "private", "status", {"watch": "eu-us-trade-deal"})
        assert "2026-07-10 status: pending -> agreed (Reuters)" in status, status
        assert "2026-09-01 status: agreed -> pending (AP News — talks reopened)" in status, status
        assert "2026-11-18 status: pending -> agreed (ft.com)" in status and VIA not in status, status


async def test_autocomplete_of_watch_ids(tmp_path: object) -> None:
    async with command_world(f"sqlite:///{tmp_path}/c.db") as world:
        assert [i for i, _ in await world.service.complete_watch_ids("tr")] == [TRUMP]
        assert [i for i, _ in await world.service.complete_watch_ids("soybeans")] == [SOY]
        assert len(await world.service.complete_watch_ids("")) == 4


async def test_unknown_command_and_argument(tmp_path: object) -> None:
    async with command_world(f"sqlite:///{tmp_path}/c.db") as world:
        caller = caller_for("telegram", "member", "private")
        assert not (await world.service.execute(caller, "frobnicate", {})).ok
        reply = await world.service.execute(caller, "status", {"colour": "red"})
        assert not reply.ok and "no argument" in reply.text


async def test_watch_resume_restarts_feeds_paused_after_failures(database_url: str) -> None:
    async with command_world(database_url) as world:
        stored = world.svc.registry.get(SOY)
        assert stored is not None
        (url,) = stored.config.feed_urls
        await world.svc.feeds.set_paused(url, True, now=NOW)
        reply = await run(world, "admin", "private", "watch resume", {"watch": SOY})
        assert "resumed 1 feed paused after failures" in reply and url in reply
        feed = next(f for f in await world.svc.feeds.health() if f.url == url)
        assert not feed.paused
        [audit] = await rows(world, AuditRow, col(AuditRow.command) == "watch resume")
        assert audit.before == {"paused": False, "paused_feeds": [url]}
        again = await run(world, "admin", "private", "watch resume", {"watch": SOY})
        assert "already resumed" in again


def test_watch_add_due_takes_a_day_or_a_window_and_says_what_it_wants_otherwise() -> None:
    """News states deadlines as windows ("expected to close in early 2024"): due=2024-Q1 is due by 31 March."""
    from datetime import UTC, datetime

    from bot.commands.context import CommandProblem
    from bot.commands.watch_commands import watch_definition

    def build(due: str) -> object:
        args = {"title": "Kroger's acquisition of Albertsons", "terms": "Kroger", "status": "pending", "due": due}
        return watch_definition(args.get, "kroger", "agreement", datetime(2022, 10, 14, tzinfo=UTC))

    assert build("2024-Q1")["baseline"]["due"].isoformat() == "2024-03-31"  # type: ignore[index]
    assert build("2024-H2")["baseline"]["due"].isoformat() == "2024-12-31"  # type: ignore[index]
    assert build("2024-02")["baseline"]["due"].isoformat() == "2024-02-29"  # type: ignore[index]
    assert build("2024-05-06")["baseline"]["due"].isoformat() == "2024-05-06"  # type: ignore[index]
    with pytest.raises(CommandProblem, match=r"due 'early 2024' is not a date; write it as YYYY-MM-DD .*2026-Q4"):
        build("early 2024")


def test_watch_add_takes_the_words_people_type_for_a_unit() -> None:
    """An admin types "unit=tonnes" or "unit=dollars"; each is the unit it names, and an unknown word is refused
    with the list of units."""
    from datetime import UTC, datetime

    from bot.commands.context import CommandProblem
    from bot.commands.watch_commands import watch_definition

    def unit_of(typed: str) -> object:
        args = {"title": "Japan rice stockpile release", "terms": "rice", "value": "0", "unit": typed}
        return watch_definition(args.get, "rice", "metric", datetime(2025, 2, 14, tzinfo=UTC))["metric"]["unit"]  # type: ignore[index]

    assert [unit_of(u) for u in ("tonnes", "Tons", "t", "dollars", "USD", "%", "bushels")] == [
        "t", "t", "t", "usd", "usd", "percent", "bu",
    ]  # fmt: skip
    with pytest.raises(CommandProblem, match=r"unit 'furlongs' is not known; use one of t, bu, usd, count, percent"):
        unit_of("furlongs")


def test_the_guided_watch_add_takes_the_words_people_type_for_a_unit() -> None:
    from bot.commands.guided import Question, accept
    from bot.commands.specs import UNITS

    question = Question("unit", "What is it counted in?", tuple((u, u) for u in UNITS))
    answers: dict[str, str] = {}
    assert accept(question, "tonnes", answers) is None and answers["unit"] == "t"
    assert accept(question, "Dollars", answers) is None and answers["unit"] == "usd"
    assert accept(question, "furlongs", answers) == "'furlongs' is not one of: t, bu, usd, count, percent"


async def test_feed_add_and_watch_add_read_the_feed_once_and_refuse_what_never_works(
    feed_server: object, tmp_path: object
) -> None:
    """A page, a feed too complex to read or a 404 is refused before anything is saved; a site that is down just
    now is added with a note (the poller retries); a feed that reads is described in the reply."""
    from feedserver import FeedItem, FeedServer

    assert isinstance(feed_server, FeedServer)
    feed_server.set_document("/page.html", b"<html><body>Front page</body></html>", content_type="text/html")
    hostile = (
        b'<rss version="2.0"><channel><item' + b"".join(b' a%d="x"' % i for i in range(5000)) + b"/></channel></rss>"
    )
    feed_server.set_document("/hostile.xml", hostile, content_type="application/rss+xml")
    feed_server.set_status("/gone.xml", 404)
    feed_server.set_status("/down.xml", 503)
    feed_server.set_feed(
        "/good.xml", [FeedItem("One", "https://news.example/1"), FeedItem("Two", "https://n.example/2")]
    )
    async with command_world(f"sqlite:///{tmp_path}/c.db", feed_server=feed_server) as world:
        caller = caller_for("telegram", "admin", "private")
        feeds_before = world.service.ctx.registry.get(TRUMP).config.feed_urls  # type: ignore[union-attr]
        for path, says in [
            ("/page.html", "rss or atom link"),
            ("/hostile.xml", "too slow to read"),
            ("/gone.xml", "404"),
        ]:
            reply = await world.service.execute(caller, "feed add", {"watch": TRUMP, "url": feed_server.url(path)})
            assert not reply.ok and says in reply.text.lower(), reply.text
        assert world.service.ctx.registry.get(TRUMP).config.feed_urls == feeds_before  # type: ignore[union-attr]

        reply = await world.service.execute(caller, "feed add", {"watch": TRUMP, "url": feed_server.url("/down.xml")})
        assert reply.ok and "could not be read just now" in reply.text and "retried on schedule" in reply.text
        reply = await world.service.execute(caller, "feed add", {"watch": TRUMP, "url": feed_server.url("/good.xml")})
        assert reply.ok and "a feed of 2 entries" in reply.text, reply.text

        add = {"id": "w2", "title": "A bridge", "kind": "event", "terms": "bridge", "status": "planned"}
        reply = await world.service.execute(caller, "watch add", {**add, "feed": feed_server.url("/page.html")})
        assert (
            not reply.ok and "rss or atom link" in reply.text.lower() and world.service.ctx.registry.get("w2") is None
        )
        reply = await world.service.execute(caller, "watch add", {**add, "feed": feed_server.url("/good.xml")})
        assert reply.ok and "a feed of 2 entries" in reply.text, reply.text


async def test_discord_members_are_not_offered_buttons_they_cannot_use(tmp_path: object) -> None:
    """On Discord the caller's rights are always known: a member without Manage Server gets no "Subscribe"."""
    async with command_world(f"sqlite:///{tmp_path}/c.db") as world:
        member = await world.service.execute(caller_for("discord", "member", "group"), "status", {"watch": TRUMP})
        manager = await world.service.execute(caller_for("discord", "chat_admin", "group"), "status", {"watch": TRUMP})
    assert member.ok and [b.label for b in member.buttons] == []
    assert [b.label for b in manager.buttons] == ["Subscribe"]
    assert "this channel" in (
        await _subscribe_reply(tmp_path)  # the reply names the place as Discord's people call it
    )


async def _subscribe_reply(tmp_path: object) -> str:
    async with command_world(f"sqlite:///{tmp_path}/d.db") as world:
        reply = await world.service.execute(caller_for("discord", "chat_admin", "group"), "subscribe", {"watch": SOY})
    return reply.text
