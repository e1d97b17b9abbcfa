"""Annotations, relations, documents and status through the API, read back with plain sqlite3.

Every refused edit must leave the project exactly as it was: the row counts of every table are
compared before and after.
"""

from __future__ import annotations

import json
import unicodedata

import pytest

from annotator import NotFoundError, Project, ValidationError
from annotator.core.errors import AnnotatorError, DuplicateAnnotationError
from annotator.core.schema import default_schema, parse_schema


@pytest.fixture
def actor(layer, doc, find):
    return layer.add_annotation(
        doc.id, "Actor", [find("Karamov")], attributes={"type": "person"}
    ).value


@pytest.fixture
def quote(layer, doc, find):
    return layer.add_annotation(
        doc.id,
        "Quote",
        [find("We will not give up a single village,")],
        attributes={"form": "direct"},
    ).value


def stored_annotation(rows, path, ann_id):
    found = rows(
        path,
        'SELECT document, label, start, "end", fragments, attributes, entity, annotator, origin, '
        "note FROM annotations WHERE id = ?",
        [ann_id],
    )
    assert len(found) == 1, f"annotation {ann_id} is not stored"
    doc, label, start, end, frags, attrs, entity, annotator, origin, note = found[0]
    return {
        "document": doc,
        "label": label,
        "start": start,
        "end": end,
        "fragments": json.loads(frags),
        "attributes": json.loads(attrs),
        "entity": entity,
        "annotator": annotator,
        "origin": origin,
        "note": note,
    }


def test_added_annotation_is_stored_as_given(project, layer, doc, find, rows) -> None:
    start, end = find("Karamov")
    ann = layer.add_annotation(
        doc.id, "Actor", [(start, end)], attributes={"type": "person"}, note="the envoy"
    ).value
    stored = stored_annotation(rows, project.path, ann.id)
    assert stored == {
        "document": doc.id,
        "label": "Actor",
        "start": start,
        "end": end,
        "fragments": [{"start": start, "end": end, "text": "Karamov"}],
        "attributes": {"type": "person"},
        "entity": None,
        "annotator": layer.annotator_id,
        "origin": "manual",
        "note": "the envoy",
    }
    # and it survives closing and reopening
    project.close()
    with Project.open(project.path, readonly=True) as again:
        (back,) = again.layer().annotations(doc.id)
        assert back == ann


# -- refused edits leave nothing behind ---------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "fragments", "attributes", "error", "message"),
    [
        ("Speaker", [(0, 7)], {}, ValidationError, "unknown label 'Speaker'"),
        ("Actor", [(0, 10_000)], {}, ValidationError, "outside the text"),
        ("Actor", [(-1, 3)], {}, ValidationError, "outside the text"),
        ("Actor", [(5, 5)], {}, ValidationError, "outside the text .* or empty"),
        ("Actor", [], {}, ValidationError, "at least one fragment"),
        ("Quote", [(0, 12), (8, 20)], {}, ValidationError, "overlap"),
        ("Actor", [(0, 7, "Karamow")], {}, ValidationError, "does not match"),
        ("Actor", [(0, 7)], {"role": "envoy"}, ValidationError, "no attribute 'role'"),
        ("Quote", [(0, 7)], {"form": "shouted"}, ValidationError, "'shouted' is not a value"),
        ("Actor", [(0, 7)], {"type": ""}, ValidationError, "non-empty text"),
        ("Actor", [("0", 7)], {}, ValidationError, "integers"),
    ],
)
def test_invalid_annotation_is_refused_and_nothing_written(
    project, layer, doc, counts, label, fragments, attributes, error, message
) -> None:
    before = counts(project.path)
    with pytest.raises(error, match=message):
        layer.add_annotation(doc.id, label, fragments, attributes=attributes)
    assert counts(project.path) == before


def test_annotation_on_unknown_document_is_refused(project, layer, doc, counts) -> None:
    before = counts(project.path)
    with pytest.raises(NotFoundError, match="no document"):
        layer.add_annotation("no-such-doc", "Actor", [(0, 7)])
    assert counts(project.path) == before


