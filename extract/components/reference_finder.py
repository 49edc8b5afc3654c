"""``wsis_reference_finder_v1``: documents a block mentions, and the verb that governs each.

Document mentions come from three sources, all mapped onto the Doc with
``doc.char_span(..., alignment_mode="expand")``: printed symbols and "resolution 68/302"
(``symbols.py``, plain ``re``), named instruments (a PhraseMatcher over
``data/instruments.csv``), and acronyms / short names the text defines for them. A paragraph
phrase right before a mention ("paragraphs 72 to 78 of the Tunis Agenda") turns it into one
reference per paragraph (``<id>#72`` ...). The governing verb is the nearest cue of
``patterns/relations.jsonl`` before the mention in the same sentence (not inside quotation
marks); a verb cue after "to" or none at all gives ``cites``.

Output: ``doc.spans["wsis_documents"]`` (label = document id) and ``doc._.wsis_references``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from wsiskg.extract.components.actor_ruler import state_of
from wsiskg.extract.components.rules import doc_text, load_rules
from wsiskg.extract.components.scope import MASK, Scope, load_scope
from wsiskg.extract.context import BlockContext, DocumentState
from wsiskg.extract.instruments import Instrument, load_instruments, name_variants
from wsiskg.extract.offsets import CleanText
from wsiskg.extract.records import Reference
from wsiskg.extract.records import Span as CharSpan
from wsiskg.extract.symbols import find_resolutions, find_symbols, normalize_symbol

if not Doc.has_extension("wsis_references"):
    Doc.set_extension("wsis_references", default=None)

_N = r"\d{1,4}(?:\s?\([a-z]\))?"
PARAGRAPHS = re.compile(
    rf"\b(?P<kw>[Pp]aragraphs?|[Pp]aras?\.?|[Aa]rticles?)\s+"
    rf"(?P<nums>{_N}(?:\s*(?:,\s*and|,|and|to|-|–)\s*(?:[Pp]aragraphs?\s+|[Pp]aras?\.?\s+)?{_N})*)"
    r"\s+of\s+(?:the\s+)?"
)
# what may stand between "paragraph 10 of the" and the mention it points into
BETWEEN = re.compile(
    r"(?:(?:UN\s+|United\s+Nations\s+)?General\s+Assembly|Economic\s+and\s+Social\s+Council"
    r"|Human\s+Rights\s+Council|Security\s+Council|its|their)?\s*(?:[Rr]esolution\s+)?"
)
# "resolution 70/125 and the outcome document annexed thereto, in particular paragraphs 69 to
# 71": paragraphs with no "of X" after them point back into the document just named
TRAILING_PARAGRAPHS = re.compile(
    rf"\b(?:in particular|particularly|especially|notably|including)\s+(?:its\s+)?"
    rf"(?P<kw>[Pp]aragraphs?|[Aa]rticles?)\s+"
    rf"(?P<nums>{_N}(?:\s*(?:,\s*and|,|and|to|-|–)\s*{_N})*)(?:\s+thereof)?(?!\s*(?:of|in)\b)"
)
# "article 19 of the Declaration and of the Covenant": the second "of" shares the paragraphs
ELLIPTICAL_OF = re.compile(r"\s*,?\s*(?:and|or|as well as)\s+(?:in\s+)?of\s+(?:the\s+)?")
_RANGE = re.compile(r"(\d{1,4})(?:\s?\([a-z]\))?\s*(?:to|-|–)\s*(\d{1,4})|(\d{1,4})")
QUOTED = re.compile(r"“[^”]{0,600}”|\"[^\"]{0,600}\"")
SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bNo)(?<!\bpara)(?<!\bRev)(?<!\bCorr)(?<!\bAdd)[.!?]\s+(?=[A-Z“\"(])"
)
MAX_RANGE = 200
WORD = re.compile(r"[A-Za-z]+")
# a determiner and up to five modifiers right before a head noun: "the 2013 and 2015 "
DETERMINED = re.compile(
    r"\b(?:the|its|their|his|her|this|these|those|a|an)\s+(?:[\w-]+\s+){0,5}$", re.IGNORECASE
)
# what may stand between a mention and a footnote marker that only restates it
BEFORE_MARKER = re.compile(r"[\s,.;:)\]”\"’]*")
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her", "our"})


@dataclass(slots=True)
class DocMention:
    """A document mention: char offsets in the Doc, target ids, paragraph numbers if any."""

    start: int
    end: int
    ids: tuple[str, ...]
    rule: str
    paragraphs: tuple[str, ...] = ()
    ref_start: int = -1  # start of the whole reference phrase ("paragraph 35 of ...")
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    relation: str
    rule: str


def expand_paragraphs(nums: str) -> tuple[str, ...]:
    """ "72 to 78" -> 72..78; "23 and 27"; "34 to 37 and 67 to 72"; "67-69"."""
    out: list[str] = []
    for m in _RANGE.finditer(nums):
        if m.group(3):
            out.append(m.group(3))
            continue
        lo, hi = int(m.group(1)), int(m.group(2))
        if lo <= hi <= lo + MAX_RANGE:
            out.extend(str(n) for n in range(lo, hi + 1))
        else:
            out.extend([str(lo), str(hi)])
    return tuple(dict.fromkeys(out))


def instrument_equivalents(text: str, issuer: str | None = None) -> dict[str, str]:
    """Instruments whose adopting resolution the text itself gives ("UDHR" -> A/RES/217(III))."""
    found = {m.id for m in find_resolutions(text, issuer)} | {m.id for m in find_symbols(text)}
    return {
        inst.ids[0]: inst.adopted_by
        for inst in load_instruments()
        if inst.adopted_by and inst.adopted_by in found and len(inst.ids) == 1
    }


def sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in SENTENCE_END.finditer(text)]


class ReferenceFinder:
    """See the module docstring."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.instruments: dict[str, Instrument] = {}
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.shorts = PhraseMatcher(nlp.vocab, attr="ORTH")
        for inst in load_instruments():
            self.instruments[inst.key] = inst
            forms = {v for n in inst.names() for v in name_variants(n)}
            self.names.add(inst.key, [nlp.make_doc(f) for f in sorted(forms)])
            if inst.short:
                self.shorts.add(inst.key, [nlp.make_doc(s) for s in inst.short])
        self.cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.cue_rules: dict[int, tuple[str, str]] = {}
        for rule in load_rules("relations"):
            phrases = rule.pattern if isinstance(rule.pattern, list) else [rule.pattern]
            key = "cue:" + rule.id
            self.cues.add(key, [nlp.make_doc(str(p)) for p in phrases])
            self.cue_rules[nlp.vocab.strings[key]] = (rule.label, rule.id)
        self.scope = load_scope()

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        ctx = doc.user_data.get("wsis")
        ctx = ctx if isinstance(ctx, BlockContext) else None
        text = doc_text(doc)  # cached: Doc.text rebuilds it
        mentions = self._mentions(doc, text, state)
        footnoted = ctx is not None and bool(ctx.clean.footnote_markers) and bool(state.footnotes)
        if not mentions and not footnoted:  # most blocks: skip cues and sentences
            doc.spans["wsis_documents"] = []
            doc._.wsis_references = []
            return doc
        self._attach_paragraphs(text, mentions)
        mentions = _longest(mentions + _trailing_paragraphs(text, mentions, sentence_starts(text)))
        cues = self._cues(doc, text)
        starts = sentence_starts(text)
        if footnoted and ctx is not None:
            mentions = _longest(
                mentions + footnote_mentions(text, ctx, state, mentions, starts, self.scope)
            )
        spans: list[Span] = []
        refs: list[Reference] = []
        masked = _masked(text, doc, mentions) if cues and len(mentions) else text
        previous: tuple[DocMention, Cue | None, str, str] | None = None
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for doc_id in m.ids:
                spans.append(Span(doc, span.start, span.end, label=doc_id, kb_id=m.rule))
            ref_start = m.ref_start if m.ref_start >= 0 else m.start
            cue = _governing(cues, ref_start, starts)
            relation, scope_rule = (cue.relation, "") if cue else ("cites", "")
            if (
                cue is not None
                and previous is not None
                and _shares_cue(previous, cue, ref_start, masked, self.scope)
            ):
                relation, scope_rule = previous[2], previous[3]
            elif cue is not None and cue.relation != "cites":
                reason = self.scope.break_reason(
                    masked[cue.end : ref_start], text[:ref_start].rstrip().endswith("(")
                )
                if reason:
                    relation, scope_rule = "cites", f"+outside-object:{reason}"
            previous = (m, cue, relation, scope_rule)
            targets = [f"{i}#{p}" for i in m.ids for p in m.paragraphs] or list(m.ids)
            for target in targets:
                refs.append(
                    self._record(text, ctx, m, ref_start, target, relation, cue, scope_rule)
                )
        doc.spans["wsis_documents"] = spans
        doc._.wsis_references = refs
        return doc

    # -- mentions ---------------------------------------------------------------------
    def _mentions(self, doc: Doc, text: str, state: DocumentState) -> list[DocMention]:
        own = normalize_symbol(state.symbol) if state.symbol else None
        found: list[DocMention] = []
        for sm in (*find_symbols(text), *find_resolutions(text, state.issuer)):
            if sm.id != own:
                found.append(DocMention(sm.start, sm.end, (sm.id,), sm.rule))
        for key, s, e in self.names(doc):
            found.append(self._instrument(doc, key, s, e, state, "instrument:name"))
        found = _longest(found)
        for m in found:  # acronyms the text defines for an instrument: "... Agenda (AAAA)"
            if m.rule.startswith("instrument:"):
                state.last_by_head["doc:" + "|".join(m.ids)] = "|".join(m.ids)
                after = re.match(r"\s?\(([A-Z][A-Za-z]{1,9})\)", text[m.end :])
                if after:
                    state.acronyms.setdefault(after.group(1), "doc:" + "|".join(m.ids))
        extra: list[DocMention] = []
        for key, s, e in self.shorts(doc):
            name = doc.vocab.strings[key]
            if "doc:" + name in state.last_by_head:
                extra.append(self._instrument(doc, key, s, e, state, "instrument:short"))
            elif self._shares_modifier(doc, key, s, e, text, found):
                extra.append(self._instrument(doc, key, s, e, state, "instrument:elliptical"))
        for acr, target in state.acronyms.items():
            if target.startswith("doc:") and acr in text:
                for am in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w-])", text):
                    ids = tuple(self._equivalent(i, state) for i in target[4:].split("|"))
                    extra.append(DocMention(am.start(), am.end(), ids, "instrument:acronym"))
        return _longest(found + extra)

    def _instrument(
        self, doc: Doc, key: int, s: int, e: int, state: DocumentState, rule: str
    ) -> DocMention:
        inst = self.instruments[doc.vocab.strings[key]]
        ids = tuple(self._equivalent(i, state) for i in inst.ids)
        return DocMention(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), ids, rule)

    def _shares_modifier(
        self, doc: Doc, key: int, s: int, e: int, text: str, found: list[DocMention]
    ) -> bool:
        """ "the Geneva Declaration of Principles and Plan of Action": the short name takes
        the first word of the name it is coordinated with ("Geneva Plan of Action")."""
        start = doc[s].idx
        short = text[start : doc[e - 1].idx + len(doc[e - 1].text)]
        for m in found:
            if m.end > start or not re.fullmatch(r"\s+and\s+(?:the\s+)?", text[m.end : start]):
                continue
            first = text[m.start : m.end].split(maxsplit=1)[0]
            inst = self.instruments[doc.vocab.strings[key]]
            return f"{first} {short}" in {v for n in inst.names() for v in name_variants(n)}
        return False

    @staticmethod
    def _equivalent(doc_id: str, state: DocumentState) -> str:
        return state.equivalents.get(doc_id, doc_id)

    @staticmethod
    def _attach_paragraphs(text: str, mentions: list[DocMention]) -> None:
        for pm in PARAGRAPHS.finditer(text):
            target = next(
                (
                    m
                    for m in mentions
                    if m.start >= pm.end()
                    and m.start - pm.end() <= 60
                    and BETWEEN.fullmatch(text[pm.end() : m.start])
                ),
                None,
            )
            if target is None or target.paragraphs:
                continue
            target.paragraphs = expand_paragraphs(pm.group("nums"))
            target.ref_start = pm.start()
            target.rule = target.rule + "+paragraphs"
            prev = target
            for m in mentions:  # "… and of the International Covenant …"
                if m.start <= prev.end or m.paragraphs:
                    continue
                if not ELLIPTICAL_OF.fullmatch(text[prev.end : m.start]):
                    break
                m.paragraphs = target.paragraphs
                m.rule = m.rule + "+paragraphs-elliptical"
                prev = m

    # -- governing verbs --------------------------------------------------------------
    def _cues(self, doc: Doc, text: str) -> list[Cue]:
        quoted = [(m.start(), m.end()) for m in QUOTED.finditer(text)]
        raw = []
        for key, s, e in self.cues(doc):
            relation, rule = self.cue_rules[key]
            start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
            if any(qs <= start < qe for qs, qe in quoted):
                continue  # "recalling" inside a quotation governs nothing here
            if relation != "cites" and s > 0 and doc[s - 1].lower_ in DETERMINERS:
                continue  # "the note", "its support": a noun, not a governing verb
            if relation != "cites" and s > 0 and doc[s - 1].lower_ == "to":
                relation, rule = "cites", rule + "+infinitive"
            raw.append(Cue(start, end, relation, rule))
        raw.sort(key=lambda c: (c.start, -(c.end - c.start)))
        out: list[Cue] = []
        for c in raw:  # longest cue at a position wins ("taking note" over "note")
            if out and c.start < out[-1].end:
                continue
            out.append(c)
        return out

    @staticmethod
    def _record(
        text: str,
        ctx: BlockContext | None,
        m: DocMention,
        ref_start: int,
        target: str,
        relation: str,
        cue: Cue | None,
        scope_rule: str = "",
    ) -> Reference:
        if ctx is not None:
            span = ctx.original_span(ref_start, m.end)
            para = ctx.para_for(span.start)
            stem = ctx.stem
            gspan = ctx.original_span(cue.start, cue.end) if cue else None
        else:
            span, para, stem = CharSpan(ref_start, m.end), "", ""
            gspan = CharSpan(cue.start, cue.end) if cue else None
        return Reference(
            doc=stem,
            para=para,
            relation=relation,
            target=target,
            span=span,
            text=text[ref_start : m.end],
            rule=m.rule + (f"|{cue.rule}{scope_rule}" if cue else "|default-cites"),
            governing_text=text[cue.start : cue.end] if cue else "",
            governing_span=gspan,
        )


