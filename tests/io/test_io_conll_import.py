"""CoNLL IOB2 import (annotator/io/conll_read.py): our export read back (exactly the spans it
could tag: overlapping ones dropped, fragments apart, the text made from the tokens), CoNLL
2003 files of other tools checked against seqeval's reading, and malformed files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import regex
from foreign_roundtrip import build_realistic
from golden_interchange import build as build_golden
from hypothesis import HealthCheck, given, settings
from roundtrip import build, projects
from seqeval.metrics.sequence_labeling import get_entities

from annotator import Project
from annotator.core.errors import InputError
from annotator.io import conll_read
from annotator.io.exporting import export_project, layer_named
from annotator.io.importing import import_paths

#: The export's tokens (docs/formats.md): a word, or one other non-space character.
TOKEN = regex.compile(r"\w+|[^\w\s]")


def tokens_of(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in TOKEN.finditer(text)]


def taggable(text: str, annotations: list[Any]) -> set[tuple[str, int, int]]:
    """(label, first token, last token) of what IOB2 can carry of one layer's annotations:
    taken by where they start, the longer first, then by id; one sharing a token with one taken
    before is dropped; each fragment its own span (fragments sharing a token are one)."""
    tokens = tokens_of(text)
    taken: set[int] = set()
    out: set[tuple[str, int, int]] = set()
    order = sorted(
        annotations,
        key=lambda a: (min(f.start for f in a.fragments), -max(f.end for f in a.fragments), a.id),
    )
    for ann in order:
        runs: list[list[int]] = []
        for frag in sorted(ann.fragments, key=lambda f: f.start):
            run = [i for i, (s, e) in enumerate(tokens) if s < frag.end and e > frag.start]
            if not run:
                continue
            if runs and run[0] <= runs[-1][-1]:
                runs[-1] = sorted(set(runs[-1]) | set(run))
            else:
                runs.append(run)
        used = {i for run in runs for i in run}
        if not used or used & taken:
            continue
        taken |= used
        out |= {(ann.label, run[0], run[-1]) for run in runs}
    return out


def read_back(
    project: Project, importer: str = "Zed"
) -> dict[tuple[str, ...], set[tuple[str, int, int]]]:
    """Each document's tokens -> its spans as (label, first token, last token), all in the
    importer's layer, with nothing but labels and offsets."""
    out = {}
    for doc in project.documents.all():
        words = [(m.start(), m.end()) for m in regex.finditer(r"\S+", doc.text)]
        starts = {s: i for i, (s, _e) in enumerate(words)}
        ends = {e: i for i, (_s, e) in enumerate(words)}
        spans = set()
        for layer in project.layers():
            for ann in layer.annotations(doc.id):
                assert layer.name == importer and not ann.attributes and ann.entity is None
                (frag,) = ann.fragments
                spans.add((ann.label, starts[frag.start], ends[frag.end]))
            assert layer.relations(doc.id) == []
        out.setdefault(tuple(doc.text[s:e] for s, e in words), set()).update(spans)
    return out


def expected_of(project: Project, layer: Any) -> dict[tuple[str, ...], set]:
    """Each document's tokens -> what IOB2 can carry of ``layer`` in it. Documents whose
    texts differ only in white space are one after the import (its text is made from the
    tokens), with the spans of both."""
    out: dict[tuple[str, ...], set] = {}
    for d in project.documents.all():
        words = tuple(d.text[s:e] for s, e in tokens_of(d.text))
        out.setdefault(words, set()).update(taggable(d.text, layer.annotations(d.id)))
    return out


