"""File → Import… of annotation files in the real window: choose the file and its format, map
the labels the schema lacks in the mapping dialog, import, read the summary, see the result.

Each test drives the dialogs as a person does (keys in the combo boxes, Enter, the buttons) and
checks what was stored by opening the project file again, and what the window shows.
"""

from __future__ import annotations

import json
import os
from itertools import pairwise
from pathlib import Path

import pytest
from gui_wait import WhenUp, when_modal
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
)

from annotator import Project
from annotator.gui import workers
from annotator.gui.import_dialog import ImportDialog
from annotator.gui.label_map_dialog import LEAVE_OUT, LabelMapDialog
from annotator.io import importing

# An emoji before the spans: doccano counts it as two UTF-16 units, we as one code point.
TEXT = "🚒 Minister Karamov said the talks would resume on Monday. The union demanded a pay rise."
NEW_TEXT = "A second article, not in the project yet: Olsen said nothing."


def utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def entity(key: int, label: str, text: str, needle: str) -> dict[str, object]:
    start = text.index(needle)
    return {
        "id": key,
        "label": label,
        "start_offset": utf16(text, start),
        "end_offset": utf16(text, start + len(needle)),
    }


def doccano_file(path: Path, quotes: int = 1) -> Path:
    """The open article with an unknown label (PER), a known one (Quote) and an unknown
    relation type (said_by); then a second article with one more PER."""
    lines = [
        {
            "id": 1,
            "text": TEXT,
            "entities": [
                entity(1, "PER", TEXT, "Karamov"),
                entity(2, "Quote", TEXT, "the talks would resume on Monday"),
            ],
            "relations": [{"id": 1, "from_id": 2, "to_id": 1, "type": "said_by"}],
        },
        {"id": 2, "text": NEW_TEXT, "entities": [entity(3, "PER", NEW_TEXT, "Olsen")]},
    ]
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    return path


@pytest.fixture
def window(make_window, article_project):
    path, _ = article_project(TEXT, title="Karamov on the talks")
    return make_window(path)


def stored(path: Path) -> list[tuple[str, str, str]]:
    """(document text's start, label, covered text) of every annotation in the file."""
    with Project.open(path, readonly=True) as p:
        return sorted(
            (doc.text[:10], a.label, " ".join(f.text for f in a.fragments))
            for layer in p.layers()
            for doc in p.documents.all()
            for a in layer.annotations(doc.id)
        )


def stored_relations(path: Path) -> list[str]:
    with Project.open(path, readonly=True) as p:
        return sorted(
            r.type
            for layer in p.layers()
            for doc in p.documents.all()
            for r in layer.relations(doc.id)
        )


def document_count(path: Path) -> int:
    with Project.open(path, readonly=True) as p:
        return p.documents.count()


def choose_file(qtbot, path: Path, fmt: str = "doccano"):
    """Answer the import dialog: the file, the format chosen with the arrow keys, Import."""

    def act(dialog: ImportDialog) -> None:
        dialog.add_paths([path])
        formats = dialog.findChild(QComboBox, "import-format")
        formats.setFocus()
        while dialog.format() != fmt:
            qtbot.keyClick(formats, Qt.Key.Key_Down)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    return when_modal(act, ImportDialog)


def read_report(seen: dict[str, str]):
    def act(box: QMessageBox) -> None:
        seen["summary"] = box.text()
        seen["warnings"] = box.informativeText()
        seen["details"] = box.detailedText()
        box.accept()

    return when_modal(act, QMessageBox)


def open_import(qtbot, window) -> None:
    """File → Import…, the entry a person picks (Ctrl+I is its key)."""
    file_menu = window.menuBar().actions()[0].menu()
    entry = next(a for a in file_menu.actions() if a.text().replace("&", "") == "Import…")
    assert entry.shortcut().toString() == "Ctrl+I"
    entry.trigger()


def text_rect(reader, start: int, end: int) -> QRectF:
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.positions.to_qt(start))
    a = reader.cursorRect(cursor)
    cursor.setPosition(reader.positions.to_qt(end))
    b = reader.cursorRect(cursor)
    return QRectF(a.left(), a.top(), b.left() - a.left(), a.height())


def rendered(reader) -> QImage:
    reader.viewport().repaint()
    QApplication.processEvents()
    return reader.viewport().grab().toImage()


