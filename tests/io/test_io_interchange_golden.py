"""Each interchange export of the golden document, byte for byte (see golden_interchange.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden_interchange import GOLDEN_FORMATS, comparable, exported, stored


@pytest.mark.parametrize("fmt", sorted(GOLDEN_FORMATS))
def test_export_equals_its_golden_files(fmt: str, tmp_path: Path) -> None:
    golden = stored(fmt)
    assert golden, f"no golden files for {fmt}: run tests/io/golden_interchange.py"
    assert comparable(exported(fmt, tmp_path)) == comparable(golden)
