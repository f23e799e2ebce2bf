"""A watch title written as a question, read as the statement it waits for.

Admins type what they want to know: "Will Biden make a wartime visit to Israel?", "When does Honolulu rail open
to passengers?", "Will the Respect for Marriage Act clear both chambers?". English questions invert the subject
and an auxiliary ("will", "does", "is"), optionally after a question word ("when", "how soon"); the verb follows
the subject in its plain form. Undoing the inversion gives the clause the item is about, and from it the same
things a headline title gives: the subject's head noun ("rail", "act", "takeover"), or, when the subject is only
names, the head of the verb's object ("make a wartime *visit*", "sign their CEPA trade *deal*"); and the verb
itself ("land", "open", "come out"), the item's own verb as in "Elizabeth line opens".

| question title                                                   | subject                       | verb     |
|------------------------------------------------------------------|-------------------------------|----------|
| Will Biden make a wartime visit to Israel?                       | Biden                         | make     |
| When does Honolulu rail open its first segment to passengers?    | Honolulu rail                 | open     |
| Will Russia's Luna-25 land near the Moon's south pole?           | Russia's Luna-25              | land     |
| When does the Breath of the Wild sequel come out?                | the Breath of the Wild sequel | come out |
| Has the EU-Mercosur deal been signed?                            | the EU-Mercosur deal          | -        |
| US LNG exports in 2023: will they pass 80 MT? (lead kept)        | they                          | pass     |

A title that opens with "Will" and asks nothing ("Will Smith's new film release") is no question: without a question
mark only a question word ("When does ...") makes one.

The verbs that may follow a question's subject are data, ``lexicon/question_verbs.yaml`` with the event verbs of
``lexicon/event_verbs.yaml``: a new domain adds words there.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from watchers.extract.lexicon_data import load_lexicon

__all__ = ["DETERMINERS", "QuestionClause", "question_clause"]

_AUXILIARIES = "will|would|does|do|did|can|could|should|shall|is|are|was|were|has|have"
_QUESTION_WORDS = r"when|by\s+when|how\s+soon|where|what\s+(?:day|date)"
_QUESTION = re.compile(rf"(?i:^\s*(?:(?P<wh>{_QUESTION_WORDS})\s+)?(?P<aux>{_AUXILIARIES})\s+(?P<rest>\S.*)$)")
# A question after a statement part: "US LNG exports in 2023, year-to-date: will they pass 80 MT?"
_PARTS = re.compile(r":|\s[-\u2013\u2014]\s")
_ASIDE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_TOKEN = re.compile(r"[^\s,;]+")
# Words that open a noun phrase, possessives too ("its Indigenous Voice to Parliament referendum"); never a name.
DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "your", "my"}
)
_PRONOUNS = frozenset({"they", "it", "he", "she", "we", "this", "that", "these", "those"})
# The perfect and passive forms of "be" between the subject and the participle: "Has the deal been signed?"
_BE_FORMS = frozenset({"been", "be", "being"})
_ADVERB = re.compile(r"[a-z]{3,}ly|ever|still|now|soon|already|even|also|really")


@dataclass(frozen=True)
class QuestionClause:
    """A question title undone: the subject, the verb in its base form (None when the question has only "be" or
    "have" and a participle or adjective after the subject), what follows the verb, and the statement part before
    the question, if any ("US LNG exports in 2023" before ": will they pass 80 MT?")."""

    subject: str
    verb: str | None
    rest: str
    lead: str
    # what the question leaves aside: bracketed asides and the words after the question mark ("(Skyline)",
    # "Nintendo says 2022"); names there are still the item's
    asides: tuple[str, ...] = ()

    @property
    def subject_is_pronoun(self) -> bool:
        """Whether the subject only points back to the statement part ("will they pass 80 MT?")."""
        return self.subject.lower() in _PRONOUNS


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    """The base verbs (one to three words: "land", "come out", "enter into force") that may follow a question's
    subject."""
    data = load_lexicon("question_verbs")
    verbs = {str(v) for group in data.values() for v in (group or ())}
    verbs |= {str(v) for v in load_lexicon("event_verbs")}
    return frozenset(verbs)


@lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    """Verbs whose object names the item ("make a visit", "hold the summit"): the head is the object's."""
    return frozenset(str(v) for v in (load_lexicon("question_verbs").get("light") or ()))


def _verb_at(tokens: list[re.Match[str]], i: int, verbs: frozenset[str]) -> str | None:
    """The verb of one to three words that starts at token `i`, or None."""
    if i >= len(tokens) or not tokens[i].group().islower():
        return None
    words = [t.group().lower() for t in tokens[i : i + 3]]
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(words[:n]) in verbs:
            return " ".join(words[:n])
    return None


@lru_cache(maxsize=512)
def question_clause(title: str) -> QuestionClause | None:
    """The question a title asks, undone (see above), or None when the title is no question."""
    text = _ASIDE.sub(" ", title)
    mark = text.find("?")
    asked = text[: mark if mark >= 0 else len(text)]
    parts = _PARTS.split(asked)
    m = _QUESTION.match(parts[-1])
    if m is None or (mark < 0 and m["wh"] is None):
        return None
    lead = " - ".join(p.strip() for p in parts[:-1] if p.strip())
    after = text[mark + 1 :].strip() if mark >= 0 else ""
    asides = (*(a.group() for a in _ASIDE.finditer(title)), *([after] if after else []))
    tokens = list(_TOKEN.finditer(m["rest"]))
    verbs = _verbs()
    # an adverb right before the verb belongs to neither the subject nor the verb: "When does the line actually
    # open?", "Will the EU and Vietnam finally sign ...?" ("Will the gas supply deal close?": "supply" is no adverb,
    # no verb follows it)
    adverbs = [
        t
        for t, nxt in itertools.pairwise(tokens)
        if _ADVERB.fullmatch(t.group()) and nxt.group().lower() in verbs | {v.split()[0] for v in verbs}
    ]
    for i, tok in enumerate(tokens):
        word = tok.group()
        if i == 0 or not word.isalpha() or not word.islower() or tok in adverbs:
            continue
        if all(t.group().lower() in DETERMINERS for t in tokens[:i]):
            continue  # "Will the launch happen in May?": "launch" is the subject's noun here
        verb = _verb_at(tokens, i, verbs)
        if verb is not None and (later := _verb_at(tokens, i + len(verb.split()), verbs)) is not None:
            # "Will Biden's UK visit go ahead in July?": a verb right after another makes the first its subject's
            # noun ("visit"), and the second the question's verb
            continue_at = i + len(verb.split())
            subject = " ".join(t.group() for t in tokens[:continue_at] if t not in adverbs)
            end = tokens[continue_at + len(later.split()) - 1].end()
            return QuestionClause(subject, later, m["rest"][end:].strip(" ,"), lead, asides)
        if verb is None and word in _BE_FORMS and m["aux"].lower() in ("has", "have", "will", "is", "are"):
            # "Has the deal been signed?", "Will the bridge be open by June?": the participle is the statement's
            rest = m["rest"][tok.end() :].strip()
            return QuestionClause(m["rest"][: tok.start()].strip(), None, rest, lead, asides)
        if verb is None:
            continue
        end = tokens[i + len(verb.split()) - 1].end()
        subject = " ".join(t.group() for t in tokens[:i] if t not in adverbs)
        return QuestionClause(subject, verb, m["rest"][end:].strip(" ,"), lead, asides)
    return QuestionClause(m["rest"].strip(), None, "", lead, asides)
