// Offline use, over http(s) only: browsers run no service worker under file://, where the site
// works without one (every file is on the disk). Links the web app manifest (under file:// a
// browser refuses to read it), registers the service worker that keeps every file of the
// build, and shows a banner when a newer version has taken over or when the page on screen is
// the saved copy because the network is gone.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !/^https?:$/.test(location.protocol)) {
    return;
  }
  // This script sits at the root of the site, which may be a sub-path such as /vbe/.
  var root = new URL(".", script.src);
  // texts.js has the texts; a site's own template may set one on this script instead.
  var text = function (name) {
    var own = script.getAttribute("data-text-" + name);
    return own !== null ? own : (window.lotsTexts || {})["offline-" + name] || "";
  };
  var texts = { updated: text("updated"), reload: text("reload"), offline: text("offline") };

  if (!document.querySelector('link[rel="manifest"]')) {
    var manifest = document.createElement("link");
    manifest.rel = "manifest";
    manifest.href = new URL("manifest.webmanifest", root).href;
    document.head.appendChild(manifest);
  }
  if (!("serviceWorker" in navigator)) {
    return;
  }
  // Another site on the same server (one at / while this one is at /vbe/) may have a worker
  // of its own that controls this page until this site's worker takes over: only this site's
  // worker counts.
  var workerUrl = new URL("sw.js", root).href;
  function ours(worker) {
    return Boolean(worker) && worker.scriptURL === workerUrl;
  }

  function banner(id, text, withReload) {
    if (document.getElementById(id)) {
      return;
    }
    var box = document.createElement("div");
    box.id = id;
    box.className = "offline-banner";
    box.setAttribute("role", "status");
    var message = document.createElement("span");
    message.textContent = text;
    box.appendChild(message);
    if (withReload) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = texts.reload;
      button.addEventListener("click", function () { location.reload(); });
      box.appendChild(button);
    }
    document.body.insertBefore(box, document.body.firstChild);
  }

  function unbanner(id) {
    var box = document.getElementById(id);
    if (box) {
      box.parentNode.removeChild(box);
    }
  }

  // The service worker answers every file of the site from its cache, so ask the network for
  // the one file it never keeps (itself): when that fails, what is on screen is the saved copy.
  var checking = false;
  function checkOnline() {
    if (checking || !ours(navigator.serviceWorker.controller)) {
      return;
    }
    checking = true;
    var url = new URL("sw.js", root);
    url.search = "online=" + Date.now();
    fetch(url.href, { method: "HEAD", cache: "no-store" }).then(function () {
      checking = false;
      unbanner("lots-offline");
    }, function () {
      checking = false;
      banner("lots-offline", texts.offline, false);
    });
  }

  // A page shown by an older worker learns of a newer build when the new worker takes over.
  var hadController = ours(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    var now = ours(navigator.serviceWorker.controller);
    if (hadController && now) {
      banner("lots-updated", texts.updated, true);
    }
    hadController = now;
  });
  navigator.serviceWorker.register(workerUrl, { scope: root.href })
    .catch(function () {});
  window.addEventListener("offline", checkOnline);
  window.addEventListener("online", checkOnline);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      checkOnline();
    }
  });
  checkOnline();
})();
