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

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from watchers.config.schema import FollowupConfig
from watchers.feeds.urlsafety import literal_host_problem


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
                        f"the file's aliases expand to about {expanded:,} values, over the limit of "
                        f"{MAX_EXPANDED_NODES:,}",
                        "write the values out, or use fewer nested aliases (*name)",
                    )
                ]
            )
        document = yaml.load(text)
    except ConfigError:
        raise
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        message = f"YAML syntax error: {exc.problem or exc.context}"
        raise ConfigError(
            [ConfigProblem(filename, line, "", message, "check indentation, colons and quotes on that line")]
        ) from None
    except YAMLError as exc:
        raise ConfigError([ConfigProblem(filename, None, "", f"YAML error: {exc}")]) from None
    except (ValueError, RecursionError) as exc:
        # a number with thousands of digits (Python refuses to convert it), or nesting deeper than any config
        detail = "a number has too many digits" if isinstance(exc, ValueError) else "the nesting is too deep"
        raise ConfigError([ConfigProblem(filename, None, "", f"YAML error: {detail} ({str(exc)[:120]})")]) from None
    if document is None:
        document = CommentedMap()
    if not isinstance(document, dict):
        raise ConfigError([ConfigProblem(filename, 1, "", "the file must be a mapping with settings: and watches:")])
    try:
        config = FollowupConfig.model_validate(_plain(document))
    except ValidationError as exc:
        problems = sorted(
            (_problem(filename, document, err) for err in exc.errors()), key=lambda p: (p.line or 0, p.path)
        )
        raise ConfigError(problems) from None
    if check_addresses:
        _check_feed_addresses(config, filename, document)
    return config


def _check_feed_addresses(config: FollowupConfig, filename: str, document: Any) -> None:
    """Feed URLs on loopback, private or metadata IP literals are refused when the file is validated, not at the
    first poll; names are resolved and checked when fetched."""
    allow = config.settings.allow_private_feeds
    problems = []
    for w, watch in enumerate(config.watches):
        for f, feed in enumerate(watch.feeds):
            if feed.url is not None and (problem := literal_host_problem(feed.url, allow_private=allow)):
                loc = ("watches", w, "feeds", f, "url")
                path = f"watches[{w}].feeds[{f}].url"
                line = _line_of(document, loc)
                problems.append(ConfigProblem(filename, line, path, f"watch {watch.id!r}: {problem}"))
    if problems:
        raise ConfigError(problems)


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
