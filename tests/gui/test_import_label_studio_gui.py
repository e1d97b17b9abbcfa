"""File → Import… of Label Studio tasks in the real window: the format offered and detected,
the annotations stored in their annotators' layers, what was not imported shown in the report."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QMessageBox

from annotator import Project
from annotator.gui.import_dialog import ImportDialog

TEXT = "Karamov said: “We will not 👨🏻‍🚒 retreat.” Nobody else spoke."
QUOTE = "We will not 👨🏻‍🚒 retreat."


def _region(rid: str, part: str, label: str) -> dict[str, object]:
    start = TEXT.index(part)
    value = {"start": start, "end": start + len(part), "text": part, "labels": [label]}
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "value": value}


def test_label_studio_tasks_from_the_window_menu(qtbot, make_window, tmp_path: Path) -> None:
    tasks = [
        {
            "id": 12,
            "data": {"text": TEXT, "title": "Retreat"},
            "annotations": [
                {
                    "id": 40,
                    "completed_by": {"id": 2, "email": "ana@example.org"},
                    "result": [
                        _region("k", "Karamov", "Actor"),
                        _region("q", QUOTE, "Quote"),
                        {"from_id": "q", "to_id": "k", "type": "relation", "labels": ["speaker"]},
                    ],
                }
            ],
            "predictions": [{"id": 3, "result": [_region("p", "Nobody", "Actor")]}],
        }
    ]
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    window = make_window()
    steps: list[str] = []

    def answer_modal() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, ImportDialog) and "import" not in steps:
            steps.append("import")
            box = modal.findChild(QComboBox)
            offered = [box.itemData(i) for i in range(box.count())]
            steps.append(str("label-studio" in offered))
            modal.add_paths([path])  # format "auto": the sniffer tells tasks from articles
            ok = modal.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        elif isinstance(modal, QMessageBox) and "report" not in steps:
            steps.extend(["report", modal.text(), modal.informativeText()])
            modal.accept()

    timer = QTimer()
    timer.timeout.connect(answer_modal)
    timer.start(10)
    try:
        window.actions_by_name["import"].trigger()
    finally:
        timer.stop()

    assert steps[:4] == [
        "import",
        "True",
        "report",
        "1 document(s) added; 2 annotation(s); 1 relation(s); 1 span(s) not imported (see the "
        "warnings).",  # the prediction
    ]
    assert "1 not imported, a prediction" in steps[4] and "tasks.json: task 12" in steps[4]
    with Project.open(window.session.project.path, readonly=True) as p:
        doc = next(d for d in p.documents.all() if d.title == "Retreat")
        ana = p.annotators.named("ana@example.org")
        assert ana is not None
        got = sorted((a.label, a.text) for a in p.layer(ana.id).annotations(doc.id))
        assert got == [("Actor", "Karamov"), ("Quote", QUOTE)]
        assert len(p.layer(ana.id).relations(doc.id)) == 1
