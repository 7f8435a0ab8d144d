//! `Pairlists`: the pairlist configurator's state for one `freqtrade webserver` (issue 13): the bot's
//! pairlist handlers, the config being edited, and the named configs, which are kept in the browser for every
//! bot (`PAIRLISTS_KEY`). Evaluations run as jobs through `Jobs`.

use leptos::prelude::*;

use super::bot_session::{end_session_value, session_value, BotHandle, SessionMap};
use super::jobs::Jobs;
use super::pairlist_config::{payload, PairlistConfig, Problem, SavedConfigs};
use super::persist::BotId;
use super::storage::{self, Area};
use super::toasts::Severity;
use crate::api::endpoints;
use crate::api::error::ApiError;
use crate::api::wire::PairlistHandler;

/// Where the named configs are kept.
pub const PAIRLISTS_KEY: &str = "freqboard.pairlists.v1";

/// The named configs the browser holds (`None`: storage unavailable or empty).
fn stored_configs() -> Option<SavedConfigs> {
    storage::get(Area::Local, PAIRLISTS_KEY).map(|t| SavedConfigs::decode(Some(&t)))
}

#[derive(Clone, Copy)]
pub struct Pairlists {
    bot: BotHandle,
    /// The bot's handlers, generators first; `None` until read.
    pub handlers: RwSignal<Option<Vec<PairlistHandler>>>,
    pub error: RwSignal<Option<ApiError>>,
    /// The config being edited (its name is the saved one it came from, or what the user typed).
    pub draft: RwSignal<PairlistConfig>,
    pub saved: RwSignal<SavedConfigs>,
}

thread_local! {
    static SESSIONS: SessionMap<Pairlists> = Default::default();
}

/// Forgets a bot's configurator (logout, bot removed).
pub fn end_pairlists(id: &BotId) {
    end_session_value(&SESSIONS, id);
}

impl Pairlists {
    /// The configurator of `id`: created (and its handlers read) on the first visit.
    pub fn of(id: BotId) -> Self {
        let (p, new) = session_value(&SESSIONS, &id, || {
            let saved = stored_configs().unwrap_or_default();
            let draft = saved.configs.first().cloned().unwrap_or_default();
            Self {
                bot: BotHandle::new(id.clone()),
                handlers: RwSignal::new(None),
                error: RwSignal::new(None),
                draft: RwSignal::new(draft),
                saved: RwSignal::new(saved),
            }
        });
        if new {
            p.load_handlers();
        } else {
            // Another bot's configurator may have changed them since.
            p.saved
                .set(stored_configs().unwrap_or_else(|| p.saved.get_untracked()));
        }
        p
    }

    fn load_handlers(&self) {
        let p = *self;
        self.bot.spawn(async move {
            match p.bot.call(endpoints::pairlists_available()).await {
                Ok(mut all) => {
                    // Generators first, each group by name.
                    crate::util::sort::sort_by(&mut all.pairlists, |a, b| {
                        (!a.is_pairlist_generator, &a.name)
                            .cmp(&(!b.is_pairlist_generator, &b.name))
                    });
                    p.handlers.try_set(Some(all.pairlists));
                }
                Err(e) => {
                    p.handlers.try_set(Some(Vec::new()));
                    p.error.try_set(Some(e));
                }
            }
        });
    }

    /// Starts evaluating the draft as a job (the bot's stake currency when none is set), or says what is
    /// wrong with it.
    pub fn evaluate(&self, jobs: Jobs) -> Result<(), Vec<Problem>> {
        let bot_stake = jobs.config.with_untracked(|c| {
            c.as_ref()
                .map(|c| c.stake_currency.clone())
                .unwrap_or_default()
        });
        let handlers = self.handlers.get_untracked().unwrap_or_default();
        let body = self
            .draft
            .with_untracked(|d| payload(d, &handlers, &bot_stake))?;
        jobs.start(endpoints::pairlists_evaluate(&body));
        Ok(())
    }

    /// Changes the saved configs and keeps them in the browser; a refusal is a toast. The change starts from
    /// what the browser holds: the configs are shared by every bot's configurator.
    fn change_saved(&self, change: impl FnOnce(&mut SavedConfigs) -> Result<(), String>) -> bool {
        let mut saved = stored_configs().unwrap_or_else(|| self.saved.get_untracked());
        match change(&mut saved) {
            Ok(()) => {
                if !storage::set(Area::Local, PAIRLISTS_KEY, &saved.encode()) {
                    self.bot.toast(
                        Severity::Warning,
                        "The browser did not keep the pairlist configs (storage full or disabled).",
                    );
                }
                self.saved.set(saved);
                true
            }
            Err(e) => {
                self.bot.toast(Severity::Error, e);
                false
            }
        }
    }

    /// Saves the draft under `name` (a new name saves a new config; the old one stays).
    pub fn save_as(&self, name: String) {
        self.draft.update(|d| d.name = name);
        self.save();
    }

    /// Saves the draft under its name.
    pub fn save(&self) {
        let draft = self.draft.get_untracked();
        if self.change_saved(|s| s.save(&draft)) {
            self.draft.update(|d| d.name = d.name.trim().to_string());
        }
    }

    /// Renames the saved config the draft came from (saving the draft under the new name).
    pub fn rename(&self, to: String) {
        let from = self.draft.with_untracked(|d| d.name.clone());
        let exists = self.saved.with_untracked(|s| s.get(&from).is_some());
        let to = to.trim().to_string();
        let renamed = if exists {
            self.change_saved(|s| s.rename(&from, &to))
        } else {
            true
        };
        if renamed {
            self.draft.update(|d| d.name = to);
            if exists {
                self.save();
            }
        }
    }

    /// Saves a copy of the draft's saved config and edits the copy.
    pub fn duplicate(&self) {
        self.save();
        let name = self.draft.with_untracked(|d| d.name.clone());
        let mut copy = None;
        self.change_saved(|s| {
            copy = s.duplicate(&name);
            copy.as_ref()
                .map(|_| ())
                .ok_or_else(|| "Save the config first.".to_string())
        });
        if let Some(c) = copy.and_then(|n| self.saved.with_untracked(|s| s.get(&n).cloned())) {
            self.draft.set(c);
        }
    }

    /// Deletes the saved config the draft came from; the draft stays, unsaved.
    pub fn delete(&self) {
        let name = self.draft.with_untracked(|d| d.name.clone());
        self.change_saved(|s| {
            s.delete(&name);
            Ok(())
        });
    }

    /// Edits a saved config (or a new, empty one for `None`).
    pub fn open(&self, name: Option<&str>) {
        let config = name
            .and_then(|n| self.saved.with_untracked(|s| s.get(n).cloned()))
            .unwrap_or_default();
        self.draft.set(config);
    }
}
