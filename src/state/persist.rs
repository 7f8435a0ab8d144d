//! The stored form of the bot list and the selection: a versioned JSON document, kept apart from the browser
//! storage that holds it so its format can be tested natively.
//!
//! Bots saved with "remember me" live in localStorage; the others in sessionStorage (gone with the tab).
//! Passwords are never part of it: `StoredBot` has no field for one.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::auth::Tokens;

/// Key of the bot list, in both storages.
pub const BOTS_KEY: &str = "freqboard.bots.v1";
/// Key of the selected bot id, in localStorage.
pub const SELECTED_KEY: &str = "freqboard.selected.v1";

/// A stable, locally generated bot identity ("bot-3"). Not the bot's name, which the user can change.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BotId(pub String);

impl std::fmt::Display for BotId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredBot {
    pub id: BotId,
    pub name: String,
    /// Normalized base URL, without `/api/v1`.
    pub url: String,
    pub username: String,
    /// `None` once the session ended ("login required"); name, URL and user stay for the re-login form.
    pub tokens: Option<Tokens>,
    /// Position in the user's ordering.
    pub order: u32,
    /// Kept in localStorage (true) or sessionStorage (false).
    pub remember: bool,
    /// Whether the bot is a `freqtrade webserver` (learned from `show_config.runmode`), so the navbar is right
    /// before the first answer. `None`: not known yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webserver: Option<bool>,
}

impl StoredBot {
    /// One stored entry: id, name and URL must be strings; the rest falls back to its default (tokens that
    /// are not two strings are none: the bot asks for a login again).
    fn read(v: &Value) -> Option<StoredBot> {
        let text = |key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
        let tokens = v.get("tokens").and_then(|t| {
            Some(Tokens {
                access: t.get("access")?.as_str()?.to_string(),
                refresh: t.get("refresh")?.as_str()?.to_string(),
            })
        });
        Some(StoredBot {
            id: BotId(text("id")?),
            name: text("name")?,
            url: text("url")?,
            username: text("username").unwrap_or_default(),
            tokens,
            order: v
                .get("order")
                .and_then(Value::as_u64)
                .and_then(|o| u32::try_from(o).ok())
                .unwrap_or(0),
            remember: v.get("remember").and_then(Value::as_bool).unwrap_or(true),
            webserver: v.get("webserver").and_then(Value::as_bool),
        })
    }
}

#[derive(Serialize)]
struct StoredBots {
    version: u32,
    bots: Vec<Value>,
}

const FORMAT_VERSION: u32 = 1;

/// Serializes the bots that belong in one storage.
pub fn encode_bots<'a>(bots: impl IntoIterator<Item = &'a StoredBot>) -> String {
    let doc = StoredBots {
        version: FORMAT_VERSION,
        bots: bots
            .into_iter()
            .filter_map(|b| serde_json::to_value(b).ok())
            .collect(),
    };
    serde_json::to_string(&doc).unwrap_or_else(|_| "{}".to_string())
}

/// Reads a stored bot list. Damaged entries are skipped, a damaged document yields no bots: stored data must never
/// stop the app from starting.
pub fn decode_bots(text: Option<&str>) -> Vec<StoredBot> {
    // Read from one parsed value, not through serde-derived readers (bundle size, issue 10).
    let Some(doc) = text.and_then(|t| serde_json::from_str::<Value>(t).ok()) else {
        return Vec::new();
    };
    match doc.get("bots") {
        Some(Value::Array(items)) => items.iter().filter_map(StoredBot::read).collect(),
        _ => Vec::new(),
    }
}

/// Merges the two storages' lists into one ordered list, dropping duplicate ids (localStorage wins).
pub fn merge_bots(local: Vec<StoredBot>, session: Vec<StoredBot>) -> Vec<StoredBot> {
    let mut all: Vec<StoredBot> = Vec::with_capacity(local.len() + session.len());
    for bot in local.into_iter().chain(session) {
        if !all.iter().any(|b| b.id == bot.id) {
            all.push(bot);
        }
    }
    crate::util::sort::sort_by_key(&mut all, |b| b.order);
    all
}

/// A new id that no existing bot uses.
pub fn next_bot_id(existing: &[StoredBot]) -> BotId {
    let mut n = existing.len() + 1;
    loop {
        let candidate = BotId(format!("bot-{n}"));
        if !existing.iter().any(|b| b.id == candidate) {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bot(id: &str, order: u32, remember: bool) -> StoredBot {
        StoredBot {
            id: BotId(id.into()),
            name: format!("Bot {id}"),
            url: "http://127.0.0.1:18080".into(),
            username: "freqtrader".into(),
            tokens: Some(Tokens {
                access: "a".into(),
                refresh: "r".into(),
            }),
            order,
            remember,
            webserver: None,
        }
    }

    #[test]
    fn bots_round_trip() {
        let bots = vec![
            bot("bot-1", 0, true),
            StoredBot {
                tokens: None,
                ..bot("bot-2", 1, true)
            },
        ];
        let text = encode_bots(&bots);
        assert_eq!(decode_bots(Some(&text)), bots);
        assert!(!text.contains("password"));
    }

    #[test]
    fn damaged_storage_never_fails() {
        assert!(decode_bots(None).is_empty());
        assert!(decode_bots(Some("not json")).is_empty());
        assert!(decode_bots(Some("[1,2]")).is_empty());
        // One bad entry is skipped, the good one kept; unknown fields are ignored; missing ones defaulted.
        let text = r#"{"version":1,"bots":[{"id":7},{"id":"bot-1","name":"A","url":"http://h:1","extra":true}]}"#;
        let bots = decode_bots(Some(text));
        assert_eq!(bots.len(), 1);
        assert_eq!(
            bots.first().map(|b| (b.remember, b.tokens.is_none())),
            Some((true, true))
        );
    }

    #[test]
    fn merge_orders_and_dedups() {
        let merged = merge_bots(
            vec![bot("bot-2", 1, true), bot("bot-1", 5, true)],
            vec![bot("bot-3", 0, false), bot("bot-2", 9, false)],
        );
        let ids: Vec<&str> = merged.iter().map(|b| b.id.0.as_str()).collect();
        assert_eq!(ids, ["bot-3", "bot-2", "bot-1"]);
    }

    #[test]
    fn new_ids_are_unique() {
        let bots = vec![bot("bot-2", 0, true), bot("bot-3", 1, true)];
        assert_eq!(next_bot_id(&bots), BotId("bot-4".into()));
        assert_eq!(next_bot_id(&[]), BotId("bot-1".into()));
        assert_eq!(next_bot_id(&[bot("bot-1", 0, true)]), BotId("bot-2".into()));
    }
}
