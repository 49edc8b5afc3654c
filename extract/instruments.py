"""Named instruments (Tunis Agenda, UDHR, 2030 Agenda ...) and the document ids they stand for.

``data/instruments.csv``: ``id`` (several ids joined by ``|`` for a collective name such as
"the outcome documents of the World Summit"), ``label``, ``aliases``, ``adopted_by`` (the
resolution that adopted it: used instead of the name when the text itself gives that
resolution, identifiers.md) and ``short`` (a short name usable once the instrument has been
named in the document: "the Charter", "the Plan of Action").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from wsiskg.extract.errors import PatternError

INSTRUMENTS_CSV = Path(__file__).resolve().parent / "data" / "instruments.csv"


@dataclass(frozen=True, slots=True)
class Instrument:
    ids: tuple[str, ...]
    label: str
    aliases: tuple[str, ...]
    adopted_by: str | None
    short: tuple[str, ...]

    @property
    def key(self) -> str:
        return "|".join(self.ids)

    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


def name_variants(name: str) -> set[str]:
    """Case variants a PhraseMatcher on ORTH needs: "outcome documents" / "Outcome documents"."""
    out = {name}
    if name[:1].islower():
        out.add(name[:1].upper() + name[1:])
    return out


@lru_cache(maxsize=1)
def load_instruments(path: Path = INSTRUMENTS_CSV) -> tuple[Instrument, ...]:
    """All named instruments (cached per process)."""
    out: list[Instrument] = []
    with path.open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f), start=2):
            if not row.get("id") or not row.get("label"):
                raise PatternError(f"{path.name}:{n}: an instrument needs an id and a label")
            out.append(
                Instrument(
                    ids=tuple(i.strip() for i in row["id"].split("|")),
                    label=row["label"].strip(),
                    aliases=tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a),
                    adopted_by=(row.get("adopted_by") or "").strip() or None,
                    short=tuple(s.strip() for s in (row.get("short") or "").split(";") if s),
                )
            )
    return tuple(out)
