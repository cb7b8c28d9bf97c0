"""kg export: RDF formats parse back to the same graph; network formats load in NetworkX."""
import csv
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import InputError
from kg.export import FORMATS, export, export_lines
from kg.namespaces import ENT, KG, PAPER
from kg.query import short

ROOT = Path(__file__).resolve().parents[1]
RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}


def kg(*args):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def seeds_rdf(seeds_graph) -> rdflib.Graph:
    return rdflib.Graph().parse(seeds_graph / "graph.ttl")


@pytest.fixture(scope="module")
def counts(seeds_rdf) -> dict[str, int]:
    """Papers, entities and paper-entity links of the seeds' graph, counted by rdflib."""
    uses = [KG.usesMethod, KG.usesModel, KG.usesDataset, KG.usesMetric, KG.addressesTask]
    entity_types = [KG.Method, KG.Model, KG.Dataset, KG.Metric, KG.Task]
    return {"papers": len(set(seeds_rdf.subjects(rdflib.RDF.type, KG.Paper))),
            "entities": len({e for t in entity_types for e in seeds_rdf.subjects(rdflib.RDF.type, t)}),
            "links": len({(p, e) for u in uses for p, e in seeds_rdf.subject_objects(u)})}


@pytest.mark.parametrize("fmt", sorted(RDFLIB_FORMATS))
def test_rdf_exports_parse_back_to_the_same_graph(seeds_graph, seeds_rdf, tmp_path, fmt):
    target = tmp_path / f"graph.{fmt}"
    result = kg("export", "--format", fmt, "--graph", str(seeds_graph), "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {target}\n"
    parsed = rdflib.Dataset() if fmt == "trig" else rdflib.Graph()
    parsed.parse(target, format=RDFLIB_FORMATS[fmt])
    triples = {(s, p, o) for s, p, o, *_ in (parsed.quads() if fmt == "trig" else parsed)}
    assert triples == set(seeds_rdf)


def test_ntriples_are_sorted_and_the_same_for_two_builds(seeds_graph, tmp_path):
    from kg.build import build

    build([ROOT / "seeds"], tmp_path / "again", jobs=1)
    first = "".join(export_lines("nt", graph=seeds_graph))
    lines = first.splitlines()
    assert lines == sorted(lines) and len(lines) > 1000
    assert "".join(export_lines("nt", graph=tmp_path / "again")) == first


def test_export_to_standard_output_equals_the_file(seeds_graph, tmp_path):
    export("ttl", graph=seeds_graph, output=tmp_path / "graph.ttl")
    assert kg("export", "--format", "ttl", "--graph", str(seeds_graph)).output == \
        (tmp_path / "graph.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports_load_in_networkx(seeds_graph, counts, tmp_path, fmt, read):
    target = tmp_path / f"graph.{fmt}"
    assert export(fmt, graph=seeds_graph, output=target) == [target]
    network = read(target)
    papers = [n for n, data in network.nodes(data=True) if data["type"] == "Paper"]
    assert len(papers) == counts["papers"]
    assert network.number_of_nodes() == counts["papers"] + counts["entities"]
    assert network.number_of_edges() == counts["links"]
    assert network.nodes["ent:grpo"]["label"] == "GRPO" and network.nodes["ent:grpo"]["type"] == "Method"
    paper = network.nodes["paper:2509.22611"]
    assert paper["label"] == "Quantile Advantage Estimation for Entropy-Safe Reasoning"
    assert paper["label_zh"] == "用于熵安全推理的分位数优势估计"
    assert paper["iri"] == str(PAPER["2509.22611"])
    assert network.edges["paper:2509.22611", "ent:grpo"]["relation"] == "usesMethod"


def test_proposed_edges_are_marked(seeds_graph, seeds_rdf, tmp_path):
    network = nx.read_graphml(export("graphml", graph=seeds_graph, output=tmp_path / "g.graphml")[0])
    proposed = {(s, t) for s, t, data in network.edges(data=True) if data["proposed"]}
    assert proposed == {(short(p), short(e)) for p, e in seeds_rdf.subject_objects(KG.proposes)}
    assert proposed


def test_csv_writes_node_and_edge_lists(seeds_graph, counts, tmp_path):
    result = kg("export", "--format", "csv", "--graph", str(seeds_graph), "--output", str(tmp_path / "kg.csv"))
    assert result.exit_code == 0, result.output
    nodes, edges = tmp_path / "kg-nodes.csv", tmp_path / "kg-edges.csv"
    assert result.output == f"wrote {nodes}\nwrote {edges}\n"
    node_rows = list(csv.DictReader(nodes.open(encoding="utf-8")))
    edge_rows = list(csv.DictReader(edges.open(encoding="utf-8")))
    assert list(node_rows[0]) == ["id", "type", "label", "label_zh", "iri"]
    assert list(edge_rows[0]) == ["source", "target", "relation", "proposed"]
    assert len(node_rows) == counts["papers"] + counts["entities"]
    assert len(edge_rows) == counts["links"]
    assert {"id": "ent:grpo", "type": "Method", "label": "GRPO", "label_zh": "", "iri": str(ENT.grpo)} in node_rows
    network = nx.from_edgelist(((r["source"], r["target"]) for r in edge_rows), create_using=nx.DiGraph)
    assert network.has_edge("paper:2509.22611", "ent:grpo")


def test_csv_needs_a_file_name(seeds_graph):
    result = kg("export", "--format", "csv", "--graph", str(seeds_graph))
    assert (result.exit_code, result.output) == (
        1, "Error: csv export writes two files (FILE-nodes.csv and FILE-edges.csv): name FILE with --output\n")


def test_a_failed_export_leaves_no_file(seeds_graph, tmp_path, monkeypatch):
    def broken(network):
        yield "<graphml>"
        raise RuntimeError("interrupted")

    monkeypatch.setattr(nx, "generate_graphml", broken)
    target = tmp_path / "graph.graphml"
    target.write_text("the previous export\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="interrupted"):
        export("graphml", graph=seeds_graph, output=target)
    assert target.read_text(encoding="utf-8") == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.graphml"]


def test_unknown_formats_and_graphs_are_one_line_errors(tmp_path):
    with pytest.raises(InputError, match="^unknown export format 'xml'"):
        export_lines("xml", graph=tmp_path)
    result = kg("export", "--format", "nt", "--graph", str(tmp_path))
    assert result.output == f"Error: no built graph at {tmp_path / 'graph.ttl'}: run `kg build` first, or name one with --graph\n"


def test_cli_and_library_offer_the_same_formats():
    from kg.cli_query import EXPORT_FORMATS

    assert EXPORT_FORMATS == FORMATS
