//! Checking a plugin's answers against the contract before anything uses them.
//!
//! A plugin proposes; these checks make sure the proposal is well-formed: one assessment per
//! applicant asked about (no forged, missing or repeated ids), priorities in range, groups
//! that exist, citations of declared regulations, bounded notes, and apportionments that add
//! up. The first problem is returned in words that name the offending item.

use std::collections::{HashMap, HashSet};

use super::contract::{Allotment, Applicant, Assessment, GroupCount, Program, Verdict};
use crate::i18n::Msg;
use crate::money::grouped;
use crate::msg;
use crate::region::regions;
use crate::text::{escape, is_control};

/// The highest priority an assessment may carry.
pub const MAX_PRIORITY: i32 = 1_000_000;
/// Notes per assessment.
pub const MAX_NOTES: usize = 8;
/// Bytes per note, rejection message or reason.
pub const MAX_TEXT: usize = 500;

/// What the answers of one program's plugin may refer to.
pub struct Rules {
    region: String,
    /// Every valid group: the program's occupations and the region codes inside its region.
    groups: HashSet<String>,
    regulations: HashSet<String>,
}

impl Rules {
    pub fn new(program: &Program) -> Rules {
        let regions_inside = regions().descendants(&program.region).map(|(code, _)| code.to_owned());
        Rules {
            region: program.region.clone(),
            groups: program.occupations.iter().cloned().chain(regions_inside).collect(),
            regulations: program.regulations.iter().map(|r| r.id.clone()).collect(),
        }
    }

    /// Validates the answer for `batch` and returns it in the batch's order.
    pub fn assessments(&self, batch: &[Applicant], answer: Vec<Assessment>) -> Result<Vec<Assessment>, Msg> {
        // the usual case: one answer per applicant, in the order asked
        if answer.len() == batch.len() && answer.iter().zip(batch).all(|(a, b)| a.id == b.id) {
            for a in &answer {
                self.assessment(a)?;
            }
            return Ok(answer);
        }
        let position: HashMap<u32, usize> = batch.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
        let mut slots: Vec<Option<Assessment>> = (0..batch.len()).map(|_| None).collect();
        let answered = answer.len();
        for a in answer {
            let Some(&i) = position.get(&a.id) else {
                return Err(msg!("contract-unknown-id", id = a.id, asked = batch.len(), answered = answered));
            };
            self.assessment(&a)?;
            if slots[i].is_some() {
                return Err(msg!("contract-twice", id = a.id));
            }
            slots[i] = Some(a);
        }
        let missing: Vec<u32> =
            batch.iter().zip(&slots).filter(|(_, s)| s.is_none()).map(|(a, _)| a.id).collect();
        if let Some(first) = missing.first() {
            return Err(msg!(
                "contract-missing",
                id = first,
                others => if missing.len() > 1 {
                    msg!("contract-others", count = missing.len() - 1).into()
                } else {
                    crate::i18n::Arg::Text(String::new())
                },
                asked = batch.len(),
                answered = answered
            ));
        }
        Ok(slots.into_iter().flatten().collect())
    }

    fn assessment(&self, a: &Assessment) -> Result<(), Msg> {
        let id = a.id;
        if !(0..=MAX_PRIORITY).contains(&a.priority) {
            return Err(msg!(
                "contract-priority",
                priority = a.priority,
                id = id,
                max = grouped(MAX_PRIORITY.unsigned_abs().into())
            ));
        }
        if let Some(group) = &a.group
            && !self.known_group(group)
        {
            return Err(msg!("contract-group", group = short(group), id = id, region = &self.region));
        }
        if a.notes.len() > MAX_NOTES {
            return Err(msg!("contract-notes", count = a.notes.len(), id = id, max = MAX_NOTES));
        }
        if let Some(n) = a.notes.iter().find(|n| n.len() > MAX_TEXT) {
            return Err(msg!("contract-note-long", bytes = n.len(), id = id, max = MAX_TEXT));
        }
        if let Some(n) = a.notes.iter().find(|n| n.chars().any(is_control)) {
            return Err(control(msg!("contract-what-note"), id, n));
        }
        if let Verdict::Reject(r) = &a.verdict {
            let valid_reason = !r.reason.is_empty()
                && r.reason.len() <= 64
                && r.reason.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !valid_reason {
                return Err(msg!("contract-reason-code", code = short(&r.reason), id = id));
            }
            if r.message.len() > MAX_TEXT || r.message.trim().is_empty() {
                return Err(msg!("contract-reason-message", id = id, max = MAX_TEXT));
            }
            if r.message.chars().any(is_control) {
                return Err(control(msg!("contract-what-message"), id, &r.message));
            }
            if let Some(article) = r.citation.as_ref().and_then(|c| c.article.as_ref()) {
                if article.len() > MAX_TEXT {
                    return Err(msg!(
                        "contract-article-long",
                        id = id,
                        bytes = article.len(),
                        max = MAX_TEXT
                    ));
                }
                if article.chars().any(is_control) {
                    return Err(control(msg!("contract-what-article"), id, article));
                }
            }
            if let Some(c) = &r.citation
                && !self.regulations.contains(&c.regulation)
            {
                return Err(msg!("contract-regulation", id = id, regulation = short(&c.regulation)));
            }
        }
        Ok(())
    }

    fn known_group(&self, group: &str) -> bool {
        self.groups.contains(group)
    }
}

/// Validates an apportionment and returns it in the order of `groups`.
pub fn allotments(total: u32, groups: &[GroupCount], answer: Vec<Allotment>) -> Result<Vec<Allotment>, Msg> {
    let position: HashMap<&str, usize> =
        groups.iter().enumerate().map(|(i, g)| (g.group.as_str(), i)).collect();
    let mut slots: Vec<Option<Allotment>> = (0..groups.len()).map(|_| None).collect();
    for a in answer {
        let Some(&i) = position.get(a.group.as_str()) else {
            return Err(msg!("contract-quota-unknown-group", group = short(&a.group)));
        };
        if slots[i].is_some() {
            return Err(msg!("contract-quota-twice", group = short(&a.group)));
        }
        if a.quota > groups[i].eligible {
            return Err(msg!(
                "contract-quota-too-large",
                group = short(&a.group),
                quota = a.quota,
                eligible = groups[i].eligible
            ));
        }
        slots[i] = Some(a);
    }
    if let Some(i) = slots.iter().position(Option::is_none) {
        return Err(msg!("contract-quota-missing", group = short(&groups[i].group)));
    }
    let sum: u64 = slots.iter().flatten().map(|a| u64::from(a.quota)).sum();
    if sum != u64::from(total) {
        return Err(msg!("contract-quota-sum", sum = grouped(sum), total = grouped(total.into())));
    }
    Ok(slots.into_iter().flatten().collect())
}

/// At most 60 characters of untrusted text, escaped, for messages.
fn short(text: &str) -> String {
    let cut: String = text.chars().take(60).collect();
    let cut = escape(&cut).into_owned();
    if cut.len() < text.len() { format!("{cut}…") } else { cut }
}

/// Text a reader would see (a message, a note, an article) must not steer the terminal or
/// document it is shown in.
fn control(what: Msg, id: u32, text: &str) -> Msg {
    msg!("contract-control", what => what, id = id, text = short(text))
}
