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
