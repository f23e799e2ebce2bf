"""Readings added with the twenty-first blind batch, each with its reason and cases from several domains.

The reasons live in the code: a temporal clause with a named subject ("once Bill C-18 becomes law", in
``_GLOBAL_HEDGE_RE``), a bill passed "with amendments" (``_CHAMBER_STEP``) and an estimate of a development in
``_LOCAL_HEDGE_RE`` in watchers/extract/signals.py; the bill's last vote (``_BILL_FINAL_PASSAGE``), the colon of a
time that splits no clause (``_CLAUSE_RE``), a past act dated the day after publication, a backup date
(``_BACKUP_AFTER``, ``_BACKUP_BEFORE``) and a sentence-final reporting verb (``_TOLD_BEFORE_REPORTER``) in
watchers/extract/observe.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from test_tracking_titles import read, watch_spec

from watchers.extract.observe import extract_observations


@pytest.mark.parametrize(
    ("title", "terms", "sentence"),
    [
        # a development in a clause of time, with a named subject and a present verb, is still to come
        ("Online News Act becomes law", ["Online News Act", "C-18"], "Meta will end news once Bill C-18 becomes law."),
        ("Hess takeover closes", ["Hess"], "Guyana payments start once Chevron completes the Hess deal."),
        ("Euclid launch", ["Euclid"], "Science operations begin once Euclid launches and reaches L2."),
    ],
)
def test_once_with_a_named_subject_is_a_time_to_come(title: str, terms: list[str], sentence: str) -> None:
    kind = "event" if "launch" in title else "agreement"
    readings = read(watch_spec(title, terms, kind), title.split()[0] + " news", sentence)
    assert not any(k == "status" and v in ("signed", "happened", "agreed") for k, v in readings)


@pytest.mark.parametrize(
    ("headline", "status"),
    [
        # a bill passed with amendments goes back: a step
        ("Senate passes Online News Act with amendments, sending it back to the House", None),
        ("Lords pass Rwanda bill with further amendments", None),
        # the last vote, told as such or as an approval of the bill
        ("Senate green-lights Online News Act, clearing final hurdle in Parliament", "agreed"),
        ("MPs give Online News Act final approval", "agreed"),
    ],
)
def test_a_bills_step_and_its_last_vote(headline: str, status: str | None) -> None:
    title = "Rwanda bill passes" if "Rwanda" in headline else "Online News Act bill"
    spec = watch_spec(title, ["Online News Act", "Rwanda bill"], "agreement")
    statuses = [v for k, v in read(spec, headline) if k == "status"]
    assert statuses == ([status] if status else [])


@pytest.mark.parametrize(
    ("title", "terms", "sentence", "day"),
    [
        # the colon of a time is no clause break: the item named after it governs the date before it
        (
            "Euclid launch",
            ["Euclid"],
            "ESA and SpaceX are targeting 17:12 CEST on Saturday 1 July for Euclid's lift-off, with Sunday 2 July as "
            "backup.",
            date(2031, 7, 1),
        ),
        (
            "Crew-9 return",
            ["Crew-9"],
            "Managers are targeting undocking at 1:05 a.m. on Tuesday, May 13, for the Crew-9 return.",
            date(2031, 5, 13),
        ),
    ],
)
def test_a_times_colon_splits_no_clause_and_a_backup_is_no_date(
    title: str, terms: list[str], sentence: str, day: date
) -> None:
    dates = [v for k, v in read(watch_spec(title, terms), title + " update", sentence) if k == "date"]
    assert dates == [day]


@pytest.mark.parametrize(
    "sentence",
    [
        "Liftoff is set for June 3, with a backup opportunity on June 4.",
        "The launch is targeted for June 3; the backup date is June 4.",
        "The summit opens June 3, with June 4 as a fallback.",
    ],
)
def test_a_backup_day_is_not_the_items(sentence: str) -> None:
    dates = [v for k, v in read(watch_spec("Falcon summit launch", ["launch", "summit"]), "Launch update", sentence)]
    assert (("date", date(2031, 6, 4))) not in dates


def test_a_past_act_dated_the_day_after_publication_is_another_time_zones_day() -> None:
    spec = watch_spec("SLIM Moon landing", ["SLIM", "Moon Sniper"])
    published = datetime(2031, 1, 17, 17, 20, tzinfo=UTC)  # a Friday evening in London; Saturday in Tokyo
    obs = extract_observations(
        spec,
        title="Japan lands on the moon",
        summary="JAXA said the Moon Sniper touched down at 12:20 a.m. on Saturday and is communicating with Earth.",
        published=published,
    )
    assert any(o.kind == "status" and o.status == "happened" and o.confidence == "confirmed" for o in obs)
    # a plan stays a plan: the present with a later day
    later = extract_observations(spec, title="SLIM lands on Monday, JAXA says", summary="", published=published)
    assert not any(o.kind == "status" and o.status == "happened" and o.confidence == "confirmed" for o in later)


@pytest.mark.parametrize(
    ("title", "terms", "headline", "summary"),
    [
        # an estimate of a development is an opinion of it
        (
            "Euclid launch",
            ["Euclid"],
            "Euclid mission likely grounded",
            "A researcher told RFI the war would cause problems, estimating a delay of at least a year for Euclid.",
        ),
        # a reporting verb closing the sentence confirms the clause before it
        (
            "Albanese visit to China",
            ["Albanese"],
            "Cheng Lei released after three years in detention, Albanese confirms",
            "",
        ),
        ("Modi visit to Ukraine", ["Modi"], "Indian students evacuated from Sumy, Modi confirms", ""),
    ],
)
def test_estimates_and_what_a_closing_reporter_confirms_are_not_the_items(
    title: str, terms: list[str], headline: str, summary: str
) -> None:
    statuses = [v for k, v in read(watch_spec(title, terms), headline, summary) if k == "status"]
    assert "postponed" not in statuses and "confirmed" not in statuses


def test_a_closing_reporter_confirming_the_item_still_confirms() -> None:
    spec = watch_spec("Albanese visit to China", ["Albanese"])
    assert ("status", "confirmed") in read(spec, "China visit from 4 to 7 November, Albanese confirms")
