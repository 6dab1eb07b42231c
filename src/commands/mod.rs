//! One module per command: each reads its arguments, calls the library, prints what it
//! made and says how the command ended (exit code 0 or 1; [`Failure`] for 2).

pub mod batch;
pub mod check;
pub mod clauses;
pub mod init;
pub mod intake;
pub mod manifest;
pub mod markup;
pub mod redline;
pub mod render;
pub mod round;
pub mod schema;
pub mod serve;
pub mod validate;

use std::io::Write;

use dealdraft::Diagnostics;

/// How a command failed: bad usage or input (exit 2), or a closed pipe (exit 0).
pub enum Failure {
    Input(Diagnostics),
    Pipe,
}

impl From<Diagnostics> for Failure {
    fn from(d: Diagnostics) -> Self {
        Failure::Input(d)
    }
}

impl From<dealdraft::Diagnostic> for Failure {
    fn from(d: dealdraft::Diagnostic) -> Self {
        Failure::Input(d.into())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::Pipe
        } else {
            Failure::Input(dealdraft::Diagnostic::error(format!("cannot write output: {e}")).into())
        }
    }
}

pub fn report(d: &Diagnostics) {
    let mut err = std::io::stderr().lock();
    for x in d.iter() {
        let _ = writeln!(err, "{x}");
    }
    let n = d.errors().count();
    if n > 1 {
        let _ = writeln!(err, "{n} errors");
    }
}

pub fn out(s: &str) -> Result<(), Failure> {
    let mut o = std::io::stdout().lock();
    o.write_all(s.as_bytes())?;
    o.flush()?;
    Ok(())
}
