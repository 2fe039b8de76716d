//! Helpers shared by the integration tests (each test file includes this module).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fresh, empty folder for one test under Cargo's scratch directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch folder");
    dir
}

/// Runs the built `hospital-data` binary.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hospital-data"))
        .args(args)
        .output()
        .expect("run hospital-data")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The path of a file as a `&str` argument.
pub fn arg(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

/// A file or folder of the repository, by its path from the root.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

/// A dist folder as Trunk leaves it for `site`: just the shell with its markers.
pub fn fake_dist(dir: &Path) -> PathBuf {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).expect("mkdir");
    std::fs::write(
        dist.join("index.html"),
        // Trunk's shell as far as the site step reads it: the policy's place and the app's root.
        "<!DOCTYPE html><html lang=\"en\"><head><base href=\"/\"><!--hs:csp--><title>x</title></head><body>\n<div id=\"app\" data-hospital-site-root>\n<!--hs:preview-->\n</div>\n</body></html>",
    )
    .expect("write shell");
    dist
}
