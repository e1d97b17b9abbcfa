"""The store's reading of a project's layers into the agreement measures' input."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import Project
from annotator.core.agreement import compute
from annotator.core.errors import NotFoundError, ValidationError
from annotator.store.agreement_input import agreement_input

TEXT = '"We will not," Karamov said, "surrender." The talks ended.'


def build(path: Path) -> tuple[str, str]:
    with Project.create(path, annotator="Ana") as p:
        d1 = p.documents.add(TEXT, title="Talks").value.id
        d2 = p.documents.add("Another article.", title="Other").value.id
        entity = p.registry.add("Sergei Karamov", type="person").value.id
    for name in ("Ana", "Ben"):
        with Project.open(path, annotator=name) as p:
            layer = p.layer()
            actor = layer.add_annotation(d1, "Actor", [(14, 21)], entity=entity).value
            quote = layer.add_annotation(
                d1, "Quote", [(1, 12), (30, 39)], attributes={"form": "direct"}
            ).value
            layer.add_relation("speaker", quote.id, actor.id)
            layer.set_status(d1, "done")
            if name == "Ana":
                layer.set_status(d2, "done")
                layer.add_annotation(d2, "Actor", [(0, 7)])
    return d1, d2


def test_layers_become_plain_input_with_discontinuous_fragments(tmp_path: Path) -> None:
    d1, d2 = build(tmp_path / "p.annotator")
    with Project.open(tmp_path / "p.annotator", readonly=True) as p:
        data = agreement_input(p)
    assert data.annotators == ["Ana", "Ben"]
    assert data.labels == ["Actor", "Quote", "Demand", "Cue"]
    assert data.attributes["Quote"] == ("form",) and data.mention_label == "Actor"
    first, second = data.documents
    assert (first.id, first.text, second.id) == (d1, TEXT, d2)
    assert second.text == ""  # Ben has not finished it: its text is not read
    assert second.layers["Ana"].status == "done" and "Ben" not in second.layers
    ben = first.layers["Ben"]
    quote = next(s for s in ben.spans if s.label == "Quote")
    assert quote.fragments == ((1, 12), (30, 39)) and quote.attributes == {"form": "direct"}
    actor = next(s for s in ben.spans if s.label == "Actor")
    assert actor.fragments == ((14, 21),) and actor.entity is not None
    (speaker,) = ben.relations
    assert (speaker.type, speaker.source, speaker.target) == ("speaker", quote.id, actor.id)
    report = compute(data)
    assert report["documents"] == {"used": 1, "left_out": 1}
    pooled = next(r for r in report["pairs"] if r["label"] == "*")
    assert pooled["exact"]["f1"] == 1.0
    assert next(r for r in report["relations"] if r["type"] == "speaker")["f1"] == 1.0
    assert report["entity_links"][0]["value"] == 1.0


def test_choices_are_checked(tmp_path: Path) -> None:
    d1, _ = build(tmp_path / "p.annotator")
    with Project.open(tmp_path / "p.annotator", readonly=True) as p:
        data = agreement_input(p, ["ben", "ANA"], ["Quote"], [d1])
        assert data.annotators == ["Ben", "Ana"] and [d.id for d in data.documents] == [d1]
        assert data.relation_types == []  # speaker needs Actor, which is not compared
        assert agreement_input(p, labels=["Quote", "Actor"]).relation_types == ["speaker"]
        with pytest.raises(NotFoundError, match="no annotator named 'Cleo'"):
            agreement_input(p, ["Ana", "Cleo"])
        with pytest.raises(ValidationError, match="named twice"):
            agreement_input(p, ["Ana", "ana"])
        with pytest.raises(ValidationError, match="at least two annotators"):
            agreement_input(p, ["Ana"])
        with pytest.raises(ValidationError, match="no label 'Claim'"):
            agreement_input(p, labels=["Claim"])
        with pytest.raises(NotFoundError, match="no document"):
            agreement_input(p, documents=["nope"])
