"""Benchmark of the poll cycle: followup's engine vs a naive sequential ``feedparser.parse(url)`` loop.

Usage:  .venv/bin/python bench/poll.py [--feeds 2000] [--entries 50] [--cycles 5] [--quick]

A feed server runs in a separate process (this script with ``--serve``), on 127.0.0.1 only, so its CPU is
not counted as the client's. It serves ``/feed/0`` ... ``/feed/N-1``, each an RSS document of ``--entries``
items; even-numbered feeds send ETag + Last-Modified (so they answer 304), odd-numbered feeds send neither
(so the client relies on skipping bodies whose SHA-256 it has seen). ``POST /_control/change?fraction=0.1``
adds one new entry on top of a random 10% of the feeds.

The client is followup's engine as the bot builds it: a fresh SQLite database, every feed declared and due,
one FeedFetcher (per-host concurrency raised to the overall limit: every feed is on the same host here), one
FeedPoller driven by a SimulatedClock. Cycle 1 is cold (every feed new and parsed). Then, ``--cycles``
times: a cycle where no feed changed (CPU per unchanged feed = process CPU / N) and a cycle where 10%
changed (CPU per changed feed = (CPU - unchanged feeds x per-unchanged) / changed feeds). Medians are
reported. Parsing may run in worker processes (ParsePool): their CPU is not in the process CPU above; it is
shown apart (``wrk CPU s``, read from /proc for this process's descendants other than the server). Then the
naive baseline fetches and parses every feed once, sequentially, with feedparser's own
urllib (no conditional GET, no proxies); if that would take longer than ``--naive-budget`` seconds it runs
over a random sample (at least 200 feeds) and is scaled to N, which the output says.

A benchmark reports; it is not a test: the exit status is 0 whether or not the targets are met.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
START = datetime(2025, 11, 25, 12, 0, tzinfo=UTC)
INTERVAL = timedelta(minutes=15)
STEP = timedelta(minutes=30)  # past the interval plus any jitter: every feed is due again
CHANGE_FRACTION = 0.10
TARGET_RATIO = 20.0
TARGET_CPU_UNCHANGED_MS = 1.0
TARGET_RSS_MB = 200.0


# ------------------------------------------------------------------------------------------------ server
def serve(feeds: int, entries: int, port: int, seed: int) -> None:
    """Run the feed server in this process until it is killed; prints its base URL on the first line."""
    from aiohttp import web

    sys.path.insert(0, str(ROOT / "tests"))
    from feedserver import FeedItem, build_rss, http_date  # type: ignore[import-not-found]

    base = datetime(2025, 1, 1, tzinfo=UTC)
    rng = random.Random(seed)
    tops = [0] * feeds  # how many entries were added on top of feed n since the start
    bodies: list[bytes] = [b""] * feeds
    headers: list[dict[str, str]] = [{} for _ in range(feeds)]
    stats: dict[str, float] = {"200": 0, "304": 0}

    def item(n: int, i: int) -> FeedItem:
        return FeedItem(
            f"Feed {n}: story {i} about the talks, the deal and what comes next",
            f"https://news{n % 50}.example/feed/{n}/story/{i}?utm_source=rss",
            summary=(
                f"<p>Story {i} of feed {n}. Officials said on Tuesday that the agreement would be signed "
                f"<b>later this month</b>, according to people familiar with the matter.</p>"
            ),
            published=base + timedelta(hours=i),
        )

    def build(n: int) -> None:
        top = tops[n]
        newest = top + entries - 1
        bodies[n] = build_rss([item(n, i) for i in range(newest, top - 1, -1)], title=f"Feed {n}")
        hdrs = {"Content-Type": "application/rss+xml; charset=utf-8"}
        if n % 2 == 0:
            hdrs["ETag"] = f'"f{n}-v{top}"'
            hdrs["Last-Modified"] = http_date(base + timedelta(hours=newest))
        headers[n] = hdrs

    for n in range(feeds):
        build(n)

    async def feed(request: web.Request) -> web.StreamResponse:
        try:
            n = int(request.match_info["n"])
        except ValueError:
            n = -1
        if not 0 <= n < feeds:
            return web.Response(status=404, text="no such feed")
        hdrs = headers[n]
        etag = hdrs.get("ETag")
        if etag is not None:
            inm = request.headers.get("If-None-Match")
            ims = request.headers.get("If-Modified-Since")
            if inm == etag or (inm is None and ims == hdrs["Last-Modified"]):
                stats["304"] += 1
                return web.Response(status=304, headers={"ETag": etag, "Last-Modified": hdrs["Last-Modified"]})
        stats["200"] += 1
        return web.Response(body=bodies[n], headers=hdrs)

    async def change(request: web.Request) -> web.StreamResponse:
        fraction = float(request.query.get("fraction", "0.1"))
        chosen = rng.sample(range(feeds), round(fraction * feeds))
        for n in chosen:
            tops[n] += 1
            build(n)
        return web.json_response({"changed": sorted(chosen)})

    async def get_stats(request: web.Request) -> web.StreamResponse:
        return web.json_response({**stats, "cpu": time.process_time()})

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/feed/{n}", feed)
        app.router.add_post("/_control/change", change)
        app.router.add_get("/_control/stats", get_stats)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", port, backlog=1024)
        await site.start()
        print(f"http://127.0.0.1:{runner.addresses[0][1]}", flush=True)
        await asyncio.Event().wait()

    asyncio.run(main())


class ServerProcess:
    """The feed server in a child process, and its control endpoint (stdlib HTTP, no proxies)."""

    def __init__(self, feeds: int, entries: int, seed: int) -> None:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--serve", "--feeds", str(feeds)]
        cmd += ["--entries", str(entries), "--seed", str(seed)]
        self._proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline().strip()
        if not line.startswith("http://127.0.0.1:"):
            self._proc.kill()
            raise RuntimeError(f"feed server did not start (said {line!r})")
        self.base_url = line
        self.pid = self._proc.pid
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def urls(self, feeds: int) -> list[str]:
        return [f"{self.base_url}/feed/{n}" for n in range(feeds)]

    def _call(self, method: str, path: str) -> Any:
        request = urllib.request.Request(self.base_url + path, method=method, data=b"" if method == "POST" else None)
        with self._opener.open(request, timeout=30) as response:
            return json.loads(response.read())

    def change(self, fraction: float) -> list[int]:
        if fraction <= 0:
            return []
        return list(self._call("POST", f"/_control/change?fraction={fraction}")["changed"])

    def stats(self) -> dict[str, float]:
        return dict(self._call("GET", "/_control/stats"))

    def close(self) -> None:
        self._proc.terminate()
        try:
            self._proc.wait(10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()


# ------------------------------------------------------------------------------------------------ client
@dataclass
class Cycle:
    label: str
    wall: float
    cpu: float
    polled: int
    not_modified: int
    changed: int
    new_entries: int
    failures: int
    server_200: int
    server_304: int
    server_cpu: float
    worker_cpu: float = 0.0


@dataclass
class EngineResult:
    cold: Cycle
    unchanged: list[Cycle]
    changed: list[Cycle]
    details: list[Cycle]
    rss_cold_mb: float
    rss_steady_mb: float
    rss_steady_reset: bool


def descendants_cpu(exclude: int) -> float:
    """CPU seconds (user + system) used so far by this process's live descendants, except ``exclude`` (the
    feed server): the parse workers and their forkserver. 0 where /proc is not available."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
    mine = {os.getpid()}
    changed = True
    while changed:
        changed = False
        for pid, ppid in parents.items():
            if ppid in mine and pid not in mine and pid != exclude:
                mine.add(pid)
                changed = True
    mine.discard(os.getpid())
    return sum(cpu[pid] for pid in mine)


