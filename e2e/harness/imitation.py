#!/usr/bin/env python3
"""A small imitation of the freqtrade REST API, for hardening tests of Freqboard.

It answers with the real captured bodies in tests/fixtures/ (see its README.md and index.json) and can be
told at run time to misbehave the ways a real bot or network can, which a real bot cannot be made to do on
demand: answer slowly, page forever, answer with huge data, cut the connection mid-answer, refuse the
websocket or reject the access token until it is refreshed.

Usage: imitation.py --port P --ui-origin http://127.0.0.1:8090 [--fixtures DIR]

Answers, as FastAPI would, route first and auth second: an unknown path is a 404 {"detail":"Not Found"}, a
known path with another method a 405; then anything but ping and login needs "Authorization: Bearer ..."
(any token; else 401 {"detail":"Unauthorized"}). Login takes Basic auth with any user and password. Every
request of index.json is served by method and path; where a capture was made with a query (daily?timescale=7,
pair_candles ...timeframe=1h, trades?limit=1&offset=1) that exact query gets that capture, any other query
the path's first successful capture. GET /trade/<id> also answers the trades of status.json and trades.json.
CORS is Starlette's with allow_credentials for the --ui-origin only.

Prints "imitation ready on P" once listening and runs until SIGTERM/SIGINT.

Run-time control (no auth, no CORS; meant for the tests, via curl or Node's fetch):
  POST /__control       JSON body replaces the whole mode (missing keys = defaults), answers {"mode": ...}
  GET  /__control       the current mode
  GET  /__stats         {"requests", "max_in_flight", "in_flight", "preflights", "refresh", "ws_attempts", "ws_open"}
  POST /__reset_stats   zero the counters

Mode keys (defaults in DEFAULT_MODE):
  delay_s         every /api/v1 answer waits this long (not OPTIONS, not the websocket, not ping unless delay_ping)
  delay_ping      let delay_s apply to /api/v1/ping as well
  delay_paths     {path: seconds}, exact path without query; overrides delay_s for that path (ping included)
  endless_paging  GET /trades?limit=L&offset=O always returns L copies of a closed trade (trade_id O+i+1),
                  total_trades = 10**9; limit defaults to 500 as in freqtrade; wins over big for /trades
  ws              "ok": accept the websocket and keep it open; "404": answer a plain HTTP 404 instead
  cut_paths       [path]: send the headers and half of the body, then close the connection
  big             {"open", "closed", "pairs", "logs"}: generated data for /status, /count, /trades, /trade/<id>,
                  /whitelist, /logs and /performance (missing counts are 0, pairs defaults to 20)
  token_bad       every Bearer call answers 401 until /token/refresh is called once

A delay counts from the arrival of the request and follows mode changes: lowering it (e.g. POST /__control {})
releases requests already waiting.
"""
import argparse
import base64
import hashlib
import json
import math
import random
import re
import socket
import struct
import sys
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from serving import serve_until_stopped

API = "/api/v1"
WS_PATH = API + "/message/ws"
PING_PATH = API + "/ping"
LOGIN_PATH = API + "/token/login"


def fake_jwt(kind: str, lifetime_s: int) -> str:
    """An unsigned JWT-shaped token that expires like freqtrade's (the captured ones expired long ago, and the UI
    renews a token whose own `exp` has passed before it opens the websocket)."""
    def part(obj) -> str:
        raw = json.dumps(obj, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    now = int(time.time())
    claims = {"identity": {"u": "imitation"}, "exp": now + lifetime_s, "iat": now, "type": kind}
    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(claims)}.RkFLRQ"
REFRESH_PATH = API + "/token/refresh"
TRADE_PATH = re.compile(r"^/api/v1/trade/(\d+)$")
WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455, section 1.3
ENDLESS_TOTAL = 10**9
DEFAULT_FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures"

# What Starlette's CORSMiddleware (allow_methods=["*"], allow_credentials=True) announces in a preflight.
CORS_METHODS = "GET, POST, DELETE, PATCH, PUT, OPTIONS"