def clean_offset(ct: CleanText, original: int) -> int:
    """The clean offset where original offset ``original`` is (or would be, if it was cut)."""
    k = bisect_right(ct.origins, original) - 1
    if k < 0:
        return 0
    run_end = ct.starts[k + 1] if k + 1 < len(ct.starts) else len(ct.text)
    return min(ct.starts[k] + (original - ct.origins[k]), run_end)


def footnote_ids(note: str, state: DocumentState) -> tuple[str, ...]:
    """Document ids a footnote's text gives ("9 A/68/98 and A/70/174." -> both symbols)."""
    own = normalize_symbol(state.symbol) if state.symbol else None
    found = sorted(
        (*find_symbols(note), *find_resolutions(note, state.issuer)), key=lambda m: m.start
    )
    return tuple(dict.fromkeys(m.id for m in found if m.id != own))


def footnote_mentions(
    text: str,
    ctx: BlockContext,
    state: DocumentState,
    mentions: list[DocMention],
    starts: list[int],
    scope: Scope,
) -> list[DocMention]:
    """Mentions a footnote marker names: "welcome the 2013 and 2015 reports of ...9".

    A marker right after a recognised document only restates it (the footnote gives the
    equivalence, see ``instrument_equivalents``). After a noun phrase headed by a document
    noun ("report", "study" ... in ``data/reference_scope.csv``) the footnote's symbols are
    what that phrase refers to; the phrase runs from its determiner to the marker, so the
    verb that governs it is found as for any other mention. Anything else is left alone.
    """
    out: list[DocMention] = []
    for original, number in ctx.clean.footnote_markers:
        note = state.footnotes.get(number)
        if not note:
            continue
        at = clean_offset(ctx.clean, original)
        if any(m.end <= at and BEFORE_MARKER.fullmatch(text[m.end : at]) for m in mentions):
            continue
        end = len(text[:at].rstrip(" ,.;:"))
        floor = max(
            [max((s for s in starts if s <= end), default=0)]
            + [m.end for m in mentions if m.end <= end]
        )
        heads = [
            w for w in WORD.finditer(text, floor, end) if w.group(0).lower() in scope.document_nouns
        ]
        ids = footnote_ids(note, state)
        if not heads or not ids:
            continue
        head = heads[-1].start()
        det = DETERMINED.search(text, floor, head)
        begin = det.start() if det else head
        out.append(DocMention(begin, end, ids, "footnote:symbol"))
    return out


