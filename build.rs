// The default theme is embedded in the binary; rebuild when any of its files change.
fn main() {
    println!("cargo:rerun-if-changed=themes/lots");
}
