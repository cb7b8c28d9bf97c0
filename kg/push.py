"""Publish a built graph to a SPARQL server.

Any server with the W3C protocols will do (Oxigraph, Jena Fuseki, GraphDB, Virtuoso):
triples go in N-Triples chunks to the SPARQL 1.1 Graph Store HTTP Protocol endpoint
(``POST /store?graph=IRI``); a replacement is finished with one SPARQL 1.1 Update.

Where the graph goes: the named graph ``DEFAULT_GRAPH`` unless ``named_graph`` says
otherwise. A fixed IRI, not one derived from the build folder, because it is the same on
every laptop and in every folder: a team's pushes replace one another instead of piling
up as one graph per machine, and queries can name it (``FROM``, ``GRAPH`` or the
protocol's ``default-graph-uri``) without knowing who pushed last.

Why a replacement is all or nothing: its chunks go into a fresh staging graph
(``urn:kg:push:<uuid>``), never into the target, and one update request,
``MOVE GRAPH <staging> TO GRAPH <target>``, then swaps them in. Servers run one update
request as one transaction (Oxigraph, Fuseki with TDB2, GraphDB), so a query sees the old
graph or the new one, never a mix; a push that fails or is interrupted drops its staging
graph and leaves the target as it was. (A Graph Store ``PUT`` would not do: Oxigraph
clears the graph and loads the new one in two transactions, and one request cannot be
chunked.) Without ``replace``, chunks are added to the target directly, each in its own
transaction: an interrupted push has added part of the graph, and running it again adds
the rest. Pushing twice adds nothing either way, for RDF graphs are sets.

Credentials and HTTP errors: ``kg.http``.
"""
from __future__ import annotations

import contextlib
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from .errors import EndpointError, InputError
from .http import TIMEOUT, Unreachable, display_url, http_request

DEFAULT_GRAPH = "https://w3id.org/kg/graph"
CHUNK_TRIPLES = 5_000  # ~0.7 MB of kg N-Triples: under the 1 MB request limit of a default nginx
_STAGING_PREFIX = "urn:kg:push:"
_MOVE_SECONDS_PER_TRIPLE = 0.002  # the swap copies every triple: a busy Oxigraph does ~2,500 a second

# Where a server keeps its SPARQL Update endpoint, next to its Graph Store endpoint.
_UPDATE_BESIDE_STORE = {
    "/store": "/update",                    # Oxigraph
    "/data": "/update",                     # Jena Fuseki: /DATASET/data
    "/rdf-graphs/service": "/statements",   # GraphDB, RDF4J: /repositories/ID/...
    "/sparql-graph-crud-auth": "/sparql-auth",  # Virtuoso
    "/sparql-graph-crud": "/sparql",        # Virtuoso
}

Progress = Callable[[int], None]


@dataclass
class PushReport:
    endpoint: str
    named_graph: str
    triples: int
    chunks: int
    replaced: bool
    seconds: float

    def summary(self) -> str:
        how = "replaced" if self.replaced else "added to"
        chunks = f"{self.chunks} chunk{'s' if self.chunks != 1 else ''}"
        return (f"{how} graph <{self.named_graph}> at {self.endpoint}: "
                f"{self.triples} triples in {chunks}, {self.seconds:.1f} s")


def push(graph: str | Path = "output", endpoint: str = "", *, named_graph: str = DEFAULT_GRAPH,
         replace: bool = False, update_endpoint: str | None = None,
         chunk_triples: int = CHUNK_TRIPLES, timeout: float = TIMEOUT,
         on_start: Progress | None = None, progress: Progress | None = None,
         on_swap: Callable[[], None] | None = None) -> PushReport:
    """Upload the graph that ``graph`` names into ``named_graph`` at a Graph Store endpoint.

    Parameters
    ----------
    graph : a build folder or a graph file.
    endpoint : the SPARQL 1.1 Graph Store HTTP Protocol URL, e.g. Oxigraph's
        ``http://localhost:7878/store``.
    named_graph : the IRI of the graph to write.
    replace : leave the graph holding exactly this graph, all at once (else add to it).
    update_endpoint : the SPARQL 1.1 Update URL that ``replace`` needs; by default
        found beside ``endpoint`` (Oxigraph's ``/store`` has ``/update``).
    chunk_triples : triples per upload request.
    timeout : seconds to wait for each answer; the final swap gets more, as it copies.
    on_start, progress : called with the number of triples to send, and as they are sent.
    on_swap : called when ``replace`` has sent everything and the server starts the swap.
    """
    start = time.perf_counter()
    store_url, target = endpoint_url(endpoint), graph_iri(named_graph)
    update_url = None
    if replace:
        update_url = endpoint_url(update_endpoint) if update_endpoint else update_url_beside(store_url)
    if chunk_triples < 1:
        raise InputError("chunk size must be at least 1 triple")
    with tempfile.TemporaryFile() as ntriples:
        total = write_ntriples(graph, ntriples)
        if on_start:
            on_start(total)
        if replace:
            chunks = _replace(store_url, update_url, target, ntriples, total, chunk_triples, timeout,
                              progress, on_swap)
        else:
            chunks = _upload(store_url, target, ntriples, chunk_triples, timeout, progress)
    return PushReport(store_url, target, total, chunks, replace, time.perf_counter() - start)


