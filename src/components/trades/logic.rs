//! Pure logic of the trade views: sorting, filtering, pagination, number and duration texts, and the
//! force-entry / force-exit payloads built from what the user typed. Nothing here touches the DOM.

use crate::api::features::Feature;
use std::cmp::Ordering;
use std::ops::Range;

use crate::api::wire::{
    Direction, ForceEnterPayload, ForceExitPayload, OrderType, Trade, TradeId, TradingMode,
};
use crate::util::format::{amount, duration_minutes, duration_short, money, trimmed};

/// Rows per page of the closed-trades table.
pub const PAGE_SIZE: usize = 50;

/// A sortable column of the trade tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Pair,
    Side,
    Amount,
    Stake,
    OpenRate,
    CurrentRate,
    CloseRate,
    ProfitPct,
    ProfitAbs,
    OpenDate,
    CloseDate,
    Duration,
    StoplossDist,
    ExitReason,
}

impl Column {
    /// Text columns start ascending, numbers and dates descending (largest / newest first).
    fn first_dir(self) -> Dir {
        match self {
            Column::Pair | Column::Side | Column::ExitReason => Dir::Asc,
            _ => Dir::Desc,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Asc,
    Desc,
}

/// The sort order of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub dir: Dir,
}

impl Sort {
    pub const fn new(column: Column, dir: Dir) -> Self {
        Self { column, dir }
    }

    /// The order after a click on `column`'s header: the same column flips, another starts in its natural order.
    pub fn clicked(self, column: Column) -> Sort {
        if self.column == column {
            let dir = match self.dir {
                Dir::Asc => Dir::Desc,
                Dir::Desc => Dir::Asc,
            };
            Sort { column, dir }
        } else {
            Sort {
                column,
                dir: column.first_dir(),
            }
        }
    }

    /// The `aria-sort` value of `column`'s header.
    pub fn aria(self, column: Column) -> &'static str {
        match (self.column == column, self.dir) {
            (false, _) => "none",
            (true, Dir::Asc) => "ascending",
            (true, Dir::Desc) => "descending",
        }
    }
}

/// The value a trade sorts by in one column.
enum Key {
    Num(Option<f64>),
    Text(Option<String>),
}

/// The stake shown for a trade: closed trades show the most capital they ever used (`max_stake_amount`).
pub fn stake_of(t: &Trade) -> Option<f64> {
    if t.is_open {
        t.stake_amount
    } else {
        t.max_stake_amount.filter(|s| *s > 0.0).or(t.stake_amount)
    }
}

/// A trade's close time in Unix ms, when it is closed and known.
fn close_ms(t: &Trade) -> Option<i64> {
    t.close_timestamp.filter(|ms| *ms > 0)
}

/// How long a trade has been (open trades) or was (closed trades) open, in ms.
pub fn duration_ms(t: &Trade, now_ms: i64) -> Option<i64> {
    if t.open_timestamp <= 0 {
        return None;
    }
    let end = if t.is_open { now_ms } else { close_ms(t)? };
    Some((end - t.open_timestamp).max(0))
}

/// "2h 5m" for a trade's duration, "–" when unknown.
/// A closed trade's duration to the second; an open one's, still running, to the minute.
pub fn duration_text(t: &Trade, now_ms: i64) -> String {
    let show = if t.is_open {
        duration_minutes
    } else {
        duration_short
    };
    duration_ms(t, now_ms)
        .map(|ms| show(ms as f64 / 1000.0))
        .unwrap_or_else(|| "–".to_string())
}

fn key(t: &Trade, column: Column, now_ms: i64) -> Key {
    let num = |v: f64| Key::Num(Some(v));
    match column {
        Column::Id => num(t.trade_id as f64),
        Column::Pair => Key::Text(Some(t.pair.to_ascii_lowercase())),
        Column::Side => Key::Text(Some(side_text(t).to_string())),
        Column::Amount => num(t.amount),
        Column::Stake => Key::Num(stake_of(t)),
        Column::OpenRate => num(t.open_rate),
        Column::CurrentRate => Key::Num(t.current_rate),
        Column::CloseRate => Key::Num(t.close_rate),
        Column::ProfitPct => Key::Num(t.profit_ratio),
        Column::ProfitAbs => Key::Num(t.profit_abs),
        Column::OpenDate => num(t.open_timestamp as f64),
        Column::CloseDate => Key::Num(close_ms(t).map(|ms| ms as f64)),
        Column::Duration => Key::Num(duration_ms(t, now_ms).map(|ms| ms as f64)),
        Column::StoplossDist => Key::Num(t.stoploss_current_dist_ratio),
        Column::ExitReason => Key::Text(
            t.exit_reason
                .as_ref()
                .filter(|r| !r.is_empty())
                .map(|r| r.to_ascii_lowercase()),
        ),
    }
}

