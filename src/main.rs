//! The `dealdraft` binary: parse arguments, call the library, print, exit 0/1/2.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};
use commands::{Failure, report};

// Typst allocates heavily while laying out a document; mimalloc (v2, see Cargo.toml) reuses
// memory instead of faulting in fresh pages, which is a measurable part of a one-document run.
#[global_allocator]
static ALLOC: Bounded = Bounded(mimalloc::MiMalloc);

/// mimalloc, refusing any single allocation above [`dealdraft::limits::MAX_ALLOCATION`]
/// with a clear message and exit code 2 instead of an abort (or the OOM killer).
struct Bounded(mimalloc::MiMalloc);

// SAFETY: every call is passed on to mimalloc unchanged, or never returns.
unsafe impl std::alloc::GlobalAlloc for Bounded {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        bounded(layout.size());
        unsafe { self.0.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        bounded(layout.size());
        unsafe { self.0.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        unsafe { self.0.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new: usize) -> *mut u8 {
        bounded(new);
        unsafe { self.0.realloc(ptr, layout, new) }
    }
}

#[inline]
fn bounded(size: usize) {
    if size > dealdraft::limits::MAX_ALLOCATION {
        // No allocation from here on: a fixed message, straight to the file descriptor.
        const MSG: &[u8] = b"error: dealdraft was asked for more than 1 GiB of memory at once; \
stopped (a --library template or --template style that builds huge values?)\n";
        #[cfg(target_os = "linux")]
        // SAFETY: write(2) and _exit(2) with a static buffer; no allocation, no unwinding.
        unsafe {
            libc::write(2, MSG.as_ptr().cast(), MSG.len());
            libc::_exit(2);
        }
        #[cfg(not(target_os = "linux"))]
        std::process::abort();
    }
}

/// Ends the process when a template, a style or the memory runs over its limit
/// ([`dealdraft::limits`]).
fn stop(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(i32::from(BAD_INPUT));
}

/// Exit codes: 0 ok, 1 findings/failures, 2 bad usage or input.
const BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    dealdraft::limits::enforce(stop);
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { BAD_INPUT } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(Failure::Input(d)) => {
            report(&d);
            ExitCode::from(BAD_INPUT)
        }
        // A closed pipe (`dealdraft schema | head`) is not an error.
        Err(Failure::Pipe) => ExitCode::SUCCESS,
    }
}

fn run(cli: Cli) -> Result<u8, Failure> {
    match cli.command {
        Command::Render(a) => commands::render::run(a),
        Command::Redline(a) => commands::redline::run(a),
        Command::Batch(a) => commands::batch::run(a),
        Command::Manifest(cli::ManifestArgs {
            command: cli::ManifestCommand::Merge { manifests },
        }) => commands::manifest::merge(&manifests),
        Command::Validate(a) => commands::validate::run(a),
        Command::Check(a) => commands::check::run(a),
        Command::Intake(a) => commands::intake::run(a),
        Command::Markup(a) => commands::markup::run(a),
        Command::Round(a) => commands::round::run(a),
        Command::Schema(a) => commands::schema::run(a),
        Command::Init(a) => commands::init::run(a),
        Command::Clauses(a) => commands::clauses::run(a),
        Command::Serve(a) => commands::serve::run(a),
    }
}
