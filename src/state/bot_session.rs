//! What every per-bot session object of a page (`Backtests`, `Jobs`) shares: a handle to call its bot, spawn
//! work for the bot's session and tell the user; and a map of such objects, one per bot, owned by the app's
//! root so they outlive a page switch and end with the bot's session.

use std::cell::RefCell;
use std::collections::HashMap;
use std::thread::LocalKey;

use leptos::prelude::*;

use super::persist::BotId;
use super::registry::{session_scope, use_registry, BotRegistry};
use super::toasts::{use_toasts, Severity, Toasts};
use crate::api::endpoint::Endpoint;
use crate::api::error::ApiError;

/// One bot, as a session object talks to it.
#[derive(Clone, Copy)]
pub struct BotHandle {
    id: StoredValue<BotId>,
    registry: BotRegistry,
    toasts: Toasts,
}

impl BotHandle {
    /// Needs the app's context (registry, toasts).
    pub fn new(id: BotId) -> Self {
        BotHandle {
            id: StoredValue::new(id),
            registry: use_registry(),
            toasts: use_toasts(),
        }
    }

    /// The bot, while the handle lives.
    pub fn id(&self) -> Option<BotId> {
        self.id.try_get_value()
    }

    /// Runs `task` for as long as the bot's session lasts (logout ends it).
    pub fn spawn(&self, task: impl std::future::Future<Output = ()> + 'static) {
        if let Some(scope) = self.id().and_then(|id| session_scope(&id)) {
            scope.spawn(task);
        }
    }

    pub async fn call<T: serde::de::DeserializeOwned>(
        &self,
        endpoint: Endpoint<T>,
    ) -> Result<T, ApiError> {
        let id = self.id().ok_or(ApiError::Aborted)?;
        self.registry.call(&id, endpoint).await
    }

    /// A toast named after the bot.
    pub fn toast(&self, severity: Severity, text: impl Into<String>) {
        let name = self
            .id()
            .and_then(|id| self.registry.entry(&id))
            .map(|e| e.name)
            .unwrap_or_default();
        self.toasts.show(severity, name, text);
    }
}

impl BotHandle {
    /// An action: one request at a time (`busy` is true meanwhile, and a call while busy does nothing);
    /// `then` gets the answer, `failed` any error but an aborted call.
    pub fn act<T: serde::de::DeserializeOwned + 'static>(
        &self,
        busy: RwSignal<bool>,
        endpoint: Endpoint<T>,
        then: impl FnOnce(T) + 'static,
        failed: impl FnOnce(ApiError) + 'static,
    ) {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let bot = *self;
        self.spawn(async move {
            let result = bot.call(endpoint).await;
            busy.try_set(false);
            match result {
                Ok(value) => then(value),
                Err(ApiError::Aborted) => {}
                Err(e) => failed(e),
            }
        });
    }

    /// Runs `step` every `every_ms` while the page is visible, until it answers false (or the session ends).
    /// `following` is true meanwhile: a second call while one follows does nothing.
    pub fn follow<F, Fut>(
        &self,
        following: StoredValue<bool>,
        visible: Signal<bool>,
        every_ms: u32,
        step: F,
    ) where
        F: Fn() -> Fut + 'static,
        Fut: std::future::Future<Output = bool>,
    {
        let started = following
            .try_update_value(|f| !std::mem::replace(f, true))
            .unwrap_or(false);
        if !started {
            return;
        }
        self.spawn(async move {
            loop {
                gloo_timers::future::TimeoutFuture::new(every_ms).await;
                if !visible.get_untracked() {
                    continue;
                }
                if !step().await {
                    break;
                }
            }
            following.try_set_value(false);
        });
    }
}

/// Session objects of one kind, by bot.
pub type SessionMap<T> = RefCell<HashMap<BotId, (Owner, T)>>;

/// The object of `id` in `map`, or a new one made by `make` under the app's root owner (untracked, so the page
/// that asks does not subscribe to what it reads while it starts); true when new.
pub fn session_value<T: Copy + 'static>(
    map: &'static LocalKey<SessionMap<T>>,
    id: &BotId,
    make: impl FnOnce() -> T,
) -> (T, bool) {
    if let Some(v) = map.with(|m| m.borrow().get(id).map(|(_, v)| *v)) {
        return (v, false);
    }
    let owner = match super::bot_store::root_owner() {
        Some(root) => root.with(Owner::new),
        None => Owner::new(),
    };
    let v = untrack(|| owner.with(make));
    map.with(|m| m.borrow_mut().insert(id.clone(), (owner, v)));
    (v, true)
}

/// Forgets the object of `id` (logout, bot removed); its reactive owner is cleaned up after the current task.
pub fn end_session_value<T: 'static>(map: &'static LocalKey<SessionMap<T>>, id: &BotId) {
    if let Some((owner, _)) = map.with(|m| m.borrow_mut().remove(id)) {
        set_timeout(move || owner.cleanup(), std::time::Duration::ZERO);
    }
}
