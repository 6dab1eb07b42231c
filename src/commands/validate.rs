//! `validate`: every problem of each deal at once, and its blanks counted.

use dealdraft::{Diagnostics, Library};

use super::{Failure, out, report};
use crate::cli;

pub fn run(a: cli::ValidateArgs) -> Result<u8, Failure> {
    let library = Library::load(a.library.library.as_deref())?;
    let mut all = Diagnostics::new();
    for path in &a.deals {
        match dealdraft::validate_deal(path, &library, a.final_draft) {
            Ok((warnings, blanks)) => {
                report(&warnings);
                let note = match blanks {
                    0 => String::new(),
                    n => format!(
                        " ({n} blank position{}: the draft shows [●]; `--final` refuses them)",
                        if n == 1 { "" } else { "s" }
                    ),
                };
                out(&format!("ok: {}{note}\n", path.display()))?;
            }
            Err(d) => all.extend(d),
        }
    }
    if all.has_errors() {
        return Err(Failure::Input(all));
    }
    Ok(0)
}
