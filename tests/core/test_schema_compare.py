"""compare_schemas / union_schemas: what may differ between annotators' files."""

from __future__ import annotations

import copy
from typing import Any

from annotator.core.distribution import overlap_count, plan
from annotator.core.schema import default_schema, parse_schema
from annotator.core.schema_compare import compare_schemas, union_schemas


def edited(change: Any) -> Any:
    raw = copy.deepcopy(default_schema().raw)
    change(raw)
    return parse_schema(raw)


def label(raw: dict[str, Any], name: str) -> dict[str, Any]:
    return next(x for x in raw["labels"] if x["name"] == name)


def attribute(raw: dict[str, Any], name: str, attr: str) -> dict[str, Any]:
    return next(a for a in label(raw, name)["attributes"] if a["name"] == attr)


def test_same_schema_and_cosmetic_differences_are_compatible() -> None:
    base = default_schema()
    assert compare_schemas(base, base).compatible
    other = edited(lambda raw: label(raw, "Actor").update(color="#123456", hotkey="X"))
    found = compare_schemas(base, other)
    assert found.compatible and found.differences == [] and found.additions == []
    assert union_schemas(base, other) is base


def test_editable_lists_are_unioned_in_order() -> None:
    base = default_schema()
    other = edited(lambda raw: attribute(raw, "Demand", "issue")["values"].append("mediation"))
    found = compare_schemas(base, other)
    assert found.compatible and found.additions == [
        "attribute Demand.issue: values added: mediation"
    ]
    merged = union_schemas(base, other)
    values = merged.label("Demand").attribute("issue").values  # type: ignore[union-attr]
    assert (
        values[-1] == "mediation" and values[:-1] == base.label("Demand").attribute("issue").values
    )  # type: ignore[union-attr]
    assert merged.version == base.version + 1
    assert union_schemas(merged, other) is merged  # idempotent
    assert compare_schemas(merged, base).compatible  # the smaller list fits the union


def test_every_real_difference_is_named() -> None:
    def change(raw: dict[str, Any]) -> None:
        attribute(raw, "Quote", "form")["values"].append("paraphrase")
        raw["labels"] = [x for x in raw["labels"] if x["name"] != "Cue"]
        raw["relations"] = [r for r in raw["relations"] if r["name"] != "cue"]
        next(r for r in raw["relations"] if r["name"] == "addressee")["required"] = True
        label(raw, "Quote")["entity"] = True

    found = compare_schemas(default_schema(), edited(change))
    text = "\n".join(found.differences)
    assert not found.compatible
    for expected in (
        "attribute Quote.form: different values (only in the second: paraphrase)",
        "label Cue: only in the first schema",
        "relation cue: only in the first schema",
        "relation addressee: required in one schema",
        "label Quote: linked to the registry in one schema only",
    ):
        assert expected in text


def test_plan_rounds_and_splits() -> None:
    assert [overlap_count(n, 20) for n in (0, 2, 3, 7, 10, 23)] == [0, 0, 1, 1, 2, 5]
    assert overlap_count(3, 50) == 2  # half up, not to even
    ids = [f"d{i}" for i in range(17)]
    p = plan(ids, ["a", "b", "c"], 20, 1)
    assert len(p.overlap) == 3
    assert sorted(len(s) for s in p.shares.values()) == [4, 5, 5]
    every = set(p.overlap).union(*map(set, p.shares.values()))
    assert every == set(ids)
