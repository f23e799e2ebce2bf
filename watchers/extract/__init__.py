"""Rule-based, offline text extraction for followup watches.

Pure functions of (text, publication date): no network, no database, no wall
clock.  The entry point is :func:`extract_observations`; the submodules are
usable on their own (dates, numbers, signals, matching, text).
"""

from watchers.extract.dates import DateMention, find_dates
from watchers.extract.matching import MatchRules, mentions_any
from watchers.extract.numbers import Quantity, find_quantities, to_tonnes
from watchers.extract.observe import ExtractionSpec, Observation, extract_observations
from watchers.extract.signals import StatusSignal, Vocabulary, find_status_signals
from watchers.extract.text import clean_text, split_sentences

__all__ = [
    "DateMention",
    "ExtractionSpec",
    "MatchRules",
    "Observation",
    "Quantity",
    "StatusSignal",
    "Vocabulary",
    "clean_text",
    "extract_observations",
    "find_dates",
    "find_quantities",
    "find_status_signals",
    "mentions_any",
    "split_sentences",
    "to_tonnes",
]
