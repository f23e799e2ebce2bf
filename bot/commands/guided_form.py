"""``watch add`` as one form of five fields (a Discord modal); platform-neutral: the fields and their parser.

Why: a chat that can show a form (Discord's modals) should not make an admin learn the one-line form, but a Discord
modal holds at most five text inputs and the guided conversation (:mod:`bot.commands.guided`) asks up to eight
questions. So the form folds them: the id is derived from the title (:func:`bot.commands.guided.suggested_id`),
"news" is a search or a feed URL by its look (as the guided question does), and one field, "where it stands now",
carries the status and its date (``pending by 2026-12-31``) or the figures (``2 million t of 12 million t by
2026-12-31``). :func:`standing` reads that field; :func:`form_arguments` turns the five answers into the same
``watch add`` arguments the one-line form takes, checking each with :mod:`bot.commands.values` so a problem is
named before anything runs. A problem never loses what was typed: :func:`problem_text` echoes the answers back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.commands import values
from bot.commands.context import CommandProblem
from bot.commands.guided import suggested_id
from bot.commands.specs import KINDS, UNITS
from bot.commands.watch_commands import EXAMPLES
from bot.wording import named_args, usage
from watchers.config.schema import STATUSES

__all__ = ["FIELDS", "FormField", "answers_text", "form_arguments", "problem_text", "standing"]

TITLE_LIMIT = 200


@dataclass(frozen=True)
class FormField:
    """One text input: ``name`` keys the answer; label (at most 45 characters) and placeholder (100) as shown."""

    name: str
    label: str
    placeholder: str
    max_length: int
    long: bool = False  # a paragraph box rather than one line


FIELDS: tuple[FormField, ...] = (
    FormField("title", "Title", "e.g. US-UK trade deal", TITLE_LIMIT),
    FormField("kind", "Kind", "event, agreement or metric", 20),
    FormField("news", "News", "search words for Google News, or an RSS/Atom feed URL", 1000, long=True),
    FormField("terms", "Words an article must contain", "any one of them, comma-separated: trade deal, tariffs", 1000),
    FormField(
        "standing",
        "Where it stands now",
        "planned by 2026-04 · pending by 2026-12-31 · 2 million t of 12 million t by 2026-12-31",
        200,
    ),
)

_UNIT_WORDS = {unit: unit for unit in UNITS} | {
    "%": "percent",
    "ton": "t",
    "tons": "t",
    "tonne": "t",
    "tonnes": "t",
    "bushel": "bu",
    "bushels": "bu",
    "dollars": "usd",
}
_BY = re.compile(r"^(?P<head>.*?)(?:\s+by\s+(?P<date>\S.*))?$", re.IGNORECASE | re.DOTALL)
_METRIC = re.compile(
    r"^(?P<value>.+?)(?:\s+of\s+(?P<target>.+?))?(?:\s+by\s+(?P<date>\S.*))?$", re.IGNORECASE | re.DOTALL
)


def form_arguments(answers: Mapping[str, str]) -> dict[str, str]:
    """The ``watch add`` arguments for the form's answers (keyed by field name); CommandProblem says what is wrong."""
    title = " ".join(answers.get("title", "").split())
    if not title:
        raise CommandProblem("the title is empty; give the name alerts show, e.g. US-UK trade deal")
    if len(title) > TITLE_LIMIT:
        raise CommandProblem(f"the title is {len(title)} characters long; at most {TITLE_LIMIT}, please")
    watch_id = suggested_id(title)
    if not watch_id:
        raise CommandProblem(
            f"no id can be made from the title {title!r} (it needs latin letters or digits); add some to the title, "
            "or use /watch add with its options to choose the id"
        )
    kind = answers.get("kind", "").strip().lower()
    if kind not in KINDS:
        raise CommandProblem(f"kind {answers.get('kind', '').strip()!r} is not a kind of watch; use {_or(KINDS)}")
    news = " ".join(answers.get("news", "").split())
    if not news:
        raise CommandProblem("news is empty; give search words for Google News or an RSS/Atom feed URL")
    terms = answers.get("terms", "").strip()
    if not values.words(terms):
        raise CommandProblem("give at least one word an article must contain, e.g. trade deal")
    source = "feed" if news.lower().startswith(("http://", "https://")) else "query"
    found = {"id": watch_id, "title": title, "kind": kind, source: news, "terms": terms}
    return found | standing(kind, answers.get("standing", ""))


