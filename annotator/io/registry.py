"""Sharing the actor registry between projects: export it as CSV or JSON, import such a file.

An import *merges*: each entity of the file is matched to the project's registry by id, then
by name (the key of :func:`~annotator.core.matching.normalise_name`, so case and diacritics do
not matter). A matched entity gains the file's new names as aliases, and its type, Wikidata
id and note where it has none; where both have a different value the project's stays and the
report warns. An entity that matches nothing is added, with the file's id if it has one. The
whole file goes in one transaction; bad input changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError, ValidationError
from annotator.core.matching import normalise_name
from annotator.core.model import Entity
from annotator.io.common import from_spreadsheet_cell, read_text_file, spreadsheet_cell
from annotator.io.native import atomic_output
from annotator.store.project import Project
from annotator.store.registry import WIKIDATA_ID

FORMAT = "annotator-registry/1"
COLUMNS = ("id", "name", "type", "aliases", "wikidata", "note")
ALIAS_SEPARATOR = "; "
#: CSV (UTF-8 with a byte-order mark, as the other tables, so that Excel reads it) or JSON.
FORMATS = ("csv", "json")
#: Other spellings of a column accepted on import (the actors-csv export has "actor_id").
COLUMN_ALIASES = {"actor_id": "id"}


@dataclass
class RegistryImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class _Record:
    """One entity as the file gives it; ``where`` names it in messages."""

    where: str
    name: str
    id: str | None = None
    type: str | None = None
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    note: str | None = None


# -- export ----------------------------------------------------------------------------------


def entity_dict(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "wikidata": entity.wikidata,
        "note": entity.note,
    }


def export_registry(project: Project, out: Path, fmt: str = "csv") -> int:
    """Write the registry (sorted by name) to ``out`` atomically; returns how many entities."""
    if fmt not in FORMATS:
        raise ValidationError(f"unknown registry format {fmt!r} (use csv or json)")
    entities = project.registry.all()
    if fmt == "json":
        data = {"format": FORMAT, "entities": [entity_dict(e) for e in entities]}
        with atomic_output(out) as fh:
            fh.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        with atomic_output(out, encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS)
            for e in entities:
                aliases = ALIAS_SEPARATOR.join(e.aliases)
                cells = [e.id, e.name, e.type, aliases, e.wikidata, e.note]
                writer.writerow([spreadsheet_cell(cell) for cell in cells])
    return len(entities)


# -- reading a file --------------------------------------------------------------------------


def _optional(value: Any, what: str, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: {what} must be text, not {type(value).__name__}")
    return value.strip() or None


def _aliases(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parts = value.split(";")
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        parts = value
    else:
        raise InputError(f"{where}: aliases must be a list of names or text separated by ';'")
    return [p.strip() for p in parts if p.strip()]


def _record(raw: dict[str, Any], where: str) -> _Record:
    name = _optional(raw.get("name"), "name", where)
    if not name:
        raise InputError(f"{where}: an actor needs a name")
    return _Record(
        where,
        name,
        _optional(raw.get("id"), "id", where),
        _optional(raw.get("type"), "type", where),
        _aliases(raw.get("aliases"), where),
        _optional(raw.get("wikidata"), "wikidata", where),
        _optional(raw.get("note"), "note", where),
    )


def _read_json(text: str, name: str) -> list[_Record]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    if isinstance(data, dict):
        if data.get("format", FORMAT) != FORMAT:
            raise InputError(f"{name}: format {data.get('format')!r} is not {FORMAT!r}")
        data = data.get("entities")
    if not isinstance(data, list):
        raise InputError(f'{name}: expected {{"format": "{FORMAT}", "entities": [...]}}')
    records = []
    for number, raw in enumerate(data, start=1):
        where = f"{name}: entity {number}"
        if not isinstance(raw, dict):
            raise InputError(f"{where}: expected an object")
        records.append(_record(raw, where))
    return records


def _read_csv(text: str, name: str) -> list[_Record]:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first else ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    header = [COLUMN_ALIASES.get(h, h) for h in header]
    if "name" not in header:
        found = ", ".join(h for h in header if h) or "none"
        raise InputError(f"{name}: no 'name' column (columns found: {found})")
    records = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        where = f"{name}: line {reader.line_num}"
        raw = {
            h: from_spreadsheet_cell(cell)
            for h, cell in zip(header, row, strict=False)
            if h in COLUMNS
        }
        records.append(_record(raw, where))
    return records


def read_registry_file(path: Path) -> list[_Record]:
    """The entities of a registry file (JSON if it looks like JSON, else CSV), validated for
    shape; raises :class:`InputError` naming the line or entity that is wrong."""
    text = read_text_file(path)
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("{", "[")):
        return _read_json(text, str(path))
    return _read_csv(text, str(path))


def _validate(project: Project, records: list[_Record]) -> None:
    allowed = project.schema.entity_types
    for r in records:
        if r.type is not None and allowed and r.type not in allowed:
            raise InputError(
                f"{r.where}: unknown actor type {r.type!r} (allowed: {', '.join(allowed)})"
            )
        if r.wikidata is not None and not WIKIDATA_ID.match(r.wikidata):
            raise InputError(f"{r.where}: {r.wikidata!r} is not a Wikidata id (like Q42)")


# -- merging ---------------------------------------------------------------------------------


class _Merger:
    """The registry as the import goes along (entities added earlier in the file count)."""

    def __init__(self, project: Project, report: RegistryImportReport) -> None:
        self.project, self.report = project, report
        self.by_id: dict[str, Entity] = {}
        self.by_key: dict[str, list[str]] = {}
        for entity in project.registry.all():
            self._remember(entity)

    def _remember(self, entity: Entity) -> None:
        self.by_id[entity.id] = entity
        ids = self.by_key.setdefault(normalise_name(entity.name), [])
        if entity.id not in ids:
            ids.append(entity.id)

    def _match(self, r: _Record) -> Entity | None:
        if r.id is not None and r.id in self.by_id:
            return self.by_id[r.id]
        found = self.by_key.get(normalise_name(r.name), [])
        if len(found) > 1:
            names = ", ".join(repr(self.by_id[i].name) for i in found)
            raise _Ambiguous(f"{r.where}: {r.name!r} matches several actors ({names}); skipped")
        return self.by_id[found[0]] if found else None

    def apply(self, r: _Record) -> None:
        try:
            entity = self._match(r)
        except _Ambiguous as exc:
            self.report.warnings.append(str(exc))
            return
        if entity is None:
            new = self.project.registry.add(
                r.name, type=r.type, aliases=r.aliases, wikidata=r.wikidata, note=r.note, id=r.id
            ).value
            self._remember(new)
            self.report.added += 1
            return
        changes: dict[str, Any] = {}
        keys = {normalise_name(n) for n in (entity.name, *entity.aliases)}
        aliases = list(entity.aliases)
        if normalise_name(r.name) not in keys:
            self.report.warnings.append(
                f"{r.where}: actor {entity.id} is called {entity.name!r} here; "
                f"{r.name!r} was added as an alias"
            )
        for name in (r.name, *r.aliases):
            key = normalise_name(name)
            if key and key not in keys:
                keys.add(key)
                aliases.append(name)
        if aliases != entity.aliases:
            changes["aliases"] = aliases
        for what in ("type", "wikidata", "note"):
            mine, theirs = getattr(entity, what), getattr(r, what)
            if theirs is None or mine == theirs:
                continue
            if not mine:
                changes[what] = theirs
            else:
                self.report.warnings.append(
                    f"{r.where}: {entity.name!r} keeps its {what} {mine!r} (the file has "
                    f"{theirs!r})"
                )
        if changes:
            self._remember(self.project.registry.update(entity.id, **changes).value)
            self.report.updated += 1
        else:
            self.report.unchanged += 1


class _Ambiguous(Exception):
    pass


def import_registry(project: Project, path: Path) -> RegistryImportReport:
    """Merge a registry file (CSV or JSON, as :func:`export_registry` writes) into the
    project's registry, in one transaction; see the module docstring for the rules."""
    records = read_registry_file(path)
    _validate(project, records)
    report = RegistryImportReport()
    current = ""
    try:
        with project.transaction():
            merger = _Merger(project, report)
            for record in records:
                current = record.where
                merger.apply(record)
    except ValidationError as exc:  # e.g. an id used twice in the file for different names
        raise InputError(f"{current}: {exc}") from None
    return report


__all__ = [
    "FORMAT",
    "FORMATS",
    "RegistryImportReport",
    "export_registry",
    "import_registry",
    "read_registry_file",
]