def test_unknown_annotator_or_origin_is_refused(project, layer, doc, counts) -> None:
    before = counts(project.path)
    # another annotator's layer is asked for by id; an unknown id has no layer to write to
    with pytest.raises(NotFoundError, match="no annotator with id 'nobody'"):
        project.layer("nobody")
    with pytest.raises(ValidationError, match="unknown origin"):
        layer.add_annotation(doc.id, "Actor", [(0, 7)], origin="guesswork")
    assert counts(project.path) == before


def test_editable_attribute_accepts_a_new_value(project, layer, doc, find, rows) -> None:
    ann = layer.add_annotation(
        doc.id, "Demand", [find("a cease-fire")], attributes={"issue": "prisoner exchange"}
    ).value
    assert stored_annotation(rows, project.path, ann.id)["attributes"] == {
        "issue": "prisoner exchange"
    }
    # the other, closed attribute of Demand still refuses new values
    with pytest.raises(ValidationError, match=r"not a value of Demand\.position"):
        layer.update_annotation(ann.id, attributes={"issue": "x", "position": "maybe"})
    assert stored_annotation(rows, project.path, ann.id)["attributes"] == {
        "issue": "prisoner exchange"
    }


def test_attribute_values_in_use_in_every_layer_most_used_first(project, layer, doc, find):
    assert project.attribute_values("Demand", "issue") == []
    spans = [find(words) for words in ("a cease-fire", "called for", "talks would resume")]
    for span, issue in zip(spans, ("prisoner exchange", "cease-fire", "cease-fire"), strict=True):
        layer.add_annotation(doc.id, "Demand", [span], attributes={"issue": issue})
    layer.add_annotation(doc.id, "Demand", [find("Belotsky")], attributes={"position": "for"})
    ben = project.layer(project.annotators.add("Ben").value.id)
    ben.add_annotation(doc.id, "Demand", [spans[0]], attributes={"issue": "water"})
    layer.add_annotation(doc.id, "Quote", [find("We will not")], attributes={"form": "direct"})
    assert project.attribute_values("Demand", "issue") == [
        "cease-fire",
        "prisoner exchange",
        "water",
    ]
    assert project.attribute_values("Demand", "position") == ["for"]
    assert project.attribute_values("Quote", "issue") == []


def test_entity_links(project, layer, doc, find, rows, counts) -> None:
    karamov = project.registry.add("Sergei Karamov", type="person").value
    actor = layer.add_annotation(doc.id, "Actor", [find("Karamov")], entity=karamov.id).value
    assert stored_annotation(rows, project.path, actor.id)["entity"] == karamov.id
    before = counts(project.path)
    with pytest.raises(ValidationError, match="Cue annotations cannot be linked"):
        layer.add_annotation(doc.id, "Cue", [find("said")], entity=karamov.id)
    with pytest.raises(NotFoundError, match="no actor with id 'ghost'"):
        layer.add_annotation(doc.id, "Actor", [find("Belotsky")], entity="ghost")
    with pytest.raises(NotFoundError, match="no actor"):
        layer.update_annotation(actor.id, entity="ghost")
    assert counts(project.path) == before
    assert stored_annotation(rows, project.path, actor.id)["entity"] == karamov.id


# -- relations -----------------------------------------------------------------------------------


def test_speaker_relation_is_stored(project, layer, quote, actor, rows) -> None:
    rel = layer.add_relation("speaker", quote.id, actor.id).value
    assert rows(project.path, "SELECT id, type, source, target, annotator FROM relations") == [
        (rel.id, "speaker", quote.id, actor.id, layer.annotator_id)
    ]


def test_invalid_relations_are_refused_and_nothing_written(
    project, layer, doc, quote, actor, find, counts
) -> None:
    other_doc = project.documents.add("Belotsky said nothing at all.", title="Other").value
    elsewhere = layer.add_annotation(other_doc.id, "Actor", [(0, 8)]).value
    layer.add_relation("speaker", quote.id, actor.id)
    second_actor = layer.add_annotation(doc.id, "Actor", [find("Belotsky")]).value
    before = counts(project.path)
    cases = [
        (("mentions", quote.id, actor.id), ValidationError, "unknown relation type 'mentions'"),
        (("speaker", actor.id, quote.id), ValidationError, "not from Actor"),
        (("speaker", quote.id, quote.id), ValidationError, "to itself"),
        (("speaker", quote.id, elsewhere.id), ValidationError, "same document"),
        (("speaker", quote.id, second_actor.id), ValidationError, "at most 1"),
        (("speaker", quote.id, actor.id), ValidationError, "already"),
        (("speaker", quote.id, "ghost"), NotFoundError, "relation target"),
        (("speaker", "ghost", actor.id), NotFoundError, "relation source"),
    ]
    for args, error, message in cases:
        with pytest.raises(error, match=message):
            layer.add_relation(*args)
    assert counts(project.path) == before


