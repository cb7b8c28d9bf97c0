"""HTML views: what they choose from the graph, and how they behave in a real browser.

Browser tests open the written files in headless Chromium with every request that is
not a file: URL aborted and recorded, and save screenshots under tests/screenshots/.
Without Chromium or Playwright they skip, except where CI is set: there they fail.
"""
from __future__ import annotations

import json
import math
import os
import re
import shutil
import time
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import cli
from kg.errors import InputError
from kg.view import (View, find_entity, layout, limit, read_graph, related_papers, render_html,
                     script_json, write_overview, write_view)

ROOT = Path(__file__).parent.parent
SCREENSHOTS = Path(__file__).parent / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CJK = re.compile(r"[\u4e00-\u9fff]")

HOSTILE_TITLE = 'Hostile <img src=x onerror=alert(1)> </script><script>alert(2)</script> & "quotes"'
HOSTILE_CONTRIBUTION = "提出了 <img src=x onerror=alert(3)> 方法 </script><script>window.__pwned=1</script>，基于 GRPO 与 PPO 在 GSM8K 上评估。"
HOSTILE_DIGEST = f"""# Hugging Face Daily Papers Report
**Date**: 2026-02-13

============================================================

## 📄 {HOSTILE_TITLE}

- **链接**: https://huggingface.co/papers/2601.00001

### 1. 应用领域
NLP <img src=x onerror=alert(5)>

### 2. 一句话核心贡献
{HOSTILE_CONTRIBUTION}

### 4. 主要创新点
1. 使用 GRPO 训练 <b onmouseover=alert(4)>bold</b>，在 MATH 上提升 pass@1。

============================================================

## 📄 A Friendly Neighbour Paper

- **链接**: https://huggingface.co/papers/2601.00002

### 2. 一句话核心贡献
提出了一种基于 GRPO 的方法，在 GSM8K 上评估。

============================================================
"""


# --- graphs to view ----------------------------------------------------------------------

@pytest.fixture(scope="session")
def seeds_out(request, tmp_path_factory) -> Path:
    """A build of seeds/: the shared ``seeds_graph`` fixture when conftest has one."""
    try:
        return Path(request.getfixturevalue("seeds_graph"))
    except pytest.FixtureLookupError:
        out = tmp_path_factory.mktemp("seeds-build")
        build([ROOT / "seeds"], out, jobs=1)
        return out


@pytest.fixture(scope="session")
def seeds_kg(seeds_out):
    return read_graph(seeds_out)


@pytest.fixture(scope="session")
def hostile_out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "digest.txt").write_text(HOSTILE_DIGEST, encoding="utf-8")
    build([folder / "digest.txt"], folder / "out", jobs=1, use_cache=False)
    return folder / "out"


# --- a real browser, offline --------------------------------------------------------------

def _chromium() -> str | None:
    for candidate in (os.environ.get("KG_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must install it (see the README's section on views)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install playwright)")
    executable = _chromium()
    if executable is None:
        _missing("no Chromium found (apt-get install chromium, or set KG_CHROMIUM)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class OpenedView:
    """A view open in a page that may not reach the network, with what it tried to do."""

    def __init__(self, browser, path: Path, bypass_csp: bool = False):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=bypass_csp)
        self.errors, self.requests, self.dialogs = [], [], []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.page.add_init_script("window.__violations = [];"
                                  "document.addEventListener('securitypolicyviolation',"
                                  " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));")
        self.page.goto(path.resolve().as_uri())
        self.wait_until("window.kgView && window.kgView.ready", 30)

    def wait_until(self, expression: str, seconds: float):
        """Poll from outside the page: the page's policy forbids the eval that
        Playwright's wait_for_function runs inside it."""
        deadline = time.monotonic() + seconds
        while not self.js(expression):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {expression}")
            self.page.wait_for_timeout(50)  # lets Playwright answer the page's events meanwhile

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def assert_clean(self):
        """No error, no request leaving the machine, no dialog, no blocked script."""
        assert self.errors == []
        assert self.requests == []
        assert self.dialogs == []
        assert self.js("window.__violations") == []

    def assert_draws(self, stats):
        """The network holds, and draws, exactly the nodes and edges the view chose."""
        expected = int(self.page.get_attribute("#kg-network", "data-node-count"))
        assert expected == stats.nodes
        assert self.js("kgView.network.body.data.nodes.length") == stats.nodes
        assert self.js("kgView.network.body.nodeIndices.length") == stats.nodes
        assert self.js("kgView.network.body.data.edges.length") == stats.edges

    def screenshot(self, name: str):
        SCREENSHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / name))

    def node_index(self, test: str) -> int:
        """The index of the first node whose page data passes a JavaScript test of (node, info)."""
        return self.js(f"kgView.data.nodes.findIndex((node, i) => ({test})(node, kgView.data.info[i]))")

    def hover(self, index: int) -> str:
        """Hover a node where the canvas draws it and return its tooltip's text."""
        self.js("i => kgView.network.focus(i, {scale: 1.5, animation: false})", index)
        self.page.mouse.move(5, 5)
        point = self.js("""i => {
            const p = kgView.network.canvasToDOM(kgView.network.getPositions([i])[i]);
            const box = document.querySelector('#kg-network canvas').getBoundingClientRect();
            return {x: box.left + p.x, y: box.top + p.y};
        }""", index)
        self.page.mouse.move(point["x"] - 1, point["y"])
        self.page.mouse.move(point["x"], point["y"])
        self.wait_until("document.querySelector('div.vis-tooltip') && "
                        "document.querySelector('div.vis-tooltip').style.visibility === 'visible'", 5)
        return self.js("document.querySelector('div.vis-tooltip').textContent")

    def close(self):
        self.page.close()


