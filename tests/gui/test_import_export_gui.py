"""Import and export from the GUI: worker threads, the progress dialog, Cancel, errors.

The project stays open on the test's own connection while the worker writes on another,
as it does in the window. What was stored is checked by opening the project file again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStyle,
    QStyleOptionButton,
)

from annotator import Project
from annotator.core.errors import InputError, NotFoundError
from annotator.core.reports import ImportReport
from annotator.gui import workers
from annotator.gui.export_dialog import ExportDialog, run_export
from annotator.gui.import_dialog import ImportDialog, import_report_box, run_import
from annotator.gui.import_preview import ImportPreviewDialog
from annotator.gui.workers import run_with_progress
from annotator.io import native_ahead
from tests.native_files import copies, exported, readers_running

ARTICLE = "Article {i}. Karamov said on Monday that talks with the union would resume. " * 3


def click_checkbox(qtbot, box: QCheckBox) -> None:
    """Click the box itself, where a person clicks (the widget may be wider than its text)."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=rect.center())


def stored_count(path: Path) -> int:
    with Project.open(path, readonly=True) as p:
        return p.documents.count()


@pytest.fixture
def open_project(tmp_path: Path) -> Iterator[Project]:
    """A project with one document, kept open on the main thread as the window keeps it."""
    project = Project.create(tmp_path / "gui.annotator", annotator="Tester")
    project.documents.add("The first article, there before the import.", title="First")
    yield project
    project.close()


@pytest.fixture
def show_dialog_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Short work normally finishes before the dialog is due; the tests want to see it.
    monkeypatch.setattr(workers, "SHOW_AFTER_MS", 0)


