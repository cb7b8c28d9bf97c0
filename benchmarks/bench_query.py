"""Query speed on the corpus graph: kg's Oxigraph store beside rdflib's in-memory engine.

    python benchmarks/bench_query.py [GRAPH] [--paper ID] [--repeat N] [--rdflib-timeout S]

GRAPH is a build folder or graph file; without it the corpus (../shared/corpus/arxiv-daily)
is built into output/bench-corpus/ first (cached, so later runs are quick). It exits
cleanly when neither is there. It times each example query in queries/ and kg related,
kg papers and kg entities on two engines, through the same code:

- Oxigraph: the on-disk store beside the graph, opened read-only (``kg.store``);
- rdflib: the graph parsed into rdflib's default in-memory store and its SPARQL engine
  (kg.related's queries are sent to it in place of the store).

Oxigraph times are the median of N warm runs, in wall-clock and in processor time (the
latter barely changes when other work shares the machine). rdflib runs each once, in a
forked child (which shares the parsed graph) stopped after the timeout. Prints a
Markdown table.
"""
from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "arxiv-daily"
BUILD = ROOT / "output" / "bench-corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?", type=Path, help="a build folder or graph file")
    parser.add_argument("--paper", help="arXiv id for kg related (default: the GRPO paper naming most entities)")
    parser.add_argument("--repeat", type=int, default=7, help="warm Oxigraph runs per operation")
    parser.add_argument("--rdflib-timeout", type=float, default=120.0, help="seconds before an rdflib run is stopped")
    args = parser.parse_args()

    from kg.store import open_store, resolve_graph, select

    graph = resolve_graph(args.graph or corpus_graph())
    store = open_store(graph)
    papers = select(store, "SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Paper }")[0]["n"]
    paper = args.paper or busy_grpo_paper(store)
    operations = list_operations(graph, paper)

    fast = {name: median_seconds(run, args.repeat) for name, run in operations}
    cpu = {name: median_cpu_seconds(run, args.repeat) for name, run in operations}
    loads = [("make the on-disk store (once per graph)", seconds(lambda: make_store(graph)), None),
             ("open the store (each command)", median_seconds(lambda: reopen(graph), 3), None)]
    start = time.perf_counter()
    rdf_graph = parse_with_rdflib(graph)
    loads.append(("parse the graph into memory (each command)", None, time.perf_counter() - start))
    with on_rdflib(rdf_graph):
        slow = {name: timed_in_child(run, args.rdflib_timeout) for name, run in operations}
    whole = median_seconds(lambda: command(graph, paper), 3)

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{graph}: {papers} papers, {len(store)} triples; kg related of {paper}. "
          f"{os.cpu_count()} CPUs, load average {load} at the end.\n")
    print("| operation | Oxigraph store (kg) | its CPU time | rdflib in memory | rdflib ÷ Oxigraph |")
    print("|---|---:|---:|---:|---:|")
    for name, oxigraph, rdflib_seconds in loads:
        print(f"| {name} | {duration(oxigraph)} | – | {duration(rdflib_seconds)} | – |")
    for name, _ in operations:
        print(f"| {name} | {duration(fast[name])} | {duration(cpu[name])} | {duration(slow[name], args.rdflib_timeout)} | "
              f"{ratio(slow[name], fast[name], args.rdflib_timeout)} |")
    print(f"| `kg related {paper}`, the whole command (Python start-up included) | {duration(whole)} | – | – | – |")


def corpus_graph() -> Path:
    if not CORPUS.is_dir():
        print(f"skipped: no graph named and no corpus at {CORPUS}", file=sys.stderr)
        raise SystemExit(0)
    from kg.build import build

    print(f"building {CORPUS} into {BUILD} ...", file=sys.stderr)
    build([CORPUS], BUILD)
    return BUILD


def busy_grpo_paper(store) -> str:
    from kg.store import select

    return select(store, """
        SELECT ?id (COUNT(?e) AS ?n) WHERE {
          ?paper kg:usesMethod ent:grpo ; kg:arxivId ?id ; kg:usesMethod|kg:usesDataset|kg:usesMetric|kg:usesModel ?e }
        GROUP BY ?id ORDER BY DESC(?n) ?id LIMIT 1""")[0]["id"]


