"""Opt-in pings per subscription: which role (or @here) an alert of which kinds mentions.

``SubscriptionRow.mention`` is JSON written by ``/settings mention`` and read here only, by the command that shows
it and by the dispatcher that decides whether one delivery pings::

    {"target": "here"} | {"target": "role", "role_id": "123", "name": "news"}, plus "kinds": ["status", ...]

Why a separate column and not ``prefs``: a ping is the one thing that can wake people up, so it is never a default,
never copied from the config, and a value that does not parse means *no* ping (prefs that do not parse fall back to
defaults instead). The dispatcher asks :func:`ping_for`; every other delivery mentions no one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["HERE", "MentionSetting", "ping_for"]

HERE = "here"


@dataclass(frozen=True)
class MentionSetting:
    """Ping ``role_id`` (or @here when it is None) on alerts of ``kinds``; ``name`` is the role's name when set."""

    role_id: str | None
    kinds: tuple[str, ...]
    name: str = ""

    @property
    def token(self) -> str:
        """What an outgoing message carries: ``"here"`` or ``"role:<id>"`` (bot.channels.base.OutgoingMessage)."""
        return HERE if self.role_id is None else f"role:{self.role_id}"

    def label(self) -> str:
        """As people write it: ``@here``, ``@news``."""
        return "@here" if self.role_id is None else f"@{self.name or self.role_id}"

    def to_json(self) -> dict[str, Any]:
        if self.role_id is None:
            return {"target": HERE, "kinds": list(self.kinds)}
        return {"target": "role", "role_id": self.role_id, "name": self.name, "kinds": list(self.kinds)}

    @classmethod
    def from_json(cls, data: object) -> MentionSetting | None:
        """The setting stored in a row; None for no setting or anything that does not parse (then nobody is pinged)."""
        if not isinstance(data, Mapping):
            return None
        kinds = data.get("kinds")
        if not isinstance(kinds, list) or not kinds or not all(isinstance(k, str) for k in kinds):
            return None
        if data.get("target") == HERE:
            return cls(None, tuple(kinds))
        role_id = data.get("role_id")
        if data.get("target") != "role" or not isinstance(role_id, str) or not role_id.isdigit():
            return None
        return cls(role_id, tuple(kinds), str(data.get("name") or ""))


def ping_for(mention: object, kinds: Iterable[str]) -> str:
    """The ping a delivery carrying alerts of ``kinds`` makes under the stored ``mention``: a token, or ``""``."""
    setting = MentionSetting.from_json(mention)
    if setting is None or not set(kinds) & set(setting.kinds):
        return ""
    return setting.token
