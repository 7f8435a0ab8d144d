//! Short-lived notices ("toasts"), shown by `components::toasts`.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Success,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn class(self) -> &'static str {
        match self {
            Severity::Success => "success",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    pub id: u64,
    pub severity: Severity,
    pub title: String,
    pub text: String,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    list: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

const SHOWN_MS: u64 = 6_000;
const MAX_SHOWN: usize = 5;

impl Toasts {
    pub fn provide() -> Self {
        let toasts = Self {
            list: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(1),
        };
        provide_context(toasts);
        toasts
    }

    pub fn list(&self) -> Signal<Vec<Toast>> {
        self.list.into()
    }

    pub fn show(&self, severity: Severity, title: impl Into<String>, text: impl Into<String>) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        let toast = Toast {
            id,
            severity,
            title: title.into(),
            text: text.into(),
        };
        self.list.update(|l| {
            l.push(toast);
            if l.len() > MAX_SHOWN {
                l.remove(0);
            }
        });
        let me = *self;
        set_timeout(
            move || me.dismiss(id),
            std::time::Duration::from_millis(SHOWN_MS),
        );
    }

    pub fn dismiss(&self, id: u64) {
        self.list.update(|l| l.retain(|t| t.id != id));
    }
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}