def test_duplicate_relation_is_refused_without_a_max(tmp_path, counts) -> None:
    raw = json.loads(default_schema().to_json())
    for rel in raw["relations"]:
        rel.pop("max", None)
    text = "Karamov said it. Karamov said it again."
    with Project.create(tmp_path / "nomax.annotator", schema=parse_schema(raw)) as p:
        doc = p.documents.add(text).value
        mine = p.layer()
        quote = mine.add_annotation(doc.id, "Quote", [(13, 15)]).value
        actor = mine.add_annotation(doc.id, "Actor", [(0, 7)]).value
        other = mine.add_annotation(doc.id, "Actor", [(17, 24)]).value
        mine.add_relation("speaker", quote.id, actor.id)
        mine.add_relation("speaker", quote.id, other.id)  # no max: a second speaker is fine
        before = counts(p.path)
        with pytest.raises(ValidationError, match="this speaker relation already exists"):
            mine.add_relation("speaker", quote.id, actor.id)
        assert counts(p.path) == before


def test_set_relation_replaces_the_speaker(project, layer, doc, quote, actor, find, rows) -> None:
    old = layer.add_relation("speaker", quote.id, actor.id).value
    belotsky = layer.add_annotation(doc.id, "Actor", [find("Belotsky")]).value
    new, replaced = layer.set_relation("speaker", quote.id, belotsky.id).value
    assert [r.id for r in replaced] == [old.id]
    assert rows(project.path, "SELECT id, source, target FROM relations WHERE type='speaker'") == [
        (new.id, quote.id, belotsky.id)
    ]


def test_set_relation_that_fails_keeps_the_old_speaker(project, layer, quote, actor, rows) -> None:
    old = layer.add_relation("speaker", quote.id, actor.id).value
    with pytest.raises(ValidationError):
        layer.set_relation("speaker", quote.id, quote.id)
    assert rows(project.path, "SELECT id, target FROM relations") == [(old.id, actor.id)]


def test_delete_and_restore_annotation_with_its_relations(
    project, layer, doc, quote, actor, find, rows, counts
) -> None:
    cue = layer.add_annotation(doc.id, "Cue", [find("warned")]).value
    speaker = layer.add_relation("speaker", quote.id, actor.id).value
    cue_rel = layer.add_relation("cue", quote.id, cue.id).value
    all_rows = "SELECT * FROM {} ORDER BY id"
    before_anns = rows(project.path, all_rows.format("annotations"))
    before_rels = rows(project.path, all_rows.format("relations"))
    before = counts(project.path)

    removed, relations = layer.delete_annotation(quote.id).value
    assert removed == quote
    assert {r.id for r in relations} == {speaker.id, cue_rel.id}
    assert rows(project.path, "SELECT id FROM annotations WHERE id = ?", [quote.id]) == []
    assert rows(project.path, "SELECT count(*) FROM relations") == [(0,)]  # cascaded
    assert counts(project.path)["annotations"] == before["annotations"] - 1

    layer.restore_annotation(removed, relations)
    assert rows(project.path, all_rows.format("annotations")) == before_anns
    assert rows(project.path, all_rows.format("relations")) == before_rels
    assert counts(project.path) == before


def test_delete_target_cascades_relations(project, layer, quote, actor, rows) -> None:
    layer.add_relation("speaker", quote.id, actor.id)
    _, relations = layer.delete_annotation(actor.id).value
    assert len(relations) == 1
    assert rows(project.path, "SELECT count(*) FROM relations") == [(0,)]
    assert rows(project.path, "SELECT id FROM annotations") == [(quote.id,)]


def test_delete_unknown_annotation_is_refused(project, layer, actor, counts) -> None:
    before = counts(project.path)
    with pytest.raises(NotFoundError, match="no annotation with id 'ghost'"):
        layer.delete_annotation("ghost")
    assert counts(project.path) == before


