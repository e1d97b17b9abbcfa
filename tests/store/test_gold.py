"""Adjudicating into gold (store/gold.py): accept, reject, the strategies, undo and redo.

Three annotators (Ana, Ben, Cy) on one article; what gold holds is read back with plain
sqlite3 where it matters.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annotator import Project, ValidationError
from annotator.store.gold import Adjudication, Strategy

TEXT = (
    "Karamov said talks must resume now. Belotsky demanded a cease-fire from Moscow. "
    "Illešová stayed silent."
)
OTHER = "Nobody said anything here. Moscow was quiet."


def at(needle: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


@pytest.fixture
def team(tmp_path: Path) -> Any:
    """Ana, Ben and Cy:

    - all three: Actor "Karamov" (linked) speaks Quote "talks must resume now" (form direct);
      Cy's quote is "talks must resume" (boundary) and has no speaker;
    - Ana and Ben: Actor "Belotsky"; Cy none (incomplete);
    - Ana: Demand "a cease-fire from Moscow", Ben: Quote on it (label), Cy: the demand;
    - Ben alone: Actor "Illešová".
    """
    path = tmp_path / "team.annotator"
    p = Project.create(path, annotator="Ana")
    doc = p.documents.add(TEXT, title="Talks").value
    other = p.documents.add(OTHER, title="Quiet").value
    karamov = p.registry.add("Sergei Karamov", type="person", aliases=["Karamov"]).value
    ana = p.layer()
    ben = p.layer(p.annotators.add("Ben").value.id)
    cy = p.layer(p.annotators.add("Cy").value.id)
    for who, quote in (
        (ana, "talks must resume now"),
        (ben, "talks must resume now"),
        (cy, "talks must resume"),
    ):
        actor = who.add_annotation(doc.id, "Actor", [at("Karamov")], entity=karamov.id).value
        q = who.add_annotation(doc.id, "Quote", [at(quote)], attributes={"form": "direct"}).value
        if who is not cy:
            who.add_relation("speaker", q.id, actor.id)
    ana.add_annotation(doc.id, "Actor", [at("Belotsky")])
    ben.add_annotation(doc.id, "Actor", [at("Belotsky")])
    ana.add_annotation(doc.id, "Demand", [at("a cease-fire from Moscow")])
    ben.add_annotation(doc.id, "Quote", [at("a cease-fire from Moscow")])
    cy.add_annotation(doc.id, "Demand", [at("a cease-fire from Moscow")])
    ben.add_annotation(doc.id, "Actor", [at("Illešová")])
    for who in (ana, ben, cy):
        who.add_annotation(other.id, "Actor", [at("Moscow", OTHER)])
    p.ids = {
        "doc": doc.id,
        "other": other.id,
        "ana": ana.annotator_id,
        "ben": ben.annotator_id,
        "cy": cy.annotator_id,
        "karamov": karamov.id,
    }
    yield p
    p.close()


def gold_rows(p: Project, rows: Any) -> list[tuple[Any, ...]]:
    return rows(
        p.path,
        'SELECT label, start, "end", origin, entity, attributes FROM annotations '
        "WHERE annotator = 'gold' ORDER BY start, label",
    )


def unit_of(review: Adjudication, p: Any, label: str, needle: str) -> Any:
    start, _end = at(needle)
    return next(u for u in review.units(p.ids["doc"]) if u.start == start and label in u.labels)


def test_states_of_the_team_document(team: Any) -> None:
    review = Adjudication(team)
    found = [(u.label, u.state, u.aspects) for u in review.units(team.ids["doc"])]
    assert found == [
        ("Actor", "agreed", ()),
        ("Quote", "disagreed", ("boundary", "link")),
        ("Actor", "incomplete", ()),
        ("Demand", "disagreed", ("label",)),
        ("Actor", "incomplete", ()),
    ]


def test_accepting_a_quote_brings_its_speaker_and_the_mention(team: Any, rows: Any) -> None:
    review = Adjudication(team)
    quote = unit_of(review, team, "Quote", "talks must resume now")
    edit, changes = review.accept(quote, team.ids["ben"])
    stored = gold_rows(team, rows)
    assert [(r[0], r[1], r[2], r[3]) for r in stored] == [
        ("Actor", *at("Karamov"), "adjudication"),
        ("Quote", *at("talks must resume now"), "adjudication"),
    ]
    assert stored[0][4] == team.ids["karamov"]  # the entity link came along
    assert '"direct"' in stored[1][5]  # and the attributes
    assert rows(team.path, "SELECT type FROM relations WHERE annotator = 'gold'") == [("speaker",)]
    assert len(edit.added) == 2 and len(edit.added_relations) == 1
    assert "gold" in changes.layers
    states = {(u.label, u.start): u.state for u in review.units(team.ids["doc"])}
    assert states[("Quote", at("talks")[0])] == "accepted"
    assert states[("Actor", 0)] == "accepted"  # the mention's unit is accepted with it


def test_accepting_another_version_replaces_golds_and_reuses_the_mention(
    team: Any, rows: Any
) -> None:
    review = Adjudication(team)
    review.accept(unit_of(review, team, "Actor", "Karamov"), team.ids["ana"])
    review.accept(unit_of(review, team, "Quote", "talks must resume"), team.ids["ana"])
    review.accept(unit_of(review, team, "Quote", "talks must resume"), team.ids["cy"])
    stored = gold_rows(team, rows)
    assert [(r[0], r[1], r[2]) for r in stored] == [
        ("Actor", *at("Karamov")),
        ("Quote", *at("talks must resume")),  # Cy's, without a speaker
    ]
    assert rows(team.path, "SELECT count(*) FROM relations WHERE annotator = 'gold'") == [(0,)]


def test_reject_records_rows_and_undo_redo_replay(team: Any, rows: Any) -> None:
    review = Adjudication(team)
    unit = unit_of(review, team, "Actor", "Illešová")
    edit = review.reject(unit).value
    assert rows(team.path, "SELECT annotation, document FROM rejections") == [
        (unit.annotations[0].id, team.ids["doc"])
    ]
    assert unit_of(review, team, "Actor", "Illešová").state == "rejected"
    review.undo(edit)
    assert rows(team.path, "SELECT count(*) FROM rejections") == [(0,)]
    review.redo(edit)
    assert unit_of(review, team, "Actor", "Illešová").state == "rejected"
    # accepting it later lifts the rejection
    review.accept(unit_of(review, team, "Actor", "Illešová"), team.ids["ben"])
    assert rows(team.path, "SELECT count(*) FROM rejections") == [(0,)]
    assert unit_of(review, team, "Actor", "Illešová").state == "accepted"


def test_agreed_strategy_counts_then_applies_once(team: Any, rows: Any) -> None:
    review = Adjudication(team)
    preview = review.preview(Strategy("agreed"))
    assert dict(preview.units) == {"Actor": 2}  # Karamov here, Moscow in the other document
    assert preview.documents == {team.ids["doc"], team.ids["other"]}
    assert gold_rows(team, rows) == []  # a preview writes nothing
    report, _changes = review.apply(Strategy("agreed"))
    assert report.total == 2 and report.annotations_added == 2
    assert len(gold_rows(team, rows)) == 2
    again = review.apply(Strategy("agreed")).value
    assert again.total == 0 and len(gold_rows(team, rows)) == 2  # idempotent


def test_majority_takes_two_of_three_and_the_share(team: Any, rows: Any) -> None:
    review = Adjudication(team)
    preview = review.preview(Strategy("majority", at_least=2), [team.ids["doc"]])
    # Karamov (3), the quote (Ana = Ben, with speaker), Belotsky (2), the demand (Ana = Cy)
    assert dict(preview.units) == {"Actor": 2, "Quote": 1, "Demand": 1}
    assert review.preview(Strategy("majority", share=1.0)).total == 2  # everyone: agreed only
    assert review.preview(Strategy("majority", share=0.6)).total == 5  # 2 of 3
    review.apply(Strategy("majority", at_least=2), [team.ids["doc"]])
    stored = [(r[0], r[1]) for r in gold_rows(team, rows)]
    assert stored == [
        ("Actor", 0),
        ("Quote", at("talks")[0]),
        ("Actor", at("Belotsky")[0]),
        ("Demand", at("a cease-fire")[0]),
    ]
    # the quote came with its speaker, linked to the Karamov gold already had (no twin)
    assert rows(team.path, "SELECT count(*) FROM relations WHERE annotator = 'gold'") == [(1,)]


def test_strategy_is_one_transaction_and_undo_removes_it_all(team: Any, rows: Any) -> None:
    review = Adjudication(team)
    before = rows(team.path, "SELECT count(*) FROM annotations")
    report = review.apply(Strategy("majority", at_least=2)).value
    assert len(gold_rows(team, rows)) == 5
    review.undo(report.edit)
    assert gold_rows(team, rows) == []
    assert rows(team.path, "SELECT count(*) FROM annotations") == before

    def stop(done: int, total: int | None) -> bool:
        return done >= 1  # cancel (True) after the first document

    from annotator.core.reports import Cancelled

    with pytest.raises(Cancelled):
        review.apply(Strategy("majority", at_least=2), progress=stop)
    assert gold_rows(team, rows) == []  # nothing of the first document stayed


def test_bad_requests_are_refused(team: Any) -> None:
    review = Adjudication(team)
    with pytest.raises(ValidationError):
        Strategy("unanimous")
    with pytest.raises(ValidationError):
        Strategy("majority", share=1.5)
    with pytest.raises(ValidationError):
        review.preview(Strategy("agreed"), annotators=[team.ids["ana"]])
    unit = unit_of(review, team, "Actor", "Illešová")
    with pytest.raises(ValidationError):
        review.accept(unit, team.ids["ana"])  # Ana has no version there
