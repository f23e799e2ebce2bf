"""Load the YAML config and report every problem with its file, line, key path and a hint.

Users edit this file by hand on a server; a traceback or a bare "validation error" wastes their evening. So
YAML syntax errors, unknown keys, wrong types and cross-field mistakes are all collected into one
:class:`ConfigError` whose lines look like ``config/watches.yaml:12: watches[0].kind: ... (hint: ...)``.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.tokens import ScalarToken

from watchers.config.schema import METRIC_UNITS, FollowupConfig
from watchers.feeds.urlsafety import literal_host_problem, validate_feed_url_syntax


@dataclass(frozen=True)
class ConfigProblem:
    """One thing wrong with the config, located as precisely as the YAML allows."""

    file: str
    line: int | None
    path: str
    message: str
    hint: str | None = None

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        key = f" {self.path}:" if self.path else ""
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{where}:{key} {self.message}{hint}"


class ConfigError(Exception):
    """The config cannot be used; ``problems`` lists every reason found."""

    def __init__(self, problems: list[ConfigProblem]) -> None:
        self.problems = problems
        super().__init__(self.format())

    def format(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the configuration:"
        return "\n".join([head, *("  " + p.format() for p in self.problems)])


def load_config(path: str | Path) -> FollowupConfig:
    """Read and validate a config file; raise ConfigError (never anything else) when it is unusable."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            [ConfigProblem(str(path), None, "", "file not found", "pass --config FILE or set FOLLOWUP_CONFIG")]
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([ConfigProblem(str(path), None, "", f"cannot read the file: {exc}")]) from None
    return load_config_text(text, filename=str(path))


def load_config_text(text: str, *, filename: str = "<config>", check_addresses: bool = True) -> FollowupConfig:
    """Validate config text; ``filename`` only appears in messages.

    With ``check_addresses`` (the default), a feed URL whose host is an internal IP literal, in any spelling, is a
    problem unless the file's own ``settings.allow_private_feeds`` allows it. Chat's import checks uploaded watches
    against the running bot's settings instead, so it turns this off.
    """
    yaml = YAML(typ="rt")
    try:
        expanded = _expanded_size(yaml.compose(text))
        if expanded > MAX_EXPANDED_NODES:
            raise ConfigError(
                [
                    ConfigProblem(
                        filename,
                        None,
                        "",
                        # the count stops at ten times the limit: a 600-byte bomb holds 9^9 values, not "about" that
                        f"the file's aliases expand to "
                        f"{'more than' if expanded >= MAX_EXPANDED_NODES * 10 else 'about'} {expanded:,} values, "
                        f"over the limit of {MAX_EXPANDED_NODES:,}",
                        "write the values out, or use fewer nested aliases (*name)",
                    )
                ]
            )
        document = yaml.load(text)
    except ConfigError:
        raise
    except MarkedYAMLError as exc:
        # the rest of the file cannot be read reliably after a syntax error, so this is the only problem reported
        raise ConfigError([_syntax_problem(filename, text, exc)]) from None
    except YAMLError as exc:
        raise ConfigError([ConfigProblem(filename, None, "", f"YAML error: {exc}")]) from None
    except (ValueError, RecursionError) as exc:
        # a number with thousands of digits (Python refuses to convert it), a date that does not exist (2031-13-01,
        # 2031-02-30), or nesting deeper than any config
        if isinstance(exc, RecursionError):
            detail = "the nesting is too deep"
        elif "digits" in str(exc):
            detail = "a number has too many digits"
        else:
            detail = "a value that looks like a date or number is not a valid one"
        raise ConfigError([ConfigProblem(filename, None, "", f"YAML error: {detail} ({str(exc)[:120]})")]) from None
    if document is None:
        document = CommentedMap()
    if not isinstance(document, dict):
        raise ConfigError([ConfigProblem(filename, 1, "", "the file must be a mapping with settings: and watches:")])
    plain = _plain(document)
    problems: list[ConfigProblem] = []
    at_root: list[ConfigProblem] = []
    config: FollowupConfig | None = None
    try:
        config = FollowupConfig.model_validate(plain)
    except ValidationError as exc:
        # Errors located at the root come from the whole-file checks (unique ids, subscriptions naming watches),
        # which pydantic runs only once every field is valid and which stop at the first; _cross_checks below
        # reports all of them, with their lines, whatever else is wrong.
        for err in exc.errors():
            (problems if _located(err) else at_root).append(_problem(filename, document, err))
    problems.extend(_cross_checks(plain, filename, document))
    if check_addresses:
        problems.extend(_feed_address_problems(plain, filename, document))
    if config is None and not problems:
        problems = at_root  # a whole-file rule _cross_checks does not know
    if problems:
        unique = list(dict.fromkeys(problems))
        raise ConfigError(sorted(unique, key=lambda p: (p.line or 0, p.path)))
    assert config is not None
    return config


