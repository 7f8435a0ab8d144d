//! Colours of plot configs: `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb()`, `rgba()` and the CSS named colours
//! strategies use. An unreadable or missing colour gets a stable palette colour derived from the series name.

/// An sRGB colour with alpha in `0..=1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgba {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: f64,
}

impl Rgba {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Rgba { r, g, b, a: 1.0 }
    }

    pub fn with_alpha(self, a: f64) -> Self {
        Rgba {
            a: if a.is_finite() {
                a.clamp(0.0, 1.0)
            } else {
                1.0
            },
            ..self
        }
    }

    /// `#rrggbb` (alpha dropped), for colour inputs.
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// A CSS colour string with alpha.
    pub fn css(&self) -> String {
        if self.a >= 1.0 {
            self.hex()
        } else {
            format!("rgba({},{},{},{:.3})", self.r, self.g, self.b, self.a)
        }
    }
}

const NAMED: &[(&str, Rgba)] = &[
    ("black", Rgba::rgb(0, 0, 0)),
    ("white", Rgba::rgb(255, 255, 255)),
    ("red", Rgba::rgb(255, 0, 0)),
    ("green", Rgba::rgb(0, 128, 0)),
    ("blue", Rgba::rgb(0, 0, 255)),
    ("yellow", Rgba::rgb(255, 255, 0)),
    ("orange", Rgba::rgb(255, 165, 0)),
    ("purple", Rgba::rgb(128, 0, 128)),
    ("pink", Rgba::rgb(255, 192, 203)),
    ("brown", Rgba::rgb(165, 42, 42)),
    ("gray", Rgba::rgb(128, 128, 128)),
    ("grey", Rgba::rgb(128, 128, 128)),
    ("lightgray", Rgba::rgb(211, 211, 211)),
    ("lightgrey", Rgba::rgb(211, 211, 211)),
    ("darkgray", Rgba::rgb(169, 169, 169)),
    ("darkgrey", Rgba::rgb(169, 169, 169)),
    ("silver", Rgba::rgb(192, 192, 192)),
    ("cyan", Rgba::rgb(0, 255, 255)),
    ("aqua", Rgba::rgb(0, 255, 255)),
    ("magenta", Rgba::rgb(255, 0, 255)),
    ("fuchsia", Rgba::rgb(255, 0, 255)),
    ("lime", Rgba::rgb(0, 255, 0)),
    ("olive", Rgba::rgb(128, 128, 0)),
    ("navy", Rgba::rgb(0, 0, 128)),
    ("teal", Rgba::rgb(0, 128, 128)),
    ("maroon", Rgba::rgb(128, 0, 0)),
    ("gold", Rgba::rgb(255, 215, 0)),
    ("violet", Rgba::rgb(238, 130, 238)),
    ("indigo", Rgba::rgb(75, 0, 130)),
    ("turquoise", Rgba::rgb(64, 224, 208)),
    ("coral", Rgba::rgb(255, 127, 80)),
    ("salmon", Rgba::rgb(250, 128, 114)),
    ("khaki", Rgba::rgb(240, 230, 140)),
    ("crimson", Rgba::rgb(220, 20, 60)),
    ("chocolate", Rgba::rgb(210, 105, 30)),
    ("tomato", Rgba::rgb(255, 99, 71)),
    ("lightblue", Rgba::rgb(173, 216, 230)),
    ("darkblue", Rgba::rgb(0, 0, 139)),
    ("darkgreen", Rgba::rgb(0, 100, 0)),
    ("lightgreen", Rgba::rgb(144, 238, 144)),
    ("darkred", Rgba::rgb(139, 0, 0)),
    ("darkorange", Rgba::rgb(255, 140, 0)),
    ("skyblue", Rgba::rgb(135, 206, 235)),
    ("steelblue", Rgba::rgb(70, 130, 180)),
    ("royalblue", Rgba::rgb(65, 105, 225)),
    ("dodgerblue", Rgba::rgb(30, 144, 255)),
    ("deepskyblue", Rgba::rgb(0, 191, 255)),
    ("orchid", Rgba::rgb(218, 112, 214)),
    ("plum", Rgba::rgb(221, 160, 221)),
    ("tan", Rgba::rgb(210, 180, 140)),
    ("beige", Rgba::rgb(245, 245, 220)),
];

