"""The project's namespaces and where its Turtle resources live."""
from __future__ import annotations

from pathlib import Path

from rdflib import Namespace
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SDO, SKOS, XSD

KG = Namespace("https://w3id.org/kg/ontology#")
ENT = Namespace("https://w3id.org/kg/id/entity/")
PAPER = Namespace("https://w3id.org/kg/id/paper/")
KGID = Namespace("https://w3id.org/kg/id/")

PREFIXES = {
    "kg": KG, "ent": ENT, "paper": PAPER, "kgid": KGID, "rdf": RDF, "rdfs": RDFS,
    "skos": SKOS, "dcterms": DCTERMS, "prov": PROV, "schema": SDO, "xsd": XSD,
}


def ontology_dir() -> Path:
    """The ``ontology/`` folder: inside the installed package, or the source checkout's."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "ontology", here.parent / "ontology"):
        if (candidate / "kg.ttl").is_file():
            return candidate
    raise FileNotFoundError("kg's ontology/ folder is missing from this installation")


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
