//! `<LazyPage>`: a part of the app (a page, a cockpit tab, the cockpit's chart, the open trades' detail and
//! dialogs, the plot configurator) whose code is a wasm module of its own, fetched the first time the part shows.
//!
//! The part's loader is a `#[wasm_split]` function (see `pages::split`): every `trunk build` runs the post-build
//! step (`e2e/deploy/split.mjs`) that cuts such functions, and the code only they reach, out of the main module
//! into modules beside it. Calling one the first time fetches and links its module; later calls answer at once.
//! A wasm build that was not split cannot start (the loaders are imports nothing provides); natively (`cargo
//! test`) the functions are ordinary calls.
//!
//! The loader hands back the part's builder rather than the built view, so the part is built here, inside this
//! view's reactive owner, like any other view.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use crate::runtime::use_view_scope;
use crate::state::toasts::{use_toasts, Severity};

/// Builds a page's view: what a `pages::split` function answers for a part without props.
pub type PageBuilder = fn() -> AnyView;

/// Builds a loaded part's view, its props (if any) captured.
pub type Part = Arc<dyn Fn() -> AnyView + Send + Sync>;

/// Fetching (once) and linking a part's module, answering its builder.
pub type PageLoad = Pin<Box<dyn Future<Output = Result<Part, SplitLoaderError>>>>;

/// A `pages::split` function's future for a part without props, as a `PageLoad`.
pub fn load_page(
    load: impl Future<Output = Result<PageBuilder, SplitLoaderError>> + 'static,
) -> PageLoad {
    Box::pin(async move { load.await.map(|build| Arc::new(build) as Part) })
}

/// A part with props, for a `#[wasm_split]` function that answers its builder (`fn(P) -> AnyView`): the part's view,
/// built once its module is linked. Mount it only while the part shows: mounting fetches the module. When the
/// module cannot be fetched, a toast says so and `close` runs: a dialog that stayed open would leave the button that
/// opened it doing nothing, and its next click fetches the module again.
pub fn lazy_part<P: Copy + Send + Sync + 'static>(
    load: impl Future<Output = Result<fn(P) -> AnyView, SplitLoaderError>> + 'static,
    props: P,
    close: impl FnOnce() + 'static,
) -> impl IntoView {
    let toasts = use_toasts();
    let load = Box::pin(async move {
        let build = load.await.inspect_err(|_| {
            toasts.show(Severity::Error, "Freqboard", NOT_LOADED);
            close();
        })?;
        Ok(Arc::new(move || build(props)) as Part)
    });
    view! { <LazyPage load=load /> }
}

/// A route's view that loads its page's module first
/// (`<Route view=lazy(|| load_page(split::page(split::Page::Logs))) />`).
pub fn lazy(load: fn() -> PageLoad) -> impl Fn() -> AnyView + Clone + Send + 'static {
    move || view! { <LazyPage load=load() /> }.into_any()
}

#[component]
pub fn LazyPage(load: PageLoad) -> impl IntoView {
    let loaded = RwSignal::new(None::<Result<Part, ()>>);
    use_view_scope().spawn(async move {
        loaded.set(Some(load.await.map_err(|_| ())));
    });
    move || match loaded.get() {
        None => view! { <p class="muted">"Loading..."</p> }.into_any(),
        // Untracked, as `view!` builds a component: the part's set-up reads must not re-run this closure.
        Some(Ok(build)) => untrack(|| build()),
        Some(Err(())) => view! {
            <div class="error-notice" role="alert">
                <p class="error-text">{NOT_LOADED}</p>
            </div>
        }
        .into_any(),
    }
}

/// What a part whose module could not be fetched says.
pub const NOT_LOADED: &str =
    "This part of Freqboard could not be loaded from its web server. Check the connection and reload the page.";