def list_operations(graph: Path, paper: str):
    """(name, function) for every timed operation; each goes through kg's own code."""
    import kg.query
    import kg.related

    def query(path: Path):
        text = path.read_text(encoding="utf-8")
        return lambda: kg.query.run_query(text, graph=graph).rows

    operations = [(f"`queries/{p.name}`", query(p)) for p in sorted((ROOT / "queries").glob("*.rq"))]
    return operations + [
        (f"`kg related {paper}`", lambda: kg.related.related_papers(paper, graph=graph)),
        ("`kg papers GRPO`", lambda: kg.related.papers_naming("GRPO", graph=graph)),
        ("`kg entities --limit 50`", lambda: kg.related.entities(graph=graph, limit=50)),
    ]


def seconds(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def median_seconds(run, repeat: int) -> float:
    run()  # warm: the store is open (and cached) after the first call
    return statistics.median(seconds(run) for _ in range(repeat))


def median_cpu_seconds(run, repeat: int) -> float:
    """Processor time of this process: what a run costs when other work shares the CPUs."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return statistics.median(times)


def make_store(graph: Path) -> None:
    import pyoxigraph

    from kg.store import rdf_format

    with tempfile.TemporaryDirectory(dir=graph.parent) as folder:
        store = pyoxigraph.Store(folder)
        store.bulk_load(path=str(graph), format=rdf_format(graph))
        store.flush()
        del store


def reopen(graph: Path) -> None:
    import pyoxigraph

    from kg.store import store_dir

    pyoxigraph.Store.read_only(str(store_dir(graph)))


def command(graph: Path, paper: str) -> None:
    subprocess.run([sys.executable, "-m", "kg", "related", paper, "--graph", str(graph)],
                   cwd=ROOT, check=True, capture_output=True)


def parse_with_rdflib(graph: Path):
    import rdflib

    return rdflib.Graph().parse(graph)


@contextlib.contextmanager
def on_rdflib(rdf_graph):
    """Answer kg's queries from ``rdf_graph`` with rdflib's engine instead of Oxigraph."""
    import kg.query
    import kg.related
    from kg.namespaces import PREFIXES

    def select(store, text):
        answer = rdf_graph.query(text, initNs=PREFIXES)
        if answer.type == "ASK":
            return answer.askAnswer
        names = [str(v) for v in answer.vars]
        return [{n: str(row[i]) for i, n in enumerate(names) if row[i] is not None} for row in answer]

    def run_query(text, graph):
        return kg.query.QueryResult("select", (), list(rdf_graph.query(text, initNs=PREFIXES)))

    with contextlib.ExitStack() as patches:
        patches.enter_context(mock.patch.object(kg.related, "open_store", lambda graph: rdf_graph))
        patches.enter_context(mock.patch.object(kg.related, "select", select))
        patches.enter_context(mock.patch.object(kg.related, "label_index", lambda graph: label_index(rdf_graph)))
        patches.enter_context(mock.patch.object(kg.query, "run_query", run_query))
        yield


def label_index(rdf_graph) -> dict[str, list[str]]:
    """What ``kg.store.label_index`` reads from the store folder, computed from rdflib."""
    from rdflib.namespace import SKOS

    from kg.vocab import norm

    index: dict[str, set[str]] = {}
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for subject, label in rdf_graph.subject_objects(prop):
            index.setdefault(norm(str(label)), set()).add(str(subject))
    return {key: sorted(iris) for key, iris in index.items()}


def timed_in_child(run, timeout: float) -> float | None:
    """Seconds one run takes in a forked child, or None when it takes longer than ``timeout``."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_time_one, args=(run, send))
    child.start()
    taken = receive.recv() if receive.poll(timeout) else None
    if child.is_alive():
        child.kill()
    child.join()
    return taken


def _time_one(run, send) -> None:
    send.send(seconds(run))


def duration(value: float | None, timeout: float | None = None) -> str:
    if value is None:
        return f"> {timeout:g} s (stopped)" if timeout else "–"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.1f} s"


def ratio(slow: float | None, fast: float, timeout: float) -> str:
    return f"> {timeout / fast:,.0f}×" if slow is None else f"{slow / fast:,.0f}×"


if __name__ == "__main__":
    from kg.errors import KgError

    try:
        main()
    except KgError as err:
        sys.exit(f"error: {err}")
