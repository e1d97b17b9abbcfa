"""Label Studio JSON import of files written by Label Studio itself: its own export shape
(integer ids, ``completed_by``, result ids, ``origin``, ``lead_time``, predictions, cancelled
annotations), its quirks (per-region choices and textareas, relation directions, regions with
several labels, UTF-16 offsets of old versions), an existing document receiving annotations,
``--map``, a re-import, and malformed files refused with a message naming the file and task."""

from __future__ import annotations

import contextlib
import copy
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from label_studio_sdk.label_interface import LabelInterface

from annotator import Project
from annotator.core.errors import InputError
from annotator.io.formats import detect
from annotator.io.importing import import_paths
from annotator.io.label_studio_import import is_label_studio

TEXT = "Karamov said: “We will not 👨🏻‍🚒 retreat.” Velmar called on Ofori to withdraw."
QUOTE = "We will not 👨🏻‍🚒 retreat."


def at(part: str, text: str = TEXT) -> dict[str, Any]:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "text": part}


def region(rid: str, part: str, *labels: str, text: str = TEXT) -> dict[str, Any]:
    return {
        "value": {**at(part, text), "labels": list(labels)},
        "id": rid,
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "origin": "manual",
    }


def relation(source: str, target: str, *labels: str, direction: str = "right") -> dict[str, Any]:
    return {
        "from_id": source,
        "to_id": target,
        "type": "relation",
        "direction": direction,
        "labels": list(labels),
    }


