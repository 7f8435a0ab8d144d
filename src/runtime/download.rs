//! Saves text the app made (a CSV export) as a file, without a server: a Blob, an object URL and a click on a
//! temporary `<a download>`. The URL is revoked soon after; nothing is kept.

use wasm_bindgen::JsCast;

/// Offers `content` as the file `name` with media type `mime`; `false` when the browser refused.
pub fn save_text(name: &str, mime: &str, content: &str) -> bool {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let saved = (|| {
        let document = web_sys::window()?.document()?;
        let link: web_sys::HtmlAnchorElement =
            document.create_element("a").ok()?.dyn_into().ok()?;
        link.set_href(&url);
        link.set_download(name);
        link.click();
        Some(())
    })()
    .is_some();
    // Revoked a little later: some browsers read the blob after the click returns.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    saved
}
