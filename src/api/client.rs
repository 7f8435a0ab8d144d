//! `BotClient`: sends typed endpoints to one bot, with its tokens, and renews an expired access token once for
//! however many calls found it expired at the same time.

use std::cell::RefCell;
use std::rc::Rc;

use futures::future::{Either, FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Method as HttpMethod, RequestBuilder};
use serde::de::DeserializeOwned;

use super::auth::{self, Tokens};
use super::endpoint::Endpoint;
use super::error::ApiError;
use super::request::{ApiRequest, Auth};
use super::url::origin_of;
use super::wire::slices;

/// Bytes of a big answer scanned for its elements per task.
const SCAN_BYTES: usize = 4 * 1024 * 1024;
/// Elements decoded between two checks of the time spent.
const SLICE_BATCH: usize = 100;
/// Decoding time after which a big answer yields to the browser.
const SLICE_BUDGET_MS: f64 = 30.0;

/// What the client tells its owner about the session; the owner persists tokens and updates the bot's state.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionEvent {
    /// A refresh produced a new access token (the refresh token is unchanged).
    TokensChanged(Tokens),
    /// The refresh token was refused: both tokens are dropped and the user must log in again.
    LoginRequired,
}

type RefreshFuture = Shared<LocalBoxFuture<'static, Result<String, ApiError>>>;

#[derive(Clone)]
pub struct BotClient {
    inner: Rc<Inner>,
}

struct Inner {
    base: String,
    tokens: RefCell<Option<Tokens>>,
    /// The refresh under way, shared by every call that found the access token expired.
    refresh: RefCell<Option<RefreshFuture>>,
    on_session: Box<dyn Fn(SessionEvent)>,
}

impl BotClient {
    /// `base` is a normalized bot URL (see `url::normalize_bot_url`).
    pub fn new(
        base: String,
        tokens: Option<Tokens>,
        on_session: impl Fn(SessionEvent) + 'static,
    ) -> Self {
        Self {
            inner: Rc::new(Inner {
                base,
                tokens: RefCell::new(tokens),
                refresh: RefCell::new(None),
                on_session: Box::new(on_session),
            }),
        }
    }

    pub fn base(&self) -> &str {
        &self.inner.base
    }

    pub fn has_tokens(&self) -> bool {
        self.inner.tokens.borrow().is_some()
    }

    /// Replaces the session after a (re-)login; `None` logs out locally.
    pub fn set_tokens(&self, tokens: Option<Tokens>) {
        *self.inner.tokens.borrow_mut() = tokens;
    }

    /// The session's tokens, for persisting them.
    pub fn tokens(&self) -> Option<Tokens> {
        self.inner.tokens.borrow().clone()
    }

    /// The access token in hand, if any (the websocket needs it in its URL).
    pub fn access_token(&self) -> Option<String> {
        self.inner
            .tokens
            .borrow()
            .as_ref()
            .map(|t| t.access.clone())
    }

    /// Sends a typed endpoint and decodes its answer.
    pub async fn call<T: DeserializeOwned>(&self, endpoint: &Endpoint<T>) -> Result<T, ApiError> {
        let body = self.send(&endpoint.request).await?;
        endpoint.decode(&body)
    }

