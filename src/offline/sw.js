// Service worker written by `lots build`. It keeps every file of one build in a cache of its
// own, named after the build, so the site works with the network gone, search included. A new
// build has a new name: its worker takes every unchanged file from the old cache (files are
// kept under their content hash), downloads the rest, takes over at once and deletes the
// caches of older builds of the same site. Everything is relative to the worker's scope, so
// the site works at any path (/, /vbe/, ...).
"use strict";
const VERSION = "__LOTS_VERSION__";
// Every file of the build, as [path relative to the site root, start of its content hash].
const FILES = __LOTS_FILES__;
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