def max_rss_mb() -> float:
    """Peak RSS of this process so far in MB (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak_rss() -> bool:
    """Reset the peak RSS high-water mark (Linux: clear_refs 5 resets VmHWM and ru_maxrss); False if unable."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


async def run_engine(server: ServerProcess, urls: list[str], args: argparse.Namespace) -> EngineResult:
    from watchers.clock import SimulatedClock
    from watchers.feeds.fetch import FeedFetcher, FetchSettings
    from watchers.feeds.poller import FeedPoller, PollPolicy
    from watchers.store.database import Database
    from watchers.store.feeds import FeedRepository

    with tempfile.TemporaryDirectory(prefix="followup-bench-") as tmp:
        db = Database(f"sqlite:///{tmp}/bench.db")
        await db.migrate()
        clock = SimulatedClock(START)
        await FeedRepository(db).sync_declared(dict.fromkeys(urls, INTERVAL), now=clock.now())
        settings = FetchSettings(
            allow_private=True,
            trust_env=False,
            max_concurrency=args.concurrency,
            per_host_concurrency=args.concurrency,
        )
        try:
            async with (
                FeedFetcher(settings) as fetcher,
                FeedPoller(db, fetcher, clock, policy=PollPolicy(), rng=random.Random(args.seed)) as poller,
            ):

                async def cycle(label: str, subset: list[str] | None = None) -> Cycle:
                    before = server.stats()
                    wcpu0 = descendants_cpu(server.pid)  # before the clocks start: reading /proc costs CPU too
                    wall0, cpu0 = time.perf_counter(), time.process_time()
                    report = await (poller.poll_due() if subset is None else poller.poll_now(subset))
                    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
                    wcpu = descendants_cpu(server.pid) - wcpu0
                    after = server.stats()
                    for failure in report.failures[:3]:
                        print(f"  ! {label}: {failure.url} failed ({failure.kind}): {failure.message}")
                    return Cycle(
                        label,
                        wall,
                        cpu,
                        report.polled,
                        report.not_modified,
                        report.changed,
                        report.new_count,
                        len(report.failures),
                        int(after["200"] - before["200"]),
                        int(after["304"] - before["304"]),
                        after["cpu"] - before["cpu"],
                        wcpu,
                    )

                cold = await cycle("cold")
                rss_cold = max_rss_mb()
                reset = reset_peak_rss()
                unchanged: list[Cycle] = []
                changed: list[Cycle] = []
                for i in range(args.cycles):
                    clock.advance(STEP)
                    unchanged.append(await cycle(f"steady 0% #{i + 1}"))
                    server.change(CHANGE_FRACTION)
                    clock.advance(STEP)
                    changed.append(await cycle(f"steady 10% #{i + 1}"))
                rss_steady = max_rss_mb()
                details = [
                    await cycle("304 only (ETag feeds)", urls[0::2]),
                    await cycle("hash skip only (no validators)", urls[1::2]),
                ]
        finally:
            await db.dispose()
    return EngineResult(cold, unchanged, changed, details, rss_cold, rss_steady, reset)


