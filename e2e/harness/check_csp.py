#!/usr/bin/env python3
"""Checks a built index.html against its own Content-Security-Policy: every inline script must be allowed by a
'sha256-…' source of script-src (the boot script, src/boot/boot.js), and the policy must not allow inline code
wholesale. Exit 1 with the hash to paste when they disagree.

Usage: check_csp.py dist/index.html
"""
import base64
import hashlib
import re
import sys


def main(path):
    html = open(path, encoding="utf-8").read()
    meta = re.search(r'http-equiv="Content-Security-Policy"\s+content="([^"]*)"', html)
    if not meta:
        sys.exit(f"{path}: no Content-Security-Policy meta tag")
    policy = meta.group(1)
    script_src = next((d for d in policy.split(";") if d.strip().startswith("script-src")), "")
    if "'unsafe-inline'" in script_src or "'unsafe-eval'" in script_src:
        sys.exit(f"{path}: script-src allows inline code or eval: {script_src.strip()}")
    inline = [body for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S) if "src=" not in attrs]
    if not inline:
        sys.exit(f"{path}: no inline boot script found")
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        if f"'sha256-{digest}'" not in script_src:
            sys.exit(f"{path}: an inline script is not allowed by the policy; put 'sha256-{digest}' into "
                     "index.html's script-src (src/boot/boot.js changed?)")
    print(f"{path}: {len(inline)} inline script(s), each allowed by its sha256; policy: {policy}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "dist/index.html")
