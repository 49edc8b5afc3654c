"""The actor registry: who can be mentioned, and every surface form that names them.

Aliases are generated at load time from ``actors.csv`` (+ ``data/actors_extra.csv`` and
``data/countries.csv``), never typed by hand: case and hyphen variants, "UN" / "United Nations",
plurals. Anaphoric short names ("the Commission") are not aliases: they are listed by head noun
in ``data/anaphora.csv`` and resolved per document against the nearest antecedent.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span

from wsiskg.extract.errors import PatternError

HERE = Path(__file__).resolve().parent
ACTORS_CSV = HERE / "actors.csv"
EXTRA_CSV = HERE / "data" / "actors_extra.csv"
COUNTRIES_CSV = HERE / "data" / "countries.csv"
ANAPHORA_CSV = HERE / "data" / "anaphora.csv"

STATE_KINDS = frozenset({"member-state", "observer-state", "state"})
COLLECTIVE_KINDS = frozenset({"collective"})
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.-]*[A-Z0-9]$|^[A-Z]{2,}s$")
_HEAD_STOP = re.compile(r"\s+(?:of|on|for|to|in)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Actor:
    """One row of the registry (rows with the same id are merged)."""

    id: str
    kind: str
    label: str
    aliases: tuple[str, ...] = ()

    @property
    def is_state(self) -> bool:
        return self.kind in STATE_KINDS

    @property
    def is_collective(self) -> bool:
        return self.kind in COLLECTIVE_KINDS


@dataclass(frozen=True, slots=True)
class Alias:
    """A surface form; ``case_sensitive`` forms (acronyms, country names) match ORTH."""

    text: str
    actor: str
    rule: str
    case_sensitive: bool


@dataclass
class ActorRegistry:
    """All actors, their generated aliases, and the anaphoric head nouns."""

    actors: dict[str, Actor]
    aliases: list[Alias]
    anaphors: dict[str, str]  # "the Commission" -> "commission"
    heads: dict[str, frozenset[str]] = field(default_factory=dict)  # actor -> {"commission"}

    def kind(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor.kind if actor else ""


def _read_rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for n, row in enumerate(rows, start=2):
        if not row.get("id") or not row.get("label"):
            raise PatternError(f"{path}:{n}: a row needs an id and a label")
    return rows


def load_actors(paths: Iterable[Path] = (ACTORS_CSV, EXTRA_CSV, COUNTRIES_CSV)) -> dict[str, Actor]:
    """Read and merge the actor tables; a later row with a known id adds aliases."""
    actors: dict[str, Actor] = {}
    for path in paths:
        for row in _read_rows(path):
            aliases = tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip())
            old = actors.get(row["id"])
            if old is None:
                actors[row["id"]] = Actor(row["id"], row.get("kind") or "", row["label"], aliases)
            else:
                merged = old.aliases + tuple(a for a in aliases if a not in old.aliases)
                actors[row["id"]] = Actor(old.id, old.kind, old.label, merged)
    return actors


def load_anaphors(path: Path = ANAPHORA_CSV) -> dict[str, str]:
    """Anaphoric short names and their head noun ("the Commission" -> "commission")."""
    out: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            phrase, head = row["phrase"].strip(), row["head"].strip().lower()
            out[phrase] = head
            if phrase.startswith("the "):
                out["The " + phrase[4:]] = head
    return out


def is_acronym(text: str) -> bool:
    """ "IGF", "UN-Women", "UNESCO": forms that must match case-sensitively."""
    compact = text.replace(" ", "")
    return bool(_ACRONYM.match(compact)) and sum(c.isupper() for c in compact) >= 2


def _plural(word: str) -> str:
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy")):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def _singular(phrase: str) -> str | None:
    words = phrase.split(" ")
    last = words[-1]
    if last.endswith("ies") and len(last) > 4:
        words[-1] = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        words[-1] = last[:-1]
    else:
        return None
    return " ".join(words)


def variants(name: str, kind: str = "") -> set[str]:
    """Surface variants of one name: hyphen/space, "UN"/"United Nations", number, "the"."""
    out = {name}
    if name.lower().startswith("the "):
        out.add(name[4:])
    for form in list(out):
        if "-" in form and not is_acronym(form):
            out.add(form.replace("-", " "))
        words = form.split(" ")
        if len(words) == 2 and not any(is_acronym(w) or w == "UN" for w in words):
            out.add("-".join(words))
        if form.startswith("United Nations "):
            out.add("UN " + form[len("United Nations ") :])
        elif form.startswith("UN "):
            out.add("United Nations " + form[3:])
        if "organization" in form or "organisation" in form:
            out.add(form.replace("organization", "organisation"))
            out.add(form.replace("organisation", "organization"))
    if kind not in STATE_KINDS:
        # number variants only for a common-noun head: "action line facilitator(s)"
        for form in list(out):
            last = form.split(" ")[-1]
            if " " not in form or not last.islower():
                continue
            singular = _singular(form)
            if singular and kind not in COLLECTIVE_KINDS:
                out.add(singular)
            elif not singular and not last.endswith("s"):
                out.add(" ".join([*form.split(" ")[:-1], _plural(last)]))
    return {v for v in out if v.strip()}


def head_noun(name: str) -> str:
    """Head of a name: the last word before the first post-modifier ("Commission on ...")."""
    first = _HEAD_STOP.split(name, maxsplit=1)[0].strip()
    return first.split(" ")[-1].lower() if first else ""


def _with_acronyms(name: str, acronyms: dict[str, str]) -> list[str]:
    """ "Secretary-General of the United Nations Conference on ..." -> "... of UNCTAD"."""
    out = []
    for label, acronym in acronyms.items():
        if label in name and label != name:
            out.append(re.sub(r"(?:the )?" + re.escape(label), acronym, name))
    return out


def generate_aliases(
    actor: Actor, anaphors: dict[str, str], acronyms: dict[str, str] | None = None
) -> list[Alias]:
    """Every surface form of one actor; anaphoric short names are left to the resolver.

    ``acronyms`` (label -> acronym of other actors) gives "Chair of the CSTD" from
    "Chair of the Commission on Science and Technology for Development".
    """
    out: dict[tuple[str, bool], Alias] = {}
    names = [(actor.label, "actor:label")] + [(a, "actor:alias") for a in actor.aliases]
    for name, _ in list(names):
        names.extend((n, "actor:acronym-variant") for n in _with_acronyms(name, acronyms or {}))
    if re.fullmatch(r"[A-Z]{3,}", actor.id) and not actor.is_state:
        names.append((actor.id, "actor:acronym"))
    for name, rule in names:
        if name in anaphors:
            continue
        for form in variants(name, actor.kind):
            if form in anaphors:
                continue
            case = is_acronym(form) or actor.is_state
            forms = [form, form.upper()] if actor.is_state and not is_acronym(form) else [form]
            for text in forms:  # "UNITED ARAB EMIRATES" in a letterhead
                key = (text if case else text.lower(), case)
                if key not in out:
                    rule_id = rule if text == name else rule + "-variant"
                    out[key] = Alias(text, actor.id, rule_id, case)
    return list(out.values())


@lru_cache(maxsize=1)
def load_registry() -> ActorRegistry:
    """The registry used by the pipeline (cached: loading is done once per process)."""
    actors = load_actors()
    anaphors = load_anaphors()
    head_set = set(anaphors.values())
    aliases: list[Alias] = []
    heads: dict[str, frozenset[str]] = {}
    acronyms = {
        a.label: a.id
        for a in actors.values()
        if _ACRONYM.match(a.id) and len(a.id) >= 3 and not a.is_state and " " in a.label
    }
    for actor in actors.values():
        aliases.extend(generate_aliases(actor, anaphors, acronyms))
        names = (actor.label, *actor.aliases)
        found = {head_noun(n) for n in names} | {anaphors[n] for n in names if n in anaphors}
        heads[actor.id] = frozenset(h for h in found if h in head_set)
    return ActorRegistry(actors, aliases, anaphors, heads)


def maximal(doc: Doc, key: str = "wsis_actors") -> list[Span]:
    """The actor mentions not nested inside another one (longest first, then leftmost)."""
    spans = sorted(doc.spans[key], key=lambda s: (s.start, -(s.end - s.start)))
    out: list[Span] = []
    end = -1
    for span in spans:
        if span.start >= end:
            out.append(span)
            end = span.end
    return out
