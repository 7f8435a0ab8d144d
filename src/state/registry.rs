//! The bot registry: every bot the user logged into, its connection state, the selection, and the one place
//! where views reach a bot's API (`BotRegistry::call`).

use std::cell::RefCell;
use std::collections::HashMap;

use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use serde::de::DeserializeOwned;

use super::health;
use super::live::{self, LiveEvent};
use super::persist::{self, BotId, StoredBot};
use super::settings::{use_settings, SettingsContext};
use super::storage::{self, Area};
use super::toasts::{use_toasts, Severity, Toasts};
use crate::api::auth::Tokens;
use crate::api::client::{decode_list, BotClient, SessionEvent};
use crate::api::endpoint::Endpoint;
use crate::api::endpoints;
use crate::api::error::ApiError;
use crate::api::request::ApiRequest;
use crate::api::ws::SocketState;
use crate::api::ws_protocol::WsEvent;
use crate::runtime::Scope;

/// What the UI knows about a bot's reachability.
#[derive(Debug, Clone, PartialEq)]
pub enum BotStatus {
    /// Not checked yet.
    Unknown,
    Online,
    /// The bot answers, but late (or a call timed out while it had been answering); the message says how late.
    /// Polling thins out while a bot is slow.
    Slow(String),
    /// The last call failed at the network level, timed out or hit a server error; the message says why.
    Offline(String),
    /// The session ended (refresh refused or no tokens): the user must log in again.
    LoginRequired,
}

impl BotStatus {
    /// The explanation for a badge's title: why it is offline or slow, else the label.
    pub fn explanation(&self) -> String {
        match self {
            BotStatus::Offline(why) | BotStatus::Slow(why) => why.clone(),
            other => other.label().to_string(),
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            BotStatus::Unknown => "checking",
            BotStatus::Online => "online",
            BotStatus::Slow(_) => "slow",
            BotStatus::Offline(_) => "offline",
            BotStatus::LoginRequired => "login required",
        }
    }
}

/// A bot as views see it. Tokens are deliberately not here: they stay in the client and in storage.
#[derive(Debug, Clone, PartialEq)]
pub struct BotEntry {
    pub id: BotId,
    pub name: String,
    pub url: String,
    pub username: String,
    pub remember: bool,
    pub status: BotStatus,
    /// The message websocket's state.
    pub socket: SocketState,
    /// Open trades at the last look (`None` before the first).
    pub open_trades: Option<usize>,
    /// A `freqtrade webserver` (backtesting, no trading); `None` until its configuration was read once.
    pub webserver: Option<bool>,
}

thread_local! {
    // The clients hold `Rc`s and futures that are not `Send`, so they live beside the signals, keyed by bot id.
    static CLIENTS: RefCell<HashMap<BotId, BotClient>> = RefCell::new(HashMap::new());
    // The lifetime of each bot's session: work that must outlive a page (an action's answer and toast, pings)
    // runs in it, and ends with the session (logout, bot removed, new client).
    static SESSIONS: RefCell<HashMap<BotId, Scope>> = RefCell::new(HashMap::new());
    // Bots with a ping (or a ping retry chain) under way.
    static PINGING: RefCell<std::collections::HashSet<BotId>> = RefCell::new(std::collections::HashSet::new());
    // Bots whose coming end of session the user was told about (once per page load).
    static TOLD_ENDING: RefCell<std::collections::HashSet<BotId>> = RefCell::new(std::collections::HashSet::new());
}

/// Longest wait between pings of an unreachable bot in the first minute (then the wait grows to minutes, see
/// `ws_protocol::retry_delay_ms`; a page coming back into view wakes it).
const PING_RETRY_CAP_MS: u32 = 3_000;

fn client_of(id: &BotId) -> Option<BotClient> {
    CLIENTS.with(|c| c.borrow().get(id).cloned())
}

/// Starts a new session scope for `id`, ending the previous one.
fn renew_session(id: &BotId) -> Scope {
    let scope = Scope::detached();
    let old = SESSIONS.with(|s| s.borrow_mut().insert(id.clone(), scope.clone()));
    if let Some(old) = old {
        old.end();
    }
    // A ping chain of the ended session is dropped with it: let the new session ping.
    PINGING.with(|p| p.borrow_mut().remove(id));
    scope
}

