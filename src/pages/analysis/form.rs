//! The analysis forms' values and their check (pure, tested natively): what `POST /lookahead_analysis` and
//! `POST /recursive_analysis` get.

use crate::api::wire::{LookaheadPayload, RecursivePayload};
use crate::util::calendar::compact_date;

/// The startup candle counts FreqUI and freqtrade's docs suggest.
pub const DEFAULT_STARTUP: &str = "199, 399, 499, 999, 1999";

/// What both analyses share, as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Common {
    pub strategy: String,
    /// Empty: the strategy's.
    pub timeframe: String,
    /// `YYYY-MM-DD`; freqtrade needs a start.
    pub from: String,
    pub to: String,
}

/// The checked common values: strategy, timeframe, timerange.
type Checked = (String, Option<String>, Option<String>);

impl Common {
    fn check(&self) -> Result<Checked, String> {
        let strategy = self.strategy.trim();
        if strategy.is_empty() {
            return Err("Pick a strategy.".into());
        }
        let from = compact_date(&self.from)
            .ok_or("Pick a start date: freqtrade analyses a timerange, not all the data.")?;
        let to = match self.to.trim() {
            "" => String::new(),
            t => compact_date(t).ok_or("The end date is not a date.")?,
        };
        if !to.is_empty() && from >= to {
            return Err("The start date must be before the end date.".into());
        }
        let timeframe = Some(self.timeframe.trim().to_string()).filter(|t| !t.is_empty());
        Ok((
            strategy.to_string(),
            timeframe,
            Some(format!("{from}-{to}")),
        ))
    }
}

/// A whole number of at least `min`, or what is wrong.
fn whole(text: &str, what: &str, min: i64) -> Result<i64, String> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= min)
        .ok_or_else(|| format!("{what} must be a whole number of at least {min}."))
}

/// The lookahead form.
pub fn lookahead(
    common: &Common,
    minimum: &str,
    targeted: &str,
    limit_orders: bool,
) -> Result<LookaheadPayload, String> {
    let (strategy, timeframe, timerange) = common.check()?;
    let minimum_trade_amount = whole(minimum, "The minimum trade amount", 1)?;
    let targeted_trade_amount = whole(targeted, "The targeted trade amount", 1)?;
    if targeted_trade_amount < minimum_trade_amount {
        return Err("The targeted trade amount must be at least the minimum.".into());
    }
    Ok(LookaheadPayload {
        strategy,
        timeframe,
        timerange,
        minimum_trade_amount,
        targeted_trade_amount,
        lookahead_allow_limit_orders: limit_orders,
    })
}

/// The recursive form; an empty list of startup candle counts leaves freqtrade's own.
pub fn recursive(common: &Common, startup: &str) -> Result<RecursivePayload, String> {
    let (strategy, timeframe, timerange) = common.check()?;
    let mut counts = Vec::new();
    for part in startup
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        counts.push(whole(part, "Each startup candle count", 1)?);
    }
    crate::util::sort::sort(&mut counts);
    counts.dedup();
    Ok(RecursivePayload {
        strategy,
        timeframe,
        timerange,
        startup_candle: (!counts.is_empty()).then_some(counts),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn common() -> Common {
        Common {
            strategy: "SampleStrategy".into(),
            timeframe: "".into(),
            from: "2026-11-01".into(),
            to: "2026-11-20".into(),
        }
    }

    #[test]
    fn lookahead_payload_and_checks() {
        let p = lookahead(&common(), "10", "20", true);
        assert_eq!(
            serde_json::to_value(p.clone().unwrap_or_default()).ok(),
            Some(serde_json::json!({
                "strategy": "SampleStrategy", "timerange": "20261101-20261120",
                "minimum_trade_amount": 10, "targeted_trade_amount": 20,
                "lookahead_allow_limit_orders": true
            }))
        );
        let err = |c: &Common, min: &str, tgt: &str| {
            lookahead(c, min, tgt, false).err().unwrap_or_default()
        };
        assert!(err(&common(), "0", "20").contains("minimum trade amount"));
        assert!(err(&common(), "10", "5").contains("at least the minimum"));
        assert!(err(
            &Common {
                strategy: " ".into(),
                ..common()
            },
            "1",
            "2"
        )
        .contains("strategy"));
        assert!(err(
            &Common {
                from: "".into(),
                ..common()
            },
            "1",
            "2"
        )
        .contains("start date"));
        assert!(err(
            &Common {
                to: "2026-10-01".into(),
                ..common()
            },
            "1",
            "2"
        )
        .contains("before the end"));
    }

    #[test]
    fn recursive_payload_and_checks() {
        let c = Common {
            timeframe: "5m".into(),
            to: "".into(),
            ..common()
        };
        let p = recursive(&c, "400, 100 200,100").unwrap_or_default();
        assert_eq!(p.startup_candle, Some(vec![100, 200, 400]));
        assert_eq!(p.timeframe.as_deref(), Some("5m"));
        assert_eq!(p.timerange.as_deref(), Some("20261101-"));
        assert_eq!(recursive(&c, " ").map(|p| p.startup_candle), Ok(None));
        assert!(recursive(&c, "100, many")
            .err()
            .unwrap_or_default()
            .contains("startup candle count"));
    }
}
