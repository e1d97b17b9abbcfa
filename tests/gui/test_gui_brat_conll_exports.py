"""File → Export… in brat standoff and CoNLL IOB2: the files written and the status line."""

from __future__ import annotations

import zipfile
from pathlib import Path

from test_gui_dataset_exports import export_through_the_menu


def test_brat_export_through_the_menu(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    project = window.session.project
    out = tmp_path / "corpus.zip"
    message = export_through_the_menu(qtbot, window, "brat", out)
    documents = project.documents.count()
    assert message.startswith(f"Exported {documents} documents to {out}.")
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        t_lines = sum(
            line.startswith("T")
            for n in names
            if n.endswith(".ann")
            for line in zf.read(n).decode().splitlines()
        )
    assert {"annotation.conf", "visual.conf"} <= set(names)
    assert len([n for n in names if n.endswith(".txt")]) == documents * len(
        project.annotators.all()
    )
    assert t_lines == project.info()["annotations"] > 0


def test_conll_export_through_the_menu(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    out = tmp_path / "corpus.conll"
    message = export_through_the_menu(qtbot, window, "conll", out)
    documents = window.session.project.documents.count()
    assert message.startswith(f"Exported {documents} documents to {out}.")
    lines = out.read_text(encoding="utf-8").split("\n")
    ids = [line.split("\t")[1] for line in lines if line.startswith("-DOCSTART-")]
    assert len(set(ids)) == len(ids) == documents  # each document's id between -DOCSTART- and O
    assert any(line.endswith("\tB-Actor") for line in lines)
