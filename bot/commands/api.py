"""The contract between the command service and its platform adapters.

The service implements every command once, against these types only; the Telegram and Discord adapters turn
an update or an interaction into a :class:`Caller` plus string arguments, and a :class:`Reply` back into the
platform's message (escaped for its markup, never mentioning anyone). Arguments stay strings up to the
service, so every "what was wrong and how to fix it" message is written in one place.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol

Platform = Literal["telegram", "discord", "console"]
ChatKind = Literal["private", "group", "channel", "guild"]
Access = Literal["anyone", "chat_admin", "admin", "owner"]
ParamKind = Literal["text", "watch", "duration", "number", "date", "url", "choice", "user", "file", "channel", "role"]

MAX_ARGUMENT_CHARS = 2000  # longer arguments are refused with a message, never truncated silently


@dataclass(frozen=True)
class ChannelFacts:
    """A channel picked in a ``channel`` option, as the adapter found it; the service judges it and says why not.

    The adapter knows the platform (which server a channel is in, what the bot may do there); the service decides
    what a command accepts, words the refusal and audits it, as for any other argument.
    """

    address: str  # the channel id deliveries go to
    name: str
    same_server: bool  # a channel of the server the command was run in
    kind: Literal["text", "forum", "other"]  # text: text, announcement or thread; other: voice, stage, category...
    missing: tuple[str, ...] = ()  # permissions the bot lacks to post there, as the platform names them
    can_mention_everyone: bool = False  # the bot may ping @here, and roles that are not mentionable, there


@dataclass(frozen=True)
class RoleFacts:
    """A role picked in a ``role`` option: enough to ping it and to say when a ping would not notify anyone."""

    id: str
    name: str
    everyone: bool  # the @everyone role (its id is the server's)
    mentionable: bool  # "Allow anyone to @mention this role"


Resolved = ChannelFacts | RoleFacts  # what an adapter found out about an option's value, by parameter name


@dataclass(frozen=True)
class Caller:
    """Who runs a command, from where. The adapter fills ``chat_admin`` from the platform (Telegram: an
    administrator of this group or channel; Discord: holds Manage Guild in this guild)."""

    platform: Platform
    user_id: str
    display_name: str
    chat_address: str  # Telegram chat id; Discord channel id (a DM channel id in a DM)
    chat_kind: ChatKind
    thread_id: int | None = None  # Telegram forum topic; Discord threads have their own channel id
    guild_id: str | None = None
    chat_admin: bool = False
    # False when the adapter did not look it up (Telegram asks only for commands that need it): then a button that
    # needs a chat admin is still offered, and pressing it checks
    chat_admin_known: bool = True
    # the channel itself, when the adapter knows it (Discord, in a server); facts about the place, not who calls
    channel: ChannelFacts | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ParamSpec:
    """One argument of a command.

    ``kind`` tells adapters how to offer it (Discord option type, autocomplete for "watch") and the service how
    to validate it; ``rest`` takes the remainder of a Telegram message (free text such as a title or query).
    """

    name: str
    description: str
    kind: ParamKind = "text"
    required: bool = True
    choices: tuple[str, ...] = ()
    rest: bool = False
    # offered only on these platforms (empty: on all): a Discord channel or role picker means nothing on Telegram
    platforms: tuple[Platform, ...] = ()


@dataclass(frozen=True)
class CommandSpec:
    """A command: ``name`` is one word or "group sub" (``watch add``): Telegram ``/watch add ...``, Discord
    ``/watch add`` (a subcommand of the group ``watch``)."""

    name: str
    description: str
    params: tuple[ParamSpec, ...] = ()
    access: Access = "anyone"
    ephemeral: bool = False  # Discord: only the caller sees the reply (settings, admin output)

    @property
    def group(self) -> str:
        return self.name.split(" ", 1)[0]

    @property
    def subcommand(self) -> str | None:
        parts = self.name.split(" ", 1)
        return parts[1] if len(parts) == 2 else None

    def for_platform(self, platform: Platform) -> CommandSpec:
        """The spec as ``platform`` offers it: without the parameters meant for other platforms only."""
        params = tuple(p for p in self.params if not p.platforms or platform in p.platforms)
        return self if params == self.params else replace(self, params=params)


@dataclass(frozen=True)
class Button:
    """A one-tap follow-up command (Telegram inline keyboard button; Discord button or plain hint)."""

    label: str
    command: str
    args: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    mime: str  # "image/png" (chart), "application/x-yaml" (export)


@dataclass(frozen=True)
class Reply:
    """What the caller sees. ``text`` is plain text (may contain feed text: adapters escape it)."""

    text: str
    ok: bool = True  # False: refused or bad input (adapters may style it; tests assert on it)
    buttons: tuple[Button, ...] = ()
    attachment: Attachment | None = None
    ephemeral: bool = False


class CommandService(Protocol):
    """What adapters need from the service."""

    def specs(self) -> Sequence[CommandSpec]: ...

    async def execute(
        self,
        caller: Caller,
        command: str,
        args: Mapping[str, str],
        *,
        attachment: bytes | None = None,
        resolved: Mapping[str, Resolved] | None = None,
    ) -> Reply:
        """Run ``command`` (a CommandSpec name). Never raises for bad input or refusals: returns ok=False.

        ``resolved``: what the adapter found out about channel and role options (by parameter name)."""
        ...

    async def complete_watch_ids(self, prefix: str, *, limit: int = 25) -> list[tuple[str, str]]:
        """Watch ids (with titles) starting with or containing ``prefix``, for autocomplete."""
        ...

    async def refusal(self, caller: Caller, command: str) -> str | None:
        """Why ``caller`` may not run ``command`` (the sentence a refusal says), or None when they may."""
        ...


class ArgumentError(ValueError):
    """A command line that cannot be split into the spec's arguments; ``str()`` says how to write it."""


def parse_text_arguments(spec: CommandSpec, text: str) -> dict[str, str]:
    """Split the text after a command into the spec's named arguments.

    Positional words fill the parameters in order (quotes group words: ``"Trump visit"``); ``name=value``
    sets one by name; a ``rest`` parameter takes everything left. Missing required arguments are not an error
    here: the service answers them with guidance (that is how ``watch add`` is guided).
    """
    if len(text) > MAX_ARGUMENT_CHARS:
        raise ArgumentError(f"the arguments are {len(text)} characters long; the limit is {MAX_ARGUMENT_CHARS}")
    try:
        words = shlex.split(text)
    except ValueError as error:
        raise ArgumentError(f"could not read the arguments ({error}); close every quote") from None
    names = {param.name for param in spec.params}
    values: dict[str, str] = {}
    positional: list[str] = []
    for word in words:
        key, sep, value = word.partition("=")
        if sep and key in names:
            values[key] = value
        else:
            positional.append(word)
    pending = [param for param in spec.params if param.name not in values]
    for index, param in enumerate(pending):
        if not positional:
            break
        if param.rest or index == len(pending) - 1:
            values[param.name] = " ".join(positional)
            positional = []
            break
        values[param.name] = positional.pop(0)
    if positional:
        usage = " ".join(f"<{p.name}>" if p.required else f"[{p.name}]" for p in spec.params)
        raise ArgumentError(f"too many arguments: {' '.join(positional)!r}; usage: {spec.name} {usage}".rstrip())
    return values
