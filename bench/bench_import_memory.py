"""Import memory: 100,000 articles (~300 MB) as JSONL, a JSON array and CSV, in a child process.

Target (issue 8, item 12): the peak resident memory (RSS) of an import stays at or below 300 MB
whatever the size of the input, and the import still takes at most twice as long as the
raw-SQLite baseline with its FTS5 index (the baseline of ``bench_import.py``).

The three files hold the same 100,000 articles of about 3 KB (``ArticleMaker`` of
``bench/common.py``, seeded), made once and kept in ``bench/data/import-memory-N/`` (gitignored;
``--force`` makes them again). Each import runs in a fresh child process, the way
``annotator import`` does: the child creates an empty project (not timed), then times
``import_paths(project, [file])``. Its peak RSS is the child's own high-water mark, ``VmHWM`` of
``/proc/self/status``, read after the import was committed and the project closed: the whole
process, interpreter, libraries, SQLite and the import. (Not ``ru_maxrss`` of ``wait4`` or
``RUSAGE_CHILDREN``: Linux carries a process's maximum across ``exec``, so a child forked from
this parent, which holds the baseline's 100,000 rows, would report at least the parent's size.)
The child also prints its RSS just before the import (interpreter and libraries), for
information.

The baseline runs in this (the parent) process, interleaved with the imports: ``executemany`` of
prebuilt rows into the project's ``documents`` table plus its FTS5 table filled per 1,000 rows
(``bench_import.baseline_case``). The ratio is the best import time over the best baseline time
(wall clock). For information the table also gives CPU seconds (``time.process_time``: the
import in the child; the baseline case in the parent, with its small set-up), which other work
on a shared machine disturbs less than the wall clock.

``--code DIR`` measures the ``annotator`` package found in DIR instead of this checkout (a
worktree of an older commit, to measure "before"); given twice, both are measured, their runs
interleaved with the baseline's so that a busy machine slows all of them alike."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FORMATS = ("jsonl", "json", "csv")
FIELDS = ("title", "source", "url", "published", "section", "lang", "text")
RSS_TARGET_MB = 300
TIME_TARGET = 2.0


# -- the child: one import, measured from the inside -----------------------------------------


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def child(code: str, path: str, project_path: str) -> None:
    """Import ``path`` into a new project; print seconds, documents and memory as JSON."""
    sys.path.insert(0, code)
    from annotator.io.importing import import_paths
    from annotator.store.project import Project

    with Project.create(Path(project_path)) as project:
        before_kb = _status_kb("VmRSS")
        cpu = time.process_time()
        start = time.perf_counter()
        report = import_paths(project, [Path(path)])
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu,
                "added": report.added,
                "rss_before_kb": before_kb,
                "vmhwm_kb": _status_kb("VmHWM"),
                "annotator": str(Path(sys.modules["annotator"].__file__ or "").parent),
            }
        )
    )


# -- the files ---------------------------------------------------------------------------------


def data_folder(count: int) -> Path:
    return HERE / "data" / f"import-memory-{count}"


def make_files(count: int, folder: Path, force: bool) -> dict[str, Path]:
    """The three files of ``count`` articles (seeded, so always the same bytes)."""
    from common import ArticleMaker

    paths = {fmt: folder / f"articles.{fmt}" for fmt in FORMATS}
    manifest = folder / "manifest.json"
    wanted = {"count": count, "seed": 1, "generator": "common.ArticleMaker", "fields": list(FIELDS)}
    made = manifest.exists() and json.loads(manifest.read_text()) == wanted
    if made and not force and all(p.exists() for p in paths.values()):
        return paths
    folder.mkdir(parents=True, exist_ok=True)
    manifest.unlink(missing_ok=True)
    maker = ArticleMaker(seed=1)
    start = time.perf_counter()
    with (
        paths["jsonl"].open("w", encoding="utf-8", newline="\n") as jsonl,
        paths["json"].open("w", encoding="utf-8", newline="\n") as array,
        paths["csv"].open("w", encoding="utf-8", newline="") as table,
    ):
        writer = csv.writer(table)
        writer.writerow(FIELDS)
        array.write("[\n")
        for i in range(count):
            article = maker.article(i)
            line = json.dumps(article, ensure_ascii=False)
            jsonl.write(line + "\n")
            array.write(("" if i == 0 else ",\n") + line)
            writer.writerow([article[f] for f in FIELDS])
            if i % 10_000 == 9_999:
                print(f"  made {i + 1:,} articles", file=sys.stderr)
        array.write("\n]\n")
    manifest.write_text(json.dumps(wanted))
    print(f"  files made in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return paths


def read_articles(jsonl: Path) -> list[dict[str, Any]]:
    with jsonl.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


# -- the parent ----------------------------------------------------------------------------------


def run_child(code: Path, path: Path, project: Path) -> dict[str, Any]:
    """One import in a fresh process: the figures it prints."""
    args = [sys.executable, str(Path(__file__).resolve()), "--child", str(code), str(path)]
    done = subprocess.run([*args, str(project)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"import of {path} failed ({done.returncode}):\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def label(code: Path, fmt: str, codes: int) -> str:
    return f"import_paths ({fmt})" if codes == 1 else f"import_paths ({fmt}, {code.name})"


def main() -> None:
    from common import (
        Measure,
        bench_folder,
        interleaved,
        parser,
        print_machine,
        remove_project,
    )

    p = parser(__doc__.splitlines()[0])
    p.add_argument(
        "--code",
        type=Path,
        action="append",
        help="folder holding the `annotator` to measure (default: this checkout); give it "
        "twice (e.g. a worktree of main, then this checkout) to measure both, interleaved",
    )
    p.add_argument("--formats", default=",".join(FORMATS), help="comma-separated subset")
    p.add_argument("--force", action="store_true", help="make the files again")
    p.add_argument("--articles", type=int, default=None, help="how many (default 100,000)")
    args = p.parse_args()
    count = args.articles or (5_000 if args.quick else 100_000)
    repeat = args.repeat or (1 if args.quick else 2)
    formats = [f for f in args.formats.split(",") if f]
    codes: list[Path] = [c.resolve() for c in args.code or [HERE.parent]]
    # each case is one format imported by one code: "jsonl", or "jsonl, main" with several
    keys = [(c, f) for c in codes for f in formats]
    paths = make_files(count, data_folder(count), args.force)

    from bench_import import baseline_case, baseline_rows, project_ddl

    with bench_folder(args.tmp) as folder:
        print_machine(folder)
        print("code measured: " + ", ".join(f"{c.name} ({c})" for c in codes))
        articles = read_articles(paths["jsonl"])
        chars = sum(len(a["text"]) for a in articles)
        rows = baseline_rows(articles)
        del articles
        sizes = ", ".join(f"{fmt} {paths[fmt].stat().st_size / 1e6:.0f} MB" for fmt in formats)
        print(
            f"{count:,} articles, {chars / count:.0f} characters on average; files: {sizes}; "
            f"best of {repeat} run(s)"
        )
        documents, fts, _trigger = project_ddl(folder)
        counter = [0]
        figures: dict[tuple[Path, str], list[dict[str, Any]]] = {key: [] for key in keys}

        def import_case(code: Path, fmt: str):  # type: ignore[no-untyped-def]
            def case() -> float:
                counter[0] += 1
                project = folder / f"import-{counter[0]}.annotator"
                result = run_child(code, paths[fmt], project)
                remove_project(project)
                if result["added"] != count:
                    raise SystemExit(f"{fmt}: {result['added']} documents added, not {count}")
                figures[code, fmt].append(result)
                print(
                    f"    {fmt}: peak RSS (VmHWM) {result['vmhwm_kb'] / 1024:.0f} MB "
                    f"(before the import {result['rss_before_kb'] / 1024:.0f} MB), "
                    f"code {result['annotator']}",
                    file=sys.stderr,
                )
                return float(result["seconds"])

            return case

        base = "baseline: executemany + FTS5 per batch"
        baseline_run = baseline_case(folder, rows, documents + fts, counter, fts_batch=1000)
        baseline_cpu: list[float] = []

        def baseline_timed() -> float:
            cpu = time.process_time()  # with the case's small set-up (the file, its tables)
            seconds = baseline_run()
            baseline_cpu.append(time.process_time() - cpu)
            return seconds

        cases = {base: baseline_timed}
        cases.update({label(c, f, len(codes)): import_case(c, f) for c, f in keys})
        results: dict[str, Measure] = interleaved(cases, repeat)
    baseline = results[base]
    base_cpu = min(baseline_cpu)
    print()
    print(f"Import of {count:,} articles: peak RSS (child process) and time against the baseline")
    header = (
        f"{'what':<40} {'file MB':>7} {'peak RSS MB':>11} {'RSS at start':>12} "
        f"{'best s':>7} {'x baseline':>10} {'CPU s':>6} {'x CPU':>6}  "
        f"RSS <= {RSS_TARGET_MB} MB  time <= {TIME_TARGET:g}x"
    )
    print(header)
    print("-" * len(header))
    print(
        f"{base:<40} {'':>7} {'':>11} {'':>12} {baseline.best:>7.2f} {1.0:>10.2f} "
        f"{base_cpu:>6.1f} {1.0:>6.2f}"
    )
    for code, fmt in keys:
        name = label(code, fmt, len(codes))
        m = results[name]
        peak = max(r["vmhwm_kb"] for r in figures[code, fmt]) / 1024
        start = min(r["rss_before_kb"] for r in figures[code, fmt]) / 1024
        cpu = min(r.get("cpu_seconds", float("nan")) for r in figures[code, fmt])
        x = m.best / baseline.best
        print(
            f"{name:<40} {paths[fmt].stat().st_size / 1e6:>7.0f} "
            f"{peak:>11.0f} {start:>12.0f} {m.best:>7.2f} {x:>10.2f} {cpu:>6.1f} "
            f"{cpu / base_cpu:>6.2f}  "
            f"{'yes' if peak <= RSS_TARGET_MB else 'NO':<16} {'yes' if x <= TIME_TARGET else 'NO'}"
        )
    print(
        "(time: best wall-clock seconds of each, the target's measure; CPU: the least CPU "
        "seconds, user + system, for information: less disturbed by other work on the machine)"
    )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.path.insert(0, str(HERE))
        main()
