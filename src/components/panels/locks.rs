//! Pair locks: the bot's locks with a confirmed delete, and a form that locks a pair (or every pair) until a
//! time given in UTC.

use leptos::prelude::*;

use crate::components::select_options::{choices_of, ListSelect};

use super::common::{store_view, time_text, zone_label};
use crate::api::wire::{Lock, LockPayload, LockSide};
use crate::components::modal::ConfirmButton;
use crate::runtime::effect;
use crate::runtime::use_view_scope;
use crate::state::bot_store::use_bot_store;
use crate::state::settings::use_settings;
use crate::util::calendar::{days_from_civil, days_in_month};
use crate::util::format::format_ts;
use crate::util::format::visible;

/// A run of ASCII digits as a number (no signs, no spaces).
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The parts of a `datetime-local` value, `YYYY-MM-DDTHH:MM[:SS[.fff]]`.
fn parse_datetime_local(value: &str) -> Option<(i64, u32, u32, u32, u32, u32)> {
    let (date, time) = value.trim().split_once(['T', ' '])?;
    let mut date = date.split('-');
    let (y, mo, d) = (
        digits(date.next()?)?,
        digits(date.next()?)?,
        digits(date.next()?)?,
    );
    let time = time.split('.').next()?;
    let mut time = time.split(':');
    let (h, mi) = (digits(time.next()?)?, digits(time.next()?)?);
    let s = match time.next() {
        Some(s) => digits(s)?,
        None => 0,
    };
    let y = i64::from(y);
    let valid = date.next().is_none()
        && time.next().is_none()
        && (1970..=9999).contains(&y)
        && (1..=12).contains(&mo)
        && (1..=days_in_month(y, mo)).contains(&d)
        && h < 24
        && mi < 60
        && s < 60;
    valid.then_some((y, mo, d, h, mi, s))
}

/// A `datetime-local` value read as UTC, in Unix milliseconds.
pub fn datetime_local_ms(value: &str) -> Option<i64> {
    let (y, mo, d, h, mi, s) = parse_datetime_local(value)?;
    let secs = days_from_civil(y, mo, d) * 86_400 + i64::from(h * 3_600 + mi * 60 + s);
    Some(secs * 1_000)
}

/// A `datetime-local` value read as UTC, as the RFC 3339 time freqtrade expects: `2026-11-21T16:00:00Z`.
pub fn until_rfc3339(value: &str) -> Option<String> {
    let (y, mo, d, h, mi, s) = parse_datetime_local(value)?;
    Some(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"))
}

/// Unix milliseconds as a `datetime-local` value in UTC, to the minute.
pub fn datetime_local_value(ms: i64) -> String {
    format_ts(ms, 0)
        .get(..16)
        .unwrap_or_default()
        .replacen(' ', "T", 1)
}

fn side_label(side: LockSide) -> &'static str {
    match side {
        LockSide::Both => "both",
        LockSide::Long => "long",
        LockSide::Short => "short",
        LockSide::Unknown => "–",
    }
}

/// What the form sends, or why it cannot.
fn lock_payload(
    pair: &str,
    until: &str,
    side: LockSide,
    reason: &str,
    now_ms: i64,
) -> Result<LockPayload, &'static str> {
    if pair.is_empty() {
        return Err("Choose a pair.");
    }
    let (Some(ms), Some(until)) = (datetime_local_ms(until), until_rfc3339(until)) else {
        return Err("Enter a valid date and time.");
    };
    if ms <= now_ms {
        return Err("Choose a time in the future.");
    }
    let reason = reason.trim();
    Ok(LockPayload {
        pair: pair.to_string(),
        side: Some(side),
        until,
        reason: (!reason.is_empty()).then(|| reason.to_string()),
    })
}

const HOUR_MS: f64 = 3_600_000.0;

