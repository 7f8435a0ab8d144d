//! A pairlist configuration as the configurator edits it (pure, tested natively): a chain of handlers with
//! their parameters as typed, a blacklist, stake currency, exchange and trading mode; each parameter checked
//! against its type (`PairlistParam`), the chain turned into freqtrade's `pairlists` JSON and the evaluation
//! payload; and the named configs kept in the browser (save, rename, duplicate, delete).

use serde_json::{Map, Number, Value};

use crate::api::wire::lenient;
use crate::api::wire::{
    ExchangeMode, OrderedMap, PairlistHandler, PairlistParam, PairlistsPayload,
};

// Read leniently like the bot's answers (`wire_struct!`): what the browser kept may be old or edited.
wire_struct! {
    /// One handler in the chain; parameter values as typed, by name (none: the handler's default).
    pub struct ChainEntry {
        pub method: String,
        pub params: OrderedMap<String>,
    }
}

impl ChainEntry {
    pub fn new(method: impl Into<String>) -> Self {
        ChainEntry {
            method: method.into(),
            params: OrderedMap::new(),
        }
    }

    /// The value typed for `name` ("" when none).
    pub fn value(&self, name: &str) -> &str {
        self.params.get(name).map_or("", String::as_str)
    }

    /// Sets (or, with an empty value, clears) a parameter.
    pub fn set(&mut self, name: &str, value: String) {
        if value.trim().is_empty() {
            self.params.remove(name);
        } else {
            self.params.insert(name, value);
        }
    }
}

wire_struct! {
    /// A named pairlist configuration.
    pub struct PairlistConfig {
        pub name: String,
        pub chain: Vec<ChainEntry>,
        pub blacklist: Vec<String>,
        /// Empty: the bot's.
        pub stake_currency: String,
        pub exchange: String,
        pub trading_mode: String,
    }
}

/// A parameter's typed text as JSON: `Ok(None)` when empty (freqtrade's default applies), else the value of
/// the parameter's type, or why it is not one.
pub fn param_value(param: &PairlistParam, text: &str) -> Result<Option<Value>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let value = match param.kind.as_str() {
        "number" => {
            let n: f64 = crate::util::decimal::parse_decimal(text)
                .ok_or_else(|| format!("\"{text}\" is not a number"))?;
            if n.fract() == 0.0 && n.abs() < 9.0e15 {
                Value::from(n as i64)
            } else {
                Number::from_f64(n)
                    .map(Value::Number)
                    .unwrap_or(Value::Null)
            }
        }
        "boolean" => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(format!("\"{text}\" is not true or false")),
        },
        "option" => {
            if !param.options.is_empty() && !param.options.iter().any(|o| o == text) {
                return Err(format!(
                    "\"{text}\" is not one of {}",
                    param.options.join(", ")
                ));
            }
            Value::String(text.to_string())
        }
        "list" => Value::Array(
            text.split([',', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_string()))
                .collect(),
        ),
        _ => Value::String(text.to_string()),
    };
    Ok(Some(value))
}

