//! `BotStore`: the trading data of one bot, kept fresh by polling, plus the actions that steer the bot.
//!
//! One store per bot, from the first page that shows it to the end of its session (logout): pages share it.
//! Views read its signals and call its methods; they never see endpoints or tokens. Polling runs only while
//! the page is visible: open trades and the trade count every few seconds, everything else on a slower cadence
//! and right after any action.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::time::Duration;

use futures::channel::oneshot;
use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use serde::de::DeserializeOwned;

use super::history::{add_trades, merge_newest, Merge, NEWEST_PAGE};
use super::live::{self, LiveEvent};
use super::paging::{Next, Paging, TRADES_PAGE};
use super::pairs::known_pairs;
use super::persist::BotId;
use super::registry::{session_scope, use_registry, BotRegistry};
use super::toasts::{use_toasts, Severity, Toasts};
use crate::api::endpoint::Endpoint;
use crate::api::endpoints;
use crate::api::error::ApiError;
use crate::api::features::Feature;
use crate::api::request::ApiRequest;
use crate::api::wire::{
    BalanceResponse, BlacklistResponse, CountResponse, ForceEnterPayload, ForceEnterResponse,
    ForceExitPayload, LockId, LockPayload, LockResponse, ProfitAll, ProfitStats, ShowConfig, Trade,
    TradeId, TraderState, WhitelistResponse,
};
use crate::api::ws::SocketState;
use crate::api::ws_protocol::WsEvent;
use crate::runtime::effect;
use crate::runtime::page::use_page_visible;
use crate::runtime::Scope;

/// Open trades and count, while the websocket is down.
const FAST_EVERY: Duration = Duration::from_secs(5);
/// While the websocket is live, events trigger refreshes and polling is a safety net: open trades (their current
/// profit moves without events) every `FAST_EVERY * LIVE_FAST_STRIDE`…
const LIVE_FAST_STRIDE: u32 = 3;
/// Configuration, profit, closed trades, balance, pair lists, locks.
const SLOW_EVERY: Duration = Duration::from_secs(60);
/// …and the rest every `SLOW_EVERY * LIVE_SLOW_STRIDE`.
const LIVE_SLOW_STRIDE: u32 = 5;
/// A slow bot's open trades and count are asked every `FAST_EVERY * SLOW_BOT_STRIDE`.
const SLOW_BOT_STRIDE: u32 = 3;

/// How an action's answer reads (`BotStore::run_action`): what its toast says.
enum Settled {
    /// The action was done; the toast describes the answer.
    Done(String),
    /// The bot answered an error, but the action itself worked.
    Accepted(String),
    Failed(String),
}

/// What a load does when a request for the same endpoint is under way.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Overlap {
    /// Nothing: the answer on its way is as fresh (polls, refreshes).
    Skip,
    /// Ask once more after it: something changed after it was sent (a trade event).
    Follow,
}

/// Counts of the bot's trade events (`BotStore::trade_events`).
#[derive(Clone, Copy, Default)]
struct TradeEvents {
    seen: u64,
    read: u64,
}

/// Where the closed-trade history's read stands (`BotStore::sync_closed_trades`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum ClosedSync {
    Idle,
    Running,
    /// Running, and asked for again meanwhile (`full`: the whole history).
    Again {
        full: bool,
    },
}

#[derive(Clone, Copy)]
pub struct BotStore {
    id: StoredValue<BotId>,
    registry: BotRegistry,
    toasts: Toasts,
    pub config: RwSignal<Option<ShowConfig>>,
    pub open_trades: RwSignal<Option<Vec<Trade>>>,
    pub count: RwSignal<Option<CountResponse>>,
    /// Every closed trade, in the bot's order (by id), all pages.
    pub closed_trades: RwSignal<Option<Vec<Trade>>>,
    pub profit: RwSignal<Option<ProfitStats>>,
    /// `None` until loaded, and on bots without `/profit_all` (API < 2.43).
    pub profit_all: RwSignal<Option<ProfitAll>>,
    pub balance: RwSignal<Option<BalanceResponse>>,
    pub whitelist: RwSignal<Option<WhitelistResponse>>,
    pub blacklist: RwSignal<Option<BlacklistResponse>>,
    pub locks: RwSignal<Option<LockResponse>>,
    /// The last refresh failure, cleared by the next success.
    pub error: RwSignal<Option<ApiError>>,
    /// Bumped after every slow refresh and trade event (once the open trades that follow it are read); panels
    /// that load on demand track it to reload.
    pub revision: RwSignal<u64>,
    /// The whitelist, then the pairs of open trades no longer on it (`pairs::known_pairs`).
    pub pairs: Memo<Vec<String>>,
    /// The pair the user picked in the pair list or a trade table (the chart follows it).
    pub selected_pair: RwSignal<Option<String>>,
    /// Actions under way, by key: a second click while one runs sends nothing.
    running: StoredValue<HashSet<String>>,
    /// The last `new_candle` event: `(pair, timeframe, sequence number)`, for the chart.
    pub new_candle: RwSignal<Option<(String, String, u64)>>,
    /// Polling ticks so far, to thin polling out while the websocket is live.
    ticks: StoredValue<(u32, u32)>,
    /// Whether the closed trades are being read: a read asked for meanwhile runs once, after it.
    closed_sync: StoredValue<ClosedSync>,
    /// The bot's count of closed trades when the history was last read (`total_trades`).
    closed_total: StoredValue<Option<i64>>,
    /// Trade events so far (`seen`), and the last of them whose open trades have been read (`read`).
    trade_events: StoredValue<TradeEvents>,
    /// Polled endpoints with a request under way (by path and query): a poll waits for the previous answer.
    /// The flag: asked again meanwhile with `Overlap::Follow`.
    polling: StoredValue<HashMap<String, bool>>,
    /// The store's lifetime (the bot's session): its requests and timers end with it.
    scope: StoredValue<Scope>,
    /// Answers that change only with what keys them (`state::reads`): the running strategy by name, the wallet
    /// history by (closed-trade count, UTC day). A page opened again shows them without asking.
    pub(in crate::state) strategy_cache:
        StoredValue<Option<(String, crate::api::wire::StrategyResponse)>>,
    pub(in crate::state) wallet_cache:
        StoredValue<Option<((i64, i64), crate::api::wire::WalletHistoryResponse)>>,
}

