"""``annotator agreement`` run as a user would, on a project built through the API: two
annotators who finished one article and disagree on part of it, and one article only one of
them finished."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from annotator import Project

TEXT = "Karamov said talks would resume. The minister agreed, the ministry said."
# tokens: Karamov said talks would resume . The minister agreed , the ministry said . (14)
HOSTILE = "<script>alert(1)</script>"


def build(path: Path, ben: str = "Ben") -> dict[str, str]:
    with Project.create(path, annotator="Ana") as p:
        d1 = p.documents.add(TEXT, title='=HYPERLINK("http://x")').value
        d2 = p.documents.add("Lavrov spoke to the press.", title="Other").value
        ana = p.layer()
        actor = ana.add_annotation(d1.id, "Actor", [(0, 7)]).value
        quote = ana.add_annotation(d1.id, "Quote", [(13, 31)], attributes={"form": "indirect"})
        ana.add_relation("speaker", quote.value.id, actor.id)
        ana.add_annotation(d1.id, "Actor", [(33, 45)])  # "The minister": ben has none
        ana.set_status(d1.id, "done")
        ana.add_annotation(d2.id, "Actor", [(0, 6)])
        ana.set_status(d2.id, "done")
    with Project.open(path, annotator=ben) as p:
        layer = p.layer()
        actor = layer.add_annotation(d1.id, "Actor", [(0, 7)]).value
        quote = layer.add_annotation(d1.id, "Quote", [(13, 31)], attributes={"form": "indirect"})
        layer.add_relation("speaker", quote.value.id, actor.id)
        layer.set_status(d1.id, "done")
        layer.set_status(d2.id, "in_progress")
    return {"d1": d1.id, "d2": d2.id}


def test_json_gives_the_figures_over_documents_both_finished(cli, tmp_path: Path) -> None:
    path = tmp_path / "team.annotator"
    ids = build(path)
    before = path.read_bytes()
    result = cli("agreement", path, "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["annotators"] == ["Ana", "Ben"]
    assert report["unit"] == "token"
    assert report["documents"] == {"used": 1, "left_out": 1}  # d2: Ben is not done
    actor = next(r for r in report["pairs"] if r["label"] == "Actor")
    # Ana: 2 actors, Ben: 1, one identical. precision = 1/1, recall = 1/2, F1 = 2/3.
    assert actor["exact"] == {
        "matched": 1, "a_count": 2, "b_count": 1, "precision": 1.0, "recall": 0.5,
        "f1": 0.6667,
    }  # fmt: skip
    # κ of Actor over 14 tokens: Ana marks 3 (Karamov, The, minister), Ben 1 (Karamov).
    # n11 = 1, n10 = 2, n00 = 11: Po = 12/14, pa = 3/14, pb = 1/14,
    # Pe = 3/196 + 143/196 = 146/196; κ = (168 - 146) / (196 - 146) = 0.44.
    assert actor["kappa"] == {
        "value": 0.44, "observed": 0.8571, "expected": 0.7449, "positions": 14
    }  # fmt: skip
    demand = next(r for r in report["pairs"] if r["label"] == "Demand")
    assert (
        demand["kappa"]["value"] is None and "expected agreement is 1" in demand["kappa"]["reason"]
    )
    speaker = next(r for r in report["relations"] if r["type"] == "speaker")
    assert (speaker["matched"], speaker["f1"]) == (1, 1.0)
    form = next(r for r in report["attributes"] if r["attribute"] == "form")
    assert form["units"] == 1 and form["alpha"] is None  # one value only: undefined
    assert {r["document"] for r in report["per_document"]} == {ids["d1"]}
    assert path.read_bytes() == before  # reading never writes


def test_filters_and_char_unit(cli, tmp_path: Path) -> None:
    path = tmp_path / "team.annotator"
    ids = build(path)
    result = cli(
        "agreement", path, "--format", "json", "--labels", "Actor", "--unit", "char",
        "--documents", ids["d1"], "--annotators", "Ben,Ana",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["annotators"] == ["Ben", "Ana"] and report["labels"] == ["Actor"]
    assert report["documents"] == {"used": 1, "left_out": 0}
    (actor, _pooled) = report["pairs"]
    # non-whitespace characters of TEXT: 72 code points minus 10 spaces
    assert actor["kappa"]["positions"] == 62
    assert actor["exact"]["a_count"] == 1  # Ben is a now


def test_table_is_readable_and_says_what_is_undefined(cli, tmp_path: Path) -> None:
    path = tmp_path / "team.annotator"
    build(path)
    result = cli("agreement", path)
    assert result.returncode == 0, result.stderr
    assert "1 document(s) used" in result.stdout and "1 left out" in result.stdout
    assert re.search(r"Ana–Ben\s+Actor\s+0\.667 \(1/2/1\)", result.stdout)
    assert "Undefined" in result.stdout and "expected agreement is 1" in result.stdout


def test_html_is_one_self_contained_file(cli, tmp_path: Path) -> None:
    path = tmp_path / "team.annotator"
    build(path, ben=HOSTILE)
    out = tmp_path / "agreement.html"
    result = cli("agreement", path, "--format", "html", "-o", out)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 2
    # nothing fetched from outside, nothing run: references are to the page itself (#id)
    # or inline (the heat maps' pixels are a data: PNG inside the SVG)
    assert "<script" not in page.lower()
    assert not re.search(r"""\b(src|href)\s*=\s*["'](?!#|data:image/png;base64,)""", page)
    assert not re.search(r"url\((?!#)", page)
    assert "<link" not in page and "@import" not in page
    # the hostile name is shown as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # the counts behind the figures are in the page
    assert "Documents, worst first" in page and "0.667" in page


