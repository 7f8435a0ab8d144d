//! Where to go after login: only a path of this app, never another site.
//!
//! The `?redirect=` of the login page comes from the URL, so anyone can craft it. Browsers read `/\host`,
//! `/<TAB>/host` and `//host` as another host, so the target must be an app path: it starts with one `/`,
//! names a route of the app, and holds no backslash, control character, whitespace or `..` segment.

use super::base_path::TOP_SEGMENTS;

/// Where the login page sends the user when the redirect is missing or refused.
pub const DEFAULT_AFTER_LOGIN: &str = "/trade";

/// `target` when it is a safe app path (see the module docs), else [`DEFAULT_AFTER_LOGIN`].
pub fn safe_redirect(target: Option<&str>) -> String {
    match target {
        Some(t) if is_app_path(t) => t.to_string(),
        _ => DEFAULT_AFTER_LOGIN.to_string(),
    }
}

fn is_app_path(target: &str) -> bool {
    let Some(rest) = target.strip_prefix('/') else {
        return false;
    };
    if rest.starts_with('/')
        || target.contains('\\')
        || target.chars().any(|c| c.is_control() || c.is_whitespace())
    {
        return false;
    }
    let path = rest.split(['?', '#']).next().unwrap_or_default();
    if path
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return false;
    }
    match path.split('/').next().unwrap_or_default() {
        "" => path.is_empty(),
        "login" => false,
        first => TOP_SEGMENTS.contains(&first),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_paths_are_followed() {
        for ok in [
            "/",
            "/trade",
            "/trade/5",
            "/chart?pair=BTC/USDT",
            "/logs#end",
            "/settings",
        ] {
            assert_eq!(safe_redirect(Some(ok)), ok, "{ok}");
        }
    }

    #[test]
    fn other_sites_and_tricks_are_refused() {
        for bad in [
            "//evil.example",
            "https://evil.example",
            "http:/evil.example",
            "javascript:alert(1)",
            "/\\evil.example/",
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "/%2F%2Fevil.example",
            "/trade/../..//evil.example",
            "/./trade",
            "/login",
            "/login?redirect=/trade",
            "/no-such-page",
            "trade",
            "",
        ] {
            assert_eq!(safe_redirect(Some(bad)), DEFAULT_AFTER_LOGIN, "{bad:?}");
        }
        assert_eq!(safe_redirect(None), DEFAULT_AFTER_LOGIN);
    }
}
