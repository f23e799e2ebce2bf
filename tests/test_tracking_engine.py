"""The tracking engine's decisions, one rule at a time, on small hand-written stories."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from watchers.config import load_config_text
from watchers.tracking.engine import EntryInput, TrackingEngine, midnight
from watchers.tracking.replay import build_engine
from watchers.tracking.state import Alert, WatchState

CONFIG = """
settings:
  max_entry_age: 30d
watches:
  - id: visit
    title: Trump's visit to Beijing
    kind: event
    match: {{all: [Trump], any: [Beijing]}}
    unconfirmed: {unconfirmed}
    min_sources: {min_sources}
    baseline: {{status: planned, expected: 2026-04, as_of: 2025-11-25}}
  - id: deal
    title: Rare earths deal
    kind: agreement
    match: {{any: [rare earths]}}
    baseline: {{status: pending, due: 2025-11-27, as_of: 2025-11-25}}
  - id: soy
    title: China's purchases of US soybeans
    kind: metric
    match: {{any: [soybeans]}}
    metric: {{unit: t, aggregation: cumulative, min_change: 5%, product: [soybeans], actor: [China, Chinese],
              exclude: [Brazil, sorghum]}}
    baseline: {{value: 2000000, as_of: 2025-11-24}}
    target: {{value: 12000000, due: 2025-12-31}}
"""


def engine(unconfirmed: str = "wait", min_sources: int = 1) -> TrackingEngine:
    return build_engine(load_config_text(CONFIG.format(unconfirmed=unconfirmed, min_sources=min_sources)))


class Story:
    """Feeds entries to the engine like replay does, remembering alerts and corroborations."""

    def __init__(self, eng: TrackingEngine) -> None:
        self.engine = eng
        self.states: dict[str, WatchState] = eng.initial_states()
        self.alerts: dict[str, Alert] = {}
        self.history: list = []  # type: ignore[type-arg]

    def read(
        self,
        when: str,
        title: str,
        summary: str = "",
        link: str | None = None,
        *,
        seeding: bool = False,
        now: str | None = None,
    ) -> list[Alert]:
        published = datetime.fromisoformat(when).replace(tzinfo=UTC)
        clock = datetime.fromisoformat(now).replace(tzinfo=UTC) if now else published
        link = link or f"https://news{len(self.history) + len(self.alerts)}.example/{abs(hash(title))}"
        result = self.engine.process_entry(
            self.states, EntryInput(link, title, summary, link, published), clock, seeding=seeding
        )
        return self._absorb(result)

    def tick(self, day: str) -> list[Alert]:
        """The clock at midnight of a day ("2025-11-28") or at a given time ("2025-11-28T12:00")."""
        moment = datetime.fromisoformat(day)
        at = midnight(moment.date()) if "T" not in day else moment.replace(tzinfo=UTC)
        return self._absorb(self.engine.tick(self.states, at))

    def _absorb(self, result) -> list[Alert]:  # type: ignore[no-untyped-def]
        self.history.extend(result.history)
        for alert in result.alerts:
            self.alerts[alert.key] = alert
        for key, source in result.corroborations:
            self.alerts[key].add_source(source)
        return result.alerts

    def kinds(self, watch: str) -> list[tuple[str, object]]:
        return [(a.kind, a.new) for a in self.alerts.values() if a.watch_id == watch]


def test_one_alert_per_change_however_many_outlets_report_it() -> None:
    story = Story(engine())
    (alert,) = story.read(
        "2026-02-12T10:00", "Trump postpones Beijing visit to May 14-15", link="https://reuters.example/a"
    )
    assert (alert.kind, alert.old, alert.new) == ("status", "confirmed" if False else "planned", "postponed")
    assert (
        story.states["visit"].expected is not None and story.states["visit"].expected.start.isoformat() == "2026-05-14"
    )
    assert (
        story.read(
            "2026-02-12T11:00",
            "Trump delays Beijing trip to mid-May",
            "Trump postponed his Beijing visit.",
            link="https://apnews.example/b",
        )
        == []
    )
    assert alert.sources == ["https://reuters.example/a", "https://apnews.example/b"]
    assert "postponed" in alert.text and "reuters.example" in alert.text and "apnews.example" in alert.text
    assert alert.rule.startswith("status:postponed")


def test_hedges_wait_or_alert_unconfirmed_and_negations_cancel() -> None:
    waiting = Story(engine("wait"))
    assert waiting.read("2026-03-01T09:00", "Trump's Beijing visit could be postponed, sources say") == []
    assert waiting.read("2026-03-02T09:00", "China denies report that Trump's Beijing visit was postponed") == []
    assert waiting.read("2026-03-03T09:00", "Trump has not postponed his Beijing visit, White House says") == []
    assert waiting.states["visit"].status == "planned"

    alerting = Story(engine("alert"))
    (alert,) = alerting.read(
        "2026-03-01T09:00", "Trump's Beijing visit could be postponed, sources say", link="https://rumours.example/1"
    )
    assert alert.confidence == "unconfirmed" and alert.text.startswith("UNCONFIRMED")
    first = alert.text.split("\n")[0]
    assert "may be postponed, reported by rumours.example (still planned until confirmed)" in first, first
    assert "now postponed" not in first, "a rumour is not said as a fact"
    assert alerting.states["visit"].status == "planned", "unconfirmed news never moves the baseline"
    assert alerting.read("2026-03-01T10:00", "Trump's Beijing trip may be postponed, officials say") == []
    (confirmed,) = alerting.read("2026-03-05T09:00", "Trump postpones Beijing visit")
    assert confirmed.confidence == "confirmed" and alerting.states["visit"].status == "postponed"


def test_old_stories_and_stale_entries_change_nothing() -> None:
    story = Story(engine())
    assert story.read("2017-11-08T09:00", "Trump arrives in Beijing for state visit") == []
    assert story.read("2026-01-05T09:00", "Trump postpones Beijing visit", now="2026-03-01T00:00") == []
    assert story.states["visit"].status == "planned"


def test_a_feeds_first_poll_seeds_without_alerts_but_records_history() -> None:
    story = Story(engine())
    assert story.read("2026-02-12T10:00", "Trump postpones Beijing visit to May 14-15", seeding=True) == []
    assert story.states["visit"].status == "postponed"
    assert any(h.field == "status" and h.alert_key is None and "seeded" in h.note for h in story.history)


def test_min_sources_waits_for_independent_outlets() -> None:
    story = Story(engine(min_sources=2))
    assert story.read("2026-02-12T10:00", "Trump postpones Beijing visit", link="https://a.example/1") == []
    assert story.read("2026-02-12T10:30", "Trump postpones Beijing visit", link="https://a.example/2") == [], (
        "the same outlet twice is not corroboration"
    )
    (alert,) = story.read("2026-02-12T11:00", "Trump postpones Beijing trip", link="https://b.example/1")
    assert alert.at.hour == 11 and len(alert.sources) == 3


def test_aggregator_items_count_as_their_outlets() -> None:
    """Google News links all point at news.google.com; the outlet in each item's <source> is the publisher."""
    story = Story(engine(min_sources=2))
    google = "https://news.google.com/rss/articles/CBMi{}?oc=5#via={}&outlet={}"
    first = google.format(1, "reuters.com", "Reuters")
    assert story.read("2026-02-12T10:00", "Trump postpones Beijing visit", link=first) == []
    (alert,) = story.read("2026-02-12T11:00", "Trump postpones Beijing trip", link=google.format(2, "apnews.com", "AP"))
    assert alert.text.split("\n")[-1] == "Sources: Reuters, AP", alert.text