def changed_share(before: QImage, after: QImage, rect: QRectF) -> float:
    """The share of pixels in ``rect`` that differ between two renderings."""
    points = [
        (x, y)
        for x in range(int(rect.left()) + 1, int(rect.right()) - 1)
        for y in range(int(rect.top()) + 1, int(rect.bottom()) - 1)
    ]
    return sum(before.pixel(x, y) != after.pixel(x, y) for x, y in points) / len(points)


def annotation_cell(window, row: int) -> str:
    model = window.documents.model
    return model.index(row, model.columns.index("annotations")).data()


def test_an_unknown_label_mapped_to_actor_is_stored_and_shown(qtbot, window, tmp_path) -> None:
    path = window.session.project.path
    sample = doccano_file(tmp_path / "doccano.jsonl")
    karamov = TEXT.index("Karamov")
    reader = window.reader
    before = rendered(reader)
    assert annotation_cell(window, 0) == "0"
    seen: dict[str, str] = {}
    rows: list[str] = []

    def map_labels(dialog: LabelMapDialog) -> None:
        # one row per unknown name, with its count, as plain text; Leave out chosen in each
        rows.extend(label.text() for label in dialog.findChildren(QLabel))
        boxes = dialog.findChildren(QComboBox)
        assert [b.currentText() for b in boxes] == [LEAVE_OUT, LEAVE_OUT]
        per = dialog.focusWidget()
        assert per is dialog.boxes[("label", "PER")]  # the first row has the focus
        assert [per.itemText(i) for i in range(per.count())] == [
            LEAVE_OUT, "Actor", "Quote", "Demand", "Cue",
        ]  # fmt: skip
        qtbot.keyClick(per, Qt.Key.Key_Down)  # Actor
        qtbot.keyClick(per, Qt.Key.Key_Tab)
        said_by = dialog.focusWidget()
        assert said_by is dialog.boxes[("relation", "said_by")]
        while said_by.currentText() != "speaker":
            qtbot.keyClick(said_by, Qt.Key.Key_Down)
        qtbot.keyClick(said_by, Qt.Key.Key_Return)  # Enter imports

    waiters = [choose_file(qtbot, sample), when_modal(map_labels, LabelMapDialog)]
    waiters.append(read_report(seen))
    open_import(qtbot, window)
    qtbot.waitUntil(lambda: all(w.done for w in waiters), timeout=20000)

    assert "PER" in rows and "2 spans" in rows and "said_by" in rows and "1 relation" in rows
    assert stored(path) == [
        ("A second a", "Actor", "Olsen"),
        ("🚒 Minister", "Actor", "Karamov"),
        ("🚒 Minister", "Quote", "the talks would resume on Monday"),
    ]
    assert stored_relations(path) == ["speaker"]
    assert seen["summary"] == (
        "1 document(s) added; 1 already in the project (same text) annotated; "
        "3 annotation(s); 1 relation(s)."
    )
    assert seen["warnings"] == ""
    # the window: the open article shows its new annotations, the list the new document
    session = window.session
    actor = next(a for a in session.annotations.values() if a.label == "Actor")
    assert (actor.start, actor.end) == (karamov, karamov + len("Karamov"))
    assert reader.annotations_at(reader.positions.to_qt(karamov + 2)) == [actor.id]
    assert changed_share(before, rendered(reader), text_rect(reader, karamov, karamov + 7)) > 0.2
    quote = next(a for a in session.annotations.values() if a.label == "Quote")
    assert [(r.type, r.source, r.target) for r in session.relations.values()] == [
        ("speaker", quote.id, actor.id)
    ]
    assert window.documents.model.rowCount() == 2
    assert annotation_cell(window, 0) != "0"


