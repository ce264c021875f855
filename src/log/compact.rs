//! What a schema 5 record leaves to its header, and how it is put back.
//!
//! A record of schema 5 writes only what it does not share with the rest of the log:
//!
//! - `read` holds, by field name, only the values read that differ from the cell as written
//!   (`"read":{"birth_date":"1963-05-18","occupation":"pengemudi-ojek"}`); every other value
//!   is its cell of `input` (the field's column as `log::column_of` finds it, or nothing
//!   when there is none). Schema 1–4 records list all ten values in `read_fields` order.
//! - a rejection by the rules leaves out its `cite` when it is the citation the header gives
//!   the first rule it failed;
//! - a waiting place leaves out its `message` when it is the text the header's program gives
//!   its reason (`waiting_texts`: reasons whose words are the same for everyone waiting for
//!   them, such as a full quota).
//!
//! A record of schema 6 leaves out besides, in each program decision:
//!
//! - `program`, when the header has one program;
//! - `decision`, when it is the record's `outcome` (a single program's always is);
//! - `rules`, when every rule of the program passed (a `1` for each).
//!
//! Where a record's value differs from what the header would give, it is written out; an
//! empty `message` or `cite` says "none" where the header gives one. [`Shared::expand`]
//! puts back exactly the record the run decided, [`Shared::compact`] takes it out again:
//! every reader goes through [`Shared::parse`], so no reader sees a schema 5 record's gaps.

use std::collections::BTreeMap;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::view::Text;
use super::{Header, ProgramDecision, READ_AS, Record};
use crate::decision::Verdict;

/// The first schema whose records leave to their header what they share with it.
pub const FROM_SCHEMA: u32 = 5;
/// The first schema whose program decisions leave out their program, decision and rules
/// where the header and the outcome give them.
pub const LEAN_FROM: u32 = 6;

/// A valid row's values as read, in [`READ_AS`] order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadValues<'a> {
    /// All of them (schema 1–4, and every record once expanded).
    All(Vec<Text<'a>>),
    /// Only those that differ from their cell (schema 5 as written): (field, value).
    Changed(Vec<(u8, Text<'a>)>),
}

impl<'a> ReadValues<'a> {
    /// The values, when the record is expanded.
    pub fn all(&self) -> Option<&[Text<'a>]> {
        match self {
            ReadValues::All(v) => Some(v),
            ReadValues::Changed(_) => None,
        }
    }
}

impl Serialize for ReadValues<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ReadValues::All(values) => values.serialize(serializer),
            ReadValues::Changed(values) => {
                let mut map = serializer.serialize_map(Some(values.len()))?;
                for (field, value) in values {
                    map.serialize_entry(READ_AS[usize::from(*field)].name(), value)?;
                }
                map.end()
            }
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for ReadValues<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = ReadValues<'a>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of the values read, or an object of those that differ from the cells")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut values = Vec::with_capacity(READ_AS.len());
                while let Some(v) = seq.next_element::<Text<'a>>()? {
                    values.push(v);
                }
                Ok(ReadValues::All(values))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut values: Vec<(u8, Text<'a>)> = Vec::new();
                while let Some(key) = map.next_key::<Text<'de>>()? {
                    let Some(field) = READ_AS.iter().position(|f| f.name() == key.as_str()) else {
                        return Err(de::Error::custom(format!("`{key}` is not a field read")));
                    };
                    let field = field as u8;
                    if values.iter().any(|(f, _)| *f == field) {
                        return Err(de::Error::custom(format!("`{key}` is given twice")));
                    }
                    values.push((field, map.next_value()?));
                }
                values.sort_by_key(|(f, _)| *f);
                Ok(ReadValues::Changed(values))
            }
        }
        deserializer.deserialize_any(V(std::marker::PhantomData))
    }
}

/// What one program's records share with the header.
#[derive(Clone, Debug, Default)]
struct ProgramShare {
    id: String,
    /// The citation of each rule, in order.
    cites: Vec<Option<String>>,
    /// The text of each waiting reason whose words are the same for everyone.
    texts: BTreeMap<String, String>,
    /// Every rule passed: a `1` per rule.
    passed: String,
}

/// What the records of a log share with its header: built once per log.
#[derive(Clone, Debug, Default)]
pub struct Shared {
    schema: u32,
    /// The `input` column each value read comes from ([`READ_AS`] order).
    columns: [Option<usize>; READ_AS.len()],
    programs: Vec<ProgramShare>,
}

impl Shared {
    pub fn of(header: &Header) -> Shared {
        let columns = READ_AS.map(|field| super::column_of(header, field));
        let programs = header
            .programs
            .iter()
            .map(|p| ProgramShare {
                id: p.id.clone(),
                cites: p.rules.iter().map(|r| r.cite.clone()).collect(),
                texts: p.waiting_texts.clone(),
                passed: "1".repeat(p.rules.len()),
            })
            .collect();
        Shared { schema: header.schema, columns, programs }
    }

    /// Whether this log's records leave anything to the header.
    pub fn compacts(&self) -> bool {
        self.schema >= FROM_SCHEMA
    }

