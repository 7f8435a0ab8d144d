#!/usr/bin/env python3
"""Self-test of imitation.py and slowproxy.py (stdlib only, about 15 s).

Starts an imitation, a second imitation as the target of a slowproxy, and checks each mode of both.

Usage: python3 e2e/harness/test_imitation.py [-v]
"""
import base64
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
UI_ORIGIN = "http://127.0.0.1:8090"
BEARER = {"Authorization": "Bearer x.y.z"}
WS_KEY = "dGhlIHNhbXBsZSBub25jZQ=="  # the example of RFC 6455, section 1.3
WS_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(script: str, *args: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, os.path.join(HERE, script), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()  # the tools print their ready line once listening
    if "ready on" not in line:
        proc.kill()
        raise RuntimeError(f"{script} did not start: {line!r} {proc.stderr.read()}")
    return proc


def request(port, method, path, headers=None, body=None, timeout=30):
    """(status, headers, parsed JSON or raw bytes, seconds taken) over a fresh connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    began = time.monotonic()
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
    finally:
        conn.close()
    try:
        data = json.loads(data)
    except ValueError:
        pass
    return resp.status, resp.headers, data, time.monotonic() - began


def control(port, mode):
    status, _, data, _ = request(port, "POST", "/__control", body=json.dumps(mode))
    assert status == 200, data
    return data


def stats(port):
    return request(port, "GET", "/__stats")[2]


def ws_handshake(port, path="/api/v1/message/ws?token=x"):
    """Opens a websocket the way a browser does; returns (socket, status line, headers text)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {WS_KEY}\r\nSec-WebSocket-Version: 13\r\n"
                  f"Origin: {UI_ORIGIN}\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        data = sock.recv(4096)
        if not data:
            break
        head += data
    text = head.decode("latin-1")
    return sock, text.split("\r\n")[0], text


def ws_ping_pong(sock) -> bytes:
    """Sends a masked ping (as a client must) and returns the reply frame."""
    mask = b"\x01\x02\x03\x04"
    payload = b"hi"
    sock.sendall(bytes([0x89, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
    return sock.recv(16)


class ImitationTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.port, cls.target, cls.proxy = free_port(), free_port(), free_port()
        cls.procs = [
            start("imitation.py", "--port", str(cls.port), "--ui-origin", UI_ORIGIN),
            start("imitation.py", "--port", str(cls.target), "--ui-origin", UI_ORIGIN),
            start("slowproxy.py", "--port", str(cls.proxy), "--target-port", str(cls.target),
                  "--delay-path", "/api/v1/status=0.5"),
        ]

    @classmethod
    def tearDownClass(cls):
        for proc in cls.procs:
            proc.terminate()
        for proc in cls.procs:
            proc.wait(timeout=10)
            proc.stdout.close()
            err = proc.stderr.read()
            proc.stderr.close()
            assert not err.strip(), f"stderr of {proc.args[1]}: {err}"

    def setUp(self):
        control(self.port, {})
        request(self.port, "POST", "/__reset_stats")

    def get(self, path, headers=BEARER, port=None):
        return request(port or self.port, "GET", path, headers)

    # --- imitation

    def test_login_then_status_with_bearer(self):
        basic = "Basic " + base64.b64encode(b"freqtrader:secret").decode()
        status, _, data, _ = request(self.port, "POST", "/api/v1/token/login", {"Authorization": basic})
        self.assertEqual(status, 200)
        self.assertIn("access_token", data)
        status, _, data, _ = self.get("/api/v1/status", {"Authorization": "Bearer " + data["access_token"]})
        self.assertEqual(status, 200)
        self.assertEqual([t["pair"] for t in data], ["SOL/USDT", "XRP/USDT"])
        self.assertEqual(self.get("/api/v1/ping", {})[2], {"status": "pong"})

    def test_401_without_bearer_and_404_unknown(self):
        status, _, data, _ = self.get("/api/v1/count", {})
        self.assertEqual((status, data), (401, {"detail": "Unauthorized"}))
        status, _, data, _ = self.get("/api/v1/nothing_here")
        self.assertEqual((status, data), (404, {"detail": "Not Found"}))
        self.assertEqual(request(self.port, "POST", "/api/v1/token/login")[0], 401)

    def test_cors(self):
        status, headers, data, _ = request(self.port, "OPTIONS", "/api/v1/status", {
            "Origin": UI_ORIGIN, "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization,content-type"})
        self.assertEqual(status, 200)
        self.assertEqual(headers["Access-Control-Allow-Origin"], UI_ORIGIN)
        self.assertEqual(headers["Access-Control-Allow-Credentials"], "true")
        self.assertEqual(headers["Access-Control-Allow-Headers"], "authorization,content-type")
        self.assertEqual(headers["Access-Control-Max-Age"], "600")
        for method in ("GET", "POST", "DELETE", "PATCH", "PUT", "OPTIONS"):
            self.assertIn(method, headers["Access-Control-Allow-Methods"])
        _, headers, _, _ = self.get("/api/v1/count", {**BEARER, "Origin": UI_ORIGIN})
        self.assertEqual(headers["Access-Control-Allow-Origin"], UI_ORIGIN)
        self.assertEqual(headers["Vary"], "Origin")
        _, headers, _, _ = self.get("/api/v1/count", {**BEARER, "Origin": "http://elsewhere"})
        self.assertIsNone(headers["Access-Control-Allow-Origin"])

    def test_delay_paths_delays_only_that_path(self):
        control(self.port, {"delay_paths": {"/api/v1/status": 1.0}})
        self.assertGreaterEqual(self.get("/api/v1/status")[3], 1.0)
        self.assertLess(self.get("/api/v1/count")[3], 0.5)
        control(self.port, {"delay_s": 0.5})
        self.assertLess(self.get("/api/v1/ping", {})[3], 0.3)  # ping waits only with delay_ping
        self.assertGreaterEqual(self.get("/api/v1/count")[3], 0.5)

    def test_delay_released_by_mode_change(self):
        control(self.port, {"delay_s": 20})
        result = {}
        thread = threading.Thread(target=lambda: result.update(r=self.get("/api/v1/count")))
        thread.start()
        time.sleep(0.3)
        control(self.port, {})
        thread.join(5)
        self.assertEqual(result["r"][0], 200)
        self.assertLess(result["r"][3], 3)

    def test_endless_paging(self):
        control(self.port, {"endless_paging": True})
        _, _, data, _ = self.get("/api/v1/trades?limit=50&offset=1000")
        self.assertEqual(len(data["trades"]), 50)
        self.assertEqual(data["total_trades"], 10**9)
        self.assertEqual([t["trade_id"] for t in data["trades"]], list(range(1001, 1051)))

    def test_big(self):
        control(self.port, {"big": {"open": 10000, "closed": 10000, "pairs": 1500, "logs": 5000}})
        _, _, trades, took = self.get("/api/v1/status")
        self.assertEqual(len(trades), 10000)
        self.assertEqual(len({t["trade_id"] for t in trades}), 10000)
        self.assertEqual(len({t["pair"] for t in trades}), 1500)
        self.assertLess(took, 5)  # served from cached bytes
        self.assertEqual(self.get("/api/v1/count")[2]["current"], 10000)
        logs = self.get("/api/v1/logs")[2]
        self.assertEqual((logs["log_count"], len(logs["logs"])), (5000, 5000))
        self.assertEqual(len(self.get("/api/v1/logs?limit=100")[2]["logs"]), 100)
        page = self.get("/api/v1/trades?limit=500&offset=9900")[2]
        self.assertEqual((len(page["trades"]), page["total_trades"]), (100, 10000))
        self.assertEqual(self.get("/api/v1/whitelist")[2]["length"], 1500)
        self.assertEqual(len(self.get("/api/v1/performance")[2]), 1500)

    def test_cut_paths(self):
        control(self.port, {"cut_paths": ["/api/v1/status"]})
        with self.assertRaises((http.client.IncompleteRead, ConnectionError)):
            self.get("/api/v1/status")
        self.assertEqual(self.get("/api/v1/count")[0], 200)

    def test_websocket(self):
        sock, status_line, text = ws_handshake(self.port)
        with sock:
            self.assertIn(" 101 ", status_line)
            self.assertIn(f"Sec-WebSocket-Accept: {WS_ACCEPT}", text)
            sock.sendall(bytes([0x81, 0x80]) + b"\0\0\0\0")  # an empty masked text frame: ignored
            self.assertEqual(ws_ping_pong(sock), b"\x8a\x02hi")
        control(self.port, {"ws": "404"})
        sock, status_line, text = ws_handshake(self.port)
        sock.close()
        self.assertIn(" 404 ", status_line)
        self.assertEqual(stats(self.port)["ws_attempts"], 2)

    def test_stats_max_in_flight(self):
        control(self.port, {"delay_paths": {"/api/v1/count": 1.0}})
        threads = [threading.Thread(target=self.get, args=("/api/v1/count",)) for _ in range(3)]
        for t in threads:
            t.start()
        time.sleep(0.5)
        self.assertEqual(stats(self.port)["in_flight"], {"/api/v1/count": 3})
        for t in threads:
            t.join()
        s = stats(self.port)
        self.assertEqual(s["requests"]["/api/v1/count"], 3)
        self.assertEqual(s["max_in_flight"]["/api/v1/count"], 3)
        self.assertEqual(s["in_flight"], {})

    def test_token_bad_until_refresh(self):
        control(self.port, {"token_bad": True})
        status, headers, data, _ = self.get("/api/v1/count")
        self.assertEqual((status, data), (401, {"detail": "Could not validate credentials"}))
        status, _, data, _ = request(self.port, "POST", "/api/v1/token/refresh", BEARER)
        self.assertEqual(status, 200)
        self.assertIn("access_token", data)
        self.assertEqual(self.get("/api/v1/count")[0], 200)
        self.assertEqual(stats(self.port)["refresh"], 1)

    # --- slowproxy

    def test_proxy_delays_each_request_on_a_kept_alive_connection(self):
        request(self.target, "POST", "/__reset_stats")
        conn = http.client.HTTPConnection("127.0.0.1", self.proxy, timeout=10)
        socks = []
        for _ in range(2):
            began = time.monotonic()
            conn.request("GET", "/api/v1/status", headers={**BEARER, "Origin": UI_ORIGIN})
            resp = conn.getresponse()
            body = json.loads(resp.read())
            socks.append(conn.sock)
            self.assertGreaterEqual(time.monotonic() - began, 0.5)
            self.assertEqual(resp.status, 200)
            self.assertEqual(len(body), 2)
            self.assertEqual(resp.headers["Access-Control-Allow-Origin"], UI_ORIGIN)
        self.assertIs(socks[0], socks[1])  # the same connection carried both
        began = time.monotonic()
        conn.request("GET", "/api/v1/count", headers=BEARER)  # not delayed
        self.assertEqual(conn.getresponse().read(), b'{"current":2,"max":5,"total_stake":99.86274}')
        self.assertLess(time.monotonic() - began, 0.45)
        conn.close()
        self.assertEqual(stats(self.target)["requests"]["/api/v1/status"], 2)
        self.assertEqual(stats(self.proxy)["requests"]["/api/v1/status"], 2)

    def test_proxy_forwards_bodies_and_preflights_and_takes_control(self):
        status, _, data, _ = request(self.proxy, "POST", "/api/v1/token/login",
                                     {"Authorization": "Basic YTpi", "Content-Type": "application/json"}, b"{}")
        self.assertEqual(status, 200)
        status, headers, _, _ = request(self.proxy, "OPTIONS", "/api/v1/stop", {
            "Origin": UI_ORIGIN, "Access-Control-Request-Method": "POST"})
        self.assertEqual((status, headers["Access-Control-Max-Age"]), (200, "600"))
        status, _, _, _ = request(self.proxy, "POST", "/__control",
                                  body=json.dumps({"delay_paths": {"/api/v1/st": 0.3}}))
        self.assertEqual(status, 200)
        self.assertGreaterEqual(request(self.proxy, "POST", "/api/v1/stop", BEARER)[3], 0.3)
        request(self.proxy, "POST", "/__control", body=json.dumps({"delay_paths": {"/api/v1/status": 0.5}}))
        self.assertLess(request(self.proxy, "POST", "/api/v1/stop", BEARER)[3], 0.3)

    def test_proxy_passes_websocket_through(self):
        sock, status_line, text = ws_handshake(self.proxy)
        with sock:
            self.assertIn(" 101 ", status_line)
            self.assertIn(f"Sec-WebSocket-Accept: {WS_ACCEPT}", text)
            self.assertEqual(ws_ping_pong(sock), b"\x8a\x02hi")
        self.assertGreaterEqual(stats(self.target)["ws_attempts"], 1)


if __name__ == "__main__":
    began = time.monotonic()
    result = unittest.main(exit=False, verbosity=2 if "-v" in sys.argv else 1).result
    print(f"{result.testsRun} tests, {len(result.failures)} failures, {len(result.errors)} errors "
          f"in {time.monotonic() - began:.1f} s")
    sys.exit(not result.wasSuccessful())
