"""Read-only SPARQL 1.1 queries over a built graph or a remote endpoint.

``run_query`` answers SELECT, ASK, CONSTRUCT and DESCRIBE with the project's prefixes
(``kg:``, ``ent:``, ``paper:`` ...) declared, locally on the Oxigraph store beside the
graph (see ``kg.store.open_store``) or on a SPARQL 1.1 Protocol endpoint. Updates are
refused before anything runs. A ``QueryResult`` renders as a terminal table, as the W3C
SPARQL results formats (JSON, CSV, TSV) or, for graph results, as Turtle.
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from .errors import EndpointError, QueryError
from .namespaces import PREFIXES, sparql_prefixes

FORMATS = ("table", "csv", "tsv", "json", "turtle")
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
_KINDS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}
_TRIPLE_VARIABLES = ("subject", "predicate", "object")
_MAX_CELL = 80  # terminal columns of one table cell


@dataclass
class QueryResult:
    """The answer to a query.

    ``kind`` is ``"select"``, ``"ask"`` or ``"graph"`` (CONSTRUCT and DESCRIBE).
    ``variables`` names the columns of ``rows``: the SELECT variables; ``("boolean",)``
    for ASK, whose one row holds a Python ``bool``; ``("subject", "predicate",
    "object")`` for graph results, whose rows are triples. Terms are rdflib ``URIRef``,
    ``BNode`` and ``Literal`` (``xsd:string`` literals are plain, as rdflib parses
    them); an unbound variable is ``None``.
    """

    kind: str
    variables: tuple[str, ...]
    rows: list[tuple]

    @property
    def boolean(self) -> bool:
        """The answer of an ASK query."""
        if self.kind != "ask":
            raise QueryError(f"a {self.kind} result has no boolean answer")
        return self.rows[0][0]

    def render(self, fmt: str) -> str:
        """The result as text: ``table``, ``csv``, ``tsv``, ``json`` or ``turtle``.

        Graph results print as Turtle for ``table`` and ``turtle``, and as rows of
        subject, predicate and object for the tabular formats.
        """
        if fmt == "turtle" or (fmt == "table" and self.kind == "graph"):
            if self.kind != "graph":
                raise QueryError("turtle output is for CONSTRUCT and DESCRIBE queries")
            return _turtle(self.rows)
        if fmt not in _RENDERERS:
            raise QueryError(f"unknown output format {fmt!r} (use one of {', '.join(FORMATS)})")
        return _RENDERERS[fmt](self)


def run_query(text: str, *, graph: str | Path = "output", endpoint: str | None = None,
              timeout: float = 30.0) -> QueryResult:
    """Answer a read-only SPARQL query on a built graph, or on ``endpoint`` when given.

    ``graph`` is a build folder or graph file; ``timeout`` (seconds) bounds the wait
    for an endpoint. Raises ``QueryError`` for updates and malformed queries,
    ``EndpointError`` when the endpoint refuses, fails or does not answer.
    """
    form = query_form(text)
    if endpoint:
        return _run_remote(text, form, endpoint, timeout)
    return _run_local(text, graph)


# --- what a query is ---------------------------------------------------------------------

# The prologue (BASE and PREFIX declarations, comments) comes before the keyword that
# says what a request is; string literals, which could hold any keyword, come after it.
_PROLOGUE_ITEM = re.compile(r"""
    \s+ | \#[^\n]*
  | BASE \s* <[^<>]*>
  | PREFIX \s+ [^\s:]* : \s* <[^<>]*>
""", re.IGNORECASE | re.VERBOSE)
_KEYWORD = re.compile(r"[A-Za-z]*")
_TOKEN = re.compile(r"[^\s{(]*")


def query_form(text: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``: the form of a query.

    Raises ``QueryError`` for a SPARQL update, or when no query form follows the prologue.
    """
    position = 0
    while (item := _PROLOGUE_ITEM.match(text, position)) and item.end() > position:
        position = item.end()
    form = _KEYWORD.match(text, position)[0].upper()
    if form in UPDATE_FORMS:
        raise QueryError(f"queries are read-only: {form} is a SPARQL update "
                         f"(use {', '.join(QUERY_FORMS[:-1])} or {QUERY_FORMS[-1]})")
    if form not in QUERY_FORMS:
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        token = _TOKEN.match(text, position)[0]
        found = f"{token[:20]!r}" if token else "the end of the query"
        raise QueryError(f"syntax error at line {line}, column {column}: expected "
                         f"{', '.join(QUERY_FORMS[:-1])} or {QUERY_FORMS[-1]}, found {found}")
    return form


