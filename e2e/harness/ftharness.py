#!/usr/bin/env python3
"""Run real freqtrade dry-run bots offline, for Freqboard's end-to-end tests and demo.

The bots trade (dry-run) against ``simulator.py``, a deterministic simulated Binance
spot exchange on loopback, so nothing needs the internet.

Subcommands:

  setup       create the venv (freqtrade==2026.9) and a userdir with SampleStrategy
  up          start the simulator and N bots, write DIR/bots.json and print it;
              --history NAME:closed=N,open=N,locks=N seeds a new bot's database first
              (seed_history.py: closed/open trades and pair locks, as the bot writes them);
              --stake NAME:BTC gives a bot another stake currency than USDT (STAKES below:
              its whitelist, stake_amount and dry_run_wallet)
  down        stop every process started from DIR (bots and simulator)
  stop-bot    stop one bot (SIGTERM, or SIGKILL with --kill)
  start-bot   start one bot again with its config (optionally a new jwt_secret_key)
  mint-token  print an HS256 JWT for a bot, signed like freqtrade does (optionally expired)
  webserver   download candles from the simulator (`freqtrade download-data`) and run
              `freqtrade webserver` on them (history mode: strategies, pair_history, ...)

Examples:

  python3 e2e/harness/ftharness.py setup
  python3 e2e/harness/ftharness.py up --state-dir .run/e2e --ui-origin http://127.0.0.1:8080 --bots 2
  python3 e2e/harness/ftharness.py up --state-dir .run/demo --ui-origin http://127.0.0.1:8080 \
      --names demo --history demo:closed=60,open=3,locks=1
  python3 e2e/harness/ftharness.py up --state-dir .run/e2e --ui-origin http://127.0.0.1:8080 \
      --names usdtbot,btcbot --stake btcbot:BTC
  python3 e2e/harness/ftharness.py mint-token --state-dir .run/e2e --name bot1 --expired
  python3 e2e/harness/ftharness.py webserver --state-dir .run/e2e --ui-origin http://127.0.0.1:8080 \
      --name hist --port 18150 --sim-port 18000
  python3 e2e/harness/ftharness.py down --state-dir .run/e2e

Layout of a state dir:

  DIR/bots.json            list of {name, url, port, username, password, jwt_secret_key,
                           ws_token, config, log, pid, cors_origins, stake_currency}, plus
                           history: {closed, open, locks} for a bot seeded with --history
  DIR/simulator.json       {pid, port} when the simulator was started from DIR
  DIR/simulator.log
  DIR/<name>/config.json   the bot's config; DIR/<name>/freqtrade.log its log
                         (DIR/<name>/console.log: its stdout/stderr, same lines, wrapped);
  DIR/<name>/tradesv3.dryrun.sqlite its database; DIR/<name>/user_data its userdir

The venv and the shared userdir (with SampleStrategy) live in
``${FREQBOARD_CACHE:-$HOME/.cache/freqboard}``. This script needs only the standard
library, so it runs with any python3 >= 3.9.
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

FREQTRADE_VERSION = "2026.9"
HERE = Path(__file__).resolve().parent
SIMULATOR = HERE / "simulator.py"
SEEDER = HERE / "seed_history.py"

PAIRS = ["BTC/USDT", "ETH/USDT", "SOL/USDT", "XRP/USDT"]
DEFAULT_STAKE = "USDT"
# stake currency -> what a bot trading in it gets: its pair whitelist (pairs simulator.py lists),
# stake per trade and dry-run wallet (0.002 BTC a trade, as 50 USDT is about 0.001 BTC)
STAKES = {
    "USDT": {"pairs": PAIRS, "stake_amount": 50, "dry_run_wallet": 1000},
    "BTC": {"pairs": ["ETH/BTC", "SOL/BTC"], "stake_amount": 0.002, "dry_run_wallet": 0.1},
}
DEFAULT_USERNAME = "freqtrader"
PING_TIMEOUT_S = 120
ACCESS_TOKEN_LIFETIME_S = 15 * 60
REFRESH_TOKEN_LIFETIME_S = 30 * 24 * 3600


def log(message):
    """Progress messages go to stderr so stdout stays machine-readable."""
    print(message, file=sys.stderr, flush=True)


def fail(message):
    log(f"error: {message}")
    sys.exit(1)


# --------------------------------------------------------------------------
# Paths
# --------------------------------------------------------------------------

def cache_dir():
    return Path(os.environ.get("FREQBOARD_CACHE") or Path.home() / ".cache" / "freqboard")


def venv_dir():
    return cache_dir() / "venv"


def venv_bin(name):
    return venv_dir() / "bin" / name


def shared_userdir():
    return cache_dir() / "user_data"


def strategy_dir():
    return shared_userdir() / "strategies"


# --------------------------------------------------------------------------
# setup: venv and userdir
# --------------------------------------------------------------------------

def installed_freqtrade_version():
    """The version `freqtrade --version` reports in the venv, or None."""
    if not venv_bin("freqtrade").exists():
        return None
    try:
        out = subprocess.run([str(venv_bin("freqtrade")), "--version"], capture_output=True,
                             text=True, timeout=120).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    for line in out.splitlines():
        if line.startswith("Freqtrade Version:") or line.startswith("freqtrade "):
            return line.split()[-1]
    return None


def ensure_venv():
    version = installed_freqtrade_version()
    if version == FREQTRADE_VERSION:
        log(f"venv ok: {venv_dir()} (freqtrade {version})")
        return
    log(f"installing freqtrade=={FREQTRADE_VERSION} into {venv_dir()} (found: {version}) ...")
    if not venv_bin("python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv_dir())], check=True)
    subprocess.run([str(venv_bin("pip")), "install", "-q", f"freqtrade=={FREQTRADE_VERSION}"],
                   check=True)
    version = installed_freqtrade_version()
    if version != FREQTRADE_VERSION:
        fail(f"freqtrade --version reports {version!r} after install")


def ensure_userdir():
    if (strategy_dir() / "sample_strategy.py").exists():
        log(f"userdir ok: {shared_userdir()}")
        return
    subprocess.run([str(venv_bin("freqtrade")), "create-userdir", "--userdir",
                    str(shared_userdir())], check=True, stdout=subprocess.DEVNULL)
    log(f"created userdir {shared_userdir()}")


def cmd_setup(args):
    started = time.monotonic()
    ensure_venv()
    ensure_userdir()
    log(f"setup done in {time.monotonic() - started:.1f}s")


def require_setup():
    if not venv_bin("freqtrade").exists() or not (strategy_dir() / "sample_strategy.py").exists():
        fail("freqtrade is not set up; run `ftharness.py setup` first")


# --------------------------------------------------------------------------
# Processes
# --------------------------------------------------------------------------

def process_cmdline(pid):
    """The command line of a live (non-zombie) process, or None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            return None
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except (OSError, IndexError):
        return None


