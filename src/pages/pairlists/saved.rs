//! The named configs: pick one to edit, start a new one, save under a name, rename, duplicate and delete
//! (confirmed). They are kept in this browser for every bot.

use leptos::prelude::*;

use crate::components::modal::ConfirmButton;
use crate::components::select_options::ListSelect;
use crate::runtime::effect;
use crate::state::pairlists::Pairlists;

#[component]
pub fn SavedBar(p: Pairlists) -> impl IntoView {
    // The name typed; the draft's own name is the saved config it came from. The typed name follows the
    // draft's name when that changes (open, save, rename), not on every edit of the chain.
    let opened = Memo::new(move |_| p.draft.with(|d| d.name.clone()));
    let name = RwSignal::new(opened.get_untracked());
    effect(move || name.set(opened.get()));
    let is_saved = move || opened.with(|n| p.saved.with(|s| s.get(n).is_some()));
    let choices = Signal::derive(move || {
        let mut c = vec![(String::new(), "— new config —".to_string())];
        p.saved.with(|s| {
            c.extend(s.configs.iter().map(|c| (c.name.clone(), c.name.clone())));
        });
        c
    });
    let open = Callback::new(move |n: String| p.open((!n.is_empty()).then_some(n.as_str())));
    view! {
        <div class="saved-bar">
            <label class="field">
                <span>"Saved configs"</span>
                <ListSelect choices=choices value=Signal::derive(move || if is_saved() { opened.get() } else { String::new() }) on_change=open />
            </label>
            <label class="field">
                <span>"Name"</span>
                <input
                    type="text"
                    placeholder="My pairlist"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </label>
            <div class="inline">
                <button class="primary" on:click=move |_| p.save_as(name.get_untracked())>"Save"</button>
                <button
                    disabled=move || !is_saved() || name.with(|n| n.trim().is_empty() || *n == opened.get())
                    on:click=move |_| p.rename(name.get_untracked())
                >"Rename"</button>
                <button disabled=move || !is_saved() on:click=move |_| p.duplicate()>"Duplicate"</button>
                <ConfirmButton
                    label="Delete"
                    danger=true
                    disabled=Signal::derive(move || !is_saved())
                    message=Signal::derive(move || format!("Delete the saved pairlist config \"{}\" from this browser?", opened.get()))
                    on_confirm=Callback::new(move |_| p.delete())
                />
            </div>
        </div>
    }
}
