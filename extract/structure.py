"""Split a file into its documents and each document into anchored blocks (ANNOTATION.md).

Anchors: printed paragraph numbers ("65"), lettered sub-items ("32(b)"), unnumbered preambular
paragraphs ``ppN``; everything else (titles, headings, openings, letters, prose, bullets,
footnotes, page furniture) is line-anchored (``anchor is None``). The hard part is telling
numbered paragraphs from numbered headings: a number is a paragraph when its text reads as
one (long, or ending in punctuation, or wrapped) — a short unpunctuated "1. Achievements" is
a heading, whatever its number. Anchors are unique in a file: a second document inside a
part (an annexed or quoted draft) whose numbers collide is line-anchored.
"""

from __future__ import annotations

import csv
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from wsiskg.extract.cleaning import footnote_lines, footnote_markers
from wsiskg.extract.errors import PatternError
from wsiskg.extract.metadata import iso_date, issuer_id
from wsiskg.extract.records import Block, DocumentMeta, DocumentPart, SourceText, Span

log = logging.getLogger(__name__)
DATA_DIR = Path(__file__).resolve().parent / "data"

PARAGRAPH_KINDS = frozenset({"operative", "preamble", "subitem"})
RESOLUTION_KINDS = frozenset({"resolution", "decision", "draft"})
_TERMINAL = tuple('.;:!?,]”")’')
_FUNCTION_WORDS = frozenset(
    "of the and on to for in with by a an or at from as its their that which".split()
)
_NUMBERED = re.compile(r"^(\d{1,3})\.(?=\s)\s*(\S.*)$")
_NUMBERED_NO_DOT = re.compile(r"^(\d{1,3})\s+((?:We|It|The|In|All)\b.*)$")
_DECIMAL_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(\S.*)$")
_LETTERED_HEADING = re.compile(r"^([A-Z]|[IVXL]{1,5})\.\s+(\S.*)$")
_SUBITEM = re.compile(r"^\(([a-z]{1,2}|[ivxl]{1,5})\)\s*(\S.*)$")
_BULLET = re.compile(r"^[·•▪◦‣●\-–—*](?:\s+|(?=[A-Z]))(\S.*)$")
_SALUTATION = re.compile(
    r"^(?:Excellency|Your Excellency|Dear\b[^,]{0,60}|Sir|Madam|Mr\.? President|Madam President)"
    r",\s*$",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^(?:Please accept|Accept,? Excellency|Yours (?:sincerely|faithfully)|Sincerely|"
    r"I avail myself|With (?:kind|best) regards)",
    re.IGNORECASE,
)
_NEW_YORK = re.compile(r"^New York\.?$", re.IGNORECASE)
_DATE_IN_LINE = re.compile(
    r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December),? \d{4}\b"
)
_MAY_BE_NOISE = re.compile("[\\[<*\ufffd]")  # cheap test before the noise patterns
_ROMAN_SUBITEMS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


@dataclass(frozen=True, slots=True)
class Segmentation:
    """What ``segment_with_problems`` found: the parts, and what it could not structure."""

    parts: tuple[DocumentPart, ...]
    problems: tuple[str, ...]


@dataclass(slots=True)
class _Line:
    no: int  # 1-based line number
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    text: str  # noise-free, stripped content (for classification only)
    fffd: bool = False  # starts with U+FFFD: a footnote whose marker was lost


@dataclass(slots=True)
class _Draft:
    """A block being built (mutable until it is frozen into a ``Block``)."""

    kind: str
    start: int
    end: int
    line: int
    anchor: str | None = None
    number: str | None = None
    parent: str | None = None
    section: str | None = None
    text: str = ""


@dataclass(slots=True)
class _State:
    used: set[str]
    problems: list[str]
    stem: str
    expected: int = 1
    pp: int = 0
    in_preamble: bool = False
    seen_operative: bool = False
    seen_anchor: bool = False
    secondary: bool = False
    parent: str | None = None
    last_sub: str | None = None
    section: str | None = None
    opening_issuer: str | None = None
    blocks: list[_Draft] = field(default_factory=list)


# ---------------------------------------------------------------- data


@cache
def _word_set(name: str) -> frozenset[str]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as f:
        return frozenset(r["word"].strip() for r in csv.DictReader(f) if r["word"].strip())


