//! The bot registry: every bot the user logged into, its connection state, the selection, and the one place
//! where views reach a bot's API (`BotRegistry::call`).

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;

use super::persist::{self, BotId, StoredBot};
use super::storage::{self, Area};
use crate::api::auth::Tokens;
use crate::api::client::{BotClient, SessionEvent};
use crate::api::endpoint::Endpoint;
use crate::api::endpoints;
use crate::api::error::ApiError;

/// What the UI knows about a bot's reachability.
#[derive(Debug, Clone, PartialEq)]
pub enum BotStatus {
    /// Not checked yet.
    Unknown,
    Online,
    /// The last call failed at the network level, timed out or hit a server error; the message says why.
    Offline(String),
    /// The session ended (refresh refused or no tokens): the user must log in again.
    LoginRequired,
}

impl BotStatus {
    pub fn label(&self) -> &'static str {
        match self {
            BotStatus::Unknown => "checking",
            BotStatus::Online => "online",
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
}

thread_local! {
    // The clients hold `Rc`s and futures that are not `Send`, so they live beside the signals, keyed by bot id.
    static CLIENTS: RefCell<HashMap<BotId, BotClient>> = RefCell::new(HashMap::new());
}

fn client_of(id: &BotId) -> Option<BotClient> {
    CLIENTS.with(|c| c.borrow().get(id).cloned())
}

#[derive(Clone, Copy)]
pub struct BotRegistry {
    /// In the user's order.
    bots: RwSignal<Vec<BotEntry>>,
    selected: RwSignal<Option<BotId>>,
    /// Requests under way, for the loading indicator.
    in_flight: RwSignal<u32>,
}

impl BotRegistry {
    /// Loads the stored bots and provides the registry as context.
    pub fn provide() -> Self {
        let registry = Self {
            bots: RwSignal::new(Vec::new()),
            selected: RwSignal::new(None),
            in_flight: RwSignal::new(0),
        };
        registry.load();
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
        CLIENTS.with(|c| c.borrow_mut().insert(bot.id.clone(), client));
        BotEntry {
            id: bot.id,
            name: bot.name,
            url: bot.url,
            username: bot.username,
            remember: bot.remember,
            status,
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
                    Some(client) if same_url => client.set_tokens(Some(tokens)),
                    _ => {
                        let _ = self.install(StoredBot {
                            id: id.clone(),
                            name: name.clone(),
                            url: url.clone(),
                            username: username.clone(),
                            tokens: Some(tokens),
                            order: 0,
                            remember,
                        });
                    }
                }
                self.bots.update(|list| {
                    if let Some(e) = list.iter_mut().find(|e| e.id == id) {
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
        CLIENTS.with(|c| c.borrow_mut().remove(id));
        self.bots.update(|list| list.retain(|e| &e.id != id));
        if self.selected.get_untracked().as_ref() == Some(id) {
            self.selected.set(
                self.bots
                    .with_untracked(|l| l.first().map(|e| e.id.clone())),
            );
        }
        self.save();
    }

    fn set_status(&self, id: &BotId, status: BotStatus) {
        self.bots.update(|list| {
            if let Some(e) = list.iter_mut().find(|e| &e.id == id) {
                if e.status != status {
                    e.status = status;
                }
            }
        });
    }

    /// Calls an endpoint of a bot, keeping its online state and the loading indicator up to date.
    pub async fn call<T: DeserializeOwned>(
        &self,
        id: &BotId,
        endpoint: Endpoint<T>,
    ) -> Result<T, ApiError> {
        let client = client_of(id).ok_or(ApiError::LoginRequired)?;
        self.in_flight.update(|n| *n += 1);
        let result = client.call(&endpoint).await;
        self.in_flight.update(|n| *n = n.saturating_sub(1));
        match &result {
            Ok(_) => self.set_status(id, BotStatus::Online),
            Err(ApiError::LoginRequired) => self.set_status(id, BotStatus::LoginRequired),
            Err(e) if e.marks_offline() => self.set_status(id, BotStatus::Offline(e.to_string())),
            Err(_) => {}
        }
        result
    }

    /// Checks that a bot answers `/ping` (no login needed); a bot whose session ended stays "login required".
    pub fn ping(&self, id: &BotId) {
        let Some(client) = client_of(id) else { return };
        let registry = *self;
        let id = id.clone();
        spawn_local(async move {
            let result = client.call(&endpoints::ping()).await;
            let logged_in = client.has_tokens();
            let status = match result {
                Ok(_) if logged_in => BotStatus::Online,
                Ok(_) => BotStatus::LoginRequired,
                Err(e) => BotStatus::Offline(e.to_string()),
            };
            registry.set_status(&id, status);
        });
    }

    pub fn ping_all(&self) {
        let ids: Vec<BotId> = self
            .bots
            .with_untracked(|l| l.iter().map(|e| e.id.clone()).collect());
        for id in ids {
            self.ping(&id);
        }
    }
}

/// The registry provided by `App`.
pub fn use_registry() -> BotRegistry {
    expect_context::<BotRegistry>()
}
