"""kg serve and kg push against real SPARQL servers (Oxigraph, kg serve) and failing stubs.

Every server listens on 127.0.0.1 on a free port; every wait is bounded.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import EndpointError
from kg.push import DEFAULT_GRAPH, ntriples_chunks, push, update_url_beside
from kg.query import run_query
from kg.server import _view_file, oxigraph_binary
from kg.store import load_store

ROOT = Path(__file__).resolve().parents[1]
PAPERS = "PREFIX kg: <https://w3id.org/kg/ontology#> SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Paper }"
IN_GRAPH = "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
STARTUP = 60.0  # seconds; a loaded 2-core machine can be slow to start a server
ENV = {**os.environ, "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}


def _oxigraph() -> Path:
    try:
        return oxigraph_binary()
    except Exception:  # noqa: BLE001
        pytest.skip("needs the Oxigraph server: pip install oxigraph")


# --- fixtures ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def seeds(seeds_graph) -> Path:
    """The shared build folder of the seeds (tests that serve it copy it first)."""
    return seeds_graph


@pytest.fixture(scope="session")
def local_triples(seeds) -> int:
    return len(load_store(seeds))


@pytest.fixture
def oxigraph(tmp_path):
    """A read-write Oxigraph server in a temporary folder; its base URL.

    Its default graph is the union of the named graphs, as a team server holding kg's
    graph would be set up, so that queries written for a local graph run unchanged.
    """
    port = _free_port()
    process = subprocess.Popen(
        [str(_oxigraph()), "serve", "--location", str(tmp_path / "oxigraph"),
         "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server stopped at start"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nothing listened on port {port} within {STARTUP:g} s")


def _kg(*args: str):
    """Run kg in-process; its result (exit code, stdout, stderr)."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _kg_process(*args: str, timeout: float = 60.0) -> subprocess.CompletedProcess:
    """Run kg as a user would, to see exactly what reaches the terminal."""
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=ENV, cwd=ROOT)


