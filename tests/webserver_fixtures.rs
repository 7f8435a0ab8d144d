//! The answers captured from a real `freqtrade webserver` 2026.9 running a backtest (`tests/fixtures/webserver/`,
//! made by `e2e/harness/capture_webserver_fixtures.py`): the fixtures hold the shapes `api_backtest.py` and
//! `api_schemas.py` give, and Freqboard's backtest wire types (`api::wire::backtest`) decode every one of them.

use std::path::PathBuf;

use serde_json::Value;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join("webserver")
}

fn text(name: &str) -> String {
    let path = dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn json(name: &str) -> Value {
    serde_json::from_str(&text(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn the_index_lists_every_file_and_every_listed_file_exists() {
    let index = json("index.json");
    let Some(entries) = index.as_array() else {
        panic!("index.json is not a list")
    };
    let listed: Vec<String> = entries
        .iter()
        .filter_map(|e| e.get("file").and_then(Value::as_str).map(str::to_string))
        .collect();
    assert_eq!(listed.len(), entries.len(), "an entry without a file");
    for file in &listed {
        assert!(dir().join(file).is_file(), "{file} is listed but missing");
    }
    let Ok(found) = std::fs::read_dir(dir()) else {
        panic!("no tests/fixtures/webserver directory")
    };
    for entry in found.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name != "index.json" && name != "README.md" {
            assert!(listed.contains(&name), "{name} is not in index.json");
        }
    }
}

/// `BacktestResponse`: status, running, status_msg, step, progress, trade_count, backtest_result.
fn assert_backtest_response(name: &str, running: bool) -> Value {
    let v = json(name);
    assert_eq!(v["running"], Value::Bool(running), "{name}: running");
    for key in ["status", "status_msg", "step"] {
        assert!(v[key].is_string(), "{name}: {key} is not text");
    }
    assert!(v["progress"].is_number(), "{name}: progress");
    v
}

#[test]
fn a_backtest_answers_through_its_whole_life() {
    let idle = assert_backtest_response("backtest_idle.json", false);
    assert!(idle["backtest_result"].is_null());
    let running = assert_backtest_response("backtest_running.json", true);
    assert_eq!(running["status"], "running");
    let progress = assert_backtest_response("backtest_progress.json", true);
    assert!(progress["progress"]
        .as_f64()
        .is_some_and(|p| p > 0.0 && p <= 1.0));
    let ended = assert_backtest_response("backtest_ended.json", false);
    assert_eq!(ended["status"], "ended");
    let result = &ended["backtest_result"];
    for key in ["metadata", "strategy", "strategy_comparison"] {
        assert!(!result[key].is_null(), "backtest_result.{key}");
    }
    let sample = &result["strategy"]["SampleStrategy"];
    assert!(sample["trades"].as_array().is_some_and(|t| !t.is_empty()));
    for key in [
        "profit_total",
        "max_drawdown_account",
        "sharpe",
        "sortino",
        "calmar",
        "sqn",
        "cagr",
    ] {
        assert!(sample[key].is_number(), "SampleStrategy.{key}");
    }
    for key in [
        "results_per_pair",
        "results_per_enter_tag",
        "exit_reason_summary",
        "mix_tag_stats",
    ] {
        assert!(sample[key].is_array(), "SampleStrategy.{key}");
    }
    assert!(sample["periodic_breakdown"].is_object());
    // A second start while one runs is refused with freqtrade's error body.
    let refused = json("backtest_start_while_running_502.json");
    assert!(refused["error"]
        .as_str()
        .is_some_and(|e| e.contains("already running")));
    // Abort and reset answer a BacktestResponse too.
    assert_backtest_response("backtest_abort_idle.json", false);
    assert_backtest_response("backtest_reset.json", false);
}

#[test]
fn the_stored_history_and_one_stored_result() {
    assert_eq!(json("backtest_history_before.json"), Value::Array(vec![]));
    let history = json("backtest_history.json");
    let Some([entry]) = history.as_array().map(Vec::as_slice) else {
        panic!("one stored result expected")
    };
    for key in ["filename", "strategy", "run_id"] {
        assert!(entry[key].is_string(), "history.{key}");
    }
    for key in [
        "backtest_start_time",
        "backtest_start_ts",
        "backtest_end_ts",
    ] {
        assert!(entry[key].is_i64(), "history.{key}");
    }
    let notes = json("backtest_history_notes.json");
    assert_eq!(notes[0]["notes"], "captured for Freqboard's tests");
    assert_eq!(json("backtest_history_delete.json"), Value::Array(vec![]));
    let stored = assert_backtest_response("backtest_history_result.json", false);
    assert!(stored["backtest_result"]["strategy"]["SampleStrategy"].is_object());
    // Market change and wallet are column tables: columns, data rows, length.
    for name in ["backtest_market_change.json", "backtest_wallet.json"] {
        let t = json(name);
        let columns = t["columns"].as_array().map_or(0, Vec::len);
        let rows = t["data"].as_array().map_or(0, Vec::len);
        assert!(
            columns > 1 && rows > 0,
            "{name}: {columns} columns, {rows} rows"
        );
        assert_eq!(t["length"].as_u64(), Some(rows as u64), "{name}: length");
    }
    assert!(json("backtest_wallet_unknown_file_400.json")["detail"].is_string());
}

#[test]
fn what_the_backtest_form_reads() {
    let strategies = json("strategies.json");
    assert!(strategies["strategies"]
        .as_array()
        .is_some_and(|s| s.iter().any(|n| n == "SampleStrategy")));
    assert_eq!(json("ws_show_config.json")["runmode"], "webserver");
    assert!(json("available_pairs.json")["pairs"]
        .as_array()
        .is_some_and(|p| !p.is_empty()));
    assert!(json("exchanges.json")["exchanges"].is_array());
    // Without FreqAI's dependencies, freqtrade 2026.9 answers /freqaimodels with a bare 500: the form must
    // treat it as "no FreqAI", not as a failure of the bot.
    assert_eq!(text("freqaimodels_500.txt"), "Internal Server Error");
}

#[test]
fn the_backtest_wire_types_decode_every_captured_answer() {
    use freqboard::api::wire::{
        BacktestHistoryEntry, BacktestStatus, FreqaiModels, StrategyListResponse,
    };
    let status = |name: &str| -> BacktestStatus {
        serde_json::from_str(&text(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    for (name, state, running) in [
        ("backtest_idle.json", "not_started", false),
        ("backtest_start.json", "running", true),
        ("backtest_running.json", "running", true),
        ("backtest_progress.json", "running", true),
        ("backtest_abort_idle.json", "not_running", false),
        ("backtest_reset.json", "reset", false),
    ] {
        let s = status(name);
        assert_eq!((s.status.as_str(), s.running), (state, running), "{name}");
        assert!(s.backtest_result.is_none(), "{name}");
    }
    assert_eq!(status("backtest_progress.json").trade_count, Some(21.0));
    assert_eq!(status("backtest_progress.json").step, "backtest");
    for name in ["backtest_ended.json", "backtest_history_result.json"] {
        let result = status(name)
            .backtest_result
            .unwrap_or_else(|| panic!("{name}: no result"));
        let strategy = result
            .strategy
            .get("SampleStrategy")
            .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(strategy.trades().len(), 21, "{name}");
        assert_eq!(strategy.number("total_trades"), Some(21.0), "{name}");
        assert_eq!(strategy.breakdown("results_per_pair").len(), 5, "{name}");
        assert_eq!(strategy.periods("day").len(), 3, "{name}");
        let meta = result
            .metadata
            .get("SampleStrategy")
            .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(
            meta.filename, "backtest-result-2026-11-28_11-31-09",
            "{name}"
        );
    }
    let history: Vec<BacktestHistoryEntry> =
        serde_json::from_str(&text("backtest_history_notes.json")).unwrap_or_default();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].notes, "captured for Freqboard's tests");
    assert_eq!(history[0].timeframe_detail, None);
    let deleted: Vec<BacktestHistoryEntry> =
        serde_json::from_str(&text("backtest_history_delete.json")).unwrap_or_default();
    assert!(deleted.is_empty());
    let strategies: StrategyListResponse =
        serde_json::from_str(&text("strategies.json")).unwrap_or_default();
    assert!(strategies
        .strategies
        .contains(&"SampleStrategy".to_string()));
    // Without FreqAI the bot answers HTTP 500 with a text body: not JSON, so an error (shown as "no models").
    assert!(serde_json::from_str::<FreqaiModels>(&text("freqaimodels_500.txt")).is_err());
}
