"""Reading INCEpTION / UIMA CAS JSON: our zips, INCEpTION's exports, a single CAS file.

What is read:

- a ``.zip`` of CAS JSON files (every ``.json`` member holding ``%FEATURE_STRUCTURES``; other
  members, such as INCEpTION's project description, are passed over), or one CAS ``.json``
  (INCEpTION's "UIMA CAS JSON" export of a document). Members are read in memory, each up to
  :data:`MAX_MEMBER_BYTES`, never extracted;
- the text is the sofa string of the ``_InitialView``; ``begin``/``end`` count UTF-16 code
  units as Java does, converted to code points here;
- span layers: ``webanno.custom.<Layer>`` (and INCEpTION's built-in NamedEntity). The label is
  the schema's label whose type our export names so (``annotator.io.cas_json.TypeSystem``),
  else a label named like the layer, else the layer's ``value`` or ``label`` feature (how
  INCEpTION layers carry a tag), else the layer's name (the route reports it: ``--map``).
  Features that are attributes of the label are its attributes (others are reported and left
  out); ``entity`` (ours) or ``identifier`` (INCEpTION's knowledge-base link) links the registry
  (``urn:uuid:<id>``) or Wikidata (``http://www.wikidata.org/entity/Q…``);
- relation layers: feature structures with ``@Governor`` and ``@Dependent``; their type is
  named as for spans, from the schema's relations;
- the annotator: INCEpTION's ``CASMetadata.username`` when present, else (in a zip) the
  member's name (``<document>/<annotator>.json``; our exports write the annotator's name as
  ``username`` and name members by id, and older ones only by id): a member's name is the
  project's annotator of that id when the project has it, ``gold`` and INCEpTION's
  ``CURATION_USER`` are the gold layer, ``INITIAL_CAS`` is nobody's (a document without
  annotations), and any other name is the annotator's name; a single CAS file is the
  importer's;
- ``DocumentMetaData``: ``documentTitle`` is the title; ``documentId`` is our document id when
  the member is ``<documentId>/….json`` (our layout).

dkpro-cassis is not used here (it needs lxml, and what it raises on a malformed file is not
a message for a user); tests check this reader against it on the same files.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from annotator.core.errors import InputError
from annotator.core.foreign import (
    ForeignActor,
    ForeignDocument,
    ForeignProblem,
    ForeignRelation,
    ForeignSpan,
)
from annotator.core.json_values import TooDeepError, loads_guarded
from annotator.core.offsets import Utf16Map
from annotator.core.schema import Schema
from annotator.io.annotation_import import ImportContext
from annotator.io.cas_json import (
    CAS_METADATA,
    CURATION_USER,
    ENTITY_FEATURE,
    INITIAL,
    METADATA,
    PREFIX,
    WIKIDATA,
    TypeSystem,
)
from annotator.store.annotators import GOLD_ID, GOLD_NAME

#: The most a CAS file (or zip member, uncompressed) may hold.
MAX_MEMBER_BYTES = 256 * 1024 * 1024
SOFA = "uima.cas.Sofa"
INITIAL_VIEW = "_InitialView"
NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
#: Features that name a layer's tag in INCEpTION's layers.
TAG_FEATURES = ("value", "label")
LINK_FEATURES = (ENTITY_FEATURE, "identifier")
#: Keys of a feature structure that are no features of its layer.
STRUCTURAL = frozenset({"begin", "end", "@sofa", "sofa", "@Governor", "@Dependent"})

OUT_OF_TEXT = "a span whose offsets fall outside its text or inside a character"


class _Names:
    """Type and feature names -> the schema's labels, relations and attributes."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        ours = TypeSystem(schema)
        self.labels = {t: k for k, t in ours.types.items() if not k.startswith("rel:")}
        self.relations = {t: k[4:] for k, t in ours.types.items() if k.startswith("rel:")}
        self.features = {(label, f): attr for (label, attr), f in ours.features.items()}

    def label(self, type_name: str, fs: dict[str, Any]) -> tuple[str, str | None]:
        """The label of a span, and the feature that named it (if a feature did)."""
        if type_name in self.labels:
            return self.labels[type_name], None
        layer = type_name.rpartition(".")[2]
        if self.schema.label(layer) is not None:
            return layer, None
        return _tagged(fs, layer)

    def relation(self, type_name: str, fs: dict[str, Any]) -> tuple[str, str | None]:
        if type_name in self.relations:
            return self.relations[type_name], None
        layer = type_name.rpartition(".")[2]
        if self.schema.relation(layer) is not None:
            return layer, None
        return _tagged(fs, layer)

    def attribute(self, label: str, feature: str) -> str | None:
        spec = self.schema.label(label)
        if spec is None:
            return None
        name = self.features.get((label, feature), feature)
        return name if spec.attribute(name) is not None else None


