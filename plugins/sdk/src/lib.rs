//! Write a jaring region plugin as a short Rust file.
//!
//! A plugin implements [`RegionPlugin`]: it looks at one applicant at a time and proposes a
//! verdict, a priority and a group; optionally it spreads a quota over groups. The host
//! applies the policy (eligibility, quotas, budgets) around it.
//!
//! ```no_run
//! use jaring_plugin::*;
//!
//! struct Poorest;
//!
//! impl RegionPlugin for Poorest {
//!     const NAME: &'static str = "poorest-first";
//!     const VERSION: &'static str = "1.0.0";
//!
//!     fn assess(_program: &Program, applicant: &Applicant) -> Result<Assessment, String> {
//!         let decile = applicant.poverty_decile.map_or(11, i32::from);
//!         Ok(Assessment::accept(applicant, (11 - decile) * 10_000))
//!     }
//! }
//!
//! export_plugin!(Poorest);
//! ```
//!
//! Build it with `jaring plugin build <folder>`; see `plugins/README.md`.

// The generated bindings name this crate by its public name, also from inside it.
extern crate self as jaring_plugin;

#[doc(hidden)]
pub use wit_bindgen as __wit_bindgen;

/// Bindings generated from `plugins/wit/plugin.wit`.
pub mod bindings {
    wit_bindgen::generate!({
        path: "../wit/v0.2",
        world: "region-plugin",
        pub_export_macro: true,
        export_macro_name: "export_region_plugin",
        default_bindings_module: "jaring_plugin::bindings",
        runtime_path: "jaring_plugin::__wit_bindgen::rt",
    });
}

pub use bindings::jaring::plugin::host::LogLevel;
pub use bindings::jaring::plugin::types::{
    Allotment, Assessment, Batch, Citation, FundingSource, GroupCount, Month, Param, ParamValue, PluginInfo,
    Program, Regulation, Rejection, SubQuota, Verdict,
};

/// The version of the contract this SDK speaks (`jaring:plugin@…`).
pub const CONTRACT: &str = "jaring:plugin@0.2.0";

/// The highest priority an assessment may carry.
pub const MAX_PRIORITY: i32 = 1_000_000;

/// A region plugin.
pub trait RegionPlugin {
    /// Short name, shown in decision logs.
    const NAME: &'static str;
    /// The plugin's own version.
    const VERSION: &'static str;
    /// Whether [`RegionPlugin::apportion`] is implemented.
    const APPORTIONS: bool = false;
    /// The extra registry columns the plugin reads; the host sends no others.
    const ATTRIBUTES: &'static [&'static str] = &[];

    /// Proposes a verdict for one applicant. It sees only the program and this applicant,
    /// so the answer cannot depend on who else is in the registry. An `Err` stops the run
    /// (use it for a program the plugin cannot work with, such as a missing parameter).
    fn assess(program: &Program, applicant: &Applicant) -> Result<Assessment, String>;

    /// Spreads `total` places over `groups`; the quotas must add up to `total`.
    fn apportion(_program: &Program, _total: u32, _groups: &[GroupCount]) -> Result<Vec<Allotment>, String> {
        Err(format!("plugin `{}` does not apportion quotas", Self::NAME))
    }
}

/// Exports a [`RegionPlugin`] as the component's `info`, `assess` and `apportion`.
#[macro_export]
macro_rules! export_plugin {
    ($plugin:ty) => {
        struct JaringPluginExport;

        impl $crate::bindings::Guest for JaringPluginExport {
            fn info() -> $crate::PluginInfo {
                $crate::info::<$plugin>()
            }

            fn assess(
                program: $crate::Program,
                batch: $crate::Batch,
            ) -> ::std::result::Result<::std::vec::Vec<$crate::Assessment>, ::std::string::String> {
                $crate::assess_all::<$plugin>(&program, &batch)
            }

            fn apportion(
                program: $crate::Program,
                total: u32,
                groups: ::std::vec::Vec<$crate::GroupCount>,
            ) -> ::std::result::Result<::std::vec::Vec<$crate::Allotment>, ::std::string::String> {
                $crate::report_panics();
                <$plugin as $crate::RegionPlugin>::apportion(&program, total, &groups)
            }
        }

        $crate::bindings::export_region_plugin!(JaringPluginExport with_types_in $crate::bindings);
    };
}

