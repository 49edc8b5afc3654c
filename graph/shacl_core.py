"""SHACL Core compiled to Python checks over pyoxigraph quads: the build's fast validator.

Why not pySHACL in the build: it runs ~5-9k triples/s (PERF-NOTES), so the ~millions of triples
of the UN record would take longer than the whole 10-minute budget. Our shapes use a small,
fixed part of SHACL Core (targets by class/node/subjects/objects; min/max count, datatype,
node kind, class, in, pattern, length, ranges, hasValue, or) on simple predicate paths. Those are
compiled once into plain data and checked per file graph at ~1M triples/s. A shape using any
other feature raises ``UnsupportedShapesError`` and the caller falls back to pySHACL, so a new
shape is never silently skipped. tests/graph/test_shacl_core.py checks that both engines find
the same (focus, path) violations on every fixture.

Semantics kept from SHACL: ``sh:targetClass``/``sh:class`` follow ``rdf:type`` and
``rdfs:subClassOf*`` stated in the validated data, ``sh:datatype`` also rejects ill-formed
literals of the common XSD types, ``sh:in`` compares RDF terms.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from wsiskg.graph.errors import GraphError
from wsiskg.graph.namespaces import SH

_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
_RDF_TYPE = str(RDF.type)
_SUBCLASS = str(RDFS.subClassOf)

# Lexical forms of the XSD types our data uses (ill-formed literals fail sh:datatype).
_LEXICAL: dict[str, re.Pattern[str]] = {
    _XSD + "integer": re.compile(r"^[+-]?\d+$"),
    _XSD + "nonNegativeInteger": re.compile(r"^\+?\d+$"),
    _XSD + "decimal": re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$"),
    _XSD + "boolean": re.compile(r"^(true|false|1|0)$"),
    _XSD + "date": re.compile(
        r"^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(Z|[+-]\d\d:\d\d)?$"
    ),
    _XSD + "gYear": re.compile(r"^-?\d{4,}(Z|[+-]\d\d:\d\d)?$"),
    _XSD + "gYearMonth": re.compile(r"^-?\d{4,}-(0[1-9]|1[0-2])(Z|[+-]\d\d:\d\d)?$"),
    _XSD + "duration": re.compile(
        r"^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
    ),
}
_INTEGER = _XSD + "integer"
_NUMERIC = {_XSD + t for t in ("integer", "nonNegativeInteger", "decimal", "double", "float")}

# Predicates a shape may carry; anything else in the sh: namespace is unsupported.
_PROPERTY_KEYS = {
    "path", "minCount", "maxCount", "datatype", "nodeKind", "class", "in", "pattern", "flags",
    "minLength", "maxLength", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive",
    "hasValue", "message", "severity", "name", "description", "order", "group", "deactivated",
}  # fmt: skip
_NODE_KEYS = (_PROPERTY_KEYS - {"path", "minCount", "maxCount"}) | {
    "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "property", "or",
}  # fmt: skip


class UnsupportedShapesError(GraphError):
    """The shapes use a SHACL feature this engine does not compile (use pySHACL)."""


Term = Any  # ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass(frozen=True)
class Finding:
    """One failed constraint before it becomes a ``validate.Violation``."""

    focus: Term
    path: str  # predicate IRI ("" for node-level constraints)
    message: str
    value: Term | None
    severity: str
    shape: str


@dataclass(frozen=True)
class ValueChecks:
    """Constraints on each value node (shared by node shapes and property shapes)."""

    datatype: str | None = None
    node_kind: str | None = None
    classes: tuple[str, ...] = ()
    in_values: frozenset[Term] | None = None
    pattern: re.Pattern[str] | None = None
    min_length: int | None = None
    max_length: int | None = None
    ranges: tuple[tuple[str, Term], ...] = ()  # (component, bound)

    def failures(self, value: Term, data: DataIndex) -> list[str]:
        """Names of the components ``value`` fails."""
        out: list[str] = []
        is_lit = isinstance(value, ox.Literal)
        if self.datatype is not None and not _has_datatype(value, self.datatype):
            out.append("datatype")
        if self.node_kind is not None and not _has_node_kind(value, self.node_kind):
            out.append("nodeKind")
        for cls in self.classes:
            if is_lit or not data.is_instance(value, cls):
                out.append("class")
        if self.in_values is not None and value not in self.in_values:
            out.append("in")
        if self.pattern is not None and (
            isinstance(value, ox.BlankNode) or not self.pattern.search(value.value)
        ):
            out.append("pattern")
        if self.min_length is not None or self.max_length is not None:
            n = len(value.value) if not isinstance(value, ox.BlankNode) else -1
            if n < 0 or (self.min_length is not None and n < self.min_length):
                out.append("minLength")
            elif self.max_length is not None and n > self.max_length:
                out.append("maxLength")
        for component, bound in self.ranges:
            if not _in_range(value, component, bound):
                out.append(component)
        return out


@dataclass(frozen=True)
class PropertyCheck:
    path: str
    values: ValueChecks
    min_count: int | None = None
    max_count: int | None = None
    has_value: Term | None = None
    message: str | None = None
    severity: str = "Violation"


@dataclass(frozen=True)
class NodeCheck:
    shape: str  # shape IRI, short names come later
    target_classes: tuple[str, ...] = ()
    target_nodes: tuple[Term, ...] = ()
    target_subjects_of: tuple[str, ...] = ()
    target_objects_of: tuple[str, ...] = ()
    values: ValueChecks = field(default_factory=ValueChecks)
    properties: tuple[PropertyCheck, ...] = ()
    alternatives: tuple[tuple[PropertyCheck, ...], ...] = ()  # sh:or of property shapes
    message: str | None = None
    severity: str = "Violation"


# ------------------------------------------------------------------------------ data
class DataIndex:
    """Subject → predicate → values of the graph under validation, plus its class hierarchy."""

    def __init__(self, triples: Iterable[ox.Triple | ox.Quad]) -> None:
        props: dict[Term, dict[str, set[Term]]] = {}
        objects_of: dict[str, set[Term]] = {}
        for t in triples:
            s = t.subject
            p = t.predicate.value
            by_pred = props.get(s)
            if by_pred is None:
                by_pred = props[s] = {}
            vals = by_pred.get(p)
            if vals is None:
                by_pred[p] = {t.object}
            else:
                vals.add(t.object)
        self.props = props
        self._objects_of = objects_of
        self.supers = self._superclasses()

    def _superclasses(self) -> dict[str, set[str]]:
        direct: dict[str, set[str]] = {}
        for s, by_pred in self.props.items():
            for o in by_pred.get(_SUBCLASS, ()):
                if isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode):
                    direct.setdefault(s.value, set()).add(o.value)
        closure: dict[str, set[str]] = {}
        for cls in direct:
            seen: set[str] = set()
            todo = [cls]
            while todo:
                for sup in direct.get(todo.pop(), ()):
                    if sup not in seen:
                        seen.add(sup)
                        todo.append(sup)
            closure[cls] = seen
        return closure

    def types(self, node: Term) -> set[str]:
        by_pred = self.props.get(node)
        if not by_pred:
            return set()
        direct = {t.value for t in by_pred.get(_RDF_TYPE, ()) if isinstance(t, ox.NamedNode)}
        if not self.supers:
            return direct
        out = set(direct)
        for t in direct:
            out |= self.supers.get(t, set())
        return out

    def is_instance(self, node: Term, cls: str) -> bool:
        return cls in self.types(node)

    def values(self, node: Term, path: str) -> set[Term]:
        by_pred = self.props.get(node)
        return by_pred.get(path, set()) if by_pred else set()

    def objects_of(self, predicate: str) -> set[Term]:
        found = self._objects_of.get(predicate)
        if found is None:
            found = set()
            for by_pred in self.props.values():
                found |= by_pred.get(predicate, set())
            self._objects_of[predicate] = found
        return found


def _has_datatype(value: Term, datatype: str) -> bool:
    if not isinstance(value, ox.Literal) or value.datatype.value != datatype:
        return False
    lexical = _LEXICAL.get(datatype)
    return lexical is None or bool(lexical.match(value.value))


_NODE_KINDS: dict[str, tuple[type, ...]] = {
    "IRI": (ox.NamedNode,),
    "BlankNode": (ox.BlankNode,),
    "Literal": (ox.Literal,),
    "BlankNodeOrIRI": (ox.NamedNode, ox.BlankNode),
    "IRIOrLiteral": (ox.NamedNode, ox.Literal),
    "BlankNodeOrLiteral": (ox.BlankNode, ox.Literal),
}


def _has_node_kind(value: Term, kind: str) -> bool:
    return isinstance(value, _NODE_KINDS[kind])


def _comparable(term: Term) -> Any:
    """A Python value to order ``term`` by, or None when it is not an ordered literal."""
    if not isinstance(term, ox.Literal):
        return None
    dt = term.datatype.value
    if dt == _INTEGER:
        try:
            return Decimal(int(term.value))
        except ValueError:
            return None
    if dt in _NUMERIC:
        try:
            return Decimal(term.value)
        except InvalidOperation:
            return None
    if dt in (_XSD + "date", _XSD + "gYear", _XSD + "gYearMonth", _XSD + "dateTime"):
        return (dt, term.value)
    return None


def _in_range(value: Term, component: str, bound: Term) -> bool:
    v, b = _comparable(value), _comparable(bound)
    if v is None or b is None or type(v) is not type(b):
        return False
    if isinstance(v, tuple) and v[0] != b[0]:
        return False
    return {
        "minInclusive": v >= b,
        "maxInclusive": v <= b,
        "minExclusive": v > b,
        "maxExclusive": v < b,
    }[component]


# ------------------------------------------------------------------------------ checking
_DEFAULT_MESSAGES: dict[str, Callable[[PropertyCheck | NodeCheck], str]] = {
    "minCount": lambda c: f"Less than {getattr(c, 'min_count', '')} values",
    "maxCount": lambda c: f"More than {getattr(c, 'max_count', '')} values",
    "hasValue": lambda c: "Missing the required value",
    "datatype": lambda c: f"Value is not a well-formed literal of datatype {c.values.datatype}",
    "nodeKind": lambda c: f"Value is not of node kind sh:{c.values.node_kind}",
    "class": lambda c: f"Value is not an instance of {', '.join(c.values.classes)}",
    "in": lambda c: "Value is not in the allowed list",
    "pattern": lambda c: (
        f"Value does not match pattern {c.values.pattern.pattern!r}"  # type: ignore[union-attr]
        if c.values.pattern
        else ""
    ),
    "minLength": lambda c: f"Value is shorter than {c.values.min_length} characters",
    "maxLength": lambda c: f"Value is longer than {c.values.max_length} characters",
    "or": lambda c: "Node does not conform to any shape of sh:or",
}


def _message(check: PropertyCheck | NodeCheck, component: str) -> str:
    if check.message:
        return check.message
    default = _DEFAULT_MESSAGES.get(component)
    return default(check) if default else f"Value fails sh:{component}"


def _property_findings(
    focus: Term, pc: PropertyCheck, data: DataIndex, shape: str
) -> list[Finding]:
    values = data.values(focus, pc.path)
    out: list[Finding] = []

    def add(component: str, value: Term | None) -> None:
        out.append(Finding(focus, pc.path, _message(pc, component), value, pc.severity, shape))

    n = len(values)
    if pc.min_count is not None and n < pc.min_count:
        add("minCount", None)
    if pc.max_count is not None and n > pc.max_count:
        add("maxCount", None)
    if pc.has_value is not None and pc.has_value not in values:
        add("hasValue", None)
    for value in values:
        for component in pc.values.failures(value, data):
            add(component, value)
    return out


def _focus_nodes(nc: NodeCheck, data: DataIndex, by_type: dict[str, list[Term]]) -> set[Term]:
    nodes: set[Term] = set(nc.target_nodes)
    for cls in nc.target_classes:
        nodes.update(by_type.get(cls, ()))
    for pred in nc.target_subjects_of:
        nodes.update(s for s, by_pred in data.props.items() if pred in by_pred)
    for pred in nc.target_objects_of:
        nodes |= data.objects_of(pred)
    return nodes


def check(shapes: Sequence[NodeCheck], triples: Iterable[ox.Triple | ox.Quad]) -> list[Finding]:
    """Every finding of ``shapes`` over the graph made of ``triples``."""
    data = DataIndex(triples)
    by_type: dict[str, list[Term]] = {}
    for s, by_pred in data.props.items():
        types = by_pred.get(_RDF_TYPE)
        if types:
            for cls in data.types(s):
                by_type.setdefault(cls, []).append(s)
    out: list[Finding] = []
    for nc in shapes:
        for focus in _focus_nodes(nc, data, by_type):
            for component in nc.values.failures(focus, data):
                out.append(
                    Finding(focus, "", _message(nc, component), focus, nc.severity, nc.shape)
                )
            for pc in nc.properties:
                out.extend(_property_findings(focus, pc, data, nc.shape))
            if nc.alternatives and not any(
                all(not _property_findings(focus, pc, data, nc.shape) for pc in alt)
                for alt in nc.alternatives
            ):
                out.append(Finding(focus, "", _message(nc, "or"), focus, nc.severity, nc.shape))
    return out


# ------------------------------------------------------------------------------ compiling
def _sh(name: str) -> URIRef:
    return URIRef(str(SH) + name)


def to_ox(term: Any) -> Term:
    """An rdflib term of the shapes graph as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise UnsupportedShapesError(f"unsupported term in shapes: {term!r}")


