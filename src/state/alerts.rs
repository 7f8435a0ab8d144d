//! Browser notifications (the Notification API): the notices a user asked for reach the system even while the
//! tab is in the background. The browser asks the user once, from Settings (a click there calls `ask`); after
//! that `send` shows a notification when the setting is on and the browser allows it, and does nothing
//! otherwise. Texts are set as text: a notification never renders HTML.

/// What the browser allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    Granted,
    Denied,
    /// Not asked yet.
    Ask,
    /// No Notification API (an old browser, or a page that is not https or localhost).
    Unsupported,
}

impl Permission {
    pub fn label(self) -> &'static str {
        match self {
            Permission::Granted => "allowed",
            Permission::Denied => "blocked in the browser's site settings",
            Permission::Ask => "not asked yet",
            Permission::Unsupported => "not available on this page (it needs https or localhost)",
        }
    }
}

fn supported() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::has(&w, &wasm_bindgen::JsValue::from_str("Notification")).unwrap_or(false)
    })
}

pub fn permission() -> Permission {
    if !supported() {
        return Permission::Unsupported;
    }
    match web_sys::Notification::permission() {
        web_sys::NotificationPermission::Granted => Permission::Granted,
        web_sys::NotificationPermission::Denied => Permission::Denied,
        _ => Permission::Ask,
    }
}

/// Asks the browser (it shows its prompt once; later calls answer at once) and returns the outcome.
pub async fn ask() -> Permission {
    if !supported() {
        return Permission::Unsupported;
    }
    if let Ok(promise) = web_sys::Notification::request_permission() {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
    permission()
}

/// Shows a notification titled `title` (the bot's name) saying `body`, if the browser allows it. With a `tag`
/// a newer notification replaces the older one of the same tag (a bot's state); without, each stays (fills).
pub fn send(title: &str, body: &str, tag: Option<&str>) {
    if permission() != Permission::Granted {
        return;
    }
    let options = web_sys::NotificationOptions::new();
    options.set_body(body);
    if let Some(tag) = tag {
        options.set_tag(tag);
    }
    let _ = web_sys::Notification::new_with_options(title, &options);
}

/// A short two-note tone (Web Audio: no sound file, nothing for the Content-Security-Policy to allow). Browsers
/// let a page play sound only after the user interacted with it; before that this stays silent.
pub fn chime() {
    let Ok(ctx) = web_sys::AudioContext::new() else {
        return;
    };
    let now = ctx.current_time();
    for (k, freq) in [880.0_f32, 1320.0].into_iter().enumerate() {
        let start = now + k as f64 * 0.15;
        let (Ok(osc), Ok(gain)) = (ctx.create_oscillator(), ctx.create_gain()) else {
            return;
        };
        osc.frequency().set_value(freq);
        let level = gain.gain();
        let _ = level.set_value_at_time(0.0001, start);
        let _ = level.exponential_ramp_to_value_at_time(0.2, start + 0.02);
        let _ = level.exponential_ramp_to_value_at_time(0.0001, start + 0.14);
        let _ = osc.connect_with_audio_node(&gain);
        let _ = gain.connect_with_audio_node(&ctx.destination());
        let _ = osc.start_with_when(start);
        let _ = osc.stop_with_when(start + 0.15);
    }
    // The context is closed once the tone has played.
    let closing = ctx.clone();
    let _ = gloo_timers::callback::Timeout::new(500, move || {
        let _ = closing.close();
    })
    .forget();
}
