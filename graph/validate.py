"""SHACL validation that scales: core shapes and file-local rules per file, cross-file rules once.

PERF-NOTES: pySHACL is linear but costs ~150 ms per call and runs ~5-9k triples/s: minutes for
the UN record. So the shapes of shapes/*.ttl (core constraints only) are compiled once into
plain Python checks (``shacl_core``, ~1M triples/s) and run on each file graph as it is built;
pySHACL stays the reference engine (``engine="pyshacl"``, and the fallback should a shape use a
feature the compiler lacks), run in batches, in worker processes when there are many. The SPARQL
rules of shapes/global-rules.ttl carry a scope: a file-scope rule is decided by one file (its
graph and its stubs) with the registry graph, so it runs per file next to the shapes
(``validate_file_rules``, ~5-10 ms on a small in-memory store); only the dataset-scope rules,
which compare files, run over the whole pyoxigraph store (``validate_global``, ~1 s on the UN
record). Running every rule over the union cost 25-45 s per build, even an incremental one. All
are reported in one form: focus node, path, message.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from rdflib import DCTERMS, RDF, SKOS, BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from wsiskg import paths
from wsiskg.graph.errors import GraphError, RdfSyntaxError
from wsiskg.graph.iris import Iris
from wsiskg.graph.namespaces import ELI, SH, WSIS
from wsiskg.graph.registry import read_actors, registry_quads
from wsiskg.graph.shacl_core import (
    Finding,
    NodeCheck,
    UnsupportedShapesError,
    check,
    compile_shapes,
)

log = logging.getLogger(__name__)

BATCH_TRIPLES = 40_000  # triples per pySHACL call: amortises its fixed cost, bounds memory
SHAPES_NS = "https://w3id.org/wsiskg/shapes/"
GLOBAL_RULE = URIRef(f"{SHAPES_NS}GlobalRule")
RULE_SCOPE = URIRef(f"{SHAPES_NS}scope")
RuleScope = TypingLiteral["file", "dataset"]
_SCOPES: dict[str, RuleScope] = {
    f"{SHAPES_NS}FileScope": "file",
    f"{SHAPES_NS}DatasetScope": "dataset",
}
_XSD_STRING = str(XSD.string)


@dataclass(frozen=True, order=True)
class Violation:
    """One failed constraint, in the form a person reads: focus node, path, message."""

    focus: str
    path: str
    message: str
    value: str = ""
    severity: str = "Violation"
    source: str = ""  # shape IRI or global rule name
    graph: str = ""  # named graph the focus node was found in ("" when unknown)

    def line(self) -> str:
        where = f" [{self.graph}]" if self.graph else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: <{self.focus}> {self.path}: {self.message}{value}{where}"


@dataclass
class ValidationReport:
    """Result of validating a dataset; SHACL non-conformance is a result, not an error."""

    violations: list[Violation] = field(default_factory=list)
    graphs_checked: int = 0
    triples_checked: int = 0
    global_rules: int = 0

    @property
    def conforms(self) -> bool:
        return not any(v.severity == "Violation" for v in self.violations)

    def extend(self, other: ValidationReport) -> None:
        self.violations.extend(other.violations)
        self.graphs_checked += other.graphs_checked
        self.triples_checked += other.triples_checked
        self.global_rules = max(self.global_rules, other.global_rules)

    def text(self, limit: int | None = 50) -> str:
        if self.conforms and not self.violations:
            return (
                f"conforms: {self.graphs_checked} graph(s), {self.triples_checked} triples, "
                f"{self.global_rules} global rules"
            )
        shown = sorted(self.violations)
        lines = [f"{len(shown)} violation(s):"]
        lines += [v.line() for v in (shown if limit is None else shown[:limit])]
        if limit is not None and len(shown) > limit:
            lines.append(f"... and {len(shown) - limit} more")
        return "\n".join(lines)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ValidationReport:
        """The inverse of ``to_json`` (a build.json's "validation")."""
        return cls(
            [Violation(**v) for v in data.get("violations", [])],
            int(data.get("graphs_checked", 0)),
            int(data.get("triples_checked", 0)),
            int(data.get("global_rules", 0)),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "graphs_checked": self.graphs_checked,
            "triples_checked": self.triples_checked,
            "global_rules": self.global_rules,
            "violations": [asdict(v) for v in sorted(self.violations)],
        }


# ------------------------------------------------------------------------------ shapes
def shape_files(folder: Path | None = None) -> list[Path]:
    folder = folder or paths.shapes_dir()
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise GraphError(f"no SHACL shapes found in {folder}")
    return files


@lru_cache(maxsize=8)
def load_shapes(folder: str | None = None, names: tuple[str, ...] | None = None) -> Graph:
    """The shapes/*.ttl (or only the files ``names``) in one rdflib graph, loaded once."""
    g = Graph()
    files = shape_files(Path(folder) if folder else None)
    if names is not None:
        files = [f for f in files if f.name in names]
        if len(files) != len(names):
            raise GraphError(f"shape files {names} not all found")
    for path in files:
        try:
            g.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many types for bad Turtle
            raise GraphError(f"cannot parse shapes file {path}: {exc}") from exc
    return g


@dataclass(frozen=True)
class GlobalRule:
    name: str
    message: str
    query: str
    scope: RuleScope = "dataset"  # "file": one file graph + the registry decide it


def _scope(g: Graph, node: Any, name: str) -> RuleScope:
    """A rule's wsissh:scope; none means dataset-wide (the safe choice: the whole store)."""
    value = g.value(node, RULE_SCOPE)
    if value is None:
        return "dataset"
    if str(value) not in _SCOPES:
        raise GraphError(f"global rule {name}: unknown wsissh:scope {value}")
    return _SCOPES[str(value)]


@lru_cache(maxsize=8)
def global_rules(
    folder: str | None = None, scope: RuleScope | None = None
) -> tuple[GlobalRule, ...]:
    """The SPARQL rules of shapes/*.ttl (resources typed wsissh:GlobalRule), all or one scope."""
    g = load_shapes(folder)
    rules = []
    for node in sorted(g.subjects(RDF.type, GLOBAL_RULE), key=str):
        name = str(g.value(node, URIRef("http://www.w3.org/2000/01/rdf-schema#label")) or node)
        rules.append(
            GlobalRule(
                name,
                str(g.value(node, SH.message) or ""),
                str(g.value(node, SH.select) or ""),
                _scope(g, node, name),
            )
        )
    for rule in rules:
        try:
            ox.Store().query(rule.query)
        except SyntaxError as exc:
            raise GraphError(f"global rule {rule.name}: bad SPARQL: {exc}") from exc
    return tuple(r for r in rules if scope is None or r.scope == scope)


# ------------------------------------------------------------------------------ conversion
@lru_cache(maxsize=200_000)
def _iri(value: str) -> URIRef:
    return URIRef(value)


def to_rdflib(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term (plain literals stay plain, as pySHACL expects)."""
    if isinstance(term, ox.NamedNode):
        return _iri(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value) if dt == _XSD_STRING else Literal(term.value, datatype=_iri(dt))
    raise GraphError(f"unsupported RDF term {term!r}")


def rdflib_graph(triples: Iterable[ox.Triple | ox.Quad]) -> Graph:
    g = Graph()
    add = g.add
    for t in triples:
        add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


# ------------------------------------------------------------------------------ SHACL
def _results(results: Graph, graph_of: dict[str, str]) -> list[Violation]:
    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = str(results.value(r, SH.focusNode) or "")
        path = results.value(r, SH.resultPath)
        value = results.value(r, SH.value)
        severity = str(results.value(r, SH.resultSeverity) or SH.Violation).rsplit("#", 1)[-1]
        out.append(
            Violation(
                focus=focus,
                path=_short(str(path)) if path is not None else "",
                message=str(results.value(r, SH.resultMessage) or "constraint failed"),
                value=str(value) if value is not None else "",
                severity=severity,
                source=_short(str(results.value(r, SH.sourceShape) or "")),
                graph=graph_of.get(focus, ""),
            )
        )
    return out


def _short(iri: str) -> str:
    from wsiskg.graph.namespaces import PREFIXES

    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    if iri.startswith("https://w3id.org/wsiskg/shapes/"):
        return "wsissh:" + iri.rsplit("/", 1)[-1]
    return iri


def shacl_validate(
    data: Graph, graph_of: dict[str, str] | None = None, shapes: Graph | None = None
) -> list[Violation]:
    """pySHACL over one rdflib graph with the core shapes (no inference, no meta-SHACL)."""
    import pyshacl

    conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=shapes if shapes is not None else load_shapes(),
        inference="none",
        advanced=False,
        meta_shacl=False,
        do_owl_imports=False,
        allow_warnings=True,
    )
    if conforms:
        return []
    return _results(results, graph_of or {})  # type: ignore[arg-type]


Engine = TypingLiteral["auto", "core", "pyshacl"]


@lru_cache(maxsize=8)
def compiled_shapes(
    folder: str | None = None, names: tuple[str, ...] | None = None
) -> tuple[NodeCheck, ...] | None:
    """The shapes compiled for ``shacl_core`` (None when they need pySHACL)."""
    try:
        return compile_shapes(load_shapes(folder, names))
    except UnsupportedShapesError as exc:
        log.warning("validating with pySHACL: %s", exc)
        return None


def _violation(f: Finding, graph: str) -> Violation:
    return Violation(
        focus=f.focus.value,
        path=_short(f.path) if f.path else "",
        message=f.message,
        value=f.value.value if f.value is not None and f.path else "",
        severity=f.severity,
        source=_short(f.shape),
        graph=graph,
    )


def validate_quads(
    graph: str,
    quads: Iterable[ox.Quad | ox.Triple],
    engine: Engine = "auto",
    shape_files: tuple[str, ...] | None = None,
) -> list[Violation]:
    """The shapes (all, or the files ``shape_files``) over one graph given as quads."""
    shapes = compiled_shapes(None, shape_files) if engine != "pyshacl" else None
    if shapes is None:
        if engine == "core":
            raise GraphError("the shapes use features the core engine does not compile")
        triples = list(quads)
        graph_of = {getattr(t.subject, "value", ""): graph for t in triples}
        return shacl_validate(rdflib_graph(triples), graph_of, load_shapes(None, shape_files))
    return [_violation(f, graph) for f in check(shapes, quads)]


def _validate_batch(batch: Sequence[tuple[str, bytes]]) -> tuple[list[Violation], int]:
    """Worker job: (graph IRI, N-Triples bytes) pairs → violations, triples checked."""
    triples: list[ox.Triple] = []
    graph_of: dict[str, str] = {}
    for graph, data in batch:
        for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
            triples.append(t)
            graph_of.setdefault(t.subject.value, graph)  # type: ignore[union-attr]
    return shacl_validate(rdflib_graph(triples), graph_of), len(triples)


def _batches(graphs: Sequence[tuple[str, Sequence[ox.Quad]]]) -> list[list[tuple[str, bytes]]]:
    batches: list[list[tuple[str, bytes]]] = []
    current: list[tuple[str, bytes]] = []
    size = 0
    for graph, quads in graphs:
        data = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""
        current.append((graph, data))
        size += len(quads)
        if size >= BATCH_TRIPLES:
            batches.append(current)
            current, size = [], 0
    if current:
        batches.append(current)
    return batches


def validate_graphs(
    graphs: Sequence[tuple[str, Sequence[ox.Quad]]], workers: int = 1, engine: Engine = "auto"
) -> ValidationReport:
    """Core shapes over each named graph (pySHACL: batched, in ``workers`` processes)."""
    report = ValidationReport(graphs_checked=len(graphs))
    if engine != "pyshacl" and compiled_shapes() is not None:
        for graph, quads in graphs:
            report.violations.extend(validate_quads(graph, quads, engine="core"))
            report.triples_checked += len(quads)
        return report
    batches = _batches(graphs)
    if workers > 1 and len(batches) > 1:
        with ProcessPoolExecutor(max_workers=min(workers, len(batches))) as pool:
            results = list(pool.map(_validate_batch, batches))
    else:
        results = [_validate_batch(b) for b in batches]
    for violations, n in results:
        report.violations.extend(violations)
        report.triples_checked += n
    return report


RuleRow = tuple[GlobalRule, Any, Any, Any]  # rule, ?this, ?path, ?value (pyoxigraph terms)


def _findings(
    store: ox.Store,
    rules: Iterable[GlobalRule],
    substitutions: dict[ox.Variable, Any] | None = None,
) -> Iterator[RuleRow]:
    """Every row of every rule, over the union of the store's graphs."""
    for rule in rules:
        rows = store.query(rule.query, use_default_graph_as_union=True, substitutions=substitutions)
        for row in rows:  # type: ignore[union-attr]
            yield rule, row["this"], row["path"], row["value"]


def _rule_violation(finding: RuleRow, graph: str = "") -> Violation:
    rule, this, path, value = finding
    return Violation(
        focus=this.value if this is not None else "",
        path=_short(path.value) if path is not None else "",
        message=rule.message,
        value=value.value if value is not None else "",
        source=rule.name,
        graph=graph,
    )


def _file_findings(quads: Iterable[ox.Quad], registry: Iterable[ox.Quad]) -> list[RuleRow]:
    """The file-scope rules over one graph and the registry, in a small in-memory store."""
    store = ox.Store()
    store.extend(quads)  # type: ignore[arg-type]
    store.extend(registry)  # type: ignore[arg-type]
    return list(_findings(store, global_rules(scope="file")))


def validate_file_rules(
    graph: str, quads: Sequence[ox.Quad], registry: Sequence[ox.Quad]
) -> list[Violation]:
    """The file-scope rules over one file's quads plus the registry graph's quads.

    ``quads``: everything the worker built for the file, its stubs of nodes it names but does
    not own included (``FileGraph.all_quads``); ``registry``: ``registry_quads`` (or
    ``file_rules_registry``). Why here: these rules only join a file's nodes with the registry,
    so they run where the file is built (~5-10 ms, one small in-memory store), and an
    incremental build re-checks only the files it rebuilt. Violations carry ``graph``.
    """
    return [_rule_violation(f, graph) for f in _file_findings(quads, registry)]


@lru_cache(maxsize=4)
def file_rules_registry(base_iri: str) -> tuple[ox.Quad, ...]:
    """The registry graph's quads for ``validate_file_rules``, built once per base and process.

    The registry's inputs (ontology/, extract/data) are in the build fingerprint, so a change
    to them forces a full build; a long-lived process that edits them must clear this cache.
    """
    return tuple(registry_quads(Iris(base_iri), read_actors()))


def _holds_in(store: ox.Store, finding: RuleRow) -> bool:
    """Whether the rule still fails for this focus node and value over the whole store."""
    rule, this, path, value = finding
    if this is None or value is None:
        return True
    bound = {ox.Variable("this"): this, ox.Variable("value"): value}
    return any(f[2] == path for f in _findings(store, [rule], bound))


def validate_graph_rules(
    store: ox.Store, graph: str, quads: Sequence[ox.Quad], registry: Sequence[ox.Quad]
) -> list[Violation]:
    """The file-scope rules for one graph that ``store`` holds, confirmed against the store.

    For graphs that are not files, checked after the store is loaded: the history graph's
    mandates name actors that only file stubs state. Each finding on the graph plus the
    registry is kept only if the rule also fails for it over the whole store.
    """
    found = _file_findings(quads, registry)
    return [_rule_violation(f, graph) for f in found if _holds_in(store, f)]


def validate_global(store: ox.Store) -> ValidationReport:
    """The dataset-scope rules (they compare files), each one SPARQL query over the union."""
    rules = global_rules(scope="dataset")
    report = ValidationReport(global_rules=len(rules))
    report.violations.extend(_rule_violation(f) for f in _findings(store, rules))
    return report


def _stating_graph(store: ox.Store, finding: RuleRow) -> str:
    """The named graph that states the failing triple (a file graph, as the build reports)."""
    _rule, this, path, value = finding
    if this is None or path is None or value is None:
        return ""
    stating = store.quads_for_pattern(this, path, value)
    return min({getattr(q.graph_name, "value", "") for q in stating}, default="")


STUB_CLASSES = frozenset(str(WSIS[c]) for c in ("Document", "Paragraph", "Actor", "Session"))
_RDF_TYPE = str(RDF.type)
STUB_PREDICATES = frozenset(
    str(term)
    for term in (
        DCTERMS.identifier,
        DCTERMS.isPartOf,
        ELI.is_part_of,
        SKOS.notation,
        SKOS.prefLabel,
        SKOS.altLabel,
        WSIS.anchor,
        WSIS.line,
        WSIS.actorKind,
        WSIS.sessionOf,
        WSIS.sessionNumber,
    )
)
"""What ``graph/rdf.py`` states of a node a file names but does not own (its stub)."""


def stub_context(
    store: ox.Store,
    graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph,
    quads: Sequence[ox.Quad],
) -> list[ox.Quad]:
    """The stub triples other graphs state of the nodes ``quads`` name but do not describe.

    Why: a build states such a stub once, in the shared graph or the owning file's graph,
    but checks each file's shapes with its stubs (``FileGraph.all_quads``); validating a
    stored graph alone would find a cited paragraph without its document, a session without
    its type. Follows stubs of stubs (a paragraph's document, a session's body).
    """
    described = {q.subject for q in quads}
    todo = {q.object for q in quads if isinstance(q.object, ox.NamedNode)} - described
    seen: set[ox.NamedNode] = set()
    out: dict[ox.Triple, None] = {}
    while todo:
        node = todo.pop()
        seen.add(node)
        for q in store.quads_for_pattern(node, None, None):
            if q.graph_name == graph:
                continue
            p = q.predicate.value
            o = q.object
            if not (
                p in STUB_PREDICATES
                or p == str(RDF.type)
                and getattr(o, "value", "") in STUB_CLASSES
            ):
                continue
            out[q.triple] = None
            if isinstance(o, ox.NamedNode) and o not in seen and o not in described:
                todo.add(o)
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in out]


def validate_store(store: ox.Store, workers: int = 1, engine: Engine = "auto") -> ValidationReport:
    """Every graph of a store (named and default) with the shapes, then ALL the global rules.

    The file-scope rules run over the union too (one query each, whatever the graph layout),
    each finding attributed to the graph stating its triple: on a build's store that is what
    the build reported per file (``validate_file_rules``) and for its other graphs
    (``validate_graph_rules``).
    """
    graphs: list[tuple[str, list[ox.Quad]]] = []
    names = sorted(store.named_graphs(), key=lambda g: g.value)
    for g in [*names, ox.DefaultGraph()]:
        quads = list(store.quads_for_pattern(None, None, None, g))
        if quads:
            graphs.append((getattr(g, "value", ""), quads + stub_context(store, g, quads)))
    report = validate_graphs(graphs, workers=workers, engine=engine)
    for finding in _findings(store, global_rules(scope="file")):
        report.violations.append(_rule_violation(finding, _stating_graph(store, finding)))
    report.extend(validate_global(store))
    report.global_rules = len(global_rules())
    return report


# ------------------------------------------------------------------------------ files
_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


def load_rdf_file(path: str | os.PathLike[str]) -> ox.Store:
    """Parse an RDF file strictly into an in-memory store; one clear error if it cannot."""
    p = Path(path)
    if not p.exists():
        raise GraphError(f"{p}: no such file")
    if p.is_dir():
        raise GraphError(f"{p}: is a folder, expected an RDF file (.ttl, .nt, .nq, .trig)")
    fmt = _FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise GraphError(f"{p}: unknown RDF format (use .ttl, .nt, .nq, .trig, .rdf or .jsonld)")
    if p.stat().st_size == 0:
        raise RdfSyntaxError(f"{p}: file is empty")
    store = ox.Store()
    try:
        store.bulk_extend(ox.parse(path=str(p), format=fmt))  # type: ignore[arg-type]
    except SyntaxError as exc:
        raise RdfSyntaxError(f"{p}: not valid {fmt.name}: {exc}") from exc
    except (OSError, ValueError) as exc:
        raise RdfSyntaxError(f"{p}: cannot read: {exc}") from exc
    return store


def validate_file(
    path: str | os.PathLike[str], workers: int = 1, engine: Engine = "auto"
) -> ValidationReport:
    """Validate any RDF file: its graphs with the shapes, then the global rules."""
    store = load_rdf_file(path)
    return validate_store(store, workers=workers, engine=engine)