def test_changing_label_is_refused_while_a_relation_needs_it(
    project, layer, doc, quote, actor, rows
) -> None:
    rel = layer.add_relation("speaker", quote.id, actor.id).value
    before = stored_annotation(rows, project.path, actor.id)
    with pytest.raises(ValidationError, match="its speaker relation needs a Actor"):
        layer.update_annotation(actor.id, label="Cue", attributes={})
    with pytest.raises(ValidationError, match="needs a Quote"):
        layer.update_annotation(quote.id, label="Demand", attributes={})
    assert stored_annotation(rows, project.path, actor.id) == before
    assert stored_annotation(rows, project.path, quote.id)["label"] == "Quote"
    layer.delete_relation(rel.id)
    layer.update_annotation(actor.id, label="Cue", attributes={})
    assert stored_annotation(rows, project.path, actor.id)["label"] == "Cue"


def test_update_annotation_changes_only_what_is_given(project, layer, quote, find, rows) -> None:
    before = stored_annotation(rows, project.path, quote.id)
    start, end = find("We will not give up")
    updated = layer.update_annotation(quote.id, fragments=[(start, end)]).value
    after = stored_annotation(rows, project.path, quote.id)
    assert after["fragments"] == [{"start": start, "end": end, "text": "We will not give up"}]
    assert (after["start"], after["end"]) == (start, end)
    assert {k: v for k, v in after.items() if k not in ("fragments", "start", "end")} == {
        k: v for k, v in before.items() if k not in ("fragments", "start", "end")
    }
    assert updated.modified >= quote.modified
    with pytest.raises(ValidationError, match="overlap"):
        layer.update_annotation(quote.id, fragments=[(start, end), (start + 1, end + 3)])
    assert stored_annotation(rows, project.path, quote.id) == after


def test_discontinuous_annotation_keeps_sorted_fragments(project, layer, doc, find, rows) -> None:
    second = find("the minister warned")
    first = find("We will not")
    ann = layer.add_annotation(doc.id, "Quote", [second, (*first, "We will not")]).value
    stored = stored_annotation(rows, project.path, ann.id)
    assert stored["fragments"] == [
        {"start": first[0], "end": first[1], "text": "We will not"},
        {"start": second[0], "end": second[1], "text": "the minister warned"},
    ]
    assert (stored["start"], stored["end"]) == (first[0], second[1])


# -- text: offsets are code points into the normalised text ---------------------------------


def test_fragments_over_astral_and_combining_characters(project, layer, rows) -> None:
    raw = (
        "Line one 😀 and a family 👨\u200d👩\u200d👧 here.\r\n"
        "Ext-B 𠀀 char, Cafe\u0301 au lait, and Ame\u0301lie\r\nlast line\r"
    )
    doc = project.documents.add(raw, title="Unicode").value
    ((text,),) = rows(project.path, "SELECT text FROM documents WHERE id = ?", [doc.id])
    assert text == unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    assert "\r" not in text
    assert unicodedata.is_normalized("NFC", text)
    assert "Café" in text and "Amélie" in text and "e\u0301" not in text
    assert doc.text == text

    def at(needle: str) -> tuple[int, int]:
        pos = text.index(needle)
        return pos, pos + len(needle)

    pieces = ["😀", "👨\u200d👩\u200d👧", "𠀀", "Café", "Amélie", "last line"]
    made = [layer.add_annotation(doc.id, "Cue", [at(p)]).value for p in pieces]
    for ann, piece in zip(made, pieces, strict=True):
        ((raw_frags, start, end),) = rows(
            project.path, 'SELECT fragments, start, "end" FROM annotations WHERE id = ?', [ann.id]
        )
        (frag,) = json.loads(raw_frags)
        assert frag["text"] == piece == text[frag["start"] : frag["end"]]
        assert (start, end) == (frag["start"], frag["end"])
    # An offset inside the family emoji covers only part of it, and is stored as exactly that.
    s, _ = at("👨\u200d👩\u200d👧")
    ann = layer.add_annotation(doc.id, "Actor", [(s, s + 1)]).value
    assert ann.fragments[0].text == "👨"
    assert project.check().ok


def test_fragment_text_given_decomposed_is_refused(project, layer, counts) -> None:
    doc = project.documents.add("Cafe\u0301 talks").value
    assert doc.text == "Café talks"
    before = counts(project.path)
    with pytest.raises(ValidationError, match="does not match"):
        layer.add_annotation(doc.id, "Cue", [(0, 5, "Cafe\u0301")])
    assert counts(project.path) == before


