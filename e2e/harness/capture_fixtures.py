#!/usr/bin/env python3
"""Capture real freqtrade REST answers as JSON fixtures for Freqboard's tests.

Run against a *fresh* bot started by ftharness.py (its first bot, or --name):

  python3 e2e/harness/ftharness.py up --state-dir /tmp/fb --ui-origin http://127.0.0.1:8080
  python3 e2e/harness/capture_fixtures.py --state-dir /tmp/fb --out tests/fixtures
  python3 e2e/harness/ftharness.py down --state-dir /tmp/fb

It first builds realistic state through the API (2 closed trades, 2 open trades on
other pairs, 2 locks, a blacklist entry), then GETs every endpoint the UI uses and
saves each answer, unchanged, to OUT/<name>.json (pretty-printed). An answer with a
non-2xx status is saved as OUT/<name>_<status>.json. The tokens in the login and
refresh answers are replaced by fake JWT-shaped strings. OUT/index.json lists every
fixture (method, path, status, file) and OUT/README.md says how they were made.

Standard library only.
"""

import argparse
import base64
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

FILL_TIMEOUT_S = 30


class Bot:
    """A tiny client for one freqtrade API server."""

    def __init__(self, record):
        self.record = record
        self.base = record["url"] + "/api/v1"
        self.token = None

    def basic_auth(self, username=None, password=None):
        user = self.record["username"] if username is None else username
        pwd = self.record["password"] if password is None else password
        raw = f"{user}:{pwd}".encode()
        return "Basic " + base64.b64encode(raw).decode()

    def request(self, method, path, body=None, query=None, auth="bearer"):
        """(status, parsed JSON or raw text) of one call."""
        url = self.base + path
        if query:
            url += "?" + urllib.parse.urlencode(query, doseq=True)
        headers = {"Accept": "application/json"}
        if auth == "bearer":
            headers["Authorization"] = f"Bearer {self.token}"
        elif auth is not None:
            headers["Authorization"] = auth
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as err:
            status, raw = err.code, err.read()
        text = raw.decode()
        try:
            return status, json.loads(text)
        except ValueError:
            return status, text


