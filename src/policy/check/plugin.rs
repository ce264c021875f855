//! The plugin block: the file (found from the policy's folder upwards), its pin, parameters
//! and limits.

use super::{Checker, code_list, find_upward};
use crate::diag::closest;
use crate::money::grouped;
use crate::msg;
use crate::policy::ast::Body;
use crate::policy::program::{ParamValue, PluginLimit, PluginSpec};

impl Checker<'_> {
    /// `Some(None)`: no plugin; `None`: the plugin line has errors.
    pub(super) fn plugin(&mut self) -> Option<Option<PluginSpec>> {
        let found = self.statements(|b| match b {
            Body::Plugin(p) => Some(p),
            _ => None,
        });
        let Some((s, decl)) = self.single("plugin", found) else {
            return if self.written("plugin") { None } else { Some(None) };
        };
        let mut ok = true;
        let found = self.ws.overrides.plugin.clone().or_else(|| find_upward(self.dir, &decl.path.value));
        let path = match found {
            Some(p) => Some(p),
            None => {
                ok = false;
                self.error(
                    "plugin-not-found",
                    decl.path.span,
                    msg!("plugin-not-found", path = &decl.path.value),
                )
                .label(msg!("file-not-found.label"))
                .help(msg!("plugin-not-found.help"));
                None
            }
        };
        let pin = match decl.sha256.as_slice() {
            [] => {
                self.warning("plugin-not-pinned", s.keyword, msg!("plugin-not-pinned"))
                    .help(msg!("plugin-not-pinned.help"));
                None
            }
            [pin, rest @ ..] => {
                for extra in rest {
                    ok = false;
                    self.error("duplicate-statement", extra.span, msg!("sha256-twice"))
                        .help(msg!("sha256-twice.help"));
                }
                let value = pin.value.to_ascii_lowercase();
                if value.len() != 64 || !value.bytes().all(|b| b.is_ascii_hexdigit()) {
                    ok = false;
                    self.error("malformed-sha256", pin.span, msg!("malformed-sha256"))
                        .label(msg!("malformed-sha256.label", count = pin.value.chars().count()))
                        .help(msg!("malformed-sha256.help"));
                    None
                } else {
                    let mut value = value;
                    if let Some(path) = &path {
                        let ignore_pin = self.ws.overrides.ignore_pin;
                        match self.ws.file_sha256(path) {
                            Some(actual) if actual == value => {}
                            Some(actual) if ignore_pin => value = actual,
                            Some(actual) => {
                                ok = false;
                                self.error(
                                    "plugin-sha256-mismatch",
                                    pin.span,
                                    msg!("plugin-sha256-mismatch", path = &decl.path.value),
                                )
                                .label(msg!("plugin-sha256-mismatch.label"))
                                .help(msg!("plugin-sha256-mismatch.help", actual = actual));
                            }
                            None => {
                                ok = false;
                                self.error(
                                    "plugin-not-found",
                                    decl.path.span,
                                    msg!("plugin-unreadable", path = path.display()),
                                );
                            }
                        }
                    }
                    Some(value)
                }
            }
        };
        let mut params: Vec<(String, ParamValue)> = Vec::new();
        for p in &decl.params {
            if params.iter().any(|(n, _)| *n == p.name.value) {
                ok = false;
                self.error("duplicate-name", p.name.span, msg!("param-twice", name = &p.name.value))
                    .help(msg!("param-twice.help"));
                continue;
            }
            params.push((p.name.value.clone(), p.value.value.clone()));
        }
        let mut limits: Vec<(PluginLimit, u64)> = Vec::new();
        for l in &decl.limits {
            let Some(limit) = PluginLimit::from_name(&l.name.value) else {
                ok = false;
                let help = match closest(&l.name.value, PluginLimit::ALL.iter().map(|k| k.name())) {
                    Some(c) => msg!("did-you-mean", word = c),
                    None => {
                        msg!("unknown-limit.help", limits => code_list(PluginLimit::ALL.iter().map(|k| k.name())))
                    }
                };
                self.error("unknown-limit", l.name.span, msg!("unknown-limit", name = &l.name.value))
                    .help(help);
                continue;
            };
            let max = limit.max();
            match u64::try_from(l.value.value) {
                Ok(v) if v > max => {
                    ok = false;
                    self.error(
                        "limit-too-large",
                        l.value.span,
                        msg!("limit-too-large", max = grouped(max), unit => limit.unit()),
                    )
                    .help(msg!(
                        "limit-too-large.help",
                        name = limit.name(),
                        max = grouped(max)
                    ));
                }
                Ok(_) if limits.iter().any(|(k, _)| *k == limit) => {
                    ok = false;
                    self.error("duplicate-statement", l.name.span, msg!("limit-twice", name = limit.name()))
                        .help(msg!("limit-twice.help"));
                }
                Ok(v) if v > 0 => limits.push((limit, v)),
                _ => {
                    ok = false;
                    self.error("non-positive-limit", l.value.span, msg!("non-positive-limit"));
                }
            }
        }
        if !ok {
            return None;
        }
        Some(Some(PluginSpec { written: decl.path.value.clone(), path: path?, sha256: pin, params, limits }))
    }
}