# -- documents --------------------------------------------------------------------------------


def test_duplicate_document_is_refused(project, doc, counts) -> None:
    before = counts(project.path)
    with pytest.raises(ValidationError, match="already in the project"):
        project.documents.add(doc.text, title="Same text, other title")
    assert counts(project.path) == before


def test_duplicate_document_with_other_line_endings_is_refused(project, rows, counts) -> None:
    lf = "First line.\nSecond line.\n"
    first = project.documents.add(lf).value
    before = counts(project.path)
    for variant in (lf.replace("\n", "\r\n"), lf.replace("\n", "\r"), "\ufeff" + lf):
        with pytest.raises(ValidationError, match="same sha256"):
            project.documents.add(variant)
    assert counts(project.path) == before
    assert rows(project.path, "SELECT id, text FROM documents") == [(first.id, lf)]


def test_empty_document_is_refused(project, counts) -> None:
    before = counts(project.path)
    for text in ("", "   \n\t  "):
        with pytest.raises(AnnotatorError, match="empty"):
            project.documents.add(text)
    assert counts(project.path) == before


def test_document_title_with_html_is_stored_as_plain_text(project, rows) -> None:
    doc = project.documents.add("Body text.", title="<b>Talks</b> &amp; more").value
    assert rows(project.path, "SELECT title FROM documents WHERE id = ?", [doc.id]) == [
        ("Talks & more",)
    ]


def test_document_fields_and_sha256_are_stored(project, rows) -> None:
    import hashlib

    doc = project.documents.add(
        "Karamov said talks would resume.\r\n",
        title="Talks",
        source="Valdoria Herald",
        url="https://example.org/a",
        published="2026-03-14",
        metadata={"section": "World", "words": 5},
    ).value
    ((title, source, url, published, metadata, text, sha),) = rows(
        project.path,
        "SELECT title, source, url, published, metadata, text, sha256 FROM documents WHERE id = ?",
        [doc.id],
    )
    assert (title, source, url, published) == (
        "Talks",
        "Valdoria Herald",
        "https://example.org/a",
        "2026-03-14",
    )
    assert json.loads(metadata) == {"section": "World", "words": 5}
    assert text == "Karamov said talks would resume.\n"
    assert sha == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert project.documents.by_sha256(sha) == doc
    assert project.documents.by_sha256("0" * 64) is None


def test_delete_document_cascades(project, layer, doc, quote, actor, rows, counts) -> None:
    layer.add_relation("speaker", quote.id, actor.id)
    layer.set_status(doc.id, "done")
    other = project.documents.add("Another article.").value
    project.documents.delete(doc.id)
    after = counts(project.path)
    assert (after["documents"], after["annotations"], after["relations"]) == (1, 0, 0)
    assert after["document_status"] == 0
    assert rows(project.path, "SELECT id FROM documents") == [(other.id,)]
    assert project.documents.search("Karamov") == []
    assert project.documents.count() == 1
    with pytest.raises(NotFoundError):
        project.documents.delete(doc.id)


# -- status and annotators ----------------------------------------------------------------------


def test_status_is_per_annotator(project, layer, doc, rows, counts) -> None:
    ana = project.annotators.add("Ana").value
    assert layer.set_status(doc.id, "in_progress").value == "new"  # the state it had before
    assert project.layer(ana.id).set_status(doc.id, "done").value == "new"
    assert layer.set_status(doc.id, "done").value == "in_progress"
    assert sorted(
        rows(
            project.path,
            "SELECT annotator, state FROM document_status WHERE document = ?",
            [doc.id],
        )
    ) == sorted([(layer.annotator_id, "done"), (ana.id, "done")])
    assert (layer.status(doc.id), project.layer(ana.id).status(doc.id)) == ("done", "done")
    before = counts(project.path)
    with pytest.raises(ValidationError, match="unknown document status 'finished'"):
        layer.set_status(doc.id, "finished")
    with pytest.raises(NotFoundError, match="no annotator"):
        project.layer("ghost")
    with pytest.raises(NotFoundError, match="no document"):
        layer.set_status("ghost", "done")
    with pytest.raises(NotFoundError, match="no document"):
        layer.status("ghost")
    assert counts(project.path) == before


