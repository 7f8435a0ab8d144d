//! The Trade page's information panels, one file each. Every panel is a component without props that reads the
//! selected bot's `BotStore` from context.

pub mod balance;
pub mod common;
pub mod edge;
pub mod locks;
pub mod pairs;
pub mod performance;
pub mod periods;
pub mod profit;
pub mod stats;
pub mod strategy;
pub mod system;
pub mod wallet_history;

pub use balance::BalancePanel;
pub use edge::EdgePanel;
pub use locks::LocksPanel;
pub use pairs::PairsPanel;
pub use performance::PerformancePanel;
pub use periods::PeriodsPanel;
pub use profit::ProfitPanel;
pub use stats::StatsPanel;
pub use strategy::StrategyPanel;
pub use system::SystemPanel;
pub use wallet_history::WalletHistoryCard;
