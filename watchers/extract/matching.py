"""Term and phrase matching with word boundaries and light inflection tolerance.

Watches name their subjects with plain terms ("Xi", "soybean", "rare earths").
A naive substring test is wrong both ways: "Xi" would hit "Xinjiang" and
"deal" would hit "dealer", while "soybean" must still find "soybeans" and
"Trump" must find "Trump's".  Every term list is compiled once into a single
alternation regex so that one `search` per sentence answers the question.

Case: matching is case-insensitive, except for short all-caps acronyms ("US",
"EU", "UN", "WTO"), which are matched case-sensitively so that the pronoun
"us" is never the United States.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from watchers.config.regex_safety import LinearRegex, compile_linear
from watchers.extract.places import actor_places_in

__all__ = ["MatchRules", "TermMatcher", "compile_terms", "mentions_any"]

# Plural / possessive tolerance appended to the last word of every term.
_SUFFIX = r"(?:'s|s'|'|es|s)?"
_NAME_SUFFIX = r"(?:'s|s'|'|es|s|en|et)?"
_INFLECTED = r"(?:'s|s'|'|es|s|d|ed|ing|er|ers|ies|ied|y|ery|eries)?"


_AFTER_DIGIT = r"(?:'?s|-?(?:mm|cm|km|nm|kg|kw|mw|gw|gb|tb)\b)?"


def _term_pattern(term: str) -> str:
    term = term.strip()
    words = term.split()
    body = r"[\s-]+".join(re.escape(w) for w in words)
    last = words[-1]
    # Do not add plural tolerance after punctuation ("U.S."); after a digit only the plain plural: "F-16s",
    # "737s", "A320s" are the same things counted.
    # A number also names its thing with a unit glued on: "155" is the "155mm" or "155-mm" shell, "5" the "5nm" node.
    suffix = _SUFFIX if last[-1].isalpha() else (_AFTER_DIGIT if last[-1].isdigit() else "")
    if len(words) == 1 and last.isalpha() and last.islower() and len(last) >= 6:
        # one plain lower-case word an admin types as a stem ("deliver", "launch", "evacuate") finds its verb and
        # noun forms too ("delivered", "deliveries", "delivery", "launching"); names and short words stay exact
        suffix = _INFLECTED
    if len(words) == 1 and last.isalpha() and last[0].isupper() and last[1:].islower() and len(last) >= 6:
        # a name borrowed from a language that marks the definite form with a suffix: "Cityring" is written
        # "Cityringen" (Danish), "Øresund" "Øresundet"; English outlets keep the borrowed form
        suffix = _NAME_SUFFIX
    pat = rf"(?<![\w]){body}{suffix}(?![\w])"
    if len(term) <= 4 and term.isupper() and term.replace(".", "").isalpha():
        return f"(?-i:{pat})"
    return pat


@dataclass(frozen=True)
class TermMatcher:
    """A compiled, case-insensitive, word-bounded matcher for a list of terms.

    Terms are tried longest first so that "rare earths deal" wins over "deal"
    when both are listed.
    """

    terms: tuple[str, ...]
    regex: re.Pattern[str] | None = field(repr=False, compare=False)
    needles: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def search_lowered(self, text: str, low: str) -> bool:
        """:meth:`search` with the lower-cased text computed once by the caller (one entry, many watches)."""
        if self.regex is None:
            return False
        if self.needles:
            for needle in self.needles:  # a plain loop: this runs for every entry and every watch
                if needle in low:
                    break
            else:
                return False
        return self.regex.search(text) is not None

    def search(self, text: str) -> bool:
        """Whether any term occurs in `text`.

        A plain lower-case substring test on each term's first word runs first:
        most sentences mention none of the terms and the C substring search is
        an order of magnitude cheaper than the word-bounded regex.
        """
        if self.regex is None:
            return False
        if self.needles:
            low = text.lower()
            if not any(n in low for n in self.needles):
                return False
        return self.regex.search(text) is not None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of every (non-overlapping) term occurrence."""
        if self.regex is None:
            return []
        return [m.span() for m in self.regex.finditer(text)]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Iterate over the regex matches of the terms in `text`."""
        if self.regex is None:
            return iter(())
        return self.regex.finditer(text)

    def __bool__(self) -> bool:
        return self.regex is not None


@lru_cache(maxsize=2048)
def _compile(terms: tuple[str, ...]) -> TermMatcher:
    cleaned = tuple(dict.fromkeys(t.strip() for t in terms if t and t.strip()))
    if not cleaned:
        return TermMatcher(terms=(), regex=None)
    ordered = sorted(cleaned, key=len, reverse=True)
    pattern = "|".join(_term_pattern(t) for t in ordered)
    needles = tuple(dict.fromkeys(t.split()[0].lower() for t in cleaned))
    return TermMatcher(terms=cleaned, regex=re.compile(pattern, re.IGNORECASE), needles=needles)


def compile_terms(terms: Iterable[str]) -> TermMatcher:
    """Compile (and cache) a matcher for `terms`; cheap to call repeatedly."""
    return _compile(tuple(terms))


def mentions_any(sentence: str, terms: Sequence[str] | TermMatcher) -> bool:
    """Whether `sentence` mentions any of `terms` as whole words.

    Accepts either a precompiled :class:`TermMatcher` or a sequence of terms
    (compiled on first use and cached).
    """
    matcher = terms if isinstance(terms, TermMatcher) else _compile(tuple(terms))
    return matcher.search(sentence)


_NAME_PREFIX = 4  # letters two spellings of one name share at least ("Viet Nam" / "Vietnamese", "China" / "Chinese")


def _squeezed(term: str) -> str:
    return re.sub(r"[\s.\-'’]+", "", term.lower())


# What a name's other forms add to its stem: the adjective or people ("Vietnamese", "Chinese", "Ukrainian",
# "Israeli", "Russian") and the possessive or plural ("Boeing's"). Another name adds more: "Nigeria" is not "Niger".
_NAME_ENDINGS = frozenset({"", "a", "e", "i", "n", "s", "an", "ns", "ian", "ans", "ians", "ese", "ish", "is"})


def _variants(a: str, b: str) -> bool:
    """Whether two required terms are spellings of one name: after a shared stem of at least four letters, each
    adds at most a name ending ("Vietnam", "Viet Nam", "Vietnamese"; "China", "Chinese"; "Ukraine", "Ukrainian").
    Different names do not ("Spirit", "Frontier"; "Australia", "Austria"; "India", "Indonesia"; "Niger",
    "Nigeria")."""
    if _abbreviates(a, b) or _abbreviates(b, a) or _same_place(a, b):
        return True
    x, y = _squeezed(a), _squeezed(b)
    common = next((i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y)))
    return common >= _NAME_PREFIX and x[common:] in _NAME_ENDINGS and y[common:] in _NAME_ENDINGS


def _same_place(a: str, b: str) -> bool:
    """Whether two terms are each wholly a name of one country or bloc in ``lexicon/places.yaml``: "US", "U.S.",
    "United States" and "America" are one country's names, as "Britain" and "UK" are; "US" and "China" are two. A
    city is a place inside its country, not its spelling ("Japan" and "Tokyo" stay two requirements)."""
    pa, pb = actor_places_in(a), actor_places_in(b)
    whole = len(pa) == 1 and len(pb) == 1 and pa[0][:2] == (0, len(a)) and pb[0][:2] == (0, len(b))
    return whole and pa[0][2] == pb[0][2]


def _abbreviates(short: str, name: str) -> bool:
    """Whether `short` is a ticker or an acronym of `name`: the initials of a name of several words ("EU" and
    "European Union", "UAE"), or three to five capitals whose letters run through a one-word name in order from its
    first letter ("MSFT" and "Microsoft", "NVDA" and "Nvidia"). "UK" is no form of "Ukraine", "EU" none of
    "Australia"."""
    if not (2 <= len(short) <= 5 and short.isalpha() and short.isupper()) or len(name) <= len(short):
        return False
    words = re.findall(r"[A-Za-z]+", name)
    if len(words) > 1:
        # an acronym of a name of several words takes their initials ("EU", "UAE")
        return "".join(w[0] for w in words if w.lower() not in ("of", "and", "the")).upper() == short
    if len(short) < 3:
        return False  # two capitals are no ticker: "UK" is not "Ukraine", "IN" not "India"
    letters = _squeezed(name)
    if not letters or letters[0] != short[0].lower():
        return False
    at = 0
    for ch in short.lower():
        at = letters.find(ch, at)
        if at < 0:
            return False
        at += 1
    return True


def variant_groups(terms: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """Required terms grouped by name: an admin who types ``require=Vietnam, Vietnamese, Viet Nam`` (or
    ``require=Microsoft, MSFT``) lists the ways an outlet writes one name, and any of them satisfies it;
    ``require=Australia, EU`` names two parties, each needed.
    Order is kept: the first term of each group leads it."""
    groups: list[list[str]] = []
    for term in terms:
        for group in groups:
            if any(_variants(term, other) for other in group):
                group.append(term)
                break
        else:
            groups.append([term])
    return tuple(tuple(g) for g in groups)


@dataclass(frozen=True)
class MatchRules:
    """Entry-level selection rules for a watch.

    An entry matches when *every* term of `all_terms` occurs (spellings of one name count as one term, see
    :func:`variant_groups`), *at least one* of
    `any_terms` occurs (if that list is non-empty), *none* of `none_terms`
    occurs, and `regex` (if given, case-insensitive) finds a match.  Terms may be
    phrases; all tests look at title and summary together.
    """

    all_terms: tuple[str, ...] = ()
    any_terms: tuple[str, ...] = ()
    none_terms: tuple[str, ...] = ()
    regex: str | None = None
    _groups: tuple[tuple[str, ...], ...] = field(init=False, repr=False, compare=False)
    _all: tuple[TermMatcher, ...] = field(init=False, repr=False, compare=False)
    _any: TermMatcher = field(init=False, repr=False, compare=False)
    _none: TermMatcher = field(init=False, repr=False, compare=False)
    _regex: LinearRegex | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "all_terms", tuple(self.all_terms))
        object.__setattr__(self, "any_terms", tuple(self.any_terms))
        object.__setattr__(self, "none_terms", tuple(self.none_terms))
        object.__setattr__(self, "_groups", variant_groups(self.all_terms))
        object.__setattr__(self, "_all", tuple(_compile(g) for g in self._groups))
        object.__setattr__(self, "_any", _compile(self.any_terms))
        object.__setattr__(self, "_none", _compile(self.none_terms))
        # an admin's regex runs on RE2, in time linear in the text whatever the pattern (watchers/config/regex_safety)
        object.__setattr__(self, "_regex", compile_linear(self.regex) if self.regex else None)

    def mismatch(self, title: str, summary: str) -> str | None:
        """Why the entry fails the rules, in words an admin can act on (None: it matches)."""
        text = f"{title}\n{summary}"
        if self._none and self._none.search(text):
            return f"contains an excluded term ({', '.join(self.none_terms)})"
        if self._any and not self._any.search(text):
            return f"names none of the terms ({', '.join(self.any_terms)})"
        missing = [" or ".join(g) for g, m in zip(self._groups, self._all, strict=True) if not m.search(text)]
        if missing:
            return f"lacks the required term(s) {', '.join(missing)}"
        if self._regex is not None and self._regex.search(text) is None:
            return f"does not match the regex {self.regex!r}"
        return None

    def matches_text(self, text: str, low: str) -> bool:
        """Whether ``text`` (title and summary joined by a newline; ``low`` its lower-cased form) satisfies the
        rules. The cheapest test that most entries fail (none of the terms) runs first."""
        if self._any and not self._any.search_lowered(text, low):
            return False
        if self._none and self._none.search_lowered(text, low):
            return False
        if not all(m.search_lowered(text, low) for m in self._all):
            return False
        return not (self._regex is not None and self._regex.search(text) is None)

    def matches(self, title: str, summary: str) -> bool:
        """Whether the entry (title + summary) satisfies the rules."""
        text = f"{title}\n{summary}"
        if self._none and self._none.search(text):
            return False
        if self._any and not self._any.search(text):
            return False
        if not all(m.search(text) for m in self._all):
            return False
        return not (self._regex is not None and self._regex.search(text) is None)

    def mentions_any(self, sentence: str, terms: Sequence[str] | TermMatcher) -> bool:
        """Convenience wrapper around :func:`mentions_any`."""
        return mentions_any(sentence, terms)


class NeedleIndex:
    """Which of many rule sets can match a text, found in one pass (one RE2 set search over every watch's needles).

    With a hundred watches, most entries name none of a given watch's terms; asking each watch in turn costs a
    hundred substring scans per entry. Each rule set needs at least one of its required needles (the first words
    of its "any" terms, or of its first "all" term) in the lower-cased text: the index finds every needle present
    at once and :meth:`candidates` returns the rule sets that may match. The answer is a superset: the full,
    word-bounded :meth:`MatchRules.matches_text` still decides.
    """

    def __init__(self, rules: Sequence[MatchRules]) -> None:
        import re2

        self._always: list[int] = []
        self._by_needle: list[list[int]] = []
        needle_ids: dict[str, int] = {}
        self._set = re2.Set.SearchSet(re2.Options())
        for i, r in enumerate(rules):
            required = r._any if r._any else (r._all[0] if r._all else None)
            if required is None or not required.needles:
                self._always.append(i)
                continue
            for needle in required.needles:
                if needle not in needle_ids:
                    needle_ids[needle] = self._set.Add(re2.escape(needle))
                    self._by_needle.append([])
                self._by_needle[needle_ids[needle]].append(i)
        self._set.Compile()
        self._empty = not needle_ids

    def candidates(self, low: str) -> list[int]:
        """Indices of the rule sets that may match the lower-cased text ``low``, in their original order."""
        if self._empty:
            return list(self._always)
        found = set(self._always)
        for n in self._set.Match(low) or ():  # None when no needle is present
            found.update(self._by_needle[n])
        return sorted(found)
