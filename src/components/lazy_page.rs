//! `<LazyPage>`: a page whose code is a wasm module of its own, fetched the first time the page opens.
//!
//! The page's builder is a `#[wasm_split]` function (see `pages::split`): after `trunk build`, the post-build
//! step (`e2e/deploy/split.mjs`) cuts every such function, and the code only it reaches, out of the main module
//! into a chunk beside it. Calling it the first time fetches and links that chunk; later calls answer at once. In
//! a build that was not split (`cargo test`, a plain `trunk build` of a debug profile) it is an ordinary call.
//!
//! The loader hands back the page's builder rather than the built view, so the page is built here, inside this
//! view's reactive owner, like any other route's page.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use crate::runtime::use_view_scope;

/// Builds a page's view.
pub type PageBuilder = fn() -> AnyView;

/// Fetching (once) and linking a part's module, answering its builder: a `pages::split` function's future.
pub type PageLoad = Pin<Box<dyn Future<Output = Result<PageBuilder, SplitLoaderError>>>>;

/// A route's view that loads its page's module first (`<Route view=lazy(|| Box::pin(split::trade())) />`).
pub fn lazy(load: fn() -> PageLoad) -> impl Fn() -> AnyView + Clone + Send + 'static {
    move || view! { <LazyPage load=load() /> }.into_any()
}

#[component]
pub fn LazyPage(load: PageLoad) -> impl IntoView {
    let loaded = RwSignal::new(None::<Result<PageBuilder, ()>>);
    use_view_scope().spawn(async move {
        loaded.set(Some(load.await.map_err(|_| ())));
    });
    move || {
        match loaded.get() {
        None => view! { <p class="muted">"Loading..."</p> }.into_any(),
        // Untracked, as `view!` builds a component: the page's set-up reads must not re-run this closure.
        Some(Ok(build)) => untrack(build),
        Some(Err(())) => view! {
            <div class="error-notice" role="alert">
                <p class="error-text">
                    "This part of Freqboard could not be loaded from its web server. Check the connection and reload the page."
                </p>
            </div>
        }
        .into_any(),
    }
    }
}
