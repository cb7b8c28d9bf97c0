"""Fixtures shared by the test modules."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def seeds_graph(tmp_path_factory) -> Path:
    """A build folder of seeds/ (its graph.ttl), built once per test session.

    Shared by every test that wants it: read it, do not change it (copy it first).
    """
    from kg.build import build

    out = tmp_path_factory.mktemp("seeds-graph")
    build([ROOT / "seeds"], out, jobs=1)
    return out


@pytest.fixture(scope="session")
def seeds_gold() -> list[dict]:
    """The gold annotations of the seed papers (../shared/gold/seeds-*.jsonl), one dict each."""
    import json

    files = sorted((ROOT.parent / "shared" / "gold").glob("seeds-*.jsonl"))
    if not files:
        pytest.skip("needs the gold annotations in ../shared/gold/")
    return [json.loads(line) for path in files for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
