"""Which country or bloc a name stands for ("Britain" is the United Kingdom, "Beijing" is China): the parties of
a deal and the destinations of a visit, read from the data file ``lexicon/places.yaml``.

An alias written ``city:name`` there is a city. A city names its country as a party ("Beijing and Washington
agree") or a destination, but a watch titled with one ("Kabul airlift") has the city as its place, not its actor:
:func:`actor_places_in` leaves cities out.
"""

from __future__ import annotations

import re
from functools import lru_cache

from watchers.extract.lexicon_data import load_lexicon

__all__ = ["actor_places_in", "places_in"]

_CITY = "city:"


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], frozenset[str], re.Pattern[str]]:
    data = load_lexicon("places")
    names: dict[str, str] = {}
    cities: set[str] = set()
    for canonical, aliases in data.items():
        for name in (canonical, *(aliases or ())):
            low = str(name).lower()
            if low.startswith(_CITY):
                low = low.removeprefix(_CITY).strip()
                cities.add(low)
            names[low] = str(canonical)
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return names, frozenset(cities), re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])", re.IGNORECASE)


def _found(text: str, *, with_cities: bool) -> list[tuple[int, int, str]]:
    return list(_found_cached(text, with_cities))


@lru_cache(maxsize=8192)
def _found_cached(text: str, with_cities: bool) -> tuple[tuple[int, int, str], ...]:
    """The places in `text`, cached: one sentence is asked about by many watches and many rules."""
    names, cities, pattern = _index()
    found = []
    for m in pattern.finditer(text):
        word = m.group()
        if len(word.replace(".", "")) <= 3 and not word.isupper():
            continue  # "US", "UK", "EU" only in capitals: "us" is a pronoun
        if not with_cities and word.lower() in cities:
            continue
        found.append((m.start(), m.end(), names[word.lower()]))
    return tuple(found)


def places_in(text: str) -> list[tuple[int, int, str]]:
    """The places named in `text`: (start, end, canonical name), in order."""
    return _found(text, with_cities=True)


def actor_places_in(text: str) -> list[tuple[int, int, str]]:
    """The places `text` names as countries or blocs rather than by a city: the ones that can act."""
    return _found(text, with_cities=False)
