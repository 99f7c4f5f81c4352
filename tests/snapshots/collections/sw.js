// Service worker written by `lots build`. It keeps every file of one build in a cache of its
// own, named after the build, so the site works with the network gone, search included. A new
// build has a new name: its worker takes every unchanged file from the old cache (files are
// kept under their content hash), downloads the rest, takes over at once and deletes the
// caches of older builds of the same site. Everything is relative to the worker's scope, so
// the site works at any path (/, /vbe/, ...).
"use strict";
const VERSION = "3f6c55728572bcff";
// Every file of the build, as [path relative to the site root, start of its content hash].
const FILES = [["404.html","f52f8ba0d2a3"],["a-o/index.html","7c03de44e90b"],["att-se-over/index.html","5d8c7ac73609"],["dokument/index.html","705a265de15a"],["dokument/stadsrevisionen-2019/index.html","6e5e88daef01"],["filter.js","6b896810f97c"],["forelasningar/grundkurs/bildspel.pdf","540dd8f9acba"],["forelasningar/grundkurs/index.html","6d057e6da6aa"],["forelasningar/grundkurs/textning.vtt","d465ad391046"],["forelasningar/index.html","d1d159789a50"],["handlingsplaner/aktiviteter.csv","edb9eb5e3013"],["handlingsplaner/alvsjo-2020/index.html","214add167b86"],["handlingsplaner/index.html","fb39d9c3ef5e"],["highlight.css","4aaa30fad269"],["icons/icon-192.png","5239b7bce520"],["icons/icon-512.png","db6cdfb7461a"],["icons/icon.svg","fa672f8cc5e9"],["index.html","ae60ee9bf2e3"],["manifest.webmanifest","977663cd62c5"],["offline.js","1926cb7030f3"],["phone.js","b4eef97a8fbb"],["rutiner/index.html","c4c91a512011"],["rutiner/rutin-vid-oro/index.html","3cfd651911d4"],["samordnare/alvsjo/index.html","015e73f417b3"],["samordnare/alvsjo/kontakt.vcf","153058379a2f"],["samordnare/central/index.html","9b93dc2bcf06"],["samordnare/central/kontakt.vcf","b1b1ef792832"],["samordnare/index.html","728322bf834d"],["search/d/0.js","cb16add30d97"],["search/engine.js","a0641bedb0c1"],["search/lunr-shim.js","82a8ee6908fe"],["search/meta.js","de5722795b21"],["search/p/0.js","0f2bab789e84"],["search/pipeline.js","f06408527f67"],["search/rank.js","ff5c41cb03e4"],["search/search.css","a4f1b626614f"],["search/search.js","bae7909260ea"],["search/synonyms.js","b23c75f29f9c"],["search/v/0.js","34ba96443763"],["search/vendor/LICENSE-elasticlunr.txt","d582f4b0db3d"],["search/vendor/LICENSE-lunr-languages.txt","106038b65cd9"],["search/vendor/elasticlunr.min.js","45aaf6f79e5e"],["search/vendor/lunr.stemmer.support.js","94ffcb6e61c9"],["search/vendor/lunr.sv.js","25e74539a576"],["sitemap.xml","623c5938331d"],["style.css","a1e873e327c0"],["symboler/index.html","37b136c51fa2"],["symboler/kod-88/index.html","1fadb365d315"],["symboler/kod-88/kod-88.svg","a811e288a213"],["tags/index.html","e5f84ca0d217"],["texts.js","ce5eb3ccea4b"],["tips/en-bok/index.html","1c9b7b497ec1"],["tips/index.html","2133b1748ea6"],["vagledningar/index.html","5abf1390b21a"],["vagledningar/riktlinjer/bilaga.pdf","5bf051070783"],["vagledningar/riktlinjer/index.html","3c3544945808"]];
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