#[doc(hidden)]
pub fn info<P: RegionPlugin>() -> PluginInfo {
    PluginInfo {
        name: P::NAME.to_owned(),
        version: P::VERSION.to_owned(),
        apportions: P::APPORTIONS,
        attributes: P::ATTRIBUTES.iter().map(|a| (*a).to_owned()).collect(),
    }
}

#[doc(hidden)]
pub fn assess_all<P: RegionPlugin>(program: &Program, batch: &Batch) -> Result<Vec<Assessment>, String> {
    report_panics();
    applicants(batch).map(|a| P::assess(program, &a)).collect()
}

/// The applicants of a batch, in the order the host sent them, each borrowing its texts from
/// the batch (nothing is copied).
pub fn applicants(batch: &Batch) -> impl ExactSizeIterator<Item = Applicant<'_>> {
    (0..batch.ids.len()).map(move |row| Applicant::of(batch, row))
}

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sex {
    Male,
    Female,
}

/// One applicant, as read and normalised from the registry, its texts borrowed from the
/// batch the host sent. Plugins never see names, NIKs or any other identity or personal
/// data: only what a ranking or a regional rule needs.
#[derive(Clone, Copy, Debug)]
pub struct Applicant<'a> {
    /// Identifies the applicant within this call; answer with the same id. It means nothing
    /// else: the same applicant may come with another id in another call.
    pub id: u32,
    pub birth_date: Date,
    pub sex: Sex,
    /// Occupation code from the catalog (`nelayan`).
    pub occupation: &'a str,
    /// Kemendagri code of the domicile, at any level (`64.09.01.2001`).
    pub domicile: &'a str,
    /// 1 (poorest) to 10, when the registry has it.
    pub poverty_decile: Option<u8>,
    pub decree_number: Option<&'a str>,
    pub proposer: Option<&'a str>,
    /// The registry columns asked for in [`RegionPlugin::ATTRIBUTES`], as this row has them.
    pub attributes: Attributes<'a>,
}

impl<'a> Applicant<'a> {
    /// Row `row` of `batch` (a column shorter than the batch, which the host never sends,
    /// reads as empty).
    fn of(batch: &'a Batch, row: usize) -> Applicant<'a> {
        let number = |column: &[u32]| column.get(row).copied().unwrap_or(0);
        let text = |column: &[u32]| text_of(batch, number(column));
        let date = number(&batch.birth_dates);
        Applicant {
            id: number(&batch.ids),
            birth_date: Date {
                year: u16::try_from(date / 10_000).unwrap_or(0),
                month: (date / 100 % 100) as u8,
                day: (date % 100) as u8,
            },
            sex: if batch.sexes.get(row) == Some(&1) { Sex::Female } else { Sex::Male },
            occupation: text(&batch.occupations).unwrap_or(""),
            domicile: text(&batch.domiciles).unwrap_or(""),
            poverty_decile: batch.poverty_deciles.get(row).copied().filter(|d| *d > 0),
            decree_number: text(&batch.decree_numbers),
            proposer: text(&batch.proposers),
            attributes: Attributes { source: Source::Batch(batch, row) },
        }
    }
}

/// Text number `k` of the batch; `None` for 0 (and for a number outside the batch, which the
/// host never sends).
fn text_of(batch: &Batch, k: u32) -> Option<&str> {
    let k = usize::try_from(k).ok().filter(|k| *k > 0)?;
    let start = *batch.text_ends.get(k - 1)? as usize;
    let end = *batch.text_ends.get(k)? as usize;
    batch.text.get(start..end)
}

/// An applicant's registry columns beyond those jaring reads itself: name and value.
#[derive(Clone, Copy)]
pub struct Attributes<'a> {
    source: Source<'a>,
}

#[derive(Clone, Copy)]
enum Source<'a> {
    Batch(&'a Batch, usize),
    Listed(&'a [(&'a str, &'a str)]),
}

impl<'a> Attributes<'a> {
    /// None at all.
    pub const NONE: Attributes<'static> = Attributes { source: Source::Listed(&[]) };

    /// The given (name, value) pairs: for tests.
    pub fn listed(pairs: &'a [(&'a str, &'a str)]) -> Attributes<'a> {
        Attributes { source: Source::Listed(pairs) }
    }

    /// Every (name, value) this applicant has, in the order the host sent the columns.
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        let (batch, row, listed) = match self.source {
            Source::Batch(batch, row) => (Some(batch), row, &[][..]),
            Source::Listed(pairs) => (None, 0, pairs),
        };
        let from_batch = batch.into_iter().flat_map(move |b| {
            b.attributes.iter().filter_map(move |column| {
                let value = text_of(b, *column.values.get(row)?)?;
                Some((column.name.as_str(), value))
            })
        });
        from_batch.chain(listed.iter().copied())
    }

    /// The value of column `name` (case-insensitive).
    pub fn get(&self, name: &str) -> Option<&'a str> {
        self.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v)
    }
}

