"""Readings added with the twenty-fifth and twenty-sixth blind batches, each with its reason and cases from several
domains.

The reasons live in the code: a law called by its content (``law_content`` in watchers/extract/item.py); a rival's
own deal, another owner's deal, a deal with another party, a document for the talks, another traveller's own trip,
an earlier instance named by its year, a host place, a clearance to act, a headline verb's plural object, the future
passive with a day, a clock time before a date, a second predicate and a named leg before a date, and a figure the
summary scopes to another period (watchers/extract/observe.py); forecasts moved to a figure and scaled figures
(watchers/extract/numbers.py); a claim called premature (watchers/extract/signals.py); a target restated and a trip's
neighbouring day (watchers/tracking/engine.py).
"""

from __future__ import annotations

from datetime import date

import pytest
from test_tracking_engine import Story
from test_tracking_titles import read, watch_spec

from watchers.config import load_config_text
from watchers.extract.numbers import find_quantities
from watchers.extract.observe import extract_observations
from watchers.tracking.replay import build_engine

PUBLISHED = date(2031, 5, 7)

# ------------------------------------------------------------------ statuses: whose act it is


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # a bill is reported passed by its content as often as by its name
        (
            "Australia under-16 social media ban bill",
            ["social media"],
            "Australia passes social media ban for children under 16",
        ),
        ("French pension reform bill", ["pension"], "French parliament approves pension reform"),
        ("UK windfall tax bill", ["windfall"], "MPs pass windfall tax on energy giants"),
    ],
)
def test_a_bill_is_passed_by_its_content(title: str, terms: list[str], headline: str) -> None:
    assert read(watch_spec(title, terms, "agreement"), headline) == [("status", "agreed")]


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # the content noun announced, debated or expected is no passage
        ("Australia under-16 social media ban bill", ["social media"], "Government unveils social media ban for teens"),
        ("French pension reform bill", ["pension"], "Senate expected to pass pension reform this week"),
        # a bill with no content noun before it keeps its own name only
        ("UK Online Safety Bill", ["Online Safety"], "Parliament passes budget as Online Safety debate drags on"),
    ],
)
def test_a_bills_content_without_its_passage_reads_nothing(title: str, terms: list[str], headline: str) -> None:
    assert ("status", "agreed") not in read(watch_spec(title, terms, "agreement"), headline)


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # a rival's own deal for one of the parties is not the watched merger agreed
        (
            "Frontier-Spirit merger",
            ["merger", "deal"],
            "JetBlue clinches deal to buy Spirit for $3.8 billion after Frontier pact collapses",
        ),
        ("Disney-Fox acquisition", ["Fox"], "Comcast strikes deal to buy Sky after losing Fox to Disney"),
        (
            "Kroger-Albertsons merger",
            ["Albertsons"],
            "Walgreens signs deal to buy Albertsons pharmacies in divestiture plan",
        ),
    ],
)
def test_a_rivals_own_deal_is_not_the_merger_agreed(title: str, terms: list[str], headline: str) -> None:
    assert ("status", "agreed") not in read(watch_spec(title, terms, "agreement"), headline)


@pytest.mark.parametrize(
    ("title", "terms", "headline", "status"),
    [
        # a name's last word ends the party's own name: its act is the party's
        (
            "Frontier-Spirit merger",
            ["merger"],
            "Spirit Airlines terminates Frontier merger after failing to win shareholder support",
            "collapsed",
        ),
        ("Capri-Tapestry merger", ["merger"], "Tapestry Inc terminates Capri merger after court loss", "collapsed"),
        ("Adobe-Figma acquisition", ["Figma"], "Adobe Systems abandons Figma acquisition", "collapsed"),
    ],
)
def test_a_partys_longer_name_is_still_the_party(title: str, terms: list[str], headline: str, status: str) -> None:
    assert read(watch_spec(title, terms, "agreement"), headline) == [("status", status)]


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # another party's own deal: a family, a rival or management owning the deal
        ("Couche-Tard takeover of Seven & i", ["takeover"], "Seven & i founding family's $58 billion buyout collapses"),
        ("Toshiba takeover by JIP", ["takeover"], "Toshiba management's rival offer collapses"),
        # a deal made with another named party
        ("Couche-Tard takeover of Seven & i", ["Seven & i"], "Seven & i inks $5.4bn superstore sale to Bain"),
        ("Mars acquisition of Kellanova", ["Kellanova"], "Kellanova signs supply deal with Walmart"),
        # a document that only opens the talks
        (
            "Couche-Tard takeover of Seven & i",
            ["takeover"],
            "Couche-Tard, Seven & i sign non-disclosure pact, advancing takeover talks",
        ),
        (
            "Microsoft acquisition of Activision",
            ["Activision"],
            "Microsoft and Activision sign confidentiality agreement",
        ),
    ],
)
def test_another_partys_deal_or_a_talks_document_is_not_the_deal(title: str, terms: list[str], headline: str) -> None:
    statuses = [v for k, v in read(watch_spec(title, terms, "agreement"), headline) if k == "status"]
    assert "agreed" not in statuses and "signed" not in statuses and "collapsed" not in statuses


