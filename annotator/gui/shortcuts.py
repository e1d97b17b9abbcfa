"""Every keyboard shortcut of the window, in one table (the F1 sheet is printed from it).

Label and relation hotkeys come from the schema and are added at run time; the rest is here.
``scope`` says where a shortcut works: "reader" (the text has the focus; single letters live
there so they never fire while you type in a field) or "window".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shortcut:
    action: str  # the name the window connects to
    keys: tuple[str, ...]  # QKeySequence strings
    description: str
    scope: str = "reader"


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("delete", ("Delete", "Backspace"), "Delete the selected annotation"),
    Shortcut("next_annotation", ("J", "Tab"), "Next annotation"),
    Shortcut("previous_annotation", ("K", "Shift+Tab"), "Previous annotation"),
    Shortcut(
        "end_right", ("Shift+Right",), "Move the selected annotation's end one character right"
    ),
    Shortcut("end_left", ("Shift+Left",), "Move its end one character left"),
    Shortcut("end_word_right", ("Ctrl+Shift+Right",), "Move its end one word right"),
    Shortcut("end_word_left", ("Ctrl+Shift+Left",), "Move its end one word left"),
    Shortcut("start_left", ("Alt+Shift+Left",), "Move its start one character left"),
    Shortcut("start_right", ("Alt+Shift+Right",), "Move its start one character right"),
    Shortcut("start_word_left", ("Ctrl+Alt+Shift+Left",), "Move its start one word left"),
    Shortcut("start_word_right", ("Ctrl+Alt+Shift+Right",), "Move its start one word right"),
    Shortcut("deselect", ("Escape",), "Clear the selection / cancel picking a relation"),
    Shortcut(
        "done_next",
        ("Ctrl+Return", "Ctrl+Enter"),
        "Mark the document done and open the next one not done",
        "window",
    ),
    Shortcut("next_document", ("Ctrl+PgDown",), "Next document", "window"),
    Shortcut("previous_document", ("Ctrl+PgUp",), "Previous document", "window"),
    Shortcut("find", ("Ctrl+F",), "Find in the document", "window"),
    Shortcut("undo", ("Ctrl+Z",), "Undo", "window"),
    Shortcut("redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo", "window"),
    Shortcut("zoom_in", ("Ctrl++", "Ctrl+="), "Larger text", "window"),
    Shortcut("zoom_out", ("Ctrl+-",), "Smaller text", "window"),
    Shortcut("open_project", ("Ctrl+O",), "Open a project", "window"),
    Shortcut("new_project", ("Ctrl+N",), "New project", "window"),
    Shortcut("import", ("Ctrl+I",), "Import articles", "window"),
    Shortcut("export", ("Ctrl+E",), "Export the project", "window"),
    Shortcut("search_corpus", ("Ctrl+Shift+F",), "Search all documents", "window"),
    Shortcut("preferences", ("Ctrl+,",), "Preferences", "window"),
    Shortcut("shortcuts", ("F1",), "This list of shortcuts", "window"),
    Shortcut("quit", ("Ctrl+Q",), "Quit", "window"),
)

#: Descriptions of what happens with the mouse, for the sheet.
MOUSE = (
    ("Drag over text, then a label key", "Tag the selection (snapped to whole words)"),
    ("Alt + drag", "Select without snapping to words"),
    ("Ctrl + drag", "Add the selection as another fragment of the selected annotation"),
    ("Click a highlight", "Select its annotation; click again to cycle through overlapping ones"),
    ("Relation key (S, L, R), then click an actor", "Set the speaker, claimant or addressee"),
)


def by_action() -> dict[str, Shortcut]:
    return {s.action: s for s in SHORTCUTS}
