"""Remove what is not text (footnote markers, placeholders, job tags) without losing offsets.

Extractors read ``CleanText.text``; ``CleanText.to_original`` maps every offset back into the
file. Noise is data (``data/noise_patterns.jsonl``). Footnote numbers glued to words
("Society1", "Development,2", "in 20147") are told from codes ("C11", "G77", "2.2 billion")
by evidence, not by word lists: the number must be a footnote the text defines (a footnote
line "7 See …") and markers must come in reading order (1, 2, 3 …, repeats allowed). A text
without footnote lines only loses glued numbers that run 1, 2, 3 … from the start.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from wsiskg.extract.errors import PatternError
from wsiskg.extract.offsets import CleanText, CleanTextBuilder

DATA_DIR = Path(__file__).resolve().parent / "data"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "7 See Official Records …", "10 A/67/65-E/2012/48": a number, a space, then text that is
# not a month (a date line "1 February 2016") nor a bare number.
_FOOTNOTE_LINE = re.compile(rf"^[ \t]*(\d{{1,3}})[ \t]+(?!(?:{_MONTHS})\b)(?=\S)(?!\d+\s*$)")
_SEPARATOR_LINE = re.compile(r"^[ \t]*[_\-]{5,}[ \t]*$")
# a number glued to a lower-case letter, optionally after up to two closing punctuation marks
# ("Society,2", "Agenda”,3", "Rio),4"); the word it ends is checked in ``_plain_word_before``
# (cheaper than a look-behind at every position)
_WORD_MARKER = re.compile(
    r"[a-z](?P<punct>[.,;:)”\"’]{0,2})(?P<num>\d{1,3})(?=\s|[,.;:](?:\s|$)|$)"
)
# a four-digit year with a footnote number glued on: "in 20147"
_YEAR_MARKER = re.compile(r"(?<=\s)(?:19|20)\d\d(?P<num>\d{1,2})(?=\s|[,.;:](?:\s|$)|$)")


@dataclass(frozen=True, slots=True)
class NoiseRule:
    id: str
    regex: re.Pattern[str]
    example: str


@dataclass(frozen=True, slots=True)
class FootnoteMarker:
    """A footnote number glued to the text: ``[start, end)`` are the digits' offsets."""

    start: int
    end: int
    number: str


@cache
def noise_rules() -> tuple[NoiseRule, ...]:
    path = DATA_DIR / "noise_patterns.jsonl"
    rules = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rules.append(NoiseRule(row["id"], re.compile(row["pattern"]), row["example"]))
        except (ValueError, KeyError, re.error) as e:
            raise PatternError(f"{path}:{n}: {e}") from e
    return tuple(rules)


@cache
def _noise_regex() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{r.regex.pattern})" for r in noise_rules()))


def footnote_lines(text: str) -> tuple[tuple[int, int, int], ...]:
    """Footnote lines as (line start, line end, number); see ``_footnote_analysis``."""
    return _footnote_analysis(text)[0]


def footnote_markers(text: str) -> tuple[FootnoteMarker, ...]:
    """Footnote markers glued to the body text, in reading order."""
    return _footnote_analysis(text)[1]


@lru_cache(maxsize=8)
def _footnote_analysis(
    text: str,
) -> tuple[tuple[tuple[int, int, int], ...], tuple[FootnoteMarker, ...]]:
    notes = _find_footnote_lines(text)
    defined = {n for _, _, n in notes}
    note_spans = [(s, e) for s, e, _ in notes]
    return notes, _find_markers(text, defined, note_spans)