/// A parameter's default as the editor shows it (its placeholder).
pub fn default_text(param: &PairlistParam) -> String {
    match &param.default {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// What is wrong with a chain, as a person reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The chain position (0-based), or `None` for the chain as a whole.
    pub at: Option<usize>,
    pub text: String,
}

/// The chain as freqtrade's `pairlists` list (`[{"method": …, params…}]`), or every problem found. A handler
/// this bot does not offer keeps its parameters as typed (strings).
pub fn chain_json(
    chain: &[ChainEntry],
    handlers: &[PairlistHandler],
) -> Result<Vec<Map<String, Value>>, Vec<Problem>> {
    let mut problems = Vec::new();
    let handler = |m: &str| handlers.iter().find(|h| h.name == m);
    match chain.first() {
        None => problems.push(Problem {
            at: None,
            text: "Add a pairlist generator (such as StaticPairList) first.".into(),
        }),
        Some(first) => {
            if handler(&first.method).is_some_and(|h| !h.is_pairlist_generator) {
                problems.push(Problem {
                    at: Some(0),
                    text: format!(
                        "{} is a filter: the chain must start with a generator.",
                        first.method
                    ),
                });
            }
        }
    }
    let mut out = Vec::new();
    for (i, entry) in chain.iter().enumerate() {
        let mut object = Map::new();
        object.insert("method".into(), Value::String(entry.method.clone()));
        let known = handler(&entry.method);
        if known.is_none() && !handlers.is_empty() {
            problems.push(Problem {
                at: Some(i),
                text: format!("This bot has no pairlist handler {}.", entry.method),
            });
        }
        for (name, text) in entry.params.iter() {
            match known.and_then(|h| h.params.get(name)) {
                Some(param) => match param_value(param, text) {
                    Ok(Some(v)) => {
                        object.insert(name.to_string(), v);
                    }
                    Ok(None) => {}
                    Err(e) => problems.push(Problem {
                        at: Some(i),
                        text: format!("{name}: {e}"),
                    }),
                },
                None if !text.trim().is_empty() => {
                    object.insert(name.to_string(), Value::String(text.trim().to_string()));
                }
                None => {}
            }
        }
        out.push(object);
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The block to paste into a freqtrade config: `{"pairlists": […]}`, indented.
pub fn config_block(pairlists: &[Map<String, Value>]) -> String {
    let mut root = Map::new();
    root.insert(
        "pairlists".into(),
        Value::Array(pairlists.iter().cloned().map(Value::Object).collect()),
    );
    serde_json::to_string_pretty(&Value::Object(root)).unwrap_or_default()
}

/// The evaluation request; `bot_stake` stands in for an empty stake currency.
pub fn payload(
    config: &PairlistConfig,
    handlers: &[PairlistHandler],
    bot_stake: &str,
) -> Result<PairlistsPayload, Vec<Problem>> {
    let pairlists = chain_json(&config.chain, handlers)?;
    let stake = config.stake_currency.trim();
    let optional = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    Ok(PairlistsPayload {
        pairlists,
        blacklist: config.blacklist.clone(),
        stake_currency: if stake.is_empty() { bot_stake } else { stake }.to_string(),
        mode: ExchangeMode {
            exchange: optional(&config.exchange),
            trading_mode: optional(&config.trading_mode),
            margin_mode: None,
        },
    })
}

/// Moves the entry at `from` one place up (`-1`) or down (`1`); out of range does nothing.
pub fn move_entry(chain: &mut [ChainEntry], from: usize, by: isize) {
    let Some(to) = from.checked_add_signed(by) else {
        return;
    };
    if from < chain.len() && to < chain.len() {
        chain.swap(from, to);
    }
}

wire_struct! {
    /// The named configs kept in the browser, by name (unique, trimmed, not empty).
    pub struct SavedConfigs {
        pub configs: Vec<PairlistConfig>,
    }
}

impl SavedConfigs {
    /// Reads what the browser kept; anything unreadable is an empty list.
    pub fn decode(text: Option<&str>) -> Self {
        let mut saved: SavedConfigs = text
            .and_then(|t| serde_json::from_str::<Value>(t).ok())
            .map(|v| lenient::value(&v))
            .unwrap_or_default();
        let mut seen = Vec::new();
        saved.configs.retain(|c| {
            let name = c.name.trim().to_string();
            let keep = !name.is_empty() && !seen.contains(&name);
            seen.push(name);
            keep
        });
        saved
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn get(&self, name: &str) -> Option<&PairlistConfig> {
        self.configs.iter().find(|c| c.name == name)
    }

    /// Saves `config` under its name, replacing one of the same name.
    pub fn save(&mut self, config: &PairlistConfig) -> Result<(), String> {
        let name = config.name.trim();
        if name.is_empty() {
            return Err("Give the config a name first.".into());
        }
        let mut config = config.clone();
        config.name = name.to_string();
        match self.configs.iter_mut().find(|c| c.name == name) {
            Some(slot) => *slot = config,
            None => self.configs.push(config),
        }
        Ok(())
    }

    /// Renames a saved config; the new name must be free.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), String> {
        let to = to.trim();
        if to.is_empty() {
            return Err("The new name is empty.".into());
        }
        if to != from && self.get(to).is_some() {
            return Err(format!("A config named \"{to}\" exists already."));
        }
        match self.configs.iter_mut().find(|c| c.name == from) {
            Some(c) => {
                c.name = to.to_string();
                Ok(())
            }
            None => Err(format!("No saved config named \"{from}\".")),
        }
    }

    /// Saves a copy of `name` as "<name> copy" (or "<name> copy 2", …); returns the copy's name.
    pub fn duplicate(&mut self, name: &str) -> Option<String> {
        let mut copy = self.get(name)?.clone();
        let mut n = 1;
        copy.name = format!("{name} copy");
        while self.get(&copy.name).is_some() {
            n += 1;
            copy.name = format!("{name} copy {n}");
        }
        let new_name = copy.name.clone();
        self.configs.push(copy);
        Some(new_name)
    }

    pub fn delete(&mut self, name: &str) {
        self.configs.retain(|c| c.name != name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(kind: &str, options: &[&str]) -> PairlistParam {
        PairlistParam {
            kind: kind.into(),
            options: options.iter().map(|o| o.to_string()).collect(),
            ..Default::default()
        }
    }

    fn handlers() -> Vec<PairlistHandler> {
        let json = r#"{"pairlists": [
            {"name": "StaticPairList", "is_pairlist_generator": true,
             "params": {"allow_inactive": {"type": "boolean", "default": false}}},
            {"name": "OffsetFilter", "is_pairlist_generator": false,
             "params": {"offset": {"type": "number", "default": 0},
                        "number_assets": {"type": "number", "default": 0}}},
            {"name": "ShuffleFilter", "is_pairlist_generator": false,
             "params": {"shuffle_frequency": {"type": "option", "default": "candle",
                                              "options": ["candle", "iteration"]}}},
            {"name": "MarketCapPairList", "is_pairlist_generator": true,
             "params": {"categories": {"type": "list", "default": []}}}
        ]}"#;
        serde_json::from_str::<crate::api::wire::PairlistsAvailable>(json)
            .map(|a| a.pairlists)
            .unwrap_or_default()
    }

    #[test]
    fn parameters_are_checked_by_type() {
        let number = param("number", &[]);
        assert_eq!(param_value(&number, " 5 "), Ok(Some(Value::from(5))));
        assert_eq!(param_value(&number, "0.25"), Ok(Some(Value::from(0.25))));
        assert_eq!(param_value(&number, ""), Ok(None));
        assert!(param_value(&number, "five").is_err());
        assert!(param_value(&number, "inf").is_err());
        let boolean = param("boolean", &[]);
        assert_eq!(param_value(&boolean, "true"), Ok(Some(Value::Bool(true))));
        assert!(param_value(&boolean, "yes").is_err());
        let option = param("option", &["candle", "iteration"]);
        assert_eq!(
            param_value(&option, "iteration"),
            Ok(Some(Value::from("iteration")))
        );
        assert_eq!(
            param_value(&option, "daily"),
            Err("\"daily\" is not one of candle, iteration".into())
        );
        let list = param("list", &[]);
        assert_eq!(
            param_value(&list, "defi, layer-1\nmeme,"),
            Ok(Some(serde_json::json!(["defi", "layer-1", "meme"])))
        );
        assert_eq!(
            param_value(&param("string", &[]), " x "),
            Ok(Some(Value::from("x")))
        );
    }

    #[test]
    fn the_chain_becomes_freqtrades_json() {
        let mut offset = ChainEntry::new("OffsetFilter");
        offset.set("offset", "1".into());
        offset.set("number_assets", "2".into());
        offset.set("number_assets", "3".into());
        let mut statics = ChainEntry::new("StaticPairList");
        statics.set("allow_inactive", "".into());
        let chain = vec![statics, offset];
        let Ok(json) = chain_json(&chain, &handlers()) else {
            panic!("valid chain refused")
        };
        assert_eq!(
            config_block(&json),
            r#"{
  "pairlists": [
    {
      "method": "StaticPairList"
    },
    {
      "method": "OffsetFilter",
      "offset": 1,
      "number_assets": 3
    }
  ]
}"#
        );
        let config = PairlistConfig {
            chain,
            blacklist: vec!["BNB/.*".into()],
            ..Default::default()
        };
        let Ok(p) = payload(&config, &handlers(), "USDT") else {
            panic!("no payload")
        };
        assert_eq!(p.stake_currency, "USDT");
        assert_eq!(p.mode.exchange, None);
        assert_eq!(
            serde_json::to_value(&p).ok(),
            Some(serde_json::json!({
                "pairlists": [{"method": "StaticPairList"},
                              {"method": "OffsetFilter", "offset": 1, "number_assets": 3}],
                "blacklist": ["BNB/.*"], "stake_currency": "USDT"}))
        );
    }

    #[test]
    fn a_wrong_chain_says_what_is_wrong() {
        assert_eq!(chain_json(&[], &handlers()).map_err(|p| p.len()), Err(1));
        let mut shuffle = ChainEntry::new("ShuffleFilter");
        shuffle.set("shuffle_frequency", "hourly".into());
        let Err(problems) = chain_json(&[shuffle, ChainEntry::new("NoSuchList")], &handlers())
        else {
            panic!("a filter first was accepted")
        };
        let texts: Vec<(Option<usize>, &str)> =
            problems.iter().map(|p| (p.at, p.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (
                    Some(0),
                    "ShuffleFilter is a filter: the chain must start with a generator."
                ),
                (
                    Some(0),
                    "shuffle_frequency: \"hourly\" is not one of candle, iteration"
                ),
                (Some(1), "This bot has no pairlist handler NoSuchList."),
            ]
        );
    }

    #[test]
    fn entries_move_within_the_chain() {
        let mut chain = vec![
            ChainEntry::new("A"),
            ChainEntry::new("B"),
            ChainEntry::new("C"),
        ];
        move_entry(&mut chain, 2, -1);
        move_entry(&mut chain, 0, -1);
        move_entry(&mut chain, 2, 1);
        let names: Vec<&str> = chain.iter().map(|e| e.method.as_str()).collect();
        assert_eq!(names, ["A", "C", "B"]);
    }

    #[test]
    fn saved_configs_keep_unique_names() {
        let mut saved = SavedConfigs::default();
        let config = PairlistConfig {
            name: " Top ".into(),
            chain: vec![ChainEntry::new("StaticPairList")],
            ..Default::default()
        };
        assert!(saved.save(&config).is_ok());
        assert!(saved.save(&PairlistConfig::default()).is_err());
        assert_eq!(saved.duplicate("Top").as_deref(), Some("Top copy"));
        assert_eq!(saved.duplicate("Top").as_deref(), Some("Top copy 2"));
        assert!(saved.rename("Top copy", "Top").is_err());
        assert!(saved.rename("Top copy", "Mine").is_ok());
        saved.delete("Top copy 2");
        let names: Vec<&str> = saved.configs.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Top", "Mine"]);
        let back = SavedConfigs::decode(Some(&saved.encode()));
        assert_eq!(back, saved);
        // Unreadable or odd storage is an empty list, duplicates and nameless ones dropped.
        assert_eq!(SavedConfigs::decode(Some("{nope")), SavedConfigs::default());
        let odd = SavedConfigs::decode(Some(
            r#"{"configs": [{"name": "a"}, {"name": "a", "blacklist": ["X"]}, {"name": ""}]}"#,
        ));
        let names: Vec<&str> = odd.configs.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["a"]);
        assert!(odd.configs.iter().all(|c| c.blacklist.is_empty()));
        assert_eq!(
            SavedConfigs::decode(Some(r#"{"configs": [{"chain": 5}]}"#)),
            SavedConfigs::default()
        );
    }
}
