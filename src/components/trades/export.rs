//! Closed trades as CSV (all of them, or the filtered view in table order), with the table's columns as
//! numbers a spreadsheet can sum: amounts and rates as the bot sent them, profit in percent, dates in the
//! zone the table shows, the duration in minutes.

use leptos::prelude::*;

use super::logic::{duration_ms, stake_of};
use crate::api::wire::Trade;
use crate::runtime::download::save_text;
use crate::state::toasts::{use_toasts, Severity};
use crate::util::csv::{encode, Field};
use crate::util::format::{fixed, format_opt_ts};

/// The columns, in order; the dates' zone is appended to their names.
fn header(zone: &str) -> Vec<String> {
    let mut h: Vec<String> = [
        "ID",
        "Pair",
        "Side",
        "Amount",
        "Stake",
        "Leverage",
        "Open rate",
        "Close rate",
        "Profit %",
        "Profit",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    h.push(format!("Open date ({zone})"));
    h.push(format!("Close date ({zone})"));
    h.extend(
        ["Duration (min)", "Entry tag", "Exit reason"]
            .iter()
            .map(|s| s.to_string()),
    );
    h
}

/// A ratio in percent, rid of binary noise (0.0123 → 1.23, not 1.2300000000000002).
fn percent_value(ratio: Option<f64>) -> Option<f64> {
    ratio
        .map(|r| r * 100.0)
        .filter(|v| v.is_finite())
        .and_then(|v| crate::util::decimal::parse_decimal(&fixed(v, 8)))
}

fn date(ms: Option<i64>, offset_at: &dyn Fn(i64) -> i32) -> Field {
    match ms {
        Some(ms) if ms > 0 => Field::Text(format_opt_ts(Some(ms), offset_at(ms))),
        _ => Field::text(""),
    }
}

/// The CSV of `trades`, each date shifted by `offset_at(its time)` minutes (as the table shows it) and labelled
/// `zone`.
pub fn closed_trades_csv<'a>(
    trades: impl IntoIterator<Item = &'a Trade>,
    offset_at: &dyn Fn(i64) -> i32,
    zone: &str,
) -> String {
    let header = header(zone);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows = trades.into_iter().map(|t| {
        vec![
            Field::Integer(t.trade_id),
            Field::text(t.pair.clone()),
            Field::text(if t.is_short { "short" } else { "long" }),
            Field::Number(Some(t.amount)),
            Field::Number(stake_of(t)),
            Field::Number(Some(t.leverage.unwrap_or(1.0))),
            Field::Number(Some(t.open_rate)),
            Field::Number(t.close_rate),
            Field::Number(percent_value(t.profit_ratio)),
            Field::Number(t.profit_abs),
            date(Some(t.open_timestamp), offset_at),
            date(t.close_timestamp, offset_at),
            Field::Number(
                duration_ms(t, 0).map(|ms| (ms as f64 / 60_000.0 * 100.0).round() / 100.0),
            ),
            Field::text(t.enter_tag.clone().unwrap_or_default()),
            Field::text(t.exit_reason.clone().unwrap_or_default()),
        ]
    });
    encode(&header, rows)
}

/// The file name: `freqboard-<bot>-closed-trades-<YYYY-MM-DD>.csv`, with only safe characters.
pub fn file_name(bot: &str, what: &str, now_ms: i64) -> String {
    let bot: String = bot
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let day = format_opt_ts(Some(now_ms), 0)
        .chars()
        .take(10)
        .collect::<String>();
    format!("freqboard-{bot}-{what}-{day}.csv")
}

/// "Export CSV": `make` builds the file's text when clicked; an empty export says so instead of saving.
#[component]
pub fn CsvButton(
    /// What the button says.
    label: Signal<String>,
    /// The file name and the CSV text, or `None` when there is nothing to export.
    make: Callback<(), Option<(String, String)>>,
) -> impl IntoView {
    let toasts = use_toasts();
    let click = move |_| match make.run(()) {
        Some((name, text)) => {
            if !save_text(&name, "text/csv;charset=utf-8", &text) {
                toasts.show(
                    Severity::Error,
                    "Export failed",
                    "The browser refused to save the file. Allow downloads for this page and try again.",
                );
            }
        }
        None => toasts.show(
            Severity::Info,
            "Nothing to export",
            "No trade matches the filter.",
        ),
    };
    view! { <button type="button" class="csv-export" on:click=click>{move || label.get()}</button> }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]
    use super::*;

    fn trade() -> Trade {
        Trade {
            trade_id: 12,
            pair: "BTC/USDT".into(),
            amount: 0.0015,
            stake_amount: Some(90.0),
            max_stake_amount: Some(100.5),
            open_rate: 60000.0,
            close_rate: Some(61230.5),
            profit_ratio: Some(0.0123),
            profit_abs: Some(-1.5),
            open_timestamp: 1_795_268_401_000,
            close_timestamp: Some(1_795_272_001_000),
            enter_tag: Some("rsi, dip".into()),
            exit_reason: Some("roi".into()),
            ..Trade::default()
        }
    }

    #[test]
    fn one_line_per_trade_in_spreadsheet_form() {
        let t = trade();
        let csv = closed_trades_csv(
            [
                &t,
                &Trade {
                    trade_id: 13,
                    is_short: true,
                    leverage: Some(3.0),
                    ..t.clone()
                },
            ],
            &|_| 60,
            "local",
        );
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(
            lines.len(),
            4,
            "header, two trades and the final line end: {csv}"
        );
        assert_eq!(
            lines[0],
            "ID,Pair,Side,Amount,Stake,Leverage,Open rate,Close rate,Profit %,Profit,Open date (local),Close date (local),Duration (min),Entry tag,Exit reason"
        );
        assert_eq!(
            lines[1],
            "12,BTC/USDT,long,0.0015,100.5,1,60000,61230.5,1.23,-1.5,2026-11-21 14:40:01,2026-11-21 15:40:01,60,\"rsi, dip\",roi"
        );
        assert!(lines[2].starts_with("13,BTC/USDT,short,0.0015,100.5,3,"));
        assert_eq!(lines[3], "");
    }

    #[test]
    fn missing_values_are_empty_cells() {
        let t = Trade {
            trade_id: 1,
            pair: "ETH/USDT".into(),
            ..Trade::default()
        };
        let csv = closed_trades_csv([&t], &|_| 0, "UTC");
        let line = csv.split("\r\n").nth(1).unwrap_or_default();
        assert_eq!(line, "1,ETH/USDT,long,0,,1,0,,,,,,,,");
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_name("my bot/1", "closed-trades", 1_795_268_401_000),
            "freqboard-my-bot-1-closed-trades-2026-11-21.csv"
        );
    }
}
