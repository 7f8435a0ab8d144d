//! The chart's plot configuration: which indicators are drawn where and how. It reads FreqUI's / freqtrade's
//! `plot_config` JSON leniently (a malformed part falls back to its default; it never fails on shape) and writes
//! the same format back, in order.

use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Deserializer, Serialize};

use super::ordered_json::{self, Json};

/// How an indicator is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SeriesKind {
    #[default]
    Line,
    Bar,
    Scatter,
}

impl SeriesKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SeriesKind::Line => "line",
            SeriesKind::Bar => "bar",
            SeriesKind::Scatter => "scatter",
        }
    }

    /// Unknown types draw as lines.
    pub fn parse(s: &str) -> SeriesKind {
        match s.trim().to_ascii_lowercase().as_str() {
            "bar" => SeriesKind::Bar,
            "scatter" => SeriesKind::Scatter,
            _ => SeriesKind::Line,
        }
    }
}

/// Default scatter symbol size (FreqUI's).
pub const DEFAULT_SCATTER_SIZE: f64 = 3.0;

/// One indicator of a pane.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IndicatorSpec {
    /// The dataframe column.
    pub name: String,
    /// As configured (any CSS colour); `None` picks a stable automatic colour.
    pub color: Option<String>,
    pub kind: SeriesKind,
    /// Fill the area between this line and that column.
    pub fill_to: Option<String>,
    pub scatter_size: Option<f64>,
}

impl IndicatorSpec {
    pub fn new(name: &str) -> Self {
        IndicatorSpec {
            name: name.to_string(),
            ..IndicatorSpec::default()
        }
    }

    pub fn colored(name: &str, color: &str) -> Self {
        IndicatorSpec {
            color: Some(color.to_string()),
            ..IndicatorSpec::new(name)
        }
    }

    /// Reads `{"color": …, "type": …, "fill_to": …, "scatterSymbolSize": …}`; anything unreadable is unset.
    fn from_json(name: &str, j: &Json) -> Self {
        IndicatorSpec {
            name: name.to_string(),
            color: j
                .get("color")
                .and_then(Json::as_str)
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string),
            kind: j
                .get("type")
                .and_then(Json::as_str)
                .map(SeriesKind::parse)
                .unwrap_or_default(),
            fill_to: j
                .get("fill_to")
                .and_then(Json::as_str)
                .filter(|f| !f.is_empty() && *f != name)
                .map(str::to_string),
            scatter_size: j
                .get("scatterSymbolSize")
                .and_then(Json::as_f64)
                .filter(|s| *s > 0.0 && *s <= 50.0),
        }
    }
}

/// A subplot: a pane under the price pane with its own y axis.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PaneSpec {
    pub name: String,
    pub indicators: Vec<IndicatorSpec>,
}

/// Where an indicator lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaneId {
    Main,
    Sub(usize),
}

/// A whole plot configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct PlotSpec {
    /// Indicators over the candles.
    pub main: Vec<IndicatorSpec>,
    pub subplots: Vec<PaneSpec>,
    /// Show entry/exit tags in tooltips (FreqUI's `options.showTags`, default on).
    pub show_tags: bool,
    pub mark_area_z: Option<i64>,
}

impl Default for PlotSpec {
    fn default() -> Self {
        PlotSpec {
            main: Vec::new(),
            subplots: Vec::new(),
            show_tags: true,
            mark_area_z: None,
        }
    }
}

/// Why a plot config text could not be read at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlotConfigError {
    #[error("This is not valid JSON: {0}")]
    Json(String),
    #[error("A plot config must be a JSON object with main_plot and subplots.")]
    NotAnObject,
}

fn indicators_of(j: Option<&Json>) -> Vec<IndicatorSpec> {
    j.map(|o| {
        o.entries()
            .iter()
            .filter(|(name, _)| !name.trim().is_empty())
            .map(|(name, cfg)| IndicatorSpec::from_json(name, cfg))
            .collect()
    })
    .unwrap_or_default()
}

