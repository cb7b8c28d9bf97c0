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
