"""Time-to-interactive of HTML views in headless Chromium: kg's views beside pyvis's defaults.

    python benchmarks/bench_view.py [GRAPH] [--sizes 500 2000 10000] [--timeout 120] [--out DIR]

GRAPH is a build folder or graph file; without it the corpus (../shared/corpus/arxiv-daily)
is built into output/bench-corpus/ first (cached, so later runs are quick). For each size
N, the overview of the graph is cut to its N most connected nodes (``kg.view.limit``) and
that same NetworkX graph is written three ways:

- kg: ``kg.view`` (positions from Python, physics off, everything inlined);
- pyvis default: ``Network()`` and ``write_html`` as pyvis's docs show, which loads
  vis-network and Bootstrap from CDNs;
- pyvis in_line: ``Network(cdn_resources="in_line")``, which inlines vis-network but
  still loads Bootstrap from a CDN.

Each page is opened from disk in headless Chromium with every request that is not a
file: URL aborted (as on a machine without network) and counted. Times are from the
start of navigation, measured inside the page:

- kg: interactive = the first frame is drawn and a task queued after it has run;
- pyvis: drawn = its first frame; stabilised = physics stabilisation is done (pyvis
  shows a loading bar until then); a page that has not stabilised by --timeout is
  reported as such. A page whose vis-network came from the blocked CDN never draws.

frame = one redraw after a zoom, once the page is interactive. Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "arxiv-daily"
BUILD = ROOT / "output" / "bench-corpus"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Runs before the pyvis page's scripts: catch the `network` global it assigns and time
# its events (the page declares `var network`, which keeps an existing accessor).
PYVIS_HOOK = """
window.__bench = {drawn: null, stabilised: null, stopped: null};
(function () {
  let value;
  Object.defineProperty(window, "network", {configurable: true, get() { return value; }, set(v) {
    value = v;
    if (!v || !v.once) return;
    v.once("afterDrawing", () => { window.__bench.drawn = performance.now(); });
    v.once("stabilizationIterationsDone", () => { window.__bench.stabilised = performance.now(); });
    v.once("stabilized", () => { window.__bench.stopped = performance.now(); });
  }});
})();
"""
FRAME = """() => new Promise(resolve => {
  const network = window.kgView ? kgView.network : window.network;
  network.once("afterDrawing", () => resolve(performance.now() - start));
  const start = performance.now();
  network.moveTo({scale: network.getScale() * 1.25});
})"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?", type=Path, help="a build folder or graph file")
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000], help="view sizes in nodes")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for a pyvis page to stabilise")
    parser.add_argument("--out", type=Path, help="folder for the pages (default: a temporary one)")
    args = parser.parse_args()

    from kg.view import overview, read_graph

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sys.exit("bench_view needs playwright: pip install playwright (and apt-get install chromium)")
    chromium = shutil.which(os.environ.get("KG_CHROMIUM", "chromium")) or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("bench_view needs Chromium: apt-get install chromium (or set KG_CHROMIUM)")

    graph = args.graph or corpus_graph()
    start = time.perf_counter()
    kg = read_graph(graph)
    read_seconds = time.perf_counter() - start
    view = overview(kg)
    out = args.out or Path(tempfile.mkdtemp(prefix="bench-view-"))
    out.mkdir(parents=True, exist_ok=True)
    rows, blocked = [], set()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for size in args.sizes:
            rows.append(measure_size(browser, kg, view, size, out, args.timeout, blocked))
        version = browser.version
        browser.close()
    print_report(graph, kg, read_seconds, rows, blocked, version, args.timeout, out)


def corpus_graph() -> Path:
    if (BUILD / "graph.ttl").is_file():
        return BUILD
    if not CORPUS.is_dir():
        sys.exit(f"no graph given and no corpus at {CORPUS}")
    subprocess.run([sys.executable, "-m", "kg", "build", str(CORPUS), "--out", str(BUILD), "-q"], check=True)
    return BUILD


def measure_size(browser, kg, view, size: int, out: Path, timeout: float, blocked: set) -> dict:
    from kg.view import limit, write_chosen

    start = time.perf_counter()
    stats = write_chosen(kg, view, out / f"kg-{size}.html", max_nodes=size)
    row = {"nodes": stats.nodes, "edges": stats.edges, "write": time.perf_counter() - start,
           "kg_mb": stats.path.stat().st_size / 1e6}
    row.update(measure_kg(browser, stats.path, blocked))
    shown = limit(view, size)
    for mode in ("local", "in_line"):
        page = write_pyvis(kg, shown, out / f"pyvis-{mode}-{size}.html", mode)
        row[mode] = measure_pyvis(browser, page, timeout, blocked)
    print(f"measured {stats.nodes} nodes", file=sys.stderr)
    return row


