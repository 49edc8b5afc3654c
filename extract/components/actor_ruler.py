"""``wsis_actor_ruler_v1``: every actor and action-line mention in a block.

Literal names go through two PhraseMatchers (ORTH for acronyms and country names, LOWER for
the rest); a handful of token patterns (``patterns/actors.jsonl``) cover optional words; phrases
in ``patterns/actors_blockers.jsonl`` stop collective names inside descriptive groups
("small island developing States"). Acronyms a text defines ("... Forum (IGF)") and anaphoric
short names ("the Commission") are resolved through the per-document ``DocumentState``.

Output: ``doc.spans["wsis_actors"]`` (label = actor id, kb_id = rule id), nested mentions
included, and ``doc.spans["wsis_action_lines"]`` (label = "C7").
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from wsiskg.extract.actors import ActorRegistry, load_registry
from wsiskg.extract.components.rules import doc_text, load_rules, may_match, required_words
from wsiskg.extract.context import BlockContext, DocumentState

ACTION_LINE = re.compile(
    r"(?<![\w/.])C(1[01]|[1-9])(?:\s*(?:to|-|–|—)\s*C?(1[01]|[1-9]))?(?![\w/])"
)
DEFINED_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*$")
POSTMODIFIER_PREPS = frozenset({"of", "on", "for"})
OFFICES_CSV = Path(__file__).resolve().parent.parent / "data" / "offices.csv"
ADHOC_HEADS_CSV = Path(__file__).resolve().parent.parent / "data" / "adhoc_heads.csv"
# words that may sit inside a proper name of a body: "Group of Friends of the …"
NAME_CONNECTORS = frozenset({"of", "the", "and", "for", "on", "in", "to", "de", "-", "’s", "'s"})
ADHOC_KIND = "body"


@cache
def adhoc_heads() -> frozenset[str]:
    """Head nouns that make a capitalised name a body ("Mission", "Group"; data file)."""
    with ADHOC_HEADS_CSV.open(encoding="utf-8", newline="") as fh:
        return frozenset(r["word"].strip() for r in csv.DictReader(fh) if r["word"].strip())


@cache
def offices() -> dict[tuple[str, str], str]:
    """(body id, office words) -> office actor id: "the Chair of the Commission" is the
    chair of whichever commission "the Commission" resolves to (``data/offices.csv``)."""
    with OFFICES_CSV.open(encoding="utf-8", newline="") as fh:
        return {(r["body"], r["office"].lower()): r["actor"] for r in csv.DictReader(fh)}


@dataclass(slots=True)
class _Hit:
    start: int  # token offsets
    end: int
    actor: str
    rule: str
    anaphor_head: str | None = None


def state_of(doc: Doc) -> DocumentState:
    """The document state of a Doc (a throw-away one for a Doc made outside the pipeline)."""
    ctx = doc.user_data.get("wsis")
    if isinstance(ctx, BlockContext):
        return ctx.state
    state = doc.user_data.get("wsis_state")
    if not isinstance(state, DocumentState):
        state = DocumentState()
        doc.user_data["wsis_state"] = state
    return state


def seed_state(state: DocumentState, registry: ActorRegistry | None = None) -> None:
    """Make the issuing body the first antecedent ("the Council" in an ECOSOC text)."""
    registry = registry or load_registry()
    if state.issuer:
        for head in registry.heads.get(state.issuer, ()):
            state.last_by_head.setdefault(head, state.issuer)


class ActorRuler:
    """Finds actor mentions; see the module docstring."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.registry = load_registry()
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.keys: dict[int, tuple[str, str]] = {}
        orth_forms: dict[str, list[str]] = {}
        lower_forms: dict[str, list[str]] = {}
        for alias in self.registry.aliases:
            key = f"{alias.actor}\t{alias.rule}"
            (orth_forms if alias.case_sensitive else lower_forms).setdefault(key, []).append(
                alias.text
            )
        for forms, matcher in ((orth_forms, self.orth), (lower_forms, self.lower)):
            for key, texts in forms.items():
                matcher.add(key, [nlp.make_doc(t) for t in texts])
                actor, rule = key.split("\t")
                self.keys[nlp.vocab.strings[key]] = (actor, rule)
        self.anaphors = PhraseMatcher(nlp.vocab, attr="ORTH")
        for phrase, head in self.registry.anaphors.items():
            self.anaphors.add("anaphor:" + head, [nlp.make_doc(phrase)])
        self.blockers = PhraseMatcher(nlp.vocab, attr="LOWER")
        for rule in load_rules("actors_blockers"):
            self.blockers.add("block:" + rule.id, [nlp.make_doc(str(rule.pattern))])
        self.matcher = Matcher(nlp.vocab, validate=True)
        # token patterns are costly (PERF-NOTES); run them only on blocks with their trigger word
        self.triggers = tuple(str(r.get("trigger", "")).lower() for r in load_rules("actors"))
        self.required = tuple(
            required_words(r.pattern) if isinstance(r.pattern, list) else ()
            for r in load_rules("actors")
        )
        for rule in load_rules("actors"):
            key = f"{rule.label}\tpattern:{rule.id}"
            self.matcher.add(key, [rule.pattern])  # type: ignore[list-item]
            self.keys[nlp.vocab.strings[key]] = (rule.label, "pattern:" + rule.id)

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        text = doc_text(doc)  # cached: Doc.text rebuilds it
        hits = self._literal_hits(doc, text)
        hits = self._filter(doc, hits)
        hits.extend(self._adhoc_definitions(doc, hits, state))
        self._learn_acronyms(doc, hits, state)
        hits.extend(self._acronym_hits(doc, text, hits, state))
        hits = self._resolve_anaphora(doc, hits, state)
        doc.spans["wsis_actors"] = [
            Span(doc, h.start, h.end, label=h.actor, kb_id=h.rule) for h in hits
        ]
        doc.spans["wsis_action_lines"] = action_line_spans(doc, text)
        return doc

    # -- candidates -------------------------------------------------------------------
    def _literal_hits(self, doc: Doc, text: str) -> list[_Hit]:
        hits: list[_Hit] = []
        seen: set[tuple[int, int, str]] = set()
        lowered = text.lower()
        matchers: list[PhraseMatcher | Matcher] = [self.orth, self.lower]
        if any(
            t in lowered and may_match(lowered, req)
            for t, req in zip(self.triggers, self.required, strict=True)
        ):
            matchers.append(self.matcher)
        for matcher in matchers:
            for key, start, end in matcher(doc):
                actor, rule = self.keys[key]
                if (start, end, actor) not in seen:
                    seen.add((start, end, actor))
                    hits.append(_Hit(start, end, actor, rule))
        for key, start, end in self.anaphors(doc):
            head = doc.vocab.strings[key].split(":", 1)[1]
            hits.append(_Hit(start, end, "", "anaphor:" + head, anaphor_head=head))
        return hits

    def _filter(self, doc: Doc, hits: list[_Hit]) -> list[_Hit]:
        """Drop collective names inside descriptive groups and heads of longer names."""
        reg = self.registry
        blocked = [(s, e) for _, s, e in self.blockers(doc)]
        named = [h for h in hits if h.anaphor_head is None]
        keep: list[_Hit] = []
        for h in hits:
            kind = reg.kind(h.actor)
            if kind == "collective" and any(s < h.end and h.start < e for s, e in blocked):
                continue
            if h.anaphor_head is None and self._absorbed(doc, h, named):
                continue
            if _in_symbol(doc, h):
                continue  # "UNCTAD/DTL/STICT/2011/3" is a document symbol
            if kind == "collective" and _describes_named(doc, h, named):
                continue
            keep.append(h)
        return keep

    def _absorbed(self, doc: Doc, inner: _Hit, named: list[_Hit]) -> bool:
        reg = self.registry
        for outer in named:
            if outer is inner or not (outer.start <= inner.start and inner.end <= outer.end):
                continue
            if (outer.start, outer.end) == (inner.start, inner.end):
                continue
            if outer.actor == inner.actor:
                return True
            inner_kind, outer_kind = reg.kind(inner.actor), reg.kind(outer.actor)
            if inner_kind == "collective":
                return True
            if reg.actors[inner.actor].is_state and reg.actors[outer.actor].is_state:
                return True
            # "Secretary-General of UNCTAD": the inner name is the head of the outer one
            if inner.start == outer.start and inner.end < outer.end:
                nxt = doc[inner.end]
                if nxt.is_lower or nxt.text in ("(", ","):
                    return True
                # "Secretary-General of the United Nations | Conference on Trade …": the
                # inner name's complement is cut short by the longer one
                if any(t.lower_ == "of" for t in doc[inner.start : inner.end]):
                    return True
            del outer_kind
        return False

    # -- acronyms the text defines ----------------------------------------------------
    def _adhoc_definitions(self, doc: Doc, hits: list[_Hit], state: DocumentState) -> list[_Hit]:
        """ "the United Nations … Stabilization Mission in Mali (MINUSMA)": a body the registry
        lacks, defined by the text; it becomes an actor of this document, id = the acronym.
        A known actor inside the name ("Mali") stays a nested mention, never the maximal one."""
        out: list[_Hit] = []
        for i in range(2, len(doc) - 2):
            if doc[i].text != "(" or doc[i + 2].text != ")":
                continue
            acr = doc[i + 1].text
            if not DEFINED_ACRONYM.match(acr) or acr in self.registry.actors:
                continue
            if acr in state.adhoc_actors or acr in state.acronyms:
                continue
            start = _name_start(doc, i)
            if start is None or not any(t.text in adhoc_heads() for t in doc[start:i]):
                continue
            if any(h.end == i and h.start <= start for h in hits if h.anaphor_head is None):
                continue  # the whole name is a known actor: ``_learn_acronyms`` maps it
            label = doc[start:i].text
            state.adhoc_actors[acr] = (label, ADHOC_KIND)
            state.acronyms[acr] = acr
            out.append(_Hit(start, i, acr, "actor:adhoc-acronym"))
        return out

    def _learn_acronyms(self, doc: Doc, hits: list[_Hit], state: DocumentState) -> None:
        for h in hits:
            if h.anaphor_head is not None or h.end + 2 >= len(doc) + 1:
                continue
            if h.end + 2 < len(doc) and doc[h.end].text == "(" and doc[h.end + 2].text == ")":
                acr = doc[h.end + 1].text
                if DEFINED_ACRONYM.match(acr) and acr not in self.registry.actors:
                    state.acronyms.setdefault(acr, h.actor)

    def _acronym_hits(
        self, doc: Doc, text: str, hits: list[_Hit], state: DocumentState
    ) -> list[_Hit]:
        known = [
            a
            for a, v in state.acronyms.items()
            if (v in self.registry.actors or v in state.adhoc_actors) and a in text
        ]
        if not known:
            return []
        taken = {i for h in hits for i in range(h.start, h.end)}
        out: list[_Hit] = []
        for acr in known:
            for m in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w-])", text):
                span = doc.char_span(m.start(), m.end())
                if span is not None and span.start not in taken:
                    out.append(
                        _Hit(span.start, span.end, state.acronyms[acr], "actor:defined-acronym")
                    )
        return out

    # -- anaphora ---------------------------------------------------------------------
    def _resolve_anaphora(self, doc: Doc, hits: list[_Hit], state: DocumentState) -> list[_Hit]:
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        named = [h for h in hits if h.anaphor_head is None]
        out: list[_Hit] = []
        for h in hits:
            if h.anaphor_head is None:
                out.append(h)
                for head in self.registry.heads.get(h.actor, ()):
                    state.last_by_head[head] = h.actor
                continue
            if any(n.start < h.end and h.start < n.end for n in named):
                continue  # part of a full name: "the Commission on Crime Prevention ..."
            if _names_another_body(doc, h.end):
                continue  # "the Commission on the Status of Women": not in the registry
            antecedent = state.last_by_head.get(h.anaphor_head)
            if antecedent:
                out.append(_Hit(h.start, h.end, antecedent, h.rule))
                office = _office_of(doc, h.start, antecedent)
                if office is not None and office[1] in self.registry.actors:
                    out.append(_Hit(office[0], h.end, office[1], "actor:office-of-anaphor"))
        return out


