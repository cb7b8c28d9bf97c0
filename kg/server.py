"""Serve a built graph read-only over the SPARQL 1.1 Protocol, with its HTML views.

The engine is the Oxigraph server (the ``oxigraph`` package's binary), not one of ours:
the graph is bulk-loaded into a temporary database, and ``oxigraph serve-read-only``
answers queries (``/query``, ``/sparql``, with content negotiation for SPARQL JSON/XML,
CSV, TSV and the RDF formats), serves its query editor at ``/``, and refuses updates.

In front of it, on the port the user asked for, a small proxy adds what Oxigraph does not
do: it serves the build folder's ``*.html`` views (``/graph.html``) from the same origin as
the endpoint, so a view can query ``/query`` without CORS. A view's name must be one plain
file name ending in ``.html``, so no request can reach a file outside the build folder.
Everything else is passed to Oxigraph unchanged.
"""
from __future__ import annotations

import http.client
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import quote, unquote

from .errors import EndpointError, InputError, KgError
from .stopping import STOP_SIGNALS, interrupt_on
from .store import file_stat, rdf_format, resolve_graph

STARTUP_SECONDS = 60.0
_VIEW_NAME = re.compile(r"\w[\w.-]*\.html")  # one plain file name: no "/", no leading "."
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
               "trailer", "transfer-encoding", "upgrade", "expect"}  # the front already read the body
_MAX_REQUEST_BYTES = 16 * 1024 * 1024


class GraphServer:
    """A running server: Oxigraph behind the view-serving front. Use ``serving()``."""

    def __init__(self, front: ThreadingHTTPServer, backend: subprocess.Popen, graph_file: Path,
                 loaded: tuple[int, int] | None = None):
        self.front, self.backend, self.graph_file = front, backend, graph_file
        self.loaded = loaded  # (size, mtime_ns) of the graph file when the served one was read

    @property
    def url(self) -> str:
        host, port = self.front.server_address[:2]
        return f"http://{host}:{port}/"

    @property
    def query_url(self) -> str:
        return self.url + "query"

    @property
    def views(self) -> list[str]:
        """The URLs of the build folder's HTML views."""
        return [self.url + quote(name) for name in view_names(self.front.views_dir)]

    def serve_forever(self) -> None:
        """Answer requests until interrupted (Ctrl-C, or SIGTERM/SIGHUP treated alike),
        even when started with Ctrl-C ignored."""
        with interrupt_on(*STOP_SIGNALS):
            self.front.serve_forever(poll_interval=0.2)

    def shutdown(self) -> None:
        """Stop ``serve_forever`` running in another thread."""
        self.front.shutdown()


@contextmanager
def serving(graph: str | Path = "output", *, host: str = "127.0.0.1", port: int = 7878,
            oxigraph: str | Path | None = None, reload_seconds: float | None = 2.0,
            on_reload: Callable[[Exception | None], None] | None = None) -> Iterator[GraphServer]:
    """Start serving ``graph`` (a build folder or graph file) on ``host:port``; stop on exit.

    ``port`` 0 picks a free port (see ``GraphServer.url``). Every ``reload_seconds`` (None:
    never) the graph file is looked at; when a build has written a new one, it is loaded
    beside the one served, and queries go to it once it answers. ``on_reload`` is told of
    each reload: None, or the error that kept the old graph served.
    """
    graph_file = resolve_graph(graph)
    views_dir = Path(graph) if Path(graph).is_dir() else graph_file.parent
    binary = Path(oxigraph) if oxigraph else oxigraph_binary()
    front = _listen(host, port)  # first: a port in use fails before any loading
    workdir, server, stop, watcher = None, None, threading.Event(), None
    try:
        workdir = Path(tempfile.mkdtemp(prefix="kg-serve-"))
        loaded = file_stat(graph_file)
        load_database(binary, graph_file, workdir / "db-0")
        backend, backend_port = start_oxigraph(binary, workdir / "db-0")
        front.backend_port, front.views_dir = backend_port, views_dir
        server = GraphServer(front, backend, graph_file, loaded)
        if reload_seconds:
            watcher = threading.Thread(target=_reload_when_rebuilt, name="kg-serve-reload", daemon=True,
                                       args=(server, binary, workdir, reload_seconds, stop, on_reload))
            watcher.start()
        yield server
    finally:
        with interrupt_on(signal.SIGINT, ignore=True):  # a second Ctrl-C must not skip this
            stop.set()
            if watcher is not None:
                watcher.join()
            front.server_close()
            if server is not None:
                stop_process(server.backend)
            if workdir is not None:
                shutil.rmtree(workdir, ignore_errors=True)


