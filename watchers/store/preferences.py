"""A subscription's delivery preferences: when its alerts may go out, and which wait for a digest.

``SubscriptionRow.prefs`` is JSON written by the config (``subscriptions:``) and by chat commands
(``settings``, ``mute``); this module is the one reader, shared by the enqueueing side (watchers/, which decides
that a low-priority alert waits for the next digest) and the dispatcher (bot/, which holds everything during
quiet hours or a mute). The shape, every key optional::

    {"timezone": "Europe/Berlin",
     "quiet_hours": {"start": "22:00", "end": "07:00"},
     "digest": {"times": ["08:00", "18:00"], "kinds": ["report", "value", "deadline_soon"]},
     "muted_until": "2026-11-23T10:00:00+00:00"}

Values that do not parse (a hand-edited row, a zone removed from tzdata) are ignored rather than fatal: a
delivery preference must never stop an alert from being delivered at all.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)

# Alert kinds a digest batches by default: routine progress, not changes of status or date.
DIGEST_DEFAULT_KINDS = ("report", "value", "deadline_soon")


def zone_of(prefs: Mapping[str, object]) -> ZoneInfo:
    name = str(prefs.get("timezone") or "UTC")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("subscription time zone %r is unknown; using UTC", name)
        return ZoneInfo("UTC")


def _clock(value: object) -> time | None:
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        return None


def quiet_until(prefs: Mapping[str, object], now: datetime) -> datetime | None:
    """If ``now`` falls in the subscription's quiet hours, the moment they end (in ``now``'s zone); else None."""
    quiet = prefs.get("quiet_hours")
    if not isinstance(quiet, Mapping):
        return None
    start, end = _clock(quiet.get("start")), _clock(quiet.get("end"))
    if start is None or end is None or start == end:
        return None
    zone = zone_of(prefs)
    local = now.astimezone(zone)
    clock = local.time().replace(tzinfo=None)
    inside = (start <= clock < end) if start < end else (clock >= start or clock < end)
    if not inside:
        return None
    end_day = local.date() if clock < end else local.date() + timedelta(days=1)
    return datetime.combine(end_day, end, tzinfo=zone).astimezone(now.tzinfo)


def muted_until(prefs: Mapping[str, object], now: datetime) -> datetime | None:
    """The end of a ``mute`` still running at ``now``; None when not muted."""
    raw = prefs.get("muted_until")
    if not raw:
        return None
    try:
        until = datetime.fromisoformat(str(raw))
    except ValueError:
        return None
    until = until if until.tzinfo else until.replace(tzinfo=UTC)
    return until if until > now else None


def held_until(prefs: Mapping[str, object], now: datetime) -> datetime | None:
    """When a delivery due now may go out, if not now: the later of the mute's end and the quiet hours' end.

    A mute can end inside quiet hours (and the reverse), so the check repeats until neither holds.
    """
    moment, held = now, False
    for _ in range(4):
        later = max((t for t in (quiet_until(prefs, moment), muted_until(prefs, moment)) if t), default=None)
        if later is None:
            break
        moment, held = later, True
    return moment if held else None


def hold_reason(prefs: Mapping[str, object], at: datetime) -> str | None:
    """Why a delivery raised at ``at`` was held: "quiet hours", "mute", or None if neither applied then.

    Read when the delivery finally goes out, so the message can say it was held and since when. A mute ended
    early with ``mute off`` keeps its end moment in the prefs for this reason.
    """
    if quiet_until(prefs, at) is not None:
        return "quiet hours"
    if muted_until(prefs, at) is not None:
        return "mute"
    return None


def digest_kinds(prefs: Mapping[str, object]) -> frozenset[str]:
    digest = prefs.get("digest")
    if not isinstance(digest, Mapping):
        return frozenset()
    kinds = digest.get("kinds")
    if not isinstance(kinds, list):
        return frozenset(DIGEST_DEFAULT_KINDS)
    return frozenset(str(k) for k in kinds)


def next_digest_at(prefs: Mapping[str, object], kind: str, now: datetime) -> datetime | None:
    """When an alert of ``kind`` raised at ``now`` goes out with the next digest; None: it goes out at once."""
    if kind not in digest_kinds(prefs):
        return None
    digest = prefs.get("digest")
    assert isinstance(digest, Mapping)
    raw_times = digest.get("times")
    times = sorted({t for t in (_clock(v) for v in raw_times) if t is not None}) if isinstance(raw_times, list) else []
    if not times:
        return None
    zone = zone_of(prefs)
    today: date = now.astimezone(zone).date()
    for offset in (0, 1, 2):
        for moment in times:
            candidate = datetime.combine(today + timedelta(days=offset), moment, tzinfo=zone)
            if candidate > now:
                return candidate.astimezone(UTC)
    return None  # unreachable with at least one time; kept for the type checker
