//! Bounds on what input can make dealdraft do: a clause library (`--library`) and a Typst
//! style (`--template`) are programs, and a hostile or broken one must end in a clear error
//! within bounded time and memory, never a hang or the OOM killer.
//!
//! - Files: Tera has no file or network functions; the Typst world holds only the style,
//!   the entry file and our fonts (no file system, no packages).
//! - Size: each rendered clause or preamble is at most [`MAX_CLAUSE_BYTES`] of Markdown, a
//!   document's clauses together at most [`MAX_DOCUMENT_BYTES`]; an output file at most
//!   [`MAX_OUTPUT_BYTES`].
//! - Time: one Tera render at most [`TEMPLATE_TIME`], one PDF at most [`TYPESET_TIME`]
//!   (`DEALDRAFT_TEMPLATE_SECONDS`, `DEALDRAFT_TYPESET_SECONDS` change them).
//!   Neither engine can be interrupted, so the work is [`watch`]ed and the binary's
//!   [`enforce`] thread ends the process with an error when a watch runs over. With atomic
//!   writes through unnamed files ([`crate::output`]) that leaves no partial file.
//! - Memory: the same thread ends the process when its resident memory passes
//!   [`max_memory`]; the binary's allocator refuses any single allocation above
//!   [`MAX_ALLOCATION`] (a string doubled in a loop) the same way.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The most Markdown one clause (or document preamble) may render: 1 MiB.
pub const MAX_CLAUSE_BYTES: usize = 1 << 20;
/// The most Markdown the clauses of one document may render together: 16 MiB.
pub const MAX_DOCUMENT_BYTES: usize = 16 << 20;
/// The largest output file (PDF, DOCX, Markdown): 256 MiB.
pub const MAX_OUTPUT_BYTES: usize = 256 << 20;
/// The longest one Tera render (a clause, a `when`, a preamble) may take.
pub const TEMPLATE_TIME: Duration = Duration::from_secs(10);
/// The longest one PDF may take to typeset.
pub const TYPESET_TIME: Duration = Duration::from_secs(300);
/// [`TEMPLATE_TIME`], or `DEALDRAFT_TEMPLATE_SECONDS`.
pub fn template_time() -> Duration {
    seconds("DEALDRAFT_TEMPLATE_SECONDS").unwrap_or(TEMPLATE_TIME)
}

/// [`TYPESET_TIME`], or `DEALDRAFT_TYPESET_SECONDS`.
pub fn typeset_time() -> Duration {
    seconds("DEALDRAFT_TYPESET_SECONDS").unwrap_or(TYPESET_TIME)
}

fn seconds(var: &str) -> Option<Duration> {
    let s: u64 = std::env::var(var).ok()?.parse().ok()?;
    Some(Duration::from_secs(s))
}

/// The largest single allocation: 1 GiB.
pub const MAX_ALLOCATION: usize = 1 << 30;
/// The default resident-memory limit: 4 GiB (`DEALDRAFT_MAX_MEMORY_MB` changes it).
pub const DEFAULT_MAX_MEMORY: u64 = 4 << 30;

struct Running {
    what: String,
    started: Instant,
    limit: Duration,
}

static RUNNING: Mutex<BTreeMap<u64, Running>> = Mutex::new(BTreeMap::new());
static NEXT: AtomicU64 = AtomicU64::new(0);

/// A piece of work being timed; dropping it ends the watch.
#[must_use]
pub struct Watch(u64);

/// Starts timing `what` (for the message: "the clause template x.md") against `limit`.
pub fn watch(what: impl Into<String>, limit: Duration) -> Watch {
    let id = NEXT.fetch_add(1, Ordering::Relaxed);
    let running = Running {
        what: what.into(),
        started: Instant::now(),
        limit,
    };
    RUNNING
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(id, running);
    Watch(id)
}

impl Drop for Watch {
    fn drop(&mut self) {
        RUNNING
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.0);
    }
}

/// The resident-memory limit: `DEALDRAFT_MAX_MEMORY_MB`, or [`DEFAULT_MAX_MEMORY`].
pub fn max_memory() -> u64 {
    std::env::var("DEALDRAFT_MAX_MEMORY_MB")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map_or(DEFAULT_MAX_MEMORY, |mb| mb << 20)
}

/// The first watch over its limit, or the memory over its limit, as a message.
pub fn overrun(max_memory: u64) -> Option<String> {
    let now = Instant::now();
    let running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(r) = running
        .values()
        .find(|r| now.duration_since(r.started) > r.limit)
    {
        return Some(format!(
            "{} ran for more than {} seconds; stopped (a loop without end?)",
            r.what,
            r.limit.as_secs()
        ));
    }
    let rss = resident_bytes()?;
    (rss > max_memory).then(|| {
        let doing = running
            .values()
            .map(|r| r.what.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "dealdraft used more than {} MiB of memory{}; stopped \
             (DEALDRAFT_MAX_MEMORY_MB raises the limit)",
            max_memory >> 20,
            if doing.is_empty() {
                String::new()
            } else {
                format!(" in {doing}")
            }
        )
    })
}

/// Starts the thread that ends the process through `stop` (which must not return) when a
/// watch or the memory runs over. For binaries; a library user calls [`overrun`] itself.
pub fn enforce(stop: fn(&str) -> !) {
    let max = max_memory();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(50));
            if let Some(message) = overrun(max) {
                stop(&message);
            }
        }
    });
}

/// The process's resident memory, where the system tells (Linux: `/proc/self/statm`).
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// A byte sink that refuses to grow past a limit (Tera renders into it).
#[derive(Debug)]
pub struct Capped {
    /// The bytes written.
    pub bytes: Vec<u8>,
    limit: usize,
    /// Whether a write went over the limit.
    pub over: bool,
}

impl Capped {
    /// An empty sink for at most `limit` bytes.
    pub fn new(limit: usize) -> Capped {
        Capped {
            bytes: Vec::new(),
            limit,
            over: false,
        }
    }
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > self.limit {
            self.over = true;
            return Err(std::io::Error::other("output limit reached"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_capped_sink_stops_at_its_limit() {
        let mut c = Capped::new(4);
        assert!(c.write_all(b"abc").is_ok());
        assert!(c.write_all(b"de").is_err());
        assert!(c.over);
        assert_eq!(c.bytes, b"abc");
    }

    #[test]
    fn watches_over_their_limit_are_reported() {
        let w = watch("the clause template slow.md", Duration::ZERO);
        std::thread::sleep(Duration::from_millis(5));
        let msg = overrun(u64::MAX).unwrap();
        assert!(
            msg.starts_with("the clause template slow.md ran for more than 0 seconds"),
            "{msg}"
        );
        drop(w);
    }
}
