"""The console channel: alerts printed to stdout — the default when no chat token is set."""

from __future__ import annotations

import sys
from typing import TextIO

from bot.channels.base import OutgoingMessage, SendResult, Target


class ConsoleChannel:
    """Writes each message as plain text; edits are printed as updates (a terminal cannot edit)."""

    platform = "console"

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stdout
        self._count = 0

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        self._stream.flush()

    async def send(self, target: Target, message: OutgoingMessage) -> SendResult:
        self._count += 1
        flag = " [unconfirmed]" if message.unconfirmed else ""
        print(f"── {message.kind}{flag} ──\n{message.plain_text}\n", file=self._stream, flush=True)
        return SendResult((str(self._count),))

    async def edit(self, target: Target, message_ids: tuple[str, ...], message: OutgoingMessage) -> None:
        names = list(dict.fromkeys(s.publisher for s in message.sources))
        first, others = (names[0], names[1:]) if names else ("?", [])
        reported = f"first reported by {first}, now also by {', '.join(others)}" if others else f"reported by {first}"
        print(
            f"── update to message {message_ids[0] if message_ids else '?'}: {reported} ──\n",
            file=self._stream,
            flush=True,
        )