    /// Sends a request; on a 401 renews the access token once and replays the request once. Boxed: the one
    /// network path of every call, compiled once rather than inlined into each answer type's call (bundle size).
    pub fn send<'a>(
        &'a self,
        request: &'a ApiRequest,
    ) -> LocalBoxFuture<'a, Result<String, ApiError>> {
        Box::pin(self.send_inner(request))
    }

    async fn send_inner(&self, request: &ApiRequest) -> Result<String, ApiError> {
        if request.auth == Auth::None {
            let (status, body) = self.fetch(request, None).await?;
            return success_body(status, body);
        }
        let token = self.access_token().ok_or(ApiError::LoginRequired)?;
        let (status, body) = self.fetch(request, Some(&token)).await?;
        if status != 401 {
            return success_body(status, body);
        }
        let fresh = self.renew_access(&token).await?;
        let (status, body) = self.fetch(request, Some(&fresh)).await?;
        if status == 401 {
            // A brand-new token refused: the bot does not accept this session any more.
            self.drop_session();
            return Err(ApiError::LoginRequired);
        }
        success_body(status, body)
    }

    /// A valid access token to use instead of `stale`: the one another caller already obtained, the result of the
    /// refresh under way, or the result of a new refresh. Never more than one refresh runs at a time.
    pub async fn renew_access(&self, stale: &str) -> Result<String, ApiError> {
        match self.access_token() {
            Some(current) if current != stale => return Ok(current),
            None => return Err(ApiError::LoginRequired),
            Some(_) => {}
        }
        let pending = self.inner.refresh.borrow().clone();
        let refresh = match pending {
            Some(shared) => shared,
            None => {
                let shared = self.start_refresh();
                *self.inner.refresh.borrow_mut() = Some(shared.clone());
                shared
            }
        };
        refresh.await
    }

    fn start_refresh(&self) -> RefreshFuture {
        let client = self.clone();
        async move {
            let refresh_token = client
                .inner
                .tokens
                .borrow()
                .as_ref()
                .map(|t| t.refresh.clone())
                .unwrap_or_default();
            let result = auth::refresh(client.base(), &refresh_token).await;
            match &result {
                Ok(access) => {
                    let updated = client.inner.tokens.borrow().as_ref().map(|t| Tokens {
                        access: access.clone(),
                        refresh: t.refresh.clone(),
                    });
                    if let Some(tokens) = updated {
                        client.set_tokens(Some(tokens.clone()));
                        (client.inner.on_session)(SessionEvent::TokensChanged(tokens));
                    }
                }
                Err(ApiError::LoginRequired) => client.drop_session(),
                // Network trouble says nothing about the tokens: keep them for the next attempt.
                Err(_) => {}
            }
            client.inner.refresh.borrow_mut().take();
            result
        }
        .boxed_local()
        .shared()
    }

    fn drop_session(&self) {
        let had_tokens = self.inner.tokens.borrow_mut().take().is_some();
        if had_tokens {
            (self.inner.on_session)(SessionEvent::LoginRequired);
        }
    }

    async fn fetch(
        &self,
        request: &ApiRequest,
        token: Option<&str>,
    ) -> Result<(u16, String), ApiError> {
        fetch_text(RawRequest {
            method: request.method.as_str(),
            url: format!("{}/api/v1{}", self.inner.base, request.path_and_query()),
            authorization: token.map(|t| format!("Bearer {t}")),
            body: request.body.as_ref().map(|b| b.to_string()),
            timeout_ms: request.timeout_ms,
            bot_base: &self.inner.base,
        })
        .await
    }
}

fn success_body(status: u16, body: String) -> Result<String, ApiError> {
    if (200..300).contains(&status) {
        Ok(body)
    } else {
        Err(ApiError::from_status(status, &body))
    }
}

/// One HTTP exchange, described without any endpoint knowledge.
pub(crate) struct RawRequest<'a> {
    pub method: &'static str,
    pub url: String,
    pub authorization: Option<String>,
    pub body: Option<String>,
    pub timeout_ms: u32,
    /// The bot's base URL, to explain network failures (CORS or down).
    pub bot_base: &'a str,
}

/// Aborts the browser request when the future that owns it is dropped (its view went away) or times out.
struct AbortOnDrop(Option<web_sys::AbortController>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = self.0.take() {
            controller.abort();
        }
    }
}

/// Decodes a list answer which may be big (a bot's thousands of open trades): a big answer is decoded a slice at
/// a time, yielding to the browser between slices, so no single task blocks the page for the whole decode.
pub async fn decode_list<E: DeserializeOwned>(
    endpoint: &Endpoint<Vec<E>>,
    body: String,
) -> Result<Vec<E>, ApiError> {
    if body.len() <= slices::SLICE_ABOVE_BYTES {
        return endpoint.decode(&body);
    }
    let mut scanner = slices::SpanScanner::default();
    let spans = loop {
        match scanner.advance(&body, SCAN_BYTES) {
            slices::Scan::More => gloo_timers::future::TimeoutFuture::new(0).await,
            slices::Scan::Done(spans) => break spans,
        }
    };
    let Some(spans) = spans else {
        return endpoint.decode(&body);
    };
    let mut out = Vec::with_capacity(spans.len());
    let mut started = js_sys::Date::now();
    for batch in spans.chunks(SLICE_BATCH) {
        slices::decode_elements(&body, batch, &mut out);
        if js_sys::Date::now() - started > SLICE_BUDGET_MS {
            gloo_timers::future::TimeoutFuture::new(0).await;
            started = js_sys::Date::now();
        }
    }
    Ok(out)
}

