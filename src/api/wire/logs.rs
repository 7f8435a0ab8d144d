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

/// The object form of a log line, for bots that would send one: each field under its name or an alias.
fn object_field<T: Lenient + Default>(
    object: &serde_json::Map<String, serde_json::Value>,
    keys: &[&str],
) -> T {
    keys.iter()
        .find_map(|k| object.get(*k))
        .and_then(T::from_json)
        .unwrap_or_default()
}

impl Lenient for LogEntry {
    fn from_json(value: &serde_json::Value) -> Option<Self> {
        match value {
            serde_json::Value::Array(cells) => {
                let cell = |i: usize| cells.get(i).unwrap_or(&serde_json::Value::Null);
                Some(LogEntry {
                    date: lenient::value(cell(0)),
                    timestamp_ms: lenient::value(cell(1)),
                    logger: lenient::value(cell(2)),
                    level: lenient::value(cell(3)),
                    message: lenient::value(cell(4)),
                })
            }
            serde_json::Value::Object(o) => Some(LogEntry {
                date: object_field(o, &["date", "logtime"]),
                timestamp_ms: object_field(o, &["timestamp_ms", "timestamp", "logepoch"]),
                logger: object_field(o, &["logger", "name", "module"]),
                level: object_field(o, &["level", "levelname"]),
                message: object_field(o, &["message", "msg"]),
            }),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for LogEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        lenient::deserialize(deserializer)
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
