"""The annotation panel, used as a person would: clicks on rows, keys in combo boxes, typing.

Every test checks what reached the project file (re-read through the store) and what the
panel shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
)

from annotator import Project
from annotator.gui.annotation_panel import AnnotationPanel
from annotator.gui.commands import DeleteAnnotation, SetRelation
from annotator.gui.session import Session

TEXT = (
    "“We will not,” Karamov said, “surrender.” The union demanded that the government "
    "withdraw the decree."
)


def span(word: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(word, after)
    return start, start + len(word)


@dataclass
class Article:
    path: Path
    doc: str
    karamov: str
    quote: str
    cue: str
    union: str
    government: str
    demand: str


@pytest.fixture
def article(tmp_path: Path) -> Article:
    """A stored article: a two-fragment quote without its speaker, and a demand by the union;
    its actors are linked to the registry."""
    path = tmp_path / "panel.annotator"
    with Project.create(path, annotator="Tester") as p:
        doc = p.documents.add(TEXT, title="Talks").value
        layer = p.layer()

        def linked(name: str) -> dict[str, str]:
            return {"entity": p.registry.add(name).value.id}

        karamov = layer.add_annotation(
            doc.id, "Actor", [span("Karamov")], **linked("Karamov")
        ).value
        quote = layer.add_annotation(
            doc.id, "Quote", [span("We will not,"), span("surrender.")], attributes={}
        ).value
        cue = layer.add_annotation(doc.id, "Cue", [span("said")]).value
        union = layer.add_annotation(
            doc.id, "Actor", [span("The union")], **linked("The union")
        ).value
        government = layer.add_annotation(
            doc.id, "Actor", [span("the government")], **linked("the government")
        ).value
        demand = layer.add_annotation(
            doc.id, "Demand", [span("the government withdraw the decree")]
        ).value
        layer.add_relation("claimant", demand.id, union.id)
    return Article(path, doc.id, karamov.id, quote.id, cue.id, union.id, government.id, demand.id)


@pytest.fixture
def session(article: Article) -> Iterator[Session]:
    s = Session("Tester")
    s.open_project(article.path)
    s.open_document(article.doc)
    yield s
    s.close_project()


@pytest.fixture
def panel(qtbot, session: Session) -> AnnotationPanel:
    widget = AnnotationPanel(session)
    qtbot.addWidget(widget)
    widget.resize(420, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()  # keys go to the focused widget of the active window
    qtbot.waitUntil(widget.isActiveWindow, timeout=2000)
    return widget


# -- helpers: find widgets by their object names, and act on them -------------------------


def child(panel: AnnotationPanel, kind: type, name: str):
    found = panel.findChild(kind, name)
    assert found is not None and found.isVisible(), f"no visible {name}"
    return found


def click_row(qtbot, panel: AnnotationPanel, ann_id: str) -> None:
    view = child(panel, QAbstractItemView, "annotation-list")
    row = panel.model.row_of(ann_id)
    assert row is not None
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Move through the combo with the arrow keys until ``text`` is chosen, as on a keyboard."""
    target = combo.findText(text)
    assert target >= 0, f"{text!r} is not in {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setFocus()
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(abs(target - combo.currentIndex())):
        qtbot.keyClick(combo, key)


def row_text(panel: AnnotationPanel, ann_id: str) -> str:
    row = panel.model.row_of(ann_id)
    assert row is not None
    return panel.model.index(row, 0).data()


def header(panel: AnnotationPanel) -> str:
    return child(panel, QLabel, "problems").text()


def speaker_of(session: Session, quote: str) -> list[str]:
    assert session.document is not None and session.layer is not None
    return [
        r.target
        for r in session.layer.relations(session.document.id)
        if r.source == quote and r.type == "speaker"
    ]


# -- the list -------------------------------------------------------------------------------


