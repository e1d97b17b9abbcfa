"""Layers: two annotators (Ana, Ben) and the gold layer in one project file.

Each layer sees and edits only its own annotations, relations and statuses; a relation links
two annotations of one layer; reading a layer (even one nobody wrote in yet) never writes;
datasets, counts, dossiers, problems and the document list are of one layer or of all.
What is stored is read back with plain sqlite3 where it matters.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annotator import NotFoundError, Project, ValidationError
from annotator.io.exporting import layer_named
from annotator.store.actors import EntityCounts
from annotator.store.annotators import GOLD_ID
from annotator.store.listing import Listing

TEXT = (
    "Karamov said talks would resume. “We will not give up,” he warned. "
    "Belotsky demanded a cease-fire."
)
QUIET = "Nobody said anything here."


def at(needle: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


@pytest.fixture
def three(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A closed project written by Ana, with Ben's layer and a gold layer; returns its ids.

    - Ana: Karamov (linked) speaks the quote; an unlinked mention of Belotsky; "done".
    - Ben: the same quote without a speaker; Belotsky (linked) demands a cease-fire;
      "in_progress" here, "done" on the quiet document.
    - Gold: Karamov (linked) speaks the quote.
    """
    path = tmp_path / "layers.annotator"
    with Project.create(path, annotator="Ana") as p:
        doc = p.documents.add(TEXT, title="Talks").value
        quiet = p.documents.add(QUIET, title="Quiet").value
        karamov = p.registry.add("Sergei Karamov", type="person", aliases=["Karamov"]).value
        belotsky = p.registry.add("Yuri Belotsky", type="person", aliases=["Belotsky"]).value
        ana, ben, gold = p.layer(), p.layer(p.annotators.add("Ben").value.id), p.gold

        a_actor = ana.add_annotation(doc.id, "Actor", [at("Karamov")], entity=karamov.id).value
        a_quote = ana.add_annotation(
            doc.id, "Quote", [at("We will not give up,")], attributes={"form": "direct"}
        ).value
        a_speaker = ana.add_relation("speaker", a_quote.id, a_actor.id).value
        a_unlinked = ana.add_annotation(doc.id, "Actor", [at("Belotsky")]).value
        ana.set_status(doc.id, "done")

        b_quote = ben.add_annotation(doc.id, "Quote", [at("We will not give up,")]).value
        b_actor = ben.add_annotation(doc.id, "Actor", [at("Belotsky")], entity=belotsky.id).value
        b_demand = ben.add_annotation(
            doc.id,
            "Demand",
            [at("a cease-fire")],
            attributes={"issue": "cease-fire", "position": "for"},
        ).value
        b_claimant = ben.add_relation("claimant", b_demand.id, b_actor.id).value
        ben.set_status(doc.id, "in_progress")
        ben.set_status(quiet.id, "done")

        g_actor = gold.add_annotation(doc.id, "Actor", [at("Karamov")], entity=karamov.id).value
        g_quote = gold.add_annotation(
            doc.id, "Quote", [at("We will not give up,")], attributes={"form": "direct"}
        ).value
        g_speaker = gold.add_relation("speaker", g_quote.id, g_actor.id).value
        assert ana.annotator_id is not None and ben.annotator_id is not None
        ids = {
            "doc": doc.id,
            "quiet": quiet.id,
            "karamov": karamov.id,
            "belotsky": belotsky.id,
            "ana": ana.annotator_id,
            "ben": ben.annotator_id,
            "a_actor": a_actor.id,
            "a_quote": a_quote.id,
            "a_speaker": a_speaker.id,
            "a_unlinked": a_unlinked.id,
            "b_quote": b_quote.id,
            "b_actor": b_actor.id,
            "b_demand": b_demand.id,
            "b_claimant": b_claimant.id,
            "g_actor": g_actor.id,
            "g_quote": g_quote.id,
            "g_speaker": g_speaker.id,
        }
    return path, ids


@pytest.fixture
def opened(three) -> Any:
    """The three-layer project, open for writing as Ana: (project, ids)."""
    path, ids = three
    with Project.open(path, annotator="Ana", backup=False) as p:
        yield p, ids


def layers_of(p: Project, ids: dict[str, str]) -> dict[str, Any]:
    return {"ana": p.layer(), "ben": p.layer(ids["ben"]), "gold": p.gold}


