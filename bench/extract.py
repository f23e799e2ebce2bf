"""Micro-benchmark for watchers.extract: microseconds per (entry, watch) pair.

Usage:  .venv/bin/python bench/extract.py [--repeat 1000] [--runs 5]

Builds a few hundred varied entries (on-topic Reuters/AP-style sentences about
visits, deals and soybean purchases, plus off-topic news), runs every entry
against every watch `repeat` times, and prints the median over `runs` runs.
Caches (sentence splitting, tokenisation) are cleared before each pass over
the corpus so a pass measures cold processing of distinct entries, as in a
replay; within one pass an entry is reused across watches, as in production.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time
from datetime import datetime, timedelta

from watchers.extract.observe import ExtractionSpec, extract_observations
from watchers.extract.tense import tokens
from watchers.extract.text import entry_sentences

SPECS = [
    ExtractionSpec(kind="event", subject_terms=("Trump",)),
    ExtractionSpec(kind="event", subject_terms=("Xi", "Xi Jinping")),
    ExtractionSpec(kind="agreement", subject_terms=("rare earths", "rare-earths", "rare earth")),
    ExtractionSpec(
        kind="metric",
        product_terms=("soybean", "soy"),
        actor_terms=("China", "Chinese", "Beijing"),
        other_product_terms=("corn", "wheat", "sorghum"),
        other_actor_terms=("Brazil", "Argentina"),
        target_value=12e6,
    ),
]

ON_TOPIC = [
    "President Donald Trump's visit to Beijing, originally planned for April, has been postponed to {date}, "
    "officials said on {weekday}.",
    "Trump said on {weekday} he would travel to Beijing in {month}, and that Xi would make a reciprocal "
    "state visit to the U.S. later in 2026.",
    "The White House denied a report that Trump's trip to China was delayed.",
    "Trump may push back his visit to Beijing, according to people familiar with the matter.",
    "U.S. officials expect to sign the rare earths agreement by Thanksgiving, Treasury Secretary Scott "
    "Bessent told reporters.",
    "The rare-earths deal has not yet been signed, and talks could slip to {month}.",
    "China has bought nearly {n} million metric tons of U.S. soybeans since the deal, short of the 12 million "
    "metric tons agreed by the end of the year, traders said.",
    "China will buy 25 million metric tons of soybeans a year for three years, the White House said.",
    "Soybean futures rose {c} cents to ${p} a bushel on the Chicago Board of Trade on {weekday}.",
    "Brazil exported {n} million tons of soybeans in {month}, while China bought 3 million tons of sorghum.",
    "China has fulfilled {pct}% of the 12 million ton commitment, according to USDA data.",
    "Xi Jinping arrived in Washington on {weekday} for a two-day state visit.",
    "The two sides signed the rare earths accord on Oct. 3, 2025, in Kuala Lumpur.",
]
OFF_TOPIC = [
    "The Federal Reserve held interest rates steady on {weekday}, citing sticky inflation.",
    "Egypt bought 500,000 tonnes of wheat in a tender on {weekday}, traders said.",
    "Oil prices fell 2% as OPEC+ weighed output increases for {month}.",
    "The ASEAN summit, scheduled for Oct. 26-28, will go ahead as planned, Malaysia said.",
    "Shares of Nvidia rose after the company reported record quarterly revenue of $57 billion.",
    "A storm is expected to make landfall late on {weekday}, forecasters said.",
    "The European Union and Mercosur signed a long-delayed trade agreement in {month}.",
    "Unemployment edged up to 4.4 percent in September, the Labor Department said.",
]
TITLES_ON = [
    "Trump's Beijing trip pushed back",
    "China soybean purchases lag pledge",
    "US, China rare earths deal expected by Thanksgiving",
    "Xi to make state visit to US",
]
TITLES_OFF = ["Markets wrap", "Fed holds rates", "Wheat tender", "Storm nears coast"]
MONTHS = ["April", "May", "June", "December", "early next year", "May 14-15", "late April"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def corpus(n: int = 300) -> list[tuple[str, str, datetime]]:
    """`n` deterministic, varied entries; roughly 40% on-topic."""
    out: list[tuple[str, str, datetime]] = []
    base = datetime(2025, 10, 1, 12, 0)
    cyc = itertools.count()
    for i in range(n):
        k = next(cyc)
        on = i % 5 < 2
        templates = ON_TOPIC if on else OFF_TOPIC
        fill = {
            "date": MONTHS[k % len(MONTHS)],
            "month": MONTHS[(k + 2) % len(MONTHS)],
            "weekday": WEEKDAYS[k % len(WEEKDAYS)],
            "n": f"{1 + (k % 7) * 0.3:.1f}",
            "c": str(5 + k % 20),
            "p": f"{10 + (k % 9) / 10:.2f}",
            "pct": f"{10 + k % 40}.5",
        }
        a = templates[k % len(templates)].format(**fill)
        b = templates[(k * 7 + 3) % len(templates)].format(**fill)
        title = (TITLES_ON if on else TITLES_OFF)[k % 4] + f" ({i})"
        out.append((title, f"<p>{a} {b}</p>", base + timedelta(days=i % 120)))
    return out


def run_once(entries: list[tuple[str, str, datetime]], repeat: int) -> tuple[float, int]:
    pairs = 0
    observations = 0
    t0 = time.perf_counter()
    for _ in range(repeat):
        entry_sentences.cache_clear()
        tokens.cache_clear()
        for title, summary, published in entries:
            for spec in SPECS:
                observations += len(extract_observations(spec, title=title, summary=summary, published=published))
                pairs += 1
    elapsed = time.perf_counter() - t0
    return elapsed / pairs * 1e6, observations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--entries", type=int, default=300)
    args = parser.parse_args()
    entries = corpus(args.entries)
    results = [run_once(entries, args.repeat) for _ in range(args.runs)]
    per_pair = statistics.median(r[0] for r in results)
    obs_per_pass = results[0][1] // args.repeat
    print(
        f"{len(entries)} entries x {len(SPECS)} watches x {args.repeat} repeats, median of {args.runs} runs: "
        f"{per_pair:.1f} µs per (entry, watch) pair, {per_pair * len(SPECS):.1f} µs per entry "
        f"for all {len(SPECS)} watches ({obs_per_pass} observations per pass)"
    )


if __name__ == "__main__":
    main()
