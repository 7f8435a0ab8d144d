//! Whether the page is visible (Page Visibility API): polling stops while the tab is hidden.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

fn document_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
        .unwrap_or(true)
}

/// A signal that follows `document.visibilityState`, for the lifetime of the calling owner.
pub fn use_page_visible() -> ReadSignal<bool> {
    let (visible, set_visible) = signal(document_visible());
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return visible;
    };
    let listener = Closure::<dyn Fn()>::new(move || set_visible.set(document_visible()));
    let function: js_sys::Function = listener
        .as_ref()
        .unchecked_ref::<js_sys::Function>()
        .clone();
    if document
        .add_event_listener_with_callback("visibilitychange", &function)
        .is_ok()
    {
        // The closure must outlive the listener; it is dropped when the owner is cleaned up.
        let listener = send_wrapper::SendWrapper::new(listener);
        let document = send_wrapper::SendWrapper::new(document);
        let function = send_wrapper::SendWrapper::new(function);
        on_cleanup(move || {
            let _ = document.remove_event_listener_with_callback("visibilitychange", &function);
            drop(listener);
        });
    }
    visible
}

/// For as long as the calling owner lives: when the page becomes visible again or the network comes back, every
/// retry of an unreachable bot (pings, websocket reconnects) stops waiting and tries now (`api::wake`).
pub fn wake_retries_on_return() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let listener = Closure::<dyn Fn()>::new(move || {
        if document_visible() {
            crate::api::wake::wake_all();
        }
    });
    let function: js_sys::Function = listener
        .as_ref()
        .unchecked_ref::<js_sys::Function>()
        .clone();
    let on_document = document
        .add_event_listener_with_callback("visibilitychange", &function)
        .is_ok();
    let on_window = window
        .add_event_listener_with_callback("online", &function)
        .is_ok();
    let listener = send_wrapper::SendWrapper::new(listener);
    let targets = send_wrapper::SendWrapper::new((document, window, function));
    on_cleanup(move || {
        let (document, window, function) = &*targets;
        if on_document {
            let _ = document.remove_event_listener_with_callback("visibilitychange", function);
        }
        if on_window {
            let _ = window.remove_event_listener_with_callback("online", function);
        }
        drop(listener);
    });
}
