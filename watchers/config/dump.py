"""Watches back into config form: the plain YAML/JSON shape ``config/watches.yaml`` accepts.

The watches table stores each definition this way and ``export`` writes it, so what an admin downloads can be
pasted into the YAML file or imported again unchanged (``WatchConfig.model_validate(dump) == watch``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from watchers.config.schema import WatchConfig
from watchers.config.values import DateWindow

_UNITS = (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1))


def duration_text(value: timedelta) -> str:
    """``7d``, ``15m``, ``1h30m``: the config's duration syntax (sub-second parts are dropped)."""
    seconds = int(value.total_seconds())
    if seconds <= 0:
        return "0s"
    parts: list[str] = []
    for unit, size in _UNITS:
        if unit == "w" and seconds % size:
            continue  # weeks only when exact: "10d" reads better than "1w3d"
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)


def window_text(window: DateWindow) -> str:
    """A date window as the config writes it (``2026-04``, ``2026-H2``, ``2026-Q3``, ``a..b``)."""
    if window.precision == "half":
        return f"{window.start.year}-H{1 if window.start.month <= 6 else 2}"
    if window.precision == "quarter":
        return f"{window.start.year}-Q{(window.start.month - 1) // 3 + 1}"
    return window.iso()


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, timedelta):
        return duration_text(value)
    if isinstance(value, DateWindow):
        return window_text(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def watch_to_config(watch: WatchConfig) -> dict[str, Any]:
    """``watch`` as a config mapping (defaults left out, so the result stays short and readable)."""
    data = watch.model_dump(mode="python", exclude_defaults=True)
    data["id"], data["title"], data["kind"] = watch.id, watch.title, watch.kind
    data["match"] = watch.match.model_dump(mode="python", exclude_defaults=True)
    data["baseline"] = watch.baseline.model_dump(mode="python", exclude_defaults=True)
    data["baseline"]["as_of"] = watch.baseline.as_of
    if watch.baseline.expected is not None:
        data["baseline"]["expected"] = watch.baseline.expected  # model_dump turns the dataclass into a dict
    if watch.feeds:
        data["feeds"] = [f.model_dump(mode="python", exclude_none=True) for f in watch.feeds]
    order = ["id", "title", "kind", "feeds", "match", "subject", "baseline", "target", "metric"]
    ordered = {k: data[k] for k in order if k in data} | {k: v for k, v in data.items() if k not in order}
    plain: dict[str, Any] = _plain(ordered)
    return plain
