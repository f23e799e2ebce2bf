"""Replay throughput: a 20,000-entry synthetic archive through every shipped watch.

Usage: .venv/bin/python bench/replay.py [--entries 20000] [--runs 3]

The archive mixes relevant stories (sentences in the style of the labelled fixture stream, with varying
figures, dates and outlets) and unrelated news, spread over a year, written as RSS files in a temp dir; the
timed part is exactly what `followup replay` does after reading the files: parse, match, extract, compare,
tick deadlines. Prints the median entries/s over the runs and the process's peak RSS.
Targets (issue 3): >= 2,000 entries/s on one core, <= 300 MB peak RSS.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from feedserver import FeedItem, build_rss  # noqa: E402

from watchers.config import FollowupConfig, load_config, load_config_text  # noqa: E402
from watchers.feeds.parse import parse_feed  # noqa: E402
from watchers.tracking.replay import replay_entries  # noqa: E402

RELEVANT = [
    (
        "China's US soybean purchases climb to {m} million tons",
        "China has bought {m} million metric tons of US soybeans since the truce, USDA data showed on {day}.",
    ),
    (
        "China books more US soybeans, total nears {m} million tons",
        "Chinese state buyers booked another 400,000 tons of US soybeans, bringing purchases to about {m} "
        "million metric tons, short of the 12 million tons agreed.",
    ),
    (
        "Brazil soybean exports to China hit record",
        "Brazil shipped {m} million tons of soybeans to China last month as US purchases lagged.",
    ),
    (
        "Trump's Beijing visit could slip, officials say",
        "Trump's visit to Beijing could be delayed to {month}, two people familiar with the planning said.",
    ),
    (
        "White House confirms Trump to visit Beijing in {month}",
        "The White House confirmed that President Trump will visit Beijing in {month} for talks with Xi Jinping.",
    ),
    (
        "US, China rare earths talks continue",
        "Negotiators have not yet signed the rare earths agreement, Treasury Secretary Scott Bessent said on {day}.",
    ),
    (
        "Xi says he looks forward to US state visit",
        "Chinese President Xi Jinping said he looks forward to his state visit to the United States later this year.",
    ),
]
NOISE = [
    ("Stocks rise as tech rallies", "Wall Street closed higher on {day} as chipmakers gained."),
    ("Wheat futures fall on rain", "Chicago wheat futures fell 2% on {day} after rain in Kansas."),
    ("Japan and US sign rare earths pact", "Japan and the United States signed a rare earths supply pact on {day}."),
    ("Soybean oil prices climb", "Soybean oil futures rose to 52 cents a pound on {day}."),
]
MONTHS = ["April", "May", "June", "September", "October"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def build_archive(directory: Path, count: int, rng: random.Random) -> list[Path]:
    start = datetime(2025, 11, 26, tzinfo=UTC)
    outlets = [f"outlet{i}" for i in range(20)]
    per_outlet: dict[str, list[FeedItem]] = {o: [] for o in outlets}
    for i in range(count):
        template = rng.choice(RELEVANT) if rng.random() < 0.4 else rng.choice(NOISE)
        values = {"m": f"{rng.uniform(2, 14):.1f}", "month": rng.choice(MONTHS), "day": rng.choice(DAYS)}
        outlet = rng.choice(outlets)
        published = start + timedelta(minutes=int(i * 26 + rng.uniform(0, 20)))
        per_outlet[outlet].append(
            FeedItem(
                template[0].format(**values),
                f"https://{outlet}.example/story/{i}",
                f"https://{outlet}.example/story/{i}",
                template[1].format(**values),
                published,
            )
        )
    paths = []
    for outlet, items in per_outlet.items():
        path = directory / f"{outlet}.xml"
        path.write_bytes(build_rss(items))
        paths.append(path)
    return paths


def with_corpus_watches(config: FollowupConfig) -> FollowupConfig:
    """The shipped config plus the dev corpus's untuned watches (ids made unique)."""
    from corpus import load_story, story_paths

    known = {w.id for w in config.watches}
    extra = []
    for path in story_paths("dev"):
        (watch,) = load_config_text(load_story(path).config_text()).watches
        if watch.id in known:
            watch = watch.model_copy(update={"id": f"{watch.id}-corpus"})
        extra.append(watch)
    return config.model_copy(update={"watches": [*config.watches, *extra]})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--corpus", action="store_true", help="also every watch of tests/corpus/dev, built as `watch add` builds it"
    )
    args = parser.parse_args()
    config = load_config(ROOT / "tests" / "fixtures" / "founding-2025.yaml")
    if args.corpus:
        config = with_corpus_watches(config)
    with tempfile.TemporaryDirectory() as tmp:
        paths = build_archive(Path(tmp), args.entries, random.Random(7))
        bodies = [(str(p), p.read_bytes()) for p in paths]
    rates, parse_rates, alerts = [], [], 0
    for _ in range(args.runs):
        began = time.process_time()
        feeds = [(name, list(parse_feed(body).entries)) for name, body in bodies]
        parsed = time.process_time()
        result = replay_entries(config, feeds)
        done = time.process_time()
        rates.append(result.entries / (done - began))
        parse_rates.append(result.entries / (parsed - began))
        alerts = len(result.alerts)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate = statistics.median(rates)
    print(f"replay of {args.entries:,} synthetic entries x {len(config.watches)} watches, {args.runs} runs (CPU time)")
    print(f"  entries/s (parse + replay), median : {rate:,.0f}   runs: {', '.join(f'{r:,.0f}' for r in rates)}")
    print(f"  entries/s (parse only), median     : {statistics.median(parse_rates):,.0f}")
    print(f"  alerts raised                      : {alerts}")
    print(f"  peak RSS                           : {peak_mb:,.0f} MB")
    print(f"  target >= 2,000 entries/s          : {'PASS' if rate >= 2000 else 'FAIL'}")
    print(f"  target <= 300 MB                   : {'PASS' if peak_mb <= 300 else 'FAIL'}")


if __name__ == "__main__":
    main()
