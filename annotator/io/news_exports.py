"""News-database exports (Nexis Uni / LexisNexis, ...): many articles in one file, split into
documents with their metadata, by rules that are data.

A layout (one YAML file per source format: the built-in ones in ``resources/news_layouts/``,
a user's own in ``<config folder>/news-layouts/``; docs/import.md says what each key means)
tells which container files it applies to (``docx``, ``rtf``, ``txt``), how to recognise an
export (``detect``), where an article starts or ends (``start``, ``end``), which lines of its
header hold the title, source and date, its labelled fields (``Label: value``) and where its
body lies. The readers of those containers (io/office.py, io/plain.py) hand their lines to
:func:`split_export`; a file no layout recognises stays one document.

An article that does not end where its layout says (a missing ``End of Document``, a file
cut short) fails the whole file, naming the article and its line: nothing of it is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from annotator.core.errors import InputError
from annotator.core.model import DocumentInput
from annotator.io.dates import dated

#: The fields of a document that a layout's header lines and fields may fill; any other field
#: name goes to the metadata.
DOCUMENT_FIELDS = ("title", "source", "published", "url")

LAYOUT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["name", "containers", "detect", "fields"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
        "containers": {"type": "array", "items": {"enum": ["docx", "rtf", "txt", "html"]}},
        "coded": {"type": "boolean"},
        "text_fields": {"type": "array", "items": {"type": "string"}},
        "detect": {"type": "string"},
        "start": {"type": "string"},
        "end": {"type": "string"},
        "languages": {"type": "array", "items": {"type": "string"}},
        "label_separator": {"type": "string"},
        "header": {
            "type": "object",
            "required": ["from", "lines"],
            "additionalProperties": False,
            "properties": {
                "from": {"enum": ["start", "first-field"]},
                "lines": {"type": "array", "items": {"type": "string"}},
                "skip": {"type": "string"},
            },
        },
        "body_start": {"type": "string"},
        "body_end": {"type": "string"},
        "fields": {"type": "object", "additionalProperties": {"type": "string"}},
    },
    "anyOf": [{"required": ["start"]}, {"required": ["end"]}],
}


@dataclass(frozen=True)
class Layout:
    """One source format's rules (see the module's docstring)."""

    name: str
    origin: str
    containers: tuple[str, ...]
    detect: re.Pattern[str]
    start: re.Pattern[str] | None
    end: re.Pattern[str] | None
    languages: tuple[str, ...]
    field: re.Pattern[str]
    fields: dict[str, str]
    header_from: str
    header_lines: tuple[str, ...]
    header_skip: re.Pattern[str] | None
    body_start: re.Pattern[str] | None
    body_end: re.Pattern[str] | None
    #: Field-coded (Factiva): each field's value runs on over the lines up to the next field,
    #: the start line is the article's first field, and the text is ``text_fields`` joined.
    coded: bool = False
    text_fields: tuple[str, ...] = ()


def _pattern(value: str | None, where: str) -> re.Pattern[str] | None:
    if value is None:
        return None
    try:
        return re.compile(value)
    except re.error as exc:
        raise InputError(f"{where}: not a valid regular expression {value!r} ({exc})") from None


def parse_layout(text: str, origin: str) -> Layout:
    """A layout from its YAML text; a bad one is an InputError naming ``origin`` and the key."""
    import jsonschema

    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"{origin}: not valid YAML ({exc})") from None
    problem = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(LAYOUT_SCHEMA).iter_errors(raw)
    )
    if problem is not None:
        place = "/".join(map(str, problem.absolute_path)) or "the file"
        raise InputError(f"{origin}: {place}: {problem.message}")
    labels = sorted(raw["fields"], key=len, reverse=True)
    separator = raw.get("label_separator", r":\s*")
    field = re.compile(
        rf"^\s*(?P<label>{'|'.join(map(re.escape, labels))}){separator}(?P<value>.*)$"
    )
    header = raw.get("header", {"from": "start", "lines": []})
    return Layout(
        name=raw["name"],
        origin=origin,
        containers=tuple(raw["containers"]),
        detect=_required(raw["detect"], f"{origin}: detect"),
        start=_pattern(raw.get("start"), f"{origin}: start"),
        end=_pattern(raw.get("end"), f"{origin}: end"),
        languages=tuple(raw.get("languages", ())),
        field=field,
        fields=dict(raw["fields"]),
        header_from=header["from"],
        header_lines=tuple(header["lines"]),
        header_skip=_pattern(header.get("skip"), f"{origin}: header/skip"),
        body_start=_pattern(raw.get("body_start"), f"{origin}: body_start"),
        body_end=_pattern(raw.get("body_end"), f"{origin}: body_end"),
        coded=bool(raw.get("coded", False)),
        text_fields=tuple(raw.get("text_fields", ())),
    )


def _required(value: str, where: str) -> re.Pattern[str]:
    found = _pattern(value, where)
    assert found is not None
    return found


def user_layout_folder() -> Path:
    """Where a user's own layouts are read from (``*.yaml``)."""
    import platformdirs

    return Path(platformdirs.user_config_dir("annotator", appauthor=False)) / "news-layouts"


