"""Every chat command: its success path, a permission refusal and bad input, as data.

Each scenario assumes a fresh ``command_world`` (tests/command_fixtures.py): the founding watches, the harness
owners and admins, the spare admin 777, the group / guild channel subscribed to china-us-soybean-purchases and
xi-us-state-visit paused. ``expect`` strings avoid quotes, apostrophes and markup characters so they survive
each platform's escaping. Commands anyone may run (help, start, watches, status, chart) have no refusal row.
"""

from __future__ import annotations

from command_harness import Scenario

SOY = "china-us-soybean-purchases"
TRUMP = "trump-beijing-visit"
PAUSED = "xi-us-state-visit"
METADATA_URL = "http://169.254.169.254/latest/meta-data/"  # refused even where private feeds are allowed
OVERSIZED = "x" * 2001

IMPORT_YAML = b"""watches:
  - id: eu-us-trade-deal
    title: EU-US trade deal
    kind: agreement
    feeds:
      - google_news: EU US trade deal
    match:
      any: [EU, European Union]
    baseline:
      status: pending
      as_of: 2026-11-20
"""

WATCH_ADD = {
    "id": "eu-us-trade-deal",
    "title": "EU-US trade deal",
    "kind": "agreement",
    "query": "EU US trade deal",
    "terms": "EU, European Union, trade deal",
    "status": "pending",
    "due": "2026-12-31",
}

REFUSED_ADMIN = ("owners and admins",)
REFUSED_CHAT = ("can run",)

