#!/usr/bin/env python3
"""A reverse proxy that delays chosen requests on their way to a real freqtrade bot.

Tests put it between the UI and a bot to make some calls slow (e.g. /api/v1/stop) while the bot itself
answers as usual: every request is forwarded unchanged to 127.0.0.1:TARGET after its delay, and the bot's
answer comes back unchanged (status, headers including CORS, body). Websocket upgrades are passed through
as a byte pipe once the bot has answered 101.

Usage: slowproxy.py --port P --target-port T [--delay-path /api/v1/stop=8 ...]

--delay-path PATH=SECONDS is repeatable; PATH is a prefix of the request path without query, the longest
matching prefix wins. Prints "slowproxy ready on P" once listening and runs until SIGTERM/SIGINT.

Run-time control (answered by the proxy itself, never forwarded):
  POST /__control       {"delay_paths": {PATH: SECONDS}} replaces the delays, answers {"mode": ...}
  GET  /__control       the current mode
  GET  /__stats         {"requests": {path: count}, "max_in_flight": {...}, "in_flight": {...}}
  POST /__reset_stats   zero the counters

The proxy speaks HTTP/1.1 with keep-alive on the client side (each request on a kept-alive connection
gets its own delay) and opens one upstream connection per request. A delay counts from the arrival of
the request and follows /__control changes, so lowering it releases requests already waiting.
"""
import argparse
import json
import socket
import socketserver
import threading
import time
from urllib.parse import urlsplit

from serving import serve_until_stopped

MAX_HEAD = 64 * 1024
CHUNK = 64 * 1024


class PeerClosed(Exception):
    """The other side closed its connection before a complete message."""


