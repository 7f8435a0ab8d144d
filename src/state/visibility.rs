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
