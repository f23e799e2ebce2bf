"""Alerts and admin notices as platform-neutral OutgoingMessages (each channel renders them its own way)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from bot.channels.base import OutgoingMessage, Source
from watchers.config.values import DateWindow
from watchers.store.tables import AdminNotice
from watchers.tracking.render import describe_window
from watchers.tracking.sources import article_url, outlet_name, publisher_of
from watchers.tracking.state import Alert


def outlets(urls: Sequence[str]) -> tuple[Source, ...]:
    """One source per outlet, in the order they reported, by its name and linking its first article: a second
    article from the same outlet is not a second outlet (an update must never read "reported by Reuters,
    Reuters"). The link loses the ``#via=`` mark that carried the name: it is followup's, not the reader's."""
    seen: dict[str, Source] = {}
    for url in urls:
        seen.setdefault(publisher_of(url) or url, Source(outlet_name(url) or url, article_url(url)))
    return tuple(seen.values())


def alert_message(alert: Alert, watch_title: str, *, nonce: str) -> OutgoingMessage:
    """The alert's stored text split into headline and details, with its sources as links."""
    lines = [line for line in alert.text.split("\n") if line and not line.startswith("Sources: ")]
    first = lines[0] if lines else alert.kind
    first = first.removeprefix("UNCONFIRMED — ")
    headline = first.removeprefix(f"{watch_title}: ")
    return OutgoingMessage(
        kind=alert.kind,
        title=watch_title,
        headline=headline,
        details=tuple(lines[1:]),
        sources=outlets(alert.sources),
        unconfirmed=alert.confidence == "unconfirmed",
        nonce=nonce,
        plain_text=alert.text,
        facts=state_facts(alert.state),
        timestamp=alert.at,
        watch_id=alert.watch_id,
    )


def state_facts(state: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    """The watch's state after an alert (``Alert.state``) as labelled facts, for embeds and webhook payloads:
    a reader (or a machine reading the embed) sees where the story stands without parsing the headline."""
    facts: list[tuple[str, str]] = []
    if isinstance(status := state.get("status"), str):
        facts.append(("Status", status))
    expected = state.get("expected")
    if isinstance(expected, Mapping):
        try:
            window = DateWindow(
                date.fromisoformat(str(expected["start"])),
                date.fromisoformat(str(expected["end"])),
                expected["precision"],
            )
        except (KeyError, ValueError):
            window = None
        if window is not None:
            facts.append(("Expected", describe_window(window)))
    if isinstance(due := state.get("due"), str):
        facts.append(("Due", due))
    value, target = state.get("value"), state.get("target")
    if isinstance(value, int | float) and not isinstance(value, bool) and status is None:
        facts.append(("Total", f"{value:,.0f}"))
    if isinstance(target, int | float) and not isinstance(target, bool):
        reached = " (reached)" if state.get("target_reached") else ""
        facts.append(("Target", f"{target:,.0f}{reached}"))
    return tuple(facts)


MAX_DIGEST_SOURCES = 10


def digest_message(alerts: Sequence[Alert], watch_titles: Mapping[str, str], *, nonce: str) -> OutgoingMessage:
    """Several low-priority alerts as one message: one line per alert (oldest first), their sources merged."""
    ordered = sorted(alerts, key=lambda a: a.at)
    lines: list[str] = []
    plain: list[str] = []
    sources: list[Source] = []
    seen: set[str] = set()
    for alert in ordered:
        title = watch_titles.get(alert.watch_id, alert.watch_id)
        single = alert_message(alert, title, nonce=nonce)
        flag = " (unconfirmed)" if single.unconfirmed else ""
        lines.append(f"• {alert.at:%d %b} · {title}: {single.headline}{flag}")
        plain.append(alert.text)
        for source in single.sources:
            if source.url not in seen and len(sources) < MAX_DIGEST_SOURCES:
                seen.add(source.url)
                sources.append(source)
    count = len(ordered)
    heading = f"Digest: {count} update{'s' if count != 1 else ''}"
    return OutgoingMessage(
        kind="digest",
        title=heading,
        headline=f"{ordered[0].at:%d %b %H:%M} to {ordered[-1].at:%d %b %H:%M} UTC" if ordered else "",
        details=tuple(lines),
        sources=tuple(sources),
        nonce=nonce,
        plain_text=heading + "\n\n" + "\n\n".join(plain),
    )


def notice_message(notice: AdminNotice, *, nonce: str) -> OutgoingMessage:
    title = "followup: feed paused" if notice.kind == "feed_paused" else f"followup: {notice.kind}"
    return OutgoingMessage(
        kind="notice",
        title=title,
        headline=notice.subject,
        details=(notice.message,),
        nonce=nonce,
        plain_text=f"{title}\n{notice.subject}\n{notice.message}",
    )