def is_running(pid, marker):
    """True when `pid` is alive and its command line contains `marker`.

    The marker (a config path, the simulator's path) guards against a recycled pid.
    """
    if not pid:
        return False
    cmdline = process_cmdline(pid)
    return cmdline is not None and marker in cmdline


def start_detached(command, log_path, cwd):
    """Start a process in its own session, output appended to log_path; return its pid."""
    # PYTHONFAULTHANDLER: a Python process that dies of a fatal signal (one bot once segfaulted inside libpython)
    # writes every thread's stack into its log first, so the crash can be told apart and traced.
    env = {**os.environ, "PYTHONFAULTHANDLER": "1"}
    with open(log_path, "ab") as log_file:
        process = subprocess.Popen(
            [str(part) for part in command], cwd=str(cwd), stdin=subprocess.DEVNULL, env=env,
            stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True, close_fds=True)
    return process.pid


def stop_process(pid, marker, kill=False, timeout=20):
    """Stop a process started by start_detached (and its process group)."""
    if not is_running(pid, marker):
        return
    sig = signal.SIGKILL if kill else signal.SIGTERM
    send_signal(pid, sig)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process_cmdline(pid) is None:
            return
        reap(pid)
        time.sleep(0.2)
    log(f"pid {pid} did not stop after {timeout}s; sending SIGKILL")
    send_signal(pid, signal.SIGKILL)
    time.sleep(0.5)
    reap(pid)


def send_signal(pid, sig):
    try:
        os.killpg(pid, sig)  # the process leads its own session/group
    except ProcessLookupError:
        pass
    except PermissionError:
        os.kill(pid, sig)


def reap(pid):
    """Collect a child we started in this very invocation, if it has exited."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def tail(path, lines=40):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# --------------------------------------------------------------------------
# HTTP helpers
# --------------------------------------------------------------------------

def http_get_json(url, timeout=2.0):
    """GET a URL; return the decoded JSON body, or None if it is unreachable or not 2xx."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return json.loads(response.read())
    except (urllib.error.URLError, OSError, ValueError):
        return None


def bot_pings(port):
    body = http_get_json(f"http://127.0.0.1:{port}/api/v1/ping")
    return isinstance(body, dict) and body.get("status") == "pong"


def simulator_answers(port):
    body = http_get_json(f"http://127.0.0.1:{port}/public/time")
    return isinstance(body, dict) and "serverTime" in body


