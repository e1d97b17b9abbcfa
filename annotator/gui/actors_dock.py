"""The Actors dock: the registry with counts per entity, and its edits.

Add, edit, merge, split an alias and delete go through undo commands
(gui/registry_commands.py); the Dossier button (or a double-click) opens an entity's dossier,
whose rows jump to the quote or demand in the reader (``jumpTo``/``annotationActivated``).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.gui.actors_model import COLUMNS, ID_ROLE, ActorsFilter, ActorsModel
from annotator.gui.dossier import DossierDialog
from annotator.gui.entity_dialog import EntityDialog
from annotator.gui.plain import ask, choose_item, inform, mnemonic_safe
from annotator.gui.registry_commands import (
    AddEntity,
    DeleteEntity,
    EditEntity,
    MergeEntities,
    SplitAlias,
)
from annotator.gui.session import Session


class ActorsDock(QDockWidget):
    """The actor registry in a sortable, filterable table with buttons for its edits."""

    jumpTo = Signal(str, int)  # from a dossier: document id, start offset
    annotationActivated = Signal(str, str)  # from a dossier: document id, annotation id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("Actors", parent)
        self.setObjectName("actors")
        self.session = session
        self.model = ActorsModel(session, self)
        self.proxy = ActorsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.dossiers: dict[str, DossierDialog] = {}

        self.search = QLineEdit(placeholderText="Filter by name, alias or type")
        self.search.setObjectName("actors-filter")
        self.search.setClearButtonEnabled(True)
        self.view = QTableView()
        self.view.setObjectName("actors-view")
        self._setup_view()
        self.summary = QLabel()
        self.summary.setObjectName("actors-summary")
        self.buttons: dict[str, QPushButton] = {}
        # Two rows of three: the dock shares its width with the Annotations tab, so one long
        # row of buttons would keep the reader narrow.
        row = QGridLayout()
        row.setSpacing(4)
        for n, (name, text, tip, slot) in enumerate(
            (
                ("add", "Add…", "Add an actor to the registry", self.add_entity),
                ("edit", "Edit…", "Edit the selected actor", self.edit_entity),
                ("merge", "Merge…", "Merge two selected actors into one", self.merge_entities),
                ("split", "Split alias…", "Make an alias an actor of its own", self.split_alias),
                (
                    "delete",
                    "Delete",
                    "Delete the selected actor (mentions stay)",
                    self.delete_entity,
                ),
                (
                    "dossier",
                    "Dossier",
                    "Quotes and demands of the selected actor",
                    self.open_dossier,
                ),
            )
        ):
            button = QPushButton(text)
            button.setObjectName(f"actors-{name}")
            button.setToolTip(tip)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            row.addWidget(button, n // 3, n % 3)
            self.buttons[name] = button

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        self.setWidget(body)

        self.search.textChanged.connect(self._filter)
        self.view.doubleClicked.connect(lambda _index: self.open_dossier())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        # The registry and its counts are read when the dock is first shown, not at start.
        session.projectOpened.connect(self._project_opened)
        session.changed.connect(self._changed)
        session.corpusChanged.connect(self._project_opened)
        self.visibilityChanged.connect(self._shown)

    def _project_opened(self) -> None:
        self.model.loaded = False
        # isVisible() is true for a dock behind another's tab, too: on screen is what counts
        if self.isVisible() and not self.visibleRegion().isEmpty():
            self.reload()

    def _shown(self, visible: bool) -> None:
        if visible and not self.model.loaded:
            self.reload()

    def _changed(self, changes: Changes) -> None:
        self.model.apply(changes)
        if changes.entities or changes.entity_counts:
            self._update_summary()

    def _setup_view(self) -> None:
        view = self.view
        view.setModel(self.proxy)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        metrics = view.fontMetrics()
        widths = {"name": "Government of the Karsian", "type": "organisation"}
        for column, (title, field) in enumerate(COLUMNS):
            header.resizeSection(column, metrics.horizontalAdvance(widths.get(field, title)) + 24)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # aliases: the rest
        header.setMinimumSectionSize(metrics.horizontalAdvance("Aliases") + 24)
        view.setSortingEnabled(True)
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    # -- reading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the registry and its counts again, keeping the selected rows."""
        keep = self.selected_ids()
        self.model.reload()
        self._select(keep)
        self._update_summary()
        self._update_buttons()

    def selected_ids(self) -> list[str]:
        """The selected entities, in the order they were selected."""
        return [i.data(ID_ROLE) for i in self.view.selectionModel().selectedRows()]

    def select_ids(self, ids: list[str]) -> None:
        self._select(ids)

    def _select(self, ids: list[str]) -> None:
        selection = self.view.selectionModel()
        selection.clear()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for n, entity_id in enumerate(ids):
            row = self.model.row_of(entity_id)
            if row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if not index.isValid():
                continue
            selection.select(index, flags)
            if n == 0:
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.view.scrollTo(index)

    def _filter(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_summary()

    def _update_summary(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        text = f"{total:,} actors" if shown == total else f"{shown:,} of {total:,} actors"
        self.summary.setText(text)

    def _update_buttons(self) -> None:
        count = len(self.selected_ids())
        open_ = self.session.project is not None
        self.buttons["add"].setEnabled(open_)
        for name in ("edit", "split", "delete", "dossier"):
            self.buttons[name].setEnabled(count == 1)
        self.buttons["merge"].setEnabled(count == 2)

    def _one(self) -> str | None:
        ids = self.selected_ids()
        return ids[0] if len(ids) == 1 else None

    # -- edits -------------------------------------------------------------------------------

    def add_entity(self) -> None:
        project = self.session.project
        if project is None:
            return
        dialog = EntityDialog(project.schema.entity_types, None, self)
        if dialog.exec():
            values = dialog.values()
            command = AddEntity(self.session, values.pop("name"), **values)
            if self.session.perform(command) and command.entity is not None:
                self._select([command.entity.id])

    def edit_entity(self) -> None:
        project, entity_id = self.session.project, self._one()
        if project is None or entity_id is None:
            return
        entity = project.registry.get(entity_id)
        dialog = EntityDialog(project.schema.entity_types, entity, self)
        if dialog.exec():
            changes = {k: v for k, v in dialog.values().items() if getattr(entity, k) != v}
            if changes:
                self.session.perform(EditEntity(self.session, entity_id, **changes))

    def merge_entities(self) -> None:
        project, ids = self.session.project, self.selected_ids()
        if project is None or len(ids) != 2:
            return
        first, second = project.registry.get(ids[0]), project.registry.get(ids[1])
        box = QMessageBox(self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # names come from colleagues' actor lists
        box.setObjectName("merge-confirm")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Merge actors")
        box.setText(f"Merge “{second.name}” into “{first.name}”?")
        box.setInformativeText(
            "Its mentions move to the actor you keep, and its name and aliases become aliases. "
            "Edit → Undo takes the merge back."
        )
        accept = QMessageBox.ButtonRole.AcceptRole
        keep_first = box.addButton(mnemonic_safe(f"Keep {first.name}"), accept)
        keep_first.setObjectName("keep-first")
        keep_second = box.addButton(mnemonic_safe(f"Keep {second.name}"), accept)
        keep_second.setObjectName("keep-second")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep_first)
        box.exec()
        if box.clickedButton() is keep_first:
            keep, other = first, second
        elif box.clickedButton() is keep_second:
            keep, other = second, first
        else:
            return
        if self.session.perform(MergeEntities(self.session, keep.id, other.id)):
            self._select([keep.id])

    def split_alias(self) -> None:
        project, entity_id = self.session.project, self._one()
        if project is None or entity_id is None:
            return
        entity = project.registry.get(entity_id)
        if not entity.aliases:
            inform(self, "Split alias", f"{entity.name} has no aliases.")
            return
        alias, ok = choose_item(
            self,
            "Split alias",
            f"Make this alias of {entity.name} an actor of its own\n"
            "(the mentions with this text go with it):",
            entity.aliases,
        )
        if ok and alias:
            command = SplitAlias(self.session, entity_id, alias)
            if self.session.perform(command) and command.new is not None:
                self._select([command.new.id])

    def delete_entity(self) -> None:
        project, entity_id = self.session.project, self._one()
        if project is None or entity_id is None:
            return
        entity = project.registry.get(entity_id)
        mentions = self.model.counts[entity_id].mentions if entity_id in self.model.counts else 0
        detail = f" Its {mentions} mention(s) stay, unlinked." if mentions else ""
        if ask(self, "Delete actor", f"Delete “{entity.name}” from the registry?{detail}"):
            self.session.perform(DeleteEntity(self.session, entity_id))

    # -- the dossier -------------------------------------------------------------------------

    def open_dossier(self, entity_id: str | None = None) -> DossierDialog | None:
        """Show the dossier of ``entity_id`` (default: the selected actor); one per actor."""
        entity_id = entity_id or self._one()
        if entity_id is None or self.session.project is None:
            return None
        dialog = self.dossiers.get(entity_id)
        if dialog is None:
            dialog = DossierDialog(self.session, entity_id, self.window())
            dialog.jumpTo.connect(self.jumpTo)
            dialog.annotationActivated.connect(self.annotationActivated)
            dialog.finished.connect(lambda _r, i=entity_id: self.dossiers.pop(i, None))
            self.dossiers[entity_id] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog
