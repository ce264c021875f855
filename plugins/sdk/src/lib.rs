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
        path: "../wit",
        world: "region-plugin",
        pub_export_macro: true,
        export_macro_name: "export_region_plugin",
        default_bindings_module: "jaring_plugin::bindings",
        runtime_path: "jaring_plugin::__wit_bindgen::rt",
    });
}

pub use bindings::jaring::plugin::host::LogLevel;
pub use bindings::jaring::plugin::types::{
    Allotment, Applicant, Assessment, Attribute, Citation, Date, FundingSource, GroupCount, Month, Param,
    ParamValue, PluginInfo, Program, Regulation, Rejection, Sex, SubQuota, Verdict,
};

/// The version of the contract this SDK speaks (`jaring:plugin@…`).
pub const CONTRACT: &str = "jaring:plugin@0.1.0";

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
                applicants: ::std::vec::Vec<$crate::Applicant>,
            ) -> ::std::result::Result<::std::vec::Vec<$crate::Assessment>, ::std::string::String> {
                $crate::assess_all::<$plugin>(&program, &applicants)
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
pub fn assess_all<P: RegionPlugin>(
    program: &Program,
    applicants: &[Applicant],
) -> Result<Vec<Assessment>, String> {
    report_panics();
    applicants.iter().map(|a| P::assess(program, a)).collect()
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

impl Applicant {
    /// A registry column by name (case-insensitive).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|a| a.name.eq_ignore_ascii_case(name)).map(|a| a.value.as_str())
    }

    /// The regency/city of the domicile (`64.09`).
    pub fn regency(&self) -> Option<&str> {
        code_prefix(&self.domicile, 2)
    }

    /// The district (kecamatan) of the domicile (`64.09.01`).
    pub fn district(&self) -> Option<&str> {
        code_prefix(&self.domicile, 3)
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

    /// An applicant with the given id, domicile and occupation; everything else empty.
    pub fn applicant(id: u32, domicile: &str, occupation: &str) -> Applicant {
        Applicant {
            id,
            birth_date: Date { year: 1980, month: 1, day: 1 },
            sex: Sex::Female,
            occupation: occupation.to_owned(),
            domicile: domicile.to_owned(),
            poverty_decile: None,
            decree_number: None,
            proposer: None,
            attributes: Vec::new(),
        }
    }

    /// `param <name> "<value>"`.
    pub fn text_param(name: &str, value: &str) -> Param {
        Param { name: name.to_owned(), value: ParamValue::Text(value.to_owned()) }
    }
}