/// Sends one request and returns its status and body text. Only transport failures are errors here.
pub(crate) async fn fetch_text(req: RawRequest<'_>) -> Result<(u16, String), ApiError> {
    let network_error = || network_error_for(req.bot_base);
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let mut guard = AbortOnDrop(controller);

    let method = match req.method {
        "POST" => HttpMethod::POST,
        "DELETE" => HttpMethod::DELETE,
        "PATCH" => HttpMethod::PATCH,
        _ => HttpMethod::GET,
    };
    let mut builder = RequestBuilder::new(&req.url)
        .method(method)
        .abort_signal(signal.as_ref());
    if let Some(value) = &req.authorization {
        builder = builder.header("Authorization", value);
    }
    let request = match req.body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body),
        None => builder.build(),
    }
    .map_err(|_| network_error())?;

    // Which step failed tells a blocked or absent answer (CORS, bot down) from one cut short.
    let exchange = async move {
        let response = request.send().await.map_err(Failed::Send)?;
        let status = response.status();
        // The body as bytes, then UTF-8 in wasm: a copy of the buffer, where `text()` would have the browser
        // re-encode a JS string into wasm memory (about 150 ms for a big bot's 20 MB `/status`, in one task).
        let bytes = response.binary().await.map_err(|_| Failed::Body)?;
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Ok::<_, Failed>((status, text))
    };
    let timeout = gloo_timers::future::TimeoutFuture::new(req.timeout_ms);
    match futures::future::select(Box::pin(exchange), timeout).await {
        Either::Left((Ok(answer), _)) => {
            guard.0 = None; // finished: nothing to abort
            Ok(answer)
        }
        Either::Left((Err(Failed::Send(gloo_net::Error::SerdeError(e))), _)) => {
            Err(ApiError::Decode {
                endpoint: req.url.clone(),
                msg: e.to_string(),
            })
        }
        Either::Left((Err(Failed::Send(_)), _)) => Err(network_error()),
        Either::Left((Err(Failed::Body), _)) => Err(ApiError::Cut {
            endpoint: endpoint_label(&req.url),
        }),
        Either::Right(_) => Err(ApiError::Timeout { ms: req.timeout_ms }),
    }
}

/// Where a request failed.
enum Failed {
    /// No answer at all (network, CORS, mixed content).
    Send(gloo_net::Error),
    /// The answer started and then broke off.
    Body,
}

/// "/api/v1/status" for a request URL: the path only, never its query (it may hold user input).
fn endpoint_label(url: &str) -> String {
    let after_scheme = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let path = after_scheme
        .find('/')
        .and_then(|i| after_scheme.get(i..))
        .unwrap_or("/");
    path.split(['?', '#']).next().unwrap_or("/").to_string()
}

/// The origin this page is served from, e.g. `http://127.0.0.1:8080`.
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The app's base path as the router wants it ("" at the site root, "/freqboard" under a sub-path), read from
/// the `<base href>` the boot script set (see `util::base_path`).
pub fn page_base() -> String {
    let base_uri = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let path = match base_uri.split_once("://") {
        Some((_, rest)) => rest.find('/').and_then(|i| rest.get(i..)).unwrap_or("/"),
        None => "/",
    };
    let path = path.split(['?', '#']).next().unwrap_or("/");
    crate::util::base_path::router_base(path)
}

/// True when this page was loaded over https (then an http:// bot is mixed content).
pub fn page_is_https() -> bool {
    page_origin().starts_with("https://")
}

fn network_error_for(bot_base: &str) -> ApiError {
    // An https page cannot call an http bot at all: say so, not "CORS or down".
    if super::url::is_mixed_content(page_is_https(), bot_base) {
        return ApiError::MixedContent(bot_base.to_string());
    }
    ApiError::Network {
        bot_origin: origin_of(bot_base).unwrap_or_default(),
        page_origin: page_origin(),
    }
}

#[cfg(test)]
mod tests {
    use super::endpoint_label;

    #[test]
    fn endpoint_labels_never_carry_the_query() {
        assert_eq!(
            endpoint_label("http://h:1/api/v1/trades?limit=500&offset=0"),
            "/api/v1/trades"
        );
        assert_eq!(
            endpoint_label("https://h/sub/api/v1/status#x"),
            "/sub/api/v1/status"
        );
        assert_eq!(endpoint_label("http://h"), "/");
    }
}
