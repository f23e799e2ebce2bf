"""Stable identity for feed entries.

An entry is "new" when its key has not been seen for the feed before, so the key must survive the things feeds
do between polls: re-ordering, re-rendering summaries, appending tracking parameters to links. Order of
preference:

1. the entry's guid / Atom id (``g:``) - the publisher's own identity;
2. the normalized link (``u:``) - tracking parameters, fragments and default ports removed, query sorted;
3. a hash of the normalized title and the publication date (``h:``) - last resort for feeds with neither.

The prefixes keep the three spaces apart (a guid that happens to equal a URL can never collide with a link
key). Keys longer than :data:`MAX_KEY_LENGTH` are replaced by a SHA-256 of the value (``gh:`` / ``uh:``) so
they always fit the database column.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["MAX_KEY_LENGTH", "TRACKING_PARAMS", "entry_key", "normalize_link"]

MAX_KEY_LENGTH = 512

#: Query parameters that only say where a click came from; they never change which article a link points to.
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gclsrc",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "ref_url",
        "cmpid",
        "ocid",
        "icid",
        "ncid",
        "sr_share",
        "smid",
        "_ga",
        "_gl",
        "mkt_tok",
        "__twitter_impression",
        "rss",
        "from_rss",
        "feed",
        "cmp",
        "at_medium",
        "at_campaign",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hmb_", "oly_")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_WS = re.compile(r"\s+")
_C0_CONTROLS = "".join(map(chr, range(0x21)))


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


def _trim(url: str) -> str:
    previous = None
    while previous != url:  # urlsplit itself drops C0 controls, so strip both kinds until stable
        previous = url
        url = url.strip().strip(_C0_CONTROLS)
    return url


def normalize_link(url: str) -> str:
    """Return ``url`` in a canonical form so the same article linked twice yields the same string.

    Lower-cases scheme and host, drops the default port, the fragment and tracking parameters (``utm_*``,
    ``fbclid``, ...), sorts the remaining query parameters and gives an empty path as ``/``. The scheme is
    kept (http and https may really be different resources). A string that is not a parseable URL is returned
    stripped.
    """
    url = _trim(url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if not parts.netloc:
        return _trim(urlunsplit((scheme, "", parts.path, parts.query, "")))
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:  # IPv6 literal: urlsplit removed the brackets
        host = f"[{host}]"
    netloc = host
    if parts.username is not None:
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{userinfo}@{host}"
    if port is not None and _DEFAULT_PORTS.get(scheme) != port:
        netloc = f"{netloc}:{port}"
    path = parts.path or "/"
    query = ""
    if parts.query:
        pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
        pairs.sort()
        query = urlencode(pairs)
    return _trim(urlunsplit((scheme, netloc, path, query, "")))


def _fit(prefix: str, hashed_prefix: str, value: str) -> str:
    key = prefix + value
    if len(key) <= MAX_KEY_LENGTH:
        return key
    return hashed_prefix + hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def entry_key(guid: str | None, link: str | None, title: str, published: datetime | None) -> str:
    """Return the stable identity of a feed entry (see the module docstring for the rules).

    The result is at most :data:`MAX_KEY_LENGTH` characters and always starts with a kind prefix.
    """
    if guid is not None:
        guid = guid.strip()
        if guid:
            return _fit("g:", "gh:", guid)
    if link is not None and link.strip():
        return _fit("u:", "uh:", normalize_link(link))
    normalized_title = _WS.sub(" ", title).strip().casefold()
    date = published.isoformat() if published is not None else ""
    digest = hashlib.sha1(f"{normalized_title}\n{date}".encode("utf-8", "surrogatepass"), usedforsecurity=False)
    return "h:" + digest.hexdigest()