def test_metric_totals_targets_conflicts_and_other_subjects() -> None:
    story = Story(engine())
    assert story.read("2025-11-26T09:00", "White House says China agreed to buy 12 million tons of soybeans") == []
    assert story.read("2025-11-26T10:00", "China will buy 25 million metric tons of soybeans a year") == []
    assert story.read("2025-11-26T11:00", "Brazil exported 8 million tons of soybeans to China in November") == []
    (up,) = story.read("2025-12-02T09:00", "China's purchases of US soybeans reach 3.1 million tons")
    assert (up.kind, up.old, up.new) == ("value", 2000000.0, 3100000.0)
    assert story.read("2025-12-02T12:00", "China has bought about 3 million tons of US soybeans") == [], "within 5%"
    assert len(up.sources) == 2, "a figure within min_change corroborates"
    assert story.read("2025-12-03T09:00", "China has bought 2.5 million tons of US soybeans") == [], "lower: conflict"
    assert story.states["soy"].value == 3100000.0
    (target,) = story.read(
        "2026-01-14T09:00",
        "China's soybean buying passes pledge",
        "China's purchases of U.S. soybeans reached about 12.2 million metric tons, USDA data showed.",
    )
    assert (target.kind, target.new) == ("target", 12200000.0)
    assert "100%" in target.text