SCENARIOS: list[Scenario] = [
    # ------------------------------------------------------------------ help / start
    Scenario("help-member", "help", expect=("subscribe", "watches")),
    Scenario("help-admin", "help", role="admin", expect=("watch add", "baseline set")),
    Scenario("help-group", "help", {"command": "watch"}, expect=("/watch add", "/watch remove", "/help watch add")),
    Scenario("help-one", "help", {"command": "watch add"}, expect=("/watch add [id",)),
    Scenario("help-one-command", "help", {"command": "mute"}, expect=("duration",)),
    Scenario("help-unknown-command", "help", {"command": "frobnicate"}, ok=False, expect=("no command",)),
    Scenario("start", "start", expect=("follows up on the news",)),
    # ------------------------------------------------------------------ watches / status / chart
    Scenario("watches", "watches", expect=(TRUMP, SOY, "12 million", "paused")),
    Scenario("status", "status", {"watch": TRUMP}, expect=("planned", "expected April 2026", "passed", "missed")),
    Scenario("status-unknown", "status", {"watch": "trump-visit"}, ok=False, expect=("no watch", TRUMP)),
    Scenario("status-missing", "status", ok=False, expect=("which watch?", "name a watch")),
    Scenario("status-prefix", "status", {"watch": "trump-bei"}, expect=("visit to Beijing", TRUMP)),
    Scenario("status-ambiguous-prefix", "status", {"watch": "x"}, ok=False, expect=("no watch",)),
    Scenario("status-oversized", "status", {"watch": OVERSIZED}, ok=False, expect=("limit is 2000",)),
    Scenario("chart-metric", "chart", {"watch": SOY}, expect=("soybeans",), attachment="image/png"),
    Scenario("chart-event", "chart", {"watch": TRUMP}, expect=("planned",), attachment="image/png"),
    Scenario("chart-unknown", "chart", {"watch": "soy"}, ok=False, expect=("no watch",)),
    # ------------------------------------------------------------------ subscribe / unsubscribe
    Scenario("subscribe-private", "subscribe", {"watch": SOY}, expect=("subscribed", SOY)),
    Scenario("subscribe-all-private", "subscribe", {"watch": "all"}, expect=("every watch",)),
    Scenario("subscribe-choose", "subscribe", expect=("which watch",)),
    Scenario(
        "subscribe-group-admin", "subscribe", {"watch": TRUMP}, role="chat_admin", place="group", expect=("subscribed",)
    ),
    Scenario("subscribe-group-member", "subscribe", {"watch": "all"}, place="group", ok=False, expect=REFUSED_CHAT),
    Scenario("subscribe-unknown", "subscribe", {"watch": "trump-visit"}, ok=False, expect=("no watch", "did you mean")),
    Scenario(
        "unsubscribe-group", "unsubscribe", {"watch": SOY}, role="chat_admin", place="group", expect=("unsubscribed",)
    ),
    Scenario("unsubscribe-list", "unsubscribe", role="chat_admin", place="group", expect=(SOY,)),
    Scenario("unsubscribe-group-member", "unsubscribe", {"watch": SOY}, place="group", ok=False, expect=REFUSED_CHAT),
    Scenario(
        "unsubscribe-not-subscribed",
        "unsubscribe",
        {"watch": TRUMP},
        role="chat_admin",
        place="group",
        ok=False,
        expect=("not subscribed",),
    ),
    # ------------------------------------------------------------------ settings / mute
    Scenario("settings-show", "settings", role="chat_admin", place="group", expect=("time zone", "quiet hours")),
    Scenario(
        "settings-quiet",
        "settings",
        {"setting": "quiet", "value": "22:00-07:00"},
        role="chat_admin",
        place="group",
        expect=("saved", "22:00-07:00"),
    ),
    Scenario(
        "settings-digest",
        "settings",
        {"setting": "digest", "value": "08:00,18:00"},
        role="chat_admin",
        place="group",
        expect=("08:00, 18:00",),
    ),
    Scenario(
        "settings-timezone",
        "settings",
        {"setting": "timezone", "value": "Europe/Berlin"},
        role="chat_admin",
        place="group",
        expect=("Europe/Berlin",),
    ),
    Scenario(
        "settings-kinds",
        "settings",
        {"setting": "kinds", "value": "status,date"},
        role="chat_admin",
        place="group",
        expect=("alert kinds: status, date",),
    ),
    Scenario("settings-group-member", "settings", place="group", ok=False, expect=REFUSED_CHAT),
    Scenario(
        "settings-bad-timezone",
        "settings",
        {"setting": "timezone", "value": "Mars/Olympus"},
        role="chat_admin",
        place="group",
        ok=False,
        expect=("not a time zone",),
    ),
    Scenario(
        "settings-bad-time",
        "settings",
        {"setting": "quiet", "value": "25:00-07:00"},
        role="chat_admin",
        place="group",
        ok=False,
        expect=("not a time of day",),
    ),
    Scenario(
        "settings-bad-kind",
        "settings",
        {"setting": "kinds", "value": "gossip"},
        role="chat_admin",
        place="group",
        ok=False,
        expect=("unknown alert kinds",),
    ),
    Scenario(
        "settings-no-subscription",
        "settings",
        {"setting": "kinds", "value": "status"},
        ok=False,
        expect=("no subscriptions",),
    ),
    Scenario(
        "mute", "mute", {"duration": "2h"}, role="chat_admin", place="group", expect=("muted until 2026-11-22 14:00",)
    ),
    Scenario("mute-off", "mute", {"duration": "off"}, role="chat_admin", place="group", expect=("unmuted",)),
    Scenario("mute-group-member", "mute", {"duration": "2h"}, place="group", ok=False, expect=REFUSED_CHAT),
    Scenario(
        "mute-bad-duration",
        "mute",
        {"duration": "forever"},
        role="chat_admin",
        place="group",
        ok=False,
        expect=("not a duration",),
    ),
    Scenario(
        "mute-too-long", "mute", {"duration": "400d"}, role="chat_admin", place="group", ok=False, expect=("limit",)
    ),
    Scenario("mute-no-subscription", "mute", {"duration": "1h"}, ok=False, expect=("no subscriptions",)),
    # ------------------------------------------------------------------ watch add / edit / pause / resume / remove
    Scenario("watch-add", "watch add", WATCH_ADD, role="admin", expect=("added eu-us-trade-deal",)),
    Scenario("watch-add-owner", "watch add", WATCH_ADD, role="owner", expect=("added eu-us-trade-deal",)),
    Scenario(
        "watch-add-metric",
        "watch add",
        {
            "id": "eu-lng-purchases",
            "title": "EU purchases of US LNG",
            "kind": "metric",
            "query": "EU US LNG purchases",
            "terms": "LNG",
            "value": "0",
            "target": "750 billion",
            "due": "2028-12-31",
            "unit": "usd",
        },
        role="admin",
        expect=("added eu-lng-purchases", "750 billion usd"),
    ),
    Scenario(
        "watch-add-bad-unit",
        "watch add",
        {
            **{k: v for k, v in WATCH_ADD.items() if k not in ("status", "due")},
            "kind": "metric",
            "value": "5",
            "unit": "furlongs",
        },
        role="admin",
        ok=False,
        expect=("unit",),
    ),
    Scenario(
        "watch-add-guided",
        "watch add",
        {"id": "eu-us-trade-deal"},
        role="admin",
        ok=False,
        expect=("still need", "title", "example"),
    ),
    Scenario("watch-add-member", "watch add", WATCH_ADD, ok=False, expect=REFUSED_ADMIN),
    Scenario(
        "watch-add-chat-admin", "watch add", WATCH_ADD, role="chat_admin", place="group", ok=False, expect=REFUSED_ADMIN
    ),
    Scenario(
        "watch-add-bad-kind",
        "watch add",
        {**WATCH_ADD, "kind": "promise"},
        role="admin",
        ok=False,
        expect=("not a kind",),
    ),
    Scenario(
        "watch-add-bad-date",
        "watch add",
        {**WATCH_ADD, "due": "31/12/2026"},
        role="admin",
        ok=False,
        expect=("not a date",),
    ),
    Scenario(
        "watch-add-bad-status",
        "watch add",
        {**WATCH_ADD, "status": "maybe"},
        role="admin",
        ok=False,
        expect=("not a status",),
    ),
    Scenario(
        "watch-add-bad-id", "watch add", {**WATCH_ADD, "id": "EU deal!"}, role="admin", ok=False, expect=("usable id",)
    ),
    Scenario(
        "watch-add-bad-url",
        "watch add",
        {**WATCH_ADD, "feed": "ftp://example.com/feed.xml"},
        role="admin",
        ok=False,
        expect=("http:// or https://",),
    ),
    Scenario(
        "watch-add-internal-url",
        "watch add",
        {**WATCH_ADD, "feed": METADATA_URL},
        role="admin",
        ok=False,
        expect=("cloud metadata",),
    ),
    Scenario(
        "watch-add-duplicate",
        "watch add",
        {**WATCH_ADD, "id": TRUMP},
        role="admin",
        ok=False,
        expect=("exists already",),
    ),
    Scenario(
        "watch-edit",
        "watch edit",
        {"watch": TRUMP, "field": "title", "value": "Trump state visit to Beijing"},
        role="admin",
        expect=("title changed",),
    ),
    Scenario(
        "watch-edit-member",
        "watch edit",
        {"watch": TRUMP, "field": "title", "value": "x"},
        ok=False,
        expect=REFUSED_ADMIN,
    ),
    Scenario(
        "watch-edit-bad-number",
        "watch edit",
        {"watch": TRUMP, "field": "min_sources", "value": "50"},
        role="admin",
        ok=False,
        expect=("whole number from 1 to 20",),
    ),
    Scenario("watch-pause", "watch pause", {"watch": TRUMP}, role="admin", expect=("paused " + TRUMP,)),
    Scenario("watch-pause-member", "watch pause", {"watch": TRUMP}, ok=False, expect=REFUSED_ADMIN),
    Scenario("watch-pause-unknown", "watch pause", {"watch": "nope"}, role="admin", ok=False, expect=("no watch",)),
    Scenario("watch-resume", "watch resume", {"watch": PAUSED}, role="admin", expect=("resumed " + PAUSED,)),
    Scenario("watch-resume-member", "watch resume", {"watch": PAUSED}, ok=False, expect=REFUSED_ADMIN),
    Scenario(
        "watch-resume-unknown", "watch resume", {"watch": "xi-visit"}, role="admin", ok=False, expect=("did you mean",)
    ),
    Scenario(
        "watch-remove",
        "watch remove",
        {"watch": TRUMP},
        role="owner",
        expect=("removed " + TRUMP, "/import it to bring it back"),
        attachment="application/x-yaml",
    ),
    Scenario(
        "watch-remove-member", "watch remove", {"watch": TRUMP}, role="chat_admin", ok=False, expect=REFUSED_ADMIN
    ),
    Scenario("watch-remove-unknown", "watch remove", {"watch": "nope"}, role="admin", ok=False, expect=("no watch",)),
    # ------------------------------------------------------------------ feeds
    Scenario(
        "feed-add-query",
        "feed add",
        {"watch": TRUMP, "query": "Trump Xi summit Beijing"},
        role="admin",
        expect=("now also reads", "news.google.com"),
    ),
    Scenario("feed-add-member", "feed add", {"watch": TRUMP, "query": "Trump Xi"}, ok=False, expect=REFUSED_ADMIN),
    Scenario(
        "feed-add-malformed",
        "feed add",
        {"watch": TRUMP, "url": "https://"},
        role="admin",
        ok=False,
        expect=("no host",),
    ),
    Scenario(
        "feed-add-internal",
        "feed add",
        {"watch": TRUMP, "url": METADATA_URL},
        role="admin",
        ok=False,
        expect=("cloud metadata",),
    ),
    Scenario(
        "feed-remove",
        "feed remove",
        {"watch": TRUMP, "feed": "1"},
        role="admin",
        expect=("no longer reads", "no feeds left"),
    ),
    Scenario("feed-remove-member", "feed remove", {"watch": TRUMP, "feed": "1"}, ok=False, expect=REFUSED_ADMIN),
    Scenario(
        "feed-remove-unknown",
        "feed remove",
        {"watch": TRUMP, "feed": "https://example.com/other.xml"},
        role="admin",
        ok=False,
        expect=("does not read",),
    ),
    Scenario(
        "feed-test",
        "feed test",
        {"url": TRUMP},
        role="admin",
        expect=(TRUMP + ": ALERT: status", "would alert", "postponed"),
    ),
    Scenario("feed-test-member", "feed test", {"url": TRUMP}, ok=False, expect=REFUSED_ADMIN),
    Scenario(
        "feed-test-bad-url", "feed test", {"url": "ftp://example.com/feed"}, role="admin", ok=False, expect=("http://",)
    ),
    Scenario(
        "feed-test-internal", "feed test", {"url": METADATA_URL}, role="admin", ok=False, expect=("cloud metadata",)
    ),
    Scenario(
        "feed-test-unreachable",
        "feed test",
        {"url": "http://127.0.0.1:9/feed.xml"},
        role="admin",
        ok=False,
        expect=("network",),
    ),
    # ------------------------------------------------------------------ baseline, check, replay, health
    Scenario(
        "baseline-set",
        "baseline set",
        {"watch": SOY, "field": "value", "value": "5.2 million"},
        role="admin",
        expect=("5.2 million t",),
    ),
    Scenario(
        "baseline-set-member",
        "baseline set",
        {"watch": SOY, "field": "value", "value": "5"},
        ok=False,
        expect=REFUSED_ADMIN,
    ),
    Scenario(
        "baseline-set-bad-number",
        "baseline set",
        {"watch": SOY, "field": "value", "value": "lots"},
        role="admin",
        ok=False,
        expect=("not a number",),
    ),
    Scenario(
        "baseline-set-bad-status",
        "baseline set",
        {"watch": TRUMP, "field": "status", "value": "maybe"},
        role="admin",
        ok=False,
        expect=("not a status",),
    ),
    Scenario(
        "baseline-set-bad-date",
        "baseline set",
        {"watch": TRUMP, "field": "expected", "value": "next spring"},
        role="admin",
        ok=False,
        expect=("not a date",),
    ),
    Scenario("check-watch", "check", {"watch": TRUMP}, role="admin", expect=("polled 1 feed:",)),
    Scenario("check-all", "check", role="owner", expect=("polled 3 feeds",)),
    Scenario("check-member", "check", ok=False, expect=(*REFUSED_ADMIN, "your user id is", "/admins add")),
    Scenario("check-paused", "check", {"watch": PAUSED}, role="admin", ok=False, expect=("paused",)),
    Scenario("replay", "replay", {"watch": SOY, "days": "30"}, role="admin", expect=(SOY,)),
    Scenario("replay-member", "replay", {"watch": SOY}, ok=False, expect=REFUSED_ADMIN),
    Scenario(
        "replay-bad-days", "replay", {"watch": SOY, "days": "0"}, role="admin", ok=False, expect=("whole number",)
    ),
    Scenario(
        "replay-not-number", "replay", {"watch": SOY, "days": "many"}, role="admin", ok=False, expect=("whole number",)
    ),
    Scenario("health", "health", role="admin", expect=("feeds:", "outbox", "last successful poll")),
    Scenario("health-member", "health", ok=False, expect=REFUSED_ADMIN),
    # ------------------------------------------------------------------ export / import
    Scenario("export", "export", role="admin", expect=("config format",), attachment="application/x-yaml"),
    Scenario("export-member", "export", ok=False, expect=REFUSED_ADMIN),
    Scenario("import", "import", role="admin", upload=IMPORT_YAML, expect=("imported 1 watch:", "eu-us-trade-deal")),
    Scenario("import-member", "import", upload=IMPORT_YAML, ok=False, expect=REFUSED_ADMIN),
    Scenario(
        "import-invalid",
        "import",
        role="admin",
        upload=b"watches:\n  - id: Bad Id\n",
        ok=False,
        expect=("nothing was imported",),
    ),
    Scenario("import-no-file", "import", role="admin", ok=False, expect=("attach a YAML file",)),
    # ------------------------------------------------------------------ admins
    Scenario("admins-add", "admins add", {"user": "123456"}, role="owner", expect=("now a bot admin",)),
    Scenario("admins-add-by-admin", "admins add", {"user": "123456"}, role="admin", ok=False, expect=("owners",)),
    Scenario("admins-add-bad-user", "admins add", {"user": "bob"}, role="owner", ok=False, expect=("not a user id",)),
    Scenario("admins-remove", "admins remove", {"user": "777"}, role="owner", expect=("no longer a bot admin",)),
    Scenario("admins-remove-by-member", "admins remove", {"user": "777"}, ok=False, expect=("owners",)),
    Scenario(
        "admins-remove-not-admin", "admins remove", {"user": "999"}, role="owner", ok=False, expect=("not an admin",)
    ),
]
