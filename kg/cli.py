"""The ``kg`` command line: parses arguments and calls the library, nothing more."""
from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

import click

from .errors import KgError


# Each area's commands live beside its library module (``kg.cli_*``) and register on
# ``cli`` when that module is imported: only when one of them is run or listed. Importing
# them all came before every command, a twentieth of a second of a day's update.
_COMMAND_MODULES = {"query": "cli_query", "related": "cli_query", "papers": "cli_query",
                    "entities": "cli_query", "export": "cli_query", "serve": "cli_serve",
                    "push": "cli_serve", "view": "cli_view"}


class KgGroup(click.Group):
    """Turns the project's errors into one-line messages instead of tracebacks."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KgError as err:
            raise click.ClickException(str(err)) from None

    def get_command(self, ctx, name):
        if name not in self.commands and name in _COMMAND_MODULES:
            importlib.import_module(f"{__package__}.{_COMMAND_MODULES[name]}")
        return super().get_command(ctx, name)

    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *_COMMAND_MODULES})


class ProgressBar:
    """A progress bar on standard error when it is a terminal, fed by library callbacks."""

    def __init__(self, label: str):
        self.label = label
        self.bar = None

    def start(self, total: int) -> None:
        if sys.stderr.isatty() and total:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()

    def update(self, done: int) -> None:
        if self.bar is not None:
            self.bar.update(done)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@click.group(cls=KgGroup)
@click.version_option(package_name="kg")
def cli():
    """Build and explore a knowledge graph of AI research papers from digest files."""


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Folder to write the graph, views and cache into.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for extraction [default: all cores].")
@click.option("--no-cache", is_flag=True, help="Re-extract every file, ignoring cached results.")
@click.option("--no-view", is_flag=True, help="Do not write the overview page graph.html.")
@click.option("--quiet", "-q", is_flag=True, help="Print no warnings, only the summary.")
@click.option("--watch", is_flag=True,
              help="Stay running: look at INPUTS every --interval seconds and update the graph when they "
                   "change (Ctrl-C stops).")
@click.option("--interval", default=5.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds between looks at INPUTS, with --watch.")
def build(inputs, out, jobs, no_cache, no_view, quiet, watch, interval):
    """Build the graph of INPUTS (digest files or folders; default: seeds/) into OUT."""
    from .build import build as run_build
    from .build import watch as run_watch

    def show(report) -> None:
        if not quiet:
            for problem in report.problems:
                click.echo(f"warning: {problem}", err=True)
        click.echo(report.summary())

    if watch:
        if no_cache:
            raise click.UsageError("--watch updates the graph from the cache: it cannot go with --no-cache")

        def show_update(report) -> None:
            click.echo(f"[{time.strftime('%H:%M:%S')}] built in {report.seconds:.2f} s")
            show(report)

        def show_error(err) -> None:
            click.echo(f"[{time.strftime('%H:%M:%S')}] error: {err}", err=True)

        click.echo(f"watching {', '.join(map(str, inputs or ['seeds']))} every {interval:g} s; Ctrl-C stops")
        try:
            run_watch(inputs or ["seeds"], out, interval=interval, jobs=jobs, view=not no_view,
                      on_build=show_update, on_error=show_error)
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
        return
    bar = ProgressBar("extracting")
    try:
        report = run_build(inputs or ["seeds"], out, jobs=jobs, use_cache=not no_cache, view=not no_view,
                           progress=bar.update, on_start=bar.start)
    finally:
        bar.finish()
    show(report)


@cli.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--graph", default="output", show_default=True, help="Build folder or graph file.")
@click.option("--show", default=20, show_default=True, help="Misses and spurious entities to list per type.")
def eval_(gold, graph, show):
    """Score the graph against GOLD annotation files (JSON lines, see GUIDELINES)."""
    from .evaluate import evaluate

    click.echo(evaluate(graph, list(gold)).report(show=show))


def main():
    cli(prog_name="kg")
