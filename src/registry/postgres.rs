//! A registry read from PostgreSQL (`--registry postgresql://…` with `--table` or `--query`):
//! the rows come out of the server as CSV (`COPY (…) TO STDOUT`), inside a read-only
//! transaction — a query can read, never write — and are read and validated as they arrive,
//! a window at a time, exactly as a CSV file is ([`super::read_csv_stream`]: the text is
//! never held whole), so the log keeps the cells as the database held them and `verify`,
//! `replay` and `explain` work from the log alone.

/// The most a database may hand over (as CSV text).
pub const MAX_BYTES: u64 = 8 << 30;

/// The COPY output, refusing more than `left` bytes.
struct Capped<R> {
    inner: R,
    left: u64,
    exceeded: bool,
}

impl<R: std::io::Read> std::io::Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n as u64 > self.left {
            self.exceeded = true;
            return Err(std::io::Error::other("too large"));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// The COPY output, also written to a spill file as it is read.
struct Tee<R> {
    inner: R,
    spill: std::io::BufWriter<std::fs::File>,
}

impl<R: std::io::Read> std::io::Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        std::io::Write::write_all(&mut self.spill, &buf[..n])?;
        if n == 0 {
            // the end: everything must be in the file before it is read again
            std::io::Write::flush(&mut self.spill)?;
        }
        Ok(n)
    }
}

/// Whether a `--registry` names a PostgreSQL database.
pub fn is_url(registry: &str) -> bool {
    registry.starts_with("postgresql://") || registry.starts_with("postgres://")
}

/// The URL as it may be written down (in the log, on the screen): without its password.
pub fn shown(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let (authority, path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => {
            let user = user.split_once(':').map_or(user, |(u, _)| u);
            format!("{user}@{host}")
        }
        None => authority.to_owned(),
    };
    // a password can also ride in the query string
    let path: String = path.split_once('?').map_or(path.to_owned(), |(p, q)| {
        let kept: Vec<&str> = q.split('&').filter(|kv| !kv.starts_with("password=")).collect();
        if kept.is_empty() { p.to_owned() } else { format!("{p}?{}", kept.join("&")) }
    });
    format!("{scheme}://{authority}/{path}")
}

/// `schema.table` or `table` as an SQL identifier, each part quoted.
fn quoted(table: &str) -> String {
    table.split('.').map(quoted_name).collect::<Vec<_>>().join(".")
}

/// The settings a COPY's text depends on, for this transaction only: dates as ISO writes them
/// (a server set to `SQL, DMY` would write 01/07/1990, one set to `MDY` 07/01/1990), times in
/// UTC (unless the run names the zone its `timestamptz` values were entered in), numbers with
/// every digit.
const SETTINGS: &str = "SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'iso_8601'; \
                        SET LOCAL TimeZone = 'UTC'; SET LOCAL extra_float_digits = 1";

/// The time zone `name` names: Indonesia's own words for its three zones (`WIB`, `WITA`,
/// `WIT`, any case) or a name the server knows (`Asia/Makassar`, `UTC`; PostgreSQL reads `+08` as
/// eight hours *west* of UTC, so a name is safer).
fn time_zone(name: &str) -> &str {
    let name = name.trim();
    match name.to_ascii_uppercase().as_str() {
        "WIB" => "Asia/Jakarta",
        "WITA" => "Asia/Makassar",
        "WIT" => "Asia/Jayapura",
        _ => name,
    }
}

/// `select` with its boolean columns as `true`/`false` (COPY writes them `t`/`f`, and a
/// registry's `t` is *tidak*: a civil servant would be read as none) and, with `sorted`, its
/// rows sorted by every column; `columns` are its columns' names and whether each is a
/// boolean. The header keeps the names.
fn as_text(select: &str, columns: &[(String, bool)], sorted: bool) -> String {
    let positions = || (1..=columns.len()).map(|c| c.to_string());
    let order = if sorted {
        format!(" ORDER BY {}", positions().collect::<Vec<_>>().join(", "))
    } else {
        String::new()
    };
    if !columns.iter().any(|(_, boolean)| *boolean) {
        return format!("{select}{order}");
    }
    let aliases: Vec<String> = positions().map(|c| format!("c{c}")).collect();
    let list: Vec<String> = columns
        .iter()
        .zip(&aliases)
        .map(|((name, boolean), alias)| {
            let cast = if *boolean { "::text" } else { "" };
            format!("q.{alias}{cast} AS {}", quoted_name(name))
        })
        .collect();
    // (sorting the text of a boolean puts false before true, as sorting the boolean does)
    format!("SELECT {} FROM ({select}\n) AS q({}){order}", list.join(", "), aliases.join(", "))
}

/// A name as an SQL identifier, quoted.
fn quoted_name(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The database: its URL, and the time zone its `timestamptz` values are read in (UTC
/// without one), as the server names it.
#[derive(Clone, Copy)]
pub struct Server<'a> {
    pub url: &'a str,
    pub zone: Option<&'a str>,
}

impl<'a> Server<'a> {
    /// `zone` as a person wrote it: `WIB`, `WITA`, `WIT` (any case) or a name the server knows.
    pub fn new(url: &'a str, zone: Option<&'a str>) -> Server<'a> {
        Server { url, zone: zone.map(time_zone) }
    }
}

