"""The four views — tasks, citations, mandates, actors — as facts read from the RDF graph.

Each view is one or two SPARQL SELECTs over the store and a little Python that turns rows into
``Fact``s; nothing here re-reads text or re-runs extraction. Node ids are the RDF IRIs, so
every exported node links back to the graph.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from wsiskg.graph.export.facts import Fact, NodeAttrs, ViewData
from wsiskg.graph.export.source import GraphSource, Row

DOCUMENTS = """
SELECT ?doc ?id ?title ?date ?year ?by WHERE {
  ?doc dcterms:identifier ?id .
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc eli:date_document ?date }
  OPTIONAL { ?doc wsis:year ?year }
  OPTIONAL { ?doc eli:passed_by ?by }
}"""

ACTORS = """
SELECT ?actor ?id ?name ?kind WHERE {
  ?actor skos:notation ?id .
  OPTIONAL { ?actor skos:prefLabel ?name }
  OPTIONAL { ?actor wsis:actorKind ?kind }
}"""

PARAGRAPHS = """
SELECT ?para ?doc ?anchor ?text WHERE {
  VALUES ?para { %s }
  ?para eli:is_part_of ?doc .
  OPTIONAL { ?para wsis:anchor ?anchor }
  OPTIONAL { ?para wsis:text ?text }
}"""
PARAGRAPH_BATCH = 2000

TASKS = """
SELECT ?task ?para ?issuer ?addressee ?relation ?deadline ?quote WHERE {
  ?task a wsis:Task ; wsis:issuedIn ?para ; wsis:addressee ?addressee .
  OPTIONAL { ?task wsis:issuedBy ?issuer }
  OPTIONAL { ?task wsis:relationName ?relation }
  OPTIONAL { ?task wsis:quote ?quote }
  OPTIONAL { ?task wsis:deadline ?d . ?d wsis:normalized ?deadline }
}"""

REFERENCES = """
SELECT ?ref ?citing ?cited ?relation WHERE {
  ?ref cito:hasCitingEntity ?citing ; cito:hasCitedEntity ?cited .
  OPTIONAL { ?ref wsis:relationName ?relation }
}"""

MANDATES = """
SELECT ?mandate ?actor ?end ?step ?role WHERE {
  ?mandate wsis:mandateOf ?actor .
  OPTIONAL { ?mandate wsis:mandateEnd ?end }
  OPTIONAL {
    { ?mandate wsis:createdBy ?step . BIND("created" AS ?role) }
    UNION
    { ?mandate wsis:extendedBy ?step . BIND("extended" AS ?role) }
  }
}"""

MENTIONS = """
SELECT DISTINCT ?para ?body WHERE {
  ?mention oa:hasBody ?body ; wsis:inParagraph ?para .
}"""


class Catalog:
    """Labels, years and texts of documents, paragraphs and actors, read once per export."""

    def __init__(self, source: GraphSource) -> None:
        self.source = source
        self.docs: dict[str, Row] = _by_key(source.select(DOCUMENTS), "doc")
        self.actors: dict[str, Row] = _by_key(source.select(ACTORS), "actor")
        self.paras: dict[str, Row] = {}  # read on demand: texts of all paragraphs are big
        self._asked: set[str] = set()

    def prefetch_paragraphs(self, iris: Iterable[str | None]) -> None:
        """Read the rows of these paragraphs (anchor, document, text) in a few queries.

        Why: a view names a fraction of the corpus's paragraphs; reading every paragraph's
        text up front cost ~17 s on the 2,587-resolution record whatever the view or filter.
        """
        todo = sorted({i for i in iris if i and i not in self._asked})
        for start in range(0, len(todo), PARAGRAPH_BATCH):
            chunk = todo[start : start + PARAGRAPH_BATCH]
            values = " ".join(f"<{iri}>" for iri in chunk)
            self.paras.update(_by_key(self.source.select(PARAGRAPHS % values), "para"))
            self._asked.update(chunk)

    def _para(self, iri: str) -> Row | None:
        if iri not in self._asked:
            self.prefetch_paragraphs([iri])
        return self.paras.get(iri)

    # documents -----------------------------------------------------------------------------
    def doc_id(self, iri: str) -> str:
        row = self.docs.get(iri)
        if row and row.get("id"):
            return str(row["id"])
        return self.source.local_id(iri, "doc") or iri

    def doc_year(self, iri: str) -> int | None:
        row = self.docs.get(iri) or {}
        for value in (row.get("date"), row.get("year")):
            if value and value[:4].isdigit():
                return int(value[:4])
        return None

    def doc_body(self, iri: str) -> str | None:
        by = (self.docs.get(iri) or {}).get("by")
        return self.actor_id(by) if by else None

    def doc_node(self, iri: str) -> NodeAttrs:
        row = self.docs.get(iri) or {}
        body = self.doc_body(iri)
        return {
            "label": self.doc_id(iri),
            "kind": "document",
            "iri": iri,
            "title": row.get("title"),
            "date": row.get("date"),
            "year": self.doc_year(iri),
            "body": body,
            "document": self.doc_id(iri),
        }

    # paragraphs ----------------------------------------------------------------------------
    def para_doc(self, iri: str) -> str | None:
        """The document a paragraph belongs to: from the graph, else from the IRI scheme."""
        row = self._para(iri)
        if row and row.get("doc"):
            return row["doc"]
        split = self.source.split_paragraph(iri)
        return split[0] if split else None

    def is_paragraph(self, iri: str) -> bool:
        return self._para(iri) is not None or self.source.split_paragraph(iri) is not None

    def para_label(self, iri: str) -> str:
        doc = self.para_doc(iri)
        row = self._para(iri) or {}
        anchor = row.get("anchor")
        if not anchor:
            split = self.source.split_paragraph(iri)
            anchor = split[1] if split else iri.rsplit("/", 1)[-1]
        return f"{self.doc_id(doc)} ¶{anchor}" if doc else f"¶{anchor}"

    def para_node(self, iri: str) -> NodeAttrs:
        doc = self.para_doc(iri)
        return {
            "label": self.para_label(iri),
            "kind": "paragraph",
            "iri": iri,
            "text": (self._para(iri) or {}).get("text"),
            "year": self.doc_year(doc) if doc else None,
            "body": self.doc_body(doc) if doc else None,
            "document": self.doc_id(doc) if doc else None,
            "document_iri": doc,
        }

    def para_text(self, iri: str) -> str | None:
        return (self._para(iri) or {}).get("text")

    # actors --------------------------------------------------------------------------------
    def actor_id(self, iri: str) -> str:
        row = self.actors.get(iri)
        if row and row.get("id"):
            return str(row["id"])
        return self.source.local_id(iri, "actor") or self.source.local_id(iri, "action-line") or iri

    def is_actor(self, iri: str) -> bool:
        return (
            self.source.local_id(iri, "actor") is not None
            or self.source.local_id(iri, "action-line") is not None
        )

    def actor_node(self, iri: str) -> NodeAttrs:
        row = self.actors.get(iri) or {}
        action_line = self.source.local_id(iri, "action-line") is not None
        return {
            "label": self.actor_id(iri),
            "kind": "action_line" if action_line else "actor",
            "iri": iri,
            "name": row.get("name"),
            "actor_kind": row.get("kind"),
            "body": self.actor_id(iri),
        }


def tasks_view(source: GraphSource, catalog: Catalog) -> ViewData:
    """Issuing document → addressed body; one edge per task (verb, deadline, paragraph)."""
    data = ViewData("tasks", "Tasks: who asks whom to do what")
    rows = _unique(source.select(TASKS), "task")
    catalog.prefetch_paragraphs(row["para"] for row in rows)
    for row in rows:
        para, addressee = str(row["para"]), str(row["addressee"])
        doc = catalog.para_doc(para) or para
        issuer = catalog.actor_id(row["issuer"]) if row.get("issuer") else catalog.doc_body(doc)
        relation = row.get("relation") or "tasks"
        data.nodes.setdefault(doc, catalog.doc_node(doc))
        data.nodes.setdefault(addressee, catalog.actor_node(addressee))
        data.facts.append(
            Fact(
                source=doc,
                target=addressee,
                relation=relation,
                edge={
                    "id": row["task"],
                    "kind": "task",
                    "iri": row["task"],
                    "label": row.get("deadline") or "",
                    "deadline": row.get("deadline"),
                    "quote": row.get("quote"),
                    "issuer": issuer,
                    "paragraph": catalog.para_label(para),
                    "paragraph_iri": para,
                    "text": catalog.para_text(para),
                },
                bodies=frozenset(b for b in (issuer, catalog.actor_id(addressee)) if b),
                documents=frozenset({catalog.doc_id(doc)}),
                year=catalog.doc_year(doc),
            )
        )
    return data


def citations_view(source: GraphSource, catalog: Catalog, paragraphs: bool) -> ViewData:
    """Citing document (or paragraph) → cited document (or paragraph); edge type = relation."""
    data = ViewData(
        "citations", "Citations between paragraphs" if paragraphs else "Citations between documents"
    )
    refs = _unique(source.select(REFERENCES), "ref")
    catalog.prefetch_paragraphs(r[k] for r in refs for k in ("citing", "cited"))
    for row in refs:
        citing, cited = str(row["citing"]), str(row["cited"])
        citing_doc = catalog.para_doc(citing) if catalog.is_paragraph(citing) else citing
        cited_doc = catalog.para_doc(cited) if catalog.is_paragraph(cited) else cited
        citing_doc = citing_doc or citing
        cited_doc = cited_doc or cited
        if paragraphs:
            src, dst = citing, cited
        else:
            src, dst = citing_doc, cited_doc
        for node in (src, dst):
            if node not in data.nodes:
                para_like = node not in (citing_doc, cited_doc)
                data.nodes[node] = catalog.para_node(node) if para_like else catalog.doc_node(node)
        relation = row.get("relation") or "cites"
        para_label = catalog.para_label(citing) if catalog.is_paragraph(citing) else None
        data.facts.append(
            Fact(
                source=src,
                target=dst,
                relation=relation,
                edge={
                    "id": row["ref"],
                    "kind": "citation",
                    "iri": row["ref"],
                    "label": relation.replace("_", " "),
                    "paragraph": para_label,
                    "paragraph_iri": citing if para_label else None,
                    "text": catalog.para_text(citing),
                    "cited": catalog.para_label(cited)
                    if catalog.is_paragraph(cited)
                    else catalog.doc_id(cited),
                },
                bodies=frozenset(
                    b for b in (catalog.doc_body(citing_doc), catalog.doc_body(cited_doc)) if b
                ),
                documents=frozenset({catalog.doc_id(citing_doc), catalog.doc_id(cited_doc)}),
                year=catalog.doc_year(citing_doc),
            )
        )
    return data


def mandates_view(source: GraphSource, catalog: Catalog) -> ViewData:
    """Creating/extending paragraph → body (labelled by year); body → its end year."""
    data = ViewData("mandates", "Mandates through time")
    by_mandate: dict[str, list[Row]] = defaultdict(list)
    mandates = source.select(MANDATES)
    catalog.prefetch_paragraphs(r.get("step") for r in mandates)
    for row in mandates:
        by_mandate[str(row["mandate"])].append(row)
    for mandate, rows in sorted(by_mandate.items()):
        actor = str(rows[0]["actor"])
        actor_id = catalog.actor_id(actor)
        data.nodes.setdefault(actor, catalog.actor_node(actor))
        step_docs: set[str] = set()
        for row in rows:
            step, role = row.get("step"), row.get("role")
            if not step or not role:
                continue
            is_para = catalog.is_paragraph(step)
            doc = (catalog.para_doc(step) if is_para else step) or step
            step_docs.add(catalog.doc_id(doc))
            node = catalog.para_node(step) if is_para else catalog.doc_node(step)
            data.nodes.setdefault(step, node)
            year = catalog.doc_year(doc)
            data.facts.append(
                Fact(
                    source=step,
                    target=actor,
                    relation=role,
                    edge={
                        "id": f"{mandate}#{role}-{step}",
                        "kind": "mandate",
                        "iri": mandate,
                        "label": str(year) if year else role,
                        "paragraph": node["label"],
                        "paragraph_iri": step,
                        "text": catalog.para_text(step),
                    },
                    bodies=frozenset({actor_id}),
                    documents=frozenset({catalog.doc_id(doc)}),
                    year=year,
                )
            )
        end = rows[0].get("end")
        if end and end[:4].isdigit():
            # one end node per body and year: a draft and its adopted text agree on the end
            end_node = f"{actor}#mandate-end-{end[:4]}"
            data.nodes[end_node] = {
                "label": f"{actor_id} mandate ends {end[:4]}",
                "kind": "mandate_end",
                "iri": actor,
                "year": int(end[:4]),
                "body": actor_id,
            }
            data.facts.append(
                Fact(
                    source=actor,
                    target=end_node,
                    relation="expires",
                    edge={
                        "id": f"{mandate}#end",
                        "kind": "mandate",
                        "iri": mandate,
                        "label": end[:4],
                        "end_year": int(end[:4]),
                    },
                    bodies=frozenset({actor_id}),
                    documents=frozenset(step_docs),
                    year=int(end[:4]),
                )
            )
    return data


def actors_view(source: GraphSource, catalog: Catalog) -> ViewData:
    """Bodies, offices and action lines: co-mention in a paragraph, and issuer → addressee tasks
    (one edge per pair and verb); weight = number of paragraphs or tasks."""
    data = ViewData("actors", "Actors: co-occurrence and tasks")
    in_para: dict[str, set[str]] = defaultdict(set)
    mentions = source.select(MENTIONS)
    catalog.prefetch_paragraphs(r["para"] for r in mentions)
    for row in mentions:
        body = str(row["body"])
        if catalog.is_actor(body):
            in_para[str(row["para"])].add(body)
    for para, bodies in sorted(in_para.items()):
        doc = catalog.para_doc(para)
        for a, b in itertools.combinations(sorted(bodies), 2):
            for node in (a, b):
                data.nodes.setdefault(node, catalog.actor_node(node))
            data.facts.append(
                Fact(
                    source=a,
                    target=b,
                    relation="co_occurs",
                    edge={"id": f"co:{a}|{b}", "kind": "co-occurrence"},
                    bodies=frozenset({catalog.actor_id(a), catalog.actor_id(b)}),
                    documents=frozenset({catalog.doc_id(doc)}) if doc else frozenset(),
                    year=catalog.doc_year(doc) if doc else None,
                    key=("co", a, b),
                    paragraph_label=catalog.para_label(para),
                )
            )
    rows = _unique(source.select(TASKS), "task")
    catalog.prefetch_paragraphs(row["para"] for row in rows)
    for row in rows:
        para, addressee = str(row["para"]), str(row["addressee"])
        doc = catalog.para_doc(para)
        issuer = row.get("issuer") or ((catalog.docs.get(doc or "") or {}).get("by"))
        if not issuer:
            continue
        relation = row.get("relation") or "tasks"
        for node in (issuer, addressee):
            data.nodes.setdefault(node, catalog.actor_node(node))
        data.facts.append(
            Fact(
                source=issuer,
                target=addressee,
                relation=relation,
                edge={"id": f"task:{issuer}|{addressee}|{relation}", "kind": "tasks"},
                bodies=frozenset({catalog.actor_id(issuer), catalog.actor_id(addressee)}),
                documents=frozenset({catalog.doc_id(doc)}) if doc else frozenset(),
                year=catalog.doc_year(doc) if doc else None,
                key=("task", issuer, addressee, relation),
                paragraph_label=catalog.para_label(para),
            )
        )
    return data


ViewBuilder = Callable[[GraphSource, Catalog, bool], ViewData]

VIEWS: dict[str, ViewBuilder] = {
    "tasks": lambda s, c, _p: tasks_view(s, c),
    "citations": citations_view,
    "mandates": lambda s, c, _p: mandates_view(s, c),
    "actors": lambda s, c, _p: actors_view(s, c),
}


def _by_key(rows: list[Row], key: str) -> dict[str, Row]:
    """First row per key: a node with two titles keeps one, deterministically (rows sorted)."""
    out: dict[str, Row] = {}
    for row in sorted(rows, key=_sort_key):
        k = row.get(key)
        if k is not None and k not in out:
            out[k] = row
    return out


def _unique(rows: list[Row], key: str) -> list[Row]:
    return list(_by_key(rows, key).values())


def _sort_key(row: Row) -> tuple[Any, ...]:
    return tuple((k, v or "") for k, v in sorted(row.items()))