def _name_start(doc: Doc, paren: int) -> int | None:
    """First token of the capitalised name that ends before ``doc[paren]`` ("(")."""
    k = paren
    while k > 0:
        t = doc[k - 1]
        if t.is_title or t.is_upper or t.like_num or t.lower_ in NAME_CONNECTORS:
            k -= 1
            continue
        break
    # "AMISOM and the Intergovernmental Authority …": a coordination, not one name
    for j in range(paren - 1, k, -1):
        if doc[j].lower_ == "and" and len(doc[j - 1].text) > 1 and doc[j - 1].is_upper:
            k = j + 1
            break
    # "Commending the …", "Encourages the …": the clause's verb, not part of the name
    if k < paren and (doc[k].lower_.endswith("ing") or doc[k].text in _operative_openers()):
        k += 1
    while k < paren and doc[k].lower_ in NAME_CONNECTORS:
        k += 1  # a name starts with a capital: "the", "of" before it are not part of it
    return k if paren - k >= 2 else None


@cache
def _operative_openers() -> frozenset[str]:
    path = OFFICES_CSV.parent / "operative_openers.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return frozenset(r["word"].strip() for r in csv.DictReader(fh))


def _office_of(doc: Doc, start: int, body: str) -> tuple[int, str] | None:
    """ "the Chair of | the Commission": (first token of the office words, office id)."""
    if start < 2 or doc[start - 1].lower_ != "of":
        return None
    table = offices()
    for n in (2, 1):  # "executive coordinator", "chair"
        first = start - 1 - n
        if first < 0:
            continue
        words = " ".join(t.lower_ for t in doc[first : start - 1])
        if (body, words) in table:
            return first, table[(body, words)]
    return None