def open_offline(browser, path: Path, blocked: set, hook: str | None = None):
    """A page opened from disk, with every request to the network aborted and counted."""
    page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    failed = {"requests": 0, "errors": []}

    def route(request_route):
        url = request_route.request.url
        if url.startswith("file:"):
            request_route.continue_()
        else:
            failed["requests"] += 1
            blocked.add(urlparse(url).netloc)
            request_route.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda error: failed["errors"].append(str(error)))
    if hook:
        page.add_init_script(hook)
    page.goto(path.resolve().as_uri(), wait_until="commit")
    return page, failed


def measure_kg(browser, path: Path, blocked: set) -> dict:
    page, failed = open_offline(browser, path, blocked)
    page.wait_for_function("window.kgView && kgView.interactiveAt", timeout=300_000, polling=20)
    result = {"kg_drawn": page.evaluate("kgView.readyAt"), "kg_interactive": page.evaluate("kgView.interactiveAt"),
              "kg_frame": page.evaluate(FRAME), "kg_requests": failed["requests"], "kg_errors": failed["errors"]}
    page.close()
    return result


def write_pyvis(kg, shown, path: Path, mode: str) -> Path:
    """pyvis's page for the same nodes and edges, with its default options."""
    from pyvis.edge import Edge
    from pyvis.network import Network

    net = Network(cdn_resources=mode)
    for node in shown:
        data = kg.nodes[node]
        label = data.get("label") or data.get("title") or node
        net.add_node(node, label=label, title=label, group=data["type"])
    # What add_edge appends, without its scan of every edge so far for a duplicate
    # (minutes at 40,000 edges; a NetworkX graph has none).
    net.edges.extend(Edge(a, b, net.directed).options for a, b in shown.edges())
    with contextlib.chdir(path.parent):  # pyvis copies its lib/ folder into the current one
        net.write_html(path.name)
    return path


def measure_pyvis(browser, path: Path, timeout: float, blocked: set) -> dict:
    page, failed = open_offline(browser, path, blocked, PYVIS_HOOK)
    deadline = time.monotonic() + timeout
    result = {"requests": 0, "drawn": None, "stabilised": None, "timed_out": False, "no_vis": False}
    while True:
        bench = page.evaluate("window.__bench")
        if bench["stabilised"] is not None or bench["stopped"] is not None:
            break
        if page.evaluate("typeof vis === 'undefined'") and page.evaluate("document.readyState") == "complete":
            result["no_vis"] = True
            break
        if time.monotonic() > deadline:
            result["timed_out"] = True
            break
        page.wait_for_timeout(200)  # not time.sleep: the blocked requests are answered only while waiting here
    result.update(requests=failed["requests"], drawn=bench["drawn"],
                  stabilised=bench["stabilised"] or bench["stopped"])
    if result["stabilised"] is not None and bench["drawn"] is not None:
        result["frame"] = page.evaluate(FRAME)
    page.close()
    return result


def print_report(graph, kg, read_seconds, rows, blocked, version, timeout, out) -> None:
    papers = sum(1 for _, kind in kg.nodes(data="type") if kind == "Paper")
    print(f"{graph}: {papers:,} papers, {len(kg) - papers:,} entities (read in {read_seconds:.1f} s). "
          f"Chromium {version}, {os.cpu_count()} cores, {platform.machine()}, load average "
          f"{os.getloadavg()[0]:.1f} at the end; pages in {out}.\n")
    print("| nodes | edges | kg: write (s) | kg: page (MB) | kg: interactive (ms) | kg: frame (ms) "
          "| pyvis default: result | pyvis in_line: drawn (ms) | pyvis in_line: stabilised (ms) "
          "| pyvis in_line: frame (ms) |")
    print("|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|")
    for row in rows:
        inline = row["in_line"]
        print(f"| {row['nodes']:,} | {row['edges']:,} | {row['write']:.1f} | {row['kg_mb']:.1f} "
              f"| {row['kg_interactive']:,.0f} | {row['kg_frame']:,.0f} | {pyvis_result(row['local'], timeout)} "
              f"| {ms(inline['drawn'])} | {stabilised(inline, timeout)} | {ms(inline.get('frame'))} |")
    kg_requests = sum(row["kg_requests"] for row in rows)
    print(f"\nRequests blocked: kg pages {kg_requests}; pyvis pages "
          f"{sum(row[m]['requests'] for row in rows for m in ('local', 'in_line'))} "
          f"(to {', '.join(sorted(blocked)) or 'nowhere'}).")
    errors = [e for row in rows for e in row["kg_errors"]]
    print(f"Page errors in kg pages: {len(errors)}" + (f" ({errors[0]})" if errors else "") + ".")


def pyvis_result(result: dict, timeout: float) -> str:
    if result["no_vis"]:
        return f"nothing drawn: vis-network is on a CDN ({result['requests']} requests blocked)"
    return stabilised(result, timeout) + " ms stabilised"


def stabilised(result: dict, timeout: float) -> str:
    if result["stabilised"] is not None:
        return f"{result['stabilised']:,.0f}"
    if result["no_vis"]:
        return "no vis-network"
    return f"not within {timeout:.0f} s"


def ms(value) -> str:
    return "–" if value is None else f"{value:,.0f}"


if __name__ == "__main__":
    main()