impl PlotSpec {
    /// Reads a parsed config leniently: a non-object `main_plot` is empty, a subplot that is not an object is
    /// dropped, a bad colour is unset, an unknown type is a line.
    pub fn from_json(j: &Json) -> Self {
        let subplots = j
            .get("subplots")
            .map(|s| {
                s.entries()
                    .iter()
                    .filter(|(name, v)| !name.trim().is_empty() && v.is_obj())
                    .map(|(name, v)| PaneSpec {
                        name: name.clone(),
                        indicators: indicators_of(Some(v)),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let options = j.get("options");
        PlotSpec {
            main: indicators_of(j.get("main_plot")),
            subplots,
            show_tags: options
                .and_then(|o| o.get("showTags"))
                .and_then(Json::as_bool)
                .unwrap_or(true),
            mark_area_z: options
                .and_then(|o| o.get("markAreaZIndex"))
                .and_then(Json::as_f64)
                .map(|z| z.round() as i64),
        }
    }

    /// Reads JSON text; only text that is not JSON, or not an object, is an error.
    pub fn parse(text: &str) -> Result<Self, PlotConfigError> {
        let j = ordered_json::parse(text).map_err(PlotConfigError::Json)?;
        if !j.is_obj() {
            return Err(PlotConfigError::NotAnObject);
        }
        Ok(PlotSpec::from_json(&j))
    }

    /// Like [`PlotSpec::parse`], falling back to the empty config.
    pub fn parse_or_default(text: &str) -> Self {
        PlotSpec::parse(text).unwrap_or_default()
    }

    /// The config as pretty JSON in FreqUI's format.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string())
    }

    pub fn is_empty(&self) -> bool {
        self.main.is_empty() && self.subplots.iter().all(|p| p.indicators.is_empty())
    }

    /// Every indicator with its pane.
    pub fn indicators(&self) -> impl Iterator<Item = (PaneId, &IndicatorSpec)> {
        self.main.iter().map(|i| (PaneId::Main, i)).chain(
            self.subplots
                .iter()
                .enumerate()
                .flat_map(|(k, p)| p.indicators.iter().map(move |i| (PaneId::Sub(k), i))),
        )
    }

    /// The dataframe columns this config needs (indicators and `fill_to` targets, plus the tag columns when tags
    /// are shown), sorted and without duplicates: what `pair_candles` is asked for.
    pub fn columns_needed(&self) -> Vec<String> {
        let mut cols: Vec<String> = self
            .indicators()
            .flat_map(|(_, i)| std::iter::once(i.name.clone()).chain(i.fill_to.clone()))
            .collect();
        if self.show_tags {
            cols.push("enter_tag".to_string());
            cols.push("exit_tag".to_string());
        }
        crate::util::sort::sort(&mut cols);
        cols.dedup();
        cols
    }

    /// The indicators of a pane (mutable), `None` for a pane that does not exist.
    pub fn pane_mut(&mut self, pane: PaneId) -> Option<&mut Vec<IndicatorSpec>> {
        match pane {
            PaneId::Main => Some(&mut self.main),
            PaneId::Sub(k) => self.subplots.get_mut(k).map(|p| &mut p.indicators),
        }
    }

    pub fn pane(&self, pane: PaneId) -> Option<&Vec<IndicatorSpec>> {
        match pane {
            PaneId::Main => Some(&self.main),
            PaneId::Sub(k) => self.subplots.get(k).map(|p| &p.indicators),
        }
    }

    /// Adds an indicator to a pane (replacing one of the same name there).
    pub fn upsert(&mut self, pane: PaneId, spec: IndicatorSpec) {
        if let Some(list) = self.pane_mut(pane) {
            match list.iter_mut().find(|i| i.name == spec.name) {
                Some(slot) => *slot = spec,
                None => list.push(spec),
            }
        }
    }

    pub fn remove(&mut self, pane: PaneId, name: &str) {
        if let Some(list) = self.pane_mut(pane) {
            list.retain(|i| i.name != name);
        }
    }

    /// Adds a subplot; returns its pane, or the existing one of that name.
    pub fn add_subplot(&mut self, name: &str) -> Option<PaneId> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        if let Some(k) = self.subplots.iter().position(|p| p.name == name) {
            return Some(PaneId::Sub(k));
        }
        self.subplots.push(PaneSpec {
            name: name.to_string(),
            indicators: Vec::new(),
        });
        Some(PaneId::Sub(self.subplots.len() - 1))
    }

    /// Renames a subplot; refused (false) for an empty name or one already taken.
    pub fn rename_subplot(&mut self, k: usize, name: &str) -> bool {
        let name = name.trim();
        if name.is_empty() || self.subplots.iter().any(|p| p.name == name) {
            return false;
        }
        match self.subplots.get_mut(k) {
            Some(p) => {
                p.name = name.to_string();
                true
            }
            None => false,
        }
    }

    pub fn remove_subplot(&mut self, k: usize) {
        if k < self.subplots.len() {
            self.subplots.remove(k);
        }
    }
}

struct IndicatorsJson<'a>(&'a [IndicatorSpec]);

struct IndicatorJson<'a>(&'a IndicatorSpec);

impl Serialize for IndicatorJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let i = self.0;
        let mut m = s.serialize_map(None)?;
        if let Some(c) = &i.color {
            m.serialize_entry("color", c)?;
        }
        if i.kind != SeriesKind::Line {
            m.serialize_entry("type", i.kind.as_str())?;
        }
        if let Some(f) = &i.fill_to {
            m.serialize_entry("fill_to", f)?;
        }
        if let Some(z) = i.scatter_size {
            m.serialize_entry("scatterSymbolSize", &z)?;
        }
        m.end()
    }
}

impl Serialize for IndicatorsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for i in self.0 {
            m.serialize_entry(&i.name, &IndicatorJson(i))?;
        }
        m.end()
    }
}

struct SubplotsJson<'a>(&'a [PaneSpec]);

impl Serialize for SubplotsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for p in self.0 {
            m.serialize_entry(&p.name, &IndicatorsJson(&p.indicators))?;
        }
        m.end()
    }
}

