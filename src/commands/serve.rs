//! `serve`: the workbench in the browser, until Ctrl-C.

use std::sync::atomic::{AtomicBool, Ordering};

use dealdraft::Library;

use super::{Failure, out};
use crate::cli;

/// Set by SIGINT or SIGTERM: the server stops once its requests in flight are answered.
static STOP: AtomicBool = AtomicBool::new(false);

#[cfg(unix)]
extern "C" fn on_signal(_: libc::c_int) {
    // Only an atomic store: async-signal-safe.
    STOP.store(true, Ordering::SeqCst);
}

fn stop_on_signals() {
    #[cfg(unix)]
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        libc::signal(libc::SIGINT, handler);
        libc::signal(libc::SIGTERM, handler);
    }
}

pub fn run(a: cli::ServeArgs) -> Result<u8, Failure> {
    let library = Library::load(a.library.library.as_deref())?;
    let token = match a.token {
        Some(t) => Some(t),
        None if !a.bind.is_loopback() => Some(dealdraft::serve::new_token()?),
        None => None,
    };
    let running = dealdraft::serve::start(dealdraft::serve::Options {
        dir: a.dir.clone(),
        bind: std::net::SocketAddr::new(a.bind, a.port),
        token,
        library,
    })?;
    stop_on_signals();
    let url = running.url();
    out(&format!("{url}\n"))?;
    eprintln!(
        "dealdraft serve: the deal files in {} at {url} (Ctrl-C stops it)",
        a.dir.display()
    );
    if !running.addr().ip().is_loopback() {
        eprintln!(
            "anyone who can reach this machine and has the token can read and change these files"
        );
    }
    if a.open {
        open_browser(&url);
    }
    running.run_until(&STOP);
    eprintln!("dealdraft serve: stopped");
    Ok(0)
}

/// Opens `url` in the default browser; a failure is said, not fatal.
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(program)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("cannot open a browser ({program}: {e}); open {url} yourself");
    }
}
