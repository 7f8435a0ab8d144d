//! How a bot's answers (or their absence) turn into the status the UI shows: online, slow, offline or login
//! required. Pure, so the rules are tested natively.
//!
//! A bot that answers late is *slow*, not offline: it is up, and flipping it to offline would tear down the
//! pages that wait for it. A timeout says "slow" while the bot answered recently, and "offline" otherwise.

use super::registry::BotStatus;
use crate::api::error::ApiError;

/// An answer later than this makes the bot slow…
pub const SLOW_AFTER_MS: f64 = 4_000.0;
/// …and only answers faster than this make it online again (no flicker around the threshold).
pub const FAST_BELOW_MS: f64 = 2_000.0;

/// The status after a call that took `elapsed_ms` and ended with `result`; `None` keeps the current one (the
/// failure says nothing about reachability).
pub fn after_call(
    current: &BotStatus,
    elapsed_ms: f64,
    result: Result<(), &ApiError>,
) -> Option<BotStatus> {
    match result {
        Ok(()) => Some(after_answer(current, elapsed_ms)),
        Err(ApiError::LoginRequired) => Some(BotStatus::LoginRequired),
        Err(e @ ApiError::Timeout { .. }) => Some(if answered_recently(current) {
            BotStatus::Slow(e.to_string())
        } else {
            BotStatus::Offline(e.to_string())
        }),
        Err(e) if e.marks_offline() => Some(BotStatus::Offline(e.to_string())),
        Err(_) => None,
    }
}

fn after_answer(current: &BotStatus, elapsed_ms: f64) -> BotStatus {
    let slow = BotStatus::Slow(slow_message(elapsed_ms));
    if elapsed_ms >= SLOW_AFTER_MS {
        return slow;
    }
    match current {
        BotStatus::Slow(_) if elapsed_ms >= FAST_BELOW_MS => slow,
        _ => BotStatus::Online,
    }
}

fn answered_recently(current: &BotStatus) -> bool {
    matches!(current, BotStatus::Online | BotStatus::Slow(_))
}

/// The explanation shown on a slow bot's badge.
pub fn slow_message(elapsed_ms: f64) -> String {
    format!(
        "The bot answers, but slowly (the last answer took {:.1} s). Freqboard asks it less often until it is \
         fast again.",
        elapsed_ms / 1000.0
    )
}

/// A bot is *stale* when it answers but has not finished a loop for over twice its timeframe: `/health`'s last
/// loop (`last_process_ts`, here in Unix ms) is that old. Up, but not trading. Unknown times (no loop yet, no
/// timeframe) are never stale.
pub fn is_stale(last_loop_ms: Option<i64>, timeframe_ms: Option<i64>, now_ms: i64) -> bool {
    match (
        last_loop_ms.filter(|s| *s > 0),
        timeframe_ms.filter(|t| *t > 0),
    ) {
        (Some(last), Some(tf)) => now_ms.saturating_sub(last) > tf.saturating_mul(2),
        _ => false,
    }
}

/// The fewest ms between two loop checks of a bot (the ping round's interval).
pub const LOOP_CHECK_MIN_MS: f64 = 30_000.0;

/// Whether a bot's loop is due for a check: every half timeframe (so a stall shows within 2½ timeframes), at
/// most every ping round; a bot whose timeframe is not known yet at once. A couple of seconds of slack keep a
/// 30 s round from skipping a check that is due a moment later.
pub fn loop_check_due(last_check_ms: Option<f64>, timeframe_ms: Option<i64>, now_ms: f64) -> bool {
    let every = timeframe_ms
        .filter(|t| *t > 0)
        .map_or(LOOP_CHECK_MIN_MS, |t| {
            (t as f64 / 2.0).max(LOOP_CHECK_MIN_MS)
        });
    last_check_ms.is_none_or(|last| now_ms - last >= every - 2_000.0)
}

/// How long before the login's end the user is told (freqtrade's refresh tokens last 30 days).
pub const EXPIRY_NOTICE_MS: i64 = 86_400_000;