impl std::fmt::Debug for Attributes<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Sends a panic's message to the host before the plugin traps, so the run's error says
/// what went wrong in the plugin's own words.
#[doc(hidden)]
pub fn report_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            bindings::jaring::plugin::host::log(LogLevel::Panic, &info.to_string());
        }))
    });
}

/// Lines for the run's log (bounded by the host).
pub mod log {
    use super::{LogLevel, bindings::jaring::plugin::host};

    pub fn info(message: &str) {
        host::log(LogLevel::Info, message);
    }

    pub fn warning(message: &str) {
        host::log(LogLevel::Warning, message);
    }
}

impl Assessment {
    /// Accepts the applicant with a priority (0 to [`MAX_PRIORITY`], higher first).
    pub fn accept(applicant: &Applicant, priority: i32) -> Assessment {
        Assessment { id: applicant.id, verdict: Verdict::Accept, priority, group: None, notes: Vec::new() }
    }

    /// Rejects the applicant: `reason` is a short kebab-case code, `message` plain words.
    pub fn reject(applicant: &Applicant, reason: &str, message: &str) -> Assessment {
        Assessment {
            id: applicant.id,
            verdict: Verdict::Reject(Rejection {
                reason: reason.to_owned(),
                message: message.to_owned(),
                citation: None,
            }),
            priority: 0,
            group: None,
            notes: Vec::new(),
        }
    }

    /// Names the regulation (declared in the program) behind a rejection.
    pub fn citing(mut self, regulation: &str, article: Option<&str>) -> Assessment {
        if let Verdict::Reject(r) = &mut self.verdict {
            r.citation =
                Some(Citation { regulation: regulation.to_owned(), article: article.map(str::to_owned) });
        }
        self
    }

    /// Puts the applicant in a group (a Kemendagri code inside the program's region, or an
    /// occupation code of the program).
    pub fn in_group(mut self, group: &str) -> Assessment {
        self.group = Some(group.to_owned());
        self
    }

    /// Adds a note for the decision log.
    pub fn note(mut self, note: impl Into<String>) -> Assessment {
        self.notes.push(note.into());
        self
    }
}

impl Program {
    /// A parameter given in the policy (`param <name> <value>`).
    pub fn param(&self, name: &str) -> Option<&ParamValue> {
        self.params.iter().find(|p| p.name == name).map(|p| &p.value)
    }

    /// A text or word parameter.
    pub fn param_text(&self, name: &str) -> Option<&str> {
        match self.param(name)? {
            ParamValue::Text(t) | ParamValue::Word(t) => Some(t),
            _ => None,
        }
    }

    /// A text parameter read as a comma-separated list: `"a, b"` → `["a", "b"]`.
    pub fn param_list(&self, name: &str) -> Option<Vec<&str>> {
        self.param_text(name).map(|t| t.split(',').map(str::trim).filter(|s| !s.is_empty()).collect())
    }

    /// A whole-number parameter.
    pub fn param_integer(&self, name: &str) -> Option<i64> {
        match self.param(name)? {
            ParamValue::Integer(n) => Some(*n),
            _ => None,
        }
    }

    /// A required text parameter, or an error naming it.
    pub fn require_text(&self, name: &str) -> Result<&str, String> {
        self.param_text(name).ok_or_else(|| format!("the policy must give `param {name} …` to this plugin"))
    }
}

impl<'a> Applicant<'a> {
    /// A registry column by name (case-insensitive).
    pub fn attribute(&self, name: &str) -> Option<&'a str> {
        self.attributes.get(name)
    }

    /// The regency/city of the domicile (`64.09`).
    pub fn regency(&self) -> Option<&'a str> {
        code_prefix(self.domicile, 2)
    }

    /// The district (kecamatan) of the domicile (`64.09.01`).
    pub fn district(&self) -> Option<&'a str> {
        code_prefix(self.domicile, 3)
    }
}

/// The first `parts` dot-separated parts of a region code, if it has that many.
fn code_prefix(code: &str, parts: usize) -> Option<&str> {
    let mut end = 0;
    for (i, part) in code.split('.').enumerate() {
        end += part.len() + usize::from(i > 0);
        if i + 1 == parts {
            return Some(&code[..end]);
        }
    }
    None
}

