//! Repaint triggers of a chart besides its props: the stage's size (`ResizeObserver`) and the device pixel
//! ratio (browser zoom, moving the window to another screen), which a `ResizeObserver` does not report.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, MediaQueryList};

use super::surface::device_pixel_ratio;

/// Calls `changed` whenever `stage` is resized or the pixel ratio changes, until the current component is
/// cleaned up.
pub fn watch_stage(stage: &Element, changed: impl Fn() + Clone + 'static) {
    let on_resize = changed.clone();
    let callback = Closure::<dyn FnMut()>::new(on_resize);
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
    if let Some(o) = &observer {
        o.observe(stage);
    }
    let dpr = DprWatcher::new(changed);
    let keep = SendWrapper::new((observer, callback, dpr));
    on_cleanup(move || {
        let (observer, _callback, _dpr) = keep.take();
        if let Some(o) = observer {
            o.disconnect();
        }
    });
}

struct DprState {
    query: Option<MediaQueryList>,
    on_change: Option<Closure<dyn FnMut()>>,
}

/// Calls back whenever the device pixel ratio changes, for as long as it lives.
pub struct DprWatcher {
    state: Rc<RefCell<DprState>>,
}

impl DprWatcher {
    pub fn new(callback: impl Fn() + 'static) -> Self {
        let state = Rc::new(RefCell::new(DprState {
            query: None,
            on_change: None,
        }));
        let weak: Weak<RefCell<DprState>> = Rc::downgrade(&state);
        let closure = Closure::<dyn FnMut()>::new(move || {
            callback();
            // A `(resolution: Xdppx)` query only changes once: watch the new ratio from now on.
            if let Some(state) = weak.upgrade() {
                arm(&state);
            }
        });
        if let Ok(mut s) = state.try_borrow_mut() {
            s.on_change = Some(closure);
        }
        arm(&state);
        DprWatcher { state }
    }
}

fn arm(state: &Rc<RefCell<DprState>>) {
    let Ok(mut s) = state.try_borrow_mut() else {
        return;
    };
    if let Some(old) = s.query.take() {
        old.set_onchange(None);
    }
    let query = format!("(resolution: {}dppx)", device_pixel_ratio());
    let Some(mql) = web_sys::window().and_then(|w| w.match_media(&query).ok().flatten()) else {
        return;
    };
    if let Some(callback) = &s.on_change {
        mql.set_onchange(Some(callback.as_ref().unchecked_ref()));
    }
    s.query = Some(mql);
}

impl Drop for DprWatcher {
    fn drop(&mut self) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            if let Some(q) = s.query.take() {
                q.set_onchange(None);
            }
            s.on_change = None;
        }
    }
}