def test_leave_out_stores_nothing_of_that_label_and_the_summary_says_so(
    qtbot, window, tmp_path
) -> None:
    path = window.session.project.path
    sample = doccano_file(tmp_path / "doccano.jsonl")
    seen: dict[str, str] = {}

    def accept_as_offered(dialog: LabelMapDialog) -> None:
        # the labels were read; the file changes now but keeps its size and time: the import
        # stores what the first reading found (it does not read the file twice)
        status = sample.stat()
        sample.write_text(sample.read_text("utf-8").replace("Monday", "Sunday"), "utf-8")
        os.utime(sample, ns=(status.st_atime_ns, status.st_mtime_ns))
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    waiters = [
        choose_file(qtbot, sample),
        when_modal(accept_as_offered, LabelMapDialog),
        read_report(seen),
    ]
    open_import(qtbot, window)
    qtbot.waitUntil(lambda: all(w.done for w in waiters), timeout=20000)

    assert stored(path) == [("🚒 Minister", "Quote", "the talks would resume on Monday")]
    assert stored_relations(path) == []
    assert "2 span(s) and 1 relation(s) not imported" in seen["summary"]
    # places are named from the files' folder on, said once
    assert seen["warnings"].splitlines() == [
        f"In {tmp_path}:",
        "• 2 not imported, label 'PER' is not in the project's schema (choose what it becomes "
        "in the mapping dialog before the import): "
        "doccano.jsonl:1: entities[0], doccano.jsonl:2: entities[0]",
        "• 1 not imported, relation type 'said_by' is not in the project's schema (choose what "
        "it becomes in the mapping dialog before the import): doccano.jsonl:1: relations[0]",
    ]
    assert "--map" not in seen["summary"] + seen["warnings"]  # the command line's hint
    assert seen["summary"].startswith(
        "1 document(s) added; 1 already in the project (same text) annotated; 1 annotation(s)"
    )


def test_cancel_in_the_mapping_dialog_stores_nothing(qtbot, window, tmp_path) -> None:
    path = window.session.project.path
    sample = doccano_file(tmp_path / "doccano.jsonl")

    def cancel(dialog: LabelMapDialog) -> None:
        dialog.choose("label", "PER", "Actor")
        button = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    waiters = [choose_file(qtbot, sample), when_modal(cancel, LabelMapDialog)]
    open_import(qtbot, window)
    qtbot.waitUntil(lambda: all(w.done for w in waiters), timeout=20000)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)

    assert stored(path) == [] and document_count(path) == 1
    assert window.statusBar().currentMessage() == "Import cancelled; nothing was imported."
    assert window.session.annotations == {}


def test_cancel_during_the_import_stores_nothing(
    qtbot, window, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = window.session.project.path
    monkeypatch.setattr(workers, "SHOW_AFTER_MS", 0)

    class Slow(importing.AnnotationImport):  # each document takes a moment: Cancel is in time
        def add(self, doc) -> None:
            import time

            time.sleep(0.01)
            super().add(doc)

    monkeypatch.setattr(importing, "AnnotationImport", Slow)
    sample = tmp_path / "many.jsonl"
    with sample.open("w", encoding="utf-8") as fh:
        for i in range(400):
            text = f"Article {i}: Karamov said the talks would resume."
            fh.write(json.dumps({"text": text, "entities": [entity(1, "PER", text, "Karamov")]}))
            fh.write("\n")
    clicked: list[int] = []

    def importing_progress():
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QProgressDialog) and modal.labelText().startswith("Importing"):
            return modal if modal.value() > 0 else None
        return None

    def cancel(dialog: QProgressDialog) -> None:
        clicked.append(dialog.value())
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)

    def map_to_actor(dialog: LabelMapDialog) -> None:
        dialog.choose("label", "PER", "Actor")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    waiters = [
        choose_file(qtbot, sample),
        when_modal(map_to_actor, LabelMapDialog),
        WhenUp(importing_progress, cancel),
    ]
    open_import(qtbot, window)
    qtbot.waitUntil(lambda: all(w.done for w in waiters), timeout=20000)
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage() == "Import cancelled; nothing was imported."
    )

    assert clicked and clicked[0] < 1000  # cancelled before the end
    assert stored(path) == [] and document_count(path) == 1
    assert window.documents.model.rowCount() == 1


# -- the dialogs on their own ----------------------------------------------------------------


