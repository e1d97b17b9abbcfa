"""Light and dark appearance (the Fusion style, with a dark palette when asked for)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

#: The edge of a check box or radio button in the dark theme (Fusion draws it a shade darker
#: than the window: on the dark base it all but vanishes).
DARK_INDICATOR_EDGE = "#9a9a9a"


class DarkFusion(QProxyStyle):
    """Fusion, with check boxes and radio buttons given an edge that shows on a dark window."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        round_ = element == QStyle.PrimitiveElement.PE_IndicatorRadioButton
        if not round_ and element != QStyle.PrimitiveElement.PE_IndicatorCheckBox:
            return
        focus = QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange
        if option.state & focus == focus:
            return  # Fusion's own edge is the focus colour then
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(QColor(0, 0, 0, 0))
        painter.setPen(QColor(DARK_INDICATOR_EDGE))
        box = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)  # on Fusion's own edge
        if round_:
            painter.drawEllipse(box)
        else:
            painter.drawRect(box)
        painter.restore()


def apply_theme(app: QApplication, theme: str) -> None:
    app.setStyle(DarkFusion() if theme == "dark" else QStyleFactory.create("Fusion"))
    if theme != "dark":
        app.setPalette(app.style().standardPalette())
        return
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#333333",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#3d6fb4",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#333333",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        # Fusion's default is nearly black: a placeholder ("Search titles and texts") and a
        # disabled label must stay readable on the dark base
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8a8a8a"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#8a8a8a"))
    app.setPalette(palette)
