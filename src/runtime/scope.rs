//! `Scope`: the lifetime of a piece of work that outlives the call that started it.
//!
//! A view that starts a task, timer or animation frame hands it to the scope of its owner (`Scope::of_owner`):
//! when the view is disposed the scope ends, and nothing it started runs again, so no late wake-up reads a
//! disposed signal (which panics, and a panic kills the app). Work that matters beyond a page (an action's
//! answer, its toast) runs in a bot session's scope instead (`Scope::detached`, ended on logout).
//!
//! One scope registers one cleanup however much work it carries: a store that spawns a request every few seconds
//! does not grow its owner's cleanup list.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use leptos::prelude::{
    on_cleanup, request_animation_frame, set_interval_with_handle, set_timeout, GetValue,
    StoredValue,
};

type Ender = Box<dyn FnOnce() + Send + Sync>;

#[derive(Clone)]
pub struct Scope(Arc<Inner>);

struct Inner {
    alive: AtomicBool,
    /// Run once when the scope ends (intervals to clear).
    on_end: Mutex<Vec<Ender>>,
}

impl Scope {
    /// A scope that lives until `end` is called.
    pub fn detached() -> Self {
        Self(Arc::new(Inner {
            alive: AtomicBool::new(true),
            on_end: Mutex::new(Vec::new()),
        }))
    }

    /// A scope that ends when the current reactive owner (the calling component) is cleaned up.
    pub fn of_owner() -> Self {
        let scope = Self::detached();
        let ender = scope.clone();
        on_cleanup(move || ender.end());
        scope
    }

    pub fn is_alive(&self) -> bool {
        self.0.alive.load(Ordering::Relaxed)
    }

    /// Ends the scope: its tasks stop at their next wake-up, its timers and frames never fire again.
    pub fn end(&self) {
        if !self.0.alive.swap(false, Ordering::Relaxed) {
            return;
        }
        let enders = match self.0.on_end.lock() {
            Ok(mut list) => std::mem::take(&mut *list),
            Err(_) => Vec::new(),
        };
        for ender in enders {
            ender();
        }
    }

    /// Runs `task` on the browser's event loop for as long as the scope lives.
    pub fn spawn(&self, task: impl Future<Output = ()> + 'static) {
        if !self.is_alive() {
            return;
        }
        // The task is boxed as a trait object here, so `Guarded` and the executor's spawn are compiled once,
        // not once per task type (bundle size, issue 10).
        let task: Pin<Box<dyn Future<Output = ()>>> = Box::pin(task);
        leptos::task::spawn_local(Guarded {
            scope: self.clone(),
            task,
        });
    }

    /// Calls `f` once after `delay`, unless the scope ended meanwhile.
    pub fn timeout(&self, delay: Duration, f: impl FnOnce() + 'static) {
        let scope = self.clone();
        set_timeout(
            move || {
                if scope.is_alive() {
                    f()
                }
            },
            delay,
        );
    }

    /// Calls `f` every `period` until the scope ends.
    pub fn interval(&self, period: Duration, f: impl Fn() + 'static) {
        if !self.is_alive() {
            return;
        }
        let scope = self.clone();
        let handle = set_interval_with_handle(
            move || {
                if scope.is_alive() {
                    f()
                }
            },
            period,
        );
        if let Ok(handle) = handle {
            self.on_end(move || handle.clear());
        }
    }

    /// Calls `f` on the next animation frame, unless the scope ended meanwhile.
    pub fn animation_frame(&self, f: impl FnOnce() + 'static) {
        let scope = self.clone();
        request_animation_frame(move || {
            if scope.is_alive() {
                f()
            }
        });
    }

    /// Runs `f` when the scope ends (at once if it already has).
    pub fn on_end(&self, f: impl FnOnce() + Send + Sync + 'static) {
        if !self.is_alive() {
            return f();
        }
        match self.0.on_end.lock() {
            Ok(mut list) => list.push(Box::new(f)),
            Err(_) => f(),
        }
    }
}

/// A copyable handle on the scope of the calling component, for event handlers and effects: work started
/// through it ends when the component is disposed, and nothing starts after that.
#[derive(Clone, Copy)]
pub struct ViewScope(StoredValue<Scope>);

/// The scope of the calling component (see `ViewScope`).
pub fn use_view_scope() -> ViewScope {
    ViewScope(StoredValue::new(Scope::of_owner()))
}

impl ViewScope {
    fn get(&self) -> Option<Scope> {
        self.0.try_get_value().filter(Scope::is_alive)
    }

    pub fn is_alive(&self) -> bool {
        self.get().is_some()
    }

    pub fn spawn(&self, task: impl Future<Output = ()> + 'static) {
        if let Some(scope) = self.get() {
            scope.spawn(task);
        }
    }

    pub fn timeout(&self, delay: Duration, f: impl FnOnce() + 'static) {
        if let Some(scope) = self.get() {
            scope.timeout(delay, f);
        }
    }

    pub fn interval(&self, period: Duration, f: impl Fn() + 'static) {
        if let Some(scope) = self.get() {
            scope.interval(period, f);
        }
    }

    pub fn animation_frame(&self, f: impl FnOnce() + 'static) {
        if let Some(scope) = self.get() {
            scope.animation_frame(f);
        }
    }
}

/// A task that is polled only while its scope lives; once the scope ended, the next wake-up drops it.
struct Guarded<F: ?Sized> {
    scope: Scope,
    task: Pin<Box<F>>,
}

impl<F: Future<Output = ()> + ?Sized> Future for Guarded<F> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        if !this.scope.is_alive() {
            return Poll::Ready(());
        }
        this.task.as_mut().poll(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU32;

    fn noop_context() -> Context<'static> {
        Context::from_waker(std::task::Waker::noop())
    }

    #[test]
    fn a_task_is_not_polled_after_its_scope_ends() {
        let polls = Arc::new(AtomicU32::new(0));
        let counter = polls.clone();
        let scope = Scope::detached();
        let mut task = Guarded {
            scope: scope.clone(),
            task: Box::pin(futures::future::poll_fn(move |_| {
                counter.fetch_add(1, Ordering::Relaxed);
                Poll::<()>::Pending
            })),
        };
        let mut cx = noop_context();
        assert!(Pin::new(&mut task).poll(&mut cx).is_pending());
        scope.end();
        assert!(Pin::new(&mut task).poll(&mut cx).is_ready());
        assert_eq!(polls.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn enders_run_once_and_late_ones_at_once() {
        let ran = Arc::new(AtomicU32::new(0));
        let scope = Scope::detached();
        let r = ran.clone();
        scope.on_end(move || {
            r.fetch_add(1, Ordering::Relaxed);
        });
        scope.end();
        scope.end();
        assert_eq!(ran.load(Ordering::Relaxed), 1);
        let r = ran.clone();
        scope.on_end(move || {
            r.fetch_add(10, Ordering::Relaxed);
        });
        assert_eq!(ran.load(Ordering::Relaxed), 11);
        assert!(!scope.is_alive());
    }
}