# --------------------------------------------------------------------------
# State dir
# --------------------------------------------------------------------------

def bots_file(state_dir):
    return Path(state_dir) / "bots.json"


def load_bots(state_dir):
    path = bots_file(state_dir)
    return json.loads(path.read_text()) if path.exists() else []


def save_bots(state_dir, bots):
    bots_file(state_dir).write_text(json.dumps(bots, indent=2) + "\n")


def find_bot(bots, name):
    for bot in bots:
        if bot["name"] == name:
            return bot
    fail(f"no bot named {name!r} (known: {', '.join(b['name'] for b in bots) or 'none'})")


# --------------------------------------------------------------------------
# Simulator
# --------------------------------------------------------------------------

def simulator_file(state_dir):
    return Path(state_dir) / "simulator.json"


def ensure_simulator(state_dir, port):
    """Start the simulator unless something already answers on its port."""
    if simulator_answers(port):
        log(f"simulator already answering on port {port}")
        return
    pid = start_detached([sys.executable, SIMULATOR, "--port", port, "--quiet"],
                         Path(state_dir) / "simulator.log", state_dir)
    simulator_file(state_dir).write_text(json.dumps({"pid": pid, "port": port}) + "\n")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if simulator_answers(port):
            log(f"simulator started on port {port} (pid {pid})")
            return
        if not is_running(pid, str(SIMULATOR)):
            break
        time.sleep(0.2)
    fail(f"simulator did not start on port {port}:\n{tail(Path(state_dir) / 'simulator.log')}")


def stop_simulator(state_dir):
    path = simulator_file(state_dir)
    if not path.exists():
        return
    info = json.loads(path.read_text())
    stop_process(info["pid"], str(SIMULATOR))
    path.unlink()
    log(f"simulator stopped (pid {info['pid']})")


# --------------------------------------------------------------------------
# Bot configuration
# --------------------------------------------------------------------------

def ccxt_binance_api_keys():
    """Every key of ccxt.binance().urls['api'] in the venv's ccxt."""
    code = "import ccxt, json; print(json.dumps(sorted(ccxt.binance().urls['api'])))"
    out = subprocess.run([str(venv_bin("python")), "-c", code], capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out)


def exchange_config(sim_port, api_keys, pairs=PAIRS, client=None):
    """The `exchange` section: binance spot, every ccxt API url sent to the simulator.

    With a `client` name the urls carry it (`/<key>~<client>`), so the simulator can hold this bot's requests,
    and ccxt waits up to 5 minutes for an answer instead of 10 s: a held exchange stalls the bot's loop.
    """
    tag = f"~{client}" if client else ""
    ccxt_config = {
        "urls": {"api": {key: f"http://127.0.0.1:{sim_port}/{key}{tag}" for key in api_keys}},
        "options": {"fetchMarkets": {"types": ["spot"]}},
    }
    if client:
        ccxt_config["timeout"] = 300_000
    return {
        "name": "binance",
        "key": "",
        "secret": "",
        "ccxt_config": ccxt_config,
        "ccxt_async_config": ccxt_config,
        "enable_ws": False,
        "pair_whitelist": list(pairs),
        "pair_blacklist": [],
    }


def bot_config(bot, sim_port, api_keys):
    """A complete dry-run config for one bot (in its stake currency, STAKES)."""
    bot_dir = Path(bot["config"]).parent
    stake_currency = bot.get("stake_currency", DEFAULT_STAKE)
    stake = STAKES[stake_currency]
    return {
        "bot_name": bot["name"],
        "dry_run": True,
        "dry_run_wallet": stake["dry_run_wallet"],
        "trading_mode": "spot",
        "margin_mode": "",
        "stake_currency": stake_currency,
        "stake_amount": stake["stake_amount"],
        "tradable_balance_ratio": 0.99,
        "max_open_trades": 5,
        # A stallable bot runs 1m candles, so "no loop for twice the timeframe" comes after 2 minutes.
        "timeframe": "1m" if bot.get("stallable") else "5m",
        "strategy": "SampleStrategy",
        "strategy_path": str(strategy_dir()),
        "user_data_dir": str(bot_dir / "user_data"),
        "db_url": f"sqlite:///{bot_dir / 'tradesv3.dryrun.sqlite'}",
        "initial_state": "running",
        "force_entry_enable": True,
        "cancel_open_orders_on_exit": False,
        "unfilledtimeout": {"entry": 10, "exit": 10, "exit_timeout_count": 0, "unit": "minutes"},
        "entry_pricing": {
            "price_side": "other",
            "use_order_book": True,
            "order_book_top": 1,
            "price_last_balance": 0.0,
            "check_depth_of_market": {"enabled": False, "bids_to_ask_delta": 1},
        },
        "exit_pricing": {"price_side": "other", "use_order_book": True, "order_book_top": 1},
        "order_types": {
            "entry": "market",
            "exit": "market",
            "emergency_exit": "market",
            "force_entry": "market",
            "force_exit": "market",
            "stoploss": "market",
            "stoploss_on_exchange": False,
        },
        "order_time_in_force": {"entry": "GTC", "exit": "GTC"},
        "exchange": exchange_config(sim_port, api_keys, stake["pairs"],
                                    bot["name"] if bot.get("stallable") else None),
        "pairlists": [{"method": "StaticPairList"}],
        "telegram": {"enabled": False, "token": "", "chat_id": ""},
        "api_server": {
            "enabled": True,
            "listen_ip_address": "127.0.0.1",
            "listen_port": bot["port"],
            "verbosity": "error",
            "enable_openapi": False,
            "jwt_secret_key": bot["jwt_secret_key"],
            "ws_token": bot["ws_token"],
            "CORS_origins": bot["cors_origins"],
            "username": bot["username"],
            "password": bot["password"],
        },
        "internals": {"process_throttle_secs": 5, "heartbeat_interval": 60},
        "dataformat_ohlcv": "feather",
        "dataformat_trades": "feather",
    }


