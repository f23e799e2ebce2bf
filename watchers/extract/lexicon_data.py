"""Reading the lexicon data files beside the extraction code (``watchers/extract/lexicon/*.yaml``).

Status verbs, places and event verbs are data so that a new domain adds words, not code; every reader goes through
:func:`load_lexicon`, which reads a file once per process from the installed package (a wheel or an editable
install alike).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from ruamel.yaml import YAML

__all__ = ["load_lexicon"]


@lru_cache(maxsize=8)
def load_lexicon(name: str) -> Any:
    """The parsed content of ``lexicon/<name>.yaml`` (an empty mapping for an empty file)."""
    text = resources.files("watchers.extract").joinpath(f"lexicon/{name}.yaml").read_text(encoding="utf-8")
    return YAML(typ="safe").load(text) or {}