def _tagged(fs: dict[str, Any], layer: str) -> tuple[str, str | None]:
    for feature in TAG_FEATURES:
        value = fs.get(feature)
        if isinstance(value, str) and value.strip():
            return value, feature
    return layer, None


def _actor(value: Any) -> ForeignActor | None:
    if not isinstance(value, str):
        return None
    if value.startswith("urn:uuid:"):
        return ForeignActor(id=value[len("urn:uuid:") :])
    if value.startswith((WIKIDATA, WIKIDATA.replace("http:", "https:"))):
        return ForeignActor(wikidata=value.rpartition("/")[2])
    return None


def _structures(cas: dict[str, Any], where: str) -> dict[int, dict[str, Any]]:
    found = cas.get("%FEATURE_STRUCTURES")
    items: list[tuple[Any, Any]]
    if isinstance(found, list):
        items = [(fs.get("%ID") if isinstance(fs, dict) else None, fs) for fs in found]
    elif isinstance(found, dict):
        items = list(found.items())
    else:
        raise InputError(f"{where}: %FEATURE_STRUCTURES: not a list or object")
    out: dict[int, dict[str, Any]] = {}
    for index, (key, fs) in enumerate(items):
        if not isinstance(fs, dict):
            raise InputError(f"{where}: feature structure {index + 1}: not an object")
        try:
            number = int(key) if not isinstance(key, bool) else None
        except (TypeError, ValueError):
            number = None
        if number is None:
            raise InputError(f"{where}: feature structure {index + 1}: no integer %ID")
        out[number] = fs
    return out


class _CasReader:
    def __init__(self, context: ImportContext) -> None:
        self.context = context
        self.names = _Names(context.schema)

    def document(self, cas: Any, member: str | None, where: str) -> ForeignDocument:
        """The document of one CAS; ``member``: its name in the zip (None: a single file)."""
        if not isinstance(cas, dict):
            raise InputError(f"{where}: not a CAS (a JSON object with %FEATURE_STRUCTURES)")
        structures = _structures(cas, where)
        sofas = [(i, fs) for i, fs in structures.items() if fs.get("%TYPE") == SOFA]
        sofa = next((s for s in sofas if s[1].get("sofaID") == INITIAL_VIEW), None)
        sofa = sofa or (sofas[0] if sofas else None)
        if sofa is None or not isinstance(sofa[1].get("sofaString"), str):
            raise InputError(f"{where}: no sofa with the document's text (sofaString)")
        sofa_id, text = sofa[0], str(sofa[1]["sofaString"])
        doc = ForeignDocument(text, where)
        username = None
        for fs in structures.values():
            if fs.get("%TYPE") == METADATA:
                title = fs.get("documentTitle")
                doc.title = title if isinstance(title, str) else ""
                doc_id = fs.get("documentId")
                folder = PurePosixPath(member).parent.name if member else None
                if isinstance(doc_id, str) and folder == doc_id:
                    doc.id = doc_id
            elif fs.get("%TYPE") == CAS_METADATA and isinstance(fs.get("username"), str):
                username = fs["username"]
        annotator = self.annotator(username, member)
        utf16 = Utf16Map(text)
        for number, fs in structures.items():
            type_name = fs.get("%TYPE")
            if not isinstance(type_name, str) or fs.get("@sofa", sofa_id) != sofa_id:
                continue
            place = f"{where}: feature structure {number}"
            if "@Governor" in fs and "@Dependent" in fs:
                kind, _ = self.names.relation(type_name, fs)
                doc.relations.append(
                    ForeignRelation(
                        kind, str(fs["@Governor"]), str(fs["@Dependent"]), annotator, place
                    )
                )
            elif type_name.startswith(PREFIX) or type_name == NAMED_ENTITY:
                span = self.span(doc, fs, utf16, place)
                if span is not None:
                    span.key, span.annotator = str(number), annotator
                    doc.spans.append(span)
        return doc

    def span(
        self, doc: ForeignDocument, fs: dict[str, Any], utf16: Utf16Map, where: str
    ) -> ForeignSpan | None:
        begin, end = fs.get("begin", 0), fs.get("end", 0)
        try:
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in (begin, end)):
                raise ValueError
            start, stop = utf16.from_utf16(begin, snap="error"), utf16.from_utf16(end, snap="error")
        except ValueError:
            doc.problems.append(ForeignProblem(OUT_OF_TEXT, where))
            return None
        label, tag = self.names.label(str(fs["%TYPE"]), fs)
        attributes: dict[str, str] = {}
        actor = None
        for feature, value in fs.items():
            if feature.startswith("%") or feature in STRUCTURAL or feature == tag:
                continue
            if feature in LINK_FEATURES and actor is None and (found := _actor(value)):
                actor = found
                continue
            if value is None or value == "" or feature.startswith("@"):
                continue
            name = self.names.attribute(label, feature)
            if name is None or not isinstance(value, str | int | float):
                doc.remarks.append(
                    (f"feature {feature!r} of {label}: no such attribute (left out)", where)
                )
                continue
            attributes[name] = value if isinstance(value, str) else str(value)
        return ForeignSpan(
            "", label, [(start, stop)], attributes=attributes, actor=actor, where=where
        )

    def annotator(self, username: str | None, member: str | None) -> str | None:
        if username is None and member is None:
            return None  # a single CAS file: the importer's
        name = username or PurePosixPath(member or "").stem
        if name == INITIAL:
            return None
        if name in (GOLD_ID, CURATION_USER):
            return GOLD_NAME
        if username is None:
            return self.context.annotator_name(name) or name
        return name


