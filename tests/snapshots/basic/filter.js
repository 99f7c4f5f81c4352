/* Lots: filters for lists (symbol gallery, activities of the action plans).
   Progressive enhancement: the lists and the filters work without this file
   (style.css hides what does not match with :has()). This file makes them
   work in browsers without :has() too, and says how many items are shown in
   a live region, for screen readers.

   Markup: an element [data-filterable] holds controls (radio buttons or
   selects) with data-filter-dim="d1" whose value is "" (all) or a number,
   items [data-filter-item] with data-d1="3" (space-separated numbers), a
   status element [data-filter-status data-template="… {count} … {total}"] and
   an element [data-filter-empty] shown when nothing matches. */
(function () {
  "use strict";

  function setUp(root) {
    var controls = root.querySelectorAll("[data-filter-dim]");
    var items = root.querySelectorAll("[data-filter-item]");
    var status = root.querySelector("[data-filter-status]");
    var empty = root.querySelector("[data-filter-empty]");
    if (!controls.length || !items.length) {
      return;
    }

    function chosen() {
      var wanted = {};
      Array.prototype.forEach.call(controls, function (control) {
        var dim = control.getAttribute("data-filter-dim");
        var isChoice = control.type === "radio" || control.type === "checkbox";
        if ((!isChoice || control.checked) && control.value) {
          wanted[dim] = control.value;
        }
      });
      return wanted;
    }

    function apply(announce) {
      var wanted = chosen();
      var dims = Object.keys(wanted);
      var shown = 0;
      Array.prototype.forEach.call(items, function (item) {
        var match = dims.every(function (dim) {
          var values = (item.getAttribute("data-" + dim) || "").split(" ");
          return values.indexOf(wanted[dim]) !== -1;
        });
        item.hidden = !match;
        if (match) {
          shown += 1;
        }
      });
      if (empty) {
        empty.hidden = shown > 0;
      }
      if (status && (announce || dims.length)) {
        status.textContent = (status.getAttribute("data-template") || "{count}")
          .replace("{count}", String(shown))
          .replace("{total}", String(items.length));
      }
    }

    root.classList.add("filterable--js");
    root.addEventListener("change", function (event) {
      if (event.target.hasAttribute("data-filter-dim")) {
        apply(true);
      }
    });
    // Browsers restore form controls on "back"; show the list they describe.
    apply(false);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-filterable]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