impl Serialize for PlotSpec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("main_plot", &IndicatorsJson(&self.main))?;
        m.serialize_entry("subplots", &SubplotsJson(&self.subplots))?;
        let mut options = serde_json::Map::new();
        if !self.show_tags {
            options.insert("showTags".into(), serde_json::Value::Bool(false));
        }
        if let Some(z) = self.mark_area_z {
            options.insert("markAreaZIndex".into(), serde_json::Value::from(z));
        }
        if !options.is_empty() {
            m.serialize_entry("options", &options)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for PlotSpec {
    /// Never fails on shape: anything that is not a config reads as the empty one.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(PlotSpec::from_json(&Json::deserialize(d)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../../tests/fixtures/plot_config.json");

    #[test]
    fn reads_the_sample_strategy_config_in_order() {
        let spec = PlotSpec::parse(SAMPLE).unwrap_or_default();
        let main: Vec<&str> = spec.main.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(main, vec!["tema", "sar"]);
        assert_eq!(
            spec.main.get(1).and_then(|i| i.color.as_deref()),
            Some("white")
        );
        let subs: Vec<&str> = spec.subplots.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(subs, vec!["MACD", "RSI"]);
        assert_eq!(
            spec.columns_needed(),
            vec![
                "enter_tag",
                "exit_tag",
                "macd",
                "macdsignal",
                "rsi",
                "sar",
                "tema"
            ]
        );
        assert!(spec.show_tags);
    }

    #[test]
    fn round_trips_through_json() {
        let mut spec = PlotSpec::parse(SAMPLE).unwrap_or_default();
        spec.upsert(
            PaneId::Main,
            IndicatorSpec {
                fill_to: Some("bb_lowerband".into()),
                ..IndicatorSpec::colored("bb_upperband", "#008af4")
            },
        );
        spec.upsert(
            PaneId::Sub(0),
            IndicatorSpec {
                kind: SeriesKind::Bar,
                ..IndicatorSpec::new("macdhist")
            },
        );
        spec.show_tags = false;
        let text = spec.to_json();
        assert_eq!(PlotSpec::parse(&text), Ok(spec.clone()));
        // serde round trip (localStorage) as well.
        let stored = serde_json::to_string(&spec).unwrap_or_default();
        let back: PlotSpec = serde_json::from_str(&stored).unwrap_or_default();
        assert_eq!(back, spec);
    }

    #[test]
    fn malformed_configs_fall_back_without_panicking() {
        assert!(matches!(
            PlotSpec::parse("{not json"),
            Err(PlotConfigError::Json(_))
        ));
        assert_eq!(PlotSpec::parse("[1,2]"), Err(PlotConfigError::NotAnObject));
        assert_eq!(PlotSpec::parse_or_default("42"), PlotSpec::default());
        assert_eq!(PlotSpec::parse("{}"), Ok(PlotSpec::default()));
        let weird = r#"{
            "main_plot": [1, 2, 3],
            "subplots": {"RSI": "nope", "": {"x": {}}, "Ok": {"rsi": {"color": 5, "type": "candles",
                "fill_to": "rsi", "scatterSymbolSize": "huge"}, "macd": null}},
            "options": {"showTags": "yes", "markAreaZIndex": "3"}
        }"#;
        let spec = PlotSpec::parse(weird).unwrap_or_default();
        assert!(spec.main.is_empty());
        assert_eq!(spec.subplots.len(), 1);
        let ok = spec.subplots.first().cloned().unwrap_or_default();
        assert_eq!(ok.name, "Ok");
        assert_eq!(
            ok.indicators,
            vec![IndicatorSpec::new("rsi"), IndicatorSpec::new("macd")]
        );
        assert!(spec.show_tags);
        assert_eq!(spec.mark_area_z, Some(3));
        // serde never fails on shape either.
        let spec: PlotSpec = serde_json::from_str("[]").unwrap_or_else(|_| PlotSpec {
            show_tags: false,
            ..PlotSpec::default()
        });
        assert_eq!(spec, PlotSpec::default());
    }

    #[test]
    fn editing_subplots() {
        let mut spec = PlotSpec::default();
        assert_eq!(spec.add_subplot("  "), None);
        assert_eq!(spec.add_subplot("RSI"), Some(PaneId::Sub(0)));
        assert_eq!(spec.add_subplot("RSI"), Some(PaneId::Sub(0)));
        assert_eq!(spec.add_subplot("MACD"), Some(PaneId::Sub(1)));
        assert!(!spec.rename_subplot(0, "MACD"));
        assert!(spec.rename_subplot(0, "Osc"));
        assert!(!spec.rename_subplot(7, "X"));
        spec.upsert(PaneId::Sub(0), IndicatorSpec::new("rsi"));
        spec.upsert(PaneId::Sub(9), IndicatorSpec::new("lost"));
        assert_eq!(spec.indicators().count(), 1);
        spec.remove(PaneId::Sub(0), "rsi");
        spec.remove_subplot(0);
        spec.remove_subplot(5);
        assert_eq!(spec.subplots.len(), 1);
        assert!(spec.is_empty());
    }
}