/// Compares two present values in ascending order.
fn cmp_keys(a: &Key, b: &Key) -> Option<Ordering> {
    match (a, b) {
        (Key::Num(Some(x)), Key::Num(Some(y))) if x.is_finite() && y.is_finite() => {
            Some(x.total_cmp(y))
        }
        (Key::Text(Some(x)), Key::Text(Some(y))) => Some(x.cmp(y)),
        _ => None,
    }
}

fn present(k: &Key) -> bool {
    match k {
        Key::Num(v) => v.is_some_and(f64::is_finite),
        Key::Text(v) => v.is_some(),
    }
}

/// The table order of two trades: by the column in the chosen direction, missing values last in both
/// directions, ties by trade id in the same direction.
pub fn compare(a: &Trade, b: &Trade, sort: Sort, now_ms: i64) -> Ordering {
    let (ka, kb) = (key(a, sort.column, now_ms), key(b, sort.column, now_ms));
    let directed = |o: Ordering| match sort.dir {
        Dir::Asc => o,
        Dir::Desc => o.reverse(),
    };
    let by_column = match (present(&ka), present(&kb)) {
        (true, true) => cmp_keys(&ka, &kb).map(directed).unwrap_or(Ordering::Equal),
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => Ordering::Equal,
    };
    by_column.then_with(|| directed(a.trade_id.cmp(&b.trade_id)))
}

/// Sorts trades for display (stable).
pub fn sort_trades(list: &mut [Trade], sort: Sort, now_ms: i64) {
    crate::util::sort::sort_by(list, |a, b| compare(a, b, sort, now_ms));
}

/// The first `n` trades of `list` in display order, copied; the rest is sorted by reference only (a big bot's
/// thousands of open trades are not cloned on every poll to show a couple of hundred).
pub fn sorted_head(list: &[Trade], sort: Sort, now_ms: i64, n: usize) -> Vec<Trade> {
    let order =
        crate::util::sort::sorted_positions(list.len(), &|a, b| match (list.get(a), list.get(b)) {
            (Some(x), Some(y)) => compare(x, y, sort, now_ms),
            _ => Ordering::Equal,
        });
    order
        .into_iter()
        .take(n)
        .filter_map(|i| list.get(i).cloned())
        .collect()
}

/// The closed-trades filter: `pair` matches the pair, `tag` the entry tag or the exit reason; both ignore case
/// and surrounding blanks, and an empty query matches everything.
pub fn matches_filter(t: &Trade, pair: &str, tag: &str) -> bool {
    let contains = |hay: &str, needle: &str| hay.to_ascii_lowercase().contains(needle);
    let pair = pair.trim().to_ascii_lowercase();
    let tag = tag.trim().to_ascii_lowercase();
    let pair_ok = pair.is_empty() || contains(&t.pair, &pair);
    let tag_ok = tag.is_empty()
        || t.enter_tag.as_deref().is_some_and(|s| contains(s, &tag))
        || t.exit_reason.as_deref().is_some_and(|s| contains(s, &tag));
    pair_ok && tag_ok
}

/// The positions in `list` of the trades matching the filter, in table order (the list itself is not copied).
pub fn filtered_order(
    list: &[Trade],
    pair: &str,
    tag: &str,
    sort: Sort,
    now_ms: i64,
) -> Vec<usize> {
    let mut matching: Vec<(usize, &Trade)> = list
        .iter()
        .enumerate()
        .filter(|(_, t)| matches_filter(t, pair, tag))
        .collect();
    crate::util::sort::sort_by(&mut matching, |(_, a), (_, b)| compare(a, b, sort, now_ms));
    matching.into_iter().map(|(i, _)| i).collect()
}

