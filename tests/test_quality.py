"""Alert quality on the labelled fixture stream: precision and recall of `followup replay` against the labels.

The stream (tests/fixtures/stream) is 129 entries from seven outlets over seven months, written to contain the
traps that make keyword alerting useless: repeated coverage, rumours and denials, moving deadlines, resurfaced
old stories, targets versus totals, other countries and crops, conflicting figures. The shipped config is used
unchanged, so this also checks that the founding watches behave.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from quality import load_labels, score

ROOT = Path(__file__).resolve().parent.parent
FOUNDING = ROOT / "tests" / "fixtures" / "founding-2025.yaml"  # the baselines the fixture stream is written against
STREAM = ROOT / "tests" / "fixtures" / "stream"
TARGET = 0.95


def replay_stream() -> list[dict[str, object]]:
    feeds = sorted(str(p) for p in STREAM.glob("*.xml"))
    done = subprocess.run(
        [sys.executable, "-m", "bot", "replay", "--config", str(FOUNDING), *feeds],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def test_replay_prints_alerts_in_the_documented_format() -> None:
    alerts = replay_stream()
    assert alerts
    for alert in alerts:
        assert list(alert) == ["watch", "kind", "at", "old", "new", "confidence", "sources", "text", "state"]
        assert set(alert["state"]) >= {"status", "expected", "due", "value", "target", "target_reached"}
        assert alert["kind"] in {"status", "date", "value", "target", "deadline_soon", "deadline_missed", "report"}
        assert alert["confidence"] in {"confirmed", "unconfirmed"}
        assert str(alert["at"]).endswith("Z")
        assert isinstance(alert["sources"], list) and isinstance(alert["text"], str) and alert["text"]


def test_precision_and_recall_on_the_labelled_stream() -> None:
    report = score(replay_stream(), load_labels(STREAM / "labels.yaml"))
    print()
    print(report.format())
    assert report.precision >= TARGET, report.format()
    assert report.recall >= TARGET, report.format()


# ------------------------------------------------------------------------------------------- the blind corpus
#
# tests/corpus/dev holds stories written blind (see tests/corpus.py); tests/corpus/lockbox is scored once, by
# hand, at the end of a piece of work (`python tests/corpus.py --split lockbox`), never here.
# Issue 10 asks for precision >= 0.95 and recall >= 0.90 overall and >= 0.80 per story on every story but the
# lockbox. That is not met. The dev split holds 492 stories, every one written blind and scored once before anyone
# read it: earlier sessions' stories and spent lockboxes, and fifty-nine batches of three to eight read first at
# (precision / recall) 0.45 / 0.39, 0.45 / 0.48, 0.43 / 0.47, 0.61 / 0.77, 0.44 / 0.50, 0.72 / 0.58, 0.42 / 0.33,
# 0.69 / 0.49, 0.67 / 0.55, 0.52 / 0.67, 0.63 / 0.52, 0.72 / 0.69, 0.62 / 0.73, 0.53 / 0.36, 0.48 / 0.68,
# 0.64 / 0.74, 0.53 / 0.70, 0.74 / 0.64, 0.89 / 0.85, 0.76 / 0.84, 0.73 / 0.70, 0.57 / 0.65, 0.62 / 0.42,
# 0.86 / 0.80, 0.69 / 0.90, 0.35 / 0.41, 0.69 / 0.55, 0.46 / 0.73, 0.64 / 0.36, 0.72 / 0.58, 0.51 / 0.53,
# 0.76 / 0.64, 0.56 / 0.38, 0.45 / 0.45, 0.78 / 0.72, 0.65 / 0.77, 0.69 / 0.71, 0.61 / 0.47, 0.60 / 0.75,
# 0.69 / 0.64, 0.73 / 0.79, 0.65 / 0.69, 0.59 / 0.57, 0.71 / 0.86, 0.78 / 0.64, 0.64 / 0.72, 0.50 / 0.62,
# 0.57 / 0.67, 0.45 / 0.62, 0.72 / 0.69, 0.61 / 0.76, 0.74 / 0.68, 0.67 / 0.73, 0.76 / 0.84, 0.53 / 0.67,
# 0.42 / 0.67, 0.61 / 0.58, 0.56 / 0.65, 0.62 / 0.80, with
# lockboxes measured once at 0.65 / 0.71, 0.72 / 0.45, 0.59 / 0.56, 0.56 / 0.56, 0.59 / 0.71, 0.75 / 0.86,
# 0.61 / 0.67, 0.38 / 0.32, 0.50 / 0.62, 0.58 / 0.37, 0.63 / 0.75, 0.76 / 0.73 and 0.81 / 0.78. After rules written
# from all of them, the 492 score 0.86 / 0.87 (1811 hit, 296 false, 275 missed), and 185 stories are under 0.80 on
# one side.
# These floors hold the measured figures, so that a change that makes tracking worse on stories nobody tuned for
# fails here; they are not the figures. Weak stories whose reason is known:
#   biden-100-million-shots: a headline gives the all-time total while the watch counts since a date;
#   boeing-737-max-return: the ungrounding told as "clears ... to fly again", no word of the title's "lifts";
#   boeing-737-deliveries-2023: the writer sums monthly deliveries the reports give one month at a time;
#   eu-uk-trade-deal: "by mid-November" read as 20 Nov where the writer wrote 15 Nov;
#   capital-one-discover-merger: one regulator's approval read as the deal agreed where the writer waits for the
#   last one; chevron-hess-merger: the closing's moving deadline read a report later or as another window;
#   nippon-us-steel: writers disagree on whether a government "blocks" a merger ends it;
#   usmca-ratification: the writer counts the agreement done only at a later formal step (entry into force) than
#   the words the rules read as signed (two labels, both figures 0);
#   the lockbox spent at 9ba5379 (0.38 / 0.32 when measured): chang-e-6-sample-return (the title's landing "back on
#   Earth" read from the landing on the moon) and israel-hezbollah-ceasefire-2024 stand at 0 on one side and are not
#   yet worked on; sony-zee-merger (a grace period's date read as the deadline) and king-charles-australia-visit-2024
#   gained rules after the measurement (an ability is not its use, people aware of the matter, another leg of the
#   journey, a confirmed clause with named subjects);
#   eudr-application-date (fresh30): a law's application date moved by votes and deals whose dates sit too far from
#   their verbs, and a council position read as the move;
#   india-semiconductor-fab-approvals (fresh35): each approval lifts the sum past the target from one outlet, and a
#   leap past the target waits for a second outlet that never comes;
#   sanofi-opella-sale (fresh36): the writer labels the share purchase agreement's signing "signed", where the rules
#   keep "signed" for a takeover's closing (the signing is "agreed");
#   us-uk-steel-tariff-deal (fresh37): the trade deal that holds the item's terms is read as another deal, and the
#   steel terms' own deadline is given as a condition;
#   toshiba-jip-take-private (the lockbox spent at 8f22f29): a board's acceptance of the buyout is the writer's
#   "agreed" where the rules wait for a deal verb, the tender's success is told as "clinches" or "shares tendered",
#   and an outcome "to be published" gives its day to the deal;
#   union-pacific-norfolk-southern-merger (fresh44): the writer's "pending" waits on shareholder votes and the
#   regulator, and labels "agreed" at the votes, where the rules read the signed merger agreement's next-day coverage
#   as agreed and never take a vote by shareholders as the deal agreed;
#   us-155mm-shell-production (fresh49): a monthly rate watched as "100,000 a month", whose one labelled figure
#   ("factories made 40,000 155mm shells in August") has no running total's word and is read as another figure;
#   us-rescissions-act-2025 (fresh50): the title's head noun is read as "Congress" (a title cut at "through" would
#   read "package", but that cost three dev hits on other bills), so the signed bill is "another kind of document",
#   and a Senate side deal "to strip PEPFAR cut" is read as the package agreed;
#   king-charles-germany-state-visit-2023 (the lockbox spent at 37e8663, 0 / 0 when measured): two rules came
#   after the measurement (a light verb's plural object, a regnal numeral), taking it to 0.50 / 1.00;
#   naruhito-uk-state-visit: its writer counts the palace's "will pay a state visit ... in late June" as confirmed,
#   where a part of a month told in words is a window (a rule dev decided on: +1 hit, -3 false overall), and labels
#   the visit's start at the welcome ceremony, not the landing three days before;
#   the rest are left as measured (see `python tests/corpus.py --split dev`).
# (0.86 until two sessions ago: stories added since score lower in precision and take the whole to 0.860)
CORPUS_FLOOR_PRECISION = 0.85
CORPUS_FLOOR_RECALL = 0.86
STORY_FLOOR_PRECISION = 0.20  # the weakest are euclid-launch, elizabeth-line-bond-street-opening and
# trump-japan-visit-2025 at 0.20
# the weakest on recall is tears-of-the-kingdom-sales-2023 at 0.20 (quarterly figures given "as of" a quarter's
# end), then euclid-launch at 0.25 (its postponement told as 'will not fly ... is off'), with
# us-ukraine-aid-bill-2024 (a chamber's vote read as a step); eu-csddd-directive is at 0.33 / 0.40 (member states'
# votes told as days of a meeting, and the directive named in full between the verb and its noun)
STORY_FLOOR_RECALL = 0.20
# usmca-ratification: both figures at 0 on two labels (see above); kishida-us-state-visit-2024 (the lockbox spent at
# 6d1cc04): a visit whose dates were reported by sources, moved by a summit of three leaders and re-served in old
# headlines, 8 false alerts against 3 labels
KNOWN_WEAK = {
    "usmca-ratification",
    "kishida-us-state-visit-2024",
    "chang-e-6-sample-return",
    "israel-hezbollah-ceasefire-2024",
    "sony-zee-merger",
    "eudr-application-date",
    "india-semiconductor-fab-approvals",
    "sanofi-opella-sale",
    "us-uk-steel-tariff-deal",
    "toshiba-jip-take-private",
    "union-pacific-norfolk-southern-merger",
    "us-155mm-shell-production",
    "us-rescissions-act-2025",
    "naruhito-uk-state-visit",
}


def test_every_corpus_story_loads_with_a_watch_as_chat_builds_it() -> None:
    from corpus import load_story, story_paths

    from watchers.config import load_config_text

    paths = story_paths("all")
    assert len(paths) >= 15
    for path in paths:
        story = load_story(path)
        config = load_config_text(story.config_text(), filename=str(path))
        (watch,) = config.watches
        assert watch.subject == [] and watch.vocabulary == {}, "corpus watches carry no tuning"
        assert len(story.entries) >= 25, path


def test_blind_corpus_dev_split_does_not_regress() -> None:
    from corpus import load_story, score_story, story_paths, table, total

    scores = [score_story(load_story(p)) for p in story_paths("dev")]
    report = total(scores)
    print()
    print(table(scores))
    assert report.precision >= CORPUS_FLOOR_PRECISION, table(scores)
    assert report.recall >= CORPUS_FLOOR_RECALL, table(scores)
    weak = [s.story.id for s in scores if s.report.recall < STORY_FLOOR_RECALL and s.story.id not in KNOWN_WEAK]
    assert not weak, f"stories below the recall floor: {weak}\n{table(scores)}"
    noisy = [s.story.id for s in scores if s.report.precision < STORY_FLOOR_PRECISION and s.story.id not in KNOWN_WEAK]
    assert not noisy, f"stories below the precision floor: {noisy}\n{table(scores)}"
