"""Commands of kg that query (registered on the ``kg`` group)."""
from __future__ import annotations

from pathlib import Path

import click

from .cli import cli
from .records import ENTITY_TYPES

QUERY_FORMATS = ("table", "csv", "tsv", "json", "turtle")
EXPORT_FORMATS = ("ttl", "nt", "jsonld", "trig", "graphml", "gexf", "csv")


def graph_option(command):
    return click.option("--graph", "graph", default="output", show_default=True, type=click.Path(path_type=Path),
                        help="A build folder or a graph file.")(command)


def type_option(help_text: str):
    return click.option("--type", "entity_type", type=click.Choice(ENTITY_TYPES), help=help_text)


@cli.command()
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8-sig"),
              help="Read the query from a file ('-' for standard input).")
@graph_option
@click.option("--endpoint", metavar="URL", help="Ask a SPARQL 1.1 endpoint instead of the built graph.")
@click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS),
              help="Output format [default: table; turtle for CONSTRUCT and DESCRIBE].")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              help="Seconds to wait for an endpoint.")
def query(query, query_file, graph, endpoint, fmt, timeout):
    """Run a read-only SPARQL QUERY (SELECT, ASK, CONSTRUCT or DESCRIBE) on a graph.

    The prefixes kg:, ent:, paper:, kgid:, rdf:, rdfs:, skos:, dcterms:, prov:,
    schema: and xsd: are declared. json, csv and tsv are the W3C SPARQL results
    formats; CONSTRUCT and DESCRIBE print Turtle unless another format is asked for.
    Updates (INSERT, DELETE, LOAD ...) are refused.

    The first query of a graph makes an Oxigraph store beside it (DIR/store/), which
    later queries reuse until the graph changes.
    """
    from .query import run_query

    if (query is None) == (query_file is None):
        raise click.UsageError("give a QUERY or --file, not both" if query else "give a QUERY or --file")
    text = query if query is not None else query_file.read()
    result = run_query(text, graph=graph, endpoint=endpoint, timeout=timeout)
    click.echo(result.render(fmt or ("turtle" if result.kind == "graph" else "table")), nl=False)


@cli.command()
@click.argument("paper")
@graph_option
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True, help="How many papers to show.")
@type_option("Count only shared entities of this type.")
def related(paper, graph, limit, entity_type):
    """Papers that share the most with PAPER (an arXiv id or a title fragment).

    A shared entity weighs more the fewer papers name it (inverse document frequency).
    """
    from .query import render_table
    from .related import find_paper, related_papers

    target = find_paper(paper, graph=graph)
    click.echo(f"Related to {target.arxiv_id}: {target.title}\n")
    found = related_papers(target.arxiv_id, graph=graph, limit=limit, entity_type=entity_type)
    rows = [(r.paper.arxiv_id, f"{r.score:.2f}", r.paper.title, ", ".join(e.label for e in r.shared)) for r in found]
    click.echo(render_table(("paper", "score", "title", "shared"), rows), nl=False)


@cli.command()
@click.argument("entity")
@graph_option
def papers(entity, graph):
    """Papers that name ENTITY, by any of its English or Chinese labels."""
    from .query import render_table
    from .related import papers_naming

    found = papers_naming(entity, graph=graph)
    rows = [(n.paper.arxiv_id, n.paper.title, n.entity.label, n.entity.type) for n in found]
    click.echo(render_table(("paper", "title", "entity", "type"), rows), nl=False)


@cli.command()
@graph_option
@type_option("Only entities of this type.")
@click.option("--min-papers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only entities that at least this many papers name.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="How many entities to show.")
def entities(graph, entity_type, min_papers, limit):
    """Entities with the number of papers that name them, most named first."""
    from rdflib import URIRef

    from .query import render_table, short
    from .related import entities as list_entities

    found = list_entities(graph=graph, entity_type=entity_type, min_papers=min_papers, limit=limit)
    rows = [(e.label, e.type, str(e.papers), short(URIRef(e.iri))) for e in found]
    click.echo(render_table(("entity", "type", "papers", "iri"), rows), nl=False)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="RDF (ttl, nt, jsonld, trig) or a network of papers and entities (graphml, gexf, csv).")
@graph_option
@click.option("--output", "-o", default="-", show_default=True,
              help="File to write ('-' for standard output). For csv: FILE-nodes.csv and FILE-edges.csv.")
def export(fmt, graph, output):
    """Export the graph as RDF or as a network for NetworkX, Gephi and spreadsheets.

    N-Triples lines are sorted, so the same graph always exports to the same file.
    Files are written whole or not at all.
    """
    from .export import export as write_export, export_lines

    if output == "-":
        for text in export_lines(fmt, graph=graph):
            click.echo(text, nl=False)
        return
    for path in write_export(fmt, graph=graph, output=output):
        click.echo(f"wrote {path}", err=True)
