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


# -- the window: Qt set-up, waiting until idle, figures with median and p95 -----------------
# PySide6 is imported inside these functions, so that the scripts without a window do not
# need it. The GUI scripts use only the window's public surface (build_window, window.reader,
# window.session, window.open_document, key presses) and read the project file with sqlite3.

QUIET_MS = 50  # the event loop is idle after this long without any event delivered
TIMER_MAX_MS = 1000  # pending single-shot QTimers up to this interval count as deferred work


def gui_parser(description: str) -> argparse.ArgumentParser:
    p = parser(description)
    p.add_argument(
        "--platform",
        default=os.environ.get("QT_QPA_PLATFORM") or "offscreen",
        help="Qt platform plugin (default: $QT_QPA_PLATFORM, else offscreen); xcb under xvfb-run",
    )
    p.add_argument("--quiet-ms", type=int, default=QUIET_MS, help="idle after this much quiet")
    p.add_argument("--profile", action="store_true", help="cProfile one run of each case")
    return p


def isolate_gui(folder: Path, platform_name: str) -> None:
    """Preferences, QSettings (window geometry), data folders and backups inside ``folder``;
    call before the QApplication exists. Children started later inherit the environment."""
    os.environ["QT_QPA_PLATFORM"] = platform_name
    os.environ["ANNOTATOR_CONFIG_DIR"] = str(folder / "config")
    os.environ["XDG_CONFIG_HOME"] = str(folder / "xdg-config")
    os.environ["XDG_DATA_HOME"] = str(folder / "xdg-data")
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder / "xdg-config"))


def make_app(theme: bool = True) -> Any:
    """The QApplication as ``annotator gui`` makes it (names, theme); no cursor blinking, whose
    timer would otherwise count as activity."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Annotator")
    app.setOrganizationName("annotator")
    app.setCursorFlashTime(0)
    _guard_none_refcount()
    if theme:
        from annotator.gui.theme import apply_theme

        apply_theme(app, "system")
    return app


@contextlib.contextmanager
def gui_bench(args: Any) -> Iterator[Path]:
    """A temporary folder, the GUI isolated in it, the QApplication made, the machine and the
    Qt platform printed: what every in-process GUI benchmark starts with."""
    with bench_folder(args.tmp) as folder:
        isolate_gui(folder, args.platform)
        app = make_app()
        print_machine(folder)
        print(f"Qt platform: {app.platformName()}")
        yield folder


def _guard_none_refcount() -> None:
    """PySide6 6.12.0 on Python 3.11 takes a reference from None on every call of a Qt method
    returning void, and Python aborts when the count reaches zero (see docs/benchmarks.md; the
    project pins PySide6 below 6.12). When that bug shows, warn and add a billion references
    to None in this process so that a measurement can finish."""
    from PySide6.QtCore import QObject

    probe, before = QObject(), sys.getrefcount(None)
    for _ in range(1000):
        probe.setObjectName("probe")
    if before - sys.getrefcount(None) > 500:
        import ctypes

        ctypes.c_ssize_t.from_address(id(None)).value += 10**9
        print("WARNING: this PySide6 loses a reference to None per void Qt call", file=sys.stderr)


_WATCHER: Any = None


def _watcher() -> Any:
    """An application-wide event filter that counts delivered events (and sees paints)."""
    global _WATCHER
    if _WATCHER is None:
        from collections import deque

        from PySide6.QtCore import QEvent, QObject

        paint = QEvent.Type.Paint

        class Watcher(QObject):
            def __init__(self) -> None:
                super().__init__()
                self.count = 0
                self.paint_of: object = None
                self.painted = False
                self.recent: deque = deque(maxlen=30)

            def eventFilter(self, obj: Any, event: Any) -> bool:
                self.count += 1
                kind = event.type()
                if kind == paint and obj is self.paint_of:
                    self.painted = True
                if TRACE:
                    self.recent.append((kind.name, type(obj).__name__, obj.objectName()))
                return False

        _WATCHER = Watcher()
    return _WATCHER


TRACE = bool(os.environ.get("BENCH_TRACE_EVENTS"))  # keep the last events for diagnostics
_TIMER_ROOTS: list[Any] = []


def watch_timers(*objects: Any) -> None:
    """Also look for pending QTimers under these objects (besides the top-level widgets)."""
    _TIMER_ROOTS.extend(objects)


def pending_timers(max_ms: int = TIMER_MAX_MS) -> list[tuple[str, int]]:
    """Active single-shot QTimers (interval ≤ ``max_ms``) under the top-level widgets and the
    watched objects: deferred work still to come, as (owner/name, remaining ms)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    found = []
    for root in [*QApplication.topLevelWidgets(), *_TIMER_ROOTS]:
        for timer in root.findChildren(QTimer):
            if timer.isActive() and timer.isSingleShot() and timer.interval() <= max_ms:
                owner = timer.parent()
                name = f"{type(owner).__name__}.{timer.objectName() or 'QTimer'}"
                found.append((name, timer.remainingTime()))
    return found


