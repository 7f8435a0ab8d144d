#!/usr/bin/env python3
"""Serves the built UI (trunk's dist/) as any static host would, with the single-page-app fallback:
paths that are not files get index.html, so /trade or /logs can be reloaded.

Usage: serve_dist.py --dir dist --port 8080 [--host 127.0.0.1]
"""
import argparse
import functools
import http.server
import os
import socketserver


class SpaHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".svg": "image/svg+xml",
    }

    def send_head(self):
        path = self.translate_path(self.path)
        if not os.path.exists(path):
            self.path = "/index.html"
        return super().send_head()

    def log_message(self, fmt, *args):  # quiet: tests print their own progress
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", default="dist")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    handler = functools.partial(SpaHandler, directory=os.path.abspath(args.dir))
    with Server((args.host, args.port), handler) as server:
        print(f"Serving {args.dir} at http://{args.host}:{args.port}", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:  # Ctrl-C: stop quietly
            pass


if __name__ == "__main__":
    main()