def _describes_named(doc: Doc, h: _Hit, named: list[_Hit]) -> bool:
    """ "Governments of Finland and Switzerland": the collective word only introduces states."""
    if h.end + 1 >= len(doc) or doc[h.end].lower_ != "of":
        return False
    return any(n.start == h.end + 1 or n.start == h.end + 2 for n in named if n is not h)


def _in_symbol(doc: Doc, h: _Hit) -> bool:
    before = doc[h.start - 1].text if h.start > 0 else ""
    after = doc[h.end].text if h.end < len(doc) else ""
    return before.endswith("/") or after.startswith("/")


def _names_another_body(doc: Doc, end: int) -> bool:
    if end + 1 >= len(doc) or doc[end].lower_ not in POSTMODIFIER_PREPS:
        return False
    nxt = doc[end + 1]
    if nxt.lower_ == "the" and end + 2 < len(doc):
        nxt = doc[end + 2]
    return nxt.is_title or nxt.is_upper


def action_line_spans(doc: Doc, text: str | None = None) -> list[Span]:
    """Action lines named by code; "C1 to C11" gives one span (label) per line."""
    out: list[Span] = []
    for m in ACTION_LINE.finditer(doc_text(doc) if text is None else text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        first = int(m.group(1))
        last = int(m.group(2)) if m.group(2) else first
        rule = "action_line:range" if m.group(2) else "action_line:code"
        if last < first:
            last = first
        for n in range(first, last + 1):
            out.append(Span(doc, span.start, span.end, label=f"C{n}", kb_id=rule))
    return out


@Language.factory("wsis_actor_ruler_v1")
def make_actor_ruler(nlp: Language, name: str) -> ActorRuler:
    return ActorRuler(nlp, name)
