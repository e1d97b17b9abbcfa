"""The agreement measures against reference implementations, on seeded random data.

The position vectors, the matched units and the overlap graphs are rebuilt here from the
plain data in the simplest way (sets of code points, nested loops), independently of
core/agreement, and given to scikit-learn (``cohen_kappa_score``), statsmodels
(``fleiss_kappa``), nltk (``AnnotationTask``), ``krippendorff`` and networkx (maximum
matching). Figures are compared to the report's, which rounds to four digits.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import krippendorff
import networkx as nx
import numpy as np
import pytest
from agreement_data import pair
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

from annotator.core.agreement import AgreementInput, DocumentIn, LayerIn, SpanIn, compute

NAMES = ["ana", "ben", "cleo"]
LABELS = ["Actor", "Quote"]
WORDS = ["Karamov", "said", "talks", "would", "resume", "Müller", "Łukasz", "ceasefire", "—",
         ",", ".", "«", "»", "the", "minister", "2026", "naïve"]  # fmt: skip


def random_input(seed: int, documents: int = 12) -> AgreementInput:
    rnd = random.Random(seed)
    docs = []
    for d in range(documents):
        text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(30, 80)))
        truth = []
        for _ in range(rnd.randint(2, 9)):
            start = rnd.randrange(0, len(text) - 20)
            frags = [(start, start + rnd.randint(1, 15))]
            if rnd.random() < 0.2:  # discontinuous
                later = frags[0][1] + rnd.randint(2, 10)
                if later + 3 < len(text):
                    frags.append((later, later + rnd.randint(1, 3)))
            truth.append((rnd.choice(LABELS), frags))
        layers = {}
        for who in NAMES:
            spans = []
            for i, (label, frags) in enumerate(truth):
                if rnd.random() < 0.2:
                    continue  # missed
                if rnd.random() < 0.3:  # a boundary moved
                    s, e = frags[0]
                    frags = [(s, max(s + 1, e + rnd.choice([-2, -1, 1, 2]))), *frags[1:]]
                if rnd.random() < 0.1:
                    label = rnd.choice(LABELS)
                form = rnd.choice(["direct", "indirect", "mixed", None])
                attrs = {"form": form} if form else {}
                spans.append(SpanIn(f"{who}-{d}-{i}", label, tuple(frags), attrs))
            layers[who] = LayerIn("done", spans)
        docs.append(DocumentIn(f"d{d}", text, layers))
    return AgreementInput(NAMES, LABELS, docs, attributes={"Quote": ("form",)})


def covered(layer: LayerIn, label: str) -> set[int]:
    return {c for s in layer.spans if s.label == label for a, b in s.fragments for c in range(a, b)}


def vectors(data: AgreementInput, label: str) -> dict[str, list[int]]:
    """Per annotator: 1 at each token of every document that touches one of their fragments."""
    out: dict[str, list[int]] = {name: [] for name in data.annotators}
    for doc in data.documents:
        tokens = [m.span() for m in re.finditer(r"\w+|[^\w\s]", doc.text)]
        for name in data.annotators:
            marked = covered(doc.layers[name], label)
            out[name] += [int(any(c in marked for c in range(s, e))) for s, e in tokens]
    return out


SEEDS = [1, 2, 3, 4, 5]


@pytest.mark.parametrize("seed", SEEDS)
def test_cohen_kappa_matches_scikit_learn_and_nltk(seed: int) -> None:
    data = random_input(seed)
    report = compute(data)
    for label in LABELS:
        v = vectors(data, label)
        for a, b in [("ana", "ben"), ("ana", "cleo"), ("ben", "cleo")]:
            ours = pair(report, label, a, b)["kappa"]
            assert ours["positions"] == len(v[a])
            assert ours["value"] == pytest.approx(cohen_kappa_score(v[a], v[b]), abs=1e-4)
            task = AnnotationTask(
                data=[(who, i, x) for who in (a, b) for i, x in enumerate(v[who])]
            )
            assert ours["value"] == pytest.approx(task.kappa(), abs=1e-4)


@pytest.mark.parametrize("seed", SEEDS)
def test_fleiss_kappa_matches_statsmodels(seed: int) -> None:
    data = random_input(seed)
    report = compute(data)
    pooled = []
    for label in LABELS:
        v = vectors(data, label)
        ratings = np.array([v[name] for name in NAMES]).T  # positions × annotators
        pooled.append(ratings)
        table, _ = aggregate_raters(ratings)
        ours = next(r for r in report["fleiss"] if r["label"] == label)
        assert ours["value"] == pytest.approx(fleiss_kappa(table, method="fleiss"), abs=1e-4)
    # all labels pooled: every (position, label) decision is one item
    table, _ = aggregate_raters(np.concatenate(pooled))
    ours = next(r for r in report["fleiss"] if r["label"] == "*")
    assert ours["value"] == pytest.approx(fleiss_kappa(table, method="fleiss"), abs=1e-4)


def matched_units(data: AgreementInput, label: str, attribute: str) -> Iterator[dict[str, str]]:
    """Per annotation made identically by two annotators or more: who gave which value."""
    for doc in data.documents:
        made: dict[tuple, dict[str, str | None]] = {}
        for name in data.annotators:
            for s in doc.layers[name].spans:
                if s.label == label:
                    made.setdefault(s.fragments, {})[name] = s.attributes.get(attribute)
        for values in made.values():
            if len(values) >= 2:
                yield {who: v for who, v in values.items() if v is not None}


@pytest.mark.parametrize("seed", SEEDS)
def test_krippendorff_alpha_matches_nltk_and_the_package(seed: int) -> None:
    data = random_input(seed, documents=30)
    report = compute(data)
    (ours,) = report["attributes"]
    units = [u for u in matched_units(data, "Quote", "form") if len(u) >= 2]
    assert ours["units"] == len(units)
    task = AnnotationTask(data=[(who, n, v) for n, u in enumerate(units) for who, v in u.items()])
    assert ours["alpha"] == pytest.approx(task.alpha(), abs=1e-4)
    codes = {"direct": 0, "indirect": 1, "mixed": 2}
    matrix = np.full((len(NAMES), len(units)), np.nan)
    for n, u in enumerate(units):
        for who, v in u.items():
            matrix[NAMES.index(who), n] = codes[v]
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert ours["alpha"] == pytest.approx(expected, abs=1e-4)


def fragments_touch(x: SpanIn, y: SpanIn) -> bool:
    return bool(
        {c for a, b in x.fragments for c in range(a, b)}
        & {c for a, b in y.fragments for c in range(a, b)}
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_span_f1_matches_a_naive_count_and_networkx_matching(seed: int) -> None:
    data = random_input(seed)
    report = compute(data)
    for label in LABELS:
        for a, b in [("ana", "ben"), ("ben", "cleo")]:
            exact = overlap = count_a = count_b = 0
            for doc in data.documents:
                sa = {s.fragments: s for s in doc.layers[a].spans if s.label == label}
                sb = {s.fragments: s for s in doc.layers[b].spans if s.label == label}
                count_a += len(sa)
                count_b += len(sb)
                exact += len(set(sa) & set(sb))
                graph = nx.Graph()
                left = [("a", k) for k in sa]
                graph.add_nodes_from(left)
                graph.add_nodes_from(("b", k) for k in sb)
                graph.add_edges_from(
                    (("a", ka), ("b", kb))
                    for ka, x in sa.items()
                    for kb, y in sb.items()
                    if fragments_touch(x, y)
                )
                matching = nx.bipartite.maximum_matching(graph, top_nodes=left)
                overlap += len(matching) // 2
            ours = pair(report, label, a, b)
            assert (ours["exact"]["matched"], ours["exact"]["a_count"]) == (exact, count_a)
            assert ours["overlap"]["matched"] == overlap
            assert ours["overlap"]["b_count"] == count_b
            total = count_a + count_b
            assert ours["overlap"]["f1"] == pytest.approx(2 * overlap / total, abs=1e-4)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
@settings(max_examples=300, deadline=None)
def test_token_positions_are_the_matches_of_the_pattern(text: str) -> None:
    # positions come from a table of code point classes, not from running the pattern;
    # they must be exactly its matches, on any text (marks, digits, emoji, lone symbols)
    from annotator.core.agreement.positions import TOKEN, token_bounds

    starts, ends = token_bounds(text)
    assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == [
        m.span() for m in TOKEN.finditer(text)
    ]
