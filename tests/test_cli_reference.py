"""The README's reference and the command line say the same thing.

The "Command line" table is compared with `followup --help` and each `followup COMMAND --help` (run as a user runs
them): every command and every option (with its value name), positional argument and choice in --help is in the
README row of that command, and every command and option the README shows exists. The environment table names every
variable the code reads, and the configuration reference lists every metric unit.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
import typing
from pathlib import Path

import pytest

from watchers.config.schema import METRIC_UNITS, MetricUnit

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def readme_section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end >= 0 else len(README)]


def table_rows(section: str) -> list[list[str]]:
    """Each table row as its cells (``\\|`` inside a cell is a literal bar, not a cell boundary)."""
    rows = []
    for line in section.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            rows.append(cells)
    return rows


def readme_commands() -> dict[str, str]:
    """Command (or top-level option such as --version) -> the synopsis cell of its row in "Command line"."""
    rows: dict[str, str] = {}
    for cells in table_rows(readme_section("Command line")):
        found = re.match(r"`followup ([a-z-]+)", cells[0])
        if found:
            rows[found.group(1)] = cells[0]
    return rows


async def _help(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.endswith(("_TOKEN", "_TOKEN_FILE"))}
    env["COLUMNS"] = "200"  # one line per option: the option and its help side by side
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        "--help",
        env=env,
        cwd=REPO,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, err.decode()
    return out.decode()


def help_sections(text: str) -> dict[str, list[str]]:
    """--help's sections ("positional arguments", "options") as their lines."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if line and not line.startswith(" ") and line.endswith(":"):
            current = sections.setdefault(line[:-1], [])
        elif current is not None:
            current.append(line)
    return sections


def listed_arguments(text: str) -> tuple[list[str], list[str]]:
    """(options with their value name, e.g. "--watch ID"; positionals and choices) from a command's --help."""
    sections = help_sections(text)
    options, positionals = [], []
    for line in sections.get("options", []):
        found = re.match(r"  (?:-\w, )?(--[a-z][a-z-]*(?: [A-Z][A-Z0-9-]*)?)(?:\s|$)", line)
        if found and found.group(1) != "--help":
            options.append(found.group(1))
    for line in sections.get("positional arguments", []):
        found = re.match(r"  (\S+)", line)
        if found:
            name = found.group(1)
            positionals.extend(name.strip("{}").split(",") if name.startswith("{") else [name])
    return options, positionals


@pytest.fixture(scope="module")
def helps() -> dict[str, str]:
    """`followup --help` under "" and `followup COMMAND --help` under each command it lists."""

    async def collect() -> dict[str, str]:
        top = await _help()
        commands = [
            m.group(1)
            for line in help_sections(top)["positional arguments"]
            if (m := re.match(r" {4}([a-z][a-z-]*)\s", line))
        ]
        texts = await asyncio.gather(*(_help(command) for command in commands))
        return {"": top, **dict(zip(commands, texts, strict=True))}

    return asyncio.run(collect())


def test_every_command_in_help_has_a_readme_row_and_every_readme_command_exists(helps: dict[str, str]) -> None:
    commands = {c for c in helps if c}
    assert {"run", "check", "validate", "health", "replay", "explain", "demo", "outbox"} <= commands
    rows = readme_commands()
    top_options, _ = listed_arguments(helps[""])
    assert sorted(commands - set(rows)) == [], "commands in `followup --help` missing from the README table"
    assert sorted(set(rows) - commands - set(top_options)) == [], "README commands that `followup` does not have"
    for option in top_options:  # --version
        assert option in rows, f"`followup {option}` is not in the README table"


def test_every_option_argument_and_choice_of_each_command_is_in_its_readme_row(helps: dict[str, str]) -> None:
    rows = readme_commands()
    missing = []
    for command, text in helps.items():
        if not command:
            continue
        options, positionals = listed_arguments(text)
        row = rows[command]
        missing += [f"{command}: {option}" for option in options if option not in row]
        missing += [f"{command}: {name}" for name in positionals if not re.search(rf"\b{re.escape(name)}\b", row)]
    assert missing == [], f"in --help but not in the README row: {missing}"


def test_every_option_in_the_readme_exists_in_help(helps: dict[str, str]) -> None:
    stale = []
    for command, row in readme_commands().items():
        if command.startswith("--"):
            continue
        options, _ = listed_arguments(helps[command])
        names = {option.split()[0] for option in options}
        stale += [f"{command}: {o}" for o in re.findall(r"--[a-z][a-z-]*", row) if o not in names]
    assert stale == [], f"options in the README that --help does not list: {stale}"


def test_config_option_agrees_between_help_and_readme(helps: dict[str, str]) -> None:
    reads_config = {c for c, text in helps.items() if c and "--config FILE" in text}
    assert reads_config == {"run", "check", "validate", "replay", "explain"}
    for command in reads_config:
        assert "default: $FOLLOWUP_CONFIG or config/watches.yaml" in helps[command]
    assert "`--config FILE` names the YAML config\n(default `$FOLLOWUP_CONFIG`, else `config/watches.yaml`)" in README
    assert "`health`, `outbox` and `demo` read no config" in README


def test_health_help_names_every_exit_code_the_readme_does(helps: dict[str, str]) -> None:
    text = " ".join(helps["health"].split())  # unwrapped
    assert "exit 0 healthy, 1 unhealthy, 3 database unreachable" in text
    row = next(line for line in README.splitlines() if line.startswith("| `followup health`"))
    assert "exit `0` healthy, `1` unhealthy" in row and "`3` database unreachable" in row
    top = " ".join(helps[""].split())
    assert "exit codes: 0 success" in top and "3 unusable environment" in top


def environment_variables_read_by_the_code() -> set[str]:
    names: set[str] = set()
    for path in [*(REPO / "bot").rglob("*.py"), *(REPO / "watchers").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        names.update(re.findall(r"(?:env|environ)\.get\(\s*\"([A-Z][A-Z0-9_]+)\"", text))
        names.update(re.findall(r"^[A-Z_]+_ENV = \"([A-Z][A-Z0-9_]+)\"", text, re.MULTILINE))
    from bot.environment import SECRET_NAMES

    names.update(SECRET_NAMES)
    names.update(f"{name}_FILE" for name in SECRET_NAMES)
    return names


def test_the_environment_table_names_every_variable_the_code_reads() -> None:
    names = environment_variables_read_by_the_code()
    assert {"TELEGRAM_API_BASE_URL", "FOLLOWUP_CONFIG", "FOLLOWUP_HTTP_LISTEN", "DATABASE_URL_FILE"} <= names
    table = "\n".join(" | ".join(cells) for cells in table_rows(readme_section("Configuration")))
    assert sorted(n for n in names if f"`{n}`" not in table) == []
    row = next(line for line in table.splitlines() if line.startswith("`TELEGRAM_API_BASE_URL`"))
    assert "self-hosted Telegram Bot API server" in row and "Discord has no such setting" in row
    assert not any(n.startswith("DISCORD_API") for n in names)


def test_every_metric_unit_is_documented() -> None:
    from bot.commands.specs import UNITS  # the chat's `watch add unit=...` offers the same units

    units = typing.get_args(MetricUnit)
    assert list(METRIC_UNITS) == list(units) and set(UNITS) == set(units)
    rows = [cells for cells in table_rows(readme_section("Configuration reference (YAML)"))]
    row = next(cells[1] for cells in rows if cells[0] == "`watches[].metric.unit`")
    for unit in units:
        assert f"`{unit}` " in row, f"unit {unit} is not described in the README"
