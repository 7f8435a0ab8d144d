//! The pair list: the whitelist, each pair with its open trade's profit and a lock mark (its end, side and
//! reason on hover), pairs with open trades first and locked pairs last, as in FreqUI. A click selects the pair
//! for the chart and the trade views.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::components::modal::ConfirmButton;
use crate::components::when::When;

use crate::api::wire::{Lock, LockSide, Trade};
use crate::components::row_window::row_window;
use crate::state::bot_store::use_bot_store;
use crate::state::settings::{format_time, use_settings};
use crate::util::format;
use crate::util::format::visible;

/// One row of the pair list.
#[derive(Debug, Clone, PartialEq)]
pub struct PairRow {
    pub pair: String,
    /// Profit ratio of the pair's open trade(s), stake-weighted.
    pub profit_ratio: Option<f64>,
    pub open_trades: usize,
    pub locked: bool,
    /// The lock in force that ends last: its end (Unix ms, 0 = never), side and reason.
    pub lock: Option<(i64, &'static str, String)>,
    /// Locks in force on this very pair (not `*`): what "Unlock" deletes.
    pub own_locks: usize,
}

/// What the lock mark says on hover: "Locked until 2026-11-29 12:00:00 (long): reason".
pub fn lock_title(lock: &(i64, &'static str, String), time: impl Fn(i64) -> String) -> String {
    let (end, side, reason) = lock;
    let until = if *end > 0 {
        format!(" until {}", time(*end))
    } else {
        String::new()
    };
    let side = if side.is_empty() {
        String::new()
    } else {
        format!(" ({side})")
    };
    let reason = if reason.is_empty() {
        String::new()
    } else {
        format!(": {}", visible(reason))
    };
    format!("Locked{until}{side}{reason}")
}

/// Builds the rows of `pairs` (the store's known pairs: whitelist, then open-trade pairs off it). Linear in
/// pairs + trades + locks (a bot with 1,500 pairs and 10,000 open trades must not freeze the page).
pub fn pair_rows(pairs: &[String], open: &[Trade], locks: &[Lock], now_ms: i64) -> Vec<PairRow> {
    // Per pair: (stake, stake-weighted profit ratio, trade count).
    let mut by_pair: HashMap<&str, (f64, f64, usize)> = HashMap::new();
    for t in open {
        let e = by_pair.entry(t.pair.as_str()).or_default();
        let stake = t.stake_amount.unwrap_or(0.0);
        e.0 += stake;
        e.1 += stake * t.profit_ratio.unwrap_or(0.0);
        e.2 += 1;
    }
    let in_force =
        |l: &&Lock| l.active && (l.lock_end_timestamp == 0 || l.lock_end_timestamp > now_ms);
    // Per pair (and "*" for every pair): the lock in force that ends last (0, "never", ends last of all).
    let mut locked: HashMap<&str, &Lock> = HashMap::new();
    let mut own: HashMap<&str, usize> = HashMap::new();
    let ends = |l: &Lock| {
        if l.lock_end_timestamp == 0 {
            i64::MAX
        } else {
            l.lock_end_timestamp
        }
    };
    for l in locks.iter().filter(in_force) {
        *own.entry(l.pair.as_str()).or_default() += 1;
        let e = locked.entry(l.pair.as_str()).or_insert(l);
        if ends(l) > ends(e) {
            *e = l;
        }
    }
    let global = locked.get("*").copied();
    let mut rows: Vec<PairRow> = pairs
        .iter()
        .map(|pair| {
            let (stake, weighted, count) = by_pair.get(pair.as_str()).copied().unwrap_or_default();
            let lock = match (locked.get(pair.as_str()).copied(), global) {
                (Some(a), Some(b)) => Some(if ends(b) > ends(a) { b } else { a }),
                (a, b) => a.or(b),
            };
            PairRow {
                pair: pair.clone(),
                profit_ratio: (count > 0 && stake > 0.0).then(|| weighted / stake),
                open_trades: count,
                locked: lock.is_some(),
                own_locks: own.get(pair.as_str()).copied().unwrap_or(0),
                lock: lock.map(|l| {
                    let side = match l.side {
                        LockSide::Both | LockSide::Unknown => "",
                        LockSide::Long => "long",
                        LockSide::Short => "short",
                    };
                    (
                        l.lock_end_timestamp,
                        side,
                        l.reason.clone().unwrap_or_default(),
                    )
                }),
            }
        })
        .collect();
    // FreqUI's order: pairs with open trades, then the free ones, then the locked ones (stable within each).
    crate::util::sort::sort_by_key(&mut rows, |r| match (r.open_trades > 0, r.locked) {
        (true, _) => 0,
        (false, false) => 1,
        (false, true) => 2,
    });
    rows
}

/// Height of one pair row in CSS px: `.pair-list li` in style/main.css has exactly this height, which is what lets
/// the list draw only the rows in view (`row_window`).
const ROW_PX: f64 = 30.0;

/// Whether `pair` matches the filter text (case-insensitive substring; an empty filter matches all).
pub fn pair_matches(pair: &str, filter_lower: &str) -> bool {
    filter_lower.is_empty() || pair.to_ascii_lowercase().contains(filter_lower)
}

#[component]
pub fn PairList() -> impl IntoView {
    let store = use_bot_store();
    let scope = crate::runtime::use_view_scope();
    let settings = use_settings().0;
    let rows = Memo::new(move |_| {
        let locks = store
            .locks
            .with(|l| l.as_ref().map(|l| l.locks.clone()).unwrap_or_default());
        store.open_trades.with(|open| {
            store.pairs.with(|pairs| {
                pair_rows(
                    pairs,
                    open.as_deref().unwrap_or_default(),
                    &locks,
                    js_sys::Date::now() as i64,
                )
            })
        })
    });
    let filter = RwSignal::new(String::new());
    let total = Memo::new(move |_| rows.with(Vec::len));
    // The pairs the filter lets through, in list order.
    let order = Memo::new(move |_| {
        let f = filter.with(|f| f.trim().to_ascii_lowercase());
        rows.with(|r| {
            r.iter()
                .filter(|r| pair_matches(&r.pair, &f))
                .map(|r| r.pair.clone())
                .collect::<Vec<_>>()
        })
    });
    let by_pair = Memo::new(move |_| {
        rows.with(|r| {
            r.iter()
                .map(|r| (r.pair.clone(), r.clone()))
                .collect::<HashMap<_, _>>()
        })
    });
    // Scroll position and viewport height of the list's scroller. Before its first scroll event the window's
    // height stands for the viewport (the scroller is never taller).
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = RwSignal::new(
        window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(1_000.0),
    );
    let on_scroll = move |ev: leptos::ev::Event| {
        let el = event_target::<web_sys::Element>(&ev);
        scroll_top.set(f64::from(el.scroll_top()));
        viewport.set(f64::from(el.client_height()));
    };
    let drawn = Memo::new(move |_| {
        order.with(|o| {
            let w = row_window(o.len(), scroll_top.get(), viewport.get(), ROW_PX);
            (
                w.start,
                o.get(w).map(<[String]>::to_vec).unwrap_or_default(),
            )
        })
    });
    let list_px = move || format!("{}px", order.with(Vec::len) as f64 * ROW_PX);
    let above_px = move || format!("{}px", drawn.with(|d| d.0) as f64 * ROW_PX);
    let count = move || {
        let (shown, all) = (order.with(Vec::len), total.get());
        if shown == all {
            all.to_string()
        } else {
            format!("{shown} of {all}")
        }
    };
    view! {
        <section class="card pair-list">
            <h2>"Pairs " <span class="muted pair-count">{count}</span></h2>
            // Always there (also for a handful of pairs): the `/` shortcut focuses it.
            <input
                type="search"
                class="pair-filter"
                placeholder="Filter pairs"
                data-shortcut="filter"
                aria-label="Filter pairs"
                prop:value=move || filter.get()
                on:input=move |ev| filter.set(event_target_value(&ev))
            />
            <When
                when=move || !rows.with(|r| r.is_empty())
                fallback=move || {
                    view! {
                        <p class="muted">
                            {move || if store.whitelist.with(|w| w.is_none()) { "Loading pairs…" } else { "No pairs in the whitelist." }}
                        </p>
                    }
                }
            >
                <div class="pair-scroll" on:scroll=on_scroll>
                    // Only the rows in view are drawn; the list keeps the height of all of them.
                    <ul style:height=list_px style:padding-top=above_px>
                        // Keyed by pair: a poll that moves every profit updates texts, it does not rebuild rows.
                        <For each=move || drawn.get().1 key=|pair| pair.clone() let:pair>
                            {
                                let row = {
                                    let pair = pair.clone();
                                    Memo::new(move |_| by_pair.with(|m| m.get(&pair).cloned()))
                                };
                                let selected_pair = pair.clone();
                                let unlock_pair = pair.clone();
                                let class = move || match row.with(|r| r.as_ref().and_then(|r| r.profit_ratio)) {
                                    Some(r) if r < 0.0 => "pair-profit loss",
                                    Some(_) => "pair-profit profit",
                                    None => "pair-profit muted",
                                };
                                let lock = move || row.with(|r| r.as_ref().and_then(|r| r.lock.clone()));
                                view! {
                                    <li>
                                        <button
                                            class="pair-row"
                                            class:selected=move || store.selected_pair.get().as_deref() == Some(selected_pair.as_str())
                                            on:click=move |_| store.selected_pair.set(Some(pair.clone()))
                                        >
                                            <span class="pair-name">{visible(&pair)}</span>
                                            {move || lock().map(|l| {
                                                let title = settings.with_untracked(|s| lock_title(&l, |ms| format_time(s, ms)));
                                                view! { <span class="lock-mark" title=title.clone() aria-label=title>"🔒"</span> }
                                            })}
                                            <span class=class>
                                                {move || row.with(|r| {
                                                    r.as_ref()
                                                        .and_then(|r| r.profit_ratio)
                                                        .map(|r| format::percent(Some(r), 2))
                                                        .unwrap_or_default()
                                                })}
                                            </span>
                                        </button>
                                        {move || {
                                            let n = row.with(|r| r.as_ref().map_or(0, |r| r.own_locks));
                                            let pair = unlock_pair.clone();
                                            (n > 0).then(|| {
                                                let message = if n == 1 {
                                                    format!("Delete the lock on {}?", visible(&pair))
                                                } else {
                                                    format!("Delete all {n} locks on {}?", visible(&pair))
                                                };
                                                view! {
                                                    <span class="pair-unlock">
                                                        <ConfirmButton label="Unlock" message=Signal::stored(message) confirm_label="Unlock pair"
                                                            on_confirm=move |_| {
                                                                let pair = pair.clone();
                                                                scope.spawn(async move { store.delete_pair_locks(&pair).await })
                                                            } />
                                                    </span>
                                                }
                                            })
                                        }}
                                    </li>
                                }
                            }
                        </For>
                    </ul>
                </div>
                <When when=move || order.with(Vec::is_empty)>
                    <p class="muted">"No pair matches the filter."</p>
                </When>
            </When>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::pairs::known_pairs;

    fn trade(pair: &str, stake: f64, ratio: f64) -> Trade {
        Trade {
            pair: pair.into(),
            stake_amount: Some(stake),
            profit_ratio: Some(ratio),
            ..Default::default()
        }
    }

    fn lock(pair: &str, end: i64, active: bool) -> Lock {
        Lock {
            pair: pair.into(),
            lock_end_timestamp: end,
            active,
            ..Default::default()
        }
    }

    #[test]
    fn rows_follow_the_whitelist_and_weight_profit_by_stake() {
        let wl = vec!["BTC/USDT".to_string(), "ETH/USDT".to_string()];
        let open = vec![
            trade("ETH/USDT", 100.0, 0.02),
            trade("ETH/USDT", 300.0, -0.02),
            trade("XRP/USDT", 50.0, 0.1),
        ];
        let rows = pair_rows(
            &known_pairs(&wl, &open),
            &open,
            &[lock("BTC/USDT", 2_000, true), lock("ETH/USDT", 500, true)],
            1_000,
        );
        let names: Vec<&str> = rows.iter().map(|r| r.pair.as_str()).collect();
        // Open trades first (whitelist order), the locked pair last.
        assert_eq!(names, ["ETH/USDT", "XRP/USDT", "BTC/USDT"]);
        assert_eq!(
            rows.last().map(|r| (r.locked, r.profit_ratio)),
            Some((true, None))
        );
        let eth = rows.first().map(|r| {
            (
                r.locked,
                r.open_trades,
                r.profit_ratio.map(|p| (p * 1e4).round()),
            )
        });
        assert_eq!(eth, Some((false, 2, Some(-100.0))));
    }

    #[test]
    fn free_pairs_before_locked_ones_and_the_lock_that_ends_last_on_hover() {
        let wl: Vec<String> = ["A/USDT", "B/USDT", "C/USDT"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut short = lock("A/USDT", 5_000, true);
        short.side = LockSide::Short;
        short.reason = Some("cooldown".into());
        let rows = pair_rows(
            &wl,
            &[],
            &[short, lock("A/USDT", 3_000, true), lock("C/USDT", 0, true)],
            1_000,
        );
        let names: Vec<&str> = rows.iter().map(|r| r.pair.as_str()).collect();
        assert_eq!(names, ["B/USDT", "A/USDT", "C/USDT"]);
        let a = rows.get(1).and_then(|r| r.lock.clone());
        assert_eq!(a, Some((5_000, "short", "cooldown".to_string())));
        // "Unlock" deletes both of A's locks.
        assert_eq!(
            rows.iter().map(|r| r.own_locks).collect::<Vec<_>>(),
            [0, 2, 1]
        );
        let time = |ms: i64| format!("t{ms}");
        assert_eq!(
            lock_title(&(5_000, "short", "cooldown".into()), time),
            "Locked until t5000 (short): cooldown"
        );
        assert_eq!(lock_title(&(0, "", String::new()), time), "Locked");
    }

    #[test]
    fn the_filter_is_a_case_insensitive_substring() {
        assert!(pair_matches("BTC/USDT", ""));
        assert!(pair_matches("BTC/USDT", "btc"));
        assert!(pair_matches("ETH/BTC", "btc"));
        assert!(!pair_matches("ETH/USDT", "btc"));
    }

    #[test]
    fn a_global_lock_locks_every_pair_and_inactive_locks_do_not() {
        let wl = vec!["BTC/USDT".to_string()];
        // Locked by `*`, but with no lock of its own: nothing for "Unlock" to delete there.
        assert!(pair_rows(&wl, &[], &[lock("*", 0, true)], 1)
            .iter()
            .all(|r| r.locked && r.own_locks == 0));
        assert!(pair_rows(&wl, &[], &[lock("BTC/USDT", 9_999, false)], 1)
            .iter()
            .all(|r| !r.locked));
    }
}