def test_lists_annotations_in_text_order_with_actors_and_flags(panel, article) -> None:
    model = panel.model
    ids = [model.index(i, 0).data(Qt.ItemDataRole.UserRole + 1) for i in range(model.rowCount())]
    assert ids == [
        article.quote,
        article.karamov,
        article.cue,
        article.union,
        article.government,
        article.demand,
    ]
    quote_row = row_text(panel, article.quote)
    assert quote_row.startswith("Quote  We will not, … surrender.")
    assert "no speaker" in quote_row
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None  # warning icon
    demand_row = row_text(panel, article.demand)
    assert "— The union" in demand_row and "no " not in demand_row
    assert model.index(5, 0).data(Qt.ItemDataRole.DecorationRole) is None
    assert header(panel) == "1 quote without a speaker"


def test_clicking_a_row_selects_and_the_session_selection_moves_the_row(
    qtbot, panel, session, article
) -> None:
    click_row(qtbot, panel, article.demand)
    assert session.selected == article.demand
    assert child(panel, QComboBox, "label-combo").currentText() == "Demand"

    session.select(article.karamov)  # e.g. a click in the reader
    view = child(panel, QAbstractItemView, "annotation-list")
    assert [i.row() for i in view.selectionModel().selectedRows()] == [1]
    assert session.selected == article.karamov  # no feedback loop moved it elsewhere

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)  # arrow keys walk through the annotations
    assert session.selected == article.cue

    session.select(None)
    assert view.selectionModel().selectedRows() == []
    assert child(panel, QLabel, "editor-hint").text().startswith("Select text and press A")


def test_titles_and_texts_are_shown_as_plain_text(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "markup.annotator"
    text = "<b>Bold</b> said the <i>envoy</i>."
    with Project.create(path, annotator="Tester") as p:
        doc = p.documents.add(text).value
        p.layer().add_annotation(doc.id, "Actor", [(0, 11)])
    s = Session("Tester")
    s.open_project(path)
    s.open_document(doc.id)
    panel = AnnotationPanel(s)
    qtbot.addWidget(panel)
    assert panel.model.index(0, 0).data() == "Actor  <b>Bold</b>  · not linked"
    assert "&lt;b&gt;Bold" in panel.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    s.select(panel.model.rows[0].id)
    shown = panel.findChild(QLabel, "annotation-text")
    assert shown.textFormat() == Qt.TextFormat.PlainText and shown.text() == "<b>Bold</b>"
    s.close_project()


def test_opening_another_document_shows_its_annotations(qtbot, panel, session, article) -> None:
    project = session.project
    other = project.documents.add("Mirova said nothing.", title="Quiet").value
    mirova = session.layer.add_annotation(other.id, "Actor", [(0, 6)]).value
    click_row(qtbot, panel, article.quote)
    session.open_document(other.id)
    assert [panel.model.index(i, 0).data() for i in range(panel.model.rowCount())] == [
        "Actor  Mirova  · not linked"
    ]
    assert header(panel) == "1 actor not linked"
    assert child(panel, QLabel, "editor-hint").isVisible()
    click_row(qtbot, panel, mirova.id)
    assert session.selected == mirova.id


# -- relations ----------------------------------------------------------------------------


def test_choosing_the_speaker_stores_it_and_clears_the_problem(
    qtbot, panel, session, article
) -> None:
    click_row(qtbot, panel, article.quote)
    caption = child(panel, QLabel, "relation-caption-speaker")
    assert caption.text() == "speaker (required)" and caption.property("missing") is True
    combo = child(panel, QComboBox, "relation-speaker")
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "(none)",
        "Karamov",
        "The union",
        "the government",
    ]
    choose(qtbot, combo, "Karamov")

    assert speaker_of(session, article.quote) == [article.karamov]
    assert header(panel) == "No problems"
    assert "— Karamov" in row_text(panel, article.quote)
    assert "no speaker" not in row_text(panel, article.quote)
    assert caption.property("missing") is False
    assert session.selected == article.quote  # the edit kept the selection

    session.undo()
    assert speaker_of(session, article.quote) == []
    assert header(panel) == "1 quote without a speaker"
    assert combo.currentText() == "(none)"


