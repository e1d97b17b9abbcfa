"""The text layer of PDF files (.pdf), one article per file, read with pypdf: best effort.

A PDF holds positioned glyphs, not paragraphs; what is recovered:

* each page's text as pypdf extracts it, pages separated by a blank line;
* running headers and footers left out: a first or last line of a page that recurs (digits
  aside) on at least half of the pages of a document of three or more, and bare page numbers
  ("3", "Page 3", "3 / 12") at the top or bottom of a page;
* a word hyphenated at a line end joined again ("cam-" + "paign": "campaign") when the next
  line starts in lower case (a hyphen that belongs to the word, as in "long-term" split at it,
  is lost too: PDF does not say which);
* a page with (almost) no text, or mostly glyphs without a Unicode meaning, counts as having
  no text layer. A file where no page has one (a scan) is skipped and reported, rather than
  imported as garbage; one where some pages lack it is imported with a warning naming them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import DocumentInput
from annotator.io.common import ReadOptions
from annotator.io.office import MAX_HEADLINE_CHARS

#: A page with fewer characters of text than this has no usable text layer.
MIN_PAGE_CHARS = 20
#: A page where more than this share of characters has no meaning (U+FFFD, private use,
#: control characters: glyphs without a Unicode mapping) has no usable text layer.
MAX_BAD_SHARE = 0.05
_PAGE_NUMBER = re.compile(
    r"^\s*(page|seite|p\.)?\s*\d{1,4}(\s*(of|/|von|sur)\s*\d{1,4})?\s*$", re.IGNORECASE
)
_DIGITS = re.compile(r"\d+")
_HYPHENATED = re.compile(r"(?<=[^\W\d_])-\n(?=[a-zäöüßàâçéèêëîïôûùüÿñæœ])")


def _bad_share(text: str) -> float:
    bad = sum(
        1
        for c in text
        if c == "\ufffd" or "\ue000" <= c <= "\uf8ff" or (c < " " and c not in "\n\t")
    )
    return bad / max(len(text), 1)


def _usable(text: str) -> bool:
    stripped = "".join(text.split())
    return len(stripped) >= MIN_PAGE_CHARS and _bad_share(stripped) <= MAX_BAD_SHARE


def _running_lines(pages: list[list[str]]) -> tuple[set[str], set[str]]:
    """The headers and footers (digits as ``#``) that recur on at least half the pages."""
    if len(pages) < 3:
        return set(), set()
    firsts = Counter(_DIGITS.sub("#", p[0].strip()) for p in pages if p)
    lasts = Counter(_DIGITS.sub("#", p[-1].strip()) for p in pages if p)
    half = len(pages) / 2
    return (
        {line for line, n in firsts.items() if n >= half and line},
        {line for line, n in lasts.items() if n >= half and line},
    )


def page_texts(pages: list[str]) -> str:
    """The text of a document's pages, headers, footers and end-of-line hyphens removed."""
    lines = [[line for line in page.split("\n") if line.strip()] for page in pages]
    headers, footers = _running_lines(lines)
    cleaned: list[str] = []
    for page in lines:
        while page and (
            _DIGITS.sub("#", page[0].strip()) in headers or _PAGE_NUMBER.match(page[0])
        ):
            page = page[1:]
        while page and (
            _DIGITS.sub("#", page[-1].strip()) in footers or _PAGE_NUMBER.match(page[-1])
        ):
            page = page[:-1]
        if page:
            cleaned.append("\n".join(line.rstrip() for line in page))
    return _HYPHENATED.sub("", "\n\n".join(cleaned))


def _open(path: Path) -> Any:
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{path}: the PDF is protected by a password")
        return reader, [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise InputError(f"{path}: not a PDF, or damaged ({type(exc).__name__})") from None


def read_pdf(path: Path, options: ReadOptions) -> Iterator[tuple[DocumentInput, int]]:
    reader, pages = _open(path)
    size = path.stat().st_size
    without = [number for number, text in enumerate(pages, start=1) if not _usable(text)]
    if not pages or len(without) == len(pages):
        reason = (
            f"{path}: the PDF has no text layer (a scan?); skipped: recognise its text (OCR) first"
        )
        yield DocumentInput("", origin=str(path), notes=(reason,)), size
        return
    text = page_texts([t for n, t in enumerate(pages, start=1) if n not in without]).strip()
    notes: tuple[str, ...] = ()
    if without:
        shown = ", ".join(map(str, without[:10])) + (" …" if len(without) > 10 else "")
        notes = (
            f"{path}: {len(without)} of {len(pages)} pages have no text layer (scanned?) and "
            f"were left out: page(s) {shown}",
        )
    info = reader.metadata or {}
    metadata: dict[str, Any] = {"file": path.name, "pages": len(pages)}
    author = getattr(info, "author", None)
    if isinstance(author, str) and author.strip():
        metadata["author"] = author.strip()
    created = getattr(info, "creation_date", None)
    if created is not None:
        metadata["created"] = created.date().isoformat()
    title = getattr(info, "title", None)
    if not (isinstance(title, str) and title.strip()):
        first = text.split("\n", 1)[0].strip()
        title = first if 0 < len(first) <= MAX_HEADLINE_CHARS else path.stem
    item = DocumentInput(
        text=text, title=title.strip(), metadata=metadata, origin=str(path), notes=notes
    )
    yield item, size
