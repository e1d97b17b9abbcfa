"""Sample news files we write ourselves (never real articles): saved web pages, Word and RTF."""

from __future__ import annotations

from pathlib import Path

ARTICLE = (
    "The city council voted on Tuesday to run night buses on four routes from May, after a "
    "campaign by shift workers and students.",
    '"People who clean our hospitals at 3 a.m. deserve a way home," said councillor Ana '
    "Ferreira, who proposed the plan.",
    "The transport union demanded that drivers on the new routes be paid the night rate.",
)
COMMENT = "Finally! About time the council listened to us night workers."


def news_page(title: str = "Council backs night buses", comments: bool = True) -> str:
    """A saved article page: navigation, the article, reader comments and a footer."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in ARTICLE)
    section = (
        '<section id="comments" class="comments"><h2>Comments</h2>'
        f'<div class="comment"><p>{COMMENT}</p></div>'
        '<div class="comment"><p>Who is going to pay for this? Not me, my taxes are high '
        "enough already.</p></div></section>"
        if comments
        else ""
    )
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Riverside Courier</title>
<meta name="author" content="Mara Lindqvist">
<meta property="og:site_name" content="The Riverside Courier">
<meta property="article:published_time" content="2026-03-14T09:30:00Z">
<link rel="canonical" href="https://courier.example/news/night-buses"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>
{paragraphs}
</article>
{section}
<footer>© 2026 The Riverside Courier. All rights reserved. Privacy policy.</footer>
</body></html>"""


FRONT_PAGE = """<!DOCTYPE html><html><head><title>The Riverside Courier</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<ul><li><a href="/a">Night buses</a></li><li><a href="/b">Bridge works</a></li></ul>
</body></html>"""


def word_article(path: Path, title_in_properties: bool = True) -> Path:
    """A .docx: a heading, two paragraphs and a table, with core properties."""
    import datetime as dt

    import docx

    document = docx.Document()
    document.add_heading("Night buses from May", level=1)
    for paragraph in ARTICLE[:2]:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {
        (0, 0): "Route",
        (0, 1): "First bus",
        (1, 0): "N4 Harbour – Hospital",
        (1, 1): "00:40",
    }.items():
        table.cell(row, col).text = text
    document.add_paragraph(ARTICLE[2])
    properties = document.core_properties
    properties.title = "Council backs night buses" if title_in_properties else ""
    properties.author = "Mara Lindqvist"
    properties.keywords = "transport; council"
    properties.created = dt.datetime(2026, 3, 14, 9, 30)
    document.save(str(path))
    return path


RTF_ARTICLE = (
    r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times New Roman;}}"
    r"{\info{\title Caf\'e9 owners oppose the new tax}{\author A. Berger}}"
    r"\f0\fs24 Caf\'e9 owners in the old town said on Monday they would fight the tax."
    r"\par \'abIt will close half of us,\'bb said R\'e9mi Laurent.\par}"
)


def odt_article(path: Path) -> Path:
    """An OpenDocument text: a heading, a list, a table and paragraphs, with properties."""
    import datetime as dt

    from odfdo import Document, Header, List, Paragraph, Table

    document = Document("text")
    body = document.body
    body.clear()
    body.append(Header(1, "Night buses from May"))
    body.append(Paragraph(ARTICLE[0]))
    body.append(List(["Four routes", "From May"]))
    table = Table("Routes", width=2, height=1)
    table.set_value((0, 0), "N4 Harbour – Hospital")
    table.set_value((1, 0), "00:40")
    body.append(table)
    body.append(Paragraph(ARTICLE[1]))
    document.meta.title = "Council backs night buses"
    document.meta.initial_creator = "Mara Lindqvist"
    document.meta.creation_date = dt.datetime(2026, 3, 14, 9, 30)
    document.save(str(path))
    return path


PDF_LINE = (
    "The city council voted on Tuesday to run night buses on four routes from May after a "
    "long cam-\npaign by shift workers and students."
)


