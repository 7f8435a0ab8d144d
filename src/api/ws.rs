//! The message websocket of one bot: connect with a fresh access token, subscribe, decode, detect a dead
//! socket, and reconnect with backoff until stopped. Pure parts live in `ws_protocol.rs`.

use std::rc::Rc;

use futures::channel::mpsc;
use futures::future::{AbortHandle, Abortable, Either};
use futures::StreamExt;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::client::BotClient;
use super::error::ApiError;
use super::ws_protocol::{
    backoff_ms, decode_event, jwt_expired, socket_url, subscribe_message, whitelist_request,
    WsEvent,
};

/// How often a quiet socket is asked for the whitelist, as a keep-alive that the bot answers.
const KEEPALIVE_MS: u32 = 20_000;
/// A socket that has said nothing for this long is dead: close it and reconnect.
const DEAD_AFTER_MS: f64 = 45_000.0;
/// Refresh the access token before connecting when it expires within this many seconds.
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
}

impl SocketState {
    pub fn label(&self) -> String {
        match self {
            SocketState::Connecting => "connecting".into(),
            SocketState::Live => "live".into(),
            SocketState::Retrying { in_ms } => format!("retrying in {}s", in_ms.div_ceil(1000)),
            SocketState::Off => "off".into(),
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
        let _ = Abortable::new(run(client, on_event, on_state), registration).await;
        state(SocketState::Off);
    });
    SocketHandle(handle)
}

/// How one connection ended.
enum Ended {
    /// The session is gone: stop for good.
    LoginRequired,
    /// Reconnect; `was_live` resets the backoff; `suspect_token` refreshes the token first.
    Retry { was_live: bool, suspect_token: bool },
}

async fn run(client: BotClient, on_event: EventSink, on_state: StateSink) {
    let mut attempt = 0u32;
    let mut refresh_first = false;
    loop {
        on_state(SocketState::Connecting);
        match connect_once(&client, &on_event, &on_state, refresh_first).await {
            Ended::LoginRequired => return,
            Ended::Retry {
                was_live,
                suspect_token,
            } => {
                if was_live {
                    attempt = 0;
                }
                refresh_first = suspect_token;
            }
        }
        let delay = backoff_ms(attempt, js_sys::Math::random());
        attempt = attempt.saturating_add(1);
        on_state(SocketState::Retrying { in_ms: delay });
        super::wake::sleep_or_wake(delay).await;
    }
}

/// A valid access token for the socket URL: the one in hand, or a refreshed one when it is (nearly) expired or
/// the last attempt suggests the bot refused it.
async fn fresh_token(client: &BotClient, refresh_first: bool) -> Result<String, ApiError> {
    let token = client.access_token().ok_or(ApiError::LoginRequired)?;
    let now_s = (js_sys::Date::now() / 1000.0) as i64;
    if refresh_first || jwt_expired(&token, now_s, EXPIRY_MARGIN_S) {
        client.renew_access(&token).await
    } else {
        Ok(token)
    }
}

async fn connect_once(
    client: &BotClient,
    on_event: &EventSink,
    on_state: &StateSink,
    refresh_first: bool,
) -> Ended {
    let token = match fresh_token(client, refresh_first).await {
        Ok(token) => token,
        Err(ApiError::LoginRequired) => return Ended::LoginRequired,
        Err(_) => {
            return Ended::Retry {
                was_live: false,
                suspect_token: refresh_first,
            }
        }
    };
    let Some(url) = socket_url(client.base(), &token) else {
        return Ended::LoginRequired;
    };
    let Some(mut socket) = Socket::open(&url) else {
        return Ended::Retry {
            was_live: false,
            suspect_token: false,
        };
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
            // freqtrade refuses a bad token during the handshake, so the socket closes without ever opening
            // (close code 1006, or 1008 after opening): then the token is suspect.
            Either::Left((Some(Signal::Closed), _)) | Either::Left((None, _)) => {
                return Ended::Retry {
                    was_live: live,
                    suspect_token: !live,
                };
            }
            Either::Right(_) => {
                if js_sys::Date::now() - last_heard > DEAD_AFTER_MS {
                    return Ended::Retry {
                        was_live: live,
                        suspect_token: false,
                    };
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
