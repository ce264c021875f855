//! `yields-to`: which programs go first for the same people.

use super::Checker;
use crate::msg;
use crate::policy::ast::{self, Body};
use crate::policy::program::{Citation, YieldsTo};
use crate::region::{self, Level};

impl Checker<'_> {
    pub(super) fn yields_to(
        &mut self,
        id: Option<&str>,
        program_region: Option<&str>,
    ) -> Option<(YieldsTo, Option<Citation>)> {
        let found = self.statements(|b| match b {
            Body::YieldsTo(y) => Some(y),
            _ => None,
        });
        let (s, target) = self.single("yields-to", found)?;
        let cite = self.cite(s.cite.as_ref());
        match target {
            ast::YieldsTo::Regencies => {
                if let Some(r) = program_region
                    && region::level(r) != Some(Level::Province)
                {
                    self.error("yields-to-regencies", s.span, msg!("yields-to-regencies"))
                        .help(msg!("yields-to-regencies.help"));
                    return None;
                }
                Some((YieldsTo::Regencies, cite))
            }
            ast::YieldsTo::Programs(names) => {
                let mut out: Vec<String> = Vec::new();
                for n in names {
                    if Some(n.value.as_str()) == id {
                        self.error("yields-to-self", n.span, msg!("yields-to-self"))
                            .help(msg!("yields-to-self.help"));
                    } else if out.contains(&n.value) {
                        self.error("duplicate-name", n.span, msg!("listed-twice", name = &n.value));
                    } else {
                        out.push(n.value.clone());
                    }
                }
                Some((YieldsTo::Programs(out), cite))
            }
        }
    }
}
