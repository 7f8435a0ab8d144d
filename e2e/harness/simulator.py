#!/usr/bin/env python3
"""Deterministic simulated Binance spot exchange, served on loopback.

Freqtrade (through ccxt) cannot load Binance's markets without internet. This
server answers the small subset of the Binance spot REST API (v3 formats) that a
dry-run bot needs, so a real freqtrade can run offline:

    GET exchangeInfo, time, ping, klines, ticker/24hr, ticker/bookTicker,
        ticker/price, depth, avgPrice

ccxt is pointed at it with every key of ``ccxt.binance().urls['api']`` mapped to
``http://127.0.0.1:PORT/<key>``; the first path segment is therefore ignored, and
``/api/v3/<endpoint>`` works too. Any other request answers HTTP 400 with a
Binance-style ``{"code": -1, "msg": "unsupported ..."}`` body so that a gap shows
up in the bot's log instead of hanging.

Pairs are quoted in USDT (BTCUSDT, ETHUSDT, ...) and in BTC (ETHBTC, SOLBTC, for a bot whose
stake currency is BTC); every endpoint serves both alike. A BTC pair's base price is the ratio
of the USDT ones (ETHBTC 0.05 = 3000 / 60000), but it moves on its own curve: cross rates are
not kept consistent.

Prices are a pure function of (pair, minute): a smooth curve (two slow sine
waves and two octaves of interpolated value noise) plus a small per-minute noise,
all derived from a hash keyed by the symbol (adding a pair changes no other pair's prices). A candle of any interval opens at the price of its open
minute and closes at the price of the minute after its last one, so the same
candle is identical across runs and intervals agree with each other. The current
(unfinished) candle closes at the current 1m candle's close, which is also the
ticker's last price.

A bot may tag its urls with a client name (``/<key>~<client>/...``, see ftharness
``--stallable``). ``POST /_control/hold?client=NAME`` then makes every request of that
client wait, unanswered, until ``POST /_control/release?client=NAME`` (or 10 minutes):
the bot's loop stalls while its own API still answers, as with a hung exchange.

Usage: python3 simulator.py --port 18000 [--host 127.0.0.1]
Standard library only.
"""

import argparse
import hashlib
import json
import math
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from serving import serve_until_stopped

MINUTE_MS = 60_000

# symbol -> (base, quote, base price, price decimals, quantity decimals)
PAIRS = {
    "BTCUSDT": ("BTC", "USDT", 60_000.0, 2, 5),
    "ETHUSDT": ("ETH", "USDT", 3_000.0, 2, 4),
    "SOLUSDT": ("SOL", "USDT", 150.0, 2, 3),
    "XRPUSDT": ("XRP", "USDT", 0.6, 4, 1),
    "BNBUSDT": ("BNB", "USDT", 600.0, 2, 3),
    "ETHBTC": ("ETH", "BTC", 0.05, 5, 4),
    "SOLBTC": ("SOL", "BTC", 0.0025, 7, 3),
}

# quote asset -> (its value in USDT, for volumes; NOTIONAL filter's minNotional, as Binance's)
QUOTES = {
    "USDT": (1.0, "5.00000000"),
    "BTC": (60_000.0, "0.00010000"),
}

INTERVALS_MIN = {
    "1m": 1, "3m": 3, "5m": 5, "15m": 15, "30m": 30,
    "1h": 60, "2h": 120, "4h": 240, "6h": 360, "8h": 480, "12h": 720,
    "1d": 1440, "3d": 4320, "1w": 10080,
}

# Binance weeks start on Monday; the Unix epoch was a Thursday.
WEEK_OFFSET_MIN = 4 * 1440

DEFAULT_KLINE_LIMIT = 500
MAX_KLINE_LIMIT = 1000


class ApiError(Exception):
    """A request the simulator refuses; becomes a Binance-style error body."""

    def __init__(self, msg, code=-1, status=400):
        super().__init__(msg)
        self.msg = msg
        self.code = code
        self.status = status


# --------------------------------------------------------------------------
# Deterministic price model
# --------------------------------------------------------------------------

