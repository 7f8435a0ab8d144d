// Freqboard's service worker: keeps the app shell (index.html and the files it names: the script, the wasm, the
// modules loaded on demand (e2e/deploy/split.mjs names them), the stylesheet, the icon and the manifest) so the app opens at once, and offline still opens and says which bots
// it cannot reach instead of showing the browser's error page. It never keeps an API answer: it answers only GET
// requests for files in the app's own folder (its scope, the folder sw.js was served from), never anything under
// api/, and leaves every other request (the bots' APIs, on any origin) to the network untouched.
//
// Pages (navigations) go to the network first, so a new build is picked up on the next load; the shell is the
// fallback when the network fails. The build's other files have content-hashed names: they are served from the
// cache. Each fresh index.html replaces the cached one, and the files it no longer names are dropped.
"use strict";

var CACHE = "freqboard-shell";
var SCOPE = new URL(self.registration.scope);
var SHELL = SCOPE.href; // the app's folder: its index.html, whatever path a page was opened at

function inScope(url) {
  return (
    url.origin === SCOPE.origin &&
    url.pathname.indexOf(SCOPE.pathname) === 0 &&
    url.pathname.indexOf("/api/") < 0
  );
}

// The files index.html names (relative URLs, resolved against the app's folder), plus the shell itself.
function named(html) {
  var found = [SHELL];
  var re = /(?:href|src|data-js|data-wasm)="([^"#?:]+)"/g;
  var m;
  while ((m = re.exec(html))) {
    var url = new URL(m[1], SHELL);
    if (inScope(url) && found.indexOf(url.href) < 0) found.push(url.href);
  }
  return found;
}

// Caches `response` (index.html) as the shell, fetches what it names that is not cached yet, and drops what it
// no longer names.
function keepShell(response) {
  return response.text().then(function (html) {
    var wanted = named(html);
    return caches.open(CACHE).then(function (cache) {
      var headers = { "Content-Type": "text/html; charset=utf-8" };
      return cache
        .put(SHELL, new Response(html, { headers: headers }))
        .then(function () {
          return Promise.all(
            wanted.slice(1).map(function (url) {
              return cache.match(url).then(function (hit) {
                return hit || cache.add(url);
              });
            })
          );
        })
        .then(function () {
          return cache.keys();
        })
        .then(function (keys) {
          return Promise.all(
            keys
              .filter(function (request) {
                return wanted.indexOf(request.url) < 0;
              })
              .map(function (request) {
                return cache.delete(request);
              })
          );
        });
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    fetch(SHELL, { cache: "no-cache" })
      .then(function (response) {
        if (!response.ok) throw new Error("index.html: HTTP " + response.status);
        return keepShell(response);
      })
      .then(function () {
        return self.skipWaiting();
      })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (!inScope(url)) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request)
        .then(function (response) {
          var html = (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
          if (response.ok && html) event.waitUntil(keepShell(response.clone()).catch(function () {}));
          return response;
        })
        .catch(function (error) {
          return caches.match(SHELL).then(function (shell) {
            if (shell) return shell;
            throw error;
          });
        })
    );
    return;
  }
  event.respondWith(
    caches.match(request).then(function (hit) {
      return hit || fetch(request);
    })
  );
});
