"""``annotator suggest``, then the suggestions layer exported and measured like any layer."""

from __future__ import annotations

import json
from pathlib import Path

from annotator import Project

TEXT = (
    "“We will not surrender the port,” said Mara Velt, the harbour director. "
    "The union said that its members would strike on Friday."
)


def project_with(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "port.annotator"
    with Project.create(path, annotator="Ana") as p:
        doc = p.documents.add(TEXT, title="Port").value
        quote = TEXT.index("We will")
        p.layer().add_annotation(
            doc.id, "Quote", [(quote, quote + len("We will not surrender the port,"))]
        )
        p.layer().set_status(doc.id, "done")
    return path, doc.id


def test_suggest_then_export_and_agreement(cli, tmp_path: Path, assert_valid_export) -> None:
    path, _doc_id = project_with(tmp_path)
    result = cli("suggest", path, "--engine", "rules")
    assert result.returncode == 0, result.stderr
    assert "suggestion(s) in 1 document(s)" in result.stdout and "Quote" in result.stdout
    out = tmp_path / "suggestions.json"
    exported = cli("export", path, "-o", out, "--annotator", "suggestions")
    assert exported.returncode == 0, exported.stderr
    _header, documents = assert_valid_export(out)
    annotations = documents[0]["annotations"]
    assert annotations and all(a["suggestion"]["engine"] == "rules" for a in annotations)
    assert all(a["origin"] == "suggestion" for a in annotations)
    # a person's export never carries the suggestion field
    mine = tmp_path / "ana.json"
    assert cli("export", path, "-o", mine, "--annotator", "Ana").returncode == 0
    _h, docs = assert_valid_export(mine)
    assert all("suggestion" not in a for a in docs[0]["annotations"])
    # measured against Ana's work like any layer
    agreement = cli("agreement", path, "--annotators", "Ana,suggestions", "--labels", "Quote")
    assert agreement.returncode == 0, agreement.stderr
    assert "Ana–Suggestions" in agreement.stdout and "1 document(s) used" in agreement.stdout


def test_suggest_labels_documents_and_errors(cli, tmp_path: Path) -> None:
    path, doc_id = project_with(tmp_path)
    result = cli("suggest", path, "--engine", "rules", "--labels", "Cue", "--documents", doc_id)
    assert result.returncode == 0, result.stderr
    with Project.open(path, readonly=True) as p:
        labels = {a.label for a in p.suggestions.layer.annotations(doc_id)}
    assert labels == {"Cue"}
    unknown = cli("suggest", path, "--labels", "Speech")
    assert unknown.returncode != 0 and "no label 'Speech'" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    missing = cli("suggest", path, "--documents", "nope")
    assert (
        missing.returncode != 0 and "nope" in missing.stderr and "Traceback" not in missing.stderr
    )
    listed = cli("suggest", path, "--list-engines")
    assert listed.returncode == 0 and "rules" in listed.stdout and "registry" in listed.stdout


def test_a_rejection_in_the_file_survives_the_next_run(cli, tmp_path: Path) -> None:
    path, doc_id = project_with(tmp_path)
    assert cli("suggest", path, "--engine", "rules").returncode == 0
    with Project.open(path, annotator="Ana") as p:
        cue = next(s for s in p.suggestions.open_in(doc_id) if s.annotation.label == "Cue")
        p.suggestions.reject([cue.id], p.layer())
    again = cli("suggest", path, "--engine", "rules")
    assert "decided before were left out" in again.stdout
    with Project.open(path, readonly=True) as p:
        spans = [(s.annotation.label, s.annotation.start) for s in p.suggestions.open_in(doc_id)]
        assert ("Cue", cue.annotation.start) not in spans
        info = json.loads(json.dumps([c.__dict__ for c in p.suggestions.counts().values()]))
    assert sum(c["rejected"] for c in info) == 1
