"""INCEpTION / UIMA CAS JSON (0.4.0): a .zip with one CAS per document and annotator.

Each ``<document id>/<annotator id>.json`` in the zip (``INITIAL_CAS.json`` for a document
nobody annotated, when every layer is exported) is a UIMA CAS in the JSON format that
INCEpTION imports ("UIMA CAS JSON") and dkpro-cassis reads, with its type system included:

- the sofa string is the stored text (LF, NFC), ``begin``/``end`` in UTF-16 code units as
  Java counts them;
- a custom span layer per label, ``webanno.custom.<Label>`` (a Java identifier made from the
  label name), with a string feature per attribute of the schema and, for labels linked to the
  registry, ``entity`` (the Wikidata IRI when known, else ``urn:uuid:<entity id>``);
- a relation layer per relation, ``webanno.custom.<Relation>``, with ``Governor`` (the
  source) and ``Dependent`` (the target), spanning the dependent as INCEpTION draws it;
- a ``DocumentMetaData`` with the title, id and project name (``collectionId``), and
  INCEpTION's ``CASMetadata`` whose ``username`` is the annotator's *name* (INCEpTION knows
  its users by name; ``CURATION_USER`` for gold), with ``sourceDocumentName`` and
  ``projectName``.

A CAS annotation is one continuous span, so a discontinuous annotation becomes one annotation
per fragment, each with the features; its relations start or end at the first fragment.
Notes, origin and times are not carried.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from annotator.core.errors import OutputError
from annotator.core.offsets import Utf16Map
from annotator.core.reports import Cancelled, ProgressCallback
from annotator.core.schema import LabelSpec, Schema, parse_schema
from annotator.io.json_text import flat_objects, indented
from annotator.io.native import EXPORT_MODE
from annotator.store.annotators import GOLD_ID
from annotator.store.datasets import Datasets

PREFIX = "webanno.custom."
ANNOTATION = "uima.tcas.Annotation"
STRING = "uima.cas.String"
METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
#: INCEpTION's own metadata of a CAS: whose annotations it holds (``username``, the user's
#: name), of which document and project.
CAS_METADATA = "de.tudarmstadt.ukp.clarin.webanno.api.type.CASMetadata"
#: INCEpTION's user name of the curated (gold) CAS of a document.
CURATION_USER = "CURATION_USER"
WIKIDATA = "http://www.wikidata.org/entity/"
ENTITY_FEATURE = "entity"
#: The name of the one CAS of a document nobody annotated (INCEpTION's name for a document's
#: CAS before anyone annotates it), so that every document reaches INCEpTION.
INITIAL = "INITIAL_CAS"
#: Feature names UIMA or INCEpTION use themselves.
RESERVED = frozenset({"begin", "end", "sofa", "Governor", "Dependent", ENTITY_FEATURE})
_NOT_NAME = re.compile(r"\W+")


def java_name(name: str, capital: bool) -> str:
    """A Java identifier from a label, relation or attribute name ("speaker" -> "Speaker")."""
    cleaned = _NOT_NAME.sub("_", name).strip("_") or "x"
    if cleaned[0].isdigit():
        cleaned = "_" + cleaned
    first = cleaned[0].upper() if capital else cleaned[0]
    return first + cleaned[1:]


def _unique(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted2``, ``wanted3``... if taken; the name is then taken."""
    name, n = wanted, 2
    while name in taken:
        name, n = f"{wanted}{n}", n + 1
    taken.add(name)
    return name


