//! What jaring says, in English or Bahasa Indonesia.
//!
//! Every text a person reads is a [`Msg`]: a message id of the Fluent files in `i18n/`
//! (`en.ftl`, `id.ftl`, compiled in) and its arguments. Library code builds `Msg`s and never
//! renders them; the command line renders them in the language the user chose
//! ([`Lang::choose`]: `--lang`, else `JARING_LANG`, else `LC_ALL`/`LANG` starting with `id`,
//! else English). Machine-facing words — reason codes, diagnostic codes, CSV column names,
//! JSON keys, exit codes — never go through here and are the same in every language.
//!
//! Arguments are text: numbers and money are formatted before they are passed (dots group
//! thousands in both languages: `32.268`, `Rp1.626.307.200`), and dates in prose by
//! [`Lang::date`] (`1 Oktober 2022`, `1 October 2022`). An English plural is chosen with a
//! `$plural` argument (`one`/`other`, see [`plural`]); Indonesian has none.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// A language jaring speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    /// Bahasa Indonesia.
    Id,
}

impl Lang {
    pub fn is_en(&self) -> bool {
        *self == Lang::En
    }

    pub const ALL: [Lang; 2] = [Lang::En, Lang::Id];

    /// `en` or `id`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
        }
    }

    /// `id`, `id_ID.UTF-8`, `Indonesian`, `en`, `en_US`…
    pub fn parse(text: &str) -> Option<Lang> {
        let t = text.trim().to_ascii_lowercase();
        if t.starts_with("id") || t.starts_with("in_") || t == "in" || t.starts_with("indonesia") {
            Some(Lang::Id)
        } else if t.starts_with("en") || t == "c" || t == "posix" || t.starts_with("c.") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language asked for: `given` (`--lang`), else `JARING_LANG`, else `LC_ALL`, then
    /// `LANG`, when they name Indonesian; English otherwise.
    pub fn choose(given: Option<Lang>) -> Lang {
        if let Some(lang) = given {
            return lang;
        }
        let from = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        if let Some(lang) = from("JARING_LANG").as_deref().and_then(Lang::parse) {
            return lang;
        }
        // LC_ALL overrides LANG; whichever is set first decides
        match from("LC_ALL").or_else(|| from("LANG")).as_deref().and_then(Lang::parse) {
            Some(Lang::Id) => Lang::Id,
            _ => Lang::En,
        }
    }

    /// A date in prose: `1 Oktober 2022` / `1 October 2022`.
    pub fn date(self, date: jiff::civil::Date) -> String {
        let month = Msg::new(MONTHS[usize::try_from(date.month() - 1).unwrap_or(0)]).text(self);
        format!("{} {month} {}", date.day(), date.year())
    }

    /// A month in prose: `Oktober 2022`.
    pub fn month(self, year: i16, month: i8) -> String {
        let name = Msg::new(MONTHS[usize::try_from(month - 1).unwrap_or(0).min(11)]).text(self);
        format!("{name} {year}")
    }
}

const MONTHS: [&str; 12] = [
    "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8", "month-9",
    "month-10", "month-11", "month-12",
];

/// The kinds of file errors people meet, in words.
fn io_words(kind: std::io::ErrorKind) -> Option<Msg> {
    use std::io::ErrorKind as K;
    Some(Msg::new(match kind {
        K::NotFound => "io-not-found",
        K::PermissionDenied => "io-permission-denied",
        K::AlreadyExists => "io-already-exists",
        K::IsADirectory => "io-is-a-directory",
        K::NotADirectory => "io-not-a-directory",
        K::DirectoryNotEmpty => "io-directory-not-empty",
        K::StorageFull | K::QuotaExceeded => "io-storage-full",
        K::ReadOnlyFilesystem => "io-read-only",
        K::InvalidData => "io-invalid-data",
        K::FileTooLarge => "io-too-large",
        K::UnexpectedEof => "io-cut-short",
        _ => return None,
    }))
}

/// `one` for 1, else `other`: the `$plural` argument of an English message.
pub fn plural(n: u64) -> &'static str {
    if n == 1 { "one" } else { "other" }
}

