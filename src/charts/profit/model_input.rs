//! The plain inputs of the profit charts, decoded once from the wire (see `decode`). Every number here is
//! finite, except where a field is an `Option`.

/// A closed trade.
#[derive(Debug, Clone, PartialEq)]
pub struct ClosedTrade {
    pub id: i64,
    pub pair: String,
    pub is_short: bool,
    /// Unix ms.
    pub open_ms: i64,
    /// Unix ms.
    pub close_ms: i64,
    /// Realized profit in stake currency.
    pub profit_abs: f64,
    /// Profit as a fraction of the stake (0.01 = 1 %), when the bot sent one.
    pub profit_ratio: Option<f64>,
}

/// What the open trades would add if they closed now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OpenProfit {
    /// Number of open trades.
    pub count: usize,
    /// Their unrealized (plus partially realized) profit in stake currency.
    pub profit_abs: f64,
}

pub use crate::api::wire::Period;

/// How many periods the dashboard's period chart asks for.
pub fn chart_period_count(period: Period) -> u32 {
    match period {
        Period::Days => 30,
        Period::Weeks | Period::Months => 12,
    }
}

/// One day, week or month of the time breakdown.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodRecord {
    /// `YYYY-MM-DD`: the first day of the period.
    pub date: String,
    pub profit_abs: f64,
    /// Against the balance at the start of the period, when the bot sent it.
    pub profit_ratio: Option<f64>,
    pub trade_count: i64,
}

/// The time breakdown as the chart needs it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PeriodSeries {
    pub period: Period,
    pub records: Vec<PeriodRecord>,
    pub stake_currency: String,
}

/// One currency of the balance.
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceItem {
    pub currency: String,
    /// Amount held.
    pub balance: f64,
    /// Value in stake currency (`None` when the bot could not value it).
    pub est_stake: Option<f64>,
}

/// The balance as the donut needs it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BalanceInput {
    pub items: Vec<BalanceItem>,
    pub stake_currency: String,
}