@pytest.mark.parametrize(
    ("title", "terms", "sentence"),
    [
        # another traveller's own trip, whatever destination they share
        (
            "Macron state visit to China",
            ["China"],
            "Brazilian President Luiz Inacio Lula da Silva postponed his state visit to China, which had been due "
            "to start Sunday.",
        ),
        ("Modi visit to the United States", ["United States"], "Japan's Kishida Fumio delayed his trip to the US."),
        ("King Charles visit to Kenya", ["Kenya"], "French President Emmanuel Macron cancelled his tour of Kenya."),
    ],
)
def test_another_travellers_own_trip_is_not_the_item(title: str, terms: list[str], sentence: str) -> None:
    assert read(watch_spec(title, terms, "event"), "News round-up", sentence) == []


@pytest.mark.parametrize(
    ("title", "terms", "sentence", "status"),
    [
        # the item's own traveller, or a rank alone, keeps the trip
        (
            "Macron state visit to China",
            ["China"],
            "President Emmanuel Macron postponed his state visit to China.",
            "postponed",
        ),
        (
            "Modi visit to the United States",
            ["United States"],
            "The Prime Minister postponed his visit to the United States.",
            "postponed",
        ),
    ],
)
def test_the_items_own_traveller_keeps_the_trip(title: str, terms: list[str], sentence: str, status: str) -> None:
    assert read(watch_spec(title, terms, "event"), "News round-up", sentence) == [("status", status)]


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # an earlier instance named by its year: its fate is history
        (
            "Pope Francis visit to Indonesia",
            ["Indonesia"],
            "Indonesia ready to welcome Pope after 2020 visit was cancelled",
        ),
        ("Artemis II launch", ["Artemis"], "Why the 2022 launch was scrubbed twice, and what NASA learned"),
        ("EU-Mercosur trade deal", ["Mercosur"], "Farmers recall how the 2019 deal collapsed in ratification"),
    ],
)
def test_an_earlier_instance_named_by_its_year_is_history(title: str, terms: list[str], headline: str) -> None:
    kind = "agreement" if "deal" in title else "event"
    statuses = [v for k, v in read(watch_spec(title, terms, kind), headline) if k == "status"]
    assert statuses == []


def test_the_titles_own_year_is_the_item() -> None:
    # "Tokyo 2020 Olympics": the title names the year, so "the 2020 Games" is the item, whenever it is written
    spec = watch_spec("Tokyo 2020 Olympics opening", ["Olympics"], "event")
    assert read(spec, "The 2020 Olympics postponed to 2021 over pandemic") == [("status", "postponed")]


@pytest.mark.parametrize(
    ("title", "terms", "headline", "status"),
    [
        # an authority's clearance to do the item is its go
        ("ESA Hera asteroid mission launch on Falcon 9", ["Hera"], "FAA clears Falcon 9 to launch Hera", "confirmed"),
        ("Ottawa LRT line opening", ["LRT"], "Regulator cleared the LRT line to open to passengers", "confirmed"),
        ("Boeing 777X first delivery", ["777X"], "FAA approves Boeing to deliver the first 777X", "confirmed"),
    ],
)
def test_a_clearance_to_act_confirms(title: str, terms: list[str], headline: str, status: str) -> None:
    assert ("status", status) in read(watch_spec(title, terms, "event"), headline)


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # the item's plural noun as the object of the headline's own verb is no second verb
        (
            "ESA Hera asteroid mission launch on Falcon 9",
            ["Falcon 9"],
            "SpaceX pauses Falcon 9 launches after upper stage misfires",
        ),
        ("Boeing 737 MAX deliveries", ["737 MAX"], "FAA halts 737 MAX deliveries after door plug blowout"),
        ("Nintendo Switch 2 release", ["Switch 2"], "Retailer limits Switch 2 releases to one per customer"),
    ],
)
def test_a_plural_object_of_the_headline_verb_is_no_happening(title: str, terms: list[str], headline: str) -> None:
    assert ("status", "happened") not in read(watch_spec(title, terms, "event"), headline)


@pytest.mark.parametrize(
    ("title", "terms", "headline", "day"),
    [
        # the happening in the future passive with a day after it is the schedule
        (
            "Tren Maya first section opening",
            ["Tren Maya"],
            "Tren Maya to be inaugurated Dec. 15, president announces",
            15,
        ),
        (
            "Mumbai Trans Harbour Link opening",
            ["Trans Harbour"],
            "Mumbai Trans Harbour Link will be opened on June 12",
            12,
        ),
        ("Psyche mission launch", ["Psyche"], "Psyche is to be launched on Oct. 12 from Florida", 12),
    ],
)
def test_the_future_passive_with_a_day_is_a_schedule(title: str, terms: list[str], headline: str, day: int) -> None:
    got = read(watch_spec(title, terms, "event"), headline)
    assert ("status", "confirmed") in got
    assert any(k == "date" and v.day == day for k, v in got)  # type: ignore[union-attr]


def test_the_future_passive_without_a_day_stays_a_plan() -> None:
    got = read(watch_spec("Tren Maya first section opening", ["Tren Maya"], "event"), "Tren Maya to be inaugurated")
    assert ("status", "confirmed") not in got and ("status", "happened") not in got


