"""One sanitiser for untrusted text (feed titles and summaries, HTTP reason phrases, parser messages).

Terminal escape sequences (ESC [ ... m recolours, ESC ] 0; ... retitles a window), other C0/C1 control characters and
the bidirectional overrides that make text display in another order than it is stored have no place in a news
title. They are removed where feed text enters (parsing, fetch errors), so nothing stored, sent, printed or logged
carries them; newlines and tabs are kept where they belong. Log lines, which also carry other text, escape whatever
is left (:func:`escape_controls`), so a log viewer shows ``\\x1b`` instead of obeying it.
"""

from __future__ import annotations

import re

__all__ = ["clean", "escape_controls"]

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embeddings/overrides/isolates.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ESCAPABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """`text` without control characters (tab and newline kept)."""
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) else text


def escape_controls(text: str) -> str:
    """`text` with control characters written as ``\\xNN`` / ``\\uNNNN`` escapes (for log lines)."""
    if not _ESCAPABLE.search(text):
        return text
    return _ESCAPABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
