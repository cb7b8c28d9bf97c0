"""Score a built graph against gold annotations (``GUIDELINES.md`` matching rules).

A predicted entity matches a gold one when any of its labels equals the gold name or
an alias after normalisation (``kg.vocab.norm``). Scores are per type, micro-averaged
over the four scored types, and for ``proposes``.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .records import SCORED_TYPES
from .vocab import norm

_QUERY = """
SELECT ?id ?entity ?type ?label ?proposed WHERE {
  ?paper kg:arxivId ?id ; ?link ?entity .
  ?entity a ?class .
  VALUES (?class ?type) { (kg:Method "Method") (kg:Model "Model") (kg:Dataset "Dataset") (kg:Metric "Metric") }
  { ?entity skos:prefLabel ?label } UNION { ?entity skos:altLabel ?label }
  BIND(?link = kg:proposes AS ?proposed)
}"""


@dataclass
class Score:
    true_pred: int = 0  # predictions that match gold
    predicted: int = 0
    found_gold: int = 0  # gold entities matched by a prediction
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_pred / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    misses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    spurious: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    missing_papers: list[str] = field(default_factory=list)
    papers: int = 0

    @property
    def micro(self) -> Score:
        total = Score()
        for t in SCORED_TYPES:
            s = self.scores[t]
            total.true_pred += s.true_pred
            total.predicted += s.predicted
            total.found_gold += s.found_gold
            total.gold += s.gold
        return total

    def report(self, show: int = 20) -> str:
        lines = [f"{'':9s} {'P':>6s} {'R':>6s} {'F1':>6s} {'gold':>5s} {'pred':>5s}"]
        for name in (*SCORED_TYPES, "proposes", "micro"):
            s = self.micro if name == "micro" else self.scores[name]
            lines.append(f"{name:9s} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.gold:5d} {s.predicted:5d}")
        if self.missing_papers:
            lines.append(f"papers missing from the graph: {len(self.missing_papers)}: "
                         + " ".join(self.missing_papers[:10]))
        for name in (*SCORED_TYPES, "proposes"):
            if show and self.misses[name]:
                lines.append(f"{name} misses: " + "; ".join(self.misses[name][:show]))
            if show and self.spurious[name]:
                lines.append(f"{name} spurious: " + "; ".join(self.spurious[name][:show]))
        lines.append(f"micro-F1 {self.micro.f1:.3f} over {self.papers} papers")
        return "\n".join(lines)


def read_gold(paths: list[str | Path]) -> list[dict]:
    rows = []
    for path in paths:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as err:
            raise InputError(f"{path}: cannot read: {err.strerror}") from None
        for number, line in enumerate(lines, start=1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise InputError(f"{path}:{number}: not JSON: {err.msg}") from None
    return rows


def predictions(store) -> dict[str, dict]:
    """For each arXiv id: {type: {entity: labels}} and the proposed entities' labels."""
    from .namespaces import sparql_prefixes

    papers: dict[str, dict] = defaultdict(lambda: {"types": defaultdict(dict), "proposed": {}})
    for row in store.query(sparql_prefixes() + _QUERY):
        paper = papers[row["id"].value]
        entity = row["entity"].value
        labels = paper["types"][row["type"].value].setdefault(entity, set())
        labels.update({norm(row["label"].value), norm(entity.rsplit("/", 1)[-1])})
        if row["proposed"].value == "true":
            paper["proposed"].setdefault(entity, set()).update(labels)
    for row in store.query(sparql_prefixes() + "SELECT ?id WHERE { ?paper a kg:Paper ; kg:arxivId ?id }"):
        papers[row["id"].value]  # a paper with no entities is in the graph all the same
    return papers


def evaluate(graph: str | Path, gold_files: list[str | Path]) -> Evaluation:
    """Precision, recall and F1 of the graph at ``graph`` against the gold files."""
    from .store import load_store

    predicted = predictions(load_store(graph))
    result = Evaluation()
    for row in read_gold(gold_files):
        paper_id = row["paper"]
        result.papers += 1
        if paper_id not in predicted:
            result.missing_papers.append(paper_id)
        paper = predicted.get(paper_id, {"types": {}, "proposed": {}})
        aliases = {e["name"]: {norm(e["name"])} | {norm(a) for a in e.get("aliases", [])}
                   for t in SCORED_TYPES for e in row.get(t, [])}
        for t in SCORED_TYPES:
            gold = {e["name"]: aliases[e["name"]] for e in row.get(t, [])}
            _score(paper_id, t, gold, paper["types"].get(t, {}), result)
        gold_proposed = {name: aliases.get(name, {norm(name)}) for name in row.get("proposed", [])}
        _score(paper_id, "proposes", gold_proposed, paper["proposed"], result)
    return result


def _score(paper_id: str, name: str, gold: dict[str, set], predicted: dict[str, set], result: Evaluation) -> None:
    score = result.scores[name]
    for entity, labels in sorted(predicted.items()):
        hit = any(labels & keys for keys in gold.values())
        score.predicted += 1
        score.true_pred += hit
        if not hit:
            result.spurious[name].append(f"{paper_id}:{min(labels, key=lambda label: (len(label), label))}")  # (ties: the same every run)
    for gold_name, keys in gold.items():
        hit = any(labels & keys for labels in predicted.values())
        score.gold += 1
        score.found_gold += hit
        if not hit:
            result.misses[name].append(f"{paper_id}:{gold_name}")