# ------------------------------------------------------------------ dates: whose day it is


@pytest.mark.parametrize(
    ("title", "terms", "sentence", "day"),
    [
        # a clock time with its zone right before a date is part of it
        (
            "XRISM launch",
            ["XRISM"],
            "JAXA has reset the launch of H-IIA F47 with XRISM for 8:42:11 a.m. JST on September 7.",
            7,
        ),
        (
            "Sydney Metro City opening",
            ["Metro"],
            "The opening of the Sydney Metro City line is at 10 a.m. local time on Aug. 18.",
            18,
        ),
        (
            "Notre-Dame reopening",
            ["Notre-Dame"],
            "The reopening of Notre-Dame starts with a ceremony at 17:00 CET on Dec. 7.",
            7,
        ),
    ],
)
def test_a_clock_time_before_a_date_is_part_of_it(title: str, terms: list[str], sentence: str, day: int) -> None:
    spec = watch_spec(title, terms, "event")
    obs = extract_observations(spec, title="Update", summary=sentence, published=date(2031, 6, 1))
    assert any(o.kind == "date" and o.date_role == "event" and o.date and o.date.start.day == day for o in obs)


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # a headline's second predicate has its own object, and its date is that object's
        (
            "Tren Maya first section opening",
            ["Tren Maya"],
            "Mexico sets Dec. 15 opening for Maya Train, leaves Tulum stretch for early next year",
        ),
        (
            "Berlin airport opening",
            ["Berlin"],
            "Berlin airport opening set for Oct. 31, leaves Terminal 2 for next spring",
        ),
        # a named leg right before its day is that leg's
        (
            "Tren Maya first section (Campeche-Cancún) opening",
            ["Tren Maya"],
            "AMLO lays out Tren Maya schedule: Campeche-Cancún Dec. 15, Cancún-Palenque Dec. 31",
        ),
    ],
)
def test_a_second_predicate_or_another_leg_keeps_its_date(title: str, terms: list[str], headline: str) -> None:
    got = read(watch_spec(title, terms, "event"), headline)
    late = [v for k, v in got if k == "date" and (v.month, v.day) not in ((12, 15), (10, 31))]  # type: ignore[union-attr]
    assert late == []


@pytest.mark.parametrize(
    ("title", "terms", "sentence"),
    [
        # a place that hosts is the destination of that leg
        (
            "Pope Francis visit to Indonesia",
            ["Indonesia"],
            "Dili will host the Pope Sept. 9-11 after his stop in Indonesia.",
        ),
        ("Biden visit to Germany", ["Germany"], "Poland is set to host Biden on Oct. 20 after his Germany stop."),
        ("Xi state visit to France", ["France"], "Serbia will welcome Xi on May 7 after his stay in France."),
    ],
)
def test_a_host_place_owns_its_leg(title: str, terms: list[str], sentence: str) -> None:
    assert [k for k, _ in read(watch_spec(title, terms, "event"), "Trip update", sentence) if k == "date"] == []


def test_a_trips_own_arrival_place_wins_over_a_tour_named_after_it() -> None:
    spec = watch_spec("Pope Francis visit to Indonesia", ["Indonesia"], "event")
    assert read(spec, "Pope Francis lands in Indonesia at start of marathon Asia-Pacific tour") == [
        ("status", "happened")
    ]


def test_a_places_person_is_an_agent_not_another_owner() -> None:
    spec = watch_spec("Tren Maya first section opening", ["Maya Train", "Tren Maya"], "event")
    assert read(spec, "Mexico's Lopez Obrador inaugurates first stretch of Maya Train") == [("status", "happened")]


# ------------------------------------------------------------------ figures


@pytest.mark.parametrize(
    "sentence",
    [
        # a forecast, outlook or guidance moved to a figure is an expectation, not a count
        "Sony cuts PS5 sales forecast to 21 million after holiday quarter disappoints",
        "Nintendo raises Switch forecast to 15.5 million units",
        "Tesla lifts delivery guidance for the year to 1.8 million vehicles",
    ],
)
def test_a_forecast_moved_to_a_figure_is_no_count(sentence: str) -> None:
    assert [q.role for q in find_quantities(sentence) if q.value >= 1_000_000] == ["other"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a scaled figure carries no binary noise
        ("shipped 8.2 million consoles", 8_200_000),
        ("bought 1.1 million tons", 1_100_000),
        ("raised $4.35bn so far", 4_350_000_000),
    ],
)
def test_scaled_figures_are_exact(text: str, value: int) -> None:
    assert [q.value for q in find_quantities(text)] == [value]


def _metric_values(title: str, headline: str, summary: str, published: date) -> list[float]:
    spec = watch_spec(title, ["heat pumps", "sales", "deliveries", "visitors"], "metric")
    obs = extract_observations(spec, title=headline, summary=summary, published=published)
    return [o.value for o in obs if o.kind == "value" and o.confidence == "confirmed" and o.value is not None]


