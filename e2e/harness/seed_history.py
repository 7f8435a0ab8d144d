#!/usr/bin/env python3
"""Seed a dry-run bot's database with a trading history before the bot starts.

Run it with the freqtrade venv's python (it imports freqtrade):

  ~/.cache/freqboard/venv/bin/python e2e/harness/seed_history.py \\
      --config DIR/bot1/config.json --closed 60 --open 3 --locks 1

It writes closed trades (spread over the past --days days), open trades (opened
10-90 minutes ago) and pair locks into the database named by the config's
``db_url``, through freqtrade's own persistence layer: every trade is built the
way a dry-run bot builds it (``Trade(...)`` as in ``FreqtradeBot.execute_entry``,
ccxt-shaped dry-run market orders parsed by ``Order.parse_from_ccxt_object``,
fees booked with ``Trade.update_fee``, fills applied with ``Trade.update_trade``,
which closes the trade and computes its profit with ``recalc_trade_from_orders``),
and locks go through ``PairLocks.lock_pair``. Rates are the simulator's
``price_at(symbol, minute)`` at the trade's own minute, so trades sit on the
candles the bot's charts show. The result is deterministic for a given --seed
and --now (default: the current time).

It refuses to write into a database that already holds trades unless --force.
Prints one summary line to stdout. Needs only the standard library and freqtrade
(with its ccxt and SQLAlchemy).
"""

import time

STARTED = time.monotonic()  # the summary's time includes importing freqtrade (~1-2 s)

import argparse  # noqa: E402
import contextlib  # noqa: E402
import functools  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import uuid  # noqa: E402
from datetime import UTC, datetime, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import simulator  # noqa: E402  (standard library only; the price model of the bots' exchange)

from ccxt import TICK_SIZE  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from freqtrade.enums import ExitType, TradingMode  # noqa: E402
from freqtrade.exchange import amount_to_precision, timeframe_to_minutes  # noqa: E402
from freqtrade.persistence import Order, PairLocks, Trade, init_db  # noqa: E402
from freqtrade.persistence.key_value_store import set_startup_time  # noqa: E402
from freqtrade.util import dt_from_ts  # noqa: E402

# SampleStrategy's values (the strategy of every harness bot). A config's own
# "minimal_roi" / "stoploss" override them, as they override the strategy's in freqtrade.
# (Loading the strategy through StrategyResolver would cost several seconds.)
DEFAULT_MINIMAL_ROI = {"60": 0.01, "30": 0.02, "0": 0.04}
DEFAULT_STOPLOSS = -0.10
DEFAULT_FEE = 0.001  # ccxt's binance spot maker/taker fee, what a dry-run bot books

ENTER_TAGS = ["rsi_dip", "bb_bounce", "trend"]
CUSTOM_DATA = [("entry_rsi", 27.5), ("dca_steps", 2), ("note", "<b>seeded</b>"),
               ("levels", {"tp": [1.02, 1.05]}), ("trailing", True)]
# (exit reason, weight) for closed trades
EXIT_REASONS = [
    (ExitType.ROI.value, 40),
    (ExitType.EXIT_SIGNAL.value, 22),
    (ExitType.STOP_LOSS.value, 16),
    (ExitType.TRAILING_STOP_LOSS.value, 14),
    (ExitType.FORCE_EXIT.value, 8),
]
# Reasons like those of freqtrade's protections and of a lock set by hand.
LOCK_REASONS = ["Cooldown period for 3 hours.", "2 stoplosses in 60 min.",
                "Locked by hand from the dashboard"]

CANDLE_MIN = 5             # entries and exit signals happen just after a 5m candle opens
MIN_TRADE_MIN = 15         # shortest closed trade
MAX_TRADE_MIN = 8 * 60     # longest closed trade
OPEN_WINDOW_MIN = (10, 90)  # open trades were opened this many minutes ago
RECENT_GAP_MIN = 120       # closed trades end at least this long ago (before the open ones)


def log(message):
    print(message, file=sys.stderr, flush=True)


def fail(message):
    log(f"seed_history: error: {message}")
    sys.exit(1)


