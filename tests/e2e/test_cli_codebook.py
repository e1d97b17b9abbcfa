"""`annotator schema` and `annotator guidelines`, run as a user would from a shell."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export_schema(cli, project: Path, out: Path) -> dict:
    result = cli("schema", project, "--export", out)
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def rename_quote(schema: dict) -> dict:
    for x in schema["labels"]:
        if x["name"] == "Quote":
            x["name"] = "Zitat"
    for r in schema["relations"]:
        r["source"] = "Zitat" if r["source"] == "Quote" else r["source"]
    return schema


def test_export_edit_import_migrates_and_raises_the_version(cli, demo_path, tmp_path) -> None:
    out = tmp_path / "schema.json"
    schema = export_schema(cli, demo_path, out)
    assert schema["format"] == "annotator-schema/1" and schema["version"] == 1
    quotes = json.loads(cli("info", "--json", demo_path).stdout)["annotations_per_label"]["Quote"]
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(rename_quote(schema), ensure_ascii=False), encoding="utf-8")

    dry = cli("schema", demo_path, "--import", edited, "--migrate", "Quote=Zitat", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert f"label 'Quote' → 'Zitat': {quotes} annotations" in dry.stdout
    assert "Dry run: nothing was written." in dry.stdout
    assert export_schema(cli, demo_path, out)["version"] == 1

    done = cli("schema", demo_path, "--import", edited, "--migrate", "Quote=Zitat")
    assert done.returncode == 0, done.stderr
    assert "Installed schema version 2" in done.stdout
    info = json.loads(cli("info", "--json", demo_path).stdout)
    assert info["annotations_per_label"].get("Zitat") == quotes
    assert "Quote" not in info["annotations_per_label"]
    now = export_schema(cli, demo_path, out)
    assert now["version"] == 2 and any(x["name"] == "Zitat" for x in now["labels"])
    assert cli("check", demo_path).returncode == 0

    again = cli("schema", demo_path, "--import", out)  # the current schema: nothing happens
    assert again.returncode == 0 and "unchanged (version 2)" in again.stdout
    assert export_schema(cli, demo_path, out)["version"] == 2


def test_a_refused_import_leaves_the_project_byte_for_byte(cli, demo_path, tmp_path) -> None:
    out = tmp_path / "schema.json"
    schema = rename_quote(export_schema(cli, demo_path, out))
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    before = file_sha256(demo_path)
    result = cli("schema", demo_path, "--import", edited)
    assert result.returncode == 2
    assert "label 'Quote' is removed, but" in result.stderr
    assert "--migrate Quote=Zitat" in result.stderr
    assert "Traceback" not in result.stderr
    assert file_sha256(demo_path) == before


def test_a_malformed_schema_file_is_named_and_refused(cli, demo_path, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "annotator-schema/1", "name": "x", "version": 1}', "utf-8")
    before = file_sha256(demo_path)
    result = cli("schema", demo_path, "--import", bad)
    assert result.returncode == 2
    assert "bad.json" in result.stderr or "labels" in result.stderr
    assert "Traceback" not in result.stderr
    assert file_sha256(demo_path) == before
    missing = cli("schema", demo_path, "--import", tmp_path / "nope.json")
    assert missing.returncode != 0 and "nope.json" in missing.stderr


def test_guidelines_set_print_and_export(cli, demo_path, tmp_path) -> None:
    source = tmp_path / "guide.md"
    source.write_bytes("# Leitfaden\r\n\r\nZitate *ohne* „sagte“.\r\n".encode("cp1252"))
    result = cli("guidelines", demo_path, "--set", source)
    assert result.returncode == 0, result.stderr
    printed = cli("guidelines", demo_path)
    assert printed.stdout == "# Leitfaden\n\nZitate *ohne* „sagte“.\n"
    out = tmp_path / "out.md"
    assert cli("guidelines", demo_path, "--export", out).returncode == 0
    assert out.read_text(encoding="utf-8") == printed.stdout
    native = tmp_path / "export.json"
    assert cli("export", demo_path, "--format", "native", "-o", native).returncode == 0
    assert json.loads(native.read_text("utf-8"))["project"]["guidelines"] == printed.stdout
