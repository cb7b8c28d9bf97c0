"""Commands of kg that serve and publish the graph (registered on the ``kg`` group)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli import ProgressBar, cli
from .push import CHUNK_TRIPLES, DEFAULT_GRAPH, TIMEOUT  # a light module: no RDF or HTTP code loads


@cli.command()
@click.option("--graph", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Build folder or graph file to serve.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 shares the graph with your network).")
@click.option("--reload/--no-reload", default=True, show_default=True,
              help="Serve each new graph a build writes (looked for every 2 seconds).")
def serve(graph, port, host, reload):
    """Serve a built graph read-only over the SPARQL 1.1 Protocol, with its HTML views.

    Queries go to /query (GET or POST; answers in SPARQL JSON or XML, CSV, TSV or Turtle
    as the Accept header asks), a query editor is at /, and the build folder's *.html
    views are beside them. The engine is the Oxigraph server. When a build (or
    `kg build --watch`) writes a new graph, it is served once loaded. Stop with Ctrl-C.
    """
    import time

    from .server import serving

    def reloaded(error) -> None:
        when = time.strftime("%H:%M:%S")
        if error is None:
            click.echo(f"[{when}] serving the new graph")
        else:
            click.echo(f"[{when}] the new graph was not loaded, the last one is still served: {error}", err=True)

    try:
        with serving(graph, host=host, port=port, reload_seconds=2.0 if reload else None,
                     on_reload=reloaded) as server:
            click.echo(f"serving {server.graph_file} read-only")
            click.echo(f"SPARQL endpoint: {server.query_url}")
            click.echo(f"query editor:    {server.url}")
            for view in server.views:
                click.echo(f"view:            {view}")
            click.echo("Press Ctrl-C to stop.")
            server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


@cli.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store HTTP Protocol URL, e.g. http://localhost:7878/store (Oxigraph) "
                   "or http://localhost:3030/DATASET/data (Fuseki).")
@click.option("--graph", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Build folder or graph file to push.")
@click.option("--named-graph", default=DEFAULT_GRAPH, show_default=True, metavar="IRI",
              help="Named graph to write on the server.")
@click.option("--replace", is_flag=True,
              help="Leave the named graph holding exactly this graph, swapped in at once "
                   "(default: add to it).")
@click.option("--update-endpoint", metavar="URL",
              help="SPARQL Update URL for --replace [default: beside --endpoint, e.g. /store -> /update].")
@click.option("--chunk-size", default=CHUNK_TRIPLES, show_default=True, type=click.IntRange(min=1),
              help="Triples per upload request.")
@click.option("--timeout", default=TIMEOUT, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds to wait for each answer (the final swap gets 1 s more per 500 triples).")
def push(endpoint, graph, named_graph, replace, update_endpoint, chunk_size, timeout):
    """Upload a built graph into a named graph on a SPARQL server.

    Triples go in chunks to the server's Graph Store endpoint. With --replace they go to a
    staging graph first, and one SPARQL Update swaps it in, so queries see the old graph
    or the new one, never a mix. Credentials come from the environment (KG_ENDPOINT_TOKEN,
    or KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD) or ~/.netrc.
    """
    from .push import push as run_push

    bar = ProgressBar("pushing")

    def swap():
        bar.finish()
        if sys.stderr.isatty():  # the swap copies every triple: it can take a while
            click.echo("swapping the new graph in (one transaction) ...", err=True)

    try:
        report = run_push(graph, endpoint, named_graph=named_graph, replace=replace,
                          update_endpoint=update_endpoint, chunk_triples=chunk_size, timeout=timeout,
                          on_start=bar.start, progress=bar.update, on_swap=swap)
    finally:
        bar.finish()
    click.echo(report.summary())
