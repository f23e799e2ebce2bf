"""Read a feed once before a chat command saves it, so a web page, a broken or hostile feed is refused at once.

Why: a watch that reads an HTML page (the site's front page instead of its RSS link) would fail on every poll and
be paused a day later, long after the admin who added it stopped looking. Fetching once when the feed is added
turns that into an immediate, explained refusal. What is refused is what will never work as given: not a feed,
too broken or too complex to read, too large, unsafe, or an HTTP error the site will keep answering (4xx). A
failure that may pass (network, timeout, 5xx, 429) does not block the command: the feed is added with a note,
and the poller's retries and backoff take over.
"""

from __future__ import annotations

import asyncio

from bot.commands.context import CommandContext, CommandProblem
from bot.wording import count
from watchers.feeds.fetch import HTTP_HINTS
from watchers.feeds.parse import parse_feed
from watchers.feeds.types import FeedError, FeedErrorKind, ParsedFeed

__all__ = ["feed_problem", "probe_feed"]

_HINTS = {
    FeedErrorKind.UNSAFE_URL: "feeds must be public http(s) URLs",
    FeedErrorKind.NETWORK: "check the address; the site may be down",
    FeedErrorKind.TIMEOUT: "the site is too slow; try again later",
    FeedErrorKind.TOO_MANY_REDIRECTS: "use the address the redirects end at",
    FeedErrorKind.TOO_LARGE: "use a smaller feed (e.g. one category)",
    FeedErrorKind.HTTP: "check the address; the page may have moved",
    FeedErrorKind.NOT_A_FEED: "look for the site's RSS or Atom link",
    FeedErrorKind.MALFORMED: "the feed is broken; try the site's other feed",
    FeedErrorKind.TOO_COMPLEX: "the feed is built in a way that is too slow to read; try the site's other feed",
}
_TRANSIENT = frozenset({FeedErrorKind.NETWORK, FeedErrorKind.TIMEOUT})


def feed_problem(url: str, exc: FeedError) -> str:
    """One line for a chat reply: the URL, what went wrong and what to do about it (once: an HTTP error whose
    message already carries the server-specific hint gets no second, generic one)."""
    if exc.kind is FeedErrorKind.HTTP and exc.status in HTTP_HINTS:
        return f"{url}: {exc}"
    return f"{url}: {exc} ({_HINTS.get(exc.kind, 'try another feed')})"


def _transient(exc: FeedError) -> bool:
    if exc.kind in _TRANSIENT:
        return True
    return exc.kind is FeedErrorKind.HTTP and (exc.status is None or exc.status >= 500 or exc.status == 429)


async def fetch_and_parse(ctx: CommandContext, url: str, *, outlet: str | None = None) -> ParsedFeed:
    """Fetch ``url`` once and parse it off the event loop; FeedError for every failure. ``outlet`` is the feed's
    configured ``name:``, which names its entries as the poller names them (watchers.feeds.outlet)."""
    result = await ctx.fetcher.fetch(url)
    if result.body is None:
        raise FeedError(FeedErrorKind.HTTP, f"{url} answered without a body (status {result.status})")
    return await asyncio.to_thread(  # a hostile feed may take its whole CPU budget: never on the loop
        parse_feed,
        result.body,
        content_type=result.content_type,
        base_url=result.final_url,
        now=ctx.clock.now(),
        outlet=outlet,
    )


async def probe_feed(ctx: CommandContext, url: str) -> str:
    """Read ``url`` once: CommandProblem if it can never work as given; else a short note for the reply.

    The note says what was found ("a feed of 20 entries, "Title"") or, for a failure that may pass, that the
    feed is added anyway and retried on schedule.
    """
    try:
        parsed = await fetch_and_parse(ctx, url)
    except FeedError as exc:
        if _transient(exc):
            return f"it could not be read just now ({exc}); it is added and retried on schedule"
        raise CommandProblem(feed_problem(url, exc)) from None
    found = f"a feed of {count(len(parsed.entries), 'entry')}"
    return f'{found}, "{parsed.title}"' if parsed.title else found
