//! Token login and refresh (`api_auth.py`). The calls themselves are made by `api::auth`, not by `endpoints`.

wire_struct! {
    /// `POST /token/login` (HTTP Basic credentials, empty body): a 15-minute access token and a 30-day refresh
    /// token, both HS256 JWTs. A wrong user or password is HTTP 401 `{"detail": "Incorrect username or password"}`.
    pub struct TokenLoginResponse {
        pub access_token: Option<String>,
        pub refresh_token: Option<String>,
    }
}

wire_struct! {
    /// `POST /token/refresh` (`Authorization: Bearer <refresh token>`, empty body): a new access token.
    /// A refused refresh token is HTTP 401 `{"detail": "Could not validate credentials"}`.
    pub struct TokenRefreshResponse {
        pub access_token: Option<String>,
    }
}