/// Values to test a plugin with, natively: `cargo test -p <plugin>` in `plugins/`.
///
/// ```
/// use jaring_plugin::{testing, Assessment, Applicant, Program, RegionPlugin};
///
/// struct Fishermen;
///
/// impl RegionPlugin for Fishermen {
///     const NAME: &'static str = "fishermen";
///     const VERSION: &'static str = "1.0.0";
///     fn assess(program: &Program, a: &Applicant) -> Result<Assessment, String> {
///         let first = program.require_text("priority-occupation")?;
///         Ok(Assessment::accept(a, if a.occupation == first { 2 } else { 1 }))
///     }
/// }
///
/// let mut program = testing::program("64.09");
/// program.params.push(testing::text_param("priority-occupation", "nelayan"));
/// let fisherman = testing::applicant(1, "64.09.01.2001", "nelayan");
/// assert_eq!(Fishermen::assess(&program, &fisherman).unwrap().priority, 2);
/// // without its parameter the plugin refuses, with a message
/// assert!(Fishermen::assess(&testing::program("64.09"), &fisherman).is_err());
/// ```
pub mod testing {
    use super::*;

    /// A program in `region` with no occupations, funding or parameters yet.
    pub fn program(region: &str) -> Program {
        Program {
            id: "test-program".to_owned(),
            title: "Test program".to_owned(),
            region: region.to_owned(),
            months: vec![Month { year: 2025, month: 1 }],
            premium_per_worker: 16_800,
            occupations: Vec::new(),
            regulations: Vec::new(),
            funding: Vec::new(),
            quota: None,
            sub_quotas: Vec::new(),
            params: Vec::new(),
        }
    }

    /// An applicant with the given id, domicile and occupation; everything else empty (set
    /// `attributes` with [`Attributes::listed`]).
    pub fn applicant<'a>(id: u32, domicile: &'a str, occupation: &'a str) -> Applicant<'a> {
        Applicant {
            id,
            birth_date: Date { year: 1980, month: 1, day: 1 },
            sex: Sex::Female,
            occupation,
            domicile,
            poverty_decile: None,
            decree_number: None,
            proposer: None,
            attributes: Attributes::NONE,
        }
    }

    /// `param <name> "<value>"`.
    pub fn text_param(name: &str, value: &str) -> Param {
        Param { name: name.to_owned(), value: ParamValue::Text(value.to_owned()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bindings::jaring::plugin::types::AttributeColumn;

    #[test]
    fn a_batch_reads_back_as_the_applicants_the_host_put_in() {
        // texts: 1 "nelayan", 2 "64.09.01.2001", 3 "800/1", 4 "é", 5 ""
        let text = "nelayan64.09.01.2001800/1é".to_owned();
        let batch = Batch {
            text_ends: vec![0, 7, 20, 25, 27, 27],
            text,
            ids: vec![4, 9],
            birth_dates: vec![19_800_229, 20_011_231],
            sexes: vec![1, 0],
            occupations: vec![1, 1],
            domiciles: vec![2, 2],
            poverty_deciles: vec![0, 10],
            decree_numbers: vec![3, 0],
            proposers: vec![0, 99],
            attributes: vec![AttributeColumn { name: "Catatan".to_owned(), values: vec![4, 5] }],
        };
        let people: Vec<Applicant> = applicants(&batch).collect();
        assert_eq!(people.len(), 2);
        let (a, b) = (&people[0], &people[1]);
        assert_eq!((a.id, a.birth_date, a.sex), (4, Date { year: 1980, month: 2, day: 29 }, Sex::Female));
        assert_eq!((b.id, b.birth_date, b.sex), (9, Date { year: 2001, month: 12, day: 31 }, Sex::Male));
        assert_eq!((a.occupation, a.domicile, a.district()), ("nelayan", "64.09.01.2001", Some("64.09.01")));
        assert_eq!((a.poverty_decile, b.poverty_decile), (None, Some(10)));
        assert_eq!((a.decree_number, b.decree_number), (Some("800/1"), None));
        // a text number outside the batch reads as none
        assert_eq!((a.proposer, b.proposer), (None, None));
        assert_eq!((a.attribute("catatan"), b.attribute("CATATAN")), (Some("é"), Some("")));
        assert_eq!(a.attribute("urutan"), None);
    }
}