/// The ms left of a session whose refresh token expires at `exp_s` (Unix s), when that is within a day: the
/// user is asked to log in again before it ends. `None` when further away or unknown; `Some(0)` once past.
pub fn session_ending(exp_s: Option<i64>, now_ms: i64) -> Option<i64> {
    let left = exp_s?.saturating_mul(1_000).saturating_sub(now_ms);
    (left <= EXPIRY_NOTICE_MS).then_some(left.max(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_after_two_timeframes_without_a_loop() {
        let now = 1_000_000_000_000;
        let ago = |ms: i64| Some(now - ms);
        let (m5, h1) = (Some(300_000), Some(3_600_000));
        assert!(!is_stale(ago(5_000), m5, now));
        assert!(
            !is_stale(ago(600_000), m5, now),
            "exactly two timeframes is not yet stale"
        );
        assert!(is_stale(ago(601_000), m5, now));
        assert!(!is_stale(ago(7_000_000), h1, now));
        assert!(is_stale(ago(7_300_000), h1, now));
        assert!(!is_stale(None, m5, now));
        assert!(!is_stale(Some(0), m5, now));
        assert!(!is_stale(ago(10_000_000), None, now));
        assert!(!is_stale(ago(10_000_000), Some(0), now));
        assert!(is_stale(Some(1), m5, now));
    }

    #[test]
    fn a_session_is_flagged_a_day_before_it_ends() {
        let now = 1_000_000_000_000;
        let exp = |in_ms: i64| Some((now + in_ms) / 1_000);
        // A fresh login: 30 days left.
        assert_eq!(session_ending(exp(30 * 86_400_000), now), None);
        assert_eq!(session_ending(exp(86_400_000 + 1_000), now), None);
        assert_eq!(session_ending(exp(86_400_000), now), Some(86_400_000));
        assert_eq!(session_ending(exp(3_600_000), now), Some(3_600_000));
        assert_eq!(session_ending(exp(-5_000), now), Some(0));
        assert_eq!(session_ending(None, now), None);
        assert_eq!(session_ending(Some(i64::MAX), now), None);
    }

    fn timeout() -> ApiError {
        ApiError::Timeout { ms: 20_000 }
    }

    fn network() -> ApiError {
        ApiError::Network {
            bot_origin: "http://b".into(),
            page_origin: "http://b".into(),
        }
    }

    #[test]
    fn answers_are_online_or_slow_with_hysteresis() {
        let online = BotStatus::Online;
        assert_eq!(after_call(&online, 300.0, Ok(())), Some(BotStatus::Online));
        assert!(matches!(
            after_call(&online, 9_800.0, Ok(())),
            Some(BotStatus::Slow(m)) if m.contains("9.8 s")
        ));
        // Between the thresholds the bot keeps what it was.
        assert_eq!(
            after_call(&online, 3_000.0, Ok(())),
            Some(BotStatus::Online)
        );
        let slow = BotStatus::Slow(String::new());
        assert!(matches!(
            after_call(&slow, 3_000.0, Ok(())),
            Some(BotStatus::Slow(_))
        ));
        assert_eq!(after_call(&slow, 500.0, Ok(())), Some(BotStatus::Online));
    }

    #[test]
    fn a_timeout_is_slow_for_a_bot_that_answered_and_offline_otherwise() {
        let t = timeout();
        assert!(matches!(
            after_call(&BotStatus::Online, 20_000.0, Err(&t)),
            Some(BotStatus::Slow(_))
        ));
        assert!(matches!(
            after_call(&BotStatus::Slow(String::new()), 20_000.0, Err(&t)),
            Some(BotStatus::Slow(_))
        ));
        assert!(matches!(
            after_call(&BotStatus::Unknown, 20_000.0, Err(&t)),
            Some(BotStatus::Offline(_))
        ));
        assert!(matches!(
            after_call(&BotStatus::Offline(String::new()), 20_000.0, Err(&t)),
            Some(BotStatus::Offline(_))
        ));
    }

    #[test]
    fn network_failures_are_offline_and_refusals_change_nothing() {
        let n = network();
        assert!(matches!(
            after_call(&BotStatus::Slow(String::new()), 10.0, Err(&n)),
            Some(BotStatus::Offline(_))
        ));
        let refused = ApiError::Http {
            status: 404,
            detail: String::new(),
        };
        assert_eq!(after_call(&BotStatus::Online, 10.0, Err(&refused)), None);
        assert_eq!(
            after_call(&BotStatus::Online, 10.0, Err(&ApiError::LoginRequired)),
            Some(BotStatus::LoginRequired)
        );
    }

    #[test]
    fn loops_are_checked_every_half_timeframe_at_most_every_round() {
        let min5 = Some(300_000);
        assert!(loop_check_due(None, min5, 0.0));
        assert!(!loop_check_due(Some(0.0), min5, 30_000.0));
        assert!(!loop_check_due(Some(0.0), min5, 120_000.0));
        // 150 s for 5m candles, reached by the fifth 30 s round even if it fires a little early.
        assert!(loop_check_due(Some(0.0), min5, 149_500.0));
        // 1m candles: every round.
        assert!(loop_check_due(Some(0.0), Some(60_000), 29_000.0));
        // Unknown timeframe: every round.
        assert!(loop_check_due(Some(0.0), None, 30_000.0));
        assert!(!loop_check_due(Some(0.0), None, 10_000.0));
    }
}