def new_bot(state_dir, name, port, username, cors_origins, stake_currency=DEFAULT_STAKE):
    """A fresh bots.json record with new random credentials."""
    bot_dir = Path(state_dir).resolve() / name
    return {
        "name": name,
        "url": f"http://127.0.0.1:{port}",
        "port": port,
        "username": username,
        "password": secrets.token_urlsafe(18),
        "jwt_secret_key": secrets.token_hex(32),
        "ws_token": secrets.token_urlsafe(24),
        "config": str(bot_dir / "config.json"),
        "log": str(bot_dir / "freqtrade.log"),
        "pid": None,
        "cors_origins": list(cors_origins),
        "stake_currency": stake_currency,
    }


def write_bot_config(bot, sim_port, api_keys):
    bot_dir = Path(bot["config"]).parent
    (bot_dir / "user_data").mkdir(parents=True, exist_ok=True)
    config = bot_config(bot, sim_port, api_keys)
    Path(bot["config"]).write_text(json.dumps(config, indent=2) + "\n")


def bot_db_path(bot):
    """The sqlite file of a bot's dry-run database (see bot_config's db_url)."""
    return Path(bot["config"]).parent / "tradesv3.dryrun.sqlite"


def delete_bot_db(bot):
    """Delete a (stopped) bot's database, so that it starts with a fresh one."""
    db = bot_db_path(bot)
    for path in (db, db.with_name(db.name + "-journal"), db.with_name(db.name + "-wal"),
                 db.with_name(db.name + "-shm")):
        path.unlink(missing_ok=True)


def seed_history(bot, history):
    """Give a new bot's fresh database a trading history before the bot starts.

    Runs seed_history.py with the venv's python (it uses freqtrade's persistence layer).
    An old database of the bot dir is deleted first: the seeder refuses to add to one.
    """
    delete_bot_db(bot)
    options = []
    for key in HISTORY_KEYS:
        options += [f"--{key}", str(history[key])]
    run_on_bot_db(bot, SEEDER, options, "seeding the history", timeout=300)


def run_on_bot_db(bot, script, options, what, timeout):
    """Runs one of the harness's scripts that write to a bot's database through freqtrade's own code (with the
    venv's python, `--config` the bot's), and logs what it printed; fails with its output when it fails."""
    command = [str(venv_bin("python")), str(script), "--config", bot["config"], *options]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        fail(f"{bot['name']}: {what} failed ({result.returncode}):\n"
             f"{(result.stderr or result.stdout).strip()}")
    log(f"{bot['name']}: {result.stdout.strip()}")


def config_sim_port(bot):
    """The simulator port a bot's existing config points at."""
    config = json.loads(Path(bot["config"]).read_text())
    url = config["exchange"]["ccxt_config"]["urls"]["api"]["public"]
    return int(url.split(":")[-1].split("/")[0])


# --------------------------------------------------------------------------
# Bot processes
# --------------------------------------------------------------------------

def bot_is_running(bot):
    return is_running(bot.get("pid"), bot["config"])


def launch_bot(bot):
    """Start a bot's freqtrade process (not waiting for it)."""
    if bot_pings(bot["port"]):
        fail(f"port {bot['port']} already has a freqtrade API answering (not started from here?)")
    command = [venv_bin("freqtrade"), "trade", "--config", bot["config"], "--logfile", bot["log"]]
    bot["pid"] = start_detached(command, console_log(bot), Path(bot["config"]).parent)
    log(f"{bot['name']}: started freqtrade on port {bot['port']} (pid {bot['pid']})")