def snapshot(rows, path: Path) -> list[list[tuple[Any, ...]]]:
    return [
        rows(path, f"SELECT * FROM {table} ORDER BY 1, 2")
        for table in ("annotations", "relations", "document_status", "annotators", "entities")
    ]


# -- who is in the file --------------------------------------------------------------------------


def test_two_annotators_and_gold_in_one_file(three, rows) -> None:
    path, ids = three
    assert sorted(rows(path, "SELECT id, name FROM annotators")) == sorted(
        [(ids["ana"], "Ana"), (ids["ben"], "Ben"), (GOLD_ID, "Gold")]
    )
    stored = dict(rows(path, "SELECT annotator, count(*) FROM annotations GROUP BY annotator"))
    assert stored == {ids["ana"]: 3, ids["ben"]: 3, GOLD_ID: 2}
    # every relation is in the layer of both of its ends
    assert rows(
        path,
        "SELECT count(*) FROM relations r JOIN annotations s ON s.id = r.source "
        "JOIN annotations t ON t.id = r.target "
        "WHERE NOT (r.annotator = s.annotator AND r.annotator = t.annotator)",
    ) == [(0,)]
    with Project.open(path, readonly=True, annotator="Ana") as p:
        assert [layer.name for layer in p.layers()] == ["Ana", "Ben", "Gold"]
        assert [layer.annotator_id for layer in p.layers()] == [ids["ana"], ids["ben"], GOLD_ID]
        assert p.layer().annotator_id == ids["ana"]
        assert p.layer(GOLD_ID) is p.gold and p.gold.is_gold
        assert not p.layer().is_gold
        assert layer_named(p, "Gold") is p.gold and layer_named(p, "gold") is p.gold
        named = layer_named(p, "Ben")
        assert named is not None and named.annotator_id == ids["ben"]
        assert layer_named(p, None) is None
        with pytest.raises(NotFoundError, match="no annotator named 'Cleo'"):
            layer_named(p, "Cleo")
        with pytest.raises(NotFoundError, match="no annotator"):
            p.layer("no-such-annotator")


# -- each layer sees only its own ----------------------------------------------------------------


def test_each_layer_sees_only_its_own_annotations_relations_and_statuses(opened) -> None:
    p, ids = opened
    doc, quiet = ids["doc"], ids["quiet"]
    expected = {
        "ana": ({"a_actor", "a_quote", "a_unlinked"}, {"a_speaker"}, "done", "new"),
        "ben": ({"b_quote", "b_actor", "b_demand"}, {"b_claimant"}, "in_progress", "done"),
        "gold": ({"g_actor", "g_quote"}, {"g_speaker"}, "new", "new"),
    }
    layers = layers_of(p, ids)
    for who, layer in layers.items():
        anns, rels, state, quiet_state = expected[who]
        assert {a.id for a in layer.annotations(doc)} == {ids[k] for k in anns}, who
        assert {a.annotator for a in layer.annotations(doc)} == {layer.annotator_id}
        assert layer.annotation_count(doc) == len(anns)
        assert {r.id for r in layer.relations(doc)} == {ids[k] for k in rels}, who
        assert (layer.status(doc), layer.status(quiet)) == (state, quiet_state), who
        assert layer.annotations(quiet) == [] and layer.relations(quiet) == []
        for other in layers:
            if other == who:
                continue
            their_anns, their_rels, _, _ = expected[other]
            for key in their_anns:
                with pytest.raises(NotFoundError, match=f"in {layer.name}'s layer"):
                    layer.annotation(ids[key])
            for key in their_rels:
                with pytest.raises(NotFoundError, match=f"in {layer.name}'s layer"):
                    layer.relation(ids[key])
        for key in anns:
            assert layer.annotation(ids[key]).id == ids[key]
    # the first screen of a long article: only annotations starting before an offset
    start, _ = at("Belotsky")
    assert {a.id for a in layers["ben"].annotations(doc, start_before=start)} == {ids["b_quote"]}


