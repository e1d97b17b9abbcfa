"""Render the application's SVG icon (packaging/linux/annotator.svg) to the PNG sizes of the
freedesktop icon theme and to a Windows .ico, with Qt's own SVG renderer.

    python packaging/render_icons.py OUT_FOLDER
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SVG = Path(__file__).with_name("linux") / "annotator.svg"


def render(size: int, renderer: QSvgRenderer) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main(out: Path) -> None:
    app = QGuiApplication.instance() or QGuiApplication(["render_icons", "-platform", "offscreen"])
    renderer = QSvgRenderer(QByteArray(SVG.read_bytes()))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: not an SVG Qt can render")
    for size in SIZES:
        folder = out / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        if not render(size, renderer).save(str(folder / "org.annotator.Annotator.png")):
            raise SystemExit(f"could not write the {size}px icon")
    # Windows takes its program icon from an .ico (Qt's image plugins write one)
    if not render(256, renderer).save(str(out / "annotator.ico"), "ICO"):
        print("note: this Qt has no .ico writer; the Windows build needs one", file=sys.stderr)
    del app


if __name__ == "__main__":
    main(Path(sys.argv[1]))