def console_log(bot):
    """stdout/stderr of a bot: has everything, even errors from before logging is set up."""
    return Path(bot["config"]).parent / "console.log"


def wait_for_ping(bot, timeout=PING_TIMEOUT_S):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if bot_pings(bot["port"]):
            log(f"{bot['name']}: ping ok on {bot['url']}")
            return
        # Gone, not merely "not freqtrade yet": right after the fork the child still carries this script's
        # command line until it has exec'd freqtrade, which on a busy machine can outlast the first check.
        if process_cmdline(bot["pid"]) is None:
            fail(f"{bot['name']} exited during start-up; log tail:\n{tail(console_log(bot))}")
        time.sleep(0.5)
    fail(f"{bot['name']} did not answer /api/v1/ping within {timeout}s; log tail:\n"
         f"{tail(console_log(bot))}")


def stop_bot(bot, kill=False):
    if bot_is_running(bot):
        stop_process(bot["pid"], bot["config"], kill=kill)
        log(f"{bot['name']}: stopped (pid {bot['pid']}{', SIGKILL' if kill else ''})")
    bot["pid"] = None


# --------------------------------------------------------------------------
# up / down / stop-bot / start-bot
# --------------------------------------------------------------------------

def split_list(value):
    return [item.strip() for item in value.split(",") if item.strip()] if value else []


def wanted_bots(args):
    """(name, port, username, cors_origins) for every bot `up` should run."""
    names = split_list(args.names) or [f"bot{i + 1}" for i in range(args.bots)]
    usernames = split_list(args.usernames)
    if usernames and len(usernames) != len(names):
        fail("--usernames needs one name per bot")
    origins = args.cors_origin if args.cors_origin else [args.ui_origin]
    for name in args.no_cors_for:
        if name not in names:
            fail(f"--no-cors-for {name}: no such bot")
    return [
        (name, args.base_port + i, usernames[i] if usernames else DEFAULT_USERNAME,
         [] if name in args.no_cors_for else origins)
        for i, name in enumerate(names)
    ]


HISTORY_KEYS = ("closed", "open", "locks")


def parse_history(values, names):
    """{bot name: {closed, open, locks}} from --history NAME:closed=N,open=N,locks=N options.

    A key left out is 0; a bot with only zeros gets no history.
    """
    histories = {}
    for value in values:
        name, sep, spec = value.partition(":")
        if not sep or not name:
            fail(f"--history {value!r}: expected NAME:closed=N,open=N,locks=N")
        if name not in names:
            fail(f"--history {value!r}: no bot named {name!r}")
        if name in histories:
            fail(f"--history: {name!r} given twice")
        history = dict.fromkeys(HISTORY_KEYS, 0)
        for item in split_list(spec):
            key, sep, number = item.partition("=")
            if not sep or key.strip() not in HISTORY_KEYS or not number.strip().isdigit():
                fail(f"--history {value!r}: {item!r} is not closed=N, open=N or locks=N")
            history[key.strip()] = int(number)
        if any(history.values()):
            histories[name] = history
    return histories


def parse_stakes(values, names):
    """{bot name: stake currency} from --stake NAME:CURRENCY options (each may be a comma list).

    A bot not named has DEFAULT_STAKE.
    """
    stakes = {}
    for value in values:
        for item in split_list(value):
            name, sep, currency = item.partition(":")
            name, currency = name.strip(), currency.strip().upper()
            if not sep or not name or not currency:
                fail(f"--stake {item!r}: expected NAME:CURRENCY")
            if name not in names:
                fail(f"--stake {item!r}: no bot named {name!r}")
            if currency not in STAKES:
                fail(f"--stake {item!r}: the simulator lists pairs for {', '.join(STAKES)} only")
            if name in stakes:
                fail(f"--stake: {name!r} given twice")
            stakes[name] = currency
    return stakes


def reusable(bot, port, username, cors_origins, sim_port, history, stake_currency, stallable):
    """True when a recorded bot is running with the settings asked for.

    A bot asked to have a seeded history is reused only if it was started with the same
    --history (its database has evolved since: the bot keeps trading). A record written
    before stake currencies were recorded is a USDT bot.
    """
    return (bot_is_running(bot) and bot_pings(bot["port"]) and bot["port"] == port
            and bot["username"] == username and bot["cors_origins"] == cors_origins
            and config_sim_port(bot) == sim_port and bot.get("history") == history
            and bot.get("stake_currency", DEFAULT_STAKE) == stake_currency
            and bool(bot.get("stallable")) == stallable)


