//! CSV that a spreadsheet opens without fixing: RFC 4180 (comma separated, CRLF line ends, fields quoted when
//! they hold a comma, a quote or a line break, quotes doubled), a UTF-8 byte order mark so Excel reads
//! non-ASCII text, numbers with a decimal point and no grouping or unit, dates as `YYYY-MM-DD HH:MM:SS`.
//! Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is prefixed with `'`: exit
//! reasons and tags come from strategies, and a downloaded file must never execute anything.

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Text(String),
    /// Written as the shortest decimal that reads back as the same value (never with an exponent); empty
    /// when missing or not finite.
    Number(Option<f64>),
    Integer(i64),
}

impl Field {
    pub fn text(s: impl Into<String>) -> Field {
        Field::Text(s.into())
    }
}

/// The byte order mark that starts every file.
pub const BOM: char = '\u{FEFF}';

/// A whole file from its header and rows.
pub fn encode(header: &[&str], rows: impl IntoIterator<Item = Vec<Field>>) -> String {
    let mut out = String::new();
    out.push(BOM);
    line(&mut out, header.iter().map(|h| Field::text(*h)));
    for row in rows {
        line(&mut out, row);
    }
    out
}

fn line(out: &mut String, fields: impl IntoIterator<Item = Field>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match field {
            Field::Text(s) => text(out, &s),
            Field::Number(v) => {
                if let Some(v) = v.filter(|v| v.is_finite()) {
                    // Rust's Display never uses an exponent and prints "-0" for negative zero.
                    let v = if v == 0.0 { 0.0 } else { v };
                    out.push_str(&v.to_string());
                }
            }
            Field::Integer(n) => out.push_str(&n.to_string()),
        }
    }
    out.push_str("\r\n");
}

fn text(out: &mut String, s: &str) {
    let guarded = match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    };
    if guarded.contains([',', '"', '\n', '\r'])
        || guarded.starts_with(' ')
        || guarded.ends_with(' ')
    {
        out.push('"');
        out.push_str(&guarded.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&guarded);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(csv: &str) -> &str {
        csv.strip_prefix(BOM).unwrap_or("missing BOM")
    }

    #[test]
    fn quotes_only_what_needs_it() {
        let csv = encode(
            &["a", "b"],
            [
                vec![Field::text("plain"), Field::text("with, comma")],
                vec![Field::text("say \"hi\""), Field::text("two\nlines")],
                vec![Field::text(" padded"), Field::text("")],
            ],
        );
        assert_eq!(
            body(&csv),
            "a,b\r\nplain,\"with, comma\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n\" padded\",\r\n"
        );
    }

    #[test]
    fn numbers_read_back_exactly_with_a_decimal_point() {
        let csv = encode(
            &["n"],
            [
                vec![Field::Number(Some(1234567.5))],
                vec![Field::Number(Some(0.00001234))],
                vec![Field::Number(Some(-0.0))],
                vec![Field::Number(Some(-2.5))],
                vec![Field::Number(None)],
                vec![Field::Number(Some(f64::NAN))],
                vec![Field::Integer(-7)],
                vec![Field::Number(Some(1e21))],
            ],
        );
        assert_eq!(
            body(&csv),
            "n\r\n1234567.5\r\n0.00001234\r\n0\r\n-2.5\r\n\r\n\r\n-7\r\n1000000000000000000000\r\n"
        );
        assert_eq!("0.1".parse::<f64>().ok(), Some(0.1));
    }

    #[test]
    fn formulas_are_never_live() {
        let csv = encode(
            &["t"],
            [
                vec![Field::text("=HYPERLINK(\"x\")")],
                vec![Field::text("-exit")],
                vec![Field::text("@sum")],
                vec![Field::text("roi")],
            ],
        );
        assert_eq!(
            body(&csv),
            "t\r\n\"'=HYPERLINK(\"\"x\"\")\"\r\n'-exit\r\n'@sum\r\nroi\r\n"
        );
    }

    #[test]
    fn non_ascii_text_and_the_byte_order_mark() {
        let csv = encode(&["Pair"], [vec![Field::text("ÄÖÜ/€")]]);
        assert!(csv.starts_with('\u{FEFF}'));
        assert_eq!(body(&csv), "Pair\r\nÄÖÜ/€\r\n");
    }
}
