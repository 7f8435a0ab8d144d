//! Markers: the strategy's entry/exit signals from the `_…_signal_close` columns, the bot's trades on this pair
//! (entry, position adjustments, exit with profit, open-order state) snapped to their candles, and the open
//! trades' stoploss lines.

use super::frame::{snap_to_candle, CandleFrame};
use super::units::TimestampMs;

/// An order of a trade, reduced to what the chart draws.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrderInput {
    /// Fill time (or order time while unfilled), Unix ms.
    pub ts: i64,
    pub price: Option<f64>,
    pub is_entry: bool,
    /// A buy order (long entry, short exit).
    pub is_buy: bool,
    pub filled: f64,
    /// Still waiting on the exchange.
    pub is_open: bool,
    pub cost: f64,
    pub tag: Option<String>,
}

/// A trade of the bot, reduced to what the chart draws.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TradeInput {
    pub id: i64,
    pub pair: String,
    pub is_short: bool,
    pub is_open: bool,
    pub open_ts: i64,
    pub open_rate: f64,
    pub close_ts: Option<i64>,
    pub close_rate: Option<f64>,
    pub profit_ratio: Option<f64>,
    pub profit_abs: Option<f64>,
    pub enter_tag: Option<String>,
    pub exit_reason: Option<String>,
    pub stop_loss_abs: Option<f64>,
    pub orders: Vec<OrderInput>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TradeMarkKind {
    Entry,
    Adjust,
    Exit,
}

/// One trade marker on a candle.
#[derive(Debug, Clone, PartialEq)]
pub struct TradeMark {
    pub trade_id: i64,
    pub index: usize,
    pub price: f64,
    pub kind: TradeMarkKind,
    pub is_short: bool,
    /// The order has not filled yet.
    pub open_order: bool,
    /// Short text next to the marker ("Long", "Short (open)", "+1.23%").
    pub label: String,
    /// Lines for the tooltip.
    pub details: Vec<String>,
}

fn side_name(is_short: bool) -> &'static str {
    if is_short {
        "Short"
    } else {
        "Long"
    }
}

/// Tags are cut to 100 characters, as in FreqUI.
fn cut(tag: &str) -> String {
    tag.chars().take(100).collect()
}

/// Candle slots after the last candle where a time still gets a marker: the candle that is forming now
/// (dataframes hold closed candles only, so a trade opened a moment ago falls there) and one more.
pub const FUTURE_SLOTS: usize = 2;

/// The slot of time `t`: its candle, or for a time after the data, the slot of the forming candle (an index
/// at or past `frame.len()`, at most [`FUTURE_SLOTS`] past the last candle). `None` before the data, in a
/// data gap, or further in the future.
pub fn slot_of(frame: &CandleFrame, t: TimestampMs) -> Option<usize> {
    if let Some(i) = snap_to_candle(&frame.ts, frame.timeframe_ms, t) {
        return Some(i);
    }
    let last = frame.len().checked_sub(1)?;
    let last_open = *frame.ts.get(last)?;
    if t.0 < last_open {
        return None;
    }
    let ahead = ((t.0 - last_open) / frame.timeframe_ms.max(1)) as usize;
    (ahead <= FUTURE_SLOTS).then_some(last + ahead)
}

