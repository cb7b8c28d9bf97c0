"""Looking names up in the vocabulary."""
from pathlib import Path

from kg.vocab import load_vocabulary

TERMS = """
@prefix kg: <https://w3id.org/kg/ontology#> .
@prefix ent: <https://w3id.org/kg/id/entity/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

ent:rust a kg:NonEntity ; skos:prefLabel "Rust" ; kg:matchCase true .
ent:grpo a kg:Method ; skos:prefLabel "GRPO" ; skos:altLabel "Group Relative Policy Optimization" .
"""


def test_lookup_folds_case_and_separators_unless_the_term_matches_case(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "terms.ttl").write_text(TERMS, encoding="utf-8")
    vocabulary = load_vocabulary([tmp_path / "terms.ttl"])
    assert vocabulary.lookup("group-relative policy optimization").pref_label == "GRPO"
    assert vocabulary.lookup("grpo").pref_label == "GRPO"
    assert vocabulary.is_stopword("Rust")
    assert vocabulary.lookup("RUST") is None  # a method named RUST is not the language
    assert not vocabulary.is_stopword("RUST")
