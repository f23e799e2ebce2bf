"""Quantities: values, units, qualifiers and roles (total vs target vs rate vs price)."""

from __future__ import annotations

import pytest

from watchers.extract.numbers import Quantity, bushels_to_tonnes, find_quantities, to_tonnes


def qs(sentence: str) -> list[tuple[float, str | None, str | None, str]]:
    return [(round(q.value, 3), q.unit, q.qualifier, q.role) for q in find_quantities(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "China has bought nearly 2 million metric tons of U.S. soybeans, short of the 12 million "
            "metric tons agreed.",
            [(2e6, "t", "nearly", "total"), (12e6, "t", None, "target")],
        ),
        (
            "China has purchased about 2 million tons so far, well short of the 12 million tons it agreed "
            "to buy by the end of the year.",
            [(2e6, "t", "about", "total"), (12e6, "t", None, "target")],
        ),
        (
            "China agreed to buy 12 million tons this year and has so far bought about 2 million.",
            [(12e6, "t", None, "target"), (2e6, "t", "about", "total")],
        ),
        (
            "China will buy 25 million metric tons a year for three years.",
            [(25e6, "t", None, "rate")],
        ),
        ("Beijing committed to annual purchases of 25 million tons.", [(25e6, "t", None, "rate")]),
        ("China could buy as much as 20 million tons.", [(20e6, "t", "as much as", "target")]),
        ("Beijing would consider buying 10 million tons.", [(10e6, "t", None, "target")]),
        ("China pledged to purchase 12 MMT of soybeans.", [(12e6, "t", None, "target")]),
        ("Imports reached 3 MMT in October.", [(3e6, "t", None, "total")]),
        (
            "Soybean futures rose 12 cents to $11.20 a bushel.",
            [(0.12, "usd", None, "price"), (11.2, "usd", None, "price")],
        ),
        ("Soybean futures settled at $10.50.", [(10.5, "usd", None, "price")]),
        ("Exporters sold 1.5m tonnes to China.", [(1.5e6, "t", None, "total")]),
        ("Exporters sold 1.5 mln t to China.", [(1.5e6, "t", None, "total")]),
        ("China has bought two million tons.", [(2e6, "t", None, "total")]),
        ("China has booked half a million tons.", [(5e5, "t", None, "total")]),
        ("China bought another 300,000 tons on Tuesday.", [(3e5, "t", None, "increment")]),
        ("Shipments totaled 40,000 short tons.", [(36287.4, "t", None, "total")]),
        ("Sales of 55.1 million bushels were reported.", [(55.1e6, "bu", None, "total")]),
        ("The warehouse holds 2,500 kg of beans.", [(2.5, "t", None, "other")]),
        ("Tariffs rose 10% last year.", [(10.0, "percent", None, "percent")]),
        ("Exports rose 3.5 percent.", [(3.5, "percent", None, "percent")]),
        ("Trump may visit 5 cities.", [(5.0, None, None, "target")]),
        ("The fund is worth $20 billion.", [(2e10, "usd", None, "other")]),
        ("Wheat exports totalled 1.2 million tonnes.", [(1.2e6, "t", None, "total")]),
        ("The target is 12 million tons.", [(12e6, "t", None, "target")]),
        ("Purchases total 4.3 million tons to date.", [(4.3e6, "t", None, "total")]),
        # single-period purchases are increments, not the running total
        ("Exporters reported private sales of 792,000 metric tons to China.", [(792e3, "t", None, "increment")]),
        ("China booked about 600,000 tons this week.", [(6e5, "t", "about", "increment")]),
        (
            "Sales this week brought the total to 3.1 million tons.",
            [(3.1e6, "t", None, "total")],
        ),
        (
            "Buyers booked 10 cargoes, or about 600,000 metric tons, on Tuesday.",
            [(10.0, None, None, "increment"), (6e5, "t", "about", "increment")],
        ),
        (
            "China bought more than 2.3 million tons, bringing the total to 4 million tons.",
            [(2.3e6, "t", "more than", "increment"), (4e6, "t", None, "total")],
        ),
        (
            "China bought 2 million tons, up from 1.5 million a week earlier.",
            [(2e6, "t", None, "total"), (1.5e6, "t", None, "other")],
        ),
        (
            "Imports rose to 3 million tons from 2 million tons.",
            [(3e6, "t", None, "total"), (2e6, "t", None, "other")],
        ),
        (
            "China met 20% of the 12-million-ton commitment.",
            [(20.0, "percent", None, "percent"), (2.4e6, "t", None, "total"), (12e6, "t", None, "target")],
        ),
        # a generic sentence about wheat
        ("Egypt has bought 4.2 million tonnes of wheat since July.", [(4.2e6, "t", None, "total")]),
        ("Russia expects to export 43 million tonnes of wheat this season.", [(43e6, "t", None, "target")]),
    ],
)
def test_find_quantities(sentence: str, expected: list[tuple[float, str | None, str | None, str]]) -> None:
    assert qs(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Trump will visit Beijing in April 2026.",
        "The deal was signed on Oct. 3, 2025.",
        "Talks are set for May 14-15.",
        "He spoke at 10 a.m. on the 3rd day.",
        "Xi's 2015 visit was a success.",
        "One of the officials said no.",
        "",
    ],
)
def test_no_quantities(sentence: str) -> None:
    assert find_quantities(sentence) == []


def test_percent_of_explicit_target() -> None:
    found = find_quantities("China has fulfilled 22.5% of the 12 million ton commitment.")
    derived = [q for q in found if q.derived]
    assert len(derived) == 1
    assert derived[0].role == "total"
    assert derived[0].unit == "t"
    assert derived[0].value == pytest.approx(2.7e6)
    assert [q.role for q in found if not q.derived and q.unit == "t"] == ["target"]


def test_percent_of_unnamed_target() -> None:
    (q,) = find_quantities("China has met 40% of its purchase commitment.")
    assert q.unit == "percent" and q.of_target


def test_restatement_shares_role() -> None:
    found = find_quantities("Exporters sold 1.5m tonnes, or 55.1 million bushels, to China.")
    assert [(q.unit, q.role) for q in found] == [("t", "total"), ("bu", "total")]


def test_text_span_and_raw() -> None:
    s = "China has bought nearly 2 million metric tons of soybeans."
    (q,) = find_quantities(s)
    assert q.text == "nearly 2 million metric tons"
    assert s[q.span[0] : q.span[1]] == q.text
    assert isinstance(q, Quantity)
    assert q.cue == "bought"


@pytest.mark.parametrize(
    ("value", "unit", "product", "tonnes"),
    [
        (36.7437, "bu", "soybeans", 1.0),
        (367_437_000.0, "bu", "soybeans", 10e6),
        (39.3679, "bu", "corn", 1.0),
        (5.0, "t", "soybeans", 5.0),
        (5.0, "usd", "soybeans", None),
    ],
)
def test_to_tonnes(value: float, unit: str, product: str, tonnes: float | None) -> None:
    got = to_tonnes(value, unit, product)
    if tonnes is None:
        assert got is None
    else:
        assert got == pytest.approx(tonnes)


def test_bushels_default_soybeans() -> None:
    assert bushels_to_tonnes(73.4874) == pytest.approx(2.0)