@cache
def _openings() -> tuple[tuple[re.Pattern[str], str | None], ...]:
    with (DATA_DIR / "openings.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    try:
        return tuple(
            (re.compile(rf"^[“\"]?(?:{r['pattern']})\s*$"), r["issuer"].strip() or None)
            for r in rows
        )
    except re.error as e:
        raise PatternError(f"{DATA_DIR / 'openings.csv'}: {e}") from e


@cache
def _jsonl_regex(name: str) -> re.Pattern[str]:
    path = DATA_DIR / name
    alts = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                alts.append(f"(?:{json.loads(line)['pattern']})")
            except (ValueError, KeyError) as e:
                raise PatternError(f"{path}:{n}: {e}") from e
    return re.compile("|".join(alts))


@cache
def _status_regex() -> re.Pattern[str]:
    with (DATA_DIR / "status_markers.csv").open(encoding="utf-8", newline="") as f:
        alts = [r["pattern"] for r in csv.DictReader(f)]
    return re.compile(r"\[(?:" + "|".join(alts) + r")\]")


def _noise() -> re.Pattern[str]:
    return _jsonl_regex("noise_patterns.jsonl")


def _furniture() -> re.Pattern[str]:
    return _jsonl_regex("page_furniture.jsonl")


# ---------------------------------------------------------------- entry points


def segment(source: SourceText, meta: DocumentMeta) -> tuple[DocumentPart, ...]:
    """Documents of the file, in order, each with its blocks."""
    return segment_with_problems(source, meta).parts


def segment_with_problems(source: SourceText, meta: DocumentMeta) -> Segmentation:
    """Like ``segment``, plus what could not be structured (numbering gaps, collisions)."""
    lines = list(_lines(source.text, _mask_markers(source.text)))
    notes = {source.line_of(s) for s, _, _ in footnote_lines(source.text)}
    ranges = _split_documents(lines)
    kinds = [_part_kind(lines, r, meta, i, len(ranges)) for i, r in enumerate(ranges)]
    main = max((i for i, k in enumerate(kinds) if k != "letter"), default=None)
    used: set[str] = set()
    problems: list[str] = []
    parts = []
    for i, (lo, hi) in enumerate(ranges):
        state = _State(used=used, problems=problems, stem=source.stem)
        part_lines = lines[lo:hi]
        _segment_lines(part_lines, kinds[i], notes, state)
        blocks = tuple(_freeze(d, source.text, kinds[i]) for d in state.blocks)
        parts.append(
            _make_part(i, kinds[i], part_lines, blocks, state, meta, i == main, source.text)
        )
    if not parts:
        problems.append(f"{source.stem}: no text to segment")
    return Segmentation(tuple(parts), tuple(problems))


# ---------------------------------------------------------------- lines and documents


def _mask_markers(text: str) -> str:
    """``text`` with glued footnote numbers blanked (same length).

    A marker after a line's final punctuation ("Information Society,2") would otherwise hide
    the paragraph end: the line would read as a heading and the next lines would merge.
    """
    markers = footnote_markers(text)
    if not markers:
        return text
    chars = list(text)
    for mk in markers:
        chars[mk.start : mk.end] = " " * (mk.end - mk.start)
    return "".join(chars)


def _lines(text: str, masked: str | None = None) -> Iterator[_Line]:
    """Non-blank lines (after noise and footnote-marker removal), with trimmed original offsets.

    ``masked`` is ``text`` with footnote markers blanked (``_mask_markers``); lines are
    classified on it, while offsets come from ``text``.
    """
    noise = _noise()
    masked = text if masked is None else masked
    pos = 0
    for no, raw in enumerate(text.splitlines(keepends=True), start=1):
        body = raw.rstrip("\r\n")
        shown = masked[pos : pos + len(body)]
        content = (noise.sub(" ", shown) if _MAY_BE_NOISE.search(shown) else shown).strip()
        if content:
            lead = len(body) - len(body.lstrip())
            fffd = body.lstrip().startswith("\ufffd")
            yield _Line(no, pos + lead, pos + len(body.rstrip()), content, fffd)
        pos += len(raw)


def _split_documents(lines: list[_Line]) -> list[tuple[int, int]]:
    """Letters (letterhead … addressees) and what follows them, as index ranges."""
    ranges: list[tuple[int, int]] = []
    cursor = 0
    i = 0
    while i < len(lines):
        if not _SALUTATION.match(lines[i].text):
            i += 1
            continue
        end = _letter_end(lines, i)
        if end is None:
            i += 1
            continue
        if cursor < i:
            head = lines[cursor:i]
            long_lines = [k for k, ln in enumerate(head) if len(ln.text) > 100]
            if long_lines:  # real content before the letterhead is its own document
                split = cursor + long_lines[-1] + 1
                ranges.append((cursor, split))
                cursor = split
        ranges.append((cursor, end + 1))
        cursor = i = end + 1
    if cursor < len(lines):
        ranges.append((cursor, len(lines)))
    return ranges


def _letter_end(lines: list[_Line], salutation: int) -> int | None:
    """Index of the last line of a letter: its "New York" addressee line, or the signature."""
    closing = None
    for k in range(salutation + 1, min(len(lines), salutation + 40)):
        if _CLOSING.match(lines[k].text):
            closing = k
            break
    if closing is None:
        return None
    last = closing
    for k in range(closing + 1, min(len(lines), closing + 25)):
        text = lines[k].text
        if _NEW_YORK.match(text):
            return k
        if len(text) > 200 or _SALUTATION.match(text):
            break
        last = k
    return last


def _part_kind(lines: list[_Line], r: tuple[int, int], meta: DocumentMeta, i: int, n: int) -> str:
    lo, hi = r
    if any(_SALUTATION.match(ln.text) for ln in lines[lo : min(hi, lo + 20)]):
        return "letter"
    if meta.kind:
        last = meta.kind.split("+")[-1].strip().lower().rstrip("s")
        if last in {"resolution", "decision", "draft", "summary", "report"}:
            return last
    head = " ".join(ln.text for ln in lines[lo : min(hi, lo + 12)])
    if re.search(r"\bDraft\b", head):
        return "draft"
    if re.search(r"\bDecision adopted\b", head):
        return "decision"
    if any(_is_opening(ln.text) for ln in lines[lo:hi]):
        return "resolution"
    if re.search(r"\bSummary\b", head) and not re.search(r"Executive Summary", head):
        return "summary"
    if re.search(r"\bReports?\b|Executive Summary", head):
        return "report"
    return "resolution" if meta.symbol and "/RES/" in meta.symbol else "other"


def _is_opening(text: str) -> bool:
    return any(rx.match(text) for rx, _ in _openings())


def _opening_issuer(text: str) -> str | None:
    for rx, issuer in _openings():
        if rx.match(text):
            return issuer or issuer_id(text)
    return None


# ---------------------------------------------------------------- blocks


def _segment_lines(lines: list[_Line], kind: str, notes: set[int], st: _State) -> None:
    letter_phase = "head"  # letters: head → body → signature
    for k, ln in enumerate(lines):
        text = ln.text
        nxt = lines[k + 1].text if k + 1 < len(lines) else ""
        if ln.no in notes or ln.fffd:
            _new(st, "footnote", ln)
            continue
        if _continues(st, text):
            _extend(st, ln)
            continue
        if kind == "letter":
            if _SALUTATION.match(text):
                letter_phase = "body"
            elif _CLOSING.match(text):
                _new(st, "letter", ln)
                letter_phase = "signature"
                continue
            if letter_phase == "head":
                _new(st, "meta" if _furniture().match(text) else "heading", ln)
            else:
                _new(st, "letter" if letter_phase == "body" else "signature", ln)
            continue
        if _furniture().match(text):
            _new(st, "meta", ln)
            continue
        m = _DECIMAL_HEADING.match(text)
        if m and _heading_like(m.group(2)):
            st.section = m.group(1)
            _new(st, "heading", ln)
            continue
        m = _NUMBERED.match(text) or (
            _NUMBERED_NO_DOT.match(text) if kind in RESOLUTION_KINDS else None
        )
        if m:
            _numbered(st, ln, int(m.group(1)), m.group(2), nxt, kind)
            continue
        m = _SUBITEM.match(text)
        if m:
            _subitem(st, ln, m.group(1))
            continue
        if _BULLET.match(text):
            _new(st, "bullet", ln)
            continue
        if _is_opening(text):
            if st.seen_anchor:
                st.secondary = True  # a second document (annex, quoted draft) starts here
            st.in_preamble = True
            st.opening_issuer = st.opening_issuer or _opening_issuer(text)
            st.parent = None
            _new(st, "opening", ln)
            continue
        m = _LETTERED_HEADING.match(text)
        if m and _heading_like(m.group(2)):
            st.section = m.group(1)
            _new(st, "heading", ln)
            continue
        _unnumbered(st, ln, kind, nxt)


def _continues(st: _State, text: str) -> bool:
    """A wrapped line: it starts lower-case, or the paragraph above stopped mid-sentence."""
    if not st.blocks:
        return False
    last = st.blocks[-1]
    if last.kind in {"meta", "footnote"}:
        return False
    if _starts_structure(text):
        return False
    first = text.lstrip("“\"‘'(")[:1]
    if first.islower():
        return True
    tail = last.text.rstrip()
    if last.kind in PARAGRAPH_KINDS and tail and not tail.endswith(_TERMINAL):
        return not _heading_like(text) or tail.split()[-1].lower() in _FUNCTION_WORDS
    words = tail.split()
    return bool(words) and words[-1].lower() in _FUNCTION_WORDS and last.kind != "signature"


def _starts_structure(text: str) -> bool:
    return bool(
        _NUMBERED.match(text)
        or _SUBITEM.match(text)
        or _BULLET.match(text)
        or _DECIMAL_HEADING.match(text)
        or _furniture().match(text)
        or _is_opening(text)
    )


def _heading_like(text: str) -> bool:
    """Short, unpunctuated, capitalised: "Internet governance", "1.1 Bridging digital divides"."""
    text = _status_regex().sub("", text).strip().strip("*").strip()
    if not text or len(text) > 160 or text.endswith(_TERMINAL):
        return False
    if text.split()[-1].lower() in _FUNCTION_WORDS:
        return False  # "… to the second part of" stops mid-sentence
    return (text[0].isupper() or text[0].isdigit()) and len(text.split()) <= 22


def _numbered(st: _State, ln: _Line, number: int, rest: str, nxt: str, kind: str) -> None:
    next_wraps = bool(nxt) and nxt.lstrip('“"(')[:1].islower()
    if _heading_like(rest) and not next_wraps and len(rest) < 100:
        st.section = str(number)
        _new(st, "heading", ln)
        return
    if kind not in RESOLUTION_KINDS:
        _new(st, "prose", ln)  # a numbered list in a report or summary
        return
    first = rest.split(maxsplit=1)[0].strip(",") if rest.split() else ""
    is_preamble = not st.seen_operative and _is_preamble_word(first)
    block_kind = "preamble" if is_preamble else "operative"
    if not is_preamble:
        st.seen_operative = True
        st.in_preamble = False
    anchor = _claim(st, str(number), ln)
    if anchor is not None and not st.secondary and number != st.expected:
        st.problems.append(
            f"{st.stem}:{ln.no}: paragraph {number} out of sequence (expected {st.expected})"
        )
    st.expected = number + 1
    st.parent = anchor
    st.last_sub = None
    _new(st, block_kind, ln, anchor=anchor, number=str(number))


def _subitem(st: _State, ln: _Line, label: str) -> None:
    nested = label in _ROMAN_SUBITEMS and not _next_letter(st.last_sub, label)
    if st.blocks and (nested or st.parent is None) and st.blocks[-1].kind in PARAGRAPH_KINDS:
        _extend(st, ln)  # (i) under (a), or a list inside an unnumbered paragraph
        return
    if st.parent is None:
        _new(st, "bullet", ln)
        return
    st.last_sub = label
    anchor = _claim(st, f"{st.parent}({label})", ln)
    _new(st, "subitem", ln, anchor=anchor, number=label, parent=st.parent)


def _next_letter(previous: str | None, label: str) -> bool:
    """Is ``label`` the letter after ``previous`` ("(i)" after "(h)" is a letter, not roman)?"""
    if previous is None:
        return label == "a" or label not in _ROMAN_SUBITEMS
    if len(previous) == 1 and len(label) == 1:
        return ord(label) == ord(previous) + 1
    return label not in _ROMAN_SUBITEMS


def _unnumbered(st: _State, ln: _Line, kind: str, nxt: str = "") -> None:
    text = ln.text
    if kind in {"report", "summary", "other"}:
        _new(st, "heading" if _heading_like(text) else "prose", ln)
        return
    first = text.split(maxsplit=1)[0].strip(",:") if text.split() else ""
    # "Recalling … Goal 2" wrapped onto "and its resolution 70/1,": a preamble, not a heading
    wrapped_preamble = (
        not st.seen_operative and _is_preamble_word(first) and nxt.lstrip('“"(')[:1].islower()
    )
    if _heading_like(text) and not wrapped_preamble:
        _new(st, "title" if not st.seen_anchor and not st.in_preamble else "heading", ln)
        return
    if first in _word_set("operative_openers.csv") and (st.in_preamble or st.seen_anchor):
        st.in_preamble = False
        st.seen_operative = True
        _new(st, "operative", ln)
        return
    starts_like_preamble = _is_preamble_word(first) and (
        text.rstrip().endswith((",", ";")) or wrapped_preamble
    )
    if st.in_preamble or (starts_like_preamble and not st.seen_operative):
        anchor = None
        if not st.secondary:
            st.pp += 1
            anchor = _claim(st, f"pp{st.pp}", ln)
        st.seen_anchor = st.seen_anchor or anchor is not None
        _new(st, "preamble", ln, anchor=anchor)
        return
    _new(st, "title" if not st.seen_anchor and len(text) < 300 else "prose", ln)


def _is_preamble_word(word: str) -> bool:
    return word in _word_set("preamble_openers.csv") or (
        len(word) > 4 and word[0].isupper() and word.endswith("ing")
    )


def _claim(st: _State, anchor: str, ln: _Line) -> str | None:
    """Take an anchor if the file has not used it; a collision is line-anchored."""
    if anchor in st.used:
        if not st.secondary:
            st.problems.append(f"{st.stem}:{ln.no}: anchor {anchor} repeats; line-anchored")
        return None
    st.used.add(anchor)
    st.seen_anchor = True
    return anchor


def _new(
    st: _State,
    kind: str,
    ln: _Line,
    anchor: str | None = None,
    number: str | None = None,
    parent: str | None = None,
) -> None:
    st.blocks.append(
        _Draft(kind, ln.start, ln.end, ln.no, anchor, number, parent, st.section, ln.text)
    )


def _extend(st: _State, ln: _Line) -> None:
    last = st.blocks[-1]
    last.end = ln.end
    last.text = f"{last.text} {ln.text}"


def _freeze(d: _Draft, text: str, part_kind: str) -> Block:
    markers: tuple[str, ...] = ()
    bracketed: tuple[Span, ...] = ()
    if part_kind == "draft":
        markers, bracketed = _brackets(text, d.start, d.end)
    return Block(
        kind=d.kind,  # type: ignore[arg-type]
        span=Span(d.start, d.end),
        line=d.line,
        anchor=d.anchor,
        number=d.number,
        parent=d.parent,
        section=d.section,
        status_markers=markers,
        bracketed=bracketed,
    )


def _brackets(text: str, start: int, end: int) -> tuple[tuple[str, ...], tuple[Span, ...]]:
    """Status markers ("[Suggested for Closure]") and other bracketed (not agreed) spans."""
    body = text[start:end]
    markers = [(m.start(), m.end()) for m in _status_regex().finditer(body)]
    skip = markers + [(m.start(), m.end()) for m in _noise().finditer(body)]
    spans: list[Span] = []
    depth, open_at = 0, 0
    for i, ch in enumerate(body):
        if any(a <= i < b for a, b in skip):
            continue
        if ch == "[":
            if depth == 0:
                open_at = i
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
            if depth == 0:
                spans.append(Span(start + open_at, start + i + 1))
    if depth:
        spans.append(Span(start + open_at, end))  # unclosed: runs to the end of the block
    names = tuple(" ".join(body[a + 1 : b - 1].split()) for a, b in markers)
    return names, tuple(spans)


# ---------------------------------------------------------------- parts


def _make_part(
    index: int,
    kind: str,
    lines: list[_Line],
    blocks: tuple[Block, ...],
    st: _State,
    meta: DocumentMeta,
    is_main: bool,
    text: str,
) -> DocumentPart:
    span = Span(lines[0].start, lines[-1].end) if lines else Span(0, 0)
    head = " ".join(ln.text for ln in lines[:15])
    first_title = next((b for b in blocks if b.kind in {"title", "heading"}), None)
    title_text = ""
    if first_title is not None:
        title_text = " ".join(text[first_title.span.start : first_title.span.end].split())
    title_text = _status_regex().sub("", title_text.replace("**", "")).strip()
    if kind == "letter":
        issuer = issuer_id(" ".join(ln.text for ln in lines))
        title = ""
    else:
        issuer = st.opening_issuer
        if issuer is None and kind in RESOLUTION_KINDS and title_text:
            issuer = issuer_id(title_text)
        if issuer is None and is_main:
            issuer = meta.issuer
        if issuer is None:
            issuer = issuer_id(head)
        title = (meta.title if is_main and meta.title else "") or title_text
    # a summary or draft carries its own date (the covering letter's may differ)
    date = meta.date if is_main and kind not in {"summary", "draft"} else None
    if date is None:
        m = _DATE_IN_LINE.search(head)
        date = iso_date(m.group(0)) if m else None
    if date is None and is_main:
        date = meta.date
    return DocumentPart(
        index=index,
        kind=kind,
        span=span,
        title=title,
        issuer=issuer,
        date=date,
        symbol=meta.symbol if is_main else None,
        blocks=blocks,
    )
