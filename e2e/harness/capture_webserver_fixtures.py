#!/usr/bin/env python3
"""Capture real `freqtrade webserver` answers (backtesting) as JSON fixtures for Freqboard's tests.

Run against a webserver started by ftharness.py (it downloads candles from the simulated exchange):

  python3 e2e/harness/ftharness.py webserver --state-dir /tmp/fbw --ui-origin http://127.0.0.1:8080 \\
      --name hist --port 18250 --sim-port 18200 --days 4
  python3 e2e/harness/capture_webserver_fixtures.py --state-dir /tmp/fbw --name hist --out tests/fixtures/webserver
  python3 e2e/harness/ftharness.py down --state-dir /tmp/fbw

It reads what the backtest form needs (strategies, FreqAI models, exchanges, pairs), then runs one backtest of
SampleStrategy on the downloaded 5m candles and saves the backtest endpoint's answers through its whole life:
idle, running (the first answer with `running: true`, and the one furthest along a later step), a second start
refused while one runs, finished with its result, then the stored history, one stored result, its notes edited, its market change and wallet, an abort
when nothing runs, the reset, and the deletion of the stored result. Each answer is saved unchanged to
OUT/<name>.json (or OUT/<name>_<status>.json for a non-2xx status); OUT/index.json lists them.

Standard library only; shares the client and recorder of capture_fixtures.py.
"""

import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import webserver_capture  # noqa: E402
from capture_fixtures import check  # noqa: E402

RUN_TIMEOUT_S = 300

README = """# Webserver fixtures (backtesting)

Real answers of `freqtrade webserver` (freqtrade {version}, API {api_version}), captured on {date} by
`e2e/harness/capture_webserver_fixtures.py` against the simulated exchange (candles downloaded with
`ftharness.py webserver`). The backtest ran SampleStrategy on 5m candles of the pairs the webserver downloaded,
timerange `{timerange}`, stake "unlimited", 3 open trades at most, a 1000 USDT wallet.

| file | method | path | status |
|---|---|---|---|
{rows}
"""



def timerange_of(rec):
    """The last 2 days of the downloaded candles, as freqtrade's `YYYYMMDD-YYYYMMDD`."""
    _, pairs = rec.bot.request("GET", "/available_pairs", query={"timeframe": "5m"})
    _, hist = rec.bot.request("GET", "/pair_history", query={
        "pair": pairs["pairs"][0], "timeframe": "5m", "strategy": "SampleStrategy",
        "timerange": ""})
    end_ms = hist.get("data_stop_ts") or int(time.time() * 1000)
    end = datetime.fromtimestamp(end_ms / 1000, timezone.utc)
    start = datetime.fromtimestamp(end_ms / 1000 - 2 * 86_400, timezone.utc)
    return f"{start:%Y%m%d}-{end:%Y%m%d}"


def run_backtest(rec, timerange):
    """Start one backtest and save its answers until it is done; returns the finished answer."""
    body = {"strategy": "SampleStrategy", "timeframe": "5m", "timerange": timerange, "max_open_trades": 3,
            "stake_amount": "unlimited", "dry_run_wallet": 1000, "enable_protections": False,
            "backtest_cache": "none"}
    rec.call("backtest_start", "POST", "/backtest", body=body)
    saw_running = False
    refused = False
    furthest = None  # the running answer furthest along a step after start-up
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while time.monotonic() < deadline:
        status, answer = rec.bot.request("GET", "/backtest")
        check(status, answer, "GET /backtest")
        if answer.get("running") and not saw_running:
            rec.save("backtest_running", "GET", "/backtest", status, answer)
            saw_running = True
        if answer.get("running") and answer.get("step") != "startup" and answer.get("progress", 0) > 0 \
                and (furthest is None or answer["progress"] >= furthest["progress"]):
            furthest = answer
        if answer.get("running") and not refused:
            rec.call("backtest_start_while_running", "POST", "/backtest", body=body)
            refused = True
        if not answer.get("running") and answer.get("status") == "ended":
            if furthest is not None:
                rec.save("backtest_progress", "GET", "/backtest", 200, furthest)
            rec.save("backtest_ended", "GET", "/backtest", status, answer)
            return answer
        time.sleep(0.02)
    sys.exit("error: the backtest did not end in time")


def main(argv=None):
    rec = webserver_capture.start(__doc__, "tests/fixtures/webserver", argv)
    rec.get("ws_show_config", "/show_config")
    rec.get("strategies", "/strategies")
    rec.get("freqaimodels", "/freqaimodels")
    rec.get("exchanges", "/exchanges")
    rec.get("available_pairs", "/available_pairs", query={"timeframe": "5m"})
    rec.call("backtest_reset_before", "DELETE", "/backtest")
    rec.get("backtest_idle", "/backtest")
    rec.get("backtest_history_before", "/backtest/history")

    timerange = timerange_of(rec)
    finished = run_backtest(rec, timerange)
    trades = sum(len(s.get("trades", [])) for s in
                 (finished.get("backtest_result") or {}).get("strategy", {}).values())
    print(f"the backtest made {trades} trades", file=sys.stderr)

    _, history = rec.get("backtest_history", "/backtest/history")
    entry = next((h for h in history if h.get("strategy") == "SampleStrategy"), None)
    if entry is None:
        sys.exit("error: the finished backtest is not in /backtest/history")
    file, strategy = entry["filename"], entry["strategy"]
    rec.get("backtest_history_result", "/backtest/history/result", query={"filename": file, "strategy": strategy})
    rec.call("backtest_history_notes", "PATCH", f"/backtest/history/{file}",
             body={"strategy": strategy, "notes": "captured for Freqboard's tests"})
    rec.get("backtest_market_change", f"/backtest/history/{file}/market_change")
    rec.get("backtest_wallet", f"/backtest/history/{file}/{strategy}/wallet")
    rec.get("backtest_wallet_unknown_file", f"/backtest/history/no-such-file/{strategy}/wallet")
    rec.get("backtest_abort_idle", "/backtest/abort")
    rec.call("backtest_reset", "DELETE", "/backtest")
    rec.call("backtest_history_delete", "DELETE", f"/backtest/history/{file}")

    webserver_capture.finish(rec, README, timerange=timerange)


if __name__ == "__main__":
    main()
