"""Status signals ("postponed", "signed", ...) with negation, hedging and tense.

A signal is a vocabulary phrase found in a sentence.  Phrases are written in
base form ("push back", "reach deal") and matched lemma-tolerantly
("pushed the trip back", "reached a trade deal"): every content word accepts
its regular and common irregular inflections, and up to three filler words may
sit before a content word or a particle (off, back, down, ...), never before a
preposition ("set to", "arrived in").

Each signal then gets:

* ``negated`` - a negation cue among the 4 tokens before the phrase or among
  its filler words ("not yet signed", "has not been postponed", "reached no
  deal", "without signing", "failed to sign", "no plans to postpone"), or a
  denial governing the clause ("denied a report that the visit was postponed",
  "dismissed reports ...", "... reports were false") not cut off by "but" /
  "however" / ";".
* ``confidence`` - "unconfirmed" when hedged: a modal or plan word shortly
  before the phrase (may, might, could, would, expected to, considering, mulls,
  plans to, ...), an attribution anywhere in the sentence (reportedly, sources,
  people familiar, ...), a question, or a conditional (if, unless, whether).
  Hedges also cover reports and refusals to comment ("declining to comment
  on reports of a delay", "speculation about a delay").
  For *completion* statuses (everything except ``confirmed``) a future / plan
  form is also unconfirmed: "will sign", "set to sign", "to be signed",
  "are finalizing" are plans, "signed"/"inked"/"has agreed" are facts.
* ``confirmed`` (events) needs an explicit confirmation or announcement
  ("confirms", "announced", "officially set") or a schedule word ("set to",
  "set for", "scheduled", "slated"; flagged ``needs_date``: the caller keeps
  it only with a date in the sentence).  Bare plan phrases ("to visit", "will
  travel", "accepted an invitation") restate the plan and are not signals.
  An announcement of a plan ("announced that the visit is planned for
  September", "confirmed he plans to travel") is dropped, and a future one
  ("dates will be announced") is unconfirmed.
* One signal per (status, negated) per sentence (the first in text order).
* When a sentence carries a non-negated signal of another status, generic
  ``confirmed`` signals in it are dropped ("confirmed the visit was postponed"
  is a postponement).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from watchers.extract.lexicon_data import load_lexicon
from watchers.extract.tense import tokens

__all__ = [
    "DEFAULT_VOCABULARIES",
    "Confidence",
    "StatusSignal",
    "Vocabulary",
    "denial_before",
    "find_status_signals",
    "hedge_cue",
]

Confidence = Literal["confirmed", "unconfirmed"]

ANNOUNCEMENT_STATUSES = frozenset({"confirmed"})
# Schedule words confirm only with a date of month precision or finer in the
# sentence ("set for May 14", "scheduled to visit in April"); the caller checks
# the date and drops signals flagged `needs_date` without one.
SCHEDULE_PHRASES = frozenset(
    {
        "set to",
        "set for",
        "scheduled",
        "slated",
        "on track",
        "go for",
        "cleared for",
        "target",
        "targeting",
        "targets",
        "working toward",
        "go ahead",
    }
)
# Announcement verbs: what they announce decides whether they confirm.
_ANNOUNCE_PHRASES = frozenset({"confirm", "announce"})


def _load_defaults() -> dict[str, dict[str, tuple[str, ...]]]:
    """The status verbs per kind from ``lexicon/status.yaml`` (data, so a new domain adds words, not code)."""
    data = load_lexicon("status")
    return {
        kind: {status: tuple(str(p) for p in phrases) for status, phrases in (statuses or {}).items()}
        for kind, statuses in data.items()
    }


_DEFAULTS: dict[str, dict[str, tuple[str, ...]]] = _load_defaults()

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "meet": ("met",),
    "hold": ("held",),
    "break": ("broke", "broken"),
    "fall": ("fell", "fallen"),
    "strike": ("struck", "stricken"),
    "take": ("took", "taken"),
    "make": ("made",),
    "go": ("went", "gone", "goes"),
    "withdraw": ("withdrew", "withdrawn"),
    "tear": ("tore", "torn"),
    "win": ("won",),
    "put": ("puts", "putting"),
    "set": ("sets", "setting"),
    "is": ("is",),
    "are": ("are",),
    "will": ("will",),
    "draw": ("drew", "drawn"),
    "undertake": ("undertook", "undertaken"),
    "cancel": ("cancellation", "cancelation", "cancellations"),
    "sign": ("signature",),
}
# Verbs whose "-ment" noun reports the status itself ("a postponement");
# "agreement" is the thing being watched, not a report that one was reached.
_MENT_NOUNS = frozenset({"postpone", "abandon", "defer", "announce"})
_NO_FILLER_BEFORE = frozenset({"to", "in", "for", "on", "at", "by", "of", "with", "from", "into"})
_NO_FILLER_AFTER = frozenset({"to", "will", "would", "is", "are", "set", "'ll", "in", "for", "on", "at", "of"})
_ARTICLES = frozenset({"a", "an", "the"})
# Words that are also common nouns: base / plural form after a determiner is a noun.
_NOUN_HOMOGRAPHS = frozenset({"sign", "seal", "ink", "set", "land", "scrap", "axe"})


def _inflections(word: str) -> list[str]:
    w = word.lower()
    forms = {w}
    if w in _IRREGULAR:
        forms.update(_IRREGULAR[w])
    if len(w) <= 3 and w not in {"ink", "axe", "sign"} and w not in _IRREGULAR:
        return sorted(forms, key=len, reverse=True)
    if w.endswith(("ed", "ing")) or w in {"met", "held", "took", "broke", "fell", "made", "went"}:
        return sorted(forms, key=len, reverse=True)
    stem = w[:-1] if w.endswith("e") else w
    forms.update({w + "s", stem + "ing", stem + "ed"})
    if w in _MENT_NOUNS:
        forms.update({w + "ment", w + "ments"})
    if w.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(w + "es")
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        forms.update({w[:-1] + "ied", w[:-1] + "ies"})
    if (
        3 <= len(w) <= 5
        and w[-1] not in "aeiouwxy"
        and w[-2] in "aeiou"
        and w[-3] not in "aeiou"
        and not w.endswith("gn")
    ):
        forms.update({w + w[-1] + "ed", w + w[-1] + "ing"})
    if w.endswith("l"):
        forms.update({w + "led", w + "ling"})
    if w.endswith("light"):
        forms.add(w[:-5] + "lit")  # "green-lit", "lit": the past of "light"
    if "ize" in w:
        forms.update(f.replace("ize", "ise") for f in list(forms))
    return sorted(forms, key=len, reverse=True)


def _phrase_gate(phrase: str) -> tuple[frozenset[str], ...] | None:
    """The word forms a sentence must hold for the phrase to be worth matching, one set per slot.

    Sentences are split into words at hyphens (tense.tokens), so a hyphenated word gates on its parts, the last
    one inflected: "green-light" needs "green" and one of "light", "lights", "lighted", "lighting". Gating on the
    whole word would never pass, and such a phrase would never be read.
    """
    if phrase.startswith("re:"):
        return None
    words = [w for w in phrase.split() if w.lower() not in _ARTICLES]
    gate: list[frozenset[str]] = []
    for w in words:
        if "-" not in w:
            gate.append(frozenset(_inflections(w)))
            continue
        *parts, _last = w.lower().split("-")
        gate.extend(frozenset({p}) for p in parts if p)
        gate.append(frozenset(f.rsplit("-", 1)[-1] for f in _inflections(w)))
    return tuple(gate)


_PARTICLES = frozenset({"off", "back", "out", "away", "down", "on"})


def _phrase_regex(phrase: str) -> str:
    if phrase.startswith("re:"):
        return phrase[3:]
    words = [w for w in phrase.split() if w.lower() not in _ARTICLES]
    parts: list[str] = []
    for i, w in enumerate(words):
        alt = "|".join(re.escape(f) for f in _inflections(w))
        group = f"(?:{alt})"
        if i == 0:
            parts.append(rf"\b{group}\b")
            if len(words) > 1:
                # a particle right after the verb makes another verb: "holds off naming a referendum date" holds
                # no referendum, "backed out of the deal" backs no deal ("push back" keeps its own particle)
                others = sorted(_PARTICLES - {words[1].lower()})
                parts.append(rf"(?!\s+(?:{'|'.join(others)})\b)")
            continue
        if w.lower() in _NO_FILLER_BEFORE or words[i - 1].lower() in _NO_FILLER_AFTER:
            parts.append(rf"[\s'\"‘’“”]+{group}\b")  # a quoted word stays the phrase: "'go' for Saturday"
        else:
            # a filler may be an amount: "struck a $5bn deal", "passes $280 billion bill"
            # (or a name of up to six capitalised words after an article: "approved the Corporate Sustainability Due
            # Diligence Directive", where the item's own name stands between the verb and its noun)
            parts.append(
                rf"(?P<f{i}>(?:\s+[$€£¥]?[\w'-]+(?:\.\d+)?){{0,3}}?|\s+(?:the|a|an)(?:\s+(?-i:[A-Z])[\w'-]*){{4,6}}?)"
                rf"\s+{group}\b"
            )
    return "".join(parts)


@lru_cache(maxsize=8192)
def _compiled_phrase(phrase: str) -> re.Pattern[str]:
    """A phrase's regex, compiled once per process: every watch of a kind shares most of its phrases, so compiling
    them per watch made building an engine of 200 watches take seconds (re's own cache holds only 512 patterns)."""
    return re.compile(_phrase_regex(phrase), re.IGNORECASE)


@lru_cache(maxsize=8192)
def _cached_gate(phrase: str) -> tuple[frozenset[str], ...] | None:
    """A phrase's word gate, built once per process for the same reason as its regex."""
    return _phrase_gate(phrase)


@dataclass(frozen=True)
class Vocabulary:
    """Status phrases for one watch: ``{status: (phrase, ...)}``.

    Build with :meth:`for_kind` (defaults per watch kind) and customise with
    :meth:`extend` / :meth:`override`.  Phrases are plain base-form words, or
    raw regexes prefixed with ``re:``.  Compiled once per vocabulary.
    """

    phrases: Mapping[str, tuple[str, ...]]
    _compiled: tuple[tuple[str, str, re.Pattern[str]], ...] = field(init=False, repr=False, compare=False)
    _gates: tuple[tuple[frozenset[str], ...] | None, ...] = field(init=False, repr=False, compare=False)
    _slots: dict[str, list[tuple[int, int]]] = field(init=False, repr=False, compare=False)
    _always: frozenset[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        frozen = {k: tuple(v) for k, v in self.phrases.items()}
        object.__setattr__(self, "phrases", frozen)
        compiled = tuple(
            (status, phrase, _compiled_phrase(phrase)) for status, plist in frozen.items() for phrase in plist
        )
        object.__setattr__(self, "_compiled", compiled)
        gates = tuple(_cached_gate(phrase) for _, phrase, _ in compiled)
        object.__setattr__(self, "_gates", gates)
        slots: dict[str, list[tuple[int, int]]] = {}
        for pi, gate in enumerate(gates):
            for si, forms in enumerate(gate or ()):
                for f in forms:
                    slots.setdefault(f, []).append((pi, si))
        object.__setattr__(self, "_slots", slots)
        # raw-regex phrases have no word gate: they are candidates for every sentence
        object.__setattr__(self, "_always", frozenset(pi for pi, gate in enumerate(gates) if gate is None))

    @classmethod
    def for_kind(cls, kind: str) -> Vocabulary:
        """The default vocabulary for a watch kind ("event", "agreement", "metric")."""
        return _default_vocab(kind)

    def extend(self, extra: Mapping[str, Iterable[str]]) -> Vocabulary:
        """A copy with `extra` phrases appended to (or creating) each status."""
        merged = {k: tuple(v) for k, v in self.phrases.items()}
        for status, plist in extra.items():
            merged[status] = tuple(dict.fromkeys((*merged.get(status, ()), *plist)))
        return _shared_vocabulary(tuple(merged.items()))

    def override(self, replacement: Mapping[str, Iterable[str]]) -> Vocabulary:
        """A copy where each status in `replacement` gets exactly the given phrases."""
        merged = {k: tuple(v) for k, v in self.phrases.items()}
        for status, plist in replacement.items():
            merged[status] = tuple(plist)
        return _shared_vocabulary(tuple(merged.items()))

    @property
    def compiled(self) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
        """(status, phrase, regex) triples in vocabulary order."""
        return self._compiled

    def candidates(self, sentence: str) -> list[tuple[str, str, re.Pattern[str]]]:
        """The phrases whose every word (in some inflection) occurs in `sentence`.

        Only these can match, so only their regexes are run: word-set checks
        are far cheaper than ~40 regex scans per sentence.
        """
        satisfied: set[tuple[int, int]] = set()
        slots = self._slots
        for t in tokens(sentence):
            hit = slots.get(t[2])
            if hit is not None:
                satisfied.update(hit)
        counts: dict[int, int] = {}
        for pi, _si in satisfied:
            counts[pi] = counts.get(pi, 0) + 1
        gates = self._gates
        chosen = self._always.union(pi for pi, n in counts.items() if n == len(gates[pi] or ()))
        return [self._compiled[pi] for pi in sorted(chosen)]  # in vocabulary order, as the rules expect

    def may_match(self, sentence: str) -> bool:
        """Cheap prefilter: False only if no phrase can possibly match."""
        return bool(self.candidates(sentence))


@lru_cache(maxsize=1024)
def _shared_vocabulary(items: tuple[tuple[str, tuple[str, ...]], ...]) -> Vocabulary:
    """One Vocabulary per distinct phrase list: watches of one kind derive the same few from the defaults, and a
    Vocabulary is immutable, so they share it instead of each indexing its phrases again."""
    return Vocabulary(dict(items))


@lru_cache(maxsize=8)
def _default_vocab(kind: str) -> Vocabulary:
    return Vocabulary(_DEFAULTS.get(kind, {}))


DEFAULT_VOCABULARIES: dict[str, dict[str, tuple[str, ...]]] = _DEFAULTS


@dataclass(frozen=True, slots=True)
class StatusSignal:
    """One status phrase found in a sentence, with the reasons for its verdict.

    `rule` is the vocabulary phrase that fired; `text` the words in the
    sentence; `reasons` lists every cue that changed the verdict
    (e.g. ``("hedge 'expected to'",)``) so an admin can see why.
    """

    status: str
    confidence: Confidence
    negated: bool
    rule: str
    text: str
    span: tuple[int, int]
    sentence: str
    reasons: tuple[str, ...] = ()
    needs_date: bool = False


_WORD_RE = re.compile(r"[\w']+")
_NEG_WORDS = frozenset({"not", "never", "no", "without", "nor", "neither", "cannot", "nothing"})
_NEG_PHRASE_RE = re.compile(
    r"(?i:\b(?:yet\s+to|fail(?:s|ed|ing)?\s+to|refus(?:e|es|ed|ing)\s+to|declin(?:e|es|ed|ing)\s+to|"
    r"no\s+plans?\s+to|rather\s+than|instead\s+of|rul(?:e|es|ed|ing)\s+out|far\s+from|"
    r"unable\s+to|no\s+longer)\b)\W*(?:\w+\W+){0,2}$"
)
_DENIAL_BEFORE_RE = re.compile(
    r"(?i:\b(?:den(?:y|ies|ied|ying|ial)|dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?\s+(?:[\w-]+\s+){0,2}?(?:reports?|claims?|"
    r"suggestions?|speculation|rumou?rs?|calls?|demands?|pressure)|"
    # refusing what others urge: "rejected calls to delay or cancel the visit", "resisted pressure to postpone"
    r"(?:resist(?:s|ed|ing)?|brush(?:es|ed|ing)?\s+aside|shrug(?:s|ged|ging)?\s+off)\s+(?:calls?|demands?|pressure)|"
    r"refut(?:e|es|ed|ing)|rebut(?:s|ted)?|(?:is|was|are|were)\s+"
    r"(?:false|untrue|baseless)|fake\s+news|no\s+truth)\b)"
)
_DENIAL_AFTER_RE = re.compile(
    r"(?i:\b(?:(?:is|was|are|were)\s+['\"‘“]?(?:false|untrue|baseless|not\s+true|not\s+accurate|inaccurate|wrong|"
    # a claim called early or unfounded is denied too: "reports that the pact has been finalised are premature"
    r"groundless|fabricated|premature|incorrect|unfounded|speculative|misleading)|"
    r"(?:a\s+)?(?:report|claim)s?\s+(?:that\s+)?\w*\s*(?:denied|dismissed|rejected)|which\s+\w+\s+denied|"
    r"(?:officials|ministry|spokesm[ae]n|spokeswoman|spokesperson|government)\s+denied)\b)"
)
_CONTRAST_RE = re.compile(r"(?i:\bbut\b|\bhowever\b|\bthough\b|\balthough\b|\byet\b(?!\s+to)|;)")
_LOCAL_HEDGE_RE = re.compile(
    r"(?-i:\bmay\b)|(?i:\b(?:might|could|would|should|weigh(?:s|ing)?|consider(?:s|ing|ed)?|mull(?:s|ed|ing)?|"
    # the earliest a thing may come is no schedule: "could rescind the order as early as Wednesday"
    r"as\s+early\s+as|"
    # a headline's "eyes" is a wish ("Kishida eyes Washington state visit in early 2024"; a day "eyed for" is a
    # target), and a claim brought in as "a report that" is the report's ("declining to confirm a report that a
    # visit is being arranged for April 10")
    # (a report denied is the denial's business: "denied a report that the visit was postponed")
    # a completion told as nearly there is not there: "the deal is 'pretty much finalized'", "all but agreed"
    r"(?:pretty\s+much|almost|nearly|all\s+but|virtually|essentially|more\s+or\s+less)(?=[\s'‘’\"“”]*$)|"
    r"eyes|eyeing|(?<!denied\s)(?<!denies\s)(?<!denying\s)(?<!rejected\s)(?<!dismissed\s)"
    r"(?:a|the)\s+(?:media\s+|news\s+|newspaper\s+|press\s+)?reports?\s+that|"
    r"hope(?:s|d)?|hoping|expect(?:s|ed|ing)?|likely|unlikely|possibly|possible|probably|"
    # a possibility named as such: "a real shot at launching late next month", "a good chance of a deal by Friday"
    r"(?:real|good|decent|fair|slim|strong)\s+(?:shot|chance)s?\s+(?:at|of)|chances?\s+(?:of|that)|possibility|"
    # a possibility called small is still only a possibility: "they see little chance 3G walks away"
    r"(?:little|small|low|remote|no\s+real)\s+(?:chance|likelihood|risk|prospect)s?|"
    # a risk named is a possibility too: "Metro company: 'significant risk' Cityringen will be delayed", "the risk
    # that the deal slips"
    r"(?:significant|serious|real|high|big|growing|major)\s+risks?(?=['’\"”]?\s)|\brisks?\s+(?:that|of)|"
    r"is\s+said\s+to|are\s+said\s+to|"
    r"said\s+to\s+(?:be|have|near|top|reach|exceed|hit|pass|approach|number|total|stand)|said\s+to(?=\s*$)|"
    r"claim(?:s|ed|ing)?|alleg(?:e|es|ed|edly|ing)|purport(?:s|ed|ing|edly)?|"
    r"doubt(?:s|ed|ful)?|skeptical|sceptical|(?:not|n't)\s+expect(?:ed|ing)?|"
    # an outlook, not a timetable: "CEO 'optimistic' Seagen deal can close by year-end", "hopeful of a deal"
    r"optimistic|hopeful|upbeat|"
    # a wish to do a thing is no schedule for it: "said he was eager to visit India in early December", "keen to
    # close the deal before Christmas", "looks forward to his state visit"
    r"eager|keen\s+to|look(?:s|ed|ing)?\s+forward\s+to|"
    # an appearance is an inference, not a statement: "Flight 9 appears to slip past May 21", "the deal seems to have
    # stalled", "the opening appeared set for June"
    r"(?:appear|seem)(?:s|ed)?\s+(?:to|set)\b|"
    # a headline's "seen" is a forecast: "delisting seen by year-end", "deal seen closing in Q3"
    r"seen(?=\s+(?:by|in|at|around|before|as\s+early\s+as|closing|completing|next|this)\b)|"
    # an estimate of a development is an opinion of it: "estimating a delay of at least a year"
    r"estimat(?:e|es|ed|ing)\s+(?:a|an|that)\b|"
    r"plans?|planning|aims?|aiming|seeks?|seeking|poised|ready|prepar(?:e|es|ed|ing)|threaten(?:s|ed)?|"
    r"close\s+to|nearing|on\s+the\s+verge|in\s+talks|discuss(?:es|ed|ing)?|negotiat(?:e|es|ed|ing)|"
    r"want(?:s|ed)?|intend(?:s|ed)?|propos(?:e|es|ed)|tentative(?:ly)?|pencil(?:l)?ed|could\s+be|"
    # a proposal or request is not a decision: "May asks EU to delay Brexit until June 30", "Trump suggests the
    # Olympics be put off a year", "unions urge a delay", "calls for postponing the vote"
    r"ask(?:s|ed|ing)?\s+(?:[\w'’-]+\s+){0,3}?to|suggest(?:s|ed|ing)?|urg(?:e|es|ed|ing)|calls?\s+for|"
    # (the verb, not the noun: "strong demand" hedges nothing)
    # ("demand organisers | postpone": the demanded act is the statement read right after)
    r"demanded|demanding|demands?\s+(?:that|(?:the\s+)?[a-z]+(?=\s+$))|"
    r"called\s+for|request(?:s|ed|ing)?|"
    # ... with who calls between: "prompting calls from some doctors for the trip to be delayed"
    r"calls?\s+from\s+(?:[\w'’-]+\s+){1,4}?for|"
    # a retailer's listing is a placeholder, not the maker's date: "listed for December 1st launch on PLAION store"
    r"listed\s+(?:for|on|at)|listings?\s+(?:show|shows|suggest|suggests|points?\s+to)|placeholder|"
    r"reports?\s+(?:of|about|on)|(?:the|media|press|news|earlier|recent|unconfirmed|those|these|such|on|to|amid|confirm)\s+"
    r"reports?\s+that|(?:declin|refus)(?:e|es|ed|ing)\s+to\s+(?:comment|confirm)|(?:would|will|did|could)\s*(?:not|n't)\s+"
    r"comment|no\s+comment)\b)"
)
# Goal words state a deadline or target ("hope to complete the deal by Dec. 15",
# "aim to finalize by Dec. 15"): they hedge a status, not the date itself.
_GOAL_HEDGE_RE = re.compile(
    r"(?i:hope(?:s|d)?|hoping|expect(?:s|ed)?|plans?|planning|aims?|aiming|seeks?|seeking|want(?:s|ed)?|"
    r"intend(?:s|ed)?|poised|ready|prepar(?:e|es|ed|ing))"
)
# An announcement of a plan ("announced that the visit is planned for
# September", "confirmed he plans to travel") does not confirm the plan.
_PLAN_TAIL_RE = re.compile(
    r"(?i:\b(?:plans?|planned|planning|intends?|intended|hopes?|hoped|hoping|expects?|expected|aims?|aiming|"
    r"wants?|considering|weighing|mulling|tentative(?:ly)?)\b)"
)
_FUTURE_ANNOUNCE_RE = re.compile(
    r"(?i:\b(?:will|'ll|to|would|shall|yet\s+to|will\s+be|to\s+be|would\s+be|be|expected\s+to\s+be)\s*$)"
)
_INDEFINITE_BEFORE_RE = re.compile(r"(?i:\b(?:a|an|any|another)\s+$)")
_NOUN_MODAL_AFTER_RE = re.compile(r"(?i:\s+[a-z-]+\s+(?:would|could|might|may|will|should)\b)")
_MODAL_AFTER_RE = re.compile(
    r"(?i:(?:-[a-z]+)?(?:\s+(?:on|of|for)\s+(?:[\w'’.-]+\s+){0,4}?|\s+)"
    r"(?:could|would|will|may|might|is\s+(?:likely|expected)\s+to)\s+"
    r"(?:come|happen|take\s+place|follow|be\s+(?:done|completed|signed|made|held|reached|agreed|announced))\b)"
)
_FUTURE_AFTER_NOUN_RE = re.compile(
    r"(?i:(?<=ment)s?\s+(?:would|will|could|may|might|should|is\s+(?:expected|due|likely)|was\s+(?:expected|due)|"
    r"(?:is|was)\s+still\s+to)\b|(?<=tion)s?\s+(?:would|will|could|may|might|should|is\s+(?:expected|due|likely)|"
    r"was\s+(?:expected|due))\b)"
)
_REPORTED_RE = re.compile(
    r"(?i:\b(?:said|says|say|told\s+\w+|announced|confirmed|stated|added)\b(?:\s+that)?(?:\s+[\w'.-]+){0,8}\s+$)"
)
_GLOBAL_HEDGE_RE = re.compile(
    r"(?i:\b(?:reportedly|sources?\s+(?:said|say|says|told|familiar|indicated?|indicates|suggest(?:s|ed)?|claim(?:s|ed)?)|according\s+to\s+(?:people|sources|a\s+"
    r"person|two\s+people|three\s+people|officials\s+familiar|a\s+source|"
    # sources named by their kind stay unnamed: "according to diplomatic sources", "according to industry sources"
    r"(?:[a-z]+\s+){1,2}sources?\b)|people\s+familiar|person\s+familiar|(?:people|persons?)\s+aware\s+of|"
    # an unnamed report as the source: "Scholz set to visit China in mid-April, report says", "according to a German
    # newspaper report" (a named outlet's or a company's own report is left alone: "Boeing's report says")
    r",\s+(?:(?:media|newspaper|press|local)\s+)?reports?\s+(?:says?|said|shows?)\s*$|"
    # a claim named as such at the end of a headline: "..., with an October launch, leaker claims", "..., rival alleges"
    r",\s+(?:[\w'’.-]+\s+){0,3}?(?:claims?|claimed|alleges?|alleged)\s*$|"
    r"according\s+to\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:newspaper|media|press|news)\s+reports?|"
    # unnamed people in the know: "people briefed on the matter said", "a person close to the talks"
    r"(?:people|persons?|officials|sources?)\s+(?:briefed\s+on|close\s+to|with\s+(?:direct\s+)?knowledge\s+of)|"
    r"familiar\s+with\s+the|speculat(?:e|ed|ion)|rumou?r(?:s|ed)?|unconfirmed|unverified|"
    # a hint is no statement: "Unverified leak hints at a delay", "the filing hinted at a later close"
    r"hints?\s+at|hinted\s+at|hinting\s+at|on\s+condition\s+of\s+anonymity|"
    r"not\s+authori[sz]ed\s+to|media\s+reports?|if|unless|whether|"
    # a statement its speaker disclaims: "but says it is 'not a commitment'", "no official announcement has been made"
    r"not\s+(?:a\s+)?(?:firm\s+)?commitment|no\s+official\s+(?:announcement|confirmation|date)|"
    r"nothing\s+(?:is|has\s+been)\s+(?:final|confirmed|decided)|"
    # "saying no decision has been made on the schedule": the schedule is not decided
    r"no\s+(?:final\s+)?decision\s+(?:has|had)\s+(?:yet\s+)?been\s+(?:made|taken|reached)|"
    # a temporal condition: "the pact takes effect once the acquisition closes" has not taken effect
    r"once\s+(?:the|it|they|its|their|this|that|both|all)|as\s+soon\s+as|provided\s+that|"
    # ... or with a name as its subject and a present verb: "will end news availability once Bill C-18 becomes law"
    r"once\s+(?-i:[A-Z])[\w.'’-]*(?:\s+(?-i:[A-Z0-9])[\w.'’-]*){0,3}\s+(?:becomes|is|are|has|have|closes|passes|"
    r"takes|gets|wins|receives|clears|completes|enters|comes|goes|opens|launches|lands|signs)\b|"
    # "which Disney will inherit when it completes its Fox purchase", "six months after the law enters into force":
    # a present in a clause of time is a time to come
    # ("on the day a final deal is signed", "by the time the merger has closed": the same with a noun phrase)
    r"(?:when|after|until|till|before|by\s+the\s+time|(?:on\s+)?the\s+(?:day|moment|minute|instant))\s+"
    # (the noun phrase holds no preposition, and its verb is in lower case: "after the House of Lords dropped" is past)
    # (an indefinite pronoun too: "nothing is agreed until everything is agreed")
    r"(?:it|they|he|she|everything|everyone|all|both|(?:the|a|an|its|their|his|her|our|any)\s+"
    r"(?:(?!(?:of|for|to|in|on|at|by|with|from)\b)[\w-]+\s+){0,2}?"
    r"[\w-]+|"
    # a bare noun of an activity as the subject: "who pays and when tolling starts", "when voting opens"
    r"(?-i:[a-z]+ing)|"
    # a name or a name's noun as the subject: "days before Firefly's Blue Ghost touches down"
    # (only a possessive: a bare name with a present verb is a headline's past, "after ULA swaps faulty computer")
    r"(?-i:[A-Z])[\w.-]*['’]s(?:\s+(?-i:[A-Z0-9])[\w.-]*){1,2})\s+(?-i:is|are|has\s+been|have\s+been|can|may|must|will|"
    r"(?!(?:was|has|does|says|this|his)\b)[a-z]+(?<!ed)(?<!s)s)\b|"
    # a sentence that calls what it reports wrong: "posts claiming exports had topped 20 million were wrong"
    r"(?:were|was|is|are)\s+(?:wrong|false|untrue|incorrect|inaccurate|fake|baseless|unfounded|"
    r"not\s+(?:accurate|true|correct))|"
    # a correction notice retracts what it quotes: "an earlier version of this story said the act had been signed"
    r"(?:earlier|previous)\s+version\s+of\s+this\s+(?:story|article|report)|incorrectly\s+(?:said|stated|reported)|"
    r"misstated|misreported)\b|"
    # a retrospective tells history: "From the archives: a papal visit scrubbed by fog", "On this day in 1987"
    r"from\s+the\s+archives?|on\s+this\s+day|flashback|throwback|looking\s+back|(?:\d+|a|[a-z]+(?:-[a-z]+)?)\s+years?\s+ago\s+today|"
    # a forecast by observers is not the maker's plan: "analysts expect Nintendo to release it before the summer"
    # (their estimates as a noun are a yardstick: "below analysts' estimates" hedges the figure compared with them)
    r"(?:analysts?|economists?|observers|experts|traders|pundits)\b(?!['’])[^.;]{0,40}?\b(?:expect|predict|forecast|"
    r"estimate|see|believe|reckon)s?|"
    # the wire's sourced headline: "Vatican to announce Canada visit on Friday: sources", "... - report"
    r"[:\u2013\u2014-]\s*(?i:sources?|reports?|media)\s*$)"
)
# A verb coordinated with an infinitive or a future shares its time: "Trump to visit Beijing from March 31, sign rare
# earths pact" (headline "to" = will), "will travel to Beijing and sign the pact".
_COORDINATED_FUTURE_RE = re.compile(
    r"(?i:\b(?:to|will|'ll|shall|would)\s+[a-z]+\b[^;:.]{0,60}?(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)$)"
)
# A determiner or a possessive right before an attributive participle: "the delayed", "its postponed", "line's".
_ATTRIBUTIVE_BEFORE = re.compile(r"(?i:(?:\b(?:the|its|their|his|her|this|that|these|those|a|an)|['’]s)\s+$)")
# The noun an attributive participle describes: a capitalised name or a common noun, not a preposition or a time.
_NOUN_AFTER_PARTICIPLE = re.compile(
    r"\s+(?!(?:to|until|into|by|for|from|on|in|at|again|indefinitely|till|and|or|but)\b)(?:[A-Z][\w'’-]*|[a-z][a-z-]{2,})\b"
)


_FUTURE_BEFORE_RE = re.compile(
    r"(?i:\b(?:will|'ll|shall|would|to|going\s+to|set\s+to|about\s+to|due\s+to|is\s+to|are\s+to|to\s+be|will\s+be|"
    r"would\s+be|could\s+be|may\s+be|might\s+be|expected\s+to\s+be|is\s+being|are\s+being|"
    # an obligation is not the act: "the House must pass the bill by Oct. 31", "needs to sign it by Friday"
    r"must|must\s+be|should|should\s+be|needs?\s+to|has\s+to|have\s+to|ought\s+to|"
    # an ability or a right is not its use: "either side can terminate", "the deal can now close"
    r"can|can\s+now|can\s+be)"
    # an adverb may split the infinitive or follow the modal: "vows to promptly sign", "will formally open"
    r"(?:\s+[a-z]{2,}ly)?\s*$)"
)

# The present progressive's auxiliary right before a verb: "Ubisoft is delaying", "they're now scrapping".
_PRESENT_PROGRESSIVE_BEFORE = re.compile(r"(?i:\b(?:is|are)\s+(?:now\s+|also\s+)?$|['’](?:s|re)\s+(?:now\s+)?$)")

# A participle after a comma that closes a finite clause states that clause's result: "FAA finds new flaw in 737 Max
# software, delaying the jet's return", "storms hit the coast, forcing a postponement". It is not an act in progress.
_RESULT_CLAUSE_BEFORE = re.compile(r"\w[\w'’)]*\s*,\s*$")
# The item's name may stand between: "no decision yet on Tokyo 2020 postponement", "talk about an Artemis II delay".
_TOPIC_BEFORE = re.compile(
    r"(?i:\b(?:about|of|over|on|regarding|concerning|against)\s+(?:a\s+|an\s+|the\s+|any\s+)?)"
    r"(?:[A-Z0-9][\w-]*\s+){0,3}$"
)
_PAST_PREFIX_RE = re.compile(r"(?i:\b(?:after|since|following|upon)\s*$)")
# An infinitive a decision governs is decided, not planned: "EU clinches deal to delay deforestation law", "negotiators
# agreed late on Tuesday to push back the rules", "the board voted to scrap the event", "a decision to postpone the
# summit". Only a move or a cancellation is read so: the decision to delay is the delay, while a vote "to pass" a
# bill is one chamber's step and "agreed to sign" names a signing still to come.
_DECIDED_TO_RE = re.compile(
    r"(?i:\b(?:agreed|agrees|decided|decides|voted|votes|deal|decision|agreement)\b(?:\s+[\w'’-]+){0,4}?\s+to\s*$)"
)
# A verb's bare or plural form after a preposition or quantifier is its noun, and such a noun names background,
# not a new development: "opens after years of delays", "despite repeated delays", "amid cost overruns and
# delays", "free of scrubs". A past form ("after being delayed") stays a verb, and "a delay"/"the delay" are left to
# the other rules (an announced delay is news).
_BACKGROUND_NOUN_RE = re.compile(
    r"(?i:\b(?:of|after|despite|amid|amidst|following|without|through|over|further|more|repeated|multiple|several|"
    r"many|costly|numerous|previous|past|earlier|years\s+of|months\s+of)\s*$|"
    # coordinated with a noun after "of": "after more than two decades of construction and delays"
    r"\bof\s+[a-z]+\s+and\s*$|"
    # with a determiner or modifiers between: "builds its first Cybertruck after two-year delay", "despite a
    # lengthy delay", "following the latest postponement"
    r"\b(?:of|after|despite|amid|amidst|following|through|over)\s+(?:(?:a|an|the|its|their|his|her|our|[a-z]+-[a-z-]+|"
    r"long|lengthy|costly|repeated|brief|short|latest|last|recent|further|months|years)\s+){1,3}$|"
    # a noun modifier naming the cause: "Pope to visit Congo after knee delay", "opens despite weather delays"; a
    # concession's noun may name another thing's trouble: "visit unchanged despite Quad summit cancellation"
    r"\b(?:after|despite|amid|amidst|following)\s+(?:(?:a|an|the|its|their|his|her|our)\s+)?[a-z]+\s+$|"
    r"\b(?:despite|amid|amidst|notwithstanding)\s+(?:(?:a|an|the|its|their|his|her|our)\s+)?(?:[\w'’-]+\s+){1,3}$|"
    # a delay named by its year is a known one: "the board that examined Psyche's 2022 delay", "the 2019 postponement"
    r"(?:['’]s|\bthe|\bits|\btheir)\s+(?:19|20)\d\d\s+$)"
)
_NOMINAL_ENDINGS = ("ation", "ations", "ment", "ments", "al", "als")


def _nominalisation(word: str, base: str) -> bool:
    """'cancellation' of 'cancel', 'postponement' of 'postpone', 'approval' of 'approve': the act named as a noun.

    Such a noun after "despite" or "amid" names background as the bare noun ("despite delays") does.
    """
    low = word.lower()
    return len(base) >= 4 and low.startswith(base[:4]) and low.endswith(_NOMINAL_ENDINGS) and low != base


# What is blamed or apologised for is a known delay: "Review blames JPL staffing woes for NASA Psyche launch delay",
# "NASA apologises for the delay", "criticised for the postponement" (looked for up to 90 characters back).
_BLAMED_FOR_RE = re.compile(
    r"(?i:\b(?:blam(?:e|es|ed|ing)|apologi[sz](?:e|es|ed|ing)|criticis(?:e|es|ed|ing)|criticiz(?:e|es|ed|ing)|"
    r"fault(?:s|ed)?|responsible|reasons?|causes?)\b[^.;:]{0,60}?\bfor\s+(?:[\w'’-]+\s+){0,5}$)"
)
# After a possessive a verb form is a noun ("the project's delays"); before an epistemic noun it modifies that noun
# ("delay fears", "cancellation rumours"): talk about a possibility, not the development.
_POSSESSIVE_BEFORE = re.compile(r"(?:'s|s'|\b(?:its|their|his|her|our))\s+$")
_EPISTEMIC_AFTER = re.compile(
    r"(?i:\s+(?:fears?|worr(?:y|ies)|concerns?|rumou?rs?|speculation|talk|risks?|threats?|jitters|chatter)\b|"
    # the noun as the subject of what it cost: "as delay adds 294 billion yen", "delays cost airlines $2bn"
    r"\s+(?:adds?|cost|costs|costing)\s+(?:[\w'’]+\s+)?(?:[$€£¥]|\d|an?\s|about\s|some\s|nearly\s|billions|millions))"
)
_RESTATED_BEFORE = re.compile(r"(?i:\b(?:still|remains?|remained|continues\s+to\s+be|stays?)\s+(?:\w+\s+)?$)")
# A participle followed by a noun phrase head (up to two modifiers, then an event noun) is an adjective.
# Only bare modifiers between (no determiner, preposition or conjunction): "signed the agreement" is a verb.
_FUNCTION_WORD = (
    r"(?:the|a|an|its|his|her|their|our|this|that|these|those|if|when|as|by|to|on|in|for|with|and|or|but|at|"
    r"of|from|after|before|until|amid|over)\b"
)
_ATTRIBUTIVE_AFTER = re.compile(
    rf"(?i:\s+(?:(?!{_FUNCTION_WORD})[a-z-]+\s+){{0,2}}?(?!{_FUNCTION_WORD})(?:visit|trip|summit|meeting|launch|"
    r"opening|release|flight|talks|deal|agreement|vote|ceremony|tour|event|match|game|delivery|signing)s?\b)"
)
_DETERMINER_RE = re.compile(
    r"(?i:\b(?:a|an|the|any|no|its|their|his|her|first|clear|good|positive|encouraging|every)\s*$)"
)


def hedge_cue(sentence: str, start: int, window: int = 60, *, goals: bool = True) -> str | None:
    """The hedge that makes a statement at `start` unconfirmed, or None.

    Looks for a local hedge (modal / plan / expectation word within `window`
    characters before `start`, same clause; "reports of", "declined to
    comment on"), a sentence-wide attribution hedge ("reportedly", "people
    familiar"), a conditional, or a question mark.  With ``goals=False`` (for
    dates) goal words (hope, aim, plan, seek, expect ...) do not hedge: "hope
    to complete the deal by Dec. 15" states the deadline.
    """
    base = max(0, start - window)
    local = sentence[base:start]
    cut = None
    for cm in _CONTRAST_RE.finditer(local):
        cut = cm.end()
    if cut is not None:
        local = local[cut:]
        base += cut
    lm = None
    for cand in _LOCAL_HEDGE_RE.finditer(local):
        if cand.group().lower() == "would" and _REPORTED_RE.search(
            sentence, max(0, base + cand.start() - 80), base + cand.start()
        ):
            # "said he would travel", "said it was disappointed and would work to complete the deal by mid-December":
            # a future reported in the past, not a conditional
            continue
        if not goals and _GOAL_HEDGE_RE.fullmatch(cand.group()):
            continue
        at = base + cand.start()
        if "expect" in cand.group().lower() and _FIGURE_RELATIVE_BEFORE.search(sentence, max(0, at - 60), at):
            continue  # "beating the 445,000 analysts expected, bringing the total to 889,015": the other figure's
        lm = cand
    if lm is not None:
        return lm.group()
    after = _HEDGE_AFTER_RE.match(sentence, start)
    if after is not None:
        return after.group("hedge")
    if (caveat := _UNCONFIRMED_AFTER.match(sentence, start)) is not None:
        # "listed the game for a September release, though CD Projekt has not commented and the listing may be a
        # placeholder", "reported the deal signed, although neither company has confirmed it": a concession that no
        # one has confirmed the statement leaves it a report
        return caveat.group("caveat")
    if _QUESTION_AFTER.match(sentence, start):
        return "question"  # "Can Airbus Hit 720? What Its December Rush Needs": a headline of two, the first asked
    return _sentence_hedge(sentence, start)


# A concession after a statement that nobody has confirmed it, in the same sentence.
_UNCONFIRMED_AFTER = re.compile(
    r"[^;?!]*?,?\s+(?:though|although|but|while)\s+[^;?!]*?(?P<caveat>\b(?:(?:has|have|had)\s+(?:yet\s+)?not\s+"
    r"(?:yet\s+)?(?:commented|confirmed)|(?:has|have|had)n't\s+(?:commented|confirmed)|(?:declined|refused)\s+to\s+"
    r"(?:comment|confirm)|not\s+(?:been\s+|yet\s+been\s+)?confirmed|unconfirmed|placeholder)\b)",
    re.IGNORECASE,
)


# The clause a statement stands in ends with a question mark, though more follows it in the same headline.
_QUESTION_AFTER = re.compile(r"[^.!?;:]*\?")


# An expectation in a relative clause right after a figure qualifies that figure alone: "the roughly 445,000 analysts
# expected", "the $1.2bn economists had expected", "the 3% the market expected". A figure later in the sentence is
# not hedged by it ("..., bringing its first-half total to 889,015"). A passive ("450,000 are expected") is no relative
# clause: the figure itself is expected.
_FIGURE_RELATIVE_BEFORE = re.compile(
    r"(?i:\d[\d,.]*(?:%|[a-z]+)?(?:\s+(?:million|billion|thousand|lakh|crore|mln|bln))?\s+"
    r"(?:(?:(?:the|that|which)\s+)?(?!(?:is|are|was|were|be|been|being|will|would|to)\b)[a-z]+"
    r"(?:\s+(?:had|have|has))?\s+)?$)"
)


# A hedge stated after what it hedges, in the same clause: "a March launch attempt appears highly likely", "an April
# opening looks increasingly uncertain", "the deal remains possible".
_HEDGE_AFTER_RE = re.compile(
    r"[^,;:.?!]{0,50}?\b(?P<hedge>(?:appears?|seems?|looks?|is|are|remains?)\s+(?:highly\s+|increasingly\s+|very\s+|"
    r"now\s+)?(?:likely|unlikely|possible|uncertain|doubtful|in\s+doubt))\b",
    re.IGNORECASE,
)


# The conditions and times of the sentence-wide hedges: they govern their own clause, not one a semicolon divides off.
_CLAUSE_CONDITION = re.compile(
    r"(?i:if|unless|whether|once|as\s+soon\s+as|provided|when|after|until|till|before|by\s+the\s+time|on\s+the|the)\b"
)


# A cause named before a rumour: the sentence reports what the rumour did, not the rumour (see _sentence_hedges).
_CAUSE_BEFORE = re.compile(
    r"(?i:\b(?:on|over|amid|after|despite|because\s+of|due\s+to|following)\s+(?:[\w'-]+\s+){0,2}$)"
)


@lru_cache(maxsize=8192)
def _sentence_hedges(sentence: str) -> tuple[tuple[int, str, bool], ...]:
    """Every sentence-wide hedge: (where, the words, whether it is a condition or time that governs its clause)."""
    out: list[tuple[int, str, bool]] = []
    for gm in _GLOBAL_HEDGE_RE.finditer(sentence):
        if gm.group().lower().startswith("rumo") and _CAUSE_BEFORE.search(
            sentence, max(0, gm.start() - 40), gm.start()
        ):
            continue  # "visitors fell on quake rumours", "shares slid amid takeover rumours": the rumour is a cause
        if "expect" in gm.group().lower() and _FIGURE_RELATIVE_BEFORE.search(
            sentence, max(0, gm.start() - 60), gm.start()
        ):
            continue  # "the 445,000 analysts expected": a relative clause of that figure (see _FIGURE_RELATIVE_BEFORE)
        out.append((gm.start(), gm.group(), bool(_CLAUSE_CONDITION.match(gm.group()))))
    return tuple(out)


def _sentence_hedge(sentence: str, start: int = 0) -> str | None:
    for at, text, condition in _sentence_hedges(sentence):
        if condition and ";" in sentence[min(start, at) : max(start, at)]:
            # "stands at $890.98 million; the $900 million mark is expected to be touched before its run ends": a
            # condition or time governs its clause; attributions ("sources said") still cover the whole sentence
            continue
        return text
    if sentence.rstrip().rstrip("\"'").endswith("?"):
        return "question"
    return None


# The start of a time after "moved to", "pushed to", "slips to": a month, a day, a year, a season or a relative time.
_TIME_AFTER_TO = re.compile(
    r"(?i:\s+(?:(?:the\s+|a\s+)?(?:end|start|beginning|middle|first|second|third|fourth|last|week|weekend|"
    r"spring|summer|autumn|fall|winter|later|new|following)\b|(?:early|mid|late|next|later|q[1-4]|h[12]|\d)|"
    r"(?:no\s+(?:earlier|sooner|later)|not\s+before|around|about|between|sometime|some\s+time|at\s+least)\b|"
    r"(?-i:[A-Z])[a-z]+\.?\s*\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:spring|summer|autumn|fall|winter|tomorrow|tonight)\b))"
)
_FILLER_PREPOSITIONS = frozenset({"for", "of", "on", "in", "at", "with", "from", "by"})
# A phrasal verb of motion with "on" or "against" and a thing disputed: to "push back on claims" or "against a
# timeline" is to dispute them; "pushed back on Tuesday to May 27" is still a delay told with its day.
_DISPUTE_AFTER = re.compile(
    r"(?i:\s+(?:against\b|on\s+(?!(?-i:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|"
    r"\d|the\s+(?:eve|day|morning|evening)\b)))"
)
# A passive in the progressive right before a status verb: "is still being finalised", "are being negotiated".
_PASSIVE_PROGRESSIVE_BEFORE = re.compile(
    r"(?i:\b(?:is|are|was|were|'s|’s)\s+(?:still\s+|now\s+|currently\s+)?being\s+$)"
)
# "close in on" and "closing in on" approach a thing; they do not close it.
_APPROACH_RE = re.compile(r"(?i:clos(?:e|es|ed|ing)\s+in\s+on\b)")
# The item left out of the set a verb acted on: "Skull and Bones is not one of the games Ubisoft cancelled", "the
# visit is not among the trips the palace called off", "was never part of the deals signed". The verb is negated for
# the item though the negation stands before its own clause.
_NOT_AMONG_RE = re.compile(
    r"(?i:\b(?:not|n't|never)\s+(?:one\s+of|among|part\s+of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,6}$)"
)


# What is confirmed or announced is itself negative: "confirmed the game is not among the cancelled projects",
# "announced that the visit will not take place". The announcement says nothing of the item's schedule.
_NEGATIVE_CONTENT_RE = re.compile(
    r"(?i:\s+(?:that\s+)?(?:[\w'’&-]+\s+){1,5}?(?:is|are|was|were|will|would|has|have)\s*(?:not|n't|never)\b)"
)


# A subject opened by "no" negates its verb, however many words the noun phrase takes: "no common text has been
# agreed", "no final launch date has been set", "no new figures were released".
_NO_SUBJECT_BEFORE = re.compile(
    r"(?i:\bno\s+(?:[\w'’-]+\s+){1,3}(?:has|have|had|was|were|is|are|will|would|could|can)\s+(?:yet\s+)?"
    r"(?:been\s+|be\s+)?$)"
)


def _negation(sentence: str, m: re.Match[str]) -> str | None:
    start = m.start()
    before = sentence[max(0, start - 60) : start]
    words: list[str] = _WORD_RE.findall(before)[-4:]
    for w in reversed(words):
        lw = str(w).lower().strip("'")  # a quotation's opening mark is no part of its first word ("'nothing agreed")
        if lw in _NEG_WORDS or lw.endswith("n't"):
            return lw
    nm = _NEG_PHRASE_RE.search(before)
    if nm is not None:
        return nm.group().split()[0].lower() + " ... "
    if (nobody := _NO_SUBJECT_BEFORE.search(before)) is not None:
        return nobody.group().strip()
    ex = _NOT_AMONG_RE.search(before)
    if ex is not None:
        return ex.group().strip()
    # negation inside fillers ("reached no deal")
    for name, val in m.groupdict().items():
        if name.startswith("f") and val:
            for fw in _WORD_RE.findall(val):
                lw = str(fw).lower()
                if lw in _NEG_WORDS or lw.endswith("n't"):
                    return lw
    # denial governing the clause
    denied = denial_before(sentence, start)
    if denied is not None:
        return denied
    tail = sentence[m.end() :]
    cm2 = _CONTRAST_RE.search(tail)
    tail = tail[: cm2.start()] if cm2 else tail
    da = _DENIAL_AFTER_RE.search(tail)
    if da is not None:
        return da.group()
    return None


def denial_before(sentence: str, start: int) -> str | None:
    """The denial governing the clause before `start` ("Analysts rejected social-media claims that imports had
    crossed 100 million tonnes", "denied reports that the deal was signed"), or None; a contrast word ("but") after
    the denial ends its reach."""
    head = sentence[:start]
    cut = 0
    for cm in _CONTRAST_RE.finditer(head):
        cut = cm.end()
    dm = _DENIAL_BEFORE_RE.search(head, cut)
    return dm.group() if dm is not None else None


def _announces_plan(sentence: str, end: int) -> bool:
    """Whether the announcement ending at `end` announces a plan (same clause, up to 200 characters: long
    subjects such as "the State Visit of President Xi Jinping of the People's Republic of China" come between)."""
    tail = sentence[end : end + 200]
    cm = _CONTRAST_RE.search(tail)
    if cm is not None:
        tail = tail[: cm.start()]
    return _PLAN_TAIL_RE.search(tail) is not None


def _first_word(text: str) -> str:
    wm = _WORD_RE.match(text)
    return wm.group().lower() if wm else ""


def is_past_form(word: str) -> bool:
    """Whether a verb form is a past tense or participle ("opened", "took", "flew"), not a present."""
    return word.endswith("ed") or word in {
        "met",
        "held",
        "took",
        "taken",
        "broke",
        "broken",
        "fell",
        "fallen",
        "struck",
        "made",
        "went",
        "gone",
        "withdrew",
        "withdrawn",
        "tore",
        "torn",
        "won",
        "flew",
        "flown",
        "began",
        "begun",
        "paid",
    }


# A chamber's vote that sends a bill on to the other chamber is a step in its passage, not its final passage:
# "Senate passes $280 billion chips bill, sending it to the House", "the bill now heads to the Lords", "moves to the
# Senate". Sending it to the head of state ("to Biden's desk", "for royal assent") is final passage.
# A committee as the subject of a vote, right before the verb: "the Energy and Commerce Committee approved", "a Senate
# panel advanced", "House Commerce green-lights" (a chamber's standing committee named by its subject alone).
_COMMITTEE_SUBJECT = re.compile(
    r"(?i:\b(?:committee|subcommittee|panel|select\s+committee)\s+(?:on\s+\w+\s+)?(?:has\s+|have\s+|on\s+\w+\s+)?$|"
    r"(?-i:\b(?:House|Senate|Commons|Lords)\s+(?:Commerce|Judiciary|Finance|Banking|Appropriations|Armed\s+Services|"
    r"Foreign\s+(?:Affairs|Relations)|Energy|Rules|Ways\s+and\s+Means|Intelligence|Homeland\s+Security|Agriculture|"
    r"Education|Environment|Oversight|Budget|Health|Commerce\s+Committee)\s+)(?:committee\s+|panel\s+)?$)"
)
_CHAMBER_STEP = re.compile(
    r"(?i:(?:\b(?:send(?:s|ing)?|sent)\s+(?:it|(?:the\s+|its\s+)?[\w-]+(?:\s+[\w-]+)?)?\s*(?:back\s+)?(?:on\s+)?to\s+(?:the\s+)?|"
    r"\b(?:now\s+)?(?:heads?|goes|moves|passes)\s+(?:back\s+)?(?:on\s+)?to\s+(?:the\s+)?)"
    r"(?:(?:U\.S\.|US|full|lower|upper|Republican-(?:led|controlled)|Democratic-(?:led|controlled))\s+)?"
    r"(?:House|Senate|Lords|Commons|Council|Bundesrat|Bundestag|Assembly|National\s+Assembly|Parliament|"
    r"chamber|upper\s+house|lower\s+house)\b|"
    # a bill passed "with amendments" goes back to the chamber that passed it first: "Senate passes Online News Act
    # with amendments" (a chamber "agreeing to" the other's amendments is the last vote, and has no "with")
    r"\bwith\s+(?:\w+\s+)?amendments\b)"
)


# "sign on to", "signed on as", "signs on with", "sign up for": the phrasal verbs of joining, not of a signature;
# "signs off on": one party's approval of a step ("Erdogan signs off on Sweden's NATO accession").
_JOINS_AFTER = re.compile(
    r"(?i:\s+(?:on\s+(?:to|as|with|board)\b|on\s*(?:[,.;]|$)|up\s+(?:to|for|with|as)\b|off\s+on\b))"
)


def outranked(signal: StatusSignal, kept: Iterable[StatusSignal]) -> bool:
    """Whether `signal` is an announcement that a confirmed other status among `kept` outranks.

    "Nikola confirms it has handed over the first trucks": the act reported is the news, and the verb that reports
    it is not a second one.  A hedged other status ("will be handed over on Jan. 26") outranks nothing.
    """
    return signal.status in ANNOUNCEMENT_STATUSES and any(
        s.status not in ANNOUNCEMENT_STATUSES and not s.negated and s.confidence == "confirmed" for s in kept
    )


def find_status_signals(sentence: str, vocab: Vocabulary, *, outrank: bool = True) -> list[StatusSignal]:
    """Status signals in `sentence` (negated ones included, flagged `negated`).

    See the module docstring for the negation, hedge and tense rules.  With `outrank`, a confirmed other status
    drops the announcements of the sentence; a caller that sets signals aside after this (a verb about another
    thing, a motion verb with no time after it) passes ``outrank=False`` and applies :func:`outranked` to what it
    keeps, so that a discarded signal cannot silence an announcement it would have outranked.
    """
    found: list[StatusSignal] = []
    taken: list[tuple[int, int]] = []
    for status, phrase, regex in vocab.candidates(sentence):
        for m in regex.finditer(sentence):
            s0, e0 = m.span()
            if any(s0 < e and s < e0 for s, e in taken):
                continue
            first = _first_word(m.group())
            before = sentence[max(0, s0 - 40) : s0]
            base_word = phrase.split()[0].lower() if not phrase.startswith("re:") else ""
            if (
                base_word in _NOUN_HOMOGRAPHS
                and not is_past_form(first)
                and not first.endswith("ing")
                and _DETERMINER_RE.search(before)
            ):
                continue  # "a sign of progress", "the seal"
            if base_word in _NOUN_HOMOGRAPHS and first.endswith("s") and sentence[e0 : e0 + 4] == " of ":
                continue  # "signs of progress"
            if (
                " " not in m.group().strip()
                and first.lower() in {base_word, base_word + "s"}
                and (_POSSESSIVE_BEFORE.search(before) or _EPISTEMIC_AFTER.match(sentence, e0))
            ):
                continue  # "GTA VI's delays were the right call", "delay fears grow": a noun, not a new report
            if _RESTATED_BEFORE.search(before) and (phrase in SCHEDULE_PHRASES or phrase.startswith("re:(?#schedule)")):
                continue  # "launch still set for Dec. 24", "remains on track": the schedule restated, not news
            if " " not in m.group().strip() and first.endswith("ed") and _ATTRIBUTIVE_AFTER.match(sentence, e0):
                continue  # "rescheduled state visit", "postponed summit": a participle describing the noun
            if first.lower().endswith(("ment", "ments", "tion", "tions")) and _TOPIC_BEFORE.search(before):
                continue  # "countering online chatter about postponement": the noun is a topic, not the news
            if first.lower().startswith(("signature", "signing")) and re.search(
                r"(?i:\b(?:for|awaiting|awaits|await|pending|needs|requires|green-lights?|green-lit|greenlights?|"
                r"approves?|approved|approving|authori[sz]es?|authori[sz]ed|authori[sz]ing|clears?|cleared|clearing)"
                r"\s+(?:[\w'’]+\s+){0,2})$",
                before,
            ):
                # "opens for signature", "sent for Biden's signature", "awaiting the king's signature": a purpose;
                # "Council green-lights signature of EU-New Zealand free trade agreement": the signing approved, to come
                continue
            if base_word in ("sign", "signs", "signed", "signing") and _JOINS_AFTER.match(sentence, e0):
                continue  # "Sinema signs on to climate bill", "signed on as a co-sponsor": joins, signs nothing
            if (
                not phrase.startswith("re:")
                and len(phrase.split()) >= 2
                and len(words_in := m.group().split()) > len(phrase.split())
                and words_in[1].lower() in _FILLER_PREPOSITIONS
                and words_in[1].lower() not in phrase.lower().split()
            ):
                # "targets early-June close for Credit Suisse takeover", "the close of the deal": a verb whose
                # phrase takes its object directly ("close the takeover") is a noun or intransitive when a
                # preposition follows it
                continue
            if (
                status == "postponed"
                and m.group().rstrip().lower().endswith(" to")
                and not _TIME_AFTER_TO.match(sentence, e0)
            ):
                # "the spacecraft was moved to the service tower": a move in space, not in time (its words stay
                # taken: "moved to launch pad" schedules no launch either)
                taken.append((s0, e0))
                continue
            if _APPROACH_RE.match(m.group()):
                continue  # "EU and US close in on deal", "closing in on a launch date": nearing it, not closing it
            if m.group().rstrip().lower().endswith("back") and _DISPUTE_AFTER.match(sentence, e0):
                continue  # "pushing back on claims the rocket had been cleared": disputing, not delaying
            if sentence[e0 : e0 + 1] == "-" and " " not in m.group().strip():
                continue  # "regulatory sign-off", "a close-out": hyphened to the next word, a compound, not the verb
            if s0 > 0 and sentence[s0 - 1] == "-":
                continue  # "long-delayed", "much-postponed": a compound adjective describes, it reports nothing new
            if (
                status in ("postponed", "cancelled")
                and " " not in m.group().strip()
                and m.group().strip().lower().endswith("ed")
                and _ATTRIBUTIVE_BEFORE.search(sentence, max(0, s0 - 40), s0)
                and _NOUN_AFTER_PARTICIPLE.match(sentence, e0)
            ):
                continue  # "Elizabeth line's delayed Bond Street station to open": a participle between a
                # determiner and its noun describes the noun's state; it reports no new delay
            if (
                " " not in m.group().strip()
                and (first.lower() in {base_word, base_word + "s"} or _nominalisation(first, base_word))
                and (_BACKGROUND_NOUN_RE.search(before) or _BLAMED_FOR_RE.search(sentence, max(0, s0 - 90), s0))
            ):
                continue  # "opens after years of delays", "despite delays": the noun names past trouble
            reasons: list[str] = []
            neg = _negation(sentence, m)
            if neg is not None:
                reasons.append(f"negated by '{neg.strip()}'")
            if phrase in _ANNOUNCE_PHRASES and neg is None and _announces_plan(sentence, e0):
                continue  # "announced that the visit is planned for September": still a plan
            if phrase in _ANNOUNCE_PHRASES and _NEGATIVE_CONTENT_RE.match(sentence, e0):
                continue  # "Ubisoft has confirmed Skull and Bones is not among the projects it scrapped": a negative
            confidence: Confidence = "confirmed"
            hedge = hedge_cue(sentence, s0)
            if hedge is not None:
                confidence = "unconfirmed"
                reasons.append(f"hedge '{hedge}'")
            elif phrase in _ANNOUNCE_PHRASES and _FUTURE_ANNOUNCE_RE.search(before):
                confidence = "unconfirmed"  # "dates will be announced later"
                reasons.append("future announcement")
            elif _INDEFINITE_BEFORE_RE.search(before) and _NOUN_MODAL_AFTER_RE.match(sentence, e0):
                # "a scrubbed attempt would likely move to the following day": a participle describing an indefinite
                # noun that a modal follows names what may happen, not what did
                confidence = "unconfirmed"
                reasons.append("a hypothetical ('a ... would')")
            elif _MODAL_AFTER_RE.match(sentence, e0):
                # the act named as a noun with a modal after it: "Formal sign-off on Windsor Framework could come
                # before Easter", "a deal may be signed next week"
                confidence = "unconfirmed"
                reasons.append("a modal after it")
            elif phrase in _ANNOUNCE_PHRASES and _FUTURE_AFTER_NOUN_RE.match(sentence, e0):
                # the noun with a future after it: "an announcement would come in due course", "a confirmation is
                # expected next week": an announcement still to be made
                confidence = "unconfirmed"
                reasons.append("future announcement")
            if status not in ANNOUNCEMENT_STATUSES and confidence == "confirmed":
                fut = _FUTURE_BEFORE_RE.search(before) or (
                    # only a bare verb shares the infinitive: "to visit..., sign", not "to cut jobs, delays"
                    # (an object may come between: "to execute the binding ICC arrest warrant and hand him over")
                    _COORDINATED_FUTURE_RE.search(sentence, max(0, s0 - 90), s0) if first == base_word else None
                )
                is_noun = first.endswith(("ment", "ments", "tion", "tions", "ture"))
                if _PAST_PREFIX_RE.search(before):
                    pass
                elif (
                    fut is not None
                    and status in ("postponed", "cancelled")
                    and fut.group().strip().lower() == "to"
                    and _DECIDED_TO_RE.search(before)
                ):
                    pass  # "EU clinches deal to delay deforestation law", "agreed on Tuesday to push back": decided
                elif fut is not None and not (
                    is_noun or (is_past_form(first) and fut.group().strip().lower() in {"are", "is", "to"})
                ):
                    confidence = "unconfirmed"
                    reasons.append(f"future/plan '{fut.group().strip()}'")
                elif (
                    first.endswith("ing")
                    and not is_noun
                    and not _RESULT_CLAUSE_BEFORE.search(before)
                    # a delay or a cancellation in the present progressive is a decision announced, not an act under
                    # way: "Ubisoft is delaying Assassin's Creed Shadows to Feb. 14", "the city is scrapping the line"
                    # (signing or closing in the progressive is still to be done; "at risk of slipping" and "was
                    # delaying its opening", an allegation of a state, are not announcements)
                    and not (status in ("postponed", "cancelled") and _PRESENT_PROGRESSIVE_BEFORE.search(before))
                ):
                    confidence = "unconfirmed"
                    reasons.append(f"in progress '{first}'")
            if (
                confidence == "confirmed"
                and status not in ("postponed", "cancelled")
                and (under_way := _PASSIVE_PROGRESSIVE_BEFORE.search(before)) is not None
            ):
                # "as the text is still being finalised", "the terms are now being negotiated": a passive in the
                # progressive is an act under way, not done (a plain "is being" is read as a plan already; a delay
                # or a cancellation so told is left to that reading)
                confidence = "unconfirmed"
                reasons.append(f"in progress '{under_way.group().strip()}'")
            if confidence == "confirmed" and status == "agreed" and _CHAMBER_STEP.search(sentence, e0):
                confidence = "unconfirmed"  # "Senate passes chips bill, sending it to the House"
                reasons.append("a step: the bill goes to another chamber")
            if (
                confidence == "confirmed"
                and status == "agreed"
                and (committee := _COMMITTEE_SUBJECT.search(sentence, max(0, s0 - 60), s0)) is not None
            ):
                # "House Commerce green-lights Take It Down Act 49-1", "the Senate Judiciary Committee approved the
                # bill": a committee's vote sends the bill to the floor, it passes nothing
                confidence = "unconfirmed"
                reasons.append(f"a step: a committee's vote ('{committee.group().strip()}')")
            taken.append((s0, e0))
            found.append(
                StatusSignal(
                    status=status,
                    confidence=confidence,
                    negated=neg is not None,
                    rule=phrase,
                    text=m.group(),
                    span=(s0, e0),
                    sentence=sentence,
                    reasons=tuple(reasons),
                    needs_date=phrase in SCHEDULE_PHRASES or phrase.startswith("re:(?#schedule)"),
                )
            )
    # a confirmed other status outranks an announcement; a hedged one ("will be handed over on Jan. 26") does not
    if outrank:
        found = [s for s in found if not outranked(s, found)]
    found.sort(key=lambda s: s.span)
    # one signal per (status, negated) and sentence: "is set to travel to" is one confirmation
    seen: set[tuple[str, bool]] = set()
    unique: list[StatusSignal] = []
    for s in found:
        if (s.status, s.negated) not in seen:
            seen.add((s.status, s.negated))
            unique.append(s)
    return unique