def test_the_golden_document_comes_back_as_tokens(tmp_path: Path) -> None:
    build_golden(tmp_path / "a.annotator")
    with Project.open(tmp_path / "a.annotator", readonly=True) as a:
        export_project(a, "conll", tmp_path / "doc.conll", layer=layer_named(a, "Ana"))
        expected = expected_of(a, layer_named(a, "Ana"))
    with Project.create(tmp_path / "b.annotator", annotator="Zed") as b:
        report = import_paths(b, [tmp_path / "doc.conll"])
        assert report.warnings == [] and report.added == 1
        (doc,) = b.documents.all()
        assert doc.title == "doc 1"
        # tokens joined by one space, one sentence a line
        assert doc.text.startswith(
            '" We will not , " said 👨 🏻 \u200d 🚒 Chief Ama Ofori of 𠀋 Town , " leave the '
            'valley . "\nOfori called on the council'
        )
        stored = sorted(
            (a.fragments[0].start, a.label, a.fragments[0].text)
            for a in b.layer().annotations(doc.id)
        )
        assert [(label, text) for _s, label, text in stored] == [
            ("Quote", "We will not ,"),
            ("Cue", "said"),
            ("Actor", "Chief Ama Ofori"),
            ("Quote", "leave the valley ."),  # the quote's second fragment, a span of its own
            ("Actor", "Ofori"),
            ("Actor", "the council"),
            ("Demand", "restore the café fund"),
        ]
        assert read_back(b) == expected


def test_a_realistic_layer_returns_exactly_its_taggable_spans(tmp_path: Path, cli) -> None:
    build_realistic(tmp_path / "a.annotator")
    with Project.open(tmp_path / "a.annotator", readonly=True) as a:
        notes: list[str] = []
        export_project(a, "conll", tmp_path / "ana.conll", layer=layer_named(a, "Ana"), notes=notes)
        assert any("1 overlapping annotation dropped" in n for n in notes)  # 𠀋 Town in a quote
        expected = expected_of(a, layer_named(a, "Ana"))
    assert cli("new", tmp_path / "b.annotator").returncode == 0
    done = cli("import", tmp_path / "b.annotator", tmp_path / "ana.conll")
    assert done.returncode == 0, done.stderr
    assert "2 document(s) added" in done.stdout and "8 annotation(s)" in done.stdout
    with Project.open(tmp_path / "b.annotator", readonly=True) as b:
        assert read_back(b, "Tester") == expected  # the CLI's user (tests/conftest.py)
    again = cli("import", tmp_path / "b.annotator", tmp_path / "ana.conll", "--format", "conll")
    assert again.returncode == 0 and "0 document(s) added" in again.stdout
    assert "0 annotation(s)" in again.stdout


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_any_project_comes_back_as_far_as_iob2_goes(tmp_path_factory, docs) -> None:
    folder = tmp_path_factory.mktemp("conll")
    with build(folder / "a.annotator", docs) as a:
        export_project(a, "conll", folder / "out.conll", layer=a.layer())  # Ana's
        expected = expected_of(a, a.layer())
    with Project.create(folder / "b.annotator", annotator="Zed") as b:
        report = import_paths(b, [folder / "out.conll"])
        assert report.warnings == []
        assert read_back(b) == expected


# -- other tools' files ----------------------------------------------------------------------

CONLL_2003 = """\
-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O
. . O O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- -X- O

BRUSSELS NNP B-NP I-LOC
1996-08-22 CD I-NP O
said VBD B-VP O
Ana NNP B-NP B-PER
Lima NNP I-NP I-ORG
"""


def test_a_conll_2003_file_agrees_with_seqeval(write_file, project: Project) -> None:
    path = write_file("eng.train", CONLL_2003)
    report = import_paths(
        project, [path], fmt="conll", label_map={"PER": "Actor", "ORG": "Actor", "LOC": "Actor"}
    )
    assert report.added == 2 and report.annotations == 5
    joined = "\n".join(report.warnings)
    assert "1 not imported, label 'MISC' is not in the project's schema" in joined
    # seqeval's lenient reading: an I- that does not continue its label starts an entity
    assert f"2 I- tags without a B- before them, read as the start of a span: {path}:14" in joined
    documents = [d for d in project.documents.all()]
    assert [d.title for d in documents] == ["eng 1", "eng 2"]
    assert documents[0].text == "EU rejects German call .\nPeter Blackburn"
    for doc, sentences in zip(documents, CONLL_2003.split("-DOCSTART- -X- -X- O")[1:], strict=True):
        tags = [line.split()[-1] for line in sentences.splitlines() if line.strip()]
        tags = ["O" if t.endswith("-MISC") else t for t in tags]  # MISC is not imported
        words = [(m.start(), m.end()) for m in regex.finditer(r"\S+", doc.text)]
        got = sorted(
            (
                a.label,
                next(i for i, w in enumerate(words) if w[0] == a.fragments[0].start),
                next(i for i, w in enumerate(words) if w[1] == a.fragments[0].end),
            )
            for a in project.layer().annotations(doc.id)
        )
        names = {"PER": "Actor", "ORG": "Actor", "LOC": "Actor"}
        assert got == sorted((names[kind], s, e) for kind, s, e in get_entities(tags))