def test_annotator_is_created_on_first_use_and_stamped(tmp_path, rows) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path, annotator="Ana") as p:
        doc = p.documents.add("Karamov said talks would resume.").value
        assert p.annotator_name == "Ana"
        assert p.layer().annotator_id is None  # nobody wrote in Ana's name yet
        assert rows(path, "SELECT count(*) FROM annotators") == [(0,)]
        first = p.layer().add_annotation(doc.id, "Actor", [(0, 7)]).value
    ((ana_id, name),) = rows(path, "SELECT id, name FROM annotators")
    assert name == "Ana"
    assert rows(path, "SELECT annotator FROM annotations WHERE id = ?", [first.id]) == [(ana_id,)]
    with Project.open(path, annotator="Ben") as p:
        second = p.layer().add_annotation(doc.id, "Cue", [(8, 12)]).value
    with Project.open(path, annotator="Ana") as p:
        assert p.layer().annotator_id == ana_id
        third = p.layer().add_annotation(doc.id, "Cue", [(13, 18)]).value
    names = dict(rows(path, "SELECT id, name FROM annotators"))
    assert sorted(names.values()) == ["Ana", "Ben"]
    stamped = dict(rows(path, "SELECT id, annotator FROM annotations"))
    assert names[stamped[second.id]] == "Ben"
    assert stamped[third.id] == ana_id


def test_add_annotator_refuses_duplicates_and_empty_names(project, counts) -> None:
    ana = project.annotators.add("Ana").value
    assert project.annotators.named("Ana") == ana == project.annotators.get(ana.id)
    before = counts(project.path)
    with pytest.raises(ValidationError, match="already exists"):
        project.annotators.add(" Ana ")
    with pytest.raises(ValidationError, match="needs a name"):
        project.annotators.add("   ")
    with pytest.raises(ValidationError, match="reserved"):
        project.annotators.add(" gold ")
    with pytest.raises(NotFoundError, match="no annotator"):
        project.annotators.get("ghost")
    assert counts(project.path) == before


# -- the same annotation twice --------------------------------------------------------------


def test_the_same_label_on_the_same_span_again_is_refused(
    project, layer, doc, actor, find, counts
) -> None:
    before = counts(project.path)
    with pytest.raises(DuplicateAnnotationError, match="“Karamov” is already tagged as Actor") as e:
        layer.add_annotation(doc.id, "Actor", [find("Karamov")])
    assert e.value.existing == actor.id
    assert isinstance(e.value, ValidationError)  # the command line's exit code 2
    with pytest.raises(DuplicateAnnotationError):
        layer.add_mention(doc.id, *find("Karamov"), label="Actor")
    assert counts(project.path) == before


def test_a_discontinuous_twin_is_refused_but_other_shapes_and_layers_are_not(
    project, layer, doc, find
) -> None:
    pieces = [find("We will not"), find("a single village")]
    layer.add_annotation(doc.id, "Quote", pieces)
    with pytest.raises(DuplicateAnnotationError):
        layer.add_annotation(doc.id, "Quote", list(reversed(pieces)))  # stored sorted
    layer.add_annotation(doc.id, "Quote", pieces[:1])  # one fragment of it: another span
    layer.add_annotation(doc.id, "Demand", pieces)  # another label on the same span
    other = project.layer(project.annotators.add("Ben").value.id)
    other.add_annotation(doc.id, "Quote", pieces)  # another layer's: not a duplicate
    assert len(layer.annotations(doc.id)) == 3


def test_an_edit_that_makes_an_annotation_a_twin_is_refused(
    project, layer, doc, actor, find, counts
) -> None:
    start, end = find("Karamov")
    longer = layer.add_annotation(doc.id, "Actor", [(start, end + 5)]).value
    cue = layer.add_annotation(doc.id, "Cue", [(start, end)]).value
    before = counts(project.path)
    with pytest.raises(DuplicateAnnotationError):
        layer.update_annotation(longer.id, fragments=[(start, end)])  # resized onto it
    with pytest.raises(DuplicateAnnotationError):
        layer.update_annotation(cue.id, label="Actor")  # relabelled onto it
    assert counts(project.path) == before
    assert layer.annotation(longer.id).text == "Karamov said"
    layer.update_annotation(actor.id, note="checked")  # a field that is not its shape
    assert layer.annotation(actor.id).note == "checked"
