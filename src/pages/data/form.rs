//! The download form's values and their check (pure, tested natively): what `POST /download_data` gets.

use crate::api::wire::{DownloadDataPayload, ExchangeMode};
use crate::util::calendar::compact_date;

/// Timeframes offered.
pub const TIMEFRAMES: [&str; 10] = ["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "8h", "1d"];

/// Candle types freqtrade downloads (futures bots need more than `spot`).
pub const CANDLE_TYPES: [&str; 6] = [
    "spot",
    "futures",
    "mark",
    "index",
    "premiumIndex",
    "funding_rate",
];

/// How far back the download goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Span {
    #[default]
    Days,
    Dates,
}

/// The form's values as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DownloadForm {
    /// Pairs separated by spaces, commas or new lines.
    pub pairs: String,
    pub timeframes: Vec<String>,
    pub span: Span,
    pub days: String,
    /// `YYYY-MM-DD` or empty.
    pub from: String,
    pub to: String,
    pub erase: bool,
    pub prepend: bool,
    pub download_trades: bool,
    /// Empty: the bot's default (its trading mode's).
    pub candle_types: Vec<String>,
    /// Empty: the bot's own.
    pub exchange: String,
    pub trading_mode: String,
    pub margin_mode: String,
}

/// The pairs of `text`, in order, without repeats.
pub fn parse_pairs(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in text.split(|c: char| c.is_whitespace() || c == ',') {
        let p = p.trim();
        if !p.is_empty() && !out.iter().any(|o| o == p) {
            out.push(p.to_string());
        }
    }
    out
}

/// `pairs` of the exchange quoted in `quote` (`BTC/USDT`, also `BTC/USDT:USDT` for futures).
pub fn pairs_quoted_in<'a>(markets: &'a [String], quote: &str) -> Vec<&'a str> {
    markets
        .iter()
        .filter(|p| quote_of(p) == Some(quote))
        .map(String::as_str)
        .collect()
}

/// The quote currency of a pair (`ETH/BTC` → `BTC`, `ETH/USDT:USDT` → `USDT`).
pub fn quote_of(pair: &str) -> Option<&str> {
    let (_, rest) = pair.split_once('/')?;
    let quote = rest.split(':').next().unwrap_or(rest);
    (!quote.is_empty()).then_some(quote)
}

/// Every quote currency of the exchange's pairs, sorted.
pub fn quotes(markets: &[String]) -> Vec<String> {
    let mut q: Vec<String> = markets
        .iter()
        .filter_map(|p| quote_of(p))
        .map(str::to_string)
        .collect();
    crate::util::sort::sort(&mut q);
    q.dedup();
    q
}