def standing(kind: str, text: str) -> dict[str, str]:
    """The answer to "where it stands now" as ``watch add`` arguments.

    event / agreement: ``<status> [by <date>]`` (an event's date is ``expected``, a window such as 2026-04 or
    2026-H2; an agreement's is ``due``, its deadline). metric: ``<figure> [unit] [of <target> [unit]] [by <date>]``
    (figures as ``2 million``, ``5.2m``, ``12,000,000``; a unit of t, bu, usd, count or percent, default count; a
    date needs a target).
    """
    text = " ".join(text.split())
    if not text:
        raise CommandProblem("where it stands now is empty; " + _standing_help(kind))
    if kind == "metric":
        return _metric(text)
    match = _BY.match(text)
    assert match is not None  # the pattern matches any text
    status = match["head"].strip().lower()
    statuses = STATUSES[kind]
    if status not in statuses:
        example = _standing_help(kind)
        raise CommandProblem(f"{match['head']!r} is not a status of {_a(kind)}; use {_or(statuses)}, e.g. {example}")
    found = {"status": status}
    if match["date"] is not None:
        date = match["date"].strip()
        if kind == "event":
            values.window(date, what="expected")
            found["expected"] = date
        else:
            values.deadline(date, what="due")
            found["due"] = date
    return found


def _metric(text: str) -> dict[str, str]:
    match = _METRIC.match(text)
    assert match is not None  # the pattern matches any non-empty text
    value, unit = _figure(match["value"], what="the figure now")
    found = {"value": value}
    if match["target"] is not None:
        target, target_unit = _figure(match["target"], what="the target")
        if unit and target_unit and unit != target_unit:
            raise CommandProblem(f"the figure is in {unit} but the target in {target_unit}; use one unit")
        unit = unit or target_unit
        found["target"] = target
    if match["date"] is not None:
        if match["target"] is None:
            example = _standing_help("metric")
            raise CommandProblem(f"a date is when the target is due; write the target too, e.g. {example}")
        date = match["date"].strip()
        values.deadline(date, what="due")
        found["due"] = date
    found["unit"] = unit or "count"
    return found


def _figure(text: str, *, what: str) -> tuple[str, str | None]:
    """``2 million t`` -> ``("2 million", "t")``; ``45%`` -> ``("45", "percent")``; the number is checked."""
    text = text.strip()
    unit: str | None = None
    number, _, last = text.rpartition(" ")
    if text.endswith("%"):
        text, unit = text[:-1].strip(), "percent"
    elif number and last.lower() in _UNIT_WORDS:
        text, unit = number, _UNIT_WORDS[last.lower()]
    elif number and last.isalpha() and _is_number(number) and not _is_number(text):
        example = _standing_help("metric")
        raise CommandProblem(f"{what}: {last!r} is not a unit; use {_or(UNITS)} (or none for a count), e.g. {example}")
    values.number(text, what=what)
    return text, unit


def _is_number(text: str) -> bool:
    try:
        values.number(text, what="")
    except CommandProblem:
        return False
    return True


def _standing_help(kind: str) -> str:
    if kind == "event":
        return "planned by 2026-04 (a status, then when it is expected)"
    if kind == "agreement":
        return "pending by 2026-12-31 (a status, then its deadline)"
    if kind == "metric":
        return "2 million t of 12 million t by 2026-12-31 (the figure now, the target, its deadline)"
    return "planned by 2026-04, pending by 2026-12-31 or 2 million t of 12 million t by 2026-12-31"


def answers_text(answers: Mapping[str, str]) -> str:
    """The answers as typed, one field a line, so nothing is lost when the form has to be filled in again."""
    lines = [f"{field.label}: {' '.join(answers.get(field.name, '').split())}" for field in FIELDS]
    return "Your answers (copy them into the form again):\n" + "\n".join(lines)


def problem_text(problem: str, answers: Mapping[str, str]) -> str:
    """What was wrong, the one-line form's example for the kind, and the answers echoed back."""
    kind = answers.get("kind", "").strip().lower()
    example = usage("discord", "watch add", *named_args(EXAMPLES.get(kind, EXAMPLES["event"])))  # the form is Discord's
    return f"{problem}\nexample of the one-line form: {example}\n\n{answers_text(answers)}"


def _or(choices: tuple[str, ...]) -> str:
    return ", ".join(choices[:-1]) + " or " + choices[-1] if len(choices) > 1 else "".join(choices)


def _a(kind: str) -> str:
    return f"an {kind}" if kind[:1] in ("a", "e", "i", "o", "u") else f"a {kind}"
