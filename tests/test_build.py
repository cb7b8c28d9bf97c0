"""The build end to end on the seeds: the graph conforms to the shapes, and is stable."""
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from kg.build import build
from kg.namespaces import KG, ontology_dir

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds-build")
    report = build([ROOT / "seeds"], out, jobs=1)
    return out, report


def test_seeds_build_finds_all_papers(seeds_build):
    out, report = seeds_build
    assert report.files == 2
    assert report.papers == 57
    assert report.problems == []
    graph = rdflib.Graph().parse(out / "graph.ttl")
    assert len(set(graph.subjects(rdflib.RDF.type, KG.Paper))) == 57
    assert report.triples == len(graph)


def test_seeds_graph_conforms_to_shapes(seeds_build):
    pyshacl = pytest.importorskip("pyshacl")
    out, _ = seeds_build
    data = rdflib.Graph().parse(out / "graph.ttl")
    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=rdflib.Graph().parse(
        ontology_dir() / "kg.ttl"), inference="rdfs")
    assert conforms, text


def test_shapes_reject_a_paper_without_arxiv_id():
    pyshacl = pytest.importorskip("pyshacl")
    bad = rdflib.Graph().parse(data="""
        @prefix kg: <https://w3id.org/kg/ontology#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        <https://w3id.org/kg/id/paper/x> a kg:Paper ; dcterms:title "No id"@en .
    """, format="turtle")
    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl")
    conforms, _, text = pyshacl.validate(bad, shacl_graph=shapes)
    assert not conforms
    assert "exactly one arXiv id" in text


def test_entities_have_one_type_and_merge_spellings(seeds_build):
    out, _ = seeds_build
    graph = rdflib.Graph().parse(out / "graph.ttl")
    grpo = rdflib.URIRef("https://w3id.org/kg/id/entity/grpo")
    assert list(graph.objects(grpo, rdflib.RDF.type)) == [KG.Method]
    labels = {str(o) for o in graph.objects(grpo, rdflib.SKOS.altLabel)}
    assert "Group Relative Policy Optimization" in labels
    users = set(graph.subjects(KG.usesMethod, grpo))
    assert rdflib.URIRef("https://w3id.org/kg/id/paper/2509.22611") in users


def test_same_input_same_bytes(seeds_build, tmp_path):
    out, _ = seeds_build
    build([ROOT / "seeds"], tmp_path, jobs=1, use_cache=False)
    assert (tmp_path / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


def test_cli_build_prints_summary(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kg", "build", str(ROOT / "seeds"), "--out", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "files read: 2" in result.stdout
    assert "papers: 57" in result.stdout
    assert "triples:" in result.stdout and "warnings: 0" in result.stdout


def test_shapes_reject_an_entity_with_two_types():
    pyshacl = pytest.importorskip("pyshacl")
    bad = rdflib.Graph().parse(data="""
        @prefix kg: <https://w3id.org/kg/ontology#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <https://w3id.org/kg/id/entity/x> a kg:Method, kg:Model ; skos:prefLabel "X" .
    """, format="turtle")
    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl")
    conforms, _, text = pyshacl.validate(bad, shacl_graph=shapes)
    assert not conforms
    assert "exactly one type" in text


def test_overview_is_drawn_from_what_the_build_merged(seeds_build, tmp_path):
    """The build draws graph.html from its merged state: the graph it gives is the one the
    Turtle gives, and the page shows what ``kg view`` shows from the Turtle."""
    import pickle

    from kg.view import graph_from_state, overview_of_state, read_graph, write_view

    out, _ = seeds_build
    [state_file] = (out / "cache").rglob("state.pickle")
    _generation, state = pickle.loads(state_file.read_bytes())
    assert state.read_blocks((out / "graph.ttl").read_bytes())  # as the next build reads it back
    merged = graph_from_state(state)
    read = read_graph(out)
    assert dict(merged.nodes(data=True)) == dict(read.nodes(data=True))
    assert {frozenset(e[:2]): e[2] for e in merged.edges(data=True)} == {
        frozenset(e[:2]): e[2] for e in read.edges(data=True)}
    write_view(out, tmp_path / "view.html")
    assert _page_without_positions(out / "graph.html") == _page_without_positions(tmp_path / "view.html")
    for max_nodes in (40, 300):  # cut: the same nodes, edges and tooltips as kg view --max-nodes
        write_view(out, tmp_path / f"view-{max_nodes}.html", max_nodes=max_nodes)
        kg, view = overview_of_state(state, max_nodes)
        from kg.view import write_chosen
        write_chosen(kg, view, tmp_path / f"state-{max_nodes}.html", max_nodes=max_nodes)
        assert (_page_without_positions(tmp_path / f"state-{max_nodes}.html")
                == _page_without_positions(tmp_path / f"view-{max_nodes}.html"))


def _page_without_positions(page):
    """A view page's data with node positions left out (the layout may differ in the last
    digits with the order a graph was read in)."""
    import json
    import re

    text = page.read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S).group(1))
    for node in data["nodes"]:
        del node["x"], node["y"]
    return data


def test_a_command_loads_the_modules_of_other_commands_only_when_they_run():
    code = ("import sys; from kg.cli import cli; "
            "assert not {'kg.cli_view', 'kg.view', 'kg.cli_serve', 'kg.cli_query'} & set(sys.modules); "
            "assert cli.get_command(None, 'view') is not None and 'kg.cli_view' in sys.modules; "
            "assert set(cli.list_commands(None)) >= {'build', 'eval', 'query', 'related', 'papers', 'entities', "
            "'export', 'serve', 'push', 'view'}")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_graph_written_in_pieces_is_whole_even_when_the_system_writes_less_at_a_time(tmp_path, monkeypatch):
    import os

    from kg.graph import write_atomic

    pieces = [b"@prefix kg: <x> .\n", "é" * 3, b"", memoryview(b"<a> <b> <c>")[4:], b"q" * 3000] * 500
    expected = b"".join(piece.encode() if isinstance(piece, str) else bytes(piece) for piece in pieces)
    write_atomic(tmp_path / "whole.ttl", pieces)
    assert (tmp_path / "whole.ttl").read_bytes() == expected
    writev = os.writev
    monkeypatch.setattr(os, "writev", lambda fd, views: writev(fd, [bytes(views[0])[:(len(views[0]) + 1) // 2]]))
    write_atomic(tmp_path / "halves.ttl", pieces)
    assert (tmp_path / "halves.ttl").read_bytes() == expected
    assert not [path for path in tmp_path.iterdir() if path.name.endswith(".tmp")]