def test_each_layer_has_its_own_problems(opened) -> None:
    p, ids = opened
    layers = layers_of(p, ids)
    ana = [(x.annotation_id, x.kind) for x in layers["ana"].problems()]
    ben = [(x.annotation_id, x.kind) for x in layers["ben"].problems()]
    assert ana == [(ids["a_unlinked"], "actor not linked")]
    assert ben == [(ids["b_quote"], "quote without speaker")]
    assert layers["gold"].problems() == []
    assert layers["ben"].problems(ids["quiet"]) == []
    assert layers["ana"].problem_counts() == {ids["doc"]: 1}
    assert layers["ben"].problem_counts() == {ids["doc"]: 1}
    assert layers["gold"].problem_counts() == {}
    # the whole project: every layer's, in text order (the quote comes before Belotsky)
    everyone = [(x.annotation_id, x.kind) for x in p.problems()]
    assert everyone == [*ben, *ana]
    # fixing Ben's problem in Ben's layer leaves Ana's alone
    b_actor = ids["b_actor"]
    layers["ben"].add_relation("speaker", ids["b_quote"], b_actor)
    assert layers["ben"].problems() == []
    assert [(x.annotation_id, x.kind) for x in p.problems()] == ana


def test_statuses_and_the_document_list_are_per_layer(opened) -> None:
    p, ids = opened
    layers = layers_of(p, ids)
    assert layers["ben"].set_status(ids["doc"], "done").value == "in_progress"
    assert layers["ana"].status(ids["doc"]) == "done"
    assert layers["gold"].status(ids["doc"]) == "new"
    layers["ana"].set_status(ids["doc"], "in_progress")
    assert layers["ben"].status(ids["doc"]) == "done"
    for who, layer in layers.items():
        rows = p.documents.page(Listing(layer.annotator_id), 0, 10)
        assert [r.id for r in rows] == [ids["doc"], ids["quiet"]]
        assert [r.state for r in rows] == [layer.status(ids["doc"]), layer.status(ids["quiet"])]
        assert [r.annotations for r in rows] == [layer.annotation_count(ids["doc"]), 0], who
        assert p.documents.count_with_status("done", layer.annotator_id) == sum(
            r.state == "done" for r in rows
        )


# -- a layer edits only its own -------------------------------------------------------------------


def test_a_layer_cannot_change_another_layers_annotations(opened, rows) -> None:
    p, ids = opened
    layers = layers_of(p, ids)
    before = snapshot(rows, p.path)
    ben, gold, ana = layers["ben"], layers["gold"], layers["ana"]
    for layer, theirs, owner in (
        (ben, ids["a_actor"], "Ana"),
        (gold, ids["a_quote"], "Ana"),
        (ana, ids["b_actor"], "Ben"),
        (ana, ids["g_actor"], "Gold"),
    ):
        belongs = f"belongs to {owner}'s layer"
        with pytest.raises(ValidationError, match=belongs):
            layer.update_annotation(theirs, note="mine now")
        with pytest.raises(ValidationError, match=belongs):
            layer.update_annotation(theirs, fragments=[at("said")])
        with pytest.raises(ValidationError, match=belongs):
            layer.delete_annotation(theirs)
        with pytest.raises(ValidationError, match=belongs):
            layer.delete_annotations([theirs])
    with pytest.raises(ValidationError, match="belongs to Ana's layer"):
        ben.link_mention(ids["a_actor"], None)
    with pytest.raises(ValidationError, match="belongs to Ben's layer"):
        ana.link_mention(ids["b_actor"], ids["karamov"])
    with pytest.raises(NotFoundError, match="in Ben's layer"):
        ben.delete_relation(ids["a_speaker"])
    with pytest.raises(NotFoundError, match="in Gold's layer"):
        gold.delete_relation(ids["b_claimant"])
    # several deletions in one call: one of them foreign refuses them all
    with pytest.raises(ValidationError):
        ana.delete_annotations([ids["a_unlinked"], ids["b_actor"]])
    assert snapshot(rows, p.path) == before


def test_relations_across_layers_are_refused(opened, rows) -> None:
    p, ids = opened
    layers = layers_of(p, ids)
    before = snapshot(rows, p.path)
    ben, gold, ana = layers["ben"], layers["gold"], layers["ana"]
    cases = [
        (ben, "speaker", ids["b_quote"], ids["a_actor"]),  # Ben's quote, Ana's actor
        (ben, "speaker", ids["b_quote"], ids["g_actor"]),  # Ben's quote, Gold's actor
        (ben, "addressee", ids["b_demand"], ids["a_actor"]),
        (ana, "speaker", ids["b_quote"], ids["a_actor"]),  # from Ben's quote, in Ana's layer
        (gold, "addressee", ids["b_demand"], ids["g_actor"]),
    ]
    for layer, type_, source, target in cases:
        with pytest.raises(ValidationError, match="two annotations of one layer"):
            layer.add_relation(type_, source, target)
    with pytest.raises(ValidationError, match="two annotations of one layer"):
        ana.set_relation("speaker", ids["b_quote"], ids["a_actor"])
    # replacing Ana's speaker from Ben's layer: her relation is not Ben's to remove
    with pytest.raises(NotFoundError, match="in Ben's layer"):
        ben.set_relation("speaker", ids["a_quote"], ids["b_actor"])
    assert snapshot(rows, p.path) == before
    # within one layer the same relation is fine
    rel = ben.add_relation("speaker", ids["b_quote"], ids["b_actor"]).value
    assert rel.annotator == ids["ben"]