def _keys(g: Graph, node: Any, allowed: set[str], what: str) -> None:
    for p in set(g.predicates(node, None)):
        ps = str(p)
        if ps.startswith(str(SH)) and ps[len(str(SH)) :] not in allowed:
            raise UnsupportedShapesError(f"{what} {node}: sh:{ps[len(str(SH)) :]} is not compiled")


def _one(g: Graph, node: Any, name: str) -> Any:
    values = list(g.objects(node, _sh(name)))
    if len(values) > 1 and name not in ("class",):
        raise UnsupportedShapesError(f"{node}: more than one sh:{name}")
    return values[0] if values else None


def _int(g: Graph, node: Any, name: str) -> int | None:
    v = _one(g, node, name)
    return None if v is None else int(v)


def _severity(g: Graph, node: Any) -> str:
    sev = _one(g, node, "severity")
    return str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation"


def _value_checks(g: Graph, node: Any) -> ValueChecks:
    dt = _one(g, node, "datatype")
    kind = _one(g, node, "nodeKind")
    in_list = _one(g, node, "in")
    pattern = _one(g, node, "pattern")
    flags = str(_one(g, node, "flags") or "")
    re_flags = 0
    for f, rf in (("i", re.I), ("m", re.M), ("s", re.S), ("x", re.X)):
        if f in flags:
            re_flags |= rf
    ranges = tuple(
        (c, to_ox(_one(g, node, c)))
        for c in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive")
        if _one(g, node, c) is not None
    )
    return ValueChecks(
        datatype=str(dt) if dt is not None else None,
        node_kind=str(kind).rsplit("#", 1)[-1] if kind is not None else None,
        classes=tuple(sorted(str(c) for c in g.objects(node, _sh("class")))),
        in_values=frozenset(to_ox(v) for v in Collection(g, in_list))
        if in_list is not None
        else None,
        pattern=re.compile(str(pattern), re_flags) if pattern is not None else None,
        min_length=_int(g, node, "minLength"),
        max_length=_int(g, node, "maxLength"),
        ranges=ranges,
    )