#[component]
pub fn LocksPanel() -> impl IntoView {
    let store = use_bot_store();
    let settings = use_settings().0;
    view! {
        <div class="panel panel-locks">
            <div class="panel-head">
                <h2>"Pair locks"</h2>
            </div>
            {store_view(store, store.locks, "Loading locks…", move |answer| {
                if answer.locks.is_empty() {
                    return view! { <p class="muted panel-empty">"No pair locks yet."</p> }.into_any();
                }
                let s = settings.get();
                view! {
                    <div class="table-wrap">
                        <table class="locks">
                            <thead>
                                <tr>
                                    <th>"Pair"</th>
                                    <th>"Side"</th>
                                    <th>{format!("Until ({})", zone_label(&s))}</th>
                                    <th>"Reason"</th>
                                    <th>"Active"</th>
                                    <th><span class="visually-hidden">"Actions"</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {answer
                                    .locks
                                    .into_iter()
                                    .map(|lock| {
                                        let until = time_text(&s, Some(lock.lock_end_timestamp));
                                        view! { <LockRow lock=lock until=until /> }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            })}
            <AddLockForm />
        </div>
    }
}

#[component]
fn LockRow(lock: Lock, until: String) -> impl IntoView {
    let scope = use_view_scope();
    let store = use_bot_store();
    let id = lock.id;
    let reason = visible(&lock.reason.clone().unwrap_or_default());
    let pair = if lock.pair == "*" {
        "All pairs (*)".to_string()
    } else {
        visible(&lock.pair)
    };
    let message = if reason.is_empty() {
        format!("Delete the lock on {pair}?")
    } else {
        format!("Delete the lock on {pair} ({reason})?")
    };
    view! {
        <tr data-lock-id=id.to_string()>
            <td>{pair}</td>
            <td>{side_label(lock.side)}</td>
            <td>{until}</td>
            <td class="key">{if reason.is_empty() { "–".to_string() } else { reason }}</td>
            <td>{if lock.active { "yes" } else { "no" }}</td>
            <td>
                <ConfirmButton
                    label="Delete"
                    message=Signal::stored(message)
                    confirm_label="Delete lock"
                    danger=true
                    on_confirm=move |_| scope.spawn(async move { store.delete_lock(id).await })
                />
            </td>
        </tr>
    }
}

#[component]
fn AddLockForm() -> impl IntoView {
    let scope = use_view_scope();
    let store = use_bot_store();
    let pair = RwSignal::new(String::new());
    let until = RwSignal::new(datetime_local_value((js_sys::Date::now() + HOUR_MS) as i64));
    let side = RwSignal::new(LockSide::Both);
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let pairs = Signal::derive(move || {
        store
            .whitelist
            .with(|w| w.as_ref().map(|w| w.whitelist.clone()).unwrap_or_default())
    });
    // Start with the first whitelisted pair once the whitelist is known.
    effect(move || {
        if pair.get_untracked().is_empty() {
            if let Some(first) = pairs.get().into_iter().next() {
                pair.set(first);
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let payload = lock_payload(
            &pair.get_untracked(),
            &until.get_untracked(),
            side.get_untracked(),
            &reason.get_untracked(),
            js_sys::Date::now() as i64,
        );
        match payload {
            Err(why) => problem.set(Some(why)),
            Ok(payload) => {
                problem.set(None);
                busy.set(true);
                scope.spawn(async move {
                    store.add_lock(payload).await;
                    reason.set(String::new());
                    busy.set(false);
                });
            }
        }
    };
    view! {
        <form class="add-lock" on:submit=submit aria-label="Lock a pair">
            <h3>"Lock a pair"</h3>
            <div class="form-grid">
                <div class="field">
                    <label for="lock-pair">"Pair"</label>
                    <ListSelect
                        id="lock-pair"
                        choices=Signal::derive(move || {
                            let mut list = choices_of(pairs.get());
                            list.push(("*".to_string(), "All pairs (*)".to_string()));
                            list
                        })
                        value=pair
                        on_change=Callback::new(move |v| pair.set(v))
                    />
                </div>
                <div class="field">
                    <label for="lock-until">"Until (UTC)"</label>
                    <input
                        id="lock-until"
                        type="datetime-local"
                        prop:value=move || until.get()
                        on:input=move |ev| until.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="lock-side">"Side"</label>
                    <select
                        id="lock-side"
                        prop:value=move || side.get().as_str()
                        on:change=move |ev| side.set(LockSide::from_wire(&event_target_value(&ev)))
                    >
                        <option value="*">"Both"</option>
                        <option value="long">"Long"</option>
                        <option value="short">"Short"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="lock-reason">"Reason"</label>
                    <input
                        id="lock-reason"
                        type="text"
                        placeholder="optional"
                        prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))
                    />
                </div>
            </div>
            <p class="muted hint">"The time is in UTC; the bot rounds it up to the start of the next candle."</p>
            {move || problem.get().map(|why| view! { <p class="error-text" role="alert">{why}</p> })}
            <div class="actions start">
                <button type="submit" class="primary" disabled=move || busy.get()>
                    "Lock pair"
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_local_values_read_as_utc() {
        assert_eq!(datetime_local_ms("1970-01-01T00:00"), Some(0));
        assert_eq!(
            datetime_local_ms("2026-11-21T13:40:01"),
            Some(1_795_268_401_000)
        );
        assert_eq!(datetime_local_ms("2000-02-29T00:00"), Some(951_782_400_000));
        assert_eq!(
            datetime_local_ms("2026-11-21 13:40:01.250"),
            Some(1_795_268_401_000)
        );
        assert_eq!(
            until_rfc3339("2026-11-21T16:00"),
            Some("2026-11-21T16:00:00Z".to_string())
        );
        assert_eq!(
            until_rfc3339("2026-11-21T16:00:30"),
            Some("2026-11-21T16:00:30Z".to_string())
        );
    }

    #[test]
    fn bad_values_are_refused() {
        for bad in [
            "",
            "2026-11-21",
            "2026-13-01T00:00",
            "2026-02-29T00:00",
            "2026-11-31T00:00",
            "2026-11-21T24:00",
            "2026-11-21T12:60",
            "2026-11-21T+1:00",
            "2026-11-21-01T10:00",
            "2026-11-21T10:00:00:00",
            "nonsense",
        ] {
            assert_eq!(datetime_local_ms(bad), None, "{bad}");
            assert_eq!(until_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn values_round_trip() {
        let ms = 1_795_268_401_000;
        assert_eq!(datetime_local_value(ms), "2026-11-21T13:40");
        assert_eq!(
            datetime_local_ms(&datetime_local_value(ms)),
            Some(ms - 1_000)
        );
    }

    #[test]
    fn the_payload() {
        let now = 1_795_268_401_000;
        let ok = lock_payload(
            "ETH/USDT",
            "2026-11-21T16:00",
            LockSide::Long,
            "  maintenance ",
            now,
        );
        assert_eq!(
            ok,
            Ok(LockPayload {
                pair: "ETH/USDT".into(),
                side: Some(LockSide::Long),
                until: "2026-11-21T16:00:00Z".into(),
                reason: Some("maintenance".into()),
            })
        );
        assert_eq!(
            lock_payload("*", "2026-11-21T16:00", LockSide::Both, "", now).map(|p| p.reason),
            Ok(None)
        );
        assert_eq!(
            lock_payload("", "2026-11-21T16:00", LockSide::Both, "", now),
            Err("Choose a pair.")
        );
        assert_eq!(
            lock_payload("ETH/USDT", "2026-11-21T13:00", LockSide::Both, "", now),
            Err("Choose a time in the future.")
        );
        assert_eq!(
            lock_payload("ETH/USDT", "tomorrow", LockSide::Both, "", now),
            Err("Enter a valid date and time.")
        );
    }
}