# ------------------------------------------------------------------------------------------------ naive
@dataclass
class NaiveResult:
    measured: int
    wall_measured: float
    wall_total: float
    errors: int


def run_naive(urls: list[str], entries: int, budget: float, seed: int) -> NaiveResult:
    """Sequential ``feedparser.parse(url)`` over ``urls`` in random order, stopping after ``budget`` seconds
    once at least 200 feeds are done (the prefix of a random order is a random sample); scaled to all."""
    import feedparser

    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        os.environ.pop(name, None)
    os.environ["no_proxy"] = os.environ["NO_PROXY"] = "*"
    order = list(urls)
    random.Random(seed).shuffle(order)
    no_proxy = urllib.request.ProxyHandler({})
    errors = done = 0
    start = time.perf_counter()
    for url in order:
        parsed = feedparser.parse(url, handlers=[no_proxy])
        if parsed.get("status") != 200 or len(parsed.entries) != entries:
            errors += 1
        done += 1
        if done >= min(200, len(order)) and time.perf_counter() - start > budget:
            break
    wall = time.perf_counter() - start
    return NaiveResult(done, wall, wall * len(order) / done, errors)


# ------------------------------------------------------------------------------------------------ report
def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def print_cycles(cycles: list[Cycle], feeds: int) -> None:
    head = (
        f"{'cycle':<31}{'wall s':>8}{'feeds/s':>9}{'CPU s':>8}{'CPU ms/feed':>12}{'304':>6}{'hash=':>6}"
        f"{'parsed':>7}{'new':>7}{'fail':>5}{'srv CPU s':>10}{'wrk CPU s':>10}"
    )
    print(head)
    print("-" * len(head))
    for c in cycles:
        hash_skip = c.not_modified - c.server_304
        print(
            f"{c.label:<31}{c.wall:>8.2f}{c.polled / c.wall:>9.0f}{c.cpu:>8.2f}{1000 * c.cpu / max(c.polled, 1):>12.3f}"
            f"{c.server_304:>6}{hash_skip:>6}{c.changed:>7}{c.new_entries:>7}{c.failures:>5}{c.server_cpu:>10.2f}{c.worker_cpu:>10.2f}"
        )


