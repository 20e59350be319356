// naba: the entity page's network view, a small force-directed layout drawn in SVG.
// Hand-written (about a hundred lines) so the page needs no graph library or CDN.
(function () {
  "use strict";
  var svg = document.getElementById("graph");
  var dataEl = document.getElementById("graph-data");
  if (!svg || !dataEl) return;
  var data = JSON.parse(dataEl.textContent);
  var NS = "http://www.w3.org/2000/svg";
  var box = svg.viewBox && svg.viewBox.baseVal;
  var W = (box && box.width) || 360, H = (box && box.height) || 320;
  var K = Math.sqrt(W * H / Math.max(data.nodes.length, 4)) * 0.55;
  var GRAVITY = data.nodes.length > 30 ? 0.12 : 0.05;  // a crowded network is held together more firmly
  var byId = {};
  data.nodes.forEach(function (n, i) {
    var a = 2 * Math.PI * i / data.nodes.length;
    n.x = W / 2 + W * 0.3 * Math.cos(a); n.y = H / 2 + H * 0.3 * Math.sin(a);
    if (n.id === data.centre) { n.x = W / 2; n.y = H / 2; n.fixed = true; }
    byId[n.id] = n;
  });
  var edges = data.edges.filter(function (e) { return byId[e.source] && byId[e.target]; });

  function step(t) {
    data.nodes.forEach(function (n) { n.dx = 0; n.dy = 0; });
    for (var i = 0; i < data.nodes.length; i++) {
      for (var j = i + 1; j < data.nodes.length; j++) {
        var a = data.nodes[i], b = data.nodes[j];
        var dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
        var f = K * K / d;
        a.dx += dx / d * f; a.dy += dy / d * f; b.dx -= dx / d * f; b.dy -= dy / d * f;
      }
    }
    edges.forEach(function (e) {
      var a = byId[e.source], b = byId[e.target];
      var dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
      var f = d * d / K;
      a.dx -= dx / d * f; a.dy -= dy / d * f; b.dx += dx / d * f; b.dy += dy / d * f;
    });
    data.nodes.forEach(function (n) {
      if (n.fixed || n.dragging) return;
      n.dx += (W / 2 - n.x) * GRAVITY; n.dy += (H / 2 - n.y) * GRAVITY;
      var d = Math.max(Math.sqrt(n.dx * n.dx + n.dy * n.dy), 1), lim = Math.min(d, t);
      n.x = Math.min(W - 50, Math.max(50, n.x + n.dx / d * lim));  // room for the label
      n.y = Math.min(H - 20, Math.max(20, n.y + n.dy / d * lim));
    });
  }
  var degree = {};
  data.edges.forEach(function (e) { degree[e.source] = (degree[e.source] || 0) + 1; degree[e.target] = (degree[e.target] || 0) + 1; });
  for (var t = 40; t > 0.5; t *= (data.nodes.length > 30 ? 0.97 : 0.95)) step(t);

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (parent || svg).appendChild(e);
    return e;
  }
  var defs = el("defs", {});
  var marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "19", refY: "5", markerWidth: "8", markerHeight: "8",
                              markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, defs);
  el("path", { d: "M0,0 L10,5 L0,10 z", class: "arrowhead" }, marker);
  var lines = edges.map(function (e) {
    var line = el("line", { class: "edge", "stroke-width": Math.min(1 + e.count, 6), "marker-end": "url(#arrow)" });
    var title = el("title", {}, line); title.textContent = e.type + " ×" + e.count;
    return { line: line, e: e };
  });
  var groups = data.nodes.map(function (n) {
    var g = el("g", { class: "node node-" + n.type + (n.id === data.centre ? " centre" : ""), tabindex: "0" });
    el("circle", { r: n.id === data.centre ? 10 : Math.min(5 + (degree[n.id] || 0), 11) }, g);
    // crowded: only entities with several links are named on the drawing (every name is in the title and the table)
    var named = data.nodes.length <= 30 || n.id === data.centre || (degree[n.id] || 0) >= 3;
    var label = el("text", { dy: "-12", "text-anchor": "middle", class: named ? "" : "quiet" }, g);
    var name = n.name_ar || n.label;
    label.textContent = name.length > 18 ? name.slice(0, 17) + "…" : name;  // textContent: never parsed as markup
    var title = el("title", {}, g); title.textContent = (n.name_ar ? n.name_ar + " · " : "") + n.label;
    var moved = false;
    g.addEventListener("pointerdown", function (ev) { n.dragging = true; moved = false; g.setPointerCapture(ev.pointerId); });
    g.addEventListener("pointermove", function (ev) {
      if (!n.dragging) return;
      var p = svg.createSVGPoint(); p.x = ev.clientX; p.y = ev.clientY;
      var q = p.matrixTransform(svg.getScreenCTM().inverse());
      n.x = q.x; n.y = q.y; moved = true; draw();
    });
    g.addEventListener("pointerup", function () {
      n.dragging = false;
      if (!moved) window.location.href = n.href;
    });
    g.addEventListener("keydown", function (ev) { if (ev.key === "Enter") window.location.href = n.href; });
    return { g: g, n: n };
  });
  function draw() {
    lines.forEach(function (l) {
      var a = byId[l.e.source], b = byId[l.e.target];
      l.line.setAttribute("x1", a.x); l.line.setAttribute("y1", a.y);
      l.line.setAttribute("x2", b.x); l.line.setAttribute("y2", b.y);
    });
    groups.forEach(function (o) { o.g.setAttribute("transform", "translate(" + o.n.x + "," + o.n.y + ")"); });
  }
  draw();
})();
