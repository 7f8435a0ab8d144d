//! Options of a `<select>` with a long list (a whitelist of 1,500 pairs), written straight into the element.
//!
//! Built through the view macro, each option is an element, an attribute, a text node and their bookkeeping:
//! 1,500 pairs made the chart card's build a 60 ms task. Written here, it is two calls per option.

use web_sys::{HtmlOptionElement, HtmlSelectElement};

use crate::util::format::visible;

/// Replaces the options of `select` with `values`, shown with hidden characters made visible, and selects
/// `selected` if it is one of them.
pub fn fill_options(select: &HtmlSelectElement, values: &[String], selected: Option<&str>) {
    select.set_length(0);
    for value in values {
        let is = selected == Some(value.as_str());
        // Text, never markup: the option's label is set as text by the constructor.
        if let Ok(option) =
            HtmlOptionElement::new_with_text_and_value_and_default_selected_and_selected(
                &visible(value),
                value,
                is,
                is,
            )
        {
            let _ = select.add_with_html_option_element(&option);
        }
    }
}