class Reader:
    """Buffered reads from a socket that can also hand back what it buffered (for the websocket pipe)."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.buf = bytearray()

    def _fill(self) -> bool:
        data = self.sock.recv(CHUNK)
        self.buf += data
        return bool(data)

    def read_head(self):
        """Bytes up to and including the blank line; None if the peer closed cleanly between messages."""
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end >= 0:
                head = bytes(self.buf[:end + 4])
                del self.buf[:end + 4]
                return head
            if len(self.buf) > MAX_HEAD:
                raise PeerClosed("header too long")
            if not self._fill():
                if self.buf:
                    raise PeerClosed("closed inside a header")
                return None

    def read_line(self) -> bytes:
        while b"\r\n" not in self.buf:
            if not self._fill():
                raise PeerClosed("closed inside a line")
        end = self.buf.index(b"\r\n") + 2
        line = bytes(self.buf[:end])
        del self.buf[:end]
        return line

    def read_some(self, limit: int = CHUNK) -> bytes:
        """Up to `limit` bytes, b"" at EOF."""
        if not self.buf and not self._fill():
            return b""
        data = bytes(self.buf[:limit])
        del self.buf[:limit]
        return data

    def take(self) -> bytes:
        data = bytes(self.buf)
        self.buf.clear()
        return data


class Head:
    """A parsed request or response head; `raw` is forwarded as it came."""

    def __init__(self, raw: bytes):
        self.raw = raw
        lines = raw.decode("latin-1").split("\r\n")
        self.first = lines[0].split(" ", 2)
        self.headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                self.headers[name.strip().lower()] = value.strip()

    def get(self, name: str) -> str:
        return self.headers.get(name, "")

    def wants_close(self, version: str) -> bool:
        connection = self.get("connection").lower()
        return "close" in connection or (version == "HTTP/1.0" and "keep-alive" not in connection)


def relay_body(head: Head, src: Reader, dst: socket.socket, until_close: bool) -> bool:
    """Copies one message body from src to dst. Returns True if it was delimited by the connection closing."""
    if "chunked" in head.get("transfer-encoding").lower():
        while True:
            line = src.read_line()
            dst.sendall(line)
            size = int(line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while True:  # trailer fields, then the blank line
                    trailer = src.read_line()
                    dst.sendall(trailer)
                    if trailer == b"\r\n":
                        return False
            copy_exact(src, dst, size + 2)
    elif head.get("content-length"):
        copy_exact(src, dst, int(head.get("content-length")))
        return False
    elif until_close:
        while True:
            data = src.read_some()
            if not data:
                return True
            dst.sendall(data)
    return False


def copy_exact(src: Reader, dst: socket.socket, n: int):
    while n > 0:
        data = src.read_some(min(n, CHUNK))
        if not data:
            raise PeerClosed("closed inside a body")
        dst.sendall(data)
        n -= len(data)


def pipe(a: socket.socket, a_buffered: bytes, b: socket.socket, b_buffered: bytes):
    """Copies bytes both ways until either side closes, then closes both."""
    def one_way(src: socket.socket, dst: socket.socket, first: bytes):
        try:
            if first:
                dst.sendall(first)
            while True:
                data = src.recv(CHUNK)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):  # unblocks the other direction's recv
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    other = threading.Thread(target=one_way, args=(b, a, b_buffered), daemon=True)
    other.start()
    one_way(a, b, a_buffered)
    other.join()


def http_response(status: str, body: bytes, content_type: str = "application/json") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
            .encode() + body)


def dumps(value) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


class Proxy:
    """Delays, counters and the upstream address, shared by all connections."""

    def __init__(self, target_port: int, delay_paths: dict):
        self.target = ("127.0.0.1", target_port)
        self.delay_paths = dict(delay_paths)
        self.changed = threading.Condition()  # notified on /__control, so waiting requests re-check
        self.lock = threading.Lock()
        self.in_flight = {}  # survives reset_stats(): requests being handled still leave later
        self.reset_stats()

    def set_delays(self, delay_paths: dict):
        if not isinstance(delay_paths, dict) or not all(
                isinstance(v, (int, float)) and v >= 0 for v in delay_paths.values()):
            raise ValueError("delay_paths must map path prefixes to numbers >= 0")
        with self.changed:
            self.delay_paths = dict(delay_paths)
            self.changed.notify_all()

    def delay_for(self, path: str) -> float:
        matches = [p for p in self.delay_paths if path.startswith(p)]
        return float(self.delay_paths[max(matches, key=len)]) if matches else 0.0

    def wait_delay(self, path: str, start: float):
        with self.changed:
            while True:
                remaining = start + self.delay_for(path) - time.monotonic()
                if remaining <= 0:
                    return
                self.changed.wait(remaining)

    def reset_stats(self):
        with self.lock:
            self.requests = {}
            self.preflights = {}
            self.max_in_flight = {p: n for p, n in self.in_flight.items() if n}

    def enter(self, path: str, method: str):
        with self.lock:
            # CORS preflights are counted apart, so `requests` counts the calls a test means.
            counts = self.preflights if method == "OPTIONS" else self.requests
            counts[path] = counts.get(path, 0) + 1
            self.in_flight[path] = self.in_flight.get(path, 0) + 1
            self.max_in_flight[path] = max(self.in_flight[path], self.max_in_flight.get(path, 0))

    def leave(self, path: str):
        with self.lock:
            self.in_flight[path] -= 1

    def stats(self) -> dict:
        with self.lock:
            return {"requests": dict(self.requests), "preflights": dict(self.preflights),
                    "max_in_flight": dict(self.max_in_flight),
                    "in_flight": {p: n for p, n in self.in_flight.items() if n}}


class Handler(socketserver.BaseRequestHandler):
    """One client connection: a loop over its requests."""

    @property
    def proxy(self) -> Proxy:
        return self.server.proxy

    def handle(self):
        client = Reader(self.request)
        try:
            while True:
                raw = client.read_head()
                if raw is None:
                    return
                start = time.monotonic()
                head = Head(raw)
                if len(head.first) < 3:
                    self.request.sendall(http_response("400 Bad Request", b"bad request line", "text/plain"))
                    return
                method, target, version = head.first
                path = urlsplit(target).path
                if path.startswith("/__"):
                    keep = self.control(method, path, self.read_control_body(head, client))
                else:
                    keep = self.forward(head, client, path, start, method)
                if not keep or head.wants_close(version):
                    return
        except (OSError, PeerClosed):
            pass  # either side went away: nothing to answer to

    def forward(self, head: Head, client: Reader, path: str, start: float, method: str) -> bool:
        """Sends one request upstream after its delay and relays the answer. True to keep the connection."""
        proxy = self.proxy
        proxy.enter(path, method)
        try:
            proxy.wait_delay(path, start)
            try:
                upstream_sock = socket.create_connection(proxy.target, timeout=10)
                upstream_sock.settimeout(None)
            except OSError as exc:
                relay_body(head, client, _Discard(), until_close=False)
                self.request.sendall(http_response("502 Bad Gateway", dumps({"detail": f"upstream: {exc}"})))
                return True
            with upstream_sock:
                upstream_sock.sendall(head.raw)
                if "websocket" in head.get("upgrade").lower():
                    return self.upgrade(client, upstream_sock)
                relay_body(head, client, upstream_sock, until_close=False)
                return self.relay_response(head, upstream_sock)
        finally:
            proxy.leave(path)

    def relay_response(self, request: Head, upstream_sock: socket.socket) -> bool:
        upstream = Reader(upstream_sock)
        while True:
            raw = upstream.read_head()
            if raw is None:
                raise PeerClosed("upstream closed without an answer")
            response = Head(raw)
            self.request.sendall(raw)
            status = int(response.first[1])
            if status >= 200 or status == 101:
                break  # 1xx interim answers (100 Continue) are followed by the real one
        if request.first[0] == "HEAD" or status in (101, 204, 304):
            return status != 101
        closed = relay_body(response, upstream, self.request, until_close=True)
        return not closed and not response.wants_close(response.first[0])

    def upgrade(self, client: Reader, upstream_sock: socket.socket) -> bool:
        """Relays the answer to a websocket upgrade; on 101 the connection becomes a two-way pipe."""
        upstream = Reader(upstream_sock)
        raw = upstream.read_head()
        if raw is None:
            raise PeerClosed("upstream closed without an answer")
        self.request.sendall(raw)
        response = Head(raw)
        if response.first[1] != "101":  # refused (e.g. 404): an ordinary answer with a body
            closed = relay_body(response, upstream, self.request, until_close=True)
            return not closed and not response.wants_close(response.first[0])
        pipe(self.request, client.take(), upstream_sock, upstream.take())
        return False

    @staticmethod
    def read_control_body(head: Head, client: Reader) -> bytes:
        sink = _Collect()
        relay_body(head, client, sink, until_close=False)
        return bytes(sink.data)

    def control(self, method: str, path: str, body: bytes) -> bool:
        proxy = self.proxy
        if path == "/__control" and method == "POST":
            try:
                mode = json.loads(body or b"{}")
                if not isinstance(mode, dict) or set(mode) - {"delay_paths"}:
                    raise ValueError('mode must be {"delay_paths": {...}}')
                proxy.set_delays(mode.get("delay_paths", {}))
            except ValueError as exc:
                self.request.sendall(http_response("400 Bad Request", dumps({"error": str(exc)})))
                return True
            answer = {"mode": {"delay_paths": proxy.delay_paths}}
        elif path == "/__control" and method == "GET":
            answer = {"mode": {"delay_paths": proxy.delay_paths}}
        elif path == "/__stats" and method == "GET":
            answer = proxy.stats()
        elif path == "/__reset_stats" and method == "POST":
            proxy.reset_stats()
            answer = {"ok": True}
        else:
            self.request.sendall(http_response("404 Not Found", dumps({"detail": "Not Found"})))
            return True
        self.request.sendall(http_response("200 OK", dumps(answer)))
        return True


class _Discard:
    def sendall(self, data: bytes):
        pass


class _Collect:
    def __init__(self):
        self.data = bytearray()

    def sendall(self, data: bytes):
        self.data += data


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, proxy: Proxy):
        self.proxy = proxy
        super().__init__(address, Handler)


def delay_arg(text: str):
    path, sep, seconds = text.partition("=")
    if not sep or not path.startswith("/"):
        raise argparse.ArgumentTypeError("expected PATH=SECONDS, e.g. /api/v1/stop=8")
    return path, float(seconds)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--target-port", type=int, required=True)
    parser.add_argument("--delay-path", type=delay_arg, action="append", default=[], metavar="PATH=SECONDS")
    args = parser.parse_args()
    server = Server(("127.0.0.1", args.port), Proxy(args.target_port, dict(args.delay_path)))
    serve_until_stopped(server, f"slowproxy ready on {args.port}")


if __name__ == "__main__":
    main()
