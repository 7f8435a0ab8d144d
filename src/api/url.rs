//! Bot URL handling: what the user types becomes a normalized base URL, and an origin to compare with the page's.

use super::error::ApiError;

/// Normalizes a user-typed bot URL: trims it, lower-cases the scheme (`HTTP://` works, and so does its
/// websocket), drops trailing slashes and a pasted `/api/v1` suffix.
/// Returns the base without a trailing slash, e.g. `http://127.0.0.1:8080`.
pub fn normalize_bot_url(input: &str) -> Result<String, ApiError> {
    let trimmed = input.trim().trim_end_matches('/');
    let mut url = match trimmed.split_once("://") {
        Some((scheme, rest)) => format!("{}://{rest}", scheme.to_ascii_lowercase()),
        None => trimmed.to_string(),
    };
    if let Some(stripped) = url.strip_suffix("/api/v1") {
        url = stripped.trim_end_matches('/').to_string();
    }
    match origin_of(&url) {
        Some(_) => Ok(url),
        None => Err(ApiError::BadUrl(input.trim().to_string())),
    }
}

/// The origin (`scheme://host[:port]`) of an http(s) URL, serialized as browsers do: lower-case scheme and host,
/// default ports dropped. `None` for anything that is not an absolute http(s) URL with a host.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => "80",
        "https" => "443",
        _ => return None,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // Credentials in the URL (user:pass@host) are not part of the origin and are not supported.
    if authority.is_empty() || authority.contains('@') || authority.contains(char::is_whitespace) {
        return None;
    }
    let authority = authority.to_ascii_lowercase();
    let (host, port) = match authority.rsplit_once(':') {
        // An IPv6 literal without port ("[::1]") contains colons but ends with ']'.
        Some((h, p)) if !p.contains(']') => (h.to_string(), Some(p.to_string())),
        _ => (authority.clone(), None),
    };
    if host.is_empty() {
        return None;
    }
    match port {
        Some(p) if p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) => None,
        Some(p) if p == default_port => Some(format!("{scheme}://{host}")),
        Some(p) => Some(format!("{scheme}://{host}:{p}")),
        None => Some(format!("{scheme}://{host}")),
    }
}

/// True when a page loaded over https would be blocked by the browser from calling `bot_base` (mixed content):
/// an http:// URL whose host is not loopback (browsers let https pages call http://localhost and 127.0.0.0/8).
pub fn is_mixed_content(page_is_https: bool, bot_base: &str) -> bool {
    if !page_is_https {
        return false;
    }
    let Some(origin) = origin_of(bot_base) else {
        return false;
    };
    let Some(authority) = origin.strip_prefix("http://") else {
        return false;
    };
    let host = match authority.rsplit_once(':') {
        Some((h, p)) if !p.contains(']') => h,
        _ => authority,
    };
    let loopback = host == "localhost"
        || host.ends_with(".localhost")
        || host == "[::1]"
        || host.strip_prefix("127.").is_some_and(|rest| {
            rest.split('.').count() == 3 && rest.split('.').all(|o| o.parse::<u8>().is_ok())
        });
    !loopback
}

/// The websocket URL base (`ws://…` or `wss://…`) for a bot base URL.
pub fn ws_base(base: &str) -> Option<String> {
    if let Some(rest) = base.strip_prefix("https://") {
        Some(format!("wss://{rest}"))
    } else {
        base.strip_prefix("http://")
            .map(|rest| format!("ws://{rest}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_content_is_http_from_https_except_loopback() {
        assert!(is_mixed_content(true, "http://bot.example:8080"));
        assert!(is_mixed_content(true, "http://192.168.1.5:8080"));
        assert!(is_mixed_content(true, "http://127.example"));
        assert!(!is_mixed_content(true, "https://bot.example"));
        assert!(!is_mixed_content(false, "http://bot.example:8080"));
        assert!(!is_mixed_content(true, "http://127.0.0.1:8080"));
        assert!(!is_mixed_content(true, "http://localhost:8080"));
        assert!(!is_mixed_content(true, "http://api.localhost"));
        assert!(!is_mixed_content(true, "http://[::1]:8080"));
    }

    #[test]
    fn scheme_is_lower_cased() {
        assert_eq!(
            normalize_bot_url("HTTP://127.0.0.1:8080").ok(),
            Some("http://127.0.0.1:8080".into())
        );
        assert_eq!(
            ws_base("http://127.0.0.1:8080"),
            Some("ws://127.0.0.1:8080".into())
        );
    }

    #[test]
    fn normalizes_typed_urls() {
        assert_eq!(
            normalize_bot_url(" http://127.0.0.1:8080/ ").ok(),
            Some("http://127.0.0.1:8080".into())
        );
        assert_eq!(
            normalize_bot_url("http://127.0.0.1:8080/api/v1/").ok(),
            Some("http://127.0.0.1:8080".into())
        );
        assert_eq!(
            normalize_bot_url("https://bots.example/ft").ok(),
            Some("https://bots.example/ft".into())
        );
        assert!(matches!(
            normalize_bot_url("127.0.0.1:8080"),
            Err(ApiError::BadUrl(_))
        ));
        assert!(matches!(
            normalize_bot_url("ftp://x"),
            Err(ApiError::BadUrl(_))
        ));
        assert!(matches!(normalize_bot_url(""), Err(ApiError::BadUrl(_))));
    }

    #[test]
    fn origins_match_browser_serialization() {
        assert_eq!(
            origin_of("HTTP://LocalHost:80/x").as_deref(),
            Some("http://localhost")
        );
        assert_eq!(origin_of("https://h:443").as_deref(), Some("https://h"));
        assert_eq!(
            origin_of("http://127.0.0.1:18080/api").as_deref(),
            Some("http://127.0.0.1:18080")
        );
        assert_eq!(
            origin_of("http://[::1]:8080").as_deref(),
            Some("http://[::1]:8080")
        );
        assert_eq!(origin_of("http://[::1]").as_deref(), Some("http://[::1]"));
        assert_eq!(origin_of("http://h:port"), None);
        assert_eq!(origin_of("http://user:pw@h"), None);
    }

    #[test]
    fn websocket_base_follows_the_scheme() {
        assert_eq!(ws_base("http://h:1").as_deref(), Some("ws://h:1"));
        assert_eq!(ws_base("https://h").as_deref(), Some("wss://h"));
        assert_eq!(ws_base("file:///x"), None);
    }
}
