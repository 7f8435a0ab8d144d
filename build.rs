//! Puts the git commit of the source into the build (`FREQBOARD_COMMIT`), for the UI's version
//! (`util::version`): shown in Settings and written into `.uiversion` by e2e/deploy/install-into-freqtrade.sh.
//! "unknown" outside a git checkout (a source archive).

use std::process::Command;

fn main() {
    let commit = Command::new("git")
        .args(["rev-parse", "--short=7", "HEAD"])
        .output()
        .ok()
        .filter(|out| out.status.success())
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=FREQBOARD_COMMIT={commit}");
    // A new commit changes HEAD's target (or HEAD itself, on a detached checkout). Only existing paths are
    // named: cargo reruns a build script on every build for a path that does not exist, and the release build
    // (minutes) would then never be up to date.
    for path in [".git/HEAD", ".git/refs/heads", ".git/packed-refs"] {
        if std::path::Path::new(path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
}