def _located(err: Any) -> bool:
    return any(not _is_internal_loc(part) for part in err["loc"])


def _raw_watches(plain: Any) -> list[tuple[int, dict[str, Any]]]:
    watches = plain.get("watches") if isinstance(plain, dict) else None
    if not isinstance(watches, list):
        return []
    return [(i, w) for i, w in enumerate(watches) if isinstance(w, dict)]


def _cross_checks(plain: Any, filename: str, document: Any) -> list[ConfigProblem]:
    """The whole-file rules (watch ids unique, subscriptions name existing watches), checked on the file as
    written so that they are reported alongside every other problem rather than only once the rest is valid."""
    problems: list[ConfigProblem] = []
    first: dict[str, int] = {}
    for i, watch in _raw_watches(plain):
        watch_id = watch.get("id")
        if not isinstance(watch_id, str):
            continue
        loc = ("watches", i, "id")
        if watch_id in first:
            earlier = _line_of(document, ("watches", first[watch_id], "id"))
            problems.append(
                ConfigProblem(
                    filename,
                    _line_of(document, loc),
                    _dotted(loc),
                    f"watch id {watch_id!r} is used twice (first on line {earlier}); ids must be unique",
                    "rename one of them",
                )
            )
        else:
            first[watch_id] = i
    subscriptions = plain.get("subscriptions") if isinstance(plain, dict) else None
    for s, sub in enumerate(subscriptions if isinstance(subscriptions, list) else []):
        named = sub.get("watches") if isinstance(sub, dict) else None
        if not isinstance(named, list):
            continue
        unknown = [str(w) for w in named if str(w) not in first]
        if unknown:
            loc = ("subscriptions", s, "watches")
            known = ", ".join(first) or "none"
            problems.append(
                ConfigProblem(
                    filename,
                    _line_of(document, loc),
                    _dotted(loc),
                    f"names unknown watches {', '.join(unknown)}",
                    f"watches in this file: {known}; or write watches: all",
                )
            )
    return problems


def _feed_address_problems(plain: Any, filename: str, document: Any) -> list[ConfigProblem]:
    """Feed URLs on loopback, private or metadata IP literals are refused when the file is validated, not at the
    first poll; names are resolved and checked when fetched."""
    settings = plain.get("settings") if isinstance(plain, dict) else None
    try:
        allow = bool(TypeAdapter(bool).validate_python((settings or {}).get("allow_private_feeds", False)))
    except (ValidationError, AttributeError):
        allow = False  # reported as a problem of its own
    problems = []
    for w, watch in _raw_watches(plain):
        feeds = watch.get("feeds")
        for f, feed in enumerate(feeds if isinstance(feeds, list) else []):
            url = feed.get("url") if isinstance(feed, dict) else feed
            if not isinstance(url, str) or validate_feed_url_syntax(url) is not None:
                continue  # not a URL: the schema says so
            if problem := literal_host_problem(url, allow_private=allow):
                loc = ("watches", w, "feeds", f, "url") if isinstance(feed, dict) else ("watches", w, "feeds", f)
                line = _line_of(document, loc)
                problems.append(ConfigProblem(filename, line, _dotted(loc), f"watch {watch.get('id')!r}: {problem}"))
    return problems


def _syntax_problem(filename: str, text: str, exc: MarkedYAMLError) -> ConfigProblem:
    """A YAML syntax error located where the mistake starts, which is often not where the parser gave up.

    An unclosed quote makes the parser read on to the end of the file (or to the next quote): the context mark
    says where the quote opened, the problem mark where the parser stopped. Both are said when they differ.
    """
    problem = (exc.problem or exc.context or "cannot be read").strip()
    context = (exc.context or "").strip()
    at = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
    opened = exc.context_mark.line + 1 if exc.context_mark is not None else None
    ends = "" if at is None or at <= text.count("\n") else ", the end of the file"
    if context == "while scanning a quoted scalar" and opened is not None:
        if at is not None and at != opened:
            message = f"the quote opened on line {opened} is never closed (the parser reached line {at}{ends})"
        else:
            message = f"the quoted value on line {opened} cannot be read: {problem}"
        return ConfigProblem(filename, opened, "", f"YAML syntax error: {message}", "close the quote on that line")
    runaway = _runaway_quote(text, at)
    if runaway is not None:
        message = (
            f"the quote opened on line {runaway} is not closed on that line: the value runs on to line {at}, "
            f"where the parser stopped ({problem})"
        )
        return ConfigProblem(filename, runaway, "", f"YAML syntax error: {message}", "close the quote on that line")
    if context.startswith(("while parsing a flow", "while scanning a flow")) and opened is not None:
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        message = f"the {bracket} opened on line {opened} is not closed: {problem} on line {at}{ends}"
        hint = f"separate the items with commas and close it with {closing}"
        return ConfigProblem(filename, opened, "", f"YAML syntax error: {message}", hint)
    if context == "while scanning a simple key" and opened is not None:
        message = f"line {opened} has no ':' after its key ({problem}; the parser reached line {at})"
        return ConfigProblem(filename, opened, "", f"YAML syntax error: {message}", "write key: value")
    line = at or opened
    message = f"YAML syntax error: {problem}"
    hint = "check indentation, colons and quotes on that line"
    if context.startswith("while parsing a block") and opened is not None and opened != line:
        message += f" (in the block that starts on line {opened})"
        hint = "check the indentation on that line: the keys of one mapping, and the items of a list, line up"
    return ConfigProblem(filename, line, "", message, hint)


