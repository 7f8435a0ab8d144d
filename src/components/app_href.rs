//! Links inside the app under its base path.
//!
//! leptos_router's `<A href="/trade">` keeps an absolute href as it is (only `navigate` and `<Redirect>` add the
//! router's base), so under a sub-path such as `/freqboard/` every in-app link goes through `app_href`.

use std::cell::OnceCell;

thread_local! {
    /// The base path never changes while the page lives: it is read from `<base href>` once.
    static BASE: OnceCell<String> = const { OnceCell::new() };
}

/// The app's base path ("" at the site root, "/freqboard" under `/freqboard/`), read once: the router's base,
/// the prefix of every in-app link, and what is stripped from a pathname to get an app path.
pub fn app_base() -> String {
    BASE.with(|b| b.get_or_init(crate::api::client::page_base).clone())
}

/// The href of app path `path` ("/trade" → "/freqboard/trade" under `/freqboard/`, "/trade" at the root).
pub fn app_href(path: &str) -> String {
    format!("{}{path}", app_base())
}