def test_a_document_already_there_with_the_same_text_receives_them(
    write_file, project: Project
) -> None:
    project.documents.add("Ana said no .", title="Mine")
    path = write_file("a.conll", "Ana\tB-Actor\nsaid\tO\nno\tB-Quote\n.\tI-Quote\n")
    report = import_paths(project, [path])
    assert report.added == 0 and report.annotations == 2
    (doc,) = project.documents.all()
    assert doc.title == "Mine"
    assert sorted(a.text for a in project.layer().annotations(doc.id)) == ["Ana", "no ."]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Ana\tB-Actor\nsaid\n", r"x.conll:2: a token without a tag"),
        ("Ana\tB-Actor\nsaid\tS-Actor\n", r"x.conll:2: the tag 'S-Actor' is not IOB2"),
        ("Ana\tB-\n", r"x.conll:1: the tag 'B-' is not IOB2"),
        ("Ana\tB-Actor\n\x00\x01\x02\x03", r"x.conll"),
        ("", r"x.conll"),
    ],
)
def test_malformed_files_are_refused_and_nothing_stored(
    write_file, project: Project, content: str, message: str
) -> None:
    path = write_file("x.conll", content)
    with pytest.raises(InputError, match=message):
        import_paths(project, [path])
    assert list(project.documents.all()) == []


def test_a_document_too_long_is_refused(write_file, project: Project, monkeypatch) -> None:
    monkeypatch.setattr(conll_read, "MAX_RAW_DOCUMENT_CHARS", 10)
    path = write_file("x.conll", "Ana\tO\nsaid\tO\nnothing\tO\n")
    with pytest.raises(InputError, match=r"x.conll:3: the document is longer than 10 char"):
        import_paths(project, [path])


# -- the document id on the -DOCSTART- line ---------------------------------------------------


def test_an_export_imported_into_its_own_project_lands_on_its_documents(tmp_path: Path) -> None:
    build_realistic(tmp_path / "a.annotator")
    with Project.open(tmp_path / "a.annotator", readonly=True) as a:
        export_project(a, "conll", tmp_path / "ana.conll", layer=layer_named(a, "Ana"))
        documents = a.documents.count()
    with Project.open(tmp_path / "a.annotator") as a:
        before = {d.id: d.text for d in a.documents.all()}
        report = import_paths(a, [tmp_path / "ana.conll"])
        assert report.added == 0 and report.matched == documents
        assert {d.id: d.text for d in a.documents.all()} == before
        # the spans are on the original text, token boundaries to token boundaries
        for doc in a.documents.all():
            for ann in a.layer().annotations(doc.id):
                (frag,) = ann.fragments
                assert frag.text == doc.text[frag.start : frag.end]
    with Project.create(tmp_path / "b.annotator", annotator="Zed") as b:
        report = import_paths(b, [tmp_path / "ana.conll"])
        assert report.added == documents == b.documents.count()


def test_an_id_whose_tokens_differ_makes_a_new_document(tmp_path: Path) -> None:
    build_golden(tmp_path / "a.annotator")
    conll = tmp_path / "doc.conll"
    with Project.open(tmp_path / "a.annotator") as a:
        (doc,) = a.documents.all()
        conll.write_text(f"-DOCSTART-\t{doc.id}\tO\n\nsomething\tB-Actor\nelse\tO\n", "utf-8")
        report = import_paths(a, [conll])
        assert report.added == 1 and a.documents.count() == 2
        assert {d.text for d in a.documents.all()} == {doc.text, "something else"}
