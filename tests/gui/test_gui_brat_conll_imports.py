"""File → Import… of brat standoff and CoNLL IOB2: the format chosen in the dialog, the report,
and the annotations in the window's layer."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QMessageBox

from annotator import Project
from annotator.gui.import_dialog import ImportDialog

TEXT = "Ana Lima said: “We stay.” 👨🏻‍🚒 The mayor agreed."
ANN = (
    "T1\tActor 0 8\tAna Lima\nT2\tQuote 15 25\t“We stay.”\nT3\tActor 31 40\tThe mayor\n"
    "R1\tspeaker Arg1:T2 Arg2:T1\t\nA1\tform T2 direct\n"
)
CONLL = "-DOCSTART-\tO\n\nAna\tB-Actor\nLima\tI-Actor\nsaid\tO\nno\tB-Quote\n.\tO\n"


def write_input(folder: Path, fmt: str) -> Path:
    if fmt == "conll":
        path = folder / "tags.conll"
        path.write_text(CONLL, encoding="utf-8")
        return path
    path = folder / "corpus.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("news/a.txt", TEXT.encode())
        zf.writestr("news/a.ann", ANN.encode())
    return path


def import_through_the_menu(qtbot, window, path: Path, fmt: str) -> list[str]:
    steps: list[str] = []

    def answer_modal() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, ImportDialog) and "import" not in steps:
            steps.append("import")
            modal.add_paths([path])
            box = modal.findChild(QComboBox, "import-format")
            box.setCurrentIndex(box.findData(fmt))
            ok = modal.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        elif isinstance(modal, QMessageBox) and "report" not in steps:
            steps.append("report")
            steps.append(modal.text())
            modal.accept()

    timer = QTimer()
    timer.timeout.connect(answer_modal)
    timer.start(10)
    try:
        window.actions_by_name["import"].trigger()
    finally:
        timer.stop()
    return steps


@pytest.mark.parametrize(
    ("fmt", "expected", "stored"),
    [
        ("brat", "2 annotation(s)", [("Actor", "Ana Lima"), ("Quote", "“We stay.”")]),
        ("conll", "2 annotation(s)", [("Actor", "Ana Lima"), ("Quote", "no")]),
    ],
)
def test_an_annotation_file_imported_from_the_window(
    qtbot, make_window, tmp_path: Path, fmt: str, expected: str, stored: list
) -> None:
    path = write_input(tmp_path, fmt)
    Project.create(tmp_path / "mine.annotator", annotator="Tester").close()
    window = make_window(tmp_path / "mine.annotator")
    steps = import_through_the_menu(qtbot, window, path, fmt)
    assert steps[:2] == ["import", "report"] and "1 document(s) added" in steps[2], steps
    project = window.session.project
    (doc,) = project.documents.all()
    got = sorted((a.label, a.text) for a in project.layer().annotations(doc.id))
    if fmt == "brat":  # the mayor (offsets past the emoji, in code points) and the relation
        assert "3 annotation(s); 1 relation(s)" in steps[2]
        stored = sorted([*stored, ("Actor", "The mayor")])
        quote = next(a for a in project.layer().annotations(doc.id) if a.label == "Quote")
        assert quote.attributes == {"form": "direct"}
    else:
        assert expected in steps[2]
    assert got == stored
