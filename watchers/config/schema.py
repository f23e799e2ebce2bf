"""The configuration schema (pydantic): what a user may write in ``config/watches.yaml``.

Unknown keys are errors (``extra="forbid"``) because a misspelt key silently ignored is the most common way a
self-hosted config goes wrong. Every validator raises ValueError with a sentence that says how to fix it.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Literal
from urllib.parse import quote_plus

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from watchers.config.regex_safety import linear_problem
from watchers.config.values import DateWindow, parse_byte_size, parse_date_window, parse_duration
from watchers.feeds.outlet import MAX_OUTLET_CHARS
from watchers.feeds.urlsafety import validate_feed_url_syntax
from watchers.store.preferences import DIGEST_DEFAULT_KINDS
from watchers.untrusted import clean

Duration = Annotated[timedelta, BeforeValidator(parse_duration)]
ByteSize = Annotated[int, BeforeValidator(parse_byte_size)]
Window = Annotated[DateWindow, BeforeValidator(parse_date_window)]
# A figure a metric holds: finite (no .inf or .nan) and at most the size chat's `number` takes.
MAX_FIGURE = 1e15
Figure = Annotated[float, Field(ge=-MAX_FIGURE, le=MAX_FIGURE, allow_inf_nan=False)]
# Platform ids (a Telegram user or forum topic, a Discord snowflake) are positive and fit the database's 64-bit integer:
# a larger one validated and then crashed the first store ("Python int too large to convert to SQLite INTEGER").
PlatformId = Annotated[int, Field(ge=1, le=2**63 - 1)]

GOOGLE_NEWS_SEARCH = "https://news.google.com/rss/search?q={query}&hl=en-US&gl=US&ceid=US:en"

STATUSES: dict[str, tuple[str, ...]] = {
    "event": ("planned", "confirmed", "postponed", "cancelled", "happened"),
    "agreement": ("pending", "agreed", "signed", "collapsed"),
    "metric": (),
}
_WATCH_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FetchConfig(_Strict):
    """HTTP limits for fetching feeds."""

    connect_timeout: Duration = timedelta(seconds=10)
    read_timeout: Duration = timedelta(seconds=20)
    total_timeout: Duration = timedelta(seconds=45)
    max_bytes: ByteSize = 10 * 1024 * 1024
    max_redirects: int = Field(default=5, ge=0, le=20)
    max_concurrency: int = Field(default=32, ge=1, le=512)
    per_host_concurrency: int = Field(default=4, ge=1, le=64)


class Settings(_Strict):
    """Deployment-wide behaviour; every key has a sensible default."""

    poll_interval: Duration = timedelta(minutes=15)
    max_entry_age: Duration = timedelta(days=30)
    allow_private_feeds: bool = False
    deadline_alerts: list[Duration] = Field(default_factory=lambda: [timedelta(days=7), timedelta(days=1)])
    max_consecutive_failures: int = Field(default=20, ge=1, le=10_000)
    jitter: float = Field(default=0.1, ge=0.0, le=0.5)
    entry_retention: Duration = timedelta(days=90)
    log_format: Literal["text", "json"] = "text"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    fetch: FetchConfig = Field(default_factory=FetchConfig)

    @field_validator("poll_interval")
    @classmethod
    def _sane_interval(cls, value: timedelta) -> timedelta:
        if value < timedelta(seconds=1):
            raise ValueError("poll_interval must be at least 1s (news feeds rarely change faster than 5m)")
        return value


class FeedRef(_Strict):
    """One feed of a watch: a URL, or a Google News search query expanded to its RSS URL.

    ``name`` is the outlet name alerts give this feed's own articles ("Reuters"), instead of the name read from
    the feed's title (watchers.feeds.outlet) or, failing that, the domain. An aggregator's items keep the outlet
    their ``<source>`` names. Outlets are still counted by domain: naming two feeds of one site differently does
    not make them two outlets.
    """

    url: str | None = None
    google_news: str | None = None
    interval: Duration | None = None
    name: str | None = None

    @field_validator("name")
    @classmethod
    def _outlet_name(cls, value: str | None) -> str | None:
        if value is None:
            return None
        name = " ".join(value.split())
        if not name:
            raise ValueError('name: is empty; write the outlet\'s name, e.g. name: "Reuters", or remove it')
        if len(name) > MAX_OUTLET_CHARS:
            raise ValueError(f"name: is {len(name)} characters; an outlet's name fits in {MAX_OUTLET_CHARS}")
        if clean(name) != name:
            raise ValueError("name: contains control characters; write it as plain text")
        return name

    @model_validator(mode="after")
    def _one_source(self) -> FeedRef:
        if (self.url is None) == (self.google_news is None):
            raise ValueError("a feed needs exactly one of url: or google_news:")
        if self.google_news is not None and not self.google_news.strip():
            raise ValueError('google_news: needs a search query, e.g. google_news: "China soybean purchases"')
        if self.url is not None and (problem := validate_feed_url_syntax(self.url)):
            raise ValueError(problem)
        return self

    @property
    def resolved_url(self) -> str:
        if self.url is not None:
            return self.url
        assert self.google_news is not None
        return GOOGLE_NEWS_SEARCH.format(query=quote_plus(self.google_news.strip()))


def _feed_ref(value: object) -> object:
    return {"url": value} if isinstance(value, str) else value


class MatchConfig(_Strict):
    """Which entries are about the watch: every ``all`` term, at least one ``any`` term, no ``none`` term."""

    all: list[str] = Field(default_factory=list)
    any: list[str] = Field(default_factory=list)
    none: list[str] = Field(default_factory=list)
    regex: str | None = None

    @field_validator("all", "any", "none")
    @classmethod
    def _no_blank_terms(cls, terms: list[str]) -> list[str]:
        cleaned = [t.strip() for t in terms]
        if any(not t for t in cleaned):
            raise ValueError("a match term is empty; remove it or write a word or phrase")
        return cleaned

    @field_validator("regex")
    @classmethod
    def _compiles(cls, pattern: str | None) -> str | None:
        if pattern is not None:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"regex does not compile: {exc}") from exc
            problem = linear_problem(pattern)
            if problem is not None:
                # user regexes run on RE2 (linear time, see regex_safety): what it cannot run is refused with why
                raise ValueError(f"regex {pattern!r} is refused: {problem}")
        return pattern

    @model_validator(mode="after")
    def _not_empty(self) -> MatchConfig:
        if not self.all and not self.any and self.regex is None:
            raise ValueError("match needs at least one of all:, any: or regex: (otherwise every entry matches)")
        return self


class StoryStep(_Strict):
    """One earlier change that led to the baseline, as reported: ``{on: 2026-01-20, field: value, to: 12000000,
    source: https://...}``. The config's way to carry the story so far (shown by ``/status``) when a baseline is
    brought up to date by hand rather than by followup reading the news."""

    on: date
    field: Literal["status", "expected", "due", "value", "target"]
    to: str | float
    was: str | float | None = None
    source: str | None = None  # the report's address; only an admin's correction (then ``note``) has none
    note: str | None = None

    @field_validator("to", "was", mode="before")
    @classmethod
    def _dates_as_text(cls, value: object) -> object:
        return value.isoformat() if isinstance(value, date) else value  # YAML reads 2025-11-27 as a date

    @field_validator("source")
    @classmethod
    def _web_source(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("source must be the http(s) address of the report")
        return value


def _due_day(value: object) -> object:
    """A due date given as a window is due on the window's last day: ``due: 2031`` is 31 Dec 2031, ``2031-Q2`` is 30
    June, ``2031-06`` is 30 June (a deadline "by" that time). Without this a bare year read as a number became a
    timestamp, and "2031-Q2" a parse error that never said windows are accepted elsewhere."""
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200:
        return date(value, 12, 31)
    if isinstance(value, str) and not re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
        try:
            return parse_date_window(value.strip()).end
        except ValueError:
            return value  # the date parser says what is wrong
    return value


DueDate = Annotated[date, BeforeValidator(_due_day)]


class BaselineConfig(_Strict):
    """The state the watch starts from, as of a moment; entries published before ``as_of`` change nothing.

    ``history`` lists, oldest first, the reported changes that led to it (each with its date and source), so
    ``/status`` tells the story so far even for a watch whose baseline was brought up to date by hand.
    """

    as_of: datetime
    status: str | None = None
    expected: Window | None = None
    due: DueDate | None = None
    value: Figure | None = None
    sources: list[str] = Field(default_factory=list)
    history: list[StoryStep] = Field(default_factory=list)

    @model_validator(mode="after")
    def _history_before_as_of(self) -> BaselineConfig:
        steps = [step.on for step in self.history]
        if steps != sorted(steps):
            raise ValueError("history: list the changes oldest first")
        if steps and steps[-1] > self.as_of.date():
            raise ValueError(f"history: a change on {steps[-1]} is after as_of ({self.as_of.date()})")
        return self

    @field_validator("as_of", mode="before")
    @classmethod
    def _as_of(cls, value: object) -> object:
        # A bare date means "as known at the end of that day": that day's own reports are the baseline.
        if isinstance(value, date) and not isinstance(value, datetime):
            return datetime.combine(value, time(23, 59, 59), tzinfo=UTC)
        return value

    @field_validator("as_of")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        return value if value.tzinfo else value.replace(tzinfo=UTC)


class TargetConfig(_Strict):
    """A metric's target: the value promised and when it is due."""

    value: float = Field(gt=0, le=MAX_FIGURE, allow_inf_nan=False)
    due: DueDate | None = None
    label: str | None = None


def _min_change(value: object) -> object:
    if isinstance(value, str) and value.strip().endswith("%"):
        return {"percent": float(value.strip()[:-1])}
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"absolute": float(value)}
    return value


