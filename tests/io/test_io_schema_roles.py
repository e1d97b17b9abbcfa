"""Schema roles end to end: the same annotations under the default schema and under schemas that
call their labels and relations otherwise (German names; names with spaces, hyphens and
non-ASCII letters) give the same datasets, counts, dossiers, problems and exports.

The projects are built by claims_data.build, which renames the default schema's labels and
relations; annotation and entity ids are fixed, and document ids are mapped before comparing.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from claims_data import EXPECTED_COUNTS, build

from annotator import Project
from annotator.core.schema import Roles, Schema, default_schema, parse_schema
from annotator.io.exporting import role_warnings
from annotator.io.graphml import second_path
from annotator.store.datasets import Datasets
from annotator.store.problems import missing_kind, unlinked_kind

GERMAN_FILE = Path(__file__).with_name("claims_de.json")

#: The default schema's names -> the German schema's (tests/io/claims_de.json)
GERMAN = {
    "Actor": "Akteur",
    "Quote": "Zitat",
    "Demand": "Forderung",
    "Cue": "Redeeinleitung",
    "speaker": "sprecher",
    "claimant": "fordernder",
    "addressee": "adressat",
    "cue": "einleitung",
}
#: ... and names that SQL text built with f-strings or a naive pattern would trip over
UNUSUAL = {
    "Actor": "Akteur-in",
    "Quote": "Äußerung",
    "Demand": "Forderung an",
    "Cue": "Redeeinleitung",
    "speaker": "äußernde",
    "claimant": "fordernde_r",
    "addressee": "adressat_in",
    "cue": "einleitung",
}
FORMATS = ("quotes-csv", "demands-csv", "actors-csv", "network-graphml")


def german_document() -> dict[str, Any]:
    return json.loads(GERMAN_FILE.read_text(encoding="utf-8"))


def renamed_document(names: dict[str, str]) -> dict[str, Any]:
    """The German schema with its names replaced by ``names`` (given by the default's names)."""
    new = {GERMAN[k]: v for k, v in names.items()}
    data = german_document()
    for label in data["labels"]:
        label["name"] = new[label["name"]]
    for rel in data["relations"]:
        rel.update(name=new[rel["name"]], source=new[rel["source"]], target=new[rel["target"]])
    return data


def without_roles(data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    for item in [*data["labels"], *data["relations"]]:
        item.pop("role", None)
    return data


SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "german": german_document,
    "unusual": lambda: renamed_document(UNUSUAL),
}
NAMES = {"german": GERMAN, "unusual": UNUSUAL}


@pytest.fixture
def pair(tmp_path: Path, request: pytest.FixtureRequest) -> dict[str, Any]:
    """The same project under the default schema ("en") and under a renamed one ("xx")."""
    variant = getattr(request, "param", "german")
    en, xx = tmp_path / "en.annotator", tmp_path / f"{variant}.annotator"
    ids_en = build(en)
    ids_xx = build(xx, parse_schema(SCHEMAS[variant]()), NAMES[variant])
    return {"en": en, "xx": xx, "ids_en": ids_en, "ids_xx": ids_xx, "names": NAMES[variant]}


def same_documents(pair: dict[str, Any]) -> Callable[[str], str]:
    """Text from the renamed project with its document ids replaced by the default one's."""

    def translate(text: str) -> str:
        for doc in ("d1", "d2"):
            text = text.replace(pair["ids_xx"][doc], pair["ids_en"][doc])
        return text

    return translate


def reprs(rows: Iterable[object], translate: Callable[[str], str] = str) -> list[str]:
    return [translate(repr(row)) for row in rows]


def test_the_german_schema_names_its_roles() -> None:
    schema = parse_schema(german_document())
    assert schema.roles == Roles(
        speech="Zitat",
        claim="Forderung",
        actor="Akteur",
        cue="Redeeinleitung",
        speaker="sprecher",
        claimant="fordernder",
        addressee="adressat",
        cue_relation="einleitung",
    )
    assert schema.relation_for_role("speaker").required is True
    assert parse_schema(renamed_document(UNUSUAL)).roles.speech == "Äußerung"


@pytest.mark.parametrize("pair", ["german", "unusual"], indirect=True)
def test_datasets_counts_dossier_and_problems_are_those_of_the_default_schema(pair) -> None:
    translate, names = same_documents(pair), pair["names"]
    back = {v: k for k, v in names.items()}
    with (
        Project.open(pair["en"], readonly=True) as en,
        Project.open(pair["xx"], readonly=True) as xx,
    ):
        assert xx.schema.roles.speech == names["Quote"]
        for who in (None, "ben"):
            a = pair["ids_en"][who] if who else None
            b = pair["ids_xx"][who] if who else None
            quotes = reprs(data(en, a).quote_rows())
            assert quotes and reprs(data(xx, b).quote_rows(), translate) == quotes
            demands = reprs(data(en, a).demand_rows())
            assert demands and reprs(data(xx, b).demand_rows(), translate) == demands
            assert reprs(data(xx, b).actor_rows()) == reprs(data(en, a).actor_rows())
            assert (data(xx, b).count_quotes(), data(xx, b).count_demands()) == (
                data(en, a).count_quotes(),
                data(en, a).count_demands(),
            )
        counts = xx.registry.counts()
        assert counts == en.registry.counts()
        by_name = {e.name: counts[e.id] for e in xx.registry.all()}
        assert {k: tuple(count_tuple(v)) for k, v in by_name.items()} == EXPECTED_COUNTS

        for entity in en.registry.all():
            expected = en.registry.dossier(entity.id)
            got = [
                replace(e, label=back[e.label], document_id=translate(e.document_id))
                for e in xx.registry.dossier(entity.id)
            ]
            assert got == expected
        assert {e.role for e in xx.registry.dossier(pair["ids_xx"]["karamov"])} == {
            "speaker",
            "claimant",
        }

        kinds = {
            missing_kind(names[r.source], names[r.name]): missing_kind(r.source, r.name)
            for r in default_schema().relations
        } | {unlinked_kind(names[x.name]): unlinked_kind(x.name) for x in default_schema().labels}
        expected = [
            (p.annotation_id, p.start, p.kind, p.message.split(": ", 1)[1]) for p in en.problems()
        ]
        got = [
            (p.annotation_id, p.start, kinds[p.kind], p.message.split(": ", 1)[1])
            for p in xx.problems()
        ]
        assert expected and got == expected


def data(p: Project, annotator_id: str | None) -> Datasets:
    """The datasets of one annotator's layer, or (None) of every layer."""
    return p.datasets(p.layer(annotator_id) if annotator_id else None)


def count_tuple(counts: object) -> tuple[int, int, int, int]:
    return (counts.mentions, counts.quotes, counts.demands_made, counts.demands_received)


def _export(cli, path: Path, fmt: str, out: Path, *extra: str) -> str:
    result = cli("export", path, "--format", fmt, "-o", out, *extra)
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr, result.stderr
    text = out.read_text(encoding="utf-8")
    if fmt == "network-graphml":
        text += second_path(out).read_text(encoding="utf-8")
    return text


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_exports_are_those_of_the_default_schema(pair, cli, tmp_path: Path, fmt: str) -> None:
    translate = same_documents(pair)
    ext = ".graphml" if fmt == "network-graphml" else ".csv"
    expected = _export(cli, pair["en"], fmt, tmp_path / f"en{ext}")
    got = _export(cli, pair["xx"], fmt, tmp_path / f"xx{ext}")
    assert len(expected.splitlines()) > 3  # not two empty tables
    assert translate(got) == expected


def test_an_unusually_named_schema_exports_one_annotators_demands(cli, tmp_path: Path) -> None:
    en, xx = tmp_path / "en.annotator", tmp_path / "xx.annotator"
    ids_en = build(en)
    ids_xx = build(xx, parse_schema(renamed_document(UNUSUAL)), UNUSUAL)
    expected = _export(cli, en, "demands-csv", tmp_path / "en.csv", "--annotator", "Ben")
    got = _export(cli, xx, "demands-csv", tmp_path / "xx.csv", "--annotator", "Ben")
    assert len(got.splitlines()) == 2 and ids_xx["dem5"] in got  # the header and Ben's demand
    assert got.replace(ids_xx["d2"], ids_en["d2"]) == expected


def test_schema_names_are_bound_parameters_not_sql_text(tmp_path: Path) -> None:
    path = tmp_path / "xx.annotator"
    ids = build(path, parse_schema(renamed_document(UNUSUAL)), UNUSUAL)
    with Project.open(path, readonly=True) as p:
        seen: list[str] = []
        execute = p.db.execute

        def recording(sql: str, *args: Any, **kwargs: Any) -> Any:
            seen.append(sql)
            return execute(sql, *args, **kwargs)

        p.db.execute = recording  # type: ignore[method-assign]
        assert len(list(p.datasets().quote_rows())) == 3
        assert len(list(p.datasets().demand_rows())) == 5
        assert [r.quotes for r in p.datasets().actor_rows()] == [0, 0, 1]
        assert p.datasets().count_quotes() == 3 and p.datasets().count_demands() == 5
        assert p.registry.counts()[ids["karamov"]].demands_made == 4
        assert len(p.registry.dossier(ids["velmar"])) == 4
        assert p.problems()
    assert len(seen) >= 8
    for name in UNUSUAL.values():
        assert not [sql for sql in seen if name in sql], name


def test_a_schema_without_roles_has_no_quotes_or_demands_and_the_cli_says_so(
    cli, tmp_path: Path
) -> None:
    path = tmp_path / "plain.annotator"
    ids = build(path, parse_schema(without_roles(german_document())), GERMAN)
    with Project.open(path, readonly=True) as p:
        assert p.schema.roles == Roles()
        assert list(p.datasets().quote_rows()) == [] and list(p.datasets().demand_rows()) == []
        assert (p.datasets().count_quotes(), p.datasets().count_demands()) == (0, 0)
        assert {(r.mentions, r.quotes, r.demands_made) for r in p.datasets().actor_rows()} >= {
            (5, 0, 0)
        }
        assert p.registry.counts()[ids["karamov"]].quotes == 0
        assert p.registry.dossier(ids["karamov"]) == []
        assert p.problems()  # required relations and links do not depend on roles
    out = tmp_path / "quotes.csv"
    result = cli("export", path, "--format", "quotes-csv", "-o", out)
    assert result.returncode == 0, result.stderr
    assert 'Warning: the schema names no speech label (role "speech")' in result.stderr
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 1  # the header only
    result = cli("export", path, "--format", "network-graphml", "-o", tmp_path / "n.graphml")
    assert 'the schema names no claim label (role "claim")' in result.stderr
    assert "claimant relation" not in result.stderr  # no claim label, nothing more to say


def test_a_project_with_the_role_less_default_schema_of_old_keeps_its_datasets(
    tmp_path: Path,
) -> None:
    new, old = tmp_path / "new.annotator", tmp_path / "old.annotator"
    build(new)
    old_schema: Schema = parse_schema(without_roles(default_schema().raw))
    build(old, old_schema)
    with Project.open(new, readonly=True) as a, Project.open(old, readonly=True) as b:
        assert "role" not in json.dumps(b.schema.raw)  # the stored schema is left as it was
        assert b.schema.roles == a.schema.roles
        assert len(list(b.datasets().quote_rows())) == 3
        assert reprs(b.datasets().actor_rows()) == reprs(a.datasets().actor_rows())
        assert b.registry.counts() == a.registry.counts()


def test_role_warnings_name_what_an_export_lacks() -> None:
    assert all(role_warnings(default_schema(), fmt) == [] for fmt in [*FORMATS, "native"])
    data = german_document()
    del data["relations"][2]["role"]  # adressat plays no role now
    schema = parse_schema(data)
    assert role_warnings(schema, "demands-csv") == [
        'the schema names no addressee relation (role "addressee")'
    ]
    assert role_warnings(schema, "quotes-csv") == []
    plain = parse_schema(without_roles(german_document()))
    assert role_warnings(plain, "actors-csv") == [
        'the schema names no speech label (role "speech")',
        'the schema names no claim label (role "claim")',
    ]