DEFAULT_MODE = {
    "delay_s": 0.0,
    "delay_ping": False,
    "delay_paths": {},
    "endless_paging": False,
    "ws": "ok",
    "cut_paths": [],
    "big": None,
    "token_bad": False,
}
BIG_DEFAULTS = {"open": 0, "closed": 0, "pairs": 20, "logs": 0}


def dumps(value) -> bytes:
    """Compact JSON, as FastAPI sends it."""
    return json.dumps(value, separators=(",", ":")).encode()


def detail(text: str) -> bytes:
    return dumps({"detail": text})


NOT_FOUND = detail("Not Found")
METHOD_NOT_ALLOWED = detail("Method Not Allowed")
UNAUTHORIZED = detail("Unauthorized")
BAD_TOKEN = detail("Could not validate credentials")
NOT_AUTHENTICATED = detail("Not authenticated")


# ---------------------------------------------------------------------------------------------------------
# Fixtures


def query_key(query: str) -> tuple:
    return tuple(sorted(parse_qsl(query, keep_blank_values=True)))


class Fixtures:
    """The captured answers, found by method and path (and by query where one was captured with a query)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.by_path = {}  # (method, path) -> (status, body); the first 2xx capture wins
        self.by_query = {}  # (method, path, query_key) -> (status, body)
        index = json.loads((folder / "index.json").read_text())
        for entry in index:
            self._add(entry)
        self.open_trade = self.json("status.json")[0]
        self.closed_trade = self.json("trades.json")["trades"][0]
        # /trade/<id> of a trade captured only in /status or /trades (the real answers are the same objects)
        self.trades_by_id = {
            t["trade_id"]: dumps(t) for t in self.json("trades.json")["trades"] + self.json("status.json")
        }

    def json(self, name: str):
        return json.loads((self.folder / name).read_text())

    def _add(self, entry: dict):
        method, status = entry["method"], entry["status"]
        url = urlsplit(entry["path"])
        answer = (status, dumps(self.json(entry["file"])))
        for table, key in ((self.by_query, (method, url.path, query_key(url.query))), (self.by_path, (method, url.path))):
            old = table.get(key)
            # The first 2xx capture wins; an error capture (count_no_auth_401, edge_404, strategies_503, ...)
            # only answers where nothing succeeded.
            if old is None or (old[0] >= 300 and status < 300):
                table[key] = answer

    def lookup(self, method: str, path: str, query: str):
        return self.by_query.get((method, path, query_key(query))) or self.by_path.get((method, path))

    def methods_for(self, path: str) -> set:
        return {m for (m, p) in self.by_path if p == path}


# ---------------------------------------------------------------------------------------------------------
# Generated data for the "big" mode


def fmt_date(ms: float) -> str:
    return datetime.fromtimestamp(ms / 1000, timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def put(obj: dict, **values):
    """Sets only keys the captured object has, so generated trades keep the exact shape of real ones."""
    for key, value in values.items():
        if key in obj:
            obj[key] = value


def sig(x: float, digits: int = 6) -> float:
    return float(f"{x:.{digits}g}")


class TradeMaker:
    """Copies of a captured trade with a new id, pair, prices, dates and profit."""

    STAKE = 50.0
    EXIT_REASONS = ["roi", "exit_signal", "stop_loss", "trailing_stop_loss", "force_exit"]

    def __init__(self, rng: random.Random, pairs: list):
        self.rng = rng
        self.pairs = pairs

    def _base(self, template: dict, trade_id: int, open_ms: int) -> dict:
        t = dict(template)
        pair = self.pairs[(trade_id - 1) % len(self.pairs)]
        rate = sig(10 ** self.rng.uniform(-3, 4.5))
        amount = sig(self.STAKE / rate)
        stake = round(amount * rate, 8)
        put(t, trade_id=trade_id, pair=pair, base_currency=pair.split("/")[0],
            open_rate=rate, open_rate_requested=rate, amount=amount, amount_requested=amount,
            stake_amount=stake, max_stake_amount=stake, open_trade_value=round(stake * 1.001, 8),
            fee_open_cost=round(stake * 0.001, 8),
            open_date=fmt_date(open_ms), open_timestamp=open_ms,
            open_fill_date=fmt_date(open_ms), open_fill_timestamp=open_ms,
            stop_loss_abs=sig(rate * 0.9), initial_stop_loss_abs=sig(rate * 0.9),
            # exchange precisions follow the price, as they would for real pairs from 0.001 to 30000 USDT
            price_precision=10.0 ** (math.floor(math.log10(rate)) - 5),
            amount_precision=min(1.0, 10.0 ** (math.floor(math.log10(amount)) - 3)))
        return t

    def _orders(self, t: dict, open_ms: int, close_ms: int = None, close_rate: float = None) -> list:
        orders = []
        for order in t.get("orders", []):
            o = dict(order)
            entry = o.get("ft_order_side") == "buy"
            ms = open_ms if entry else close_ms
            price = t["open_rate"] if entry else close_rate
            put(o, pair=t["pair"], order_id=f"dry_run_{o.get('ft_order_side')}_{t['pair']}_{t['trade_id']}",
                amount=t["amount"], filled=t["amount"], safe_price=price, average=price, price=price,
                cost=round(t["amount"] * price, 8), order_timestamp=ms - 50, order_filled_timestamp=ms,
                order_date=fmt_date(ms), order_filled_date=fmt_date(ms))
            orders.append(o)
        return orders

    def open_trade(self, template: dict, trade_id: int, now_ms: int) -> dict:
        open_ms = now_ms - self.rng.randint(60, 3 * 86400) * 1000
        t = self._base(template, trade_id, open_ms)
        ratio = round(self.rng.uniform(-0.12, 0.18), 8)
        current = sig(t["open_rate"] * (1 + ratio))
        profit_abs = round(t["stake_amount"] * ratio, 8)
        put(t, current_rate=current, min_rate=min(current, t["open_rate"]), max_rate=max(current, t["open_rate"]),
            profit_ratio=ratio, profit_pct=round(ratio * 100, 2), profit_abs=profit_abs,
            total_profit_abs=profit_abs, total_profit_ratio=ratio,
            stoploss_current_dist=sig(t["stop_loss_abs"] - current),
            stoploss_current_dist_ratio=round(t["stop_loss_abs"] / current - 1, 8),
            stoploss_current_dist_pct=round((t["stop_loss_abs"] / current - 1) * 100, 2))
        t["orders"] = self._orders(t, open_ms)
        return t

    def closed_trade(self, template: dict, trade_id: int, close_ms: int) -> dict:
        duration_s = self.rng.randint(5, 2 * 86400)
        open_ms = close_ms - duration_s * 1000
        t = self._base(template, trade_id, open_ms)
        ratio = round(self.rng.uniform(-0.1, 0.12), 8)
        close_rate = sig(t["open_rate"] * (1 + ratio))
        profit_abs = round(t["stake_amount"] * ratio, 8)
        put(t, close_rate=close_rate, close_rate_requested=close_rate,
            close_date=fmt_date(close_ms), close_timestamp=close_ms,
            close_profit=ratio, close_profit_pct=round(ratio * 100, 2), close_profit_abs=profit_abs,
            profit_ratio=ratio, profit_pct=round(ratio * 100, 2), profit_abs=profit_abs,
            realized_profit=profit_abs, realized_profit_ratio=ratio,
            fee_close_cost=round(t["amount"] * close_rate * 0.001, 8),
            trade_duration_s=duration_s, trade_duration=duration_s // 60,
            min_rate=min(close_rate, t["open_rate"]), max_rate=max(close_rate, t["open_rate"]),
            exit_reason=self.rng.choice(self.EXIT_REASONS))
        t["orders"] = self._orders(t, open_ms, close_ms, close_rate)
        return t


LOG_NAMES = ["freqtrade.freqtradebot", "freqtrade.wallets", "freqtrade.worker", "freqtrade.rpc.rpc_manager",
             "freqtrade.persistence.trade_model", "freqtrade.exchange.exchange"]


def log_line(rng: random.Random, pair: str, ms: float) -> list:
    roll = rng.random()
    if roll < 0.005:
        level, name, msg = "ERROR", "freqtrade.rpc.api_server.api_v1", f"API Error calling: Could not find {pair}."
    elif roll < 0.03:
        level, name, msg = "WARNING", "freqtrade.exchange.exchange", f"Unable to fetch ticker for {pair}. Retrying..."
    else:
        level, name = "INFO", rng.choice(LOG_NAMES)
        msg = rng.choice([
            "Bot heartbeat. PID=4242, version='2026.9', state='RUNNING'",
            "Wallets synced.",
            f"Long signal found: about create a new trade for {pair} with stake_amount: 50 ...",
            f"Exit for {pair} detected. Reason: roi",
            f"Updating trade for {pair} ...",
        ])
    return [fmt_date(ms), ms, name, level, msg]


class BigData:
    """All answers of one "big" mode, serialised once: 10k trades must not be re-encoded per request."""

    def __init__(self, fixtures: Fixtures, spec: dict, seed: int = 1):
        rng = random.Random(seed)
        now_ms = int(time.time() * 1000)
        self.pairs = [f"P{i:04d}/USDT" for i in range(1, max(1, spec["pairs"]) + 1)]
        maker = TradeMaker(rng, self.pairs)
        n_closed, n_open = spec["closed"], spec["open"]
        # ids 1..closed are the closed trades (oldest first, as /trades pages by id), then the open ones
        closed = [maker.closed_trade(fixtures.closed_trade, i, now_ms - (n_closed - i + 1) * 300_000)
                  for i in range(1, n_closed + 1)]
        opened = [maker.open_trade(fixtures.open_trade, n_closed + i, now_ms) for i in range(1, n_open + 1)]
        self.closed_items = [dumps(t) for t in closed]
        open_items = [dumps(t) for t in opened]
        self.trade_by_id = {t["trade_id"]: item for t, item in zip(closed + opened, self.closed_items + open_items)}
        self.status = b"[" + b",".join(open_items) + b"]"
        total_stake = round(sum(t["stake_amount"] for t in opened), 8)
        self.count = dumps({"current": n_open, "max": n_open + 10, "total_stake": total_stake})
        self.whitelist = dumps({"whitelist": self.pairs, "length": len(self.pairs), "method": ["StaticPairList"]})
        self.performance = dumps(self._performance(closed))
        start_ms = now_ms - spec["logs"] * 1000
        self.log_items = [log_line(rng, rng.choice(self.pairs), start_ms + i * 1000 + rng.random())
                          for i in range(spec["logs"])]

    @staticmethod
    def _performance(closed: list) -> list:
        per_pair = {}
        for t in closed:
            row = per_pair.setdefault(t["pair"], {"abs": 0.0, "stake": 0.0, "count": 0})
            row["abs"] += t["profit_abs"]
            row["stake"] += t["stake_amount"]
            row["count"] += 1
        rows = []
        for pair, row in per_pair.items():
            ratio = row["abs"] / row["stake"] if row["stake"] else 0.0
            pct = round(ratio * 100, 2)
            rows.append({"profit_ratio": ratio, "profit_pct": pct, "profit_abs": round(row["abs"], 8),
                         "count": row["count"], "pair": pair, "profit": pct})
        rows.sort(key=lambda r: r["profit_abs"], reverse=True)  # freqtrade sorts by absolute profit
        return rows

    def trades_page(self, limit: int, offset: int) -> bytes:
        page = self.closed_items[offset:offset + limit]
        return (b'{"trades":[' + b",".join(page) + b"]," +
                dumps({"trades_count": len(page), "offset": offset, "total_trades": len(self.closed_items)})[1:])

    def logs(self, limit) -> bytes:
        lines = self.log_items[-limit:] if limit else self.log_items
        return dumps({"log_count": len(lines), "logs": lines})


def endless_page(fixtures: Fixtures, limit: int, offset: int) -> bytes:
    items = []
    for i in range(limit):
        t = dict(fixtures.closed_trade)
        t["trade_id"] = offset + i + 1
        items.append(dumps(t))
    return (b'{"trades":[' + b",".join(items) + b"]," +
            dumps({"trades_count": limit, "offset": offset, "total_trades": ENDLESS_TOTAL})[1:])


# ---------------------------------------------------------------------------------------------------------
# Mode, stats and the answers themselves


class ModeError(ValueError):
    pass


def parse_mode(raw) -> dict:
    """Checks a /__control body and fills in defaults; a typo in a key must fail loudly, not do nothing."""
    if not isinstance(raw, dict):
        raise ModeError("mode must be a JSON object")
    unknown = set(raw) - set(DEFAULT_MODE)
    if unknown:
        raise ModeError(f"unknown mode keys: {sorted(unknown)}")
    mode = {**DEFAULT_MODE, **raw}
    number = (int, float)
    if not isinstance(mode["delay_s"], number) or mode["delay_s"] < 0:
        raise ModeError("delay_s must be a number >= 0")
    if not isinstance(mode["delay_paths"], dict) or not all(
            isinstance(v, number) and v >= 0 for v in mode["delay_paths"].values()):
        raise ModeError("delay_paths must map paths to numbers >= 0")
    if mode["ws"] not in ("ok", "404"):
        raise ModeError('ws must be "ok" or "404"')
    if not isinstance(mode["cut_paths"], list) or not all(isinstance(p, str) for p in mode["cut_paths"]):
        raise ModeError("cut_paths must be a list of paths")
    if mode["big"] is not None:
        if not isinstance(mode["big"], dict) or set(mode["big"]) - set(BIG_DEFAULTS):
            raise ModeError(f"big must be null or an object with keys {sorted(BIG_DEFAULTS)}")
        mode["big"] = {**BIG_DEFAULTS, **mode["big"]}
        if not all(isinstance(v, int) and v >= 0 for v in mode["big"].values()):
            raise ModeError("big counts must be integers >= 0")
    return mode


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.in_flight = {}  # survives reset(): requests being handled still leave later
        self.ws_open = 0  # likewise for open websockets
        self.reset()

    def reset(self):
        with self.lock:
            self.requests = {}
            self.preflights = {}
            self.max_in_flight = {p: n for p, n in self.in_flight.items() if n}
            self.refresh = 0
            self.ws_attempts = 0

    def enter(self, path: str):
        with self.lock:
            self.requests[path] = self.requests.get(path, 0) + 1
            now = self.in_flight.get(path, 0) + 1
            self.in_flight[path] = now
            self.max_in_flight[path] = max(now, self.max_in_flight.get(path, 0))

    def leave(self, path: str):
        with self.lock:
            self.in_flight[path] -= 1

    def add(self, name: str, by: int = 1):
        with self.lock:
            setattr(self, name, getattr(self, name) + by)

    def preflight(self, path: str):
        with self.lock:
            self.preflights[path] = self.preflights.get(path, 0) + 1

    def snapshot(self) -> dict:
        with self.lock:
            return {"requests": dict(self.requests), "max_in_flight": dict(self.max_in_flight),
                    "in_flight": {p: n for p, n in self.in_flight.items() if n},
                    "preflights": dict(self.preflights), "refresh": self.refresh,
                    "ws_attempts": self.ws_attempts, "ws_open": self.ws_open}


def int_param(params: dict, name: str, default, minimum: int):
    """FastAPI-like query parsing: a bad value is a 422, not a silent default."""
    if name not in params:
        return default, None
    try:
        value = int(params[name])
    except ValueError:
        value = None
    if value is None or value < minimum:
        return None, (422, dumps({"detail": [{"type": "int_parsing" if value is None else "greater_than_equal",
                                              "loc": ["query", name], "input": params[name],
                                              "msg": f"Input should be a valid integer >= {minimum}"}]}))
    return value, None


class Imitation:
    """The state of the imitated bot: mode, counters and the answer to each API request."""

    def __init__(self, fixtures: Fixtures, ui_origin: str):
        self.fixtures = fixtures
        self.ui_origin = ui_origin
        self.stats = Stats()
        self.changed = threading.Condition()  # notified on each mode change, so delayed requests re-check
        self.mode = parse_mode({})
        self.big = None
        self._big_cache = (None, None)  # (spec, BigData) of the last big mode
        self._big_lock = threading.Lock()
        self.token_broken = False

    # --- control

    def set_mode(self, raw) -> dict:
        mode = parse_mode(raw)
        big = self._big_for(mode["big"])  # generated before the mode switches, outside the lock
        with self.changed:
            self.mode, self.big = mode, big
            self.token_broken = mode["token_bad"]
            self.changed.notify_all()
        return mode

    def _big_for(self, spec):
        if spec is None:
            return None
        with self._big_lock:
            if self._big_cache[0] != spec:
                self._big_cache = (spec, BigData(self.fixtures, spec))
            return self._big_cache[1]

    def delay_for(self, path: str) -> float:
        mode = self.mode
        if path in mode["delay_paths"]:
            return float(mode["delay_paths"][path])
        if path == PING_PATH and not mode["delay_ping"]:
            return 0.0
        return float(mode["delay_s"])

    def wait_delay(self, path: str, start: float):
        """Sleeps until `start + delay`, re-reading the delay whenever the mode changes."""
        if not path.startswith(API + "/"):
            return
        with self.changed:
            while True:
                remaining = start + self.delay_for(path) - time.monotonic()
                if remaining <= 0:
                    return
                self.changed.wait(remaining)

    # --- answers

    def answer(self, method: str, path: str, query: str, authorization: str):
        """(status, body, extra headers) of one API request, in FastAPI's order: route, then auth."""
        if path == PING_PATH and method == "GET":
            return 200, dumps({"status": "pong"}), {}
        if path == LOGIN_PATH:
            return self._login(method, authorization)
        route = self._route(method, path, query)
        if route is None:
            return 404, NOT_FOUND, {}
        if route == "method":
            return 405, METHOD_NOT_ALLOWED, {}
        if not authorization.lower().startswith("bearer "):
            return 401, UNAUTHORIZED, {}
        # The refresh call carries the refresh token, which token_bad leaves valid.
        if self.token_broken and path != REFRESH_PATH:
            return 401, BAD_TOKEN, {"WWW-Authenticate": "Bearer"}
        return route()

    def _login(self, method: str, authorization: str):
        if method != "POST":
            return 405, METHOD_NOT_ALLOWED, {}
        if not authorization.lower().startswith("basic "):  # any user and password will do
            return 401, NOT_AUTHENTICATED, {"WWW-Authenticate": "Basic"}
        return 200, dumps({"access_token": fake_jwt("access", 15 * 60),
                           "refresh_token": fake_jwt("refresh", 30 * 86400)}), {}

    def _refresh(self):
        with self.changed:
            self.token_broken = False
        self.stats.add("refresh")
        return 200, dumps({"access_token": fake_jwt("access", 15 * 60)}), {}

    def _route(self, method: str, path: str, query: str):
        """A function giving the answer, None for an unknown path, or "method" for a known path."""
        if path == REFRESH_PATH:
            return self._refresh if method == "POST" else "method"
        params = dict(parse_qsl(query, keep_blank_values=True))
        mode, big = self.mode, self.big
        if method == "GET":
            if path == API + "/trades" and mode["endless_paging"]:
                return lambda: self._paged(params, lambda limit, offset: endless_page(self.fixtures, limit, offset))
            if big is not None:
                answer = self._big_route(big, path, params)
                if answer is not None:
                    return answer
            trade = TRADE_PATH.match(path)
            if trade and not self.fixtures.lookup(method, path, query):
                return lambda: self._trade(int(trade.group(1)))
        found = self.fixtures.lookup(method, path, query)
        if found:
            return lambda: (found[0], found[1], {})
        if self.fixtures.methods_for(path) or TRADE_PATH.match(path):
            return "method"
        return None

    def _big_route(self, big: BigData, path: str, params: dict):
        simple = {"/status": big.status, "/count": big.count, "/whitelist": big.whitelist,
                  "/performance": big.performance}
        sub = path[len(API):]
        if sub in simple:
            return lambda: (200, simple[sub], {})
        if sub == "/trades":
            return lambda: self._paged(params, big.trades_page)
        if sub == "/logs":
            return lambda: self._logs(big, params)
        trade = TRADE_PATH.match(path)
        if trade:
            item = big.trade_by_id.get(int(trade.group(1)))
            return lambda: (200, item, {}) if item else (404, detail("Trade not found."), {})
        return None

    @staticmethod
    def _paged(params: dict, page):
        limit, error = int_param(params, "limit", 500, 1)  # freqtrade's default limit is 500
        offset, error2 = int_param(params, "offset", 0, 0)
        if error or error2:
            return (*(error or error2), {})
        return 200, page(limit, offset), {}

    @staticmethod
    def _logs(big: BigData, params: dict):
        limit, error = int_param(params, "limit", None, 0)
        if error:
            return (*error, {})
        return 200, big.logs(limit), {}

    def _trade(self, trade_id: int):
        item = self.fixtures.trades_by_id.get(trade_id)
        if item:
            return 200, item, {}
        return 404, dumps(self.fixtures.json("trade_404.json")), {}


