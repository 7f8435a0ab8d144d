#!/usr/bin/env python3
"""Capture real `freqtrade webserver` answers about background jobs (data download) as JSON fixtures.

Run against a webserver started by ftharness.py:

  python3 e2e/harness/ftharness.py webserver --state-dir /tmp/fbj --ui-origin http://127.0.0.1:8080 \\
      --name jobs --port 18350 --sim-port 18300 --pairs BTC/USDT --timeframes 5m --days 2
  python3 e2e/harness/capture_job_fixtures.py --state-dir /tmp/fbj --name jobs --out tests/fixtures/jobs
  python3 e2e/harness/ftharness.py down --state-dir /tmp/fbj

It lists the jobs (none), starts a download of 1h candles of two pairs and saves the job list while the job is
pending or running and once it succeeded, one job by id, a second download refused while one runs, a download
that fails (an exchange that does not exist), deleting a finished job, a running one (refused) and clearing
the finished ones. Each answer is saved unchanged to OUT/<name>.json (OUT/<name>_<status>.json for a non-2xx
status); OUT/index.json lists them.

Standard library only; shares the client and recorder of capture_fixtures.py.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import webserver_capture  # noqa: E402
from capture_fixtures import check  # noqa: E402

TIMEOUT_S = 180

README = """# Job fixtures (background jobs, data download)

Real answers of `freqtrade webserver` (freqtrade {version}, API {api_version}), captured on {date} by
`e2e/harness/capture_job_fixtures.py` against the simulated exchange.

| file | method | path | status |
|---|---|---|---|
{rows}
"""



def follow(rec, job_id, name_unfinished, refuse_body=None):
    """Polls /background until `job_id` is finished; saves the first unfinished list (and, with refuse_body, a
    second download started meanwhile). Returns the final list."""
    saved = False
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        status, jobs = rec.bot.request("GET", "/background")
        check(status, jobs, "GET /background")
        job = next((j for j in jobs if j["job_id"] == job_id), None)
        if job is None:
            sys.exit(f"error: job {job_id} is not listed")
        if job["status"] not in ("success", "failed"):
            if not saved and name_unfinished:
                rec.save(name_unfinished, "GET", "/background", status, jobs)
                saved = True
                if refuse_body is not None:
                    rec.call("download_while_running", "POST", "/download_data", body=refuse_body)
                    rec.call("background_delete_running", "DELETE", f"/background/{job_id}")
        elif not job["running"]:
            return jobs
        time.sleep(0.02)
    sys.exit("error: the job did not finish in time")


def main(argv=None):
    rec = webserver_capture.start(__doc__, "tests/fixtures/jobs", argv)
    rec.get("background_empty", "/background")
    body = {"pairs": ["ETH/USDT", "SOL/USDT"], "timeframes": ["1h"], "days": 3}
    _, started = rec.call("download_start", "POST", "/download_data", body=body)
    job_id = started["job_id"]
    rec.save("background_success", "GET", "/background", 200, follow(rec, job_id, "background_running", body))
    rec.get("background_job", f"/background/{job_id}")
    rec.get("background_job_unknown", "/background/no-such-job")

    _, failing = rec.call("download_start_failing", "POST", "/download_data",
                          body={"pairs": ["ETH/USDT"], "timeframes": ["1h"], "days": 1,
                                "exchange": "no_such_exchange"})
    rec.save("background_failed", "GET", "/background", 200, follow(rec, failing["job_id"], None))
    rec.call("background_delete", "DELETE", f"/background/{failing['job_id']}")
    rec.call("background_clear", "DELETE", "/background/clear")

    webserver_capture.finish(rec, README)


if __name__ == "__main__":
    main()