def _property(g: Graph, node: Any) -> PropertyCheck:
    _keys(g, node, _PROPERTY_KEYS, "property shape")
    path = _one(g, node, "path")
    if not isinstance(path, URIRef):
        raise UnsupportedShapesError(f"property shape {node}: only predicate paths are compiled")
    has_value = _one(g, node, "hasValue")
    message = _one(g, node, "message")
    return PropertyCheck(
        path=str(path),
        values=_value_checks(g, node),
        min_count=_int(g, node, "minCount"),
        max_count=_int(g, node, "maxCount"),
        has_value=to_ox(has_value) if has_value is not None else None,
        message=str(message) if message is not None else None,
        severity=_severity(g, node),
    )


def _active(g: Graph, node: Any) -> bool:
    return str(_one(g, node, "deactivated") or "false").lower() != "true"


def compile_shapes(g: Graph) -> tuple[NodeCheck, ...]:
    """The node shapes of ``g`` as checks; ``UnsupportedShapesError`` for anything not compiled."""
    shapes = set(g.subjects(RDF.type, _sh("NodeShape")))
    for pred in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf"):
        shapes.update(g.subjects(_sh(pred), None))
    if set(g.subjects(RDF.type, _sh("PropertyShape"))) - set(g.objects(None, _sh("property"))):
        raise UnsupportedShapesError("stand-alone sh:PropertyShape targets are not compiled")
    out = []
    for node in sorted(shapes, key=str):
        _keys(g, node, _NODE_KEYS, "node shape")
        if not _active(g, node):
            continue
        alternatives = []
        for or_list in g.objects(node, _sh("or")):
            alt = []
            for member in Collection(g, or_list):
                if _one(g, member, "path") is None:
                    raise UnsupportedShapesError(f"{node}: sh:or members must be property shapes")
                alt.append((_property(g, member),))
            alternatives.append(tuple(alt))
        if len(alternatives) > 1:
            raise UnsupportedShapesError(f"{node}: more than one sh:or")
        message = _one(g, node, "message")
        out.append(
            NodeCheck(
                shape=str(node),
                target_classes=tuple(sorted(str(c) for c in g.objects(node, _sh("targetClass")))),
                target_nodes=tuple(to_ox(n) for n in g.objects(node, _sh("targetNode"))),
                target_subjects_of=tuple(str(p) for p in g.objects(node, _sh("targetSubjectsOf"))),
                target_objects_of=tuple(str(p) for p in g.objects(node, _sh("targetObjectsOf"))),
                values=_value_checks(g, node),
                properties=tuple(
                    _property(g, p)
                    for p in sorted(g.objects(node, _sh("property")), key=str)
                    if _active(g, p)
                ),
                alternatives=alternatives[0] if alternatives else (),
                message=str(message) if message is not None else None,
                severity=_severity(g, node),
            )
        )
    return tuple(out)
