//! Waits that end early: retries of an unreachable bot sleep with `sleep_or_wake`, and `wake_all` (the page
//! became visible again, or the network came back) ends every such sleep at once, so a long backoff never
//! delays noticing a bot that returned while nobody was looking.

use std::cell::RefCell;

use futures::channel::oneshot;
use futures::future::select;

thread_local! {
    static SLEEPERS: RefCell<Vec<oneshot::Sender<()>>> = const { RefCell::new(Vec::new()) };
}

/// Sleeps `ms` milliseconds, or less if `wake_all` is called meanwhile.
pub async fn sleep_or_wake(ms: u32) {
    let (wake, woken) = oneshot::channel();
    SLEEPERS.with(|s| {
        let mut sleepers = s.borrow_mut();
        // Senders of sleeps that ended on their own: their receivers are gone.
        sleepers.retain(|sleeper| !sleeper.is_canceled());
        sleepers.push(wake);
    });
    let timeout = gloo_timers::future::TimeoutFuture::new(ms);
    // Either way the sleep is over.
    let _ = select(timeout, woken).await;
}

/// Ends every `sleep_or_wake` under way.
pub fn wake_all() {
    let sleepers = SLEEPERS.with(|s| std::mem::take(&mut *s.borrow_mut()));
    for sleeper in sleepers {
        // A sleep that already ended dropped its receiver: nothing to wake.
        let _ = sleeper.send(());
    }
}