/// A message: an id in the Fluent files (`id` or `id.attribute`) and its arguments.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// An argument of a message, rendered in the message's language.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Arg {
    Text(String),
    /// `a, b or c` / `a, b atau c`.
    AnyOf(Vec<Arg>),
    /// `a, b and c` / `a, b dan c`.
    AllOf(Vec<Arg>),
    /// Another message (a phrase that itself depends on the language).
    Msg(Box<Msg>),
    /// Phrases joined by `; `.
    Joined(Vec<Arg>),
    /// A date in prose: `1 Oktober 2022` in Indonesian; English keeps the ISO form its
    /// outputs have always had (`2022-10-01`), which the recorded runs replay against.
    Date(jiff::civil::Date),
    /// A month in prose: `Oktober 2022` / `2022-10`.
    Month(crate::calendar::Month),
    /// What the operating system said went wrong with a file: its words in English, its
    /// kind in words of the message's language.
    Io(std::io::ErrorKind, String),
}

/// Whether the process, or the whole system, has as many files open as it may (no
/// `ErrorKind` names it): said with its fix, `ulimit -n`, in every language.
fn too_many_open_files(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        matches!(e.raw_os_error(), Some(libc::EMFILE | libc::ENFILE))
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// Whether `e`, put in words as an [`Arg`], already says how to fix it (so a message need not
/// add its own advice, such as freeing disk space).
pub fn says_its_fix(e: &std::io::Error) -> bool {
    too_many_open_files(e)
}

impl From<&std::io::Error> for Arg {
    fn from(e: &std::io::Error) -> Arg {
        if too_many_open_files(e) {
            return Arg::Msg(Box::new(Msg::new("io-too-many-open-files")));
        }
        Arg::Io(e.kind(), e.to_string())
    }
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(Box::new(m))
    }
}

impl Arg {
    fn render(&self, lang: Lang) -> String {
        match self {
            Arg::Text(t) => t.clone(),
            Arg::AnyOf(items) => list(
                &items.iter().map(|i| i.render(lang)).collect::<Vec<_>>(),
                Msg::new("list-or").text(lang),
            ),
            Arg::AllOf(items) => list(
                &items.iter().map(|i| i.render(lang)).collect::<Vec<_>>(),
                Msg::new("list-and").text(lang),
            ),
            Arg::Msg(m) => m.text(lang),
            Arg::Joined(items) => items.iter().map(|i| i.render(lang)).collect::<Vec<_>>().join("; "),
            Arg::Date(d) => match lang {
                Lang::En => d.to_string(),
                Lang::Id => lang.date(*d),
            },
            Arg::Io(kind, text) => match (lang, io_words(*kind)) {
                (Lang::En, _) | (_, None) => text.clone(),
                (_, Some(words)) => words.text(lang),
            },
            Arg::Month(m) => match lang {
                Lang::En => m.to_string(),
                Lang::Id => lang.month(m.year(), m.month()),
            },
        }
    }
}

fn list(items: &[String], last: String) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., end] => format!("{} {last} {end}", rest.join(", ")),
    }
}

impl Msg {
    pub fn new(key: &'static str) -> Msg {
        Msg { key, args: Vec::new() }
    }