fn end_session(id: &BotId) {
    if let Some(old) = SESSIONS.with(|s| s.borrow_mut().remove(id)) {
        old.end();
    }
    PINGING.with(|p| p.borrow_mut().remove(id));
}

/// The scope of a bot's session, for work that must outlive the page that started it.
pub fn session_scope(id: &BotId) -> Option<Scope> {
    SESSIONS.with(|s| s.borrow().get(id).cloned())
}

#[derive(Clone, Copy)]
pub struct BotRegistry {
    /// In the user's order.
    bots: RwSignal<Vec<BotEntry>>,
    selected: RwSignal<Option<BotId>>,
    /// Requests under way, for the loading indicator.
    in_flight: RwSignal<u32>,
    pub(super) toasts: Toasts,
    settings: SettingsContext,
    /// Bots whose loop is stale, with their last loop (Unix ms): `state::stale`.
    pub(super) stale: RwSignal<std::collections::HashMap<BotId, i64>>,
}

impl BotRegistry {
    /// Loads the stored bots and provides the registry as context.
    pub fn provide() -> Self {
        let registry = Self {
            bots: RwSignal::new(Vec::new()),
            selected: RwSignal::new(None),
            in_flight: RwSignal::new(0),
            toasts: use_toasts(),
            settings: use_settings(),
            stale: RwSignal::new(Default::default()),
        };
        registry.load();
        live::close_all_on_page_hide();
        registry.reconnect_on_page_show();
        provide_context(registry);
        registry
    }

    pub fn bots(&self) -> Signal<Vec<BotEntry>> {
        self.bots.into()
    }

    pub fn selected_id(&self) -> Signal<Option<BotId>> {
        self.selected.into()
    }

    /// The selected bot's entry.
    pub fn selected(&self) -> Signal<Option<BotEntry>> {
        let (bots, selected) = (self.bots, self.selected);
        Signal::derive(move || {
            let id = selected.get()?;
            bots.with(|list| list.iter().find(|b| b.id == id).cloned())
        })
    }

    /// How many bots have a session (restored from storage or new).
    pub fn logged_in_count(&self) -> usize {
        self.bots.with_untracked(|list| {
            list.iter()
                .filter(|b| client_of(&b.id).is_some_and(|c| c.has_tokens()))
                .count()
        })
    }

