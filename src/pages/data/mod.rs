//! Data (issue 13): download candles on a `freqtrade webserver` as a background job, and every job of the
//! bot in one list (followed while one runs; a reload picks running ones up again). The state
//! (`state::jobs::Jobs`) outlives the page.

mod download;
pub mod form;
mod jobs;

use leptos::prelude::*;

use crate::components::error_notice::ErrorNotice;
use crate::components::require_bot::RequireBot;
use crate::state::jobs::Jobs;
use crate::state::persist::BotId;

#[component]
pub fn DataPage() -> impl IntoView {
    view! {
        <RequireBot webserver=true let:id>
            <Data id=id />
        </RequireBot>
    }
}

#[component]
fn Data(id: BotId) -> impl IntoView {
    let j = Jobs::of(id);
    view! {
        <div class="data-page">
            <ErrorNotice error=j.error />
            <download::DownloadPanel jobs=j />
            <jobs::JobsPanel jobs=j />
        </div>
    }
}
