// indsigt: search hits. "Vælg alle" checks every hit on the page for the
// form that takes the checked hits, and a live count says how many are
// checked. Without this file the checkboxes work one by one.
(function () {
  "use strict";

  function update() {
    var boxes = document.querySelectorAll(".hit-select"), n = 0;
    boxes.forEach(function (b) { if (b.checked) { n++; } });
    var all = document.getElementById("hits-all");
    if (all) {
      all.checked = n > 0 && n === boxes.length;
      all.indeterminate = n > 0 && n < boxes.length;
    }
    var out = document.querySelector(".select-count");
    if (out) { out.textContent = out.dataset.format.replace("%d", n); }
  }

  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t.id === "hits-all") {
      document.querySelectorAll(".hit-select").forEach(function (b) { b.checked = t.checked; });
    }
    if (t.id === "hits-all" || (t.classList && t.classList.contains("hit-select"))) { update(); }
  });

  // The control only makes sense with this file: it is shown here, also
  // after htmx brought new results.
  function reveal() {
    var box = document.getElementById("select-all");
    if (box) { box.hidden = false; update(); }
  }
  document.addEventListener("DOMContentLoaded", reveal);
  document.addEventListener("htmx:afterSettle", reveal);
})();