def _trailing_paragraphs(
    text: str, mentions: list[DocMention], starts: list[int]
) -> list[DocMention]:
    """ "… resolution 70/125 …, in particular paragraphs 69 to 71": paragraphs of the last
    document named before them in the same sentence."""
    out: list[DocMention] = []
    for pm in TRAILING_PARAGRAPHS.finditer(text):
        sentence = max((s for s in starts if s <= pm.start()), default=0)
        before = [m for m in mentions if sentence <= m.start and m.end <= pm.start()]
        if not before:
            continue
        last = before[-1]
        start = pm.start("kw")
        out.append(
            DocMention(
                start,
                pm.end(),
                last.ids,
                last.rule.split("+")[0] + "+paragraphs-trailing",
                paragraphs=expand_paragraphs(pm.group("nums")),
            )
        )
    return out


def _masked(text: str, doc: Doc, mentions: list[DocMention]) -> str:
    """``text`` with every mention and actor name blanked, so words inside names
    ("Group ... on Developments in the Field of ...") never count as scope breaks."""
    chars = list(text)
    spans = [(m.start, m.end) for m in mentions]
    if "wsis_actors" in doc.spans:
        spans += [(a.start_char, a.end_char) for a in doc.spans["wsis_actors"]]
    for s, e in spans:
        chars[s:e] = MASK * (e - s)
    return "".join(chars)


def _shares_cue(
    previous: tuple[DocMention, Cue | None, str, str],
    cue: Cue,
    ref_start: int,
    masked: str,
    scope: Scope,
) -> bool:
    """Is this reference coordinated with the previous one, under the same cue?"""
    prev, prev_cue, _, _ = previous
    return (
        prev_cue == cue
        and prev.end <= ref_start
        and scope.is_coordinated(masked[prev.end : ref_start])
    )


def _governing(cues: list[Cue], position: int, starts: list[int]) -> Cue | None:
    sentence = max((s for s in starts if s <= position), default=0)
    best = None
    for c in cues:
        if c.end <= position and c.start >= sentence:
            best = c
    return best


def _longest(mentions: list[DocMention]) -> list[DocMention]:
    mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[DocMention] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


@Language.factory("wsis_reference_finder_v1")
def make_reference_finder(nlp: Language, name: str) -> ReferenceFinder:
    return ReferenceFinder(nlp, name)
