"""Claim networks as GraphML, for visone, Gephi, yEd, R (igraph) and Python (networkx).

Two networks come from the demands, each in its own file with one graph, because most tools
read only the first graph of a file:

- ``OUT``: the two-mode network of actors and issues. An undirected edge joins a claimant to
  the issue of its demands; ``weight`` is how many demands, ``demands_for`` and
  ``demands_against`` count the positions, and ``position`` is "for", "against" or "mixed".
- ``OUT-addressees.graphml`` (next to ``OUT``): the one-mode network of who makes demands of
  whom. A directed edge goes from claimant to addressee, ``weight`` demands, with the same
  position counts and the issues concerned.

Actors are registry entities (node id = entity id, so they join the actors table); a mention not
linked to the registry is a node of its own, named by its text. Demands without a claimant are
left out (and those without an issue or an addressee from the network that needs one).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from annotator.core.reports import ProgressCallback
from annotator.io.native import atomic_output
from annotator.io.tables import reported
from annotator.store.datasets import ActorRef, Datasets, DemandRow

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
SCHEMA_LOCATION = f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd"
SECOND_FILE_SUFFIX = "-addressees"

# (id, for, attr.name, attr.type)
NODE_KEYS = (
    ("label", "node", "label", "string"),
    ("name", "node", "name", "string"),
    ("type", "node", "type", "string"),
    ("mode", "node", "mode", "string"),
    ("entity_id", "node", "entity_id", "string"),
    ("wikidata", "node", "wikidata", "string"),
)
EDGE_KEYS = (
    ("weight", "edge", "weight", "int"),
    ("position", "edge", "position", "string"),
    ("demands_for", "edge", "demands_for", "int"),
    ("demands_against", "edge", "demands_against", "int"),
)
ISSUES_KEY = ("issues", "edge", "issues", "string")

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Tie:
    """The demands behind one edge."""

    weight: int = 0
    for_: int = 0
    against: int = 0
    issues: set[str] = field(default_factory=set)

    def add(self, demand: DemandRow) -> None:
        self.weight += 1
        self.for_ += demand.position == "for"
        self.against += demand.position == "against"
        if demand.issue:
            self.issues.add(demand.issue)

    @property
    def position(self) -> str:
        if self.for_ and self.against:
            return "mixed"
        return "for" if self.for_ else "against" if self.against else ""


@dataclass
class ClaimNetworks:
    """Both networks, aggregated from demand rows."""

    actors: dict[str, ActorRef] = field(default_factory=dict)  # node id -> actor
    issues: dict[str, str] = field(default_factory=dict)  # issue -> node id
    actor_issue: dict[tuple[str, str], Tie] = field(default_factory=dict)
    actor_addressee: dict[tuple[str, str], Tie] = field(default_factory=dict)
    demands: int = 0  # demands with a claimant, the ones counted
    unlinked: dict[str, str] = field(default_factory=dict)  # mention text -> node id

    def node(self, actor: ActorRef) -> str:
        if actor.linked:
            key = actor.id
        else:  # unlinked mentions with the same text are one node
            key = self.unlinked.setdefault(actor.name, f"unlinked-{len(self.unlinked) + 1}")
        self.actors.setdefault(key, actor)
        return key

    def add(self, demand: DemandRow) -> None:
        if not demand.claimant.name:
            return
        self.demands += 1
        claimant = self.node(demand.claimant)
        if demand.issue:
            issue = self.issues.setdefault(demand.issue, f"issue-{len(self.issues) + 1}")
            self.actor_issue.setdefault((claimant, issue), Tie()).add(demand)
        if demand.addressee.name:
            addressee = self.node(demand.addressee)
            self.actor_addressee.setdefault((claimant, addressee), Tie()).add(demand)


def build_networks(demands: Iterable[DemandRow]) -> ClaimNetworks:
    networks = ClaimNetworks()
    for demand in demands:
        networks.add(demand)
    return networks


# -- writing -------------------------------------------------------------------------------


def _clean(value: str) -> str:
    return _NOT_XML.sub("", value)


def _data(parent: ET.Element, key: str, value: str | int) -> None:
    if value == "":
        return
    ET.SubElement(parent, "data", key=key).text = _clean(str(value))


def _document(
    keys: Iterable[tuple[str, str, str, str]], graph_id: str, directed: bool
) -> tuple[ET.Element, ET.Element]:
    root = ET.Element(
        "graphml",
        {
            "xmlns": GRAPHML_NS,
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:schemaLocation": SCHEMA_LOCATION,
        },
    )
    for key_id, domain, name, type_ in keys:
        ET.SubElement(
            root, "key", {"id": key_id, "for": domain, "attr.name": name, "attr.type": type_}
        )
    graph = ET.SubElement(
        root, "graph", id=graph_id, edgedefault="directed" if directed else "undirected"
    )
    return root, graph


def _actor_node(graph: ET.Element, node_id: str, actor: ActorRef, two_mode: bool) -> None:
    node = ET.SubElement(graph, "node", id=node_id)
    _data(node, "label", actor.name)
    _data(node, "name", actor.name)
    _data(node, "type", actor.type)
    if two_mode:
        _data(node, "mode", "actor")
    _data(node, "entity_id", actor.id)


def _edge(graph: ET.Element, number: int, ends: tuple[str, str], tie: Tie, issues: bool) -> None:
    edge = ET.SubElement(graph, "edge", id=f"e{number}", source=ends[0], target=ends[1])
    _data(edge, "weight", tie.weight)
    _data(edge, "position", tie.position)
    _data(edge, "demands_for", tie.for_)
    _data(edge, "demands_against", tie.against)
    if issues:
        _data(edge, "issues", "; ".join(sorted(tie.issues)))


def _sorted_actors(networks: ClaimNetworks, used: set[str]) -> list[tuple[str, ActorRef]]:
    chosen = [(k, a) for k, a in networks.actors.items() if k in used]
    return sorted(chosen, key=lambda item: (item[1].name.casefold(), item[0]))


def two_mode_tree(networks: ClaimNetworks, wikidata: dict[str, str]) -> ET.Element:
    root, graph = _document((*NODE_KEYS, *EDGE_KEYS), "actor-issue", directed=False)
    used = {actor for actor, _ in networks.actor_issue}
    for node_id, actor in _sorted_actors(networks, used):
        _actor_node(graph, node_id, actor, two_mode=True)
        _data(graph[-1], "wikidata", wikidata.get(actor.id, ""))
    for issue, node_id in sorted(networks.issues.items()):
        node = ET.SubElement(graph, "node", id=node_id)
        _data(node, "label", issue)
        _data(node, "name", issue)
        _data(node, "type", "issue")
        _data(node, "mode", "issue")
    for number, (ends, tie) in enumerate(sorted(networks.actor_issue.items())):
        _edge(graph, number, ends, tie, issues=False)
    return root


def addressee_tree(networks: ClaimNetworks, wikidata: dict[str, str]) -> ET.Element:
    keys = (*(k for k in NODE_KEYS if k[0] != "mode"), *EDGE_KEYS, ISSUES_KEY)
    root, graph = _document(keys, "claimant-addressee", directed=True)
    used = {end for ends in networks.actor_addressee for end in ends}
    for node_id, actor in _sorted_actors(networks, used):
        _actor_node(graph, node_id, actor, two_mode=False)
        _data(graph[-1], "wikidata", wikidata.get(actor.id, ""))
    for number, (ends, tie) in enumerate(sorted(networks.actor_addressee.items())):
        _edge(graph, number, ends, tie, issues=True)
    return root


def second_path(out: Path) -> Path:
    """Where the actor → addressee network goes: ``net.graphml`` → ``net-addressees.graphml``."""
    return out.with_name(f"{out.stem}{SECOND_FILE_SUFFIX}{out.suffix or '.graphml'}")


def other_files(out: Path) -> tuple[Path, ...]:
    """The files written beside ``out`` (the formats table names them in messages)."""
    return (second_path(out),)


def _write_tree(fh: IO[str], root: ET.Element) -> None:
    ET.indent(root)
    fh.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    fh.write(ET.tostring(root, encoding="unicode"))
    fh.write("\n")


def write_network_graphml(
    data: Datasets,
    out: Path,
    progress: ProgressCallback | None = None,
) -> int:
    """Both claim networks (``out`` and :func:`second_path`); returns the demands counted."""
    total = data.count_demands()
    networks = build_networks(reported(data.demand_rows(), total, progress))
    wikidata = {e.id: e.wikidata for e in data.entities() if e.wikidata}
    # Both files are complete before either is renamed into place.
    with atomic_output(out) as first, atomic_output(second_path(out)) as second:
        _write_tree(first, two_mode_tree(networks, wikidata))
        _write_tree(second, addressee_tree(networks, wikidata))
    return networks.demands