def _reload_when_rebuilt(server: GraphServer, binary: Path, workdir: Path, every: float, stop: threading.Event,
                         on_reload: Callable[[Exception | None], None] | None) -> None:
    """Load each new graph file into a new database beside the served one, switch the
    front to it once it answers, then stop the old one (after the queries it was
    answering had time to finish)."""
    generation, served_db = 0, workdir / "db-0"
    while not stop.wait(every):
        seen = file_stat(server.graph_file)
        if seen is None or seen == server.loaded:
            continue  # (a build replaces the file whole: a new size and time are a new graph)
        generation += 1
        db = workdir / f"db-{generation}"
        try:
            load_database(binary, server.graph_file, db)
            backend, backend_port = start_oxigraph(binary, db)
        except (KgError, OSError) as err:  # (this thread must go on: the servers it started stop with it)
            server.loaded = seen  # not tried again until the next build
            shutil.rmtree(db, ignore_errors=True)
            if on_reload:
                on_reload(err)
            continue
        old, old_db, served_db = server.backend, served_db, db
        server.backend, server.front.backend_port, server.loaded = backend, backend_port, seen
        if on_reload:
            on_reload(None)
        stop.wait(_OLD_QUERIES_SECONDS)
        stop_process(old)
        shutil.rmtree(old_db, ignore_errors=True)
        old_db.with_name(old_db.name + ".log").unlink(missing_ok=True)


# Queries sent to the old database before a reload switched the front are given this long.
_OLD_QUERIES_SECONDS = 5.0


def view_names(folder: Path) -> list[str]:
    """The HTML views in a build folder that the server will serve."""
    return sorted(p.name for p in Path(folder).glob("*.html") if _view_file(Path(folder), "/" + quote(p.name)))


# --- the Oxigraph server ------------------------------------------------------------------------

def oxigraph_binary() -> Path:
    """The ``oxigraph`` program: beside this Python (its virtualenv), or on the PATH."""
    import sysconfig

    name = "oxigraph.exe" if sys.platform == "win32" else "oxigraph"
    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        candidate = Path(folder) / name
        if candidate.is_file():
            return candidate
    found = shutil.which("oxigraph")
    if not found:
        raise KgError("kg serve needs the Oxigraph server: install it with `pip install oxigraph`")
    return Path(found)


def load_database(binary: Path, graph_file: Path, location: Path) -> None:
    """Bulk-load the graph into a new Oxigraph database folder."""
    media_type = rdf_format(graph_file).media_type  # as kg reads it locally, not guessed anew
    done = subprocess.run([str(binary), "load", "--location", str(location), "--file", str(graph_file),
                           "--format", media_type], capture_output=True, text=True, errors="replace")
    if done.returncode != 0:
        raise InputError(f"{graph_file}: Oxigraph cannot load it: {_last_error_line(done.stderr)}")