    /// Reads a record line and expands it.
    pub fn parse<'a>(&self, line: &'a str) -> serde_json::Result<Record<'a>> {
        let mut record = super::read_record(line)?;
        self.expand(&mut record);
        Ok(record)
    }

    /// What value `field` has when a record leaves it out: its cell.
    fn cell<'a>(&self, input: &[Text<'a>], field: usize) -> Text<'a> {
        self.columns[field].and_then(|c| input.get(c)).cloned().unwrap_or_default()
    }

    fn program(&self, id: &str) -> Option<&ProgramShare> {
        self.programs.iter().find(|p| p.id == id)
    }

    /// Whether this log's program decisions leave out what the header and outcome give.
    fn lean(&self) -> bool {
        self.schema >= LEAN_FROM
    }

    /// The one program of a log that has one.
    fn only(&self) -> Option<&ProgramShare> {
        match self.programs.as_slice() {
            [only] => Some(only),
            _ => None,
        }
    }

    /// Puts back what a schema 5 record left to its header (a record of an older schema
    /// is left as it is).
    pub fn expand(&self, record: &mut Record<'_>) {
        if let Some(ReadValues::Changed(changed)) = &record.read {
            let mut values: Vec<Text<'_>> = (0..READ_AS.len()).map(|k| self.cell(&record.input, k)).collect();
            for (field, value) in changed {
                if let Some(slot) = values.get_mut(usize::from(*field)) {
                    *slot = value.clone();
                }
            }
            record.read = Some(ReadValues::All(values));
        }
        if !self.compacts() {
            return;
        }
        let lean = self.lean();
        for d in &mut record.programs {
            if lean {
                if d.program.is_empty()
                    && let Some(only) = self.only()
                {
                    d.program = only.id.clone().into();
                }
                if d.decision.is_empty() {
                    d.decision = record.outcome.clone();
                }
            }
            let Some(share) = self.program(&d.program) else { continue };
            if lean && d.rules.is_empty() {
                d.rules = share.passed.clone().into();
            }
            let (text, cite) = (text_of(share, d), cite_of(share, d));
            expand_one(&mut d.message, text);
            expand_one(&mut d.cite, cite);
        }
    }

    /// Leaves out of a whole record what its header gives (schema 5 and later).
    pub fn compact(&self, record: &mut Record<'_>) {
        if !self.compacts() {
            return;
        }
        if let Some(ReadValues::All(values)) = &mut record.read {
            // (the values are moved, not copied: this is on every record's path)
            let input = &record.input;
            let changed = std::mem::take(values)
                .into_iter()
                .enumerate()
                .filter(|(k, v)| {
                    self.columns[*k].and_then(|c| input.get(c)).map_or("", Text::as_str) != v.as_str()
                })
                .map(|(k, v)| (k as u8, v))
                .collect();
            record.read = Some(ReadValues::Changed(changed));
        }
        let (lean, only) = (self.lean(), self.only().map(|p| p.id.as_str()));
        for d in &mut record.programs {
            let Some(share) = self.program(&d.program) else { continue };
            let (text, cite) = (text_of(share, d), cite_of(share, d));
            compact_one(&mut d.message, text);
            compact_one(&mut d.cite, cite);
            if lean {
                if d.rules.as_str() == share.passed {
                    d.rules = Text::default();
                }
                if d.decision == record.outcome {
                    d.decision = Text::default();
                }
                if only == Some(d.program.as_str()) {
                    d.program = Text::default();
                }
            }
        }
    }
}

/// The text the header gives a waiting place's reason.
fn text_of<'s>(share: &'s ProgramShare, d: &ProgramDecision<'_>) -> Option<&'s str> {
    if Verdict::parse(&d.decision) != Some(Verdict::Waiting) {
        return None;
    }
    share.texts.get(d.reason.as_deref()?).map(String::as_str)
}

/// The citation the header gives a rejection by the rules: its first failed rule's.
fn cite_of<'s>(share: &'s ProgramShare, d: &ProgramDecision<'_>) -> Option<&'s str> {
    if Verdict::parse(&d.decision) != Some(Verdict::Rejected) {
        return None;
    }
    let first_failed = d.rules.bytes().position(|b| b == b'0')?;
    share.cites.get(first_failed)?.as_deref()
}

fn expand_one(value: &mut Option<Text<'_>>, shared: Option<&str>) {
    let Some(shared) = shared else { return };
    match value {
        None => *value = Some(shared.to_owned().into()),
        Some(v) if v.is_empty() => *value = None,
        Some(_) => {}
    }
}