/// Number of pages for `len` rows (at least one, so "page 1 of 1" shows for an empty table).
pub fn page_count(len: usize, per_page: usize) -> usize {
    if per_page == 0 {
        return 1;
    }
    len.div_ceil(per_page).max(1)
}

/// `page` (0-based) limited to the pages that exist.
pub fn clamp_page(page: usize, len: usize, per_page: usize) -> usize {
    page.min(page_count(len, per_page) - 1)
}

/// The rows of `page` (0-based, clamped) as an index range into the full list.
pub fn page_range(page: usize, len: usize, per_page: usize) -> Range<usize> {
    let page = clamp_page(page, len, per_page);
    let start = page.saturating_mul(per_page).min(len);
    start..start.saturating_add(per_page).min(len)
}

/// "Long" or "Short".
pub fn side_label(is_short: bool) -> &'static str {
    if is_short {
        "Short"
    } else {
        "Long"
    }
}

/// "Long" or "Short" for a trade.
pub fn side_text(t: &Trade) -> &'static str {
    side_label(t.is_short)
}

/// Whether a trade's direction is worth a column: shorts, and anything not spot.
pub fn shows_side(t: &Trade) -> bool {
    t.is_short
        || matches!(
            t.trading_mode,
            Some(TradingMode::Futures) | Some(TradingMode::Margin)
        )
}

/// " (3x)" when the leverage is not 1.
pub fn leverage_suffix(leverage: Option<f64>) -> String {
    match leverage {
        Some(l) if l.is_finite() && (l - 1.0).abs() > 1e-9 => format!(" ({}x)", trimmed(l, 2)),
        _ => String::new(),
    }
}

/// What the trade loses if the stoploss fills now, in stake currency (negative when the stop locks in a profit).
pub fn loss_at_stoploss(t: &Trade) -> Option<f64> {
    let stop = t.stop_loss_abs.filter(|s| s.is_finite() && *s > 0.0)?;
    let per_unit = if t.is_short {
        stop - t.open_rate
    } else {
        t.open_rate - stop
    };
    Some(per_unit * t.amount)
}

/// The `.open-trade-count` line: "Open trades 2 / max 5 · stake in use 100.00 USDT".
pub fn count_text(
    current: Option<i64>,
    max: Option<i64>,
    total_stake: Option<f64>,
    currency: &str,
    decimals: usize,
) -> String {
    let max = match max {
        Some(m) if m < 0 => "unlimited".to_string(),
        Some(m) => m.to_string(),
        None => "–".to_string(),
    };
    let current = current.map_or_else(|| "–".to_string(), |c| c.to_string());
    let stake = money(total_stake, decimals, currency);
    format!("Open trades {current} / max {max} · stake in use {stake}")
}

/// A trade id as shown: freqtrade's ids start at 1, so 0 (or less) means the bot did not send one: "–".
pub fn id_text(id: TradeId) -> String {
    if id > 0 {
        id.to_string()
    } else {
        "–".to_string()
    }
}

/// A trade id from a URL segment: digits only, greater than zero.
pub fn parse_trade_id(text: &str) -> Option<TradeId> {
    let text = text.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<TradeId>().ok().filter(|id| *id > 0)
}

/// Reads an optional positive number: `Ok(None)` for an empty field, an error text for anything else invalid.
fn optional_positive(text: &str, what: &str) -> Result<Option<f64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match crate::util::decimal::parse_decimal(text) {
        Some(v) if v.is_finite() && v > 0.0 => Ok(Some(v)),
        _ => Err(format!("{what} must be a number greater than 0.")),
    }
}

/// What the bot supports for a force exit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExitCaps {
    /// `amount` (partial exits).
    pub partial: bool,
    /// `price` with limit orders.
    pub price: bool,
}

impl ExitCaps {
    pub fn for_api(version: f64) -> Self {
        Self {
            partial: Feature::PartialExit.available_in(version),
            price: Feature::ForceExitPrice.available_in(version),
        }
    }
}

