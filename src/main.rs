use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    frontline::cli::run(frontline::cli::Cli::parse())
}
