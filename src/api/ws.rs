//! The message websocket of one bot: connect with a fresh access token, subscribe, decode, detect a dead
//! socket, and reconnect with backoff until stopped. Pure parts live in `ws_protocol.rs`.

use std::rc::Rc;

use futures::channel::mpsc;
use futures::future::{AbortHandle, Abortable, Either};
use futures::StreamExt;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::client::BotClient;
use super::endpoints;
use super::error::ApiError;
use super::ws_protocol::{
    after_failed_handshake, backoff_ms, decode_event, jwt_expired, socket_url, subscribe_message,
    whitelist_request, AfterHandshake, RestCheck, WsEvent,
};

/// How often a quiet socket is asked for the whitelist, as a keep-alive that the bot answers.
const KEEPALIVE_MS: u32 = 20_000;
/// A socket that has said nothing for this long is dead: close it and reconnect.
const DEAD_AFTER_MS: f64 = 45_000.0;
/// Refresh the access token before connecting when it expires within this many seconds (by its own claim).
const EXPIRY_MARGIN_S: i64 = 30;

/// The websocket's state, for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SocketState {
    Connecting,
    Live,
    /// Waiting before the next attempt.
    Retrying {
        in_ms: u32,
    },
    /// Stopped: logged out, login required, or not started.
    Off,
    /// Given up: the REST API answers but the handshake never succeeds (see `ws_protocol::UPGRADE_HELP`).
    Unavailable,
}

impl SocketState {
    pub fn label(&self) -> String {
        match self {
            SocketState::Connecting => "connecting".into(),
            SocketState::Live => "live".into(),
            SocketState::Retrying { in_ms } => format!("retrying in {}s", in_ms.div_ceil(1000)),
            SocketState::Off => "off".into(),
            SocketState::Unavailable => "unavailable".into(),
        }
    }
}

/// Stops the socket loop (and closes the socket) when told to or dropped.
pub struct SocketHandle(AbortHandle);

impl SocketHandle {
    pub fn stop(&self) {
        self.0.abort();
    }
}

impl Drop for SocketHandle {
    fn drop(&mut self) {
        self.0.abort();
    }
}

type EventSink = Rc<dyn Fn(WsEvent)>;
type StateSink = Rc<dyn Fn(SocketState)>;

/// Starts the connect / reconnect loop of a bot's websocket.
pub fn start_socket(client: BotClient, on_event: EventSink, on_state: StateSink) -> SocketHandle {
    let (handle, registration) = AbortHandle::new_pair();
    let state = on_state.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let ended = Abortable::new(run(client, on_event, on_state), registration).await;
        state(match ended {
            Ok(Stopped::Unavailable) => SocketState::Unavailable,
            _ => SocketState::Off,
        });
    });
    SocketHandle(handle)
}

/// How one connection ended.
enum Ended {
    /// The session is gone: stop for good.
    LoginRequired,
    /// Reconnect; `was_live` resets the backoff.
    Retry { was_live: bool },
    /// The socket never opened.
    HandshakeFailed,
}

/// Why the loop stopped for good.
enum Stopped {
    LoginRequired,
    Unavailable,
}

async fn run(client: BotClient, on_event: EventSink, on_state: StateSink) -> Stopped {
    let mut attempt = 0u32;
    // Failed handshakes in a row while the REST API answered.
    let mut failures = 0u32;
    loop {
        on_state(SocketState::Connecting);
        match connect_once(&client, &on_event, &on_state).await {
            Ended::LoginRequired => return Stopped::LoginRequired,
            Ended::Retry { was_live } => {
                if was_live {
                    attempt = 0;
                    failures = 0;
                }
            }
            Ended::HandshakeFailed => {
                match after_failed_handshake(check_rest(&client).await, failures) {
                    AfterHandshake::LoginRequired => return Stopped::LoginRequired,
                    AfterHandshake::GiveUp => return Stopped::Unavailable,
                    AfterHandshake::Retry { failures: n } => failures = n,
                }
            }
        }
        let delay = backoff_ms(attempt, js_sys::Math::random());
        attempt = attempt.saturating_add(1);
        on_state(SocketState::Retrying { in_ms: delay });
        super::wake::sleep_or_wake(delay).await;
    }
}