thread_local! {
    /// Each bot's store, from the first page that shows the bot to the end of its session (`end_store`): a page
    /// switch re-reads nothing, and the closed-trade history is not downloaded again (issues 9 and 11).
    static STORES: RefCell<HashMap<BotId, (Owner, BotStore)>> = RefCell::new(HashMap::new());
    /// The app's root owner, under which the stores live (it provides the contexts they use).
    static ROOT: RefCell<Option<Owner>> = const { RefCell::new(None) };
}

/// The app's root owner (`install_store_root`): state that lives for a bot's session is created under it.
pub(in crate::state) fn root_owner() -> Option<Owner> {
    ROOT.with(|r| r.borrow().clone())
}

/// Called once by the app's root, after it provided the registry, toasts and settings.
pub fn install_store_root() {
    ROOT.with(|r| *r.borrow_mut() = Owner::current());
}

/// Ends a bot's store (logout, bot removed): its polling and requests stop at once; its signals are disposed a
/// moment later, once the pages that showed them are gone.
pub fn end_store(id: &BotId) {
    let Some((owner, store)) = STORES.with(|m| m.borrow_mut().remove(id)) else {
        return;
    };
    if let Some(scope) = store.scope() {
        scope.end();
    }
    set_timeout(move || owner.cleanup(), Duration::ZERO);
}

impl BotStore {
    /// Provides the store of `id` as context: the bot's existing store, or a new one that lives until `end_store`.
    pub fn provide(id: BotId) -> Self {
        let store = Self::of(id);
        provide_context(store);
        store
    }

    /// The store of `id`, opened if no page did yet (the fleet shows every bot without providing one).
    pub fn open(id: BotId) -> Self {
        Self::of(id)
    }

    /// The store of `id` if a page already opened it (its data may be current).
    pub fn existing(id: &BotId) -> Option<Self> {
        STORES.with(|m| m.borrow().get(id).map(|(_, s)| *s))
    }

    fn of(id: BotId) -> Self {
        if let Some(store) = Self::existing(&id) {
            return store;
        }
        // A child of the root, not of the page: untracked, so the page's render does not subscribe to what the
        // store reads while it starts.
        let parent = ROOT.with(|r| r.borrow().clone());
        let owner = match parent {
            Some(root) => root.with(Owner::new),
            None => Owner::new(),
        };
        let store = untrack(|| owner.with(|| Self::create(id.clone())));
        STORES.with(|m| m.borrow_mut().insert(id, (owner, store)));
        store
    }

    /// A new store, polling for as long as the current owner lives.
    fn create(id: BotId) -> Self {
        let whitelist = RwSignal::new(None::<WhitelistResponse>);
        let open_trades = RwSignal::new(None::<Vec<Trade>>);
        let pairs = Memo::new(move |_| {
            whitelist.with(|w| {
                open_trades.with(|open| {
                    known_pairs(
                        w.as_ref()
                            .map(|w| w.whitelist.as_slice())
                            .unwrap_or_default(),
                        open.as_deref().unwrap_or_default(),
                    )
                })
            })
        });
        let store = Self {
            id: StoredValue::new(id),
            registry: use_registry(),
            toasts: use_toasts(),
            config: RwSignal::new(None),
            open_trades,
            count: RwSignal::new(None),
            closed_trades: RwSignal::new(None),
            profit: RwSignal::new(None),
            profit_all: RwSignal::new(None),
            balance: RwSignal::new(None),
            whitelist,
            blacklist: RwSignal::new(None),
            locks: RwSignal::new(None),
            error: RwSignal::new(None),
            revision: RwSignal::new(0),
            pairs,
            selected_pair: RwSignal::new(None),
            running: StoredValue::new(HashSet::new()),
            new_candle: RwSignal::new(None),
            ticks: StoredValue::new((0, 0)),
            strategy_cache: StoredValue::new(None),
            wallet_cache: StoredValue::new(None),
            closed_sync: StoredValue::new(ClosedSync::Idle),
            closed_total: StoredValue::new(None),
            trade_events: StoredValue::new(TradeEvents::default()),
            polling: StoredValue::new(HashMap::new()),
            scope: StoredValue::new(Scope::of_owner()),
        };
        // Keep the registry's count (title / icon badge) in step with the open trades.
        effect(move || {
            if let Some(n) = store.open_trades.with(|t| t.as_ref().map(Vec::len)) {
                store.registry.set_open_trades(&store.id.get_value(), n);
            }
        });
        store.start_polling();
        store.listen_live();
        store
    }

