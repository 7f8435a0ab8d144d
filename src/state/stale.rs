//! Stale bots: up (they answer) but not running their loop, so not trading. The ping rounds read `/health` of
//! every logged-in trading bot every half timeframe (`health::loop_check_due`) and flag the bot when its last
//! loop is older than twice the timeframe (`health::is_stale`). A stopped trader does not loop either: that is
//! its state, not a fault, so a bot is only flagged after its configuration says it runs. Becoming stale and
//! recovering are told once each (a toast, and a browser notification when alerts are on).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use leptos::prelude::*;

use super::health;
use super::persist::BotId;
use super::registry::{session_scope, BotRegistry, BotStatus};
use super::toasts::Severity;
use crate::api::endpoints;
use crate::api::wire::TraderState;
use crate::util::format;

thread_local! {
    // The timeframe (ms) of each trading bot, from its configuration.
    static TIMEFRAMES: RefCell<HashMap<BotId, i64>> = RefCell::new(HashMap::new());
    // Bots with a `/health` read under way.
    static CHECKING: RefCell<HashSet<BotId>> = RefCell::new(HashSet::new());
    // When each bot's loop was last checked (ms): checks come every half timeframe, not every ping round.
    static LAST_CHECK: RefCell<HashMap<BotId, f64>> = RefCell::new(HashMap::new());
}

impl BotRegistry {
    /// Notes a trading bot's timeframe (from its configuration): its loop is watched from then on.
    pub fn note_timeframe(&self, id: &BotId, timeframe_ms: Option<i64>) {
        TIMEFRAMES.with(|t| match timeframe_ms.filter(|ms| *ms > 0) {
            Some(ms) => t.borrow_mut().insert(id.clone(), ms),
            None => t.borrow_mut().remove(id),
        });
    }

    /// The last loop (Unix ms) of a bot that is stale; `None` while it loops. Tracked.
    pub fn stale_since(&self, id: &BotId) -> Signal<Option<i64>> {
        let stale = self.stale;
        let id = id.clone();
        Signal::derive(move || stale.with(|s| s.get(&id).copied()))
    }

    /// One round of loop checks (with the pings).
    pub(super) fn check_loops(&self) {
        let watched: Vec<BotId> = self.bots().with_untracked(|list| {
            list.iter()
                .filter(|e| e.webserver == Some(false))
                .filter(|e| matches!(e.status, BotStatus::Online | BotStatus::Slow(_)))
                .map(|e| e.id.clone())
                .collect()
        });
        let now = js_sys::Date::now();
        for id in watched {
            let last = LAST_CHECK.with(|l| l.borrow().get(&id).copied());
            let timeframe = TIMEFRAMES.with(|t| t.borrow().get(&id).copied());
            if health::loop_check_due(last, timeframe, now) {
                LAST_CHECK.with(|l| l.borrow_mut().insert(id.clone(), now));
                self.check_loop(id);
            }
        }
    }

    fn check_loop(&self, id: BotId) {
        if !CHECKING.with(|c| c.borrow_mut().insert(id.clone())) {
            return;
        }
        let Some(session) = session_scope(&id) else {
            CHECKING.with(|c| c.borrow_mut().remove(&id));
            return;
        };
        let registry = *self;
        session.spawn(async move {
            // A bot no page has opened yet: its configuration says its timeframe (once).
            let known = TIMEFRAMES.with(|t| t.borrow().get(&id).copied());
            let timeframe_ms = match known {
                Some(ms) => Some(ms),
                None => match registry.call(&id, endpoints::show_config()).await {
                    Ok(c) => {
                        registry.note_timeframe(&id, c.timeframe_ms);
                        c.timeframe_ms
                    }
                    Err(_) => None,
                },
            };
            if let Some(timeframe_ms) = timeframe_ms {
                registry.check_health(&id, timeframe_ms).await;
            }
            CHECKING.with(|c| c.borrow_mut().remove(&id));
        });
    }

    async fn check_health(&self, id: &BotId, timeframe_ms: i64) {
        let Ok(h) = self.call(id, endpoints::health()).await else {
            return;
        };
        let last = h.last_process_ts.map(|s| s.saturating_mul(1_000));
        let now = js_sys::Date::now() as i64;
        let mut stale = health::is_stale(last, Some(timeframe_ms), now);
        if stale && !self.is_stale(id) {
            // Only a running trader is expected to loop.
            stale = self
                .call(id, endpoints::show_config())
                .await
                .is_ok_and(|c| c.state == TraderState::Running);
        }
        self.set_stale(id, last.filter(|_| stale), now);
    }

    fn is_stale(&self, id: &BotId) -> bool {
        self.stale.with_untracked(|s| s.contains_key(id))
    }

    /// Records the result of a check, telling the user when it changed.
    fn set_stale(&self, id: &BotId, last_loop: Option<i64>, now_ms: i64) {
        let was = self.is_stale(id);
        self.stale.update(|s| match last_loop {
            Some(t) => {
                s.insert(id.clone(), t);
            }
            None => {
                s.remove(id);
            }
        });
        let name = self.entry(id).map(|e| e.name).unwrap_or_default();
        let (severity, text) = match (was, last_loop) {
            (false, Some(t)) => (Severity::Warning, stale_text(t, now_ms)),
            (true, None) => (
                Severity::Success,
                "The bot runs its loop again.".to_string(),
            ),
            _ => return,
        };
        self.alert(id, &name, &text, "status");
        self.toasts.show(severity, name, text);
    }
}

/// What a stale bot's flag and alert say.
pub fn stale_text(last_loop_ms: i64, now_ms: i64) -> String {
    format!(
        "Not trading: its last loop ran {}. The bot answers, but its loop is stuck (often an exchange that does \
         not answer); see its log.",
        format::ago(last_loop_ms, now_ms)
    )
}
