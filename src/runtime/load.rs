//! `Load<T>`: the latest answer of an asynchronous read a view shows, read again when what it depends on
//! changes or when asked (`refetch`).
//!
//! It does what the views used Leptos's `LocalResource` for, with far less compiled code: a `LocalResource`
//! builds its async-derived machinery (its future wrapper, its suspense hooks, its locks) once per answer type,
//! about 3 KB of wasm per panel (issue 10). Here the effect that starts a read and the task that runs it are
//! built once for the whole app; each use adds only its own future and a signal of its answer type.
//!
//! Like `LocalResource`: nothing (`None`) until the first answer, then the last answer, kept while a new read
//! runs (the view does not flash back to "loading"). An answer that arrives after a newer read started is
//! dropped, so a slow old read never overwrites a newer one. The reads stop when the calling view is disposed.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::{Get, Notify, RwSignal, Set, Track, Trigger, With};

use super::Scope;

type Task = Pin<Box<dyn Future<Output = ()>>>;

pub struct Load<T: 'static> {
    answer: RwSignal<Option<T>>,
    again: Trigger,
}

impl<T: 'static> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Load<T> {}

impl<T: Send + Sync + 'static> Load<T> {
    /// Starts reading now and again whenever a signal `read` tracks changes. `read` runs in an effect (it may
    /// track signals before it returns its future); its future runs on the browser's event loop. Read what the
    /// future needs in `read` itself: a memo only tracked there and read in the future was seen to re-run the
    /// effect once more after the future started (two requests for one change).
    pub fn new<F>(read: impl Fn() -> F + 'static) -> Self
    where
        F: Future<Output = T> + 'static,
    {
        let answer = RwSignal::new(None);
        let again = Trigger::new();
        let latest = Rc::new(Cell::new(0u64));
        let start = move || -> Task {
            let future = read();
            let this = latest.get().wrapping_add(1);
            latest.set(this);
            let latest = Rc::clone(&latest);
            Box::pin(async move {
                let value = future.await;
                if latest.get() == this {
                    answer.try_set(Some(value));
                }
            })
        };
        run_reads(Box::new(start), again);
        Self { answer, again }
    }

    /// Reads again now (the last answer stays until the new one arrives).
    pub fn refetch(&self) {
        self.again.notify();
    }

    /// The last answer, tracked.
    pub fn get(&self) -> Option<T>
    where
        T: Clone,
    {
        self.answer.get()
    }

    /// `f` of the last answer, tracked.
    pub fn with<R>(&self, f: impl FnOnce(&Option<T>) -> R) -> R {
        self.answer.with(f)
    }
}

/// The effect behind every `Load`, built once: each run (the first, a tracked change, a `refetch`) makes a new
/// read and starts it in the calling view's scope on the next turn of the event loop.
///
/// Not at once: Leptos runs an effect a second time for one change when the change reaches it through a memo
/// (the memo marks it dirty again while the effect checks it), and both runs come in the same turn. A future
/// does nothing until it is polled, so the second run's read replaces the first before it sends anything: one
/// request per change.
fn run_reads(start: Box<dyn Fn() -> Task>, again: Trigger) {
    let scope = Scope::of_owner();
    let pending: Rc<Cell<Option<Task>>> = Rc::new(Cell::new(None));
    super::effect(move || {
        again.track();
        if pending.replace(Some(start())).is_none() {
            let pending = Rc::clone(&pending);
            scope.spawn(async move {
                if let Some(read) = pending.take() {
                    read.await;
                }
            });
        }
    });
}
