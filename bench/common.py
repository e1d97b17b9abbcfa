"""Shared helpers of the benchmarks: deterministic articles, timing, the results table.

The benchmark scripts are run directly (``python bench/bench_import.py``), so this module is
imported as ``common`` from the scripts' own folder. Nothing here is part of the package.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# -- command line and environment ----------------------------------------------------------


def parser(description: str) -> argparse.ArgumentParser:
    """The options every benchmark takes: --quick, --repeat, --tmp."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument(
        "--quick", action="store_true", help="small sizes, for a smoke run (not the targets)"
    )
    p.add_argument(
        "--repeat", type=int, default=None, help="timed runs per case (default: per script)"
    )
    p.add_argument(
        "--tmp",
        type=Path,
        default=None,
        help="folder in which the temporary folder is made (default: the system's temp folder)",
    )
    return p


@contextlib.contextmanager
def bench_folder(parent: Path | None = None) -> Iterator[Path]:
    """A fresh temporary folder; ANNOTATOR_BACKUP_DIR and ANNOTATOR_NAME point inside it."""
    folder = Path(tempfile.mkdtemp(prefix="annotator-bench-", dir=parent))
    saved = {k: os.environ.get(k) for k in ("ANNOTATOR_BACKUP_DIR", "ANNOTATOR_NAME")}
    os.environ["ANNOTATOR_BACKUP_DIR"] = str(folder / "backups")
    os.environ["ANNOTATOR_NAME"] = "Bench"
    try:
        yield folder
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(folder, ignore_errors=True)


def remove_project(path: Path) -> None:
    """Delete a project file with its WAL, shared-memory and lock files."""
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": cpu,
        "nproc": str(os.cpu_count()),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "system": f"{platform.system()} {platform.release()}",
    }


def print_machine(folder: Path) -> None:
    m = machine()
    print(
        f"machine: {m['cpu']}, {m['nproc']} CPU(s); Python {m['python']}; "
        f"SQLite {m['sqlite']}; {m['system']}"
    )
    print(f"temp folder: {folder}")


# -- timing --------------------------------------------------------------------------------


@dataclass
class Measure:
    """The seconds of each timed run of one case."""

    what: str
    times: list[float] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def clock(run: Callable[[], object]) -> float:
    """Seconds taken by ``run()`` (garbage collected first, so that runs start alike)."""
    gc.collect()
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def interleaved(cases: dict[str, Callable[[], float]], repeat: int) -> dict[str, Measure]:
    """Run every case ``repeat`` times, alternating between cases so that drift is shared.

    Each case does its own setup and returns the seconds of its timed part only.
    """
    results = {name: Measure(name) for name in cases}
    for i in range(repeat):
        for name, case in cases.items():
            seconds = case()
            results[name].times.append(seconds)
            print(f"  run {i + 1}/{repeat}  {name}: {seconds:.3f} s", file=sys.stderr)
    return results


def run_command(args: list[str], cwd: Path | None = None) -> float:
    """Seconds for a subprocess to finish (it must exit with 0)."""
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return seconds


# -- the results table -----------------------------------------------------------------------


@dataclass
class Row:
    """One line of the table; ``target`` is shown as text, ``met`` as yes/no (None: blank)."""

    measure: Measure
    target: str = ""
    met: bool | None = None


def ratio(measure: Measure, baseline: Measure) -> float:
    """Best against best: the least noisy figure of each."""
    return measure.best / baseline.best


def print_table(title: str, rows: list[Row], baselines: list[tuple[str, Measure]]) -> None:
    """A plain-text table: what, best and median seconds, ratio to each baseline, target, met."""
    headers = ["what", "best s", "median s", *(f"x {name}" for name, _ in baselines)]
    headers += ["target", "met"]
    lines = []
    for row in rows:
        m = row.measure
        cells = [m.what, f"{m.best:.3f}", f"{m.median:.3f}"]
        cells += [f"{ratio(m, base):.2f}" for _, base in baselines]
        cells += [row.target, "" if row.met is None else ("yes" if row.met else "NO")]
        lines.append(cells)
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *lines, strict=True)]

    def fmt(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(cells[1:-2], widths[1:-2], strict=True)]
        tail = [cells[-2].ljust(widths[-2]), cells[-1].ljust(widths[-1])]
        return "  ".join([first, *rest, *tail]).rstrip()

    print()
    print(title)
    print(fmt(headers))
    print("  ".join("-" * w for w in widths))
    for cells in lines:
        print(fmt(cells))
    print()


# -- deterministic articles ------------------------------------------------------------------

