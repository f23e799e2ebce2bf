"""Status signals: lemma-tolerant phrases, negation, denial, hedges, tense."""

from __future__ import annotations

import pytest

from watchers.extract.signals import StatusSignal, Vocabulary, find_status_signals, hedge_cue

EVENT = Vocabulary.for_kind("event")
AGREEMENT = Vocabulary.for_kind("agreement")


def sig(sentence: str, vocab: Vocabulary) -> list[tuple[str, str, bool]]:
    return [(s.status, s.confidence, s.negated) for s in find_status_signals(sentence, vocab)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # postponed, lemma tolerant
        ("Trump's visit to Beijing has been postponed to May.", [("postponed", "confirmed", False)]),
        # a delay in the present progressive is a decision announced (signals.py, _PRESENT_PROGRESSIVE_BEFORE)
        ("The White House is postponing the trip.", [("postponed", "confirmed", False)]),
        ("The trip was pushed back by a month.", [("postponed", "confirmed", False)]),
        ("Officials pushed the trip back to May.", [("postponed", "confirmed", False)]),
        ("The summit was rescheduled for June.", [("postponed", "confirmed", False)]),
        ("The postponement of the visit surprised diplomats.", [("postponed", "confirmed", False)]),
        ("The visit has been delayed.", [("postponed", "confirmed", False)]),
        ("Beijing put off the visit.", [("postponed", "confirmed", False)]),
        # cancelled
        ("Trump called off the trip.", [("cancelled", "confirmed", False)]),
        ("Officials called the trip off.", [("cancelled", "confirmed", False)]),
        ("The summit was scrapped.", [("cancelled", "confirmed", False)]),
        ("The summit has been cancelled.", [("cancelled", "confirmed", False)]),
        # confirmed: an explicit confirmation, announcement or schedule; bare plan phrases restate the plan
        ("Trump is set to travel to Beijing in April.", [("confirmed", "confirmed", False)]),
        ("Trump will visit Beijing in April.", []),
        ("Trump to visit Beijing in April", []),
        ("The White House confirmed the trip.", [("confirmed", "confirmed", False)]),
        ("Beijing confirmed that the visit was postponed.", [("postponed", "confirmed", False)]),
        ("Will Trump travel to Beijing?", []),
        ("Will the White House confirm the trip?", [("confirmed", "unconfirmed", False)]),
        ("Trump travelled to Beijing last week.", [("happened", "confirmed", False)]),
        ("Trump may travel to Beijing in April, people familiar said.", []),
        (
            "The White House may announce the trip in April, people familiar said.",
            [("confirmed", "unconfirmed", False)],
        ),
        # happened vs future
        ("Trump arrived in Beijing on Tuesday.", [("happened", "confirmed", False)]),
        ("Trump visited Beijing in 2017.", [("happened", "confirmed", False)]),
        ("Trump landed in Beijing late on Wednesday.", [("happened", "confirmed", False)]),
        # negation and denial
        ("The visit is not postponed, a spokesman said.", [("postponed", "confirmed", True)]),
        ("There are no plans to postpone the visit.", [("postponed", "unconfirmed", True)]),
        ("The White House denied a report that the visit was postponed.", [("postponed", "confirmed", True)]),
        ("Beijing dismissed reports the trip had been called off.", [("cancelled", "confirmed", True)]),
        ("Officials rejected claims that the summit was cancelled.", [("cancelled", "unconfirmed", True)]),
        (
            "Reports that the trip was delayed are false, the ministry said.",
            [("postponed", "unconfirmed", True)],
        ),
        ("The trip has not been delayed.", [("postponed", "confirmed", True)]),
        ("Trump never cancelled the trip.", [("cancelled", "confirmed", True)]),
        # hedges
        ("Trump may postpone his visit.", [("postponed", "unconfirmed", False)]),
        ("The White House is weighing postponing the trip.", [("postponed", "unconfirmed", False)]),
        ("The trip could be delayed if talks stall.", [("postponed", "unconfirmed", False)]),
        ("The visit was reportedly postponed.", [("postponed", "unconfirmed", False)]),
        (
            "The trip has been pushed back, according to people familiar with the matter.",
            [("postponed", "unconfirmed", False)],
        ),
        ("Trump is considering delaying the trip.", [("postponed", "unconfirmed", False)]),
        ("Unrelated sentence about tariffs.", []),
    ],
)
def test_event_signals(sentence: str, expected: list[tuple[str, str, bool]]) -> None:
    assert sig(sentence, EVENT) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The U.S. and China signed the rare-earths agreement on Thursday.",
            [("signed", "confirmed", False)],
        ),
        ("The two sides inked a deal on rare earths.", [("signed", "confirmed", False)]),
        # clinching, striking or sealing a deal reaches it; signing or closing completes it
        ("Negotiators clinched a deal late on Friday.", [("agreed", "confirmed", False)]),
        ("The deal was finalized on Sunday.", [("signed", "confirmed", False)]),
        ("Both sides have signed off on the text.", [("signed", "confirmed", False)]),
        ("The two sides have not yet signed the rare earths deal.", [("signed", "confirmed", True)]),
        ("The agreement has not been signed.", [("signed", "confirmed", True)]),
        ("They left without signing the deal.", [("signed", "unconfirmed", True)]),
        ("The two sides failed to sign the accord.", [("signed", "unconfirmed", True)]),
        ("Officials expect to sign the deal by Thanksgiving.", [("signed", "unconfirmed", False)]),
        ("The deal is set to be signed by Thanksgiving.", [("signed", "unconfirmed", False)]),
        ("Trump and Xi will sign the agreement in April.", [("signed", "unconfirmed", False)]),
        ("Negotiators are finalizing the text.", [("signed", "unconfirmed", False)]),
        ("After signing the deal, Xi left.", [("signed", "confirmed", False)]),
        ("There is no sign of a deal.", []),
        ("Signs of progress emerged.", []),
        (
            "Washington and Beijing reached a framework deal in Kuala Lumpur.",
            [("agreed", "confirmed", False)],
        ),
        ("The two sides agreed on export controls.", [("agreed", "confirmed", False)]),
        ("The two sides haven't agreed on export controls.", [("agreed", "confirmed", True)]),
        ("They reached no deal.", [("agreed", "confirmed", True)]),
        ("They failed to reach a deal.", [("agreed", "unconfirmed", True)]),
        ("The agreement covers gallium.", []),
        ("Talks broke down on Friday.", [("collapsed", "confirmed", False)]),
        ("The deal fell through.", [("collapsed", "confirmed", False)]),
        ("Beijing walked away from the talks.", [("collapsed", "confirmed", False)]),
        ("The deal could collapse if tariffs return.", [("collapsed", "unconfirmed", False)]),
        ("China dismissed reports that the talks had collapsed.", [("collapsed", "confirmed", True)]),
        # generic: a trade deal elsewhere
        ("The EU and Mercosur signed a trade agreement.", [("signed", "confirmed", False)]),
        ("India and the UK could seal a trade pact next month.", [("agreed", "unconfirmed", False)]),
        # a quotation's opening mark does not hide its negative word, and a clause of time with an indefinite pronoun
        # ("until everything is agreed") is a condition
        (
            "Officials said 'nothing agreed until everything is agreed'.",
            [("agreed", "unconfirmed", True), ("agreed", "unconfirmed", False)],
        ),
        ("The pact takes effect once all parliaments have ratified it.", [("signed", "unconfirmed", False)]),
        # a possibility called small is still only a possibility
        ("Lawyers see little chance the buyer walks away from the deal.", [("collapsed", "unconfirmed", False)]),
        (
            "No one signs until both sides agree on the annexes.",
            [("signed", "unconfirmed", True), ("agreed", "unconfirmed", False)],
        ),
    ],
)
def test_agreement_signals(sentence: str, expected: list[tuple[str, str, bool]]) -> None:
    assert sig(sentence, AGREEMENT) == expected


