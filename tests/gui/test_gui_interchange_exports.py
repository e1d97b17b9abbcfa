"""File → Export… as W3C Web Annotation and as CAS JSON: the files load in their readers."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from cassis import load_cas_from_json
from test_gui_dataset_exports import export_through_the_menu


def test_cas_json_through_the_menu(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    out = tmp_path / "inception.zip"
    message = export_through_the_menu(qtbot, window, "cas-json", out)
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        cases = [load_cas_from_json(io.BytesIO(zf.read(n))) for n in names]
    assert message.startswith(f"Exported {len(names)} CAS")
    assert f" to {out}." in message
    project = window.session.project
    texts = {d.text for d in project.documents.all()}
    assert {c.sofa_string for c in cases} == texts  # every document, each with its text
    spans = sum(len(c.select("uima.tcas.Annotation")) for c in cases)
    fragments = sum(
        len(a.fragments)
        for layer in project.layers()
        for doc in project.documents.all()
        for a in layer.annotations(doc.id)
    )
    relations = project.info()["relations"]
    metadata = 2 * len(cases)  # one DocumentMetaData and one CASMetadata each
    assert spans == fragments + relations + metadata


def test_web_annotation_through_the_menu(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    out = tmp_path / "anno.jsonld"
    message = export_through_the_menu(qtbot, window, "web-annotation", out)
    collections = json.loads(out.read_text(encoding="utf-8"))
    info = window.session.project.info()
    assert message.startswith(f"Exported {info['documents']} documents to {out}.")
    items = [a for c in collections for a in c.get("first", {}).get("items", [])]
    assert len(items) == info["annotations"] + info["relations"]