def cmd_up(args):
    require_setup()
    started = time.monotonic()
    wanted = wanted_bots(args)
    histories = parse_history(args.history, [name for name, *_ in wanted])
    stakes = parse_stakes(args.stake, [name for name, *_ in wanted])
    stallables = {n for item in args.stallable for n in split_list(item)}
    for name in stallables - {name for name, *_ in wanted}:
        fail(f"--stallable {name!r}: no bot of that name")
    state_dir = Path(args.state_dir).resolve()
    state_dir.mkdir(parents=True, exist_ok=True)
    ensure_simulator(state_dir, args.sim_port)

    old_bots = {bot["name"]: bot for bot in load_bots(state_dir)}
    api_keys = None
    bots, launched = [], []
    for name, port, username, cors_origins in wanted:
        old = old_bots.pop(name, None)
        history = histories.get(name)
        stake_currency = stakes.get(name, DEFAULT_STAKE)
        stallable = name in stallables
        if old and reusable(old, port, username, cors_origins, args.sim_port, history, stake_currency,
                            stallable):
            log(f"{name}: already running on port {port} (pid {old['pid']}), reused")
            bots.append(old)
            continue
        if old:
            stop_bot(old)
        api_keys = api_keys or ccxt_binance_api_keys()
        bot = new_bot(state_dir, name, port, username, cors_origins, stake_currency)
        if stallable:
            bot["stallable"] = True
        write_bot_config(bot, args.sim_port, api_keys)
        if history:
            seed_history(bot, history)  # into a fresh database, before the bot opens it
            bot["history"] = history
        elif old and (old.get("history")
                      or old.get("stake_currency", DEFAULT_STAKE) != stake_currency):
            delete_bot_db(bot)  # no seeded trades, nor trades in another currency, left over
        launch_bot(bot)
        bots.append(bot)
        launched.append(bot)

    for leftover in old_bots.values():  # bots of an earlier `up` no longer asked for
        stop_bot(leftover)

    save_bots(state_dir, bots)  # pids are recorded even if a bot fails to start
    for bot in launched:
        wait_for_ping(bot)
    save_bots(state_dir, bots)
    log(f"up done in {time.monotonic() - started:.1f}s; state in {bots_file(state_dir)}")
    print(json.dumps(bots, indent=2))


def cmd_down(args):
    state_dir = Path(args.state_dir).resolve()
    bots = load_bots(state_dir)
    for bot in bots:
        stop_bot(bot)
    if bots:
        save_bots(state_dir, bots)
    stop_simulator(state_dir)


def cmd_stop_bot(args):
    state_dir = Path(args.state_dir).resolve()
    bots = load_bots(state_dir)
    stop_bot(find_bot(bots, args.name), kill=args.kill)
    save_bots(state_dir, bots)


def cmd_custom_data(args):
    bot = find_bot(load_bots(Path(args.state_dir).resolve()), args.name)
    options = ["--trade-id", str(args.trade_id)]
    for item in args.set:
        options += ["--set", item]
    run_on_bot_db(bot, HERE / "set_custom_data.py", options, "storing custom data", timeout=120)


def cmd_start_bot(args):
    require_setup()
    state_dir = Path(args.state_dir).resolve()
    bots = load_bots(state_dir)
    bot = find_bot(bots, args.name)
    if bot_is_running(bot):
        if not args.new_secret:
            log(f"{bot['name']}: already running (pid {bot['pid']})")
            print(json.dumps(bot, indent=2))
            return
        stop_bot(bot)
    if args.new_secret:
        bot["jwt_secret_key"] = secrets.token_hex(32)
        config = json.loads(Path(bot["config"]).read_text())
        config["api_server"]["jwt_secret_key"] = bot["jwt_secret_key"]
        Path(bot["config"]).write_text(json.dumps(config, indent=2) + "\n")
        log(f"{bot['name']}: new jwt_secret_key")
    launch_bot(bot)
    save_bots(state_dir, bots)
    wait_for_ping(bot)
    print(json.dumps(bot, indent=2))


# --------------------------------------------------------------------------
# mint-token
# --------------------------------------------------------------------------

def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def encode_hs256_jwt(payload, secret):
    """What PyJWT's jwt.encode(payload, secret, algorithm="HS256") produces."""
    header = json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":"), sort_keys=True)
    body = json.dumps(payload, separators=(",", ":"))
    signing_input = f"{b64url(header.encode())}.{b64url(body.encode())}"
    signature = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64url(signature)}"