def test_restoring_puts_an_annotation_back_in_its_layer(opened, rows) -> None:
    p, ids = opened
    ben = p.layer(ids["ben"])
    (ann, relations), _ = ben.delete_annotation(ids["b_demand"])
    assert [r.id for r in relations] == [ids["b_claimant"]]
    ben.restore_annotation(ann, relations)
    assert rows(p.path, "SELECT annotator FROM annotations WHERE id = ?", [ann.id]) == [
        (ids["ben"],)
    ]
    assert ben.relation(ids["b_claimant"]).annotator == ids["ben"]


# -- reading never writes ------------------------------------------------------------------------


def read_everything(p: Project, layer: Any, ids: dict[str, str]) -> None:
    """Every read a window or a script makes of one layer."""
    doc = ids["doc"]
    assert layer.annotations(doc) == [] and layer.relations(doc) == []
    assert layer.annotation_count(doc) == 0
    assert layer.status(doc) == "new"
    assert layer.problems() == [] and layer.problems(doc) == [] and layer.problem_counts() == {}
    with pytest.raises(NotFoundError):
        layer.annotation(ids["a_actor"])
    data = p.datasets(layer)
    assert list(data.quote_rows()) == list(data.demand_rows()) == []
    assert {r.mentions for r in data.actor_rows()} == {0}
    assert data.count_quotes() == data.count_demands() == 0
    assert data.header()["annotators"] == []
    docs = list(data.document_dicts())
    assert [d["annotations"] for d in docs] == [[], []]
    assert [d["status"] for d in docs] == [{}, {}]
    assert list(data.document_json())
    assert set(p.registry.counts(layer).values()) == {EntityCounts()}
    assert p.registry.dossier(ids["karamov"], layer) == []
    # nothing in this layer covers Karamov, so the preview finds him
    found = p.registry.propagation_preview(ids["karamov"], label="Actor", layer=layer)
    assert [(o.document_id, o.text) for o in found] == [(doc, "Karamov")]
    who = layer.annotator_id
    (row, _) = p.documents.page(Listing(who), 0, 10)
    assert (row.state, row.annotations) == ("new", 0)
    assert p.documents.row(doc, who) == row
    assert p.documents.count_with_status("done", who) == 0
    assert p.documents.neighbour(doc, 1, who, not_done=True) == ids["quiet"]
    assert p.documents.search_rows("karamov", who, 5)[0][0] == row


@pytest.mark.parametrize("readonly", [True, False], ids=["read-only", "writable"])
def test_reading_a_layer_nobody_wrote_in_never_writes(three, rows, digest, readonly) -> None:
    path, ids = three
    before_bytes, before_rows = digest(path), snapshot(rows, path)
    with Project.open(path, readonly=readonly, annotator="Newcomer") as p:
        layer = p.layer()
        assert layer.annotator_id is None
        read_everything(p, layer, ids)
        assert layer.annotator_id is None
        assert p.annotators.named("Newcomer") is None
        assert [x.name for x in p.layers()] == ["Ana", "Ben", "Gold"]
    assert digest(path) == before_bytes
    assert snapshot(rows, path) == before_rows


@pytest.mark.parametrize("readonly", [True, False], ids=["read-only", "writable"])
def test_reading_the_gold_layer_before_it_is_written_never_writes(
    three, tmp_path, rows, digest, readonly
) -> None:
    _, ids = three
    path = tmp_path / "no-gold.annotator"
    with Project.create(path, annotator="Ana") as p:
        doc = p.documents.add(TEXT, title="Talks").value
        p.documents.add(QUIET, title="Quiet")
        karamov = p.registry.add("Sergei Karamov", aliases=["Karamov"]).value
        p.layer().add_annotation(doc.id, "Cue", [at("said")])
    ids = {**ids, "doc": doc.id, "karamov": karamov.id}
    ids["quiet"] = rows(path, "SELECT id FROM documents WHERE title = 'Quiet'")[0][0]
    before_bytes, before_rows = digest(path), snapshot(rows, path)
    with Project.open(path, readonly=readonly, annotator="Ana") as p:
        gold = p.gold
        assert gold.annotator_id == GOLD_ID  # a fixed id, though no row has it yet
        read_everything(p, gold, ids)
        assert [x.name for x in p.layers()] == ["Ana"]  # gold is listed once written to
        with pytest.raises(NotFoundError):
            p.annotators.get(GOLD_ID)
    assert digest(path) == before_bytes
    assert snapshot(rows, path) == before_rows


