#!/usr/bin/env python3
"""Check the hand-annotated assist evaluation sets.

Loads evaluation.jsonl and tuning.jsonl (next to this script, or the files
given on the command line), checks every record and prints counts per file.
Exits with status 1 if any problem is found.  Standard library only.

Checks, for every record:
  * one JSON object per line, with exactly the keys
    id, title, text, actors, cues, quotes
  * ids unique (within and across the files); texts not duplicated
  * text and title are NFC-normalised; text uses "\\n" line ends only
  * every span (actor, cue, quote) has integer 0 <= start < end <= len(text)
    in Python string indices (code points) and text[start:end] == its "text"
  * actor kinds are PERSON, ORG, GPE, NORP, DESCRIPTIVE or PRONOUN
  * quotes have a boolean "direct"; "speaker" is null or a valid index into
    actors and "cue" is null or a valid index into cues
  * guideline checks: a speaker is never a PRONOUN mention (pronouns are
    resolved to the mention they refer to); direct quotes do not include
    their own quotation marks
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_FILES = [HERE / "evaluation.jsonl", HERE / "tuning.jsonl"]
KINDS = ("PERSON", "ORG", "GPE", "NORP", "DESCRIPTIVE", "PRONOUN")
RECORD_KEYS = {"id", "title", "text", "actors", "cues", "quotes"}
ACTOR_KEYS = {"start", "end", "text", "kind"}
CUE_KEYS = {"start", "end", "text"}
QUOTE_KEYS = {"start", "end", "text", "direct", "speaker", "cue"}
QUOTE_MARKS = '\u201c\u201d"'


def is_int(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def check_span(where: str, span, text: str, keys: set, problems: list) -> bool:
    if not isinstance(span, dict):
        problems.append(f"{where}: not an object")
        return False
    if set(span) != keys:
        problems.append(f"{where}: keys {sorted(span)} != {sorted(keys)}")
        return False
    s, e, t = span["start"], span["end"], span["text"]
    if not (is_int(s) and is_int(e)):
        problems.append(f"{where}: start/end must be integers")
        return False
    if not 0 <= s < e <= len(text):
        problems.append(f"{where}: bad offsets {s}..{e} (text length {len(text)})")
        return False
    if not isinstance(t, str) or text[s:e] != t:
        problems.append(f"{where}: text[{s}:{e}] = {text[s:e]!r} != {t!r}")
        return False
    return True


def check_record(rec, where: str, problems: list) -> None:
    if not isinstance(rec, dict):
        problems.append(f"{where}: record is not an object")
        return
    if set(rec) != RECORD_KEYS:
        problems.append(f"{where}: keys {sorted(rec)} != {sorted(RECORD_KEYS)}")
        return
    rid, title, text = rec["id"], rec["title"], rec["text"]
    where = f"{where} ({rid})"
    for name, value in (("id", rid), ("title", title), ("text", text)):
        if not isinstance(value, str) or not value:
            problems.append(f"{where}: {name} must be a non-empty string")
            return
    for name, value in (("title", title), ("text", text)):
        if unicodedata.normalize("NFC", value) != value:
            problems.append(f"{where}: {name} is not NFC")
    if "\r" in text or "\r" in title:
        problems.append(f"{where}: text or title contains \\r (only \\n line ends allowed)")
    for seps in ("\u2028", "\u2029", "\x85"):
        if seps in text:
            problems.append(f"{where}: text contains line separator {seps!r}")
    for name in ("actors", "cues", "quotes"):
        if not isinstance(rec[name], list):
            problems.append(f"{where}: {name} must be a list")
            return

    actors, cues, quotes = rec["actors"], rec["cues"], rec["quotes"]
    for i, a in enumerate(actors):
        if check_span(f"{where} actor {i}", a, text, ACTOR_KEYS, problems) and (
            a["kind"] not in KINDS
        ):
            problems.append(f"{where} actor {i}: unknown kind {a['kind']!r}")
    for i, c in enumerate(cues):
        check_span(f"{where} cue {i}", c, text, CUE_KEYS, problems)
    for i, q in enumerate(quotes):
        qw = f"{where} quote {i}"
        if not check_span(qw, q, text, QUOTE_KEYS, problems):
            continue
        if not isinstance(q["direct"], bool):
            problems.append(f"{qw}: direct must be true or false")
        spk, cue = q["speaker"], q["cue"]
        if spk is not None:
            if not is_int(spk) or not 0 <= spk < len(actors):
                problems.append(f"{qw}: speaker {spk!r} is not an index into actors")
            elif isinstance(actors[spk], dict) and actors[spk].get("kind") == "PRONOUN":
                problems.append(f"{qw}: speaker points to a PRONOUN mention")
        if cue is not None and (not is_int(cue) or not 0 <= cue < len(cues)):
            problems.append(f"{qw}: cue {cue!r} is not an index into cues")
        if q["direct"] is True:
            t = q["text"]
            if t[:1] in QUOTE_MARKS or t[-1:] in QUOTE_MARKS:
                problems.append(f"{qw}: direct quote includes its quotation marks")


def load(path: Path, problems: list) -> list:
    records = []
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(f"{path.name}: cannot read ({exc})")
        return records
    if b"\r" in raw:
        problems.append(f"{path.name}: file contains \\r bytes")
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"{path.name}: not UTF-8 ({exc})")
        return records
    for n, line in enumerate(content.split("\n"), 1):
        if not line.strip():
            continue
        try:
            records.append((n, json.loads(line)))
        except json.JSONDecodeError as exc:
            problems.append(f"{path.name}:{n}: invalid JSON ({exc})")
    return records


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv[1:]] or DEFAULT_FILES
    problems: list[str] = []
    seen_ids: dict[str, str] = {}
    seen_texts: dict[str, str] = {}
    summaries = []
    for path in files:
        records = load(path, problems)
        stats = Counter()
        kinds = Counter()
        for n, rec in records:
            where = f"{path.name}:{n}"
            before = len(problems)
            check_record(rec, where, problems)
            if not isinstance(rec, dict) or "id" not in rec:
                continue
            rid = rec["id"]
            if rid in seen_ids:
                problems.append(f"{where}: duplicate id {rid!r} (also in {seen_ids[rid]})")
            else:
                seen_ids[rid] = where
            text = rec.get("text")
            if isinstance(text, str):
                if text in seen_texts:
                    problems.append(f"{where}: same text as {seen_texts[text]}")
                seen_texts.setdefault(text, where)
            if len(problems) > before:
                continue
            stats["articles"] += 1
            stats["characters"] += len(rec["text"])
            stats["quotes"] += len(rec["quotes"])
            stats["direct quotes"] += sum(q["direct"] for q in rec["quotes"])
            stats["indirect quotes"] += sum(not q["direct"] for q in rec["quotes"])
            stats["quotes with a speaker"] += sum(q["speaker"] is not None for q in rec["quotes"])
            stats["quotes with a cue"] += sum(q["cue"] is not None for q in rec["quotes"])
            stats["cues"] += len(rec["cues"])
            stats["actors"] += len(rec["actors"])
            kinds.update(a["kind"] for a in rec["actors"])
        summaries.append((path.name, stats, kinds))

    for name, stats, kinds in summaries:
        print(f"{name}")
        for key in (
            "articles",
            "characters",
            "quotes",
            "direct quotes",
            "indirect quotes",
            "quotes with a speaker",
            "quotes with a cue",
            "cues",
            "actors",
        ):
            print(f"  {key:<24}{stats[key]:>6}")
        for kind in KINDS:
            print(f"    actors {kind:<15}{kinds[kind]:>6}")
    if problems:
        print(f"\n{len(problems)} problem(s):", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    print("\nOK: all records passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
