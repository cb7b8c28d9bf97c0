/* kg view: draws the graph held in #kg-data with vis-network.
   Every string from the data is shown with textContent or drawn on the canvas; none is
   ever parsed as HTML. Positions come from Python, so physics stays off. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var types = data.types;
  var container = document.getElementById("kg-network");
  var kgView = { data: data, ready: false, readyAt: null, focused: null };
  window.kgView = kgView;
  var big = data.nodes.length > 1500 || data.edges.length > 6000;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function isPaper(i) { return types[data.nodes[i].t].name === "Paper"; }

  // --- the network -------------------------------------------------------------------

  var maxValue = data.nodes.reduce(function (m, n) { return Math.max(m, n.v); }, 1);
  var nodeItems = data.nodes.map(function (n, i) {
    var item = { id: i, label: n.l, x: n.x, y: n.y, value: n.v, group: types[n.t].name };
    if (n.f) {
      item.value = maxValue * 1.3;
      item.borderWidth = 4;
      item.color = { background: types[n.t].color, border: "#111111" };
    }
    return item;
  });
  var edgeItems = data.edges.map(function (e, i) {
    var item = { id: i, from: e[0], to: e[1] };
    if (data.projection) {
      item.value = e[2];
    } else if (e[2]) {  // the paper proposes this entity: draw the link in the entity's colour
      var entity = isPaper(e[0]) ? e[1] : e[0];
      item.color = { color: types[data.nodes[entity].t].color, opacity: 0.9 };
      item.width = 1.8;
    }
    return item;
  });

  // Sizes are in canvas units, so what is legible depends on the zoom. The largest labels
  // get about 13 px on screen and the largest nodes about 20 px when the whole view fits
  // the window; labels follow the zoom afterwards (vis-network's own cap, maxVisible,
  // does not shrink them).
  var fitScale = (function () {
    if (!data.nodes.length) return 1;
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    data.nodes.forEach(function (n) {
      minX = Math.min(minX, n.x); maxX = Math.max(maxX, n.x);
      minY = Math.min(minY, n.y); maxY = Math.max(maxY, n.y);
    });
    return Math.min(1, container.clientWidth / (maxX - minX + 200), container.clientHeight / (maxY - minY + 200));
  })();
  function labelMax(scale) { return Math.round(Math.max(16, Math.min(240, 13 / (scale || fitScale)))); }
  function sizeMax() { return Math.max(30, Math.min(240, 10 / fitScale)); }

  var groups = {};
  types.forEach(function (t) {
    groups[t.name] = {
      shape: t.shape,
      color: { background: t.color, border: "#ffffff",
               highlight: { background: t.color, border: "#111111" },
               hover: { background: t.color, border: "#111111" } }
    };
  });
  var options = {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                   navigationButtons: false, keyboard: false, multiselect: false },
    nodes: {
      shape: "dot", borderWidth: 1, borderWidthSelected: 3,
      font: { face: data.font, color: "#1f2328", strokeWidth: 3, strokeColor: "rgba(255,255,255,0.92)" },
      scaling: { min: 7, max: sizeMax(), label: { enabled: true, min: 11, max: labelMax(), drawThreshold: 8 } }
    },
    edges: {
      smooth: false, width: 0.6, selectionWidth: 2,
      color: { color: "#9aa6b2", highlight: "#1f2328", hover: "#57606a", opacity: big ? 0.25 : 0.5 },
      scaling: { min: 0.6, max: 6 }
    },
    groups: groups
  };

  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  kgView.network = network;
  kgView.nodes = nodes;
  kgView.edges = edges;
  network.once("afterDrawing", function () {
    kgView.ready = true;
    kgView.readyAt = performance.now();
    container.setAttribute("data-ready", "1");
    // The first moment the page can answer input: the drawing is done and nothing queued.
    setTimeout(function () { kgView.interactiveAt = performance.now(); }, 0);
  });
  network.fit({ animation: false });
  if (network.getScale() > 1) network.moveTo({ scale: 1 });  // a small view is not blown up

  // Label sizes follow the zoom once it settles (see labelMax).
  var labelSize = labelMax(), zoomTimer = null;
  network.on("zoom", function () {
    clearTimeout(zoomTimer);
    zoomTimer = setTimeout(function () {
      var wanted = labelMax(network.getScale());
      if (Math.abs(wanted - labelSize) / labelSize > 0.2) {
        labelSize = wanted;
        network.setOptions({ nodes: { scaling: { label: { max: wanted } } } });
      }
    }, 250);
  });
  if (!data.nodes.length) {
    document.getElementById("kg-main").appendChild(el("p", "kg-message", "Nothing to show: no node passes the filters."));
  }

  // --- tooltips (built on first hover) and the details panel ---------------------------

  function describeNode(i, panel) {
    var n = data.nodes[i], info = data.info[i], type = types[n.t];
    var box = el("div", "kg-tip");
    box.appendChild(el("div", "kg-tip-type", type.name)).style.color = type.color;
    if (type.name === "Paper") {
      box.appendChild(el("div", "kg-tip-title", info.en || info.zh || info.id));
      if (info.en && info.zh) box.appendChild(el("div", "kg-tip-alt", info.zh));
      box.appendChild(paperLink(info, panel));
      if (info.c) box.appendChild(el("div", "kg-tip-text", info.c));
      return box;
    }
    box.appendChild(el("div", "kg-tip-title", n.l));
    var others = info.names.filter(function (name) { return name !== n.l; });
    if (others.length) {
      box.appendChild(el("div", "kg-tip-alt", others.slice(0, 12).join(" · ") + (others.length > 12 ? " …" : "")));
    }
    var count = info.n + (info.n === 1 ? " paper" : " papers");
    box.appendChild(el("div", "kg-tip-meta", info.p.length < info.n ? count + ", the latest " + info.p.length + ":" : count + ":"));
    var list = box.appendChild(el("ul", "kg-tip-list"));
    info.p.forEach(function (p) {
      var item = list.appendChild(el("li", null, p[0] + "  " + p[1]));
      var target = paperIndex[p[0]];
      if (panel && target !== undefined) {
        item.style.cursor = "pointer";
        item.title = "Show this paper";
        item.addEventListener("click", function () { focusNode(target); });
      }
    });
    return box;
  }

  function paperLink(info, clickable) {
    var url = /^https?:\/\//i.test(info.url || "") ? info.url : "";
    if (clickable && url) {
      var a = el("a", "kg-tip-link", url);
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      return a;
    }
    return el("div", "kg-tip-link", url || "arXiv " + info.id);
  }

  function describeEdge(i) {
    var box = el("div", "kg-tip");
    var names = data.shared[i] || [];
    box.appendChild(el("div", "kg-tip-type", "Shared (weight " + data.edges[i][2] + ")"));
    box.appendChild(el("div", "kg-tip-alt", names.slice(0, 12).join(" · ") + (names.length > 12 ? " …" : "")));
    return box;
  }

  var paperIndex = {};
  data.nodes.forEach(function (n, i) { if (isPaper(i)) paperIndex[data.info[i].id] = i; });

  var titled = {};
  network.on("hoverNode", function (params) {
    if (!titled[params.node]) {
      titled[params.node] = true;
      nodes.update({ id: params.node, title: describeNode(params.node, false) });
    }
  });
  var titledEdges = {};
  if (data.projection) {
    network.on("hoverEdge", function (params) {
      if (!titledEdges[params.edge]) {
        titledEdges[params.edge] = true;
        edges.update({ id: params.edge, title: describeEdge(params.edge) });
      }
    });
  }

  var details = document.getElementById("kg-details");
  function showDetails(i) {
    details.textContent = "";
    var close = details.appendChild(el("button", "kg-close", "×"));
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", function () { details.hidden = true; network.unselectAll(); });
    details.appendChild(describeNode(i, true));
    details.hidden = false;
  }
  network.on("click", function (params) {
    if (params.nodes.length) showDetails(params.nodes[0]);
    else details.hidden = true;
  });

  // --- focusing a node ---------------------------------------------------------------

  function focusNode(i) {
    if (!shown[data.nodes[i].t]) setTypeShown(data.nodes[i].t, true);
    network.selectNodes([i]);
    network.focus(i, { scale: Math.max(1.2, network.getScale()), animation: { duration: 350, easingFunction: "easeInOutQuad" } });
    showDetails(i);
    kgView.focused = i;
  }
  kgView.focusNode = focusNode;

  // --- the legend, which is also the filter by type -------------------------------------

  var shown = types.map(function () { return true; });
  var idsOfType = types.map(function () { return []; });
  data.nodes.forEach(function (n, i) { idsOfType[n.t].push(i); });
  var boxes = [];

  function setTypeShown(t, on) {
    shown[t] = on;
    boxes[t].checked = on;
    nodes.update(idsOfType[t].map(function (id) { return { id: id, hidden: !on }; }));
  }
  kgView.setTypeShown = setTypeShown;

  var legend = document.getElementById("kg-legend");
  legend.appendChild(el("h2", null, "Show types"));
  types.forEach(function (t, ti) {
    var label = legend.appendChild(el("label"));
    var box = label.appendChild(el("input"));
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-type", t.name);
    box.addEventListener("change", function () { setTypeShown(ti, box.checked); });
    boxes.push(box);
    label.appendChild(el("span", "kg-swatch" + (t.shape === "square" ? " kg-square" : ""))).style.background = t.color;
    label.appendChild(el("span", null, t.name));
    label.appendChild(el("span", "kg-count", t.count.toLocaleString("en")));
  });
  if (!data.projection && data.edges.some(function (e) { return e[2]; })) {
    legend.appendChild(el("div", "kg-tip-meta", "Coloured thick line: the paper proposes it"));
  } else if (data.projection) {
    legend.appendChild(el("div", "kg-tip-meta", "Line: shared entities, thicker when rarer"));
  }

  var notice = document.getElementById("kg-notice");
  if (data.notice) {
    notice.textContent = data.notice;
    notice.hidden = false;
  }

  // --- search by any name, title or arXiv id ------------------------------------------

  var haystack = null;
  function namesOf(i) {
    var info = data.info[i];
    return isPaper(i) ? [info.en, info.zh, info.id] : info.names;
  }
  function find(query, max) {
    var q = String(query).trim().toLowerCase();
    if (!q) return [];
    if (!haystack) {
      haystack = data.nodes.map(function (n, i) {
        return namesOf(i).filter(Boolean).map(function (s) { return s.toLowerCase(); });
      });
    }
    var hits = [];
    haystack.forEach(function (names, i) {
      var rank = 3;
      names.forEach(function (s) {
        if (s === q) rank = 0;
        else if (rank > 1 && s.lastIndexOf(q, 0) === 0) rank = 1;
        else if (rank > 2 && s.indexOf(q) >= 0) rank = 2;
      });
      if (rank < 3) hits.push([rank, -data.nodes[i].v, i]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return hits.slice(0, max || 12).map(function (h) { return h[2]; });
  }
  kgView.find = find;

  var search = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");
  var hits = [], active = 0;

  function renderResults() {
    results.textContent = "";
    hits = find(search.value, 12);
    active = 0;
    if (!search.value.trim()) { results.hidden = true; return; }
    if (!hits.length) {
      results.appendChild(el("li", "kg-empty", "No node has this name"));
    }
    hits.forEach(function (i, k) {
      var item = results.appendChild(el("li"));
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", k === active ? "true" : "false");
      var type = types[data.nodes[i].t];
      item.appendChild(el("span", "kg-swatch" + (type.shape === "square" ? " kg-square" : ""))).style.background = type.color;
      item.appendChild(el("span", "kg-name", isPaper(i) ? (data.info[i].en || data.info[i].zh) : data.nodes[i].l));
      item.appendChild(el("span", "kg-kind", isPaper(i) ? data.info[i].id : type.name));
      item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(k); });
    });
    results.hidden = false;
  }
  function choose(k) {
    if (hits[k] === undefined) return;
    results.hidden = true;
    focusNode(hits[k]);
  }
  function moveActive(step) {
    if (!hits.length) return;
    active = (active + step + hits.length) % hits.length;
    Array.prototype.forEach.call(results.children, function (item, k) {
      item.setAttribute("aria-selected", k === active ? "true" : "false");
      if (k === active) item.scrollIntoView({ block: "nearest" });
    });
  }
  var pending = null;
  search.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(renderResults, data.nodes.length > 3000 ? 150 : 40);
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      clearTimeout(pending);
      renderResults();
      choose(active);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      moveActive(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Escape") {
      results.hidden = true;
    }
  });
  search.addEventListener("blur", function () { results.hidden = true; });
})();