def _upload(store_url: str, graph: str, ntriples, size: int, timeout: float,
            progress: Progress | None) -> int:
    """POST the N-Triples file in chunks into ``graph``; the number of chunks."""
    chunks = 0
    for chunk, count in ntriples_chunks(ntriples, size):
        post_chunk(store_url, graph, chunk, timeout)
        chunks += 1
        if progress:
            progress(count)
    return chunks


def _replace(store_url: str, update_url: str, target: str, ntriples, total: int, size: int,
             timeout: float, progress: Progress | None, on_swap: Callable[[], None] | None) -> int:
    """Stage the triples in a graph of their own, then swap it in with one update."""
    staging = f"{_STAGING_PREFIX}{uuid.uuid4().hex}"
    try:
        chunks = _upload(store_url, staging, ntriples, size, timeout, progress)
    except BaseException as err:
        if not isinstance(err, Unreachable):
            _drop_quietly(update_url, staging, timeout)
        raise
    # MOVE fails on a graph that does not exist: an empty graph is a DROP. (Both IRIs are
    # checked IRIs, so neither can hold a ">" that would end it early.)
    swap = f"MOVE GRAPH <{staging}> TO GRAPH <{target}>" if chunks else f"DROP SILENT GRAPH <{target}>"
    if on_swap:
        on_swap()
    try:
        update(update_url, swap, timeout + total * _MOVE_SECONDS_PER_TRIPLE)
    except BaseException as err:
        _drop_quietly(update_url, staging, timeout)  # after a MOVE, a no-op
        if isinstance(err, EndpointError):
            raise EndpointError(f"{err} (the server holds the old graph, or the new one if it "
                                "still finishes the swap)") from None
        raise
    return chunks


def _drop_quietly(update_url: str, staging: str, timeout: float) -> None:
    """Best effort: a failed push should leave no staging graph behind."""
    with contextlib.suppress(EndpointError):
        update(update_url, f"DROP SILENT GRAPH <{staging}>", min(timeout, 10.0))


# --- the graph as N-Triples chunks -----------------------------------------------------------

def write_ntriples(graph: str | Path, out) -> int:
    """Write the graph's triples to the binary file ``out`` as N-Triples; their number."""
    import pyoxigraph

    from .store import load_store, resolve_graph

    store = load_store(graph)
    if any(True for _ in store.named_graphs()):
        raise InputError(f"{resolve_graph(graph)}: has named graphs; push sends a single graph")
    store.dump(out, format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
    return len(store)


def ntriples_chunks(ntriples, size: int) -> Iterator[tuple[bytes, int]]:
    """Chunks of at most ``size`` lines of an N-Triples file, and their line counts.

    A blank node's label means the same node only within one request, so every line that
    may name a blank node waits for one last chunk of its own, whatever its size.
    """
    ntriples.seek(0)
    lines, blank = [], []
    for line in ntriples:
        if b"_:" in line:  # also catches literals with "_:" in them: harmless
            blank.append(line)
            continue
        lines.append(line)
        if len(lines) == size:
            yield b"".join(lines), len(lines)
            lines = []
    if lines:
        yield b"".join(lines), len(lines)
    if blank:
        yield b"".join(blank), len(blank)


# --- the protocols -----------------------------------------------------------------------------

def post_chunk(store_url: str, named_graph: str, ntriples: bytes, timeout: float = TIMEOUT) -> None:
    """Add N-Triples to a named graph with the Graph Store protocol's POST."""
    http_request("POST", with_params(store_url, graph=named_graph), body=ntriples,
                 headers={"Content-Type": "application/n-triples"}, timeout=timeout)


def update(update_url: str, text: str, timeout: float = TIMEOUT) -> None:
    """Run a SPARQL 1.1 Update with the protocol's direct POST."""
    http_request("POST", update_url, body=text.encode("utf-8"),
                 headers={"Content-Type": "application/sparql-update; charset=utf-8"},
                 timeout=timeout)


def endpoint_url(url: str) -> str:
    """``url`` checked for use as an endpoint: http(s), and no credentials in it."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"not an http(s) endpoint URL: {display_url(url)!r}")
    if parts.username is not None or parts.password is not None:
        raise InputError("put endpoint credentials in KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD "
                         "(or KG_ENDPOINT_TOKEN, or ~/.netrc), not in the URL")
    if any(key in ("graph", "default") for key, _ in parse_qsl(parts.query, keep_blank_values=True)):
        raise InputError("name the graph with --named-graph, not in the endpoint URL")
    return url


def update_url_beside(store_url: str) -> str:
    """The SPARQL Update URL of the server whose Graph Store URL is ``store_url``."""
    parts = urlsplit(store_url)
    path = parts.path.rstrip("/")
    for store_end, update_end in _UPDATE_BESIDE_STORE.items():
        if path.endswith(store_end):
            return urlunsplit(parts._replace(path=path[: -len(store_end)] + update_end))
    raise InputError(f"cannot tell where the SPARQL Update endpoint of {display_url(store_url)} is: "
                     "name it with --update-endpoint")


def graph_iri(iri: str) -> str:
    """``iri`` checked to be an absolute IRI, as a named graph's name must be."""
    import pyoxigraph

    try:
        return pyoxigraph.NamedNode(iri).value
    except ValueError as err:
        raise InputError(f"not an absolute IRI for a named graph: {iri!r} ({err})") from None


def with_params(url: str, **params: str) -> str:
    parts = urlsplit(url)
    query = "&".join(q for q in (parts.query, urlencode(params, quote_via=quote)) if q)
    return urlunsplit(parts._replace(query=query))
