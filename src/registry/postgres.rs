//! A registry read from PostgreSQL (`--registry postgresql://…` with `--table` or `--query`):
//! the rows come out of the server as CSV (`COPY (…) TO STDOUT`), inside a read-only
//! transaction — a query can read, never write — and are then read and validated exactly as
//! a CSV file is, so the log keeps the cells as the database held them and `verify`,
//! `replay` and `explain` work from the log alone.

use std::io::Read as _;

/// The most a database may hand over (the rows as CSV are held in memory).
pub const MAX_BYTES: u64 = 8 << 30;

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
    table.split('.').map(|part| format!("\"{}\"", part.replace('"', "\"\""))).collect::<Vec<_>>().join(".")
}

/// Where the rows come from.
pub enum Source<'a> {
    Table(&'a str),
    Query(&'a str),
}

/// The rows as CSV bytes (header first), read in a read-only transaction.
pub fn fetch(url: &str, source: &Source<'_>, max_bytes: u64) -> Result<Vec<u8>, crate::i18n::Msg> {
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
    let select = match source {
        // a table has no order of its own: its rows are read sorted by every column, so the
        // same rows give the same row numbers on every server (rows equal in every column
        // are indistinguishable anyway)
        Source::Table(t) => {
            let all = format!("SELECT * FROM {}", quoted(t));
            let columns = tx.prepare(all.as_str()).map_err(|e| said(&e))?.columns().len();
            let order: Vec<String> = (1..=columns).map(|c| c.to_string()).collect();
            format!("{all} ORDER BY {}", order.join(", "))
        }
        // a query's rows come in the order it gives (ORDER BY makes it stable)
        Source::Query(q) => q.trim().trim_end_matches(';').to_owned(),
    };
    let copy = format!("COPY ({select}) TO STDOUT WITH (FORMAT csv, HEADER true)");
    let mut bytes = Vec::new();
    let reader = tx.copy_out(copy.as_str()).map_err(|e| said(&e))?;
    reader.take(max_bytes + 1).read_to_end(&mut bytes).map_err(|e| said(&e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(crate::msg!(
            "registry-postgres-too-large",
            url = shown(url),
            bytes = crate::money::grouped(max_bytes)
        ));
    }
    tx.rollback().map_err(|e| said(&e))?;
    Ok(bytes)
}