def token_claims(username, token_type, expired, now=None, expires_in=None):
    """The claims freqtrade's api_auth.create_token puts in a token; `expires_in` (s) backdates the issue so
    that the token ends that soon (a login near the end of its life)."""
    now = int(time.time()) if now is None else now
    lifetime = ACCESS_TOKEN_LIFETIME_S if token_type == "access" else REFRESH_TOKEN_LIFETIME_S
    if expires_in is not None:
        issued = now + expires_in - lifetime
    else:
        issued = now - lifetime - 60 if expired else now
    return {"identity": {"u": username}, "exp": issued + lifetime, "iat": issued,
            "type": token_type}


def cmd_mint_token(args):
    bot = find_bot(load_bots(Path(args.state_dir).resolve()), args.name)
    claims = token_claims(args.username or bot["username"], args.type, args.expired,
                          expires_in=args.expires_in)
    print(encode_hs256_jwt(claims, bot["jwt_secret_key"]))


# --------------------------------------------------------------------------
# webserver: downloaded data + `freqtrade webserver`
# --------------------------------------------------------------------------

def webserver_is_running(bot):
    cmdline = process_cmdline(bot.get("pid")) if bot.get("pid") else None
    return cmdline is not None and bot["config"] in cmdline and " webserver " in f" {cmdline} "


def cmd_webserver(args):
    """Start (or reuse) a `freqtrade webserver` whose datadir holds candles downloaded from the simulator.

    The record joins DIR/bots.json like the trading bots (so `down` stops it too), with "mode": "webserver".
    """
    require_setup()
    started = time.monotonic()
    state_dir = Path(args.state_dir).resolve()
    state_dir.mkdir(parents=True, exist_ok=True)
    ensure_simulator(state_dir, args.sim_port)
    bots = load_bots(state_dir)
    old = next((b for b in bots if b["name"] == args.name), None)
    origins = args.cors_origin if args.cors_origin else [args.ui_origin]
    if old and old.get("mode") == "webserver" and webserver_is_running(old) and bot_pings(old["port"]) \
            and old["port"] == args.port and old["cors_origins"] == origins:
        log(f"{args.name}: webserver already running on port {args.port} (pid {old['pid']}), reused")
        print(json.dumps(old, indent=2))
        return
    if old:
        stop_bot(old)
        bots = [b for b in bots if b["name"] != args.name]
    bot = new_bot(state_dir, args.name, args.port, args.username or DEFAULT_USERNAME, origins)
    bot["mode"] = "webserver"
    write_bot_config(bot, args.sim_port, ccxt_binance_api_keys())
    bot_dir = Path(bot["config"]).parent
    timeframes = split_list(args.timeframes) or ["5m", "1h"]
    pairs = split_list(args.pairs) or list(PAIRS)
    download = [venv_bin("freqtrade"), "download-data", "--config", bot["config"], "--days", str(args.days),
                "--timeframes", *timeframes, "--pairs", *pairs]
    log(f"{args.name}: downloading {', '.join(timeframes)} candles of {', '.join(pairs)} "
        f"for {args.days} days from the simulator ...")
    with open(bot_dir / "download.log", "ab") as out:
        result = subprocess.run([str(part) for part in download], cwd=str(bot_dir), stdin=subprocess.DEVNULL,
                                stdout=out, stderr=subprocess.STDOUT, timeout=600)
    if result.returncode != 0:
        fail(f"download-data failed ({result.returncode}):\n{tail(bot_dir / 'download.log')}")
    if bot_pings(bot["port"]):
        fail(f"port {bot['port']} already has a freqtrade API answering (not started from here?)")
    command = [venv_bin("freqtrade"), "webserver", "--config", bot["config"], "--logfile", bot["log"]]
    bot["pid"] = start_detached(command, console_log(bot), bot_dir)
    log(f"{bot['name']}: started freqtrade webserver on port {bot['port']} (pid {bot['pid']})")
    bots.append(bot)
    save_bots(state_dir, bots)
    deadline = time.monotonic() + PING_TIMEOUT_S
    while not bot_pings(bot["port"]):
        if time.monotonic() > deadline or process_cmdline(bot["pid"]) is None:
            fail(f"{bot['name']} did not answer /api/v1/ping; log tail:\n{tail(console_log(bot))}")
        time.sleep(0.5)
    log(f"webserver done in {time.monotonic() - started:.1f}s")
    print(json.dumps(bot, indent=2))


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------

