//! Browser storage access that never fails loudly: storage can be disabled, full or hold someone else's data.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Local,
    Session,
}

fn storage(area: Area) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match area {
        Area::Local => window.local_storage().ok().flatten(),
        Area::Session => window.session_storage().ok().flatten(),
    }
}

pub fn get(area: Area, key: &str) -> Option<String> {
    storage(area)?.get_item(key).ok().flatten()
}

/// Writes a value; returns false when the browser refused (private mode, quota).
pub fn set(area: Area, key: &str, value: &str) -> bool {
    storage(area)
        .map(|s| s.set_item(key, value).is_ok())
        .unwrap_or(false)
}

pub fn remove(area: Area, key: &str) {
    if let Some(s) = storage(area) {
        let _ = s.remove_item(key);
    }
}
