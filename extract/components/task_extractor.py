"""spaCy component: operative verbs, their addressees and deadlines.

Factory ``wsis_task_extractor_v1`` (spaCy forbids "." in factory names, so not
``wsis.task_extractor.v1`` as ARCHITECTURE.md first wrote).

Reads one block (a paragraph or sub-item) per Doc, with the actor mentions the actor ruler put
into ``doc.spans["wsis_actors"]`` and the block context in ``doc.user_data["wsis"]``, and
writes ``doc._.wsis_tasks: list[Task]``.

Why the rules look like this (ANNOTATION.md "task", gold notes):
- tasks live only in operative blocks of resolutions, decisions and drafts;
- a verb cue (``patterns/tasks.jsonl``) counts only clause-initially: at the start of the
  block or sentence, after "We" (+ adverbs), or after "and" / ";" / "," — so "which
  requests …" and "the request in paragraph 111" are not tasks; first-person base forms
  ("call upon") need a "we" before them in the sentence;
- the addressees are the maximal actor mentions between the verb and its infinitive
  ("to <verb>"), minus those a preposition introduces ("through the Council");
- self-commitments and "Decides to …" go to the issuing body (``state.issuer``);
- the deadline is the first time expression in the task's scope: from the verb to the next
  verb cue or the end of the sentence, continued over following sentences of the block that
  hold no verb cue ("The group, which shall be constituted no later than July 2016, …").

Sub-items: a chapeau that ends with ":" leaves ``doc._.wsis_task_context`` (a
``TaskContext``); the pipeline passes it to each of its sub-items as
``BlockContext.parent_task_context``. A sub-item with no verb cue of its own then inherits
the chapeau's verb and addressees ("Requests the Secretary-General to: (a) submit …") or
takes the chapeau's verb with its own addressees ("Calls upon: (a) all States to …").
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from wsiskg.extract.components.rules import Rule, doc_text, load_rules
from wsiskg.extract.context import BlockContext
from wsiskg.extract.deadlines import BodyMention, TimeExpression, find_deadlines
from wsiskg.extract.records import NO_DEADLINE, Deadline, Task

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent.parent / "data"
TASK_DOCUMENT_KINDS = ("resolution", "decision", "draft")
TASK_BLOCK_KINDS = ("operative", "subitem")
QUOTE_CHARS = 240

if not Doc.has_extension("wsis_tasks"):
    Doc.set_extension("wsis_tasks", default=None)
if not Doc.has_extension("wsis_task_context"):
    Doc.set_extension("wsis_task_context", default=None)


@dataclass(frozen=True, slots=True)
class TaskContext:
    """What a chapeau ending in ":" hands to its sub-items (``parent_task_context``).

    ``open_infinitive``: the chapeau ends with "… to:", the sub-items hold what is to be done
    for ``addressees``. ``open_addressee``: the chapeau ends right after the verb ("Calls
    upon:"), the sub-items name their own addressees.
    """

    relation: str
    addressees: tuple[str, ...]
    verb_text: str
    rule: str
    open_infinitive: bool = False
    open_addressee: bool = False


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    actor: str


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    rule: Rule
    verb_start: int  # where the governing verb as printed starts ("We accordingly request")

    @property
    def relation(self) -> str:
        return self.rule.label

    @property
    def kind(self) -> str:
        return str(self.rule.get("kind", "verb"))


@dataclass(frozen=True, slots=True)
class _Words:
    adverbs: tuple[str, ...]
    blocking: frozenset[str]
    not_verb: frozenset[str]
    noun_suffixes: tuple[str, ...]


@lru_cache(maxsize=1)
def task_words() -> _Words:
    """Small closed word lists (``data/task_words.csv``) the clause rules need."""
    groups: dict[str, list[str]] = {}
    with (DATA / "task_words.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            groups.setdefault(row["kind"], []).append(row["word"].lower())
    return _Words(
        adverbs=tuple(sorted(groups.get("clause_adverb", []), key=len, reverse=True)),
        blocking=frozenset(groups.get("blocking", [])),
        not_verb=frozenset(groups.get("not_verb", [])),
        noun_suffixes=tuple(groups.get("noun_suffix", [])),
    )


@lru_cache(maxsize=1)
def _clause_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    adv = "|".join(re.escape(a) for a in task_words().adverbs)
    advs = rf"(?:(?:{adv})\s*,?\s*)*"
    initial = re.compile(rf"^\s*,?\s*{advs}$")
    after_we = re.compile(rf"\bwe\s*,?\s*{advs}$")
    after_and = re.compile(rf"(?:\band|;|,)\s*{advs}$")
    return initial, after_we, after_and


_SENT_END = re.compile(r"(?<=[.!?])[\]\)”\"]?\s+(?=[\[(“\"]?[A-Z])")
_ITEM_PREFIX = re.compile(r"^\s*(?:\(?[a-z0-9]{1,4}[.)]\s+)?\[?")
# brackets are transparent: drafts print "to [continue to] report", "to [further] develop"
_INFINITIVE = re.compile(r"\bto\s+\[?(?:[a-z]+ly\s+)?\[?([a-z][a-z-]*)\b")
# what may join two mentions governed by one preposition: "with UNGIS and the regional
# commissions", "through ITU, UNESCO or UNDP"
_CONJUNCTION_GAP = re.compile(r"\s*(?:,|,?\s*and|,?\s*or)\s*(?:the\s+|all\s+|other\s+)*")
# an "as"-role names no addressee ("ITU, as action line facilitator, to report"); "as well as"
# and "such as" coordinate or exemplify and do not block
_AS_ROLE = re.compile(r"(?<!\bsuch )(?<!\bwell )\bas\b(?!\s+well\s+as\b)")
# modal or auxiliary after "Decides that X …"; a bare verb (subjunctive) is checked apart
_THAT_MODAL = re.compile(r"\s*(?:,[^,]*,\s*)?(?:should|shall|will|must|is to|are to|be|consider)\b")
_THAT_BARE_VERB = re.compile(r"\s*(?:,[^,]*,\s*)?(?:\[\s*)?([a-z][a-z-]*)\b")
_MODAL_ACTIVE = re.compile(r"\b(?:will|shall)\s+(?!be\b|not\b)(?:also\s+)?[a-z]+", re.IGNORECASE)
# a sentence that opens a new first-person statement ends the previous task's scope
_NEW_STATEMENT = re.compile(
    r"[\s\[]*(?:(?:also|further|moreover|finally),?\s+)?we\b", re.IGNORECASE
)
_RELATIVE_OR_PASSIVE = re.compile(r"\bwhich\b|\bwho\b|\bbe\s+[a-z]+ed\b", re.IGNORECASE)
# a relative clause that states a standing fact about another noun ("the WSIS Forum, which is
# held annually"): its time expression is not the task's; a modal one ("which shall be
# constituted no later than July 2016") still is
_STANDING_RELATIVE = re.compile(
    r"^\s*(?:which|who)\s+(?:is|are|was|were|has|have|had)\b", re.IGNORECASE
)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _is_verb(word: str) -> bool:
    """Could ``word`` after "to" be an infinitive? (No tagger: closed lists + noun suffixes.)"""
    w = word.lower()
    words = task_words()
    if w in words.not_verb or w.endswith("ing"):
        return False
    return not any(w.endswith(s) and len(w) > len(s) + 2 for s in words.noun_suffixes)


def _is_subjunctive(word: str) -> bool:
    """A bare verb after a subject ("… that the Commission review"): not "reviews",
    "reviewed", a noun, a determiner or a preposition."""
    w = word.lower()
    if w.endswith(("s", "ed")) or w in task_words().blocking or w in ("and", "or", "as"):
        return False
    return _is_verb(w)


def maximal_mentions(doc: Doc) -> list[_Mention]:
    """Non-nested actor mentions as character spans (longest first, then leftmost)."""
    if "wsis_actors" not in doc.spans:
        return []
    spans = sorted(doc.spans["wsis_actors"], key=lambda s: (s.start, -(s.end - s.start)))
    out: list[_Mention] = []
    end = -1
    for s in spans:
        if s.start >= end:
            out.append(_Mention(s.start_char, s.end_char, s.label_))
            end = s.end
    return out


class TaskExtractor:
    """The component; see the module docstring."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        document_kinds: Iterable[str] = TASK_DOCUMENT_KINDS,
        block_kinds: Iterable[str] = TASK_BLOCK_KINDS,
    ) -> None:
        self.name = name
        self.document_kinds = frozenset(document_kinds)
        self.block_kinds = frozenset(block_kinds)
        self.rules = load_rules("tasks")
        self.by_id = {r.id: r for r in self.rules}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for rule in self.rules:
            self.matcher.add(rule.id, [nlp.make_doc(str(rule.pattern))])

    # -- entry point ------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        doc._.wsis_tasks = []
        doc._.wsis_task_context = None
        ctx = doc.user_data.get("wsis")
        if not isinstance(ctx, BlockContext):
            return doc
        if ctx.kind not in self.block_kinds or ctx.document_kind not in self.document_kinds:
            return doc
        doc._.wsis_tasks = _BlockTasks(self, doc, ctx).run()
        return doc

    def cues(self, doc: Doc) -> list[_Cue]:
        """Every verb cue in clause-initial position, longest match first at each place."""
        text = doc_text(doc)
        sents = _sentences(text)
        found: list[tuple[int, int, Rule]] = []
        for match_id, s, e in self.matcher(doc):
            rule = self.by_id[doc.vocab.strings[match_id]]
            found.append((doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), rule))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        out: list[_Cue] = []
        last_end = -1
        for start, end, rule in found:
            if start < last_end:
                continue
            verb_start = self._clause_initial(text, sents, start, rule)
            if verb_start is None:
                continue
            out.append(_Cue(start, end, rule, verb_start))
            last_end = end
        return out

    def rule_ids(self, doc: Doc) -> set[str]:
        """Ids of the rows whose phrase occurs in ``doc`` (for the rule-example test)."""
        return {doc.vocab.strings[m] for m, _s, _e in self.matcher(doc)}

    @staticmethod
    def _clause_initial(
        text: str, sents: list[tuple[int, int]], start: int, rule: Rule
    ) -> int | None:
        kind = str(rule.get("kind", "verb"))
        person = str(rule.get("person", "any"))
        if kind in ("passive", "passive_mandate", "should"):
            return start
        s0 = next((s for s, e in sents if s <= start < e), 0)
        pre_raw = text[s0:start]
        item = _ITEM_PREFIX.match(pre_raw)
        offset = item.end() if item and s0 == 0 else 0
        pre = pre_raw[offset:].lower().replace("[", " ").replace("]", " ")
        initial, after_we, after_and = _clause_res()
        if person == "1" and not re.search(r"\bwe\b", pre):
            return None
        if initial.match(pre):
            return s0 + offset + (len(pre) - len(pre.lstrip()))
        m = after_we.search(pre)
        if m:
            return s0 + offset + m.start()
        if after_and.search(pre):
            return start
        return None


