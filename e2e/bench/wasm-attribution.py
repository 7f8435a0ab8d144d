#!/usr/bin/env python3
"""Where the release wasm's bytes go: the code section's function bodies, by the symbol names the compiler keeps,
grouped by crate and by the Freqboard module each instantiation names (generic library code built for an app type
or closure counts for that app module too). A measurement for deciding cuts, not a test.

Usage: python3 e2e/bench/wasm-attribution.py [--top N] [--build] [file.wasm]

--build makes the input first: the same `cargo build --release` trunk runs (so it is usually already done), then
wasm-bindgen with the names kept and wasm-opt -Oz -g (trunk's optimisation, names kept) into
.run/attribution/. Without a file and without --build it reads the last such build.
"""
import argparse
import collections
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / ".run" / "attribution"


def leb(data, pos):
    """An unsigned LEB128 at pos: (value, next position)."""
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, pos
        shift += 7


def read_name(data, pos):
    length, pos = leb(data, pos)
    return data[pos:pos + length].decode("utf-8", "replace"), pos + length


def sections(data):
    if data[:4] != b"\0asm":
        sys.exit("not a wasm module")
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, start = leb(data, pos + 1)
        yield sid, start, start + size
        pos = start + size


def skip_import_desc(data, pos):
    kind = data[pos]
    pos += 1
    if kind == 0:  # function: type index
        _, pos = leb(data, pos)
    elif kind == 1:  # table: reftype + limits
        pos += 1
        flags, pos = leb(data, pos)
        _, pos = leb(data, pos)
        if flags & 1:
            _, pos = leb(data, pos)
    elif kind == 2:  # memory: limits
        flags, pos = leb(data, pos)
        _, pos = leb(data, pos)
        if flags & 1:
            _, pos = leb(data, pos)
    elif kind == 3:  # global: valtype + mutability
        pos += 2
    else:
        sys.exit(f"unknown import kind {kind}")
    return kind, pos


def functions(data):
    """[(name, body bytes)] of every defined function, and the size of each section by kind."""
    imported = 0
    bodies = []
    names = {}
    section_sizes = collections.Counter()
    for sid, start, end in sections(data):
        if sid == 0:
            name, pos = read_name(data, start)
            section_sizes[f"custom:{name}"] += end - start
            if name == "name":
                while pos < end:
                    sub, pos = data[pos], pos + 1
                    size, pos = leb(data, pos)
                    if sub == 1:
                        count, p = leb(data, pos)
                        for _ in range(count):
                            idx, p = leb(data, p)
                            fname, p = read_name(data, p)
                            names[idx] = fname
                    pos += size
            continue
        section_sizes[{1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global", 7: "export",
                       8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount"}.get(sid, str(sid))] += end - start
        if sid == 2:
            count, pos = leb(data, start)
            for _ in range(count):
                _, pos = read_name(data, pos)
                _, pos = read_name(data, pos)
                kind, pos = skip_import_desc(data, pos)
                imported += kind == 0
        elif sid == 10:
            count, pos = leb(data, start)
            for i in range(count):
                size, body = leb(data, pos)
                bodies.append((imported + i, body + size - pos))
                pos = body + size
    return [(names.get(idx, f"<function {idx}>"), size) for idx, size in bodies], section_sizes


LEGACY_ESCAPES = {"$LT$": "<", "$GT$": ">", "$u20$": " ", "$RF$": "&", "$C$": ",", "$BP$": "*", "$SP$": "@",
                  "$u7b$": "{", "$u7d$": "}", "$u5b$": "[", "$u5d$": "]", "$u27$": "'", "$u3b$": ";",
                  "$u2b$": "+", "$u22$": '"', "$u7e$": "~", "$u21$": "!", "$u3d$": "="}


def demangle(symbol):
    """Rust's legacy mangling (_ZN<len><part>...17h<hash>E) to a path; anything else as it is."""
    if not symbol.startswith("_ZN"):
        return symbol
    pos, parts = 3, []
    while pos < len(symbol) and symbol[pos].isdigit():
        m = re.match(r"\d+", symbol[pos:])
        n = int(m.group())
        pos += len(m.group())
        parts.append(symbol[pos:pos + n])
        pos += n
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    text = "::".join(parts)
    for escaped, plain in LEGACY_ESCAPES.items():
        text = text.replace(escaped, plain)
    return text.replace("..", "::").replace("_<", "<")


def crate_of(path):
    """The crate a symbol's code belongs to: for `<Type as Trait>::f` the type's crate."""
    path = path.lstrip("<&*").replace("mut ", "").replace("dyn ", "")
    m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", path)
    return m.group() if m else "?"


def app_module(path):
    """The first Freqboard module a symbol names (freqboard::state::bot_store), or None."""
    m = re.search(r"freqboard::([a-z_0-9]+)(?:::([a-z_0-9]+))?", path)
    if not m:
        return None
    return "::".join(p for p in ("freqboard", m.group(1), m.group(2)) if p)


def build():
    OUT.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    subprocess.run(["cargo", "build", "--target=wasm32-unknown-unknown", "--release", "--bin", "freqboard"],
                   cwd=ROOT, check=True, env=env)
    raw = ROOT / "target" / "wasm32-unknown-unknown" / "release" / "freqboard.wasm"
    subprocess.run(["wasm-bindgen", "--target", "web", "--keep-debug", "--out-dir", str(OUT), str(raw)], check=True)
    named = OUT / "freqboard_bg.wasm"
    optimized = OUT / "freqboard-opt-named.wasm"
    subprocess.run(["wasm-opt", "-Oz", "-g", "--enable-bulk-memory", "--enable-nontrapping-float-to-int",
                    "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types",
                    "--enable-multivalue", str(named), "-o", str(optimized)], check=True)
    return optimized


def table(title, counter, total, top):
    print(f"\n{title}")
    print(f"{'bytes':>10} {'share':>6}  name")
    for name, size in counter.most_common(top):
        print(f"{size:>10} {100 * size / total:>5.1f}%  {name}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wasm", nargs="?")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--build", action="store_true")
    args = parser.parse_args()
    path = Path(args.wasm) if args.wasm else (build() if args.build else OUT / "freqboard-opt-named.wasm")
    if not path.exists():
        sys.exit(f"{path} does not exist: run with --build")
    data = path.read_bytes()
    funcs, section_sizes = functions(data)
    code = sum(size for _, size in funcs)
    print(f"{path}: {len(data)} bytes, code section {section_sizes['code']} ({len(funcs)} functions), "
          f"data {section_sizes['data']}")
    by_crate, by_module, by_function = collections.Counter(), collections.Counter(), collections.Counter()
    for symbol, size in funcs:
        name = demangle(symbol)
        by_crate[crate_of(name)] += size
        by_module[app_module(name) or f"(no app type) {crate_of(name)}"] += size
        by_function[re.sub(r"<[^<>]*>", "<…>", name)] += size
    table("by crate (whose code it is)", by_crate, code, args.top)
    table("by the Freqboard module an instantiation names (library code built for app types counts here)",
          by_module, code, args.top)
    table("largest functions (type parameters elided)", by_function, code, args.top)


if __name__ == "__main__":
    main()
