//! A plugin's `info()` answer, checked before anything uses it: a short printable name and
//! version, a few short, distinct column names — none of them a column jaring reads itself
//! or one holding identity or personal data.

use super::PluginError;
use super::contract::PluginInfo;
use crate::i18n::Msg;
use crate::msg;
use crate::registry::personal::{self, Withheld};
use crate::text;

/// Bytes of the plugin's name.
pub const MAX_NAME: usize = 64;
/// Bytes of its version.
pub const MAX_VERSION: usize = 32;
/// Registry columns a plugin may ask for.
pub const MAX_ATTRIBUTES: usize = 32;
/// Bytes of one column name.
pub const MAX_ATTRIBUTE: usize = 64;

/// Checks `info`; `extra_personal` are the catalog's own personal-data columns.
pub fn check(label: &str, info: &PluginInfo, extra_personal: &[String]) -> Result<(), PluginError> {
    let bad = |problem: Msg| PluginError::BadInfo { plugin: label.to_owned(), problem };
    printable(msg!("info-name"), &info.name, MAX_NAME).map_err(bad)?;
    printable(msg!("info-version"), &info.version, MAX_VERSION).map_err(bad)?;
    if info.attributes.len() > MAX_ATTRIBUTES {
        return Err(bad(msg!("info-too-many-columns", count = info.attributes.len(), max = MAX_ATTRIBUTES)));
    }
    let mut seen: Vec<String> = Vec::with_capacity(info.attributes.len());
    for column in &info.attributes {
        let valid = !column.trim().is_empty()
            && column.len() <= MAX_ATTRIBUTE
            && column.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.'));
        if !valid {
            return Err(bad(msg!(
                "info-bad-column",
                column = text::shown(column, MAX_ATTRIBUTE),
                max = MAX_ATTRIBUTE
            )));
        }
        let key = personal::compact(column);
        if seen.contains(&key) {
            return Err(bad(msg!("info-column-twice", column = column)));
        }
        seen.push(key);
        if let Some(why) = personal::withheld(column, extra_personal) {
            return Err(PluginError::IdentityColumn {
                plugin: label.to_owned(),
                column: column.clone(),
                why,
            });
        }
    }
    Ok(())
}

fn printable(what: Msg, value: &str, max: usize) -> Result<(), Msg> {
    if value.trim().is_empty() || value.len() > max || value.chars().any(text::is_control) {
        return Err(msg!("info-not-printable", what => what, value = text::shown(value, max), max = max));
    }
    Ok(())
}

/// What a withheld column is, in words, for the refusal.
pub fn withheld_msg(why: Withheld) -> crate::i18n::Msg {
    use crate::msg;
    match why {
        Withheld::Interpreted(field) => {
            let hint = match field.plugin_attribute() {
                Some(attribute) => msg!("plugin-withheld-hint", attribute = attribute).into(),
                None => crate::i18n::Arg::Text(String::new()),
            };
            msg!("plugin-withheld-read", field => field.words(), hint => hint)
        }
        Withheld::Personal => msg!("plugin-withheld-personal"),
    }
}