def annotation(aid: int, result: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    """An annotation as Label Studio 1.x exports it."""
    return {
        "id": aid,
        "completed_by": 3,
        "result": result,
        "was_cancelled": False,
        "ground_truth": False,
        "created_at": "2026-03-09T21:52:49.513742Z",
        "updated_at": "2026-03-09T22:16:08.746926Z",
        "draft_created_at": None,
        "lead_time": 42.517,
        "prediction": {},
        "result_count": 0,
        "unique_id": "0f5f3f0e-3b3a-4b59-9c4f-8a3c1f4b8f21",
        "import_id": None,
        "last_action": None,
        "task": 7,
        "project": 2,
        "updated_by": 3,
        "parent_prediction": None,
        "parent_annotation": None,
        "last_created_by": None,
        **fields,
    }


def label_studio_export() -> list[dict[str, Any]]:
    """Two tasks in Label Studio's own JSON export shape."""
    ana = [
        region("kR4mQ9xTzA", "Karamov", "Actor"),
        region("q1W2e3R4t5", QUOTE, "Quote"),
        {
            "value": {**at(QUOTE), "choices": ["direct"]},
            "id": "q1W2e3R4t5",
            "from_name": "form",  # the Choices tag's name is the attribute's
            "to_name": "text",
            "type": "choices",
            "origin": "manual",
        },
        {
            "value": {**at(QUOTE), "text": ["said with a pause"]},  # a textarea's text: a list
            "id": "q1W2e3R4t5",
            "from_name": "note",
            "to_name": "text",
            "type": "textarea",
            "origin": "manual",
        },
        relation("q1W2e3R4t5", "kR4mQ9xTzA", "speaker"),
        region("vLm3rX0a9b", "Velmar", "Actor"),
        region("dMnd5w1thd", "withdraw", "Demand"),
        relation("vLm3rX0a9b", "dMnd5w1thd", "claimant", direction="left"),  # demand -> Velmar
        relation("dMnd5w1thd", "vLm3rX0a9b"),  # no label: reported
        {
            "value": {"choices": ["news"]},
            "id": "g3nR3aaaaa",
            "from_name": "genre",
            "to_name": "text",
            "type": "choices",
            "origin": "manual",
        },
        {
            "value": {
                "start": "/p[1]/text()[1]",
                "end": "/p[1]/text()[1]",
                "startOffset": 0,
                "endOffset": 7,
                "hypertextlabels": ["Actor"],
            },
            "id": "hTmL000001",
            "from_name": "html_labels",
            "to_name": "html",
            "type": "hypertextlabels",
            "origin": "manual",
        },
    ]
    boris = [
        region("b0r1s00001", "Karamov", "Actor", "Cue"),  # two labels: one span each
        {
            "value": {**at("Karamov"), "choices": ["person"]},
            "id": "b0r1s00001",
            "from_name": "Actor.type",
            "to_name": "text",
            "type": "choices",
            "origin": "manual",
        },
    ]
    prediction = {
        "id": 5,
        "model_version": "ner-v1",
        "created_ago": "3 hours",
        "score": 0.8,
        "result": [region("pR3d000001", "Ofori", "Actor")],
        "cluster": None,
        "neighbors": None,
        "mislabeling": 0,
        "created_at": "2026-03-09T18:00:00Z",
        "updated_at": "2026-03-09T18:00:00Z",
        "task": 7,
    }
    return [
        {
            "id": 7,
            "annotations": [
                annotation(21, ana, created_username=" ana@example.org, 3", created_ago="2 hours"),
                annotation(
                    22,
                    boris,
                    completed_by={
                        "id": 4,
                        "first_name": "Boris",
                        "last_name": "K",
                        "email": "boris@example.org",
                    },
                ),
                annotation(23, [region("g0ld000001", "Ofori", "Actor")], ground_truth=True),
                annotation(24, [], was_cancelled=True, completed_by=9),
            ],
            "file_upload": "f3c2a1b0-tasks.json",
            "drafts": [],
            "predictions": [prediction],
            "data": {"text": TEXT, "lang": "en"},
            "meta": {},
            "created_at": "2026-03-09T17:00:00.000000Z",
            "updated_at": "2026-03-09T22:16:08.746926Z",
            "inner_id": 1,
            "total_annotations": 3,
            "cancelled_annotations": 1,
            "total_predictions": 1,
            "comment_count": 0,
            "unresolved_comment_count": 0,
            "last_comment_updated_at": None,
            "project": 2,
            "updated_by": 3,
            "comment_authors": [],
        },
        {"id": 8, "annotations": [], "predictions": [], "data": {"text": "Nobody spoke."}},
    ]


#: The labelling config of the Label Studio project the sample above would come from.
CONFIG = """<View>
  <Labels name="label" toName="text">
    <Label value="Actor"/><Label value="Quote"/><Label value="Demand"/><Label value="Cue"/>
  </Labels>
  <Text name="text" value="$text"/>
  <Relations><Relation value="speaker"/><Relation value="claimant"/></Relations>
  <Choices name="form" toName="text" perRegion="true">
    <Choice value="direct"/><Choice value="indirect"/>
  </Choices>
  <Choices name="Actor.type" toName="text" perRegion="true"><Choice value="person"/></Choices>
  <Choices name="genre" toName="text"><Choice value="news"/></Choices>
  <TextArea name="note" toName="text" perRegion="true"/>
  <HyperTextLabels name="html_labels" toName="html"><Label value="Actor"/></HyperTextLabels>
  <HyperText name="html" value="$html"/>
</View>"""


def test_the_sample_is_in_label_studios_own_shape() -> None:
    """label-studio-sdk's LabelInterface accepts every annotation of the sample under the
    config above, and refuses one with a label or a choice the config lacks."""
    interface = LabelInterface(CONFIG)
    annotations = label_studio_export()[0]["annotations"]
    assert all(interface.validate_annotation(a) for a in annotations)
    wrong = copy.deepcopy(annotations[0])
    wrong["result"][2]["value"]["choices"] = ["shouted"]
    assert not interface.validate_annotation(wrong)


def write(folder: Path, content: Any, name: str = "tasks.json") -> Path:
    path = folder / name
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def layer_of(project: Project, name: str, doc_id: str) -> list[tuple[Any, ...]]:
    person = project.annotators.named(name)
    assert person is not None, name
    layer = project.layer(person.id)
    anns = layer.annotations(doc_id)
    by_id = {a.id: a.text for a in anns}
    spans = sorted((a.label, a.text, a.attributes, a.note) for a in anns)
    rels = sorted((r.type, by_id[r.source], by_id[r.target]) for r in layer.relations(doc_id))
    return [*spans, *rels]


def test_a_label_studio_export_with_its_own_ids_and_quirks(project: Project, tmp_path) -> None:
    path = write(tmp_path, label_studio_export())
    assert detect(path) == "label-studio"
    report = import_paths(project, [path])
    assert report.added == 2
    doc = next(d for d in project.documents.all() if d.text == TEXT)
    assert doc.metadata == {"lang": "en"}
    assert layer_of(project, "ana@example.org", doc.id) == [  # created_username's email
        ("Actor", "Karamov", {}, None),
        ("Actor", "Velmar", {}, None),
        ("Demand", "withdraw", {}, None),
        ("Quote", QUOTE, {"form": "direct"}, "said with a pause"),
        ("claimant", "withdraw", "Velmar"),  # direction "left": from to_id to from_id
        ("speaker", QUOTE, "Karamov"),
    ]
    assert layer_of(project, "boris@example.org", doc.id) == [
        ("Actor", "Karamov", {"type": "person"}, None),  # Actor.type: on the Actor span only
        ("Cue", "Karamov", {}, None),
    ]
    assert layer_of(project, "Gold", doc.id) == [("Actor", "Ofori", {}, None)]
    assert project.annotators.named("Label Studio user 9") is None  # cancelled: not read
    warnings = "\n".join(report.warnings)
    place = "tasks.json: task 7, annotation 21"
    assert f"1 not imported, a relation without a label: {place}, result [8]" in warnings
    assert f"a choices result on the whole task, not on a labelled region: {place}" in warnings
    assert "a 'hypertextlabels' result (read: labels" in warnings
    assert "1 not imported, a prediction (only submitted annotations are imported): " in warnings
    assert "tasks.json: task 7, prediction 5" in warnings
    assert (
        "1 not imported, a cancelled (skipped) annotation: tasks.json: task 7, annotation 24"
        in (warnings)
    )
    # the hypertext region, the document-level choice, the prediction, the cancelled annotation
    assert (report.spans_skipped, report.relations_skipped) == (4, 1)


def test_completed_by_as_an_id_alone_names_a_label_studio_user(project, tmp_path) -> None:
    task = {
        "id": 1,
        "data": {"text": TEXT},
        "annotations": [annotation(1, [region("a", "Velmar", "Actor")])],
    }
    import_paths(project, [write(tmp_path, task)])  # a single task object, not in an array
    doc = next(iter(project.documents.all()))
    assert layer_of(project, "Label Studio user 3", doc.id) == [("Actor", "Velmar", {}, None)]


def test_an_annotation_without_an_annotator_goes_to_the_importers_layer(project, tmp_path):
    task = {"data": {"text": TEXT}, "annotations": [{"result": [region("a", "Ofori", "Actor")]}]}
    import_paths(project, [write(tmp_path, [task])])
    doc = next(iter(project.documents.all()))
    assert layer_of(project, "Tester", doc.id) == [("Actor", "Ofori", {}, None)]


OLD = "💩This is an annotation."  # label-studio#1347: "annotation" at 13 in UTF-16, 12 here


def test_utf16_offsets_of_an_old_label_studio_are_read_where_their_text_is(project, tmp_path):
    old = {"start": 13, "end": 23, "text": "annotation", "labels": ["Actor"]}
    wrong = {"start": 1, "end": 5, "text": "Thus", "labels": ["Actor"]}  # matches nowhere
    plain = {"start": 1, "end": 5, "text": "This", "labels": ["Actor"]}  # code points already
    results = [
        {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "value": v}
        for rid, v in (("old", old), ("wrong", wrong), ("plain", plain))
    ]
    tasks = [{"id": 1, "data": {"text": OLD}, "annotations": [{"result": results}]}]
    report = import_paths(project, [write(tmp_path, tasks, "old.json")])
    doc = next(iter(project.documents.all()))
    got = sorted((a.text, a.start, a.end) for a in project.layer().annotations(doc.id))
    assert got == [("This", 1, 5), ("annotation", 12, 22)]  # never stored shifted
    warnings = "\n".join(report.warnings)
    assert (
        "1 span(s) with offsets in UTF-16 code units, as an older Label Studio counted them "
        "(label-studio#1347): read in those units, where their text is: old.json: task 1, "
        "annotation [0], region old"
    ) in warnings
    assert "1 not imported, a span whose text does not match the document: " in warnings
    assert "region wrong" in warnings and report.spans_skipped == 1


def test_an_existing_document_receives_the_annotations_and_a_reimport_changes_nothing(
    project: Project, tmp_path
) -> None:
    kept = project.documents.add(TEXT, title="Kept")
    path = write(tmp_path, label_studio_export()[:1])
    first = import_paths(project, [path])
    assert first.added == 0 and len(list(project.documents.all())) == 1
    assert project.documents.get(kept.value.id).title == "Kept"
    assert first.annotations == 7 and first.relations == 2
    again = import_paths(project, [path])
    assert (again.added, again.annotations, again.relations) == (0, 0, 0)
    assert again.annotations_skipped == 7


def test_a_crlf_text_keeps_its_spans_on_the_same_characters(project, tmp_path) -> None:
    text = "Ana said:\r\n“We 𠀋 stay.”\r\nBo nodded."
    tasks = [
        {
            "data": {"text": text},
            "annotations": [
                {
                    "result": [
                        region("q", "We 𠀋 stay.", "Quote", text=text),
                        region("b", "Bo", "Actor", text=text),
                    ]
                }
            ],
        }
    ]
    import_paths(project, [write(tmp_path, tasks)])
    doc = next(iter(project.documents.all()))
    got = sorted((a.label, a.text) for a in project.layer().annotations(doc.id))
    assert got == [("Actor", "Bo"), ("Quote", "We 𠀋 stay.")] and "\r" not in doc.text


def test_map_renames_labels_from_the_command_line(cli, tmp_path) -> None:
    tasks = [
        {
            "id": 3,
            "data": {"text": "Ana said no."},
            "annotations": [
                {
                    "completed_by": {"id": 1, "email": "ana@example.org"},
                    "result": [
                        {**region("p", "Ana", "PER", text="Ana said no.")},
                        {**region("s", "said no", "SPEECH", text="Ana said no.")},
                        relation("s", "p", "said-by"),
                    ],
                }
            ],
        }
    ]
    path = write(tmp_path, tasks, "ls.json")
    target = tmp_path / "p.annotator"
    assert cli("new", target).returncode == 0
    unmapped = cli("import", target, path, "--format", "label-studio")
    assert unmapped.returncode == 0, unmapped.stderr
    assert "label 'PER' is not in the project's schema (--map PER=LABEL)" in unmapped.stderr
    assert "ls.json: task 3, annotation [0], region p" in unmapped.stderr
    maps = ("--map", "PER=Actor", "--map", "SPEECH=Quote", "--map", "said-by=speaker")
    mapped = cli("import", target, path, *maps)
    assert mapped.returncode == 0, mapped.stderr
    assert "2 annotation(s); 1 relation(s)" in mapped.stdout
    with Project.open(target, readonly=True) as p:
        doc = next(iter(p.documents.all()))
        assert layer_of(p, "ana@example.org", doc.id) == [
            ("Actor", "Ana", {}, None),
            ("Quote", "said no", {}, None),
            ("speaker", "said no", "Ana"),
        ]


# -- what is recognised as Label Studio ---------------------------------------------------


def test_the_sniffer_tells_label_studio_tasks_from_articles_and_exports(tmp_path) -> None:
    ours = [{"id": 1, "data": {"text": "x" * 100_000, "title": "Long"}, "annotations": []}]
    assert is_label_studio(write(tmp_path, ours, "ours.json"))  # annotations beyond the start
    assert is_label_studio(write(tmp_path, label_studio_export(), "theirs.json"))
    predictions = {"data": {"text": "A."}, "predictions": [{"result": []}]}
    assert is_label_studio(write(tmp_path, predictions, "pre.json"))
    articles = write(tmp_path, [{"text": "A.", "title": "B", "data": {"x": 1}}], "a.json")
    assert not is_label_studio(articles) and detect(articles) == "json"
    assert not is_label_studio(write(tmp_path, b"\xff\xfe\x00junk".decode("latin-1"), "j.json"))
    assert not is_label_studio(tmp_path / "missing.json")


# -- malformed files ------------------------------------------------------------------------

TABLES = ("documents", "annotations", "relations", "annotators")


def _counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(str(path))) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def _task(**changes: Any) -> dict[str, Any]:
    task: dict[str, Any] = {
        "id": 5,
        "data": {"text": TEXT},
        "annotations": [{"result": [region("r1", "Velmar", "Actor")]}],
    }
    task.update(changes)
    return task


