"""Find time expressions in a clause and normalise them as ANNOTATION.md says.

Pure functions over plain strings so the rules can be tested from a table. The lexicon (month
names, ordinal words, recurrence phrases) is ``data/deadline_terms.csv``; the bodies whose
sessions are numbered, with the year of their first session so "its twenty-first session"
resolves to a year, are ``data/deadline_sessions.csv``.

Only time expressions introduced by a temporal preposition ("in 2025", "by the end of 2015",
"no later than July 2016", "from 6 to 9 November 2012", "at its twenty-first session") or an
adverb ("annually") count: "resolution 2011/16 of 26 July 2011", "41 per cent" and "the annual
reports" are not deadlines.
"""

from __future__ import annotations

import calendar
import csv
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from wsiskg.extract.records import NO_DEADLINE, Deadline, Span

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data"

# (start, end, actor id): actor mentions in the same text, for "session of X" and "its"
BodyMention = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """One time expression found in a text, with offsets into that text."""

    start: int
    end: int
    text: str
    normalized: str
    kind: str
    rule: str
    due_date: str | None = None
    end_year: int | None = None

    def to_deadline(self, span: Span | None = None) -> Deadline:
        return Deadline(
            normalized=self.normalized,
            kind=self.kind,
            text=self.text,
            span=span,
            rule=self.rule,
            due_date=self.due_date,
            end_year=self.end_year,
        )


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    cardinals: dict[str, int]
    ordinal_units: dict[str, int]
    ordinal_tens: dict[str, int]
    tens: dict[str, int]
    recurrences: dict[str, str]
    vague: tuple[str, ...]