@pytest.mark.parametrize(
    ("title", "headline", "summary", "published"),
    [
        # the summary scopes the headline's bare figure to another year: it is that year's
        (
            "Germany heat pump sales 2024",
            "Heat pump sales reach record 356,000",
            "The associations counted 356,000 heat pumps sold by manufacturers in 2023, up from 236,000.",
            date(2024, 1, 23),
        ),
        (
            "Airbus deliveries 2024",
            "Airbus deliveries hit 735",
            "Airbus handed over 735 jets to customers across the world in 2023, beating its goal.",
            date(2024, 1, 11),
        ),
        (
            "Japan foreign visitors 2024",
            "Japan visitors top 25 million",
            "Japan welcomed 25.07 million foreign visitors to its shores during 2023, the agency said.",
            date(2024, 1, 17),
        ),
    ],
)
def test_a_headline_figure_the_summary_dates_to_another_year(
    title: str, headline: str, summary: str, published: date
) -> None:
    assert _metric_values(title, headline, summary, published) == []


def test_last_years_possessive_owns_the_figure_after_it() -> None:
    values = _metric_values(
        "EU gas storage 2023",
        "EU gas storage 96% full as winter approaches",
        "Gas stocks in the EU reached 96% on 1 October, against last year's 89% on the same date.",
        date(2023, 10, 2),
    )
    assert 89.0 not in values


# ------------------------------------------------------------------ the engine's judgement

HERA = """
watches:
  - id: hera
    title: ESA Hera asteroid mission launch on Falcon 9
    kind: event
    match: {any: [Hera]}
    baseline: {status: planned, expected: 2031-10-07, as_of: 2031-09-03}
"""


def test_a_target_restated_is_still_the_plan() -> None:
    story = Story(build_engine(load_config_text(HERA)))
    # weeks after the baseline, the target day restated by a "watch live" notice firms nothing up
    assert (
        story.read("2031-09-17T09:00", "Watch Hera launch live", "The launch of Hera is targeted for 7 October.") == []
    )
    # an authority's clearance does
    (alert,) = story.read("2031-10-06T17:00", "FAA clears Falcon 9 to launch Hera")
    assert (alert.kind, alert.new) == ("status", "confirmed")


VISIT = """
watches:
  - id: visit
    title: Pope Francis visit to Indonesia
    kind: event
    match: {any: [Indonesia]}
    baseline: {status: confirmed, expected: 2031-09-03, as_of: 2031-04-12}
  - id: launch
    title: XRISM launch
    kind: event
    match: {any: [XRISM]}
    baseline: {status: confirmed, expected: 2031-09-03, as_of: 2031-04-12}
"""


def test_a_trips_neighbouring_day_is_its_departure_but_a_launchs_is_a_slip() -> None:
    story = Story(build_engine(load_config_text(VISIT)))
    # the Pope leaves Rome the day before he lands: the same visit dated from its departure
    assert story.read("2031-09-01T04:00", "Pope heads on Tuesday to Indonesia for his longest trip") == []
    # a launch "now targeting" the next day has slipped by a day
    alerts = story.read("2031-09-01T05:00", "XRISM launch now targeting Thursday, Sept. 4")
    assert [(a.kind, a.new) for a in alerts if a.kind == "date"] == [("date", "2031-09-04")]


@pytest.mark.parametrize(
    ("title", "terms", "kind", "sentence"),
    [
        # unnamed people in the know, and the earliest a thing may come, are no schedule
        (
            "FAA lifts Boeing 737 MAX grounding order",
            ["737 MAX"],
            "event",
            "The agency is expected to rescind the 737 MAX order on Wednesday, people briefed on the matter said.",
        ),
        (
            "Nippon Steel takeover of US Steel",
            ["US Steel"],
            "agreement",
            "Nippon Steel will sign the US Steel deal on May 3, a person close to the talks said.",
        ),
        ("Artemis II launch", ["Artemis"], "event", "NASA could launch Artemis II as early as Feb. 5."),
    ],
)
def test_people_in_the_know_and_the_earliest_day_hedge(title: str, terms: list[str], kind: str, sentence: str) -> None:
    assert read(watch_spec(title, terms, kind), "Update", sentence) == []


THIS_QUARTER = """
watches:
  - id: max
    title: FAA lifts Boeing 737 MAX grounding order
    kind: event
    match: {any: [737 MAX]}
    baseline: {status: planned, expected: 2031-06, as_of: 2031-05-23}
"""


def test_the_rest_of_the_current_period_is_an_expected_window() -> None:
    story = Story(build_engine(load_config_text(THIS_QUARTER)))
    # on Oct. 23, "this quarter" began before the day of writing but has weeks left: it is where the item is expected
    alerts = story.read("2031-10-23T12:00", "Boeing targets 737 MAX approval 'this quarter' as reviews run long")
    assert [(a.kind, a.new) for a in alerts if a.kind == "date"] == [("date", "2031-10-01")]
    expected = story.states["max"].expected
    assert expected is not None and (expected.start, expected.end, expected.precision) == (
        date(2031, 10, 1),
        date(2031, 12, 31),
        "quarter",
    )


