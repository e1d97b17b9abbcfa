"""Golden files of the interchange exports: one small annotated document per format.

``tests/io/golden/claims-source.json`` is a native export with fixed ids and times (emoji, a
ZWJ sequence, CJK Ext-B, CRLF in the source text, a discontinuous quote, relations, attributes,
registry links). Each format's golden file is what its writer makes of that project. To
regenerate them on purpose (after a deliberate change of a writer, and a look at the diff):

    python tests/io/golden_files.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from annotator import Project
from annotator.io.formats import FORMATS
from annotator.io.importing import import_paths

GOLDEN = Path(__file__).resolve().parent / "golden"
SOURCE = GOLDEN / "claims-source.json"
#: format -> its golden file
FILES = {
    "web-annotation": GOLDEN / "web-annotation" / "claims.jsonld",
    "cas-json": GOLDEN / "cas-json" / "claims.zip",
}


def export(fmt: str, folder: Path) -> Path:
    """The source project exported in ``fmt`` into ``folder``."""
    project = folder / "golden.annotator"
    if not project.exists():
        with Project.create(project) as p:
            import_paths(p, [SOURCE], "native")
    out = folder / FILES[fmt].name
    with Project.open(project, readonly=True) as p:
        FORMATS[fmt].load_writer()(p.datasets(), out, None)
    return out


def regenerate() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for fmt, golden in FILES.items():
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(export(fmt, Path(folder)).read_bytes())
            print(f"wrote {golden}")


if __name__ == "__main__":
    sys.exit(regenerate())