def pdf_article(path: Path, pages: int = 3, scanned: tuple[int, ...] = ()) -> Path:
    """A PDF with a running header and a page number on every page; the pages in ``scanned``
    (from 1) hold only a drawing, as a scan without a text layer does."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Council backs night buses")
    pdf.set_author("Mara Lindqvist")
    pdf.set_font("helvetica", size=11)
    pdf.set_auto_page_break(False)  # the footer is written near the bottom of its own page
    for number in range(1, pages + 1):
        pdf.add_page()
        if number in scanned:
            pdf.rect(20, 20, 150, 200)
            continue
        pdf.cell(0, 8, "The Riverside Courier - Weekly edition", new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 6, f"Part {number}. {PDF_LINE}")
        pdf.set_y(-20)
        pdf.cell(0, 8, f"Page {number} of {pages}")
    pdf.output(str(path))
    return path


#: Articles of the sample news-database exports: (title, source, date as written, byline,
#: words, body paragraphs).
EXPORT_ARTICLES = (
    (
        "Harbour workers strike over night shifts",
        "The Riverside Courier",
        "March 3, 2026 Tuesday",
        "Mara Lindqvist",
        412,
        (
            "Dock workers walked out on Monday, demanding an end to unpaid night shifts.",
            '"We will not unload another ship at 2 a.m. for free," said union leader Ola Berg.',
        ),
    ),
    (
        "Council promises talks with the union",
        "Valley Gazette",
        "March 4, 2026 Wednesday",
        "Tomas Reed",
        198,
        ("The mayor said she would meet the union on Friday.",),
    ),
    (
        "Ports reopen after two-day strike",
        "The Riverside Courier",
        "March 6, 2026 Friday",
        "Mara Lindqvist",
        305,
        ("Ships were unloaded again on Friday.", "Talks on pay continue next week."),
    ),
)
NBSP = "\u00a0"


def nexis_lines(end_of_last: bool = True) -> list[str]:
    """The paragraphs of a Nexis Uni export: a cover page, then each article."""
    lines = [
        "User Name: Research Team",
        "Date and Time: March 10, 2026 9:12 AM EST",
        "Job Number: 104432",
        f"Documents ({len(EXPORT_ARTICLES)})",
        *(f"{n}. {a[0]}" for n, a in enumerate(EXPORT_ARTICLES, start=1)),
        "Search Terms: strike AND harbour",
        "",
    ]
    for number, (title, source, date, byline, words, body) in enumerate(EXPORT_ARTICLES, start=1):
        lines += [
            title,
            source,
            date,
            f"Copyright 2026 {source} All Rights Reserved",
            f"Section:{NBSP}NEWS; Pg. {number}",
            f"Length:{NBSP}{words} words",
            f"Byline:{NBSP}{byline}",
            "Body",
            *body,
            "Classification",
            f"Language:{NBSP}ENGLISH",
            f"Subject:{NBSP}STRIKES (90%); LABOUR UNIONS (88%)",
            f"Load-Date:{NBSP}{date.rsplit(' ', 1)[0]}",
        ]
        if end_of_last or number < len(EXPORT_ARTICLES):
            lines.append("End of Document")
    return lines


def nexis_docx(path: Path, end_of_last: bool = True) -> Path:
    import docx

    document = docx.Document()
    for line in nexis_lines(end_of_last):
        document.add_paragraph(line)
    document.save(str(path))
    return path


def nexis_rtf(path: Path) -> Path:
    def escaped(line: str) -> str:
        return "".join(
            c
            if ord(c) < 128 and c not in "\\{}"
            else f"\\'{ord(c):02x}"
            if ord(c) < 256
            else f"\\u{ord(c)}?"
            for c in line
        )

    body = "".join(f"{escaped(line)}\\par\n" for line in nexis_lines())
    path.write_bytes(("{\\rtf1\\ansi\\ansicpg1252\\deff0\n" + body + "}").encode("ascii"))
    return path


#: The labels of LexisNexis text exports: (start line, byline, section, length + unit,
#: load date, language).
TXT_LABELS = {
    "en": (
        "{n} of {m} DOCUMENTS",
        "BYLINE",
        "SECTION",
        "LENGTH: {w} words",
        "LOAD-DATE",
        "LANGUAGE: ENGLISH",
    ),
    "de": (
        "Dokument {n} von {m}",
        "AUTOR",
        "RUBRIK",
        "LÄNGE: {w} Wörter",
        "UPDATE",
        "SPRACHE: GERMAN",
    ),
    "fr": (
        "Document {n} de {m}",
        "SIGNATURE",
        "RUBRIQUE",
        "LONGUEUR: {w} mots",
        "DATE-CHARGEMENT",
        "LANGUE: FRENCH",
    ),
}
TXT_DATES = {
    "en": ("March 3, 2026 Tuesday", "March 4, 2026 Wednesday", "March 6, 2026 Friday"),
    "de": ("3. März 2026 Dienstag", "4. März 2026 Mittwoch", "6. März 2026 Freitag"),
    "fr": ("3 mars 2026 mardi", "4 mars 2026 mercredi", "6 mars 2026 vendredi"),
}


def lexis_txt(language: str = "en", edition: bool = False) -> str:
    start, byline, section, length, load, lang = TXT_LABELS[language]
    out: list[str] = []
    count = len(EXPORT_ARTICLES)
    for n, (title, source, _d, author, words, body) in enumerate(EXPORT_ARTICLES, start=1):
        date = TXT_DATES[language][n - 1]
        out += [
            "",
            f"                    {start.format(n=n, m=count)}",
            "",
            f"                    {source}",
            "",
            f"                    {date}",
            *(["                    Late Edition - Final"] if edition else []),
            "",
            title,
            "",
            f"{byline}: {author}",
            "",
            f"{section}: NEWS; Pg. {n}",
            "",
            length.format(w=words),
            "",
            *[line for paragraph in body for line in (paragraph, "")],
            f"{load}: {date}",
            "",
            lang,
            "",
            f"                    Copyright 2026 {source}",
        ]
    return "\r\n".join(out) + "\r\n"


def _factiva_fields(number: int) -> list[tuple[str, list[str]]]:
    title, source, date, byline, words, body = EXPORT_ARTICLES[number]
    return [
        ("HD", [title]),
        ("BY", [byline]),
        ("WC", [f"{words} words"]),
        ("PD", [date.rsplit(" ", 1)[0].replace(",", "")]),
        ("SN", [source]),
        ("SC", ["RIVCOU"]),
        ("LA", ["English"]),
        ("LP", [body[0]]),
        ("TD", list(body[1:])),
        ("AN", [f"Document RIVCOU0020260303e{number}3000{number}"]),
    ]


def factiva_html() -> str:
    """A Factiva "full article" report: one field table per article."""
    articles = []
    for number in range(len(EXPORT_ARTICLES)):
        rows = "".join(
            f'<tr><td class="code"><b>{code}</b></td><td>'
            + "".join(f"<p>{p}</p>" for p in values)
            + "</td></tr>"
            for code, values in _factiva_fields(number)
            if values
        )
        articles.append(f'<div class="article"><table>{rows}</table></div>')
    return (
        "<html><head><title>Factiva</title></head><body><h1>Search results</h1>"
        + "".join(articles)
        + "<p>© 2026 Factiva, Inc. All rights reserved.</p></body></html>"
    )


def factiva_rtf() -> str:
    """The same report as RTF: a two-cell table row per field."""
    rows = []
    for number in range(len(EXPORT_ARTICLES)):
        for code, values in _factiva_fields(number):
            if values:
                value = "\\par ".join(values)
                rows.append(f"\\trowd\\cellx1000\\cellx9000 {code}\\cell {value}\\cell\\row\n")
        rows.append("\\par\n")
    return "{\\rtf1\\ansi\\ansicpg1252\\deff0\n" + "".join(rows) + "}"