impl DownloadForm {
    /// The request, or what is wrong with the form. `candle_types` and `prepend` are sent only when the
    /// bot's API has them (`with_candle_types`, `with_prepend`).
    pub fn payload(
        &self,
        with_candle_types: bool,
        with_prepend: bool,
    ) -> Result<DownloadDataPayload, String> {
        let pairs = parse_pairs(&self.pairs);
        if pairs.is_empty() {
            return Err("Enter at least one pair, e.g. BTC/USDT.".into());
        }
        if let Some(bad) = pairs.iter().find(|p| quote_of(p).is_none()) {
            return Err(format!(
                "\"{bad}\" is not a pair: write it as BASE/QUOTE, e.g. BTC/USDT."
            ));
        }
        if self.timeframes.is_empty() {
            return Err("Pick at least one timeframe.".into());
        }
        let (days, timerange) = match self.span {
            Span::Days => match self.days.trim().parse::<i64>() {
                Ok(d) if (1..=10_000).contains(&d) => (Some(d), None),
                _ => return Err("Days must be a whole number from 1 to 10000.".into()),
            },
            Span::Dates => {
                let from = compact_date(&self.from).ok_or("Pick a start date.")?;
                let to = match self.to.trim() {
                    "" => String::new(),
                    t => compact_date(t).ok_or("The end date is not a date.")?,
                };
                if !to.is_empty() && from >= to {
                    return Err("The start date must be before the end date.".into());
                }
                (None, Some(format!("{from}-{to}")))
            }
        };
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Ok(DownloadDataPayload {
            pairs,
            timeframes: self.timeframes.clone(),
            days,
            timerange,
            erase: self.erase,
            download_trades: self.download_trades,
            candle_types: (with_candle_types && !self.candle_types.is_empty())
                .then(|| self.candle_types.clone()),
            prepend_data: with_prepend && self.prepend,
            mode: ExchangeMode {
                exchange: opt(&self.exchange),
                trading_mode: opt(&self.trading_mode),
                margin_mode: opt(&self.margin_mode),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> DownloadForm {
        DownloadForm {
            pairs: "BTC/USDT, ETH/USDT\nBTC/USDT".into(),
            timeframes: vec!["1h".into()],
            days: "2".into(),
            ..Default::default()
        }
    }

    #[test]
    fn pairs_are_split_trimmed_and_deduplicated() {
        assert_eq!(
            parse_pairs(" a/b ,c/d\n\ta/b  e/f:f"),
            ["a/b", "c/d", "e/f:f"]
        );
        assert!(parse_pairs(" , \n").is_empty());
    }

    #[test]
    fn quotes_and_templates() {
        let m: Vec<String> = ["ETH/BTC", "BTC/USDT", "ETH/USDT", "ETH/USDT:USDT", "bad"]
            .map(String::from)
            .to_vec();
        assert_eq!(quotes(&m), ["BTC", "USDT"]);
        assert_eq!(
            pairs_quoted_in(&m, "USDT"),
            ["BTC/USDT", "ETH/USDT", "ETH/USDT:USDT"]
        );
        assert_eq!(quote_of("ETH/"), None);
    }

    #[test]
    fn a_valid_form_is_the_payload() {
        let p = form().payload(true, true);
        assert_eq!(
            p,
            Ok(DownloadDataPayload {
                pairs: vec!["BTC/USDT".into(), "ETH/USDT".into()],
                timeframes: vec!["1h".into()],
                days: Some(2),
                ..Default::default()
            })
        );
        let json = serde_json::to_value(p.unwrap_or_default()).unwrap_or_default();
        // Unset options stay out: the bot's configuration decides them.
        assert_eq!(
            json,
            serde_json::json!({
                "pairs": ["BTC/USDT", "ETH/USDT"], "timeframes": ["1h"], "days": 2,
                "erase": false, "download_trades": false
            })
        );
    }

    #[test]
    fn dates_and_version_gated_options() {
        let mut f = form();
        f.span = Span::Dates;
        f.from = "2026-11-20".into();
        f.prepend = true;
        f.candle_types = vec!["futures".into(), "mark".into()];
        let p = f.payload(false, false).unwrap_or_default();
        assert_eq!(p.timerange.as_deref(), Some("20261120-"));
        assert_eq!(p.days, None);
        assert!(!p.prepend_data);
        assert_eq!(p.candle_types, None);
        let p = f.payload(true, true).unwrap_or_default();
        assert!(p.prepend_data);
        assert_eq!(p.candle_types, Some(vec!["futures".into(), "mark".into()]));
    }

    #[test]
    fn what_is_wrong_is_said() {
        let err = |f: DownloadForm| f.payload(true, true).err().unwrap_or_default();
        assert!(err(DownloadForm {
            pairs: " ".into(),
            ..form()
        })
        .contains("at least one pair"));
        assert!(err(DownloadForm {
            pairs: "BTCUSDT".into(),
            ..form()
        })
        .contains("not a pair"));
        assert!(err(DownloadForm {
            timeframes: vec![],
            ..form()
        })
        .contains("timeframe"));
        assert!(err(DownloadForm {
            days: "0".into(),
            ..form()
        })
        .contains("Days"));
        assert!(err(DownloadForm {
            days: "2.5".into(),
            ..form()
        })
        .contains("Days"));
        let dates = |from: &str, to: &str| DownloadForm {
            span: Span::Dates,
            from: from.into(),
            to: to.into(),
            ..form()
        };
        assert!(err(dates("", "")).contains("start date"));
        assert!(err(dates("2026-11-20", "2026-11-19")).contains("before the end"));
        assert!(err(dates("2026-11-20", "soon")).contains("not a date"));
    }
}
