//! The readable report.

use std::path::Path;

use super::source::{Folder, OfficeError};
use crate::i18n::Lang;

pub fn write(folder: &Folder, out: &Path, force: bool, lang: Lang) -> Result<(), OfficeError> {
    let _ = (folder, out, force, lang);
    Err(OfficeError::Other(crate::msg!("office-not-a-run", folder = "todo")))
}
