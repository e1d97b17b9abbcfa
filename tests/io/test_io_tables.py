"""CSV dataset exports (quotes, demands, actors): read back with the csv module and compared
with the store, on the demo project and on a small project whose counts are known."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from claims_data import EXPECTED_COUNTS, EXPECTED_COUNTS_BEN, annotations_of, build, relations_of

from annotator import OutputError, Project
from annotator.core.reports import Cancelled
from annotator.demo import DEMO_ANNOTATOR
from annotator.io import formats, tables
from annotator.io.exporting import export_project, layer_named

FORMATS = {
    "quotes-csv": tables.QUOTE_COLUMNS,
    "demands-csv": tables.DEMAND_COLUMNS,
    "actors-csv": tables.ACTOR_COLUMNS,
}


def read_csv(path: Path) -> list[dict[str, str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def demo(demo_path: Path):
    with Project.open(demo_path, readonly=True) as p:
        yield p


@pytest.fixture
def small(tmp_path: Path):
    path = tmp_path / "small.annotator"
    ids = build(path)
    with Project.open(path, readonly=True) as p:
        yield p, ids


def roles(p: Project, annotator: str | None = None) -> dict[str, dict[str, Any]]:
    """Independently, through the public API: per Quote/Demand its actors by relation type."""
    found: dict[str, dict[str, Any]] = {}
    for doc in p.documents.all():
        anns = {a.id: a for a in annotations_of(p, doc.id)}
        for ann in anns.values():
            if ann.label in ("Quote", "Demand") and annotator in (None, ann.annotator):
                found[ann.id] = {"ann": ann, "doc": doc}
        for rel in relations_of(p, doc.id):
            if rel.source not in found:
                continue
            target = anns[rel.target]
            if annotator is not None and not rel.annotator == target.annotator == annotator:
                continue
            found[rel.source][rel.type] = target
    return found


def actor_name(p: Project, mention: Any) -> tuple[str, str, str]:
    if mention is None:
        return "", "", ""
    if mention.entity is None:
        return mention.text, "", ""
    entity = p.registry.get(mention.entity)
    return entity.name, entity.id, entity.type or ""


#: What each table's count is of, spelled out (not read from the table it checks).
NOUNS = {"quotes-csv": "quotes", "demands-csv": "demands", "actors-csv": "actors"}


def test_formats_are_registered() -> None:
    for name in (*FORMATS, "network-graphml"):
        assert name in formats.EXPORT_CHOICES
    for name, noun in NOUNS.items():
        assert formats.FORMATS[name].counts.many == noun


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_header_row(demo, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"{fmt}.csv"
    count = export_project(demo, fmt, out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    assert tuple(header) == FORMATS[fmt]
    assert count == len(read_csv(out)) > 0


def test_demo_quotes_match_the_store(demo, tmp_path: Path) -> None:
    out = tmp_path / "quotes.csv"
    count = tables.write_quotes_csv(demo.datasets(), out)
    rows = read_csv(out)
    expected = {k: v for k, v in roles(demo).items() if v["ann"].label == "Quote"}
    assert count == len(rows) == len(expected) == demo.info()["annotations_per_label"]["Quote"]
    assert Counter(r["quote_id"] for r in rows) == Counter(list(expected))  # each quote once
    for row in rows:
        facts = expected[row["quote_id"]]
        ann, doc = facts["ann"], facts["doc"]
        assert (row["speaker"], row["speaker_id"], row["speaker_type"]) == actor_name(
            demo, facts.get("speaker")
        )
        assert row["document_id"] == doc.id
        assert row["document_title"] == doc.title
        assert row["published"] == (doc.published or "")
        assert row["quote"] == ann.text
        assert row["form"] == ann.attributes.get("form", "")
        assert (int(row["start"]), int(row["end"])) == (ann.start, ann.end)
        pieces = [tuple(map(int, f.split("-"))) for f in row["fragments"].split(";")]
        assert [doc.text[s:e] for s, e in pieces] == [f.text for f in ann.fragments]
        assert row["annotator"] == DEMO_ANNOTATOR
    # document order: rows of one document together, by position
    order = {d.id: i for i, d in enumerate(demo.documents.all())}
    keys = [(order[r["document_id"]], int(r["start"])) for r in rows]
    assert keys == sorted(keys)
    assert any(" … " in r["quote"] for r in rows)  # the interrupted quotes


def test_demo_demands_match_the_store(demo, tmp_path: Path) -> None:
    out = tmp_path / "demands.csv"
    tables.write_demands_csv(demo.datasets(), out)
    rows = read_csv(out)
    expected = {k: v for k, v in roles(demo).items() if v["ann"].label == "Demand"}
    assert sorted(r["demand_id"] for r in rows) == sorted(expected)
    for row in rows:
        facts = expected[row["demand_id"]]
        ann = facts["ann"]
        assert (row["claimant"], row["claimant_id"], row["claimant_type"]) == actor_name(
            demo, facts.get("claimant")
        )
        assert (row["addressee"], row["addressee_id"], row["addressee_type"]) == actor_name(
            demo, facts.get("addressee")
        )
        assert row["issue"] == ann.attributes.get("issue", "")
        assert row["position"] == ann.attributes.get("position", "")
        assert row["demand"] == ann.text


def test_demo_actor_counts_match_the_store(demo, tmp_path: Path) -> None:
    out = tmp_path / "actors.csv"
    tables.write_actors_csv(demo.datasets(), out)
    rows = {r["actor_id"]: r for r in read_csv(out)}
    assert set(rows) == {e.id for e in demo.registry.all()}
    mentions: Counter[str] = Counter()
    for doc in demo.documents.all():
        for ann in annotations_of(demo, doc.id):
            if ann.entity:
                mentions[ann.entity] += 1
    made: Counter[str] = Counter()
    for facts in roles(demo).values():
        for role in ("speaker", "claimant", "addressee"):
            mention = facts.get(role)
            if mention is not None and mention.entity:
                made[f"{role}:{mention.entity}"] += 1
    for entity in demo.registry.all():
        row = rows[entity.id]
        assert row["name"] == entity.name
        assert row["aliases"] == "; ".join(entity.aliases)
        assert int(row["mentions"]) == mentions[entity.id]
        assert int(row["quotes"]) == made[f"speaker:{entity.id}"]
        assert int(row["demands_made"]) == made[f"claimant:{entity.id}"]
        assert int(row["demands_received"]) == made[f"addressee:{entity.id}"]
    assert sum(int(r["mentions"]) for r in rows.values()) > 0
    assert any("ř" in r["name"] or "š" in r["name"] for r in rows.values())


def test_small_project_known_rows(small, tmp_path: Path) -> None:
    p, ids = small
    tables.write_quotes_csv(p.datasets(), tmp_path / "q.csv")
    quotes = {r["quote_id"]: r for r in read_csv(tmp_path / "q.csv")}
    assert [r["quote_id"] for r in read_csv(tmp_path / "q.csv")] == [
        ids["q1"],
        ids["q2"],
        ids["q3"],
    ]
    q1 = quotes[ids["q1"]]
    assert (q1["speaker"], q1["speaker_id"], q1["speaker_type"]) == (
        "Sergei Karamov",
        ids["karamov"],
        "person",
    )
    assert q1["quote"] == "We will not, … give up a village."
    assert (q1["start"], q1["end"], q1["fragments"], q1["form"]) == (
        "1",
        "48",
        "1-13;30-48",
        "direct",
    )
    assert (q1["source"], q1["published"], q1["annotator"]) == ("Wire", "2026-03-01", "Ana")
    q2 = quotes[ids["q2"]]  # the speaker mention is not linked: its text, no id
    assert (q2["speaker"], q2["speaker_id"], q2["speaker_type"]) == ("A spokesman", "", "")
    q3 = quotes[ids["q3"]]  # no speaker at all
    assert (q3["speaker"], q3["form"], q3["annotator"], q3["published"]) == ("", "", "Ben", "")
    assert q3["document_title"] == "Über cease-fire"

    tables.write_demands_csv(p.datasets(), tmp_path / "d.csv")
    demands = {r["demand_id"]: r for r in read_csv(tmp_path / "d.csv")}
    assert len(demands) == 5
    d1 = demands[ids["dem1"]]
    assert (d1["claimant"], d1["claimant_id"], d1["addressee"], d1["addressee_id"]) == (
        "Sergei Karamov",
        ids["karamov"],
        "Government of Valdoria",
        ids["velmar"],
    )
    assert (d1["issue"], d1["position"], d1["demand"]) == (
        "troop withdrawal",
        "for",
        "withdraw its troops",
    )
    d2 = demands[ids["dem2"]]
    assert (d2["claimant"], d2["addressee"], d2["addressee_type"]) == (
        "Government of Valdoria",
        "",
        "",
    )
    assert d2["position"] == "against"

    tables.write_actors_csv(p.datasets(), tmp_path / "a.csv")
    actors = read_csv(tmp_path / "a.csv")
    assert [r["name"] for r in actors] == sorted(EXPECTED_COUNTS, key=str.casefold)
    for row in actors:
        counts = tuple(
            int(row[c]) for c in ("mentions", "quotes", "demands_made", "demands_received")
        )
        assert counts == EXPECTED_COUNTS[row["name"]], row["name"]
    karamov = next(r for r in actors if r["actor_id"] == ids["karamov"])
    assert karamov["aliases"] == "Karamov; Sergey Karamov"
    assert (karamov["wikidata"], karamov["type"]) == ("Q999001", "person")
    assert karamov["note"] == "Foreign minister, fictional"


def test_annotator_filter(small, tmp_path: Path) -> None:
    p, ids = small
    ben = layer_named(p, "Ben")
    assert ben is not None and ben.annotator_id == ids["ben"]
    export_project(p, "quotes-csv", tmp_path / "q.csv", ben)
    assert [r["quote_id"] for r in read_csv(tmp_path / "q.csv")] == [ids["q3"]]
    export_project(p, "demands-csv", tmp_path / "d.csv", ben)
    (demand,) = read_csv(tmp_path / "d.csv")
    assert (demand["demand_id"], demand["claimant"], demand["annotator"]) == (
        ids["dem5"],
        "Sergei Karamov",
        "Ben",
    )
    export_project(p, "actors-csv", tmp_path / "a.csv", ben)
    for row in read_csv(tmp_path / "a.csv"):
        counts = tuple(
            int(row[c]) for c in ("mentions", "quotes", "demands_made", "demands_received")
        )
        assert counts == EXPECTED_COUNTS_BEN[row["name"]]
    export_project(p, "quotes-csv", tmp_path / "ana.csv", layer_named(p, "Ana"))
    assert {r["annotator"] for r in read_csv(tmp_path / "ana.csv")} == {"Ana"}
    # the same through the store: a relation counts only when it and both ends are Ben's
    ana = p.datasets(p.layer(ids["ana"]))
    assert [r.span.annotation_id for r in ana.quote_rows()] == [ids["q1"], ids["q2"]]
    assert (ana.count_quotes(), ana.count_demands()) == (2, 4)
    assert (p.datasets().count_quotes(), p.datasets().count_demands()) == (3, 5)
    # no layer (None) is every layer: the whole small project
    assert [r.span.annotation_id for r in p.datasets(None).quote_rows()] == [
        ids["q1"],
        ids["q2"],
        ids["q3"],
    ]
    # the gold layer has nothing yet (and asking for it wrote nothing: the file is read-only)
    gold = layer_named(p, "Gold")
    assert gold is p.gold
    assert list(p.datasets(gold).quote_rows()) == []


def test_values_with_commas_quotes_and_newlines_survive(tmp_path: Path) -> None:
    text = 'Minister "Ö" said:\n“Stop, now,” she said. Then: "we agree".'
    with Project.create(tmp_path / "x.annotator", annotator="Ana") as p:
        doc = p.documents.add(text, title='A "title", with comma').value
        entity = p.registry.add('Zoë "Z" Ó, Jr.', type="person", aliases=["Zoë", "Z; O"]).value
        mention = p.layer().add_annotation(doc.id, "Actor", [(0, 14)], entity=entity.id).value
        quote = p.layer().add_annotation(doc.id, "Quote", [(19, 31), (45, 54)]).value
        p.layer().add_relation("speaker", quote.id, mention.id)
        tables.write_quotes_csv(p.datasets(), tmp_path / "q.csv")
        tables.write_actors_csv(p.datasets(), tmp_path / "a.csv")
        (row,) = read_csv(tmp_path / "q.csv")
        assert row["quote"] == quote.text
        assert row["speaker"] == 'Zoë "Z" Ó, Jr.'
        assert row["document_title"] == 'A "title", with comma'
        (actor,) = read_csv(tmp_path / "a.csv")
        assert actor["aliases"] == "Zoë; Z; O"


def test_failed_or_cancelled_export_leaves_no_file(demo, tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        tables.write_quotes_csv(demo.datasets(), tmp_path / "missing" / "q.csv")
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "q.csv"
    out.write_text("previous", encoding="utf-8")
    with pytest.raises(Cancelled):
        tables.write_quotes_csv(demo.datasets(), out, lambda done, total: True)
    assert out.read_text(encoding="utf-8") == "previous"
    assert sorted(f.name for f in folder.iterdir()) == ["q.csv"]


def test_progress_is_reported(demo, tmp_path: Path) -> None:
    calls: list[tuple[int, int | None]] = []
    tables.write_demands_csv(demo.datasets(), tmp_path / "d.csv", lambda d, t: calls.append((d, t)))
    assert calls[-1] == (13, 13)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_cli_export(cli, demo_path: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"{fmt}.csv"
    result = cli("export", demo_path, "--format", fmt, "-o", out)
    assert result.returncode == 0, result.stderr
    rows = read_csv(out)
    assert rows and tuple(rows[0]) == FORMATS[fmt]
    assert result.stdout == f"Exported {len(rows)} {NOUNS[fmt]} to {out}.\n"


def test_cli_annotator_filter(cli, tmp_path: Path) -> None:
    path = tmp_path / "small.annotator"
    ids = build(path)
    out = tmp_path / "ben.csv"
    result = cli("export", path, "--format", "demands-csv", "--annotator", "Ben", "-o", out)
    assert result.returncode == 0, result.stderr
    assert [r["demand_id"] for r in read_csv(out)] == [ids["dem5"]]
    unknown = cli("export", path, "--format", "quotes-csv", "--annotator", "Nobody", "-o", out)
    assert unknown.returncode != 0
    assert "Nobody" in unknown.stderr
