//! `ChartModel`: a decoded frame plus everything derived from it that does not depend on the viewport
//! (Heikin-Ashi candles, trade markers, stoploss lines, resolved colours). Rebuilt only when the data, the plot
//! config, the trades or the options change; a pan or zoom only rebuilds the scene from it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::color::{color_or_auto, parse_color, Rgba};
use super::conflate::Ohlc;
use super::frame::CandleFrame;
use super::heikin_ashi::{heikin_ashi, HeikinAshi};
use super::lod::{ColumnPyramid, OhlcPyramid};
use super::marks::{
    signal_marks, stop_lines, trade_marks, SignalMark, StopLine, TradeInput, TradeMark,
};
use super::plot::{PaneId, PlotSpec, SeriesKind};
use super::saved::{DOWN_COLOR, UP_COLOR};
use super::theme::Palette;

/// Legend keys of the fixed series (indicators use their column name).
pub const KEY_CANDLES: &str = "Candles";
pub const KEY_VOLUME: &str = "Volume";
pub const KEY_SIGNALS: &str = "Signals";
pub const KEY_TRADES: &str = "Trades";

/// Display options.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartOptions {
    pub heikin_ashi: bool,
    pub axis_left: bool,
    pub up: Rgba,
    pub down: Rgba,
    pub show_annotations: bool,
    /// Minutes east of UTC the time labels are shown in.
    pub offset_minutes: i32,
    pub dark: bool,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            heikin_ashi: false,
            axis_left: false,
            up: parse_color(UP_COLOR).unwrap_or(Rgba::rgb(0x26, 0xa6, 0x9a)),
            down: parse_color(DOWN_COLOR).unwrap_or(Rgba::rgb(0xef, 0x53, 0x50)),
            show_annotations: true,
            offset_minutes: 0,
            dark: true,
        }
    }
}

/// An indicator ready to draw: its column exists and its colour is resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedIndicator {
    pub pane: PaneId,
    pub name: String,
    pub color: Rgba,
    pub kind: SeriesKind,
    pub fill_to: Option<String>,
    pub size: f64,
}

#[derive(Debug, Clone)]
pub struct ChartModel {
    pub frame: Arc<CandleFrame>,
    pub spec: PlotSpec,
    pub options: ChartOptions,
    pub palette: Palette,
    pub hidden: HashSet<String>,
    ha: Option<HeikinAshi>,
    pub indicators: Vec<ResolvedIndicator>,
    /// Indicators of the config whose column the data lacks.
    pub missing: Vec<String>,
    pub trade_marks: Vec<TradeMark>,
    pub stops: Vec<StopLine>,
    /// Every signal of the frame, sorted by candle.
    pub signals: Vec<SignalMark>,
    /// Level-of-detail pyramids of the drawn candles and of every drawn column.
    pub ohlc_lod: OhlcPyramid,
    pub column_lod: HashMap<String, ColumnPyramid>,
}

impl ChartModel {
    pub fn new(
        frame: Arc<CandleFrame>,
        spec: PlotSpec,
        trades: &[TradeInput],
        options: ChartOptions,
        hidden: HashSet<String>,
    ) -> Self {
        let ha = options
            .heikin_ashi
            .then(|| heikin_ashi(&frame.open, &frame.high, &frame.low, &frame.close));
        let mut indicators = Vec::new();
        let mut missing = Vec::new();
        for (pane, ind) in spec.indicators() {
            if frame.column(&ind.name).is_none() {
                missing.push(ind.name.clone());
                continue;
            }
            indicators.push(ResolvedIndicator {
                pane,
                name: ind.name.clone(),
                color: color_or_auto(ind.color.as_deref(), &ind.name),
                kind: ind.kind,
                fill_to: ind.fill_to.clone().filter(|f| frame.column(f).is_some()),
                size: ind
                    .scatter_size
                    .unwrap_or(super::plot::DEFAULT_SCATTER_SIZE),
            });
        }
        let mut signals = signal_marks(&frame, 0, frame.len().saturating_sub(1));
        crate::util::sort::sort_by_key(&mut signals, |s| s.index);
        let column_lod = indicators
            .iter()
            .filter(|i| i.kind != SeriesKind::Scatter)
            .map(|i| i.name.clone())
            .filter_map(|name| {
                let pyramid = ColumnPyramid::build(frame.column(&name)?);
                Some((name, pyramid))
            })
            .collect();
        let mut model = ChartModel {
            ohlc_lod: OhlcPyramid::default(),
            column_lod,
            signals,
            trade_marks: trade_marks(&frame, trades),
            stops: stop_lines(&frame, trades),
            palette: Palette::new(options.dark),
            frame,
            spec,
            options,
            hidden,
            ha,
            indicators,
            missing,
        };
        model.ohlc_lod = OhlcPyramid::build(model.ohlc());
        model
    }

    /// The candles drawn: raw or Heikin-Ashi.
    pub fn ohlc(&self) -> Ohlc<'_> {
        let f = &self.frame;
        match &self.ha {
            Some(ha) => Ohlc {
                open: &ha.open,
                high: &ha.high,
                low: &ha.low,
                close: &ha.close,
                volume: &f.volume,
            },
            None => Ohlc {
                open: &f.open,
                high: &f.high,
                low: &f.low,
                close: &f.close,
                volume: &f.volume,
            },
        }
    }

    pub fn is_hidden(&self, key: &str) -> bool {
        self.hidden.contains(key)
    }

    /// Whether the volume pane is shown (the data has volume and the legend has not hidden it).
    pub fn shows_volume(&self) -> bool {
        !self.is_hidden(KEY_VOLUME) && !self.frame.volume.is_empty()
    }
}
