//! The `jaring` command. Thin on purpose: parse the arguments, run, turn the outcome into
//! an exit code. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let args = jaring::cli::Args::parse();
    match jaring::cli::run(args) {
        Ok(exit) => ExitCode::from(exit as u8),
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(jaring::cli::Exit::Failed as u8)
        }
    }
}

/// Registries of a million rows make tens of millions of small allocations; mimalloc keeps
/// them fast on every thread (the system allocator spent most of `verify` in the kernel).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
