// Freqboard's boot script. Trunk inlines it into index.html (Trunk.toml: pattern_script, pattern_params), and the
// Content-Security-Policy in index.html allows it by its sha256, so any change here needs the new hash there
// (e2e/test.sh checks that the two agree).
//
// One build serves any base path ("/", "/freqboard/", ...). The base is the URL's path up to the first segment
// that is a route of the app (the list below, kept equal to TOP_SEGMENTS in src/app.rs by a unit test). For a
// path with no such segment (an unknown page), each parent folder is tried in turn, deepest first, until the
// app's files load from one. A <base> element makes every relative URL and the router follow the base.
(function () {
  var routes = ["login", "trade", "dashboard", "fleet", "chart", "backtest", "data", "pairlists", "analysis", "logs", "settings"];
  var parts = location.pathname.split("/").filter(function (part) {
    return part !== "";
  });
  var folder = function (count) {
    return count > 0 ? "/" + parts.slice(0, count).join("/") + "/" : "/";
  };
  var candidates = [];
  for (var i = 0; i < parts.length; i++) {
    if (routes.indexOf(parts[i]) >= 0) {
      candidates.push(folder(i));
      break;
    }
  }
  var last = parts.length > 0 && parts[parts.length - 1].indexOf(".") >= 0 ? parts.length - 1 : parts.length;
  for (var count = last; count >= 0; count--) {
    if (candidates.indexOf(folder(count)) < 0) candidates.push(folder(count));
  }

  var tag = document.createElement("base");
  tag.href = candidates[0];
  document.head.appendChild(tag);

  var files = document.currentScript.dataset;
  var url = function (name) {
    return new URL(name, document.baseURI).href;
  };
  // Links parsed under a wrong first guess are fetched again under the base that worked.
  var relink = function () {
    var links = document.querySelectorAll("link[href]");
    for (var n = 0; n < links.length; n++) links[n].replaceWith(links[n].cloneNode(true));
  };
  var attempt = function (index) {
    tag.href = candidates[index];
    return import(url(files.js)).then(
      function (bindings) {
        if (index > 0) relink();
        return bindings.default({ module_or_path: url(files.wasm) });
      },
      function (error) {
        if (index + 1 < candidates.length) return attempt(index + 1);
        throw error;
      }
    );
  };
  attempt(0)
    .then(function (wasm) {
      dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm: wasm } }));
      // The app shell's cache (src/boot/sw.js), for the folder the app loaded from. Browsers offer service
      // workers on https and on localhost only; elsewhere the app runs without one.
      if ("serviceWorker" in navigator) {
        navigator.serviceWorker.register(url("sw.js"), { scope: tag.href }).catch(function () {});
      }
    })
    .catch(function (error) {
      var show = function () {
        var note = document.createElement("p");
        note.className = "boot-error";
        note.textContent =
          "Freqboard could not start: " + error + ". It looked for its files under " + candidates.join(", ") +
          ". Reload the page; if this stays, the web server does not serve Freqboard's files there.";
        document.body.prepend(note);
      };
      if (document.body) show();
      else addEventListener("DOMContentLoaded", show);
    });
})();
