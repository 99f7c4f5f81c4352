// Injected by `lots serve` only: reloads the page when the site is rebuilt, keeping the
// scroll position, and shows build errors over the page until they are fixed (or closed).
(function () {
  "use strict";
  var key = "lots-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, Number(saved)); });
  }
  // The box of build problems: the same markup the server puts into pages it serves while
  // the error lasts (src/serve/overlay.rs), drawn here from the problems as data.
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }
  function excerpt(p) {
    var gutter = String(p.line);
    var pad = Array.from(p.source_line).slice(0, Math.max(p.column - 1, 0))
      .map(function (c) { return c === "\t" ? "\t" : " "; }).join("");
    return gutter + " | " + p.source_line + "\n" + " ".repeat(gutter.length) + " | " + pad + "^";
  }
  function overlay(report) {
    var old = document.getElementById("lots-error");
    if (old) {
      old.remove();
    }
    var box = el("div");
    box.id = "lots-error";
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", "lots-error-title");
    var style = el("link");
    style.rel = "stylesheet";
    style.href = "/__lots/overlay.css";
    box.appendChild(style);
    var head = el("div", "lots-error__head");
    var title = el("h2", "", "Webbplatsen kunde inte byggas om: " + report.problems.length + " problem");
    title.id = "lots-error-title";
    head.appendChild(title);
    var close = el("button", "lots-error__close", "Stäng");
    close.type = "button";
    head.appendChild(close);
    box.appendChild(head);
    box.appendChild(el("p", "lots-error__note",
      "Rätta felet och spara: rutan försvinner av sig själv och sidan laddas om."));
    var list = el("ol", "lots-error__list");
    report.problems.forEach(function (p) {
      var item = el("li");
      if (p.path) {
        var where = el("p", "lots-error__where");
        where.appendChild(el("code", "", p.line ? p.path + ":" + p.line + ":" + p.column : p.path));
        item.appendChild(where);
      }
      item.appendChild(el("p", "lots-error__message", p.message));
      if (p.source_line !== null && p.source_line !== undefined) {
        item.appendChild(el("pre", "lots-error__source", excerpt(p)));
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    document.body.appendChild(box);
  }
  // Closing hides the box until the next failed rebuild; the problem itself stays.
  function closeOverlay() {
    var box = document.getElementById("lots-error");
    if (box) {
      box.remove();
    }
  }
  document.addEventListener("click", function (e) {
    if (e.target instanceof Element && e.target.closest("#lots-error .lots-error__close")) {
      closeOverlay();
    }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && document.getElementById("lots-error")) {
      closeOverlay();
    }
  });
  // The server renders the pages browsers show first after a template edit.
  var events = new EventSource("/__lots/events?page=" + encodeURIComponent(location.pathname));
  // The server names the files that changed ("*" for all); reload only when this is one.
  function isShown(paths) {
    var here = decodeURIComponent(location.pathname).replace(/^\//, "");
    if (here === "" || here.charAt(here.length - 1) === "/") {
      here += "index.html";
    }
    return paths.indexOf(here) !== -1;
  }
  // An edited stylesheet is swapped in place, without reloading the page.
  function swapStyles(paths) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      var path = decodeURIComponent(url.pathname).replace(/^\//, "");
      if (paths.indexOf(path) !== -1) {
        url.searchParams.set("lots", String(Date.now()));
        links[i].href = url.href;
      }
    }
  }
  function onlyStyles(paths) {
    return paths.length > 0 && paths.every(function (p) { return /\.css$/.test(p); });
  }
  events.addEventListener("reload", function (e) {
    if (e.data !== "*") {
      var paths = JSON.parse(e.data);
      if (onlyStyles(paths)) {
        swapStyles(paths);
        return;
      }
      if (!isShown(paths)) {
        return;
      }
    }
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
  events.addEventListener("build-problems", function (e) { overlay(JSON.parse(e.data)); });
})();
