// Injected by `lots serve` only: reloads the page when the site is rebuilt, keeping the
// scroll position, and shows build errors over the page until they are fixed.
(function () {
  "use strict";
  var key = "lots-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, Number(saved)); });
  }
  function overlay(text) {
    var box = document.getElementById("lots-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "lots-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#fff5f5;color:#4a0000;border-top:4px solid #b00020;padding:1rem;font:14px/1.4 monospace;";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var pre = document.createElement("pre");
    pre.style.whiteSpace = "pre-wrap";
    pre.textContent = text;
    box.appendChild(pre);
  }
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
  events.addEventListener("build-error", function (e) { overlay(e.data); });
})();
