"""A project whose every user-supplied string is hostile: markup for Qt, formulas for Excel.

Each hostile string carries an *anchor*, a word found nowhere else: wherever the anchor is
visible, the whole string must be visible as typed (otherwise Qt interpreted it as HTML).
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator import Project
from annotator.core.schema import load_schema_text
from annotator.resources_path import read_text

NAME = "<b>Boldname</b>"
NAME_AMP = "=SUM(A1) Tom &amp; Ampjerry"
ALIAS = "Imgalias<img src=x>"
ALIAS_DASH = "-Russia-"
NOTE = "<a href='http://example.org'>Linknote</a>"
NOTE_FORMULA = "+cmd|' /C calc'!A0 Notetwo"
TITLE = "&lt;img src=x&gt;Titleword <b>Boldtitle</b>"  # clean_title makes it "<img src=x>..."
TITLE_FORMULA = "@SUM(1+1) Formtitle"
DESCRIPTION = "<b>Descword</b> <img src=x> &amp;"
QUOTE = "<i>Quoteword</i> &amp; more"
DEMAND = "<a href='x'>Linkdemand</a>"
ISSUE = "<b>Issueword</b> & cease-fire"  # an editable attribute's value in use
ISSUE_TYPED = "<B>ISSUEWORD</B> &amp; CEASEFIRE"  # typed: close to ISSUE, not the same
TEXT = f"{NAME} said: {QUOTE}. {ALIAS} demanded {DEMAND}."
TEXT_FORMULA = '=HYPERLINK("http://x") Formtext\tand -Russia- said\n+more.'

# anchor -> the raw string (as stored) that must be shown whenever the anchor is
ANCHORS = {
    "Boldname": NAME,
    "Ampjerry": NAME_AMP,
    "Imgalias": ALIAS,
    "Linknote": NOTE,
    "Titleword": "<img src=x>Titleword Boldtitle",
    "Descword": DESCRIPTION,
    "Quoteword": QUOTE,
    "Linkdemand": DEMAND,
    "Issueword": ISSUE,
    "ISSUEWORD": ISSUE_TYPED,
}


def hostile_schema():
    data = json.loads(read_text("schemas", "claims.json"))

    def spoil(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "description":
                    node[key] = DESCRIPTION
                else:
                    spoil(value)
        elif isinstance(node, list):
            for item in node:
                spoil(item)

    spoil(data["labels"])
    spoil(data["relations"])
    return load_schema_text(json.dumps(data))


def write_hostile(path: Path, annotator: str = "Tester") -> dict[str, str]:
    """The project at ``path``; returns the ids of what it holds."""
    with Project.create(path, schema=hostile_schema(), annotator=annotator) as project:
        doc = project.documents.add(TEXT, title=TITLE, source="<b>Src</b>").value
        other = project.documents.add(TEXT_FORMULA, title=TITLE_FORMULA, source="-src").value
        registry, layer = project.registry, project.layer()
        bold = registry.add(NAME, note=NOTE_FORMULA).value
        amp = registry.add(NAME_AMP, aliases=[ALIAS, ALIAS_DASH], note=NOTE).value
        start = TEXT.index(NAME)
        actor = layer.add_annotation(
            doc.id, "Actor", [(start, start + len(NAME))], entity=bold.id, note=NOTE
        ).value
        start = TEXT.index(QUOTE)
        quote = layer.add_annotation(doc.id, "Quote", [(start, start + len(QUOTE))]).value
        layer.add_relation("speaker", quote.id, actor.id)
        start = TEXT.index(ALIAS)
        layer.add_annotation(doc.id, "Actor", [(start, start + len(ALIAS))])  # not linked
        start = TEXT.index(DEMAND)
        layer.add_annotation(
            doc.id,
            "Demand",
            [(start, start + len(DEMAND))],
            attributes={"issue": ISSUE},
            note=NOTE,
        )
        start = TEXT_FORMULA.index("-Russia-")
        russia = layer.add_annotation(
            other.id, "Actor", [(start, start + 8)], entity=amp.id, note=NOTE_FORMULA
        ).value
        start = TEXT_FORMULA.index("+more")
        said = layer.add_annotation(other.id, "Quote", [(0, 10), (start, start + 5)]).value
        layer.add_relation("speaker", said.id, russia.id)
        demand = layer.add_annotation(other.id, "Demand", [(0, 5)], note="\rCarriage -1").value
        layer.add_relation("claimant", demand.id, russia.id)
        return {"doc": doc.id, "other": other.id, "bold": bold.id, "amp": amp.id}
