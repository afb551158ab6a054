//! Writes the worst-case scenario files for the analysis budget:
//! `cargo run --release --example worst_case -- DIR`, then `frontline check DIR/*.ron`.
fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    for (flags, fillers) in [(20, 0), (20, 300), (20, 1000), (24, 6000)] {
        let text = frontline::analysis::flag_explosion(flags, fillers);
        let path = format!("{dir}/flags-{flags}-fillers-{fillers}.ron");
        std::fs::write(&path, &text).expect("written");
        println!("{path}: {} bytes", text.len());
    }
}
