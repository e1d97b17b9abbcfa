"""Full-text search over titles and texts (FTS5, kept in step by triggers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import Project


@pytest.fixture
def demo(demo_path: Path):
    with Project.open(demo_path, readonly=True) as p:
        yield p


def test_search_finds_a_word_and_brackets_it(demo) -> None:
    hits = demo.documents.search("corridor")
    assert hits
    for doc, snippet in hits:
        assert "corridor" in (doc.title + doc.text).lower()
        assert "[corridor]" in snippet.lower()
    titles = [doc.title for doc, _ in hits]
    assert "Concord of Nations presses for aid corridor into Orlen Valley" in titles
    # every document that contains the word is found, and no other
    expected = {d.id for d in demo.documents.all() if "corridor" in (d.title + d.text).lower()}
    assert {doc.id for doc, _ in hits} == expected


def test_search_is_case_insensitive_and_needs_every_word(demo) -> None:
    search = demo.documents.search
    assert {d.id for d, _ in search("CORRIDOR")} == {d.id for d, _ in search("corridor")}
    both = {d.id for d, _ in search("corridor insulin")}
    assert both and both < {d.id for d, _ in search("corridor")}
    for doc in (demo.documents.get(i) for i in both):
        assert "insulin" in doc.text and "corridor" in doc.text.lower()


def test_search_of_non_ascii_words(demo) -> None:
    hits = demo.documents.search("梁淑雯")
    assert [d.title for d, _ in hits] == [
        "Concord of Nations presses for aid corridor into Orlen Valley"
    ]
    assert "[梁淑雯]" in hits[0][1]


@pytest.mark.parametrize("query", ['"', "AND (", "corridor OR", "*", "NEAR(", "col:x", "   ", ""])
def test_search_syntax_characters_are_safe(demo, query: str) -> None:
    hits = demo.documents.search(query)
    assert isinstance(hits, list)
    if not query.strip():
        assert hits == []


def test_search_limit_and_missing_word(demo) -> None:
    assert len(demo.documents.search("the", limit=3)) == 3
    assert demo.documents.search("xylophone") == []


def test_search_follows_additions_and_deletions(project) -> None:
    doc = project.documents.add("The envoy spoke about the zeppelin.", title="Airships").value
    ((found, snippet),) = project.documents.search("zeppelin")
    assert found.id == doc.id and "[zeppelin]" in snippet
    assert [d.id for d, _ in project.documents.search("airships")] == [doc.id]  # titles too
    project.documents.delete(doc.id)
    assert project.documents.search("zeppelin") == []
