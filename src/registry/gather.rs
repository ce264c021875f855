//! A registry gathered a window of rows at a time — from a CSV file read in windows, or from
//! a decision log's records read in blocks: each window's rows are read and checked as it
//! comes, and of its text either every field is held or only the columns a decision reads
//! (the rest is read again from where it came when the outputs are written or compared).

use super::{Cells, Columns, Keep, Piece, Registry, RegistryError, Rows, kept};
use crate::catalog::Catalog;

/// A registry being gathered.
pub struct Gather<'a> {
    header: Vec<String>,
    columns: Columns,
    catalog: &'a Catalog,
    places: Option<crate::region::places::Places>,
    rows: Rows,
    /// Every field of the rows, when no columns are named to keep.
    held: Vec<Piece>,
    keeper: Option<kept::Keeper>,
}

/// What was gathered: the rows, and their text (all of it, or the kept columns).
pub struct Gathered {
    pub header: Vec<String>,
    pub columns: Columns,
    pub rows: Rows,
    pub repeated: super::Repeated,
    pub cells: Cells,
}

impl<'a> Gather<'a> {
    /// Rows under `header` (`label` names the source in an error), read with `catalog` and
    /// domiciles written by name found `within` the programs' regions; with `keep`, only the
    /// columns it names are held of each window once its rows are read, and the rows go to
    /// its spill file.
    pub fn new(
        label: &str,
        header: Vec<String>,
        catalog: &'a Catalog,
        within: &[String],
        keep: Option<Keep<'_>>,
    ) -> Result<Gather<'a>, RegistryError> {
        let columns = super::map_columns(label, &header)?;
        let places = super::places_for(&columns, within);
        let spill = keep.and_then(|k| k.spill);
        let cannot = |error| RegistryError::Spill {
            folder: spill.map_or_else(String::new, |d| d.display().to_string()),
            error,
        };
        let keeper = match keep {
            Some(k) => Some(kept::Keeper::new((k.columns)(&header, &columns), spill).map_err(cannot)?),
            None => None,
        };
        let rows = match spill {
            Some(dir) => Rows::spilled_in(dir).map_err(cannot)?,
            None => Rows::default(),
        };
        Ok(Gather { header, columns, catalog, places, rows, held: Vec::new(), keeper })
    }

    /// Where the fields are.
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    /// Whether no rows were gathered yet.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Room for `rows` more rows (reserved exactly: a province's rows are hundreds of
    /// megabytes, and growing by doubling would copy them and hold them twice for a moment).
    pub fn reserve(&mut self, rows: usize) {
        self.rows.reserve(rows);
        if let Some(k) = &mut self.keeper {
            k.reserve(rows);
        }
    }

    /// Room for the rows of a file of `bytes` bytes, estimated once, from its first window
    /// (`rows` rows in the `read` bytes it took; a tenth more for shorter rows later).
    pub fn size_from_first(&mut self, bytes: Option<u64>, read: u64, rows: usize) {
        if self.is_empty()
            && let Some(size) = bytes
            && read > 0
        {
            let estimate = size as f64 / read as f64 * rows as f64 * 1.1;
            self.reserve((estimate as usize).min(u32::MAX as usize));
        }
    }

    /// [`Gather::add`] on a thread of its own, the window's text also folded into `salt`
    /// (when given), while `meanwhile` runs here: the next window read, hashed and parsed.
    pub fn add_while<T>(
        &mut self,
        window: Cells,
        problems: super::Problems,
        salt: Option<&mut super::salt::SaltKey>,
        meanwhile: impl FnOnce() -> T,
    ) -> Result<T, RegistryError> {
        std::thread::scope(|scope| {
            let adding = scope.spawn(move || {
                self.add(window, problems, |cells| {
                    if let Some(salt) = salt {
                        salt.add(cells);
                    }
                })
            });
            let next = meanwhile();
            adding.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            Ok(next)
        })
    }

    /// Reads and checks the rows of `window` (the rows after those gathered; `problems`: the
    /// rows among them broken as a whole, by index among all rows) and keeps their text.
    /// With `keep`, the kept columns are taken on a thread of their own while the rows are
    /// read (on all cores) and `beside` is given the window's text.
    pub fn add(
        &mut self,
        window: Cells,
        problems: super::Problems,
        beside: impl FnOnce(&Cells),
    ) -> Result<(), RegistryError> {
        debug_assert_eq!(window.first(), self.rows.len(), "windows come in order");
        let Gather { columns, catalog, places, rows, keeper, .. } = self;
        let (read, kept) = std::thread::scope(|scope| {
            let window = &window;
            let keeping = keeper.as_mut().map(|k| {
                scope.spawn(move || {
                    for row in window.first()..window.first() + window.len() {
                        let at = window.at(row);
                        k.push(|c| at.get(c))?;
                    }
                    k.flush()
                })
            });
            beside(window);
            let read = super::read_rows(window, problems, columns, catalog, places.as_ref());
            let kept = keeping.map_or(Ok(()), |h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
            (read, kept)
        });
        kept.map_err(|error| rows.error(error))?;
        rows.push(read).map_err(|error| rows.error(error))?;
        if self.keeper.is_none() {
            self.held.extend(window.pieces);
        }
        Ok(())
    }

    /// The rows, their repeated NIKs marked, and their text.
    pub fn finish(self) -> Result<Gathered, RegistryError> {
        let mut rows = self.rows;
        let repeated = super::mark_duplicates(&mut rows).map_err(|error| rows.error(error))?;
        let cells = match self.keeper {
            None => Cells::from_pieces(self.held),
            Some(k) => Cells::projected(k.finish(rows.len()).map_err(|error| rows.error(error))?, rows.len()),
        };
        Ok(Gathered { header: self.header, columns: self.columns, rows, repeated, cells })
    }
}

impl Gathered {
    /// The registry, with what the source says of itself.
    pub fn registry(
        self,
        format: super::Format,
        sha256: String,
        structure: Vec<super::StructureWarning>,
        text: super::Text,
    ) -> Registry {
        let Gathered { header, columns, rows, repeated, cells } = self;
        Registry { header, columns, rows, repeated, cells, format, sha256, structure, text }
    }
}