def test_rule_and_text_explain_the_signal() -> None:
    (s,) = find_status_signals("The visit was pushed back by two weeks.", EVENT)
    assert isinstance(s, StatusSignal)
    assert s.rule == "push back"
    assert s.text == "pushed back"
    assert s.sentence.startswith("The visit")


def test_reasons_name_the_hedge() -> None:
    (s,) = find_status_signals("Trump may postpone his visit.", EVENT)
    assert s.reasons == ("hedge 'may'",)


def test_vocabulary_extend_and_override() -> None:
    v = EVENT.extend({"postponed": ["kick the can"], "moved": ["relocate"]})
    assert sig("They kicked the can on the visit.", v) == [("postponed", "confirmed", False)]
    assert sig("The summit was relocated to Seoul.", v) == [("moved", "confirmed", False)]
    o = EVENT.override({"postponed": ["push"]})
    assert sig("The visit was postponed.", o) == []
    raw = Vocabulary({"postponed": ("re:\\bon\\s+hold\\b",)})
    assert sig("The visit is on hold.", raw) == [("postponed", "confirmed", False)]


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        ("Trump said he would travel in April.", None),
        ("Trump would travel in April if invited.", "would"),
        ("The trip is likely in April.", "likely"),
        ("The trip is in May, sources said.", "sources said"),
        ("The trip is on.", None),
    ],
)
def test_hedge_cue(sentence: str, hedge: str | None) -> None:
    assert hedge_cue(sentence, sentence.index("travel") if "travel" in sentence else len(sentence) - 1) == hedge
