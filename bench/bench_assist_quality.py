"""Quality of the suggestion engines (issue 13) on the hand-annotated sets in
bench/assist_eval/: precision, recall and F1 per kind, and the speed of a corpus run.

    .venv/bin/python bench/bench_assist_quality.py                 # the evaluation set
    .venv/bin/python bench/bench_assist_quality.py --set tuning    # the set rules are tuned on
    .venv/bin/python bench/bench_assist_quality.py --engine spacy  # the spaCy engine

Matching (as issue 13 defines it):

* quotes: a suggested quote matches a true one when it covers at least half of it; each true
  quote is matched at most once (the suggestion covering most of it);
* speakers: a true quote with a speaker counts as right when it is matched and the
  suggestion's speaker overlaps the true speaker mention, or names it (the same last word,
  letter case aside); precision is over the matched suggestions that name a speaker;
* cues and actor mentions: a suggestion matches a true span it overlaps (one to one).

Targets: with ``rules``, quotes F1 >= 0.85 and cues F1 >= 0.85, and >= 200 articles/s; with
``spacy``, quotes F1 >= 0.90, speakers >= 0.85, actors >= 0.90 and cues >= 0.90, >= 10
articles/s with ``nlp.pipe`` over the set (the model's load excluded, and reported apart), and
<= 200 ms for one article of about 3 KB with the model loaded.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.assist.engines import Engine
from annotator.core.assist.rules import RulesEngine
from annotator.core.assist.suggested import Suggestions

SETS = Path(__file__).parent / "assist_eval"
TARGETS = {
    "rules": {"quotes": 0.85, "cues": 0.85},
    "spacy": {"quotes": 0.90, "speakers": 0.85, "actors": 0.90, "cues": 0.90},
}
#: articles/s over the set (spacy: nlp.pipe, the model loaded); ms for one ~3 KB article
SPEED_TARGETS = {"rules": 200.0, "spacy": 10.0}
ONE_ARTICLE_MS = 200.0


@dataclass
class Score:
    found: int = 0  # suggestions
    true: int = 0  # gold items
    right: int = 0  # suggestions that match (precision side)
    recalled: int = 0  # gold items matched (recall side)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.recalled / self.true if self.true else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def one_to_one(
    suggested: list[tuple[int, int]],
    gold: list[tuple[int, int]],
    fits: Callable[[tuple[int, int], tuple[int, int]], float],
) -> dict[int, int]:
    """Greedy one-to-one matching, best fit first: gold index -> suggestion index."""
    pairs = sorted(
        ((fits(s, g), si, gi) for si, s in enumerate(suggested) for gi, g in enumerate(gold)),
        reverse=True,
    )
    matched: dict[int, int] = {}
    used: set[int] = set()
    for fit, si, gi in pairs:
        if fit > 0 and gi not in matched and si not in used:
            matched[gi] = si
            used.add(si)
    return matched


def same_name(a: str, b: str) -> bool:
    last = lambda s: s.strip().split()[-1].casefold() if s.strip() else ""  # noqa: E731
    return last(a) != "" and last(a) == last(b)


def score_article(record: dict[str, Any], found: Suggestions, scores: dict[str, Score]) -> None:
    text = record["text"]
    quotes = [(q["start"], q["end"]) for q in record["quotes"]]
    speech = [i for i, s in enumerate(found.spans) if s.role == "speech"]
    spans = [(found.spans[i].start, found.spans[i].end) for i in speech]

    def covers_half(s: tuple[int, int], g: tuple[int, int]) -> float:
        share = overlap(s, g) / (g[1] - g[0])
        return share if share >= 0.5 else 0.0

    matched = one_to_one(spans, quotes, covers_half)
    q = scores["quotes"]
    q.found += len(spans)
    q.true += len(quotes)
    q.right += len(matched)
    q.recalled += len(matched)

    sp = scores["speakers"]
    actors = record["actors"]
    sp.true += sum(1 for quote in record["quotes"] if quote["speaker"] is not None)
    for gi, si in matched.items():
        speaker = found.linked("speaker", speech[si])
        if speaker is None:
            continue
        sp.found += 1
        index = record["quotes"][gi]["speaker"]
        if index is None:
            continue
        gold = actors[index]
        if overlap((speaker.start, speaker.end), (gold["start"], gold["end"])) or same_name(
            speaker.text, gold["text"]
        ):
            sp.right += 1
            sp.recalled += 1

    for kind, role, gold_spans in (
        ("cues", "cue", [(c["start"], c["end"]) for c in record["cues"]]),
        ("actors", "actor", [(a["start"], a["end"]) for a in actors]),
    ):
        mine = [(s.start, s.end) for s in found.spans if s.role == role]
        hits = one_to_one(mine, gold_spans, lambda s, g: float(overlap(s, g)))
        score = scores[kind]
        score.found += len(mine)
        score.true += len(gold_spans)
        score.right += len(hits)
        score.recalled += len(hits)
    assert all(text[s.start : s.end] == s.text for s in found.spans)


def load(name: str) -> list[dict[str, Any]]:
    path = SETS / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def evaluate(records: list[dict[str, Any]], engine: Engine) -> dict[str, Score]:
    scores = {kind: Score() for kind in ("quotes", "speakers", "cues", "actors")}
    for record, found in zip(records, engine.suggest_many(r["text"] for r in records), strict=True):
        score_article(record, found, scores)
    return scores


def make(name: str) -> Engine:
    if name == "rules":
        return RulesEngine()
    from annotator.core.assist.spacy_engine import SpacyEngine, load_model

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    began = time.perf_counter()
    load_model()
    took = time.perf_counter() - began
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - rss
    print(f"spacy: model loaded in {took:.2f} s (peak memory +{grown:,.0f} MB)")
    return SpacyEngine()


def speed(engine: Engine, records: list[dict[str, Any]]) -> None:
    """The corpus run, until every article's suggestions are made (best of 5); for spacy also
    one article of about 3 KB (the median of 10 runs)."""
    texts = [r["text"] for r in records] * (20 if engine.name == "rules" else 2)
    best = float("inf")
    for _ in range(5 if engine.name == "rules" else 3):
        began = time.perf_counter()
        for _found in engine.suggest_many(texts):
            pass
        best = min(best, time.perf_counter() - began)
    rate = len(texts) / best
    target = SPEED_TARGETS[engine.name]
    print(
        f"{engine.name}: {rate:,.1f} articles/s on {len(texts)} articles (target >= "
        f"{target:.0f}/s: {'met' if rate >= target else 'missed'})"
    )
    if engine.name == "rules":
        return
    text = min((r["text"] for r in records), key=lambda t: abs(len(t.encode()) - 3000))
    times = []
    for _ in range(10):
        began = time.perf_counter()
        engine.suggest(text)
        times.append((time.perf_counter() - began) * 1000)
    one = statistics.median(times)
    print(
        f"{engine.name}: {one:.0f} ms for one article of {len(text.encode()):,} bytes (target "
        f"<= {ONE_ARTICLE_MS:.0f} ms: {'met' if one <= ONE_ARTICLE_MS else 'missed'})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="evaluation", choices=["evaluation", "tuning"])
    parser.add_argument("--engine", default="rules", choices=["rules", "spacy"])
    args = parser.parse_args()
    records = load(args.set)
    engine = make(args.engine)
    scores = evaluate(records, engine)
    characters = sum(len(r["text"]) for r in records)
    print(f"{args.set} set: {len(records)} articles ({characters:,} characters)")
    print(f"{'engine':8} {'kind':9} {'P':>5} {'R':>5} {'F1':>5}  {'target':>6}  met")
    for kind, score in scores.items():
        target = TARGETS[engine.name].get(kind)
        met = "" if target is None else ("yes" if score.f1 >= target else "no")
        shown = f">= {target:.2f}" if target else ""
        print(
            f"{engine.name:8} {kind:9} {score.precision:5.2f} {score.recall:5.2f} "
            f"{score.f1:5.2f}  {shown:>6}  {met}"
        )
    speed(engine, records)


if __name__ == "__main__":
    main()
