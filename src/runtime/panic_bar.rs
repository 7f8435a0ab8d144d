//! A panic must never be silent: the hook logs it to the console, as before, and puts a bar on top of the page
//! that says what happened and offers a reload.
//!
//! The bar is built with plain DOM calls: after a panic the reactive system can no longer be trusted, and with
//! `panic = "abort"` no Rust code runs after the hook. Its reload control is a plain link to the current
//! address, so it works without any Rust behind it.

use wasm_bindgen::JsCast;

const BAR_ID: &str = "panic-bar";
/// Longest part of the panic message shown (the console has all of it).
const MESSAGE_MAX_CHARS: usize = 400;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let message = match info.payload().downcast_ref::<&str>() {
            Some(s) => (*s).to_string(),
            None => info
                .payload()
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_else(|| "unknown error".to_string()),
        };
        show(&bar_text(&message));
    }));
}

/// The bar's sentence for a panic message, shortened.
pub fn bar_text(message: &str) -> String {
    let mut shown: String = message.chars().take(MESSAGE_MAX_CHARS).collect();
    if message.chars().count() > MESSAGE_MAX_CHARS {
        shown.push('…');
    }
    format!("Something went wrong and Freqboard stopped working: {shown}")
}

fn show(text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    if document.get_element_by_id(BAR_ID).is_some() {
        return; // the first panic is the one worth reading
    }
    let Ok(bar) = document.create_element("div") else {
        return;
    };
    bar.set_id(BAR_ID);
    bar.set_class_name("panic-bar");
    let _ = bar.set_attribute("role", "alert");
    let Ok(message) = document.create_element("span") else {
        return;
    };
    message.set_text_content(Some(text));
    let _ = bar.append_child(&message);
    if let Ok(link) = document.create_element("a") {
        let href = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        if let Some(link) = link.dyn_ref::<web_sys::HtmlAnchorElement>() {
            link.set_href(&href);
        }
        link.set_text_content(Some("Reload"));
        let _ = bar.append_child(&link);
    }
    let _ = body.prepend_with_node_1(&bar);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_are_shortened() {
        let text = bar_text(&"x".repeat(1000));
        assert!(text.ends_with('…'));
        assert!(text.chars().count() < MESSAGE_MAX_CHARS + 80);
        assert!(bar_text("boom").ends_with("working: boom"));
    }
}
