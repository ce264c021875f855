//! Contract 0.2.0 (`plugins/wit/v0.2/plugin.wit`): the same calls as 0.1.0, but a batch of
//! applicants arrives with every text it holds in one string, so that lowering a batch into
//! the plugin costs a few copies rather than several allocations inside the plugin for every
//! applicant.
//!
//! The host keeps speaking 0.1.0's types everywhere else (validation, the independence
//! check, the decision log): this module turns them into 0.2.0's on the way in and back on
//! the way out, field by field.

use super::contract as v1;

/// The Rust side of `plugins/wit/v0.2/plugin.wit`.
pub mod contract {
    wasmtime::component::bindgen!({
        path: "plugins/wit/v0.2",
        world: "region-plugin",
        additional_derives: [PartialEq, Eq],
    });
    pub use jaring::plugin::types::*;
}

use contract as v2;

/// The batch 0.2.0 plugins are handed for these applicants: a column per field, every text
/// appended to one string, the attribute columns in the order their names first appear.
/// `None` if the texts do not fit in 4 GiB (no plugin memory could take them anyway).
pub(super) fn batch(applicants: &[v1::Applicant]) -> Option<v2::Batch> {
    let n = applicants.len();
    // one pass to size the buffers exactly (growing them would copy the texts again) and
    // to collect the attribute names
    let mut names: Vec<&str> = Vec::new();
    let (mut bytes, mut count) = (0usize, 0usize);
    for a in applicants {
        let optional = [a.decree_number.as_deref(), a.proposer.as_deref()];
        bytes +=
            a.occupation.len() + a.domicile.len() + optional.iter().flatten().map(|t| t.len()).sum::<usize>();
        count += 2 + optional.iter().flatten().count() + a.attributes.len();
        for (k, attribute) in a.attributes.iter().enumerate() {
            bytes += attribute.value.len();
            if names.get(k) != Some(&attribute.name.as_str()) && !names.contains(&attribute.name.as_str()) {
                names.push(&attribute.name);
            }
        }
    }
    let mut texts = Texts { text: String::with_capacity(bytes), ends: Vec::with_capacity(count + 1) };
    texts.ends.push(0);
    let mut columns: Vec<Vec<u32>> = names.iter().map(|_| Vec::with_capacity(n)).collect();
    let mut batch = v2::Batch {
        text: String::new(),
        text_ends: Vec::new(),
        ids: Vec::with_capacity(n),
        birth_dates: Vec::with_capacity(n),
        sexes: Vec::with_capacity(n),
        occupations: Vec::with_capacity(n),
        domiciles: Vec::with_capacity(n),
        poverty_deciles: Vec::with_capacity(n),
        decree_numbers: Vec::with_capacity(n),
        proposers: Vec::with_capacity(n),
        attributes: Vec::new(),
    };
    for a in applicants {
        for (k, (name, column)) in names.iter().zip(&mut columns).enumerate() {
            // the host sends every applicant's attributes in the same order: look there first
            let value = match a.attributes.get(k) {
                Some(x) if x.name == *name => Some(x),
                _ => a.attributes.iter().find(|x| x.name == *name),
            };
            column.push(texts.put(value.map(|v| v.value.as_str()))?);
        }
        let d = &a.birth_date;
        batch.ids.push(a.id);
        batch.birth_dates.push(u32::from(d.year) * 10_000 + u32::from(d.month) * 100 + u32::from(d.day));
        batch.sexes.push(match a.sex {
            v1::Sex::Male => 0,
            v1::Sex::Female => 1,
        });
        batch.occupations.push(texts.put(Some(&a.occupation))?);
        batch.domiciles.push(texts.put(Some(&a.domicile))?);
        batch.poverty_deciles.push(a.poverty_decile.unwrap_or(0));
        batch.decree_numbers.push(texts.put(a.decree_number.as_deref())?);
        batch.proposers.push(texts.put(a.proposer.as_deref())?);
    }
    batch.attributes = names
        .iter()
        .zip(columns)
        .map(|(name, values)| v2::AttributeColumn { name: (*name).to_owned(), values })
        .collect();
    batch.text = texts.text;
    batch.text_ends = texts.ends;
    Some(batch)
}

/// A batch's texts as they are numbered: text `k` ends at `ends[k]`.
struct Texts {
    text: String,
    ends: Vec<u32>,
}

impl Texts {
    /// Appends a text; its number (0 for none).
    fn put(&mut self, s: Option<&str>) -> Option<u32> {
        let Some(s) = s else { return Some(0) };
        self.text.push_str(s);
        self.ends.push(u32::try_from(self.text.len()).ok()?);
        u32::try_from(self.ends.len() - 1).ok()
    }
}

