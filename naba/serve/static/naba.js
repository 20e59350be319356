// naba: tooltips for highlighted spans, layer toggles, links inside links. No dependencies.
(function () {
  "use strict";
  var tip = document.getElementById("tip");

  function showTip(el) {
    var text = el.getAttribute("data-tip");
    if (!text || !tip) return;
    tip.textContent = text;  // textContent: never parsed as HTML
    tip.hidden = false;
    var r = el.getBoundingClientRect();
    var top = window.scrollY + r.bottom + 6;
    var left = window.scrollX + r.left + r.width / 2 - tip.offsetWidth / 2;
    left = Math.max(window.scrollX + 4, Math.min(left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 4));
    tip.style.top = top + "px";
    tip.style.left = left + "px";
  }

  function hideTip() { if (tip) tip.hidden = true; }

  document.addEventListener("mouseover", function (e) {
    var el = e.target.closest && e.target.closest("[data-tip]");
    if (el) showTip(el); else hideTip();
  });
  document.addEventListener("focusin", function (e) {
    var el = e.target.closest && e.target.closest("[data-tip]");
    if (el) showTip(el);
  });
  document.addEventListener("focusout", hideTip);

  // An entity nested in another entity cannot be an <a> inside an <a>: it carries data-href.
  document.addEventListener("click", function (e) {
    var el = e.target.closest && e.target.closest("[data-href]");
    if (el) {
      e.preventDefault();
      window.location.href = el.getAttribute("data-href");
    }
  });

  // Layer toggles: a class on the text hides one layer's highlighting (the text stays).
  var text = document.getElementById("report-text");
  document.querySelectorAll("input[data-toggle]").forEach(function (box) {
    var apply = function () { if (text) text.classList.toggle("hide-" + box.getAttribute("data-toggle"), !box.checked); };
    box.addEventListener("change", apply);
    apply();
  });
})();