# --- running it --------------------------------------------------------------------------

def _run_local(text: str, graph: str | Path) -> QueryResult:
    import pyoxigraph

    from .store import PREFIX_IRIS, open_store

    store = open_store(graph)
    try:
        answer = store.query(text, prefixes=PREFIX_IRIS)
        if isinstance(answer, pyoxigraph.QueryBoolean):
            return QueryResult("ask", ("boolean",), [(bool(answer),)])
        if isinstance(answer, pyoxigraph.QueryTriples):
            return _graph_result(answer)
        variables = tuple(v.value for v in answer.variables)
        rows = [tuple(_rdflib_term(solution[i]) for i in range(len(variables))) for solution in answer]
        return QueryResult("select", variables, rows)
    except SyntaxError as err:
        raise _syntax_error(err) from None
    except OSError as err:
        raise QueryError(f"the query failed: {err}") from None


def _syntax_error(err: SyntaxError) -> QueryError:
    """Oxigraph's parse error as one line that names the line and column."""
    message = str(err)
    found = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    if not found:
        return QueryError(f"syntax error: {message.splitlines()[0] if message else 'invalid query'}")
    # "[_]" is the parser's "any character": no help to a reader.
    detail = "unknown prefix" if "Prefix not found" in found[3] else found[3].splitlines()[0].replace(", [_]", "")
    if len(detail) > 100:
        detail = detail[:99].rsplit(", ", 1)[0] + ", …"
    return QueryError(f"syntax error at line {found[1]}, column {found[2]}: {detail}")


def _graph_result(triples) -> QueryResult:
    """Oxigraph triples as a graph result, in a stable order."""
    rows = {(_rdflib_term(t.subject), _rdflib_term(t.predicate), _rdflib_term(t.object)) for t in triples}
    return QueryResult("graph", _TRIPLE_VARIABLES, sorted(rows, key=lambda row: [x.n3() for x in row]))


def _rdflib_term(node):
    """The rdflib term of an Oxigraph term (``None`` stays ``None``)."""
    import pyoxigraph

    if node is None:
        return None
    if isinstance(node, pyoxigraph.NamedNode):
        return URIRef(node.value)
    if isinstance(node, pyoxigraph.BlankNode):
        return BNode(node.value)
    if isinstance(node, pyoxigraph.Literal):
        if node.language:
            return Literal(node.value, lang=node.language)
        datatype = node.datatype.value
        return Literal(node.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))
    raise QueryError(f"results hold a term kg cannot show: {node}")


# --- remote endpoints --------------------------------------------------------------------

_ACCEPT = {"select": "application/sparql-results+json", "ask": "application/sparql-results+json",
           "graph": "text/turtle"}


def _run_remote(text: str, form: str, endpoint: str, timeout: float) -> QueryResult:
    if not re.match(r"https?://", endpoint, re.IGNORECASE):
        raise EndpointError(f"{endpoint}: an endpoint is an http:// or https:// URL")
    kind = _KINDS[form]
    body, media_type = _post(endpoint, sparql_prefixes() + text, _ACCEPT[kind], timeout)
    if kind == "graph":
        return _graph_from_rdf(body, media_type, endpoint)
    return _result_from_json(body, endpoint)


