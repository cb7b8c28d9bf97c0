"""kg related, kg papers and kg entities: on the seeds (against gold) and on tiny graphs."""
import doctest
import math
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import InputError
from kg.namespaces import ENT, KG
from kg.related import entities, find_paper, papers_naming, related_papers
from kg.vocab import norm


def kg(*args):
    return CliRunner().invoke(cli, list(args))


def gold_names(paper: dict) -> set[str]:
    return {norm(e["name"]) for t in ("Method", "Model", "Dataset", "Metric") for e in paper[t]}


def gold_papers(gold, name: str) -> set[str]:
    key = norm(name)
    return {p["paper"] for p in gold for t in ("Method", "Model", "Dataset", "Metric") for e in p[t]
            if key in {norm(e["name"]), *map(norm, e["aliases"])}}


PREFIXES = """@prefix kg: <https://w3id.org/kg/ontology#> . @prefix ent: <https://w3id.org/kg/id/entity/> .
@prefix paper: <https://w3id.org/kg/id/paper/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""


def tiny_graph(tmp_path: Path, uses: dict[str, list[str]], titles: dict[str, str] | None = None) -> Path:
    """A graph of papers 2601.000NN using entities; ``rare*`` are Methods, the rest Metrics."""
    lines = [PREFIXES]
    for number, names in uses.items():
        title = (titles or {}).get(number, f"Paper number {number}")
        lines.append(f'paper:2601.000{number} a kg:Paper ; kg:arxivId "2601.000{number}" ; dcterms:title "{title}"@en .')
        for name in names:
            prop = "usesMethod" if name.startswith("rare") else "usesMetric"
            lines.append(f"paper:2601.000{number} kg:{prop} ent:{name} .")
    for name in sorted({n for names in uses.values() for n in names}):
        cls = "Method" if name.startswith("rare") else "Metric"
        lines.append(f'ent:{name} a kg:{cls} ; skos:prefLabel "{name}" .')
    path = tmp_path / "graph.ttl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


# --- related papers ------------------------------------------------------------------------

def test_related_puts_the_papers_sharing_grpo_dapo_and_rlvr_in_the_top_three(seeds_graph, seeds_gold):
    target = next(p for p in seeds_gold if p["paper"] == "2509.22611")
    expected = {p["paper"] for p in seeds_gold
                if p is not target and {"grpo", "dapo", "rlvr"} <= gold_names(p)}
    assert expected == {"2602.05548", "2602.11792"}
    top = related_papers("2509.22611", graph=seeds_graph, limit=3)
    assert expected <= {r.paper.arxiv_id for r in top}
    assert "2509.22611" not in {r.paper.arxiv_id for r in top}


def test_a_rare_shared_entity_outweighs_common_ones(tmp_path):
    # 0 shares rare1 with 1 only, and common1, common2 with 2 ... 9.
    uses = {"00": ["rare1", "common1", "common2"], "01": ["rare1"]}
    uses.update({f"0{i}": ["common1", "common2"] for i in range(2, 10)})
    found = related_papers("2601.00000", graph=tiny_graph(tmp_path, uses), limit=3)
    assert [r.paper.arxiv_id for r in found] == ["2601.00001", "2601.00002", "2601.00003"]
    assert found[0].score == pytest.approx(math.log(10 / 2), abs=1e-3)
    assert found[1].score == pytest.approx(2 * math.log(10 / 9), abs=1e-3)
    assert [e.label for e in found[1].shared] == ["common1", "common2"]
    assert found[1].shared[0].papers == 9


def test_related_by_one_type_and_ties_by_arxiv_id(tmp_path):
    uses = {"00": ["rare1", "common1"], "03": ["rare1"], "02": ["rare1"], "01": ["common1"], "04": ["other"]}
    uses.update({f"0{i}": ["common1"] for i in range(5, 8)})  # rare1: 3 of 8 papers, common1: 5
    graph = tiny_graph(tmp_path, uses)
    assert [r.paper.arxiv_id for r in related_papers("2601.00000", graph=graph, limit=3)] == \
        ["2601.00002", "2601.00003", "2601.00001"]
    methods = related_papers("2601.00000", graph=graph, entity_type="Method")
    assert [r.paper.arxiv_id for r in methods] == ["2601.00002", "2601.00003"]
    assert {e.type for r in methods for e in r.shared} == {"Method"}


def test_a_paper_sharing_nothing_has_no_related_papers(tmp_path):
    assert related_papers("2601.00000", graph=tiny_graph(tmp_path, {"00": ["rare1"], "01": ["rare2"]})) == []


def test_related_command_shows_what_is_shared(seeds_graph):
    result = kg("related", "Quantile Advantage Estimation", "--graph", str(seeds_graph), "--limit", "3")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Related to 2509.22611: Quantile Advantage Estimation for Entropy-Safe Reasoning"
    assert lines[2].split() == ["paper", "score", "title", "shared"]
    row = next(line for line in lines if line.startswith("2602.11792"))
    assert {"GRPO", "DAPO", "RLVR"} <= set(row.replace(",", " ").split())
    assert lines[-1] == "(3 rows)"


# --- naming a paper ------------------------------------------------------------------------

def test_find_paper_by_id_or_title(seeds_graph):
    assert find_paper("arXiv:2509.22611v3", graph=seeds_graph).arxiv_id == "2509.22611"
    assert find_paper("entropy-safe REASONING", graph=seeds_graph).arxiv_id == "2509.22611"
    assert find_paper("熵安全推理", graph=seeds_graph).arxiv_id == "2509.22611"


def test_a_whole_title_beats_the_titles_containing_it(tmp_path):
    graph = tiny_graph(tmp_path, {"00": ["rare1"], "01": ["rare1"]}, {"00": "GEM", "01": "GEM two"})
    assert find_paper("gem", graph=graph).arxiv_id == "2601.00000"


def test_an_ambiguous_fragment_lists_the_candidates(tmp_path):
    titles = {f"0{i}": f"Diffusion paper {i}" for i in range(7)}
    graph = tiny_graph(tmp_path, {n: ["rare1"] for n in titles}, titles)
    result = kg("related", "diffusion", "--graph", str(graph))
    assert result.exit_code == 1
    assert result.output == (
        "Error: 'diffusion' matches 7 papers: 2601.00000 (Diffusion paper 0), 2601.00001 (Diffusion paper 1), "
        "2601.00002 (Diffusion paper 2), 2601.00003 (Diffusion paper 3), 2601.00004 (Diffusion paper 4) "
        "and 2 more; name one by its arXiv id\n")


def test_unknown_papers_are_one_line_errors(seeds_graph):
    assert kg("related", "2501.99999", "--graph", str(seeds_graph)).output == "Error: no paper 2501.99999 in the graph\n"
    assert kg("related", "no such title", "--graph", str(seeds_graph)).output == \
        "Error: no paper's title contains 'no such title'\n"


@pytest.mark.parametrize("text", ['x" } ; DROP ALL #', "\\", "'", "x\"@en) } UNION { ?a ?b ?c", "\n"])
def test_user_text_cannot_change_a_query(seeds_graph, text):
    with pytest.raises(InputError, match="^(no paper's title contains|name a paper)"):
        find_paper(text, graph=seeds_graph)
    with pytest.raises(InputError, match="^(no entity is named|name an entity)"):
        papers_naming(text, graph=seeds_graph)


# --- papers naming an entity ---------------------------------------------------------------

def test_papers_naming_grpo_are_the_gold_ones(seeds_graph, seeds_gold):
    result = kg("papers", "GRPO", "--graph", str(seeds_graph))
    assert result.exit_code == 0, result.output
    listed = {line.split()[0] for line in result.output.splitlines()[2:-1]}
    assert gold_papers(seeds_gold, "GRPO") <= listed
    graph = rdflib.Graph().parse(seeds_graph / "graph.ttl")
    assert listed == {str(p).rsplit("/", 1)[-1] for p in graph.subjects(KG.usesMethod, ENT.grpo)}


@pytest.mark.parametrize("label", ["grpo", "G-R-P-O", "ＧＲＰＯ", "Group Relative Policy Optimization",
                                   "group_relative.policy optimization", "群体相对策略优化"])
def test_any_label_in_any_case_names_the_entity(seeds_graph, label):
    namings = papers_naming(label, graph=seeds_graph)
    assert {n.entity.iri for n in namings} == {str(ENT.grpo)}
    assert [n.paper.arxiv_id for n in namings] == sorted(n.paper.arxiv_id for n in namings)
    assert namings[0].entity.papers == len(namings)


def test_an_unknown_entity_is_a_one_line_error(seeds_graph):
    result = kg("papers", "No Such Method", "--graph", str(seeds_graph))
    assert (result.exit_code, result.output) == (1, "Error: no entity is named 'No Such Method' in the graph\n")


# --- entities ------------------------------------------------------------------------------

def test_entities_with_their_paper_counts(seeds_graph, seeds_gold):
    methods = entities(graph=seeds_graph, entity_type="Method", min_papers=2)
    assert {"GRPO", "DAPO", "RLVR"} <= {e.label for e in methods}
    assert all(e.type == "Method" and e.papers >= 2 for e in methods)
    assert [e.papers for e in methods] == sorted((e.papers for e in methods), reverse=True)
    graph = rdflib.Graph().parse(seeds_graph / "graph.ttl")
    for entity in methods:
        assert entity.papers == len(set(graph.subjects(KG.usesMethod, rdflib.URIRef(entity.iri))))
    grpo = next(e for e in methods if e.label == "GRPO")
    assert grpo.papers >= len(gold_papers(seeds_gold, "GRPO"))


def test_entities_limit_keeps_the_most_named_and_breaks_ties_by_iri(tmp_path):
    uses = {"00": ["rare1", "b", "a"], "01": ["rare1", "c", "a"], "02": ["rare1"]}
    graph = tiny_graph(tmp_path, uses)
    assert [(e.label, e.papers) for e in entities(graph=graph, limit=3)] == [("rare1", 3), ("a", 2), ("b", 1)]
    assert [e.label for e in entities(graph=graph, entity_type="Metric", min_papers=2)] == ["a"]


def test_entities_command(seeds_graph):
    result = kg("entities", "--type", "Dataset", "--min-papers", "2", "--graph", str(seeds_graph))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["entity", "type", "papers", "iri"]
    assert all(line.split()[-3] == "Dataset" for line in lines[2:-1] if line.split())
    assert "AIME 2025" in result.output
    assert kg("entities", "--type", "Gadget").exit_code == 2


def test_an_unknown_type_is_refused(seeds_graph):
    with pytest.raises(InputError, match="^unknown entity type 'Gadget'"):
        entities(graph=seeds_graph, entity_type="Gadget")


# --- the docstring examples run ------------------------------------------------------------

@pytest.mark.parametrize("module", ["kg.related", "kg.export"])
def test_docstring_examples(seeds_graph, tmp_path, monkeypatch, module):
    import importlib

    (tmp_path / "output").symlink_to(seeds_graph, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    failures, tried = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert tried and not failures


def test_every_command_has_help():
    for name in ("query", "related", "papers", "entities", "export"):
        result = kg(name, "--help")
        assert result.exit_code == 0 and len(result.output.splitlines()) > 5, name


def test_uses_properties_are_the_ontology_ones():
    from rdflib.namespace import RDFS

    from kg.namespaces import ontology_dir
    from kg.related import USES

    ontology = rdflib.Graph().parse(ontology_dir() / "kg.ttl")
    assert set(USES.values()) == set(ontology.subjects(RDFS.subPropertyOf, KG.uses))
    for entity_type, prop in USES.items():
        assert (prop, RDFS.range, KG[entity_type]) in ontology
