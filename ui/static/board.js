// indsigt board: each card is one tab stop (a roving tabindex over its
// "Gør til indsigt" button and its notes' option buttons); the arrow keys,
// Home and End move inside the card. Without this file every button is
// its own tab stop, which still works, only with more presses.
(function () {
  "use strict";
  // htmx runs this file again when it swaps in a board that was still
  // computing; the listeners must exist once.
  if (window.indsigtBoard) { window.indsigtBoard(); return; }

  var stops = ":scope > .make > summary, :scope > .card-notes > .card-note > .note-menu > summary";

  function card(el) {
    var s = el && el.closest && el.closest("summary");
    var c = s && s.closest(".board > .suggestion");
    return c && Array.prototype.indexOf.call(c.querySelectorAll(stops), s) >= 0 ? c : null;
  }

  function buttons(c) { return Array.prototype.slice.call(c.querySelectorAll(stops)); }

  // current makes one button of a card the one Tab reaches.
  function current(c, summary) {
    buttons(c).forEach(function (s) { s.tabIndex = s === summary ? 0 : -1; });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".board > .suggestion"), function (c) {
      var all = buttons(c);
      if (all.length) { current(c, all[0]); }
    });
  }

  var keys = { ArrowDown: 1, ArrowUp: -1, Home: -1e9, End: 1e9 };

  document.addEventListener("keydown", function (e) {
    var c = card(e.target), step = keys[e.key];
    if (!c || !step || e.target.tagName !== "SUMMARY" || e.altKey || e.ctrlKey || e.metaKey) { return; }
    var all = buttons(c);
    var i = Math.max(0, Math.min(all.length - 1, all.indexOf(e.target) + step));
    e.preventDefault();
    current(c, all[i]);
    all[i].focus();
    all[i].scrollIntoView({ block: "nearest" });
  });

  // A click or focus by other means makes that button the card's current one.
  document.addEventListener("focusin", function (e) {
    var c = card(e.target);
    if (c && e.target.tagName === "SUMMARY") { current(c, e.target); }
  });

  window.indsigtBoard = init;
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
  // The board that was still computing is swapped in by htmx.
  document.addEventListener("htmx:afterSettle", init);
})();