def _post(endpoint: str, query: str, accept: str, timeout: float) -> tuple[bytes, str]:
    """The body and media type of the endpoint's answer to a SPARQL Protocol POST."""
    from .http import http_request

    answer = http_request("POST", endpoint, body=query.encode("utf-8"), timeout=timeout, headers={
        "Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept})
    return answer.body, answer.content_type.split(";")[0].strip()


def _result_from_json(body: bytes, endpoint: str) -> QueryResult:
    try:
        data = json.loads(body)
        if "boolean" in data:
            return QueryResult("ask", ("boolean",), [(bool(data["boolean"]),)])
        variables = tuple(data["head"]["vars"])
        rows = [tuple(_json_to_term(binding.get(v)) for v in variables)
                for binding in data["results"]["bindings"]]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise EndpointError(f"{endpoint} did not answer with SPARQL JSON results") from None
    return QueryResult("select", variables, rows)


def _json_to_term(value: dict | None):
    if value is None:
        return None
    kind, text = value["type"], value["value"]
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        datatype = value.get("datatype")
        if datatype == str(XSD.string):
            datatype = None
        return Literal(text, lang=value.get("xml:lang"), datatype=URIRef(datatype) if datatype else None)
    raise KeyError(kind)


def _graph_from_rdf(body: bytes, media_type: str, endpoint: str) -> QueryResult:
    import pyoxigraph

    try:
        rdf_format = pyoxigraph.RdfFormat.from_media_type(media_type) or pyoxigraph.RdfFormat.TURTLE
        triples = list(pyoxigraph.parse(body, format=rdf_format))
    except (SyntaxError, ValueError):
        raise EndpointError(f"{endpoint} did not answer with RDF in Turtle") from None
    return _graph_result(triples)


# --- rendering ---------------------------------------------------------------------------

def _render_json(result: QueryResult) -> str:
    if result.kind == "ask":
        data = {"head": {}, "boolean": result.boolean}
    else:
        data = {"head": {"vars": list(result.variables)},
                "results": {"bindings": [
                    {v: _term_to_json(t) for v, t in zip(result.variables, row) if t is not None}
                    for row in result.rows]}}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _term_to_json(node) -> dict:
    if isinstance(node, Literal):
        value = {"type": "literal", "value": str(node)}
        if node.language:
            value["xml:lang"] = node.language
        elif node.datatype:
            value["datatype"] = str(node.datatype)
        return value
    return {"type": "bnode" if isinstance(node, BNode) else "uri", "value": str(node)}


def _render_csv(result: QueryResult) -> str:
    """W3C SPARQL 1.1 CSV: bare values, CRLF line ends (for ASK, just ``true``/``false``)."""
    if result.kind == "ask":
        return "true\r\n" if result.boolean else "false\r\n"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t) for t in row])
    return out.getvalue()


def _render_tsv(result: QueryResult) -> str:
    """W3C SPARQL 1.1 TSV: terms in Turtle syntax, numbers and booleans bare."""
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


_BARE = {XSD.integer: r"[+-]?\d+", XSD.decimal: r"[+-]?\d*\.\d+",
         XSD.double: r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+", XSD.boolean: r"true|false"}
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _tsv_term(node) -> str:
    if node is None:
        return ""
    if isinstance(node, Literal):
        text = str(node)
        if node.datatype in _BARE and re.fullmatch(_BARE[node.datatype], text):
            return text
        quoted = f'"{text.translate(_ESCAPES)}"'
        if node.language:
            return f"{quoted}@{node.language}"
        return f"{quoted}^^<{node.datatype}>" if node.datatype else quoted
    return f"_:{node}" if isinstance(node, BNode) else f"<{node}>"


def _render_table(result: QueryResult) -> str:
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    rows = [[short(t) for t in row] for row in result.rows]
    return render_table(result.variables, rows)


_NAMESPACES = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))


def short(node) -> str:
    """A term as a reader wants it in a table: prefixed name, or a literal's text."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        text = str(node)
        for namespace, prefix in _NAMESPACES:
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace):]}"
        return f"<{text}>"
    return f"_:{node}" if isinstance(node, BNode) else str(node)


def render_table(headers, rows) -> str:
    """Rows of strings as an aligned text table, with a count of rows below it.

    Long cells are cut to 80 terminal columns; Chinese characters count as two.
    """
    cells = [[_cut(" ".join(str(c).split())) for c in row] for row in rows]
    widths = [max([_width(h)] + [_width(row[i]) for row in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(_pad(h, w) for h, w in zip(headers, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'' if len(cells) == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _cut(text: str) -> str:
    if _width(text) <= _MAX_CELL:
        return text
    text = text[:_MAX_CELL]
    while _width(text) > _MAX_CELL - 1:
        text = text[:-1]
    return text + "…"


def _turtle(triples) -> str:
    """Triples as Turtle with the project's prefixes, in the order given."""
    import pyoxigraph

    from .store import PREFIX_IRIS

    return pyoxigraph.serialize([pyoxigraph.Triple(*map(_oxigraph_term, t)) for t in triples],
                                format=pyoxigraph.RdfFormat.TURTLE,
                                prefixes=PREFIX_IRIS).decode("utf-8")


def _oxigraph_term(node):
    import pyoxigraph

    if isinstance(node, Literal):
        if node.language:
            return pyoxigraph.Literal(str(node), language=node.language)
        return pyoxigraph.Literal(str(node), datatype=pyoxigraph.NamedNode(str(node.datatype or XSD.string)))
    if isinstance(node, BNode):
        return pyoxigraph.BlankNode(str(node))
    return pyoxigraph.NamedNode(str(node))


_RENDERERS = {"table": _render_table, "csv": _render_csv, "tsv": _render_tsv, "json": _render_json}