class _BlockTasks:
    """Tasks of one block: cues → clauses → addressees → deadlines."""

    def __init__(self, owner: TaskExtractor, doc: Doc, ctx: BlockContext) -> None:
        self.owner = owner
        self.doc = doc
        self.ctx = ctx
        self.text = doc_text(doc)
        self.words = task_words()
        self.mentions = maximal_mentions(doc)
        self.sents = _sentences(self.text)
        self.cues = owner.cues(doc)
        self.issuer = ctx.state.issuer if ctx.state else None

    # -- structure helpers ------------------------------------------------------------
    def sentence_of(self, i: int) -> tuple[int, int]:
        for s, e in self.sents:
            if s <= i < e:
                return s, e
        return 0, len(self.text)

    def clause_end(self, cue: _Cue) -> int:
        _s, e = self.sentence_of(cue.start)
        nxt = [c.start for c in self.cues if cue.end <= c.start < e and c.kind != "should"]
        return min(nxt) if nxt else e

    def scope_end(self, cue: _Cue) -> int:
        """Clause end, or — if the clause ends its sentence — the end of the following
        sentences that hold no verb cue."""
        end = self.clause_end(cue)
        _s, e = self.sentence_of(cue.start)
        if end < e:
            return end
        for s2, e2 in self.sents:
            if s2 < e:
                continue
            if any(s2 <= c.start < e2 for c in self.cues) or _NEW_STATEMENT.match(self.text, s2):
                break
            e = e2
        return e

    def mentions_in(self, start: int, end: int) -> list[_Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def infinitive(self, start: int, end: int) -> tuple[int, int] | None:
        """(start of "to", end of "to") of the first infinitive in [start, end)."""
        for m in _INFINITIVE.finditer(self.text, start, end):
            if any(x.start <= m.start() < x.end for x in self.mentions):
                continue
            if _is_verb(m.group(1)):
                return m.start(), m.start() + 2
        return None

    def _blocked(self, gap: str, allow: frozenset[str] = frozenset()) -> bool:
        """Is a mention after ``gap`` introduced by a preposition ("through the") or by an
        "as"-role ("…, as action line facilitators")?"""
        g = gap.lower()
        g = re.sub(r"\b(?:the\s+)?members\s+of\s*(?:the\s+)?$", " ", g)
        chunk = re.split(r",|;|\band\b|\bor\b|\(|\)", g)[-1]
        if _AS_ROLE.search(chunk) and "as" not in allow:
            return True
        words = re.findall(r"[a-z]+", chunk)
        return any(w in self.words.blocking and w not in allow for w in words)

    def addressees(
        self, start: int, end: int, allow: frozenset[str] = frozenset()
    ) -> list[_Mention]:
        """Mentions in [start, end) that no preposition governs; a block carries over a
        coordination ("in consultation with UNGIS and the regional commissions")."""
        out: list[_Mention] = []
        prev = start
        blocked = False
        for m in self.mentions_in(start, end):
            gap = self.text[prev : m.start]
            carried = blocked and prev > start and _CONJUNCTION_GAP.fullmatch(gap) is not None
            blocked = carried or self._blocked(gap, allow)
            if not blocked:
                out.append(m)
            prev = m.end
        return out

    def subject_after_that(self, start: int, end: int) -> list[_Mention]:
        """ "Decides that the Commission shall …": the actor right after "that"."""
        m = re.match(r"\s*that\s+", self.text[start:end])
        if not m:
            return []
        first = self.mentions_in(start + m.end(), end)
        if not first:
            return []
        gap = self.text[start + m.end() : first[0].start].lower()
        if re.fullmatch(r"\s*(?:the|all|\[)?\s*", gap) is None:
            return []
        tail = self.text[first[0].end : min(end, first[0].end + 60)]
        if _THAT_MODAL.match(tail):
            return [first[0]]
        # the subjunctive of UN drafting: "Recommends that the Commission review …",
        # "… that the General Assembly [decide to] hold …"
        bare = _THAT_BARE_VERB.match(tail)
        if bare and _is_subjunctive(bare.group(1)):
            return [first[0]]
        return []

    # -- main -------------------------------------------------------------------------
    def run(self) -> list[Task]:
        tasks: list[Task] = []
        parent = self.ctx.parent_task_context
        if not self.cues and isinstance(parent, TaskContext):
            tasks.extend(self.inherit(parent))
        for cue in self.cues:
            tasks.extend(self.tasks_for(cue))
        tasks.extend(self.follow_on(tasks))
        self.set_context(tasks)
        return tasks

    def tasks_for(self, cue: _Cue) -> list[Task]:
        kind = cue.kind
        clause_end = self.clause_end(cue)
        after = cue.end
        # adverbs after the verb: "Requests also the Secretary-General"
        m = re.match(r"\s*(?:(?:also|further|again|once again|strongly)\s+)*", self.text[after:])
        after += m.end() if m else 0
        handler = {
            "verb": self.verb_task,
            "call_for": self.call_for_task,
            "decide": self.decide_task,
            "commit": self.commit_task,
            "commitment": self.commitment_task,
            "extend": self.extend_task,
            "passive_mandate": self.passive_mandate_task,
            "passive": self.passive_task,
            "should": self.should_task,
        }.get(kind)
        if handler is None:
            return []
        return handler(cue, after, clause_end)

    def verb_task(self, cue: _Cue, after: int, end: int, relation: str | None = None) -> list[Task]:
        inf = self.infinitive(after, end)
        if inf is None:
            subj = self.subject_after_that(after, end)
            return self.make(cue, subj, after, end, relation=relation)
        found = self.addressees(after, inf[0])
        return self.make(cue, found, inf[1], end, relation=relation)

    def call_for_task(self, cue: _Cue, after: int, end: int) -> list[Task]:
        inf = self.infinitive(after, end)
        if inf is not None:
            found = self.addressees(after, inf[0])
            if found:
                return self.make(cue, found, inf[1], end)
        # nominal: "the continuation of the work of X", "... by X", "... through X"
        for m in self.mentions_in(after, end):
            before = self.text[after : m.start].lower()
            if re.search(r"continuation of (?:the )?(?:work of (?:the )?)?$", before) or re.search(
                r"\b(?:by|through)\s+(?:the\s+)?$", before
            ):
                group = [m]
                for nxt in self.mentions_in(m.end, end)[:10]:
                    gap = self.text[group[-1].end : nxt.start]
                    if re.fullmatch(r"\s*(?:,|,?\s*and|,?\s*or)\s*(?:the\s+)?", gap):
                        group.append(nxt)
                    else:
                        break
                return self.make(cue, group, after, end)
        return []

    def decide_task(self, cue: _Cue, after: int, end: int) -> list[Task]:
        rest = self.text[after:end]
        nested = re.match(
            r"\s*(?:also\s+)?to\s+(request|invite|call upon|call on|encourage|urge|recommend)\b",
            rest,
        )
        if nested:
            relation = {
                "request": "requests",
                "invite": "invites",
                "call upon": "calls_upon",
                "call on": "calls_upon",
                "encourage": "encourages",
                "urge": "urges",
                "recommend": "recommends",
            }[nested.group(1)]
            return self.verb_task(cue, after + nested.end(), end, relation=relation)
        subj = self.subject_after_that(after, end)
        if subj:
            return self.make(cue, subj, after, end)
        inf = self.infinitive(after, end)
        if inf is None:
            return []
        found = self.addressees(after, inf[0], allow=frozenset({"for"}))
        if found:
            return self.make(cue, found, inf[1], end)
        if re.fullmatch(r"[\s\[\],]*", self.text[after : inf[0]]):
            return self.make_self(cue, inf[1], end)
        return []

    def commit_task(self, cue: _Cue, after: int, end: int) -> list[Task]:
        return self.make_self(cue, cue.end, end)

    def commitment_task(self, cue: _Cue, after: int, end: int) -> list[Task]:
        """ "reaffirm our commitment to <gerund|verb>" commits; "… to the Declaration" cites."""
        for m in re.finditer(r"(^\s*|\band\s+)to\s+([a-z][a-z-]*)", self.text[after:end]):
            word = m.group(2)
            if word.endswith("ing") or (not m.group(1).strip() and _is_verb(word)):
                return self.make_self(cue, after + m.start(), end)
        return []

    def _mandate_holder(self, start: int, end: int) -> list[_Mention]:
        for m in re.finditer(r"\bmandate\b", self.text[start:end]):
            i = start + m.start()
            j = start + m.end()
            for x in self.mentions_in(start, end):
                if re.fullmatch(
                    r"\s*(?:'s|’s)?\s*(?:current\s+|existing\s+)?", self.text[x.end : i]
                ):
                    return [x]
                if re.fullmatch(r"\s*of\s+(?:the\s+)?", self.text[j : x.start]):
                    return [x]
        return []

    def extend_task(self, cue: _Cue, after: int, end: int) -> list[Task]:
        return self.make(cue, self._mandate_holder(after, end), after, end)

    def passive_mandate_task(self, cue: _Cue, after: int, end: int) -> list[Task]:
        s, _e = self.sentence_of(cue.start)
        return self.make(cue, self._mandate_holder(s, cue.start), after, end)

    def passive_task(self, cue: _Cue, after: int, end: int) -> list[Task]:
        before = [m for m in self.mentions if m.end <= cue.start]
        if not before:
            return []
        last = before[-1]
        if not re.fullmatch(r"[\s,]*(?:also|further)?[\s,]*", self.text[last.end : cue.start]):
            return []
        return self.make(cue, [last], cue.end, end)

    def should_task(self, cue: _Cue, after: int, end: int) -> list[Task]:
        s, e = self.sentence_of(cue.start)
        head = self.text[s : cue.start]
        thats = [m.end() for m in re.finditer(r"\bthat\b", head)]
        start = s + (thats[-1] if thats else 0)
        subj = self.mentions_in(start, cue.start)
        if not subj:
            return []
        return self.make(cue, [subj[0]], s, e, quote_from=cue.start)

    # -- sub-items and follow-on sentences ---------------------------------------------
    def inherit(self, parent: TaskContext) -> list[Task]:
        text = self.text
        start = _ITEM_PREFIX.match(text)
        begin = start.end() if start else 0
        cue = _Cue(begin, begin, self.owner.by_id.get(parent.rule) or self.owner.rules[0], begin)
        end = len(text)
        if parent.open_addressee:
            return self.verb_task(cue, begin, end, relation=parent.relation)
        if parent.open_infinitive and parent.addressees:
            deadline = self.deadline(begin, end)
            return [
                self.task(parent.relation, None, a, deadline, begin, end, cue, parent.verb_text)
                for a in parent.addressees
            ]
        return []

    def follow_on(self, tasks: list[Task]) -> list[Task]:
        """ "The group … will submit …": an actor-subject sentence in a task's scope, with no
        verb cue of its own, is a duty of that actor under the same verb."""
        if not tasks or not self.cues:
            return []
        last_cue = self.cues[-1]
        _s, e = self.sentence_of(last_cue.start)
        have = {t.addressee for t in tasks}
        out: list[Task] = []
        relation = tasks[-1].relation
        for s2, e2 in self.sents:
            if s2 < e:
                continue
            if any(s2 <= c.start < e2 for c in self.cues):
                break
            first = self.mentions_in(s2, e2)
            if not first:
                continue
            lead = self.text[s2 : first[0].start]
            if not re.fullmatch(r"[\s\[]*(?:the|this|that)?\s*", lead, re.IGNORECASE):
                continue
            if not _MODAL_ACTIVE.search(self.text, first[0].end, e2):
                continue
            actor = first[0].actor
            if actor in have:
                continue
            have.add(actor)
            scope_end = self._follow_scope_end(s2, actor)
            deadline = self.deadline(first[0].end, scope_end, skip_relative=True)
            verb = self.owner.by_id[tasks[-1].rule] if tasks[-1].rule in self.owner.by_id else None
            cue = _Cue(first[0].start, first[0].end, verb or self.owner.rules[0], first[0].start)
            out.append(
                self.task(
                    relation,
                    first[0],
                    None,
                    deadline,
                    first[0].end,
                    scope_end,
                    cue,
                    tasks[-1].verb_text,
                    rule=tasks[-1].rule,
                )
            )
        return out

    def _follow_scope_end(self, start: int, actor: str) -> int:
        end = self.sentence_of(start)[1]
        for s2, e2 in self.sents:
            if s2 < end:
                continue
            first = self.mentions_in(s2, e2)
            if any(s2 <= c.start < e2 for c in self.cues) or not first or first[0].actor != actor:
                break
            end = e2
        return end

    def set_context(self, tasks: list[Task]) -> None:
        if not self.cues or not self.text.rstrip().endswith(":"):
            return
        cue = self.cues[-1]
        tail = self.text[cue.end :].strip().lower()
        mine = [
            t
            for t in tasks
            if t.verb_span.start == self.ctx.original_span(cue.start, cue.end).start
        ]
        names = [t.addressee for t in mine]
        open_infinitive = bool(re.search(r"\bto\s*:$", tail))
        if not names and open_infinitive:
            to = self.text.rstrip().rfind("to")
            names = [m.actor for m in self.addressees(cue.end, to)]
        elif not names and cue.kind == "verb" and self.infinitive(cue.end, len(self.text)) is None:
            # "Requests the Secretary-General[, in consultation with X]:" + "(a) To prepare …"
            names = [m.actor for m in self.addressees(cue.end, len(self.text))]
            open_infinitive = bool(names)
        self.doc._.wsis_task_context = TaskContext(
            relation=cue.relation,
            addressees=tuple(dict.fromkeys(names)),
            verb_text=self.text[cue.verb_start : cue.end],
            rule=cue.rule.id,
            open_infinitive=open_infinitive,
            open_addressee=bool(re.fullmatch(r"(?:also\s+|further\s+)?:", tail)),
        )

    # -- records ----------------------------------------------------------------------
    def deadline(self, start: int, end: int, skip_relative: bool = False) -> Deadline:
        text = self.text[start:end]
        bodies: list[BodyMention] = [
            (m.start - start, m.end - start, m.actor) for m in self.mentions_in(start, end)
        ]
        date = self.ctx.state.date if self.ctx.state else None
        found: list[TimeExpression] = find_deadlines(
            text, doc_date=date, issuer=self.issuer, bodies=bodies
        )
        for te in found:
            clause = re.split(r"[,;(]", text[: te.start])[-1]
            if _STANDING_RELATIVE.match(clause):
                continue
            if skip_relative:
                seg = re.split(r"[,;.]|\band\b", text[: te.start])[-1]
                if _RELATIVE_OR_PASSIVE.search(seg):
                    continue
            span = self.ctx.original_span(start + te.start, start + te.end)
            return te.to_deadline(span)
        return NO_DEADLINE

    def make(
        self,
        cue: _Cue,
        found: list[_Mention],
        quote_start: int,
        end: int,
        relation: str | None = None,
        quote_from: int | None = None,
    ) -> list[Task]:
        if not found:
            return []
        deadline = self.deadline(cue.start, self.scope_end(cue))
        seen: set[str] = set()
        out: list[Task] = []
        for m in found:
            if m.actor in seen:
                continue
            seen.add(m.actor)
            out.append(
                self.task(
                    relation or cue.relation,
                    m,
                    None,
                    deadline,
                    quote_from if quote_from is not None else quote_start,
                    end,
                    cue,
                )
            )
        return out

    def make_self(self, cue: _Cue, quote_start: int, end: int) -> list[Task]:
        if not self.issuer:
            return []
        deadline = self.deadline(cue.start, self.scope_end(cue))
        return [self.task(cue.relation, None, self.issuer, deadline, quote_start, end, cue)]

    def task(
        self,
        relation: str,
        mention: _Mention | None,
        actor: str | None,
        deadline: Deadline,
        quote_start: int,
        end: int,
        cue: _Cue,
        verb_text: str | None = None,
        rule: str | None = None,
    ) -> Task:
        ctx = self.ctx
        quote = self.text[quote_start:end].strip(" ,;:.[]\n\t")
        if len(quote) > QUOTE_CHARS:
            quote = quote[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
        verb_span = ctx.original_span(cue.start, cue.end)
        return Task(
            doc=ctx.stem,
            para=ctx.para_for(verb_span.start),
            relation=relation,
            addressee=mention.actor if mention else str(actor),
            deadline=deadline,
            quote=quote,
            span=ctx.original_span(cue.verb_start, end),
            verb_span=verb_span,
            verb_text=verb_text or self.text[cue.verb_start : cue.end],
            addressee_span=ctx.original_span(mention.start, mention.end) if mention else None,
            rule=rule or cue.rule.id,
        )


@Language.factory(
    "wsis_task_extractor_v1",
    default_config={
        "document_kinds": list(TASK_DOCUMENT_KINDS),
        "block_kinds": list(TASK_BLOCK_KINDS),
    },
)
def make_task_extractor(
    nlp: Language, name: str, document_kinds: list[str], block_kinds: list[str]
) -> TaskExtractor:
    return TaskExtractor(nlp, name, document_kinds, block_kinds)