    fn socket_live(&self) -> bool {
        self.registry
            .entry(&self.id.get_value())
            .is_some_and(|e| e.socket == SocketState::Live)
    }

    /// Reacts to the bot's websocket: refreshes what an event changed, at once.
    fn listen_live(&self) {
        let store = *self;
        let guard = live::listen(&self.id.get_value(), move |event| store.on_live(event));
        let guard = send_wrapper::SendWrapper::new(guard);
        on_cleanup(move || drop(guard));
    }

    fn on_live(&self, event: &LiveEvent) {
        let ws = match event {
            LiveEvent::Reconnected => return self.refresh_all(),
            LiveEvent::Ws(ws) => ws.as_ref(),
        };
        // A webserver's events (if any) change nothing the store keeps.
        if self.trading() != Some(true) {
            return;
        }
        if ws.touches_trades() {
            self.refresh_after_trade_event(matches!(ws, WsEvent::ExitFill(_)));
            return;
        }
        match ws {
            WsEvent::Whitelist(pairs) => {
                let pairs = pairs.clone();
                self.whitelist.update(|w| match w {
                    Some(w) => {
                        w.length = pairs.len() as i64;
                        w.whitelist = pairs;
                    }
                    None => {
                        *w = Some(WhitelistResponse {
                            length: pairs.len() as i64,
                            whitelist: pairs,
                            ..Default::default()
                        })
                    }
                });
            }
            WsEvent::ProtectionTrigger(_) | WsEvent::ProtectionTriggerGlobal(_) => {
                self.load(endpoints::locks(), self.locks, Overlap::Follow);
            }
            WsEvent::Status(_) | WsEvent::Startup(_) | WsEvent::Warning(_) => {
                self.load_config(Overlap::Follow);
            }
            WsEvent::NewCandle {
                pair, timeframe, ..
            } => {
                let seq = self
                    .new_candle
                    .with_untracked(|c| c.as_ref().map(|c| c.2 + 1).unwrap_or(1));
                self.new_candle
                    .set(Some((pair.clone(), timeframe.clone(), seq)));
            }
            _ => {}
        }
    }

    pub fn id(&self) -> BotId {
        self.id.get_value()
    }

    /// Whether the bot's API has `feature` (false until its configuration is read). Tracked.
    pub fn has(&self, feature: Feature) -> bool {
        self.config
            .with(|c| c.as_ref().is_some_and(|c| c.has(feature)))
    }

    /// The store's scope while its page lives; `None` once it is gone.
    fn scope(&self) -> Option<Scope> {
        self.scope.try_get_value().filter(Scope::is_alive)
    }

    /// Runs `task` for as long as the store's page lives.
    fn spawn(&self, task: impl std::future::Future<Output = ()> + 'static) {
        if let Some(scope) = self.scope() {
            scope.spawn(task);
        }
    }

    fn start_polling(&self) {
        let store = *self;
        let visible = use_page_visible();
        // Runs now, and again whenever the page becomes visible.
        effect(move || {
            if visible.get() {
                store.refresh_all();
            }
        });
        // A background bot that becomes the selected one reads what only its pages show, at once.
        let selected = store.registry.selected_id();
        Effect::new(move |was: Option<bool>| {
            let now = selected.with(|s| s.as_ref() == store.id.try_get_value().as_ref());
            if was == Some(false) && now && visible.get_untracked() {
                store.load_foreground_extras();
            }
            now
        });
        let Some(scope) = store.scope() else { return };
        scope.interval(FAST_EVERY, move || {
            let tick = store.next_tick(|t| &mut t.0);
            if !visible.get_untracked() {
                return;
            }
            if store.registry.is_slow(&store.id.get_value()) {
                // A slow bot is asked less, so its answers do not queue up.
                if tick.is_multiple_of(SLOW_BOT_STRIDE) {
                    store.refresh_fast();
                }
            } else if !store.socket_live() {
                store.refresh_fast();
            } else if tick.is_multiple_of(LIVE_FAST_STRIDE) {
                // Safety net: the current profit of open trades moves without events.
                store.load_open_trades(Overlap::Skip);
            }
        });
        scope.interval(SLOW_EVERY, move || {
            let tick = store.next_tick(|t| &mut t.1);
            if visible.get_untracked()
                && (!store.socket_live() || tick.is_multiple_of(LIVE_SLOW_STRIDE))
            {
                store.refresh_slow();
            }
        });
    }

