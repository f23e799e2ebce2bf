"""The command list: every command's name, arguments and who may run it (adapters build their menus from it)."""

from __future__ import annotations

from bot.commands.api import CommandSpec, ParamSpec

WATCH = ParamSpec("watch", "watch id (see /watches)", kind="watch")
# Discord: manage another channel of the server (a forum, where nothing can be typed, included)
CHANNEL = ParamSpec(
    "channel", "another channel of this server (default: this one)", kind="channel", required=False,
    platforms=("discord",),
)  # fmt: skip
ROLE = ParamSpec(
    "role", "for mention: the role to ping (or write @here in value)", kind="role", required=False,
    platforms=("discord",),
)  # fmt: skip
SETTINGS = ("timezone", "quiet", "digest", "digest_kinds", "kinds", "mention")
EDIT_FIELDS = ("title", "terms", "require", "exclude", "subject", "target", "unconfirmed", "min_sources", "reports")
BASELINE_FIELDS = ("status", "value", "expected", "due")
KINDS = ("event", "agreement", "metric")
UNITS = ("t", "bu", "usd", "count", "percent")
# The words people type for a unit ("unit=tonnes", "unit=dollars"): each names one of UNITS. "mt" is left out, as
# outlets use it for metric tons and for million tonnes alike.
UNIT_WORDS = {
    "tonnes": "t", "tonne": "t", "tons": "t", "ton": "t", "metric tons": "t", "metric tonnes": "t",
    "bushels": "bu", "bushel": "bu", "dollars": "usd", "dollar": "usd", "us$": "usd", "$": "usd",
    "%": "percent", "pct": "percent", "per cent": "percent", "number": "count", "items": "count",
}  # fmt: skip

SPECS: tuple[CommandSpec, ...] = (
    CommandSpec("help", "what this bot does and its commands", (ParamSpec("command", "a command", required=False),)),
    CommandSpec("start", "what this bot does and how to subscribe"),
    CommandSpec("watches", "the tracked items with their current baseline"),
    CommandSpec("status", "a watch's current state, its history of changes and next deadline", (WATCH,)),
    CommandSpec(
        "subscribe",
        "receive a watch's alerts here (or all)",
        (ParamSpec("watch", "watch id or all", kind="watch", required=False), CHANNEL),
        access="chat_admin",
    ),
    CommandSpec(
        "unsubscribe",
        "stop a watch's alerts here (or all)",
        (ParamSpec("watch", "watch id or all", kind="watch", required=False), CHANNEL),
        access="chat_admin",
    ),
    CommandSpec(
        "settings",
        "show or change the digest, quiet hours, time zone, alert kinds and pings here",
        (
            ParamSpec("setting", "what to change", kind="choice", required=False, choices=SETTINGS),
            ParamSpec("value", "the new value (off to clear)", required=False, rest=True),
            ROLE,
            CHANNEL,
        ),
        access="chat_admin",
        ephemeral=True,
    ),
    CommandSpec(
        "mute",
        "hold the alerts here for a while (they arrive afterwards)",
        (ParamSpec("duration", "e.g. 2h, 1d, or off", kind="duration"), CHANNEL),
        access="chat_admin",
    ),
    CommandSpec("chart", "a picture of a watch's history against its target and deadline", (WATCH,)),
    CommandSpec(
        "watch add",
        "add a watch (replies with what is missing and an example)",
        (
            ParamSpec("id", "short id: lowercase letters, digits, dashes", required=False),
            ParamSpec("title", "title shown in alerts", required=False),
            ParamSpec("kind", "event, agreement or metric", kind="choice", required=False, choices=KINDS),
            ParamSpec("query", "a Google News search", required=False),
            ParamSpec("feed", "an RSS/Atom feed URL (instead of or besides query)", kind="url", required=False),
            ParamSpec("terms", "words an article must contain (one of them), comma-separated", required=False),
            ParamSpec("status", "current status (event/agreement)", required=False),
            ParamSpec("value", "current figure (metric)", kind="number", required=False),
            ParamSpec("target", "target figure (metric)", kind="number", required=False),
            ParamSpec(
                "due",
                "deadline YYYY-MM-DD, or a window such as 2026-Q4 (due by its last day)",
                kind="date",
                required=False,
            ),
            ParamSpec("expected", "expected date or window (event), e.g. 2026-04", required=False),
            ParamSpec("exclude", "words that rule an article out, comma-separated", required=False),
            ParamSpec("require", "words an article must all contain, comma-separated", required=False),
            ParamSpec("unit", "unit of a metric (default count)", kind="choice", required=False, choices=UNITS),
        ),
        access="admin",
        ephemeral=True,
    ),
    CommandSpec(
        "watch edit",
        "change one field of a watch",
        (
            WATCH,
            ParamSpec("field", "what to change", kind="choice", choices=EDIT_FIELDS),
            ParamSpec("value", "the new value", rest=True),
        ),
        access="admin",
        ephemeral=True,
    ),
    CommandSpec("watch pause", "stop polling and tracking a watch", (WATCH,), access="admin"),
    CommandSpec("watch resume", "resume a paused watch", (WATCH,), access="admin"),
    CommandSpec("watch remove", "remove a watch (its history stays)", (WATCH,), access="admin"),
    CommandSpec(
        "feed add",
        "add a feed (URL) or a Google News search (query) to a watch",
        (
            WATCH,
            ParamSpec("url", "RSS/Atom feed URL", kind="url", required=False),
            ParamSpec("query", "Google News search", required=False, rest=True),
        ),
        access="admin",
    ),
    CommandSpec(
        "feed remove",
        "remove a feed (URL or search query) from a watch",
        (WATCH, ParamSpec("feed", "the feed URL, search query or number (see status)", rest=True)),
        access="admin",
    ),
    CommandSpec(
        "feed test",
        "fetch a feed now: which entries match, what would alert",
        (ParamSpec("url", "RSS/Atom feed URL", kind="url"), ParamSpec("watch", "only this watch", "watch", False)),
        access="admin",
        ephemeral=True,
    ),
    CommandSpec(
        "baseline set",
        "correct a watch's baseline (recorded in its history)",
        (
            WATCH,
            ParamSpec("field", "status, value, expected or due", kind="choice", choices=BASELINE_FIELDS),
            ParamSpec("value", "the correct value", rest=True),
        ),
        access="admin",
    ),
    CommandSpec(
        "check", "poll a watch's feeds (or all) now", (ParamSpec("watch", "watch id", "watch", False),), "admin"
    ),
    CommandSpec(
        "replay",
        "what a watch would have alerted on recently (nothing is stored or sent)",
        (WATCH, ParamSpec("days", "how far back (default 30)", kind="number", required=False)),
        access="admin",
        ephemeral=True,
    ),
    CommandSpec("health", "failing or paused feeds, outbox backlog, last successful poll", access="admin"),
    CommandSpec("export", "the watches as a YAML file (config format)", access="admin", ephemeral=True),
    CommandSpec(
        "import",
        "add or replace watches from a YAML file (all or nothing)",
        (ParamSpec("file", "a YAML file like the one export gives", kind="file"),),
        access="admin",
    ),
    CommandSpec(
        "admins add",
        "make a user a bot admin",
        (ParamSpec("user", "their user id (numeric)", kind="user"),),
        access="owner",
    ),
    CommandSpec(
        "admins remove",
        "take a user's bot admin rights away",
        (ParamSpec("user", "their user id (numeric)", kind="user"),),
        access="owner",
    ),
)


def spec_named(name: str) -> CommandSpec | None:
    return next((s for s in SPECS if s.name == name), None)
