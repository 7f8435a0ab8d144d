//! The benchmark workload (performance-anchors.md): N 5-minute candles from a seeded random walk, volume,
//! six indicators in two panes (EMA 9/20/50 and two Bollinger bands over the price, an RSI below) and 50
//! entry/exit markers spread evenly. Deterministic, so runs compare.

use super::column::Column;
use super::frame::CandleFrame;
use super::marks::{OrderInput, TradeInput};
use super::plot::{IndicatorSpec, PaneSpec, PlotSpec};

/// xorshift64*: small, seeded, good enough for a price walk.
struct Rng(u64);

impl Rng {
    fn next_f64(&mut self) -> f64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn ema(values: &[f64], period: usize) -> Vec<f64> {
    let k = 2.0 / (period as f64 + 1.0);
    let mut out = Vec::with_capacity(values.len());
    let mut prev: Option<f64> = None;
    for (i, &v) in values.iter().enumerate() {
        let e = match prev {
            Some(p) => p + k * (v - p),
            None => v,
        };
        prev = Some(e);
        // The first period-1 values are NaN, as in TA-Lib.
        out.push(if i + 1 < period { f64::NAN } else { e });
    }
    out
}

/// The workload frame with `n` candles.
pub fn workload_frame(n: usize, seed: u64) -> CandleFrame {
    let mut rng = Rng(seed.max(1));
    let start = 1_700_000_000_000_i64;
    let tf = 300_000_i64;
    let mut f = CandleFrame::empty("BENCH/USDT", "5m", tf);
    f.strategy = "Benchmark".into();
    let (mut o, mut h, mut l, mut c, mut v) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let mut price = 100.0_f64;
    for i in 0..n {
        let open = price;
        let close = (open * (1.0 + (rng.next_f64() - 0.5) * 0.01)).max(0.01);
        let high = open.max(close) * (1.0 + rng.next_f64() * 0.004);
        let low = open.min(close) * (1.0 - rng.next_f64() * 0.004);
        f.ts.push(start + i as i64 * tf);
        o.push(open);
        h.push(high);
        l.push(low);
        c.push(close);
        v.push(10.0 + rng.next_f64() * 90.0);
        price = close;
    }
    for (name, period) in [("ema9", 9), ("ema20", 20), ("ema50", 50)] {
        f.set_indicator(name, Column::from_raw(ema(&c, period)));
    }
    let mid = ema(&c, 20);
    f.set_indicator(
        "bb_upper",
        Column::from_raw(mid.iter().map(|m| m * 1.01).collect()),
    );
    f.set_indicator(
        "bb_lower",
        Column::from_raw(mid.iter().map(|m| m * 0.99).collect()),
    );
    let mut rsi = Vec::with_capacity(n);
    let mut r = 50.0_f64;
    for _ in 0..n {
        r = (r + (rng.next_f64() - 0.5) * 8.0).clamp(5.0, 95.0);
        rsi.push(r);
    }
    f.set_indicator("rsi", Column::from_raw(rsi));
    f.open = Column::from_raw(o);
    f.high = Column::from_raw(h);
    f.low = Column::from_raw(l);
    f.close = Column::from_raw(c);
    f.volume = Column::from_raw(v);
    f.signals.enter_long = Column::gaps(n);
    f.all_columns = f.indicator_names();
    f
}

/// The workload's plot config: five indicators over the price, one subplot.
pub fn workload_spec() -> PlotSpec {
    PlotSpec {
        main: vec![
            IndicatorSpec::colored("ema9", "#f59e0b"),
            IndicatorSpec::colored("ema20", "#3b82f6"),
            IndicatorSpec::colored("ema50", "#a855f7"),
            IndicatorSpec {
                fill_to: Some("bb_lower".into()),
                ..IndicatorSpec::colored("bb_upper", "#14b8a6")
            },
            IndicatorSpec::colored("bb_lower", "#14b8a6"),
        ],
        subplots: vec![PaneSpec {
            name: "RSI".into(),
            indicators: vec![IndicatorSpec::colored("rsi", "#ec4899")],
        }],
        ..PlotSpec::default()
    }
}

/// 25 closed trades = 50 entry/exit markers, spread evenly over the frame.
pub fn workload_trades(frame: &CandleFrame) -> Vec<TradeInput> {
    let n = frame.len();
    if n < 4 {
        return Vec::new();
    }
    (0..25)
        .filter_map(|k| {
            let entry = n * k / 25 + 1;
            let exit = (entry + (n / 50).max(1)).min(n - 1);
            let at = |i: usize| frame.ts.get(i).copied();
            let price = |i: usize| frame.close.get(i);
            let (te, tx, pe, px) = (at(entry)?, at(exit)?, price(entry)?, price(exit)?);
            Some(TradeInput {
                id: k as i64 + 1,
                pair: frame.pair.clone(),
                is_short: k % 3 == 0,
                open_ts: te,
                open_rate: pe,
                close_ts: Some(tx),
                close_rate: Some(px),
                profit_ratio: Some(px / pe - 1.0),
                orders: vec![
                    OrderInput {
                        ts: te,
                        price: Some(pe),
                        is_entry: true,
                        is_buy: true,
                        filled: 1.0,
                        ..OrderInput::default()
                    },
                    OrderInput {
                        ts: tx,
                        price: Some(px),
                        is_entry: false,
                        is_buy: false,
                        filled: 1.0,
                        ..OrderInput::default()
                    },
                ],
                ..TradeInput::default()
            })
        })
        .collect()
}
