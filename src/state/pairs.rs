//! The pairs a bot deals in, derived from its whitelist and open trades.

use std::collections::HashSet;

use crate::api::wire::Trade;

/// The whitelist in its order, then the pairs of open trades that are no longer on it. Linear in pairs and
/// trades: a bot with 1,500 pairs and 10,000 open trades must not make every poll compare them all (a
/// `Vec::contains` per trade cost 26 ms per poll in the big-bot profile).
pub fn known_pairs(whitelist: &[String], open: &[Trade]) -> Vec<String> {
    let mut seen: HashSet<&str> = whitelist.iter().map(String::as_str).collect();
    let mut pairs = whitelist.to_vec();
    for t in open {
        if seen.insert(t.pair.as_str()) {
            pairs.push(t.pair.clone());
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trade(pair: &str) -> Trade {
        Trade {
            pair: pair.into(),
            ..Default::default()
        }
    }

    #[test]
    fn whitelist_first_then_each_open_trade_pair_once() {
        let wl = vec!["BTC/USDT".to_string(), "ETH/USDT".to_string()];
        let open = [
            trade("XRP/USDT"),
            trade("ETH/USDT"),
            trade("XRP/USDT"),
            trade("ADA/USDT"),
        ];
        assert_eq!(
            known_pairs(&wl, &open),
            ["BTC/USDT", "ETH/USDT", "XRP/USDT", "ADA/USDT"]
        );
        assert_eq!(known_pairs(&[], &[]), Vec::<String>::new());
    }
}