/// Builds the force-exit payload from the dialog's fields. An empty amount, or the whole amount, exits the
/// whole position (no `amount` sent); a smaller one is a partial exit. `price` is sent only for limit orders.
pub fn build_force_exit(
    trade_id: TradeId,
    full_amount: f64,
    amount_text: &str,
    order_type: OrderType,
    price_text: &str,
    caps: ExitCaps,
) -> Result<ForceExitPayload, String> {
    let amount = match optional_positive(amount_text, "The amount")? {
        None => None,
        Some(a) if full_amount > 0.0 && a > full_amount * (1.0 + 1e-9) => {
            return Err(format!(
                "The amount cannot be more than the trade's {}.",
                amount(full_amount)
            ));
        }
        Some(a) if full_amount > 0.0 && a >= full_amount * (1.0 - 1e-9) => None,
        Some(a) => Some(a),
    };
    if amount.is_some() && !caps.partial {
        return Err(format!(
            "This bot can only exit the whole amount (partial exits need API {}).",
            Feature::PartialExit.min_api()
        ));
    }
    let price = if order_type == OrderType::Limit && caps.price {
        optional_positive(price_text, "The price")?
    } else {
        None
    };
    let ordertype = match order_type {
        OrderType::Limit | OrderType::Market => Some(order_type),
        OrderType::Unknown => None,
    };
    Ok(ForceExitPayload {
        tradeid: trade_id.to_string(),
        ordertype,
        amount,
        price,
    })
}

/// `fraction` of `amount`, rounded down to the trade's amount step (so the bot accepts it).
pub fn fraction_of(amount: f64, fraction: f64, step: Option<f64>) -> f64 {
    let raw = amount * fraction;
    match step {
        Some(s) if s.is_finite() && s > 0.0 && fraction < 1.0 => {
            // The epsilon keeps 41.9999999 steps from rounding down to 41.
            ((raw / s) + 1e-9).floor() * s
        }
        _ => raw,
    }
}

/// The decimals that show a value of `step` (0.001 → 3), capped at 8.
pub fn step_decimals(step: Option<f64>) -> usize {
    match step {
        Some(s) if s.is_finite() && s > 0.0 && s < 1.0 => {
            ((-s.log10()).ceil().max(0.0) as usize).min(8)
        }
        Some(_) => 0,
        None => 8,
    }
}

/// The order type a force exit defaults to: `order_types.force_exit`, else `exit`, else market.
pub fn default_exit_type(force_exit: Option<OrderType>, exit: Option<OrderType>) -> OrderType {
    [force_exit, exit]
        .into_iter()
        .flatten()
        .find(|t| *t != OrderType::Unknown)
        .unwrap_or(OrderType::Market)
}

/// What the bot supports for a force entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnterCaps {
    /// `side` is understood (API >= 2.13).
    pub side: bool,
    /// Shorts are allowed (`short_allowed`, not spot).
    pub short: bool,
    /// `entry_tag` (API >= 2.17).
    pub tag: bool,
    /// `leverage`: futures or margin, API >= 2.17.
    pub leverage: bool,
}

/// The force-entry dialog's fields, as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct EnterForm {
    pub pair: String,
    pub side: Direction,
    pub order_type: OrderType,
    pub price: String,
    pub stake: String,
    pub tag: String,
    pub leverage: String,
}

/// Builds the force-entry payload; empty optional fields are left to the bot.
pub fn build_force_enter(form: &EnterForm, caps: EnterCaps) -> Result<ForceEnterPayload, String> {
    let pair = form.pair.trim();
    if pair.is_empty() {
        return Err("Choose a pair.".to_string());
    }
    let side = match form.side {
        Direction::Short if !caps.short => return Err("This bot cannot go short.".to_string()),
        Direction::Short => Some(Direction::Short),
        _ if caps.side => Some(Direction::Long),
        _ => None,
    };
    let price = optional_positive(&form.price, "The price")?;
    let stakeamount = optional_positive(&form.stake, "The stake amount")?;
    let leverage = if caps.leverage {
        match optional_positive(&form.leverage, "The leverage")? {
            Some(l) if l < 1.0 => return Err("The leverage must be at least 1.".to_string()),
            other => other,
        }
    } else {
        None
    };
    let tag = form.tag.trim();
    let entry_tag = (caps.tag && !tag.is_empty()).then(|| tag.to_string());
    let ordertype = match form.order_type {
        OrderType::Limit | OrderType::Market => Some(form.order_type),
        OrderType::Unknown => None,
    };
    Ok(ForceEnterPayload {
        pair: pair.to_string(),
        side,
        price,
        ordertype,
        stakeamount,
        entry_tag,
        leverage,
    })
}

