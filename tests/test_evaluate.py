"""kg eval scores a graph the way the project's scorer does."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.evaluate import Evaluation, _score, evaluate

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "score-gold"
GOLD = sorted((ROOT.parent / "shared" / "gold").glob("seeds-*.jsonl"))


@pytest.mark.skipif(not SCORER.is_file() or not GOLD, reason="needs ../shared/tools/score-gold and gold files")
def test_eval_agrees_with_score_gold(seeds_graph):
    scorer = subprocess.run([sys.executable, str(SCORER), str(seeds_graph / "graph.ttl"), *map(str, GOLD), "--json"],
                            capture_output=True, text=True, check=True)
    expected = json.loads(scorer.stdout)
    result = evaluate(seeds_graph, GOLD)
    for name in ("Method", "Model", "Dataset", "Metric", "proposes"):
        score = result.scores[name]
        assert (round(score.precision, 3), round(score.recall, 3), round(score.f1, 3)) == (
            expected[name]["P"], expected[name]["R"], expected[name]["F1"]), name
    assert round(result.micro.f1, 3) == expected["micro"]["F1"]
    assert result.missing_papers == []


def test_eval_reports_misses_and_spurious(seeds_graph, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "paper": "2509.22611", "proposed": ["QAE"],
        "Method": [{"name": "GRPO", "aliases": []}, {"name": "NoSuchMethod", "aliases": []}],
        "Model": [], "Dataset": [], "Metric": []}) + "\n", encoding="utf-8")
    result = evaluate(seeds_graph, [gold])
    assert result.scores["Method"].found_gold == 1 and result.scores["Method"].gold == 2
    assert "2509.22611:NoSuchMethod" in result.misses["Method"]
    output = CliRunner().invoke(cli, ["eval", str(gold), "--graph", str(seeds_graph)]).output
    assert "Method misses: 2509.22611:NoSuchMethod" in output
    assert output.splitlines()[-1] == "micro-F1 " + f"{result.micro.f1:.3f}" + " over 1 papers"


def test_eval_names_a_bad_gold_line(seeds_graph, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"paper": "1"}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(gold), "--graph", str(seeds_graph)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {gold}:2: not JSON")


def test_a_spurious_entity_is_shown_by_the_same_label_every_run():
    # labels are a set, whose order changes with Python's hash seed between runs: of the
    # shortest labels, the first in sorted order is shown
    result = Evaluation()
    _score("2501.00001", "Method", {}, {"ent:x": ["zz", "aa", "longer"]}, result)
    assert result.spurious["Method"] == ["2501.00001:aa"]
