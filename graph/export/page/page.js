/* wsiskg export page: one self-contained file; data inlined as JSON, Cytoscape.js inlined. */
(function () {
  "use strict";
  var T0 = performance.now();
  var DATA = JSON.parse(document.getElementById("wsiskg-data").textContent);
  var PAGE = DATA.page_size;
  var COSE_MAX = 800; // beyond this a force layout takes seconds: use a concentric layout
  var allNodes = DATA.elements.nodes; // most connected first (sorted by the exporter)
  var allEdges = DATA.elements.edges;
  var pages = Math.max(1, Math.ceil(allNodes.length / PAGE));
  var page = 0;
  var api = { ready: false, page: 0, pages: pages };
  window.wsiskg = api;

  function $(id) { return document.getElementById(id); }
  function split(s) { return s ? String(s).split(";").filter(function (x) { return x; }) : []; }
  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function fill(select, values) {
    Array.from(values).sort().forEach(function (v) { select.appendChild(el("option", v.replace(/_/g, " "), { value: v })); });
  }

  var bodies = new Set(), relations = new Set();
  allEdges.forEach(function (e) {
    split(e.data.bodies).forEach(function (b) { bodies.add(b); });
    relations.add(e.data.relation);
  });
  fill($("f-body"), bodies);
  fill($("f-relation"), relations);

  var large = Math.min(allNodes.length, PAGE) > 2000;
  var cy = cytoscape({
    container: $("cy"),
    elements: [],
    textureOnViewport: large,
    hideEdgesOnViewport: large,
    motionBlur: false,
    maxZoom: 2.5,
    pixelRatio: large ? 1 : "auto",
    style: [
      { selector: "node", style: {
        "background-color": "data(color)", "shape": "data(shape)", "label": "data(label)",
        "font-size": 10, "min-zoomed-font-size": 7, "text-valign": "bottom", "text-margin-y": 3,
        "width": 18, "height": 18 } },
      { selector: "edge", style: {
        "line-color": "data(color)", "target-arrow-color": "data(color)",
        "target-arrow-shape": "triangle", "curve-style": large ? "straight" : "bezier",
        "width": 1.5, "label": large ? "" : "data(label)", "font-size": 8, "min-zoomed-font-size": 9,
        "color": "#444", "text-rotation": "autorotate" } },
      { selector: ".hidden", style: { "display": "none" } },
      { selector: ".match", style: { "border-width": 4, "border-color": "#111" } },
      { selector: ":selected", style: { "border-width": 3, "border-color": "#d62728", "line-color": "#d62728", "target-arrow-color": "#d62728" } }
    ]
  });
  api.cy = cy;

  function filters() {
    var from = parseInt($("f-from").value, 10), to = parseInt($("f-to").value, 10);
    return { body: $("f-body").value, relation: $("f-relation").value,
             from: isNaN(from) ? null : from, to: isNaN(to) ? null : to };
  }
  function edgeYears(d) {
    var ys = split(d.years).map(Number);
    if (!ys.length && d.year !== undefined) ys = [Number(d.year)];
    return ys;
  }
  function edgeKept(d, f) {
    if (f.relation && d.relation !== f.relation) return false;
    if (f.body && split(d.bodies).indexOf(f.body) < 0) return false;
    if (f.from !== null || f.to !== null) {
      return edgeYears(d).some(function (y) {
        return (f.from === null || y >= f.from) && (f.to === null || y <= f.to);
      });
    }
    return true;
  }

  function applyFilters() {
    var f = filters();
    var active = !!(f.body || f.relation || f.from !== null || f.to !== null);
    var keepNodes = new Set();
    cy.batch(function () {
      cy.edges().forEach(function (e) {
        var ok = edgeKept(e.data(), f);
        e.toggleClass("hidden", !ok);
        if (ok) { keepNodes.add(e.data("source")); keepNodes.add(e.data("target")); }
      });
      cy.nodes().forEach(function (n) { n.toggleClass("hidden", active && !keepNodes.has(n.id())); });
    });
    showCount();
  }

  function showCount() {
    var n = api.visibleNodeCount(), m = api.visibleEdgeCount();
    $("count").textContent = n.toLocaleString("en") + " nodes, " + m.toLocaleString("en") + " edges shown";
  }
  // shown = not hidden by a filter. Checked with hasClass: selector results (":visible",
  // ".not('.hidden')") are cached by Cytoscape and lag a batch of class changes.
  function shown(eles) { return eles.filter(function (e) { return !e.hasClass("hidden"); }); }
  api.visibleNodeCount = function () { return shown(cy.nodes()).length; };
  api.visibleEdgeCount = function () { return shown(cy.edges()).length; };
  api.setFilters = function (f) {
    $("f-body").value = f.body || ""; $("f-relation").value = f.relation || "";
    $("f-from").value = f.from || ""; $("f-to").value = f.to || "";
    applyFilters();
    return api.visibleNodeCount();
  };

  function layout() {
    api.ready = false;
    var eles = shown(cy.elements());
    var n = eles.nodes().length;
    var ring = Math.max(1, eles.nodes().maxDegree() / 12);
    var opts = n <= COSE_MAX
      ? { name: "cose", animate: false, randomize: true, nodeDimensionsIncludeLabels: false, fit: true, padding: 30 }
      : { name: "concentric", animate: false, fit: true, padding: 30, minNodeSpacing: 4,
          avoidOverlap: false, nodeDimensionsIncludeLabels: false,
          concentric: function (node) { return node.degree(); },
          levelWidth: function () { return ring; } };
    var run = eles.layout(opts);
    run.one("layoutstop", function () { api.ready = true; });
    run.run();
  }

  api.timings = {};
  function loadPage(p) {
    var t0 = performance.now();
    page = Math.max(0, Math.min(pages - 1, p));
    api.page = page;
    var slice = allNodes.slice(page * PAGE, (page + 1) * PAGE);
    var ids = new Set(slice.map(function (n) { return n.data.id; }));
    var edges = allEdges.filter(function (e) { return ids.has(e.data.source) && ids.has(e.data.target); });
    cy.batch(function () { cy.elements().remove(); cy.add(slice.concat(edges)); });
    var t1 = performance.now();
    notice(slice.length, edges.length);
    applyFilters();
    var t2 = performance.now();
    layout();
    api.timings = { script_start_ms: T0, add_ms: t1 - t0, filter_ms: t2 - t1, layout_ms: performance.now() - t2 };
  }

  function notice(nodesShown, edgesShown) {
    var box = $("notice"), parts = [];
    if (DATA.truncated) parts.push("Exported with a cap: " + DATA.truncated + ".");
    if (pages > 1) {
      parts.push("This graph has " + allNodes.length.toLocaleString("en") + " nodes; to stay responsive the page shows " +
        PAGE.toLocaleString("en") + " at a time, most connected first: nodes " + (page * PAGE + 1).toLocaleString("en") + "–" +
        (page * PAGE + nodesShown).toLocaleString("en") + " (page " + (page + 1) + " of " + pages + "), with the " +
        edgesShown.toLocaleString("en") + " edges among them. Filter the export (--body, --relation, --from/--to) to see fewer.");
    }
    if (Math.min(allNodes.length, PAGE) > COSE_MAX) parts.push("Large graph: nodes are placed in rings by degree.");
    if (large) parts.push("Edge labels are off at this size; click an edge to see it.");
    box.hidden = parts.length === 0;
    box.textContent = parts.join(" ");
    if (pages > 1) {
      var prev = el("button", "◀ previous page", { type: "button", id: "prev" });
      var next = el("button", "next page ▶", { type: "button", id: "next" });
      prev.disabled = page === 0; next.disabled = page === pages - 1;
      prev.onclick = function () { loadPage(page - 1); };
      next.onclick = function () { loadPage(page + 1); };
      box.appendChild(prev); box.appendChild(next);
    }
  }
  api.loadPage = loadPage;

  function row(table, key, value) {
    if (value === undefined || value === null || value === "") return;
    var tr = el("tr"); tr.appendChild(el("td", key)); tr.appendChild(el("td", value)); table.appendChild(tr);
  }
  function link(box, label, iri) {
    if (!iri || !/^https?:\/\//.test(iri)) return;
    var p = el("p"); p.appendChild(el("span", label + ": "));
    p.appendChild(el("a", iri, { href: iri, target: "_blank", rel: "noopener" }));
    box.appendChild(p);
  }
  function showDetails(ele) {
    var box = $("details"), d = ele.data(), t = el("table");
    box.textContent = "";
    if (ele.isNode()) {
      box.appendChild(el("h2", d.label));
      ["kind", "name", "title", "date", "year", "body", "document", "actor_kind"].forEach(function (k) { row(t, k, d[k]); });
      row(t, "connections", ele.degree());
    } else {
      box.appendChild(el("h2", cy.getElementById(d.source).data("label") + " → " + cy.getElementById(d.target).data("label")));
      ["relation", "deadline", "quote", "issuer", "paragraph", "cited", "year", "weight", "years", "paragraphs"].forEach(function (k) {
        row(t, k, k === "relation" ? String(d[k]).replace(/_/g, " ") : d[k]);
      });
    }
    box.appendChild(t);
    if (d.text) box.appendChild(el("blockquote", d.text));
    link(box, ele.isNode() ? "IRI" : "paragraph", ele.isNode() ? d.iri : d.paragraph_iri);
    if (!ele.isNode()) link(box, "IRI", d.iri);
    if (ele.isNode() && d.document_iri) link(box, "document", d.document_iri);
  }
  cy.on("tap", "node, edge", function (evt) { showDetails(evt.target); });
  cy.on("tap", function (evt) {
    if (evt.target === cy) $("details").replaceChildren(el("p", "Click a node or an edge to see its paragraph text and a link to its IRI.", { class: "hint" }));
  });

  function legend() {
    var box = $("legend");
    box.appendChild(el("h2", "Edges (relation)"));
    var ul = el("ul");
    Object.keys(DATA.legend.relations).forEach(function (r) {
      var li = el("li"); var sw = el("span", null, { class: "swatch" });
      sw.style.background = DATA.legend.relations[r];
      li.appendChild(sw); li.appendChild(document.createTextNode(r.replace(/_/g, " "))); ul.appendChild(li);
    });
    box.appendChild(ul);
    box.appendChild(el("h2", "Nodes (kind)"));
    ul = el("ul");
    Object.keys(DATA.legend.kinds).forEach(function (k) {
      var li = el("li"); var sw = el("span", null, { class: "swatch" });
      sw.style.background = DATA.legend.kinds[k];
      li.appendChild(sw); li.appendChild(document.createTextNode(k.replace(/_/g, " "))); ul.appendChild(li);
    });
    box.appendChild(ul);
    if (DATA.filters) box.appendChild(el("p", "Exported with: " + DATA.filters, { class: "hint" }));
    if (DATA.edge_label) box.appendChild(el("p", "Edge labels: " + DATA.edge_label, { class: "hint" }));
  }

  var timer = null;
  $("search").addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = $("search").value.trim().toLowerCase();
      cy.nodes().removeClass("match");
      if (!q) { showCount(); return; }
      var hits = shown(cy.nodes()).filter(function (n) {
        var d = n.data();
        return [d.label, d.name, d.title, d.iri].some(function (v) { return v && String(v).toLowerCase().indexOf(q) >= 0; });
      });
      hits.addClass("match");
      if (hits.length) cy.fit(hits, 60);
      $("count").textContent = hits.length + " match" + (hits.length === 1 ? "" : "es") + " · " + api.visibleNodeCount() + " nodes shown";
    }, 200);
  });
  ["f-body", "f-relation", "f-from", "f-to"].forEach(function (id) { $(id).addEventListener("change", applyFilters); });
  $("reset").addEventListener("click", function () { api.setFilters({}); $("search").value = ""; cy.nodes().removeClass("match"); cy.fit(); });
  $("relayout").addEventListener("click", layout);

  legend();
  loadPage(0);
})();
