//! The answers captured from a real `freqtrade webserver` 2026.9 by the pairlist configurator and the
//! lookahead and recursive analyses (`tests/fixtures/analysis/`, made by
//! `e2e/harness/capture_analysis_fixtures.py`): handlers, an evaluation that succeeded and one that failed,
//! each analysis running, ended and failed. Freqboard's wire types (`api::wire::analysis`) decode every one.

use std::path::PathBuf;

use freqboard::api::wire::{
    BackgroundJob, JobOutcome, JobStarted, LookaheadStatus, PairlistsAvailable, RecursiveResult,
    RecursiveStatus, WhitelistEvaluation,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join("analysis")
}

fn read<T: DeserializeOwned>(name: &str) -> T {
    let path = dir().join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn the_index_lists_every_file() {
    let index: Value = read("index.json");
    let Some(entries) = index.as_array() else {
        panic!("index.json is not a list")
    };
    for e in entries {
        let Some(file) = e.get("file").and_then(Value::as_str) else {
            panic!("an entry without a file")
        };
        assert!(dir().join(file).is_file(), "{file} is listed but missing");
    }
    assert!(entries.len() >= 18, "{} fixtures", entries.len());
}

#[test]
fn pairlist_handlers_with_typed_parameters() {
    let all: PairlistsAvailable = read("pairlists_available.json");
    assert!(
        all.pairlists.len() >= 15,
        "{} handlers",
        all.pairlists.len()
    );
    let by_name = |n: &str| {
        all.pairlists
            .iter()
            .find(|h| h.name == n)
            .unwrap_or_else(|| panic!("{n} missing"))
    };
    let statics = by_name("StaticPairList");
    assert!(statics.is_pairlist_generator);
    let allow = statics.params.get("allow_inactive");
    assert_eq!(allow.map(|p| p.kind.as_str()), Some("boolean"));
    assert_eq!(allow.map(|p| p.default.clone()), Some(Value::Bool(false)));

    let offset = by_name("OffsetFilter");
    assert!(!offset.is_pairlist_generator);
    assert!(!offset.description.is_empty());
    let keys: Vec<&str> = offset.params.keys().collect();
    assert_eq!(keys, ["offset", "number_assets"]);
    let number = offset.params.get("offset");
    assert_eq!(number.map(|p| p.kind.as_str()), Some("number"));
    assert!(number.is_some_and(|p| !p.description.is_empty()));

    let volume = by_name("VolumePairList");
    let sort = volume.params.get("sort_key");
    assert_eq!(sort.map(|p| p.kind.as_str()), Some("option"));
    assert_eq!(
        sort.map(|p| p.options.clone()),
        Some(vec!["quoteVolume".to_string()])
    );
    let categories = by_name("MarketCapPairList").params.get("categories");
    assert_eq!(categories.map(|p| p.kind.as_str()), Some("list"));
    // Every parameter is of a type the editor knows.
    for h in &all.pairlists {
        for (name, p) in h.params.iter() {
            assert!(
                ["number", "string", "boolean", "option", "list"].contains(&p.kind.as_str()),
                "{}.{name}: {}",
                h.name,
                p.kind
            );
        }
    }
}

#[test]
fn an_evaluation_that_succeeded_and_one_that_failed() {
    let started: JobStarted = read("pairlists_evaluate.json");
    assert_eq!(started.status, "Pairlist evaluation started in background.");
    assert!(!started.job_id.is_empty());

    let ok: WhitelistEvaluation = read("pairlists_evaluate_result.json");
    assert_eq!(ok.status, "success");
    assert_eq!(ok.error, None);
    let Some(result) = ok.result else {
        panic!("no result")
    };
    assert_eq!(result.whitelist, ["ETH/USDT", "SOL/USDT"]);
    assert_eq!(result.length, 2);
    assert_eq!(result.method, ["StaticPairList", "OffsetFilter"]);

    let failed: WhitelistEvaluation = read("pairlists_evaluate_result_failed.json");
    assert_eq!(failed.status, "failed");
    assert!(failed.result.is_none());
    assert!(failed
        .error
        .is_some_and(|e| e.contains("Impossible to load Pairlist 'NoSuchPairList'")));
    let unknown: Value = read("pairlists_evaluate_result_unknown_404.json");
    assert_eq!(unknown["detail"], "Job not found.");
}

#[test]
fn analyses_running_ended_and_failed() {
    let running: RecursiveStatus = read("recursive_running.json");
    assert!(running.running);
    assert_eq!(running.status, "running");
    assert!(running.result.is_none());
    let look_running: LookaheadStatus = read("lookahead_running.json");
    assert!(look_running.running && look_running.result.is_none());

    let ended: LookaheadStatus = read("lookahead_ended.json");
    assert_eq!(ended.status, "ended");
    let Some(look) = ended.result else {
        panic!("no lookahead result")
    };
    assert_eq!(look.strategy, "SampleStrategy");
    assert!(!look.has_bias);
    assert!(look.total_signals >= 1);
    assert_eq!(
        (look.biased_entry_signals, look.biased_exit_signals),
        (0, 0)
    );
    assert!(look.biased_indicators.is_empty());

    let ended: RecursiveStatus = read("recursive_ended.json");
    let Some(rec) = ended.result else {
        panic!("no recursive result")
    };
    assert_eq!(rec.startup_candles, [100, 200, 400]);
    assert_eq!(rec.strategy_scc, Some(200));
    assert!(rec.results.contains_key("rsi"));
    // `tema` differed only with 100 candles: the other counts are listed as no difference.
    assert_eq!(rec.difference("tema", 400), Some(0.0));
    assert_eq!(rec.recommended_startup(), Some(200));

    for (name, why) in [
        (
            "recursive_failing_ended.json",
            "Strategy NoSuchStrategy not found.",
        ),
        (
            "recursive_no_timerange_ended.json",
            "Please set a timerange.",
        ),
    ] {
        let failed: RecursiveStatus = read(name);
        assert_eq!(failed.status, "error", "{name}");
        assert!(!failed.running);
        assert!(
            failed.status_msg.contains(why),
            "{name}: {}",
            failed.status_msg
        );
    }
    let jobs: Vec<BackgroundJob> = read("background_after.json");
    let categories: Vec<&str> = jobs.iter().map(|j| j.job_category.as_str()).collect();
    assert!(categories.contains(&"pairlist") && categories.contains(&"recursive_analysis"));
    assert!(categories.contains(&"lookahead_analysis"));
    assert!(jobs.iter().all(BackgroundJob::finished));
}

#[test]
fn the_recommended_startup_count() {
    let result = |json: &str| -> RecursiveResult {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"))
    };
    // Settled from 400 on (200 differs by 0.5 %).
    let r = result(
        r#"{"startup_candles": [400, 100, 200], "results":
            {"ema": {"100": 0.02, "200": 0.005, "400": 0.0001}, "rsi": {"100": 0.01}}}"#,
    );
    assert_eq!(r.counts(), [100, 200, 400]);
    assert_eq!(r.recommended_startup(), Some(400));
    // Not settled even with the largest.
    let r = result(r#"{"startup_candles": [100, 200], "results": {"ema": {"200": 0.01}}}"#);
    assert_eq!(r.recommended_startup(), None);
    // No differences at all: the smallest is enough; a null cell (not comparable) is not settled.
    let r = result(r#"{"startup_candles": [100, 200], "results": {}}"#);
    assert_eq!(r.recommended_startup(), Some(100));
    let r = result(r#"{"startup_candles": [100, 200], "results": {"x": {"100": null}}}"#);
    assert_eq!(r.recommended_startup(), Some(200));
    // Odd answers decode without failing.
    let r = result(r#"{"startup_candles": "many", "results": [1, 2]}"#);
    assert_eq!(r.recommended_startup(), None);
}

#[test]
fn a_job_outcome_reads_as_its_categorys_type() {
    // The app reads the three result endpoints as one `JobOutcome`, then as the category's type.
    for name in [
        "pairlists_evaluate_result.json",
        "pairlists_evaluate_result_failed.json",
    ] {
        let outcome: JobOutcome = read(name);
        assert_eq!(
            outcome.read::<WhitelistEvaluation>(),
            read::<WhitelistEvaluation>(name)
        );
    }
    let outcome: JobOutcome = read("lookahead_ended.json");
    assert_eq!(
        outcome.read::<LookaheadStatus>(),
        read::<LookaheadStatus>("lookahead_ended.json")
    );
    for name in ["recursive_ended.json", "recursive_failing_ended.json"] {
        let outcome: JobOutcome = read(name);
        let status: RecursiveStatus = outcome.read();
        assert_eq!(status, read::<RecursiveStatus>(name));
    }
    // Not an object: every field its default.
    assert_eq!(
        JobOutcome(Value::from(3)).read::<RecursiveStatus>(),
        RecursiveStatus::default()
    );
}

#[test]
fn an_evaluation_asked_for_while_it_runs() {
    // freqtrade refuses the result while the job runs; the app waits for the job list to say it ended.
    let early: Value = read("pairlists_evaluate_result_running_400.json");
    assert_eq!(early["detail"], "Job not finished yet.");
    let job: BackgroundJob = read("pairlists_evaluate_job_running.json");
    assert_eq!(job.job_category, "pairlist");
    assert!(job.running && !job.finished());
    assert_eq!(job.fraction(), None);
}