def report(args: argparse.Namespace, engine: EngineResult, naive: NaiveResult) -> None:
    n = args.feeds
    k = round(CHANGE_FRACTION * n)
    print()
    print_cycles([engine.cold, *engine.unchanged, *engine.changed, *engine.details], n)
    print("  304 = answered 304 by the server; hash= = 200 whose body hash matched (not parsed); parsed = changed")
    print("  CPU s = this process; wrk CPU s = parse worker processes (not in CPU s); srv CPU s = the feed server")

    wall_u = median([c.wall for c in engine.unchanged])
    wall_c = median([c.wall for c in engine.changed])
    cpu_u = median([c.cpu for c in engine.unchanged])
    cpu_c = median([c.cpu for c in engine.changed])
    per_unchanged = 1000 * cpu_u / n
    per_changed = (1000 * cpu_c - (n - k) * per_unchanged) / k
    worker_per_changed = 1000 * median([c.worker_cpu for c in engine.changed]) / k
    ratio = naive.wall_total / wall_c

    print()
    print(f"Steady state, medians of {args.cycles} cycles ({n} feeds, {k} changed per 10% cycle):")
    print(f"  10% cycle  wall {wall_c:7.2f} s   {n / wall_c:6.0f} feeds/s   CPU {cpu_c:6.2f} s")
    print(f"   0% cycle  wall {wall_u:7.2f} s   {n / wall_u:6.0f} feeds/s   CPU {cpu_u:6.2f} s")
    print(f"  CPU per unchanged feed = {1000 * cpu_u:.0f} ms / {n}                      = {per_unchanged:.3f} ms")
    print(
        f"  CPU per changed feed   = ({1000 * cpu_c:.0f} ms - {n - k} x {per_unchanged:.3f} ms) / {k}"
        f" = {per_changed:.2f} ms"
    )
    print(f"  parse workers' CPU per changed feed (not included above)           = {worker_per_changed:.2f} ms")
    d304, dhash = engine.details
    print(
        f"  (split of unchanged: 304 {1000 * d304.cpu / max(d304.polled, 1):.3f} ms/feed, "
        f"hash skip of a 200 {1000 * dhash.cpu / max(dhash.polled, 1):.3f} ms/feed)"
    )
    steady_note = "steady cycles only (high-water mark reset after cold)" if engine.rss_steady_reset else "lifetime"
    print(f"  peak RSS {engine.rss_steady_mb:.0f} MB ({steady_note}); after cold cycle {engine.rss_cold_mb:.0f} MB")
    print()
    if naive.measured < n:
        print(
            f"Naive baseline: sequential feedparser.parse(url) over a random sample of {naive.measured} of {n} "
            f"feeds in {naive.wall_measured:.1f} s, scaled x{n / naive.measured:.2f} to {naive.wall_total:.1f} s"
        )
    else:
        print(f"Naive baseline: sequential feedparser.parse(url) over all {n} feeds: {naive.wall_total:.1f} s")
    print(f"  {naive.wall_total / n * 1000:.1f} ms per feed, {naive.errors} errors")
    print()
    rss = engine.rss_steady_mb
    rows = [
        (f"ratio naive/steady wall >= {TARGET_RATIO:g}x", f"{ratio:.1f}x", ratio >= TARGET_RATIO),
        (f"CPU per unchanged feed <= {TARGET_CPU_UNCHANGED_MS:g} ms", f"{per_unchanged:.3f} ms", per_unchanged <= 1),
        (f"peak RSS <= {TARGET_RSS_MB:g} MB", f"{rss:.0f} MB", rss <= TARGET_RSS_MB),
    ]
    print("Targets (2-core machine):")
    for name, value, ok in rows:
        print(f"  {name:<34}{value:>12}   {'PASS' if ok else 'FAIL'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--cycles", type=int, default=5, help="steady-state cycles of each kind (0%% and 10%%)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 200 feeds, 2 cycles")
    parser.add_argument("--concurrency", type=int, default=64, help="FetchSettings max and per-host concurrency")
    parser.add_argument("--naive-budget", type=float, default=90.0, help="seconds before the naive loop samples")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.feeds, args.entries, 0, args.seed)
        return
    if args.quick:
        args.feeds, args.cycles = 200, 2
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("watchers.feeds.poller").setLevel(logging.CRITICAL)  # failures are summarised instead

    print(
        f"followup poll benchmark: {args.feeds} feeds x {args.entries} entries on one local host "
        f"(half ETag/Last-Modified, half neither), {args.cycles} steady cycles, python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs"
    )
    print(
        f"FetchSettings(max_concurrency={args.concurrency}, per_host_concurrency={args.concurrency}, "
        "allow_private=True, trust_env=False): per-host raised from the default 4 because every feed is on "
        "127.0.0.1; the feed server runs in its own process (its CPU is not counted, shown as srv CPU)"
    )
    server = ServerProcess(args.feeds, args.entries, args.seed)
    try:
        urls = server.urls(args.feeds)
        engine = asyncio.run(run_engine(server, urls, args))
        naive = run_naive(urls, args.entries, args.naive_budget, args.seed)
    finally:
        server.close()
    report(args, engine, naive)


if __name__ == "__main__":
    main()
