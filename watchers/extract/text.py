"""Text normalisation and sentence splitting for feed entries.

Feed summaries arrive as HTML fragments with curly quotes, non-breaking spaces
and en dashes.  Every later rule (dates, numbers, signals) is written against a
single normalised form, so normalisation happens exactly once here.

Sentence splitting is rule based and deliberately conservative: when in doubt it
does *not* split (merging two sentences costs little, while splitting
"Oct. 3" or "U.S. soybeans" would separate a number or a date from its subject).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

__all__ = ["clean_text", "entry_sentences", "split_sentences"]

_TAG_RE = re.compile(r"<[^>]{0,2000}>")
_WS_RE = re.compile(r"\s+")
_DIGIT_DASH_RE = re.compile(r"(?<=\d)\s*[\u2010\u2011\u2012\u2013]\s*(?=\d)")
_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u200b": "",
        "\ufeff": "",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": " - ",
        "\u2015": " - ",
        "\u2026": "...",
    }
)


def clean_text(s: str) -> str:
    """Return `s` as plain single-spaced text with ASCII quotes and dashes.

    Tags are dropped (block tags become spaces so words never glue together),
    entities are unescaped, curly quotes become straight ones, en dashes become
    "-" (so "May 14–15" and "May 14-15" are the same string for the date rules)
    and em dashes become " - " (a clause boundary).
    """
    if not s:
        return ""
    if "<" in s:
        s = _TAG_RE.sub(" ", s)
    if "&" in s:
        s = html.unescape(s)
    s = _DIGIT_DASH_RE.sub("-", s)
    s = s.translate(_TRANSLATE)
    return _WS_RE.sub(" ", s).strip()


# Abbreviations after which a period does not end a sentence.  Lower-cased,
# without the trailing period.  Month abbreviations are AP style (AP never
# abbreviates March-July, but other wires write "Mar." / "Jun.").
_ABBREVIATIONS_TEXT = """
    mr mrs ms dr prof gen sen rep gov lt col capt cmdr adm sgt maj st ft rev hon pres supt
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    vol fig ca approx est dept univ assn bros co corp inc ltd llc plc jr sr vs etc al
    u.s u.k u.n e.u u.a.e u.s.a a.m p.m i.e e.g d.c n.y l.a
    """
_ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split())

# Candidate boundary: terminal punctuation, optional closing quotes/brackets,
# whitespace, then something that can start a sentence.
_BOUNDARY_RE = re.compile(r"([.!?]+)([\"')\]]*)\s+(?=[\"'(\[]?[A-Z0-9])")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
# Abbreviations that only count as such before a number ("No. 2", "Nos. 3").
_NUMERIC_ABBREVIATIONS = frozenset({"no", "nos", "art", "p", "pp"})


def split_sentences(text: str) -> list[str]:
    """Split normalised text into sentences.

    A period ends a sentence unless it belongs to a known abbreviation
    ("Oct.", "Mr.", "U.S.", "a.m."), a single-letter initial ("Donald J. Trump")
    or sits between digits ("3.1 million", which never matches because no space
    follows).  "!" and "?" always end a sentence when followed by a capital.
    """
    text = text.strip()
    if not text:
        return []
    out: list[str] = []
    start = 0
    for m in _BOUNDARY_RE.finditer(text):
        punct = m.group(1)
        if punct == "." and not m.group(2):
            before = text[start : m.start()]
            wm = _WORD_BEFORE_RE.search(before)
            if wm:
                word = wm.group(1).lower().rstrip(".")
                if word in _ABBREVIATIONS or len(word) == 1:
                    continue
                if word in _NUMERIC_ABBREVIATIONS and text[m.end() : m.end() + 1].isdigit():
                    continue
        end = m.end(2)
        sent = text[start:end].strip()
        if sent:
            out.append(sent)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


@lru_cache(maxsize=4096)
def entry_sentences(title: str, summary: str) -> tuple[str, tuple[str, ...]]:
    """Clean an entry once and return (title, body sentences).

    Cached because one entry is evaluated against many watches during replay;
    the title is kept whole (headlines have no terminal punctuation and are
    treated as a single sentence by callers).
    """
    return clean_text(title), tuple(split_sentences(clean_text(summary)))