def _runaway_quote(text: str, at: int | None) -> int | None:
    """The line where a quoted value opened, when one runs over several lines and ends on the line where the
    parser failed: the usual sign of a missing closing quote that a later quote closed instead."""
    if at is None:
        return None
    opened: int | None = None
    try:
        for token in YAML(typ="rt").scan(text):
            if token.start_mark.line + 1 > at:
                break
            if isinstance(token, ScalarToken) and token.style in ('"', "'"):
                start, end = token.start_mark.line + 1, token.end_mark.line + 1
                if start < end == at:
                    opened = start
    except YAMLError:
        pass
    return opened


# How many values a config may hold once its aliases (*name) are expanded: far above any real config (a thousand
# watches is a few tens of thousands), far below what makes a nested-alias "billion laughs" file take gigabytes.
MAX_EXPANDED_NODES = 200_000


def _expanded_size(root: Any) -> int:
    """The number of values `root` (a composed YAML node graph) holds with every alias expanded, counted without
    expanding anything: an alias is the same node object reached twice, so sizes are memoised per node."""
    if root is None:
        return 0
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        value = node.value
        if isinstance(value, list):
            children = [c for item in value for c in (item if isinstance(item, tuple) else (item,))]
        else:
            children = []
        if not done:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
            continue
        total = 1 + sum(sizes.get(id(c), 0) for c in children)
        sizes[id(node)] = min(total, MAX_EXPANDED_NODES * 10)
    return sizes[id(root)]


def _plain(node: Any) -> Any:
    """ruamel's commented containers as plain dicts and lists (pydantic validates those most predictably)."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def _problem(filename: str, document: Any, err: Any) -> ConfigProblem:
    loc = tuple(part for part in err["loc"] if not _is_internal_loc(part))
    line = _line_of(document, loc)
    message = str(err["msg"]).removeprefix("Value error, ")
    hint = _hint(err, loc)
    if err["type"] == "extra_forbidden":
        message = f"unknown key {loc[-1]!r}"
    elif err["type"] == "missing":
        message = f"required key {loc[-1]!r} is missing"
    elif err["type"] == "literal_error" and loc[-2:] == ("metric", "unit"):
        *others, last = METRIC_UNITS
        message = f"unit {err.get('input')!r} is unknown; use {', '.join(others)} or {last}"
        hint = "; ".join(f"{unit} = {meaning}" for unit, meaning in METRIC_UNITS.items())
    return ConfigProblem(filename, line, _dotted(loc), message, hint)


def _is_internal_loc(part: Any) -> bool:
    # pydantic puts union/validator names such as "function-before[...]" into locations
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_of(document: Any, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of the deepest node of ``loc`` present in the YAML."""
    node = document
    line: int | None = 1
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line = node.lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line = node.lc.item(part)[0] + 1
            node = node[part]
        else:
            break
    return line


def _hint(err: Any, loc: tuple[Any, ...]) -> str | None:
    kind = err["type"]
    if kind == "extra_forbidden":
        known = _known_keys(loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        if close:
            return f"did you mean {close[0]!r}?"
        return f"known keys here: {', '.join(sorted(known))}" if known else "remove it"
    if kind == "missing":
        return "add it; see config/watches.yaml in the project for an example"
    if kind in ("int_parsing", "float_parsing", "int_type", "float_type"):
        return "write a plain number without units or quotes"
    if kind in ("bool_parsing", "bool_type"):
        return "write true or false"
    if kind in ("list_type",):
        return "write a YAML list: one '- item' per line, or [a, b]"
    if kind in (
        "datetime_from_date_parsing",
        "datetime_parsing",
        "date_from_datetime_parsing",
        "date_parsing",
    ):
        return "write a date as 2025-11-25 or a time as 2025-11-25T14:00:00Z"
    return None


def _known_keys(loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model found at ``loc`` in the schema, for "did you mean" hints."""
    model: Any = FollowupConfig
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return []
        model = _model_in(model.model_fields[part].annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    """Unwrap Optional, list and Annotated until a pydantic model (or nothing) remains."""
    for _ in range(6):
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, tuple, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if args else None
        else:
            break
    return annotation