def _load(data: bytes, where: str) -> Any:
    try:
        return loads_guarded(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not UTF-8 (byte {exc.start})") from None
    except TooDeepError as exc:
        raise InputError(f"{where}: {exc}") from None
    except ValueError as exc:  # json.JSONDecodeError
        raise InputError(f"{where}: not JSON ({exc})") from None


def _is_cas(value: Any) -> bool:
    return isinstance(value, dict) and "%FEATURE_STRUCTURES" in value


def read_cas_json(path: Path, context: ImportContext) -> Iterator[tuple[ForeignDocument, int]]:
    """Each CAS of a zip (or the one CAS of a .json file), with the bytes read so far."""
    reader = _CasReader(context)
    if not zipfile.is_zipfile(path):
        if path.stat().st_size > MAX_MEMBER_BYTES:
            raise InputError(f"{path.name}: larger than {MAX_MEMBER_BYTES:,} bytes")
        value = _load(path.read_bytes(), path.name)
        if not _is_cas(value):
            raise InputError(f"{path.name}: not a CAS (a JSON object with %FEATURE_STRUCTURES)")
        yield reader.document(value, None, path.name), path.stat().st_size
        return
    found = 0
    try:
        with zipfile.ZipFile(path) as zf:
            done = 0
            for info in zf.infolist():
                done += info.compress_size
                if info.is_dir() or not info.filename.lower().endswith(".json"):
                    continue
                where = f"{path.name}: {info.filename}"
                value = _load(_member(zf, info, where), where)
                if not _is_cas(value):
                    continue
                found += 1
                yield reader.document(value, info.filename, where), done
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InputError(f"{path.name}: a broken zip ({exc})") from None
    if not found:
        raise InputError(f"{path.name}: no CAS JSON in the zip (.json with %FEATURE_STRUCTURES)")


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, where: str) -> bytes:
    if info.file_size > MAX_MEMBER_BYTES:
        raise InputError(f"{where}: larger than {MAX_MEMBER_BYTES:,} bytes")
    try:
        with zf.open(info) as fh:
            data = fh.read(MAX_MEMBER_BYTES + 1)
    except (RuntimeError, NotImplementedError) as exc:  # encrypted, unknown compression
        raise InputError(f"{where}: cannot be read ({exc})") from None
    except zipfile.BadZipFile as exc:
        raise InputError(f"{where}: broken ({exc})") from None
    if len(data) > MAX_MEMBER_BYTES:
        raise InputError(f"{where}: larger than {MAX_MEMBER_BYTES:,} bytes")
    return data


def is_cas_json(path: Path) -> bool:
    """Whether a .zip holds CAS JSON members, or a .json is a CAS (cheap; never raises)."""
    markers = (b'"%TYPES"', b'"%FEATURE_STRUCTURES"')
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                for info in zf.infolist()[:100]:
                    if info.filename.lower().endswith(".json") and not info.is_dir():
                        with zf.open(info) as fh:
                            head = fh.read(4096)
                        if any(m in head for m in markers):
                            return True
            return False
        with path.open("rb") as fh:
            head = fh.read(65536)
        return any(m in head for m in markers)
    except Exception:  # a sniffer never raises: anything unreadable is not CAS JSON
        return False