class Recorder:
    """Saves answers as fixture files and remembers them for index.json."""

    def __init__(self, bot, out_dir):
        self.bot = bot
        self.out = Path(out_dir)
        self.index = []

    def save(self, name, method, path, status, body, query=None):
        ok = 200 <= status < 300
        filename = f"{name}.json" if ok else f"{name}_{status}.json"
        if isinstance(body, str):  # not JSON: keep the text as it came
            filename = filename[:-5] + ".txt"
            text = body
        else:
            text = json.dumps(body, indent=2, ensure_ascii=False) + "\n"
        (self.out / filename).write_text(text)
        shown = path + ("?" + urllib.parse.urlencode(query, doseq=True) if query else "")
        self.index.append({"file": filename, "method": method, "path": "/api/v1" + shown,
                           "status": status})
        print(f"{status} {method} {shown} -> {filename}", file=sys.stderr)
        return body

    def call(self, name, method, path, body=None, query=None, auth="bearer"):
        """Make a call, save its answer, return (status, body)."""
        status, answer = self.bot.request(method, path, body=body, query=query, auth=auth)
        self.save(name, method, path, status, answer, query=query)
        return status, answer

    def get(self, name, path, query=None):
        return self.call(name, "GET", path, query=query)


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def fake_jwt(token_type, username):
    """A JWT-shaped string that is obviously not a real token."""
    def part(obj):
        raw = json.dumps(obj, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    header = part({"alg": "HS256", "typ": "JWT"})
    payload = part({"identity": {"u": username}, "exp": 1700000900, "iat": 1700000000,
                    "type": token_type, "fixture": "FAKE TOKEN, NOT SIGNED"})
    return f"{header}.{payload}.RkFLRS1GSVhUVVJFLVNJR05BVFVSRQ"


def check(status, body, what):
    if not 200 <= status < 300:
        sys.exit(f"error: {what} failed with {status}: {body}")
    return body


def wait_until(predicate, what, timeout=FILL_TIMEOUT_S):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    sys.exit(f"error: timed out waiting for {what}")


def open_trade(bot, trade_id):
    """The trade's JSON from /status, or None once it is closed.

    (/trades lists closed trades only.)
    """
    _, answer = bot.request("GET", "/status")
    for trade in answer:
        if trade["trade_id"] == trade_id:
            return trade
    return None


def enter(bot, pair, recorder=None):
    """Force-enter a long trade and wait until its entry order is filled."""
    payload = {"pair": pair, "side": "long"}
    if recorder:
        status, trade = recorder.call("forceenter", "POST", "/forceenter", body=payload)
    else:
        status, trade = bot.request("POST", "/forceenter", body=payload)
    check(status, trade, f"forceenter {pair}")
    trade_id = trade["trade_id"]
    wait_until(lambda: not open_trade(bot, trade_id)["has_open_orders"],
               f"entry of trade {trade_id} to fill")
    return trade_id


def exit_trade(bot, trade_id, recorder=None):
    """Force-exit a trade and wait until it is closed."""
    payload = {"tradeid": str(trade_id)}
    if recorder:
        status, answer = recorder.call("forceexit", "POST", "/forceexit", body=payload)
    else:
        status, answer = bot.request("POST", "/forceexit", body=payload)
    check(status, answer, f"forceexit {trade_id}")
    wait_until(lambda: open_trade(bot, trade_id) is None, f"trade {trade_id} to close")


def wait_for_ping(bot, timeout=60):
    def pings():
        try:
            return bot.request("GET", "/ping", auth=None)[0] == 200
        except OSError:
            return False
    wait_until(pings, "the bot to answer /ping again", timeout)


# --------------------------------------------------------------------------
# Capture steps
# --------------------------------------------------------------------------

def capture_auth(rec):
    """token_login, token_refresh and a bad login; leaves rec.bot.token set."""
    bot = rec.bot
    username = bot.record["username"]
    status, tokens = bot.request("POST", "/token/login", auth=bot.basic_auth())
    check(status, tokens, "login")
    bot.token = tokens["access_token"]
    refresh_token = tokens["refresh_token"]
    rec.save("token_login", "POST", "/token/login", status,
             {**tokens, "access_token": fake_jwt("access", username),
              "refresh_token": fake_jwt("refresh", username)})

    status, refreshed = bot.request("POST", "/token/refresh", auth=f"Bearer {refresh_token}")
    check(status, refreshed, "token refresh")
    rec.save("token_refresh", "POST", "/token/refresh", status,
             {**refreshed, "access_token": fake_jwt("access", username)})

    rec.call("login", "POST", "/token/login", auth=bot.basic_auth(password="wrong-password"))
    rec.call("count_no_auth", "GET", "/count", auth=None)
    rec.call("count_bad_token", "GET", "/count", auth=f"Bearer {fake_jwt('access', username)}")


def build_state(rec):
    """2 closed trades, 2 open trades, 2 locks, blacklisted pairs. Returns trade ids."""
    bot = rec.bot
    closed = []
    first = enter(bot, "BTC/USDT", recorder=rec)
    exit_trade(bot, first, recorder=rec)
    closed.append(first)
    second = enter(bot, "ETH/USDT")
    exit_trade(bot, second)
    closed.append(second)
    opened = [enter(bot, "SOL/USDT"), enter(bot, "XRP/USDT")]

    rec.call("forceenter_open_pair", "POST", "/forceenter",
             body={"pair": "SOL/USDT", "side": "long"})
    rec.call("forceenter_short_spot", "POST", "/forceenter",
             body={"pair": "ETH/USDT", "side": "short"})
    rec.call("forceexit_unknown", "POST", "/forceexit", body={"tradeid": "9999"})

    until = datetime.now(timezone.utc) + timedelta(hours=2)
    locks = [
        {"pair": "BTC/USDT", "side": "*", "until": until.isoformat(), "reason": "fixture lock"},
        {"pair": "ETH/USDT", "side": "long", "until": until.isoformat(), "reason": "to delete"},
    ]
    check(*rec.call("locks_post", "POST", "/locks", body=locks), "POST /locks")
    check(*rec.call("blacklist_post", "POST", "/blacklist",
                    body={"blacklist": ["BNB/USDT", "DOGE/USDT"]}), "POST /blacklist")
    rec.call("blacklist_post_errors", "POST", "/blacklist",
             body={"blacklist": ["BNB/USDT", "*/USDT"]})
    time.sleep(6)  # one bot loop (process_throttle_secs 5), so the whitelist is refreshed
    return closed, opened


def capture_reads(rec, closed, opened):
    """GET every read endpoint."""
    rec.call("ping", "GET", "/ping", auth=None)
    for name in ["version", "show_config", "status", "count", "profit", "profit_all",
                 "performance", "balance", "stats", "whitelist", "blacklist", "locks",
                 "entries", "exits", "mix_tags", "sysinfo", "health", "plot_config",
                 "daily", "weekly", "monthly", "edge", "strategies", "available_pairs",
                 "markets", "pair_history", "background"]:
        rec.get(name, "/" + name)
    rec.get("trades", "/trades", query={"limit": 50})
    rec.get("trades_page2", "/trades", query={"limit": 1, "offset": 1})
    rec.get(f"trade_{opened[0]}", f"/trade/{opened[0]}")
    rec.get("trade_closed", f"/trade/{closed[0]}")
    rec.get("trade", "/trade/9999")
    rec.get("logs", "/logs", query={"limit": 20})
    rec.get("strategy_SampleStrategy", "/strategy/SampleStrategy")
    rec.get("pair_candles", "/pair_candles",
            query={"pair": "BTC/USDT", "timeframe": "5m", "limit": 50})
    rec.get("pair_candles_1h", "/pair_candles",
            query={"pair": "BTC/USDT", "timeframe": "1h", "limit": 50})
    rec.get("daily_7", "/daily", query={"timescale": 7})


def capture_writes(rec):
    """Answers of the remaining state-changing calls."""
    status, locks = rec.bot.request("GET", "/locks")
    to_delete = [lock["id"] for lock in locks["locks"] if lock["reason"] == "to delete"]
    rec.call("locks_delete", "DELETE", f"/locks/{to_delete[0]}")
    rec.call("locks_delete_unknown", "DELETE", "/locks/9999")
    rec.call("blacklist_delete", "DELETE", "/blacklist", query={"pairs_to_delete": ["DOGE/USDT"]})

    rec.call("stopbuy", "POST", "/stopbuy")
    rec.call("forceenter_paused", "POST", "/forceenter",
             body={"pair": "BNB/USDT", "side": "long"})
    rec.call("start", "POST", "/start")
    rec.call("start_already_running", "POST", "/start")
    rec.call("stop", "POST", "/stop")
    time.sleep(2)
    rec.call("status_stopped", "GET", "/status")
    rec.call("stop_already_stopped", "POST", "/stop")
    rec.call("start_after_stop", "POST", "/start")
    time.sleep(2)
    rec.call("reload_config", "POST", "/reload_config")
    time.sleep(3)
    wait_for_ping(rec.bot)


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

README_TEMPLATE = """# freqtrade REST fixtures

Raw JSON answers of a real **freqtrade {version}** bot (dry-run, API version {api_version}),
captured on {date} by `e2e/harness/capture_fixtures.py`. Values are exactly what the
bot sent (re-indented only). `index.json` lists every file with its method, path and HTTP
status. A file named `<name>_<status>.json` holds the body of a non-2xx answer.

## How they were captured

```sh
python3 e2e/harness/ftharness.py setup
python3 e2e/harness/ftharness.py up --state-dir /tmp/fb-fixtures --ui-origin http://127.0.0.1:8080
python3 e2e/harness/capture_fixtures.py --state-dir /tmp/fb-fixtures --out tests/fixtures
python3 e2e/harness/ftharness.py down --state-dir /tmp/fb-fixtures
```

The bot runs `freqtrade trade` in dry-run with `SampleStrategy` (5m), stake 50 USDT, a
1000 USDT dry-run wallet, StaticPairList BTC/ETH/SOL/XRP against USDT, market orders, and
`e2e/harness/simulator.py` as its Binance (deterministic prices, so candles repeat across
runs; timestamps and trade prices still depend on the time of capture).

Before the GETs the script force-entered and force-exited BTC/USDT and ETH/USDT (2
closed trades), force-entered SOL/USDT and XRP/USDT (2 open trades), locked BTC/USDT
and ETH/USDT and blacklisted BNB/USDT and DOGE/USDT. SampleStrategy may have opened
trades of its own as well. After the GETs it deleted the ETH/USDT lock and DOGE/USDT
from the blacklist and toggled the bot through stopbuy / start / stop / start /
reload_config.

## Notes

- `token_login.json` and `token_refresh.json`: the tokens were replaced by fake,
  unsigned JWT-shaped strings; everything else is as sent.
- `/trades` lists **closed** trades only (`total_trades` counts closed trades); open
  trades come from `/status`. `/trade/<id>` answers for open (`trade_<id>.json`) and
  closed trades (`trade_closed.json`); an unknown id is a 404 (`trade_404.json`).
- Closing a trade makes freqtrade add an "Auto lock" on the pair until the next candle,
  so `locks.json` holds those as well as the two locks posted.
- Errors of trading calls (RPC errors) come back as HTTP 502 with `{{"error": "..."}}`;
  FastAPI/auth errors as `{{"detail": ...}}` (401, 404, 503). `DELETE /locks/<unknown>`
  is a 200 with the unchanged list.
- `strategies`, `available_pairs`, `pair_history` and `background` only work in webserver
  mode (`freqtrade webserver`): a trading bot answers 503. `edge` no longer exists (404).
- `show_config.api_version` is the number `2.5` (API 2.50); `stake_amount` is a string.
- `pair_candles` for a timeframe the strategy does not use (`pair_candles_1h.json`) is
  an empty answer (`length` 0, no columns), not an error.
- `status_stopped.json`: after `/stop`, `/status` still lists the open trades.
- Blacklist changes made through the API live in memory only: `/reload_config` (or a
  restart) goes back to the config's `pair_blacklist`.
- The ERROR/WARNING lines in `logs.json` come from the deliberately failing calls above
  (each 502 is also logged as "API Error calling: ...").

## Files

| file | method | path | status |
| --- | --- | --- | --- |
{rows}
"""


def clear_old_fixtures(out_dir):
    """Remove the files listed by a previous capture's index.json."""
    index = out_dir / "index.json"
    if not index.exists():
        return
    for entry in json.loads(index.read_text()):
        (out_dir / entry["file"]).unlink(missing_ok=True)


def write_readme(out_dir, index, version):
    rows = "\n".join(
        f"| `{e['file']}` | {e['method']} | `{e['path']}` | {e['status']} |" for e in index)
    text = README_TEMPLATE.format(
        version=version["freqtrade"], api_version=version["api_version"],
        date=datetime.now(timezone.utc).strftime("%Y-%m-%d"), rows=rows)
    (out_dir / "README.md").write_text(text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--state-dir", required=True, help="state dir of `ftharness.py up`")
    parser.add_argument("--out", required=True, help="fixture directory, e.g. tests/fixtures")
    parser.add_argument("--name", help="bot to use (default: the first in bots.json)")
    args = parser.parse_args(argv)

    bots = json.loads((Path(args.state_dir) / "bots.json").read_text())
    record = next((b for b in bots if b["name"] == args.name), None) if args.name else bots[0]
    if record is None:
        sys.exit(f"error: no bot named {args.name!r}")
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    clear_old_fixtures(out_dir)

    rec = Recorder(Bot(record), out_dir)
    capture_auth(rec)
    status, count = rec.bot.request("GET", "/count")
    if count.get("current"):
        print("warning: the bot already has open trades; use a fresh state dir", file=sys.stderr)
    closed, opened = build_state(rec)
    capture_reads(rec, closed, opened)
    capture_writes(rec)
    _, version = rec.bot.request("GET", "/version")
    _, show_config = rec.bot.request("GET", "/show_config")
    (out_dir / "index.json").write_text(json.dumps(rec.index, indent=2) + "\n")
    write_readme(out_dir, rec.index, {"freqtrade": version["version"],
                                      "api_version": show_config["api_version"]})
    print(f"wrote {len(rec.index)} fixtures to {out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
