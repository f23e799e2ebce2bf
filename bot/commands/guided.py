"""A guided ``watch add``: one question at a time, each answer checked as it is given; platform-neutral.

Why: the one-line form (``/watch add id=... title="..." kind=... terms=...``) is fine for an admin who knows it and
a wall for one who does not. The guided form asks in the order a person thinks (what is it called, what kind of
thing, where the news comes from, which words, where it stands now, when it is due), offers buttons where the
answer is one of a few, says at once what is wrong with an answer, and ends by running the same ``watch add`` the
one-line form runs (so both make the same watch). A chat adapter keeps the answers between messages
(Telegram: a ConversationHandler persisted in the database).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass

from bot.commands import values
from bot.commands.context import CommandProblem
from bot.commands.specs import KINDS, UNIT_WORDS, UNITS
from watchers.config.schema import STATUSES

__all__ = ["SKIPPED", "Question", "accept", "arguments", "next_question", "suggested_id", "summary"]

SKIPPED = ""  # an optional question the user skipped
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_KIND_HELP = {
    "event": "event: happens on a date (a visit, a launch, an opening)",
    "agreement": "agreement: a deal that is agreed, signed or collapses",
    "metric": "metric: a running total towards a target (tons bought, doses given)",
}
_UNIT_HELP = {"t": "tons", "bu": "bushels", "usd": "US dollars", "count": "a count", "percent": "a percentage"}


@dataclass(frozen=True)
class Question:
    """What to ask next: ``name`` is the ``watch add`` argument the answer becomes."""

    name: str
    text: str
    choices: tuple[tuple[str, str], ...] = ()  # (button label, value); typing the value works too
    optional: bool = False  # a Skip button; skipping leaves the argument out


def next_question(answers: Mapping[str, str]) -> Question | None:
    """The first question not answered yet, or None when ``answers`` is complete (then confirm)."""
    for question in _questions(answers):
        if question.name not in answers:
            return question
    return None


def _questions(answers: Mapping[str, str]) -> list[Question]:
    asked = [
        Question("title", "What is the watch called? This is the title alerts show, e.g. EU AI Act enforcement."),
        Question(
            "kind",
            "What kind of item is it?\n" + "\n".join(_KIND_HELP[k] for k in KINDS),
            tuple((k, k) for k in KINDS),
        ),
        Question(
            "source",
            "Where does its news come from? Send search words for Google News (e.g. EU AI Act enforcement), "
            "or the URL of an RSS/Atom feed.",
        ),
        Question(
            "terms",
            "Which words must an article contain to count (any one of them)? Separate them with commas, "
            "e.g. AI Act, artificial intelligence act.",
        ),
    ]
    kind = answers.get("kind")
    if kind in ("event", "agreement"):
        statuses = STATUSES[kind]
        asked.append(Question("status", "Where does it stand now?", tuple((s, s) for s in statuses)))
        if kind == "event":
            asked.append(
                Question("expected", "When is it expected? e.g. 2026-04, 2026-H2 or 2026-05-14.", optional=True)
            )
        else:
            asked.append(Question("due", "By when is it due? e.g. 2026-12-31 or 2026-Q4.", optional=True))
    elif kind == "metric":
        asked.append(Question("unit", "What is it counted in?", tuple((f"{_UNIT_HELP[u]} ({u})", u) for u in UNITS)))
        asked.append(Question("value", "What is the figure now? e.g. 2 million (0 if nothing yet)."))
        asked.append(Question("target", "What is the target figure? e.g. 12 million.", optional=True))
        if answers.get("target"):
            asked.append(Question("due", "By when is the target due? e.g. 2026-12-31.", optional=True))
    if kind is not None:
        suggestion = suggested_id(answers.get("title", ""))
        choices = ((f"use {suggestion}", suggestion),) if suggestion else ()
        asked.append(Question("id", "A short id for commands (lowercase letters, digits, dashes)?", choices))
    return asked


def suggested_id(title: str) -> str:
    """``EU AI Act enforcement`` -> ``eu-ai-act-enforcement`` (at most 40 characters, cut at a dash)."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    if len(slug) > 40:
        slug = slug[:40].rsplit("-", 1)[0]
    return slug if _ID.match(slug) else ""


def accept(question: Question, raw: str, answers: MutableMapping[str, str]) -> str | None:
    """Check ``raw`` as the answer to ``question`` and store it; the problem with it (to ask again) or None."""
    text = " ".join(raw.split())
    if question.optional and text.lower() in ("skip", "-", "none", ""):
        answers[question.name] = SKIPPED
        return None
    if not text:
        return "that was empty; " + question.text
    if question.name == "unit":
        text = UNIT_WORDS.get(text.lower(), text)  # "tonnes" is t, "dollars" usd, as typed in a command
    if question.choices and text.lower() not in {value for _, value in question.choices} and question.name != "id":
        return f"{text!r} is not one of: {', '.join(value for _, value in question.choices)}"
    try:
        value = _checked(question.name, text, answers)
    except CommandProblem as problem:
        return str(problem)
    if question.name == "source":
        answers.pop("feed", None)
        answers.pop("query", None)
        answers["feed" if value.lower().startswith(("http://", "https://")) else "query"] = value
    if question.name == "kind" and answers.get("kind") not in (None, value):
        for later in ("status", "expected", "due", "unit", "value", "target"):
            answers.pop(later, None)
    answers[question.name] = value
    return None


def _checked(name: str, text: str, answers: Mapping[str, str]) -> str:
    if name == "title":
        if len(text) > 200:
            raise CommandProblem("a title of at most 200 characters, please")
        return text
    if name in ("kind", "status", "unit"):
        return text.lower()
    if name == "terms":
        if not values.words(text):
            raise CommandProblem("give at least one word, e.g. AI Act")
        return text
    if name == "expected":
        values.window(text, what="expected")
    elif name == "due":
        values.deadline(text, what="due")
    elif name in ("value", "target"):
        values.number(text, what=name)
    elif name == "id":
        wanted = text.lower()
        if not _ID.match(wanted):
            raise CommandProblem(f"{text!r} is not an id: use lowercase letters, digits and dashes, e.g. eu-ai-act")
        return wanted
    return text


def arguments(answers: Mapping[str, str]) -> dict[str, str]:
    """The ``watch add`` arguments: every answer but the skipped ones and the internal ``source``."""
    return {k: v for k, v in answers.items() if v != SKIPPED and k != "source"}


def summary(answers: Mapping[str, str]) -> str:
    """What will be added, one line per answer, to confirm."""
    shown = arguments(answers)
    order = ("id", "title", "kind", "query", "feed", "terms", "status", "expected", "unit", "value", "target", "due")
    lines = [f"  {name}: {shown[name]}" for name in order if name in shown]
    return "Add this watch?\n" + "\n".join(lines)