@cache
def built_in_layouts() -> tuple[Layout, ...]:
    from annotator.resources_path import resource

    folder = resource("news_layouts")
    return tuple(
        parse_layout(entry.read_text(encoding="utf-8"), f"resources/news_layouts/{entry.name}")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".yaml")
    )


#: The user's layouts as last read, under what their files were then (name, mtime, size).
_user_layouts: dict[Path, tuple[tuple[tuple[str, int, int], ...], tuple[Layout, ...]]] = {}


def layouts() -> tuple[Layout, ...]:
    """The user's layouts first (so that a variant can take precedence), then ours. The
    user's files are parsed again only when one was added, removed or changed (an import of a
    thousand files asks for them a thousand times)."""
    folder = user_layout_folder()
    paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    stats = [(path, path.stat()) for path in paths]
    signature = tuple((str(path), st.st_mtime_ns, st.st_size) for path, st in stats)
    known = _user_layouts.get(folder)
    if known is None or known[0] != signature:
        own = tuple(parse_layout(path.read_text(encoding="utf-8"), str(path)) for path in paths)
        _user_layouts[folder] = (signature, own)
        known = _user_layouts[folder]
    return known[1] + built_in_layouts()


#: How many lines from the top a layout's ``detect`` is looked for in.
DETECT_LINES = 2000


def layout_for(lines: list[str], container: str) -> Layout | None:
    """The first layout for ``container`` whose ``detect`` matches one of the first lines."""
    head = lines[:DETECT_LINES]
    for layout in layouts():
        if container in layout.containers and any(layout.detect.search(line) for line in head):
            return layout
    return None


#: A field code of Factiva's "full article" reports (two to four capitals).
_CODE = re.compile(r"^[A-Z]{2,4}$")


def coded_table_lines(data: bytes) -> list[str]:
    """The rows of an HTML page's two-column field tables (a Factiva report) as lines:
    ``CODE<tab>first paragraph``, then the value's other paragraphs; [] when it has none."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError):
        return []
    lines: list[str] = []
    for row in root.iter("tr"):
        cells = row.findall("td")
        if len(cells) < 2 or not _CODE.match(cells[0].text_content().strip()):
            continue
        paragraphs = [p.text_content().strip() for p in cells[1].iter("p")]
        paragraphs = [p for p in paragraphs if p] or [cells[1].text_content().strip()]
        lines.append(f"{cells[0].text_content().strip()}\t{paragraphs[0]}")
        lines.extend(paragraphs[1:])
    return lines


def spread(articles: list[DocumentInput], size: int) -> list[tuple[DocumentInput, int]]:
    """Each article with the bytes of its file read so far (for progress: spread evenly)."""
    count = len(articles)
    return [(item, size * number // count) for number, item in enumerate(articles, start=1)]


def split_export(lines: list[str], path: Path, container: str) -> list[DocumentInput] | None:
    """The articles of a news-database export, or None when no layout recognises the file."""
    layout = layout_for(lines, container)
    if layout is None:
        return None
    return [
        _article(layout, block, first, number, path)
        for number, (first, block) in enumerate(_blocks(layout, lines, path), start=1)
    ]


def _blocks(layout: Layout, lines: list[str], path: Path) -> list[tuple[int, list[str]]]:
    """Each article's lines, with the number (from 1) of its first line in the file."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 1
    started = False  # start-marked: what comes before the first start is a cover page
    for number, line in enumerate(lines, start=1):
        if layout.start is not None and layout.start.search(line):
            if started and layout.end is None:
                blocks.append((first, current))
            if layout.coded:  # the start line is the article's first field
                current, first, started = [line], number, True
            else:
                current, first, started = [], number + 1, True
        elif layout.end is not None and layout.end.search(line):
            blocks.append((first, current))
            current, first = [], number + 1
        else:
            current.append(line)
    if layout.end is None:
        if started:
            blocks.append((first, current))
        return blocks
    assert layout.end is not None
    if any(layout.field.match(line) for line in current) or (
        layout.body_start is not None and any(layout.body_start.search(x) for x in current)
    ):
        raise InputError(
            f"{path}:{first}: article {len(blocks) + 1} has no end (the line "
            f"{layout.end.pattern!r} after it is missing); the export is incomplete"
        )
    return blocks