# ------------------------------------------------------------------ the twenty-seventh batch


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # a chamber's vote that sends the bill on is a step, with or without "the" before the bill
        (
            "GENIUS Act stablecoin bill",
            ["GENIUS"],
            "Senate passes GENIUS Act in 68-30 vote, sending stablecoin bill to House",
        ),
        ("CHIPS Act", ["CHIPS"], "House passes CHIPS Act, sending chips bill to Senate"),
        ("Online Safety Bill", ["Online Safety"], "Commons passes Online Safety Bill, sending it to the Lords"),
    ],
)
def test_a_chambers_vote_that_sends_the_bill_on_is_a_step(title: str, terms: list[str], headline: str) -> None:
    assert read(watch_spec(title, terms, "agreement"), headline) == []


@pytest.mark.parametrize(
    ("title", "terms", "sentence"),
    [
        # the day a reviewer decides is not the day the deal is done
        ("Bunge-Viterra merger to close", ["Viterra"], "EU regulators to decide on Bunge-Viterra merger by July 18."),
        (
            "Microsoft-Activision deal",
            ["Activision"],
            "The CMA is due to give its verdict on the Activision deal by March 1.",
        ),
        ("Kroger-Albertsons merger", ["Albertsons"], "A federal judge will rule on the Albertsons merger by Dec. 10."),
    ],
)
def test_a_reviewers_decision_day_is_not_the_deals(title: str, terms: list[str], sentence: str) -> None:
    assert [k for k, _ in read(watch_spec(title, terms, "agreement"), "Review", sentence) if k == "date"] == []


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # an unnamed report as the source hedges
        (
            "Scholz visit to China",
            ["China"],
            "Scholz set to visit China on April 15 with business leaders, report says",
        ),
        ("Apple Vision Pro release", ["Vision Pro"], "Apple to release Vision Pro on Feb. 2, media report says"),
        (
            "Nippon Steel takeover of US Steel",
            ["US Steel"],
            "Nippon Steel clinches US Steel deal, according to a Japanese newspaper report",
        ),
    ],
)
def test_an_unnamed_report_hedges(title: str, terms: list[str], headline: str) -> None:
    kind = "agreement" if "takeover" in title else "event"
    assert [v for k, v in read(watch_spec(title, terms, kind), headline) if k == "status"] == []


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # a trip is made under any of its names, and a city of the item's country is the item's place
        ("Scholz visit to China", ["China"], "Scholz to make three-day China trip from June 13"),
        ("Modi visit to the United States", ["United States"], "Modi to make four-day United States tour from June 20"),
        ("King Charles visit to Kenya", ["Kenya"], "King Charles will pay a state visit to Kenya on Oct. 31"),
    ],
)
def test_a_trip_is_made_under_any_of_its_names(title: str, terms: list[str], headline: str) -> None:
    assert ("status", "confirmed") in read(watch_spec(title, terms, "event"), headline)


def test_a_city_of_the_items_country_is_the_items_place() -> None:
    spec = watch_spec("Scholz visit to China", ["Scholz"], "event")
    got = read(spec, "Scholz itinerary", "Olaf Scholz will visit Chongqing on June 14 and Shanghai after.")
    assert ("date", date(2031, 6, 14)) in got


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        # a sum written after an ISO currency code is money, never a count
        ("UAH 55 billion has been allocated for drones", "uah"),
        ("RUB 2.5 trillion set aside for defence", "rub"),
        ("BRL 30bn in soybean exports", "brl"),
    ],
)
def test_an_iso_currency_code_makes_money(text: str, unit: str) -> None:
    assert [q.unit for q in find_quantities(text)][:1] == [unit]


@pytest.mark.parametrize(
    "sentence",
    [
        # what is under contract is still to come
        "One million drones have been contracted from Ukrainian manufacturers for this year.",
        "Some 500,000 heat pumps are under contract for delivery next year.",
        "The army contracted 1.2 million shells from European makers.",
    ],
)
def test_a_contracted_figure_is_no_count(sentence: str) -> None:
    assert [q.role for q in find_quantities(sentence) if q.value >= 100_000] in (["target"], ["other"])


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        # a clause joined by a conjunction has its own subject, and its figure is that subject's
        ("Threads sign-ups", "'Threads' tops 100 million sign-ups as 'Bluesky' clinches 20 million"),
        ("Airbus 2023 deliveries", "Airbus delivers 735 jets while Boeing delivered 528"),
        ("Disney+ subscribers", "Disney+ reaches 150 million subscribers as Netflix hits 247 million"),
    ],
)
def test_a_joined_clauses_figure_is_its_subjects(title: str, headline: str) -> None:
    spec = watch_spec(title, ["sign-ups", "deliveries", "delivers", "subscribers"], "metric")
    values = [v for k, v in read(spec, headline) if k == "value"]
    assert len(values) == 1 and values[0] not in (528, 247_000_000, 20_000_000)


def test_a_condition_after_a_semicolon_governs_its_own_clause() -> None:
    spec = watch_spec("Japan foreign visitors", ["visitors"], "metric")
    summary = (
        "Japan's tally of foreign visitors stands at 25.07 million; the 30 million mark is expected to be touched "
        "before the year ends."
    )
    assert ("value", 25_070_000) in read(spec, "Japan passes 2019 record", summary)


