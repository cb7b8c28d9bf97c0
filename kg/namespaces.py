"""The project's namespaces and where its Turtle resources live.

``PREFIXES`` maps each prefix to its namespace IRI as a plain string. rdflib's namespace
objects (``KG.usesMethod``, ``SKOS.prefLabel`` ...) are made when first asked for: a build
writes its Turtle as text and never needs rdflib, whose import was a tenth of a second
of every build's start (and of every extraction worker's).
"""
from __future__ import annotations

from pathlib import Path

PREFIXES = {
    "kg": "https://w3id.org/kg/ontology#", "ent": "https://w3id.org/kg/id/entity/",
    "paper": "https://w3id.org/kg/id/paper/", "kgid": "https://w3id.org/kg/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#", "schema": "https://schema.org/", "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# the project's own namespaces as rdflib makes them, and the ones rdflib defines
_OWN = {"KG": "kg", "ENT": "ent", "PAPER": "paper", "KGID": "kgid"}
_RDFLIB = ("DCTERMS", "PROV", "RDF", "RDFS", "SDO", "SKOS", "XSD")


def __getattr__(name: str):
    if name in _OWN:
        from rdflib import Namespace

        value = Namespace(PREFIXES[_OWN[name]])
    elif name in _RDFLIB:
        import rdflib.namespace

        value = getattr(rdflib.namespace, name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def ontology_dir() -> Path:
    """The ``ontology/`` folder: inside the installed package, or the source checkout's."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "ontology", here.parent / "ontology"):
        if (candidate / "kg.ttl").is_file():
            return candidate
    raise FileNotFoundError("kg's ontology/ folder is missing from this installation")


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
