"""The window under a schema with German names (tests/io/claims_de.json, plus a place label
that links to the registry too): tagging all occurrences uses the actor label (role "actor"),
the Actors dock counts the quotes and the dossier groups them by role."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gui_mouse import drag_select

from annotator import Project
from annotator.core.schema import parse_schema
from annotator.gui.dossier import ENTRY_ROLE
from annotator.gui.propagation_dialog import PropagationDialog

SCHEMA_FILE = Path(__file__).parents[1] / "io" / "claims_de.json"
TEXT = "Karamov sagte, die Gespräche würden in Valdor fortgesetzt. Valdor begrüßte das."


@pytest.fixture
def german_project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    data = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    # A second label linked to the registry, listed first: the actor label is still "Akteur".
    data["labels"].insert(0, {"name": "Ort", "hotkey": "O", "entity": True})
    path = tmp_path / "de.annotator"
    with Project.create(path, schema=parse_schema(data), annotator="Tester") as p:
        doc = p.documents.add(TEXT, title="Gespräche").value
        karamov = p.registry.add("Sergei Karamov", type="person", aliases=["Karamov"]).value
        layer = p.layer()
        mention = layer.add_annotation(doc.id, "Akteur", [(0, 7)], entity=karamov.id).value
        start = TEXT.index("die Gespräche")
        quote = layer.add_annotation(doc.id, "Zitat", [(start, start + 40)]).value
        layer.add_relation("sprecher", quote.id, mention.id)
    return path, {"karamov": karamov.id, "quote": quote.id}


def test_tag_all_occurrences_tags_as_the_actor_label(qtbot, make_window, german_project) -> None:
    path, ids = german_project
    window = make_window(path)
    start = TEXT.index("Valdor")
    drag_select(window.reader, start, start + len("Valdor"))
    point = window.reader.point_of(start + 2).toPoint()
    menu = window.reader_menu.build(point)
    (action,) = [a for a in menu.actions() if a.objectName() == "tag-all-occurrences"]
    action.trigger()
    dialog = window.findChild(PropagationDialog)
    assert dialog.label == "Akteur" and "as Akteur" in dialog.heading.text()
    assert len(dialog.occurrences) == 2
    dialog.apply_button.click()
    layer = window.session.layer
    made = [a for a in layer.annotations(window.session.document.id) if a.text == "Valdor"]
    assert [a.label for a in made] == ["Akteur", "Akteur"]

    default = PropagationDialog(window.session, None, window, entity_id=ids["karamov"])
    qtbot.addWidget(default)
    assert default.label == "Akteur"


def test_actors_dock_and_dossier_count_the_quotes_of_the_german_schema(
    qtbot, make_window, german_project
) -> None:
    path, ids = german_project
    window = make_window(path)
    dock = window.actors
    dock.reload()
    assert dock.model.counts[ids["karamov"]].quotes == 1
    dossier = dock.open_dossier(ids["karamov"])
    qtbot.waitExposed(dossier)
    (row,) = dossier.items("speaker")
    assert row.data(0, ENTRY_ROLE).annotation_id == ids["quote"]
    assert row.data(0, ENTRY_ROLE).label == "Zitat"
    groups = [dossier.tree.topLevelItem(i).text(0) for i in range(dossier.tree.topLevelItemCount())]
    assert groups == ["Quotes (1)", "Demands made (0)", "Demands received (0)"]