def _count(endpoint: str, query: str) -> int:
    """One number a SELECT query asks an endpoint for, with plain HTTP (no kg code)."""
    request = urllib.request.Request(endpoint, data=query.encode(), method="POST", headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        bindings = json.load(answer)["results"]["bindings"]
    return int(bindings[0]["n"]["value"])


def _graphs(base: str) -> list[str]:
    request = urllib.request.Request(base + "/query", data=GRAPHS.encode(), method="POST", headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return [b["g"]["value"] for b in json.load(answer)["results"]["bindings"]]


# --- kg push to the Oxigraph server -----------------------------------------------------------

def test_push_twice_with_replace_holds_exactly_the_graph(oxigraph, seeds, local_triples):
    for _ in range(2):
        result = _kg("push", "--endpoint", f"{oxigraph}/store", "--graph", seeds, "--replace",
                     "--chunk-size", 1000)
        assert result.exit_code == 0, result.output
        chunks = -(-local_triples // 1000)
        assert result.stdout.startswith(f"replaced graph <{DEFAULT_GRAPH}> at {oxigraph}/store: "
                                        f"{local_triples} triples in {chunks} chunks, ")
    assert _count(f"{oxigraph}/query", IN_GRAPH.format(graph=DEFAULT_GRAPH)) == local_triples
    assert _count(f"{oxigraph}/query", PAPERS) == 57
    assert _graphs(oxigraph) == [DEFAULT_GRAPH]  # no staging graph left behind


def test_push_twice_without_replace_adds_no_duplicates(oxigraph, seeds, local_triples):
    for _ in range(2):
        assert _kg("push", "--endpoint", f"{oxigraph}/store", "--graph", seeds).exit_code == 0
    assert _count(f"{oxigraph}/query", IN_GRAPH.format(graph=DEFAULT_GRAPH)) == local_triples
    assert _graphs(oxigraph) == [DEFAULT_GRAPH]


def test_replace_drops_what_the_old_graph_had(oxigraph, seeds, local_triples, tmp_path):
    stale = tmp_path / "stale.ttl"
    stale.write_text("<https://example.org/gone> <https://example.org/p> 1 .\n", encoding="utf-8")
    push(stale, f"{oxigraph}/store")
    push(seeds, f"{oxigraph}/store", replace=True)
    assert _count(f"{oxigraph}/query", IN_GRAPH.format(graph=DEFAULT_GRAPH)) == local_triples
    gone = "SELECT (COUNT(*) AS ?n) WHERE { <https://example.org/gone> ?p ?o }"
    assert _count(f"{oxigraph}/query", gone) == 0


def test_push_into_a_named_graph_of_ones_choice(oxigraph, seeds, local_triples):
    graph = "https://example.org/graphs/seeds"
    result = _kg("push", "--endpoint", f"{oxigraph}/store", "--graph", seeds, "--named-graph", graph)
    assert result.exit_code == 0, result.output
    assert _graphs(oxigraph) == [graph]
    assert _count(f"{oxigraph}/query", IN_GRAPH.format(graph=graph)) == local_triples


@pytest.mark.parametrize("failure", [EndpointError("the server went away"), KeyboardInterrupt()])
def test_failed_push_leaves_the_graph_as_it_was(oxigraph, seeds, tmp_path, monkeypatch, failure):
    small = tmp_path / "small.ttl"
    small.write_text("<https://example.org/a> <https://example.org/p> 1, 2 .\n", encoding="utf-8")
    push(small, f"{oxigraph}/store")
    import kg.push

    real_post, calls = kg.push.post_chunk, []

    def post_then_fail(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise failure
        real_post(*args, **kwargs)

    monkeypatch.setattr(kg.push, "post_chunk", post_then_fail)
    with pytest.raises(type(failure)):
        push(seeds, f"{oxigraph}/store", replace=True, chunk_triples=500)
    assert _count(f"{oxigraph}/query", IN_GRAPH.format(graph=DEFAULT_GRAPH)) == 2
    assert _graphs(oxigraph) == [DEFAULT_GRAPH]  # the staging graph was dropped


def test_blank_nodes_stay_one_node_across_chunks(oxigraph, tmp_path):
    graph = tmp_path / "blank.ttl"
    graph.write_text("@prefix ex: <https://example.org/> .\n"
                     "ex:a ex:p [ ex:q [ ex:r \"x\" ; ex:s 1 ] ; ex:t 2 ] .\n"
                     "ex:b ex:p ex:c .\n", encoding="utf-8")
    report = push(graph, f"{oxigraph}/store", chunk_triples=1)
    assert (report.triples, report.chunks) == (6, 2)  # ex:b's triple, then all the blank ones
    query = ("PREFIX ex: <https://example.org/> SELECT (COUNT(*) AS ?n) WHERE "
             "{ ex:a ex:p ?x . ?x ex:q ?y ; ex:t 2 . ?y ex:r \"x\" ; ex:s 1 }")
    assert _count(f"{oxigraph}/query", query) == 1
    assert _count(f"{oxigraph}/query", "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE "
                                        "{ ?b ?p ?o FILTER isBlank(?b) }") == 2


def test_chunks_keep_lines_whole_and_blank_nodes_last(tmp_path):
    lines = [b"<a:1> <a:p> <a:o> .\n", b"_:b <a:p> <a:o> .\n", b"<a:2> <a:p> _:b .\n",
             b"<a:3> <a:p> <a:o> .\n", b"<a:4> <a:p> <a:o> .\n"]
    with open(tmp_path / "g.nt", "w+b") as file:
        file.writelines(lines)
        chunks = list(ntriples_chunks(file, 2))
    assert chunks == [(lines[0] + lines[3], 2), (lines[4], 1), (lines[1] + lines[2], 2)]


# --- remote answers equal local answers -----------------------------------------------------

COMPARED = [
    PAPERS,
    "SELECT ?paper ?title WHERE { ?paper a kg:Paper ; dcterms:title ?title } ORDER BY ?paper ?title",
    "SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e a ?type FILTER(?type != kg:Paper) } "
    "GROUP BY ?type ORDER BY ?type",
    "SELECT ?paper ?date WHERE { ?paper a kg:Paper OPTIONAL { ?paper dcterms:date ?date } } ORDER BY ?paper",
    "ASK { ?p kg:proposes ?e }",
    "CONSTRUCT { ?p dcterms:title ?t } WHERE { ?p a kg:Paper ; dcterms:title ?t FILTER(lang(?t) = 'en') }",
]


@pytest.mark.parametrize("query", COMPARED)
def test_remote_answers_equal_local_answers(oxigraph, seeds, query):
    push(seeds, f"{oxigraph}/store", replace=True)
    local = run_query(query, graph=seeds)
    for endpoint in (f"{oxigraph}/query",  # the union of the named graphs
                     f"{oxigraph}/query?default-graph-uri={urllib.parse.quote(DEFAULT_GRAPH, safe='')}"):
        remote = run_query(query, endpoint=endpoint)
        assert (remote.kind, remote.variables, remote.rows) == (local.kind, local.variables, local.rows)
    assert local.rows


def test_kg_query_endpoint_on_the_oxigraph_server(oxigraph, seeds):
    push(seeds, f"{oxigraph}/store")
    result = _kg("query", "--endpoint", f"{oxigraph}/query", "--format", "csv", PAPERS)
    assert result.exit_code == 0, result.output
    assert result.stdout.replace("\r\n", "\n") == "n\n57\n"


# --- failing endpoints: one line, non-zero exit, no traceback ---------------------------------

def test_kg_query_endpoint_failures_are_one_line_errors():
    port = _free_port()
    done = _kg_process("query", "--endpoint", f"http://127.0.0.1:{port}/query", PAPERS)
    assert (done.returncode, done.stdout, done.stderr.count("\n")) == (1, "", 1)
    assert done.stderr.startswith("Error: ") and str(port) in done.stderr
    with _stub(_recorder(500, b"boom\n")) as url:
        done = _kg_process("query", "--endpoint", f"{url}/query", PAPERS)
    assert (done.returncode, done.stdout, done.stderr.count("\n")) == (1, "", 1)
    assert "500" in done.stderr and "boom" in done.stderr
    with _silent_server() as url:
        done = _kg_process("query", "--endpoint", f"{url}/query", "--timeout", "0.5", PAPERS)
    assert (done.returncode, done.stdout, done.stderr.count("\n")) == (1, "", 1)
    assert "0.5 s" in done.stderr


@contextmanager
def _stub(handler: type[BaseHTTPRequestHandler]):
    """A tiny HTTP server on 127.0.0.1; its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


class _Recorder(BaseHTTPRequestHandler):
    """Answers every request with ``status``; remembers what it was asked."""

    status, body, headers_out = 204, b"", {}
    seen: list = []

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.seen.append((self.command, self.path, dict(self.headers), self.rfile.read(length)))
        self.send_response(self.status)
        for name, value in self.headers_out.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    do_GET = do_PUT = do_POST

    def log_message(self, *args):
        pass


def _recorder(status=204, body=b"", **headers):
    return type("Recorder", (_Recorder,), {"status": status, "body": body, "headers_out": headers,
                                          "seen": []})


@contextmanager
def _silent_server():
    """Accepts connections and never answers; its base URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.1)
    held, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(5)
        for connection in held:
            connection.close()
        listener.close()


def _assert_one_line_error(done: subprocess.CompletedProcess, message: str) -> None:
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == f"Error: {message}\n"


def test_push_to_a_dead_port(seeds):
    port = _free_port()
    done = _kg_process("push", "--endpoint", f"http://127.0.0.1:{port}/store", "--graph", seeds)
    _assert_one_line_error(done, f"cannot reach http://127.0.0.1:{port}/store: connection refused")


def test_push_to_a_server_that_answers_500(seeds):
    handler = _recorder(500, b"boom: out of disk\nmore detail\n")
    with _stub(handler) as url:
        done = _kg_process("push", "--endpoint", f"{url}/store", "--graph", seeds)
    _assert_one_line_error(done, f"{url}/store answered 500 Internal Server Error: boom: out of disk")
    assert [(m, p.split("?")[0]) for m, p, _, _ in handler.seen] == [("POST", "/store")]


def test_a_failed_replace_drops_its_staging_graph(seeds):
    handler = _recorder(500, b"boom\n")
    with _stub(handler) as url:
        result = _kg("push", "--endpoint", f"{url}/store", "--graph", seeds, "--replace")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {url}/store answered 500 Internal Server Error: boom\n"
    (_, store, _, _), (_, update, _, body) = handler.seen
    staging = urllib.parse.parse_qs(urllib.parse.urlsplit(store).query)["graph"][0]
    assert staging.startswith("urn:kg:push:")
    assert (update, body) == ("/update", f"DROP SILENT GRAPH <{staging}>".encode())


def test_a_failed_swap_says_what_the_server_holds(seeds):
    class StoreOkUpdateFails(_Recorder):
        seen = []

        def do_POST(self):
            self.status = 204 if self.path.startswith("/store") else 503
            super().do_POST()

    with _stub(StoreOkUpdateFails) as url:
        result = _kg("push", "--endpoint", f"{url}/store", "--graph", seeds, "--replace")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {url}/update answered 503 Service Unavailable (the server holds the "
                             "old graph, or the new one if it still finishes the swap)\n")
    assert StoreOkUpdateFails.seen[-1][3].startswith(b"DROP SILENT GRAPH <urn:kg:push:")


def test_push_to_a_server_that_never_answers(seeds):
    with _silent_server() as url:
        start = time.monotonic()
        done = _kg_process("push", "--endpoint", f"{url}/store", "--graph", seeds, "--timeout", "0.5")
        took = time.monotonic() - start
    _assert_one_line_error(done, f"{url}/store did not answer within 0.5 s")
    assert took < 30


def test_a_redirect_is_reported_not_followed(seeds):
    handler = _recorder(307, Location="http://elsewhere.example/store")
    with _stub(handler) as url:
        result = _kg("push", "--endpoint", f"{url}/store", "--graph", seeds)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {url}/store redirects (307 Temporary Redirect) to "
                             "http://elsewhere.example/store: use that URL\n")


def test_refused_credentials_say_where_credentials_come_from(seeds):
    with _stub(_recorder(401)) as url:
        result = _kg("push", "--endpoint", f"{url}/store", "--graph", seeds)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {url}/store refused access (401 Unauthorized): "
                             "set KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD, KG_ENDPOINT_TOKEN, "
                             "or a ~/.netrc entry for its host\n")


# --- credentials -------------------------------------------------------------------------------

@pytest.fixture
def no_credentials(monkeypatch, tmp_path):
    for name in ("KG_ENDPOINT_TOKEN", "KG_ENDPOINT_USER", "KG_ENDPOINT_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.netrc unless a test writes one
    return tmp_path


def _authorization(seeds, **env) -> tuple[set[str], str]:
    handler = _recorder(204)
    with _stub(handler) as url:
        result = CliRunner(env=env).invoke(cli, ["push", "--endpoint", f"{url}/store", "--graph", str(seeds)])
    assert result.exit_code == 0, result.output
    return {headers.get("Authorization") for _, _, headers, _ in handler.seen}, result.output


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_credentials_from_the_environment(seeds, no_credentials):
    sent, output = _authorization(seeds, KG_ENDPOINT_USER="alice", KG_ENDPOINT_PASSWORD="s3cret-pw")
    assert sent == {_basic("alice", "s3cret-pw")}
    assert "s3cret" not in output
    sent, output = _authorization(seeds, KG_ENDPOINT_TOKEN="tok-123")
    assert sent == {"Bearer tok-123"}
    assert "tok-123" not in output


def test_credentials_from_netrc(seeds, no_credentials):
    netrc = no_credentials / ".netrc"
    netrc.write_text("machine 127.0.0.1 login bob password n3trc-pw\n", encoding="utf-8")
    netrc.chmod(0o600)
    sent, output = _authorization(seeds)
    assert sent == {_basic("bob", "n3trc-pw")}
    assert "n3trc" not in output


def test_a_netrc_others_can_read_is_refused(seeds, no_credentials):
    netrc = no_credentials / ".netrc"
    netrc.write_text("machine 127.0.0.1 login bob password n3trc-pw\n", encoding="utf-8")
    netrc.chmod(0o644)
    with _stub(_recorder(204)) as url:
        result = _kg("push", "--endpoint", f"{url}/store", "--graph", seeds)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ~/.netrc cannot be used: ")
    assert result.stderr.count("\n") == 1 and "n3trc-pw" not in result.stderr


def test_no_credentials_no_header(seeds, no_credentials):
    assert _authorization(seeds)[0] == {None}


def test_credentials_in_the_url_are_refused_and_not_shown(seeds):
    result = _kg("push", "--endpoint", "http://alice:s3cret@127.0.0.1:9/store", "--graph", seeds)
    assert result.exit_code == 1
    assert result.stderr == ("Error: put endpoint credentials in KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD "
                             "(or KG_ENDPOINT_TOKEN, or ~/.netrc), not in the URL\n")


# --- arguments -----------------------------------------------------------------------------------

@pytest.mark.parametrize("store, update", [
    ("http://localhost:7878/store", "http://localhost:7878/update"),
    ("http://localhost:3030/kg/data", "http://localhost:3030/kg/update"),
    ("http://h/repositories/kg/rdf-graphs/service", "http://h/repositories/kg/statements"),
    ("http://h:8890/sparql-graph-crud-auth", "http://h:8890/sparql-auth"),
])
def test_the_update_endpoint_is_found_beside_the_store(store, update):
    assert update_url_beside(store) == update


def test_an_unknown_layout_asks_for_the_update_endpoint(seeds):
    result = _kg("push", "--endpoint", "http://127.0.0.1:9/gsp", "--graph", seeds, "--replace")
    assert result.exit_code == 1
    assert result.stderr == ("Error: cannot tell where the SPARQL Update endpoint of http://127.0.0.1:9/gsp "
                             "is: name it with --update-endpoint\n")


@pytest.mark.parametrize("args, message", [
    (["--named-graph", "not an iri"], "not an absolute IRI for a named graph: 'not an iri'"),
    (["--endpoint", "ftp://127.0.0.1/store"], "not an http(s) endpoint URL: 'ftp://127.0.0.1/store'"),
    (["--endpoint", "http://127.0.0.1:9/store?graph=urn:x"], "name the graph with --named-graph, "
                                                              "not in the endpoint URL"),
])
def test_bad_arguments_are_one_line_errors(seeds, args, message):
    result = _kg("push", "--endpoint", "http://127.0.0.1:9/store", "--graph", seeds, *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {message}")
    assert result.stderr.count("\n") == 1


def test_push_without_a_build_is_a_one_line_error(tmp_path):
    result = _kg("push", "--endpoint", "http://127.0.0.1:9/store", "--graph", tmp_path / "none")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no built graph at ")


# --- kg serve ----------------------------------------------------------------------------------

@pytest.fixture
def site(seeds, tmp_path) -> Path:
    """A build folder with a view, and a link that tries to lead out of it."""
    folder = tmp_path / "site"
    folder.mkdir()
    shutil.copy(seeds / "graph.ttl", folder / "graph.ttl")
    (folder / "graph.html").write_text("<html><body>the graph</body></html>\n", encoding="utf-8")
    (folder / "view-entity-强化学习.html").write_text("<html>强化学习</html>\n", encoding="utf-8")
    (tmp_path / "secret.html").write_text("secret\n", encoding="utf-8")
    (folder / "leak.html").symlink_to(tmp_path / "secret.html")
    return folder


def _http(method: str, url: str, body: bytes | None = None, **headers) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers.get_content_type(), answer.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get_content_type(), err.read()


def _raw_get(port: int, path: str) -> int:
    """The status of a GET whose path is sent exactly as written (no client clean-up)."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.endheaders()
        return connection.getresponse().status
    finally:
        connection.close()


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_serve_answers_queries_and_stops_cleanly_on_ctrl_c(site, seeds):
    _oxigraph()
    port = _free_port()
    # started as from a background job, with SIGINT ignored: Ctrl-C must still stop it
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--graph", str(site), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV, cwd=ROOT,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(base, process)
        _check_sparql_protocol(base)
        _check_views(base, port)
        for query in COMPARED:
            remote, local = run_query(query, endpoint=f"{base}/query"), run_query(query, graph=seeds)
            assert (remote.kind, remote.variables, remote.rows) == (local.kind, local.variables, local.rows)
        result = _kg("query", "--endpoint", f"{base}/query", "--format", "csv", PAPERS)
        assert (result.exit_code, result.stdout.replace("\r\n", "\n")) == (0, "n\n57\n")
        children = _children(process.pid) if Path("/proc/self").is_dir() else []
        assert children or not Path("/proc/self").is_dir(), "Oxigraph runs as a child of kg serve"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            out, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    assert process.returncode == 0
    assert "Traceback" not in err
    assert err.rstrip().endswith("stopped")
    assert f"SPARQL endpoint: {base}/query\n" in out
    assert f"view:            {base}/graph.html\n" in out and "leak.html" not in out
    assert f"view:            {base}/{urllib.parse.quote('view-entity-强化学习.html')}\n" in out
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()
                and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()]


def _wait_until_answering(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"kg serve stopped: {process.stderr.read()}")
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"kg serve did not answer within {STARTUP:g} s")


def _check_sparql_protocol(base: str) -> None:
    query = PAPERS.encode()
    direct = {"Content-Type": "application/sparql-query"}
    status, kind, body = _http("POST", f"{base}/query", query, Accept="application/sparql-results+json",
                               **direct)
    assert (status, kind) == (200, "application/sparql-results+json")
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "57"
    assert _http("POST", f"{base}/query", query, Accept="text/csv", **direct)[2] == b"n\r\n57\r\n"
    status, kind, body = _http("POST", f"{base}/query", query, Accept="text/tsv", **direct)
    assert (status, kind, body.split()) == (200, "text/tab-separated-values", [b"?n", b"57"])
    form = urllib.parse.urlencode({"query": PAPERS}).encode()
    status, _, body = _http("POST", f"{base}/query", form, Accept="text/csv",
                            **{"Content-Type": "application/x-www-form-urlencoded"})
    assert (status, body) == (200, b"n\r\n57\r\n")
    construct = "PREFIX kg: <https://w3id.org/kg/ontology#> CONSTRUCT { ?p a kg:Paper } WHERE { ?p a kg:Paper }"
    status, kind, body = _http("GET", f"{base}/query?" + urllib.parse.urlencode({"query": construct}),
                               Accept="text/turtle")
    assert (status, kind) == (200, "text/turtle")
    import pyoxigraph

    assert len(list(pyoxigraph.parse(body, format=pyoxigraph.RdfFormat.TURTLE))) == 57
    update = b"INSERT DATA { <https://example.org/s> <https://example.org/p> 1 }"
    for path in ("/update", "/sparql"):
        status, _, _ = _http("POST", base + path, update, **{"Content-Type": "application/sparql-update"})
        assert status == 403
    assert _http("PUT", f"{base}/store?default", b"<a:s> <a:p> <a:o> .",
                 **{"Content-Type": "application/n-triples"})[0] == 403
    assert _count(f"{base}/query", "SELECT (COUNT(*) AS ?n) WHERE { <https://example.org/s> ?p ?o }") == 0


def _check_views(base: str, port: int) -> None:
    status, kind, body = _http("GET", f"{base}/graph.html")
    assert (status, kind, body) == (200, "text/html", b"<html><body>the graph</body></html>\n")
    status, _, body = _http("GET", f"{base}/" + urllib.parse.quote("view-entity-强化学习.html"))
    assert (status, body.decode()) == (200, "<html>强化学习</html>\n")
    for path in ("/leak.html", "/../secret.html", "/%2e%2e/secret.html", "/..%2fsecret.html",
                 "//tmp/secret.html", "/missing.html", "/graph.ttl"):
        assert _raw_get(port, path) in (400, 404), path


def test_serve_on_a_port_in_use_is_a_one_line_error(seeds):
    _oxigraph()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = _kg("serve", "--graph", seeds, "--port", port)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: cannot listen on 127.0.0.1:{port}: Address already in use "
                             "(choose another --port or --host)\n")


def test_serve_without_a_build_is_a_one_line_error(tmp_path):
    result = _kg("serve", "--graph", tmp_path / "none", "--port", 0)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no built graph at ")


@pytest.mark.parametrize("path", ["/../graph.html", "/a/graph.html", "/.graph.html", "/graph.htm",
                                  "/%2e%2e%2fgraph.html", "/a%2fgraph.html", "/a%5cgraph.html",
                                  "/graph.html/", "graph.html", "/%00graph.html", "/%ff.html"])
def test_only_plain_view_names_inside_the_folder_are_served(tmp_path, path):
    views = tmp_path / "views"
    views.mkdir()
    for name in ("graph.html", ".graph.html", "view-entity-强化学习.html"):
        (views / name).write_text("x", encoding="utf-8")
    (tmp_path / "graph.html").write_text("outside", encoding="utf-8")
    assert _view_file(views, "/graph.html") == views / "graph.html"
    assert _view_file(views, "/%67raph.html") == views / "graph.html"
    assert _view_file(views, "/" + urllib.parse.quote("view-entity-强化学习.html")) \
        == views / "view-entity-强化学习.html"
    assert _view_file(views, path) is None


def test_serve_without_the_oxigraph_server_says_how_to_get_it(seeds, tmp_path, monkeypatch):
    import sysconfig

    monkeypatch.setattr(sysconfig, "get_path", lambda name: str(tmp_path))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    result = _kg("serve", "--graph", seeds, "--port", 0)
    assert result.exit_code == 1
    assert result.stderr == ("Error: kg serve needs the Oxigraph server: "
                             "install it with `pip install oxigraph`\n")


def test_serve_serves_the_graph_a_new_build_writes(site, tmp_path):
    """A build that writes a new graph while the server runs: once loaded, queries are
    answered from it; a graph that cannot be loaded leaves the last one served."""
    from kg.build import build
    from kg.server import serving

    _oxigraph()
    build([ROOT / "seeds" / "000_57d445a02a9f2dd1.txt"], tmp_path / "list", jobs=1, view=False)
    list_papers = int(str(run_query(PAPERS, graph=tmp_path / "list").rows[0][0]))
    assert 0 < list_papers < 57
    reloads = []
    with serving(site, port=0, reload_seconds=0.2, on_reload=reloads.append) as server:
        answering = threading.Thread(target=server.serve_forever, daemon=True)
        answering.start()
        assert _count(server.query_url, PAPERS) == 57
        first = server.backend

        def wait_for(count: int) -> None:
            deadline = time.monotonic() + STARTUP
            while len(reloads) < count:
                assert time.monotonic() < deadline, "no reload"
                time.sleep(0.05)

        (tmp_path / "list" / "graph.ttl").replace(site / "graph.ttl")  # as a build writes it: whole
        wait_for(1)
        assert reloads == [None]
        assert _count(server.query_url, PAPERS) == list_papers
        broken = tmp_path / "broken.ttl"
        broken.write_text("<a> <b> .\n", encoding="utf-8")
        broken.replace(site / "graph.ttl")
        wait_for(2)
        assert isinstance(reloads[1], Exception) and "cannot load" in str(reloads[1])
        assert _count(server.query_url, PAPERS) == list_papers  # still the last good one
        server.shutdown()
    assert server.backend is not first
    assert first.poll() is not None and server.backend.poll() is not None  # no database server left running