    fn next_tick(&self, which: impl Fn(&mut (u32, u32)) -> &mut u32) -> u32 {
        self.ticks
            .try_update_value(|t| {
                let n = which(t);
                *n = n.wrapping_add(1);
                *n
            })
            .unwrap_or(0)
    }

    /// Calls an endpoint of this bot through the registry (tokens, online state, loading indicator).
    pub(in crate::state) async fn call<T: DeserializeOwned>(
        &self,
        endpoint: Endpoint<T>,
    ) -> Result<T, ApiError> {
        // Through the undecoded body, so only the decoding is compiled per answer type (issue 10).
        let body = self.body_of(endpoint.request.clone()).await?;
        endpoint.decode(&body)
    }

    /// Loads into `target`, keeping the last good value on failure. While a request for the same endpoint is
    /// under way nothing is sent (`once_in_flight`); with `Overlap::Follow` it is sent once more after it.
    fn load<T>(&self, endpoint: Endpoint<T>, target: RwSignal<Option<T>>, overlap: Overlap)
    where
        T: DeserializeOwned + Send + Sync + 'static,
    {
        self.load_then(endpoint, target, overlap, |_| {});
    }

    /// `load`, then `then` after a good answer is in `target`.
    fn load_then<T>(
        &self,
        endpoint: Endpoint<T>,
        target: RwSignal<Option<T>>,
        overlap: Overlap,
        then: fn(BotStore),
    ) where
        T: DeserializeOwned + Send + Sync + 'static,
    {
        let key = endpoint.request.path_and_query();
        let fetch = self.body_of(endpoint.request.clone());
        let again = endpoint.clone();
        self.once_in_flight(
            key,
            overlap,
            fetch,
            Box::new(
                move |store, body| match body.and_then(|body| endpoint.decode(&body)) {
                    Ok(value) => {
                        target.try_set(Some(value));
                        store.error.try_set(None);
                        then(store);
                    }
                    Err(ApiError::Aborted) => {}
                    Err(e) => {
                        store.error.try_set(Some(e));
                    }
                },
            ),
            Box::new(move |store| store.load_then(again, target, Overlap::Follow, then)),
        );
    }