def test_deadlines_warn_miss_once_and_move_with_the_date() -> None:
    story = Story(engine())
    assert [(a.kind, a.new) for a in story.tick("2025-11-26")] == [("deadline_soon", "2025-11-27")]
    assert story.tick("2025-11-27") == []
    assert story.tick("2025-11-28") == [], "the day has not ended everywhere: news of it may still come"
    assert [(a.kind, a.new) for a in story.tick("2025-11-28T12:00")] == [("deadline_missed", "2025-11-27")]
    assert story.tick("2025-11-29") == [], "a missed deadline is reported once"
    (moved,) = story.read(
        "2025-12-01T09:00",
        "US and China set Dec. 15 deadline for rare earths deal",
        "Officials are working toward a Dec. 15 deadline for the rare earths agreement.",
    )
    assert (moved.kind, moved.old, moved.new) == ("date", "2025-11-27", "2025-12-15")
    assert [(a.kind, a.new) for a in story.tick("2025-12-08")] == [("deadline_soon", "2025-12-15")]
    (signed,) = story.read("2025-12-11T09:00", "US, China sign rare earths deal")
    assert signed.new == "signed"
    assert story.tick("2025-12-16") == [], "a signed deal has no deadline"


def test_a_postponed_visit_does_not_miss_its_old_date() -> None:
    story = Story(engine())
    story.read("2026-03-20T09:00", "Trump postpones Beijing visit")
    assert story.states["visit"].date_superseded
    visit = [a for a in story.tick("2026-05-01") if a.watch_id == "visit"]
    assert visit == [], "April passed, but the visit was postponed, not missed"
    story.read(
        "2026-04-10T09:00",
        "Trump's Beijing visit rescheduled for May 14-15",
        "The White House said Trump will visit Beijing May 14-15.",
    )
    kinds = [a.kind for a in story.tick("2026-05-08") if a.watch_id == "visit"]
    assert kinds == ["deadline_soon"]
    assert [a for a in story.tick("2026-05-16") if a.watch_id == "visit"] == []
    later = [a for a in story.tick("2026-05-16T12:00") if a.watch_id == "visit"]
    assert [(a.kind, a.new) for a in later] == [("deadline_missed", "2026-05-15")]


def test_state_survives_a_json_round_trip() -> None:
    story = Story(engine())
    story.read("2026-02-12T10:00", "Trump postpones Beijing visit to May 14-15")
    story.tick("2025-11-26")
    for state in story.states.values():
        assert WatchState.from_json(state.to_json()) == state


def test_warnings_due_before_the_baseline_existed_are_not_news() -> None:
    story = Story(engine())
    assert story.tick("2025-11-20") == [], "the 7-day warning moment (Nov 20) precedes the as_of (Nov 25)"
    assert midnight(datetime(2025, 11, 26).date()) - timedelta(days=1) == datetime(2025, 11, 25, tzinfo=UTC)


def test_reports_are_off_by_default_and_cluster_by_title_when_on() -> None:
    quiet = Story(engine())
    assert quiet.read("2026-03-01T09:00", "Trump's Beijing visit preparations continue, officials say") == []

    text = CONFIG.format(unconfirmed="wait", min_sources=1).replace(
        "    min_sources: 1\n", "    min_sources: 1\n    alert_reports: true\n", 1
    )
    story = Story(build_engine(load_config_text(text)))
    (report,) = story.read(
        "2026-03-01T09:00", "Trump's Beijing visit preparations continue, officials say", link="https://a.example/1"
    )
    assert report.kind == "report" and report.new.startswith("Trump's Beijing visit preparations")
    assert (
        story.read(
            "2026-03-01T15:00",
            "Officials say preparations for Trump's Beijing visit continue",
            link="https://b.example/2",
        )
        == []
    )
    assert report.sources == ["https://a.example/1", "https://b.example/2"], "a similar title joins the report"
    (other,) = story.read(
        "2026-03-02T09:00", "Trump says Beijing visit will focus on fentanyl and soybeans", link="https://c.example/3"
    )
    assert other.kind == "report" and other.key != report.key


def test_a_figure_at_the_target_from_one_outlet_waits_for_a_second_and_cannot_silence_the_watch() -> None:
    story = Story(engine())
    # one outlet's figure at the target, without saying the target was met: held, not alerted
    assert (
        story.read(
            "2025-12-05T09:00",
            "China soybean buying",
            "China has bought 12.1 million tons of US soybeans, one trade newsletter said.",
            link="https://one.example/a",
        )
        == []
    )
    assert story.states["soy"].target_reached is False
    # a real, lower figure still moves the running total
    (up,) = story.read("2025-12-08T09:00", "China's purchases of US soybeans reach 3.1 million tons")
    assert (up.kind, up.new) == ("value", 3100000.0)
    # the same figure from a second outlet within a week releases the held target, with both sources
    (target,) = story.read(
        "2025-12-10T09:00",
        "China soybean buying",
        "China has bought 12.1 million tons of US soybeans, USDA data showed.",
        link="https://two.example/b",
    )
    assert (target.kind, target.new) == ("target", 12100000.0)
    assert target.sources == ["https://one.example/a", "https://two.example/b"]