def test_speaker_reaches_the_file(qtbot, panel, session, article) -> None:
    click_row(qtbot, panel, article.quote)
    choose(qtbot, child(panel, QComboBox, "relation-speaker"), "Karamov")
    choose(qtbot, child(panel, QComboBox, "relation-cue"), "said")
    session.close_project()
    with Project.open(article.path, readonly=True, annotator="Tester") as p:
        found = {(r.type, r.source, r.target) for r in p.layer().relations(article.doc)}
    assert ("speaker", article.quote, article.karamov) in found
    assert ("cue", article.quote, article.cue) in found


def test_addressee_is_optional_and_can_be_set_and_removed(qtbot, panel, session, article) -> None:
    click_row(qtbot, panel, article.demand)
    combo = child(panel, QComboBox, "relation-addressee")
    choose(qtbot, combo, "the government")
    assert "— The union → the government" in row_text(panel, article.demand)
    assert ("addressee", article.government) in {
        (r.type, r.target) for r in session.layer.relations(article.doc)
    }
    choose(qtbot, combo, "(none)")
    assert "addressee" not in {r.type for r in session.layer.relations(article.doc)}
    assert "→" not in row_text(panel, article.demand)


def test_pick_button_asks_for_the_relation(qtbot, panel, article) -> None:
    click_row(qtbot, panel, article.quote)
    with qtbot.waitSignal(panel.pickRelation, timeout=1000) as blocker:
        qtbot.mouseClick(child(panel, QPushButton, "pick-speaker"), Qt.MouseButton.LeftButton)
    assert blocker.args == ["speaker"]


# -- label, attributes, note, delete ------------------------------------------------------


def test_quote_made_a_demand_loses_its_speaker_and_undo_restores_it(
    qtbot, panel, session, article
) -> None:
    click_row(qtbot, panel, article.quote)
    choose(qtbot, child(panel, QComboBox, "relation-speaker"), "Karamov")
    choose(qtbot, child(panel, QComboBox, "attribute-form"), "direct")
    assert session.layer.annotation(article.quote).attributes == {"form": "direct"}

    choose(qtbot, child(panel, QComboBox, "label-combo"), "Demand")
    stored = session.layer.annotation(article.quote)
    assert stored.label == "Demand" and stored.attributes == {}
    assert speaker_of(session, article.quote) == []
    # The editor now offers the demand's fields, and the header counts a missing claimant.
    assert panel.findChild(QComboBox, "attribute-issue").isVisible()
    assert child(panel, QComboBox, "relation-claimant").currentText() == "(none)"
    assert header(panel) == "1 demand without a claimant"

    session.undo()
    stored = session.layer.annotation(article.quote)
    assert stored.label == "Quote" and stored.attributes == {"form": "direct"}
    assert speaker_of(session, article.quote) == [article.karamov]
    assert child(panel, QComboBox, "relation-speaker").currentText() == "Karamov"
    assert header(panel) == "No problems"


def test_a_new_issue_can_be_typed_into_the_editable_list(qtbot, panel, session, article) -> None:
    click_row(qtbot, panel, article.demand)
    combo = child(panel, QComboBox, "attribute-issue")
    assert combo.isEditable()
    line = combo.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "water supply")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert session.layer.annotation(article.demand).attributes == {"issue": "water supply"}
    assert combo.currentText() == "water supply"

    choose(qtbot, child(panel, QComboBox, "attribute-position"), "against")
    assert session.layer.annotation(article.demand).attributes == {
        "issue": "water supply",
        "position": "against",
    }
    choose(qtbot, child(panel, QComboBox, "attribute-position"), "")  # the empty choice unsets
    assert session.layer.annotation(article.demand).attributes == {"issue": "water supply"}

    # Arrow keys on a closed combo choose each value they pass: "for", then "against".
    while session.undo_stack.canUndo():
        session.undo()
    assert session.layer.annotation(article.demand).attributes == {}
    assert combo.currentText() == ""