class Stopwatch:
    """Times one action until its first paint and until the event loop is idle.

    ``with Stopwatch(paint=widget) as sw: action()`` starts the clock on entering; then
    ``sw.paint`` and ``sw.idle`` are seconds from the start to the end of the event-loop pass in
    which ``widget`` was painted first, and to the end of the last pass that delivered any event
    (followed by ``quiet_ms`` without events and without pending single-shot QTimers).
    """

    def __init__(self, paint: Any = None, quiet_ms: int = QUIET_MS, timeout: float = 120.0):
        self.paint_of, self.quiet, self.timeout = paint, quiet_ms / 1000, timeout
        self.paint: float | None = None
        self.idle = 0.0
        self.sync = 0.0  # the action's own call (synchronous part)

    def __enter__(self) -> Stopwatch:
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance()
        w = self.w = _watcher()
        w.paint_of, w.painted, w.count = self.paint_of, False, 0
        self.app.installEventFilter(w)
        gc.collect()
        self.start_wall = time.time()
        self.start = time.perf_counter()
        return self

    def watch_paint(self, widget: Any) -> None:
        """Wait for the first paint of ``widget`` (made inside the ``with`` block)."""
        self.paint_of = self.w.paint_of = widget

    def __exit__(self, kind: object, *rest: object) -> None:
        try:
            if kind is None:
                self.sync = time.perf_counter() - self.start
                self._run()
        finally:
            self.app.removeEventFilter(self.w)
            self.w.paint_of = None

    def _run(self) -> None:
        app, w = self.app, self.w
        last = time.perf_counter()
        if self.paint_of is not None and w.painted:  # painted synchronously by the action
            self.paint = last - self.start
        deadline = last + self.timeout
        while True:
            before = w.count
            app.processEvents()
            now = time.perf_counter()
            if self.paint is None and w.painted:
                self.paint = now - self.start
            if w.count != before:
                last = now
            elif not pending_timers() and now - last >= self.quiet:
                break
            else:
                time.sleep(0.0005)
            if now > deadline:
                raise RuntimeError(f"not idle after {self.timeout} s; last events: {w.recent}")
        self.idle = last - self.start
        if self.paint_of is not None and self.paint is None:
            raise RuntimeError("the watched widget was not painted")


def wait_idle(app: Any = None, quiet_ms: int = QUIET_MS, timeout: float = 120.0) -> float:
    """Process events until the event loop is idle; returns the seconds until the last work.

    Idle: ``quiet_ms`` without any event delivered to any object (an application-wide event
    filter counts them) and no pending single-shot QTimer of up to TIMER_MAX_MS under the
    top-level widgets or the objects given to :func:`watch_timers`.
    """
    with Stopwatch(None, quiet_ms, timeout) as sw:
        pass
    return sw.idle