# ---------------------------------------------------------------------------------------------------------
# HTTP and websocket


def ws_accept(key: str) -> str:
    return base64.b64encode(hashlib.sha1((key + WS_GUID).encode()).digest()).decode()


def ws_frame(opcode: int, payload: bytes = b"") -> bytes:
    """A final, unmasked (server-to-client) frame."""
    n = len(payload)
    if n < 126:
        head = struct.pack("!BB", 0x80 | opcode, n)
    elif n < 65536:
        head = struct.pack("!BBH", 0x80 | opcode, 126, n)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 127, n)
    return head + payload


def read_ws_frame(rfile):
    """(opcode, payload) of the next frame, or None when the peer has gone."""
    head = rfile.read(2)
    if len(head) < 2:
        return None
    opcode, masked, n = head[0] & 0x0F, head[1] & 0x80, head[1] & 0x7F
    if n == 126:
        n = struct.unpack("!H", rfile.read(2))[0]
    elif n == 127:
        n = struct.unpack("!Q", rfile.read(8))[0]
    mask = rfile.read(4) if masked else b""
    payload = rfile.read(n)
    if len(payload) < n:
        return None
    if mask:
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return opcode, payload


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as uvicorn does
    server_version = "uvicorn"
    sys_version = ""

    @property
    def app(self) -> Imitation:
        return self.server.app

    def log_message(self, fmt, *args):  # quiet: the tests print their own progress
        pass

    def do_GET(self):
        self.dispatch()

    do_POST = do_DELETE = do_PUT = do_PATCH = do_GET

    def do_OPTIONS(self):
        if self.headers.get("Origin") and self.headers.get("Access-Control-Request-Method"):
            self.preflight()
        else:
            self.dispatch()

    # --- plumbing

    def read_body(self) -> bytes:
        # Always drained, or the next request on a kept-alive connection would start inside this body.
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def cors_headers(self) -> dict:
        origin = self.headers.get("Origin")
        if origin and origin == self.app.ui_origin:
            return {"Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true",
                    "Vary": "Origin"}
        return {}

    def send(self, status: int, body: bytes, headers: dict = None, content_type="application/json", cut=False):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in {**self.cors_headers(), **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        if not cut:
            self.wfile.write(body)
            return
        # Half the promised body, then a close: the client sees the answer end mid-way.
        self.wfile.write(body[:len(body) // 2])
        self.wfile.flush()
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    # --- requests

    def dispatch(self):
        start = time.monotonic()
        url = urlsplit(self.path)
        body = self.read_body()
        if url.path.startswith("/__"):
            return self.control(url.path, body)
        if url.path == WS_PATH and self.command == "GET":
            return self.websocket()
        stats = self.app.stats
        stats.enter(url.path)
        try:
            self.app.wait_delay(url.path, start)
            status, payload, headers = self.app.answer(
                self.command, url.path, url.query, self.headers.get("Authorization", ""))
            self.send(status, payload, headers, cut=url.path in self.app.mode["cut_paths"])
        finally:
            stats.leave(url.path)

    def preflight(self):
        path = urlsplit(self.path).path
        self.app.stats.preflight(path)
        cors = self.cors_headers()
        if not cors:  # what Starlette answers to an origin it does not know
            return self.send(400, b"Disallowed CORS origin", content_type="text/plain; charset=utf-8")
        headers = {"Access-Control-Allow-Methods": CORS_METHODS, "Access-Control-Max-Age": "600"}
        requested = self.headers.get("Access-Control-Request-Headers")
        if requested:
            headers["Access-Control-Allow-Headers"] = requested
        self.send(200, b"OK", headers, content_type="text/plain; charset=utf-8")

    def control(self, path: str, body: bytes):
        app = self.app
        if path == "/__control" and self.command == "POST":
            try:
                mode = app.set_mode(json.loads(body or b"{}"))
            except (ValueError, ModeError) as exc:
                return self.send(400, dumps({"error": str(exc)}))
            return self.send(200, dumps({"mode": mode}))
        if path == "/__control" and self.command == "GET":
            return self.send(200, dumps({"mode": app.mode}))
        if path == "/__stats" and self.command == "GET":
            return self.send(200, dumps(app.stats.snapshot()))
        if path == "/__reset_stats" and self.command == "POST":
            app.stats.reset()
            return self.send(200, dumps({"ok": True}))
        return self.send(404, NOT_FOUND)

    def websocket(self):
        self.app.stats.add("ws_attempts")
        if self.app.mode["ws"] == "404":
            return self.send(404, NOT_FOUND)
        key = self.headers.get("Sec-WebSocket-Key")
        if not key or self.headers.get("Upgrade", "").lower() != "websocket":
            return self.send(400, detail("Expected a websocket upgrade"))
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", ws_accept(key))
        self.end_headers()
        self.close_connection = True  # this connection never carries HTTP again
        self.app.stats.add("ws_open")
        try:
            self.ws_loop()
        finally:
            self.app.stats.add("ws_open", -1)

    def ws_loop(self):
        """Reads and drops the client's messages (subscriptions); answers pings; ends on close or EOF."""
        while True:
            frame = read_ws_frame(self.rfile)
            if frame is None:
                return
            opcode, payload = frame
            if opcode == 0x9:
                self.wfile.write(ws_frame(0xA, payload))
            elif opcode == 0x8:
                self.wfile.write(ws_frame(0x8, payload[:2]))
                return


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # a browser plus concurrent tests open many connections at once

    def __init__(self, address, app: Imitation):
        self.app = app
        super().__init__(address, Handler)

    def handle_error(self, request, client_address):
        # A client that gave up (aborted fetch, closed tab, cut_paths) is normal here, not worth a traceback.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ui-origin", required=True, help="the UI's origin, allowed by CORS")
    parser.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES)
    args = parser.parse_args()
    app = Imitation(Fixtures(args.fixtures), args.ui_origin.rstrip("/"))
    server = Server(("127.0.0.1", args.port), app)
    serve_until_stopped(server, f"imitation ready on {args.port}")


if __name__ == "__main__":
    main()