/// The order type a force entry defaults to: `order_types.force_entry`, else `entry`, else market.
pub fn default_entry_type(force_entry: Option<OrderType>, entry: Option<OrderType>) -> OrderType {
    default_exit_type(force_entry, entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trade(id: TradeId, pair: &str) -> Trade {
        Trade {
            trade_id: id,
            pair: pair.to_string(),
            is_open: true,
            ..Trade::default()
        }
    }

    fn ids(list: &[Trade]) -> Vec<TradeId> {
        list.iter().map(|t| t.trade_id).collect()
    }

    #[test]
    fn header_clicks_flip_and_start_in_the_natural_direction() {
        let s = Sort::new(Column::Id, Dir::Desc);
        assert_eq!(s.clicked(Column::Id), Sort::new(Column::Id, Dir::Asc));
        assert_eq!(s.clicked(Column::Id).clicked(Column::Id), s);
        assert_eq!(s.clicked(Column::Pair), Sort::new(Column::Pair, Dir::Asc));
        assert_eq!(
            s.clicked(Column::ProfitPct),
            Sort::new(Column::ProfitPct, Dir::Desc)
        );
        assert_eq!(s.aria(Column::Id), "descending");
        assert_eq!(s.clicked(Column::Id).aria(Column::Id), "ascending");
        assert_eq!(s.aria(Column::Pair), "none");
    }

    #[test]
    fn sorting_by_numbers_text_and_missing_values() {
        let mut a = trade(1, "ETH/USDT");
        a.profit_ratio = Some(0.02);
        let mut b = trade(2, "btc/USDT");
        b.profit_ratio = Some(-0.01);
        let c = trade(3, "SOL/USDT"); // no profit known
        let mut d = trade(4, "XRP/USDT");
        d.profit_ratio = Some(0.02);
        let mut list = vec![a, b, c, d];

        sort_trades(&mut list, Sort::new(Column::ProfitPct, Dir::Desc), 0);
        // Ties by id in the same direction, missing last.
        assert_eq!(ids(&list), vec![4, 1, 2, 3]);
        sort_trades(&mut list, Sort::new(Column::ProfitPct, Dir::Asc), 0);
        assert_eq!(ids(&list), vec![2, 1, 4, 3]);
        sort_trades(&mut list, Sort::new(Column::Pair, Dir::Asc), 0);
        assert_eq!(ids(&list), vec![2, 1, 3, 4], "case-insensitive");
        sort_trades(&mut list, Sort::new(Column::Id, Dir::Desc), 0);
        assert_eq!(ids(&list), vec![4, 3, 2, 1]);
        // The head of the same order, without sorting (or copying) the whole list.
        let head = sorted_head(&list, Sort::new(Column::ProfitPct, Dir::Desc), 0, 2);
        assert_eq!(ids(&head), vec![4, 1]);
    }

    #[test]
    fn closed_trades_sort_by_close_date_and_duration() {
        let mut old = trade(1, "BTC/USDT");
        old.is_open = false;
        old.open_timestamp = 1_000;
        old.close_timestamp = Some(50_000);
        let mut new = trade(2, "BTC/USDT");
        new.is_open = false;
        new.open_timestamp = 40_000;
        new.close_timestamp = Some(60_000);
        let mut list = vec![old.clone(), new.clone()];
        sort_trades(&mut list, Sort::new(Column::CloseDate, Dir::Desc), 0);
        assert_eq!(ids(&list), vec![2, 1]);
        sort_trades(&mut list, Sort::new(Column::Duration, Dir::Desc), 0);
        assert_eq!(ids(&list), vec![1, 2]);
        assert_eq!(duration_ms(&old, 999_999), Some(49_000));
        assert_eq!(duration_text(&new, 0), "20s");
        // Open trades run until now; an unknown open time has no duration.
        let mut open = trade(3, "BTC/USDT");
        open.open_timestamp = 1_000;
        assert_eq!(duration_ms(&open, 7_201_000), Some(7_200_000));
        assert_eq!(duration_text(&open, 7_201_000), "2h 0m");
        assert_eq!(duration_text(&open, 61_000), "1m");
        assert_eq!(duration_text(&trade(4, "X"), 10), "–");
    }

    #[test]
    fn filter_by_pair_and_by_tag_or_exit_reason() {
        let mut t = trade(1, "BTC/USDT");
        t.enter_tag = Some("force_entry".into());
        t.exit_reason = Some("roi".into());
        assert!(matches_filter(&t, "", ""));
        assert!(matches_filter(&t, " btc ", ""));
        assert!(!matches_filter(&t, "eth", ""));
        assert!(matches_filter(&t, "", "FORCE"));
        assert!(matches_filter(&t, "usdt", "roi"));
        assert!(!matches_filter(&t, "", "stop_loss"));
        assert!(!matches_filter(&trade(2, "ETH/USDT"), "", "roi"));
    }

    #[test]
    fn filtered_order_indexes_the_original_list() {
        let mut list: Vec<Trade> = (1..=5)
            .map(|i| trade(i, if i % 2 == 0 { "ETH/USDT" } else { "BTC/USDT" }))
            .collect();
        for t in list.iter_mut() {
            t.is_open = false;
            t.close_timestamp = Some(1_000 * t.trade_id);
        }
        let newest_first = Sort::new(Column::CloseDate, Dir::Desc);
        assert_eq!(
            filtered_order(&list, "", "", newest_first, 0),
            vec![4, 3, 2, 1, 0]
        );
        assert_eq!(
            filtered_order(&list, "btc", "", newest_first, 0),
            vec![4, 2, 0]
        );
        assert_eq!(
            filtered_order(&list, "eth", "", Sort::new(Column::Id, Dir::Asc), 0),
            vec![1, 3]
        );
        assert!(filtered_order(&list, "doge", "", newest_first, 0).is_empty());
    }

    #[test]
    fn pagination_reaches_the_last_row() {
        assert_eq!(page_count(0, 50), 1);
        assert_eq!(page_count(50, 50), 1);
        assert_eq!(page_count(51, 50), 2);
        assert_eq!(page_count(512, 50), 11);
        assert_eq!(page_range(0, 512, 50), 0..50);
        assert_eq!(page_range(10, 512, 50), 500..512);
        // Past the end clamps to the last page.
        assert_eq!(page_range(99, 512, 50), 500..512);
        assert_eq!(clamp_page(99, 512, 50), 10);
        assert_eq!(page_range(0, 0, 50), 0..0);
        assert_eq!(page_count(7, 0), 1);
        assert_eq!(page_range(3, 7, 0), 0..0);
    }

    #[test]
    fn number_texts() {
        assert_eq!(leverage_suffix(Some(1.0)), "");
        assert_eq!(leverage_suffix(Some(3.0)), " (3x)");
        assert_eq!(leverage_suffix(None), "");
        assert_eq!(
            count_text(Some(2), Some(5), Some(99.5), "USDT", 2),
            "Open trades 2 / max 5 · stake in use 99.50 USDT"
        );
        assert_eq!(
            count_text(Some(0), Some(-1), None, "USDT", 2),
            "Open trades 0 / max unlimited · stake in use –"
        );
        // Unknown is "–", never 0.
        assert_eq!((id_text(7).as_str(), id_text(0).as_str()), ("7", "–"));
        assert_eq!(
            count_text(None, None, None, "USDT", 2),
            "Open trades – / max – · stake in use –"
        );
    }

    #[test]
    fn stoploss_risk_and_stake() {
        let mut t = trade(1, "SOL/USDT");
        t.open_rate = 154.89;
        t.amount = 0.322;
        t.stop_loss_abs = Some(139.41);
        assert!((loss_at_stoploss(&t).unwrap_or_default() - 4.98456).abs() < 1e-6);
        t.is_short = true;
        assert!(loss_at_stoploss(&t).unwrap_or_default() < 0.0);
        t.stop_loss_abs = None;
        assert_eq!(loss_at_stoploss(&t), None);
        t.stake_amount = Some(10.0);
        t.max_stake_amount = Some(20.0);
        assert_eq!(stake_of(&t), Some(10.0));
        t.is_open = false;
        assert_eq!(stake_of(&t), Some(20.0));
        t.max_stake_amount = Some(0.0);
        assert_eq!(stake_of(&t), Some(10.0));
        t.stake_amount = None;
        assert_eq!(stake_of(&t), None);
    }

    #[test]
    fn trade_ids_from_urls() {
        assert_eq!(parse_trade_id("12"), Some(12));
        assert_eq!(parse_trade_id(" 7 "), Some(7));
        assert_eq!(parse_trade_id("abc"), None);
        assert_eq!(parse_trade_id("-3"), None);
        assert_eq!(parse_trade_id("0"), None);
        assert_eq!(parse_trade_id("1e3"), None);
        assert_eq!(parse_trade_id(""), None);
        assert_eq!(parse_trade_id("99999999999999999999999"), None);
    }

    const ALL: ExitCaps = ExitCaps {
        partial: true,
        price: true,
    };

    #[test]
    fn force_exit_full_partial_and_invalid_amounts() {
        let full = build_force_exit(3, 0.322, "0.322", OrderType::Market, "", ALL);
        assert_eq!(
            full,
            Ok(ForceExitPayload {
                tradeid: "3".into(),
                ordertype: Some(OrderType::Market),
                amount: None,
                price: None
            })
        );
        assert_eq!(
            build_force_exit(3, 0.322, "  ", OrderType::Market, "", ALL).map(|p| p.amount),
            Ok(None)
        );
        assert_eq!(
            build_force_exit(3, 0.322, "0.1", OrderType::Market, "", ALL).map(|p| p.amount),
            Ok(Some(0.1))
        );
        assert!(build_force_exit(3, 0.322, "0.5", OrderType::Market, "", ALL).is_err());
        assert!(build_force_exit(3, 0.322, "0", OrderType::Market, "", ALL).is_err());
        assert!(build_force_exit(3, 0.322, "-1", OrderType::Market, "", ALL).is_err());
        assert!(build_force_exit(3, 0.322, "abc", OrderType::Market, "", ALL).is_err());
        assert!(build_force_exit(3, 0.322, "NaN", OrderType::Market, "", ALL).is_err());
        let old = ExitCaps::for_api(2.0);
        assert!(build_force_exit(3, 0.322, "0.1", OrderType::Market, "", old).is_err());
        assert_eq!(
            build_force_exit(3, 0.322, "", OrderType::Market, "", old).map(|p| p.amount),
            Ok(None)
        );
    }

    #[test]
    fn force_exit_price_only_with_limit_orders_on_new_bots() {
        let limit = build_force_exit(3, 1.0, "", OrderType::Limit, "150.5", ALL);
        assert_eq!(
            limit.map(|p| (p.ordertype, p.price)),
            Ok((Some(OrderType::Limit), Some(150.5)))
        );
        assert_eq!(
            build_force_exit(3, 1.0, "", OrderType::Market, "150.5", ALL).map(|p| p.price),
            Ok(None)
        );
        assert_eq!(
            build_force_exit(
                3,
                1.0,
                "",
                OrderType::Limit,
                "150.5",
                ExitCaps::for_api(2.44)
            )
            .map(|p| p.price),
            Ok(None)
        );
        assert!(build_force_exit(3, 1.0, "", OrderType::Limit, "x", ALL).is_err());
        assert_eq!(
            build_force_exit(3, 1.0, "", OrderType::Unknown, "", ALL).map(|p| p.ordertype),
            Ok(None)
        );
        assert_eq!(ExitCaps::for_api(2.5), ALL);
    }

    #[test]
    fn partial_amount_helpers() {
        assert!((fraction_of(0.00083, 0.5, Some(0.00001)) - 0.00041).abs() < 1e-12);
        assert!((fraction_of(0.322, 0.25, Some(0.001)) - 0.080).abs() < 1e-12);
        assert_eq!(fraction_of(0.322, 1.0, Some(0.001)), 0.322);
        assert!((fraction_of(10.0, 0.5, None) - 5.0).abs() < 1e-12);
        assert_eq!(step_decimals(Some(0.001)), 3);
        assert_eq!(step_decimals(Some(0.00001)), 5);
        assert_eq!(step_decimals(Some(1.0)), 0);
        assert_eq!(step_decimals(None), 8);
        assert_eq!(
            default_exit_type(Some(OrderType::Limit), Some(OrderType::Market)),
            OrderType::Limit
        );
        assert_eq!(
            default_exit_type(None, Some(OrderType::Limit)),
            OrderType::Limit
        );
        assert_eq!(
            default_exit_type(Some(OrderType::Unknown), None),
            OrderType::Market
        );
        assert_eq!(default_entry_type(None, None), OrderType::Market);
    }

    fn form() -> EnterForm {
        EnterForm {
            pair: "BTC/USDT".into(),
            side: Direction::Long,
            order_type: OrderType::Market,
            price: String::new(),
            stake: String::new(),
            tag: String::new(),
            leverage: String::new(),
        }
    }

    const SPOT: EnterCaps = EnterCaps {
        side: true,
        short: false,
        tag: true,
        leverage: false,
    };
    const FUTURES: EnterCaps = EnterCaps {
        side: true,
        short: true,
        tag: true,
        leverage: true,
    };

    #[test]
    fn force_entry_minimal_and_full() {
        let p = build_force_enter(&form(), SPOT);
        assert_eq!(
            p,
            Ok(ForceEnterPayload {
                pair: "BTC/USDT".into(),
                side: Some(Direction::Long),
                ordertype: Some(OrderType::Market),
                ..ForceEnterPayload::default()
            })
        );
        let full = EnterForm {
            pair: " ETH/USDT ".into(),
            side: Direction::Short,
            order_type: OrderType::Limit,
            price: "1500".into(),
            stake: "20".into(),
            tag: " my_tag ".into(),
            leverage: "3".into(),
        };
        assert_eq!(
            build_force_enter(&full, FUTURES),
            Ok(ForceEnterPayload {
                pair: "ETH/USDT".into(),
                side: Some(Direction::Short),
                price: Some(1500.0),
                ordertype: Some(OrderType::Limit),
                stakeamount: Some(20.0),
                entry_tag: Some("my_tag".into()),
                leverage: Some(3.0),
            })
        );
        // Leverage is dropped where it does not apply, as are side and tag on old bots.
        let old = EnterCaps {
            side: false,
            short: false,
            tag: false,
            leverage: false,
        };
        let p = build_force_enter(
            &EnterForm {
                side: Direction::Long,
                ..full.clone()
            },
            old,
        );
        assert_eq!(
            p.as_ref()
                .map(|p| (p.side, p.leverage, p.entry_tag.clone())),
            Ok((None, None, None))
        );
    }

    #[test]
    fn force_entry_validation() {
        assert!(build_force_enter(
            &EnterForm {
                pair: " ".into(),
                ..form()
            },
            SPOT
        )
        .is_err());
        assert!(build_force_enter(
            &EnterForm {
                side: Direction::Short,
                ..form()
            },
            SPOT
        )
        .is_err());
        assert!(build_force_enter(
            &EnterForm {
                price: "abc".into(),
                ..form()
            },
            SPOT
        )
        .is_err());
        assert!(build_force_enter(
            &EnterForm {
                price: "-5".into(),
                ..form()
            },
            SPOT
        )
        .is_err());
        assert!(build_force_enter(
            &EnterForm {
                stake: "0".into(),
                ..form()
            },
            SPOT
        )
        .is_err());
        assert!(build_force_enter(
            &EnterForm {
                leverage: "0.5".into(),
                ..form()
            },
            FUTURES
        )
        .is_err());
        assert_eq!(
            build_force_enter(
                &EnterForm {
                    leverage: "0.5".into(),
                    ..form()
                },
                SPOT
            )
            .map(|p| p.leverage),
            Ok(None)
        );
    }

    #[test]
    fn side_column_only_for_shorts_and_derivatives() {
        let mut t = trade(1, "BTC/USDT");
        t.trading_mode = Some(TradingMode::Spot);
        assert!(!shows_side(&t));
        assert_eq!(side_text(&t), "Long");
        t.trading_mode = Some(TradingMode::Futures);
        assert!(shows_side(&t));
        t.trading_mode = None;
        t.is_short = true;
        assert!(shows_side(&t));
        assert_eq!(side_text(&t), "Short");
    }
}
