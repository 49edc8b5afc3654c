"""What a file is: symbol, issuer, date, title, kind — from the manifest, else from the text.

The manifest wins field by field; what it leaves empty is inferred from the printed text with
the rules in ``data/meta_patterns.jsonl`` (each with an example a test runs). ``sources`` says
for every field whether it came from the "manifest", the "text", or is "unknown", so the graph
never presents a guess as a curated fact.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from wsiskg.extract.errors import PatternError
from wsiskg.extract.manifest import ManifestRow
from wsiskg.extract.records import DocumentMeta, SourceText

DATA_DIR = Path(__file__).resolve().parent / "data"
FIELDS = ("symbol", "issuer", "date", "title", "kind")
MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "january february march april may june july august september october november december"
        ).split(),
        start=1,
    )
}
_DATE_RE = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)? (?P<month>[A-Za-z]+),? "
    r"(?P<year>(?:1[89]|20)\d\d)(?=\d{0,3}\b)"
)  # a footnote number may be glued to the year ("Resolution of 6 April 195350")
# the year a symbol carries: "S/RES/186(1964)", "E/RES/2013/42"
_SYMBOL_YEAR_RE = re.compile(r"\((?P<paren>(?:1[89]|20)\d\d)\)$|^E/RES/(?P<slash>(?:19|20)\d\d)/")
_ISO_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SPACE_RE = re.compile(r"\s+")
# no-break and thin spaces ("23\xa0December 2003") read as spaces; one for one, so match
# offsets in the text stay valid
_ODD_SPACES = str.maketrans(dict.fromkeys("\xa0\u2007\u2009\u202f\u2002\u2003", " "))


@dataclass(frozen=True, slots=True)
class MetaRule:
    """One row of meta_patterns.jsonl: a regex whose named groups fill metadata fields."""

    id: str
    regex: re.Pattern[str]
    example: str
    kind: str | None = None
    issuer: str | None = None
    requires_issuer: str | None = None
    symbol_template: str | None = None


@cache
def meta_rules() -> tuple[MetaRule, ...]:
    """Load and compile the metadata rules once; a bad row fails fast with its line."""
    path = DATA_DIR / "meta_patterns.jsonl"
    rules: list[MetaRule] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rules.append(
                MetaRule(
                    id=row["id"],
                    regex=re.compile(row["pattern"], re.MULTILINE),
                    example=row["example"],
                    kind=row.get("kind"),
                    issuer=row.get("issuer"),
                    requires_issuer=row.get("requires_issuer"),
                    symbol_template=row.get("symbol_template"),
                )
            )
        except (ValueError, KeyError, re.error) as e:
            raise PatternError(f"{path}:{n}: {e}") from e
    return tuple(rules)


@cache
def issuer_phrases() -> tuple[tuple[str, str], ...]:
    """(phrase, actor id) pairs, longest phrase first, from data/issuers.csv."""
    with (DATA_DIR / "issuers.csv").open(encoding="utf-8", newline="") as f:
        rows = [(r["phrase"].strip(), r["actor"].strip()) for r in csv.DictReader(f)]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@cache
def _issuer_regex() -> re.Pattern[str]:
    alts = "|".join(_phrase_pattern(p) for p, _ in issuer_phrases())
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.IGNORECASE)


def _phrase_pattern(phrase: str) -> str:
    return r"\s+".join(re.escape(w) for w in phrase.replace("'", "’").split()).replace("’", "['’]")


def issuer_id(label: str | None) -> str | None:
    """Actor id of the first issuer phrase in ``label`` ("Co-Facilitators (...) via ..." → the
    co-facilitators; "President of the General Assembly" → PGA, the longest at that place)."""
    if not label:
        return None
    m = _issuer_regex().search(label)
    if not m:
        return None
    found = _SPACE_RE.sub(" ", m.group(0)).lower().replace("’", "'")
    for phrase, actor in issuer_phrases():
        if phrase.lower() == found:
            return actor
    return None


def iso_date(text: str | None) -> str | None:
    """ISO date of "16 December 2015" / "7 December, 2015"; ISO strings pass through."""
    if not text:
        return None
    text = text.translate(_ODD_SPACES).strip()
    if _ISO_RE.match(text):
        return text
    m = _DATE_RE.search(text)
    if not m:
        return None
    month = MONTHS.get(m.group("month").lower())
    day = int(m.group("day"))
    if month is None or not 1 <= day <= 31:
        return None
    return f"{m.group('year')}-{month:02d}-{day:02d}"


def symbol_year(symbol: str | None) -> str | None:
    """The year printed in a symbol, the last resort for a date ("S/RES/690(1991)" → 1991)."""
    m = _SYMBOL_YEAR_RE.search(symbol or "")
    return (m.group("paren") or m.group("slash")) if m else None


def infer_meta(source: SourceText, row: ManifestRow | None = None) -> DocumentMeta:
    """Manifest first, field by field; the text fills the gaps."""
    found = infer_from_text(source.text)
    values: dict[str, str | None] = {}
    sources: dict[str, str] = {}
    manifest_values = {
        "symbol": row.symbol if row else None,
        "issuer": row.issuer if row else None,
        "date": iso_date(row.date) if row and row.date else None,
        "title": row.title if row else None,
        "kind": row.kind if row else None,
    }
    for name in FIELDS:
        if manifest_values[name]:
            values[name], sources[name] = manifest_values[name], "manifest"
        elif found.get(name):
            values[name], sources[name] = found[name], "text"
        else:
            values[name], sources[name] = None, "unknown"
    if not values["date"] and (year := symbol_year(values["symbol"])):
        values["date"], sources["date"] = year, "text"  # a year, never a made-up day
    issuer = values["issuer"]
    issuer_actor = issuer if sources["issuer"] == "text" else issuer_id(issuer)
    issuer_label = issuer if sources["issuer"] == "manifest" else found.get("issuer_label")
    return DocumentMeta(
        stem=source.stem,
        symbol=values["symbol"],
        issuer=issuer_actor,
        issuer_label=issuer_label,
        date=values["date"],
        title=values["title"],
        kind=values["kind"],
        sources=sources,
    )


def infer_from_text(text: str) -> dict[str, str]:
    """Fields the printed text gives, each from the first rule that finds it."""
    text = text.translate(_ODD_SPACES)
    out: dict[str, str] = {}
    year: str | None = None
    # rules that need the issuer run after every rule that may find it
    ordered = sorted(meta_rules(), key=lambda r: r.requires_issuer is not None)
    for rule in ordered:
        if rule.requires_issuer and out.get("issuer") != rule.requires_issuer:
            continue
        m = rule.regex.search(text)
        if not m:
            continue
        groups = {k: v for k, v in m.groupdict().items() if v}
        if "issuer" in groups and "issuer" not in out:
            label = _SPACE_RE.sub(" ", groups["issuer"])
            actor = issuer_id(label)
            if actor:
                out["issuer"], out["issuer_label"] = actor, label
        if rule.issuer and "issuer" not in out:
            out["issuer"] = rule.issuer
        if "date" in groups and "date" not in out:
            date = iso_date(groups["date"])
            if date:
                out["date"] = date
        if "year" in groups and year is None:
            year = groups["year"]
        if "symbol" not in out:
            symbol = _symbol(rule, groups)
            if symbol:
                out["symbol"] = symbol
        if "title" in groups and "title" not in out:
            out["title"] = _title(text, m.start("title"), m.end("title"))
        if rule.kind and "kind" not in out:
            out["kind"] = rule.kind
    if "date" not in out and year:
        out["date"] = year
    if "kind" not in out and out.get("symbol", "").count("/RES/"):
        out["kind"] = "resolution"
    return out


def _symbol(rule: MetaRule, groups: dict[str, str]) -> str | None:
    if rule.symbol_template and "number" in groups:
        try:
            return rule.symbol_template.format(**groups)
        except KeyError:
            return None
    symbol = groups.get("symbol")
    if symbol and "paren" in groups:
        symbol += groups["paren"]  # "S/RES/1196 (1998)" is written S/RES/1196(1998)
    return symbol


def _title(text: str, start: int, end: int) -> str:
    """The title line plus lines that continue it (starting lower-case)."""
    parts = [text[start:end]]
    pos = end
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            break
        line_end = text.find("\n", nl + 1)
        line = text[nl + 1 : line_end if line_end >= 0 else len(text)]
        if not line.strip() or not line.lstrip()[0].islower():
            break
        parts.append(line)
        if line_end < 0:
            break
        pos = line_end
    return _SPACE_RE.sub(" ", " ".join(parts)).strip()