def test_signed_legislation_about_the_agreement_is_not_the_agreement() -> None:
    spec = watch_spec("Iran nuclear deal", ["nuclear agreement", "nuclear deal"], "agreement")
    sentence = (
        "President Obama on Friday signed legislation letting Congress review any final nuclear agreement with Iran; "
        "lawmakers get 30 days if a deal arrives by July 9."
    )
    assert read(spec, "Congress review law", sentence) == []


@pytest.mark.parametrize(
    ("title", "terms", "sentence"),
    [
        # a verb coordinated with an infinitive shares its future, an object between them or not
        (
            "Putin visit to Mongolia",
            ["Mongolia"],
            "Ukraine urged Mongolia to execute the binding ICC arrest warrant and hand Putin over to The Hague.",
        ),
        (
            "Boeing 777X first delivery",
            ["777X"],
            "Airlines want Boeing to finish the certification paperwork quickly and deliver the 777X.",
        ),
        (
            "Paris metro line opening",
            ["metro line"],
            "Officials hope to finish the last safety checks on the trains and open the metro line.",
        ),
    ],
)
def test_a_coordinated_infinitive_stays_future(title: str, terms: list[str], sentence: str) -> None:
    assert ("status", "happened") not in read(watch_spec(title, terms, "event"), "Update", sentence)


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # the go for a launch: a board that green-lit it, a countdown under way
        ("PSLV-C59 Proba-3 launch", ["Proba-3"], "Launch board green-lit the Proba-3 launch"),
        ("PSLV-C59 Proba-3 launch", ["Proba-3"], "Countdown begins for Proba-3 launch"),
        ("Artemis I launch", ["Artemis"], "Artemis I countdown under way at Kennedy"),
    ],
)
def test_a_launchs_go(title: str, terms: list[str], headline: str) -> None:
    assert ("status", "confirmed") in read(watch_spec(title, terms, "event"), headline)


def test_many_of_a_kind_before_a_plan_word_is_their_date() -> None:
    # "commercial flights are scheduled for December 15": the plan word's subject is many flights, the traffic around
    # the item, not a happening noun; reading it once raised an AttributeError
    spec = watch_spec("Noida International Airport opening", ["Noida"], "event")
    assert read(spec, "Noida airport update", "At Noida, commercial flights are scheduled for December 15.") == []


# ------------------------------------------------------------------ the twenty-eighth batch and kishida


@pytest.mark.parametrize(
    ("title", "terms", "sentence"),
    [
        # a move to act takes a step; the date belongs to the act
        (
            "Kishida state visit to the US",
            ["Kishida"],
            "Kishida visits next month, as Japan moves to raise defence spending to 2% of GDP by 2027.",
        ),
        (
            "Ariane 6 first launch",
            ["Ariane 6"],
            "Ariane 6 will fly this summer as Europe moves to cut launch costs by 2030.",
        ),
        (
            "Berlin airport opening",
            ["Berlin airport"],
            "The Berlin airport opens in October as the city moves to close Tegel by 2021.",
        ),
    ],
)
def test_a_move_to_act_owns_its_date(title: str, terms: list[str], sentence: str) -> None:
    years = [v.year for k, v in read(watch_spec(title, terms, "event"), "Update", sentence) if k == "date"]  # type: ignore[union-attr]
    assert not any(y >= 2021 and y != 2031 for y in years)


@pytest.mark.parametrize(
    ("title", "terms", "kind", "headline"),
    [
        # a headline's "eyes" is a wish; a claim brought in as "a report that" is the report's
        ("Kishida state visit to the US", ["Kishida"], "event", "Kishida eyes Washington state visit in early June"),
        ("Jewar airport opening", ["Jewar"], "event", "Jewar airport now eyes mid-May launch"),
        (
            "Kishida state visit to the US",
            ["Kishida"],
            "event",
            "Tokyo declines to confirm a report that Kishida will visit on April 10",
        ),
    ],
)
def test_eyes_and_a_report_that_hedge(title: str, terms: list[str], kind: str, headline: str) -> None:
    assert read(watch_spec(title, terms, kind), headline) == []


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # an opening named by its users is not its inauguration ceremony
        ("Noida airport opens to commercial flights", ["Noida"], "PM Modi to inaugurate Noida airport on June 28"),
        ("Noida airport opens to commercial flights", ["Noida"], "Modi inaugurates Noida International Airport"),
        ("Metro line opens to passengers", ["Metro line"], "Minister inaugurates the metro line on June 12"),
    ],
)
def test_an_opening_to_users_is_not_its_ceremony(title: str, terms: list[str], headline: str) -> None:
    assert read(watch_spec(title, terms, "event"), headline) == []


def test_a_ceremony_is_the_opening_when_the_title_names_no_users() -> None:
    spec = watch_spec("Mumbai Trans Harbour Link opening", ["Trans Harbour"], "event")
    assert read(spec, "Modi inaugurates Mumbai Trans Harbour Link") == [("status", "happened")]