def test_the_mapping_dialog_shows_names_as_plain_text_and_is_keyboard_first(qtbot) -> None:
    from collections import Counter

    from annotator.core.schema import default_schema
    from annotator.io.import_scan import UnknownNames

    unknown = UnknownNames(
        Counter({"<b>PER</b>": 3, "line\nbreak": 1, "": 1}), Counter({"said_by": 2}), 1
    )
    dialog = LabelMapDialog(None, unknown, default_schema())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    labels = {label.text(): label for label in dialog.findChildren(QLabel)}
    assert labels["<b>PER</b>"].textFormat() == Qt.TextFormat.PlainText
    assert "line\\u000abreak" in labels  # a line break written out, not breaking the row
    assert '""' in labels and "3 spans" in labels and "2 relations" in labels
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels.values())
    said_by = dialog.boxes[("relation", "said_by")]
    assert [said_by.itemText(i) for i in range(said_by.count())] == [
        LEAVE_OUT, "speaker", "claimant", "addressee", "cue",
    ]  # fmt: skip
    # Tab goes from row to row, labels first (most used first), then the relation types
    order = [("label", "<b>PER</b>"), ("label", ""), ("label", "line\nbreak")]
    order.append(("relation", "said_by"))
    assert dialog.focusWidget() is dialog.boxes[order[0]]
    for here, there in pairwise(order):
        qtbot.keyClick(dialog.boxes[here], Qt.Key.Key_Tab)
        assert dialog.focusWidget() is dialog.boxes[there], there
    qtbot.keyClick(said_by, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.boxes[order[0]], Qt.Key.Key_Down)
    assert dialog.label_map() == {"<b>PER</b>": "Actor", "said_by": "speaker"}
    qtbot.keyClick(said_by, Qt.Key.Key_Return)
    assert dialog.result() == LabelMapDialog.DialogCode.Accepted


def test_the_import_dialog_describes_the_chosen_format(qtbot) -> None:
    from annotator.io.formats import FORMATS

    dialog = ImportDialog()
    qtbot.addWidget(dialog)
    description = dialog.findChild(QLabel, "format-description")
    assert description.textFormat() == Qt.TextFormat.PlainText
    annotation_formats = [n for n, f in FORMATS.items() if f.annotations]
    assert "doccano" in annotation_formats
    for name in annotation_formats:
        dialog.set_format(name)
        assert description.text().startswith(FORMATS[name].description + ". Brings annotations")
        assert not dialog.encoding.isEnabled()  # the annotation readers read UTF-8
    dialog.set_format("csv")
    assert description.text() == FORMATS["csv"].description + "."
    assert dialog.encoding.isEnabled()
    assert dialog.windowTitle() == "Import articles and annotations"


def test_the_report_names_places_from_the_files_folder(qtbot, tmp_path) -> None:
    from annotator.core.reports import ImportReport
    from annotator.gui.import_dialog import common_folder, import_report_box

    (tmp_path / "in" / "brat").mkdir(parents=True)
    a, b = tmp_path / "in" / "a.jsonl", tmp_path / "in" / "brat"
    a.write_text("{}", encoding="utf-8")
    assert common_folder([a, b]) == tmp_path / "in"
    where = f"{tmp_path / 'in' / 'a.jsonl'}"
    report = ImportReport(
        added=1,
        duplicates=[f"{where}:3"],
        warnings=[f"{i} not imported, reason {i}: {where}:{i}" for i in range(1, 8)],
    )
    box = import_report_box(None, report, tmp_path / "in")
    assert box.informativeText().splitlines()[:2] == [
        f"In {tmp_path / 'in'}:",
        "• 1 not imported, reason 1: a.jsonl:1",
    ]
    assert "… and 2 more" in box.informativeText()  # five shown, the rest under Details
    assert box.detailedText().splitlines()[-3:] == [
        "7 not imported, reason 7: a.jsonl:7",
        "Already in the project (same text), not added again:",
        "  a.jsonl:3",
    ]
    assert f"{where}:1" in import_report_box(None, report).informativeText()  # no folder: whole


def test_thousands_of_names_offer_the_most_used_and_leave_out_the_rest(qtbot) -> None:
    from collections import Counter

    from annotator.core.schema import default_schema
    from annotator.gui.label_map_dialog import MAX_ROWS
    from annotator.io.import_scan import UnknownNames

    names = Counter({f"L{i:04}": 1 for i in range(3000)})
    names["PER"] = 50
    dialog = LabelMapDialog(None, UnknownNames(names, Counter(), 1), default_schema())
    qtbot.addWidget(dialog)
    assert len(dialog.boxes) == MAX_ROWS
    assert ("label", "PER") in dialog.boxes  # the most used first
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    rest = 3001 - MAX_ROWS
    assert f"… and {rest} more names ({rest} spans): left out and reported" in " ".join(texts)
    dialog.choose("label", "PER", "Actor")
    assert dialog.label_map() == {"PER": "Actor"}