@dataclass(frozen=True)
class SessionBody:
    """A body whose sessions are numbered: session ``n`` is held in ``year_of(n)``."""

    body: str
    first_year: int
    per_year: int
    names: tuple[str, ...]

    def year_of(self, n: int) -> int:
        return self.first_year + (n - 1) // max(self.per_year, 1)


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The deadline lexicon, read once from ``data/deadline_terms.csv``."""
    groups: dict[str, dict[str, str]] = {}
    with (DATA / "deadline_terms.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            groups.setdefault(row["kind"], {})[row["phrase"].lower()] = row["value"]

    def ints(kind: str) -> dict[str, int]:
        return {k: int(v) for k, v in groups.get(kind, {}).items()}

    return _Lexicon(
        months=ints("month"),
        cardinals=ints("cardinal"),
        ordinal_units=ints("ordinal_unit"),
        ordinal_tens=ints("ordinal_tens"),
        tens=ints("tens"),
        recurrences=dict(groups.get("recurrence", {})),
        vague=tuple(groups.get("vague", {})),
    )


@lru_cache(maxsize=1)
def session_bodies() -> dict[str, SessionBody]:
    """Bodies with numbered sessions, by actor id, from ``data/deadline_sessions.csv``."""
    out: dict[str, SessionBody] = {}
    with (DATA / "deadline_sessions.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            names = tuple(n.strip() for n in row["names"].split(";") if n.strip())
            out[row["body"]] = SessionBody(
                row["body"], int(row["first_year"]), int(row["sessions_per_year"]), names
            )
    return out


def parse_ordinal(word: str) -> int | None:
    """ "seventy-third" / "73rd" / "twenty first" / "one hundred and first" -> int."""
    lex = lexicon()
    w = word.strip().lower()
    m = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", w)
    if m:
        return int(m.group(1))
    total = 0
    m = re.match(
        r"(?:(one|two|three|four|five|six|seven|eight|nine)\s+)?hundred(?:th)?\b\s*(?:and\s+)?", w
    )
    if m:
        total = 100 * (lex.cardinals.get(m.group(1) or "one", 1))
        w = w[m.end() :]
        if not w:
            return total
    if w in lex.ordinal_units:
        return total + lex.ordinal_units[w]
    if w in lex.ordinal_tens:
        return total + lex.ordinal_tens[w]
    parts = re.split(r"[-\s]+", w)
    if len(parts) == 2 and parts[0] in lex.tens and parts[1] in lex.ordinal_units:
        return total + lex.tens[parts[0]] + lex.ordinal_units[parts[1]]
    return None


def _number(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return lexicon().cardinals.get(w)


def _last_day(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def due_date_of(normalized: str, doc_date: str | None = None) -> str | None:
    """ISO date of the last day a normalised deadline can be met (None if not a calendar time)."""
    value = normalized.lstrip("/")
    if "/" in value:  # a span or alternatives: the later end
        value = value.rsplit("/", 1)[1]
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not m:
        return None
    year = int(m.group(1))
    if m.group(3):
        return value
    if m.group(2):
        return _last_day(year, int(m.group(2)))
    return f"{year:04d}-12-31"


def _doc_year(doc_date: str | None) -> int | None:
    if doc_date and re.match(r"\d{4}", doc_date):
        return int(doc_date[:4])
    return None


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    lex = lexicon()
    month = "(?P<month>" + "|".join(sorted(lex.months, key=len, reverse=True)) + ")"
    month2 = month.replace("?P<month>", "?P<month2>")
    num_words = "|".join(sorted(lex.cardinals, key=len, reverse=True))
    ordinal = r"(?P<ord>\d{1,3}(?:st|nd|rd|th)|[a-z]+(?:[-\s](?:and\s)?[a-z]+){0,3})"
    by = r"(?P<by>no later than|not later than|by|before|until|up to)"
    year = r"(?P<year>(?:19|20)\d\d)(?![\d/])"
    recur = "|".join(re.escape(p) for p in sorted(lex.recurrences, key=len, reverse=True))
    vague = "|".join(re.escape(p) for p in sorted(lex.vague, key=len, reverse=True))
    rules = [
        (
            "span_days",
            rf"\b(?:from|between|on) (?P<d1>\d{{1,2}})(?: {month2})? (?:to|and|-|–) "
            rf"(?P<d2>\d{{1,2}}) {month},? {year}",
        ),
        ("span_years", rf"\b(?:from|between) (?P<y1>(?:19|20)\d\d) (?:to|and|-|–) {year}"),
        ("span_period", rf"\bperiod (?P<y1>(?:19|20)\d\d) ?[-–] ?{year}"),
        ("by_end", rf"\b{by} the end of (?:the year |{month} )?{year}"),
        ("by_date", rf"\b{by} (?:(?P<day>\d{{1,2}}) )?{month},? {year}"),
        ("by_year", rf"\b{by} (?:the year )?{year}"),
        (
            "alternatives",
            r"(?:\b(?:in|by|during) )?\[(?P<y1>(?:19|20)\d\d) ?/ ?(?P<year>(?:19|20)\d\d)\]",
        ),
        ("on_date", rf"\b(?:on|in|at|during) (?:(?P<day>\d{{1,2}}) )?{month},? {year}"),
        ("in_year", rf"\b(?:in|during) (?:the year )?{year}(?! Agenda)"),
        (
            "duration",
            rf"\bfor (?:another|a further|an additional|a further period of|an additional period of"
            rf"|a period of|a new period of)? ?(?P<n>\d{{1,2}}|{num_words}) "
            rf"(?:more |additional |further )?years?\b",
        ),
        ("recurrence", rf"\b(?P<recur>{recur})\b"),
        ("vague", rf"\b(?P<vague>{vague})\b"),
        (
            "session",
            # "include in the provisional agenda of its eighty-first session" closes most GA
            # resolutions: the item is due at that session
            rf"\b(?:at|to|until|by|before|during|for|in|(?:provisional )?agenda of) "
            rf"(?P<det>its|the|their|his|her) "
            rf"{ordinal} (?:regular |ordinary |special |substantive )?session"
            rf"(?P<of> of (?:the )?)?",
        ),
    ]
    return [(name, re.compile(p, re.IGNORECASE)) for name, p in rules]


def _session_body(
    text: str,
    match: re.Match[str],
    bodies: Sequence[BodyMention],
    issuer: str | None,
) -> tuple[str | None, int]:
    """Which body's session: "session of X", else "its" = nearest preceding session body."""
    known = session_bodies()
    end = match.end()
    if match.group("of"):
        for s, e, body in bodies:
            if s == end or (s >= end - 1 and s <= end + 1):
                return body, e
        rest = text[end:]
        for sb in known.values():
            for name in sb.names:
                if rest.lower().startswith(name.lower()):
                    return sb.body, end + len(name)
        end = match.start("of")
    before = [b for b in bodies if b[1] <= match.start() and b[2] in known]
    if before:
        return max(before, key=lambda b: b[1])[2], end
    return issuer, end