    /// Where the app starts (and a login without `?redirect=` leads): the fleet once two or more bots are logged
    /// in, the Trade page before that.
    pub fn start_page(&self) -> &'static str {
        if self.logged_in_count() >= 2 {
            "/fleet"
        } else {
            crate::util::redirect::DEFAULT_AFTER_LOGIN
        }
    }

    pub fn entry(&self, id: &BotId) -> Option<BotEntry> {
        self.bots
            .with_untracked(|list| list.iter().find(|b| &b.id == id).cloned())
    }

    pub fn busy(&self) -> Signal<bool> {
        let in_flight = self.in_flight;
        Signal::derive(move || in_flight.get() > 0)
    }

    fn load(&self) {
        let local = persist::decode_bots(storage::get(Area::Local, persist::BOTS_KEY).as_deref());
        let session =
            persist::decode_bots(storage::get(Area::Session, persist::BOTS_KEY).as_deref());
        let stored = persist::merge_bots(local, session);
        let entries = stored
            .into_iter()
            .map(|bot| self.install(bot))
            .collect::<Vec<_>>();
        let wanted = storage::get(Area::Local, persist::SELECTED_KEY).map(BotId);
        let selected = match wanted {
            Some(id) if entries.iter().any(|b| b.id == id) => Some(id),
            _ => entries.first().map(|b| b.id.clone()),
        };
        self.bots.set(entries);
        self.selected.set(selected);
    }

    /// Creates the client of a stored bot and returns its entry.
    fn install(&self, bot: StoredBot) -> BotEntry {
        let status = if bot.tokens.is_some() {
            BotStatus::Unknown
        } else {
            BotStatus::LoginRequired
        };
        let registry = *self;
        let id = bot.id.clone();
        let client = BotClient::new(bot.url.clone(), bot.tokens, move |event| {
            registry.on_session(&id, event)
        });
        let logged_in = client.has_tokens();
        CLIENTS.with(|c| c.borrow_mut().insert(bot.id.clone(), client));
        renew_session(&bot.id);
        // Not in the list yet (so `connect` cannot tell): a known webserver gets no socket.
        if logged_in && bot.webserver != Some(true) {
            self.connect(&bot.id);
        }
        BotEntry {
            id: bot.id,
            name: bot.name,
            url: bot.url,
            username: bot.username,
            remember: bot.remember,
            status,
            socket: SocketState::Off,
            open_trades: None,
            webserver: bot.webserver,
        }
    }

    /// A page restored from the back/forward cache had its sockets closed on `pagehide`: open them again.
    fn reconnect_on_page_show(&self) {
        let registry = *self;
        crate::runtime::page::listen_window("pageshow", move |event| {
            // `pageshow` fires on the first load too; only a page restored from the cache needs this.
            let restored = js_sys::Reflect::get(&event, &"persisted".into())
                .ok()
                .and_then(|v| v.as_bool());
            if restored != Some(true) {
                return;
            }
            let ids: Vec<BotId> = registry
                .bots
                .with_untracked(|l| l.iter().map(|e| e.id.clone()).collect());
            for id in ids
                .iter()
                .filter(|id| client_of(id).is_some_and(|c| c.has_tokens()))
            {
                registry.connect(id);
            }
        });
    }

    /// (Re)starts a bot's websocket with its current session. A `freqtrade webserver` has none (its message
    /// websocket needs the trading RPC and never opens): nothing is tried, nothing is announced.
    fn connect(&self, id: &BotId) {
        if self.entry(id).is_some_and(|e| e.webserver == Some(true)) {
            return;
        }
        let Some(client) = client_of(id) else { return };
        let registry = *self;
        let (event_id, state_id) = (id.clone(), id.clone());
        live::connect(
            id,
            client,
            move |event| registry.notice(&event_id, event),
            move |state| registry.on_socket_state(&state_id, state),
        );
    }

    fn on_socket_state(&self, id: &BotId, state: SocketState) {
        let Some(before) = self.entry(id).map(|e| e.socket) else {
            return;
        };
        if before == state {
            return;
        }
        // try_update: the socket may report after its bot was removed.
        self.bots.try_update(|list| {
            if let Some(e) = list.iter_mut().find(|e| &e.id == id) {
                e.socket = state;
            }
        });
        match (before, state) {
            // The socket dropped: find out at once whether the bot is gone.
            (SocketState::Live, _) => self.ping(id),
            (_, SocketState::Live) => {
                self.set_status(id, BotStatus::Online);
                live::dispatch(id, &LiveEvent::Reconnected);
            }
            (_, SocketState::Unavailable) => {
                let title = self.entry(id).map(|e| e.name).unwrap_or_default();
                self.toasts.show(
                    Severity::Warning,
                    title,
                    "Live updates are off: the bot answers, but its websocket never opened (a proxy that does not \
                     pass websocket upgrades?). Freqboard polls instead; the Bots page shows the fix.",
                );
            }
            _ => {}
        }
    }

    /// Shows a websocket event that a user should see, as a toast of fitting severity.
    fn notice(&self, id: &BotId, event: &WsEvent) {
        let title = self.entry(id).map(|e| e.name).unwrap_or_default();
        let notify = self.settings.0.with_untracked(|s| s.notify);
        if let Some(kind) = event.toast_kind() {
            if !notify.allows(kind) {
                return;
            }
        }
        let shown = match event {
            WsEvent::EntryFill(t) => Some((
                Severity::Success,
                format!(
                    "Entry fill: {} {} at {}",
                    t.pair,
                    t.direction,
                    crate::util::format::number(t.open_rate, 6)
                ),
            )),
            WsEvent::ExitFill(t) => Some((
                Severity::Success,
                format!(
                    "Exit fill: {} {} at {} ({}%)",
                    t.pair,
                    t.direction,
                    crate::util::format::number(t.close_rate, 6),
                    crate::util::format::number(t.profit_ratio.map(|r| r * 100.0), 2)
                ),
            )),
            WsEvent::EntryCancel(t) => Some((
                Severity::Warning,
                format!(
                    "Entry order cancelled for {}: {}",
                    t.pair,
                    t.reason.clone().unwrap_or_default()
                ),
            )),
            WsEvent::ExitCancel(t) => Some((
                Severity::Warning,
                format!(
                    "Exit order cancelled for {}: {}",
                    t.pair,
                    t.reason.clone().unwrap_or_default()
                ),
            )),
            WsEvent::Status(text) | WsEvent::Startup(text) | WsEvent::StrategyMsg(text) => {
                Some((Severity::Info, text.clone()))
            }
            WsEvent::Warning(text) => Some((Severity::Warning, text.clone())),
            WsEvent::Exception(text) => Some((Severity::Error, text.clone())),
            WsEvent::ProtectionTrigger(p) | WsEvent::ProtectionTriggerGlobal(p) => Some((
                Severity::Warning,
                format!(
                    "Protection locked {} until {}: {}",
                    p.pair,
                    p.lock_end_time.clone().unwrap_or_default(),
                    p.reason.clone().unwrap_or_default()
                ),
            )),
            WsEvent::LiquidationWarning(l) => Some((
                Severity::Error,
                format!(
                    "{} is close to liquidation at {}",
                    l.pair,
                    crate::util::format::number(l.liquidation_price, 6)
                ),
            )),
            _ => None,
        };
        if let Some((severity, text)) = shown {
            self.alert_with(id, &title, &text, None);
            self.toasts.show(severity, title, text);
        }
    }

    fn on_session(&self, id: &BotId, event: SessionEvent) {
        if event == SessionEvent::LoginRequired {
            self.set_status(id, BotStatus::LoginRequired);
        }
        // New or dropped tokens: write them through.
        self.save();
    }

    /// Writes the registry to storage: remembered bots to localStorage, the others to sessionStorage.
    fn save(&self) {
        let stored: Vec<StoredBot> = self.bots.with_untracked(|list| {
            list.iter()
                .enumerate()
                .map(|(order, b)| StoredBot {
                    id: b.id.clone(),
                    name: b.name.clone(),
                    url: b.url.clone(),
                    username: b.username.clone(),
                    tokens: client_of(&b.id).and_then(|c| c.tokens()),
                    order: order as u32,
                    remember: b.remember,
                    webserver: b.webserver,
                })
                .collect()
        });
        storage::set(
            Area::Local,
            persist::BOTS_KEY,
            &persist::encode_bots(stored.iter().filter(|b| b.remember)),
        );
        storage::set(
            Area::Session,
            persist::BOTS_KEY,
            &persist::encode_bots(stored.iter().filter(|b| !b.remember)),
        );
        match self.selected.get_untracked() {
            Some(id) => storage::set(Area::Local, persist::SELECTED_KEY, &id.0),
            None => {
                storage::remove(Area::Local, persist::SELECTED_KEY);
                true
            }
        };
    }

    /// Adds a freshly logged-in bot, or renews the session of `existing` (re-login), and selects it.
    pub fn add_logged_in(
        &self,
        existing: Option<BotId>,
        name: String,
        url: String,
        username: String,
        tokens: Tokens,
        remember: bool,
    ) -> BotId {
        let known = existing.filter(|id| self.entry(id).is_some());
        let id = match known {
            Some(id) => {
                // A new URL needs a new client; the same URL keeps it and only swaps the tokens.
                let same_url = self.entry(&id).map(|e| e.url == url).unwrap_or(false);
                match client_of(&id) {
                    Some(client) if same_url => {
                        client.set_tokens(Some(tokens));
                        self.connect(&id);
                    }
                    _ => {
                        let _ = self.install(StoredBot {
                            id: id.clone(),
                            name: name.clone(),
                            url: url.clone(),
                            username: username.clone(),
                            tokens: Some(tokens),
                            order: 0,
                            remember,
                            webserver: None,
                        });
                    }
                }
                self.bots.update(|list| {
                    if let Some(e) = list.iter_mut().find(|e| e.id == id) {
                        if e.url != url {
                            e.webserver = None;
                        }
                        e.name = name;
                        e.url = url;
                        e.username = username;
                        e.remember = remember;
                        e.status = BotStatus::Unknown;
                    }
                });
                id
            }
            None => {
                let stored_now: Vec<StoredBot> = self.bots.with_untracked(|list| {
                    list.iter()
                        .map(|b| StoredBot {
                            id: b.id.clone(),
                            name: b.name.clone(),
                            url: b.url.clone(),
                            username: String::new(),
                            tokens: None,
                            order: 0,
                            remember: true,
                            webserver: None,
                        })
                        .collect()
                });
                let id = persist::next_bot_id(&stored_now);
                let entry = self.install(StoredBot {
                    id: id.clone(),
                    name,
                    url,
                    username,
                    tokens: Some(tokens),
                    order: 0,
                    remember,
                    webserver: None,
                });
                self.bots.update(|list| list.push(entry));
                id
            }
        };
        self.selected.set(Some(id.clone()));
        self.save();
        self.ping(&id);
        id
    }

    pub fn select(&self, id: &BotId) {
        if self.entry(id).is_some() {
            self.selected.set(Some(id.clone()));
            self.save();
        }
    }

    pub fn rename(&self, id: &BotId, name: String) {
        let name = name.trim().to_string();
        if name.is_empty() {
            return;
        }
        self.bots.update(|list| {
            if let Some(e) = list.iter_mut().find(|e| &e.id == id) {
                e.name = name;
            }
        });
        self.save();
    }

    /// Moves a bot one place up (`-1`) or down (`+1`) in the list.
    pub fn shift(&self, id: &BotId, delta: isize) {
        self.bots.update(|list| {
            let Some(from) = list.iter().position(|e| &e.id == id) else {
                return;
            };
            let to = from as isize + delta;
            if to >= 0 && (to as usize) < list.len() {
                list.swap(from, to as usize);
            }
        });
        self.save();
    }

    /// Logs out of a bot locally and forgets it. freqtrade has no logout endpoint; dropping the tokens is the logout.
    pub fn remove(&self, id: &BotId) {
        super::bot_store::end_store(id);
        super::backtest::end_backtests(id);
        super::jobs::end_jobs(id);
        super::pairlists::end_pairlists(id);
        live::disconnect(id);
        CLIENTS.with(|c| c.borrow_mut().remove(id));
        end_session(id);
        self.bots.update(|list| list.retain(|e| &e.id != id));
        if self.selected.get_untracked().as_ref() == Some(id) {
            self.selected.set(
                self.bots
                    .with_untracked(|l| l.first().map(|e| e.id.clone())),
            );
        }
        self.save();
    }

    /// Records a bot's open-trade count (for the title and the icon badge).
    pub fn set_open_trades(&self, id: &BotId, count: usize) {
        self.bots.try_update(|list| {
            if let Some(e) = list.iter_mut().find(|e| &e.id == id) {
                if e.open_trades != Some(count) {
                    e.open_trades = Some(count);
                }
            }
        });
    }

    /// Notes which kind of bot `id` is, from its configuration (kept with the bot in storage).
    pub fn set_kind(&self, id: &BotId, webserver: bool) {
        // Called on every configuration read: the bot list (and all that shows it) changes only when the kind does.
        let changed = self
            .bots
            .try_with_untracked(|l| {
                l.iter()
                    .any(|e| &e.id == id && e.webserver != Some(webserver))
            })
            .unwrap_or(false);
        if !changed {
            return;
        }
        let was_webserver = self.entry(id).is_some_and(|e| e.webserver == Some(true));
        self.bots.try_update(|list| {
            if let Some(e) = list.iter_mut().find(|e| &e.id == id) {
                e.webserver = Some(webserver);
            }
        });
        self.save();
        if webserver {
            // Learned after login started its socket: stop it before it gives up with a misleading warning.
            live::disconnect(id);
            self.on_socket_state(id, SocketState::Off);
        } else if was_webserver && client_of(id).is_some_and(|c| c.has_tokens()) {
            // Restarted as a trading bot on the same address.
            self.connect(id);
        }
    }

    /// Whether `id` is a `freqtrade webserver`; `None` until known. Tracked.
    pub fn is_webserver(&self, id: &BotId) -> Signal<Option<bool>> {
        let bots = self.bots;
        let id = id.clone();
        Signal::derive(move || {
            bots.with(|l| l.iter().find(|e| e.id == id).and_then(|e| e.webserver))
        })
    }

    /// Reads the configuration of a bot whose kind is not known yet (once per session), so the navbar and the
    /// pages know whether it trades.
    fn learn_kind(&self, id: &BotId) {
        // A store reads the configuration itself (and notes the kind).
        if self.entry(id).is_none_or(|e| e.webserver.is_some())
            || super::bot_store::BotStore::existing(id).is_some()
        {
            return;
        }
        let Some(session) = session_scope(id) else {
            return;
        };
        let registry = *self;
        let id = id.clone();
        session.spawn(async move {
            if let Ok(config) = registry.call(&id, endpoints::show_config()).await {
                registry.set_kind(&id, config.is_webserver());
                registry.note_timeframe(&id, config.timeframe_ms);
            }
        });
    }

    fn set_status(&self, id: &BotId, status: BotStatus) {
        let went_offline = self.bots.try_update(|list| {
            let e = list.iter_mut().find(|e| &e.id == id)?;
            if e.status == status {
                return None;
            }
            let was_up = matches!(e.status, BotStatus::Online | BotStatus::Slow(_));
            let down = matches!(status, BotStatus::Offline(_))
                .then(|| (e.name.clone(), status.explanation()));
            e.status = status;
            down.filter(|_| was_up)
        });
        if let Some(Some((name, why))) = went_offline {
            self.alert(id, &name, &format!("Offline: {why}"), "status");
        }
    }

    /// A browser notification about a bot, when the user switched them on; `tag` (`status`, `session`) makes a
    /// newer one of the same kind replace the older.
    pub(super) fn alert(&self, id: &BotId, name: &str, text: &str, tag: &str) {
        self.alert_with(id, name, text, Some(&format!("freqboard-{}-{tag}", id.0)));
    }

    /// A browser notification (and the tone, when chosen) for bot `id`, unless alerts are off or the bot is
    /// quiet.
    fn alert_with(&self, id: &BotId, name: &str, text: &str, tag: Option<&str>) {
        let (on, sound) = self
            .settings
            .0
            .with_untracked(|s| (s.alerts_for(&id.0), s.alert_sound));
        if on {
            super::alerts::send(name, text, tag);
            if sound {
                super::alerts::chime();
            }
        }
    }

    /// Calls an endpoint of a bot, keeping its online state and the loading indicator up to date.
    pub(in crate::state) async fn call<T: DeserializeOwned>(
        &self,
        id: &BotId,
        endpoint: Endpoint<T>,
    ) -> Result<T, ApiError> {
        let body = self.send(id, &endpoint.request).await?;
        endpoint.decode(&body)
    }

    /// Like `call`, for a list answer that may be big: decoded in slices (`api::client::decode_list`).
    pub(in crate::state) async fn call_list<E: DeserializeOwned>(
        &self,
        id: &BotId,
        endpoint: Endpoint<Vec<E>>,
    ) -> Result<Vec<E>, ApiError> {
        let body = self.send(id, &endpoint.request).await?;
        decode_list(&endpoint, body).await
    }

    /// Sends a request to a bot with the loading indicator on, and notes how it went (time and outcome) in the
    /// bot's status. Boxed and free of answer types: compiled once for every call (bundle size, issue 10).
    pub(in crate::state) fn send<'a>(
        &'a self,
        id: &'a BotId,
        request: &'a ApiRequest,
    ) -> LocalBoxFuture<'a, Result<String, ApiError>> {
        Box::pin(self.send_tracked(id, request))
    }

    async fn send_tracked(&self, id: &BotId, request: &ApiRequest) -> Result<String, ApiError> {
        let client = client_of(id).ok_or(ApiError::LoginRequired)?;
        self.in_flight.update(|n| *n += 1);
        let started = js_sys::Date::now();
        let result = client.send(request).await;
        self.in_flight.update(|n| *n = n.saturating_sub(1));
        self.note_outcome(
            id,
            js_sys::Date::now() - started,
            result.as_ref().map(|_| ()),
        );
        result
    }

    /// Updates a bot's status from how a call went (`state::health` has the rules).
    fn note_outcome(&self, id: &BotId, elapsed_ms: f64, result: Result<(), &ApiError>) {
        let Some(current) = self.entry(id).map(|e| e.status) else {
            return;
        };
        if let Some(next) = health::after_call(&current, elapsed_ms, result) {
            self.set_status(id, next);
        }
    }

    /// True while a bot's answers are slow (its polling thins out).
    pub fn is_slow(&self, id: &BotId) -> bool {
        self.entry(id)
            .is_some_and(|e| matches!(e.status, BotStatus::Slow(_)))
    }

    /// Checks that a bot answers `/ping` (no login needed); a bot whose session ended stays "login required".
    /// While the bot is unreachable, pings repeat with a short backoff so its return is noticed within seconds.
    pub fn ping(&self, id: &BotId) {
        if PINGING.with(|p| !p.borrow_mut().insert(id.clone())) {
            return; // a ping (or a retry chain) is already running
        }
        let registry = *self;
        let id = id.clone();
        let Some(session) = session_scope(&id) else {
            PINGING.with(|p| p.borrow_mut().remove(&id));
            return;
        };
        session.spawn(async move {
            let mut attempt = 0u32;
            loop {
                let Some(client) = client_of(&id) else { break };
                // A bot without a session stays "login required" whether or not it answers: flipping it to
                // offline and back would rebuild every page that waits for a login each time.
                if !client.has_tokens() {
                    registry.set_status(&id, BotStatus::LoginRequired);
                    break;
                }
                let started = js_sys::Date::now();
                let result = client.call(&endpoints::ping()).await;
                let elapsed = js_sys::Date::now() - started;
                let was_offline = matches!(
                    registry.entry(&id).map(|e| e.status),
                    Some(BotStatus::Offline(_))
                );
                // A quick pong says nothing about how slowly the bot's other answers come: only those clear "slow".
                let was_slow = registry.is_slow(&id);
                if !(was_slow && result.is_ok()) {
                    registry.note_outcome(&id, elapsed, result.as_ref().map(|_| ()));
                }
                if !client.has_tokens() {
                    registry.set_status(&id, BotStatus::LoginRequired);
                }
                let offline = matches!(
                    registry.entry(&id).map(|e| e.status),
                    Some(BotStatus::Offline(_))
                );
                if !offline {
                    if client.has_tokens() {
                        registry.learn_kind(&id);
                    }
                    if was_offline {
                        live::dispatch(&id, &LiveEvent::Reconnected);
                    }
                    break;
                }
                let delay = crate::api::ws_protocol::retry_delay_ms(
                    attempt,
                    js_sys::Math::random(),
                    PING_RETRY_CAP_MS,
                );
                attempt = attempt.saturating_add(1);
                crate::api::wake::sleep_or_wake(delay).await;
            }
            PINGING.with(|p| p.borrow_mut().remove(&id));
        });
    }

    /// The ms left of a bot's login when it ends within a day (`health::session_ending`), from its refresh
    /// token's expiry; `None` otherwise.
    pub fn session_ending(&self, id: &BotId) -> Option<i64> {
        let tokens = client_of(id).and_then(|c| c.tokens())?;
        health::session_ending(
            crate::api::auth::token_expiry_s(&tokens.refresh),
            js_sys::Date::now() as i64,
        )
    }

    /// Tells the user, once, about each login that ends within a day: a toast (and a browser notification when
    /// switched on) that says to log in again.
    fn tell_ending_sessions(&self) {
        let bots: Vec<(BotId, String)> = self
            .bots
            .with_untracked(|l| l.iter().map(|e| (e.id.clone(), e.name.clone())).collect());
        for (id, name) in bots {
            let Some(left) = self.session_ending(&id) else {
                continue;
            };
            if !TOLD_ENDING.with(|t| t.borrow_mut().insert(id.clone())) {
                continue;
            }
            let text = format!(
                "The login to this bot ends in {}. Log in again from the Bots page to keep it connected.",
                crate::util::format::duration_minutes(left as f64 / 1_000.0)
            );
            self.alert(&id, &name, &text, "session");
            self.toasts.show(Severity::Warning, name, text);
        }
    }

    /// Pings every bot whose websocket is not live (a live socket already proves the bot is up), and warns of
    /// logins about to end.
    pub fn ping_all(&self) {
        self.tell_ending_sessions();
        self.check_loops();
        let ids: Vec<BotId> = self.bots.with_untracked(|l| {
            l.iter()
                .filter(|e| e.socket != SocketState::Live)
                .map(|e| e.id.clone())
                .collect()
        });
        for id in ids {
            self.ping(&id);
        }
    }
}

/// The registry provided by `App`.
pub fn use_registry() -> BotRegistry {
    expect_context::<BotRegistry>()
}
