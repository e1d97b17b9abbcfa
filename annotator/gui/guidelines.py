"""The Guidelines tab: the project's guidelines rendered from Markdown, safely, with the
schema's labels (colour, hotkey, description) and relations under them; and the editor a
lead writes them in (Project → Edit guidelines…).

Guidelines come from a project file someone else may have written, so they are rendered
with Qt's own Markdown reader (GitHub dialect) *without HTML*: raw HTML shows as the text it
is, never as markup; nothing is loaded (``loadResource`` returns nothing, so no image or
style sheet is fetched from the network or read from a file) and an image is shown as its
address in brackets. A link opens only when clicked, and only an ``http``/``https`` one (in
the system's browser). The schema's names and descriptions are inserted as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.core.schema import Schema
from annotator.gui.commands import StoreCommand
from annotator.gui.session import Session

#: Qt's Markdown dialect for guidelines: GitHub's (tables, task lists, strike-through,
#: autolinks) with every kind of raw HTML left as text.
MARKDOWN = QTextDocument.MarkdownFeature.MarkdownDialectGitHub | (
    QTextDocument.MarkdownFeature.MarkdownNoHTML
)
#: Link schemes a click opens (in the system's browser); others do nothing.
OPENED_SCHEMES = ("http", "https")


class MarkdownView(QTextBrowser):
    """Markdown rendered without HTML, loading nothing, opening only clicked web links."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._clicked)
        self.requested: list[str] = []  # what the text asked to load (and did not get)

    def loadResource(self, type: int, name: QUrl | str) -> object:
        self.requested.append(name.toString() if isinstance(name, QUrl) else str(name))
        return None

    def _clicked(self, url: QUrl) -> None:
        if url.scheme().lower() in OPENED_SCHEMES:
            QDesktopServices.openUrl(url)

    def show_markdown(self, text: str) -> None:
        self.document().setMarkdown(text, MARKDOWN)
        self._images_as_text()

    def _link_color(self) -> QColor:
        """The palette's link colour, or a light blue on a dark background (the dark theme
        sets no link colour of its own, and Qt's default blue is unreadable there)."""
        if self.palette().base().color().lightness() < 128:
            return QColor("#6CB4F8")
        return self.palette().link().color()

    def _images_as_text(self) -> None:
        """Each image becomes "[image: address]": nothing is loaded, the reader sees why;
        links get a colour that can be read on the theme's background."""
        doc = self.document()
        block = doc.begin()
        found: list[tuple[int, int, str]] = []
        links: list[tuple[int, int]] = []
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fmt.isImageFormat():
                    name = fmt.toImageFormat().name()
                    found.append((fragment.position(), fragment.length(), name))
                elif fmt.isAnchor():
                    links.append((fragment.position(), fragment.length()))
                it += 1
            block = block.next()
        link = QTextCharFormat()
        link.setForeground(self._link_color())
        for position, length in links:
            cursor = QTextCursor(doc)
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(link)
        for position, length, name in reversed(found):
            cursor = QTextCursor(doc)
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(f"[image: {name}]", QTextCharFormat())


class GuidelinesView(MarkdownView):
    """The project's guidelines (rendered), then the schema's labels and relations."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidelines")

    def show_project(self, guidelines: str, schema: Schema) -> None:
        self.show_markdown(guidelines if guidelines.strip() else "")
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        plain = QTextCharFormat()
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        heading = QTextCharFormat(bold)
        heading.setFontPointSize(self.font().pointSizeF() * 1.2)
        if guidelines.strip():
            cursor.insertBlock()
        cursor.insertText(f"Schema: {schema.name} (version {schema.version})", heading)
        for label in schema.labels:
            cursor.insertBlock()
            swatch = QTextCharFormat()
            swatch.setForeground(QColor(label.color))
            cursor.insertText("■ ", swatch)
            cursor.insertText(label.name, bold)
            if label.hotkey:
                cursor.insertText(f"  [{label.hotkey}]", plain)
            if label.description:
                cursor.insertText(f" — {label.description}", plain)
            for attribute in label.attributes:
                cursor.insertBlock()
                more = " (other values allowed)" if attribute.editable else ""
                cursor.insertText(
                    f"      {attribute.name}: {', '.join(attribute.values)}{more}", plain
                )
        for relation in schema.relations:
            cursor.insertBlock()
            need = "required" if relation.required else "optional"
            key = f" [{relation.hotkey}]" if relation.hotkey else ""
            cursor.insertText(relation.name, bold)
            text = f"{key}: {relation.source} → {relation.target} ({need})"
            cursor.insertText(
                text + (f" — {relation.description}" if relation.description else ""), plain
            )
        self.moveCursor(QTextCursor.MoveOperation.Start)


class SetGuidelines(StoreCommand):
    """Replace the project's guidelines (undo puts the previous text back)."""

    def __init__(self, session: Session, text: str) -> None:
        super().__init__(session, "Edit guidelines")
        self.document_id = None  # not an edit of a document
        self.new_text = text
        self.previous = self.project.guidelines

    def apply(self) -> None:
        self.project.set_guidelines(self.new_text)

    def revert(self) -> None:
        self.project.set_guidelines(self.previous)


class GuidelinesEditor(QDialog):
    """Markdown on the left, the rendered guidelines on the right (updated as you type)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit guidelines")
        self.setObjectName("guidelines-editor")
        self.resize(1000, 640)
        self.source = QPlainTextEdit()
        self.source.setObjectName("guidelines-source")
        self.source.setPlainText(text)
        self.preview = MarkdownView()
        self.preview.setObjectName("guidelines-preview")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.source)
        split.addWidget(self.preview)
        split.setSizes([500, 500])
        hint = QLabel(
            "Markdown: # headings, *emphasis*, **bold**, lists, tables, [links](https://…). "
            "HTML is shown as text; images are not loaded."
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._render)
        self.source.textChanged.connect(self._timer.start)
        self._render()
        self.source.setFocus()

    def _render(self) -> None:
        self.preview.show_markdown(self.source.toPlainText())

    def text(self) -> str:
        return self.source.toPlainText()