def test_a_non_editable_attribute_offers_only_the_schema_values(qtbot, panel, article) -> None:
    click_row(qtbot, panel, article.karamov)
    combo = child(panel, QComboBox, "attribute-type")
    assert not combo.isEditable()
    assert [combo.itemText(i) for i in range(combo.count())][:3] == ["", "person", "government"]


def test_note_is_saved_on_enter_and_on_leaving_the_field(qtbot, panel, session, article) -> None:
    click_row(qtbot, panel, article.karamov)
    note = child(panel, QLineEdit, "note")
    note.setFocus()
    qtbot.keyClicks(note, "check the spelling")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    assert session.layer.annotation(article.karamov).note == "check the spelling"
    depth = session.undo_stack.count()
    qtbot.keyClick(note, Qt.Key.Key_Tab)  # leaving without a change writes nothing
    assert session.undo_stack.count() == depth

    click_row(qtbot, panel, article.union)
    note.setFocus()
    qtbot.keyClicks(note, "collective actor")
    click_row(qtbot, panel, article.karamov)  # clicking elsewhere commits to the union
    assert session.layer.annotation(article.union).note == "collective actor"
    assert note.text() == "check the spelling"

    session.undo()
    assert session.layer.annotation(article.union).note is None


def test_delete_button_deletes_and_undo_brings_it_back(qtbot, panel, session, article) -> None:
    click_row(qtbot, panel, article.union)
    qtbot.mouseClick(child(panel, QPushButton, "delete"), Qt.MouseButton.LeftButton)
    ids = {a.id for a in session.layer.annotations(article.doc)}
    assert article.union not in ids
    assert panel.model.rowCount() == 5
    assert header(panel) == "1 quote without a speaker · 1 demand without a claimant"
    assert child(panel, QLabel, "editor-hint").isVisible()

    session.undo()
    assert article.union in {a.id for a in session.layer.annotations(article.doc)}
    assert header(panel) == "1 quote without a speaker"
    assert session.selected == article.union


# -- a dense document -------------------------------------------------------------------------


def test_a_document_with_ten_thousand_annotations_lists_and_edits_them(
    qtbot, tmp_path: Path
) -> None:
    # How fast this is, is measured in bench/bench_gui_open.py (the 1 MB article), not here.
    text = " ".join(f"w{i:05d}" for i in range(10_000))
    path = tmp_path / "big.annotator"
    labels = ("Actor", "Quote", "Demand", "Cue")
    with Project.create(path, annotator="Tester") as p:
        doc = p.documents.add(text).value
        layer = p.layer()
        with p.transaction():
            for i in range(10_000):
                layer.add_annotation(doc.id, labels[i % 4], [(i * 7, i * 7 + 6)])
    s = Session("Tester")
    s.open_project(path)
    s.open_document(doc.id)
    panel = AnnotationPanel(s)
    qtbot.addWidget(panel)
    panel.show()
    # A document this dense shows its first screen first and loads the rest just after.
    qtbot.waitUntil(lambda: len(s.annotations) == 10_000, timeout=5000)
    quote = s.ordered()[5_001]  # a quote: its speaker list offers 2,500 actors
    actor = s.ordered()[5_000]
    s.select(quote.id)
    assert panel.model.rowCount() == 10_000
    assert header(panel) == (
        "2500 quotes without a speaker · 2500 demands without a claimant · 2500 actors not linked"
    )
    s.perform(SetRelation(s, "speaker", quote.id, actor.id))
    assert header(panel).startswith("2499 quotes without a speaker")
    s.undo()
    s.perform(DeleteAnnotation(s, actor.id))
    assert panel.model.rowCount() == 9_999
    s.undo()
    assert panel.model.rowCount() == 10_000
    assert header(panel) == (
        "2500 quotes without a speaker · 2500 demands without a claimant · 2500 actors not linked"
    )
    s.close_project()


def type_issue(qtbot, panel, text: str) -> QComboBox:
    combo = child(panel, QComboBox, "attribute-issue")
    line = combo.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    return combo


def test_a_new_issue_close_to_a_known_one_asks_which_is_meant(
    qtbot, panel, session, article
) -> None:
    click_row(qtbot, panel, article.demand)
    combo = type_issue(qtbot, panel, "ceasefire")  # the schema has "cease-fire"
    assert session.layer.annotation(article.demand).attributes == {}  # nothing stored yet
    hint = child(panel, QLabel, "value-hint-text")
    assert hint.text() == "“ceasefire” would be a new value; “cease-fire” is one already."
    use = child(panel, QPushButton, "use-known-value")
    add = child(panel, QPushButton, "add-typed-value")
    assert (use.text(), add.text()) == ("Use “cease-fire”", "Add “ceasefire”")
    assert use.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter takes the known one
    assert session.layer.annotation(article.demand).attributes == {"issue": "cease-fire"}
    assert combo.currentText() == "cease-fire" and not hint.isVisible()
    assert combo.lineEdit().hasFocus()  # back in the field

    # Tab, then Enter: the typed value is added as it was typed.
    type_issue(qtbot, panel, "Cease fire")
    assert use.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert add.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert session.layer.annotation(article.demand).attributes == {"issue": "Cease fire"}
    assert not hint.isVisible()
    # Now in use, it is a known value: typed again, it is stored without asking.
    session.undo()
    type_issue(qtbot, panel, "Cease fire")
    assert not hint.isVisible()
    assert session.layer.annotation(article.demand).attributes == {"issue": "Cease fire"}

    # Escape goes back to the field with the typed text, to change it.
    type_issue(qtbot, panel, "sanctoins")
    assert (use.text(), add.text()) == ("Use “sanctions”", "Add “sanctoins”")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not hint.isVisible() and combo.lineEdit().hasFocus()
    assert combo.currentText() == "sanctoins"
    assert session.layer.annotation(article.demand).attributes == {"issue": "Cease fire"}
    for _ in "oins":
        qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Backspace)
    qtbot.keyClicks(combo.lineEdit(), "ions")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert session.layer.annotation(article.demand).attributes == {"issue": "sanctions"}
    assert not hint.isVisible()

    # Leaving the field with the mouse asks too, without taking the focus back.
    line = combo.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "troop withdrawl")
    note = child(panel, QLineEdit, "note")
    qtbot.mouseClick(note, Qt.MouseButton.LeftButton)
    assert note.hasFocus() and hint.isVisible()
    assert use.text() == "Use “troop withdrawal”"
    QApplication.processEvents()  # the hint's buttons laid out
    assert session.layer.annotation(article.demand).attributes == {"issue": "sanctions"}
    qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
    assert session.layer.annotation(article.demand).attributes == {"issue": "troop withdrawal"}


def test_values_in_use_elsewhere_in_the_project_are_known_too(qtbot, tmp_path, article) -> None:
    with Project.open(article.path, annotator="Tester") as p:
        other = p.documents.add("The envoy demanded water supply talks.", title="Other").value
        p.layer().add_annotation(
            other.id, "Demand", [(11, 38)], attributes={"issue": "water supply"}
        )
    s = Session("Tester")
    s.open_project(article.path)
    s.open_document(article.doc)
    widget = AnnotationPanel(s)
    qtbot.addWidget(widget)
    widget.resize(420, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=2000)
    click_row(qtbot, widget, article.demand)
    type_issue(qtbot, widget, "Water-supply")  # only the other document uses it
    use = child(widget, QPushButton, "use-known-value")
    assert use.text() == "Use “water supply”" and use.hasFocus()
    qtbot.keyClick(use, Qt.Key.Key_Space)  # Space presses it too
    assert s.layer.annotation(article.demand).attributes == {"issue": "water supply"}
    s.close_project()