class MinChange(_Strict):
    """The smallest change of a metric worth an alert: absolute in the unit, or a percent of the current value."""

    absolute: float | None = Field(default=None, ge=0, le=MAX_FIGURE, allow_inf_nan=False)
    percent: float | None = Field(default=None, ge=0, le=1000, allow_inf_nan=False)

    def threshold(self, current: float) -> float:
        if self.percent is not None:
            return abs(current) * self.percent / 100.0
        return self.absolute or 0.0


MetricUnit = Literal["t", "bu", "usd", "count", "percent"]
# What each unit means, for messages and the README (tests/test_cli_reference.py keeps them in step with MetricUnit).
METRIC_UNITS: dict[str, str] = {
    "t": "metric tons (tonnes, kg, lb, short and long tons, LMT and bushels in articles are converted)",
    "bu": "bushels (tons in articles are converted)",
    "usd": "US dollars (cents are converted)",
    "count": "a plain number (doses, vehicles, people)",
    "percent": "a percentage",
}


class MetricConfig(_Strict):
    """What a metric watch counts and how its reported figures combine."""

    unit: MetricUnit = "t"
    aggregation: Literal["cumulative", "latest"] = "cumulative"
    # 0.5%: a new reported total ("264.1 LMT" after "262.5 LMT") is news; a rounding of the same figure ("266 LMT"
    # and "266.05 LMT", "nearly 2 million" and "1.99 million") is not
    min_change: Annotated[MinChange, BeforeValidator(_min_change)] = Field(
        default_factory=lambda: MinChange(percent=0.5)
    )
    product: list[str] = Field(default_factory=list)
    actor: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)


