"""Which country or bloc a name stands for ("Britain" is the United Kingdom, "Beijing" is China): the parties of
a deal and the destinations of a visit, read from the data file ``lexicon/places.yaml``."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ruamel.yaml import YAML

__all__ = ["places_in"]


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], re.Pattern[str]]:
    text = resources.files("watchers.extract").joinpath("lexicon/places.yaml").read_text(encoding="utf-8")
    data = YAML(typ="safe").load(text) or {}
    names: dict[str, str] = {}
    for canonical, aliases in data.items():
        for name in (canonical, *(aliases or ())):
            names[str(name).lower()] = str(canonical)
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return names, re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])", re.IGNORECASE)


def places_in(text: str) -> list[tuple[int, int, str]]:
    """The places named in `text`: (start, end, canonical name), in order."""
    names, pattern = _index()
    found = []
    for m in pattern.finditer(text):
        word = m.group()
        if len(word.replace(".", "")) <= 3 and not word.isupper():
            continue  # "US", "UK", "EU" only in capitals: "us" is a pronoun
        found.append((m.start(), m.end(), names[word.lower()]))
    return found
