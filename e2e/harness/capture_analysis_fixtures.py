#!/usr/bin/env python3
"""Capture real `freqtrade webserver` answers of the pairlist configurator and the lookahead and recursive
analyses (jobs) as JSON fixtures.

Run against a webserver started by ftharness.py:

  python3 e2e/harness/ftharness.py webserver --state-dir /tmp/fba --ui-origin http://127.0.0.1:8080 \\
      --name analysis --port 18351 --sim-port 18301 --timeframes 5m --days 10
  python3 e2e/harness/capture_analysis_fixtures.py --state-dir /tmp/fba --name analysis \\
      --out tests/fixtures/analysis
  python3 e2e/harness/ftharness.py down --state-dir /tmp/fba

It lists the pairlist handlers, evaluates a chain (StaticPairList, then OffsetFilter) and saves its result
asked too early (refused while it runs) with the job unfinished, and once it succeeded, and a chain that fails (an unknown
handler). It runs a recursive and a lookahead analysis of SampleStrategy and saves each status while running
and once ended, and ones that fail (no timerange; an unknown strategy). Each answer is saved unchanged to OUT/<name>.json
(OUT/<name>_<status>.json for a non-2xx status); OUT/index.json lists them.

Standard library only; shares the client and recorder of capture_fixtures.py.
"""

import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import webserver_capture  # noqa: E402
from capture_fixtures import check  # noqa: E402

TIMEOUT_S = 600

README = """# Pairlist and analysis fixtures

Real answers of `freqtrade webserver` (freqtrade {version}, API {api_version}), captured on {date} by
`e2e/harness/capture_analysis_fixtures.py` against the simulated exchange.

| file | method | path | status |
|---|---|---|---|
{rows}
"""


def wait_job(rec, job_id):
    """Polls /background/{job} until the job is finished."""
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        status, job = rec.bot.request("GET", f"/background/{job_id}")
        check(status, job, "GET /background/{job}")
        if not job["running"] and job["status"] in ("success", "failed"):
            return job
        time.sleep(0.05)
    sys.exit(f"error: job {job_id} did not finish in time")


def analysis(rec, kind, body, name):
    """Starts one analysis, saves its status while running (if caught) and once finished."""
    _, started = rec.call(f"{name}_start", "POST", f"/{kind}", body=body)
    job_id = started["job_id"]
    status, answer = rec.bot.request("GET", f"/{kind}/{job_id}")
    if answer.get("running"):
        rec.save(f"{name}_running", "GET", f"/{kind}/{{job}}", status, answer)
    wait_job(rec, job_id)
    rec.get(f"{name}_ended", f"/{kind}/{job_id}")
    return job_id


def timerange(days_back_from, days_back_to):
    """`YYYYMMDD-YYYYMMDD` from `days_back_from` to `days_back_to` days ago (the analyses need one)."""
    today = datetime.now(timezone.utc).date()
    return "-".join((today - timedelta(days=d)).strftime("%Y%m%d") for d in (days_back_from, days_back_to))


def main(argv=None):
    rec = webserver_capture.start(__doc__, "tests/fixtures/analysis", argv)
    rec.get("pairlists_available", "/pairlists/available")

    chain = {
        "pairlists": [{"method": "StaticPairList"}, {"method": "OffsetFilter", "offset": 1, "number_assets": 2}],
        "blacklist": ["BNB/.*"],
        "stake_currency": "USDT",
    }
    # An evaluation takes a fraction of a second: it is started until one is caught unfinished (its result
    # answered 400 while the job is listed as running).
    for _ in range(20):
        status, started = rec.bot.request("POST", "/pairlists/evaluate", body=chain)
        check(status, started, "POST /pairlists/evaluate")
        job_id = started["job_id"]
        job_status, job = rec.bot.request("GET", f"/background/{job_id}")
        status, answer = rec.bot.request("GET", f"/pairlists/evaluate/{job_id}")
        if job.get("running") and status == 400:
            rec.save("pairlists_evaluate", "POST", "/pairlists/evaluate", 200, started)
            rec.save("pairlists_evaluate_result_running", "GET", "/pairlists/evaluate/{job}", status, answer)
            rec.save("pairlists_evaluate_job_running", "GET", "/background/{job}", job_status, job)
            break
        wait_job(rec, job_id)
    else:
        sys.exit("error: no evaluation was caught unfinished in 20 tries")
    wait_job(rec, job_id)
    rec.get("pairlists_evaluate_result", f"/pairlists/evaluate/{job_id}")

    bad = dict(chain, pairlists=[{"method": "NoSuchPairList"}])
    _, failing = rec.call("pairlists_evaluate_failing", "POST", "/pairlists/evaluate", body=bad)
    wait_job(rec, failing["job_id"])
    rec.get("pairlists_evaluate_result_failed", f"/pairlists/evaluate/{failing['job_id']}")
    rec.get("pairlists_evaluate_result_unknown", "/pairlists/evaluate/no-such-job")

    # The data starts 10 days back: the startup candles fit before the timerange.
    span = timerange(7, 1)
    analysis(rec, "recursive_analysis", {"strategy": "SampleStrategy", "timeframe": "5m", "timerange": span,
                                         "startup_candle": [100, 200, 400]}, "recursive")
    analysis(rec, "lookahead_analysis", {"strategy": "SampleStrategy", "timeframe": "5m", "timerange": span,
                                         "minimum_trade_amount": 1, "targeted_trade_amount": 2}, "lookahead")
    analysis(rec, "recursive_analysis", {"strategy": "SampleStrategy", "timeframe": "5m"}, "recursive_no_timerange")
    analysis(rec, "recursive_analysis", {"strategy": "NoSuchStrategy", "timerange": span}, "recursive_failing")
    rec.get("background_after", "/background")

    webserver_capture.finish(rec, README)


if __name__ == "__main__":
    main()