def _build(
    name: str,
    m: re.Match[str],
    text: str,
    doc_date: str | None,
    issuer: str | None,
    bodies: Sequence[BodyMention],
) -> TimeExpression | None:
    lex = lexicon()
    g = m.groupdict()
    start, end = m.start(), m.end()
    kind = "date"
    norm: str
    end_year: int | None = None
    due: str | None = None
    if name == "span_days":
        y = int(g["year"])
        mon = lex.months[g["month"].lower()]
        mon1 = lex.months[g["month2"].lower()] if g.get("month2") else mon
        norm = f"{y:04d}-{mon1:02d}-{int(g['d1']):02d}/{y:04d}-{mon:02d}-{int(g['d2']):02d}"
        kind = "span"
    elif name in ("span_years", "span_period"):
        norm = f"{g['y1']}/{g['year']}"
        kind = "span"
    elif name == "by_end":
        y = int(g["year"])
        if g.get("month"):
            norm = "/" + _last_day(y, lex.months[g["month"].lower()])
        else:
            norm = f"/{y:04d}-12-31"
        kind = "by"
    elif name in ("by_date", "on_date"):
        y = int(g["year"])
        mon = lex.months[g["month"].lower()]
        norm = f"{y:04d}-{mon:02d}"
        if g.get("day"):
            norm += f"-{int(g['day']):02d}"
        if name == "by_date":
            norm = "/" + norm
            kind = "by"
    elif name == "by_year":
        norm = f"/{g['year']}"
        kind = "by"
    elif name == "alternatives":
        norm = f"{g['y1']}/{g['year']}"
        kind = "alternatives"
    elif name == "in_year":
        norm = g["year"]
    elif name == "duration":
        n = _number(g["n"])
        if n is None:
            return None
        norm = f"P{n}Y"
        kind = "duration"
        dy = _doc_year(doc_date)
        if dy is not None:
            end_year = dy + n
            due = f"{end_year:04d}{doc_date[4:]}" if doc_date and len(doc_date) == 10 else None
            due = due or f"{end_year:04d}-12-31"
    elif name == "recurrence":
        norm = lex.recurrences[g["recur"].lower()]
        kind = "recurrence"
    elif name == "vague":
        norm = ""
        kind = "none"
    elif name == "session":
        n = parse_ordinal(g["ord"])
        if n is None:
            return None
        body, end = _session_body(text, m, bodies, issuer)
        if body is None:
            return None
        norm = f"session:{body}:{n}"
        kind = "session"
        sb = session_bodies().get(body)
        if sb is not None:
            end_year = sb.year_of(n)
            due = f"{end_year:04d}-12-31"
        if not g["of"]:
            end = m.end()
    else:  # pragma: no cover - every rule is handled above
        return None
    if kind not in ("duration", "session", "recurrence", "none"):
        due = due_date_of(norm)
        end_year = int(due[:4]) if due else None
    return TimeExpression(start, end, text[start:end], norm, kind, name, due, end_year)


def find_deadlines(
    text: str,
    *,
    doc_date: str | None = None,
    issuer: str | None = None,
    bodies: Sequence[BodyMention] = (),
) -> list[TimeExpression]:
    """Every time expression in ``text``, in order, non-overlapping (leftmost, then longest).

    ``bodies`` are actor mentions in ``text`` (offsets into it) so "the 67th session of the
    United Nations General Assembly" and "at its twenty-first session" find their body;
    ``issuer`` is the fallback for "its" and ``doc_date`` anchors durations.
    """
    found: list[TimeExpression] = []
    for name, pattern in _patterns():
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            te = _build(name, m, text, doc_date, issuer, bodies)
            if te is not None:
                found.append(te)
                pos = max(m.end(), m.start() + 1)
            else:  # "in the agenda of its eightieth session": retry inside the failed match
                pos = m.start() + 1
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[TimeExpression] = []
    last_end = -1
    for te in found:
        if te.start >= last_end:
            out.append(te)
            last_end = te.end
    return out


def normalize(
    text: str,
    *,
    doc_date: str | None = None,
    issuer: str | None = None,
    bodies: Sequence[BodyMention] = (),
) -> Deadline:
    """The first time expression of ``text`` as a ``Deadline`` (``NO_DEADLINE`` if none)."""
    found = find_deadlines(text, doc_date=doc_date, issuer=issuer, bodies=bodies)
    return found[0].to_deadline() if found else NO_DEADLINE