def test_the_first_write_creates_the_annotator_and_nothing_before(three, rows) -> None:
    path, ids = three
    with Project.open(path, annotator="Newcomer", backup=False) as p:
        layer = p.layer()
        p.documents.add("Something new to read.")  # a write, but not in Newcomer's layer
        assert layer.annotator_id is None
        assert p.annotators.named("Newcomer") is None
        layer.set_status(ids["quiet"], "in_progress")
        newcomer = p.annotators.named("Newcomer")
        assert newcomer is not None and layer.annotator_id == newcomer.id
    assert rows(path, "SELECT state FROM document_status WHERE annotator = ?", [newcomer.id]) == [
        ("in_progress",)
    ]


# -- one layer or all ---------------------------------------------------------------------------


def test_datasets_of_one_layer_and_of_all(opened) -> None:
    p, ids = opened
    layers = layers_of(p, ids)

    def quotes(layer: Any) -> list[tuple[str, str, str]]:
        return [
            (r.span.annotation_id, r.speaker.id, r.span.annotator)
            for r in p.datasets(layer).quote_rows()
        ]

    k = ids["karamov"]
    assert quotes(layers["ana"]) == [(ids["a_quote"], k, "Ana")]
    assert quotes(layers["ben"]) == [(ids["b_quote"], "", "Ben")]
    assert quotes(layers["gold"]) == [(ids["g_quote"], k, "Gold")]
    assert quotes(None) == [*quotes(layers["ana"]), *quotes(layers["ben"]), *quotes(layers["gold"])]

    demands = [(r.span.annotation_id, r.claimant.id) for r in p.datasets().demand_rows()]
    assert demands == [(ids["b_demand"], ids["belotsky"])]
    assert list(p.datasets(layers["ana"]).demand_rows()) == []
    assert [r.span.annotation_id for r in p.datasets(layers["ben"]).demand_rows()] == [
        ids["b_demand"]
    ]

    def actors(layer: Any) -> dict[str, tuple[int, int, int, int]]:
        return {
            r.name: (r.mentions, r.quotes, r.demands_made, r.demands_received)
            for r in p.datasets(layer).actor_rows()
        }

    assert actors(layers["ana"]) == {"Sergei Karamov": (1, 1, 0, 0), "Yuri Belotsky": (0, 0, 0, 0)}
    assert actors(layers["ben"]) == {"Sergei Karamov": (0, 0, 0, 0), "Yuri Belotsky": (1, 0, 1, 0)}
    assert actors(layers["gold"]) == {"Sergei Karamov": (1, 1, 0, 0), "Yuri Belotsky": (0, 0, 0, 0)}
    assert actors(None) == {"Sergei Karamov": (2, 2, 0, 0), "Yuri Belotsky": (1, 0, 1, 0)}
    for layer in (*layers.values(), None):
        data = p.datasets(layer)
        assert (data.count_quotes(), data.count_demands()) == (
            len(list(data.quote_rows())),
            len(list(data.demand_rows())),
        )
        assert data.count_entities() == 2 and len(data.entities()) == 2  # one registry
        assert data.count_documents() == 2
        by_id = {
            e: (c.mentions, c.quotes, c.demands_made, c.demands_received)
            for e, c in p.registry.counts(layer).items()
        }
        names = {e.id: e.name for e in p.registry.all()}
        assert {names[e]: v for e, v in by_id.items()} == actors(layer)

    # the native shape: only this layer's annotators, annotations, relations and statuses
    def native(layer: Any) -> tuple[list[str], list[dict[str, Any]]]:
        data = p.datasets(layer)
        header = data.header()
        return [a["name"] for a in header["annotators"]], list(data.document_dicts())

    names, docs = native(layers["ben"])
    assert names == ["Ben"]
    assert [d["status"] for d in docs] == [{ids["ben"]: "in_progress"}, {ids["ben"]: "done"}]
    assert {a["id"] for a in docs[0]["annotations"]} == {
        ids["b_quote"],
        ids["b_actor"],
        ids["b_demand"],
    }
    assert [r["id"] for r in docs[0]["relations"]] == [ids["b_claimant"]]
    names, docs = native(None)
    assert names == ["Ana", "Ben", "Gold"]
    assert docs[0]["status"] == {ids["ana"]: "done", ids["ben"]: "in_progress"}
    assert len(docs[0]["annotations"]) == 8 and len(docs[0]["relations"]) == 3
    names, docs = native(layers["gold"])
    assert names == ["Gold"]
    assert [d["status"] for d in docs] == [{}, {}]