class ShownDialogs(QObject):
    """Records every progress dialog that was shown (Show events are sent synchronously)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QProgressDialog):
            self.seen.append(watched.labelText())
        return False


@pytest.fixture
def shown() -> Iterator[ShownDialogs]:
    recorder = ShownDialogs()
    QApplication.instance().installEventFilter(recorder)
    yield recorder
    QApplication.instance().removeEventFilter(recorder)


def write_articles(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        (folder / f"article-{i:04}.txt").write_text(ARTICLE.format(i=i), encoding="utf-8")
    return folder


def test_dialog_has_file_buttons_and_returns_the_choice(qtbot, tmp_path: Path) -> None:
    dialog = ImportDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    for name in ("add-files", "add-folder", "remove-paths"):
        assert dialog.findChild(QPushButton, name) is not None
    assert not ok.isEnabled()  # nothing chosen yet

    dialog.add_paths([tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "a.jsonl"])
    assert dialog.paths() == [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    assert ok.isEnabled()
    formats = dialog.findChild(QComboBox, "import-format")
    formats.setFocus()
    while dialog.format() != "jsonl":
        qtbot.keyClick(formats, Qt.Key.Key_Down)
    qtbot.keyClicks(dialog.findChild(QComboBox, "encoding").lineEdit(), "cp1252")
    assert dialog.options().encoding == "cp1252"  # the preview chooses a table's fields
    assert dialog.findChild(QLineEdit, "text-field") is None

    qtbot.keyClicks(dialog.findChild(QComboBox, "encoding").lineEdit(), "-nonsense")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Unknown encoding" in dialog.findChild(QObject, "error").text()


def test_import_dialog_offers_the_readers_of_the_formats_table(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from annotator.io.formats import FORMATS

    dialog = ImportDialog()
    qtbot.addWidget(dialog)
    box = dialog.findChild(QComboBox, "import-format")
    offered = [box.itemData(i) for i in range(box.count())]
    assert offered == ["auto", *(n for n, f in FORMATS.items() if f.reader is not None)]
    for i, name in enumerate(offered[1:], start=1):
        assert box.itemText(i) == f"{name} — {FORMATS[name].description}"
        dialog.set_format(name)
        assert dialog.format() == name

    filters: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: (filters.append(a[3]), ([], ""))[1]
    )
    dialog.findChild(QPushButton, "add-files").click()
    (articles, *by_format, everything) = filters[0].split(";;")
    assert everything == "All files (*)"
    readable = [f for n, f in FORMATS.items() if f.reader is not None and n != "native"]
    assert by_format == [
        f"{f.description} ({' '.join('*' + e for e in f.extensions)})" for f in readable
    ]
    patterns = set(articles.removeprefix("Articles (").removesuffix(")").split())
    assert patterns == {f"*{e}" for f in FORMATS.values() if f.reader for e in f.extensions}
    assert "*.graphml" not in filters[0]  # an export-only format is no article


def test_import_of_a_folder_stores_every_document_and_shows_progress(
    qtbot, tmp_path: Path, open_project: Project, show_dialog_at_once, shown
) -> None:
    folder = write_articles(tmp_path / "articles", 300)
    report = run_import(None, open_project.path, "Tester", [folder], "auto", None)

    assert isinstance(report, ImportReport) and report.added == 300
    assert shown.seen == ["Importing articles…"]
    assert stored_count(open_project.path) == 301
    assert open_project.documents.count() == 301  # the window's connection sees them too
    assert QApplication.activeModalWidget() is None  # the dialog is gone


def test_cancel_stores_nothing(
    qtbot, tmp_path: Path, open_project: Project, show_dialog_at_once
) -> None:
    # 100,000 records take seconds to import; Cancel comes within the first tenth of that.
    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as fh:
        for i in range(100_000):
            fh.write(json.dumps({"title": f"A{i}", "text": ARTICLE.format(i=i)}) + "\n")
    clicked: list[int] = []

    def press_cancel_once_progress_shows() -> None:
        dialog = QApplication.activeModalWidget()
        if clicked or not isinstance(dialog, QProgressDialog) or dialog.value() <= 0:
            return
        clicked.append(dialog.value())
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)

    timer = QTimer()
    timer.timeout.connect(press_cancel_once_progress_shows)
    timer.start(5)
    try:
        report = run_import(None, open_project.path, "Tester", [big], "auto", None)
    finally:
        timer.stop()

    assert clicked and clicked[0] < 1000
    assert report is None
    assert stored_count(open_project.path) == 1
    assert open_project.documents.count() == 1


def test_a_bad_file_is_left_out_whole_and_named_and_the_others_are_stored(
    qtbot, tmp_path: Path, open_project: Project
) -> None:
    folder = write_articles(tmp_path / "articles", 20)
    (folder / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))

    report = run_import(None, open_project.path, "Tester", [folder], "auto", None)
    assert report is not None and report.added == 20
    assert len(report.failed) == 1 and "scan.txt: this looks like a binary file" in report.failed[0]
    assert stored_count(open_project.path) == 21
    assert QApplication.activeModalWidget() is None


def test_a_bad_file_refuses_the_whole_import_when_asked(
    qtbot, tmp_path: Path, open_project: Project
) -> None:
    folder = write_articles(tmp_path / "articles", 20)
    (folder / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))

    with pytest.raises(InputError, match=r"scan\.txt: this looks like a binary file"):
        run_import(None, open_project.path, "Tester", [folder], "auto", None, on_bad_file="refuse")
    assert stored_count(open_project.path) == 1


def test_the_report_box_shows_summary_and_warnings() -> None:
    report = ImportReport(added=3, duplicates=["a.txt"], warnings=[f"w{i}" for i in range(7)])
    box = import_report_box(None, report)
    assert box.text().startswith("3 document(s) added; 1 already in the project")
    assert "• w0" in box.informativeText() and "and 2 more" in box.informativeText()
    assert "w6" in box.detailedText() and "a.txt" in box.detailedText()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.icon() == QMessageBox.Icon.Warning


@pytest.fixture
def project_of_five(tmp_path: Path) -> Path:
    path = tmp_path / "five.annotator"
    with Project.create(path, annotator="Tester") as p:
        for i in range(5):
            text = ARTICLE.format(i=i)
            doc = p.documents.add(text, title=f"Article {i}").value
            start = text.index("Karamov")
            p.layer().add_annotation(doc.id, "Actor", [(start, start + len("Karamov"))])
    return path


def test_export_writes_valid_json_with_every_document(
    qtbot, tmp_path: Path, project_of_five: Path, show_dialog_at_once, shown
) -> None:
    window_connection = Project.open(project_of_five, annotator="Tester")  # as the window holds it
    try:
        out = tmp_path / "export.json"
        assert run_export(None, project_of_five, "native", out, "Tester") == 5
    finally:
        window_connection.close()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "annotator/1"
    assert len(data["documents"]) == 5
    assert all(len(d["annotations"]) == 1 for d in data["documents"])
    assert shown.seen == ["Exporting to export.json…"]

    lines = tmp_path / "export.jsonl"
    assert run_export(None, project_of_five, "jsonl", lines, None) == 5
    assert len(lines.read_text(encoding="utf-8").splitlines()) == 6  # a header, then documents


def test_export_for_an_unknown_annotator_raises_and_writes_nothing(
    qtbot, tmp_path: Path, project_of_five: Path
) -> None:
    out = tmp_path / "mine.json"
    with pytest.raises(NotFoundError, match="no annotator named 'Nobody'"):
        run_export(None, project_of_five, "native", out, "Nobody")
    assert not out.exists()


def test_export_dialog_choice(qtbot, tmp_path: Path) -> None:
    dialog = ExportDialog(None, None, ["Ana", "<b>Ben</b>", "Gold"])
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.findChild(QPushButton, "choose-output") is not None
    assert not ok.isEnabled() and dialog.choice() is None

    dialog.set_output(tmp_path / "study.json")
    layers = dialog.findChild(QComboBox, "export-layer")
    assert [layers.itemText(i) for i in range(layers.count())] == [
        "Every annotator's (all layers)", "Ana", "<b>Ben</b>", "Gold",
    ]  # fmt: skip
    assert dialog.choice() == ("native", tmp_path / "study.json", None)
    layers.setFocus()
    qtbot.keyClick(layers, Qt.Key.Key_End)  # gold's layer alone
    formats = dialog.findChild(QComboBox, "export-format")
    formats.setFocus()
    qtbot.keyClick(formats, Qt.Key.Key_Down)
    assert ok.isEnabled()
    # the file's extension follows the format
    assert dialog.choice() == ("jsonl", tmp_path / "study.jsonl", "Gold")


def test_worker_errors_and_results_come_back_to_the_gui_thread(qtbot) -> None:
    calls: list[bool | None] = []

    def work(progress: Callable[[int, int | None], bool | None]) -> str:
        calls.append(progress(1, None))  # an unknown total: a busy indicator
        calls.append(progress(2, 2))
        return "done"

    assert run_with_progress(None, "Working", work) == "done"
    assert calls == [False, False]

    def failing(progress: Callable[[int, int | None], bool | None]) -> None:
        raise InputError("broken.txt: cannot be read")

    with pytest.raises(InputError, match=r"broken\.txt"):
        run_with_progress(None, "Working", failing)


def test_file_import_from_the_window_menu(qtbot, make_window, tmp_path: Path) -> None:
    """Ctrl+I in the real window: choose a folder, import, read the report, see the documents."""
    window = make_window()
    before = window.session.project.documents.count()
    folder = write_articles(tmp_path / "menu-articles", 12)
    steps: list[str] = []

    def answer_modal() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, ImportDialog) and "import" not in steps:
            steps.append("import")
            modal.add_paths([folder])
            ok = modal.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        elif isinstance(modal, ImportPreviewDialog) and "preview" not in steps:
            steps.append("preview")
            steps.append(modal.table.item(0, 0).text())
            assert window.session.project.documents.count() == before  # nothing written yet
            qtbot.mouseClick(modal.import_button, Qt.MouseButton.LeftButton)
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

    assert steps == ["import", "preview", "article-0000", "report", "12 document(s) added."]
    assert window.session.project.documents.count() == before + 12
    assert stored_count(window.session.project.path) == before + 12


@pytest.fixture
def demo_copies(demo_path: Path, tmp_path: Path) -> Callable[[int], Path]:
    """A native export of the demo project with its documents ``count`` times."""
    demo = exported(demo_path, tmp_path / "demo.jsonl")
    return lambda count: copies(demo, tmp_path / f"demo-{count}.jsonl", count)


def test_a_large_export_read_in_a_second_process_imports_with_progress(
    qtbot, demo_copies, open_project: Project, show_dialog_at_once, shown, monkeypatch
) -> None:
    """An export at least ``AHEAD_MIN_BYTES`` long is read ahead by a second process while
    the worker thread writes (io/native_ahead.py): same report, dialog, result."""
    monkeypatch.setattr(native_ahead, "AHEAD_MIN_BYTES", 0)
    export = demo_copies(40)
    report = run_import(None, open_project.path, "Tester", [export], "auto", None)

    assert isinstance(report, ImportReport) and shown.seen == [f"Importing {export.name}…"]
    docs = export.read_text(encoding="utf-8").splitlines()[1:]
    expected = sum(len(json.loads(line)["annotations"]) for line in docs)
    assert report.added == len(docs) and report.annotations == expected > 100
    assert stored_count(open_project.path) == len(docs) + 1
    assert open_project.info()["annotations"] == expected  # the window's connection sees them
    assert not readers_running()


def test_cancel_of_an_import_read_in_a_second_process_stores_nothing(
    qtbot, demo_copies, open_project: Project, show_dialog_at_once, monkeypatch
) -> None:
    monkeypatch.setattr(native_ahead, "AHEAD_MIN_BYTES", 0)
    export = demo_copies(3000)
    clicked: list[int] = []

    def press_cancel_once_progress_shows() -> None:
        dialog = QApplication.activeModalWidget()
        if clicked or not isinstance(dialog, QProgressDialog) or dialog.value() <= 0:
            return
        clicked.append(dialog.value())
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)

    timer = QTimer()
    timer.timeout.connect(press_cancel_once_progress_shows)
    timer.start(5)
    try:
        report = run_import(None, open_project.path, "Tester", [export], "auto", None)
    finally:
        timer.stop()

    assert clicked and clicked[0] < 1000 and report is None
    assert stored_count(open_project.path) == 1 and open_project.info()["annotations"] == 0
    assert not readers_running()
