//! The deal files in the workbench's folder: names (no path ever leaves the folder),
//! reads that never follow a symlink, versions (the SHA-256 of the bytes), and saves that
//! are atomic, keep the previous bytes as `<name>.bak` and refuse a file changed on disk
//! since it was opened.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use crate::deal::load::MAX_DEAL_BYTES;

/// Why a file operation failed, as the workbench answers it.
#[derive(Debug)]
pub enum FileError {
    /// The name is not a deal file's name (400).
    BadName(String),
    /// There is no such file (404).
    Missing(String),
    /// The file exists and is not a plain file, or is too large (400).
    Refused(String),
    /// Reading or writing failed (500).
    Io(String),
}

impl FileError {
    /// The HTTP status for this error.
    pub fn status(&self) -> u16 {
        match self {
            FileError::BadName(_) | FileError::Refused(_) => 400,
            FileError::Missing(_) => 404,
            FileError::Io(_) => 500,
        }
    }

    /// The message.
    pub fn message(&self) -> &str {
        match self {
            FileError::BadName(m)
            | FileError::Missing(m)
            | FileError::Refused(m)
            | FileError::Io(m) => m,
        }
    }
}

/// Checks a deal file's name: letters, digits, `-`, `_` and `.`, ending `.json`, not
/// starting with a dot, no `..`, at most 128 bytes. A name that passes can only name a
/// file directly in the folder.
pub fn check_name(name: &str) -> Result<(), FileError> {
    let ok = !name.is_empty()
        && name.len() <= 128
        && name.ends_with(".json")
        && name.len() > ".json".len()
        && !name.starts_with('.')
        && !name.contains("..")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(FileError::BadName(format!(
            "\"{}\" is not a deal file name: letters, digits, -, _ and ., ending .json, \
             no leading dot, no ..",
            name.escape_default()
        )))
    }
}

/// The SHA-256 of `bytes`, in hex: a file's version.
pub fn version(bytes: &[u8]) -> String {
    crate::output::sha256_hex(bytes)
}

/// The folder of deal files, with a lock per file for saves and the bytes of every
/// version recently read or written (to say what changed when a save is refused).
#[derive(Debug)]
pub struct Folder {
    dir: PathBuf,
    locks: Mutex<HashMap<String, Arc<Mutex<()>>>>,
    versions: Mutex<Versions>,
}

/// Recently seen versions' bytes, bounded.
#[derive(Debug, Default)]
struct Versions {
    bytes: HashMap<String, Arc<Vec<u8>>>,
    order: std::collections::VecDeque<String>,
}

const KEPT_VERSIONS: usize = 64;

impl Folder {
    /// The folder at `dir` (which must exist and be a directory).
    pub fn new(dir: &Path) -> Result<Folder, String> {
        let meta = std::fs::metadata(dir)
            .map_err(|e| format!("cannot open the folder {}: {e}", dir.display()))?;
        if !meta.is_dir() {
            return Err(format!("{} is not a folder", dir.display()));
        }
        Ok(Folder {
            dir: dir.to_path_buf(),
            locks: Mutex::default(),
            versions: Mutex::default(),
        })
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The names of the deal files directly in the folder (plain files, not symlinks,
    /// with a valid name, not the schema `init` writes), sorted.
    pub fn names(&self) -> Result<Vec<String>, FileError> {
        let entries = std::fs::read_dir(&self.dir)
            .map_err(|e| FileError::Io(format!("cannot list the folder: {e}")))?;
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| check_name(n).is_ok() && n != crate::init::SCHEMA_FILE)
            .collect();
        names.sort();
        Ok(names)
    }

    /// The bytes of the deal file `name`: never through a symlink, at most the CLI's
    /// largest deal file.
    pub fn read(&self, name: &str) -> Result<Vec<u8>, FileError> {
        check_name(name)?;
        let bytes = read_no_follow(&self.dir.join(name), name)?;
        self.remember(&bytes);
        Ok(bytes)
    }

    /// Whether the file exists (as anything, a symlink included).
    pub fn exists(&self, name: &str) -> bool {
        std::fs::symlink_metadata(self.dir.join(name)).is_ok()
    }

    /// The bytes of a version seen recently.
    pub fn seen(&self, version: &str) -> Option<Arc<Vec<u8>>> {
        self.versions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .bytes
            .get(version)
            .cloned()
    }

    fn remember(&self, bytes: &[u8]) {
        let v = version(bytes);
        let mut seen = self.versions.lock().unwrap_or_else(|e| e.into_inner());
        if seen.bytes.contains_key(&v) {
            return;
        }
        seen.bytes.insert(v.clone(), Arc::new(bytes.to_vec()));
        seen.order.push_back(v);
        while seen.order.len() > KEPT_VERSIONS {
            if let Some(old) = seen.order.pop_front() {
                seen.bytes.remove(&old);
            }
        }
    }

    /// The lock that serializes writes to `name`.
    fn lock(&self, name: &str) -> Arc<Mutex<()>> {
        self.locks
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(name.to_string())
            .or_default()
            .clone()
    }

    /// Saves `bytes` as `name` if the file on disk is still at `expected` (its version when
    /// opened): the previous bytes are kept as `<name>.bak`, the new ones written
    /// atomically. Saves of one file are serialized and the version checked under the
    /// lock, so of two racing saves from the same version exactly one wins.
    pub fn save(&self, name: &str, expected: &str, bytes: &[u8]) -> Result<Saved, FileError> {
        check_name(name)?;
        let lock = self.lock(name);
        let _held = lock.lock().unwrap_or_else(|e| e.into_inner());
        let path = self.dir.join(name);
        let current = read_no_follow(&path, name)?;
        let now = version(&current);
        if now != expected {
            self.remember(&current);
            return Ok(Saved::Conflict { on_disk: current });
        }
        let backup = format!("{name}.bak");
        let backup_path = self.dir.join(&backup);
        refuse_symlink(&backup_path, &backup)?;
        crate::output::write_atomic(&backup_path, &current)
            .map_err(|e| FileError::Io(format!("cannot write {backup}: {e}")))?;
        crate::output::write_atomic(&path, bytes)
            .map_err(|e| FileError::Io(format!("cannot write {name}: {e}")))?;
        self.remember(bytes);
        Ok(Saved::Written {
            version: version(bytes),
            backup,
        })
    }

    /// Writes a new file `name`; `Ok(false)` if a file of that name exists.
    pub fn create(&self, name: &str, bytes: &[u8]) -> Result<bool, FileError> {
        check_name(name)?;
        let lock = self.lock(name);
        let _held = lock.lock().unwrap_or_else(|e| e.into_inner());
        if self.exists(name) {
            return Ok(false);
        }
        crate::output::write_atomic(&self.dir.join(name), bytes)
            .map_err(|e| FileError::Io(format!("cannot write {name}: {e}")))?;
        self.remember(bytes);
        Ok(true)
    }
}

/// What a save did.
#[derive(Debug)]
pub enum Saved {
    /// Written; the new version and the backup's name.
    Written {
        /// The new version.
        version: String,
        /// `<name>.bak`.
        backup: String,
    },
    /// The file changed on disk since it was opened: its bytes now.
    Conflict {
        /// The file's bytes now.
        on_disk: Vec<u8>,
    },
}

fn refuse_symlink(path: &Path, name: &str) -> Result<(), FileError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if !m.is_file() => Err(FileError::Refused(format!(
            "{name} is not a plain file (a symlink or a folder); it is left alone"
        ))),
        _ => Ok(()),
    }
}

