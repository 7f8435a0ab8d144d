//! Big list answers decoded in slices, so the page keeps answering while a bot's 20 MB `/status` is read.
//!
//! The top-level array is first cut into its elements by a byte scanner (strings and nesting respected), then
//! the elements are decoded a batch at a time; the caller yields to the browser between batches. An element
//! that cannot be read is dropped, as lenient lists do.

use std::ops::Range;

use serde::de::DeserializeOwned;

/// Bodies smaller than this are decoded in one go.
pub const SLICE_ABOVE_BYTES: usize = 512 * 1024;

/// The byte ranges of the elements of a top-level JSON array, or `None` when `text` is not an array (then
/// the caller decodes it whole and reports what is wrong).
pub fn array_element_spans(text: &str) -> Option<Vec<Range<usize>>> {
    let bytes = text.as_bytes();
    let mut i = skip_ws(bytes, 0);
    if bytes.get(i) != Some(&b'[') {
        return None;
    }
    i += 1;
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut start: Option<usize> = None;
    while let Some(&b) = bytes.get(i) {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => {
                    in_string = true;
                    start.get_or_insert(i);
                }
                b'{' | b'[' => {
                    depth += 1;
                    start.get_or_insert(i);
                }
                b'}' | b']' if depth > 0 => depth -= 1,
                b']' => {
                    if let Some(s) = start.take() {
                        spans.push(s..trim_end(bytes, s, i));
                    }
                    return (skip_ws(bytes, i + 1) == bytes.len()).then_some(spans);
                }
                b',' if depth == 0 => match start.take() {
                    Some(s) => spans.push(s..trim_end(bytes, s, i)),
                    None => return None, // `[,` or `,,`
                },
                b' ' | b'\n' | b'\r' | b'\t' => {}
                _ => {
                    start.get_or_insert(i);
                }
            }
        }
        i += 1;
    }
    None // unterminated
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while matches!(bytes.get(i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        i += 1;
    }
    i
}

/// The end of an element that runs from `start` to just before `end`, without trailing whitespace.
fn trim_end(bytes: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && matches!(bytes.get(end - 1), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        end -= 1;
    }
    end
}

/// Decodes the elements of `text` at `spans` and appends the readable ones to `out`.
pub fn decode_elements<T: DeserializeOwned>(text: &str, spans: &[Range<usize>], out: &mut Vec<T>) {
    for span in spans {
        if let Some(Ok(item)) = text.get(span.clone()).map(serde_json::from_str::<T>) {
            out.push(item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Option<Vec<&str>> {
        array_element_spans(text).map(|s| s.into_iter().filter_map(|r| text.get(r)).collect())
    }

    #[test]
    fn elements_are_cut_at_top_level_commas_only() {
        let text = r#" [ {"a": [1, 2], "s": "x,]}\"y"} , 3 ,"q" , null, [[]] ] "#;
        assert_eq!(
            pieces(text),
            Some(vec![
                r#"{"a": [1, 2], "s": "x,]}\"y"}"#,
                "3",
                r#""q""#,
                "null",
                "[[]]"
            ])
        );
        assert_eq!(pieces("[]"), Some(vec![]));
        assert_eq!(pieces("[ ]"), Some(vec![]));
    }

    #[test]
    fn anything_but_one_whole_array_is_refused() {
        for bad in ["{}", "", "[1,", "[1,,2]", "[,1]", "[1] x", "\"[1]\""] {
            assert_eq!(array_element_spans(bad), None, "{bad}");
        }
    }

    #[test]
    fn sliced_decoding_matches_whole_decoding_and_drops_unreadable_items() {
        let text = include_str!("../../../tests/fixtures/status.json");
        let whole: Vec<crate::api::wire::Trade> = serde_json::from_str(text).unwrap_or_default();
        let spans = array_element_spans(text).unwrap_or_default();
        let mut sliced: Vec<crate::api::wire::Trade> = Vec::new();
        decode_elements(text, &spans[..1], &mut sliced);
        decode_elements(text, &spans[1..], &mut sliced);
        assert!(!whole.is_empty());
        assert_eq!(sliced, whole);
        let mut numbers: Vec<u32> = Vec::new();
        let text = "[1, \"x\", 3]";
        decode_elements(
            text,
            &array_element_spans(text).unwrap_or_default(),
            &mut numbers,
        );
        assert_eq!(numbers, vec![1, 3]);
    }
}