def _find_footnote_lines(text: str) -> tuple[tuple[int, int, int], ...]:
    """Runs of lines numbered n, n+1 … that start at 1, or follow a "_____" separator.

    Blank lines and continuation lines (not numbered) may sit inside a run; a run ends at
    the first numbered line out of sequence.
    """
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        end = pos + len(raw.rstrip("\r\n"))
        lines.append((pos, end, text[pos:end]))
        pos += len(raw)
    found: list[tuple[int, int, int]] = []
    i = 0
    after_separator = False
    while i < len(lines):
        s, e, line = lines[i]
        if _SEPARATOR_LINE.match(line):
            after_separator = True
            i += 1
            continue
        m = _FOOTNOTE_LINE.match(line)
        if m and (m.group(1) == "1" or after_separator):
            run = [(s, e, int(m.group(1)))]
            j = i + 1
            while j < len(lines):
                s2, e2, l2 = lines[j]
                m2 = _FOOTNOTE_LINE.match(l2)
                if m2 and int(m2.group(1)) == run[-1][2] + 1:
                    run.append((s2, e2, int(m2.group(1))))
                elif not l2.strip():
                    pass
                else:
                    break
                j += 1
            if len(run) >= 2 or not _looks_numbered_paragraph(line):
                found.extend(run)
            i = j
            after_separator = False
            continue
        if line.strip():
            after_separator = False
        i += 1
    return tuple(found)


def _looks_numbered_paragraph(line: str) -> bool:
    """A lone "1 Decides …" line is a paragraph whose dot was lost, not a footnote."""
    return bool(re.match(r"^\s*\d+\s+[A-Z][a-z]+s\b", line))


def _find_markers(
    text: str, defined: set[int], note_spans: list[tuple[int, int]]
) -> tuple[FootnoteMarker, ...]:
    candidates: list[tuple[int, int, int, bool]] = []  # start, end, number, glued to a year
    for m in _WORD_MARKER.finditer(text):
        if _plain_word_before(text, m.start() + 1):
            candidates.append((m.start("num"), m.end("num"), int(m.group("num")), False))
    if defined:
        for m in _YEAR_MARKER.finditer(text):
            candidates.append((m.start("num"), m.end("num"), int(m.group("num")), True))
    candidates.sort()
    out: list[FootnoteMarker] = []
    highest = 0
    k = 0
    for start, end, num, year in candidates:
        while k < len(note_spans) and note_spans[k][1] <= start:
            k += 1
        if k < len(note_spans) and note_spans[k][0] <= start:
            continue  # inside a footnote line itself
        if defined:
            ok = num in defined and (num > highest if year else True)
            if year:
                ok = ok and num == highest + 1
        else:
            ok = not year and num == highest + 1
        if ok:
            out.append(FootnoteMarker(start, end, str(num)))
            highest = max(highest, num)
    return tuple(out)


def _plain_word_before(text: str, end: int) -> bool:
    """Is ``text[:end]`` ending in a plain word (letters only, not part of a code or path)?"""
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    if start > 0 and text[start - 1] in "/.-_" or text[start - 1 : start].isdigit():
        return False
    return end - start >= 2 or text[start:end].islower()


def clean(text: str, start: int = 0, end: int | None = None) -> CleanText:
    """Clean ``text[start:end]``; offsets of the result map into the whole ``text``.

    Footnote evidence is gathered from the whole text (cached), so cleaning one block at a
    time gives the same result as cleaning the file.
    """
    end = len(text) if end is None else end
    builder = CleanTextBuilder(text[start:end], base=start)
    cuts: list[tuple[int, int, str | None]] = []  # start, end, footnote number or None
    for m in _noise_regex().finditer(text, start, end):
        if m.end() > m.start():
            number = "" if m.group(0) == "\ufffd" else None
            cuts.append((m.start(), m.end(), number))
    for mk in footnote_markers(text):
        if start <= mk.start and mk.end <= end:
            cuts.append((mk.start, mk.end, mk.number))
    cuts.sort()
    pos = start
    for c_start, c_end, number in cuts:
        if c_start < pos:
            continue  # overlapping noise (a marker inside a placeholder)
        builder.keep(pos - start, c_start - start)
        if number is not None:
            builder.marker(c_start - start, number)
        before = text[c_start - 1] if c_start > start else " "
        after = text[c_end] if c_end < end else " "
        if number is None and before.isalnum() and after.isalnum():
            builder.replace(c_start - start, c_end - start, " ")  # keep words apart
        pos = c_end
    builder.keep(pos - start, end - start)
    return builder.build()