class TypeSystem:
    """The layers of a schema: type names for labels and relations, feature names."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        taken: set[str] = {"DocumentMetaData"}
        self.types: dict[str, str] = {}  # label or ("rel:" + relation) -> type name
        for label in schema.labels:
            self.types[label.name] = PREFIX + _unique(java_name(label.name, True), taken)
        for rel in schema.relations:
            self.types["rel:" + rel.name] = PREFIX + _unique(java_name(rel.name, True), taken)
        self.features: dict[tuple[str, str], str] = {}
        for label in schema.labels:
            used = set(RESERVED)
            for attr in label.attributes:
                self.features[label.name, attr.name] = _unique(java_name(attr.name, False), used)

    def json(self) -> dict[str, Any]:
        types: dict[str, Any] = {
            METADATA: {
                "%NAME": METADATA,
                "%SUPER_TYPE": "uima.tcas.DocumentAnnotation",
                **{
                    f: {"%NAME": f, "%RANGE": STRING}
                    for f in ("documentTitle", "documentId", "collectionId")
                },
            },
            CAS_METADATA: {
                "%NAME": CAS_METADATA,
                "%SUPER_TYPE": ANNOTATION,
                **{
                    f: {"%NAME": f, "%RANGE": STRING}
                    for f in ("username", "sourceDocumentName", "projectName")
                },
            },
        }
        for label in self.schema.labels:
            types[self.types[label.name]] = self._span_type(label)
        for rel in self.schema.relations:
            name = self.types["rel:" + rel.name]
            types[name] = {
                "%NAME": name,
                "%SUPER_TYPE": ANNOTATION,
                "Governor": {"%NAME": "Governor", "%RANGE": self.types[rel.source]},
                "Dependent": {"%NAME": "Dependent", "%RANGE": self.types[rel.target]},
            }
        return types

    def _span_type(self, label: LabelSpec) -> dict[str, Any]:
        name = self.types[label.name]
        features = [self.features[label.name, a.name] for a in label.attributes]
        if label.entity:
            features.append(ENTITY_FEATURE)
        return {
            "%NAME": name,
            "%SUPER_TYPE": ANNOTATION,
            **{f: {"%NAME": f, "%RANGE": STRING} for f in features},
        }


class CasBuilder:
    """The CAS JSON of one document and annotator."""

    def __init__(
        self,
        types: TypeSystem,
        wikidata: dict[str, str],
        names: dict[str, str] | None = None,
        project: str = "",
    ) -> None:
        self.types = types
        self.wikidata = wikidata
        self.names = names or {}  # annotator id -> name
        self.project = project
        self.type_json = types.json()
        self.type_text = indented(self.type_json, 1)  # the same in every CAS: encoded once
        self.linked = {label.name for label in types.schema.labels if label.entity}
        self.split = 0  # discontinuous annotations split into their fragments
        self.fragments = 0
        self.skipped = 0  # annotations or relations whose label or type the schema lacks

    def cas(self, doc: dict[str, Any], annotator: str) -> dict[str, Any]:
        text: str = doc["text"]
        u16 = Utf16Map(text)
        structures: list[dict[str, Any]] = [
            {
                "%ID": 1,
                "%TYPE": "uima.cas.Sofa",
                "sofaNum": 1,
                "sofaID": "_InitialView",
                "mimeType": "text",
                "sofaString": text,
            },
            {
                "%ID": 2,
                "%TYPE": METADATA,
                "@sofa": 1,
                "begin": 0,
                "end": u16.utf16_length,
                "documentTitle": doc.get("title") or "",
                "documentId": doc["id"],
                "collectionId": self.project,
            },
            {
                "%ID": 3,
                "%TYPE": CAS_METADATA,
                "@sofa": 1,
                "begin": 0,
                "end": 0,
                "username": self.username(annotator),
                "sourceDocumentName": doc.get("title") or doc["id"],
                "projectName": self.project,
            },
        ]
        first: dict[str, dict[str, Any]] = {}  # annotation id -> its first fragment's structure
        for ann in doc["annotations"]:
            if ann["annotator"] != annotator:
                continue
            if ann["label"] not in self.types.types:
                self.skipped += 1
                continue
            features = self._features(ann)
            if len(ann["fragments"]) > 1:
                self.split += 1
                self.fragments += len(ann["fragments"])
            for fragment in ann["fragments"]:
                fs = {
                    "%ID": len(structures) + 1,
                    "%TYPE": self.types.types[ann["label"]],
                    "@sofa": 1,
                    "begin": u16.to_utf16(fragment["start"]),
                    "end": u16.to_utf16(fragment["end"]),
                    **features,
                }
                structures.append(fs)
                first.setdefault(ann["id"], fs)
        for rel in doc["relations"]:
            governor, dependent = first.get(rel["source"]), first.get(rel["target"])
            name = self.types.types.get("rel:" + rel["type"])
            if rel["annotator"] != annotator:
                continue
            if governor is None or dependent is None or name is None:
                self.skipped += 1
                continue
            structures.append(
                {
                    "%ID": len(structures) + 1,
                    "%TYPE": name,
                    "@sofa": 1,
                    "begin": dependent["begin"],
                    "end": dependent["end"],
                    "@Governor": governor["%ID"],
                    "@Dependent": dependent["%ID"],
                }
            )
        members = [fs["%ID"] for fs in structures[1:]]
        return {
            "%TYPES": self.type_json,
            "%FEATURE_STRUCTURES": structures,
            "%VIEWS": {"_InitialView": {"%SOFA": 1, "%MEMBERS": members}},
        }

    def username(self, annotator: str) -> str:
        """INCEpTION's user name of a layer: the annotator's name (``CURATION_USER`` for gold,
        ``INITIAL_CAS`` for the CAS of a document nobody annotated)."""
        if annotator == INITIAL:
            return INITIAL
        if annotator == GOLD_ID:
            return CURATION_USER
        return self.names.get(annotator, annotator)

    def cas_text(self, doc: dict[str, Any], annotator: str) -> str:
        """:meth:`cas` as ``json.dumps(cas, ensure_ascii=False, indent=1)`` writes it."""
        cas = self.cas(doc, annotator)
        return (
            f'{{\n "%TYPES": {self.type_text},\n '
            f'"%FEATURE_STRUCTURES": {flat_objects(cas["%FEATURE_STRUCTURES"], 1)},\n '
            f'"%VIEWS": {indented(cas["%VIEWS"], 1)}\n}}'
        )

    def _features(self, ann: dict[str, Any]) -> dict[str, str]:
        features: dict[str, str] = {}
        label, named = ann["label"], self.types.features
        for name, value in ann["attributes"].items():
            feature = named.get((label, name))
            if feature is not None:
                features[feature] = value if isinstance(value, str) else json.dumps(value)
        entity = ann.get("entity")
        if entity and ann["label"] in self.linked:
            wikidata = self.wikidata.get(entity)
            features[ENTITY_FEATURE] = WIKIDATA + wikidata if wikidata else f"urn:uuid:{entity}"
        return features


def _annotators(doc: dict[str, Any], layer: str | None) -> list[str]:
    """Whose CASes a document gets: the layer's, or everyone who annotated or marked it (or,
    if nobody did, one empty :data:`INITIAL` CAS)."""
    if layer is not None:
        return [layer]
    seen = {a["annotator"] for a in doc["annotations"]} | set(doc.get("status") or {})
    seen |= {r["annotator"] for r in doc["relations"]}
    return sorted(seen) or [INITIAL]


def write_cas_json(data: Datasets, out: Path, progress: ProgressCallback | None = None) -> int:
    """One CAS JSON per document and annotator in a zip; returns how many CASes."""
    header = data.header()
    wikidata = {e["id"]: e["wikidata"] for e in header["entities"] if e.get("wikidata")}
    names = {a["id"]: a["name"] for a in header["annotators"]}
    project = (header.get("project") or {}).get("name") or ""
    builder = CasBuilder(TypeSystem(parse_schema(header["schema"])), wikidata, names, project)
    if not out.parent.is_dir():
        raise OutputError(f"{out.parent}: no such folder")
    partial = out.with_name(f".{out.name}.partial")
    total, count = data.count_documents(), 0
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, EXPORT_MODE)
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
            for done, doc in enumerate(map(json.loads, data.document_json()), start=1):
                for annotator in _annotators(doc, data.annotator_id):
                    text = builder.cas_text(doc, annotator)
                    # a fixed time: the same project gives the same bytes
                    entry = zipfile.ZipInfo(f"{doc['id']}/{annotator}.json", (1980, 1, 1, 0, 0, 0))
                    zf.writestr(entry, text, compress_type=zipfile.ZIP_DEFLATED)
                    count += 1
                if progress is not None and progress(done, total):
                    raise Cancelled()
        partial.replace(out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise OutputError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    if builder.split:
        data.notes.append(
            f"{builder.split} discontinuous annotations split into {builder.fragments} spans"
        )
    if builder.skipped:
        data.notes.append(f"{builder.skipped} annotations or relations outside the schema left out")
    return count
