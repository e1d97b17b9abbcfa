"""Fixtures of the end-to-end tests: the export validator of tests/io, a project's state."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

_HELPER = Path(__file__).resolve().parents[1] / "io" / "export_validation.py"


def _load_validator() -> Callable[[Path], Any]:
    spec = importlib.util.spec_from_file_location("e2e_export_validation", _HELPER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.assert_valid_export


@pytest.fixture(scope="session")
def assert_valid_export() -> Callable[[Path], Any]:
    """assert_valid_export(path) -> (header, documents); see tests/io/export_validation.py."""
    return _load_validator()


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def snapshot(cli) -> Callable[[Path], tuple[str, dict[str, Any]]]:
    """snapshot(project) -> (sha256 of the file's bytes, `annotator info --json`)."""

    def take(project: Path) -> tuple[str, dict[str, Any]]:
        result = cli("info", "--json", project)
        assert result.returncode == 0, result.stderr
        return file_sha256(project), json.loads(result.stdout)

    return take