/// Markers of the trades on `frame`'s pair. Each order is rounded down to its candle; orders outside the data
/// window, and orders that never filled and are no longer open (a cancelled stoploss), are skipped.
pub fn trade_marks(frame: &CandleFrame, trades: &[TradeInput]) -> Vec<TradeMark> {
    let mut out = Vec::new();
    for t in trades.iter().filter(|t| t.pair == frame.pair) {
        let orders: Vec<&OrderInput> = t
            .orders
            .iter()
            .filter(|o| o.is_open || o.filled > 0.0)
            .collect();
        if orders.is_empty() {
            // Bots without order lists: the trade's own open and close.
            push_mark(
                &mut out,
                frame,
                t,
                t.open_ts,
                Some(t.open_rate),
                TradeMarkKind::Entry,
                false,
                None,
            );
            if let (false, Some(ts)) = (t.is_open, t.close_ts) {
                push_mark(
                    &mut out,
                    frame,
                    t,
                    ts,
                    t.close_rate,
                    TradeMarkKind::Exit,
                    false,
                    None,
                );
            }
            continue;
        }
        let last = orders.len() - 1;
        for (k, o) in orders.iter().enumerate() {
            let kind = if k == 0 {
                TradeMarkKind::Entry
            } else if k == last && !t.is_open && !o.is_entry {
                TradeMarkKind::Exit
            } else {
                TradeMarkKind::Adjust
            };
            push_mark(&mut out, frame, t, o.ts, o.price, kind, o.is_open, Some(o));
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn push_mark(
    out: &mut Vec<TradeMark>,
    frame: &CandleFrame,
    t: &TradeInput,
    ts: i64,
    price: Option<f64>,
    kind: TradeMarkKind,
    open_order: bool,
    order: Option<&OrderInput>,
) {
    let Some(index) = slot_of(frame, TimestampMs(ts)) else {
        return;
    };
    let Some(price) = price
        .filter(|p| p.is_finite())
        .or_else(|| frame.close.get(index.min(frame.len().saturating_sub(1))))
    else {
        return;
    };
    let side = side_name(t.is_short);
    let open_suffix = if open_order { " (open)" } else { "" };
    let label = match kind {
        TradeMarkKind::Entry => format!("{side}{open_suffix}"),
        TradeMarkKind::Adjust => format!("Adjust{open_suffix}"),
        TradeMarkKind::Exit => t
            .profit_ratio
            .map(crate::util::format::signed_percent)
            .unwrap_or_else(|| "Exit".into()),
    };
    let mut details = vec![format!(
        "#{} {side} {}{open_suffix}",
        t.id,
        match kind {
            TradeMarkKind::Entry => "entry",
            TradeMarkKind::Adjust => "adjustment",
            TradeMarkKind::Exit => "exit",
        }
    )];
    details.push(format!("Price {}", crate::util::format::price(price)));
    if let Some(o) = order {
        if o.cost.is_finite() && o.cost != 0.0 {
            let sign = if o.is_entry { "+" } else { "-" };
            details.push(format!(
                "Cost {sign}{}",
                crate::util::format::price(o.cost.abs())
            ));
        }
        if let Some(tag) = o.tag.as_deref().filter(|s| !s.is_empty()) {
            details.push(format!("Order tag {}", cut(tag)));
        }
    }
    match kind {
        TradeMarkKind::Entry => {
            if let Some(tag) = t.enter_tag.as_deref().filter(|s| !s.is_empty()) {
                details.push(format!("Enter tag {}", cut(tag)));
            }
        }
        TradeMarkKind::Exit => {
            if let Some(r) = t.profit_ratio {
                let abs = t
                    .profit_abs
                    .map(|a| format!(" ({})", crate::util::format::price(a)))
                    .unwrap_or_default();
                details.push(format!(
                    "Profit {}{abs}",
                    crate::util::format::signed_percent(r)
                ));
            }
            if let Some(reason) = t.exit_reason.as_deref().filter(|s| !s.is_empty()) {
                details.push(format!("Exit reason {}", cut(reason)));
            }
        }
        TradeMarkKind::Adjust => {}
    }
    out.push(TradeMark {
        trade_id: t.id,
        index,
        price,
        kind,
        is_short: t.is_short,
        open_order,
        label,
        details,
    });
}

/// A horizontal stoploss line of an open trade, from its entry candle (or the first candle) to the end.
#[derive(Debug, Clone, PartialEq)]
pub struct StopLine {
    pub from: usize,
    pub price: f64,
    pub label: String,
}

pub fn stop_lines(frame: &CandleFrame, trades: &[TradeInput]) -> Vec<StopLine> {
    if frame.is_empty() {
        return Vec::new();
    }
    trades
        .iter()
        .filter(|t| t.is_open && t.pair == frame.pair)
        .filter_map(|t| {
            let price = t.stop_loss_abs.filter(|p| p.is_finite() && *p > 0.0)?;
            let from = slot_of(frame, TimestampMs(t.open_ts)).unwrap_or_else(|| {
                if frame.ts.first().is_some_and(|&f| t.open_ts < f) {
                    0
                } else {
                    frame.len().saturating_sub(5)
                }
            });
            Some(StopLine {
                from,
                price,
                label: format!("Stoploss #{} {}", t.id, crate::util::format::price(price)),
            })
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignalKind {
    EnterLong,
    ExitLong,
    EnterShort,
    ExitShort,
}

impl SignalKind {
    pub fn label(self) -> &'static str {
        match self {
            SignalKind::EnterLong => "Long entry",
            SignalKind::ExitLong => "Long exit",
            SignalKind::EnterShort => "Short entry",
            SignalKind::ExitShort => "Short exit",
        }
    }
}

/// A signal marker.
#[derive(Debug, Clone, PartialEq)]
pub struct SignalMark {
    pub index: usize,
    pub price: f64,
    pub kind: SignalKind,
}

/// Signals of candles `from..=to`.
pub fn signal_marks(frame: &CandleFrame, from: usize, to: usize) -> Vec<SignalMark> {
    let n = frame.len();
    if n == 0 || from >= n || from > to {
        return Vec::new();
    }
    let to = to.min(n - 1);
    let s = &frame.signals;
    let cols = [
        (&s.enter_long, SignalKind::EnterLong),
        (&s.exit_long, SignalKind::ExitLong),
        (&s.enter_short, SignalKind::EnterShort),
        (&s.exit_short, SignalKind::ExitShort),
    ];
    let mut out = Vec::new();
    for (col, kind) in cols {
        if col.is_empty() {
            continue;
        }
        for i in from..=to {
            if let Some(price) = col.get(i) {
                out.push(SignalMark {
                    index: i,
                    price,
                    kind,
                });
            }
        }
    }
    out
}

/// The tooltip text of a signal at candle `i` (with the candle's tag when tags are shown).
pub fn signal_text(frame: &CandleFrame, kind: SignalKind, i: usize, show_tags: bool) -> String {
    let tag = if !show_tags {
        None
    } else {
        match kind {
            SignalKind::EnterLong | SignalKind::EnterShort => frame.enter_tags.get(&i),
            SignalKind::ExitLong | SignalKind::ExitShort => frame.exit_tags.get(&i),
        }
    };
    match tag.filter(|t| !t.is_empty()) {
        Some(t) => format!("{} ({})", kind.label(), cut(t)),
        None => kind.label().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::model::column::Column;

    fn frame() -> CandleFrame {
        let mut f = CandleFrame::empty("BTC/USDT", "5m", 300_000);
        f.ts = (0..10).map(|i| 1_000_000 + i * 300_000).collect();
        f.close = Column::from_options((0..10).map(|i| Some(100.0 + i as f64)));
        f.signals.enter_long = Column::from_options((0..10).map(|i| (i == 3).then_some(103.0)));
        f.enter_tags.insert(3, "x".repeat(150));
        f
    }

    fn order(ts: i64, price: f64, is_entry: bool, filled: f64) -> OrderInput {
        OrderInput {
            ts,
            price: Some(price),
            is_entry,
            is_buy: is_entry,
            filled,
            cost: price * filled,
            ..OrderInput::default()
        }
    }

    #[test]
    fn orders_become_entry_adjust_and_exit_on_their_candles() {
        let f = frame();
        let t = TradeInput {
            id: 7,
            pair: "BTC/USDT".into(),
            profit_ratio: Some(0.0123),
            orders: vec![
                order(1_000_000 + 300_000 + 299_999, 101.5, true, 1.0),
                order(1_000_000 + 2 * 300_000, 102.0, true, 0.0), // never filled: skipped
                order(1_000_000 + 4 * 300_000 + 1, 104.0, true, 1.0),
                order(1_000_000 + 6 * 300_000, 106.5, false, 2.0),
            ],
            ..TradeInput::default()
        };
        let other = TradeInput {
            pair: "ETH/USDT".into(),
            ..t.clone()
        };
        let marks = trade_marks(&f, &[t, other]);
        let got: Vec<(usize, TradeMarkKind, &str)> = marks
            .iter()
            .map(|m| (m.index, m.kind, m.label.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, TradeMarkKind::Entry, "Long"),
                (4, TradeMarkKind::Adjust, "Adjust"),
                (6, TradeMarkKind::Exit, "+1.23 %"),
            ]
        );
        assert!(marks
            .iter()
            .any(|m| m.details.iter().any(|d| d.starts_with("Profit +1.23 %"))));
    }

    #[test]
    fn open_orders_and_orders_outside_the_window() {
        let f = frame();
        let t = TradeInput {
            id: 1,
            pair: "BTC/USDT".into(),
            is_open: true,
            is_short: true,
            stop_loss_abs: Some(90.0),
            open_ts: 1_000_000 + 9 * 300_000,
            orders: vec![
                OrderInput {
                    is_open: true,
                    ..order(1_000_000 + 9 * 300_000, 109.0, true, 0.0)
                },
                order(5, 1.0, false, 1.0), // before the data
            ],
            ..TradeInput::default()
        };
        let marks = trade_marks(&f, std::slice::from_ref(&t));
        assert_eq!(marks.len(), 1);
        assert_eq!(
            marks.first().map(|m| m.label.as_str()),
            Some("Short (open)")
        );
        let stops = stop_lines(&f, &[t]);
        assert_eq!(stops.first().map(|s| (s.from, s.price)), Some((9, 90.0)));
    }

    #[test]
    fn a_trade_in_the_forming_candle_gets_the_slot_after_the_data() {
        let f = frame();
        let last_open = 1_000_000 + 9 * 300_000;
        assert_eq!(slot_of(&f, TimestampMs(last_open + 300_000 + 5)), Some(10));
        assert_eq!(slot_of(&f, TimestampMs(last_open + 2 * 300_000)), Some(11));
        assert_eq!(slot_of(&f, TimestampMs(last_open + 3 * 300_000)), None);
        assert_eq!(slot_of(&f, TimestampMs(0)), None);
        assert_eq!(slot_of(&CandleFrame::default(), TimestampMs(0)), None);
        let t = TradeInput {
            id: 3,
            pair: "BTC/USDT".into(),
            is_open: true,
            open_ts: last_open + 300_000 + 5,
            open_rate: 110.0,
            stop_loss_abs: Some(99.0),
            ..TradeInput::default()
        };
        let marks = trade_marks(&f, std::slice::from_ref(&t));
        assert_eq!(marks.first().map(|m| (m.index, m.price)), Some((10, 110.0)));
        assert_eq!(stop_lines(&f, &[t]).first().map(|s| s.from), Some(10));
    }

    #[test]
    fn trades_without_orders_use_open_and_close() {
        let f = frame();
        let t = TradeInput {
            id: 2,
            pair: "BTC/USDT".into(),
            open_ts: 1_000_000,
            open_rate: 100.0,
            close_ts: Some(1_000_000 + 2 * 300_000),
            close_rate: Some(f64::NAN),
            ..TradeInput::default()
        };
        let marks = trade_marks(&f, &[t]);
        // A non-finite close rate falls back to the candle's close.
        assert_eq!(
            marks.iter().map(|m| (m.index, m.price)).collect::<Vec<_>>(),
            vec![(0, 100.0), (2, 102.0)]
        );
    }

    #[test]
    fn signals_with_tags() {
        let f = frame();
        let s = signal_marks(&f, 0, 99);
        assert_eq!(
            s,
            vec![SignalMark {
                index: 3,
                price: 103.0,
                kind: SignalKind::EnterLong
            }]
        );
        let text = signal_text(&f, SignalKind::EnterLong, 3, true);
        assert_eq!(text.chars().count(), "Long entry ()".len() + 100);
        assert_eq!(
            signal_text(&f, SignalKind::EnterLong, 3, false),
            "Long entry"
        );
        assert!(signal_marks(&f, 11, 12).is_empty());
    }
}
