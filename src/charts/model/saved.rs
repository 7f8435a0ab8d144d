//! Named plot configs kept in the browser (the configurator's list), and the chart preferences. Pure data with
//! a lenient stored form: whatever is unreadable falls back to the defaults.

use serde::Serialize;

use super::ordered_json::{parse, Json};
use super::plot::PlotSpec;
use crate::util::stored_json::Stored;

/// The name of the built-in entry that follows the strategy's own plot_config.
pub const STRATEGY_CONFIG: &str = "Strategy default";

/// Saved plot configs and which one is active.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SavedConfigs {
    /// The active config's name; empty or [`STRATEGY_CONFIG`] means the strategy's.
    pub selected: String,
    pub configs: Vec<NamedConfig>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct NamedConfig {
    pub name: String,
    pub config: PlotSpec,
}

impl SavedConfigs {
    /// Reads the stored form (through the order-keeping JSON reader the plot configs need anyway, not a
    /// serde-derived one); anything unreadable is the empty list, an unreadable entry is left out.
    pub fn decode(text: Option<&str>) -> Self {
        let Some(root) = text.and_then(|t| parse(t).ok()) else {
            return SavedConfigs::default();
        };
        let configs = match root.get("configs") {
            Some(Json::Arr(items)) => items
                .iter()
                .filter_map(|item| {
                    let name = item.get("name")?.as_str()?.to_string();
                    let config = item
                        .get("config")
                        .map(PlotSpec::from_json)
                        .unwrap_or_default();
                    Some(NamedConfig { name, config })
                })
                .filter(|c| !c.name.trim().is_empty() && c.name != STRATEGY_CONFIG)
                .collect(),
            _ => Vec::new(),
        };
        SavedConfigs {
            selected: root
                .get("selected")
                .and_then(Json::as_str)
                .unwrap_or_default()
                .to_string(),
            configs,
        }
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_string())
    }

    /// Every config a user can choose, the strategy's first.
    pub fn names(&self) -> Vec<String> {
        std::iter::once(STRATEGY_CONFIG.to_string())
            .chain(self.configs.iter().map(|c| c.name.clone()))
            .collect()
    }

    /// The active config's name ([`STRATEGY_CONFIG`] when none is chosen).
    pub fn selected_name(&self) -> String {
        if self.selected.is_empty() {
            STRATEGY_CONFIG.to_string()
        } else {
            self.selected.clone()
        }
    }

    pub fn get(&self, name: &str) -> Option<&PlotSpec> {
        self.configs
            .iter()
            .find(|c| c.name == name)
            .map(|c| &c.config)
    }

    /// The active config, or `strategy` when the strategy's is selected or the selected one is gone.
    pub fn active<'a>(&'a self, strategy: &'a PlotSpec) -> &'a PlotSpec {
        self.get(&self.selected).unwrap_or(strategy)
    }

    /// Saves (or overwrites) `name` and selects it. The strategy entry's name is refused.
    pub fn save(&mut self, name: &str, config: PlotSpec) -> bool {
        let name = name.trim();
        if name.is_empty() || name == STRATEGY_CONFIG {
            return false;
        }
        match self.configs.iter_mut().find(|c| c.name == name) {
            Some(slot) => slot.config = config,
            None => self.configs.push(NamedConfig {
                name: name.to_string(),
                config,
            }),
        }
        self.selected = name.to_string();
        true
    }

    pub fn delete(&mut self, name: &str) {
        self.configs.retain(|c| c.name != name);
        if self.selected == name {
            self.selected = STRATEGY_CONFIG.to_string();
        }
    }
}

/// Up and down candle colours.
pub const UP_COLOR: &str = "#26a69a";
pub const DOWN_COLOR: &str = "#ef5350";

/// Chart preferences (persisted by the page; the Settings page may expose them).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartPrefs {
    /// Candles in the first view.
    pub default_candles: usize,
    /// Red up / green down (the reverse of the default).
    pub inverted_colors: bool,
    pub heikin_ashi: bool,
    /// Price axis on the left instead of the right.
    pub axis_left: bool,
    /// Draw the strategy's plot annotations.
    pub show_annotations: bool,
}

impl Default for ChartPrefs {
    fn default() -> Self {
        ChartPrefs {
            default_candles: 250,
            inverted_colors: false,
            heikin_ashi: false,
            axis_left: false,
            show_annotations: true,
        }
    }
}

impl ChartPrefs {
    /// Reads the stored form; each missing or unreadable field is its default.
    pub fn decode(text: Option<&str>) -> Self {
        let s = Stored::parse(text);
        let d = ChartPrefs::default();
        let candles = s
            .u64("default_candles")
            .map_or(d.default_candles, |c| c.min(100_000) as usize);
        ChartPrefs {
            default_candles: candles.clamp(10, 100_000),
            inverted_colors: s.bool("inverted_colors").unwrap_or(d.inverted_colors),
            heikin_ashi: s.bool("heikin_ashi").unwrap_or(d.heikin_ashi),
            axis_left: s.bool("axis_left").unwrap_or(d.axis_left),
            show_annotations: s.bool("show_annotations").unwrap_or(d.show_annotations),
        }
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_string())
    }

    /// (up, down) colours.
    pub fn candle_colors(&self) -> (&'static str, &'static str) {
        if self.inverted_colors {
            (DOWN_COLOR, UP_COLOR)
        } else {
            (UP_COLOR, DOWN_COLOR)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::model::plot::IndicatorSpec;

    #[test]
    fn saved_configs_round_trip_and_tolerate_damage() {
        let mut s = SavedConfigs::default();
        let mut spec = PlotSpec::default();
        spec.main.push(IndicatorSpec::colored("ema", "red"));
        assert!(s.save("Mine", spec.clone()));
        assert!(!s.save(STRATEGY_CONFIG, spec.clone()));
        assert!(!s.save("  ", spec.clone()));
        let back = SavedConfigs::decode(Some(&s.encode()));
        assert_eq!(back, s);
        let strategy = PlotSpec::default();
        assert_eq!(back.active(&strategy), &spec);
        let mut back = back;
        back.delete("Mine");
        assert_eq!(back.active(&strategy), &strategy);
        assert_eq!(
            SavedConfigs::decode(Some("garbage")),
            SavedConfigs::default()
        );
        assert_eq!(
            SavedConfigs::decode(Some(
                r#"{"configs":[{"name":"","config":{}},{"name":"x","config":7}]}"#
            ))
            .configs
            .len(),
            1
        );
        assert_eq!(SavedConfigs::decode(None), SavedConfigs::default());
    }

    #[test]
    fn prefs_defaults_and_clamping() {
        assert_eq!(ChartPrefs::decode(None).default_candles, 250);
        assert_eq!(
            ChartPrefs::decode(Some(r#"{"default_candles":0}"#)).default_candles,
            10
        );
        assert_eq!(ChartPrefs::decode(Some("[")), ChartPrefs::default());
        let p = ChartPrefs {
            inverted_colors: true,
            ..ChartPrefs::default()
        };
        assert_eq!(p.candle_colors(), (DOWN_COLOR, UP_COLOR));
        assert_eq!(ChartPrefs::decode(Some(&p.encode())), p);
    }
}
