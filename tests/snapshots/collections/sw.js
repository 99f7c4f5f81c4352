// Service worker written by `lots build`. It keeps every file of one build in a cache of its
// own, named after the build, so the site works with the network gone, search included. A new
// build has a new name: its worker takes every unchanged file from the old cache (files are
// kept under their content hash), downloads the rest, takes over at once and deletes the
// caches of older builds of the same site. Everything is relative to the worker's scope, so
// the site works at any path (/, /vbe/, ...).
"use strict";
const VERSION = "4aa39d815af434dc";
// Every file of the build, as [path relative to the site root, start of its content hash].
const FILES = [["404.html","fb055bfa4a8d"],["a-o/index.html","461b4d164b6a"],["att-se-over/index.html","85473159d6a6"],["dokument/index.html","81c5fe68e164"],["dokument/stadsrevisionen-2019/index.html","2e1315644723"],["filter.js","6b896810f97c"],["forelasningar/grundkurs/bildspel.pdf","540dd8f9acba"],["forelasningar/grundkurs/index.html","0a1be74d202d"],["forelasningar/grundkurs/textning.vtt","d465ad391046"],["forelasningar/index.html","11e06d85dfe8"],["handlingsplaner/aktiviteter.csv","edb9eb5e3013"],["handlingsplaner/alvsjo-2020/index.html","7190beb4c9b4"],["handlingsplaner/index.html","5ddf3479d515"],["highlight.css","4aaa30fad269"],["icons/icon-192.png","5239b7bce520"],["icons/icon-512.png","db6cdfb7461a"],["icons/icon.svg","fa672f8cc5e9"],["index.html","89511650eb87"],["manifest.webmanifest","977663cd62c5"],["offline.js","ff8530977d36"],["phone.js","4a2fffa75f48"],["rutiner/index.html","907f8b5b4dcd"],["rutiner/rutin-vid-oro/index.html","6e86dd93e449"],["samordnare/alvsjo/index.html","2f2565e97670"],["samordnare/alvsjo/kontakt.vcf","153058379a2f"],["samordnare/central/index.html","e07781e2c150"],["samordnare/central/kontakt.vcf","b1b1ef792832"],["samordnare/index.html","0e6f8a49a820"],["search/d/0.js","cb16add30d97"],["search/engine.js","a0641bedb0c1"],["search/lunr-shim.js","82a8ee6908fe"],["search/meta.js","de5722795b21"],["search/p/0.js","0f2bab789e84"],["search/pipeline.js","f06408527f67"],["search/rank.js","ff5c41cb03e4"],["search/search.css","a4f1b626614f"],["search/search.js","0f1d80de41d6"],["search/synonyms.js","b23c75f29f9c"],["search/v/0.js","34ba96443763"],["search/vendor/LICENSE-elasticlunr.txt","d582f4b0db3d"],["search/vendor/LICENSE-lunr-languages.txt","106038b65cd9"],["search/vendor/elasticlunr.min.js","45aaf6f79e5e"],["search/vendor/lunr.stemmer.support.js","94ffcb6e61c9"],["search/vendor/lunr.sv.js","25e74539a576"],["sitemap.xml","623c5938331d"],["style.css","a1e873e327c0"],["symboler/index.html","769d3af77d4a"],["symboler/kod-88/index.html","07a1a2ac3347"],["symboler/kod-88/kod-88.svg","a811e288a213"],["tags/index.html","80a50988db18"],["tips/en-bok/index.html","238f4faf8ceb"],["tips/index.html","6c41c4243df6"],["vagledningar/index.html","eadd66b3adcc"],["vagledningar/riktlinjer/bilaga.pdf","5bf051070783"],["vagledningar/riktlinjer/index.html","3e1beecd712b"]];
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
