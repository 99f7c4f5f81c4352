// Service worker written by `lots build`. It keeps every file of one build in a cache of its
// own, named after the build, so the site works with the network gone, search included. A new
// build has a new name: its worker takes every unchanged file from the old cache (files are
// kept under their content hash), downloads the rest, takes over at once and deletes the
// caches of older builds of the same site. Everything is relative to the worker's scope, so
// the site works at any path (/, /vbe/, ...).
"use strict";
const VERSION = "971c5ed9d1862170";
// Every file of the build, as [path relative to the site root, start of its content hash].
const FILES = [["404.html","282bfba680ca"],["a-o/index.html","a875b78d7626"],["atervandare/barn-och-unga/index.html","6529596a0fbf"],["atervandare/index.html","2931ef6bdbc6"],["att-se-over/index.html","e5c517c5af7b"],["filter.js","6b896810f97c"],["gamla/sidan/index.html","5ad960e4030e"],["guider/andra/index.html","0dd175c6afda"],["guider/diagram/bilaga.txt","759c049d17d2"],["guider/diagram/diagram.png","54bd094b1cc8"],["guider/diagram/index.html","b2d15685a024"],["guider/forsta/index.html","d8013a302bf6"],["guider/index.html","bbd4a60e281b"],["guider/tredje/index.html","862d56599b1d"],["highlight.css","4aaa30fad269"],["icons/icon-192.png","5239b7bce520"],["icons/icon-512.png","db6cdfb7461a"],["icons/icon.svg","fa672f8cc5e9"],["index.html","6f1a79e27cba"],["manifest.webmanifest","34cbe946e395"],["nyheter/egen-adress/index.html","d4c63fb693fa"],["nyheter/index.html","865a1d89223d"],["nyheter/nyhet-1/index.html","8606ffca01f2"],["nyheter/nyhet-2/index.html","c8d44a869852"],["nyheter/nyhet-3/index.html","3f52adcef6ae"],["nyheter/page/1/index.html","b459cd2de705"],["nyheter/page/2/index.html","d1c8074dfcf7"],["nyheter/page/3/index.html","168134e576c4"],["nyheter/varnyhet/index.html","9263a574a2a4"],["offline.js","1926cb7030f3"],["phone.js","b4eef97a8fbb"],["search/d/0.js","e5fd343651ec"],["search/engine.js","a0641bedb0c1"],["search/lunr-shim.js","82a8ee6908fe"],["search/meta.js","2c6288d73c10"],["search/p/0.js","e78b5ed82b98"],["search/pipeline.js","f06408527f67"],["search/rank.js","ff5c41cb03e4"],["search/search.css","a4f1b626614f"],["search/search.js","bae7909260ea"],["search/synonyms.js","b23c75f29f9c"],["search/v/0.js","df92b9b58dc4"],["search/vendor/LICENSE-elasticlunr.txt","d582f4b0db3d"],["search/vendor/LICENSE-lunr-languages.txt","106038b65cd9"],["search/vendor/elasticlunr.min.js","45aaf6f79e5e"],["search/vendor/lunr.stemmer.support.js","94ffcb6e61c9"],["search/vendor/lunr.sv.js","25e74539a576"],["sitemap.xml","61c391c8625e"],["style.css","a1e873e327c0"],["tags/atervandare/index.html","0a6ab4a4de72"],["tags/index.html","78f346861507"],["tags/rutin/index.html","05d7688ea705"],["texts.js","ce5eb3ccea4b"]];
const SCOPE = self.registration.scope;
const PREFIX = "lots:" + SCOPE + ":";
const CACHE = PREFIX + VERSION;
const PARALLEL = 6;

// Each file by its path relative to the scope → the URL to download it from and the key it is
// kept under: the URL with the content hash as the query, so that the same key always holds
// the same bytes, whichever build put it there.
const FILE_KEYS = new Map(FILES.map(([path, hash]) => {
  const href = new URL(path.split("/").map(encodeURIComponent).join("/"), SCOPE).href;
  return [path, { href, key: href + "?lots=" + hash }];
}));
const BASE = new URL(SCOPE).pathname;

// The file a request asks for, by its decoded path relative to the scope (a folder means its
// index.html), however the link that led here spelled it.
function pathOf(url) {
  let path = new URL(url).pathname;
  if (!path.startsWith(BASE)) {
    return null;
  }
  path = path.slice(BASE.length);
  if (path === "" || path.endsWith("/")) {
    path += "index.html";
  }
  try {
    return decodeURIComponent(path);
  } catch (error) {
    return null;
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const older = [];
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) {
        older.push(await caches.open(name));
      }
    }
    const todo = Array.from(FILE_KEYS.values());
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const { href, key } = todo[next++];
        if (await cache.match(key, { ignoreVary: true })) {
          continue; // kept by an earlier, interrupted install of this build
        }
        let response = null;
        for (const old of older) {
          response = await old.match(key, { ignoreVary: true });
          if (response) {
            break;
          }
        }
        if (!response) {
          response = await fetch(href, { cache: "reload", credentials: "same-origin" });
          if (!response.ok) {
            throw new Error("lots: cannot keep " + href + " for offline use: " + response.status);
          }
          if (response.redirected) {
            // A redirected response may not answer a navigation; keep the bytes only.
            response = new Response(await response.blob(), { headers: response.headers });
          }
        }
        await cache.put(key, response);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) {
        await caches.delete(name);
      }
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) {
    return;
  }
  const file = FILE_KEYS.get(pathOf(request.url));
  if (file) {
    event.respondWith(kept(request, file.key));
  } else if (request.mode === "navigate") {
    event.respondWith(notKept(request));
  }
});

// A file of the build: from the cache, else (storage cleared by the user) from the network.
async function kept(request, key) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key, { ignoreVary: true });
  if (!hit) {
    return fetch(request);
  }
  return request.headers.has("range") ? ranged(request.headers.get("range"), hit) : hit;
}

// A page that is not part of the build: the server's answer, or the site's 404 page offline.
async function notKept(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const page = FILE_KEYS.get("404.html");
    const missing = page && (await (await caches.open(CACHE)).match(page.key, { ignoreVary: true }));
    if (missing) {
      return new Response(missing.body, { status: 404, statusText: "Not Found", headers: missing.headers });
    }
    throw error;
  }
}

// Video and audio players ask for byte ranges; the cache holds whole files.
async function ranged(range, response) {
  const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!match || (match[1] === "" && match[2] === "")) {
    return response;
  }
  const blob = await response.blob();
  const size = blob.size;
  let start;
  let end;
  if (match[1] === "") {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) {
    return new Response(null, { status: 416, headers: { "Content-Range": "bytes */" + size } });
  }
  const headers = new Headers(response.headers);
  headers.delete("content-encoding");
  headers.set("Content-Range", "bytes " + start + "-" + end + "/" + size);
  headers.set("Content-Length", String(end - start + 1));
  return new Response(blob.slice(start, end + 1), { status: 206, statusText: "Partial Content", headers });
}
