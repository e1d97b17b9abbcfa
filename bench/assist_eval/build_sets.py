#!/usr/bin/env python3
"""Builder for the hand-written assist evaluation sets.

The articles and their annotations are written by hand in
articles_eval.py and articles_tuning.py.  This script only turns the
hand-made annotations into character offsets (Python string indices,
i.e. code points) by locating unique snippets with str.find, and writes
evaluation.jsonl and tuning.jsonl.  It is deterministic: same input,
same output, byte for byte.

Annotation mini-language (one instruction per line in an article's "ann"):

  Actor mentions (KIND letters: P=PERSON O=ORG G=GPE N=NORP
  D=DESCRIPTIVE R=PRONOUN)
    K REF              one mention located by REF
    K* FORM | FORM     every whole-word occurrence of each FORM
                       (longest form first, never overlapping a mention
                       placed before it)
    - REF              block a span so that no bulk (K*) line may use it

  Quotes
    QD REF ; SPEAKER ; CUE
        direct quote: REF locates the first characters of the quoted
        text; the span runs from there to the matching closing mark
        (the marks themselves are excluded).
    QI REF [>> ENDREF] ; SPEAKER ; CUE
        indirect quote: from REF to the end of ENDREF if given, else to
        the end of the sentence (the final period is excluded).
    SPEAKER is a REF that must locate an annotated actor mention, or "-".
    CUE is a REF locating the cue text (added to the cue list), or "-".

  REF syntax
    snippet            the snippet must occur exactly once (whole word)
    snippet #N         the N-th whole-word occurrence (1-based)
    snippet @ context  context must occur exactly once in the text; the
                       snippet is the first whole-word occurrence inside it
"""

from __future__ import annotations

import itertools
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {"P": "PERSON", "O": "ORG", "G": "GPE", "N": "NORP", "D": "DESCRIPTIVE", "R": "PRONOUN"}
CLOSE = {"\u201c": "\u201d", '"': '"'}
MIN_LEN, MAX_LEN = 2500, 3500


class BuildError(Exception):
    pass


def typographic(s: str) -> str:
    """Straight apostrophes -> typographic ones (used for "curly" articles)."""
    return s.replace("'", "\u2019")


def word_ok(text: str, s: int, e: int) -> bool:
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < len(text) else " "
    first, last = text[s], text[e - 1]
    ok_before = not (first.isalnum() and before.isalnum())
    ok_after = not (last.isalnum() and after.isalnum())
    return ok_before and ok_after


def find_all(
    text: str, sub: str, lo: int = 0, hi: int | None = None, whole_word: bool = True
) -> list[int]:
    hi = len(text) if hi is None else hi
    out = []
    i = text.find(sub, lo)
    while i != -1 and i + len(sub) <= hi:
        if not whole_word or word_ok(text, i, i + len(sub)):
            out.append(i)
        i = text.find(sub, i + 1)
    return out


def parse_ref(ref: str):
    ref = ref.strip()
    ctx = None
    if " @ " in ref:
        span, ctx = ref.split(" @ ", 1)
    else:
        span = ref
    occ = None
    m = re.fullmatch(r"(.*?) #(\d+)", span)
    if m:
        span, occ = m.group(1), int(m.group(2))
    if not span:
        raise BuildError(f"empty snippet in ref {ref!r}")
    return span, ctx, occ


def locate(text: str, ref: str, lo: int = 0, first_after: bool = False):
    span, ctx, occ = parse_ref(ref)
    if ctx is not None:
        hits = find_all(text, ctx, whole_word=False)
        if len(hits) != 1:
            raise BuildError(f"context {ctx!r} found {len(hits)} times")
        c0 = hits[0]
        occs = find_all(text, span, c0, c0 + len(ctx))
        k = (occ or 1) - 1
        if len(occs) <= k:
            raise BuildError(f"snippet {span!r} not found in context {ctx!r}")
        s = occs[k]
    else:
        occs = find_all(text, span, lo)
        if occ is not None:
            if len(occs) < occ:
                raise BuildError(f"snippet {span!r} has fewer than {occ} occurrences")
            s = occs[occ - 1]
        elif first_after:
            if not occs:
                raise BuildError(f"snippet {span!r} not found after {lo}")
            s = occs[0]
        else:
            if len(occs) != 1:
                raise BuildError(f"snippet {span!r} found {len(occs)} times (need @ or #)")
            s = occs[0]
    return s, s + len(span)


def overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def sentence_end(text: str, start: int) -> int:
    i = start
    while i < len(text):
        ch = text[i]
        if ch == "\n":
            raise BuildError(f"no sentence end before newline after {text[start:i]!r}")
        if ch == "." and (i + 1 == len(text) or text[i + 1] in " \n"):
            return i
        i += 1
    raise BuildError("no sentence end")


def build_article(art: dict) -> dict:
    style = art.get("style", "curly")
    conv = typographic if style == "curly" else (lambda s: s)
    text = unicodedata.normalize("NFC", conv(art["text"].strip("\n")))
    ann = unicodedata.normalize("NFC", conv(art["ann"]))
    title = unicodedata.normalize("NFC", conv(art["title"]))
    if "\r" in text:
        raise BuildError("CR in text")
    if not MIN_LEN <= len(text) <= MAX_LEN:
        raise BuildError(f"length {len(text)} outside {MIN_LEN}-{MAX_LEN}")

    lines = [ln.strip() for ln in ann.splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("//")]

    actors: list[tuple[int, int, str]] = []
    blocked: list[tuple[int, int]] = []
    bulk: list[tuple[str, list[str]]] = []
    quote_lines: list[str] = []

    def add_actor(s, e, kind, why):
        for a in actors:
            if overlaps((s, e), a[:2]):
                raise BuildError(f"actor {text[s:e]!r} ({why}) overlaps {text[a[0] : a[1]]!r}")
        actors.append((s, e, kind))

    for ln in lines:
        head, _, rest = ln.partition(" ")
        if head in ("QD", "QI"):
            quote_lines.append(ln)
        elif head == "-":
            blocked.append(locate(text, rest))
        elif len(head) == 2 and head[1] == "*" and head[0] in KINDS:
            bulk.append((KINDS[head[0]], [f.strip() for f in rest.split("|")]))
        elif head in KINDS:
            s, e = locate(text, rest)
            add_actor(s, e, KINDS[head], ln)
        else:
            raise BuildError(f"bad line {ln!r}")

    for kind, forms in bulk:
        found_any = False
        for form in sorted(forms, key=len, reverse=True):
            for s in find_all(text, form):
                e = s + len(form)
                if any(overlaps((s, e), a[:2]) for a in actors):
                    continue
                if any(overlaps((s, e), b) for b in blocked):
                    continue
                actors.append((s, e, kind))
                found_any = True
        if not found_any:
            raise BuildError(f"bulk {forms!r} matched nothing new")

    actors.sort()
    actor_index = {(s, e): i for i, (s, e, _k) in enumerate(actors)}

    cues: dict[tuple[int, int], None] = {}
    raw_quotes = []
    for ln in quote_lines:
        head, _, rest = ln.partition(" ")
        parts = [p.strip() for p in rest.split(" ; ")]
        if len(parts) != 3:
            raise BuildError(f"quote line needs 3 parts: {ln!r}")
        qref, sref, cref = parts
        if head == "QD":
            s, _e = locate(text, qref)
            opener = text[s - 1] if s > 0 else ""
            if opener not in CLOSE:
                raise BuildError(f"direct quote {qref!r} not preceded by an opening mark")
            e = text.find(CLOSE[opener], s)
            if e == -1:
                raise BuildError(f"no closing mark for {qref!r}")
            inner = text[s:e]
            if "\n" in inner or "\u201c" in inner:
                raise BuildError(f"bad direct quote span {inner!r}")
            direct = True
        else:
            if " >> " in qref:
                qref, eref = qref.split(" >> ", 1)
                s, _ = locate(text, qref)
                _s2, e = locate(text, eref, lo=s, first_after=True)
            else:
                s, _ = locate(text, qref)
                e = sentence_end(text, s)
            if "\n" in text[s:e]:
                raise BuildError(f"indirect quote crosses a paragraph: {qref!r}")
            direct = False
        if sref == "-":
            spk = None
        else:
            loc = locate(text, sref)
            if loc not in actor_index:
                raise BuildError(f"speaker {sref!r} is not an annotated actor")
            spk = loc
            if actors[actor_index[loc]][2] == "PRONOUN":
                raise BuildError(f"speaker {sref!r} is a pronoun")
        if cref == "-":
            cue = None
        else:
            cue = locate(text, cref)
            cues[cue] = None
        raw_quotes.append((s, e, direct, spk, cue))

    cue_list = sorted(cues)
    for i in range(len(cue_list) - 1):
        if overlaps(cue_list[i], cue_list[i + 1]):
            raise BuildError("overlapping cues")
    cue_index = {c: i for i, c in enumerate(cue_list)}
    raw_quotes.sort(key=lambda q: (q[0], q[1]))
    for a, b in itertools.pairwise(raw_quotes):
        if overlaps(a[:2], b[:2]):
            raise BuildError(f"overlapping quotes {text[a[0] : a[1]]!r} / {text[b[0] : b[1]]!r}")

    return {
        "id": art["id"],
        "title": title,
        "text": text,
        "actors": [{"start": s, "end": e, "text": text[s:e], "kind": k} for s, e, k in actors],
        "cues": [{"start": s, "end": e, "text": text[s:e]} for s, e in cue_list],
        "quotes": [
            {
                "start": s,
                "end": e,
                "text": text[s:e],
                "direct": d,
                "speaker": None if spk is None else actor_index[spk],
                "cue": None if cue is None else cue_index[cue],
            }
            for s, e, d, spk, cue in raw_quotes
        ],
    }


