//! The bot's log lines (`GET /logs`).

use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::lenient::{self, Lenient};

wire_enum! {
    /// A log line's level (Python's `levelname`).
    pub enum LogLevel {
        Debug = "DEBUG",
        Info = "INFO",
        Warning = "WARNING" | "WARN",
        Error = "ERROR",
        Critical = "CRITICAL" | "FATAL",
    }
}

/// One log line. freqtrade sends it as an array `[date, timestamp_ms, logger, level, message]`, e.g.
/// `["2026-11-21 13:40:01", 1763732401097.94, "freqtrade.worker", "INFO", "Bot heartbeat. ..."]`.
/// Decoding is positional and lenient (missing or odd cells become defaults); an object with these names is
/// accepted too. It serializes back to the array form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LogEntry {
    /// `YYYY-MM-DD HH:MM:SS` in UTC.
    pub date: String,
    /// Unix milliseconds, with a fractional part.
    pub timestamp_ms: f64,
    /// The Python logger name, e.g. `"freqtrade.freqtradebot"`.
    pub logger: String,
    pub level: LogLevel,
    /// The message; an exception's traceback follows after a newline.
    pub message: String,
}

/// The object form of a log line, for bots that would send one.
#[derive(Default, Deserialize)]
#[serde(default)]
struct LogEntryObject {
    #[serde(deserialize_with = "lenient::field", alias = "logtime")]
    date: String,
    #[serde(
        deserialize_with = "lenient::field",
        alias = "timestamp",
        alias = "logepoch"
    )]
    timestamp_ms: f64,
    #[serde(deserialize_with = "lenient::field", alias = "name", alias = "module")]
    logger: String,
    #[serde(deserialize_with = "lenient::field", alias = "levelname")]
    level: LogLevel,
    #[serde(deserialize_with = "lenient::field", alias = "msg")]
    message: String,
}

impl Lenient for LogEntry {
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        let Some(value) = serde_json::Value::lenient(deserializer)? else {
            return Ok(None);
        };
        Ok(match value {
            serde_json::Value::Array(cells) => {
                let mut cells = cells.into_iter();
                let mut next = || cells.next().unwrap_or(serde_json::Value::Null);
                Some(LogEntry {
                    date: lenient::field(next()).unwrap_or_default(),
                    timestamp_ms: lenient::field(next()).unwrap_or_default(),
                    logger: lenient::field(next()).unwrap_or_default(),
                    level: lenient::field(next()).unwrap_or_default(),
                    message: lenient::field(next()).unwrap_or_default(),
                })
            }
            obj @ serde_json::Value::Object(_) => {
                LogEntryObject::deserialize(obj).ok().map(|o| LogEntry {
                    date: o.date,
                    timestamp_ms: o.timestamp_ms,
                    logger: o.logger,
                    level: o.level,
                    message: o.message,
                })
            }
            _ => None,
        })
    }
}

impl<'de> Deserialize<'de> for LogEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        lenient::field(deserializer)
    }
}

impl Serialize for LogEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(5))?;
        seq.serialize_element(&self.date)?;
        seq.serialize_element(&self.timestamp_ms)?;
        seq.serialize_element(&self.logger)?;
        seq.serialize_element(self.level.as_str())?;
        seq.serialize_element(&self.message)?;
        seq.end()
    }
}

wire_struct! {
    /// `GET /logs[?limit=N]`: the last log lines kept in the bot's memory, oldest first.
    pub struct LogsResponse {
        pub log_count: i64,
        pub logs: Vec<LogEntry>,
    }
}