def build_parser():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[2:]))
    commands = parser.add_subparsers(dest="command", required=True)

    setup = commands.add_parser("setup", help="create the venv and the userdir (idempotent)")
    setup.set_defaults(func=cmd_setup)

    up = commands.add_parser("up", help="start the simulator and the bots")
    up.add_argument("--state-dir", required=True)
    up.add_argument("--ui-origin", required=True,
                    help="origin of the UI, put in every bot's api_server.CORS_origins")
    up.add_argument("--bots", type=int, default=1, help="number of bots (default 1)")
    up.add_argument("--names", help="comma-separated bot names (default bot1,bot2,...)")
    up.add_argument("--usernames", help="comma-separated API usernames, one per bot "
                                        f"(default {DEFAULT_USERNAME})")
    up.add_argument("--base-port", type=int, default=18080)
    up.add_argument("--sim-port", type=int, default=18000)
    up.add_argument("--cors-origin", action="append", default=[],
                    help="CORS origin for every bot, instead of --ui-origin (repeatable)")
    up.add_argument("--no-cors-for", action="append", default=[], metavar="NAME",
                    help="give this bot an empty CORS_origins list (repeatable)")
    up.add_argument("--history", action="append", default=[],
                    metavar="NAME:closed=N,open=N,locks=N",
                    help="seed a newly started bot's fresh database with N closed trades (over "
                         "the past 21 days), N open trades and N pair locks; keys left out are "
                         "0 (repeatable, one per bot)")
    up.add_argument("--stake", action="append", default=[], metavar="NAME:CURRENCY",
                    help=f"give a bot this stake currency ({', '.join(STAKES)}; default "
                         f"{DEFAULT_STAKE}) with its pairs, stake_amount and dry_run_wallet "
                         "(repeatable or comma-separated, e.g. gamma:BTC)")
    up.add_argument("--stallable", action="append", default=[], metavar="NAME",
                    help="run this bot on 1m candles with its exchange urls tagged, so that "
                         "`POST http://127.0.0.1:SIM/_control/hold?client=NAME` stalls its loop "
                         "until `/_control/release?client=NAME` (repeatable or comma-separated)")
    up.set_defaults(func=cmd_up)

    down = commands.add_parser("down", help="stop every process started from the state dir")
    down.add_argument("--state-dir", required=True)
    down.set_defaults(func=cmd_down)

    stop = commands.add_parser("stop-bot", help="stop one bot")
    stop.add_argument("--state-dir", required=True)
    stop.add_argument("--name", required=True)
    stop.add_argument("--kill", action="store_true", help="SIGKILL instead of SIGTERM")
    stop.set_defaults(func=cmd_stop_bot)

    start = commands.add_parser("start-bot", help="start one bot again")
    start.add_argument("--state-dir", required=True)
    start.add_argument("--name", required=True)
    start.add_argument("--new-secret", action="store_true",
                       help="generate a new jwt_secret_key (invalidates all its tokens)")
    start.set_defaults(func=cmd_start_bot)

    custom = commands.add_parser("custom-data", help="store custom data on a trade, as its strategy would")
    custom.add_argument("--state-dir", required=True)
    custom.add_argument("--name", required=True)
    custom.add_argument("--trade-id", type=int, required=True)
    custom.add_argument("--set", action="append", required=True, metavar="KEY=JSON")
    custom.set_defaults(func=cmd_custom_data)

    mint = commands.add_parser("mint-token", help="print a JWT signed with a bot's secret")
    mint.add_argument("--state-dir", required=True)
    mint.add_argument("--name", required=True)
    mint.add_argument("--type", choices=["access", "refresh"], default="access")
    mint.add_argument("--expired", action="store_true", help="already expired")
    mint.add_argument("--expires-in", type=int, metavar="SECONDS",
                      help="valid, and ending this many seconds from now")
    mint.add_argument("--username", help="identity to put in the token (default: the bot's)")
    mint.set_defaults(func=cmd_mint_token)

    web = commands.add_parser("webserver", help="download candles and run `freqtrade webserver` on them")
    web.add_argument("--state-dir", required=True)
    web.add_argument("--ui-origin", required=True, help="origin of the UI, put in CORS_origins")
    web.add_argument("--cors-origin", action="append", default=[],
                     help="CORS origin instead of --ui-origin (repeatable)")
    web.add_argument("--name", default="hist")
    web.add_argument("--port", type=int, default=18150)
    web.add_argument("--sim-port", type=int, default=18000)
    web.add_argument("--username", help=f"API username (default {DEFAULT_USERNAME})")
    web.add_argument("--timeframes", default="5m,1h", help="comma-separated (default 5m,1h)")
    web.add_argument("--pairs", help="comma-separated (default: the trading bots' whitelist)")
    web.add_argument("--days", type=int, default=12,
                     help="days of candles to download (default 12: enough 1h candles for "
                          "SampleStrategy's 200 startup candles)")
    web.set_defaults(func=cmd_webserver)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
