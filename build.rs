// The clause library and templates are embedded with include_dir!, which does not tell
// cargo about files added later: rebuild whenever anything under them changes.
fn main() {
    println!("cargo:rerun-if-changed=clause-library");
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=build.rs");
}
