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
    let mut scanner = SpanScanner::default();
    loop {
        if let Scan::Done(spans) = scanner.advance(text, usize::MAX) {
            return spans;
        }
    }
}

/// How far a [`SpanScanner`] got.
pub enum Scan {
    /// Stopped at its byte budget: call `advance` again.
    More,
    /// The element ranges, or `None` when the text is not one whole array.
    Done(Option<Vec<Range<usize>>>),
}

/// Finds the elements of a top-level JSON array a budget of bytes at a time, so a 20 MB answer can be cut up
/// across several tasks.
#[derive(Default)]
pub struct SpanScanner {
    i: usize,
    began: bool,
    depth: usize,
    in_string: bool,
    escaped: bool,
    start: Option<usize>,
    spans: Vec<Range<usize>>,
}

impl SpanScanner {
    /// Scans up to `budget` more bytes of `text` (always the same text).
    pub fn advance(&mut self, text: &str, budget: usize) -> Scan {
        let bytes = text.as_bytes();
        if !self.began {
            self.i = skip_ws(bytes, 0);
            if bytes.get(self.i) != Some(&b'[') {
                return Scan::Done(None);
            }
            self.i += 1;
            self.began = true;
        }
        let limit = self.i.saturating_add(budget).min(bytes.len());
        while self.i < limit {
            let (i, b) = (self.i, bytes.get(self.i).copied().unwrap_or(b' '));
            self.i += 1;
            if self.in_string {
                match b {
                    _ if self.escaped => self.escaped = false,
                    b'\\' => self.escaped = true,
                    b'"' => self.in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => {
                    self.in_string = true;
                    self.start.get_or_insert(i);
                }
                b'{' | b'[' => {
                    self.depth += 1;
                    self.start.get_or_insert(i);
                }
                b'}' | b']' if self.depth > 0 => self.depth -= 1,
                b']' => {
                    if let Some(s) = self.start.take() {
                        self.spans.push(s..trim_end(bytes, s, i));
                    }
                    let whole = skip_ws(bytes, i + 1) == bytes.len();
                    return Scan::Done(whole.then(|| std::mem::take(&mut self.spans)));
                }
                b',' if self.depth == 0 => match self.start.take() {
                    Some(s) => self.spans.push(s..trim_end(bytes, s, i)),
                    None => return Scan::Done(None), // `[,` or `,,`
                },
                b' ' | b'\n' | b'\r' | b'\t' => {}
                _ => {
                    self.start.get_or_insert(i);
                }
            }
        }
        if self.i >= bytes.len() {
            Scan::Done(None) // unterminated
        } else {
            Scan::More
        }
    }
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
    fn a_scan_in_small_budgets_finds_the_same_elements() {
        let text = include_str!("../../../tests/fixtures/status.json");
        let whole = array_element_spans(text);
        assert!(whole.as_ref().is_some_and(|s| !s.is_empty()));
        let mut scanner = SpanScanner::default();
        let mut rounds = 0;
        let stepped = loop {
            rounds += 1;
            if let Scan::Done(spans) = scanner.advance(text, 97) {
                break spans;
            }
        };
        assert_eq!(stepped, whole);
        assert!(rounds > text.len() / 97);
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