/// Where the rows come from.
pub enum Source<'a> {
    Table(&'a str),
    Query(&'a str),
}

/// Where a run keeps the rows it read from a database, and which columns it holds of them
/// ([`super::Keep`]) while it decides: the outputs are written from the spill file, read
/// again a window at a time.
pub struct Spill<'a> {
    pub path: &'a std::path::Path,
    pub keep: super::Keep<'a>,
}

/// The registry the rows make, read as the server sends them inside a read-only
/// transaction; `label` names it in messages and the log. With `spill`, the rows as sent are
/// also written to a file, and only the columns it names are held once read.
pub fn read(
    server: Server<'_>,
    source: &Source<'_>,
    label: &str,
    catalog: &crate::catalog::Catalog,
    within: &[String],
    max_bytes: u64,
    spill: Option<Spill<'_>>,
) -> Result<super::Registry, crate::i18n::Msg> {
    let Server { url, zone } = server;
    // the server's own words (postgres' Display is only "db error"; they are in the source)
    let said = |e: &dyn std::error::Error| {
        let mut text = e.to_string();
        let mut cause = e.source();
        while let Some(c) = cause {
            text = format!("{text}: {c}");
            cause = c.source();
        }
        crate::msg!("registry-postgres", url = shown(url), error = crate::text::shown(&text, 400))
    };
    let mut client = postgres::Client::connect(url, postgres::NoTls).map_err(|e| said(&e))?;
    let mut tx = client.build_transaction().read_only(true).start().map_err(|e| said(&e))?;
    // values as text the same way whatever the server, database or role set
    tx.batch_execute(SETTINGS).map_err(|e| said(&e))?;
    if let Some(zone) = zone {
        // (a parameter, never text in the statement: the name is the user's)
        tx.execute("SELECT set_config('TimeZone', $1, true)", &[&zone]).map_err(|e| match e.code() {
            Some(&postgres::error::SqlState::INVALID_PARAMETER_VALUE) => {
                crate::msg!("registry-postgres-time-zone", zone = crate::text::shown(zone, 80))
            }
            _ => said(&e),
        })?;
    }
    if matches!(source, Source::Query(_)) {
        // a query's rows come in the order it gives; rows gathered from parallel workers
        // would come in whatever order the workers finish, another at every run
        tx.batch_execute("SET LOCAL max_parallel_workers_per_gather = 0").map_err(|e| said(&e))?;
    }
    let select = match source {
        // a table has no order of its own: its rows are read sorted by every column, so the
        // same rows give the same row numbers on every server (rows equal in every column
        // are indistinguishable anyway)
        Source::Table(t) => format!("SELECT * FROM {}", quoted(t)),
        // a query's rows come in the order it gives (ORDER BY makes it stable)
        Source::Query(q) => q.trim().trim_end_matches(';').to_owned(),
    };
    let columns: Vec<(String, bool)> = tx
        .prepare(select.as_str())
        .map_err(|e| said(&e))?
        .columns()
        .iter()
        .map(|c| (c.name().to_owned(), *c.type_() == postgres::types::Type::BOOL))
        .collect();
    let select = as_text(&select, &columns, matches!(source, Source::Table(_)));
    // (a query's text ends on a line of its own: a `-- comment` at its end ends there)
    let copy = format!("COPY ({select}\n) TO STDOUT WITH (FORMAT csv, HEADER true)");
    let reader = tx.copy_out(copy.as_str()).map_err(|e| said(&e))?;
    let mut capped = Capped { inner: reader, left: max_bytes, exceeded: false };
    let registry = match &spill {
        None => super::read_csv_stream(label, &mut capped, catalog, within),
        Some(s) => {
            let file = std::fs::File::create(s.path).map_err(|e| said(&e))?;
            let tee = Tee { inner: &mut capped, spill: std::io::BufWriter::with_capacity(1 << 20, file) };
            let window = super::FILE_WINDOW;
            super::read_windows(label, Box::new(tee), catalog, within, window, Some(s.keep), None).map(
                |(mut registry, salt_key)| {
                    if let Some(salt_key) = salt_key {
                        registry.text = super::Text::File { path: s.path.to_path_buf(), window, salt_key };
                    }
                    registry
                },
            )
        }
    };
    if capped.exceeded {
        return Err(crate::msg!(
            "registry-postgres-too-large",
            url = shown(url),
            bytes = crate::money::grouped(max_bytes)
        ));
    }
    let registry = match registry {
        // the connection failed or the server stopped the COPY part way: its own words
        Err(super::RegistryError::Io { error, .. }) => return Err(said(&error)),
        // (a database's row has no line to fix, and no quote left open: a value is that long)
        Err(super::RegistryError::RowTooLong { row, .. }) => {
            return Err(crate::msg!(
                "registry-postgres-row-too-long",
                url = shown(url),
                row = row,
                limit = super::max_row_shown()
            ));
        }
        other => other.map_err(|e| e.message())?,
    };
    drop(capped);
    tx.rollback().map_err(|e| said(&e))?;
    Ok(registry)
}
