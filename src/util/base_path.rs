//! The app's base path: where it is served from ("" at a site root, "/freqboard" under a sub-path).
//!
//! The boot script (src/boot/boot.js) finds the base from the page's URL and sets `<base href>`; the app reads it
//! back from `document.baseURI` once (`components::app_href::app_base`) for the router and in-app links. Paths the app builds
//! itself (`/trade`, `/login?redirect=…`) are app paths without the base.

/// The first path segment of every route of the app (src/app.rs). src/boot/boot.js finds the base path with the
/// same list (a unit test in app.rs keeps them equal), and login redirects must name one of them.
pub const TOP_SEGMENTS: [&str; 11] = [
    "login",
    "trade",
    "dashboard",
    "fleet",
    "chart",
    "backtest",
    "data",
    "pairlists",
    "analysis",
    "logs",
    "settings",
];

/// The router base for the path of `document.baseURI`: no trailing slash, and "" for the site root.
pub fn router_base(base_uri_path: &str) -> String {
    let trimmed = base_uri_path.trim_end_matches('/');
    if trimmed.is_empty() || !trimmed.starts_with('/') {
        String::new()
    } else {
        trimmed.to_string()
    }
}

/// The app path of a browser pathname: `pathname` without the base ("/freqboard/trade" → "/trade").
pub fn app_path<'a>(pathname: &'a str, base: &str) -> &'a str {
    match pathname.strip_prefix(base) {
        Some("") => "/",
        Some(rest) if rest.starts_with('/') => rest,
        _ => pathname,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn router_base_has_no_trailing_slash() {
        assert_eq!(router_base("/"), "");
        assert_eq!(router_base(""), "");
        assert_eq!(router_base("/freqboard/"), "/freqboard");
        assert_eq!(router_base("/a/b/"), "/a/b");
        assert_eq!(router_base("relative/"), "");
    }

    #[test]
    fn app_path_strips_only_a_whole_base_segment() {
        assert_eq!(app_path("/freqboard/trade", "/freqboard"), "/trade");
        assert_eq!(app_path("/freqboard", "/freqboard"), "/");
        assert_eq!(app_path("/freqboard/", "/freqboard"), "/");
        assert_eq!(
            app_path("/freqboardx/trade", "/freqboard"),
            "/freqboardx/trade"
        );
        assert_eq!(app_path("/trade/5", ""), "/trade/5");
    }
}
