"""Agreement figures worked out by hand on small cases.

The text is LETTERS = "a b c d e f g h i j": ten one-letter tokens (positions 0..9, at
offsets 0, 2, …, 18), so that each κ below can be checked with a pencil. For a label,
n11 = positions both marked, n10 only a, n01 only b, n00 neither (N = 10):
Po = (n11 + n00) / N, pa = (n11 + n10) / N, pb = (n11 + n01) / N,
Pe = pa·pb + (1 - pa)(1 - pb), κ = (Po - Pe) / (1 - Pe).
"""

from __future__ import annotations

import pytest
from agreement_data import LETTERS, data, doc, fleiss, layer, pair, tokens

from annotator.core.agreement import compute


def test_identical_annotations_agree_fully() -> None:
    # Both: Actor on token 0, Quote on tokens 1-2. Exact: 2 matched of 2 and 2, F1 = 1.
    # Quote κ: n11 = 2, n00 = 8, Po = 1, pa = pb = 0.2, Pe = 0.04 + 0.64 = 0.68, κ = 1.
    spans = [("Actor", [tokens(0, 0)]), ("Quote", [tokens(1, 2)])]
    report = compute(data([doc({"ana": layer(spans), "ben": layer(spans)})]))
    pooled = pair(report, "*")
    assert pooled["exact"] == pytest.approx(
        {"matched": 2, "a_count": 2, "b_count": 2, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    )
    quote = pair(report, "Quote")["kappa"]
    assert quote == {"value": 1.0, "observed": 1.0, "expected": 0.68, "positions": 10}
    assert report["documents"] == {"used": 1, "left_out": 0}


def test_disjoint_annotations() -> None:
    # ana: Quote on tokens 0-1, ben on tokens 5-6. F1 = 0 both ways.
    # κ: n11 = 0, n10 = 2, n01 = 2, n00 = 6: Po = 0.6, pa = pb = 0.2, Pe = 0.68,
    # κ = (0.6 - 0.68) / 0.32 = -0.25.
    report = compute(
        data(
            [
                doc(
                    {
                        "ana": layer([("Quote", [tokens(0, 1)])]),
                        "ben": layer([("Quote", [tokens(5, 6)])]),
                    }
                )
            ]
        )
    )
    quote = pair(report, "Quote")
    assert quote["exact"]["f1"] == 0.0 and quote["overlap"]["f1"] == 0.0
    assert quote["kappa"] == {"value": -0.25, "observed": 0.6, "expected": 0.68, "positions": 10}


def test_partly_overlapping_annotations() -> None:
    # ana: Quote on tokens 0-2, ben on tokens 1-4. Not exact (F1 0); they share tokens 1-2,
    # so overlap matches 1 of 1 and 1: F1 = 1.
    # κ: n11 = 2, n10 = 1, n01 = 2, n00 = 5: Po = 0.7, pa = 0.3, pb = 0.4,
    # Pe = 0.12 + 0.42 = 0.54, κ = 0.16 / 0.46 = 0.347826…
    report = compute(
        data(
            [
                doc(
                    {
                        "ana": layer([("Quote", [tokens(0, 2)])]),
                        "ben": layer([("Quote", [tokens(1, 4)])]),
                    }
                )
            ]
        )
    )
    quote = pair(report, "Quote")
    assert quote["exact"]["matched"] == 0 and quote["exact"]["f1"] == 0.0
    assert quote["overlap"]["matched"] == 1 and quote["overlap"]["f1"] == 1.0
    assert quote["kappa"]["value"] == pytest.approx(0.3478, abs=1e-4)
    assert quote["kappa"]["expected"] == pytest.approx(0.54)


def test_overlap_matching_is_one_to_one_and_maximal_whichever_is_a() -> None:
    # ana: A1 = tokens 0-2, A2 = tokens 3-4; ben: B1 = tokens 2-3 (touches A1 and A2),
    # B2 = tokens 4-5 (touches A2). Pairing A2 with B1 would leave A1 and B2 alone; the
    # maximum matching is A1-B1, A2-B2: 2 matched, F1 = 2·2 / 4 = 1.
    ana = layer([("Quote", [tokens(0, 2)]), ("Quote", [tokens(3, 4)])])
    ben = layer([("Quote", [tokens(2, 3)]), ("Quote", [tokens(4, 5)])])
    for a, b in ((ana, ben), (ben, ana)):
        report = compute(data([doc({"ana": a, "ben": b})]))
        assert pair(report, "Quote")["overlap"]["matched"] == 2
    # One of ana's touching two of ben's: only one pair. F1 = 2·1 / (1 + 2) = 0.667,
    # precision = 1/2 (of b's), recall = 1/1.
    report = compute(
        data(
            [
                doc(
                    {
                        "ana": layer([("Quote", [tokens(0, 5)])]),
                        "ben": layer([("Quote", [tokens(0, 1)]), ("Quote", [tokens(4, 5)])]),
                    }
                )
            ]
        )
    )
    overlap = pair(report, "Quote")["overlap"]
    assert (overlap["matched"], overlap["precision"], overlap["recall"]) == (1, 0.5, 1.0)
    assert overlap["f1"] == pytest.approx(0.6667, abs=1e-4)


def test_discontinuous_annotations_overlap_only_where_their_fragments_do() -> None:
    # ana's quote is tokens 0-1 and 6-7 (interrupted); ben's is tokens 3-4, inside the gap:
    # their extents overlap but no code point is shared, so they do not match.
    report = compute(
        data(
            [
                doc(
                    {
                        "ana": layer([("Quote", [tokens(0, 1), tokens(6, 7)])]),
                        "ben": layer([("Quote", [tokens(3, 4)])]),
                    }
                )
            ]
        )
    )
    assert pair(report, "Quote")["overlap"]["matched"] == 0


def test_only_documents_everyone_marked_done_are_used() -> None:
    # d2 is in progress for ben (and new for cleo's absent layer elsewhere): left out, and
    # its annotations (which would disagree) count nowhere.
    same = [("Quote", [tokens(0, 1)])]
    d1 = doc({"ana": layer(same), "ben": layer(same)}, doc_id="d1")
    d2 = doc(
        {"ana": layer(same), "ben": layer([("Quote", [tokens(5, 6)])], status="in_progress")},
        doc_id="d2",
    )
    d3 = doc({"ana": layer(same)}, doc_id="d3")  # ben never opened it
    report = compute(data([d1, d2, d3]))
    assert report["documents"] == {"used": 1, "left_out": 2}
    assert pair(report, "Quote")["exact"]["f1"] == 1.0
    assert {r["document"] for r in report["per_document"]} == {"d1"}


def test_no_document_used_gives_undefined_figures_never_zero() -> None:
    d = doc({"ana": layer([("Quote", [tokens(0, 1)])], status="in_progress"), "ben": layer()})
    report = compute(data([d]))
    assert report["documents"] == {"used": 0, "left_out": 1}
    quote = pair(report, "Quote")
    assert quote["exact"]["f1"] is None and "marked done" in quote["exact"]["reason"]
    assert quote["kappa"]["value"] is None and "marked done" in quote["kappa"]["reason"]
    assert fleiss(report, "*")["value"] is None


def test_an_annotator_who_annotated_nothing() -> None:
    # ana: Quote on tokens 0-1; ben: nothing (done). Exact: 0 of 1 and 0: recall 0, F1 =
    # 2·0 / 1 = 0, precision undefined (ben marked none).
    # κ: n10 = 2, n00 = 8: Po = 0.8, pa = 0.2, pb = 0, Pe = 0 + 0.8 = 0.8, κ = 0.
    report = compute(data([doc({"ana": layer([("Quote", [tokens(0, 1)])]), "ben": layer()})]))
    exact = pair(report, "Quote")["exact"]
    assert (exact["recall"], exact["f1"], exact["precision"]) == (0.0, 0.0, None)
    assert "ben marked no Quote" in exact["reason"]
    assert pair(report, "Quote")["kappa"]["value"] == 0.0


def test_constant_data_leaves_kappa_undefined_with_the_reason() -> None:
    # Nobody marked a Demand: every position is "not Demand" for both, Pe = 1, κ = 0/0.
    # And both marked the whole text a Quote: pa = pb = 1, Pe = 1 again.
    everything = [("Quote", [tokens(0, 9)])]
    report = compute(data([doc({"ana": layer(everything), "ben": layer(everything)})]))
    demand = pair(report, "Demand")["kappa"]
    assert demand["value"] is None and demand["expected"] == 1.0
    assert "expected agreement is 1" in demand["reason"]
    assert "neither ana nor ben marked any Demand" in demand["reason"]
    quote = pair(report, "Quote")["kappa"]
    assert quote["value"] is None and "every position" in quote["reason"]
    assert pair(report, "Quote")["exact"]["f1"] == 1.0
    assert fleiss(report, "Demand")["value"] is None
    assert pair(report, "Demand")["exact"]["f1"] is None  # 0 / 0 as well


def test_an_annotators_duplicate_is_counted_once_with_a_warning() -> None:
    # ana has the same Quote twice (another tool made it); ben has it once: 1 of 1 and 1.
    twice = [("Quote", [tokens(0, 1)]), ("Quote", [tokens(0, 1)])]
    report = compute(data([doc({"ana": layer(twice), "ben": layer(twice[:1])})]))
    exact = pair(report, "Quote")["exact"]
    assert (exact["matched"], exact["a_count"], exact["b_count"]) == (1, 1, 1)
    assert len(report["warnings"]) == 1
    assert "ana has 1 duplicate" in report["warnings"][0]
    assert "d1" in report["warnings"][0]


def test_pooling_is_micro_never_an_average_of_documents() -> None:
    # d1: both one identical Quote (F1 1). d2: ana three Quotes, ben one of them (F1 =
    # 2·1 / 4 = 0.5). The mean of the documents would be 0.75; pooled, matched = 2,
    # counts 4 and 2: F1 = 4 / 6 = 0.667.
    one = [("Quote", [tokens(0, 0)])]
    three = [("Quote", [tokens(0, 0)]), ("Quote", [tokens(2, 2)]), ("Quote", [tokens(4, 4)])]
    d1 = doc({"ana": layer(one), "ben": layer(one)}, doc_id="d1")
    d2 = doc({"ana": layer(three), "ben": layer(one)}, doc_id="d2")
    report = compute(data([d1, d2]))
    assert pair(report, "Quote")["exact"]["f1"] == pytest.approx(0.6667, abs=1e-4)
    per_doc = {r["document"]: r["exact_f1"] for r in report["per_document"] if r["label"] == "*"}
    assert per_doc == {"d1": 1.0, "d2": 0.5}


def test_fleiss_kappa_of_three_annotators() -> None:
    # Quote on token 0 by all three, on token 1 by ana and ben. k (annotators saying Quote)
    # per position: 3, 2, then 0 eight times. Agreement of a position:
    # (k(k-1) + (3-k)(2-k)) / 6: 1, 1/3, 1. Po = (1 + 1/3 + 8) / 10 = 0.9333;
    # p = (3 + 2) / 30 = 1/6, Pe = 1/36 + 25/36 = 0.7222; κ = 0.2111 / 0.2778 = 0.76.
    two = [("Quote", [tokens(0, 1)])]
    report = compute(
        data(
            [doc({"ana": layer(two), "ben": layer(two), "cleo": layer([("Quote", [(0, 1)])])})],
            annotators=("ana", "ben", "cleo"),
        )
    )
    quote = fleiss(report, "Quote")
    assert quote["value"] == pytest.approx(0.76, abs=1e-4)
    assert quote["observed"] == pytest.approx(0.9333, abs=1e-4)
    assert quote["expected"] == pytest.approx(0.7222, abs=1e-4)
    assert len(report["pairs"]) == 3 * (3 + 1)  # three pairs × (three labels and *)


def test_char_positions_count_code_points_not_tokens() -> None:
    # "alpha beta": ana's Actor covers "ph" (2-4), ben's "alpha". Tokens: both mark token
    # "alpha" (any code point inside), κ = 1. Chars (9, the space is not one): ana marks 2,
    # ben 5: n11 = 2, n01 = 3, n00 = 4: Po = 6/9, pa = 2/9, pb = 5/9,
    # Pe = 10/81 + 28/81 = 38/81, κ = (54/81 - 38/81) / (43/81) = 16/43 = 0.3721.
    d = doc({"ana": layer([("Actor", [(2, 4)])]), "ben": layer([("Actor", [(0, 5)])])},
            text="alpha beta")  # fmt: skip
    assert pair(compute(data([d])), "Actor")["kappa"]["value"] == 1.0
    char = pair(compute(data([d]), unit="char"), "Actor")["kappa"]
    assert char["positions"] == 9
    assert char["value"] == pytest.approx(16 / 43, abs=1e-4)


def test_krippendorff_alpha_over_exactly_matched_annotations() -> None:
    # Four Quotes made identically by both. form: (direct, direct), (indirect, indirect),
    # (direct, indirect), and one ben left empty: dropped (one value). Six values, 3 direct
    # and 3 indirect; disagreeing pairs: 2 of the ordered pairs within units, Do = 2/6;
    # De = 2·3·3 / (6·5) = 0.6; α = 1 - (1/3) / 0.6 = 0.4444.
    frags = [tokens(0, 0), tokens(2, 2), tokens(4, 4), tokens(6, 6)]
    ana = ["direct", "indirect", "direct", "direct"]
    ben = ["direct", "indirect", "indirect", None]
    layers = {
        name: layer(
            [("Quote", [f], {"form": v} if v else {}) for f, v in zip(frags, forms, strict=True)]
        )
        for name, forms in (("ana", ana), ("ben", ben))
    }
    report = compute(data([doc(layers)], attributes={"Quote": ("form",)}))
    (alpha,) = report["attributes"]
    assert alpha == {
        "label": "Quote", "attribute": "form", "alpha": 0.4444, "units": 3, "dropped": 1
    }  # fmt: skip


def test_krippendorff_alpha_undefined_when_every_value_is_the_same() -> None:
    same = [
        ("Quote", [tokens(0, 0)], {"form": "direct"}),
        ("Quote", [tokens(2, 2)], {"form": "direct"}),
    ]
    report = compute(
        data([doc({"ana": layer(same), "ben": layer(same)})], attributes={"Quote": ("form",)})
    )
    (alpha,) = report["attributes"]
    assert alpha["alpha"] is None and "every value is 'direct'" in alpha["reason"]


def test_relations_match_when_both_ends_match_exactly() -> None:
    # Both: Actor on token 0, Quotes on tokens 2-3 and 5-6, the first spoken by the Actor.
    # The second quote's speaker: the same Actor for ana, another one (token 9) for ben.
    # speaker: 1 matched of 2 and 2, F1 = 0.5.
    common = [("Actor", [tokens(0, 0)]), ("Quote", [tokens(2, 3)]), ("Quote", [tokens(5, 6)])]
    ana = layer(common, [("speaker", 1, 0), ("speaker", 2, 0)], prefix="a")
    ben = layer(
        [*common, ("Actor", [tokens(9, 9)])], [("speaker", 1, 0), ("speaker", 2, 3)], prefix="b"
    )
    report = compute(data([doc({"ana": ana, "ben": ben})], relation_types=["speaker"]))
    speaker = next(r for r in report["relations"] if r["type"] == "speaker")
    assert (speaker["matched"], speaker["a_count"], speaker["b_count"]) == (1, 2, 2)
    assert speaker["f1"] == 0.5


def test_entity_links_on_matched_mentions() -> None:
    # Three Actors made identically: linked by both to e1 (same), to e1 and e2 (differ),
    # and by neither (not counted). Same entity: 1 of 2 linked, of 3 matched mentions.
    ana = layer([("Actor", [tokens(0, 0)], {}, "e1"), ("Actor", [tokens(3, 3)], {}, "e1"),
                 ("Actor", [tokens(6, 6)])])  # fmt: skip
    ben = layer([("Actor", [tokens(0, 0)], {}, "e1"), ("Actor", [tokens(3, 3)], {}, "e2"),
                 ("Actor", [tokens(6, 6)])])  # fmt: skip
    report = compute(data([doc({"ana": ana, "ben": ben})], mention_label="Actor"))
    (links,) = report["entity_links"]
    assert (links["mentions"], links["linked"], links["same"], links["value"]) == (3, 2, 1, 0.5)


def test_letters_are_ten_tokens() -> None:
    # the premise of every case above
    assert LETTERS.split() == list("abcdefghij")


def test_progress_is_told_each_step_and_can_cancel() -> None:
    from annotator.core.reports import Cancelled

    d = doc({"ana": layer([("Quote", [tokens(0, 1)])]), "ben": layer()})
    seen: list[tuple[int, int]] = []
    compute(data([d]), progress=lambda done, total: seen.append((done, total)) or False)
    assert seen[-1][0] == seen[-1][1] and len(seen) == seen[-1][1]
    with pytest.raises(Cancelled):
        compute(data([d]), progress=lambda done, total: done >= 2)