def review(rec: dict) -> str:
    """Human-readable dump used to proof-read the annotations."""
    out = [f"=== {rec['id']} ({len(rec['text'])} chars) {rec['title']}"]
    for i, a in enumerate(rec["actors"]):
        out.append(f"  A{i:<3}{a['kind']:<12}{a['text']!r}")
    for q in rec["quotes"]:
        spk = rec["actors"][q["speaker"]]["text"] if q["speaker"] is not None else None
        cue = rec["cues"][q["cue"]]["text"] if q["cue"] is not None else None
        t = q["text"] if len(q["text"]) < 70 else q["text"][:33] + " … " + q["text"][-33:]
        out.append(f"  Q {'D' if q['direct'] else 'I'} spk={spk!r} cue={cue!r} :: {t!r}")
    covered = [(a["start"], a["end"]) for a in rec["actors"]]
    text = rec["text"]
    unc = []
    for m in re.finditer(r"\b[A-Z][\w'’-]*", text):
        s = m.start()
        if any(a <= s < b for a, b in covered):
            continue
        prev = text[max(0, s - 2) : s]
        if (
            s == 0
            or prev in (". ", "\n\n", "“", '"', "‘")
            or prev.endswith("\n")
            or prev.endswith("“")
            or prev.endswith('"')
        ):
            continue
        unc.append(m.group())
    out.append("  uncovered capitalised: " + ", ".join(sorted(set(unc))))
    return "\n".join(out)


def main() -> int:
    sys.dont_write_bytecode = True
    sys.path.insert(0, str(HERE))
    import articles_eval
    import articles_tuning

    failures = 0
    dumps = []
    seen_texts = set()
    for mod, fname in ((articles_eval, "evaluation.jsonl"), (articles_tuning, "tuning.jsonl")):
        recs = []
        for art in mod.ARTICLES:
            try:
                rec = build_article(art)
            except BuildError as exc:
                print(f"{art['id']}: {exc}", file=sys.stderr)
                failures += 1
                continue
            if rec["text"] in seen_texts:
                print(f"{art['id']}: duplicate text", file=sys.stderr)
                failures += 1
            seen_texts.add(rec["text"])
            recs.append(rec)
            dumps.append(review(rec))
        if failures:
            continue
        with open(HERE / fname, "w", encoding="utf-8", newline="\n") as fh:
            for rec in recs:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if "--review" in sys.argv:
        print("\n\n".join(dumps))
    if failures:
        print(
            f"{failures} article(s) failed; nothing written for the failing file(s)",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
