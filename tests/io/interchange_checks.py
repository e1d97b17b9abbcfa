"""Reading our Web Annotation and CAS JSON exports back with the formats' maintained readers.

pyld expands each collection against the shipped ``anno.jsonld`` (a document loader that never
touches the network); dkpro-cassis loads each CAS with ``load_cas_from_json``.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from cassis import Cas, load_cas_from_json
from pyld import jsonld

from annotator.io.web_annotation import CONTEXT_IRI, anno_context

OA = "http://www.w3.org/ns/oa#"
AS = "http://www.w3.org/ns/activitystreams#"


def offline_loader(url: str, options: Any = None) -> dict[str, Any]:
    if url.rstrip("/") not in (CONTEXT_IRI, CONTEXT_IRI.replace("http:", "https:")):
        raise AssertionError(f"the export refers to a context other than anno.jsonld: {url}")
    return {"contextUrl": None, "documentUrl": url, "document": anno_context()}


def expand(collection: dict[str, Any]) -> list[dict[str, Any]]:
    expanded: list[dict[str, Any]] = jsonld.expand(collection, {"documentLoader": offline_loader})
    return expanded


def annotations_of(expanded: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The expanded Annotation nodes of one expanded collection (with its required terms)."""
    (node,) = expanded
    assert node["@type"] == [f"{AS}OrderedCollection"]
    if f"{AS}first" not in node:
        return []
    (page,) = node[f"{AS}first"]
    assert page["@type"] == [f"{AS}OrderedCollectionPage"]
    (items,) = page[f"{AS}items"]
    found = items["@list"]
    for ann in found:
        assert ann["@type"] == [f"{OA}Annotation"]
        assert ann["@id"].startswith("urn:uuid:")
        assert ann[f"{OA}hasBody"] and ann[f"{OA}hasTarget"]  # the model requires a target
    return found


def read_collections(out: Path) -> list[dict[str, Any]]:
    collections: list[dict[str, Any]] = json.loads(out.read_text(encoding="utf-8"))
    return collections


def read_cases(out: Path) -> dict[str, Cas]:
    """Each CAS of a cas-json zip, by its name in the zip, loaded by dkpro-cassis."""
    with zipfile.ZipFile(out) as zf:
        return {
            name: load_cas_from_json(io.BytesIO(zf.read(name))) for name in sorted(zf.namelist())
        }
