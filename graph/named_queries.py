"""Named SPARQL queries: queries/*.rq with a grlc-style header, parameters bound safely.

A query file starts with ``#+ key: value`` lines (name, summary, description, params, returns)
and declares its own PREFIXes, so it runs unchanged in any SPARQL tool. Parameters are bound
with pyoxigraph ``substitutions`` (SEP-0007), never by pasting text into the query. Parameters
are plain ids (actor id, document id, anchor, date) matched against ``skos:notation`` /
``dcterms:identifier`` in the query, so queries do not depend on the base IRI.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from wsiskg import paths
from wsiskg.graph.errors import QueryError

PARAM_KINDS = ("string", "date", "integer", "iri")
FORMATS = ("table", "csv", "tsv", "json")
_HEADER = re.compile(r"^#\+\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((.*)\))?$")
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Param:
    """``body (string, required, an actor id such as CSTD-Chair)``."""

    name: str
    kind: str = "string"
    required: bool = False
    description: str = ""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    summary: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    returns: tuple[str, ...] = ()
    path: Path | None = None
    header: dict[str, str] = field(default_factory=dict)

    def bind(self, params: dict[str, str]) -> dict[ox.Variable, Any]:
        """Parameter strings → substitutions; errors name the query and the parameter."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(params) - set(known))
        if unknown:
            raise QueryError(
                f"query {self.name}: unknown parameter(s) {', '.join(unknown)}; "
                f"it takes: {', '.join(known) or 'none'}"
            )
        out: dict[ox.Variable, Any] = {}
        projected = set(_projected_cached(self.text))
        for p in self.params:
            if p.name in params and p.name not in projected:
                raise QueryError(
                    f"query {self.name}: parameter {p.name} is not a projected variable; "
                    "pyoxigraph binds parameters through the SELECT projection"
                )
            value = params.get(p.name)
            if value is None or value == "":
                if p.required:
                    raise QueryError(f"query {self.name}: parameter {p.name} is required")
                continue
            out[ox.Variable(p.name)] = _term(self.name, p, value)
        return out


def _term(query: str, p: Param, value: str) -> Any:
    if p.kind == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            raise QueryError(
                f"query {query}: parameter {p.name} must be a date YYYY-MM-DD, got {value!r}"
            ) from None
        return ox.Literal(value, datatype=ox.NamedNode(_XSD + "date"))
    if p.kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise QueryError(f"query {query}: parameter {p.name} must be an integer")
        return ox.Literal(value, datatype=ox.NamedNode(_XSD + "integer"))
    if p.kind == "iri":
        try:
            return ox.NamedNode(value)
        except ValueError as exc:
            raise QueryError(f"query {query}: parameter {p.name}: bad IRI {value!r}") from exc
    return ox.Literal(value)


def _split_top(spec: str) -> list[str]:
    """Split on commas/semicolons outside parentheses: ``a (x, y), b (z)`` → two params."""
    chunks: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in spec:
        depth += (ch == "(") - (ch == ")")
        if ch in ",;" and depth == 0:
            chunks.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    chunks.append("".join(cur).strip())
    return [c for c in chunks if c]


def parse_params(spec: str, where: str) -> tuple[Param, ...]:
    out = []
    for chunk in _split_top(spec):
        m = _PARAM.match(chunk)
        if not m:
            raise QueryError(f"{where}: cannot read parameter {chunk!r}")
        name, inner = m.group(1), m.group(2) or ""
        bits = [b.strip() for b in inner.split(",") if b.strip()]
        kind = bits.pop(0) if bits and bits[0] in PARAM_KINDS else "string"
        required = "required" in bits
        desc = ", ".join(b for b in bits if b not in ("required", "optional"))
        out.append(Param(name, kind, required, desc))
    return tuple(out)


def parse_query(text: str, name: str | None = None, path: Path | None = None) -> NamedQuery:
    """Read the header of a query text; the SPARQL itself is checked by ``check``."""
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if m:
            header[m.group(1).lower()] = m.group(2)
    where = str(path or name or "query")
    qname = header.get("name") or name or (path.stem if path else "query")
    return NamedQuery(
        name=qname,
        text=text,
        summary=header.get("summary", ""),
        description=header.get("description", ""),
        params=parse_params(header.get("params", ""), where),
        returns=tuple(header.get("returns", "").split()),
        path=path,
        header=header,
    )


def projected_variables(text: str) -> tuple[str, ...]:
    """The variables a SELECT query projects (asks pyoxigraph, so the parse is the real one)."""
    try:
        result = ox.Store().query(text)
    except SyntaxError as exc:
        raise QueryError(f"bad SPARQL: {exc}") from exc
    if not isinstance(result, ox.QuerySolutions):
        return ()
    return tuple(v.value for v in result.variables)


@lru_cache(maxsize=256)
def _projected_cached(text: str) -> tuple[str, ...]:
    return projected_variables(text)


def check(q: NamedQuery) -> None:
    """Fail fast on a query that does not parse or whose header lies about its columns."""
    where = str(q.path or q.name)
    if not q.summary:
        raise QueryError(f"{where}: the header needs '#+ summary: ...'")
    try:
        projected = projected_variables(q.text)
    except QueryError as exc:
        raise QueryError(f"{where}: {exc}") from exc
    if q.returns and tuple(q.returns) != projected:
        raise QueryError(
            f"{where}: '#+ returns: {' '.join(q.returns)}' but the query projects "
            f"{' '.join(projected)}"
        )