def test_next_due_names_the_moment_the_clock_has_something_to_raise() -> None:
    """Replay skips the clock's checks before this moment; it must be the first warning or miss not yet sent."""
    story = Story(engine())
    deal = story.states["deal"]
    first = story.engine.next_due({"deal": deal})
    assert first is not None and first <= datetime(2025, 11, 26, tzinfo=UTC)  # a warning before the Nov 27 deadline
    story.tick("2025-11-26")
    assert story.engine.next_due({"deal": deal}) == datetime(2025, 11, 28, 12, tzinfo=UTC)  # missed at noon after
    story.tick("2025-11-28T12:00")
    assert story.engine.next_due({"deal": deal}) is None, "nothing left to raise until the date moves"


def test_a_cancellation_or_an_undated_postponement_does_not_repeat_the_old_date() -> None:
    cancelled = Story(engine())
    (alert,) = cancelled.read("2026-03-01T09:00", "Trump cancels his Beijing visit")
    first = alert.text.split("\n")[0]
    assert "now cancelled (was planned)" in first and "expected" not in first, first

    postponed = Story(engine())
    (alert,) = postponed.read("2026-03-01T09:00", "Trump postpones his Beijing visit indefinitely")
    first = alert.text.split("\n")[0]
    assert "now postponed" in first and "April 2026" not in first, first


def test_an_old_headline_resurfacing_with_dates_that_now_mean_other_days_changes_nothing() -> None:
    story = Story(engine())
    (moved,) = story.read("2025-12-01T10:00", "Trump's Beijing visit pushed back to May, officials say")
    assert (moved.kind, moved.new) == ("status", "postponed")
    # an aggregator re-serves it in June: "May" would now be next year's May
    assert story.read("2026-06-10T10:00", "Trump's Beijing visit pushed back to May, officials say") == []
    assert story.states["visit"].expected is not None and story.states["visit"].expected.start.year == 2026
    # the state remembers the headline across a JSON round trip (a restart)
    assert (
        "trump s beijing visit pushed back to may officials say"
        in WatchState.from_json(story.states["visit"].to_json()).headlines
    )


def test_a_recurring_headline_without_dates_is_read_as_news() -> None:
    from watchers.tracking.engine import _remember_headline, _resurfaced

    state = engine().initial_states()["visit"]
    first = datetime(2025, 12, 1, tzinfo=UTC)
    assert _remember_headline(state, "Trump arrives in Beijing for state visit", first)
    assert not _remember_headline(state, "Trump arrives in Beijing for state visit", first + timedelta(days=3))
    # the same words with no date ("Xi arrives in Paris for state visit to France", 2019 and 2024) can be news again
    assert _resurfaced(state, "Trump arrives in Beijing for state visit", first + timedelta(days=150)) is None
    assert _resurfaced(state, "Live updates", first + timedelta(days=150)) is None  # too short to tell apart


LAUNCH = """
watches:
  - id: launch
    title: Vulcan first launch
    kind: event
    match: {any: [Vulcan]}
    baseline: {status: planned, expected: 2031-05-04, as_of: 2031-02-23}
"""


def test_the_baselines_own_schedule_carried_a_day_later_confirms_nothing() -> None:
    story = Story(build_engine(load_config_text(LAUNCH)))
    # the baseline "planned, May 4" was taken from this news; another outlet carries it the next day
    assert story.read("2031-02-24T13:00", "ULA targets May 4th for first Vulcan launch") == []
    # weeks later the same schedule stated again is a confirmation
    (alert,) = story.read("2031-03-20T13:00", "ULA sets May 4 for first Vulcan launch")
    assert (alert.kind, alert.new) == ("status", "confirmed")


def test_an_old_schedule_resurfacing_after_the_event_does_not_reopen_it() -> None:
    story = Story(build_engine(load_config_text(LAUNCH)))
    assert [a.new for a in story.read("2031-05-04T12:00", "Vulcan lifted off on its first flight")] == ["happened"]
    # the day after, an aggregator re-serves March's "slated for end of April": next year's April, read today
    assert story.read("2031-05-05T12:00", "Vulcan reaches the pad; launch slated for end of April") == []
    assert story.states["launch"].status == "happened"