class WatchConfig(_Strict):
    """One tracked follow-up item."""

    id: str
    title: str = Field(min_length=1, max_length=200)
    kind: Literal["event", "agreement", "metric"]
    feeds: list[Annotated[FeedRef, BeforeValidator(_feed_ref)]] = Field(default_factory=list)
    match: MatchConfig
    subject: list[str] = Field(default_factory=list)
    unconfirmed: Literal["wait", "alert"] = "wait"
    min_sources: int = Field(default=1, ge=1, le=20)
    deadline_alerts: list[Duration] | None = None
    vocabulary: dict[str, list[str]] = Field(default_factory=dict)
    max_entry_age: Duration | None = None
    alert_reports: bool = False
    enabled: bool = True
    baseline: BaselineConfig
    target: TargetConfig | None = None
    metric: MetricConfig | None = None

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _WATCH_ID.match(value):
            raise ValueError(
                f"{value!r} is not a usable id; use lowercase letters, digits and dashes, e.g. trump-beijing-visit"
            )
        return value

    @model_validator(mode="after")
    def _kind_rules(self) -> WatchConfig:
        # every rule is checked and all that fail are said at once: one run of `followup validate` shows them all
        statuses = STATUSES[self.kind]
        a_kind = f"an {self.kind}" if self.kind[0] in "aeiou" else f"a {self.kind}"
        problems: list[str] = []
        if self.kind == "metric":
            if self.metric is None:
                problems.append("a metric watch needs a metric: block (unit, aggregation, product, actor)")
            if self.baseline.value is None:
                problems.append("a metric watch needs baseline.value (the last known figure, 0 if none)")
            if self.baseline.status is not None:
                problems.append("a metric watch has no baseline.status; remove it")
        else:
            if self.metric is not None:
                problems.append(f"metric: only applies to metric watches, not to {a_kind}")
            if self.baseline.status is None:
                problems.append(f"baseline.status is required; one of {', '.join(statuses)}")
            elif self.baseline.status not in statuses:
                problems.append(
                    f"baseline.status {self.baseline.status!r} is not a status of {a_kind} watch; "
                    f"use one of {', '.join(statuses)}"
                )
            unknown = sorted(set(self.vocabulary) - set(statuses))
            if unknown:
                problems.append(
                    f"vocabulary has {', '.join(unknown)}, which are not statuses of {a_kind} watch; "
                    f"use {', '.join(statuses)}"
                )
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def feed_urls(self) -> list[str]:
        return [feed.resolved_url for feed in self.feeds]