@lru_cache(maxsize=4)
def _load(folder: str) -> dict[str, NamedQuery]:
    out: dict[str, NamedQuery] = {}
    for path in sorted(Path(folder).glob("*.rq")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{path}: cannot read: {exc}") from exc
        q = parse_query(text, name=path.stem, path=path)
        if q.name != path.stem:
            raise QueryError(f"{path}: '#+ name: {q.name}' differs from the file name")
        check(q)
        out[q.name] = q
    return out


def load_named_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """All queries/*.rq by name, checked at load (fail fast)."""
    return dict(_load(str(folder or paths.queries_dir())))


def get_query(name: str, folder: Path | None = None) -> NamedQuery:
    queries = load_named_queries(folder)
    if name not in queries:
        raise QueryError(f"no named query {name!r}; known: {', '.join(sorted(queries))}")
    return queries[name]


def load_query_file(path: str | Path) -> NamedQuery:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{p}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{p}: cannot read: {exc}") from exc
    if not text.strip():
        raise QueryError(f"{p}: file is empty")
    q = parse_query(text, name=p.stem, path=p)
    try:
        projected_variables(q.text)
    except QueryError as exc:
        raise QueryError(f"{p}: {exc}") from exc
    return q


# ------------------------------------------------------------------------------ running
@dataclass(frozen=True)
class QueryResult:
    """A SELECT result as plain strings (IRIs as IRIs, literals as their lexical form)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]

    def records(self) -> list[dict[str, str | None]]:
        return [dict(zip(self.columns, r, strict=True)) for r in self.rows]


def _text(term: Any) -> str | None:
    if term is None:
        return None
    return str(term.value)


_CONSTRUCT = re.compile(r"(?is)(?:\s|#[^\n]*|(?:PREFIX|BASE)\s[^>]*>)*CONSTRUCT\b")
_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")


def _where_brace(text: str) -> int:
    """Offset of the ``{`` that opens the outermost WHERE group (-1 if none is found).

    A small scanner that skips comments, IRIs and string literals, so a brace or the word
    WHERE inside them is never taken for syntax.
    """
    i, n = 0, len(text)
    after_where = not _CONSTRUCT.match(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif ch == "<" and (iri := _IRI.match(text, i)):
            i = iri.end()
        elif ch in "'\"":
            quote = text[i : i + 3] if text[i : i + 3] in ("'''", '"""') else ch
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote)
        elif ch == "{" and after_where:
            return i
        elif text[i : i + 5].upper() == "WHERE" and not text[i - 1 : i].isalnum():
            after_where = True
            i += 5
        else:
            i += 1
    return -1


def inline_values(query_text: str, substitutions: dict[ox.Variable, Any]) -> str:
    """Bind parameters as a ``VALUES`` block at the head of the outermost WHERE group.

    pyoxigraph plans a query without seeing ``substitutions``, so a bound parameter cannot
    steer the join order (``tasks-for-body`` took 1.3 s that way on the full record, 2 ms with
    ``VALUES``). The terms are pyoxigraph terms written by their own serializer, which escapes
    them: user text is never spliced into the query as syntax.
    """
    if not substitutions:
        return query_text
    brace = _where_brace(query_text)
    if brace < 0:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    names = " ".join(str(v) for v in substitutions)
    terms = " ".join(str(t) for t in substitutions.values())
    block = f" VALUES ({names}) {{ ({terms}) }}"
    return query_text[: brace + 1] + block + query_text[brace + 1 :]


def run(
    store: ox.Store, query_text: str, substitutions: dict[ox.Variable, Any] | None = None
) -> QueryResult:
    """Run a SELECT (or ASK) over the union of all named graphs, parameters bound first."""
    try:
        result = store.query(
            inline_values(query_text, substitutions or {}), use_default_graph_as_union=True
        )
    except SyntaxError as exc:
        raise QueryError(f"bad SPARQL: {exc}") from exc
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from exc
    if isinstance(result, bool) or isinstance(result, ox.QueryBoolean):
        return QueryResult(("result",), ((str(bool(result)).lower(),),))
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("only SELECT and ASK queries can be run here (use CONSTRUCT elsewhere)")
    columns = tuple(v.value for v in result.variables)
    rows = tuple(tuple(_text(sol[c]) for c in columns) for sol in result)
    return QueryResult(columns, rows)


def run_named(store: ox.Store, name: str, params: dict[str, str] | None = None) -> QueryResult:
    q = get_query(name)
    return run(store, q.text, q.bind(params or {}))


def format_result(result: QueryResult, fmt: str) -> str:
    """csv, tsv or json text (``table`` is drawn by the CLI with rich)."""
    if fmt == "json":
        return json.dumps(result.records(), ensure_ascii=False, indent=2)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow(["" if v is None else v for v in row])
        return buf.getvalue()
    if fmt == "table":
        widths = [
            max([len(c), *(len(r[i] or "") for r in result.rows)])
            for i, c in enumerate(result.columns)
        ]
        lines = ["  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True))]
        for row in result.rows:
            cells = ((v or "").ljust(w) for v, w in zip(row, widths, strict=True))
            lines.append("  ".join(cells))
        return "\n".join(lines) + "\n"
    raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def parse_param_args(args: Sequence[str]) -> dict[str, str]:
    """``["body=CSTD-Chair", "as_of=2016-01-01"]`` → dict; errors name the bad argument."""
    out: dict[str, str] = {}
    for arg in args:
        key, sep, value = arg.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param expects key=value, got {arg!r}")
        out[key.strip()] = value.strip()
    return out
