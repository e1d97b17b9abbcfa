"""Claim networks as GraphML: read back with networkx and compared with the store."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from claims_data import annotations_of, build, relations_of

from annotator import OutputError, Project
from annotator.core.reports import Cancelled
from annotator.io.exporting import export_project, layer_named
from annotator.io.graphml import second_path, write_network_graphml

NS = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture
def small(tmp_path: Path):
    path = tmp_path / "small.annotator"
    ids = build(path)
    with Project.open(path, readonly=True) as p:
        yield p, ids


def read(out: Path) -> tuple[nx.Graph, nx.DiGraph]:
    two_mode = nx.read_graphml(out)
    one_mode = nx.read_graphml(second_path(out))
    assert not two_mode.is_directed()
    assert one_mode.is_directed()
    return two_mode, one_mode


def test_second_file_name(tmp_path: Path) -> None:
    assert second_path(tmp_path / "net.graphml") == tmp_path / "net-addressees.graphml"
    assert second_path(tmp_path / "net") == tmp_path / "net-addressees.graphml"


def test_small_project_networks(small, tmp_path: Path) -> None:
    p, ids = small
    out = tmp_path / "net.graphml"
    assert write_network_graphml(p.datasets(), out) == 5  # demands with a claimant
    two_mode, one_mode = read(out)
    karamov, velmar = ids["karamov"], ids["velmar"]

    issues = {n: d for n, d in two_mode.nodes(data=True) if d["mode"] == "issue"}
    assert sorted(d["label"] for d in issues.values()) == ["cease-fire", "troop withdrawal"]
    assert all(d["type"] == "issue" for d in issues.values())
    issue = {d["label"]: n for n, d in issues.items()}
    actors = {n: d for n, d in two_mode.nodes(data=True) if d["mode"] == "actor"}
    assert set(actors) == {karamov, velmar}  # the unused entity is not a node
    assert actors[karamov]["label"] == "Sergei Karamov"
    assert actors[karamov]["type"] == "person"
    assert actors[karamov]["wikidata"] == "Q999001"
    assert actors[velmar]["type"] == "government"
    assert "wikidata" not in actors[velmar]

    edges = {
        (a if a in actors else b, two_mode.nodes[b if a in actors else a]["label"]): d
        for a, b, d in two_mode.edges(data=True)
    }
    assert set(edges) == {
        (karamov, "troop withdrawal"),
        (karamov, "cease-fire"),
        (velmar, "cease-fire"),
    }
    mixed = edges[(karamov, "cease-fire")]
    assert (mixed["weight"], mixed["demands_for"], mixed["demands_against"]) == (3, 2, 1)
    assert mixed["position"] == "mixed"
    assert edges[(karamov, "troop withdrawal")]["position"] == "for"
    assert edges[(velmar, "cease-fire")]["position"] == "against"
    assert edges[(velmar, "cease-fire")]["weight"] == 1
    assert two_mode.has_edge(karamov, issue["cease-fire"])

    # one-mode: who makes demands of whom (demands without an addressee are left out)
    assert set(one_mode.nodes) == {karamov, velmar}
    assert list(one_mode.edges) == [(karamov, velmar)]
    tie = one_mode.edges[karamov, velmar]
    assert (tie["weight"], tie["demands_for"], tie["demands_against"]) == (3, 2, 1)
    assert tie["position"] == "mixed"
    assert tie["issues"] == "cease-fire; troop withdrawal"
    assert one_mode.nodes[velmar]["label"] == "Government of Valdoria"


def test_annotator_filter(small, tmp_path: Path) -> None:
    p, ids = small
    out = tmp_path / "ben.graphml"
    assert export_project(p, "network-graphml", out, layer_named(p, "Ben")) == 1
    two_mode, one_mode = read(out)
    (edge,) = two_mode.edges(data=True)
    assert ids["karamov"] in edge[:2]
    assert (edge[2]["weight"], edge[2]["position"]) == (1, "for")
    assert one_mode.number_of_nodes() == one_mode.number_of_edges() == 0


def test_unlinked_claimants_are_nodes_named_by_their_text(tmp_path: Path) -> None:
    text = "Protesters demanded talks. Protesters also demanded talks from Velmar."
    with Project.create(tmp_path / "u.annotator", annotator="Ana") as p:
        doc = p.documents.add(text).value
        ana = p.layer()
        for start in (0, 27):
            who = ana.add_annotation(doc.id, "Actor", [(start, start + 10)]).value
            demand = ana.add_annotation(
                doc.id,
                "Demand",
                [(start + 20, start + 25)] if start == 0 else [(start + 25, start + 30)],
                attributes={"issue": "negotiations", "position": "for"},
            ).value
            ana.add_relation("claimant", demand.id, who.id)
        velmar = ana.add_annotation(doc.id, "Actor", [(63, 69)]).value
        ana.add_relation("addressee", demand.id, velmar.id)
        write_network_graphml(p.datasets(), tmp_path / "u.graphml")
    two_mode, one_mode = read(tmp_path / "u.graphml")
    actors = [d for _, d in two_mode.nodes(data=True) if d["mode"] == "actor"]
    assert [d["label"] for d in actors] == ["Protesters"]  # both mentions: one node
    assert "entity_id" not in actors[0]
    ((_, _, edge),) = two_mode.edges(data=True)
    assert edge["weight"] == 2
    assert sorted(d["label"] for _, d in one_mode.nodes(data=True)) == ["Protesters", "Velmar"]


def test_demo_networks_match_the_store(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "demo.graphml"
    with Project.open(demo_path, readonly=True) as p:
        count = write_network_graphml(p.datasets(), out)
        # independently, through the API: (claimant entity, issue, position), (claimant, addressee)
        by_issue: Counter[tuple[str, str, str]] = Counter()
        by_addressee: Counter[tuple[str, str]] = Counter()
        demands = 0
        for doc in p.documents.all():
            anns = {a.id: a for a in annotations_of(p, doc.id)}
            ends: dict[str, dict[str, str]] = {}
            for rel in relations_of(p, doc.id):
                if rel.type in ("claimant", "addressee"):
                    target = anns[rel.target]
                    assert target.entity is not None  # the demo links every mention
                    ends.setdefault(rel.source, {})[rel.type] = target.entity
            for demand_id, found in ends.items():
                if "claimant" not in found:
                    continue
                demands += 1
                attrs = anns[demand_id].attributes
                by_issue[(found["claimant"], attrs["issue"], attrs["position"])] += 1
                if "addressee" in found:
                    by_addressee[(found["claimant"], found["addressee"])] += 1
        names = {e.id: e.name for e in p.registry.all()}
    assert count == demands == 13
    two_mode, one_mode = read(out)
    issue_of = {n: d["label"] for n, d in two_mode.nodes(data=True) if d["mode"] == "issue"}
    seen = set()
    for a, b, data in two_mode.edges(data=True):
        actor, issue = (a, issue_of[b]) if b in issue_of else (b, issue_of[a])
        assert two_mode.nodes[actor]["label"] == names[actor]
        pro, con = by_issue[(actor, issue, "for")], by_issue[(actor, issue, "against")]
        assert (data["weight"], data["demands_for"], data["demands_against"]) == (
            pro + con,
            pro,
            con,
        )
        assert data["position"] == ("mixed" if pro and con else "for" if pro else "against")
        seen.add((actor, issue))
    assert seen == {(actor, issue) for actor, issue, _ in by_issue}
    assert {(a, b): d["weight"] for a, b, d in one_mode.edges(data=True)} == dict(by_addressee)


def test_files_are_plain_graphml(small, tmp_path: Path) -> None:
    p, _ = small
    out = tmp_path / "net.graphml"
    write_network_graphml(p.datasets(), out)
    for path in (out, second_path(out)):
        root = ET.parse(path).getroot()
        assert root.tag == f"{NS}graphml"
        assert len(root.findall(f"{NS}graph")) == 1
        declared = {k.get("id") for k in root.findall(f"{NS}key")}
        used = {d.get("key") for d in root.iter(f"{NS}data")}
        assert used <= declared


def test_failed_or_cancelled_export_writes_neither_file(small, tmp_path: Path) -> None:
    p, _ = small
    with pytest.raises(OutputError):
        write_network_graphml(p.datasets(), tmp_path / "missing" / "net.graphml")
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(Cancelled):
        write_network_graphml(p.datasets(), folder / "net.graphml", lambda done, total: True)
    assert list(folder.iterdir()) == []


def test_cli_export(cli, demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.graphml"
    result = cli("export", demo_path, "--format", "network-graphml", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"Exported 13 demands to {out} and {tmp_path / 'claims-addressees.graphml'}.\n"
    )
    two_mode, one_mode = read(out)
    assert two_mode.number_of_edges() > 0
    assert one_mode.number_of_edges() > 0


def test_cli_annotator_filter(cli, tmp_path: Path) -> None:
    path = tmp_path / "small.annotator"
    build(path)
    out = tmp_path / "ben.graphml"
    result = cli("export", path, "--format", "network-graphml", "--annotator", "Ben", "-o", out)
    assert result.returncode == 0, result.stderr
    assert nx.read_graphml(out).number_of_edges() == 1