def unit_hash(*parts):
    """A uniform number in [0, 1) derived from the given parts."""
    key = ":".join(str(p) for p in parts).encode()
    digest = hashlib.blake2b(key, digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def signed_hash(*parts):
    """A uniform number in [-1, 1) derived from the given parts."""
    return unit_hash(*parts) * 2.0 - 1.0


def value_noise(symbol, minute, period):
    """Smooth noise in [-1, 1]: cosine interpolation between hashed knots."""
    knot = minute // period
    frac = (minute - knot * period) / period
    left = signed_hash(symbol, "knot", period, knot)
    right = signed_hash(symbol, "knot", period, knot + 1)
    weight = (1 - math.cos(frac * math.pi)) / 2
    return left * (1 - weight) + right * weight


def raw_price(symbol, minute):
    """Price of `symbol` at the start of the given Unix minute (unrounded)."""
    base_price = PAIRS[symbol][2]
    phase = unit_hash(symbol, "phase") * 2 * math.pi
    log_move = (
        0.030 * math.sin(2 * math.pi * minute / (3 * 1440) + phase)
        + 0.010 * math.sin(2 * math.pi * minute / 360 + 2 * phase)
        + 0.020 * value_noise(symbol, minute, 240)
        + 0.006 * value_noise(symbol, minute, 30)
        + 0.0012 * signed_hash(symbol, "tick", minute)
    )
    return base_price * math.exp(log_move)


def round_price(symbol, value):
    return round(value, PAIRS[symbol][3])


def price_at(symbol, minute):
    """Rounded price of `symbol` at the start of the given Unix minute."""
    return round_price(symbol, raw_price(symbol, minute))


def current_minute(now_ms=None):
    now_ms = int(time.time() * 1000) if now_ms is None else now_ms
    return now_ms // MINUTE_MS


def last_price(symbol, now_ms=None):
    """Ticker price: the close of the current 1m candle."""
    return price_at(symbol, current_minute(now_ms) + 1)


def candle_start(minute, interval_min):
    """Open minute of the candle of the given interval containing `minute`."""
    offset = WEEK_OFFSET_MIN if interval_min == INTERVALS_MIN["1w"] else 0
    return (minute - offset) // interval_min * interval_min + offset


def make_candle(symbol, open_minute, interval_min, now_minute):
    """One kline array in Binance's format."""
    end_minute = open_minute + interval_min          # next candle's open
    close_minute = min(end_minute, now_minute + 1)   # unfinished candle: now
    open_ = price_at(symbol, open_minute)
    close = price_at(symbol, close_minute)

    # High/low: extremes of up to ~60 sampled minutes, plus a small wiggle.
    span = close_minute - open_minute
    step = max(1, span // 60)
    samples = [raw_price(symbol, m) for m in range(open_minute, close_minute + 1, step)]
    wiggle = 0.0004 * math.sqrt(interval_min)
    high = max(samples) * (1 + wiggle * unit_hash(symbol, "high", interval_min, open_minute))
    low = min(samples) * (1 - wiggle * unit_hash(symbol, "low", interval_min, open_minute))
    high = max(round_price(symbol, high), open_, close)
    low = min(round_price(symbol, low), open_, close)

    qty_decimals = PAIRS[symbol][4]
    quote_in_usdt = QUOTES[PAIRS[symbol][1]][0]
    base_volume = 50_000 / (PAIRS[symbol][2] * quote_in_usdt)  # about 50k USDT per minute
    volume = round(base_volume * span * (0.5 + unit_hash(symbol, "vol", interval_min, open_minute)),
                   qty_decimals)
    mid = (high + low) / 2
    quote_volume = volume * mid
    trades = int(span * (20 + 80 * unit_hash(symbol, "n", interval_min, open_minute)))
    taker_share = 0.3 + 0.4 * unit_hash(symbol, "taker", interval_min, open_minute)
    price_decimals = PAIRS[symbol][3]
    return [
        open_minute * MINUTE_MS,
        fmt(open_, price_decimals),
        fmt(high, price_decimals),
        fmt(low, price_decimals),
        fmt(close, price_decimals),
        fmt(volume, qty_decimals),
        end_minute * MINUTE_MS - 1,
        fmt(quote_volume, 8),
        trades,
        fmt(volume * taker_share, qty_decimals),
        fmt(quote_volume * taker_share, 8),
        "0",
    ]


def fmt(value, decimals):
    return f"{value:.{decimals}f}"


# --------------------------------------------------------------------------
# Endpoints
# --------------------------------------------------------------------------

def require_symbol(params):
    symbol = params.get("symbol")
    if not symbol:
        raise ApiError("Mandatory parameter 'symbol' was not sent.", code=-1102)
    if symbol not in PAIRS:
        raise ApiError("Invalid symbol.", code=-1121)
    return symbol


def requested_symbols(params):
    """Symbols named by `symbol` or `symbols` (a JSON list), else all."""
    if "symbol" in params:
        return [require_symbol(params)], True
    if "symbols" in params:
        try:
            names = json.loads(params["symbols"])
        except ValueError:
            raise ApiError("Invalid symbols.", code=-1100)
        for name in names:
            if name not in PAIRS:
                raise ApiError("Invalid symbol.", code=-1121)
        return names, False
    return list(PAIRS), False


def symbol_info(symbol):
    base, quote, _, price_dec, qty_dec = PAIRS[symbol]
    tick = fmt(10 ** -price_dec, 8)
    step = fmt(10 ** -qty_dec, 8)
    min_notional = QUOTES[quote][1]
    return {
        "symbol": symbol,
        "status": "TRADING",
        "baseAsset": base,
        "baseAssetPrecision": 8,
        "quoteAsset": quote,
        "quotePrecision": 8,
        "quoteAssetPrecision": 8,
        "baseCommissionPrecision": 8,
        "quoteCommissionPrecision": 8,
        "orderTypes": ["LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT",
                       "TAKE_PROFIT", "TAKE_PROFIT_LIMIT"],
        "icebergAllowed": True,
        "ocoAllowed": True,
        "otoAllowed": True,
        "quoteOrderQtyMarketAllowed": True,
        "allowTrailingStop": True,
        "cancelReplaceAllowed": True,
        "isSpotTradingAllowed": True,
        "isMarginTradingAllowed": False,
        "filters": [
            {"filterType": "PRICE_FILTER", "minPrice": tick, "maxPrice": "1000000.00000000",
             "tickSize": tick},
            {"filterType": "LOT_SIZE", "minQty": step, "maxQty": "9000000.00000000",
             "stepSize": step},
            {"filterType": "ICEBERG_PARTS", "limit": 10},
            {"filterType": "MARKET_LOT_SIZE", "minQty": "0.00000000",
             "maxQty": "1000000.00000000", "stepSize": "0.00000000"},
            {"filterType": "TRAILING_DELTA", "minTrailingAboveDelta": 10,
             "maxTrailingAboveDelta": 2000, "minTrailingBelowDelta": 10,
             "maxTrailingBelowDelta": 2000},
            {"filterType": "PERCENT_PRICE_BY_SIDE", "bidMultiplierUp": "5",
             "bidMultiplierDown": "0.2", "askMultiplierUp": "5", "askMultiplierDown": "0.2",
             "avgPriceMins": 5},
            {"filterType": "NOTIONAL", "minNotional": min_notional, "applyMinToMarket": True,
             "maxNotional": "9000000.00000000", "applyMaxToMarket": False, "avgPriceMins": 5},
            {"filterType": "MAX_NUM_ORDERS", "maxNumOrders": 200},
            {"filterType": "MAX_NUM_ALGO_ORDERS", "maxNumAlgoOrders": 5},
        ],
        "permissions": [],
        "permissionSets": [["SPOT"]],
        "defaultSelfTradePreventionMode": "EXPIRE_MAKER",
        "allowedSelfTradePreventionModes": ["NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"],
    }


def exchange_info(params):
    symbols, _ = requested_symbols(params)
    return {
        "timezone": "UTC",
        "serverTime": int(time.time() * 1000),
        "rateLimits": [
            {"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "intervalNum": 1,
             "limit": 6000},
            {"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": 100},
            {"rateLimitType": "ORDERS", "interval": "DAY", "intervalNum": 1, "limit": 200000},
            {"rateLimitType": "RAW_REQUESTS", "interval": "MINUTE", "intervalNum": 5,
             "limit": 61000},
        ],
        "exchangeFilters": [],
        "symbols": [symbol_info(s) for s in symbols],
    }


def server_time(params):
    return {"serverTime": int(time.time() * 1000)}


def ping(params):
    return {}


def parse_int(params, name, default=None):
    if name not in params:
        return default
    try:
        return int(params[name])
    except ValueError:
        raise ApiError(f"Illegal characters found in parameter '{name}'.", code=-1100)


def klines(params):
    symbol = require_symbol(params)
    interval = params.get("interval")
    if interval not in INTERVALS_MIN:
        raise ApiError(f"unsupported interval {interval!r}", code=-1120)
    interval_min = INTERVALS_MIN[interval]
    limit = parse_int(params, "limit", DEFAULT_KLINE_LIMIT)
    limit = max(1, min(limit, MAX_KLINE_LIMIT))
    start_ms = parse_int(params, "startTime")
    end_ms = parse_int(params, "endTime")

    now_minute = current_minute()
    last_open = candle_start(now_minute, interval_min)
    if end_ms is not None:
        last_open = min(last_open, candle_start(end_ms // MINUTE_MS, interval_min))

    if start_ms is not None:
        # First candle whose open time is >= startTime.
        first_open = candle_start(-(-start_ms // MINUTE_MS), interval_min)
        if first_open * MINUTE_MS < start_ms:
            first_open += interval_min
        opens = range(first_open, last_open + 1, interval_min)[:limit]
    else:
        first_open = last_open - (limit - 1) * interval_min
        opens = range(first_open, last_open + 1, interval_min)
    return [make_candle(symbol, m, interval_min, now_minute) for m in opens]


def book_prices(symbol, now_ms=None):
    """(bid, ask) around the last price, one tick apart on each side."""
    price = last_price(symbol, now_ms)
    tick = 10 ** -PAIRS[symbol][3]
    return round_price(symbol, price - tick), round_price(symbol, price + tick)


def ticker_24hr_one(symbol):
    now_ms = int(time.time() * 1000)
    minute = current_minute(now_ms)
    day = [make_candle(symbol, m, 60, minute) for m in range(minute - 1440 + 60, minute + 1, 60)]
    price_dec, qty_dec = PAIRS[symbol][3], PAIRS[symbol][4]
    open_ = price_at(symbol, minute - 1440 + 1)
    last = last_price(symbol, now_ms)
    high = max([float(c[2]) for c in day] + [open_, last])
    low = min([float(c[3]) for c in day] + [open_, last])
    volume = sum(float(c[5]) for c in day)
    quote_volume = sum(float(c[7]) for c in day)
    bid, ask = book_prices(symbol, now_ms)
    qty = 10 ** -qty_dec
    return {
        "symbol": symbol,
        "priceChange": fmt(last - open_, price_dec),
        "priceChangePercent": fmt((last - open_) / open_ * 100, 3),
        "weightedAvgPrice": fmt(quote_volume / volume if volume else last, price_dec),
        "prevClosePrice": fmt(price_at(symbol, minute - 1440), price_dec),
        "lastPrice": fmt(last, price_dec),
        "lastQty": fmt(qty * 100, qty_dec),
        "bidPrice": fmt(bid, price_dec),
        "bidQty": fmt(qty * 1000, qty_dec),
        "askPrice": fmt(ask, price_dec),
        "askQty": fmt(qty * 1000, qty_dec),
        "openPrice": fmt(open_, price_dec),
        "highPrice": fmt(high, price_dec),
        "lowPrice": fmt(low, price_dec),
        "volume": fmt(volume, qty_dec),
        "quoteVolume": fmt(quote_volume, 8),
        "openTime": now_ms - 86_400_000,
        "closeTime": now_ms,
        "firstId": minute * 100,
        "lastId": minute * 100 + 99,
        "count": 100,
    }


def ticker_24hr(params):
    symbols, single = requested_symbols(params)
    answers = [ticker_24hr_one(s) for s in symbols]
    return answers[0] if single else answers


def book_ticker(params):
    symbols, single = requested_symbols(params)
    answers = []
    for symbol in symbols:
        price_dec, qty_dec = PAIRS[symbol][3], PAIRS[symbol][4]
        bid, ask = book_prices(symbol)
        qty = fmt(10 ** -qty_dec * 1000, qty_dec)
        answers.append({"symbol": symbol, "bidPrice": fmt(bid, price_dec), "bidQty": qty,
                        "askPrice": fmt(ask, price_dec), "askQty": qty})
    return answers[0] if single else answers


def ticker_price(params):
    symbols, single = requested_symbols(params)
    answers = [{"symbol": s, "price": fmt(last_price(s), PAIRS[s][3])} for s in symbols]
    return answers[0] if single else answers


def avg_price(params):
    symbol = require_symbol(params)
    minute = current_minute()
    prices = [price_at(symbol, m) for m in range(minute - 4, minute + 1)]
    return {"mins": 5, "price": fmt(sum(prices) / len(prices), 8),
            "closeTime": minute * MINUTE_MS}


def depth(params):
    symbol = require_symbol(params)
    limit = max(1, min(parse_int(params, "limit", 100), 5000))
    minute = current_minute()
    bid, ask = book_prices(symbol)
    price_dec, qty_dec = PAIRS[symbol][3], PAIRS[symbol][4]
    tick = 10 ** -price_dec
    unit = 10 ** -qty_dec
    bids, asks = [], []
    for level in range(limit):
        bid_qty = unit * round(100 + 2000 * unit_hash(symbol, "bid", minute, level))
        ask_qty = unit * round(100 + 2000 * unit_hash(symbol, "ask", minute, level))
        bids.append([fmt(bid - level * tick, price_dec), fmt(bid_qty, qty_dec)])
        asks.append([fmt(ask + level * tick, price_dec), fmt(ask_qty, qty_dec)])
    return {"lastUpdateId": minute, "bids": bids, "asks": asks}


ENDPOINTS = {
    "exchangeInfo": exchange_info,
    "time": server_time,
    "ping": ping,
    "klines": klines,
    "uiKlines": klines,
    "ticker/24hr": ticker_24hr,
    "ticker/bookTicker": book_ticker,
    "ticker/price": ticker_price,
    "avgPrice": avg_price,
    "depth": depth,
}


def endpoint_name(path):
    """The endpoint a request path names: '/public/klines' and '/api/v3/klines' -> 'klines'."""
    parts = [p for p in path.split("/") if p]
    if parts[:2] == ["api", "v3"]:
        return "/".join(parts[2:])
    return "/".join(parts[1:])


def handle(method, raw_path):
    """(status, body) for one request."""
    url = urlsplit(raw_path)
    params = {k: v[-1] for k, v in parse_qs(url.query).items()}
    name = endpoint_name(url.path)
    handler = ENDPOINTS.get(name)
    if method != "GET" or handler is None:
        raise ApiError(f"unsupported by the simulator: {method} {url.path}")
    return 200, handler(params)


# client -> the event that releases its held requests
HOLDS = {}
HOLDS_LOCK = threading.Lock()
MAX_HOLD_S = 600


def client_of(path):
    """The client tag of a request path ('/public~gamma/klines' -> 'gamma'), or None."""
    first = urlsplit(path).path.lstrip("/").split("/", 1)[0]
    return first.split("~", 1)[1] if "~" in first else None


def control(raw_path):
    """(status, body) of a /_control/hold or /_control/release request."""
    url = urlsplit(raw_path)
    client = parse_qs(url.query).get("client", [""])[-1]
    if not client:
        raise ApiError("client= is required")
    with HOLDS_LOCK:
        if url.path == "/_control/hold":
            HOLDS.setdefault(client, threading.Event())
            return 200, {"held": client}
        if url.path == "/_control/release":
            event = HOLDS.pop(client, None)
            if event:
                event.set()
            return 200, {"released": client, "was_held": event is not None}
    raise ApiError(f"unknown control {url.path}")


def wait_if_held(raw_path):
    client = client_of(raw_path)
    with HOLDS_LOCK:
        event = HOLDS.get(client) if client else None
    if event:
        event.wait(MAX_HOLD_S)


class Handler(BaseHTTPRequestHandler):
    server_version = "FreqboardSimulator/1.0"
    protocol_version = "HTTP/1.1"

    def answer(self):
        try:
            if self.path.startswith("/_control/"):
                status, body = control(self.path)
            else:
                wait_if_held(self.path)
                status, body = handle(self.command, self.path)
        except ApiError as err:
            status, body = err.status, {"code": err.code, "msg": err.msg}
        except Exception as err:  # a simulator bug: report it, keep serving
            status, body = 500, {"code": -1000, "msg": f"simulator error: {err!r}"}
        data = json.dumps(body, separators=(",", ":")).encode()
        # Drain any request body so the keep-alive connection stays in sync.
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(status)
        if status != 200 and not self.server.verbose:
            sys.stderr.write(f"{self.log_date_time_string()} {self.command} {self.path} -> "
                             f"{status} {body}\n")
        self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = answer

    def log_message(self, fmt_, *args):
        if self.server.verbose:  # with --quiet, only errors are logged (see answer())
            sys.stderr.write("%s %s\n" % (self.log_date_time_string(), fmt_ % args))


class Server(ThreadingHTTPServer):
    # Five bots and the webservers connect at once: the default backlog (5) overflowed ("Possible SYN flooding on
    # port …" in the kernel log), which turns into exchange timeouts in the bots.
    request_queue_size = 128


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=18000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--quiet", action="store_true", help="log only requests that fail")
    args = parser.parse_args(argv)

    server = Server((args.host, args.port), Handler)
    server.daemon_threads = True
    server.verbose = not args.quiet
    serve_until_stopped(server, f"simulator listening on http://{args.host}:{args.port}")


if __name__ == "__main__":
    main()