def make_active(window: Any, focus: Any) -> None:
    """Keys go to the focused widget of the active window."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    if QApplication.platformName() != "offscreen":  # which says it cannot, for every call
        window.raise_()
    window.activateWindow()
    deadline = time.perf_counter() + 5.0
    while not window.isActiveWindow():
        if time.perf_counter() > deadline:
            raise SystemExit("the window did not become active")
        QTest.qWait(10)
    focus.setFocus()
    wait_idle()
    if not focus.hasFocus():
        raise SystemExit(f"{type(focus).__name__} did not get the keyboard focus")


def show_and_wait(window: Any, seconds: float = 10.0) -> None:
    """Show a top-level widget and wait until it is exposed and the event loop is idle."""
    from PySide6.QtWidgets import QApplication

    window.show()
    deadline = time.perf_counter() + seconds
    while window.windowHandle() is None or not window.windowHandle().isExposed():
        if time.perf_counter() > deadline:
            raise SystemExit("the window was not exposed")
        QApplication.processEvents()
        time.sleep(0.001)
    wait_idle()


def utf16_offsets(text: str) -> Callable[[int], int]:
    """Code-point offset -> Qt (UTF-16) position in ``text``, as a QTextCursor counts."""
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return lambda i: i
    astral = [i for i, c in enumerate(text) if ord(c) >= 0x10000]
    import bisect

    return lambda i: i + bisect.bisect_left(astral, i)


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (inclusive method; the maximum for fewer than two values)."""
    if len(values) < 2:
        return max(values)
    return statistics.quantiles(values, n=100, method="inclusive")[round(p) - 1]


@dataclass
class Figure:
    """Seconds of the runs of one case, with its target (``limit`` s, or ``ratio`` × the
    baseline's median) for the table."""

    what: str
    times: list[float] = field(default_factory=list)
    baseline: Figure | None = None
    limit: float | None = None  # seconds, on the median
    ratio: float | None = None  # × baseline median, on the median
    p95_limit: float | None = None  # seconds, on the 95th percentile

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def p95(self) -> float:
        return percentile(self.times, 95)

    def target(self) -> str:
        parts = []
        if self.limit is not None:
            parts.append(f"median <= {fmt_s(self.limit)}")
        if self.p95_limit is not None:
            parts.append(f"p95 <= {fmt_s(self.p95_limit)}")
        if self.ratio is not None:
            parts.append(f"<= {self.ratio:g}x baseline")
        return "; ".join(parts)

    def met(self) -> bool | None:
        checks = []
        if self.limit is not None:
            checks.append(self.median <= self.limit)
        if self.p95_limit is not None:
            checks.append(self.p95 <= self.p95_limit)
        if self.ratio is not None and self.baseline is not None:
            checks.append(self.median <= self.ratio * self.baseline.median)
        return all(checks) if checks else None


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def print_figures(title: str, figures: list[Figure]) -> None:
    """The table: what, runs, median, p95, max, × baseline (median over median), target, met."""
    headers = ["what", "n", "median", "p95", "max", "x base", "target", "met"]
    lines = []
    for f in figures:
        base = f"{f.median / f.baseline.median:.2f}" if f.baseline else ""
        met = f.met()
        lines.append(
            [
                f.what,
                str(len(f.times)),
                fmt_s(f.median),
                fmt_s(f.p95),
                fmt_s(max(f.times)),
                base,
                f.target(),
                "" if met is None else ("yes" if met else "MISSED"),
            ]
        )
    widths = [max(len(c) for c in col) for col in zip(headers, *lines, strict=True)]

    def row(cells: list[str]) -> str:
        out = [cells[0].ljust(widths[0])]
        out += [c.rjust(w) for c, w in zip(cells[1:6], widths[1:6], strict=True)]
        out += [cells[6].ljust(widths[6]), cells[7]]
        return "  ".join(out).rstrip()

    print(f"\n{title}\n{row(headers)}\n{'  '.join('-' * w for w in widths)}")
    for cells in lines:
        print(row(cells))
    print(flush=True)


def profiled(run: Callable[[], object], limit: int = 30) -> str:
    """A cProfile of one call of ``run``: the functions with the most cumulative time."""
    import cProfile
    import io
    import pstats

    profile = cProfile.Profile()
    profile.enable()
    run()
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).strip_dirs().sort_stats("cumulative").print_stats(limit)
    return out.getvalue()


def read_project(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of a query on the project file, read-only with plain sqlite3 (for checks; does not
    depend on annotator's Python API)."""
    from urllib.parse import quote

    conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
