//! The `jaring` command. Thin on purpose: parse the arguments, run, turn the outcome into
//! an exit code. Everything else lives in the library.

use std::process::ExitCode;

use jaring::cli;
use jaring::i18n::{Lang, Msg};

fn main() -> ExitCode {
    jaring::allocator::keep_freed_memory();
    jaring::files::limit::allow_enough();
    // Output piped into `head` or a pager that quits: end quietly, as Unix tools do, instead
    // of panicking on the closed pipe (Rust ignores SIGPIPE by default).
    // SAFETY: restoring the default disposition of a signal before any thread starts.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // the language is needed before the arguments are read, to explain them
    let lang = Lang::choose(cli::lang_in(&argv));
    let args = match cli::parse(argv, lang) {
        Ok(args) => args,
        Err(exit) => return ExitCode::from(exit as u8),
    };
    match cli::run(args) {
        Ok(exit) => ExitCode::from(exit as u8),
        Err(error) => {
            eprintln!("{}: {}", Msg::new("severity-error").text(lang), cli::error_text(&error, lang));
            ExitCode::from(cli::Exit::Failed as u8)
        }
    }
}

/// Registries of a million rows make tens of millions of small allocations; mimalloc keeps
/// them fast on every thread (the system allocator spent most of `verify` in the kernel).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
