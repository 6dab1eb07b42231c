//! Writing outputs: atomically (a temp file in the same folder, then rename), with file
//! names that cannot escape the output folder.
//!
//! On Linux the bytes go to an unnamed file (`O_TMPFILE`) that gets a name only once it is
//! complete and synced: a new file its final name, a file that replaces another a
//! temporary name for the moment of the rename. A process killed while writing (SIGKILL,
//! the OOM killer, a full disk) leaves no partial file, and no temporary file unless it
//! died inside that rename; the next write to the folder removes such a leftover.
//! Elsewhere, and on file systems without `O_TMPFILE`, a named `.dealdraft-*.tmp` file is
//! written and renamed; an error removes it, a SIGKILL may not.
//!
//! A batch writes thousands of files: there each file is written the same way but not
//! synced on its own ([`Sync::Later`]); the run syncs them all at once ([`sync_all`])
//! before it writes its manifest, which is synced. A crash of the process still leaves
//! whole files only; a crash of the machine before that sync may lose files of the run,
//! which the manifest then does not list (and `batch --changed-only` renders again any
//! output whose bytes differ from the manifest's digest).

use std::io::Write;
use std::path::{Path, PathBuf};

/// When a written file reaches the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sync {
    /// Synced before it takes its name.
    Now,
    /// Left to a later [`sync_all`].
    Later,
}

/// Writes `bytes` to `path` atomically: readers see the old file or the whole new one,
/// and a failure leaves no partial file behind. The file is synced before it takes its
/// name.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, bytes, Sync::Now)
}

/// [`write_atomic`], with the sync [`Sync::Later`] where the caller syncs many files at once.
pub fn write_atomic_with(path: &Path, bytes: &[u8], sync: Sync) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    #[cfg(target_os = "linux")]
    if let Some(done) = unnamed::write(dir, path, bytes, sync) {
        return done;
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".dealdraft-").suffix(".tmp");
    // Temp files are private (0600) by default; outputs are ordinary files (0644 less umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if sync == Sync::Now {
        tmp.as_file().sync_all()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(target_os = "linux")]
mod unnamed {
    use std::ffi::CString;
    use std::io::Write;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::io::AsRawFd;
    use std::path::Path;

    /// Writes through an `O_TMPFILE` file; `None` when the folder's file system has none
    /// (the caller then uses a named temporary file).
    pub fn write(
        dir: &Path,
        path: &Path,
        bytes: &[u8],
        sync: super::Sync,
    ) -> Option<std::io::Result<()>> {
        let mut file = match std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_TMPFILE)
            // Reduced by the umask, as for any new file.
            .mode(0o644)
            .open(dir)
        {
            Ok(f) => f,
            Err(e) if matches!(e.raw_os_error(), Some(libc::EOPNOTSUPP | libc::EISDIR)) => {
                return None;
            }
            Err(e) => return Some(Err(e)),
        };
        Some((|| {
            file.write_all(bytes)?;
            if sync == super::Sync::Now {
                file.sync_all()?;
            }
            let from = CString::new(format!("/proc/self/fd/{}", file.as_raw_fd()))?;
            // A new file gets its final name straight away: it never has another one.
            match link(&from, path) {
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                done => return done,
            }
            // Replacing a file takes a second name for a moment (linkat cannot replace,
            // rename can). A process killed in that moment leaves it; the next write to
            // the folder removes what dead processes left.
            remove_stale(dir);
            let tmp = dir.join(format!(
                ".dealdraft-{}-{}.tmp",
                std::process::id(),
                file.as_raw_fd()
            ));
            let _ = std::fs::remove_file(&tmp);
            link(&from, &tmp)?;
            std::fs::rename(&tmp, path).inspect_err(|_| {
                let _ = std::fs::remove_file(&tmp);
            })
        })())
    }

    /// Gives the open file behind `/proc/self/fd/N` the name `to`.
    fn link(from: &CString, to: &Path) -> std::io::Result<()> {
        let to = CString::new(to.as_os_str().as_bytes())?;
        // SAFETY: both are NUL-terminated paths that live across the call.
        let rc = unsafe {
            libc::linkat(
                libc::AT_FDCWD,
                from.as_ptr(),
                libc::AT_FDCWD,
                to.as_ptr(),
                libc::AT_SYMLINK_FOLLOW,
            )
        };
        if rc == 0 {
            Ok(())
        } else {
            Err(std::io::Error::last_os_error())
        }
    }

    /// Removes `.dealdraft-<pid>-<fd>.tmp` files of processes that are gone.
    fn remove_stale(dir: &Path) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name();
            let Some(pid) = name
                .to_str()
                .and_then(|n| n.strip_prefix(".dealdraft-"))
                .and_then(|n| n.strip_suffix(".tmp"))
                .and_then(|n| n.split_once('-'))
                .and_then(|(pid, _)| pid.parse::<u32>().ok())
            else {
                continue;
            };
            if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// Syncs files written with [`Sync::Later`]: on Linux the whole file system of `dir` at
/// once (`syncfs`), elsewhere each of `files`.
pub fn sync_all(dir: &Path, files: &[PathBuf]) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::io::AsRawFd;
        let d = std::fs::File::open(dir)?;
        // SAFETY: a valid open file descriptor for the call's duration.
        if unsafe { libc::syncfs(d.as_raw_fd()) } == 0 {
            return Ok(());
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = dir;
    for f in files {
        std::fs::OpenOptions::new()
            .write(true)
            .open(f)?
            .sync_all()?;
    }
    Ok(())
}

/// A safe file or folder name from any text: lowercase `[a-z0-9-]`, no dots or slashes,
/// never empty.
pub fn safe_name(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "unnamed".into()
    } else {
        out
    }
}

/// A file name `stem.ext` with both parts made safe.
pub fn safe_file_name(name: &str) -> String {
    // Each dot-separated part on its own ("sow.redline.docx"); no part can be empty, so
    // no ".." or hidden file.
    name.split('.').map(safe_name).collect::<Vec<_>>().join(".")
}

/// Lowercase hexadecimal of `bytes` (digests in manifests).
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// SHA-256 of `bytes`, in hexadecimal.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}

/// `out/<deal id>[/<unit id>]`.
/// Writes each (name, bytes) under `dir` (a name may hold `/`-separated folders, made as
/// needed), each file atomically; the paths written, in order.
pub fn write_files(
    dir: &Path,
    files: &[(String, Vec<u8>)],
) -> Result<Vec<PathBuf>, crate::Diagnostic> {
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        write_atomic(&path, bytes)
            .map_err(|e| crate::Diagnostic::error(format!("cannot write: {e}")).in_file(&path))?;
        written.push(path);
    }
    Ok(written)
}

pub fn deal_dir(out: &Path, deal_id: &str, unit: Option<&str>) -> PathBuf {
    let mut p = out.join(safe_name(deal_id));
    if let Some(u) = unit {
        p.push(safe_name(u));
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_escape() {
        assert_eq!(safe_name("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_name("Retail Banking (EU)"), "retail-banking-eu");
        assert_eq!(safe_name("..."), "unnamed");
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(
                mode & 0o644,
                0o644,
                "outputs are readable like any file: {mode:o}"
            );
        }
        let leftovers: Vec<_> = std::fs::read_dir(p.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }
}