def test_registry_reads_per_layer(opened) -> None:
    p, ids = opened
    layers = layers_of(p, ids)
    k = ids["karamov"]
    assert [e.annotation_id for e in p.registry.dossier(k, layers["ana"])] == [ids["a_quote"]]
    assert [e.annotation_id for e in p.registry.dossier(k, layers["gold"])] == [ids["g_quote"]]
    assert p.registry.dossier(k, layers["ben"]) == []
    assert {e.annotation_id for e in p.registry.dossier(k)} == {ids["a_quote"], ids["g_quote"]}
    # mentions are of every layer: the registry is shared
    assert {m[0] for m in p.registry.mentions(k)} == {ids["a_actor"], ids["g_actor"]}

    # Ana and Gold tagged Karamov, Ben did not: only Ben's preview finds him
    def preview(layer: Any) -> list[tuple[int, int]]:
        found = p.registry.propagation_preview(k, label="Actor", layer=layer)
        return [(o.start, o.end) for o in found]

    assert preview(layers["ana"]) == preview(layers["gold"]) == []
    assert preview(layers["ben"]) == [at("Karamov")]
    created = (
        layers["ben"]
        .apply_propagation(
            p.registry.propagation_preview(k, label="Actor", layer=layers["ben"]), k, label="Actor"
        )
        .value
    )
    assert [(a.annotator, a.start, a.end) for a in created] == [(ids["ben"], *at("Karamov"))]
    assert p.registry.counts(layers["ben"])[k].mentions == 1
    assert p.registry.counts()[k].mentions == 3


def test_merging_between_layers_and_entities_reaches_every_layer(opened) -> None:
    p, ids = opened
    # merging Belotsky into Karamov moves Ben's mention, whose layer Ana cannot edit herself
    record = p.registry.merge(ids["karamov"], ids["belotsky"]).value
    assert p.layer(ids["ben"]).annotation(ids["b_actor"]).entity == ids["karamov"]
    assert p.registry.counts(p.layer(ids["ben"]))[ids["karamov"]].demands_made == 1
    p.registry.unmerge(record)
    assert p.layer(ids["ben"]).annotation(ids["b_actor"]).entity == ids["belotsky"]


# -- gold --------------------------------------------------------------------------------------


def test_gold_is_reserved_and_merges_like_any_layer(three, tmp_path, rows) -> None:
    path, ids = three
    with Project.open(path, annotator="Ana", backup=False) as p:
        for name in ("Gold", "gold", " GOLD "):
            with pytest.raises(ValidationError, match="reserved"):
                p.annotators.add(name)
        with pytest.raises(ValidationError, match="reserved"):
            p.annotators.add("Gilda", id=GOLD_ID)
        assert p.annotators.get(GOLD_ID).name == "Gold"
        data = p.datasets()
        header = data.header()
        documents = [(f"layers:{i}", d) for i, d in enumerate(data.document_dicts())]
    # a second project, merged into: its gold layer is the same annotator, by id
    target = tmp_path / "target.annotator"
    with Project.create(target, annotator="Cleo") as q:
        q.merge_native(header, documents)
        assert {a.id for a in q.gold.annotations(ids["doc"])} == {ids["g_actor"], ids["g_quote"]}
        assert [r.id for r in q.gold.relations(ids["doc"])] == [ids["g_speaker"]]
        assert q.layer().annotations(ids["doc"]) == []  # Cleo's layer: nothing of theirs
        assert [x.name for x in q.layers()] == ["Ana", "Ben", "Gold"]
    assert sorted(rows(target, "SELECT id, name FROM annotators")) == sorted(
        rows(path, "SELECT id, name FROM annotators")
    )