    /// Adds an argument (anything that prints).
    pub fn arg(mut self, name: &'static str, value: impl std::fmt::Display) -> Msg {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// Adds an argument that is itself language-dependent (a list, a phrase).
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    /// The message in `lang` (English when `lang` lacks it; the key in brackets when no
    /// language has it, which the tests forbid).
    pub fn text(&self, lang: Lang) -> String {
        let args: Vec<(&'static str, String)> = self.args.iter().map(|(n, a)| (*n, a.render(lang))).collect();
        format(lang, self.key, &args)
            .or_else(|| format(Lang::En, self.key, &args))
            .unwrap_or_else(|| format!("⟦{}⟧", self.key))
    }
}

/// Builds a [`Msg`]: `msg!("unknown-occupation", code = &code.value)`; an argument written
/// `name => value` is language-dependent ([`Arg`]: a list, another message).
#[macro_export]
macro_rules! msg {
    ($key:literal $(,)?) => { $crate::i18n::Msg::new($key) };
    ($key:literal, $($rest:tt)+) => { $crate::msg!(@args $crate::i18n::Msg::new($key), $($rest)+) };
    (@args $m:expr, $name:ident = $value:expr $(, $($rest:tt)*)?) => {
        $crate::msg!(@args $m.arg(stringify!($name), $value) $(, $($rest)*)?)
    };
    (@args $m:expr, $name:ident => $value:expr $(, $($rest:tt)*)?) => {
        $crate::msg!(@args $m.with(stringify!($name), $value) $(, $($rest)*)?)
    };
    (@args $m:expr $(,)?) => { $m };
}

/// The message files.
pub const FILES: [(Lang, &str); 2] =
    [(Lang::En, include_str!("../i18n/en.ftl")), (Lang::Id, include_str!("../i18n/id.ftl"))];

fn bundles() -> &'static [FluentBundle<FluentResource>; 2] {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 2]> = OnceLock::new();
    BUNDLES.get_or_init(|| FILES.map(|(lang, text)| bundle(lang, text)))
}

fn bundle(lang: Lang, text: &str) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // no invisible direction marks around arguments: terminals and CSVs would show them
    bundle.set_use_isolating(false);
    // a file with a mistake still gives every message it could read (a test checks both
    // files read cleanly)
    let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(partial, _)| partial);
    let _ = bundle.add_resource(resource);
    bundle
}

