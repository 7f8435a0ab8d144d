//! `<ListSelect>`: a `<select>` over a list that changes (pairs, timeframes, strategies, saved configs), its
//! options written straight into the element.
//!
//! Built through the view macro, each option is an element, an attribute, a text node and their bookkeeping,
//! and every select over a list compiled its own copy of that: 1,500 pairs made the chart card's build a 60 ms
//! task. Written here, it is two DOM calls per option, and one copy of the code serves every such select.

use leptos::html::Select;
use leptos::prelude::*;
use web_sys::{HtmlOptionElement, HtmlSelectElement};

use crate::runtime::effect;
use crate::util::format::visible;

/// One option: the value sent on change, and the label shown.
pub type Choice = (String, String);

/// Choices whose label is their value.
pub fn choices_of(values: impl IntoIterator<Item = String>) -> Vec<Choice> {
    values.into_iter().map(|v| (v.clone(), v)).collect()
}

/// Replaces the options of `select` with `choices`, labels shown with hidden characters made visible, and
/// selects the one whose value is `selected`.
pub fn fill_options(select: &HtmlSelectElement, choices: &[Choice], selected: &str) {
    select.set_length(0);
    for (value, label) in choices {
        let is = value == selected;
        // Text, never markup: the constructor sets the label as text.
        if let Ok(option) =
            HtmlOptionElement::new_with_text_and_value_and_default_selected_and_selected(
                &visible(label),
                value,
                is,
                is,
            )
        {
            let _ = select.add_with_html_option_element(&option);
        }
    }
}

/// A select over `choices` showing `value`; a choice of the user calls `on_change` with its value.
#[component]
pub fn ListSelect(
    #[prop(into)] choices: Signal<Vec<Choice>>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    /// The accessible name, when no `<label for>` names the select.
    #[prop(optional)]
    aria_label: Option<&'static str>,
    #[prop(optional, into)] id: Option<String>,
    #[prop(optional)] name: Option<&'static str>,
) -> impl IntoView {
    let node = NodeRef::<Select>::new();
    // The options follow the list; the shown value stays selected when the list is rebuilt, and later changes
    // of the value go through the select's `value`.
    effect(move || {
        let list = choices.get();
        if let Some(select) = node.get() {
            fill_options(&select, &list, &value.get_untracked());
        }
    });
    view! {
        <select
            node_ref=node
            id=id
            name=name
            aria-label=aria_label
            prop:value=move || value.get()
            on:change=move |ev| on_change.run(event_target_value(&ev))
        ></select>
    }
}
