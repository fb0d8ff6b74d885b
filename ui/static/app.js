// indsigt: small progressive enhancements. Every action also works without
// this file; CSP forbids inline scripts, so all behaviour lives here.
(function () {
  "use strict";

  // reasonText is a failed file's reason in the page's language, from the
  // drop zone's data-reason-* attributes (never the API's English text).
  function reasonText(zone, reason) {
    var key = "reason" + String(reason || "other").replace(/(^|_)(\w)/g, function (m, a, b) { return b.toUpperCase(); });
    return zone.dataset[key] || zone.dataset.reasonOther;
  }

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

  // Review page: text selected in a note fills that note's mark form.
  document.addEventListener("mouseup", function () {
    var sel = window.getSelection && window.getSelection();
    var text = sel ? sel.toString().trim() : "";
    if (!text || !sel.anchorNode) { return; }
    var el = sel.anchorNode.nodeType === 1 ? sel.anchorNode : sel.anchorNode.parentElement;
    var p = el && el.closest ? el.closest(".review-text") : null;
    var input = p && p.parentElement.querySelector(".mark-text");
    if (input) { input.value = text; }
  });

  // After htmx replaces a note (tagged with t, say), the keyboard goes back
  // to the note itself, so that j and k move on instead of typing letters.
  document.addEventListener("htmx:afterSwap", function (e) {
    var t = e.detail.target;
    if (t && t.id && t.id.indexOf("note-") === 0) {
      var fresh = document.getElementById(t.id);
      if (fresh) { fresh.focus(); }
    }
  });

  // Esc in a field of a transcript note leaves the field for the note.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || !typing(e.target)) { return; }
    var note = e.target.closest && e.target.closest(".transcript .note");
    if (note) { e.preventDefault(); note.focus(); }
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
  // Upload: files and folders dropped on the page go up one at a time, each
  // with its own progress and result; the form still works without this.
  function uploadEnhance() {
    var form = document.getElementById("upload-form");
    var zone = document.getElementById("dropzone");
    var list = document.getElementById("upload-progress");
    if (!form || !zone || !list) { return; }
    zone.hidden = false;
    function walk(entry, out) {
      return new Promise(function (done) {
        if (entry.isFile) { entry.file(function (f) { out.push(f); done(); }, function () { done(); }); return; }
        if (!entry.isDirectory) { done(); return; }
        var reader = entry.createReader(), all = [];
        (function more() {
          reader.readEntries(function (batch) {
            if (!batch.length) { Promise.all(all.map(function (e) { return walk(e, out); })).then(done); return; }
            all = all.concat(Array.prototype.slice.call(batch));
            more();
          }, function () { done(); });
        })();
      });
    }
    function send(file) {
      var li = document.createElement("li");
      var bar = document.createElement("progress");
      bar.max = 100; bar.value = 0;
      li.textContent = file.name + " – " + zone.dataset.uploading + " ";
      li.appendChild(bar);
      list.appendChild(li);
      return new Promise(function (done) {
        var data = new FormData(form);
        data.delete("file");
        data.append("file", file, file.name);
        var xhr = new XMLHttpRequest();
        xhr.open("POST", form.action);
        xhr.setRequestHeader("Accept", "application/json");
        xhr.upload.onprogress = function (e) { if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); } };
        xhr.onload = function () {
          var r = null;
          try { r = JSON.parse(xhr.responseText)[0]; } catch (err) { r = null; }
          var status = r ? r.status : "failed";
          li.className = "result-" + status;
          li.textContent = file.name + ": " + (zone.dataset[status] || status) + (r && r.status === "failed" ? " – " + reasonText(zone, r.reason) : "");
          done();
        };
        xhr.onerror = function () { li.className = "result-failed"; li.textContent = file.name + ": " + zone.dataset.failed; done(); };
        xhr.send(data);
      });
    }
    zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("over");
      var files = [], walks = [];
      Array.prototype.forEach.call(e.dataTransfer.items || [], function (item) {
        var entry = item.webkitGetAsEntry && item.webkitGetAsEntry();
        if (entry) { walks.push(walk(entry, files)); }
      });
      Promise.all(walks).then(function () {
        if (!walks.length) { files = Array.prototype.slice.call(e.dataTransfer.files); }
        return files.reduce(function (p, f) { return p.then(function () { return send(f); }); }, Promise.resolve());
      });
    });
  }
  document.addEventListener("DOMContentLoaded", uploadEnhance);
})();
