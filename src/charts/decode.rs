//! The boundary between the wire and the chart: `PairHistory` → [`CandleFrame`] (columns resolved once, every
//! cell read with a total function: a null or non-numeric cell is a gap), the wire `PlotConfig` →
//! [`PlotSpec`], and `Trade` → [`TradeInput`]. Called once when data arrives, never per frame.

use std::collections::HashMap;

use serde_json::Value;

use crate::api::wire::{AnnotationKind, OrderSide, PairHistory, PlotConfig, Trade};
use crate::charts::model::column::Column;
use crate::charts::model::frame::{Annotation, CandleFrame};
use crate::charts::model::marks::{OrderInput, TradeInput};
use crate::charts::model::plot::PlotSpec;
use crate::charts::model::units::TimestampMs;
use crate::util::calendar::days_from_civil;

/// Columns that are not indicators.
const SKIP: [&str; 4] = ["date", "__date_ts", "enter_tag", "exit_tag"];

/// Reads `YYYY-MM-DD[ T]HH:MM[:SS[.fff]][Z|±HH:MM]` (freqtrade's date formats) as Unix ms; `None` otherwise.
pub fn parse_datetime(text: &str) -> Option<TimestampMs> {
    let s = text.trim();
    let num = |a: usize, b: usize| -> Option<i64> { s.get(a..b)?.parse().ok() };
    let (y, mo, d) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return None;
    }
    let (mut h, mut mi, mut sec, mut ms) = (0, 0, 0, 0);
    let mut rest = s.get(10..).unwrap_or("");
    if let Some(time) = rest.strip_prefix(['T', ' ']) {
        let t = |a: usize, b: usize| -> Option<i64> { time.get(a..b)?.parse().ok() };
        h = t(0, 2)?;
        mi = t(3, 5)?;
        rest = time.get(5..).unwrap_or("");
        if let Some(after) = rest.strip_prefix(':') {
            sec = after.get(0..2)?.parse().ok()?;
            rest = after.get(2..).unwrap_or("");
            if let Some(frac) = rest.strip_prefix('.') {
                let digits: String = frac.chars().take_while(char::is_ascii_digit).collect();
                rest = frac.get(digits.len()..).unwrap_or("");
                let padded: String = digits.chars().chain("000".chars()).take(3).collect();
                ms = padded.parse().unwrap_or(0);
            }
        }
    }
    let offset_min = match rest.trim() {
        "" | "Z" | "z" => 0,
        tz => {
            let sign = if tz.starts_with('-') { -1 } else { 1 };
            let body = tz.get(1..)?.replace(':', "");
            let hh: i64 = body.get(0..2)?.parse().ok()?;
            let mm: i64 = body.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
            sign * (hh * 60 + mm)
        }
    };
    let days = days_from_civil(y, u32::try_from(mo).ok()?, u32::try_from(d).ok()?);
    let secs = days * 86_400 + h * 3_600 + mi * 60 + sec - offset_min * 60;
    Some(TimestampMs(secs * 1_000 + ms))
}

fn cell_f64(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Value::String(s) => crate::util::decimal::parse_decimal(s.trim()),
        _ => None,
    }
    .filter(|x: &f64| x.is_finite())
}

fn cell_ts(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::String(s) => parse_datetime(s).map(|t| t.0),
        other => cell_f64(Some(other)).map(|x| x as i64),
    }
}

