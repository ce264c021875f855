//! The command line in the user's language: `--help` texts from the message files, and
//! mistakes on the command line explained in words.
//!
//! Every command's about text is `help-<command path>` (`help-run`, `help-plugin-build`,
//! `help-jaring` for the program), every option's `help-<command path>-<option>`
//! (`help-run-out`, `help-jaring-lang`); a test checks that each exists in every language.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory as _, FromArgMatches as _};

use super::{Args, Exit};
use crate::i18n::{Lang, Msg, lookup};
use crate::msg;

/// The language asked for on the command line (`--lang id`, `--lang=id`), if any: needed
/// before the arguments are parsed, to explain them.
pub fn lang_in(args: &[OsString]) -> Option<Lang> {
    let mut words = args.iter().filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if let Some(value) = word.strip_prefix("--lang=") {
            return Lang::parse(value);
        }
        if word == "--lang" {
            return words.next().and_then(Lang::parse);
        }
    }
    None
}

fn text(lang: Lang, key: &str) -> String {
    lookup(lang, key).unwrap_or_else(|| format!("⟦{key}⟧"))
}

/// The `help-…` key of a command path and, optionally, one of its options.
pub fn key(path: &[&str], arg: Option<&str>) -> String {
    let mut key = String::from("help");
    if path.is_empty() {
        key.push_str("-jaring");
    }
    for part in path {
        key.push('-');
        key.push_str(part);
    }
    if let Some(arg) = arg {
        key.push('-');
        key.push_str(&arg.replace('_', "-"));
    }
    key
}

/// The command line of jaring, its texts in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    let version = Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version)
        .help(text(lang, "help-version"))
        .help_heading(text(lang, "help-heading-options"));
    localize(Args::command(), lang, &[]).disable_version_flag(true).arg(version)
}

fn localize(mut cmd: clap::Command, lang: Lang, path: &[&str]) -> clap::Command {
    cmd = cmd
        .about(text(lang, &key(path, None)))
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading(text(lang, "help-heading-commands"))
        .subcommand_value_name(text(lang, "help-value-command"))
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            text(lang, "help-heading-usage")
        ))
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(text(lang, "help-help"))
                .help_heading(text(lang, "help-heading-options")),
        );
    let ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .filter(|a| a.get_id() != "help")
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (id, positional) in ids {
        let help = text(lang, &key(path, Some(&id)));
        let heading = text(lang, if positional { "help-heading-arguments" } else { "help-heading-options" });
        let value = lookup(lang, &format!("help-value-{}", id.replace('_', "-")));
        cmd = cmd.mut_arg(id.as_str(), |a| {
            let a = a.help(help).help_heading(heading);
            let a = match value {
                Some(name) if a.get_action().takes_values() => a.value_name(name),
                _ => a,
            };
            // defaults and choices are in the text, in words of the language
            if a.get_action().takes_values() {
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            }
        });
    }
    let names: Vec<String> = cmd.get_subcommands().map(|c| c.get_name().to_owned()).collect();
    for name in names {
        let mut sub_path: Vec<&str> = path.to_vec();
        sub_path.push(&name);
        cmd = cmd.mut_subcommand(name.as_str(), |sub| localize(sub, lang, &sub_path));
    }
    cmd
}

/// Every command path and option id of the command line, for the test that each has its
/// text in every language.
pub fn all_keys() -> Vec<String> {
    fn walk(cmd: &clap::Command, path: &mut Vec<String>, out: &mut Vec<String>) {
        let parts: Vec<&str> = path.iter().map(String::as_str).collect();
        out.push(key(&parts, None));
        for a in cmd.get_arguments() {
            out.push(key(&parts, Some(a.get_id().as_str())));
        }
        for sub in cmd.get_subcommands() {
            path.push(sub.get_name().to_owned());
            walk(sub, path, out);
            path.pop();
        }
    }
    let mut out = Vec::new();
    walk(&Args::command(), &mut Vec::new(), &mut out);
    out
}

/// Parses the command line in `lang`. Help and version are printed here; a mistake is
/// explained in `lang` and gives the exit code to end with.
pub fn parse(args: Vec<OsString>, lang: Lang) -> Result<Args, Exit> {
    let mut cmd = command(lang);
    let error = match cmd.try_get_matches_from_mut(args) {
        Ok(matches) => match Args::from_arg_matches(&matches) {
            Ok(args) => return Ok(args),
            Err(e) => e,
        },
        Err(e) => e,
    };
    match error.kind() {
        ErrorKind::DisplayHelp => {
            // clap writes `[OPTIONS]` in usage lines itself
            let text = error.render().to_string().replace("[OPTIONS]", &text(lang, "help-value-options"));
            print!("{text}");
            return Err(Exit::Ok);
        }
        ErrorKind::DisplayVersion => {
            let _ = error.print();
            return Err(Exit::Ok);
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            return Err(Exit::Failed);
        }
        _ => {}
    }
    let said = mistake(&error);
    eprintln!("{}: {}", Msg::new("severity-error").text(lang), said.text(lang));
    eprintln!("\n{}", msg!("cli-try-help").text(lang));
    Err(Exit::Failed)
}

/// What is wrong with the command line, from what clap found.
fn mistake(error: &clap::Error) -> Msg {
    let get = |kind: ContextKind| -> String {
        match error.get(kind) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(", "),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => {
                v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            }
            Some(ContextValue::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let shown = |t: String| crate::text::shown(&t, 200);
    let suggestion = || {
        let s = get(ContextKind::SuggestedArg);
        let s = if s.is_empty() { get(ContextKind::SuggestedSubcommand) } else { s };
        if s.is_empty() { String::new() } else { format!(" — `{}`?", shown(s)) }
    };
    match error.kind() {
        ErrorKind::UnknownArgument => {
            msg!("cli-unknown-argument", arg = shown(get(ContextKind::InvalidArg)), suggestion = suggestion())
        }
        ErrorKind::InvalidSubcommand => msg!(
            "cli-unknown-command",
            command = shown(get(ContextKind::InvalidSubcommand)),
            suggestion = suggestion()
        ),
        ErrorKind::InvalidValue => msg!(
            "cli-invalid-value",
            value = shown(get(ContextKind::InvalidValue)),
            arg = shown(get(ContextKind::InvalidArg)),
            valid = shown(get(ContextKind::ValidValue))
        ),
        ErrorKind::ValueValidation => msg!(
            "cli-bad-value",
            value = shown(get(ContextKind::InvalidValue)),
            arg = shown(get(ContextKind::InvalidArg))
        ),
        ErrorKind::MissingRequiredArgument => {
            msg!("cli-missing-argument", args = shown(get(ContextKind::InvalidArg)))
        }
        ErrorKind::MissingSubcommand => msg!("cli-missing-command"),
        ErrorKind::ArgumentConflict => msg!(
            "cli-conflict",
            arg = shown(get(ContextKind::InvalidArg)),
            other = shown(get(ContextKind::PriorArg))
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            msg!("cli-value-count", arg = shown(get(ContextKind::InvalidArg)))
        }
        ErrorKind::InvalidUtf8 => msg!("cli-not-utf8"),
        _ => msg!("cli-unreadable"),
    }
}
