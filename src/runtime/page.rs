//! The page's browser state in one shape, after leptos-use's (`use_x` returns a signal, listeners end with the
//! owner that asked): events of the window, the document or a media query, the page's visibility, and media
//! queries such as the OS's colour scheme.
//!
//! Hand-written rather than taken from leptos-use: its `use_event_listener`, `use_document_visibility` and
//! `use_preferred_dark` cost 10.8 KB gzip in the release build (measured: 736,564 → 747,384 B), more than the
//! budget holds, for what these ~70 lines do.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Listens to `event` on `target` for as long as the calling owner lives.
pub fn listen(
    target: &web_sys::EventTarget,
    event: &'static str,
    handler: impl Fn(web_sys::Event) + 'static,
) {
    let closure = Closure::<dyn Fn(web_sys::Event)>::new(handler);
    let function: js_sys::Function = closure.as_ref().unchecked_ref::<js_sys::Function>().clone();
    if target
        .add_event_listener_with_callback(event, &function)
        .is_err()
    {
        return;
    }
    // The closure must outlive the listener: both go when the owner is cleaned up.
    let held = SendWrapper::new((target.clone(), function, closure));
    on_cleanup(move || {
        let (target, function, _closure) = &*held;
        let _ = target.remove_event_listener_with_callback(event, function);
    });
}

/// Listens to `event` on the window.
pub fn listen_window(event: &'static str, handler: impl Fn(web_sys::Event) + 'static) {
    if let Some(window) = web_sys::window() {
        listen(&window, event, handler);
    }
}

/// Whether a media query matches, followed while the owner lives (`(prefers-color-scheme: dark)` …).
pub fn use_media_query(query: &str) -> Signal<bool> {
    let Some(list) = web_sys::window().and_then(|w| w.match_media(query).ok().flatten()) else {
        return Signal::stored(false);
    };
    let (matches, set_matches) = signal(list.matches());
    let source = SendWrapper::new(list.clone());
    listen(&list, "change", move |_| set_matches.set(source.matches()));
    matches.into()
}

/// The page's visibility, created once by the app and shared (one listener for every poller).
#[derive(Clone, Copy)]
struct PageVisible(Signal<bool>);

fn document_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.visibility_state() != web_sys::VisibilityState::Hidden)
        .unwrap_or(true)
}

fn visible_now() -> Signal<bool> {
    let (visible, set_visible) = signal(document_visible());
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        listen(&document, "visibilitychange", move |_| {
            set_visible.set(document_visible())
        });
    }
    visible.into()
}

/// Creates the app's visibility signal; call once, at the top of the app.
pub fn provide_page_visible() {
    provide_context(PageVisible(visible_now()));
}

/// Whether the page is visible (Page Visibility API): polling stops while the tab is hidden.
pub fn use_page_visible() -> Signal<bool> {
    use_context::<PageVisible>()
        .map(|p| p.0)
        .unwrap_or_else(visible_now)
}

/// Runs `then` whenever the page becomes visible again or the network comes back, while the owner lives. It
/// answers the event itself, not the visibility signal: a hide and show in one task would leave the signal as it
/// was, and the retries waiting.
pub fn on_page_return(then: impl Fn() + Clone + 'static) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let on_visible = then.clone();
        listen(&document, "visibilitychange", move |_| {
            if document_visible() {
                on_visible();
            }
        });
    }
    listen_window("online", move |_| then());
}
