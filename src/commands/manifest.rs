//! `manifest merge`: the manifests of `batch --shard` runs joined into the one a single run writes.

use super::{Failure, out};

pub fn merge(manifests: &[std::path::PathBuf]) -> Result<u8, Failure> {
    let mut parts = Vec::new();
    for p in manifests {
        parts.push((
            p.display().to_string(),
            dealdraft::manifest::Manifest::read(p)?,
        ));
    }
    let merged = dealdraft::manifest::Manifest::merge(&parts)?;
    out(&merged.to_json())?;
    Ok(0)
}