@pytest.fixture
def open_view(browser):
    opened = []

    def opener(path: Path, **options) -> OpenedView:
        opened.append(OpenedView(browser, path, **options))
        return opened[-1]

    yield opener
    for view in opened:
        view.close()


# --- pages in the browser -----------------------------------------------------------------

def test_overview_draws_every_node_offline(seeds_out, tmp_path, open_view):
    stats = write_overview(seeds_out, tmp_path / "graph.html")
    assert not stats.limited
    page = open_view(stats.path)
    page.assert_clean()
    page.assert_draws(stats)
    legend = page.js("[...document.querySelectorAll('#kg-legend input')].map(b => b.dataset.type)")
    assert legend[0] == "Paper" and "Method" in legend
    assert page.js("document.getElementById('kg-notice').hidden") is True
    page.screenshot("overview-seeds.png")


@pytest.mark.parametrize("options, name", [
    (["--entity", "GRPO"], "entity-grpo.png"),
    (["--paper", "2509.22611"], "paper-2509.22611.png"),
    (["--projection"], "projection.png"),
])
def test_focused_views_draw_offline(seeds_out, seeds_kg, tmp_path, open_view, options, name):
    out = tmp_path / "view.html"
    result = CliRunner().invoke(cli, ["view", "--graph", str(seeds_out), "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    nodes, edges = map(int, re.search(r"([\d,]+) nodes, ([\d,]+) edges", result.output).groups())
    page = open_view(out)
    page.assert_clean()
    assert page.js("kgView.network.body.nodeIndices.length") == nodes
    assert page.js("kgView.network.body.data.edges.length") == edges
    if "--projection" not in options:
        focus = page.js("kgView.data.nodes[0]")
        assert focus["f"] == 1
        if "--entity" in options:
            assert focus["l"] == "GRPO"
    page.screenshot(name)


def test_search_finds_a_chinese_label(seeds_out, seeds_kg, tmp_path, open_view):
    stats = write_overview(seeds_out, tmp_path / "graph.html")
    node, label = next((n, name) for n, data in sorted(seeds_kg.nodes(data=True))
                       if data["type"] != "Paper" and n in _overview_nodes(seeds_kg)
                       for name in data["names"] if CJK.search(name))
    page = open_view(stats.path)
    page.page.fill("#kg-search", label)
    page.page.wait_for_selector("#kg-results li[role=option]")
    assert label in page.js("document.getElementById('kg-results').textContent") or \
        seeds_kg.nodes[node]["label"] in page.js("document.getElementById('kg-results').textContent")
    page.page.press("#kg-search", "Enter")
    selected = page.js("kgView.network.getSelectedNodes()")
    assert len(selected) == 1
    assert label in page.js("i => kgView.data.info[i].names", selected[0])
    assert page.js("document.getElementById('kg-details').hidden") is False
    page.assert_clean()
    page.screenshot("search-chinese.png")


def _overview_nodes(kg) -> set[str]:
    return set(kg)  # the seeds' overview is below the size limit: it holds every node


def test_type_filter_hides_and_shows_nodes(seeds_out, tmp_path, open_view):
    stats = write_overview(seeds_out, tmp_path / "graph.html")
    page = open_view(stats.path)
    papers = page.js("kgView.data.types[0].count")
    page.page.uncheck("#kg-legend input[data-type=Paper]")
    assert page.js("kgView.network.body.nodeIndices.length") == stats.nodes - papers
    page.page.check("#kg-legend input[data-type=Paper]")
    assert page.js("kgView.network.body.nodeIndices.length") == stats.nodes
    page.assert_clean()


def test_a_view_over_the_limit_says_so_and_keeps_the_most_connected(seeds_out, seeds_kg, tmp_path, open_view):
    result = CliRunner().invoke(cli, ["view", "--graph", str(seeds_out), "--max-nodes", "60",
                                      "--out", str(tmp_path / "small.html")])
    assert result.exit_code == 0, result.output
    assert "showing the" in result.output and "most connected" in result.output
    page = open_view(tmp_path / "small.html")
    page.assert_clean()
    notice = page.page.locator("#kg-notice")
    assert notice.is_visible() and "most connected" in notice.text_content()
    shown = page.js("kgView.network.body.nodeIndices.length")
    assert 0 < shown <= 60
    page.screenshot("limited.png")


@pytest.mark.parametrize("policy", ["enforced", "bypassed"])
def test_hostile_title_runs_nothing_when_hovered(hostile_out, tmp_path, open_view, policy):
    # With the page's script policy bypassed, only the escaping stands between the data and a script.
    stats = write_overview(hostile_out, tmp_path / "graph.html")
    page = open_view(stats.path, bypass_csp=policy == "bypassed")
    index = page.node_index("(node, info) => info.id === '2601.00001'")
    assert index >= 0
    tooltip = page.hover(index)
    assert HOSTILE_TITLE in tooltip
    assert HOSTILE_CONTRIBUTION in tooltip
    entity = page.node_index("(node, info) => node.l === 'GRPO'")
    assert HOSTILE_TITLE in page.hover(entity)  # an entity's tooltip lists its papers' titles
    page.page.fill("#kg-search", "onerror")
    page.page.wait_for_selector("#kg-results li[role=option]")
    assert "<img src=x onerror=alert(1)>" in page.js("document.getElementById('kg-results').textContent")
    page.page.press("#kg-search", "Enter")
    assert "</script><script>window.__pwned=1</script>" in page.js("document.getElementById('kg-details').textContent")
    page.screenshot(f"hostile-tooltip-{policy}.png")
    assert page.js("document.querySelectorAll('img, b, script:not([id]):not([src])').length") == 2
    assert page.js("window.__pwned") is None
    page.assert_clean()


def test_hostile_title_in_a_focused_page_heading(hostile_out, tmp_path, open_view):
    stats = write_view(hostile_out, tmp_path / "paper.html", paper="2601.00001")
    page = open_view(stats.path)
    assert page.js("document.getElementById('kg-title').textContent") == f"Paper 2601.00001: {HOSTILE_TITLE}"
    assert HOSTILE_TITLE in page.page.title()
    page.assert_clean()


# --- the library, without a browser ----------------------------------------------------------

def test_script_json_cannot_close_its_script():
    value = {"t": "</script><script>alert(1)</script><!-- & \u2028\u2029 中文"}
    text = script_json(value)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value


def test_page_has_no_remote_reference_and_lists_its_scripts_in_its_policy(seeds_out, seeds_kg, tmp_path):
    stats = write_overview(seeds_out, tmp_path / "graph.html")
    html = stats.path.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "cdnjs.cloudflare" not in html and "cdn.jsdelivr" not in html
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in policy and policy.count("'sha256-") == 2
    assert len(re.findall(r"^<script", html, re.M)) == 3  # vis-network's code holds "<script>" in a string


def test_find_entity_by_any_label(seeds_kg):
    grpo = find_entity(seeds_kg, "grpo")
    assert seeds_kg.nodes[grpo]["label"] == "GRPO"
    for name in seeds_kg.nodes[grpo]["names"]:
        assert find_entity(seeds_kg, name.upper() if not CJK.search(name) else name) == grpo
    with pytest.raises(InputError, match="no entity named 'GRPOO'.*did you mean: GRPO"):
        find_entity(seeds_kg, "GRPOO")


def test_cli_errors_are_one_line(seeds_out, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["view", "--graph", str(seeds_out), "--entity", "No Such Thing"])
    assert result.exit_code == 1
    assert result.output == "Error: no entity named 'No Such Thing'\n"
    result = runner.invoke(cli, ["view", "--graph", str(seeds_out), "--paper", "1234.56789"])
    assert result.output == "Error: no paper with arXiv id '1234.56789' in this graph\n"
    result = runner.invoke(cli, ["view", "--graph", str(tmp_path / "none")])
    assert result.exit_code == 1 and result.output.startswith("Error: no built graph at ")
    result = runner.invoke(cli, ["view", "--graph", str(seeds_out), "--entity", "GRPO", "--paper", "2509.22611"])
    assert result.exit_code == 2 and "use --entity or --paper, not both" in result.output


def test_type_and_min_papers_filters(seeds_out, seeds_kg, tmp_path):
    stats = write_view(seeds_out, tmp_path / "v.html", types=["dataset"], min_papers=2, kg=seeds_kg)
    data = _page_data(stats.path)
    names = [t["name"] for t in data["types"]]
    assert names == ["Paper", "Dataset"]
    for node, info in zip(data["nodes"], data["info"]):
        if names[node["t"]] == "Dataset":
            assert info["n"] >= 2


def test_projection_links_papers_by_shared_methods(seeds_out, seeds_kg, tmp_path):
    stats = write_view(seeds_out, tmp_path / "p.html", projection=True, kg=seeds_kg)
    data = _page_data(stats.path)
    assert [t["name"] for t in data["types"]] == ["Paper"]
    assert data["projection"] and data["edges"]
    assert all(weight > 0 for _, _, weight in data["edges"])
    assert len(data["shared"]) == len(data["edges"]) and all(data["shared"])


def _page_data(path: Path) -> dict:
    html = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1))


