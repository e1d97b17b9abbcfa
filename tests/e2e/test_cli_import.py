"""`annotator import`, `info` and `check` as a user types them; a killed import."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator import Project
from annotator.demo import article_paths

ARTICLES = article_paths()[0].parent


def test_import_the_demo_articles_then_again(cli, tmp_path: Path) -> None:
    project = tmp_path / "study.annotator"
    assert cli("new", project).returncode == 0

    result = cli("import", project, ARTICLES)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Imported: 12 document(s) added.\n"
    assert result.stderr == ""
    with Project.open(project, readonly=True) as p:
        docs = list(p.documents.all())
    assert len(docs) == 12
    assert docs[0].title == "Valdoria and Karsia open first direct talks in Minara"
    assert (docs[0].source, docs[0].published) == ("Meridian Wire", "2026-03-02")
    assert all(d.text and "\r" not in d.text and not d.text.startswith("---") for d in docs)
    assert len({d.sha256 for d in docs}) == 12

    again = cli("import", project, ARTICLES)
    assert again.returncode == 0, again.stderr
    assert again.stdout == (
        "Imported: 0 document(s) added; 12 already in the project (same text), skipped.\n"
    )
    skipped = [line for line in again.stderr.splitlines() if line.startswith("Skipped")]
    assert len(skipped) == 12
    assert "01-minara-talks-open.md" in skipped[0]
    with Project.open(project, readonly=True) as p:
        assert [d.id for d in p.documents.all()] == [d.id for d in docs]

    info = cli("info", project)
    assert info.returncode == 0
    assert f"Project:     study  ({project})" in info.stdout
    assert "Documents:   12\n" in info.stdout
    assert "Annotations: 0\n" in info.stdout

    as_json = cli("info", "--json", project)
    assert as_json.returncode == 0
    facts = json.loads(as_json.stdout)
    assert facts["name"] == "study"
    assert (facts["documents"], facts["annotations"], facts["relations"]) == (12, 0, 0)

    check = cli("check", project)
    assert check.returncode == 0, check.stdout
    assert check.stdout.startswith("OK: checked 12 documents")
    check_json = json.loads(cli("check", "--json", project).stdout)
    assert check_json["ok"] is True and check_json["errors"] == []
    assert check_json["checked"]["documents"] == 12


def test_import_with_field_options(cli, tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    cli("new", project)
    feed = tmp_path / "feed.csv"
    feed.write_text(
        "headline;body;outlet;day;lang\nTalks;Talks resumed, said the envoy.;Wire;2026-01-05;en\n",
        encoding="cp1252",
    )
    result = cli(
        "import",
        project,
        feed,
        "--text-field",
        "body",
        "--title-field",
        "headline",
        "--source-field",
        "outlet",
        "--published-field",
        "day",
    )
    assert result.returncode == 0, result.stderr
    with Project.open(project, readonly=True) as p:
        [doc] = list(p.documents.all())
    assert (doc.title, doc.text, doc.source, doc.published, doc.metadata) == (
        "Talks",
        "Talks resumed, said the envoy.",
        "Wire",
        "2026-01-05",
        {"lang": "en"},
    )


def test_import_with_forced_encoding(cli, tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    cli("new", project)
    article = tmp_path / "a.txt"
    article.write_bytes("Gesprรคche".encode("cp874"))  # Thai code page
    result = cli("import", project, article, "--encoding", "cp874")
    assert result.returncode == 0, result.stderr
    with Project.open(project, readonly=True) as p:
        assert [d.text for d in p.documents.all()] == ["Gesprรคche"]


@pytest.mark.slow
def test_killed_import_leaves_the_project_as_it_was(cli, tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    assert cli("new", project).returncode == 0
    feed = tmp_path / "big.jsonl"
    body = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 53  # ~3 KB
    with feed.open("w", encoding="utf-8") as fh:
        for i in range(20_000):
            fh.write(json.dumps({"title": f"Article {i}", "text": f"{i} {body}"}) + "\n")
    wal = Path(f"{project}-wal")
    proc = subprocess.Popen(
        [sys.executable, "-m", "annotator", "import", str(project), str(feed)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ},
    )
    killed = False
    deadline = time.monotonic() + 30
    try:
        # Kill once the transaction is writing (the WAL grows past a few MB), at the latest
        # after 1 s, as long as the import still runs.
        started = time.monotonic()
        while time.monotonic() < deadline and proc.poll() is None:
            big_wal = wal.exists() and wal.stat().st_size > 4_000_000
            if big_wal or time.monotonic() - started > 1.0:
                proc.send_signal(signal.SIGKILL)
                killed = True
                break
            time.sleep(0.005)
    finally:
        proc.wait(timeout=30)
    if killed:
        assert proc.returncode == -signal.SIGKILL

    check = cli("check", project)
    assert check.returncode == 0, check.stdout + check.stderr
    facts = json.loads(cli("info", "--json", project).stdout)
    if killed:
        assert facts["documents"] == 0
    else:  # the import finished before it could be killed
        assert facts["documents"] == 20_000

    # the project is still usable for writing: the stale lock file does not block it
    article = tmp_path / "a.txt"
    article.write_text("After the crash.", encoding="utf-8")
    result = cli("import", project, article)
    assert result.returncode == 0, result.stderr
    assert json.loads(cli("info", "--json", project).stdout)["documents"] == facts["documents"] + 1


def test_native_import_with_a_reused_annotation_id(cli, demo_path: Path, tmp_path: Path) -> None:
    exported = tmp_path / "demo.jsonl"
    assert cli("export", demo_path, "--format", "jsonl", "-o", exported).returncode == 0
    header, *docs = exported.read_text(encoding="utf-8").splitlines()
    first = json.loads(docs[0])
    twin = dict(first["annotations"][1], id=first["annotations"][0]["id"])
    shorter = dict(twin["fragments"][0])  # not the same annotation again: a character less
    shorter["end"] -= 1
    shorter["text"] = shorter["text"][:-1]
    twin["fragments"] = [shorter, *twin["fragments"][1:]]
    first["annotations"].append(twin)
    edited = tmp_path / "edited.jsonl"
    edited.write_text("\n".join([header, json.dumps(first), *docs[1:]]) + "\n", encoding="utf-8")
    stored = sum(len(json.loads(d)["annotations"]) for d in docs) + 1

    project = tmp_path / "merged.annotator"
    assert cli("new", project).returncode == 0
    refused = cli("import", project, edited)
    assert refused.returncode == 3
    assert refused.stderr.startswith(f"Error: {edited}:2: annotation id '{twin['id']}' is already")
    assert "Traceback" not in refused.stderr
    with Project.open(project, readonly=True) as p:
        assert p.documents.count() == 0

    renamed = cli("import", project, edited, "--on-conflict", "new-id")
    assert renamed.returncode == 0, renamed.stderr
    assert f"New id (id already used by different content): {edited}:2: annotation" in (
        renamed.stderr
    )
    assert "1 imported under a new id" in renamed.stdout
    with Project.open(project, readonly=True) as p:
        assert p.info()["annotations"] == stored