pub(super) fn program(p: &v1::Program) -> v2::Program {
    v2::Program {
        id: p.id.clone(),
        title: p.title.clone(),
        region: p.region.clone(),
        months: p.months.iter().map(|m| v2::Month { year: m.year, month: m.month }).collect(),
        premium_per_worker: p.premium_per_worker,
        occupations: p.occupations.clone(),
        regulations: p
            .regulations
            .iter()
            .map(|r| v2::Regulation { id: r.id.clone(), title: r.title.clone() })
            .collect(),
        funding: p
            .funding
            .iter()
            .map(|f| v2::FundingSource {
                id: f.id.clone(),
                kind: f.kind.clone(),
                budget: f.budget,
                quota: f.quota,
            })
            .collect(),
        quota: p.quota,
        sub_quotas: p
            .sub_quotas
            .iter()
            .map(|s| v2::SubQuota {
                count: s.count,
                occupations: s.occupations.clone(),
                regions: s.regions.clone(),
            })
            .collect(),
        params: p
            .params
            .iter()
            .map(|param| v2::Param {
                name: param.name.clone(),
                value: match &param.value {
                    v1::ParamValue::Text(t) => v2::ParamValue::Text(t.clone()),
                    v1::ParamValue::Integer(n) => v2::ParamValue::Integer(*n),
                    v1::ParamValue::Money(m) => v2::ParamValue::Money(*m),
                    v1::ParamValue::Word(w) => v2::ParamValue::Word(w.clone()),
                },
            })
            .collect(),
    }
}

pub(super) fn assessment(a: v2::Assessment) -> v1::Assessment {
    v1::Assessment {
        id: a.id,
        verdict: match a.verdict {
            v2::Verdict::Accept => v1::Verdict::Accept,
            v2::Verdict::Reject(r) => v1::Verdict::Reject(v1::Rejection {
                reason: r.reason,
                message: r.message,
                citation: r.citation.map(|c| v1::Citation { regulation: c.regulation, article: c.article }),
            }),
        },
        priority: a.priority,
        group: a.group,
        notes: a.notes,
    }
}

pub(super) fn info(i: v2::PluginInfo) -> v1::PluginInfo {
    v1::PluginInfo { name: i.name, version: i.version, apportions: i.apportions, attributes: i.attributes }
}

pub(super) fn group_counts(groups: &[v1::GroupCount]) -> Vec<v2::GroupCount> {
    groups.iter().map(|g| v2::GroupCount { group: g.group.clone(), eligible: g.eligible }).collect()
}

pub(super) fn allotment(a: v2::Allotment) -> v1::Allotment {
    v1::Allotment { group: a.group, quota: a.quota }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applicant(id: u32, occupation: &str, attributes: &[(&str, &str)]) -> v1::Applicant {
        v1::Applicant {
            id,
            birth_date: v1::Date { year: 1980, month: 2, day: 29 },
            sex: v1::Sex::Female,
            occupation: occupation.to_owned(),
            domicile: "64.09.01.2001".to_owned(),
            poverty_decile: Some(3),
            decree_number: id.is_multiple_of(2).then(|| "800/1/2025".to_owned()),
            proposer: None,
            attributes: attributes
                .iter()
                .map(|(n, v)| v1::Attribute { name: (*n).to_owned(), value: (*v).to_owned() })
                .collect(),
        }
    }

    #[test]
    fn a_batch_holds_every_text_where_its_number_says() {
        let people = [
            applicant(1, "nelayan", &[("urutan", "7")]),
            applicant(2, "petani", &[("catatan", "é ✓"), ("urutan", "")]),
            applicant(3, "imam", &[]),
        ];
        let batch = batch(&people).expect("fits");
        let text = |k: u32| -> Option<&str> {
            let k = k as usize;
            (k > 0).then(|| &batch.text[batch.text_ends[k - 1] as usize..batch.text_ends[k] as usize])
        };
        assert_eq!(batch.text_ends[0], 0);
        let occupations: Vec<Option<&str>> = batch.occupations.iter().map(|k| text(*k)).collect();
        assert_eq!(occupations, [Some("nelayan"), Some("petani"), Some("imam")]);
        assert!(batch.domiciles.iter().all(|k| text(*k) == Some("64.09.01.2001")));
        let decrees: Vec<Option<&str>> = batch.decree_numbers.iter().map(|k| text(*k)).collect();
        assert_eq!(decrees, [None, Some("800/1/2025"), None]);
        let names: Vec<&str> = batch.attributes.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["urutan", "catatan"]);
        let column =
            |c: usize| -> Vec<Option<&str>> { batch.attributes[c].values.iter().map(|k| text(*k)).collect() };
        assert_eq!(column(0), [Some("7"), Some(""), None]);
        assert_eq!(column(1), [None, Some("é ✓"), None]);
        assert_eq!(batch.ids, [1, 2, 3]);
        assert_eq!(batch.birth_dates, [19_800_229; 3]);
        assert_eq!(
            (batch.sexes.as_slice(), batch.poverty_deciles.as_slice()),
            (&[1, 1, 1][..], &[3, 3, 3][..])
        );
        assert!(batch.proposers.iter().all(|k| *k == 0));
    }
}
