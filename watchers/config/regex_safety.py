"""User regexes run with a guaranteed bound: compiled with RE2, a linear-time engine (google-re2).

RE2 matches in time linear in the text for every pattern it accepts, so no pattern an admin writes can make one
title cost seconds. It refuses what needs backtracking by definition (backreferences, lookarounds), and
:func:`linear_problem` says so in the admin's terms. The notes below explain which shapes Python's backtracking
engine would have exploded on (:func:`backtracking_problem`, kept to say why a pattern is costly elsewhere):

Python's `re` backtracks: `(a+)+$` on "aaaa…b" takes time that doubles with each character, and a watch's regex runs
on every entry of every feed. Rather than add a second regex engine, patterns are parsed with the standard library's
own parser and refused when they have a shape that backtracks exponentially or needs backtracking by definition:

| pattern                  | why it is refused                                               |
|--------------------------|-----------------------------------------------------------------|
| `(a+)+`, `(a*)*`, `(\\w+\\s?)*` | a repeat inside a repeat: the input can be split many ways   |
| `(a\\|aa)+`, `(x\\|x.)*`     | alternatives under a repeat: each alternative doubles the paths |
| `(a)\\1`                  | a backreference needs backtracking whatever the input           |
| `(?=…)`, `(?<=…)` inside a repeat | a lookaround per repetition                             |

Bounded repeats of a single item (`\\d{4}`, `a{1,3}`), alternation outside repeats (`visit|trip`) and ordinary
character classes are fine: they run in linear time.
"""

from __future__ import annotations

from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

__all__ = ["LinearRegex", "backtracking_problem", "compile_linear", "linear_problem"]

_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)}
_LOOKAROUNDS = {sre_constants.ASSERT, sre_constants.ASSERT_NOT}


def backtracking_problem(pattern: str) -> str | None:
    """Why `pattern` can take exponential time (or needs backtracking), or None when it is safe to run."""
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:  # re.error; compile errors are reported by the caller
        return None
    return _walk(list(parsed), inside_repeat=False)


def _walk(items: list[tuple[Any, Any]], *, inside_repeat: bool) -> str | None:
    for op, arg in items:
        if op in _REPEATS and op is not None:
            high: int | None = arg[1]
            body = arg[2]
            if inside_repeat and high is not None and high > 1:
                return "a repeat inside a repeat (like (a+)+) can take exponential time"
            unbounded = high is None or high == sre_constants.MAXREPEAT or high > 1
            problem = _walk(list(body), inside_repeat=inside_repeat or unbounded)
            if problem:
                return problem
        elif op == sre_constants.BRANCH:
            branches: list[Any] = arg[1]
            if inside_repeat and len(branches) > 1:
                return "alternatives under a repeat (like (a|aa)+) can take exponential time"
            for branch in branches:
                problem = _walk(list(branch), inside_repeat=inside_repeat)
                if problem:
                    return problem
        elif op == sre_constants.SUBPATTERN:
            problem = _walk(list(arg[-1]), inside_repeat=inside_repeat)
            if problem:
                return problem
        elif op in (sre_constants.GROUPREF, getattr(sre_constants, "GROUPREF_EXISTS", None)):
            return "a backreference (like \\1) needs backtracking"
        elif op in _LOOKAROUNDS and inside_repeat:
            return "a lookaround inside a repeat can take quadratic or worse time"
        elif op in _LOOKAROUNDS:
            problem = _walk(list(arg[1]), inside_repeat=inside_repeat)
            if problem:
                return problem
    return None


def _options() -> Any:
    import re2

    options = re2.Options()
    options.case_sensitive = False  # watch regexes are case-insensitive, as their terms are
    options.log_errors = False  # a refused pattern is reported to the admin, not logged to stderr
    return options


class LinearRegex:
    """A compiled user regex with the `search` and `finditer` the matchers use, run by RE2 (linear time)."""

    def __init__(self, pattern: str) -> None:
        import re2

        self.pattern = pattern
        self._compiled = re2.compile(pattern, _options())

    def search(self, text: str) -> Any:
        return self._compiled.search(text)

    def finditer(self, text: str) -> Any:
        return self._compiled.finditer(text)


def compile_linear(pattern: str) -> LinearRegex:
    """`pattern` compiled for linear-time matching (raises ValueError with the reason when RE2 cannot run it)."""
    try:
        return LinearRegex(pattern)
    except Exception as exc:  # re2.error
        raise ValueError(_explain(pattern, exc)) from exc


def linear_problem(pattern: str) -> str | None:
    """Why `pattern` cannot run in linear time (it needs backtracking: a backreference, a lookaround), or None."""
    try:
        LinearRegex(pattern)
    except Exception as exc:  # re2.error
        return _explain(pattern, exc)
    return None


def _explain(pattern: str, exc: BaseException) -> str:
    detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
    if "\\" in pattern and "escape" in detail:
        why = "a backreference (like \\1) needs backtracking"
    elif "(?=" in pattern or "(?!" in pattern or "(?<" in pattern:
        why = "a lookahead or lookbehind needs backtracking"
    else:
        why = "RE2, the linear-time engine user regexes run on, cannot compile it"
    return f"{why} ({detail}); write it without them, or use match terms"