/// Reads a plain file without following a symlink (`O_NOFOLLOW` on Linux; elsewhere the
/// entry is checked first), capped at the CLI's largest deal file.
fn read_no_follow(path: &Path, name: &str) -> Result<Vec<u8>, FileError> {
    refuse_symlink(path, name)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => FileError::Missing(format!("there is no {name}")),
        _ => FileError::Io(format!("cannot read {name}: {e}")),
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_DEAL_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::Io(format!("cannot read {name}: {e}")))?;
    if bytes.len() as u64 > MAX_DEAL_BYTES {
        return Err(FileError::Refused(format!(
            "{name} is larger than the largest deal file read ({MAX_DEAL_BYTES} bytes)"
        )));
    }
    Ok(bytes)
}

/// The fields that differ between two deals, as `{path, opened, on_disk}` (values as JSON,
/// `null` where a side lacks the field): objects compared key by key, anything else
/// (arrays included) as a whole.
pub fn changes(opened: &Value, on_disk: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    diff(
        &crate::diagnostics::JsonPath::root(),
        opened,
        on_disk,
        &mut out,
    );
    out
}

fn diff(path: &crate::diagnostics::JsonPath, a: &Value, b: &Value, out: &mut Vec<Value>) {
    if a == b {
        return;
    }
    if let (Value::Object(x), Value::Object(y)) = (a, b) {
        let mut keys: Vec<&String> = x.keys().collect();
        keys.extend(y.keys().filter(|k| !x.contains_key(*k)));
        for k in keys {
            let (va, vb) = (x.get(k), y.get(k));
            match (va, vb) {
                (Some(va), Some(vb)) => diff(&path.key(k), va, vb, out),
                _ => out.push(json!({
                    "path": path.key(k).to_string(),
                    "opened": va.cloned().unwrap_or(Value::Null),
                    "on_disk": vb.cloned().unwrap_or(Value::Null),
                })),
            }
        }
        return;
    }
    if let (Value::Array(x), Value::Array(y)) = (a, b)
        && x.len() == y.len()
    {
        for (i, (va, vb)) in x.iter().zip(y).enumerate() {
            diff(&path.index(i), va, vb, out);
        }
        return;
    }
    out.push(json!({ "path": path.to_string(), "opened": a, "on_disk": b }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(check_name("global-bank.json").is_ok());
        assert!(check_name("a_b.v2.json").is_ok());
        for bad in [
            "../x.json",
            "/etc/x.json",
            "a\\b.json",
            ".hidden.json",
            "a..json",
            "x.txt",
            ".json",
            "a b.json",
            "é.json",
            "",
        ] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn diffs() {
        let a = json!({"sla": {"uptime_pct": 99.9, "x": [1, 2]}, "deal": {"id": "a"}});
        let b = json!({"sla": {"uptime_pct": 99.5, "x": [1, 3]}, "deal": {"id": "a", "t": 1}});
        let c = changes(&a, &b);
        let paths: Vec<&str> = c.iter().map(|v| v["path"].as_str().unwrap()).collect();
        assert_eq!(paths, ["sla.uptime_pct", "sla.x[1]", "deal.t"]);
        assert_eq!(c[0]["opened"], json!(99.9));
        assert_eq!(c[2]["opened"], Value::Null);
    }
}
