"""Every keyboard shortcut of the window, in one table, and the user's own bindings.

``SHORTCUTS`` holds each action's default keys; the menus, the reader's keys, the F1 sheet,
the Keyboard page of Preferences and the README's table are built from it. A user may bind an
action to other keys (Preferences → Keyboard, saved as ``shortcuts`` in preferences.json:
only the actions they changed, each with its list of keys; an empty list unbinds it).

Label and relation hotkeys come from the schema and are added at run time; they are not
rebound here, but a binding that takes one of them is a conflict. ``scope`` says where a
shortcut works: "reader" (the text has the focus; single letters live there so they never
fire while you type in a field) or "window" (anywhere in the window, the reader included).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence


@dataclass(frozen=True)
class Shortcut:
    action: str  # the name the window connects to
    keys: tuple[str, ...]  # QKeySequence strings (portable text), the defaults
    description: str
    scope: str = "reader"


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("delete", ("Delete",), "Delete the selected annotation"),
    Shortcut("next_annotation", ("J", "Tab"), "Next annotation"),
    Shortcut("previous_annotation", ("K", "Shift+Tab"), "Previous annotation"),
    Shortcut(
        "end_right", ("Shift+Right",), "Move the selected annotation's end one character right"
    ),
    Shortcut("end_left", ("Shift+Left",), "Move the selected annotation's end one character left"),
    Shortcut(
        "end_word_right", ("Ctrl+Shift+Right",), "Move the selected annotation's end one word right"
    ),
    Shortcut(
        "end_word_left", ("Ctrl+Shift+Left",), "Move the selected annotation's end one word left"
    ),
    Shortcut(
        "start_left", ("Alt+Shift+Left",), "Move the selected annotation's start one character left"
    ),
    Shortcut(
        "start_right",
        ("Alt+Shift+Right",),
        "Move the selected annotation's start one character right",
    ),
    Shortcut(
        "start_word_left",
        ("Ctrl+Alt+Shift+Left",),
        "Move the selected annotation's start one word left",
    ),
    Shortcut(
        "start_word_right",
        ("Ctrl+Alt+Shift+Right",),
        "Move the selected annotation's start one word right",
    ),
    Shortcut("deselect", ("Escape",), "Clear the selection / cancel picking a relation"),
    Shortcut(
        "snap_to_words",
        (),
        "Snap selections to whole words (turn on or off)",
        "window",
    ),
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
    Shortcut("import", ("Ctrl+I",), "Import articles or annotations", "window"),
    Shortcut("export", ("Ctrl+E",), "Export the project", "window"),
    Shortcut("search_corpus", ("Ctrl+Shift+F",), "Search all documents", "window"),
    Shortcut("preferences", ("Ctrl+,",), "Preferences", "window"),
    Shortcut("shortcuts", ("F1",), "This list of shortcuts", "window"),
    Shortcut("quit", ("Ctrl+Q",), "Quit", "window"),
    # Suggestions (gui/suggestions.py): the current one is the one walked to with . and ,
    Shortcut("next_suggestion", (".",), "Next suggestion"),
    Shortcut("previous_suggestion", (",",), "Previous suggestion"),
    Shortcut("accept_suggestion", ("Return", "Enter"), "Accept the current suggestion"),
    Shortcut(
        "reject_suggestion",
        ("Backspace",),
        "Reject the current suggestion (without one: delete the selected annotation)",
    ),
    Shortcut(
        "accept_label_suggestions",
        ("Shift+Return", "Shift+Enter"),
        "Accept every suggestion of the current one's label in the document",
    ),
    Shortcut("show_suggestions", ("Ctrl+Shift+G",), "Show suggestions (turn on or off)", "window"),
    # Review mode (gui/review_mode.py): the keys work there only.
    Shortcut(
        "review_mode", ("Ctrl+Shift+R",), "Review mode: compare layers, adjudicate gold", "window"
    ),
    Shortcut("next_disagreement", ("N",), "Review: next disagreement"),
    Shortcut("previous_disagreement", ("P",), "Review: previous disagreement"),
    Shortcut("reject_unit", ("X",), "Review: reject the unit (gold takes none of it)"),
    *(
        Shortcut(f"accept_{k}", (str(k),), f"Review: accept the version of compared annotator {k}")
        for k in range(1, 10)
    ),
)

#: The review mode's actions of the reader (enabled in review mode only).
REVIEW_ACTIONS = (
    "next_disagreement",
    "previous_disagreement",
    "reject_unit",
    *(f"accept_{k}" for k in range(1, 10)),
)

#: The suggestions' actions of the reader (gui/suggestions.py).
SUGGESTION_ACTIONS = (
    "next_suggestion",
    "previous_suggestion",
    "accept_suggestion",
    "reject_suggestion",
    "accept_label_suggestions",
)

#: The moves of an annotation's edges, in the order of their menu (Annotation → Move edge).
EDGE_MOVES = (
    "start_left",
    "start_right",
    "start_word_left",
    "start_word_right",
    "end_left",
    "end_right",
    "end_word_left",
    "end_word_right",
)

#: Descriptions of what happens with the mouse, for the sheet.
MOUSE = (
    ("Drag over text, then a label key", "Tag the selection (snapped to whole words)"),
    (
        "Alt + drag",
        "Select without snapping to words (or turn snapping off: Annotation menu, Preferences)",
    ),
    ("Ctrl + drag", "Add the selection as another fragment of the selected annotation"),
    ("Click a highlight", "Select its annotation; click again to cycle through overlapping ones"),
    ("Relation key (S, L, R), then click an actor", "Set the speaker, claimant or addressee"),
)

Bindings = Mapping[str, Sequence[str]]


def by_action() -> dict[str, Shortcut]:
    return {s.action: s for s in SHORTCUTS}


def portable(key: str) -> str:
    """One spelling per key ("shift+ctrl+left" and "Ctrl+Shift+Left" are one key)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText)


