//! Reads a `@resource` object (JSON) from standard input, shows it, and writes it back.

use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    // `from_str` says where a payload does not fit.
    let object: seam_types::@Type = seam_types::from_str(&text)?;
    println!("{object:#?}");
    for key in object.extra.keys() {
        println!("not in the docs when this crate was generated: {key}");
    }
    // Written back, it is the same JSON.
    let json = seam_types::serde_json::to_string_pretty(&object)?;
    println!("{json}");
    Ok(())
}
