"""Experiments: a dated change the athlete made (a thicker pad, feet closer, a lighter load),
and whether the pain of the regions concerned went down after it.

Pure: no Django, no clock. `reports.queries` turns the log into `SessionPain` rows and an
experiment into a `Trial`; `compare` answers with an `Outcome` that carries the numbers behind
it (sessions and reports on each side), and `outcome_text` says it in the reader's voice.

How it compares: each training session of the four weeks before the change and of the first
four weeks from its day on counts once, with the worst score the region had in it (any timing:
in a set, after the session, the next morning). A session with sets and no report of the
region counts as 0: the set form's "nothing ticked" means no pain. The means of the two sides
are compared; a result needs two weeks since the change and three sessions on each side, and
until then it says "not enough data yet", with the counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from advice.items import AdviceItem, Evidence
from advice.rules.common import make_item
from advice.rules.setup import SETUP_RULES
from advice.wording import Voice, day_text, pain_text, region_text, setup_text

WINDOW = timedelta(weeks=4)  # each side of the change
MIN_DAYS_AFTER = 14  # two weeks before a result is read
MIN_SESSIONS = 3  # on each side, per region
CLEAR_CHANGE = 2.0  # points of mean pain that count as a change (advice.trends.PAIN_RISE)

HELPED, NO_CHANGE, WORSE, NOT_ENOUGH = "helped", "no_change", "worse", "not_enough_data"
VERDICTS = (HELPED, NO_CHANGE, WORSE, NOT_ENOUGH)
VERDICT_WORDS = {
    HELPED: "Helped",
    NO_CHANGE: "No clear change",
    WORSE: "Worse since",
    NOT_ENOUGH: "Not enough data yet",
}
LOAD_WORDS = {"lighter": "a lighter load", "heavier": "a heavier load"}


@dataclass(frozen=True)
class SessionPain:
    """One training session: its date and the worst score per region reported in it."""

    date: date
    worst: tuple[tuple[str, int], ...] = ()  # (region, 0..10); absent regions are 0

    def score(self, region: str) -> int:
        return dict(self.worst).get(region, 0)

    def reported(self, region: str) -> bool:
        return region in dict(self.worst)


@dataclass(frozen=True)
class Trial:
    """An experiment as plain data: what changed (a setup field and its new value, `load`
    and "lighter", or `other` with the athlete's words), when, and for which regions."""

    started_on: date
    field: str
    value: str
    regions: tuple[str, ...]
    description: str = ""

    def change_text(self) -> str:
        """ "switched to a thick pad", "a lighter load", or the athlete's own words."""
        if self.field == "load":
            return f"went to {LOAD_WORDS.get(self.value, 'a different load')}"
        if self.field == "other" or not self.value:
            return self.description or "made a change"
        return f"switched to {setup_text(self.field, self.value)}"


@dataclass(frozen=True)
class Side:
    """One side of the change for one region: sessions counted, reports behind them, mean."""

    first: date
    last: date
    sessions: int
    reports: int
    mean: float | None  # mean of the sessions' worst scores; None without sessions

    @property
    def mean_text(self) -> str:
        return "–" if self.mean is None else pain_text(round(self.mean, 1))


@dataclass(frozen=True)
class RegionOutcome:
    region: str
    verdict: str
    before: Side
    after: Side

    @property
    def change(self) -> float | None:
        if self.before.mean is None or self.after.mean is None:
            return None
        return round(self.after.mean - self.before.mean, 1)


@dataclass(frozen=True)
class Outcome:
    """The result of one trial: a verdict overall and per region, with the numbers."""

    trial: Trial
    verdict: str
    regions: tuple[RegionOutcome, ...]
    days_after: int  # days observed since the change (up to the window)
    result_from: date  # the first day a result can be read

    @property
    def weeks_after(self) -> int:
        return max(1, round(self.days_after / 7))

    @property
    def verdict_text(self) -> str:
        return VERDICT_WORDS[self.verdict]

    @property
    def helped(self) -> bool:
        return self.verdict == HELPED


def _side(sessions: list[SessionPain], region: str, first: date, last: date) -> Side:
    inside = [s for s in sessions if first <= s.date <= last]
    scores = [s.score(region) for s in inside]
    return Side(
        first=first,
        last=last,
        sessions=len(inside),
        reports=sum(s.reported(region) for s in inside),
        mean=sum(scores) / len(scores) if scores else None,
    )


def _verdict(before: Side, after: Side, ready: bool) -> str:
    if not ready or before.sessions < MIN_SESSIONS or after.sessions < MIN_SESSIONS:
        return NOT_ENOUGH
    before_mean, after_mean = before.mean or 0.0, after.mean or 0.0  # both set: sessions exist
    if after_mean <= before_mean - CLEAR_CHANGE:
        return HELPED
    if after_mean >= before_mean + CLEAR_CHANGE:
        return WORSE
    return NO_CHANGE


def _overall(verdicts: list[str]) -> str:
    read = [v for v in verdicts if v != NOT_ENOUGH]
    if not read:
        return NOT_ENOUGH
    if WORSE in read:
        return WORSE
    return HELPED if HELPED in read else NO_CHANGE


def compare(trial: Trial, sessions: list[SessionPain], today: date) -> Outcome:
    """Pain of the trial's regions in the four weeks before its day against the first four
    weeks from it (up to `today`). Sessions may be given in any order and any range."""
    start = trial.started_on
    before_first, before_last = start - WINDOW, start - timedelta(days=1)
    after_last = min(today, start + WINDOW - timedelta(days=1))
    days_after = max(0, (after_last - start).days + 1)
    ready = days_after >= MIN_DAYS_AFTER
    outcomes = []
    for region in trial.regions:
        before = _side(sessions, region, before_first, before_last)
        after = _side(sessions, region, start, after_last)
        outcomes.append(RegionOutcome(region, _verdict(before, after, ready), before, after))
    return Outcome(
        trial=trial,
        verdict=_overall([o.verdict for o in outcomes]),
        regions=tuple(outcomes),
        days_after=days_after,
        result_from=start + timedelta(days=MIN_DAYS_AFTER - 1),
    )


def _weeks(count: int) -> str:
    return "1 week" if count == 1 else f"{count} weeks"


def _sessions(count: int) -> str:
    return "1 session" if count == 1 else f"{count} sessions"


def _counts(region: RegionOutcome) -> str:
    return f"{_sessions(region.before.sessions)} before, {_sessions(region.after.sessions)} after"


def region_text_of(outcome: Outcome, region: RegionOutcome, voice: Voice) -> str:
    """One region's result in one sentence, with the counts behind it."""
    name = region_text(region.region)
    trial = outcome.trial
    since = f"Since {voice.you} {trial.change_text()} on {day_text(trial.started_on)}"
    if region.verdict == NOT_ENOUGH:
        missing = []
        if region.after.sessions < MIN_SESSIONS:
            missing.append(f"{MIN_SESSIONS} sessions after the change")
        if region.before.sessions < MIN_SESSIONS:
            missing.append(f"{MIN_SESSIONS} sessions in the four weeks before it")
        if outcome.days_after < MIN_DAYS_AFTER:
            missing.append(f"two weeks (from {day_text(outcome.result_from)})")
        return (
            f"{name.capitalize()} pain: not enough data yet ({_counts(region)}; "
            f"a result needs {' and '.join(missing)})."
        )
    span = _weeks(outcome.weeks_after)
    numbers = f"{region.before.mean_text} to {region.after.mean_text}"
    if region.verdict == HELPED:
        return f"{since}, {name} pain went from {numbers} over {span} ({_counts(region)})."
    if region.verdict == WORSE:
        return f"{since}, {name} pain rose from {numbers} over {span} ({_counts(region)})."
    return (
        f"{since}, {name} pain stayed about the same: {numbers} over {span} "
        f"({_counts(region)}); a change of less than {CLEAR_CHANGE:g} points is not read as one."
    )


def outcome_text(outcome: Outcome, voice: Voice | None = None) -> str:
    """The whole result: one sentence per region ("since you switched to a thick pad on
    3 Nov 2026, hip bone pain went from 5/10 to 1/10 over 3 weeks (4 sessions before, 5
    after)")."""
    voice = voice or Voice()
    if not outcome.regions:
        return "No region to compare: name the pain this change is meant to help."
    return " ".join(region_text_of(outcome, r, voice) for r in outcome.regions)


def cause_for(field: str, previous: str, regions: tuple[str, ...]) -> str:
    """The advice cause a change away from `previous` answers for one of `regions` (the setup
    rules' own links), or a lighter load for loading pain; "" when none does."""
    if field == "load":
        return "too_much_weight_too_soon"
    for rule in SETUP_RULES:
        if rule.field == field and previous in rule.values and rule.region in regions:
            return rule.cause
    return ""


# --- the engine's "what helped" notes, from the same record ---------------------------------

HELPED_NOTE_WEEKS = 12  # as advice.rules.common: a "this helped" note is dropped once this old


def helped_item(outcome: Outcome, cause: str, voice: Voice | None = None) -> AdviceItem:
    """The advice item saying an experiment helped: info, with the numbers on both sides."""
    voice = voice or Voice()
    helped = [r for r in outcome.regions if r.verdict == HELPED]
    evidence = []
    for r in helped:
        name = region_text(r.region)
        before_day = outcome.trial.started_on - timedelta(days=1)
        evidence += [
            Evidence(before_day, f"{name} pain, mean of {_sessions(r.before.sessions)} before "
                     "the change", round(r.before.mean or 0, 1)),
            Evidence(r.after.last, f"{name} pain, mean of {_sessions(r.after.sessions)} since "
                     "the change", round(r.after.mean or 0, 1)),
        ]  # fmt: skip
    seen = " ".join(region_text_of(outcome, r, voice) for r in helped)
    change = outcome.trial.change_text()
    return make_item(
        cause,
        "info",
        seen=seen,
        region=helped[0].region,
        evidence=evidence,
        strength=1.0,
        helped=True,
        title=f"What helped: {change}"
        if outcome.trial.field == "other"
        else f"What helped: {voice.you} {change}",
    )


def with_helped(items: list[AdviceItem], notes: list[AdviceItem]) -> list[AdviceItem]:
    """The engine's items with the experiments' "what helped" notes: a note replaces the
    engine's own info item on the same cause (one item per cause, and the note carries the
    record's numbers); where the engine still sees a caution or referral on that cause, the
    engine's item stands alone. Ordered as `advise` orders."""
    merged = list(items)
    for note in notes:
        same = [i for i in merged if i.cause == note.cause]
        if any(i.severity != "info" for i in same):
            continue
        merged = [i for i in merged if i.cause != note.cause] + [note]
    return sorted(merged, key=AdviceItem.sort_key)