def _article(
    layout: Layout, block: list[str], first: int, number: int, path: Path
) -> DocumentInput:
    if layout.coded:
        return _coded_article(layout, block, first, number, path)
    fields: dict[str, str] = {}
    body: list[str] = []
    header_end = len(block)
    in_body = False
    starts = [i for i, x in enumerate(block) if layout.body_start and layout.body_start.search(x)]
    if len(starts) > 1:
        raise InputError(
            f"{path}:{first + starts[1]}: a second body in article {number}: the end of the "
            f"article before it ({layout.end.pattern if layout.end else 'its end'!r}) is missing"
        )
    for index, line in enumerate(block):
        if in_body:
            ends = (
                layout.body_end.search(line)
                if layout.body_end is not None
                else layout.field.match(line)
            )
            if ends:
                in_body = False
            else:
                body.append(line)
                continue
        if layout.body_start is not None and layout.body_start.search(line):
            in_body = True
            header_end = min(header_end, index)
            continue
        found = layout.field.match(line)
        if found:
            header_end = min(header_end, index)
            name = layout.fields[found["label"]]
            value = found["value"].strip()
            fields[name] = f"{fields[name]}; {value}" if name in fields else value
        elif layout.body_start is None and fields and line.strip() and not body:
            in_body = True
            body.append(line)
    header = [x.strip() for x in block[:header_end] if x.strip()]
    if layout.header_skip is not None:
        header = [x for x in header if not layout.header_skip.search(x)]
    names = layout.header_lines
    if layout.header_from == "first-field":  # counted back from the first field
        header = header[-len(names) :] if names else []
    elif names and len(header) > len(names):  # the last name takes the last line
        extra = header[len(names) - 1 : -1]
        header = [*header[: len(names) - 1], header[-1]]
        fields.setdefault("header_extra", "; ".join(extra))
    for name, value in zip(names, header, strict=False):
        fields.setdefault(name, value)
    return _document(layout, fields, "\n".join(body).strip(), first, number, path)


def _coded_article(
    layout: Layout, block: list[str], first: int, number: int, path: Path
) -> DocumentInput:
    values: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in block:
        found = layout.field.match(line)
        if found:
            current = values.setdefault(layout.fields[found["label"]], [])
            current.append(found["value"].strip().rstrip("|").strip())
        elif current is not None:  # (an RTF table's cell ends with "|" in striprtf's text)
            current.append(line.strip().rstrip("|").strip())
    fields = {name: "\n".join(v).strip() for name, v in values.items()}
    text = "\n".join(fields.pop(name) for name in layout.text_fields if fields.get(name))
    return _document(layout, fields, text.strip(), first, number, path)


def _document(
    layout: Layout, fields: dict[str, str], text: str, first: int, number: int, path: Path
) -> DocumentInput:
    where = f"{path}:{first}"
    if not text:
        raise InputError(f"{where}: article {number} has no text ({layout.name})")
    metadata: dict[str, Any] = {"file": path.name, "article": number, "layout": layout.name}
    for name, value in fields.items():
        if name not in DOCUMENT_FIELDS:
            metadata[name] = value
    words = re.match(r"^\s*(\d[\d.,]*)", metadata.get("length", ""))
    if words:
        metadata["words"] = int(re.sub(r"[.,]", "", words.group(1)))
    return DocumentInput(
        text=text,
        title=fields.get("title", ""),
        source=fields.get("source"),
        url=fields.get("url"),
        published=dated(fields.get("published"), metadata, layout.languages),
        metadata=metadata,
        origin=f"{where} (article {number})",
    )
