// indsigt: small progressive enhancements. Every action also works without
// this file; CSP forbids inline scripts, so all behaviour lives here.
(function () {
  "use strict";

  // htmx requests carry the session's CSRF token in a header.
  document.addEventListener("htmx:configRequest", function (e) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) { e.detail.headers["X-CSRF-Token"] = meta.content; }
  });

  function typing(el) {
    if (!el) { return false; }
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  function currentNote() {
    var el = document.activeElement;
    return el && el.closest ? el.closest(".note") : null;
  }

  // Transcript keys: j/k move between notes, t goes to the tag field.
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) { return; }
    var notes = Array.prototype.slice.call(document.querySelectorAll(".transcript .note"));
    if (notes.length === 0) { return; }
    var cur = currentNote();
    var i = cur ? notes.indexOf(cur) : -1;
    if (e.key === "j" || e.key === "k") {
      var next = e.key === "j" ? Math.min(i + 1, notes.length - 1) : Math.max(i - 1, 0);
      notes[next].focus();
      notes[next].scrollIntoView({ block: "nearest" });
      e.preventDefault();
    }
  });

  // t acts on key up: moving focus on key down would let the typed "t"
  // land in the tag field.
  document.addEventListener("keyup", function (e) {
    if (e.key !== "t" || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) { return; }
    var cur = currentNote();
    var input = cur && cur.querySelector(".tag-input");
    if (input) { input.focus(); }
  });

  // After htmx replaces a note, keep the keyboard where it was.
  document.addEventListener("htmx:afterSwap", function (e) {
    var t = e.detail.target;
    if (t && t.id && t.id.indexOf("note-") === 0) {
      var fresh = document.getElementById(t.id);
      var input = fresh && fresh.querySelector(".tag-input");
      if (input) { input.focus(); }
    }
  });

  // Board: dragging a note onto another card does what its "Flyt til…"
  // form does, so mouse users need not use the select.
  document.addEventListener("dragstart", function (e) {
    var note = e.target.closest && e.target.closest(".card-note[data-note]");
    if (note) { e.dataTransfer.setData("text/plain", note.dataset.note); }
  });
  document.addEventListener("dragover", function (e) {
    if (e.target.closest && e.target.closest(".suggestion")) { e.preventDefault(); }
  });
  document.addEventListener("drop", function (e) {
    var card = e.target.closest && e.target.closest(".suggestion");
    var id = e.dataTransfer.getData("text/plain");
    var note = id && document.getElementById("bn-" + id);
    if (!card || !note || note.closest(".suggestion") === card) { return; }
    e.preventDefault();
    var sel = note.querySelector("form.move select[name=m]");
    if (!sel) { return; }
    sel.value = id + "-" + card.dataset.card;
    sel.form.submit();
  });

  // A link to #note-N focuses that note, so j/k continue from it.
  function focusHash() {
    if (location.hash.indexOf("#note-") === 0) {
      var n = document.getElementById(location.hash.slice(1));
      if (n) { n.focus(); }
    }
  }
  window.addEventListener("hashchange", focusHash);
  document.addEventListener("DOMContentLoaded", focusHash);
})();