fn hex_digit(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

fn parse_hex(s: &str) -> Option<Rgba> {
    let digits: Vec<u8> = s.bytes().map(hex_digit).collect::<Option<_>>()?;
    let pair = |i: usize| -> Option<u8> { Some(digits.get(i)? * 16 + digits.get(i + 1)?) };
    let single = |i: usize| -> Option<u8> { digits.get(i).map(|d| d * 17) };
    match digits.len() {
        3 => Some(Rgba::rgb(single(0)?, single(1)?, single(2)?)),
        4 => Some(
            Rgba::rgb(single(0)?, single(1)?, single(2)?).with_alpha(f64::from(single(3)?) / 255.0),
        ),
        6 => Some(Rgba::rgb(pair(0)?, pair(2)?, pair(4)?)),
        8 => Some(Rgba::rgb(pair(0)?, pair(2)?, pair(4)?).with_alpha(f64::from(pair(6)?) / 255.0)),
        _ => None,
    }
}

fn parse_function(s: &str) -> Option<Rgba> {
    let inner = s
        .strip_prefix("rgba(")
        .or_else(|| s.strip_prefix("rgb("))?
        .strip_suffix(')')?;
    let parts: Vec<&str> = inner
        .split([',', ' ', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let channel = |p: &str| -> Option<u8> {
        let v: f64 = match p.strip_suffix('%') {
            Some(pct) => crate::util::decimal::parse_decimal(pct)? * 2.55,
            None => crate::util::decimal::parse_decimal(p)?,
        };
        v.is_finite().then(|| v.round().clamp(0.0, 255.0) as u8)
    };
    let alpha = |p: &str| -> Option<f64> {
        let v: f64 = match p.strip_suffix('%') {
            Some(pct) => crate::util::decimal::parse_decimal(pct)? / 100.0,
            None => crate::util::decimal::parse_decimal(p)?,
        };
        v.is_finite().then_some(v)
    };
    match parts.as_slice() {
        [r, g, b] => Some(Rgba::rgb(channel(r)?, channel(g)?, channel(b)?)),
        [r, g, b, a] => {
            Some(Rgba::rgb(channel(r)?, channel(g)?, channel(b)?).with_alpha(alpha(a)?))
        }
        _ => None,
    }
}

/// Reads a CSS colour; `None` when it is not one of the supported forms.
pub fn parse_color(text: &str) -> Option<Rgba> {
    let s = text.trim().to_ascii_lowercase();
    if let Some(hex) = s.strip_prefix('#') {
        return parse_hex(hex);
    }
    if s.starts_with("rgb") {
        return parse_function(&s);
    }
    NAMED.iter().find(|(name, _)| *name == s).map(|(_, c)| *c)
}

/// Distinct colours that read on dark and light backgrounds.
const PALETTE: [Rgba; 10] = [
    Rgba::rgb(0x4c, 0x8d, 0xff),
    Rgba::rgb(0xf5, 0x9e, 0x0b),
    Rgba::rgb(0xa8, 0x55, 0xf7),
    Rgba::rgb(0x14, 0xb8, 0xa6),
    Rgba::rgb(0xec, 0x48, 0x99),
    Rgba::rgb(0x84, 0xcc, 0x16),
    Rgba::rgb(0x06, 0xb6, 0xd4),
    Rgba::rgb(0xf9, 0x73, 0x16),
    Rgba::rgb(0x63, 0x66, 0xf1),
    Rgba::rgb(0xe1, 0x1d, 0x48),
];

/// The colour of the `i`-th extra series drawn beside a chart's main line (which has the palette's first).
pub fn series_color(i: usize) -> Rgba {
    PALETTE
        .get((i + 1) % PALETTE.len())
        .copied()
        .unwrap_or(Rgba::rgb(0xf5, 0x9e, 0x0b))
}

/// A stable colour for a series without one (FreqUI picks a random one; ours does not change per render).
pub fn auto_color(name: &str) -> Rgba {
    // FNV-1a: small and stable across builds.
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    PALETTE
        .get((hash % PALETTE.len() as u64) as usize)
        .copied()
        .unwrap_or(Rgba::rgb(0x4c, 0x8d, 0xff))
}

/// The configured colour when readable, otherwise the series' automatic one.
pub fn color_or_auto(color: Option<&str>, name: &str) -> Rgba {
    color
        .and_then(parse_color)
        .unwrap_or_else(|| auto_color(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_css_forms() {
        assert_eq!(parse_color("#fff"), Some(Rgba::rgb(255, 255, 255)));
        assert_eq!(parse_color("#26A69A"), Some(Rgba::rgb(0x26, 0xa6, 0x9a)));
        assert_eq!(parse_color(" white "), Some(Rgba::rgb(255, 255, 255)));
        assert_eq!(parse_color("Orange"), Some(Rgba::rgb(255, 165, 0)));
        assert_eq!(parse_color("rgb(1, 2, 3)"), Some(Rgba::rgb(1, 2, 3)));
        assert_eq!(
            parse_color("rgba(10,20,30,0.5)"),
            Some(Rgba::rgb(10, 20, 30).with_alpha(0.5))
        );
        assert_eq!(
            parse_color("#00000080").map(|c| (c.a * 100.0).round()),
            Some(50.0)
        );
        assert_eq!(parse_color("rgb(300, -5, 2)"), Some(Rgba::rgb(255, 0, 2)));
    }

    #[test]
    fn bad_colours_fall_back_to_a_stable_palette_colour() {
        for bad in [
            "",
            "#12",
            "#ggg",
            "rgb(1,2)",
            "rgb(a,b,c)",
            "notacolour",
            "#12345",
        ] {
            assert_eq!(parse_color(bad), None, "{bad}");
        }
        assert_eq!(color_or_auto(Some("nope"), "ema"), auto_color("ema"));
        assert_eq!(color_or_auto(None, "ema"), auto_color("ema"));
        assert_eq!(color_or_auto(Some("red"), "ema"), Rgba::rgb(255, 0, 0));
        assert_eq!(Rgba::rgb(1, 2, 3).hex(), "#010203");
        assert_eq!(Rgba::rgb(1, 2, 3).with_alpha(f64::NAN).a, 1.0);
    }
}
