"""kg: a knowledge graph of AI research papers, built from digest files.

The stages, one module each: ``read`` (digest files to paper records), ``extract``
(mentions of methods, models, data sets, metrics), ``link`` (mentions to entities),
``graph`` (RDF triples), ``build`` (all of it over many files, cached and parallel).
"""

__version__ = "0.1.0"


def build(inputs=("seeds",), out="output", **options):
    """Build the graph of ``inputs`` into ``out``; see ``kg.build.build``."""
    from .build import build as _build

    return _build(inputs, out, **options)