/// After a failed handshake, asks the REST API with the same token. A token the bot refuses comes back as a
/// 401 there, and the client renews it (once, single-flight): the socket itself never refreshes on a guess.
async fn check_rest(client: &BotClient) -> RestCheck {
    match client.call(&endpoints::version()).await {
        Ok(_) => RestCheck::Answered,
        Err(ApiError::LoginRequired) => RestCheck::LoginRequired,
        // The bot answered, though not as expected: it is reachable, so the socket's failure is elsewhere.
        Err(e) if e.is_reachability_neutral() => RestCheck::Answered,
        Err(_) => RestCheck::Unreachable,
    }
}

/// A valid access token for the socket URL: the one in hand, or a refreshed one when it is (nearly) expired.
async fn fresh_token(client: &BotClient) -> Result<String, ApiError> {
    let token = client.access_token().ok_or(ApiError::LoginRequired)?;
    let now_s = (js_sys::Date::now() / 1000.0) as i64;
    if jwt_expired(&token, now_s, EXPIRY_MARGIN_S) {
        client.renew_access(&token).await
    } else {
        Ok(token)
    }
}

async fn connect_once(client: &BotClient, on_event: &EventSink, on_state: &StateSink) -> Ended {
    let token = match fresh_token(client).await {
        Ok(token) => token,
        Err(ApiError::LoginRequired) => return Ended::LoginRequired,
        Err(_) => return Ended::Retry { was_live: false },
    };
    let Some(url) = socket_url(client.base(), &token) else {
        return Ended::LoginRequired;
    };
    let Some(mut socket) = Socket::open(&url) else {
        return Ended::Retry { was_live: false };
    };

    let mut live = false;
    let mut last_heard = js_sys::Date::now();
    loop {
        let tick = gloo_timers::future::TimeoutFuture::new(KEEPALIVE_MS);
        match futures::future::select(socket.signals.next(), tick).await {
            Either::Left((Some(Signal::Open), _)) => {
                live = true;
                last_heard = js_sys::Date::now();
                socket.send(&subscribe_message());
                socket.send(&whitelist_request());
                on_state(SocketState::Live);
            }
            Either::Left((Some(Signal::Text(text)), _)) => {
                last_heard = js_sys::Date::now();
                on_event(decode_event(&text));
            }
            // A socket that closes without ever opening failed its handshake: a refused token (freqtrade closes
            // with 1008 before accepting), a bot that is down, or a proxy that does not pass the upgrade.
            // `run` asks the REST API which one it was.
            Either::Left((Some(Signal::Closed), _)) | Either::Left((None, _)) => {
                return if live {
                    Ended::Retry { was_live: true }
                } else {
                    Ended::HandshakeFailed
                };
            }
            Either::Right(_) => {
                if js_sys::Date::now() - last_heard > DEAD_AFTER_MS {
                    return Ended::Retry { was_live: live };
                }
                if live {
                    socket.send(&whitelist_request());
                }
            }
        }
    }
}

enum Signal {
    Open,
    Text(String),
    Closed,
}

/// A browser WebSocket whose events arrive on a channel. Dropping it detaches the handlers and closes it.
struct Socket {
    ws: web_sys::WebSocket,
    signals: mpsc::UnboundedReceiver<Signal>,
    _on_open: Closure<dyn FnMut()>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_close: Closure<dyn FnMut()>,
}

impl Socket {
    fn open(url: &str) -> Option<Socket> {
        let ws = web_sys::WebSocket::new(url).ok()?;
        let (tx, signals) = mpsc::unbounded();
        let open_tx = tx.clone();
        let on_open = Closure::<dyn FnMut()>::new(move || {
            let _ = open_tx.unbounded_send(Signal::Open);
        });
        let message_tx = tx.clone();
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                if let Some(text) = e.data().as_string() {
                    let _ = message_tx.unbounded_send(Signal::Text(text));
                }
            });
        let on_close = Closure::<dyn FnMut()>::new(move || {
            let _ = tx.unbounded_send(Signal::Closed);
        });
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        Some(Socket {
            ws,
            signals,
            _on_open: on_open,
            _on_message: on_message,
            _on_close: on_close,
        })
    }

    fn send(&self, text: &str) {
        let _ = self.ws.send_with_str(text);
    }
}

impl Drop for Socket {
    fn drop(&mut self) {
        self.ws.set_onopen(None);
        self.ws.set_onmessage(None);
        self.ws.set_onclose(None);
        let _ = self.ws.close();
    }
}
