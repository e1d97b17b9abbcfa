"""doccano JSONL import: our export back (round trips), doccano's own files, bad lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from roundtrip import Contents, build, projects, round_trip
from utf16_data import TEXT
from utf16_data import build as build_golden

from annotator import Project
from annotator.core.errors import InputError
from annotator.io.formats import detect
from annotator.io.importing import import_paths
from tests.conftest import run_cli


def carried_by_doccano(original: dict[str, Contents]) -> dict[str, Contents]:
    """What doccano keeps: no attributes, no actor links; a discontinuous annotation becomes
    one span per fragment, its relations on the first."""
    out: dict[str, Contents] = {}
    for text, held in original.items():
        kept = out.setdefault(text, Contents())
        for who, label, doc, fragments, _attributes, _actor in held.annotations:
            for fragment in fragments:
                kept.annotations.add((who, label, doc, (fragment,), (), None))
        for who, kind, doc, (sl, sf), (tl, tf) in held.relations:
            kept.relations.add((who, kind, doc, (sl, sf[:1]), (tl, tf[:1])))
    return out


def _write(path: Path, *lines: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    return path


def test_our_export_comes_back_as_doccano_can_carry_it(tmp_path: Path) -> None:
    build_golden(tmp_path / "a.annotator")
    with Project.open(tmp_path / "a.annotator") as original:
        before, after, warnings = round_trip(original, "doccano", tmp_path / "out.jsonl")
    assert after == carried_by_doccano(before)
    assert warnings == []
    # the discontinuous quote came back as its two fragments, each a Quote of Ana's
    quotes = {a[3] for a in after[TEXT].annotations if a[1] == "Quote"}
    assert len(quotes) == 2


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_any_project_round_trips_through_doccano(tmp_path_factory, docs) -> None:
    folder = tmp_path_factory.mktemp("rt")
    with build(folder / "a.annotator", docs) as original:
        before, after, _warnings = round_trip(original, "doccano", folder / "out.jsonl")
    assert after == carried_by_doccano(before)


def test_doccano_s_own_export_is_read(project: Project, tmp_path: Path) -> None:
    # a relation project exported by doccano: integer ids, offsets in UTF-16, Comments
    text = "👨🏻‍🚒 firemen drive firetrucks. Ana said no."
    start16 = len(text[: text.index("firetrucks")].encode("utf-16-le")) // 2
    path = _write(
        tmp_path / "admin.jsonl",
        {
            "id": 17,
            "text": text,
            "Comments": [],
            "entities": [
                {"id": 5, "label": "Actor", "start_offset": start16, "end_offset": start16 + 10},
                {
                    "id": 6,
                    "label": "Actor",
                    "start_offset": start16 + 12,
                    "end_offset": start16 + 15,
                },
                {
                    "id": 7,
                    "label": "Quote",
                    "start_offset": start16 + 21,
                    "end_offset": start16 + 24,
                },
            ],
            "relations": [{"id": 3, "from_id": 7, "to_id": 6, "type": "speaker"}],
        },
    )
    assert detect(path) == "doccano"
    report = import_paths(project, [path], "auto")
    assert report.added == 1 and report.annotations == 3 and report.relations == 1
    doc = next(iter(project.documents.all()))
    got = sorted((a.label, a.text) for a in project.layer().annotations(doc.id))
    assert got == [("Actor", "Ana"), ("Actor", "firetrucks"), ("Quote", "no.")]
    assert doc.metadata == {"Comments": []}


def test_sequence_labelling_shape_and_offsets_that_split_a_character(
    project: Project, tmp_path: Path
) -> None:
    text = "𠀋 Ana"
    path = _write(
        tmp_path / "seq.jsonl",
        {"text": text, "label": [[3, 6, "Actor"], [1, 3, "Actor"]]},  # 1 is inside 𠀋
    )
    report = import_paths(project, [path], "doccano")
    doc = next(iter(project.documents.all()))
    assert [a.text for a in project.layer().annotations(doc.id)] == ["Ana"]
    assert report.spans_skipped == 1
    assert any("split a character" in w and "seq.jsonl:1: label[1]" in w for w in report.warnings)


def test_an_article_jsonl_with_a_label_field_is_not_taken_for_doccano(tmp_path: Path) -> None:
    path = _write(tmp_path / "articles.jsonl", {"text": "Ana said no.", "label": "politics"})
    assert detect(path) == "jsonl"


def test_a_document_in_the_project_receives_them_and_a_second_import_adds_nothing(
    project: Project, tmp_path: Path
) -> None:
    project.documents.add("Ana said\nno.", title="Mine")
    path = tmp_path / "d.jsonl"
    path.write_bytes(
        json.dumps(
            {
                "text": "Ana said\r\nno.",
                "entities": [{"id": 1, "label": "PER", "start_offset": 0, "end_offset": 3}],
            }
        ).encode()
        + b"\n"
    )
    first = import_paths(project, [path], "doccano", label_map={"PER": "Actor"})
    second = import_paths(project, [path], "doccano", label_map={"PER": "Actor"})
    assert (first.added, first.annotations) == (0, 1)
    assert (second.added, second.annotations, second.annotations_skipped) == (0, 0, 1)
    assert [d.title for d in project.documents.all()] == ["Mine"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": 3}', "needs a non-empty 'text'"),
        ('{"text": "a b", "entities": {"x": 1}}', "'entities' must be a list"),
        ('{"text": "a b", "entities": [{"start_offset": 0}]}', "needs a 'label'"),
        ('{"text": "a b", "entities": [], "relations": [{"type": "speaker"}]}', "from_id"),
        ('{"text": "a b", "label": [[0, 1]]}', "[start, end, label]"),
        ("[1, 2]", "must be a JSON object"),
        ('{"text": "a", ' + '"m": ' + "[" * 200 + "]" * 200 + "}", "levels deep"),
    ],
)
def test_malformed_lines_are_refused_naming_the_line(
    project: Project, tmp_path: Path, line: str, message: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "fine", "entities": []}\n' + line + "\n")
    with pytest.raises(InputError, match=r"bad\.jsonl:2") as caught:
        import_paths(project, [path], "doccano")
    assert message in str(caught.value)
    assert project.documents.count() == 0  # all or nothing


def test_the_command_line_maps_labels_and_says_what_it_left_out(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "d.jsonl",
        {
            "text": "Ana met Bo.",
            "entities": [
                {"id": 1, "label": "PER", "start_offset": 0, "end_offset": 3},
                {"id": 2, "label": "LOC", "start_offset": 8, "end_offset": 10},
            ],
        },
    )
    project = tmp_path / "p.annotator"
    assert run_cli("new", project).returncode == 0
    done = run_cli("import", project, path, "--format", "doccano", "--map", "PER=Actor")
    assert done.returncode == 0, done.stderr
    assert "1 annotation(s)" in done.stdout
    assert "label 'LOC' is not in the project's schema" in done.stderr
    bad = run_cli("import", project, path, "--format", "doccano", "--map", "PER")
    assert bad.returncode != 0 and "OLD=NEW" in bad.stderr and "Traceback" not in bad.stderr
