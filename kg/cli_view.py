"""Commands of kg that view (registered on the ``kg`` group)."""
from __future__ import annotations

from pathlib import Path

import click

from .cli import cli
from .view import DEFAULT_MAX_NODES, ENTITY_TYPES, RELATED_PAPERS


@cli.command()
@click.option("--graph", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Build folder or graph file to view.")
@click.option("--entity", metavar="NAME", help="Show this entity (any of its names, Chinese too), "
              "its papers and their other entities.")
@click.option("--paper", metavar="ID", help="Show this paper (arXiv id), its entities and its "
              "most related papers.")
@click.option("--type", "types", multiple=True, type=click.Choice(ENTITY_TYPES, case_sensitive=False),
              help="Show only entities of this type; repeat for several.")
@click.option("--min-papers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Show only entities that at least N papers use.")
@click.option("--projection", is_flag=True,
              help="Show papers only, linked by the methods (or the --type entities) they share.")
@click.option("--related", type=click.IntRange(min=0), default=RELATED_PAPERS, show_default=True,
              help="With --paper: how many related papers to show.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=DEFAULT_MAX_NODES, show_default=True,
              help="Show at most N nodes, the most connected, so the page stays fast.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="HTML file to write [default: view-....html beside the graph].")
@click.option("--open", "open_browser", is_flag=True, help="Open the view in your web browser.")
def view(graph, entity, paper, types, min_papers, projection, related, max_nodes, out, open_browser):
    """Write an interactive HTML view of the graph: one file that works offline.

    Without --entity or --paper the view shows the whole graph (up to --max-nodes).
    """
    from .view import default_out, write_view

    if entity and paper:
        raise click.UsageError("use --entity or --paper, not both")
    out = out or default_out(graph, entity=entity, paper=paper, projection=projection)
    stats = write_view(graph, out, entity=entity, paper=paper, types=types, min_papers=min_papers,
                       projection=projection, max_nodes=max_nodes, related=related)
    if stats.limited:
        click.echo(f"note: {stats.notice()}", err=True)
    click.echo(stats.summary())
    if open_browser:
        import webbrowser

        webbrowser.open(stats.path.resolve().as_uri())
