// indsigt: highlights in the transcript. A span selected in a note's text,
// with the mouse or with the keyboard (m on a focused note, then the arrow
// keys), fills that note's "Tag markering" form; the form also works without
// this file, with start and end typed by hand. Offsets count code points of
// the note's text, as the server stores them: JS strings count UTF-16 units,
// so every offset sent goes through Array.from.
(function () {
  "use strict";

  function cpLen(s) { return Array.from(s).length; }

  function typing(el) {
    var tag = el && el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (el && el.isContentEditable);
  }

  function textElOf(node) {
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    return el && el.closest ? el.closest(".transcript .note .text") : null;
  }

  // upTo is the note's text before a point (node, offset) inside it: the
  // <mark> elements of earlier highlights hold text nodes of their own.
  function upTo(textEl, node, offset) {
    var r = document.createRange();
    r.selectNodeContents(textEl);
    r.setEnd(node, offset);
    return r.toString().length;
  }

  // fill puts the span [a, b) of the note's text (UTF-16 offsets), without
  // white space at its ends, into the note's form and opens the form.
  function fill(textEl, a, b) {
    var text = textEl.textContent;
    while (a < b && /\s/.test(text.charAt(a))) { a++; }
    while (b > a && /\s/.test(text.charAt(b - 1))) { b--; }
    var form = textEl.closest(".note").querySelector(".hlform");
    if (a >= b || !form) { return null; }
    form.elements.start.value = cpLen(text.slice(0, a));
    form.elements.end.value = cpLen(text.slice(0, b));
    form.querySelector(".hl-quote").textContent = form.dataset.selected + " «" + text.slice(a, b) + "»";
    form.closest("details").open = true;
    return form;
  }

  // fromSelection fills the form of the note whose text holds the page's
  // selection; a selection that runs past the text's end (a triple click)
  // stops at the end.
  function fromSelection() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) { return null; }
    var r = sel.getRangeAt(0), el = textElOf(r.startContainer);
    if (!el) { return null; }
    var end = textElOf(r.endContainer) === el ? upTo(el, r.endContainer, r.endOffset) : (r.intersectsNode(el) ? el.textContent.length : -1);
    return end < 0 ? null : fill(el, upTo(el, r.startContainer, r.startOffset), end);
  }

  document.addEventListener("mouseup", function (e) {
    if (e.target.closest && e.target.closest("form")) { return; }
    fromSelection();
  });

  // Keyboard selection: m starts it on the focused note with its first
  // word; arrows move it a word, shift+arrows make it longer or shorter,
  // Enter goes to the tag field, Esc (or any other key) stops.
  var mode = null;

  function words(text) {
    var out = [], re = /\S+/g, m;
    while ((m = re.exec(text))) { out.push([m.index, m.index + m[0].length]); }
    return out;
  }

  function pointAt(el, off) {
    var w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), n;
    while ((n = w.nextNode())) {
      if (off <= n.data.length) { return [n, off]; }
      off -= n.data.length;
    }
    return [el, el.childNodes.length];
  }

  function show() {
    var a = mode.words[mode.i][0], b = mode.words[mode.j][1];
    var s = pointAt(mode.el, a), e = pointAt(mode.el, b), r = document.createRange();
    r.setStart(s[0], s[1]);
    r.setEnd(e[0], e[1]);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
    fill(mode.el, a, b);
  }

  function stop(clear) {
    mode.note.classList.remove("hl-selecting");
    if (clear) { window.getSelection().removeAllRanges(); }
    mode = null;
  }

  function step(e) {
    var last = mode.words.length - 1;
    switch (e.key) {
    case "ArrowRight":
      if (e.shiftKey) { mode.j = Math.min(mode.j + 1, last); } else if (mode.j < last) { mode.i++; mode.j++; }
      break;
    case "ArrowLeft":
      if (e.shiftKey) { mode.j = Math.max(mode.j - 1, mode.i); } else if (mode.i > 0) { mode.i--; mode.j--; }
      break;
    case "Enter":
      mode.enter = true;
      e.preventDefault();
      return;
    case "Escape":
      stop(true);
      e.preventDefault();
      return;
    case "Shift":
      return;
    default:
      stop(false);
      return;
    }
    e.preventDefault();
    show();
  }

  document.addEventListener("keydown", function (e) {
    if (mode) { step(e); return; }
    if (e.key !== "m" || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) { return; }
    var note = e.target.closest && e.target.closest(".transcript .note");
    var el = note && note.querySelector(".text");
    var ws = el ? words(el.textContent) : [];
    if (!ws.length || !note.querySelector(".hlform")) { return; }
    e.preventDefault();
    mode = { note: note, el: el, words: ws, i: 0, j: 0 };
    note.classList.add("hl-selecting");
    show();
  });
  // Enter goes to the tag field on key up: moved on key down, the Enter
  // would land in the field and send the form without tags.
  document.addEventListener("keyup", function (e) {
    if (!mode || !mode.enter || e.key !== "Enter") { return; }
    var form = mode.note.querySelector(".hlform");
    stop(false);
    form.elements.tags.focus();
  });
  document.addEventListener("mousedown", function () { if (mode) { stop(false); } });

  // A form that came back invalid (422) replaces its note like a success
  // does, and the keyboard goes to the field that needs fixing.
  document.addEventListener("htmx:beforeSwap", function (e) {
    if (e.detail.xhr.status === 422) { e.detail.shouldSwap = true; e.detail.isError = false; }
  });
  document.addEventListener("htmx:afterSettle", function (e) {
    var bad = e.detail.target && e.detail.target.querySelector && e.detail.target.querySelector(".hlform [aria-invalid=true]");
    if (bad && document.contains(bad)) { bad.focus(); }
  });
})();
