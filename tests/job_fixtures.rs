//! The answers captured from a real `freqtrade webserver` 2026.9 about background jobs (`tests/fixtures/jobs/`,
//! made by `e2e/harness/capture_job_fixtures.py`): a data download pending, succeeded and failed, the refusals,
//! deletion and clearing; Freqboard's job wire types (`api::wire::jobs`) decode every one of them.

use std::path::PathBuf;

use freqboard::api::wire::{BackgroundJob, JobStarted};
use serde_json::Value;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join("jobs")
}

fn text(name: &str) -> String {
    let path = dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn list(name: &str) -> Vec<BackgroundJob> {
    serde_json::from_str(&text(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn the_index_lists_every_file() {
    let index: Value = serde_json::from_str(&text("index.json")).unwrap_or_else(|e| panic!("{e}"));
    let Some(entries) = index.as_array() else {
        panic!("index.json is not a list")
    };
    for e in entries {
        let Some(file) = e.get("file").and_then(Value::as_str) else {
            panic!("an entry without a file")
        };
        assert!(dir().join(file).is_file(), "{file} is listed but missing");
    }
    assert_eq!(entries.len(), 12);
}

#[test]
fn a_download_job_through_its_life() {
    assert!(list("background_empty.json").is_empty());
    let started: JobStarted =
        serde_json::from_str(&text("download_start.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(started.status, "Data Download started in background.");

    // Pending: freqtrade already says `running`, with no tasks and no progress yet.
    let running = list("background_running.json");
    let [job] = running.as_slice() else {
        panic!("one job expected")
    };
    assert_eq!(job.job_id, started.job_id);
    assert_eq!(
        (job.job_category.as_str(), job.status.as_str()),
        ("download_data", "pending")
    );
    assert!(job.running && !job.finished());
    assert_eq!(job.fraction(), None);

    // Succeeded: per-task progress only (the job's own stays null), complete.
    let done = list("background_success.json");
    let [job] = done.as_slice() else {
        panic!("one job expected")
    };
    assert!(job.finished());
    assert_eq!(job.progress, None);
    let tasks = job.progress_tasks.as_ref().map(|t| t.len());
    assert_eq!(tasks, Some(2));
    assert_eq!(job.fraction(), Some(1.0));
    let by_id: BackgroundJob =
        serde_json::from_str(&text("background_job.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(&by_id, job);
}

#[test]
fn a_failed_job_keeps_its_error_and_refusals_say_why() {
    let jobs = list("background_failed.json");
    let Some(failed) = jobs.iter().find(|j| j.status == "failed") else {
        panic!("no failed job")
    };
    assert!(failed.finished());
    assert_eq!(
        failed.error.as_deref(),
        Some("Exchange no_such_exchange is not supported by ccxt")
    );
    for (name, detail) in [
        (
            "download_while_running_400.json",
            "Data Download is already running.",
        ),
        (
            "background_delete_running_400.json",
            "Job is still running.",
        ),
        ("background_job_unknown_404.json", "Job not found."),
    ] {
        let v: Value = serde_json::from_str(&text(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(v["detail"], detail, "{name}");
    }
    let deleted: BackgroundJob =
        serde_json::from_str(&text("background_delete.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(deleted.status, "failed");
    assert!(list("background_clear.json").is_empty());
}

#[test]
fn lenient_decoding_never_fails_on_odd_jobs() {
    // Unknown category, missing fields, a task with a zero total: decoded, progress unknown, not finished.
    let odd: Vec<BackgroundJob> = serde_json::from_str(
        r#"[{"job_id": "x", "job_category": "future_kind", "status": "queued",
             "progress_tasks": {"a": {"progress": 1, "total": 0}}}]"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let [job] = odd.as_slice() else {
        panic!("one job expected")
    };
    assert!(!job.finished());
    assert_eq!(job.fraction(), None);
    let half: BackgroundJob =
        serde_json::from_str(r#"{"status": "running", "running": true, "progress": 0.5}"#)
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(half.fraction(), Some(0.5));
}