@pytest.mark.parametrize(
    ("title", "terms", "sentence"),
    [
        # the day a date is to be set is not the item's
        ("NISAR launch", ["NISAR"], "NASA expects to set a new NISAR launch readiness date by the end of June."),
        ("Noida airport opening", ["Noida"], "A new Noida opening date is to be picked on June 10."),
        ("GTA 6 release", ["GTA 6"], "Rockstar will announce a GTA 6 release timeline in June."),
    ],
)
def test_the_day_a_date_is_set_is_not_the_items(title: str, terms: list[str], sentence: str) -> None:
    assert [k for k, _ in read(watch_spec(title, terms, "event"), "Update", sentence) if k == "date"] == []


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # a delay in the future passive is decided now
        ("Noida airport opening", ["Noida"], "Maiden flight from Noida airport to be delayed"),
        ("NISAR launch", ["NISAR"], "NISAR launch date to be reset after antenna fix"),
        ("Berlin airport opening", ["Berlin airport"], "Berlin airport opening will be postponed again"),
    ],
)
def test_a_delay_in_the_future_passive_is_decided(title: str, terms: list[str], headline: str) -> None:
    assert read(watch_spec(title, terms, "event"), headline) == [("status", "postponed")]


def test_a_window_that_cannot_be_scheduled_is_no_date() -> None:
    spec = watch_spec("NISAR launch", ["NISAR"], "event")
    sentence = "The NISAR launch cannot be scheduled between early October and early February."
    assert [k for k, _ in read(spec, "Update", sentence) if k == "date"] == []


@pytest.mark.parametrize(
    ("title", "terms", "sentence"),
    [
        # the next leg of a journey owns its day
        (
            "Pope Leo visit to Turkey",
            ["Turkey"],
            "The Pope will visit Turkey, before going on to Lebanon until Dec. 2.",
        ),
        ("Biden visit to Germany", ["Germany"], "Biden visits Germany and then flies to Angola on Oct. 13."),
        ("Xi state visit to France", ["France"], "Xi will visit France and then head to Serbia on May 7."),
    ],
)
def test_the_next_leg_owns_its_day(title: str, terms: list[str], sentence: str) -> None:
    days = [v for k, v in read(watch_spec(title, terms, "event"), "Trip", sentence) if k == "date"]
    assert days == []


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # a deal named by another country as the verb's object is that country's
        ("US-Vietnam trade deal", ["trade deal"], "Trump inks Indonesia trade deal with 19% tariff"),
        ("EU-Mercosur trade deal", ["trade deal"], "EU signs Mexico trade agreement in Brussels"),
        ("UK-India trade deal", ["trade deal"], "UK seals Oman free trade agreement"),
    ],
)
def test_a_deal_named_by_another_country_is_its(title: str, terms: list[str], headline: str) -> None:
    assert read(watch_spec(title, terms, "agreement"), headline) == []


DEADLINE_LATER = """
watches:
  - id: visit
    title: Pope Leo visit to Turkey
    kind: event
    match: {any: [Turkey]}
    baseline: {status: planned, expected: 2031-11, as_of: 2031-07-17}
"""


def test_a_deadline_later_in_the_same_year_holds_the_stored_month() -> None:
    story = Story(build_engine(load_config_text(DEADLINE_LATER)))
    # November is stored; "by the end of 2031" still holds it
    assert (
        story.read("2031-09-16T08:00", "Pope Leo plans Turkey trip", "He intends to go to Turkey by the end of 2031.")
        == []
    )
    # a word of delay with the later deadline is a slip
    alerts = story.read(
        "2031-09-20T08:00", "Pope Leo's Turkey trip delayed", "The trip to Turkey is delayed to the end of 2031."
    )
    assert ("status", "postponed") in [(a.kind, a.new) for a in alerts]


@pytest.mark.parametrize(
    ("title", "terms", "sentence"),
    [
        # a schedule in the past perfect is the one given up
        ("NISAR launch", ["NISAR"], "The launch of NISAR had been set for June 12, before the reflector fault."),
        ("Berlin airport opening", ["Berlin airport"], "The Berlin airport opening had been scheduled for June 3."),
        ("Artemis II launch", ["Artemis"], "Artemis II had originally been slated for a launch on Nov. 4."),
    ],
)
def test_a_schedule_in_the_past_perfect_is_history(title: str, terms: list[str], sentence: str) -> None:
    assert ("status", "confirmed") not in read(watch_spec(title, terms, "event"), "Update", sentence)


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # another number of the item's own designation is a sibling in the series
        (
            "Gaganyaan TV-D1 test flight",
            ["Gaganyaan"],
            "After TV-D1, India plans TV-D2 and uncrewed Gaganyaan mission in 2032",
        ),
        ("NASA Crew-9 return", ["Crew-9"], "Crew-9 is home; Crew-10 launch set for March 12"),
        ("Starship IFT-2 launch", ["Starship"], "Starship IFT-2 flew; IFT-3 launch now targeted for March 14"),
    ],
)
def test_another_of_the_series_owns_its_date(title: str, terms: list[str], headline: str) -> None:
    assert [k for k, _ in read(watch_spec(title, terms, "event"), headline) if k == "date"] == []


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # a target or deadline named for another thing is that thing's
        (
            "Gaganyaan TV-D1 test flight",
            ["Gaganyaan"],
            "PM Modi Reviews Gaganyaan, Sets Target Of Indian Space Station By 2035",
        ),
        ("Artemis II launch", ["Artemis"], "NASA keeps Artemis II plans, sets goal of Mars landing by 2040"),
        ("Tren Maya opening", ["Tren Maya"], "Tren Maya opening on track, deadline for Tulum Airport by 2034"),
    ],
)
def test_a_target_named_for_another_thing_is_its(title: str, terms: list[str], headline: str) -> None:
    years = [v.year for k, v in read(watch_spec(title, terms, "event"), headline) if k == "date"]  # type: ignore[union-attr]
    assert not any(y >= 2034 for y in years)