    /// An answer's body, undecoded: what `call` and `once_in_flight` wait on. Free of answer types, so the waiting
    /// is compiled once, not once per answer type (issue 10); the caller decodes.
    fn body_of(&self, request: ApiRequest) -> LocalBoxFuture<'static, Result<String, ApiError>> {
        let store = *self;
        Box::pin(async move {
            // A read's first poll may come after its page is gone: then there is nothing to ask for.
            let id = store.id.try_get_value().ok_or(ApiError::Aborted)?;
            store.registry.send(&id, &request).await
        })
    }

    /// The open trades, decoded in slices when the answer is big (`BotRegistry::call_list`). Without the
    /// websocket, a trade gone from the list is how a close shows: profit, balance and locks follow at once.
    fn load_open_trades(&self, overlap: Overlap) {
        let store = *self;
        // The trade events this read follows: its answer is what they changed.
        let follows = store.trade_events.try_get_value().map_or(0, |e| e.seen);
        let endpoint = endpoints::status();
        let key = endpoint.request.path_and_query();
        let fetch = Box::pin(async move {
            let id = store.id.try_get_value().ok_or(ApiError::Aborted)?;
            store.registry.call_list(&id, endpoint).await
        });
        let done = Box::new(
            move |store: BotStore, result: Result<Vec<Trade>, ApiError>| {
                let caught_up = store
                    .trade_events
                    .try_update_value(|e| {
                        let newer = follows > e.read;
                        e.read = e.read.max(follows);
                        newer
                    })
                    .unwrap_or(false);
                store.answer_open_trades(result, caught_up);
            },
        );
        self.once_in_flight(
            key,
            overlap,
            fetch,
            done,
            Box::new(|store| store.load_open_trades(Overlap::Follow)),
        );
    }

    /// Takes an answer of `/status`. `caught_up`: it is the first read after a trade event, so the views that
    /// read on the revision read now, once, with the open trades that event changed (bumped at the event itself,
    /// a view that also follows the open trades, the custom-data column, would read twice).
    fn answer_open_trades(&self, result: Result<Vec<Trade>, ApiError>, caught_up: bool) {
        let store = *self;
        match result {
            Ok(open) => {
                let gone = !store.socket_live()
                    && store
                        .open_trades
                        .try_with_untracked(|before| {
                            before.as_deref().is_some_and(|b| left_the_list(b, &open))
                        })
                        .unwrap_or(false);
                store.open_trades.try_set(Some(open));
                store.error.try_set(None);
                if gone {
                    store.after_trade_change(true);
                }
                if gone || caught_up {
                    store.revision.try_update(|r| *r += 1);
                }
            }
            Err(ApiError::Aborted) => {}
            Err(e) => {
                store.error.try_set(Some(e));
                if caught_up {
                    store.revision.try_update(|r| *r += 1);
                }
            }
        }
    }

    /// Runs `fetch` and hands its result to `done`, unless a request with the same `key` is under way (a poll
    /// waits for the previous answer; a refresh right after another does not ask twice). With `Overlap::Follow`
    /// the answer under way may predate what the caller knows changed (a fill): `again` runs once after it.
    ///
    /// Its parts come boxed, so this is compiled once per kind of answer (a body, the open trades), not once per
    /// endpoint: the callers' decoding is in `done` (issue 10).
    fn once_in_flight<R: 'static>(
        &self,
        key: String,
        overlap: Overlap,
        fetch: LocalBoxFuture<'static, R>,
        done: Box<dyn FnOnce(BotStore, R)>,
        again: Box<dyn FnOnce(BotStore)>,
    ) {
        let store = *self;
        let started = self
            .polling
            .try_update_value(|p| match p.get_mut(&key) {
                Some(asked_again) => {
                    *asked_again |= overlap == Overlap::Follow;
                    false
                }
                None => {
                    p.insert(key.clone(), false);
                    true
                }
            })
            .unwrap_or(false);
        if !started {
            return;
        }
        self.spawn(async move {
            let result = fetch.await;
            let rerun = store
                .polling
                .try_update_value(|p| p.remove(&key))
                .flatten()
                .unwrap_or(false);
            done(store, result);
            if rerun {
                again(store);
            }
        });
    }

    /// Whether the bot trades: `Some(false)` for a `freqtrade webserver`, whose trading endpoints answer 503 and
    /// are never asked; `None` until its configuration was read.
    pub fn trading(&self) -> Option<bool> {
        let id = self.id.try_get_value()?;
        self.registry.entry(&id)?.webserver.map(|w| !w)
    }

    /// Reads the configuration, and notes the bot's kind; the first read of a bot of unknown kind is followed by
    /// everything else once it trades.
    fn load_config(&self, overlap: Overlap) {
        let first = self.trading().is_none();
        self.load_then(
            endpoints::show_config(),
            self.config,
            overlap,
            if first {
                |store| {
                    store.note_kind();
                    if store.trading() == Some(true) {
                        // Everything but the configuration, just read.
                        store.refresh_fast();
                        store.refresh_trading_slow();
                    }
                }
            } else {
                |store| store.note_kind()
            },
        );
    }

    fn note_kind(&self) {
        let known = self
            .config
            .with_untracked(|c| c.as_ref().map(|c| (c.is_webserver(), c.timeframe_ms)));
        if let (Some((webserver, timeframe_ms)), Some(id)) = (known, self.id.try_get_value()) {
            self.registry.set_kind(&id, webserver);
            self.registry.note_timeframe(&id, timeframe_ms);
        }
    }

    pub fn refresh_fast(&self) {
        if self.trading() != Some(true) {
            return;
        }
        self.load_open_trades(Overlap::Skip);
        self.load(endpoints::count(), self.count, Overlap::Skip);
        // While the bot re-reads its configuration its state is transient: follow it closely.
        let reloading = self.config.with_untracked(|c| {
            c.as_ref()
                .is_some_and(|c| c.state == TraderState::ReloadConfig)
        });
        if reloading {
            self.load_config(Overlap::Skip);
        }
    }

    pub fn refresh_slow(&self) {
        self.load_config(Overlap::Skip);
        self.refresh_trading_slow();
    }

    /// The slow cadence's reads of a trading bot, the configuration aside.
    fn refresh_trading_slow(&self) {
        if self.trading() != Some(true) {
            return;
        }
        self.load(endpoints::count(), self.count, Overlap::Skip);
        self.load_profit(Overlap::Skip);
        self.load(endpoints::balance(), self.balance, Overlap::Skip);
        if self.foreground() {
            self.load_foreground_extras();
        }
        // Once read, the history follows `/profit`'s count of closed trades (`load_profit`).
        let idle = self.closed_sync.try_get_value() == Some(ClosedSync::Idle);
        if idle && self.closed_trades.with_untracked(Option::is_none) {
            self.sync_closed_trades(false);
        }
        self.revision.update(|r| *r += 1);
    }

    /// What an entry or exit changes: open trades (the revision follows their answer), then `after_trade_change`.
    fn refresh_after_trade_event(&self, exit_filled: bool) {
        self.trade_events.try_update_value(|e| e.seen += 1);
        self.load_open_trades(Overlap::Follow);
        self.after_trade_change(exit_filled);
    }

    /// Counts, profit and balance; locks when an exit filled (freqtrade locks a pair it just left until the next
    /// candle). The closed trades follow the profit's count (`load_profit`). Configuration and pair lists stay.
    fn after_trade_change(&self, exit_filled: bool) {
        self.load(endpoints::count(), self.count, Overlap::Follow);
        self.load_profit(Overlap::Follow);
        self.load(endpoints::balance(), self.balance, Overlap::Follow);
        if self.foreground() {
            self.load_profit_all(Overlap::Follow);
            if exit_filled {
                self.load(endpoints::locks(), self.locks, Overlap::Follow);
            }
        }
    }

    /// Whether the bot is the selected one, whose pages (Trade, Dashboard, Chart) are what the user looks at.
    /// A background bot feeds the fleet table: its open trades, counts, configuration, profit, balance and
    /// history are kept; its pair lists, locks and long/short profit are read once it is selected.
    fn foreground(&self) -> bool {
        let id = self.id.try_get_value();
        id.is_some() && self.registry.selected_id().get_untracked() == id
    }

    /// What only the selected bot's pages show.
    fn load_foreground_extras(&self) {
        if self.trading() != Some(true) {
            return;
        }
        self.load(endpoints::whitelist(), self.whitelist, Overlap::Skip);
        self.load(endpoints::blacklist(), self.blacklist, Overlap::Skip);
        self.load(endpoints::locks(), self.locks, Overlap::Skip);
        self.load_profit_all(Overlap::Skip);
    }

    pub fn refresh_all(&self) {
        self.refresh_fast();
        self.refresh_slow();
    }

    /// The user's "refresh now": everything, the whole closed-trade history included.
    pub fn refresh_everything(&self) {
        self.strategy_cache.try_set_value(None);
        self.wallet_cache.try_set_value(None);
        self.refresh_all();
        self.sync_closed_trades(true);
    }

    /// Loads `/profit`. Its count of closed trades is the history's change signal: when it moves, the newest
    /// closed trades are read (one small request), whatever closed them (an exit fill, a poll, another UI).
    fn load_profit(&self, overlap: Overlap) {
        self.load_then(endpoints::profit(), self.profit, overlap, |store| {
            // Compared with the history's own last total: a first read still under way covers it.
            let closed = store
                .profit
                .try_with_untracked(|p| p.as_ref().map(|p| p.closed_trade_count))
                .flatten();
            let behind = store
                .closed_total
                .try_get_value()
                .flatten()
                .is_some_and(|total| Some(total) != closed);
            let idle = store.closed_sync.try_get_value() == Some(ClosedSync::Idle);
            if behind && idle {
                store.sync_closed_trades(false);
            }
        });
    }

    fn load_profit_all(&self, overlap: Overlap) {
        let endpoint = endpoints::profit_all();
        let key = endpoint.request.path_and_query();
        self.once_in_flight(
            key,
            overlap,
            self.body_of(endpoint.request.clone()),
            Box::new(move |store, body| {
                // Older bots have no /profit_all (404): the panel falls back to /profit, so no error is shown.
                if let Ok(all) = body.and_then(|body| endpoint.decode(&body)) {
                    store.profit_all.try_set(Some(all));
                }
            }),
            Box::new(|store| store.load_profit_all(Overlap::Follow)),
        );
    }

    /// Brings the closed trades up to date: the first time (or when `full`) every page of `/trades`, after
    /// that only the newest page (`state::history`), which falls back to a full read when it cannot complete
    /// the history. One read at a time; a read asked for meanwhile runs right after.
    fn sync_closed_trades(&self, full: bool) {
        if self.trading() != Some(true) {
            return;
        }
        let store = *self;
        let busy = store
            .closed_sync
            .try_update_value(|s| {
                let busy = *s != ClosedSync::Idle;
                *s = match *s {
                    ClosedSync::Idle => ClosedSync::Running,
                    ClosedSync::Running => ClosedSync::Again { full },
                    ClosedSync::Again { full: was } => ClosedSync::Again { full: was || full },
                };
                busy
            })
            .unwrap_or(true);
        if busy {
            return;
        }
        self.spawn(async move {
            let first = store.closed_trades.with_untracked(Option::is_none);
            let result = if full || first {
                store.read_all_closed().await
            } else {
                store.read_newest_closed().await
            };
            if let Err(e) = result {
                store.error.try_set(Some(e));
            }
            // The store may be gone by now: then nothing runs again.
            let again = store
                .closed_sync
                .try_update_value(|s| match std::mem::replace(s, ClosedSync::Idle) {
                    ClosedSync::Again { full } => Some(full),
                    _ => None,
                })
                .flatten();
            if let Some(full) = again {
                store.sync_closed_trades(full);
            }
        });
    }

    /// One small newest-first page: the trades closed since the last read are added to the known history.
    async fn read_newest_closed(&self) -> Result<(), ApiError> {
        let page = self.call(endpoints::newest_trades(NEWEST_PAGE)).await?;
        let merge = self
            .closed_trades
            .try_with_untracked(|known| {
                merge_newest(
                    known.as_deref().unwrap_or_default(),
                    page.trades,
                    page.total_trades,
                )
            })
            .ok_or(ApiError::Aborted)?;
        match merge {
            Merge::Current => {}
            Merge::Add(fresh) => {
                self.closed_trades.try_update(|history| {
                    if let Some(history) = history {
                        add_trades(history, fresh);
                    }
                });
            }
            Merge::Reread => return self.read_all_closed().await,
        }
        self.closed_total.try_set_value(Some(page.total_trades));
        Ok(())
    }

    /// Reads every page of `/trades` (closed trades, 500 per call) one after another, bounded by
    /// `state::paging` (a bot with a wrong `total_trades` cannot keep it reading).
    async fn read_all_closed(&self) -> Result<(), ApiError> {
        let mut all: Vec<Trade> = Vec::new();
        let mut paging = Paging::default();
        let (capped, total) = loop {
            let page = self
                .call(endpoints::trades(TRADES_PAGE, paging.offset()))
                .await?;
            let got = page.trades.len();
            all.extend(page.trades);
            match paging.after_page(got, page.total_trades) {
                Next::Fetch(_) => continue,
                Next::Done => break (false, page.total_trades),
                Next::Capped => break (true, page.total_trades),
            }
        };
        if capped {
            let bot = self
                .id
                .try_get_value()
                .and_then(|id| self.registry.entry(&id))
                .map(|e| e.name)
                .unwrap_or_default();
            self.toasts.show(
                Severity::Warning,
                bot,
                format!(
                    "Showing the first {} closed trades: the bot reports {total}, more than Freqboard reads at once.",
                    all.len()
                ),
            );
        }
        self.closed_trades.try_set(Some(all));
        self.closed_total.try_set_value(Some(total));
        Ok(())
    }

    /// Runs an action once: a repeated call with the same key while the first runs is dropped. Shows the bot's
    /// answer (`describe`) or its error as a toast, then refreshes everything.
    pub async fn act<T: DeserializeOwned + 'static>(
        &self,
        key: impl Into<String>,
        endpoint: Endpoint<T>,
        describe: impl FnOnce(&T) -> String + 'static,
    ) -> Option<T> {
        self.act_or_accept(key, endpoint, describe, |_| None)
            .await
            .flatten()
    }

    /// Like `act`, but `accept` may turn an error into a success message (some of freqtrade's answers fail
    /// after the action itself worked). Returns `Some(None)` for such an accepted error.
    ///
    /// The call, its toast and the refresh run in the bot's session, not the page: a user who confirms Stop and
    /// leaves the page still learns how it went. The caller only waits for the outcome, and may be gone.
    async fn act_or_accept<T: DeserializeOwned + 'static>(
        &self,
        key: impl Into<String>,
        endpoint: Endpoint<T>,
        describe: impl FnOnce(&T) -> String + 'static,
        accept: impl FnOnce(&ApiError) -> Option<String> + 'static,
    ) -> Option<Option<T>> {
        let value = Rc::new(Cell::new(None));
        let kept = Rc::clone(&value);
        let request = endpoint.request.clone();
        let settle = Box::new(move |body: Result<String, ApiError>| {
            match body.and_then(|body| endpoint.decode(&body)) {
                Ok(answer) => {
                    let text = describe(&answer);
                    kept.set(Some(answer));
                    Settled::Done(text)
                }
                Err(e) => match accept(&e) {
                    Some(message) => Settled::Accepted(message),
                    None => Settled::Failed(e.to_string()),
                },
            }
        });
        let done = self.run_action(key.into(), request, settle).await?;
        Some(if done { value.take() } else { None })
    }

    /// `act_or_accept`'s work, free of answer types (compiled once, not once per action: issue 10): sends the
    /// request in the bot's session, toasts how `settle` read the answer, and refreshes. `Some(true)` for done,
    /// `Some(false)` for an accepted error, `None` for a failure or an action already under way.
    async fn run_action(
        &self,
        key: String,
        request: ApiRequest,
        settle: Box<dyn FnOnce(Result<String, ApiError>) -> Settled>,
    ) -> Option<bool> {
        let id = self.id.try_get_value()?;
        let session = session_scope(&id)?;
        let fresh = self
            .running
            .try_update_value(|r| r.insert(key.clone()))
            .unwrap_or(false);
        if !fresh {
            return None;
        }
        let (store, registry, toasts) = (*self, self.registry, self.toasts);
        let (done, outcome) = oneshot::channel();
        session.spawn(async move {
            let body = registry.send(&id, &request).await;
            // The page (and its store) may be gone by now: `try_` everything that belongs to it.
            store.running.try_update_value(|r| r.remove(&key));
            let title = registry.entry(&id).map(|e| e.name).unwrap_or_default();
            let answer = match settle(body) {
                Settled::Done(text) => {
                    toasts.show(Severity::Success, title, text);
                    Some(true)
                }
                Settled::Accepted(message) => {
                    toasts.show(Severity::Success, title, message);
                    Some(false)
                }
                Settled::Failed(message) => {
                    toasts.show(Severity::Error, title, message);
                    None
                }
            };
            if store.scope().is_some() {
                store.refresh_all();
            }
            let _ = done.send(answer);
        });
        outcome.await.ok().flatten()
    }

    /// Whether an action with this key is under way (to disable its button).
    pub fn is_running(&self, key: &str) -> bool {
        self.running
            .try_with_value(|r| r.contains(key))
            .unwrap_or(false)
    }

    pub async fn start(&self) {
        self.act("start", endpoints::start(), |m| m.status.clone())
            .await;
    }

    pub async fn stop(&self) {
        self.act("stop", endpoints::stop(), |m| m.status.clone())
            .await;
    }

    pub async fn stopbuy(&self) {
        self.act("stopbuy", endpoints::stopbuy(), |m| m.status.clone())
            .await;
    }

    pub async fn reload_config(&self) {
        self.act("reload_config", endpoints::reload_config(), |m| {
            m.status.clone()
        })
        .await;
    }

    pub async fn force_exit(&self, payload: ForceExitPayload) -> bool {
        let key = format!("forceexit:{}", payload.tradeid);
        self.act(key, endpoints::forceexit(&payload), |m| m.result.clone())
            .await
            .is_some()
    }

    pub async fn force_enter(&self, payload: ForceEnterPayload) -> bool {
        let key = format!("forceenter:{}", payload.pair);
        self.act(
            key,
            endpoints::forceenter(&payload),
            |answer| match answer {
                ForceEnterResponse::Trade(t) => {
                    format!("Entered {} (trade #{}).", t.pair, t.trade_id)
                }
                ForceEnterResponse::Status(s) => s.status.clone(),
            },
        )
        .await
        .is_some()
    }

    pub async fn cancel_open_order(&self, id: TradeId) -> bool {
        self.act_or_accept(
            format!("cancel:{id}"),
            endpoints::cancel_open_order(id),
            |t| format!("Open order of trade #{} cancelled.", t.trade_id),
            move |e| {
                // When nothing of the entry order had filled, freqtrade deletes the trade and then fails to read
                // it back (HTTP 502 "no active trade"): the cancel itself worked.
                matches!(e, ApiError::Http { detail, .. } if detail.contains("no active trade"))
                    .then(|| format!("Order of trade #{id} cancelled; nothing had filled, so the bot removed the trade."))
            },
        )
        .await
        .is_some()
    }

    pub async fn delete_trade(&self, id: TradeId) -> bool {
        self.act(format!("delete:{id}"), endpoints::delete_trade(id), |r| {
            r.result_msg.clone()
        })
        .await
        .is_some()
    }

    /// Reloads a trade from the exchange; returns the bot's view of it.
    pub async fn reload_trade(&self, id: TradeId) -> Option<Trade> {
        self.act(format!("reload:{id}"), endpoints::reload_trade(id), |t| {
            format!("Trade #{} reloaded.", t.trade_id)
        })
        .await
    }

    /// Adds pairs to the blacklist; the bot's per-pair refusals are listed in the same toast.
    pub async fn blacklist_add(&self, pairs: Vec<String>) {
        let answer = self
            .act("blacklist", endpoints::blacklist_add(&pairs), |r| {
                let mut text = format!("Blacklist: {} pair(s).", r.length);
                for (pair, error) in r.errors.iter() {
                    text.push_str(&format!(" {pair}: {}", error.error_msg));
                }
                text
            })
            .await;
        if let Some(answer) = answer {
            self.blacklist.try_set(Some(answer));
        }
    }

    pub async fn blacklist_delete(&self, pairs: Vec<String>) {
        let answer = self
            .act("blacklist", endpoints::blacklist_delete(&pairs), |r| {
                format!("Blacklist: {} pair(s).", r.length)
            })
            .await;
        if let Some(answer) = answer {
            self.blacklist.try_set(Some(answer));
        }
    }

    pub async fn add_lock(&self, payload: LockPayload) {
        let key = format!("lock:{}", payload.pair);
        if let Some(answer) = self
            .act(key, endpoints::add_lock(&payload), |_| {
                "Pair locked.".to_string()
            })
            .await
        {
            self.locks.try_set(Some(answer));
        }
    }

    /// Deletes every lock on `pair` (`*` locks stay: they are every pair's).
    pub async fn delete_pair_locks(&self, pair: &str) {
        if let Some(answer) = self
            .act(
                format!("unlock-pair:{pair}"),
                endpoints::delete_pair_locks(pair),
                |_| "Pair unlocked.".to_string(),
            )
            .await
        {
            self.locks.try_set(Some(answer));
        }
    }

    pub async fn delete_lock(&self, id: LockId) {
        if let Some(answer) = self
            .act(format!("unlock:{id}"), endpoints::delete_lock(id), |_| {
                "Lock deleted.".to_string()
            })
            .await
        {
            self.locks.try_set(Some(answer));
        }
    }
}

/// The same store: the same session of the same bot (a store opened after a new login is another).
impl PartialEq for BotStore {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// Whether a trade of `before` is missing from `now` (closed or deleted since).
fn left_the_list(before: &[Trade], now: &[Trade]) -> bool {
    let now: HashSet<TradeId> = now.iter().map(|t| t.trade_id).collect();
    before.iter().any(|t| !now.contains(&t.trade_id))
}

/// The store provided by the Trade page.
pub fn use_bot_store() -> BotStore {
    expect_context::<BotStore>()
}