def start_oxigraph(binary: Path, db: Path) -> tuple[subprocess.Popen, int]:
    """Run ``oxigraph serve-read-only`` on the database ``db``, on a free loopback port;
    wait until it answers."""
    port = _free_port()
    log_file = db.with_name(db.name + ".log")
    with open(log_file, "wb") as log:  # the child keeps its own handle
        process = subprocess.Popen(
            [str(binary), "serve-read-only", "--location", str(db),
             "--bind", f"127.0.0.1:{port}"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches kg only; kg stops the server in order
            preexec_fn=_die_with_parent())
    try:
        _wait_until_listening(process, port, log_file)
    except BaseException:
        stop_process(process)
        raise
    return process, port


def stop_process(process: subprocess.Popen, grace: float = 5.0) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_listening(process: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            text = log.read_text(errors="replace") if log.exists() else ""
            raise EndpointError(f"the Oxigraph server stopped at start: {_last_error_line(text)}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise EndpointError(f"the Oxigraph server did not start within {STARTUP_SECONDS:g} s")


def _last_error_line(text: str) -> str:
    hints = ("Some files like", "If you plan to run")  # printed by `oxigraph load` every time
    lines = [line.strip() for line in text.splitlines()
             if line.strip() and not line.startswith(hints)]
    return lines[-1] if lines else "no message"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _die_with_parent():
    """On Linux, have the kernel stop the server if kg dies without cleaning up (SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1
    return lambda: prctl(pr_set_pdeathsig, signal.SIGTERM)


# --- the front: views beside the endpoint --------------------------------------------------------

class _Front(ThreadingHTTPServer):
    daemon_threads = True  # a slow client must not keep kg from stopping
    backend_port: int = 0
    views_dir: Path = Path(".")

    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):
            return  # the client went away mid-answer: nothing to report
        sys.stderr.write(f"kg serve: error answering {client_address[0]}: {error!r}\n")


class _Handler(BaseHTTPRequestHandler):
    server: _Front
    server_version = "kg-serve"

    def do_GET(self):
        self._answer()

    def do_HEAD(self):
        self._answer()

    def do_POST(self):
        self._forward()

    # Oxigraph refuses these as read-only; passing them on keeps one voice for that answer.
    do_PUT = do_DELETE = do_POST

    def _answer(self) -> None:
        path = self.path.split("?", 1)[0]
        if unquote(path).endswith(".html"):
            self._send_view(path)
        else:
            self._forward()

    def _send_view(self, path: str) -> None:
        file = _view_file(self.server.views_dir, path)
        if file is None:
            self.send_error(404, "No such view")
            return
        data = file.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache")  # a rebuild changes the views
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _forward(self) -> None:
        """Pass the request to Oxigraph and stream its answer back."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.send_error(411, "Send a Content-Length")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_REQUEST_BYTES:
            self.send_error(413, "Request too large")
            return
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        backend = http.client.HTTPConnection("127.0.0.1", self.server.backend_port)
        try:
            backend.request(self.command, self.path, body=body, headers=headers)
            answer = backend.getresponse()
        except OSError as err:
            self.send_error(502, f"The Oxigraph server did not answer: {err}")
            return
        try:
            self._relay(answer)
        finally:
            backend.close()

    def _relay(self, answer: http.client.HTTPResponse) -> None:
        self.send_response(answer.status, answer.reason)
        for name, value in answer.getheaders():
            if name.lower() not in _HOP_BY_HOP and name.lower() not in ("server", "date"):
                self.send_header(name, value)
        self.end_headers()  # HTTP/1.0: the answer ends when the connection closes
        if self.command == "HEAD":
            return
        while chunk := answer.read1(65536):
            self.wfile.write(chunk)


def _view_file(folder: Path, path: str) -> Path | None:
    """The view file a URL path names: one plain ``*.html`` name inside ``folder``, or None.

    The name is checked after percent-decoding, so ``%2e%2e%2f`` is a "/" like any other.
    """
    name = unquote(path[1:]) if path.startswith("/") else ""
    if not _VIEW_NAME.fullmatch(name):
        return None
    file = folder / name
    if not file.is_file() or file.resolve().parent != folder.resolve():
        return None  # e.g. a symbolic link that leads out of the folder
    return file


def _listen(host: str, port: int) -> _Front:
    try:
        return _Front((host, port), _Handler)
    except OSError as err:
        raise InputError(f"cannot listen on {host}:{port}: {err.strerror or err} "
                         "(choose another --port or --host)") from None
