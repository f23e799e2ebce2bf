"""A deal verb's object or subject tells which agreement it is, and how far it went.

- A legal agreement as the verb's object ("inks $350 million settlement", "signs plea deal", "reaches a consent
  decree") is an agreement of its own, not the watched deal (``_LEGAL_DEAL_OBJECT`` in watchers/extract/observe.py).
- A text settled is an agreement reached, not signed, whether the text is the verb's object ("finalise the draft
  treaty", already read) or the participle's subject ("peace agreement text finalised", ``_TEXT_SUBJECT_BEFORE``).
"""

from __future__ import annotations

import pytest

from tests.test_tracking_titles import read, watch_spec

BUYOUT = watch_spec("Sycamore Partners buying Walgreens and taking it private", ["Walgreens"], "agreement")
MERGER = watch_spec("Harbor Bank merger with Coastal Trust", ["Harbor Bank"], "agreement")
TREATY = watch_spec("Armenia-Azerbaijan peace treaty", ["peace treaty", "peace agreement"], "agreement")
TRADE = watch_spec("EU-Andes trade agreement", ["trade agreement", "trade deal"], "agreement")


@pytest.mark.parametrize(
    ("spec", "title", "summary", "expected"),
    [
        # a legal agreement is another agreement
        (BUYOUT, "Walgreens inks $350 million settlement with Justice Department over opioid prescriptions", "", []),
        (MERGER, "Harbor Bank signs consent decree with regulators over lending practices", "", []),
        (MERGER, "Harbor Bank reaches a deferred prosecution agreement in bribery probe", "", []),
        # ... the watched deal signed is the item's
        (BUYOUT, "Walgreens signs definitive agreement to be taken private by Sycamore", "", [("status", "signed")]),
        # a text settled is agreed, not signed
        (
            TREATY,
            "Armenia confirms peace agreement text finalised, proposes talks on signing",
            "",
            [("status", "agreed")],
        ),
        (TRADE, "Negotiators say the text of the trade agreement has been finalised", "", [("status", "agreed")]),
        # ... and so is the deal finalised with no text named: a trade deal's signature is another act
        (TRADE, "EU and Andean states finalise trade agreement at Brussels ceremony", "", [("status", "agreed")]),
    ],
)
def test_legal_objects_and_settled_texts(spec, title, summary, expected) -> None:  # type: ignore[no-untyped-def]
    assert read(spec, title, summary) == expected
