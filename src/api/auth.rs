//! Logging in, and the tokens a logged-in bot holds.

use base64::Engine;
use serde::{Deserialize, Serialize};

use super::client::{fetch_text, RawRequest};
use super::error::ApiError;
use super::request::DEFAULT_TIMEOUT_MS;

/// A bot session's credentials. The password is never part of it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tokens {
    pub access: String,
    pub refresh: String,
}

// Tokens must never reach a log, so Debug hides them.
impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tokens { .. }")
    }
}

/// The `Authorization` header value for HTTP Basic credentials.
pub fn basic_auth_header(username: &str, password: &str) -> String {
    let raw = format!("{username}:{password}");
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(raw)
    )
}

/// Interprets the answer of `POST /token/login`. Both tokens must be present.
pub fn tokens_from_login(status: u16, body: &str) -> Result<Tokens, ApiError> {
    match status {
        200..=299 => {
            let answer: crate::api::wire::TokenLoginResponse =
                crate::api::endpoint::decode_body("POST /token/login", body)?;
            match (answer.access_token, answer.refresh_token) {
                (Some(access), Some(refresh)) if !access.is_empty() && !refresh.is_empty() => {
                    Ok(Tokens { access, refresh })
                }
                _ => Err(ApiError::Decode {
                    endpoint: "POST /token/login".into(),
                    msg: "the answer has no access and refresh token".into(),
                }),
            }
        }
        401 => Err(ApiError::BadCredentials),
        _ => Err(ApiError::from_status(status, body)),
    }
}

/// Interprets the answer of `POST /token/refresh`: the new access token. A refused refresh means a new login.
pub fn access_from_refresh(status: u16, body: &str) -> Result<String, ApiError> {
    match status {
        200..=299 => {
            let answer: crate::api::wire::TokenRefreshResponse =
                crate::api::endpoint::decode_body("POST /token/refresh", body)?;
            answer
                .access_token
                .filter(|t| !t.is_empty())
                .ok_or(ApiError::LoginRequired)
        }
        // 401/403/422: the refresh token is expired, revoked, or signed with another secret.
        400..=499 => Err(ApiError::LoginRequired),
        _ => Err(ApiError::from_status(status, body)),
    }
}

/// `POST <base>/api/v1/token/login` with HTTP Basic credentials.
pub async fn login(base: &str, username: &str, password: &str) -> Result<Tokens, ApiError> {
    let (status, body) = fetch_text(RawRequest {
        method: "POST",
        url: format!("{base}/api/v1/token/login"),
        authorization: Some(basic_auth_header(username, password)),
        body: None,
        timeout_ms: DEFAULT_TIMEOUT_MS,
        bot_base: base,
    })
    .await?;
    tokens_from_login(status, &body)
}

/// `POST <base>/api/v1/token/refresh` with the refresh token as Bearer.
pub async fn refresh(base: &str, refresh_token: &str) -> Result<String, ApiError> {
    if refresh_token.is_empty() {
        return Err(ApiError::LoginRequired);
    }
    let (status, body) = fetch_text(RawRequest {
        method: "POST",
        url: format!("{base}/api/v1/token/refresh"),
        authorization: Some(format!("Bearer {refresh_token}")),
        body: None,
        timeout_ms: DEFAULT_TIMEOUT_MS,
        bot_base: base,
    })
    .await?;
    access_from_refresh(status, &body)
}

/// When a JWT expires (its `exp` claim, Unix seconds), read from its payload without checking the signature
/// (only the bot can; this is for warning the user ahead of time). `None` for anything that is not a JWT.
pub fn token_expiry_s(token: &str) -> Option<i64> {
    let payload = token.split('.').nth(1)?;
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    // Through `from_str`, the one JSON reader the app compiles (`from_slice` would build a second).
    let claims: serde_json::Value = serde_json::from_str(std::str::from_utf8(&raw).ok()?).ok()?;
    claims
        .get("exp")?
        .as_f64()
        .filter(|e| e.is_finite())
        .map(|e| e as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expiry_of_a_jwt_and_of_garbage() {
        let login: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/token_login.json"))
                .unwrap_or_default();
        let refresh = login["refresh_token"].as_str().unwrap_or_default();
        let access = login["access_token"].as_str().unwrap_or_default();
        // The fixture's tokens are fakes shaped like freqtrade's (tests/fixtures/README.md), both with this exp.
        assert_eq!(token_expiry_s(refresh), Some(1_700_000_900));
        assert_eq!(token_expiry_s(access), Some(1_700_000_900));
        assert_eq!(token_expiry_s("not a token"), None);
        assert_eq!(token_expiry_s("a.%%%.c"), None);
        assert_eq!(token_expiry_s("a.e30.c"), None); // "{}": no exp
    }

    #[test]
    fn basic_header_is_base64_of_user_colon_password() {
        assert_eq!(
            basic_auth_header("Freqtrader", "SuperSecret1!"),
            "Basic RnJlcXRyYWRlcjpTdXBlclNlY3JldDEh"
        );
    }

    #[test]
    fn login_answers_are_interpreted() {
        let ok = tokens_from_login(200, r#"{"access_token":"a.b.c","refresh_token":"d.e.f"}"#);
        assert_eq!(
            ok,
            Ok(Tokens {
                access: "a.b.c".into(),
                refresh: "d.e.f".into()
            })
        );
        assert!(matches!(
            tokens_from_login(200, r#"{"access_token":"a.b.c"}"#),
            Err(ApiError::Decode { .. })
        ));
        assert_eq!(
            tokens_from_login(401, r#"{"detail":"Unauthorized"}"#),
            Err(ApiError::BadCredentials)
        );
        assert!(matches!(
            tokens_from_login(404, r#"{"detail":"Not Found"}"#),
            Err(ApiError::Http { status: 404, .. })
        ));
    }

    #[test]
    fn refresh_answers_are_interpreted() {
        assert_eq!(
            access_from_refresh(200, r#"{"access_token":"x.y.z"}"#),
            Ok("x.y.z".into())
        );
        assert_eq!(access_from_refresh(401, "{}"), Err(ApiError::LoginRequired));
        assert_eq!(access_from_refresh(200, "{}"), Err(ApiError::LoginRequired));
        assert!(matches!(
            access_from_refresh(503, ""),
            Err(ApiError::Server { status: 503, .. })
        ));
    }

    #[test]
    fn tokens_do_not_show_in_debug_output() {
        let t = Tokens {
            access: "secret-access".into(),
            refresh: "secret-refresh".into(),
        };
        assert!(!format!("{t:?}").contains("secret"));
    }
}
