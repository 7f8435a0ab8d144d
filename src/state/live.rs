//! Live events: one websocket per logged-in bot, its state, and the listeners (bot stores) that react to its
//! events. The registry starts and stops the sockets; `BotStore`s listen while their page is open.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use super::persist::BotId;
use crate::api::client::BotClient;
use crate::api::ws::{start_socket, SocketHandle, SocketState};
use crate::api::ws_protocol::WsEvent;

/// What a listener hears about its bot.
#[derive(Debug, Clone, PartialEq)]
pub enum LiveEvent {
    /// A message from the bot's websocket.
    Ws(Box<WsEvent>),
    /// The bot is reachable again after being offline, or its socket is live again: data may be stale.
    Reconnected,
}

type Listener = Rc<dyn Fn(&LiveEvent)>;

thread_local! {
    static SOCKETS: RefCell<HashMap<BotId, SocketHandle>> = RefCell::new(HashMap::new());
    static LISTENERS: RefCell<HashMap<BotId, Vec<(u64, Listener)>>> = RefCell::new(HashMap::new());
    static NEXT_LISTENER: Cell<u64> = const { Cell::new(1) };
}

/// (Re)starts the websocket of a bot. `on_state` sees every state change; events go to `on_event` first (the
/// registry's notices), then to the bot's listeners.
pub fn connect(
    id: &BotId,
    client: BotClient,
    on_event: impl Fn(&WsEvent) + 'static,
    on_state: impl Fn(SocketState) + 'static,
) {
    let listener_id = id.clone();
    let handle = start_socket(
        client,
        Rc::new(move |event: WsEvent| {
            on_event(&event);
            dispatch(&listener_id, &LiveEvent::Ws(Box::new(event)));
        }),
        Rc::new(on_state),
    );
    // Replacing a handle drops (stops) the previous socket.
    SOCKETS.with(|s| s.borrow_mut().insert(id.clone(), handle));
}

/// Stops and forgets a bot's websocket.
pub fn disconnect(id: &BotId) {
    let handle = SOCKETS.with(|s| s.borrow_mut().remove(id));
    if let Some(handle) = handle {
        handle.stop();
    }
}

/// Tells every listener of a bot about an event. Listeners run outside the borrow, so they may (un)listen.
pub fn dispatch(id: &BotId, event: &LiveEvent) {
    let listeners: Vec<Listener> = LISTENERS.with(|l| {
        l.borrow()
            .get(id)
            .map(|v| v.iter().map(|(_, f)| f.clone()).collect())
            .unwrap_or_default()
    });
    for listener in listeners {
        listener(event);
    }
}

/// Listens to a bot's live events until the returned guard is dropped.
pub fn listen(id: &BotId, listener: impl Fn(&LiveEvent) + 'static) -> ListenGuard {
    let key = NEXT_LISTENER.with(|n| {
        let key = n.get();
        n.set(key + 1);
        key
    });
    LISTENERS.with(|l| {
        l.borrow_mut()
            .entry(id.clone())
            .or_default()
            .push((key, Rc::new(listener)))
    });
    ListenGuard {
        id: id.clone(),
        key,
    }
}

pub struct ListenGuard {
    id: BotId,
    key: u64,
}

impl Drop for ListenGuard {
    fn drop(&mut self) {
        LISTENERS.with(|l| {
            if let Some(list) = l.borrow_mut().get_mut(&self.id) {
                list.retain(|(k, _)| *k != self.key);
            }
        });
    }
}

/// Closes every socket when the page goes away, so the bots see a clean close rather than a dropped link.
pub fn close_all_on_page_hide() {
    crate::runtime::page::listen_window("pagehide", |_| {
        let handles: Vec<SocketHandle> =
            SOCKETS.with(|s| s.borrow_mut().drain().map(|(_, h)| h).collect());
        for handle in handles {
            handle.stop();
        }
    });
}
