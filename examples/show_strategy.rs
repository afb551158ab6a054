fn main() {
    let args: Vec<String> = std::env::args().collect();
    let lib = frontline::scenario::load_library(&[]).library;
    let sc = lib.get(&args[1]).unwrap().scenario.clone();
    let strategy = frontline::analysis::Strategy::ALL.into_iter().find(|s| s.name() == args[2]).unwrap();
    let run = frontline::analysis::play_strategy(
        &sc,
        &frontline::engine::Rules::default(),
        strategy,
        args[3].parse().unwrap(),
        None,
    );
    print!("{}", frontline::cli::transcript_text(&run));
}