def native(key: str) -> str:
    """A key as this platform writes it (⌘ on macOS)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) or key


def native_keys(keys: Sequence[str]) -> str:
    """Keys as this platform writes them, joined with " or "."""
    return " or ".join(native(k) for k in keys)


def current_keys(overrides: Bindings | None = None) -> dict[str, tuple[str, ...]]:
    """Every action's keys: the user's binding where they made one, else the default."""
    overrides = overrides or {}
    return {
        s.action: tuple(overrides[s.action]) if s.action in overrides else s.keys for s in SHORTCUTS
    }


def overrides_of(keys: Bindings) -> dict[str, list[str]]:
    """The bindings that differ from the defaults (what preferences.json keeps)."""
    defaults = by_action()
    changed = {}
    for action, bound in keys.items():
        spec = defaults.get(action)
        spelled = [portable(k) for k in bound if portable(k)]
        if spec is not None and spelled != [portable(k) for k in spec.keys]:
            changed[action] = spelled
    return changed


def needs_modifier(key: str) -> bool:
    """A key that types a character (a letter, digit or sign, alone or with Shift): bound to a
    window-wide action, it would fire while the user types in a field."""
    sequence = QKeySequence(key)
    if sequence.isEmpty():
        return False
    combination = sequence[0]  # type: ignore[index]  # (the stubs lack __getitem__)
    held = combination.keyboardModifiers() & ~Qt.KeyboardModifier.ShiftModifier
    return held == Qt.KeyboardModifier.NoModifier and int(combination.key()) < 0x01000000


@dataclass(frozen=True)
class Conflict:
    """A key that cannot work as bound: ``names`` (two or more) share it, or it types a
    character and ``names`` holds the window-wide action it was given (``types``)."""

    key: str  # portable text
    names: tuple[str, ...]
    types: bool = False

    def text(self) -> str:
        quoted = [f"“{name}”" for name in self.names]
        listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
        if self.types and len(quoted) == 1:
            return (
                f"{native(self.key)} types a character, but {listed} works anywhere in the "
                "window, also while you type in a field: give it a key with Ctrl or Alt"
            )
        return f"{native(self.key)} is bound to {listed}"


def conflicts(keys: Bindings, fixed: Mapping[str, str] | None = None) -> list[Conflict]:
    """Keys that cannot work as bound, in table order: a key bound to more than one action or
    schema key (``fixed``: key → what it does; every scope overlaps the reader, so a key may
    serve only one), and keys that type a character given to a window-wide action."""
    names = {s.action: s.description for s in SHORTCUTS}
    scopes = {s.action: s.scope for s in SHORTCUTS}
    users: dict[str, list[str]] = {}
    typing: dict[str, list[str]] = {}
    for action, bound in keys.items():
        for key in dict.fromkeys(portable(k) for k in bound):
            if not key:
                continue
            users.setdefault(key, []).append(names.get(action, action))
            if scopes.get(action) == "window" and needs_modifier(key):
                typing.setdefault(key, []).append(names[action])
    for key, what in (fixed or {}).items():
        users.setdefault(portable(key), []).append(what)
    found = []
    for key, who in users.items():
        if len(who) > 1 or key in typing:
            found.append(Conflict(key, tuple(who), types=key in typing))
    return found


def conflict_text(found: Sequence[Conflict]) -> str:
    """One line per conflict."""
    return "\n".join(c.text() for c in found)


def apply_keys(actions: Mapping[str, QAction], keys: Mapping[str, Sequence[str]]) -> None:
    """Give each action its keys (rebinding takes effect at once, menus included)."""
    for name, action in actions.items():
        if name in keys:
            action.setShortcuts([QKeySequence(k) for k in keys[name]])