_CONSONANTS = "bcdfghjklmnprstvwz"
_VOWELS = "aeiou"
# Precomposed (NFC) so that the stored text equals the generated one.
_FOREIGN = [
    "café",
    "Zürich",
    "naïve",
    "déjà",
    "Müller",
    "über",
    "Genève",
    "São",
    "Paulo",
    "façade",
    "Ünal",
    "Łódź",
    "résumé",
    "Ångström",
    "crème",
    "Dvořák",
    "Köln",
    "señor",
    "Curaçao",
    "Bogotá",
]
_NAMES = [
    "Karamov",
    "Lindqvist",
    "Okonkwo",
    "Duarte",
    "Nakamura",
    "Brenner",
    "Haddad",
    "Petrović",
    "Fischer",
    "Oyelaran",
]
_SOURCES = [
    "Reuters",
    "Le Monde",
    "Süddeutsche Zeitung",
    "El País",
    "The Guardian",
    "Gazeta Wyborcza",
    "Kyiv Independent",
    "Associated Press",
]
_SECTIONS = ["politics", "world", "economy", "opinion", "europe", "security"]
_VERBS = ["said", "told reporters", "warned", "added", "confirmed", "insisted"]


def _vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        syllables = rng.choice((1, 2, 2, 3, 3, 4))
        words.add(
            "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(syllables))
            + rng.choice(("", "", "n", "s", "r", "t"))
        )
    return sorted(words) + _FOREIGN + _NAMES


class ArticleMaker:
    """Makes deterministic news-like articles: paragraphs, quotes “ ”, accented words."""

    def __init__(self, seed: int = 1) -> None:
        self.rng = random.Random(seed)
        vocab = _vocabulary(self.rng)
        self.rng.shuffle(vocab)
        self.words = vocab
        # Zipf-like word frequencies, as in real text (matters for the full-text index).
        weights = [1.0 / (rank + 30) for rank in range(len(vocab))]
        total = 0.0
        self.cum: list[float] = []
        for w in weights:
            total += w
            self.cum.append(total)

    def _words(self, k: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cum, k=k)

    def _sentence(self) -> str:
        rng = self.rng
        words = self._words(rng.randint(7, 22))
        if rng.random() < 0.25:
            speaker = rng.choice(_NAMES)
            body = " ".join(words)
            return f"“{body[0].upper()}{body[1:]},” {speaker} {rng.choice(_VERBS)}."
        if rng.random() < 0.2:
            words.insert(rng.randrange(len(words)), rng.choice(_FOREIGN))
        body = " ".join(words)
        return f"{body[0].upper()}{body[1:]}{rng.choice('.....?!')}"

    def text(self, chars: int = 3000) -> str:
        """About ``chars`` characters: paragraphs of 2-6 sentences separated by blank lines."""
        paragraphs: list[str] = []
        size = 0
        while size < chars - 150:
            para = " ".join(self._sentence() for _ in range(self.rng.randint(2, 6)))
            room = chars - size
            if len(para) > room:  # cut the last paragraph at a word, close it with a period
                para = para[: max(room, 40)].rsplit(" ", 1)[0].rstrip(",;“”") + "."
            paragraphs.append(para)
            size += len(para) + 2
        return "\n\n".join(paragraphs)

    def article(self, number: int, chars: int = 3000) -> dict[str, Any]:
        """One article as a JSONL record would hold it (``section``, ``lang`` go to metadata)."""
        rng = self.rng
        title = " ".join(self._words(rng.randint(5, 10)))
        source = rng.choice(_SOURCES)
        year, month, day = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
        slug = "-".join(title.split()[:5])
        domain = source.lower().replace(" ", "").replace("ü", "ue").replace("í", "i")
        return {
            "title": title[0].upper() + title[1:],
            "source": source,
            "url": f"https://{domain}.example/{year}/{month:02d}/{slug}-{number}",
            "published": f"{year}-{month:02d}-{day:02d}",
            "section": rng.choice(_SECTIONS),
            "lang": "en",
            "text": self.text(chars),
        }

    def articles(self, count: int, chars: int = 3000) -> list[dict[str, Any]]:
        return [self.article(i, chars) for i in range(count)]


def write_jsonl(records: list[dict[str, Any]], path: Path) -> None:
    """Articles as a JSON Lines file (UTF-8, one object per line)."""
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word in ``text`` (letters and digits), in order."""
    spans: list[tuple[int, int]] = []
    start = -1
    for i, ch in enumerate(text):
        if ch.isalnum():
            if start < 0:
                start = i
        elif start >= 0:
            spans.append((start, i))
            start = -1
    if start >= 0:
        spans.append((start, len(text)))
    return spans