# ------------------------------------------------------------------ the twenty-ninth batch


@pytest.mark.parametrize(
    ("title", "terms", "kind", "headline"),
    [
        # a retrospective, its years in words or digits, tells history
        (
            "EU-Chile Advanced Framework Agreement",
            ["Chile"],
            "agreement",
            "Twenty years ago today: Chile and the EU sign their association agreement",
        ),
        (
            "Berlin airport opening",
            ["Berlin airport"],
            "event",
            "Ten years ago today: Berlin airport opening postponed",
        ),
        (
            "Artemis II launch",
            ["Artemis"],
            "event",
            "Fifty-five years ago today: Apollo 11 launches for the Moon, as Artemis waits",
        ),
    ],
)
def test_a_retrospective_tells_history(title: str, terms: list[str], kind: str, headline: str) -> None:
    assert read(watch_spec(title, terms, kind), headline) == []


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # arriving is a trip's happening, not a launch's or an opening's
        ("Sentinel-1C launch on Vega-C", ["Sentinel-1C"], "Sentinel-1C arrives at Europe's Spaceport"),
        ("Hera asteroid mission launch", ["Hera"], "Hera spacecraft arrives in Florida ahead of launch"),
        ("Elizabeth line opening", ["Elizabeth line"], "First Elizabeth line train arrives at Abbey Wood depot"),
    ],
)
def test_an_arrival_is_no_launch_or_opening(title: str, terms: list[str], headline: str) -> None:
    assert ("status", "happened") not in read(watch_spec(title, terms, "event"), headline)


def test_an_arrival_is_a_products_release() -> None:
    spec = watch_spec("Apple Vision Pro US release", ["Vision Pro"], "event")
    assert read(spec, "Apple Vision Pro arrives in US stores") == [("status", "happened")]


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # a takeover named by a third company is that company's
        (
            "UniCredit takeover offer for Banco BPM",
            ["Banco BPM"],
            "Banco BPM completes Anima takeover, raising cost of UniCredit's bid",
        ),
        ("Mars acquisition of Kellanova", ["Kellanova"], "Kellanova closes the Pringles Brands acquisition"),
        ("Capital One-Discover merger", ["Discover"], "Capital One completes Ally Card purchase"),
    ],
)
def test_a_takeover_named_by_a_third_company_is_its(title: str, terms: list[str], headline: str) -> None:
    assert read(watch_spec(title, terms, "agreement"), headline) == []


VISIT_BEGINS = """
watches:
  - id: visit
    title: Macron state visit to India
    kind: event
    match: {any: [India, Jaipur]}
    baseline: {status: confirmed, expected: 2031-01-26, as_of: 2030-12-22}
"""


def test_a_visit_said_to_begin_a_day_earlier_moves_but_a_departure_does_not() -> None:
    story = Story(build_engine(load_config_text(VISIT_BEGINS)))
    # a departure the day before is the same visit
    assert story.read("2031-01-23T05:00", "Macron heads to India on Jan. 25") == []
    # the visit itself said to begin a day earlier is news
    alerts = story.read(
        "2031-01-24T05:00", "Macron to begin India visit in Jaipur", "The state visit will begin on Jan. 25."
    )
    assert [(a.kind, a.new) for a in alerts if a.kind == "date"] == [("date", "2031-01-25")]


@pytest.mark.parametrize(
    ("title", "terms", "sentence"),
    [
        # the item's own name of several capitalised words may stand between the verb and its noun
        (
            "EU supply chain due diligence law",
            ["Due Diligence"],
            "EU ambassadors approved the Corporate Sustainability Due Diligence Directive on Friday.",
        ),
        (
            "EU AI Act",
            ["Intelligence Act"],
            "Member states approved the European Union Artificial Intelligence Act on Friday.",
        ),
        (
            "UK online safety bill",
            ["Online Safety"],
            "Peers passed the Online Safety And Media Reform Bill on Tuesday.",
        ),
    ],
)
def test_a_long_name_between_the_verb_and_its_noun(title: str, terms: list[str], sentence: str) -> None:
    assert ("status", "agreed") in read(watch_spec(title, terms, "agreement"), "Vote", sentence)


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        # a figure inside a denied report's own clause is denied
        ("Netflix paid memberships to pass 300 million", "Netflix denies report it has passed 300 million subscribers"),
        ("Threads sign-ups", "Meta dismisses claims that Threads has reached 200 million sign-ups"),
        ("Bluesky users", "Bluesky rejects reports its network now counts 30 million users"),
    ],
)
def test_a_figure_in_a_denied_reports_clause_is_denied(title: str, headline: str) -> None:
    spec = watch_spec(title, ["subscribers", "sign-ups", "users"], "metric")
    assert [v for k, v in read(spec, headline) if k == "value"] == []
