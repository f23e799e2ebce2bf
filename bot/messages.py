"""Alerts and admin notices as platform-neutral OutgoingMessages (each channel renders them its own way)."""

from __future__ import annotations

from bot.channels.base import OutgoingMessage, Source
from watchers.store.tables import AdminNotice
from watchers.tracking.sources import publisher_of
from watchers.tracking.state import Alert


def alert_message(alert: Alert, watch_title: str, *, nonce: str) -> OutgoingMessage:
    """The alert's stored text split into headline and details, with its sources as links."""
    lines = [line for line in alert.text.split("\n") if line and not line.startswith("Sources: ")]
    first = lines[0] if lines else alert.kind
    first = first.removeprefix("UNCONFIRMED — ")
    headline = first.removeprefix(f"{watch_title}: ")
    sources = tuple(Source(publisher_of(url) or url, url) for url in alert.sources)
    return OutgoingMessage(
        kind=alert.kind,
        title=watch_title,
        headline=headline,
        details=tuple(lines[1:]),
        sources=sources,
        unconfirmed=alert.confidence == "unconfirmed",
        nonce=nonce,
        plain_text=alert.text,
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
