"""Import speed of news sources (issue 11): news-database exports against plain text, and a
folder of saved web pages against trafilatura's own speed.

Targets:

* importing a 500-article news-database export, as a Nexis Uni DOCX and as a LexisNexis TXT,
  takes at most 3× the import of the same 500 articles as plain text files (a folder of .txt
  files: the baseline);
* a folder of 1,000 saved HTML pages is imported at 50 pages/s or more; trafilatura's own
  extraction of the same pages (``bare_extraction`` on each file's bytes, nothing stored) is
  measured in the same run, as the ceiling, and the import's share of it reported.

Setup (not timed): 500 articles of ~3 KB from ``ArticleMaker``, written as the folder of .txt
files, as one Nexis Uni Word export (cover page; per article headline, source, date, copyright,
``Section:``, ``Length:``, ``Byline:``, ``Body``, paragraphs, ``Classification``, ``End of
Document``) and as one LexisNexis text export (``N of 500 DOCUMENTS``…); 1,000 HTML pages, each
an article with navigation, reader comments and a footer. Timed, interleaved in one process,
each into a new project made before the clock starts, until ``import_paths`` returns (its
transaction committed).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path

from common import (
    ArticleMaker,
    Measure,
    Row,
    bench_folder,
    clock,
    interleaved,
    parser,
    print_machine,
    print_table,
    ratio,
    remove_project,
)

from annotator.io.importing import import_paths
from annotator.store.project import Project

TARGET = 3.0  # × the plain-text import
PAGES_PER_SECOND = 50.0
PLAIN = "plain text (one .txt file per article)"
NBSP = "\u00a0"


def dated(number: int) -> str:
    day = dt.date(2024, 1, 1) + dt.timedelta(days=number % 700)
    return f"{day:%B} {day.day}, {day.year} {day:%A}"


def nexis_docx(articles: list[dict[str, str]], path: Path) -> None:
    import docx

    document = docx.Document()
    cover = ["User Name: Bench", "Job Number: 1", f"Documents ({len(articles)})"]
    for line in cover + [f"{n}. {a['title']}" for n, a in enumerate(articles, start=1)]:
        document.add_paragraph(line)
    for number, article in enumerate(articles):
        lines = [
            article["title"],
            article["source"],
            dated(number),
            f"Copyright 2024 {article['source']}",
            f"Section:{NBSP}{article['section']}",
            f"Length:{NBSP}{len(article['text'].split())} words",
            f"Byline:{NBSP}Staff reporter",
            "Body",
            *article["text"].split("\n\n"),
            "Classification",
            f"Language:{NBSP}ENGLISH",
            f"Load-Date:{NBSP}{dated(number).rsplit(' ', 1)[0]}",
            "End of Document",
        ]
        for line in lines:
            document.add_paragraph(line)
    document.save(str(path))


def lexis_txt(articles: list[dict[str, str]], path: Path) -> None:
    out: list[str] = []
    for number, article in enumerate(articles):
        out += [
            f"                    {number + 1} of {len(articles)} DOCUMENTS",
            "",
            f"                    {article['source']}",
            "",
            f"                    {dated(number)}",
            "",
            article["title"],
            "",
            "BYLINE: Staff reporter",
            "",
            f"SECTION: {article['section']}",
            "",
            f"LENGTH: {len(article['text'].split())} words",
            "",
            article["text"],
            "",
            f"LOAD-DATE: {dated(number)}",
            "",
            "LANGUAGE: ENGLISH",
            "",
        ]
    path.write_text("\r\n".join(out), encoding="utf-8")


def html_page(article: dict[str, str], number: int) -> str:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in article["text"].split("\n\n"))
    comments = "".join(
        f'<div class="comment"><p>Reader comment {k} on article {number}, '
        "which should not be imported.</p></div>"
        for k in range(5)
    )
    links = " ".join(f'<a href="/section/{k}">Section {k}</a>' for k in range(20))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{article["title"]}'
        f' | {article["source"]}</title><meta name="author" content="Staff reporter">'
        f'<meta property="og:site_name" content="{article["source"]}">'
        f'<meta property="article:published_time" content="{article["published"]}">'
        f'<link rel="canonical" href="{article["url"]}"></head><body><nav>{links}</nav>'
        f"<article><h1>{article['title']}</h1>\n{paragraphs}</article>"
        f'<section id="comments" class="comments"><h2>Comments</h2>{comments}</section>'
        "<footer>© 2024 All rights reserved. Privacy. Cookies. Contact.</footer></body></html>"
    )


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    count = 50 if args.quick else 500
    pages = 100 if args.quick else 1_000
    repeat = args.repeat or 3
    counter = itertools.count()
    with bench_folder(args.tmp) as folder:
        print_machine(folder)
        articles = ArticleMaker(seed=11).articles(count)
        plain = folder / "plain"
        plain.mkdir()
        for number, article in enumerate(articles):
            (plain / f"{number:04}.txt").write_text(article["text"], encoding="utf-8")
        inputs = {
            PLAIN: plain,
            "Nexis Uni DOCX export": folder / "nexis.docx",
            "LexisNexis TXT export": folder / "lexis.txt",
        }
        nexis_docx(articles, inputs["Nexis Uni DOCX export"])
        lexis_txt(articles, inputs["LexisNexis TXT export"])
        saved = folder / "pages"
        saved.mkdir()
        page_articles = ArticleMaker(seed=12).articles(pages)
        for number, article in enumerate(page_articles):
            (saved / f"page-{number:04}.html").write_text(
                html_page(article, number), encoding="utf-8"
            )

        def importing(path: Path, expected: int) -> Callable[[], float]:
            def run() -> float:
                target = folder / f"in-{next(counter)}.annotator"
                with Project.create(target) as fresh:
                    seconds = clock(lambda: import_paths(fresh, [path]))
                    got = fresh.documents.count()
                remove_project(target)
                assert got == expected, (path, got)
                return seconds

            return run

        def trafilatura_alone() -> float:
            import trafilatura

            files = sorted(saved.glob("*.html"))

            def extract() -> None:
                for file in files:
                    trafilatura.bare_extraction(
                        file.read_bytes(),
                        include_comments=False,
                        favor_precision=True,
                        with_metadata=True,
                    )

            return clock(extract)

        cases = {name: importing(path, count) for name, path in inputs.items()}
        cases["import of the saved pages"] = importing(saved, pages)
        cases["trafilatura alone on the pages"] = trafilatura_alone
        results = interleaved(cases, repeat)
    base: Measure = results[PLAIN]
    print_table(
        f"Import of a {count}-article news-database export (target: ≤ {TARGET:g}× plain text)",
        [
            Row(results[name])
            if name == PLAIN
            else Row(results[name], f"≤ {TARGET:g}×", ratio(results[name], base) <= TARGET)
            for name in inputs
        ],
        [("plain", base)],
    )
    imported, alone = (
        results["import of the saved pages"],
        results["trafilatura alone on the pages"],
    )
    rate, ceiling = pages / imported.best, pages / alone.best
    print(
        f"\n{pages:,} saved pages: imported at {rate:.1f} pages/s (best of {repeat}; median "
        f"{pages / imported.median:.1f}); trafilatura alone {ceiling:.1f} pages/s; the import "
        f"runs at {rate / ceiling:.0%} of trafilatura's speed. Target ≥ {PAGES_PER_SECOND:g} "
        f"pages/s: {'met' if rate >= PAGES_PER_SECOND else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