fn compact_one(value: &mut Option<Text<'_>>, shared: Option<&str>) {
    let Some(shared) = shared else { return };
    match value {
        Some(v) if v.as_str() == shared => *value = None,
        None => *value = Some(Text::default()),
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A header with one program of two cited rules and a shared waiting text; the registry's
    /// columns in an office's own order and spelling, one read field (`student`) absent.
    fn shared() -> Shared {
        let header = serde_json::json!({
            "kind": "header", "schema": 5, "jaring": "0", "wasmtime": "0", "contract": "", "tiebreak": "",
            "registry": {"name": "r.csv", "sha256": "", "rows": 1, "format": "csv (,)",
                "columns": ["Nama", "NIK", "Tgl Lahir", "JK", "Pekerjaan", "Kode Wilayah", "Desil",
                            "Sudah Terdaftar BPJS", "ASN", "Status NIK"]},
            "catalog": {"name": "", "sha256": "", "file": ""}, "rates": {"name": "", "sha256": "", "file": ""},
            "programs": [{"id": "p", "title": "", "region": "", "policy": {"name": "", "sha256": "", "file": ""},
                "first_month": "", "last_month": "", "months": 0, "premium_per_worker": 0, "quota": null,
                "funding": [], "plugin": null, "group_quotas": null,
                "rules": [{"rule": "a", "cite": "Perbup 1"}, {"rule": "b", "cite": "Perbup 2"}],
                "waiting_texts": {"quota-full": "kuota penuh"}}],
            "read_fields": []
        });
        Shared::of(&serde_json::from_value(header).expect("a header"))
    }

    const WHOLE: &str = r#"{"row":1,"outcome":"rejected","input":["Budi","6409031805633538","18/05/1963","L","nelayan","64.09.03.2003","3","tidak","tidak","aktif"],"read":["6409031805633538","1963-05-18","L","nelayan","64.09.03.2003","3","tidak","tidak","","aktif"],"programs":[{"program":"p","decision":"rejected","rules":"10","reason":"age-outside-window","message":"umur 61","cite":"Perbup 2"},{"program":"p","decision":"waiting","rules":"11","reason":"quota-full","message":"kuota penuh","rank":3},{"program":"p","decision":"rejected","rules":"01","reason":"x","message":"m"},{"program":"p","decision":"waiting","rules":"11","reason":"quota-full","message":"lain","rank":4}]}"#;

    #[test]
    fn a_record_left_short_is_put_back_exactly() {
        let shared = shared();
        let whole: Record<'_> = serde_json::from_str(WHOLE).expect("a record");
        let mut short = whole.clone();
        shared.compact(&mut short);
        let line = serde_json::to_string(&short).expect("json");
        // only the birth date differs from its cell; `student` has no column and is empty
        assert!(line.contains(r#""read":{"birth_date":"1963-05-18"}"#), "{line}");
        // the first rejection's citation and the shared waiting text are left to the header;
        // the rejection whose rule has a citation but gives none says so with ""
        assert!(!line.contains("Perbup") && !line.contains("kuota penuh"), "{line}");
        assert!(
            line.contains(r#""message":"m","cite":"""#) && line.contains(r#""message":"lain""#),
            "{line}"
        );
        assert_eq!(shared.parse(&line).expect("parses"), whole);
    }

    #[test]
    fn a_schema_6_record_leaves_out_what_its_header_and_outcome_give() {
        let mut shared = shared();
        shared.schema = 6;
        let whole: Record<'_> = serde_json::from_str(WHOLE).expect("a record");
        let mut short = whole.clone();
        shared.compact(&mut short);
        let line = serde_json::to_string(&short).expect("json");
        // one program: never named; the decisions that are the outcome (`rejected`) and the
        // rules that all passed (`11`) are left out, the others kept
        assert!(!line.contains("\"program\"") && !line.contains("\"rejected\"},"), "{line}");
        assert!(!line.contains("\"rules\":\"11\""), "{line}");
        assert!(line.contains(r#"{"rules":"10","reason":"age-outside-window""#), "{line}");
        assert!(line.contains(r#"{"decision":"waiting","reason":"quota-full","rank":3}"#), "{line}");
        assert_eq!(shared.parse(&line).expect("parses"), whole);
        // with two programs, each decision names its program
        shared.programs.push(ProgramShare { id: "q".into(), ..shared.programs[0].clone() });
        let mut short = whole.clone();
        shared.compact(&mut short);
        let line = serde_json::to_string(&short).expect("json");
        assert_eq!(line.matches("\"program\":\"p\"").count(), 4, "{line}");
        assert_eq!(shared.parse(&line).expect("parses"), whole);
    }

    #[test]
    fn an_older_log_keeps_its_records_as_written() {
        let mut shared = shared();
        shared.schema = 4;
        let mut record: Record<'_> = serde_json::from_str(WHOLE).expect("a record");
        record.programs[2].cite = None;
        let before = record.clone();
        shared.compact(&mut record);
        assert_eq!(record, before);
        let line = serde_json::to_string(&record).expect("json");
        assert_eq!(shared.parse(&line).expect("parses"), before);
    }

    #[test]
    fn a_forged_read_object_is_refused() {
        let shared = shared();
        for read in [r#"{"income":"1"}"#, r#"{"sex":"L","sex":"P"}"#, r#"{"sex":1}"#, "7"] {
            let line = format!(r#"{{"row":1,"outcome":"waiting","input":[],"read":{read}}}"#);
            assert!(shared.parse(&line).is_err(), "{read} was accepted");
        }
    }
}
