//! Decodes the answers captured from a real freqtrade 2026.9 bot (`tests/fixtures/`, listed in its
//! `index.json`) through the endpoint functions and wire types, and checks that decoding stays lenient when
//! freqtrade changes a field.

use std::fmt::Debug;
use std::path::PathBuf;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use freqboard::api::endpoint::{decode_body, Endpoint};
use freqboard::api::endpoints;
use freqboard::api::wire::*;

// -------------------------------------------------------------------------------------------------------------
// Helpers
// -------------------------------------------------------------------------------------------------------------

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

fn fixture(name: &str) -> String {
    let path = fixtures_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn fixture_exists(name: &str) -> bool {
    fixtures_dir().join(name).is_file()
}

/// Decodes fixture `name` through the endpoint, failing the test with the decode error.
fn decode<T: DeserializeOwned>(endpoint: Endpoint<T>, name: &str) -> T {
    match endpoint.decode(&fixture(name)) {
        Ok(v) => v,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn decode_as<T: DeserializeOwned>(name: &str) -> T {
    match decode_body::<T>(name, &fixture(name)) {
        Ok(v) => v,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

/// One line of `index.json`.
struct Captured {
    file: String,
    method: String,
    /// Path below `/api/v1`, without the query.
    path: String,
    status: u64,
}

fn index() -> Vec<Captured> {
    let index: Value = match serde_json::from_str(&fixture("index.json")) {
        Ok(v) => v,
        Err(e) => panic!("index.json: {e}"),
    };
    let Some(items) = index.as_array() else {
        panic!("index.json is not a list")
    };
    items
        .iter()
        .map(|item| {
            let text = |k: &str| {
                item.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            let full = text("path");
            let path = full.split('?').next().unwrap_or_default();
            Captured {
                file: text("file"),
                method: text("method"),
                path: path.strip_prefix("/api/v1").unwrap_or(path).to_string(),
                status: item
                    .get("status")
                    .and_then(Value::as_u64)
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// Checks that `endpoint` is the request that was captured, then decodes `body` with it.
fn run<T: DeserializeOwned>(endpoint: Endpoint<T>, c: &Captured, body: &str) -> Result<(), String> {
    let r = &endpoint.request;
    if r.method.as_str() != c.method || r.path != c.path {
        return Err(format!(
            "endpoint builds {} {}, the fixture was {} {}",
            r.method.as_str(),
            r.path,
            c.method,
            c.path
        ));
    }
    endpoint.decode(body).map(|_| ()).map_err(|e| e.to_string())
}

fn id(s: &str) -> Result<i64, String> {
    s.parse().map_err(|_| format!("bad id {s}"))
}

/// Decodes a successful captured answer with the endpoint function that builds the same request.
fn decode_captured(c: &Captured, body: &str) -> Result<(), String> {
    let segments: Vec<&str> = c.path.trim_start_matches('/').split('/').collect();
    match (c.method.as_str(), segments.as_slice()) {
        ("POST", ["token", "login"]) => decode_body::<TokenLoginResponse>(&c.file, body)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        ("POST", ["token", "refresh"]) => decode_body::<TokenRefreshResponse>(&c.file, body)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        ("GET", ["ping"]) => run(endpoints::ping(), c, body),
        ("GET", ["version"]) => run(endpoints::version(), c, body),
        ("GET", ["show_config"]) => run(endpoints::show_config(), c, body),
        ("GET", ["sysinfo"]) => run(endpoints::sysinfo(), c, body),
        ("GET", ["health"]) => run(endpoints::health(), c, body),
        ("GET", ["logs"]) => run(endpoints::logs(None), c, body),
        ("POST", ["start"]) => run(endpoints::start(), c, body),
        ("POST", ["stop"]) => run(endpoints::stop(), c, body),
        ("POST", ["stopbuy"]) => run(endpoints::stopbuy(), c, body),
        ("POST", ["reload_config"]) => run(endpoints::reload_config(), c, body),
        ("GET", ["status"]) => run(endpoints::status(), c, body),
        ("GET", ["count"]) => run(endpoints::count(), c, body),
        ("GET", ["trades"]) => run(endpoints::trades(500, 0), c, body),
        ("GET", ["trade", n]) => run(endpoints::trade(id(n)?), c, body),
        ("DELETE", ["trades", n]) => run(endpoints::delete_trade(id(n)?), c, body),
        ("DELETE", ["trades", n, "open-order"]) => {
            run(endpoints::cancel_open_order(id(n)?), c, body)
        }
        ("POST", ["trades", n, "reload"]) => run(endpoints::reload_trade(id(n)?), c, body),
        ("GET", ["trades", n, "custom-data"]) => run(endpoints::trade_custom_data(id(n)?), c, body),
        ("POST", ["forceenter"]) => run(
            endpoints::forceenter(&ForceEnterPayload::new("BTC/USDT")),
            c,
            body,
        ),
        ("POST", ["forceexit"]) => run(endpoints::forceexit(&ForceExitPayload::trade(1)), c, body),
        ("GET", ["performance"]) => run(endpoints::performance(), c, body),
        ("GET", ["entries"]) => run(endpoints::entries(None), c, body),
        ("GET", ["exits"]) => run(endpoints::exits(None), c, body),
        ("GET", ["mix_tags"]) => run(endpoints::mix_tags(None), c, body),
        ("GET", ["profit"]) => run(endpoints::profit(), c, body),
        ("GET", ["profit_all"]) => run(endpoints::profit_all(), c, body),
        ("GET", ["stats"]) => run(endpoints::stats(), c, body),
        ("GET", ["daily"]) => run(endpoints::daily(7), c, body),
        ("GET", ["weekly"]) => run(endpoints::weekly(4), c, body),
        ("GET", ["monthly"]) => run(endpoints::monthly(3), c, body),
        ("GET", ["balance"]) => run(endpoints::balance(), c, body),
        ("GET", ["historic_balance"]) => run(endpoints::historic_balance(), c, body),
        ("GET", ["whitelist"]) => run(endpoints::whitelist(), c, body),
        ("GET", ["blacklist"]) => run(endpoints::blacklist(), c, body),
        ("POST", ["blacklist"]) => run(endpoints::blacklist_add(&["BNB/USDT"]), c, body),
        ("DELETE", ["blacklist"]) => run(endpoints::blacklist_delete(&["DOGE/USDT"]), c, body),
        ("GET", ["locks"]) => run(endpoints::locks(), c, body),
        ("POST", ["locks"]) => run(endpoints::add_lock(&LockPayload::default()), c, body),
        ("POST", ["locks", "delete"]) => run(endpoints::delete_pair_locks("BTC/USDT"), c, body),
        ("DELETE", ["locks", n]) => run(endpoints::delete_lock(id(n)?), c, body),
        ("GET", ["edge"]) => run(endpoints::edge(), c, body),
        ("GET", ["pair_candles"]) => run(endpoints::pair_candles("BTC/USDT", "5m", None), c, body),
        ("POST", ["pair_candles"]) => run(
            endpoints::pair_candles_columns("BTC/USDT", "5m", None, &[]),
            c,
            body,
        ),
        ("GET", ["pair_history"]) => run(
            endpoints::pair_history("BTC/USDT", "5m", "", "", None),
            c,
            body,
        ),
        ("POST", ["pair_history"]) => run(
            endpoints::pair_history_filtered(&PairHistoryPayload::default()),
            c,
            body,
        ),
        ("GET", ["plot_config"]) => run(endpoints::plot_config(None), c, body),
        ("GET", ["markets"]) => run(endpoints::markets(&MarketsQuery::default()), c, body),
        ("GET", ["strategies"]) => run(endpoints::strategies(), c, body),
        ("GET", ["strategy", name]) => run(endpoints::strategy(name), c, body),
        ("GET", ["available_pairs"]) => run(endpoints::available_pairs(None, None), c, body),
        _ => Err(format!("no wire type for {} {}", c.method, c.path)),
    }
}

/// Applies `f` to every value of a JSON tree, leaves first.
fn mutate(v: &mut Value, f: &dyn Fn(&mut Value)) {
    match v {
        Value::Array(items) => items.iter_mut().for_each(|i| mutate(i, f)),
        Value::Object(map) => map.values_mut().for_each(|i| mutate(i, f)),
        _ => {}
    }
    f(v);
}

fn numbers_to_null(v: &mut Value) {
    if v.is_number() {
        *v = Value::Null;
    }
}

fn swap_scalar_types(v: &mut Value) {
    *v = match v {
        Value::Number(_) => json!("not a number"),
        Value::String(_) => json!(42),
        Value::Bool(_) => json!("yes"),
        _ => return,
    };
}

fn add_unknown_fields(v: &mut Value) {
    if let Value::Object(map) = v {
        map.insert(
            "zz_field_from_the_future".into(),
            json!({"nested": [1, null, {"x": "y"}]}),
        );
    }
}

/// The three mutations: nulls where numbers are, unknown extra fields everywhere, and swapped scalar types.
fn mutations(original: &Value) -> Vec<(&'static str, Value)> {
    let mut nulls = original.clone();
    mutate(&mut nulls, &numbers_to_null);
    let mut extra = original.clone();
    mutate(&mut extra, &add_unknown_fields);
    let mut swapped = original.clone();
    mutate(&mut swapped, &swap_scalar_types);
    vec![
        ("numbers as null", nulls),
        ("extra unknown fields", extra),
        ("swapped scalar types", swapped),
    ]
}

// -------------------------------------------------------------------------------------------------------------
// Every captured file
// -------------------------------------------------------------------------------------------------------------

#[test]
fn every_fixture_file_is_listed_in_the_index() {
    let listed: Vec<String> = index().into_iter().map(|c| c.file).collect();
    let Ok(dir) = std::fs::read_dir(fixtures_dir()) else {
        panic!("no tests/fixtures directory")
    };
    let mut missing = Vec::new();
    for entry in dir.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".json") && name != "index.json" && !listed.contains(&name) {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "fixtures not in index.json (so not decoded): {missing:?}"
    );
}

#[test]
fn every_captured_answer_decodes_through_its_endpoint() {
    let mut failures = Vec::new();
    let captured = index();
    assert!(
        captured.len() > 40,
        "index.json lists only {} files",
        captured.len()
    );
    for c in &captured {
        let body = fixture(&c.file);
        let result = if (200..300).contains(&c.status) {
            decode_captured(c, &body)
        } else {
            decode_body::<ErrorBody>(&c.file, &body)
                .map_err(|e| e.to_string())
                .and_then(|e| {
                    if e.message().is_empty() {
                        Err("error body without a message".into())
                    } else {
                        Ok(())
                    }
                })
        };
        if let Err(e) = result {
            failures.push(format!(
                "{} ({} {} -> {}): {e}",
                c.file, c.method, c.path, c.status
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_captured_answer_survives_changed_fields() {
    let mut failures = Vec::new();
    for c in index().iter().filter(|c| (200..300).contains(&c.status)) {
        let original: Value = match serde_json::from_str(&fixture(&c.file)) {
            Ok(v) => v,
            Err(e) => panic!("{}: {e}", c.file),
        };
        for (what, changed) in mutations(&original) {
            if let Err(e) = decode_captured(c, &changed.to_string()) {
                failures.push(format!("{} with {what}: {e}", c.file));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// -------------------------------------------------------------------------------------------------------------
// Values of the captured answers
// -------------------------------------------------------------------------------------------------------------

#[test]
fn token_answers() {
    let login: TokenLoginResponse = decode_as("token_login.json");
    assert!(login
        .access_token
        .as_deref()
        .is_some_and(|t| t.starts_with("eyJ")));
    assert!(login
        .refresh_token
        .as_deref()
        .is_some_and(|t| t.starts_with("eyJ")));
    assert_ne!(login.access_token, login.refresh_token);
    let refresh: TokenRefreshResponse = decode_as("token_refresh.json");
    assert!(refresh.access_token.is_some_and(|t| !t.is_empty()));
}

#[test]
fn error_bodies() {
    let e: ErrorBody = decode_as("login_401.json");
    assert_eq!(e.message(), "Incorrect username or password");
    assert_eq!(
        decode_as::<ErrorBody>("count_no_auth_401.json").message(),
        "Unauthorized"
    );
    assert_eq!(
        decode_as::<ErrorBody>("count_bad_token_401.json").message(),
        "Could not validate credentials"
    );
    assert_eq!(
        decode_as::<ErrorBody>("trade_404.json").message(),
        "Trade not found."
    );
    assert_eq!(
        decode_as::<ErrorBody>("edge_404.json").message(),
        "Not Found"
    );
    for name in [
        "strategies_503.json",
        "available_pairs_503.json",
        "pair_history_503.json",
        "background_503.json",
    ] {
        assert_eq!(
            decode_as::<ErrorBody>(name).message(),
            "Bot is not in the correct state.",
            "{name}"
        );
    }
    // freqtrade's own refusals are HTTP 502 with `error`, not `detail`.
    let e: ErrorBody = decode_as("forceenter_short_spot_502.json");
    assert_eq!(e.detail, Value::Null);
    assert_eq!(
        e.message(),
        "Error querying /api/v1/forceenter: Can't go short on Spot markets."
    );
    assert!(decode_as::<ErrorBody>("forceexit_unknown_502.json")
        .message()
        .ends_with("invalid argument"));
    assert!(decode_as::<ErrorBody>("forceenter_paused_502.json")
        .message()
        .ends_with("trader is not running"));
    assert!(decode_as::<ErrorBody>("forceenter_open_pair_502.json")
        .message()
        .contains("already open"));
}

#[test]
fn ping_version_sysinfo_health() {
    assert_eq!(decode(endpoints::ping(), "ping.json").status, "pong");
    assert_eq!(
        decode(endpoints::version(), "version.json").version,
        "2026.9"
    );

    let s = decode(endpoints::sysinfo(), "sysinfo.json");
    assert!(s.cpu_count.is_some_and(|n| n >= 1));
    assert_eq!(s.cpu_count, u32::try_from(s.cpu_load.len()).ok());
    assert_eq!(s.cpu_pct.len(), s.cpu_load.len());
    assert_eq!(s.cpu_load.first().map(|c| c.cpu), Some(0));
    assert!(s.cpu_load_avg.one_minute.is_some() && s.cpu_load_avg.fifteen_minutes.is_some());
    assert!(s.ram_pct.is_some_and(|r| r > 0.0 && r <= 100.0));

    let h = decode(endpoints::health(), "health.json");
    assert!(h.last_process_ts.is_some_and(|t| t > 1_700_000_000));
    assert!(h.bot_start.as_deref().is_some_and(|d| d.starts_with("20")));
    assert!(h.bot_startup_ts.is_some());
}

#[test]
fn show_config_of_the_dry_run_bot() {
    let c = decode(endpoints::show_config(), "show_config.json");
    assert_eq!(c.version, "2026.9");
    assert_eq!(c.api_version, Some(2.5));
    let v = c.api_version();
    assert!((2.43..2.51).contains(&v));
    assert_eq!(c.strategy.as_deref(), Some("SampleStrategy"));
    assert!(c.dry_run);
    assert_eq!(c.stake_currency, "USDT");
    assert_eq!(c.stake_amount, "50");
    assert_eq!(c.stake_currency_decimals, Some(3));
    assert_eq!(c.available_capital, None);
    assert_eq!(c.max_open_trades, Some(5));
    assert_eq!(c.state, TraderState::Running);
    assert_eq!(c.runmode, RunMode::DryRun);
    assert!(c.runmode.is_trading() && !c.is_webserver());
    assert_eq!(c.trading_mode, TradingMode::Spot);
    assert_eq!(c.margin_mode, MarginMode::NoMargin);
    assert!(!c.short_allowed);
    assert_eq!(c.timeframe.as_deref(), Some("5m"));
    assert_eq!((c.timeframe_ms, c.timeframe_min), (Some(300_000), Some(5)));
    assert_eq!(c.exchange, "binance");
    assert_eq!(c.bot_name, "bot1");
    assert!(c.force_entry_enable);
    assert_eq!(c.stoploss, Some(-0.1));
    assert_eq!(
        c.minimal_roi.keys().collect::<Vec<_>>(),
        vec!["60", "30", "0"]
    );
    assert_eq!(c.minimal_roi.get("0"), Some(&0.04));
    let order_types = c.order_types.unwrap_or_default();
    assert_eq!(order_types.force_entry, Some(OrderType::Market));
    assert_eq!(order_types.stoploss_on_exchange_interval, None);
    assert_eq!(
        c.unfilledtimeout.and_then(|u| u.unit).as_deref(),
        Some("minutes")
    );
    assert_eq!(c.entry_pricing.get("price_side"), Some(&json!("other")));
    assert_eq!(c.max_entry_position_adjustment, Some(-1));
}

#[test]
fn open_trades_of_status() {
    let open = decode(endpoints::status(), "status.json");
    let ids: Vec<i64> = open.iter().map(|t| t.trade_id).collect();
    assert!(ids.contains(&3) && ids.contains(&4), "{ids:?}");
    let pairs: Vec<&str> = open.iter().map(|t| t.pair.as_str()).collect();
    assert!(
        pairs.contains(&"SOL/USDT") && pairs.contains(&"XRP/USDT"),
        "{pairs:?}"
    );
    for t in &open {
        assert!(
            t.is_open && t.close_date.is_none() && t.close_rate.is_none(),
            "{}",
            t.trade_id
        );
        assert!(
            t.current_rate.is_some() && t.total_profit_abs.is_some(),
            "{}",
            t.trade_id
        );
        assert_eq!(t.strategy, "SampleStrategy");
        assert_eq!(t.trading_mode, Some(TradingMode::Spot));
        let first = t.orders.first();
        assert!(
            first.is_some_and(|o| t.is_entry(o) && o.ft_is_entry.is_none()),
            "{}",
            t.trade_id
        );
    }
    let stopped = decode(endpoints::status(), "status_stopped.json");
    assert_eq!(stopped.len(), open.len());
}

#[test]
fn one_open_trade() {
    let t = decode(endpoints::trade(3), "trade_3.json");
    assert_eq!(t.trade_id, 3);
    assert_eq!(t.pair, "SOL/USDT");
    assert_eq!(
        (t.base_currency.as_str(), t.quote_currency.as_str()),
        ("SOL", "USDT")
    );
    assert!(t.is_open && !t.is_short && !t.has_open_orders);
    assert_eq!(t.timeframe, Some(5));
    assert_eq!(t.enter_tag.as_deref(), Some("force_entry"));
    assert!(t.open_rate > 0.0);
    // SampleStrategy's stoploss is -10 %.
    assert!(
        t.stop_loss_abs
            .is_some_and(|s| (s / t.open_rate - 0.9).abs() < 1e-3),
        "{:?}",
        t.stop_loss_abs
    );
    assert_eq!(t.stop_loss_pct, Some(-10.0));
    assert_eq!(t.fee_close_cost, None);
    assert_eq!(t.nr_of_successful_entries, Some(1));
    assert!(t.open_timestamp > 1_700_000_000_000);
    let o = t.orders.first().cloned().unwrap_or_default();
    assert_eq!(o.status, OrderStatus::Closed);
    assert_eq!(o.ft_order_side, OrderSide::Buy);
    assert_eq!(o.order_type, "market");
    assert_eq!(o.ft_order_tag.as_deref(), Some("force_entry"));
    assert!(o.order_id.starts_with("dry_run_buy_SOL/USDT"));
}

#[test]
fn one_closed_trade() {
    if !fixture_exists("trade_closed.json") {
        return;
    }
    let t = decode(endpoints::trade(1), "trade_closed.json");
    assert_eq!(t.trade_id, 1);
    assert!(!t.is_open);
    assert!(t.close_rate.is_some() && t.close_date.is_some());
    assert_eq!(t.exit_reason.as_deref(), Some("force_exit"));
    assert_eq!(t.orders.len(), 2);
}

#[test]
fn closed_trades_list() {
    let page = decode(endpoints::trades(500, 0), "trades.json");
    assert_eq!(
        page.trades.iter().map(|t| t.trade_id).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert_eq!(
        (page.trades_count, page.offset, page.total_trades),
        (2, 0, 2)
    );
    let pairs: Vec<&str> = page.trades.iter().map(|t| t.pair.as_str()).collect();
    assert_eq!(pairs, vec!["BTC/USDT", "ETH/USDT"]);
    for t in &page.trades {
        assert!(!t.is_open);
        assert_eq!(t.exit_reason.as_deref(), Some("force_exit"));
        assert!(t.profit_ratio.is_some() && t.profit_abs.is_some() && t.close_rate.is_some());
        assert!(t.trade_duration_s.is_some_and(|d| d >= 0));
        assert_eq!(t.orders.len(), 2);
        // `/trades` sends the full orders: `ft_is_entry` is there.
        assert_eq!(
            t.orders.iter().map(|o| o.ft_is_entry).collect::<Vec<_>>(),
            vec![Some(true), Some(false)]
        );
        assert!(t
            .orders
            .iter()
            .all(|o| o.status == OrderStatus::Closed && o.average.is_some()));
        assert!(t
            .orders
            .iter()
            .all(|o| t.is_entry(o) == (o.ft_order_side == OrderSide::Buy)));
        assert_eq!(t.current_rate, None);
    }
    // The second page holds the trades of the first page from its offset on.
    let page2 = decode(endpoints::trades(1, 1), "trades_page2.json");
    assert_eq!(page2.total_trades, page.total_trades);
    assert_eq!(
        page2.trades_count,
        i64::try_from(page2.trades.len()).unwrap_or(-1)
    );
    let offset = usize::try_from(page2.offset).unwrap_or(usize::MAX);
    let expected: Vec<i64> = page
        .trades
        .iter()
        .skip(offset)
        .take(page2.trades.len())
        .map(|t| t.trade_id)
        .collect();
    assert_eq!(
        page2.trades.iter().map(|t| t.trade_id).collect::<Vec<_>>(),
        expected
    );
}

#[test]
fn force_entry_and_exit() {
    let entered = decode(
        endpoints::forceenter(&ForceEnterPayload::new("BTC/USDT")),
        "forceenter.json",
    );
    let Some(t) = entered.trade() else {
        panic!("forceenter.json is not a trade: {entered:?}")
    };
    assert_eq!((t.trade_id, t.pair.as_str()), (1, "BTC/USDT"));
    assert!(t.is_open);
    assert_eq!(t.profit_ratio, None);
    let status: ForceEnterResponse = match decode_body(
        "test",
        r#"{"status": "Error entering long trade for pair X."}"#,
    ) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        status,
        ForceEnterResponse::Status(StatusMsg {
            status: "Error entering long trade for pair X.".into()
        })
    );

    let exited = decode(
        endpoints::forceexit(&ForceExitPayload::trade(1)),
        "forceexit.json",
    );
    assert_eq!(exited.result, "Created exit order for trade 1.");
}

#[test]
fn bot_control_messages() {
    let cases = [
        (endpoints::start(), "start.json", "starting trader ..."),
        (
            endpoints::start(),
            "start_already_running.json",
            "already running",
        ),
        (
            endpoints::start(),
            "start_after_stop.json",
            "starting trader ...",
        ),
        (endpoints::stop(), "stop.json", "stopping trader ..."),
        (
            endpoints::stop(),
            "stop_already_stopped.json",
            "already stopped",
        ),
        (
            endpoints::reload_config(),
            "reload_config.json",
            "Reloading config ...",
        ),
    ];
    for (endpoint, name, text) in cases {
        assert_eq!(decode(endpoint, name).status, text, "{name}");
    }
    assert!(decode(endpoints::stopbuy(), "stopbuy.json")
        .status
        .starts_with("paused"));
}

#[test]
fn count_profit_and_performance() {
    let count = decode(endpoints::count(), "count.json");
    assert_eq!((count.current, count.max), (Some(2), Some(5)));
    // Two open trades of about 50 USDT each.
    assert!(
        count
            .total_stake
            .is_some_and(|s| (95.0..=105.0).contains(&s)),
        "{:?}",
        count.total_stake
    );

    let p = decode(endpoints::profit(), "profit.json");
    assert_eq!((p.trade_count, p.closed_trade_count), (4, 2));
    assert_eq!(p.winning_trades + p.losing_trades, 2);
    assert!(
        ["BTC/USDT", "ETH/USDT"].contains(&p.best_pair.as_str()),
        "{}",
        p.best_pair
    );
    // Without a losing trade the profit factor is infinite, which freqtrade sends as null.
    assert_eq!(p.profit_factor.is_none(), p.losing_trades == 0);
    assert!(p.profit_closed_coin.is_some() && p.profit_all_coin.is_some() && p.winrate.is_some());
    assert!(p.avg_duration.starts_with("0:00:"), "{}", p.avg_duration);
    assert!(p.first_trade_timestamp > 1_700_000_000_000);
    assert_eq!(p.first_trade_date.len(), 19);
    assert!(p.bot_start_timestamp.is_some_and(|t| t > 1_700_000_000_000));
    assert!(p.trading_volume.is_some_and(|v| v > 0.0));

    let all = decode(endpoints::profit_all(), "profit_all.json");
    assert_eq!(all.all.trade_count, 4);
    assert_eq!(all.all.best_pair, p.best_pair);
    assert_eq!(
        (all.long, all.short),
        (None, None),
        "a spot bot sends no long/short split"
    );

    let perf = decode(endpoints::performance(), "performance.json");
    let pairs: Vec<&str> = perf.iter().map(|p| p.pair.as_str()).collect();
    assert!(
        pairs.contains(&"BTC/USDT") && pairs.contains(&"ETH/USDT"),
        "{pairs:?}"
    );
    assert!(perf
        .iter()
        .all(|p| p.count == 1 && p.profit_ratio.is_some() && p.profit_abs.is_some()));

    let entries = decode(endpoints::entries(None), "entries.json");
    assert_eq!(
        entries.first().map(|e| (e.enter_tag.as_str(), e.count)),
        Some(("force_entry", 2))
    );
    let exits = decode(endpoints::exits(None), "exits.json");
    assert_eq!(
        exits.first().map(|e| (e.exit_reason.as_str(), e.count)),
        Some(("force_exit", 2))
    );
    let mix = decode(endpoints::mix_tags(None), "mix_tags.json");
    assert_eq!(
        mix.first().map(|e| e.mix_tag.as_str()),
        Some("force_entry force_exit")
    );

    let stats = decode(endpoints::stats(), "stats.json");
    assert_eq!(
        stats.exit_reasons.keys().collect::<Vec<_>>(),
        vec!["force_exit"]
    );
    let force_exit = stats
        .exit_reasons
        .get("force_exit")
        .cloned()
        .unwrap_or_default();
    assert_eq!(force_exit.wins + force_exit.losses + force_exit.draws, 2);
    assert_eq!(stats.durations.losses.is_some(), force_exit.losses > 0);
    assert_eq!(stats.durations.wins.is_some(), force_exit.wins > 0);
}

#[test]
fn time_breakdowns() {
    // The two closed trades were closed on the day of the capture.
    let trades = decode(endpoints::trades(500, 0), "trades.json");
    let closed: String = trades
        .trades
        .first()
        .and_then(|t| t.close_date.clone())
        .unwrap_or_default()
        .chars()
        .take(10)
        .collect();
    let month_start = format!("{}-01", closed.chars().take(7).collect::<String>());
    for (endpoint, name, periods) in [
        (endpoints::daily(7), "daily.json", 7),
        (endpoints::daily(7), "daily_7.json", 7),
        (endpoints::weekly(4), "weekly.json", 4),
        (endpoints::monthly(3), "monthly.json", 3),
    ] {
        let d = decode(endpoint, name);
        assert_eq!(d.data.len(), periods, "{name}");
        assert_eq!(d.stake_currency, "USDT");
        assert_eq!(d.fiat_display_currency, "");
        let newest = d.data.first().cloned().unwrap_or_default();
        assert_eq!(newest.trade_count, 2, "{name}");
        assert!(
            newest.abs_profit.is_some() && newest.rel_profit.is_some(),
            "{name}"
        );
        assert!(newest.starting_balance.is_some_and(|b| b > 900.0), "{name}");
        assert!(
            newest.date.len() == 10 && newest.date <= closed,
            "{name}: {} vs {closed}",
            newest.date
        );
        // Newest first; the older periods have no trades.
        assert!(
            d.data
                .windows(2)
                .all(|w| matches!(w, [a, b] if a.date > b.date)),
            "{name}"
        );
        assert!(d.data.iter().skip(1).all(|r| r.trade_count == 0), "{name}");
    }
    assert_eq!(
        decode(endpoints::daily(7), "daily.json")
            .data
            .first()
            .map(|r| r.date.clone()),
        Some(closed)
    );
    assert_eq!(
        decode(endpoints::monthly(3), "monthly.json")
            .data
            .first()
            .map(|r| r.date.clone()),
        Some(month_start)
    );
}

#[test]
fn balance() {
    let b = decode(endpoints::balance(), "balance.json");
    let currencies: Vec<&str> = b.currencies.iter().map(|c| c.currency.as_str()).collect();
    for c in ["SOL", "XRP", "USDT"] {
        assert!(currencies.contains(&c), "{currencies:?}");
    }
    assert_eq!(b.stake, "USDT");
    assert_eq!(b.symbol, "");
    assert_eq!(b.note, "Simulated balances");
    assert!(b.starting_capital.is_some_and(|c| c > 900.0));
    assert!(
        b.total.is_some_and(|t| (900.0..=1100.0).contains(&t)),
        "{:?}",
        b.total
    );
    assert!(b.total_bot.is_some());
    assert!(b
        .currencies
        .iter()
        .all(|c| c.is_bot_managed && !c.is_position && c.side == "long"));
    let usdt = b
        .currencies
        .iter()
        .find(|c| c.currency == "USDT")
        .cloned()
        .unwrap_or_default();
    assert!(usdt.free > 800.0 && close(usdt.est_stake, usdt.balance));
}

#[test]
fn pair_lists() {
    let w = decode(endpoints::whitelist(), "whitelist.json");
    assert_eq!(
        w.whitelist,
        vec!["BTC/USDT", "ETH/USDT", "SOL/USDT", "XRP/USDT"]
    );
    assert_eq!(
        (w.length, w.method.as_slice()),
        (4, ["StaticPairList".to_string()].as_slice())
    );

    let b = decode(endpoints::blacklist(), "blacklist.json");
    assert_eq!(b.blacklist, vec!["BNB/USDT", "DOGE/USDT"]);
    assert_eq!(b.blacklist_expanded, vec!["BNB/USDT"]);
    assert!(b.errors.is_empty());

    let added = decode(
        endpoints::blacklist_add(&["BNB/USDT"]),
        "blacklist_post.json",
    );
    assert_eq!(added.length, 2);
    let refused = decode(
        endpoints::blacklist_add(&["BNB/USDT", "*/USDT"]),
        "blacklist_post_errors.json",
    );
    assert_eq!(
        refused.errors.keys().collect::<Vec<_>>(),
        vec!["BNB/USDT", "*/USDT"]
    );
    assert_eq!(
        refused.errors.get("*/USDT").map(|e| e.error_msg.as_str()),
        Some("Pair */USDT is not a valid wildcard.")
    );
    let deleted = decode(
        endpoints::blacklist_delete(&["DOGE/USDT"]),
        "blacklist_delete.json",
    );
    assert_eq!(deleted.blacklist, vec!["BNB/USDT"]);

    let m = decode(endpoints::markets(&MarketsQuery::default()), "markets.json");
    assert_eq!(m.exchange_id, "binance");
    assert_eq!(m.markets.len(), 5);
    assert_eq!(m.markets.keys().next(), Some("BTC/USDT"));
    assert!(m
        .markets
        .get("SOL/USDT")
        .is_some_and(|s| s.spot && !s.swap && s.active && s.base == "SOL"));
}

#[test]
fn pair_locks() {
    let l = decode(endpoints::locks(), "locks.json");
    assert_eq!(l.lock_count, i64::try_from(l.locks.len()).unwrap_or(-1));
    assert!(l.lock_count >= 2);
    let by_reason = |reason: &str| {
        l.locks
            .iter()
            .find(|x| x.reason.as_deref() == Some(reason))
            .cloned()
    };
    let fixture_lock = by_reason("fixture lock").unwrap_or_default();
    assert_eq!(
        (fixture_lock.pair.as_str(), fixture_lock.side),
        ("BTC/USDT", LockSide::Both)
    );
    assert!(fixture_lock.active && fixture_lock.lock_end_timestamp > fixture_lock.lock_timestamp);
    assert_eq!(fixture_lock.lock_end_time.len(), 19);
    let doomed = by_reason("to delete").unwrap_or_default();
    assert_eq!(
        (doomed.pair.as_str(), doomed.side),
        ("ETH/USDT", LockSide::Long)
    );
    let auto: Vec<&Lock> = l
        .locks
        .iter()
        .filter(|x| x.reason.as_deref() == Some("Auto lock"))
        .collect();
    assert!(auto.iter().all(|x| x.side == LockSide::Long), "{auto:?}");

    let posted = decode(
        endpoints::add_lock(&LockPayload::default()),
        "locks_post.json",
    );
    assert_eq!(posted.lock_count, l.lock_count);
    let after = decode(endpoints::delete_lock(doomed.id), "locks_delete.json");
    let remaining: Vec<i64> = after.locks.iter().map(|x| x.id).collect();
    assert_eq!(after.lock_count, l.lock_count - 1);
    assert!(
        !remaining.contains(&doomed.id) && remaining.contains(&fixture_lock.id),
        "{remaining:?}"
    );
    assert_eq!(
        decode(endpoints::delete_lock(9999), "locks_delete_unknown.json").lock_count,
        after.lock_count
    );
}

#[test]
fn logs() {
    let l = decode(endpoints::logs(Some(20)), "logs.json");
    assert_eq!(l.log_count, 20);
    assert_eq!(l.logs.len(), 20);
    for line in &l.logs {
        assert_eq!(line.date.len(), 19, "{line:?}");
        assert!(line.timestamp_ms > 1_700_000_000_000.0, "{line:?}");
        assert!(!line.logger.is_empty(), "{line:?}");
        assert_ne!(line.level, LogLevel::Unknown, "{line:?}");
        assert!(!line.message.is_empty(), "{line:?}");
    }
    // Oldest first.
    assert!(l
        .logs
        .windows(2)
        .all(|w| matches!(w, [a, b] if a.timestamp_ms <= b.timestamp_ms)));
    assert!(l
        .logs
        .iter()
        .any(|x| x.level == LogLevel::Info && x.logger.starts_with("freqtrade.")));
    // Log lines serialize back to freqtrade's array form.
    let first = l.logs.first().cloned().unwrap_or_default();
    let back = serde_json::to_value(&first).unwrap_or_default();
    let original: Value = serde_json::from_str(&fixture("logs.json")).unwrap_or_default();
    assert_eq!(original.pointer("/logs/0"), Some(&back));
}

#[test]
fn log_lines_are_decoded_leniently() {
    let body = r#"{"log_count": 4, "logs": [
        ["2026-11-21 13:40:01", 1795268401097.5, "freqtrade.worker", "WARNING", "short"],
        ["2026-11-21 13:40:02"],
        {"date": "2026-11-21 13:40:03", "timestamp": 3, "logger": "x", "level": "ERROR", "message": "as object"},
        42,
        [null, "1795268401000", 7, "TRACE", null, "extra cell"]
    ]}"#;
    let l = match endpoints::logs(None).decode(body) {
        Ok(l) => l,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        l.logs.len(),
        4,
        "the number 42 is dropped, the rest kept: {:?}",
        l.logs
    );
    let levels: Vec<LogLevel> = l.logs.iter().map(|x| x.level).collect();
    assert_eq!(
        levels,
        vec![
            LogLevel::Warning,
            LogLevel::Unknown,
            LogLevel::Error,
            LogLevel::Unknown
        ]
    );
    let last = l.logs.last().cloned().unwrap_or_default();
    assert_eq!(
        (last.date.as_str(), last.timestamp_ms, last.logger.as_str()),
        ("", 1795268401000.0, "7")
    );
    assert_eq!(l.logs.get(2).map(|x| x.message.as_str()), Some("as object"));
}

#[test]
fn strategy_details() {
    let s = decode(
        endpoints::strategy("SampleStrategy"),
        "strategy_SampleStrategy.json",
    );
    assert_eq!(s.strategy, "SampleStrategy");
    assert_eq!(s.timeframe.as_deref(), Some("5m"));
    assert!(s.code.contains("class SampleStrategy"));
    let buy_rsi = s
        .params
        .iter()
        .find(|p| p.name == "buy_rsi")
        .cloned()
        .unwrap_or_default();
    assert_eq!(buy_rsi.param_type, "IntParameter");
    assert_eq!(buy_rsi.space, "buy");
    assert_eq!(buy_rsi.value, json!(30));
    assert_eq!((buy_rsi.low, buy_rsi.high), (Some(1.0), Some(50.0)));
    assert!(buy_rsi.load && buy_rsi.optimize);
}

#[test]
fn plot_config_keeps_the_strategy_order() {
    let p = decode(endpoints::plot_config(None), "plot_config.json");
    assert_eq!(p.main_plot.keys().collect::<Vec<_>>(), vec!["tema", "sar"]);
    assert_eq!(
        p.main_plot.get("sar").and_then(|i| i.color.as_deref()),
        Some("white")
    );
    assert_eq!(p.main_plot.get("tema"), Some(&IndicatorConfig::default()));
    assert_eq!(p.subplots.keys().collect::<Vec<_>>(), vec!["MACD", "RSI"]);
    let macd = p.subplots.get("MACD").cloned().unwrap_or_default();
    assert_eq!(macd.keys().collect::<Vec<_>>(), vec!["macd", "macdsignal"]);
    assert!(!p.is_empty());
    // Serializing gives the same JSON back (no nulls for unset options).
    let original: Value = serde_json::from_str(&fixture("plot_config.json")).unwrap_or_default();
    assert_eq!(serde_json::to_value(&p).unwrap_or_default(), original);
    assert!(decode_body::<PlotConfig>("empty", "{}").is_ok_and(|p| p.is_empty()));
}

#[test]
fn live_candles() {
    let h = decode(
        endpoints::pair_candles("BTC/USDT", "5m", Some(50)),
        "pair_candles.json",
    );
    assert_eq!(
        (h.pair.as_str(), h.timeframe.as_str(), h.strategy.as_str()),
        ("BTC/USDT", "5m", "SampleStrategy")
    );
    assert_eq!(h.timeframe_ms, 300_000);
    assert_eq!(h.length, 50);
    assert_eq!(h.data.len(), 50);
    assert!(h.data.iter().all(|row| row.len() == h.columns.len()));
    for col in [
        "date",
        "open",
        "high",
        "low",
        "close",
        "volume",
        "rsi",
        "__date_ts",
        "_enter_long_signal_close",
    ] {
        assert!(h.column_index(col).is_some(), "missing column {col}");
    }
    assert!(
        h.all_columns.len() < h.columns.len(),
        "all_columns has no __date_ts / signal columns"
    );
    assert!(h.column_f64("close").iter().all(Option::is_some));
    assert_eq!(
        h.cell(0, "__date_ts").and_then(Value::as_i64),
        Some(h.data_start_ts)
    );
    assert_eq!(
        h.cell(49, "__date_ts").and_then(Value::as_i64),
        Some(h.data_stop_ts)
    );
    assert_eq!(h.data_stop_ts - h.data_start_ts, 49 * 300_000);
    assert_eq!(h.cell(0, "enter_long"), Some(&Value::Null));
    let signals = h
        .column_f64("_enter_long_signal_close")
        .iter()
        .filter(|v| v.is_some())
        .count();
    assert_eq!(signals as i64, h.enter_long_signals);
    assert_eq!(h.buy_signals, h.enter_long_signals);
    assert!(h.last_analyzed.ends_with('Z') && h.last_analyzed_ts > 1_700_000_000);
    assert!(h.annotations.is_empty());

    let empty = decode(
        endpoints::pair_candles("BTC/USDT", "1h", Some(50)),
        "pair_candles_1h.json",
    );
    assert_eq!(
        (empty.length, empty.data.len(), empty.data_start.as_str()),
        (0, 0, "")
    );
    assert!(empty.column_f64("close").is_empty());
}

// -------------------------------------------------------------------------------------------------------------
// Robustness of every answer type, independent of the fixtures
// -------------------------------------------------------------------------------------------------------------

fn assert_robust<T>(name: &str)
where
    T: DeserializeOwned + Serialize + Default + PartialEq + Debug,
{
    match decode_body::<T>(name, "{}") {
        Ok(v) => assert_eq!(v, T::default(), "{name} from {{}}"),
        Err(e) => panic!("{name} from {{}}: {e}"),
    }
    let extra = json!({"zz_unknown": 1, "another": {"deep": [null]}}).to_string();
    if let Err(e) = decode_body::<T>(name, &extra) {
        panic!("{name} with unknown fields: {e}");
    }
    // The type's own full shape, with every number replaced by null and every other mutation.
    let full = match serde_json::to_value(T::default()) {
        Ok(v) => v,
        Err(e) => panic!("{name}: {e}"),
    };
    for (what, changed) in mutations(&full) {
        if let Err(e) = decode_body::<T>(name, &changed.to_string()) {
            panic!("{name} with {what}: {e}");
        }
    }
    // Round trip: what we serialize, we read back identically.
    let sample = decode_body::<T>(name, &full.to_string()).unwrap_or_default();
    assert_eq!(sample, T::default(), "{name} round trip");
}

macro_rules! robust {
    ($($t:ty),* $(,)?) => {$( assert_robust::<$t>(stringify!($t)); )*};
}

#[test]
fn every_answer_type_decodes_from_empty_unknown_and_null_fields() {
    robust!(
        TokenLoginResponse,
        TokenRefreshResponse,
        ErrorBody,
        StatusMsg,
        ResultMsg,
        PingResponse,
        VersionResponse,
        ShowConfig,
        SysInfo,
        Health,
        LogsResponse,
        Trade,
        Order,
        TradesResponse,
        DeleteTradeResponse,
        CountResponse,
        TradeCustomData,
        ForceEnterResponse,
        ProfitStats,
        ProfitAll,
        PerformanceEntry,
        EntryPerformance,
        ExitPerformance,
        MixTagPerformance,
        StatsResponse,
        TimeSummaryResponse,
        BalanceResponse,
        WalletHistoryResponse,
        WhitelistResponse,
        BlacklistResponse,
        LockResponse,
        EdgePair,
        MarketsResponse,
        AvailablePairsResponse,
        PairHistory,
        PlotConfig,
        StrategyListResponse,
        StrategyResponse,
    );
}

#[test]
fn a_null_number_in_a_trade_does_not_lose_the_trade() {
    let body = r#"[{"trade_id": 9, "pair": "BTC/USDT", "is_open": true, "amount": null, "open_rate": "61000.5",
                   "current_rate": null, "profit_ratio": null, "timeframe": "5", "orders": [null, 3, {"amount": 1}],
                   "trading_mode": "perpetual", "new_field": {"a": 1}}]"#;
    let trades = match endpoints::status().decode(body) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    };
    let t = trades.first().cloned().unwrap_or_default();
    assert_eq!(
        (t.trade_id, t.pair.as_str(), t.amount, t.open_rate),
        (9, "BTC/USDT", 0.0, 61000.5)
    );
    assert_eq!(
        (t.current_rate, t.profit_ratio, t.timeframe),
        (None, None, Some(5))
    );
    assert_eq!(t.trading_mode, Some(TradingMode::Unknown));
    assert_eq!(
        t.orders.len(),
        1,
        "unreadable orders are dropped, the readable one kept"
    );
}

#[test]
fn unknown_enum_strings_decode_as_unknown() {
    let c: ShowConfig = decode_body(
        "show_config",
        r#"{"state": "hibernating", "runmode": "", "trading_mode": 3}"#,
    )
    .unwrap_or_default();
    assert_eq!(
        (c.state, c.runmode, c.trading_mode),
        (TraderState::Unknown, RunMode::Unknown, TradingMode::Unknown)
    );
    let webserver: ShowConfig =
        decode_body("show_config", r#"{"state": "", "runmode": "webserver"}"#).unwrap_or_default();
    assert!(webserver.is_webserver());
    assert_eq!(
        webserver.api_version(),
        1.0,
        "a bot without api_version counts as API 1.0"
    );
}

#[test]
fn payloads_serialize_only_what_is_set() {
    let lock = LockPayload {
        pair: "ETH/USDT".into(),
        until: "2026-11-21T16:00:00Z".into(),
        ..LockPayload::default()
    };
    assert_eq!(
        serde_json::to_value(&lock).unwrap_or_default(),
        json!({"pair": "ETH/USDT", "until": "2026-11-21T16:00:00Z"})
    );
    let candles = PairCandlesPayload {
        pair: "BTC/USDT".into(),
        timeframe: "5m".into(),
        ..PairCandlesPayload::default()
    };
    assert_eq!(
        serde_json::to_value(&candles).unwrap_or_default(),
        json!({"pair": "BTC/USDT", "timeframe": "5m"})
    );
    let history = PairHistoryPayload {
        trading_mode: Some(TradingMode::Futures),
        margin_mode: Some(MarginMode::Isolated),
        ..PairHistoryPayload::default()
    };
    assert_eq!(
        serde_json::to_value(&history).unwrap_or_default(),
        json!({"pair": "", "timeframe": "", "timerange": "", "trading_mode": "futures", "margin_mode": "isolated"})
    );
    assert_eq!(
        serde_json::to_value(DeleteLockPayload::default()).unwrap_or_default(),
        json!({})
    );
}