def _tiny_kg() -> nx.Graph:
    kg = nx.Graph()
    for paper in "abcdef":
        kg.add_node(f"paper:{paper}", type="Paper", arxiv_id=paper, title=paper, title_zh="", url="", contribution="")
    for entity, papers in {"common": "abcdef", "rare": "ab", "mid": "acd"}.items():
        kg.add_node(f"ent:{entity}", type="Method", label=entity, names=[entity], papers=len(papers))
        kg.add_edges_from((f"paper:{p}", f"ent:{entity}", {"proposed": False}) for p in papers)
    return kg


def test_related_papers_weigh_rare_entities_more():
    ranking = related_papers(_tiny_kg(), "paper:a", 3)
    assert [paper for paper, _ in ranking] == ["paper:b", "paper:c", "paper:d"]
    assert ranking[0][1] == pytest.approx(math.log(6 / 2))


def test_limit_keeps_focus_and_most_connected():
    kg = _tiny_kg()
    kept = limit(View(kg, "t", focus=("paper:f",)), 4)
    assert "paper:f" in kept and "ent:common" in kept and len(kept) <= 4


def test_layout_places_every_node_apart():
    graph = nx.barabasi_albert_graph(3000, 2, seed=1)
    graph = nx.relabel_nodes(graph, {n: f"ent:{n}" for n in graph})
    nx.set_node_attributes(graph, {n: {"type": "Method", "label": n, "names": [n], "papers": 1} for n in graph})
    graph.add_node("ent:alone", type="Method", label="alone", names=["alone"], papers=1)
    positions = layout(graph)
    assert set(positions) == set(graph)
    points = {tuple(p) for p in positions.values()}
    assert len(points) == len(graph) and all(math.isfinite(c) for p in points for c in p)


def test_render_html_is_one_file_with_vis_network_inlined():
    html = render_html({"title": "t <b>", "notice": None, "projection": False, "font": "x",
                        "types": [], "nodes": [], "info": [], "edges": [], "shared": []})
    assert "vis-network" in html and "@license" in html
    assert "<title>t &lt;b&gt; · kg</title>" in html