def _result(**value: Any) -> dict[str, Any]:
    base = region("r1", "Velmar", "Actor")
    base["value"] = {**base["value"], **value}
    return _task(annotations=[{"result": [base]}])


BAD: list[tuple[str, Callable[[], Any], str]] = [
    ("not json", lambda: "[{'data': 1}]", "not valid JSON (Expecting property name"),
    ("truncated", lambda: json.dumps([_task()])[:-30], "not valid JSON"),
    ("a number", lambda: "42", "expected Label Studio tasks"),
    ("an item", lambda: [_task(), "task"], "item [1] is not a Label Studio task"),
    ("no data", lambda: [_task(data=None)], "task 5: no 'data' object"),
    ("text a number", lambda: [_task(data={"text": 12})], "task 5: data.text is not text"),
    (
        "no text field",
        lambda: [{"data": {"a": "x", "b": "y"}, "annotations": []}],
        "task [0]: no text to annotate: no data.text, and not one text field in data "
        "(found: 'a', 'b')",
    ),
    ("annotations", lambda: [_task(annotations={"a": 1})], "task 5: 'annotations' is not a list"),
    ("annotation", lambda: [_task(annotations=[3])], "task 5: annotation [0] is not an object"),
    (
        "result",
        lambda: [_task(annotations=[{"result": [None]}])],
        "task 5: annotation [0]: result [0] is not an object",
    ),
    (
        "start text",
        lambda: [_result(start="3")],
        "task 5: annotation [0], region r1: value.start and value.end must be whole numbers, "
        "not '3' and",
    ),
    ("start bool", lambda: [_result(start=True)], "must be whole numbers, not True and"),
    ("labels", lambda: [_result(labels="Actor")], "region r1: value.labels is not a list of text"),
    ("span text", lambda: [_result(text=["x"])], "region r1: value.text is not text"),
    (
        "deep",
        lambda: '[{"data": {"text": "A.", "x": ' + "[" * 5000 + "]" * 5000 + "}}]",
        "nest more than 100 levels deep",
    ),
    (
        "deep field",
        lambda: [_task(data={"text": "A.", "x": json.loads("[" * 150 + "]" * 150)})],
        "task 5: the field 'data.x' nests lists or objects more than 100 levels deep",
    ),
    (
        "surrogate",
        lambda: (
            '[{"id": 5, "data": {"text": "A."}, "annotations": [{"completed_by": '
            '{"email": "a\\ud800"}, "result": []}]}]'
        ),
        "task 5: 'annotations/0/completed_by/email' holds a lone UTF-16 surrogate",
    ),
    (
        "relation",
        lambda: [_task(annotations=[{"result": [{"type": "relation", "labels": ["speaker"]}]}])],
        "task 5: annotation [0], result [0]: a relation needs from_id and to_id",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD, ids=[b[0] for b in BAD])
def test_malformed_files_are_refused_naming_the_file_and_task(
    project: Project, tmp_path, name: str, content: Callable[[], Any], message: str
) -> None:
    import_paths(project, [write(tmp_path, [{"data": {"text": "Kept."}}], "first.json")])
    before = _counts(project.path)
    path = write(tmp_path, content())
    with pytest.raises(InputError) as caught:
        import_paths(project, [path], fmt="label-studio")
    assert str(caught.value).startswith(str(path)), caught.value
    assert message in str(caught.value)
    assert _counts(project.path) == before


def test_binary_junk_is_refused(project: Project, tmp_path) -> None:
    path = tmp_path / "junk.json"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(InputError, match=r"junk\.json"):
        import_paths(project, [path], fmt="label-studio")


def test_offsets_out_of_range_and_huge_are_reported_not_stored(project, tmp_path) -> None:
    tasks = [
        _result(start=10**30, end=10**30 + 4),
        _result(start=-9, end=-1, text=TEXT[-9:-1]),  # Python would slice from the end
        _result(start=5, end=1_000, text=None),
    ]
    report = import_paths(project, [write(tmp_path, tasks)])
    assert report.annotations == 0 and report.spans_skipped == 3
    assert "3 not imported, a span whose offsets fall outside its text" in "\n".join(
        report.warnings
    )


def test_tasks_are_read_one_at_a_time(project: Project, tmp_path) -> None:
    """The reader hands out each task as it reads it, with the bytes read so far: the first
    tasks come before the bad last one is reached."""
    from annotator.io.annotation_import import context_for
    from annotator.io.label_studio_import import read_label_studio

    tasks = [_task(id=n, data={"text": f"Velmar {n} " + "x" * 50_000}) for n in range(40)]
    path = write(tmp_path, [*tasks, "not a task"])
    read = read_label_studio(path, context_for(project))
    first, position = next(read)
    assert first.where == "tasks.json: task 0" and 0 < position < path.stat().st_size / 4
    positions = [position] + [next(read)[1] for _ in range(39)]
    assert positions == sorted(positions)
    with pytest.raises(InputError, match=r"item \[40\] is not a Label Studio task"):
        next(read)


def test_the_text_is_found_without_data_text(project: Project, tmp_path) -> None:
    def task(data: dict[str, Any], to_name: str) -> dict[str, Any]:
        result = {**region("a", "Velmar", "Actor"), "to_name": to_name}
        # "completions": what Label Studio before 1.0 called annotations
        return {"data": data, "completions": [{"result": [result]}]}

    named = task({"dialogue": TEXT, "speaker": "Ana"}, "dialogue")  # the Text tag's field
    only = task({"article": TEXT.replace("Ofori", "Obi"), "views": 3}, "text")  # the one text
    report = import_paths(project, [write(tmp_path, [named, only])])
    assert report.added == 2 and report.annotations == 2
    docs = sorted(project.documents.all(), key=lambda d: d.text)
    assert [d.metadata for d in docs] == [{"views": 3}, {"speaker": "Ana"}]


def test_our_export_annotated_further_in_label_studio(project: Project, tmp_path) -> None:
    """Our task file, taken to Label Studio, gets a third annotation there: ours keep their
    annotators (data.annotators), Label Studio's has its completed_by."""
    golden = Path(__file__).parent / "golden" / "label-studio" / "claims.json"
    (task,) = json.loads(golden.read_text(encoding="utf-8"))
    text = task["data"]["text"]
    more = annotation(99, [region("c1", "Velmar", "Actor", text=text)])
    more["completed_by"] = {"id": 5, "email": "cem@example.org"}
    task["annotations"].append(more)
    report = import_paths(project, [write(tmp_path, [task])])
    assert report.added == 1 and report.annotations == 8
    doc = project.documents.get("doc-1")
    assert layer_of(project, "cem@example.org", doc.id) == [("Actor", "Velmar", {}, None)]
    assert [a.text for a in project.gold.annotations(doc.id)] == ["firemen"]
    assert len(layer_of(project, "Ana", doc.id)) == 6 + 3  # six spans, three relations


def test_a_task_whose_annotations_fill_the_start_of_the_file_is_recognised(tmp_path) -> None:
    results = [region(f"r{n}", "Velmar", "Actor") for n in range(1_000)]  # about 150 KB
    task = {"id": 1, "annotations": [{"id": 1, "result": results}], "data": {"text": TEXT}}
    path = write(tmp_path, [task])
    assert path.read_bytes().index(b'"data"') > 64 * 1024
    assert detect(path) == "label-studio"


def test_an_attribute_the_schema_does_not_allow_is_left_off_the_span(project, tmp_path) -> None:
    """A choice outside the attribute's values, and a Choices tag the schema has no attribute
    for: the Quote is imported without them, and each is counted."""

    def choice(name: str, value: str) -> dict[str, Any]:
        return {
            "value": {**at(QUOTE), "choices": [value]},
            "id": "q1",
            "from_name": name,
            "to_name": "text",
            "type": "choices",
        }

    result = [region("q1", QUOTE, "Quote"), choice("form", "shouted"), choice("tone", "angry")]
    task = {"id": 3, "data": {"text": TEXT}, "annotations": [annotation(1, result)]}
    report = import_paths(project, [write(tmp_path, [task])])
    (doc,) = [d for d in project.documents.all() if d.text == TEXT]
    assert layer_of(project, "Label Studio user 3", doc.id) == [("Quote", QUOTE, {}, None)]
    assert report.spans_skipped == 0
    warnings = "\n".join(report.warnings)
    assert (
        "1 span(s) imported without attribute 'form' of Quote: 'shouted' is not one of its "
        "values (direct, indirect, mixed): tasks.json: task 3" in warnings
    ), warnings
    assert "1 span(s) imported without attribute 'tone' of Quote, which the schema lacks" in (
        warnings
    )
