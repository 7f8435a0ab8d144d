//! Bounds for reading every page of a bot's closed trades (`GET /trades?limit&offset`).
//!
//! The loop follows the bot's `total_trades`, which a broken or hostile bot can get wrong: it stops at a short or
//! empty page, at the total, and after `MAX_PAGES` pages whatever the bot says. The offset is a u64 and saturates,
//! so it cannot wrap around to 0 and start over.

/// Trades asked for per call (freqtrade answers at most 500).
pub const TRADES_PAGE: u32 = 500;
/// At most this many pages per read: 50,000 closed trades.
pub const MAX_PAGES: u32 = 100;

/// What to do after a page arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Ask for the page at this offset.
    Fetch(u64),
    /// Every trade is read.
    Done,
    /// `MAX_PAGES` pages are read and the bot says there are more: stop anyway.
    Capped,
}

/// Where a read of every closed trade stands.
#[derive(Debug, Default)]
pub struct Paging {
    offset: u64,
    pages: u32,
}

impl Paging {
    /// The offset of the next page to ask for.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// After a page of `got` trades from a bot that says it has `total` closed trades.
    pub fn after_page(&mut self, got: usize, total: i64) -> Next {
        self.pages = self.pages.saturating_add(1);
        self.offset = self.offset.saturating_add(got as u64);
        let total = u64::try_from(total).unwrap_or(0);
        if got < TRADES_PAGE as usize || self.offset >= total {
            Next::Done
        } else if self.pages >= MAX_PAGES {
            Next::Capped
        } else {
            Next::Fetch(self.offset)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(pages: impl Fn(u64) -> (usize, i64)) -> (Next, u32, u64) {
        let mut paging = Paging::default();
        let mut calls = 0;
        loop {
            calls += 1;
            let (got, total) = pages(paging.offset());
            match paging.after_page(got, total) {
                Next::Fetch(offset) => assert_eq!(offset, paging.offset()),
                end => return (end, calls, paging.offset()),
            }
        }
    }

    #[test]
    fn reads_every_page_of_an_honest_bot() {
        let total = 1_234u64;
        let page = |offset: u64| ((total - offset).min(500) as usize, total as i64);
        assert_eq!(run(page), (Next::Done, 3, 1_234));
        assert_eq!(run(|_| (0, 0)), (Next::Done, 1, 0));
        assert_eq!(
            run(|o| (if o < 1000 { 500 } else { 0 }, 1000)),
            (Next::Done, 2, 1000)
        );
    }

    #[test]
    fn a_short_page_ends_the_read_whatever_the_total_says() {
        assert_eq!(run(|_| (499, 1_000_000)), (Next::Done, 1, 499));
    }

    #[test]
    fn a_bot_with_an_endless_total_is_read_for_max_pages_only() {
        let (end, calls, offset) = run(|_| (500, i64::MAX));
        assert_eq!((end, calls), (Next::Capped, MAX_PAGES));
        assert_eq!(offset, u64::from(MAX_PAGES) * 500);
    }

    #[test]
    fn a_negative_total_reads_one_page() {
        assert_eq!(run(|_| (500, -5)), (Next::Done, 1, 500));
    }

    #[test]
    fn the_offset_saturates_instead_of_wrapping() {
        let mut paging = Paging {
            offset: u64::MAX - 10,
            pages: 0,
        };
        assert_eq!(paging.after_page(500, i64::MAX), Next::Done);
        assert_eq!(paging.offset(), u64::MAX);
    }
}
