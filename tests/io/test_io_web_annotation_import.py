"""W3C Web Annotation import (annotator/io/web_annotation_read.py): our exports back, files in
the shapes other tools write (Hypothesis, Recogito, a bare page), quotes found by their
context, problems reported, malformed files refused."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from golden_files import FILES, SOURCE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_roundtrip import (
    PIECES,
    TEXT_2,
    URL_2,
    at,
    base_copy,
    build_random,
    build_realistic,
    contents,
)
from interchange_checks import OA, expand

from annotator import Project
from annotator.core.errors import InputError
from annotator.core.model import DocumentInput
from annotator.io.exporting import export_project
from annotator.io.formats import detect
from annotator.io.importing import import_paths
from annotator.io.web_annotation import CONTEXT_IRI
from annotator.io.web_annotation_read import AMBIGUOUS, NOT_FOUND, is_web_annotation


def _export(project: Path, out: Path) -> Path:
    with Project.open(project, readonly=True) as p:
        export_project(p, "web-annotation", out)
    return out


def _import(project: Path, path: Path, **kw: Any):
    with Project.open(project) as q:
        return import_paths(q, [path], **kw)


def test_the_golden_file_comes_back_whole(tmp_path: Path) -> None:
    a, b = tmp_path / "a.annotator", tmp_path / "b.annotator"
    with Project.create(a) as p:
        import_paths(p, [SOURCE], "native")
    base_copy(a, b)
    report = _import(b, FILES["web-annotation"])
    assert (report.annotations, report.relations, report.warnings) == (5, 3, [])
    assert contents(b) == contents(a)


def test_two_annotators_and_gold_come_back_whole(tmp_path: Path) -> None:
    a, b = tmp_path / "a.annotator", tmp_path / "b.annotator"
    build_realistic(a)
    out = _export(a, tmp_path / "all.jsonld")
    base_copy(a, b)
    assert detect(out) == "web-annotation"
    report = _import(b, out)
    assert report.warnings == [] and report.added == 0  # the documents were there
    assert contents(b) == contents(a)
    names = {row[0] for row in contents(b)[0]}
    assert names == {"Ana", "Ben", "Gold"}
    again = _import(b, out)  # a re-import changes nothing
    assert again.annotations == 0 and again.relations == 0
    assert contents(b) == contents(a)


def test_sources_the_project_lacks_are_reported(tmp_path: Path) -> None:
    a, b = tmp_path / "a.annotator", tmp_path / "b.annotator"
    build_realistic(a)
    out = _export(a, tmp_path / "all.jsonld")
    base_copy(a, b, documents=False)
    report = _import(b, out)
    assert report.annotations == 0 and report.spans_skipped == 13
    (warning,) = report.warnings
    assert "2 not imported, a document whose text is neither in the file nor the project" in warning
    assert "all.jsonld[1]: source https://example.org/news/2" in warning


# -- the round trip on random documents ------------------------------------------------------


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(st.sampled_from(PIECES), min_size=2, max_size=7),
    picks=st.lists(st.tuples(*[st.integers(0, 50)] * 4), max_size=6),
)
def test_random_documents_come_back_whole(pieces, picks) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        build_random(tmp / "a.annotator", pieces, picks)
        out = _export(tmp / "a.annotator", tmp / "r.jsonld")
        base_copy(tmp / "a.annotator", tmp / "b.annotator")
        report = _import(tmp / "b.annotator", out)
        assert report.warnings == []
        assert contents(tmp / "b.annotator") == contents(tmp / "a.annotator")


# -- files other tools write ----------------------------------------------------------------

TEXT = "Ofori said 👨🏻‍🚒 Ofori will stay. Velmar said no. Ofori left 𠀋."


@pytest.fixture
def news(tmp_path: Path) -> Path:
    """A project with one document at a URL (as annotation tools name their documents)."""
    path = tmp_path / "news.annotator"
    with Project.create(path, annotator="Me") as p:
        p.documents.add_many([DocumentInput(TEXT, "News", url="https://example.org/n")])
        p.registry.add("Ama Ofori", type="person", wikidata="Q999777")
    return path


def _write(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


def _stored(project: Path) -> list[tuple[str, str, str, str | None, str | None]]:
    with Project.open(project, readonly=True) as p:
        (doc,) = p.documents.all()
        return sorted(
            (layer.name, a.label, " ".join(f.text for f in a.fragments), a.entity, a.note)
            for layer in p.layers()
            for a in layer.annotations(doc.id)
        )


def _hypothesis_like(exact: str, nth: int, tag: str, user: str) -> dict[str, Any]:
    start, end = at(TEXT, exact, nth)
    return {
        "@context": CONTEXT_IRI,
        "id": f"https://hypothes.is/a/{user}{start}",
        "type": "Annotation",
        "created": "2026-01-05T10:00:00.000Z",
        "creator": f"acct:{user}@hypothes.is",
        "body": [
            {"type": "TextualBody", "value": "checked twice", "purpose": "commenting"},
            {"type": "TextualBody", "value": tag, "purpose": "tagging"},
        ],
        "target": [
            {
                "source": "https://example.org/n",
                "selector": [
                    {
                        "type": "RangeSelector",
                        "startSelector": {"type": "XPathSelector", "value": "/p[1]"},
                        "endSelector": {"type": "XPathSelector", "value": "/p[1]"},
                    },
                    {"type": "TextPositionSelector", "start": start, "end": end},
                    {
                        "type": "TextQuoteSelector",
                        "exact": exact,
                        "prefix": TEXT[max(0, start - 8) : start],
                        "suffix": TEXT[end : end + 8],
                    },
                ],
            }
        ],
    }


def test_a_hypothesis_like_list_of_annotations(news: Path, tmp_path: Path) -> None:
    items = [
        _hypothesis_like("Ofori", 0, "Actor", "ana"),
        _hypothesis_like("Ofori will stay.", 0, "Quote", "ana"),
        _hypothesis_like("Velmar", 0, "Actor", "ben"),
    ]
    for item in items:  # each is Web Annotation as the model defines it
        (node,) = expand(item)
        assert node["@type"] == [f"{OA}Annotation"] and node[f"{OA}hasTarget"]
    report = _import(news, _write(tmp_path / "h.jsonld", items))
    assert report.annotations == 3 and report.warnings == []
    assert _stored(news) == [
        ("acct:ana@hypothes.is", "Actor", "Ofori", None, "checked twice"),
        ("acct:ana@hypothes.is", "Quote", "Ofori will stay.", None, "checked twice"),
        ("acct:ben@hypothes.is", "Actor", "Velmar", None, "checked twice"),
    ]


def _quote_only(exact: str, prefix: str | None, suffix: str | None, **extra: Any) -> dict:
    selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": exact}
    if prefix is not None:
        selector["prefix"] = prefix
    if suffix is not None:
        selector["suffix"] = suffix
    return {
        "@context": CONTEXT_IRI,
        "type": "Annotation",
        "id": f"#{abs(hash((exact, prefix, suffix)))}",
        "body": [
            {"type": "TextualBody", "purpose": "tagging", "value": "Actor"},
            *extra.get("more", []),
        ],
        "target": {"source": "https://example.org/n", "selector": selector},
        "creator": {"id": "https://recogito.example/u/ana", "type": "Person", "name": "ana"},
    }


def test_quotes_without_positions_are_found_by_their_context(news: Path, tmp_path: Path) -> None:
    wikidata = {"purpose": "identifying", "source": "http://www.wikidata.org/entity/Q999777"}
    page = {
        "@context": CONTEXT_IRI,
        "type": "AnnotationPage",
        "items": [
            _quote_only("Ofori", "👨🏻‍🚒 ", " will", more=[wikidata]),  # the second Ofori
            _quote_only("Velmar", None, None),  # once in the text: no context needed
            _quote_only("Ofori", None, None),  # three times: which one?
            _quote_only("Karamov", None, None),  # not in the text
        ],
    }
    report = _import(news, _write(tmp_path / "page.jsonld", page), fmt="web-annotation")
    assert report.annotations == 2
    assert _stored(news) == [
        ("ana", "Actor", "Ofori", _entity(news), None),
        ("ana", "Actor", "Velmar", None, None),
    ]
    with Project.open(news, readonly=True) as p:
        (doc,) = p.documents.all()
        (ofori,) = [
            a for layer in p.layers() for a in layer.annotations(doc.id) if a.text == "Ofori"
        ]
        assert ofori.start == at(TEXT, "Ofori", 1)[0]
    assert sorted(w.split(":")[0] for w in report.warnings) == [
        f"1 not imported, {AMBIGUOUS}",
        f"1 not imported, {NOT_FOUND}",
    ]
    assert all("page.jsonld: items[" in w for w in report.warnings)


def _entity(project: Path) -> str:
    with Project.open(project, readonly=True) as p:
        return next(iter(p.registry.all())).id


def test_wrong_text_is_reported_and_skipped(news: Path, tmp_path: Path) -> None:
    bad = _hypothesis_like("Ofori", 0, "Actor", "ana")
    bad["target"][0]["selector"][2]["exact"] = "Karamov"
    good = _hypothesis_like("Velmar", 0, "Actor", "ana")
    report = _import(news, _write(tmp_path / "x.jsonld", [bad, good]))
    assert report.annotations == 1 and report.spans_skipped == 1
    assert report.warnings == [
        "1 not imported, a span whose text does not match the document: x.jsonld[0]"
    ]


def test_labels_mapped_from_the_command_line(news: Path, tmp_path: Path, cli) -> None:
    items = [
        _hypothesis_like("Ofori", 0, "PER", "ana"),
        _hypothesis_like("Velmar", 0, "GOV", "ana"),
    ]
    path = _write(tmp_path / "tags.jsonld", items)
    result = cli("import", news, path, "--map", "PER=Actor")
    assert result.returncode == 0, result.stderr
    assert "label 'GOV' is not in the project's schema (--map GOV=LABEL)" in result.stderr
    assert _stored(news) == [("acct:ana@hypothes.is", "Actor", "Ofori", None, "checked twice")]


def test_relations_come_from_linking_annotations(news: Path, tmp_path: Path) -> None:
    quote = _hypothesis_like("Ofori will stay.", 0, "Quote", "ana")
    speaker = _hypothesis_like("Ofori", 0, "Actor", "ana")
    link = {
        "type": "Annotation",
        "motivation": "linking",
        "creator": "acct:ana@hypothes.is",
        "body": [
            {"type": "TextualBody", "purpose": "tagging", "value": "speaker"},
            {"type": "SpecificResource", "purpose": "linking", "source": speaker["id"]},
        ],
        "target": quote["id"],
    }
    broken = {**link, "body": [link["body"][0]]}  # no linked annotation
    collection = {
        "@context": CONTEXT_IRI,
        "type": "AnnotationCollection",
        "label": "News",
        "first": {"type": "AnnotationPage", "items": [link, quote, speaker, broken]},
    }
    report = _import(news, _write(tmp_path / "c.jsonld", collection))
    assert (report.annotations, report.relations) == (2, 1)
    assert report.warnings == [
        "1 not imported, a linking annotation without a tagging body and one source and one "
        "linked target: c.jsonld: first: items[3]"
    ]


# -- malformed files ------------------------------------------------------------------------


def _counts(path: Path) -> tuple[int, int]:
    with sqlite3.connect(path) as conn:
        return (
            conn.execute("SELECT count(*) FROM annotations").fetchone()[0],
            conn.execute("SELECT count(*) FROM relations").fetchone()[0],
        )


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("[{", "bad.jsonld"),
        ("[" * 5000 + "]" * 5000, "nest more than"),
        ('{"type": "Book"}', "type 'Book': not an Annotation, AnnotationPage or"),
        ('[{"type": "AnnotationPage", "items": {"a": 1}}]', "bad.jsonld[0]: items: not a list"),
        ('{"type": "AnnotationPage", "items": [3]}', "bad.jsonld: items[0]: not an annotation"),
        ("[1, 2]", "bad.jsonld[0]: not an annotation, page or collection"),
        ("\x00\x01binary", "bad.jsonld"),
    ],
)
def test_malformed_files_are_refused(news: Path, tmp_path: Path, content: str, said: str) -> None:
    good = _hypothesis_like("Ofori", 0, "Actor", "ana")
    path = tmp_path / "bad.jsonld"
    path.write_text(content, encoding="utf-8")
    both = _write(tmp_path / "good.jsonld", [good])
    before = _counts(news)
    with Project.open(news) as q, pytest.raises(InputError) as caught:
        import_paths(q, [both, path], "web-annotation")  # nothing of the good file either
    assert said in str(caught.value)
    assert _counts(news) == before


def test_hostile_values_are_reported_not_crashing(news: Path, tmp_path: Path) -> None:
    weird = [
        {**_hypothesis_like("Ofori", 0, "Actor", "a"), "target": "https://example.org/n"},
        {**_hypothesis_like("Ofori", 0, "Actor", "b"), "body": "just a string"},
        {**_hypothesis_like("Ofori", 0, "Actor", "c"), "creator": [None, 3, {"name": 5}]},
    ]
    huge = _hypothesis_like("Velmar", 0, "Actor", "d")
    huge["target"][0]["selector"][1].update(start=10**30, end=10**30 + 5)
    del huge["target"][0]["selector"][2]["exact"]
    report = _import(news, _write(tmp_path / "w.jsonld", [*weird, huge]))
    assert report.annotations == 1  # the one with a creator of no use: the importer's
    with Project.open(news, readonly=True) as p:
        me = p.annotator_name  # whoever imports
    assert _stored(news) == [(me, "Actor", "Ofori", None, "checked twice")]
    said = " ".join(report.warnings)
    assert "an annotation target without a text position or quote selector" in said
    assert "without a tagging body" in said and "outside its text" in said


def test_the_sniffer_never_raises(tmp_path: Path) -> None:
    assert is_web_annotation(FILES["web-annotation"])
    (tmp_path / "x.jsonld").write_bytes(b"\xff\xfe\x00junk")
    assert not is_web_annotation(tmp_path / "x.jsonld")
    assert not is_web_annotation(tmp_path / "missing.jsonld")
    assert TEXT_2 and URL_2  # the realistic project has a document at a URL (see above)
