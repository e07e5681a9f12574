/* Theo dõi Kế hoạch PBGDPL: the pages' only script (no inline script, nothing from outside).
   Everything here improves a page that works without it. */
(function () {
  "use strict";

  /* The menu: a disclosure closed on phones (one row, "Menu"), open on wider screens. */
  var menu = document.querySelector("details.site-menu");
  if (menu && window.matchMedia) {
    var phone = window.matchMedia("(max-width: 700px)");
    var fit = function () { menu.open = !phone.matches; };
    fit();
    phone.addEventListener("change", fit);
  }

  /* Irreversible actions ask first: a form (or the button that sends it) with data-confirm. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var message = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  /* Dates are typed dd/mm/yyyy; a native date picker beside the box fills it in. */
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function toIso(text) {
    var m = /^\s*(\d{1,2})\s*[\/.\-]\s*(\d{1,2})\s*[\/.\-]\s*(\d{4})\s*$/.exec(text || "");
    if (!m) { return ""; }
    var d = new Date(Date.UTC(+m[3], +m[2] - 1, +m[1]));
    if (d.getUTCDate() !== +m[1] || d.getUTCMonth() !== +m[2] - 1) { return ""; }
    return m[3] + "-" + pad(+m[2]) + "-" + pad(+m[1]);
  }
  Array.prototype.forEach.call(document.querySelectorAll("input.date-input"), function (box) {
    var picker = document.createElement("input");
    picker.type = "date";
    picker.className = "date-picker";
    picker.setAttribute("aria-label", box.getAttribute("data-picker-label") || "");
    picker.tabIndex = -1;
    picker.value = toIso(box.value);
    picker.addEventListener("change", function () {
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(picker.value);
      if (m) {
        box.value = m[3] + "/" + m[2] + "/" + m[1];
        box.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    box.addEventListener("change", function () { picker.value = toIso(box.value); });
    var wrap = document.createElement("span");
    wrap.className = "date-wrap";
    box.parentNode.insertBefore(wrap, box);
    wrap.appendChild(box);
    wrap.appendChild(picker);
  });

  /* A form sent back with errors: mark the fields and put the cursor in the first one. */
  var first = null;
  Array.prototype.forEach.call(document.querySelectorAll(".has-error"), function (field) {
    var errors = field.querySelector(".errorlist");
    Array.prototype.forEach.call(field.querySelectorAll("input:not([type=hidden]), select, textarea"), function (input) {
      input.setAttribute("aria-invalid", "true");
      if (errors && errors.id) { input.setAttribute("aria-describedby", errors.id); }
      if (!first && input.className.indexOf("date-picker") < 0) { first = input; }
    });
  });
  if (first) { first.focus(); }

  /* A report being made: ask the server for its progress until it is done (data-job-status). */
  var job = document.querySelector("[data-job-status]");
  if (job && window.fetch) {
    var poll = function () {
      fetch(job.getAttribute("data-job-status"), { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html === null) { return; }
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector("[data-job-status]");
          if (!fresh) { return; }
          job.replaceWith(fresh);
          job = fresh;
          if (fresh.getAttribute("data-job-running") === "true") { window.setTimeout(poll, 2000); }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    };
    if (job.getAttribute("data-job-running") === "true") { window.setTimeout(poll, 2000); }
  }
})();