/// Decodes an analysed dataframe. Rows without a readable time are dropped; rows are sorted by time and a
/// repeated time keeps the last row.
pub fn decode_frame(h: &PairHistory) -> CandleFrame {
    let idx: HashMap<&str, usize> = h
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let col = |name: &str| idx.get(name).copied();
    let ts_col = col("__date_ts");
    let date_col = col("date");
    let mut rows: Vec<(i64, usize)> = h
        .data
        .iter()
        .enumerate()
        .filter_map(|(r, row)| {
            let t = ts_col
                .and_then(|c| cell_f64(row.get(c)).map(|x| x as i64))
                .or_else(|| date_col.and_then(|c| cell_ts(row.get(c))))?;
            Some((t, r))
        })
        .collect();
    crate::util::sort::sort_by_key(&mut rows, |&(t, _)| t);
    rows.dedup_by(|later, earlier| {
        if later.0 == earlier.0 {
            *earlier = *later;
            true
        } else {
            false
        }
    });
    let tf = if h.timeframe_ms > 0 {
        h.timeframe_ms
    } else {
        rows.windows(2)
            .filter_map(|w| Some(w.get(1)?.0 - w.first()?.0))
            .filter(|d| *d > 0)
            .min()
            .unwrap_or(60_000)
    };
    let mut frame = CandleFrame::empty(&h.pair, &h.timeframe, tf);
    frame.strategy = h.strategy.clone();
    frame.ts = rows.iter().map(|&(t, _)| t).collect();
    let read = |c: Option<usize>| -> Column {
        match c {
            Some(c) => Column::from_options(
                rows.iter()
                    .map(|&(_, r)| cell_f64(h.data.get(r).and_then(|row| row.get(c)))),
            ),
            None => Column::gaps(rows.len()),
        }
    };
    frame.open = read(col("open"));
    frame.high = read(col("high"));
    frame.low = read(col("low"));
    frame.close = read(col("close"));
    frame.volume = match col("volume") {
        Some(_) => read(col("volume")),
        None => Column::default(),
    };
    let signal = |names: &[&str]| -> Column {
        match names.iter().find_map(|n| col(n)) {
            Some(c) => read(Some(c)),
            None => Column::default(),
        }
    };
    frame.signals.enter_long = signal(&["_enter_long_signal_close", "_buy_signal_close"]);
    frame.signals.exit_long = signal(&["_exit_long_signal_close", "_sell_signal_close"]);
    frame.signals.enter_short = signal(&["_enter_short_signal_close"]);
    frame.signals.exit_short = signal(&["_exit_short_signal_close"]);
    let tags = |name: &str| -> HashMap<usize, String> {
        let Some(c) = col(name) else {
            return HashMap::new();
        };
        rows.iter()
            .enumerate()
            .filter_map(|(i, &(_, r))| {
                let s = h.data.get(r)?.get(c)?.as_str()?.trim();
                (!s.is_empty()).then(|| (i, s.to_string()))
            })
            .collect()
    };
    frame.enter_tags = tags("enter_tag");
    frame.exit_tags = tags("exit_tag");
    for (c, name) in h.columns.iter().enumerate() {
        let ohlcv = ["open", "high", "low", "close", "volume"].contains(&name.as_str());
        if ohlcv || SKIP.contains(&name.as_str()) || name.starts_with('_') {
            continue;
        }
        frame.set_indicator(name, read(Some(c)));
    }
    frame.all_columns = if h.all_columns.is_empty() {
        h.columns.clone()
    } else {
        h.all_columns.clone()
    };
    frame.all_columns.retain(|c| {
        !SKIP.contains(&c.as_str())
            && !c.starts_with('_')
            && !["open", "high", "low", "close"].contains(&c.as_str())
    });
    frame.annotations = h.annotations.iter().filter_map(decode_annotation).collect();
    frame
}

fn decode_annotation(a: &crate::api::wire::Annotation) -> Option<Annotation> {
    let t = |s: &Option<String>| s.as_deref().and_then(parse_datetime);
    match a.kind {
        AnnotationKind::Area => Some(Annotation::Area {
            start: t(&a.start)?,
            end: t(&a.end)?,
            y_start: a.y_start.filter(|v| v.is_finite()),
            y_end: a.y_end.filter(|v| v.is_finite()),
            color: a.color.clone(),
            label: a.label.clone(),
        }),
        AnnotationKind::Line => Some(Annotation::Line {
            start: t(&a.start)?,
            end: t(&a.end)?,
            y_start: a.y_start.filter(|v| v.is_finite())?,
            y_end: a.y_end.filter(|v| v.is_finite())?,
            color: a.color.clone(),
            label: a.label.clone(),
            width: a.width.filter(|w| w.is_finite()).unwrap_or(1.0),
        }),
        AnnotationKind::Point => Some(Annotation::Point {
            at: t(&a.x)?,
            y: a.y.filter(|v| v.is_finite())?,
            color: a.color.clone(),
            label: a.label.clone(),
            size: a.size.filter(|s| s.is_finite()).unwrap_or(6.0),
        }),
        AnnotationKind::Unknown => None,
    }
}

