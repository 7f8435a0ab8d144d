//! The UI's own version: the crate version and the git commit it was built from (build.rs).

/// E.g. `0.1.0+abc1234`; the same string the install script writes into `.uiversion`.
pub fn ui_version() -> String {
    format!("{}+{}", env!("CARGO_PKG_VERSION"), env!("FREQBOARD_COMMIT"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn version_names_crate_version_and_commit() {
        let v = super::ui_version();
        assert!(
            v.starts_with(concat!(env!("CARGO_PKG_VERSION"), "+")),
            "{v}"
        );
        assert!(v.len() > env!("CARGO_PKG_VERSION").len() + 1, "{v}");
    }
}
