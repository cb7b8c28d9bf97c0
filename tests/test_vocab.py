"""The vocabulary's parsed form is cached by its files' content, and never trusted blindly."""
from kg.vocab import load_vocabulary


def test_the_parsed_vocabulary_is_cached_and_a_broken_cache_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    parsed = load_vocabulary()
    [cached_file] = (tmp_path / "kg").iterdir()
    cached = load_vocabulary()
    assert cached.terms == parsed.terms and cached.by_key == parsed.by_key
    assert cached.fingerprint == parsed.fingerprint
    cached_file.write_bytes(cached_file.read_bytes()[:100])  # cut off
    again = load_vocabulary()
    assert again.terms == parsed.terms and again.by_key == parsed.by_key


def test_an_acronym_in_capitals_is_not_a_case_sensitive_term_spelled_otherwise():
    vocabulary = load_vocabulary()
    mimo = vocabulary.lookup("MIMO")
    assert mimo is not None and mimo.match_case  # the key finds the model MiMo ...
    assert not vocabulary.spelled_as(mimo, "MIMO")  # ... but massive MIMO is no MiMo
    assert vocabulary.spelled_as(mimo, "MiMo")
    amota = vocabulary.lookup("aMOTA")
    assert amota is not None and vocabulary.spelled_as(amota, "aMOTA") and vocabulary.spelled_as(amota, "AMOTA")
    # a capital inside a word where the term has a small letter is another name; capitals
    # that start words are the term's
    for other in ("MoGE", "DiCE", "MIMo"):
        assert not vocabulary.spelled_as(vocabulary.lookup(other), other), other
    cot = vocabulary.lookup("Chain-of-Thought")
    assert cot.match_case and vocabulary.spelled_as(cot, "Chain-of-Thought") and vocabulary.spelled_as(cot, "CoT")


def test_a_discovered_name_never_takes_a_concepts_iri_by_its_spelling():
    from kg.link import link_paper
    from kg.records import Mention

    vocabulary = load_vocabulary()
    # MIT* (a planner) and MIT (a stop word) differ only by what an IRI cannot spell
    (iri,) = link_paper([Mention(text="MIT*", type="Method", role="abstract", sentence="")], vocabulary)
    assert iri not in vocabulary.terms and iri.endswith("/mit-star")
    (iri,) = link_paper([Mention(text="MIT!", type="Method", role="abstract", sentence="")], vocabulary)
    assert iri not in vocabulary.terms
    # nor by a key it shares with a case-sensitive term it is not spelled as
    (iri,) = link_paper([Mention(text="MoGE", type="Method", role="abstract", sentence="")], vocabulary)
    assert iri not in vocabulary.terms
