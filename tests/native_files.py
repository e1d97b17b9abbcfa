"""Native JSONL exports for the tests of the read-ahead import (io/native_ahead.py): a
project's export, and copies of its documents to make a larger file."""

from __future__ import annotations

import json
import os
from pathlib import Path

from annotator import Project
from annotator.core.text import text_sha256
from annotator.io.exporting import export_project


def exported(project_path: Path, out: Path) -> Path:
    with Project.open(project_path, readonly=True) as p:
        export_project(p, "jsonl", out)
    return out


def copies(path: Path, out: Path, count: int) -> Path:
    """The export ``path`` with each document ``count`` times (other ids, other texts)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    with out.open("w", encoding="utf-8") as fh:
        fh.write(lines[0] + "\n")
        for n in range(count):
            for line in lines[1:]:
                doc = json.loads(line)
                doc["id"] += f"-{n}"
                doc["text"] += f" (copy {n})"
                doc["sha256"] = text_sha256(doc["text"])
                for item in doc["annotations"] + doc["relations"]:
                    item["id"] += f"-{n}"
                for rel in doc["relations"]:
                    rel["source"] += f"-{n}"
                    rel["target"] += f"-{n}"
                fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return out


def readers_running() -> list[str]:
    """Command lines of this process's children that are reading processes (Linux: /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == os.getpid() and "native_ahead" in cmdline:
            found.append(cmdline)
    return found
