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

// Keyboard: n / p (or j / k) move focus to the next / previous highlight of a visible layer in the
// report text; the focused highlight shows its tooltip (focusin above) and a visible outline.
(function () {
  "use strict";
  var text = document.getElementById("report-text");
  if (!text) return;
  function highlights() {
    return Array.prototype.filter.call(text.querySelectorAll(".hl:not(.cont)"), function (el) {
      return !text.classList.contains("hide-" + el.getAttribute("data-layer"));
    });
  }
  text.querySelectorAll(".hl").forEach(function (el) { if (el.tagName !== "A") el.setAttribute("tabindex", "-1"); });
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
    var forward = e.key === "n" || e.key === "j", backward = e.key === "p" || e.key === "k";
    if (!forward && !backward) return;
    var list = highlights();
    if (!list.length) return;
    var i = list.indexOf(document.activeElement);
    i = i < 0 ? (forward ? 0 : list.length - 1) : (i + (forward ? 1 : -1) + list.length) % list.length;
    list[i].focus();
    list[i].scrollIntoView({ block: "nearest" });
    e.preventDefault();
  });
})();