def test_csv_rows_are_neutralised_against_formulas(cli, tmp_path: Path) -> None:
    path = tmp_path / "team.annotator"
    build(path)
    out = tmp_path / "agreement.csv"
    result = cli("agreement", path, "--format", "csv", "-o", out)
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    titles = {r["title"] for r in rows if r["section"] == "per_document"}
    assert titles == {'\'=HYPERLINK("http://x")'}
    kappa = next(r for r in rows if r["measure"] == "Cohen's kappa" and r["label"] == "Actor")
    assert (kappa["value"], kappa["positions"]) == ("0.44", "14")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--annotators", "Ana,Zed"], "no annotator named 'Zed'"),
        (["--annotators", "Ana"], "at least two annotators"),
        (["--labels", "Claim"], "no label 'Claim'"),
        (["--documents", "nope"], "no document with id 'nope'"),
    ],
)
def test_bad_choices_get_a_clear_message(cli, tmp_path: Path, args, message) -> None:
    path = tmp_path / "team.annotator"
    build(path)
    result = cli("agreement", path, *args)
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr


def test_gold_can_be_compared_by_name(cli, tmp_path: Path) -> None:
    path = tmp_path / "team.annotator"
    ids = build(path)
    with Project.open(path, annotator="Ana") as p:
        p.gold.add_annotation(ids["d1"], "Actor", [(0, 7)])
        p.gold.set_status(ids["d1"], "done")
    # by default gold is not one of the annotators compared
    default = json.loads(cli("agreement", path, "--format", "json").stdout)
    assert default["annotators"] == ["Ana", "Ben"]
    result = cli("agreement", path, "--format", "json", "--annotators", "Ana,gold")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["annotators"] == ["Ana", "Gold"]
    actor = next(r for r in report["pairs"] if r["label"] == "Actor")
    assert (actor["exact"]["matched"], actor["exact"]["b_count"]) == (1, 1)


def test_a_missing_project_is_named(cli, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.annotator"
    result = cli("agreement", missing)
    assert result.returncode != 0 and str(missing) in result.stderr
    assert "Traceback" not in result.stderr