# --------------------------------------------------------------------------
# Config and market facts
# --------------------------------------------------------------------------

class Setup:
    """What the seeder needs from a bot's config.json."""

    def __init__(self, config_path):
        config = json.loads(Path(config_path).read_text())
        self.db_url = config.get("db_url") or fail("the config has no db_url")
        self.stake_currency = config.get("stake_currency", "USDT")
        stake = config.get("stake_amount", 50)
        self.stake_amount = float(stake) if stake != "unlimited" else 50.0
        self.strategy = config.get("strategy", "SampleStrategy")
        self.timeframe = config.get("timeframe", "5m")
        self.exchange = config.get("exchange", {}).get("name", "binance").lower()
        self.fee = float(config.get("fee", DEFAULT_FEE))
        max_open_trades = int(config.get("max_open_trades", 5))
        self.max_open_trades = max_open_trades if max_open_trades >= 0 else 1_000_000  # -1: no cap
        roi = config.get("minimal_roi") or DEFAULT_MINIMAL_ROI
        self.minimal_roi = sorted((int(k), float(v)) for k, v in roi.items())
        self.stoploss = float(config.get("stoploss", DEFAULT_STOPLOSS))
        whitelist = config.get("exchange", {}).get("pair_whitelist") or []
        self.pairs = [p for p in whitelist if symbol_of(p) in simulator.PAIRS]
        if not self.pairs:
            fail(f"no pair of the whitelist {whitelist} is known to the simulator")


def symbol_of(pair):
    """'BTC/USDT' -> 'BTCUSDT', the simulator's symbol."""
    return pair.replace("/", "").split(":")[0]


def tick_sizes(pair):
    """(amount precision, price precision) as ccxt's binance parses the simulator's markets.

    Binance uses precisionMode TICK_SIZE: the precisions are the LOT_SIZE stepSize and the
    PRICE_FILTER tickSize, i.e. 10**-decimals of the simulator's table.
    """
    _, _, _, price_decimals, qty_decimals = simulator.PAIRS[symbol_of(pair)]
    return float(f"1e-{qty_decimals}"), float(f"1e-{price_decimals}")


@functools.lru_cache(maxsize=None)
def price(pair, minute):
    """The simulator's price of `pair` at the start of the Unix minute (cached: the planning
    looks at the same minutes several times, and each costs a dozen hashes)."""
    return simulator.price_at(symbol_of(pair), minute)


def at(rng, minute, second):
    """A UTC datetime `second` seconds (plus some milliseconds) into the Unix minute."""
    return datetime.fromtimestamp(minute * 60 + second + rng.randint(0, 999) / 1000, tz=UTC)


def roi_for(setup, elapsed_min):
    """The minimal_roi threshold after `elapsed_min` minutes (freqtrade: the largest key <= t)."""
    return [roi for key, roi in setup.minimal_roi if key <= elapsed_min][-1]


# --------------------------------------------------------------------------
# Trades, built like FreqtradeBot builds them
# --------------------------------------------------------------------------

def dry_market_order(rng, pair, side, amount, rate, placed, fee, precision):
    """A filled market order as Exchange.create_dry_run_order returns it (ccxt format),
    placed at `placed` and filled some milliseconds later, like a live bot's.

    `lastTradeTimestamp` makes Order.update_from_ccxt_object date the fill (a dry-run bot
    dates it when it sees the order closed, right after placing it).
    """
    amount = amount_to_precision(amount, precision, TICK_SIZE)
    filled = placed + timedelta(milliseconds=rng.randint(20, 80))
    cost = amount * rate
    return {
        "id": f"dry_run_{side}_{pair}_{uuid.UUID(int=rng.getrandbits(128), version=4)}",
        "symbol": pair,
        "price": rate,
        "average": rate,
        "amount": amount,
        "cost": cost,
        "type": "market",
        "side": side,
        "filled": amount,
        "remaining": 0.0,
        "datetime": placed.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "timestamp": int(placed.timestamp() * 1000),
        "lastTradeTimestamp": int(filled.timestamp() * 1000),
        "status": "closed",
        "fee": {"currency": pair.split("/")[1], "cost": cost * fee, "rate": fee},
        "info": {},
    }