fn format(lang: Lang, key: &str, args: &[(&'static str, String)]) -> Option<String> {
    let bundle = &bundles()[match lang {
        Lang::En => 0,
        Lang::Id => 1,
    }];
    let (id, attribute) = match key.split_once('.') {
        Some((id, attribute)) => (id, Some(attribute)),
        None => (key, None),
    };
    let message = bundle.get_message(id)?;
    let pattern = match attribute {
        Some(a) => message.get_attribute(a)?.value(),
        None => message.value()?,
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, Cow::<str>::Owned(value.clone()));
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    Some(text.into_owned())
}

/// Words of English sentences that Indonesian prose never uses.
const ENGLISH: &[&str] = &[
    "the", "is", "are", "of", "and", "or", "to", "with", "not", "cannot", "must", "write", "add", "has",
    "have", "this", "that", "it", "its", "be", "for", "from", "by", "was", "were", "no", "at", "an", "on",
    "as", "which", "where", "when", "there", "one", "each", "every", "than",
];

/// The English words in `text` outside code in backticks: what tells an untranslated
/// sentence in Indonesian output (the tests hold every Indonesian text to it).
pub fn english_words(text: &str) -> Vec<String> {
    let prose: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    prose
        // a token with a digit in it is a code, a hash or a number, not a word
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect()
}

/// The message `key` (built at run time, without arguments) in `lang`, else in English.
pub fn lookup(lang: Lang, key: &str) -> Option<String> {
    format(lang, key, &[]).or_else(|| format(Lang::En, key, &[]))
}

/// Every message id (with its attributes, `id.attribute`) a file defines.
pub fn keys(text: &str) -> Vec<String> {
    let Ok(resource) = FluentResource::try_new(text.to_owned()) else { return Vec::new() };
    let mut keys = Vec::new();
    for entry in resource.entries() {
        if let fluent_syntax::ast::Entry::Message(m) = entry {
            keys.push(m.id.name.to_owned());
            for a in &m.attributes {
                keys.push(format!("{}.{}", m.id.name, a.id.name));
            }
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A process out of file handles is told the fix in its own language, in English too
    /// (the system's words, `Too many open files`, do not say what to do).
    #[cfg(unix)]
    #[test]
    fn too_many_open_files_is_said_with_its_fix() {
        for errno in [libc::EMFILE, libc::ENFILE] {
            let arg = Arg::from(&std::io::Error::from_raw_os_error(errno));
            for lang in [Lang::En, Lang::Id] {
                let text = arg.render(lang);
                assert!(text.contains("ulimit -n 4096"), "{text}");
                assert!(!text.contains("os error"), "{text}");
            }
            assert!(arg.render(Lang::Id).contains("terlalu banyak berkas terbuka"));
        }
        // other errors keep the system's words (English) and their kind's words (Indonesian)
        let full = Arg::from(&std::io::Error::from_raw_os_error(libc::ENOSPC));
        assert!(full.render(Lang::En).contains("os error"));
        assert_eq!(full.render(Lang::Id), "ruang penyimpanan penuh");
    }

    #[test]
    fn both_files_read_cleanly_and_define_the_same_messages() {
        for (lang, text) in FILES {
            assert!(FluentResource::try_new(text.to_owned()).is_ok(), "{} does not parse", lang.code());
        }
        for (lang, text) in FILES {
            let mut all = keys(text);
            all.sort();
            let twice: Vec<&String> = all.windows(2).filter(|w| w[0] == w[1]).map(|w| &w[0]).collect();
            assert!(twice.is_empty(), "defined twice in {}.ftl: {twice:?}", lang.code());
        }
        let mut en = keys(FILES[0].1);
        let mut id = keys(FILES[1].1);
        en.sort();
        id.sort();
        let only_en: Vec<&String> = en.iter().filter(|k| !id.contains(k)).collect();
        let only_id: Vec<&String> = id.iter().filter(|k| !en.contains(k)).collect();
        assert!(only_en.is_empty(), "not in id.ftl: {only_en:?}");
        assert!(only_id.is_empty(), "not in en.ftl: {only_id:?}");
    }

    /// The prose of every message and attribute of a file, without code in backticks.
    fn prose(text: &str) -> Vec<(String, String)> {
        use fluent_syntax::ast::{Entry, Pattern, PatternElement};
        fn flatten(pattern: &Pattern<&str>, out: &mut String) {
            for element in &pattern.elements {
                match element {
                    PatternElement::TextElement { value } => out.push_str(value),
                    PatternElement::Placeable { expression } => {
                        if let fluent_syntax::ast::Expression::Select { variants, .. } = expression {
                            for v in variants {
                                out.push(' ');
                                flatten(&v.value, out);
                            }
                        } else {
                            out.push_str(" ␣ ");
                        }
                    }
                }
            }
        }
        let resource = fluent_syntax::parser::parse(text).unwrap_or_else(|(r, _)| r);
        let mut out = Vec::new();
        for entry in resource.body {
            if let Entry::Message(m) = entry {
                let mut texts: Vec<(String, &Pattern<&str>)> = Vec::new();
                if let Some(v) = &m.value {
                    texts.push((m.id.name.to_owned(), v));
                }
                for a in &m.attributes {
                    texts.push((format!("{}.{}", m.id.name, a.id.name), &a.value));
                }
                for (key, pattern) in texts {
                    let mut flat = String::new();
                    flatten(pattern, &mut flat);
                    // drop `code`
                    let prose: String = flat.split('`').step_by(2).collect::<Vec<_>>().join(" ");
                    out.push((key, prose));
                }
            }
        }
        out
    }

    #[test]
    fn the_indonesian_file_has_no_english_sentence() {
        let mut english = Vec::new();
        for (key, prose) in prose(FILES[1].1) {
            let found = english_words(&prose);
            if !found.is_empty() {
                english.push(format!("{key}: {found:?} in {prose:?}"));
            }
        }
        assert!(english.is_empty(), "English in id.ftl:\n{}", english.join("\n"));
        // and the check would catch English: the English file is full of it
        let caught = prose(FILES[0].1).iter().filter(|(_, p)| !english_words(p).is_empty()).count();
        assert!(caught > 200, "the English words list catches only {caught} English messages");
    }

    #[test]
    fn the_language_is_chosen_from_the_flag_then_the_environment() {
        assert_eq!(Lang::parse("id_ID.UTF-8"), Some(Lang::Id));
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("fr_FR"), None);
        assert_eq!(Lang::choose(Some(Lang::Id)), Lang::Id);
    }

    #[test]
    fn dates_read_as_people_write_them() {
        let date = jiff::civil::date(2022, 10, 1);
        assert_eq!(Lang::Id.date(date), "1 Oktober 2022");
        assert_eq!(Lang::En.date(date), "1 October 2022");
    }
}