ALERT_KINDS = ("status", "date", "value", "target", "deadline_soon", "deadline_missed", "report")
DEFAULT_KINDS = [k for k in ALERT_KINDS if k != "report"]
_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class QuietHours(_Strict):
    """Hold alerts between ``start`` and ``end`` (local time of the subscription); none are dropped."""

    start: str
    end: str

    @field_validator("start", "end")
    @classmethod
    def _clock(cls, value: str) -> str:
        if not _CLOCK.match(value):
            raise ValueError(f"{value!r} is not a time of day; write it as HH:MM, e.g. 22:00")
        return value


def _digest(value: object) -> object:
    if isinstance(value, str):
        return {"times": [value]}
    if isinstance(value, list):
        return {"times": value}
    return value


class DigestConfig(_Strict):
    """Batch low-priority alerts (``kinds``) into one message at these local times of the subscription."""

    times: list[str] = Field(min_length=1, max_length=24)
    kinds: list[str] = Field(default_factory=lambda: list(DIGEST_DEFAULT_KINDS))

    @field_validator("times")
    @classmethod
    def _clocks(cls, times: list[str]) -> list[str]:
        for value in times:
            if not _CLOCK.match(value):
                raise ValueError(f"digest time {value!r} is not a time of day; write HH:MM, e.g. 08:00")
        return sorted(set(times))

    @field_validator("kinds")
    @classmethod
    def _known(cls, kinds: list[str]) -> list[str]:
        unknown = sorted(set(kinds) - set(ALERT_KINDS))
        if unknown:
            raise ValueError(f"unknown alert kinds {', '.join(unknown)}; use {', '.join(ALERT_KINDS)}")
        return kinds


