"""The Web Annotation and CAS JSON exports of a small document, byte for byte (golden files)."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden_files import FILES, export
from interchange_checks import annotations_of, expand, read_cases, read_collections


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_export_equals_the_golden_file(fmt: str, tmp_path: Path) -> None:
    out = export(fmt, tmp_path)
    assert out.read_bytes() == FILES[fmt].read_bytes(), (
        f"{fmt} export changed; if on purpose, run python tests/io/golden_files.py"
    )


def test_golden_files_are_read_by_the_readers() -> None:
    (collection,) = read_collections(FILES["web-annotation"])
    assert len(annotations_of(expand(collection))) == 8  # 5 spans, 3 links
    (cas,) = read_cases(FILES["cas-json"]).values()
    quote = [fs.get_covered_text() for fs in cas.select("webanno.custom.Quote")]
    assert quote == ["Wir geben nicht auf,", "kein Dorf."]
    (demand,) = cas.select("webanno.custom.Demand")
    assert demand.get_covered_text() == "einen Waffenstillstand 𠀋"
