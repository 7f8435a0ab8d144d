//! Incremental closed-trade history: the whole history is read once (`state::paging`), then only what is new.
//!
//! freqtrade's `GET /trades?order_by_id=false` lists closed trades newest close first, so the trades closed since
//! the last read are at the front of the first page. One small page (`NEWEST_PAGE`) is asked; its trades not yet
//! known are added, and the bot's `total_trades` tells whether that is everything. When it is not (trades were
//! deleted, more closed than one page holds, or an old bot ignored `order_by_id` and answered in id order) the
//! history is read again in full. A closed trade never changes, so a known one is never read again.

use std::collections::HashSet;

use crate::api::wire::{Trade, TradeId};

/// Trades asked for in an incremental read: more than close between two reads of a normal bot.
pub const NEWEST_PAGE: u32 = 20;

/// What to do with the known history after an incremental read.
#[derive(Debug, PartialEq)]
pub enum Merge {
    /// Nothing new.
    Current,
    /// These trades are new; with them the history is complete.
    Add(Vec<Trade>),
    /// The history cannot be completed from this page: read it all again.
    Reread,
}

/// Merges the newest-first page `newest` into a history of `known` trades, given the bot's count of closed trades
/// `total`.
pub fn merge_newest(known: &[Trade], newest: Vec<Trade>, total: i64) -> Merge {
    let known_ids: HashSet<TradeId> = known.iter().map(|t| t.trade_id).collect();
    let mut fresh: Vec<Trade> = Vec::new();
    for trade in newest {
        if !known_ids.contains(&trade.trade_id)
            && !fresh.iter().any(|f| f.trade_id == trade.trade_id)
        {
            fresh.push(trade);
        }
    }
    let complete = u64::try_from(total).ok() == Some((known.len() + fresh.len()) as u64);
    // Not complete: a page of nothing but new trades may have more behind it, or trades went away.
    match (complete, fresh.is_empty()) {
        (true, true) => Merge::Current,
        (true, false) => Merge::Add(fresh),
        (false, _) => Merge::Reread,
    }
}

/// Adds `fresh` to the history, keeping the bot's order (by trade id).
pub fn add_trades(history: &mut Vec<Trade>, fresh: Vec<Trade>) {
    history.extend(fresh);
    // Nearly sorted: the new trades are at the end, usually in order.
    crate::util::sort::sort_by_key(history, |t| t.trade_id);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trades(ids: &[TradeId]) -> Vec<Trade> {
        ids.iter()
            .map(|&trade_id| Trade {
                trade_id,
                ..Default::default()
            })
            .collect()
    }

    fn ids(list: &[Trade]) -> Vec<TradeId> {
        list.iter().map(|t| t.trade_id).collect()
    }

    #[test]
    fn nothing_new_is_current() {
        let known = trades(&[1, 2, 3]);
        assert_eq!(merge_newest(&known, trades(&[3, 2, 1]), 3), Merge::Current);
        assert_eq!(merge_newest(&[], vec![], 0), Merge::Current);
    }

    #[test]
    fn one_new_closed_trade_is_added() {
        let known = trades(&[1, 2, 3]);
        let Merge::Add(fresh) = merge_newest(&known, trades(&[7, 3, 2]), 4) else {
            panic!("expected Add");
        };
        assert_eq!(ids(&fresh), vec![7]);
    }

    #[test]
    fn a_trade_opened_early_and_closed_late_is_added_in_id_order() {
        // Trade 2 was open for a long time: it closes after 3 and 4, newest close first on the page.
        let mut history = trades(&[1, 3, 4]);
        let Merge::Add(fresh) = merge_newest(&history, trades(&[2, 4, 3, 1]), 4) else {
            panic!("expected Add");
        };
        add_trades(&mut history, fresh);
        assert_eq!(ids(&history), vec![1, 2, 3, 4]);
    }

    #[test]
    fn a_page_of_only_new_trades_may_hide_more_so_the_history_is_read_again() {
        let known = trades(&[1, 2]);
        assert_eq!(merge_newest(&known, trades(&[9, 8, 7]), 6), Merge::Reread);
    }

    #[test]
    fn fewer_trades_than_known_means_deletions_and_a_full_read() {
        let known = trades(&[1, 2, 3]);
        assert_eq!(merge_newest(&known, trades(&[3, 1]), 2), Merge::Reread);
        // One deleted and one closed between two reads: the count is the same, the page shows the new one.
        assert_eq!(merge_newest(&known, trades(&[4, 3, 1]), 3), Merge::Reread);
    }

    #[test]
    fn a_bot_that_ignores_the_order_and_answers_oldest_first_is_read_again() {
        // Old freqtrade answers by id from the oldest: the page holds only known trades although one is new.
        let known = trades(&[1, 2, 3]);
        assert_eq!(merge_newest(&known, trades(&[1, 2]), 4), Merge::Reread);
    }

    #[test]
    fn a_negative_or_absurd_total_never_completes() {
        let known = trades(&[1]);
        assert_eq!(merge_newest(&known, trades(&[2]), -1), Merge::Reread);
        assert_eq!(merge_newest(&known, trades(&[2]), i64::MAX), Merge::Reread);
    }

    #[test]
    fn a_duplicated_id_on_the_page_counts_once() {
        let known = trades(&[1]);
        let Merge::Add(fresh) = merge_newest(&known, trades(&[2, 2, 1]), 2) else {
            panic!("expected Add");
        };
        assert_eq!(ids(&fresh), vec![2]);
    }
}