class SubscriptionConfig(_Strict):
    """Deliver alerts of some watches (or all) to one chat, channel, thread, webhook or the console."""

    platform: Literal["telegram", "discord", "webhook", "console"]
    target: str = "stdout"
    thread: PlatformId | None = None
    watches: Literal["all"] | list[str] = "all"
    kinds: list[str] = Field(default_factory=lambda: list(DEFAULT_KINDS))
    timezone: str = "UTC"
    quiet_hours: QuietHours | None = None
    digest: Annotated[DigestConfig, BeforeValidator(_digest)] | None = None

    @field_validator("target", mode="before")
    @classmethod
    def _target_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("kinds")
    @classmethod
    def _known_kinds(cls, kinds: list[str]) -> list[str]:
        unknown = sorted(set(kinds) - set(ALERT_KINDS))
        if unknown:
            raise ValueError(f"unknown alert kinds {', '.join(unknown)}; use {', '.join(ALERT_KINDS)}")
        return kinds

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not a time zone; write an IANA name such as Europe/Berlin") from None
        return value

    @model_validator(mode="after")
    def _target_fits_platform(self) -> SubscriptionConfig:
        target = self.target.strip()
        if self.platform == "telegram" and not re.fullmatch(r"-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,}", target):
            raise ValueError(f"telegram target {target!r} must be a chat id (e.g. -1001234567890) or @channelname")
        if self.platform == "discord" and not re.fullmatch(r"\d{15,21}", target):
            raise ValueError(f"discord target {target!r} must be a channel or thread id (15-21 digits)")
        if self.platform == "webhook" and not re.match(r"https?://", target):
            raise ValueError("webhook target must be the webhook URL (https://discord.com/api/webhooks/ID/TOKEN)")
        return self


class OwnersConfig(_Strict):
    """Platform user ids of the bot's owners: they run admin commands and receive admin notices."""

    telegram: list[PlatformId] = Field(default_factory=list)
    discord: list[PlatformId] = Field(default_factory=list)


class TelegramDelivery(_Strict):
    """Telegram's limits (defaults are the free tier; raise them for paid broadcasts)."""

    link_previews: bool = False
    messages_per_second: int = Field(default=30, ge=1, le=1000)
    per_chat_per_second: int = Field(default=1, ge=1, le=100)
    group_per_minute: int = Field(default=20, ge=1, le=10000)


class DeliveryConfig(_Strict):
    telegram: TelegramDelivery = Field(default_factory=TelegramDelivery)
    max_attempts: int = Field(default=25, ge=1, le=1000)


class FollowupConfig(_Strict):
    """The whole file: settings, watches, subscriptions, owners and delivery limits."""

    settings: Settings = Field(default_factory=Settings)
    watches: list[WatchConfig] = Field(default_factory=list)
    subscriptions: list[SubscriptionConfig] = Field(default_factory=list)
    owners: OwnersConfig = Field(default_factory=OwnersConfig)
    delivery: DeliveryConfig = Field(default_factory=DeliveryConfig)

    @model_validator(mode="after")
    def _unique_ids(self) -> FollowupConfig:
        seen: set[str] = set()
        for watch in self.watches:
            if watch.id in seen:
                raise ValueError(f"watch id {watch.id!r} is used twice; ids must be unique")
            seen.add(watch.id)
        for sub in self.subscriptions:
            if sub.watches != "all":
                unknown = [w for w in sub.watches if w not in seen]
                if unknown:
                    raise ValueError(
                        f"subscription to {sub.platform} {sub.target} names unknown watches {', '.join(unknown)}"
                    )
        return self

    def watch(self, watch_id: str) -> WatchConfig | None:
        return next((w for w in self.watches if w.id == watch_id), None)

    def feed_intervals(self) -> dict[str, timedelta]:
        """Every feed URL of every enabled watch with its poll interval (the shortest if shared)."""
        intervals: dict[str, timedelta] = {}
        for watch in self.watches:
            if not watch.enabled:
                continue
            for feed in watch.feeds:
                interval = feed.interval or self.settings.poll_interval
                url = feed.resolved_url
                intervals[url] = min(interval, intervals.get(url, interval))
        return intervals