/// The strategy's plot config as the chart's model (never fails: a config that cannot be read is empty).
pub fn decode_plot_config(p: &PlotConfig) -> PlotSpec {
    serde_json::to_string(p)
        .map(|text| PlotSpec::parse_or_default(&text))
        .unwrap_or_default()
}

/// A backtest's trade as a chart marker (its open and close; simulated orders are not drawn separately).
pub fn decode_backtest_trade(id: usize, t: &crate::api::wire::BacktestTrade) -> TradeInput {
    TradeInput {
        id: id as i64,
        pair: t.pair.clone(),
        is_short: t.is_short,
        is_open: false,
        open_ts: t.open_timestamp,
        open_rate: t.open_rate.unwrap_or(f64::NAN),
        close_ts: Some(t.close_timestamp).filter(|&ts| ts > 0),
        close_rate: t.close_rate,
        profit_ratio: t.profit_ratio,
        profit_abs: t.profit_abs,
        enter_tag: t.enter_tag.clone(),
        exit_reason: Some(t.exit_reason.clone()).filter(|r| !r.is_empty()),
        stop_loss_abs: None,
        orders: Vec::new(),
    }
}

/// A trade as the chart draws it.
pub fn decode_trade(t: &Trade) -> TradeInput {
    let orders = t
        .orders
        .iter()
        .filter(|o| o.ft_order_side != OrderSide::Stoploss || o.filled.unwrap_or(0.0) > 0.0)
        .map(|o| OrderInput {
            ts: o
                .order_filled_timestamp
                .or(o.order_timestamp)
                .unwrap_or(t.open_timestamp),
            price: o
                .average
                .or(o.price)
                .filter(|p| p.is_finite() && *p > 0.0)
                .or((o.safe_price > 0.0).then_some(o.safe_price)),
            is_entry: t.is_entry(o),
            is_buy: o.ft_order_side == OrderSide::Buy,
            filled: o.filled.unwrap_or(if o.is_open { 0.0 } else { o.amount }),
            is_open: o.is_open,
            cost: o.cost,
            tag: o.ft_order_tag.clone(),
        })
        .collect();
    TradeInput {
        id: t.trade_id,
        pair: t.pair.clone(),
        is_short: t.is_short,
        is_open: t.is_open,
        open_ts: t.open_timestamp,
        open_rate: t.open_rate,
        close_ts: t.close_timestamp,
        close_rate: t.close_rate,
        profit_ratio: t.profit_ratio.or(t.close_profit),
        profit_abs: t.profit_abs.or(t.close_profit_abs),
        enter_tag: t.enter_tag.clone(),
        exit_reason: t.exit_reason.clone(),
        stop_loss_abs: t.stop_loss_abs,
        orders,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::endpoint::decode_body;
    use crate::api::wire::{Trade, TradesResponse};

    fn fixture<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
        let text = std::fs::read_to_string(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .ok()?;
        decode_body(name, &text).ok()
    }

    #[test]
    fn decodes_the_real_pair_candles() {
        let Some(h) = fixture::<PairHistory>("pair_candles.json") else {
            panic!("fixture missing");
        };
        let f = decode_frame(&h);
        assert_eq!(f.len(), 50);
        assert_eq!(f.timeframe_ms, 300_000);
        assert_eq!(f.ts.first(), Some(&1_795_253_700_000));
        assert_eq!(f.ts.last(), Some(&1_795_268_400_000));
        assert_eq!(f.close.get(49), Some(59_576.76));
        assert_eq!(f.open.get(0), Some(61_375.58));
        for name in ["tema", "sar", "macd", "macdsignal", "rsi", "bb_lowerband"] {
            assert!(f.column(name).is_some(), "{name}");
        }
        assert!(f.column("enter_tag").is_none());
        assert!(f.column("_enter_long_signal_close").is_none());
        // The fixture has 3 long entry and 3 short exit signals.
        let count = |c: &Column| (0..f.len()).filter(|&i| c.get(i).is_some()).count();
        assert_eq!(count(&f.signals.enter_long), 3);
        assert_eq!(count(&f.signals.exit_short), 3);
        assert!(f.all_columns.contains(&"rsi".to_string()));
        assert!(!f.all_columns.contains(&"date".to_string()));
        let empty = fixture::<PairHistory>("pair_candles_1h.json").map(|h| decode_frame(&h));
        assert_eq!(
            empty.map(|f| (f.len(), f.timeframe_ms)),
            Some((0, 3_600_000))
        );
    }

    #[test]
    fn bad_cells_are_gaps_and_rows_are_sorted() {
        let h: PairHistory = serde_json::from_str(
            r#"{"pair":"X/Y","timeframe":"5m","timeframe_ms":0,
                "columns":["date","open","high","low","close","volume","ema","__date_ts","enter_tag"],
                "data":[[null,1,2,0.5,1.5,"x",{"a":1},600000,"tag"],
                        ["1970-01-01T00:05:00Z",null,2,0.5,1.5,10,"3.5",null,""],
                        [null,1,1,1,1,1,1,null,null],
                        [0,1,2,0.5,1.5,1,true,0,null]]}"#,
        )
        .unwrap_or_default();
        let f = decode_frame(&h);
        assert_eq!(f.ts, vec![0, 300_000, 600_000]);
        assert_eq!(f.timeframe_ms, 300_000);
        assert_eq!(f.open.get(1), None);
        assert_eq!(f.volume.get(2), None);
        assert_eq!(f.column("ema").and_then(|c| c.get(1)), Some(3.5));
        assert_eq!(f.column("ema").and_then(|c| c.get(2)), None);
        assert_eq!(f.enter_tags.get(&2).map(String::as_str), Some("tag"));
        assert!(!f.enter_tags.contains_key(&1));
        assert!(decode_frame(&PairHistory::default()).is_empty());
    }

    #[test]
    fn datetimes() {
        assert_eq!(
            parse_datetime("1970-01-01 00:00:00+00:00"),
            Some(TimestampMs(0))
        );
        assert_eq!(
            parse_datetime("2026-11-21 09:35:00+00:00"),
            Some(TimestampMs(1_795_253_700_000))
        );
        assert_eq!(
            parse_datetime("2026-11-21T09:35:00Z"),
            Some(TimestampMs(1_795_253_700_000))
        );
        assert_eq!(
            parse_datetime("2026-11-21T10:35:00.250+01:00"),
            Some(TimestampMs(1_795_253_700_250))
        );
        assert_eq!(
            parse_datetime("2026-11-21"),
            Some(TimestampMs(1_795_219_200_000))
        );
        assert_eq!(
            parse_datetime("2000-02-29 00:00"),
            Some(TimestampMs(951_782_400_000))
        );
        for bad in [
            "",
            "yesterday",
            "2026-13-01",
            "2026-11-21 9:5",
            "2026-11-21T10:00:00+xx",
        ] {
            assert_eq!(parse_datetime(bad), None, "{bad}");
        }
    }

    #[test]
    fn plot_config_and_trades() {
        let spec = fixture::<PlotConfig>("plot_config.json")
            .map(|p| decode_plot_config(&p))
            .unwrap_or_default();
        assert_eq!(
            spec.main
                .iter()
                .map(|i| i.name.as_str())
                .collect::<Vec<_>>(),
            vec!["tema", "sar"]
        );
        assert_eq!(spec.subplots.len(), 2);
        let closed: Vec<Trade> = fixture::<TradesResponse>("trades.json")
            .map(|r| r.trades)
            .unwrap_or_default();
        assert!(!closed.is_empty());
        for t in &closed {
            let input = decode_trade(t);
            assert_eq!(input.pair, t.pair);
            assert!(!input.is_open);
            assert!(input.orders.iter().all(|o| o.price.is_some()));
            assert!(input.orders.first().is_some_and(|o| o.is_entry));
        }
    }
}
