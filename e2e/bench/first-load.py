#!/usr/bin/env python3
"""What a browser fetches from the UI's origin to show a page of a release build, and its gzip -9 total.

The build is split (e2e/deploy/split.mjs): every page loads index.html and what it names for the boot (the
stylesheet, the manifest and icon, the main script and wasm), the module loader the main script imports, and then
the modules of the `#[wasm_split]` points the page shows (src/pages/split.rs), each with the shared chunks the
loader lists for it. The cockpit (/trade) shows one: its candle chart (`live_chart`); its tab panels load when a
tab is opened. e2e/bench/first-table-bench.ts prints the same list as the browser fetched it.

Usage: python3 e2e/bench/first-load.py [dist-dir]      prints /trade's files, then each page's total
"""
import gzip
import os
import re
import sys

# The split points each page shows at once (src/pages/split.rs, src/pages/trade.rs). The budget is on /trade.
PAGES = {
    "/trade": ["live_chart"],
    "/, /login": ["entry"],
    "/dashboard, /fleet, /chart, /logs, /settings, /trade/<id>": ["pages"],
    "/backtest, /data, /pairlists, /analysis": ["webserver"],
}


def gz_size(path: str) -> int:
    with open(path, "rb") as f:
        return len(gzip.compress(f.read(), 9, mtime=0))


def page_files(dist: str, splits: list[str]) -> list[str]:
    """The files (relative to dist) a page fetches: the boot set, the loader, the modules and their chunks."""
    html = open(os.path.join(dist, "index.html"), encoding="utf-8").read()
    files = ["index.html"]
    for tag in re.findall(r"<link\b[^>]*>", html):
        rel = re.search(r'rel="([^"]+)"', tag)
        href = re.search(r'href="\.?/?([^"]+)"', tag)
        # modulepreload and preload name the main script and wasm (counted below); freqboard-module links are
        # for the service worker only.
        if rel and href and rel.group(1) in ("stylesheet", "manifest", "icon"):
            files.append(href.group(1))
    script = re.search(r'data-js="([^"]+)"', html)
    wasm = re.search(r'data-wasm="([^"]+)"', html)
    if not script or not wasm:
        sys.exit(f"first-load: {dist}/index.html names no data-js/data-wasm")
    files += [script.group(1), wasm.group(1)]
    main_js = open(os.path.join(dist, script.group(1)), encoding="utf-8").read()
    loader_name = re.search(r'from "\./([^"]+-split-[0-9a-f]+\.js)"', main_js)
    if not loader_name:
        sys.exit(f"first-load: {script.group(1)} imports no module loader: is the build split?")
    files.append(loader_name.group(1))
    loader = open(os.path.join(dist, loader_name.group(1)), encoding="utf-8").read()
    chunks = dict(re.findall(r'const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)"', loader))
    for split in splits:
        entry = re.search(
            r"export const __wasm_split_load_%s = wrapAsyncCb\(makeLoad\(\(\) => \{\s*"
            r'const src = fetch\(new URL\("\./([^"]+)".*?, \[([^\]]*)\]\)\);' % re.escape(split),
            loader,
            re.S,
        )
        if not entry:
            sys.exit(f"first-load: the loader has no module {split}")
        files.append(entry.group(1))
        files += [chunks[d.strip()] for d in entry.group(2).split(",") if d.strip()]
    return files


def main() -> None:
    dist = sys.argv[1] if len(sys.argv) > 1 else "dist"
    for page, splits in PAGES.items():
        total = 0
        files = page_files(dist, splits)
        for name in files:
            size = gz_size(os.path.join(dist, name))
            total += size
            if page == "/trade":
                print(f"  {name:72s} {size:10d}")
        print(f"first load of {page}: {total} ({len(files)} files)")


if __name__ == "__main__":
    main()