def fill(rng, trade, ccxt_order, order_obj):
    """What FreqtradeBot.update_trade_state does with a filled order: book the fee
    (handle_order_fee -> Trade.update_fee; the fee is in the quote currency, so the
    amount is not reduced) and apply the fill (Trade.update_trade)."""
    order_obj.order_update_date = order_obj.order_filled_date + timedelta(
        microseconds=rng.randint(5_000, 30_000))
    fee = ccxt_order["fee"]
    trade.update_fee(fee["cost"], fee["currency"], fee["rate"], ccxt_order["side"])
    trade.update_trade(order_obj)


def open_trade(setup, rng, pair, enter_tag, when):
    """A new trade with a filled entry order at the simulator's price (execute_entry)."""
    amount_precision, price_precision = tick_sizes(pair)
    rate = price(pair, int(when.timestamp()) // 60)
    amount = setup.stake_amount / rate
    ccxt_order = dry_market_order(rng, pair, "buy", amount, rate, when, setup.fee,
                                  amount_precision)
    order_obj = Order.parse_from_ccxt_object(ccxt_order, pair, "buy", amount, rate)
    order_obj.ft_order_tag = enter_tag
    trade = Trade(
        pair=pair,
        base_currency=pair.split("/")[0],
        stake_currency=setup.stake_currency,
        stake_amount=setup.stake_amount,
        amount=0,
        is_open=True,
        amount_requested=amount,
        fee_open=setup.fee,
        fee_close=setup.fee,
        open_rate=rate,
        open_rate_requested=rate,
        # execute_entry creates the Trade right after the market order filled
        open_date=dt_from_ts(ccxt_order["lastTradeTimestamp"]) + timedelta(
            microseconds=rng.randint(200, 2_000)),
        exchange=setup.exchange,
        strategy=setup.strategy,
        enter_tag=enter_tag,
        timeframe=timeframe_to_minutes(setup.timeframe),
        leverage=1.0,
        is_short=False,
        trading_mode=TradingMode.SPOT,
        funding_fees=0,
        amount_precision=amount_precision,
        price_precision=price_precision,
        precision_mode=TICK_SIZE,
        precision_mode_price=TICK_SIZE,
        contract_size=1,
    )
    trade.adjust_stop_loss(trade.open_rate, setup.stoploss, initial=True)
    trade.orders.append(order_obj)
    trade.recalc_trade_from_orders()
    Trade.session.add(trade)
    fill(rng, trade, ccxt_order, order_obj)
    return trade


def close_trade(setup, rng, trade, exit_reason, when):
    """Exit the whole position with a market order at the simulator's price
    (execute_trade_exit); Trade.update_trade then closes the trade and computes
    close_profit, close_profit_abs and realized_profit."""
    rate = price(trade.pair, int(when.timestamp()) // 60)
    amount = trade.amount
    ccxt_order = dry_market_order(rng, trade.pair, "sell", amount, rate, when, setup.fee,
                                  trade.amount_precision)
    order_obj = Order.parse_from_ccxt_object(ccxt_order, trade.pair, "sell", amount, rate)
    order_obj.ft_order_tag = exit_reason
    trade.orders.append(order_obj)
    trade.exit_order_status = ""
    trade.close_rate_requested = rate  # a bot asks for the current rate, market-fills there
    trade.exit_reason = exit_reason
    fill(rng, trade, ccxt_order, order_obj)  # closes the trade at the exit order's fill date


@contextlib.contextmanager
def one_transaction():
    """Write everything in one transaction.

    Trade.update_trade() commits after every fill; with hundreds of trades those
    commits (each one a sqlite fsync plus expiring and re-loading every object) would
    dominate the run time. Within this block Trade.commit does nothing; one commit at
    the end writes all rows.
    """
    real_commit = Trade.__dict__["commit"]
    Trade.commit = staticmethod(lambda: None)
    try:
        yield
    finally:
        Trade.commit = real_commit
    Trade.session.commit()


# --------------------------------------------------------------------------
# Planning: when trades open and close, and why
# --------------------------------------------------------------------------

def plan_exit(setup, rng, pair, open_minute, grid, reason):
    """How a trade opened at `open_minute` ends for the given exit reason, or None when
    the simulator's prices do not allow it (no ROI reached, no loss to stop out of, no
    pull-back to trail) by the end of `grid`.

    The prices at `grid`, the candle opens after the entry, are scanned (lazily: most
    exits come early), then refined to the first minute that qualifies. Returns (close
    minute, highest price, lowest price, stop ratio or None); the stop ratio is where a
    custom or trailing stop stood when it was hit.
    """
    open_rate = price(pair, open_minute)

    def prices(end=len(grid)):
        return [price(pair, m) for m in grid[:end]]

    cost_in = open_rate * (1 + setup.fee)

    def profit(rate):
        return rate * (1 - setup.fee) / cost_in - 1

    first = -(-MIN_TRADE_MIN // CANDLE_MIN) - 1  # first grid index at least MIN_TRADE_MIN in
    stop = None
    if reason == ExitType.EXIT_SIGNAL.value:
        # A strategy's exit signal: at a candle open, more often in profit than not.
        candles = range(first, len(grid))
        change = [profit(rate) for rate in prices()]
        winners = [i for i in candles if change[i] > 0]
        losers = [i for i in candles if -0.015 <= change[i] <= 0] or \
            [i for i in candles if change[i] <= 0]
        pool = winners if winners and (rng.random() < 0.7 or not losers) else losers
        index = rng.choice(pool)
        return grid[index], *high_low(open_rate, prices(index + 1)), None
    if reason == ExitType.FORCE_EXIT.value:
        close_minute = open_minute + rng.randint(MIN_TRADE_MIN, grid[-1] - open_minute)
        close_rate = price(pair, close_minute)
        before = prices((close_minute - open_minute) // CANDLE_MIN)
        return close_minute, *high_low(open_rate, before + [close_rate]), None

    if reason == ExitType.ROI.value:
        def hit(minute, rate, peak):
            return profit(rate) >= roi_for(setup, minute - open_minute)
    elif reason == ExitType.STOP_LOSS.value:
        # The strategy's -10% stoploss is out of reach of the simulator's few-percent swings;
        # the trade stops out like a custom stoploss tightened to 1-2.5% below the entry.
        stop = -rng.uniform(0.01, 0.025)

        def hit(minute, rate, peak):
            return rate <= open_rate * (1 + stop)
    elif reason == ExitType.TRAILING_STOP_LOSS.value:
        # Trailing once the price rose past the trailing distance plus an offset
        # (trailing_only_offset_is_reached), so these exits are mostly small wins.
        stop = -rng.uniform(0.003, 0.01)
        offset = open_rate * (1 - stop + 0.003)

        def hit(minute, rate, peak):
            return peak >= offset and rate <= peak * (1 + stop)
    else:
        raise ValueError(reason)

    peak = open_rate
    for index, minute in enumerate(grid):
        rate = price(pair, minute)
        if index >= first and hit(minute, rate, peak):
            # The condition held at this grid point; it may have held a few minutes earlier.
            close_minute = grid[index]
            for minute in range(max(grid[index] - CANDLE_MIN + 1, open_minute + MIN_TRADE_MIN),
                                grid[index]):
                if hit(minute, price(pair, minute), peak):
                    close_minute = minute
                    break
            close_rate = price(pair, close_minute)
            return close_minute, *high_low(open_rate, prices(index) + [close_rate]), stop
        peak = max(peak, rate)
    return None


def high_low(open_rate, rates):
    """(max_rate, min_rate) of a trade whose prices after the entry were `rates`."""
    return max([open_rate] + rates), min([open_rate] + rates)


def weighted_choice(rng, weights):
    """A key of `weights` ({key: weight}), drawn by weight."""
    keys = list(weights)
    return rng.choices(keys, [weights[k] for k in keys])[0]


def plan_closed(setup, rng, count, now_minute, days):
    """Closed-trade plans, oldest first.

    One trade at a time per pair: each pair's trades get consecutive slots of the window,
    so trades of a pair never overlap (freqtrade holds one open trade per pair). When the
    prices after an entry do not allow the chosen exit reason, another entry in the slot
    is tried; after a few tries, a reason the prices allow is drawn instead.
    """
    window_start = now_minute - days * 1440
    window_end = now_minute - RECENT_GAP_MIN
    per_pair = {pair: 0 for pair in setup.pairs}
    for i in range(count):
        per_pair[setup.pairs[i % len(setup.pairs)]] += 1
    plans = []
    for pair, n in per_pair.items():
        if not n:
            continue
        slot = (window_end - window_start) / n
        max_minutes = min(MAX_TRADE_MIN, int(slot) - 2 * CANDLE_MIN)
        if max_minutes < MIN_TRADE_MIN + CANDLE_MIN:
            fail(f"{count} closed trades do not fit into {days} days; raise --days")
        for k in range(n):
            slot_start = window_start + k * slot
            reasons = dict(EXIT_REASONS)
            reason = weighted_choice(rng, reasons)
            for _ in range(4):
                start = slot_start + rng.uniform(0, slot - max_minutes - CANDLE_MIN)
                open_minute = -(-int(start) // CANDLE_MIN) * CANDLE_MIN  # next candle open
                grid = list(range(open_minute + CANDLE_MIN, open_minute + max_minutes + 1,
                                  CANDLE_MIN))
                exit_plan = plan_exit(setup, rng, pair, open_minute, grid, reason)
                if exit_plan:
                    break
            while not exit_plan:  # exit_signal and force_exit always succeed
                del reasons[reason]
                reason = weighted_choice(rng, reasons)
                exit_plan = plan_exit(setup, rng, pair, open_minute, grid, reason)
            close_minute, high, low, stop = exit_plan
            plans.append({"pair": pair, "open_minute": open_minute, "enter_tag":
                          rng.choice(ENTER_TAGS), "reason": reason, "close_minute": close_minute,
                          "high": high, "low": low, "stop": stop})
    plans.sort(key=lambda p: (p["open_minute"], p["pair"]))
    return plans


def plan_open(setup, rng, count, now_minute):
    """(pair, open minute) of open trades: one per pair, opened at a candle 10-90 minutes
    ago whose price was about the current one or up to 2% above it. Such a trade shows a
    small current profit or loss and stays open a while: the bot does not exit it at once
    by minimal_roi (1% after an hour for SampleStrategy) nor by its -10% stoploss."""
    pairs = rng.sample(setup.pairs, count)
    current = {pair: price(pair, now_minute + 1) for pair in pairs}  # the ticker's last price
    plans = []
    first = -(-(now_minute - OPEN_WINDOW_MIN[1]) // CANDLE_MIN) * CANDLE_MIN
    for pair in pairs:
        candles = list(range(first, now_minute - OPEN_WINDOW_MIN[0] + 1, CANDLE_MIN))
        change = {m: current[pair] / price(pair, m) - 1 for m in candles}
        calm = [m for m in candles if -0.02 <= change[m] <= 0.003]
        plans.append((pair, rng.choice(calm) if calm else min(candles, key=change.get)))
    return plans


# --------------------------------------------------------------------------
# Seeding
# --------------------------------------------------------------------------

def seed(setup, args, now):
    """Write the trades and locks; return (winning closed trades, their total profit)."""
    rng = random.Random(args.seed)
    wins, profit = 0, 0.0
    now_minute = int(now.timestamp()) // 60
    closed_plans = plan_closed(setup, rng, args.closed, now_minute, args.days)
    open_plans = plan_open(setup, rng, args.open, now_minute) if args.open else []

    newest = None
    with one_transaction():
        for plan in closed_plans:
            trade = open_trade(setup, rng, plan["pair"], plan["enter_tag"],
                               at(rng, plan["open_minute"], rng.randint(1, 15)))
            trade.adjust_min_max_rates(plan["high"], plan["low"])
            if plan["reason"] == ExitType.TRAILING_STOP_LOSS.value:
                # The stop trailed the highest price up (as with trailing_stop_positive).
                trade.adjust_stop_loss(trade.max_rate, plan["stop"])
            elif plan["stop"]:
                # A custom stoploss moved the stop closer to the entry.
                trade.adjust_stop_loss(trade.open_rate, plan["stop"], allow_refresh=True)
            # Exit signals are acted on as a candle opens; ROI and stops any time.
            second = rng.randint(1, 15) if plan["reason"] == ExitType.EXIT_SIGNAL.value \
                else rng.randint(0, 58)
            close_trade(setup, rng, trade, plan["reason"], at(rng, plan["close_minute"], second))
            wins += trade.close_profit_abs > 0
            profit += trade.close_profit_abs
            if newest is None or trade.close_date > newest.close_date:
                newest = trade

        for pair, open_minute in sorted(open_plans, key=lambda p: p[1]):
            trade = open_trade(setup, rng, pair, rng.choice(ENTER_TAGS),
                               at(rng, open_minute, rng.randint(1, 15)))
            path = [price(pair, m) for m in range(open_minute, now_minute + 2)]
            trade.adjust_min_max_rates(max(path), min(path))

    # What a strategy keeps with trade.set_custom_data(), one value of each stored kind, on
    # the closed trade listed first (newest close): the trade detail's "Custom data".
    if newest is not None:
        for key, value in CUSTOM_DATA:
            newest.set_custom_data(key, value)

    # The first trade's open date becomes the bot's start date (what freqtrade itself does
    # for a database with trades), so that /profit, /daily and the wallet-history
    # migration on the bot's first start cover the seeded days.
    if closed_plans or open_plans:
        set_startup_time()

    PairLocks.timeframe = setup.timeframe
    free_pairs = [p for p in setup.pairs if p not in {pair for pair, _ in open_plans}]
    lock_pairs = free_pairs + [p for p in setup.pairs if p not in free_pairs]
    for i in range(args.locks):
        PairLocks.lock_pair(
            lock_pairs[i % len(lock_pairs)],
            until=now + timedelta(hours=rng.uniform(2, 6)),
            reason=LOCK_REASONS[i % len(LOCK_REASONS)],
            now=now - timedelta(minutes=rng.randint(5, 60)),
        )
    return wins, profit


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True, help="the bot's config.json")
    parser.add_argument("--closed", type=int, default=0, help="closed trades (default 0)")
    parser.add_argument("--open", type=int, default=0,
                        help="open trades, at most one per pair (default 0)")
    parser.add_argument("--locks", type=int, default=0, help="active pair locks (default 0)")
    parser.add_argument("--days", type=int, default=21,
                        help="spread closed trades over this many past days (default 21)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--now", type=float, help="Unix time to seed around (default: now)")
    parser.add_argument("--force", action="store_true",
                        help="add to a database that already holds trades")
    args = parser.parse_args(argv)

    setup = Setup(args.config)
    if min(args.closed, args.open, args.locks) < 0 or args.days < 1:
        fail("counts must be >= 0 and --days >= 1")
    if args.open > min(len(setup.pairs), setup.max_open_trades):
        fail(f"--open {args.open}: a bot holds at most one open trade per pair "
             f"({len(setup.pairs)} pairs) and max_open_trades={setup.max_open_trades}")
    now = datetime.fromtimestamp(args.now, tz=UTC) if args.now else datetime.now(UTC)

    init_db(setup.db_url)
    existing = Trade.session.scalar(select(func.count(Trade.id)))
    if existing and not args.force:
        fail(f"{setup.db_url} already holds {existing} trades; use --force to add more")
    wins, profit = seed(setup, args, now)
    print(f"seeded {args.closed} closed ({wins} winning, {profit:+.2f} {setup.stake_currency} "
          f"in total), {args.open} open trades and {args.locks} locks into "
          f"{setup.db_url} in {time.monotonic() - STARTED:.2f}s", flush=True)


if __name__ == "__main__":
    main()
