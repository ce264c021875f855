//! `jaring serve`: the workbench — a local web application where legal staff edit a policy
//! with `check`'s diagnostics as they type, look codes up in place, see what an edit does
//! to the loaded registry before it is adopted, and run the policy's test cases.
//!
//! It is a face on the library, not a second implementation: `check`, `fmt`, `regions`,
//! `occupations`, `run::decide`, `diff` and `cases` do the work. The page and its editor
//! (CodeMirror 6, bundled from `web/`) are built into the binary: nothing is fetched.
//!
//! Safe by construction: bound to 127.0.0.1 unless `--listen` is given with a `--token`
//! (every request then carries it: header, cookie or `?token=`); requests must name this
//! server in `Host` (no DNS rebinding) and send JSON (no cross-site form posts); bodies are
//! capped at 2 MiB; files are read and written only inside the policy folder
//! (`files::PolicyDir`); registries and run folders are only read; a plugin runs only when
//! the policy pins it; NIKs are masked unless the user asks.

mod assets;
mod check;
mod files;
mod preview;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::i18n::{Lang, Msg};
use crate::msg;
use crate::plugin::PluginHost;
use crate::policy::Program;

pub use files::PolicyDir;

/// The most bytes a request body may have.
pub const MAX_BODY: usize = 2 << 20;

/// How the workbench is started.
pub struct Config {
    pub dir: PathBuf,
    pub registry: Option<PathBuf>,
    pub run: Option<PathBuf>,
    pub listen: SocketAddr,
    pub token: Option<String>,
    pub lang: Lang,
}

/// Why the workbench cannot start.
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.text(Lang::En))]
pub struct ServeError(pub Msg);

struct Shared {
    dir: PolicyDir,
    lang: Lang,
    token: Option<String>,
    /// The `Host` values a request may carry.
    hosts: Vec<String>,
    host: PluginHost,
    population: Option<preview::Population>,
    /// The saved program a preview compares with.
    baseline: Mutex<Option<Baseline>>,
    /// The last preview's outcome, for "keep this decision".
    last: Mutex<Option<Last>>,
    /// One preview at a time (each decides a copy of the registry).
    deciding: tokio::sync::Mutex<()>,
}

type AppState = Arc<Shared>;

/// A program and what it decided over the population.
type Decided = (Program, crate::run::Outcome);

/// The saved file (by name and version) decided.
struct Baseline {
    file: String,
    version: String,
    decided: Arc<Option<Decided>>,
}

/// The last preview of a file.
#[derive(Clone)]
struct Last {
    file: String,
    decided: Arc<Decided>,
}

/// A request refused: the answer to send (boxed: it is large).
type Refused = Box<Response>;

/// A started workbench: where it listens, and the future that serves it.
pub struct Bound {
    pub addr: SocketAddr,
    listener: tokio::net::TcpListener,
    router: Router,
}

impl Bound {
    /// Serves until `stop` completes.
    pub async fn serve(
        self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(self.listener, self.router).with_graceful_shutdown(stop).await
    }
}

/// Loads the folder (and the registry or run folder) and binds the address; refuses a
/// non-local address without a token.
pub async fn bind(config: Config) -> Result<Bound, ServeError> {
    if !config.listen.ip().is_loopback() && config.token.as_deref().is_none_or(|t| t.len() < 16) {
        return Err(ServeError(msg!("serve-token-needed")));
    }
    let dir = PolicyDir::new(&config.dir)
        .map_err(|e| ServeError(msg!("serve-no-folder", folder = config.dir.display(), error => &e)))?;
    // the folder's policies as saved: their catalog and regions read the registry
    let mut programs = Vec::new();
    for relative in dir.policies() {
        let path = dir.root().join(&relative);
        let mut ws = crate::policy::Workspace::new();
        if let Ok(Some(p)) = ws.check_file(&path) {
            programs.push(p);
        }
    }
    if (config.registry.is_some() || config.run.is_some()) && programs.is_empty() {
        return Err(ServeError(msg!("serve-no-valid-policy", folder = config.dir.display())));
    }
    let population = preview::load(config.registry.as_deref(), config.run.as_deref(), &programs)
        .map_err(|e| ServeError(msg!("serve-no-registry", error = e)))?;
    let host = PluginHost::new().map_err(|e| ServeError(e.message()))?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| ServeError(msg!("serve-cannot-listen", addr = config.listen, error => &e)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| ServeError(msg!("serve-cannot-listen", addr = config.listen, error => &e)))?;
    let port = addr.port();
    let mut hosts = vec![format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")];
    hosts.push(addr.to_string());
    let shared = Arc::new(Shared {
        dir,
        lang: config.lang,
        token: config.token,
        hosts,
        host,
        population,
        baseline: Mutex::new(None),
        last: Mutex::new(None),
        deciding: tokio::sync::Mutex::new(()),
    });
    let router = Router::new()
        .route("/", get(assets::index))
        .route("/assets/{name}", get(assets::asset))
        .route("/api/session", get(session))
        .route("/api/file", get(read_file))
        .route("/api/check", post(check_text))
        .route("/api/format", post(format_text))
        .route("/api/save", post(save))
        .route("/api/lookup", get(lookup))
        .route("/api/preview", post(preview_text))
        .route("/api/tests", post(tests))
        .route("/api/tests/add", post(add_case))
        .layer(middleware::from_fn_with_state(shared.clone(), guard))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(shared);
    Ok(Bound { addr, listener, router })
}

/// Runs the workbench until Ctrl-C (for the command line).
pub fn run(config: Config, ready: impl FnOnce(&str)) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| ServeError(msg!("serve-cannot-start", error => &e)))?;
    runtime.block_on(async move {
        let token = config.token.clone();
        let bound = bind(config).await?;
        let url = match token {
            Some(t) => format!("http://{}/?token={t}", bound.addr),
            None => format!("http://{}/", bound.addr),
        };
        ready(&url);
        bound
            .serve(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| ServeError(msg!("serve-cannot-start", error => &e)))
    })
}

/// An error answer: a status and the words, in the workbench's language.
fn refuse(status: StatusCode, m: Msg, lang: Lang) -> Response {
    (status, Json(json!({ "error": m.text(lang) }))).into_response()
}

/// Every request: the right `Host`, and the token when one is set (a `?token=` on the page
/// sets a cookie so that the page's own requests carry it).
async fn guard(State(s): State<AppState>, request: Request, next: Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    if !s.hosts.iter().any(|h| h == host) {
        return refuse(StatusCode::FORBIDDEN, msg!("serve-wrong-host"), s.lang);
    }
    let Some(token) = &s.token else { return next.run(request).await };
    let from_query = request
        .uri()
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("token=")))
        .map(str::to_owned);
    let given = header_token(request.headers()).or(from_query.clone());
    if given.as_deref().is_some_and(|g| constant_time_eq(g.as_bytes(), token.as_bytes())) {
        let mut response = next.run(request).await;
        if from_query.is_some()
            && let Ok(cookie) = format!("jaring_token={token}; HttpOnly; SameSite=Strict; Path=/").parse()
        {
            response.headers_mut().insert(header::SET_COOKIE, cookie);
        }
        return response;
    }
    refuse(StatusCode::UNAUTHORIZED, msg!("serve-token-missing"), s.lang)
}

fn header_token(headers: &HeaderMap) -> Option<String> {
    if let Some(t) = headers.get("x-jaring-token").and_then(|h| h.to_str().ok()) {
        return Some(t.to_owned());
    }
    let cookies = headers.get(header::COOKIE).and_then(|h| h.to_str().ok())?;
    cookies.split(';').find_map(|c| c.trim().strip_prefix("jaring_token=")).map(str::to_owned)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The page's own words (`ui-…` in the message files).
const UI: [&str; 31] = [
    "ui-save",
    "ui-saved",
    "ui-saved-unformatted",
    "ui-reveal",
    "ui-problems",
    "ui-no-problems",
    "ui-line",
    "ui-effect",
    "ui-no-registry",
    "ui-enrolled",
    "ui-waiting",
    "ui-rejected",
    "ui-invalid",
    "ui-money",
    "ui-used",
    "ui-budget",
    "ui-total",
    "ui-quota",
    "ui-gains",
    "ui-losses",
    "ui-slices",
    "ui-took",
    "ui-row",
    "ui-name",
    "ui-keep",
    "ui-case-name",
    "ui-case-added",
    "ui-tests",
    "ui-no-tests",
    "ui-coverage",
    "ui-ready",
];

async fn session(State(s): State<AppState>) -> Json<Value> {
    let ui: serde_json::Map<String, Value> =
        UI.iter().map(|k| ((*k).to_owned(), json!(Msg::new(k).text(s.lang)))).collect();
    Json(json!({
        "files": s.dir.policies(),
        "lang": s.lang,
        "ui": ui,
        "registry": s.population.as_ref().map(|p| json!({ "name": p.name, "rows": p.registry.rows.len() })),
    }))
}

#[derive(Deserialize)]
struct FileQuery {
    path: String,
}

async fn read_file(State(s): State<AppState>, Query(q): Query<FileQuery>) -> Response {
    match s.dir.read(&q.path) {
        Ok((text, version)) => {
            Json(json!({ "path": q.path, "text": text, "version": version })).into_response()
        }
        Err(m) => refuse(StatusCode::BAD_REQUEST, m, s.lang),
    }
}

#[derive(Deserialize)]
struct TextBody {
    path: String,
    text: String,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    reveal: bool,
}

/// The file a request names, its folder and display name; refused outside the folder.
fn place(s: &Shared, relative: &str) -> Result<(PathBuf, PathBuf), Refused> {
    if !relative.ends_with(".policy") {
        return Err(Box::new(refuse(
            StatusCode::BAD_REQUEST,
            msg!("serve-path-refused", path = relative),
            s.lang,
        )));
    }
    let path = s.dir.resolve(relative).map_err(|m| Box::new(refuse(StatusCode::BAD_REQUEST, m, s.lang)))?;
    let dir = path.parent().map_or_else(|| s.dir.root().to_path_buf(), Path::to_path_buf);
    Ok((path, dir))
}

async fn check_text(State(s): State<AppState>, Json(body): Json<TextBody>) -> Response {
    let (_, dir) = match place(&s, &body.path) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    let lang = s.lang;
    let started = std::time::Instant::now();
    let result = tokio::task::spawn_blocking(move || check::check(&dir, &body.path, &body.text, lang)).await;
    match result {
        Ok((shown, program)) => Json(json!({
            "diagnostics": shown,
            "ok": program.is_some(),
            "ms": started.elapsed().as_millis() as u64,
        }))
        .into_response(),
        Err(_) => refuse(StatusCode::INTERNAL_SERVER_ERROR, msg!("serve-failed"), s.lang),
    }
}

/// The canonical layout of `text`, or `None` when it has syntax errors.
fn formatted(text: &str) -> Option<String> {
    let mut sources = crate::diag::Sources::new();
    let file = sources.add("policy", text);
    let parsed = crate::policy::syntax::parse(file, text);
    crate::policy::fmt::format(&parsed, text).ok()
}

async fn format_text(State(s): State<AppState>, Json(body): Json<TextBody>) -> Response {
    match formatted(&body.text) {
        Some(text) => Json(json!({ "text": text })).into_response(),
        None => refuse(StatusCode::UNPROCESSABLE_ENTITY, msg!("serve-cannot-format"), s.lang),
    }
}

async fn save(State(s): State<AppState>, Json(body): Json<TextBody>) -> Response {
    if let Err(r) = place(&s, &body.path) {
        return *r;
    }
    // formatted when it parses; kept as typed when it does not (work in progress)
    let (text, was_formatted) = match formatted(&body.text) {
        Some(t) => (t, true),
        None => (body.text.clone(), false),
    };
    match s.dir.save(&body.path, &text, body.version.as_deref()) {
        Ok(version) => {
            Json(json!({ "version": version, "text": text, "formatted": was_formatted })).into_response()
        }
        Err(m) => refuse(StatusCode::CONFLICT, m, s.lang),
    }
}

#[derive(Deserialize)]
struct LookupQuery {
    q: String,
}

/// Region and occupation codes for a word, as the editor offers them.
async fn lookup(State(s): State<AppState>, Query(q): Query<LookupQuery>) -> Json<Value> {
    let word: String = q.q.chars().take(80).collect();
    let mut items = Vec::new();
    for found in crate::region::search::search(&word, None, 6) {
        items.push(json!({
            "label": format!("{} {}", found.code, found.name),
            "apply": found.code,
            "detail": found.level.words().text(s.lang),
            "info": found.path(),
            "type": "constant",
        }));
    }
    if let Some(catalog) = crate::policy::builtin_catalog() {
        let (_, found) = catalog.search(&word);
        for o in found.into_iter().take(6) {
            items.push(json!({
                "label": format!("{} — {}", o.code, o.label),
                "apply": o.code,
                "detail": o.group,
                "info": crate::catalog::spellings(o).join(", "),
                "type": "keyword",
            }));
        }
    }
    Json(json!({ "items": items }))
}

/// Checks `text` and, when it checks, gives its program; otherwise the answer to send.
fn program_of(s: &Shared, relative: &str, text: &str) -> Result<Program, Refused> {
    let (_, dir) = place(s, relative)?;
    match check::check(&dir, relative, text, s.lang) {
        (_, Some(program)) => {
            if let Some(m) = preview::refusal(&program) {
                return Err(Box::new(refuse(StatusCode::UNPROCESSABLE_ENTITY, m, s.lang)));
            }
            Ok(program)
        }
        (_, None) => {
            Err(Box::new(refuse(StatusCode::UNPROCESSABLE_ENTITY, msg!("serve-has-errors"), s.lang)))
        }
    }
}

/// The saved file's program decided, cached by its version.
fn baseline(s: &Shared, relative: &str) -> Arc<Option<Decided>> {
    let Ok((text, version)) = s.dir.read(relative) else { return Arc::new(None) };
    if let Ok(cache) = s.baseline.lock()
        && let Some(b) = cache.as_ref()
        && b.file == relative
        && b.version == version
    {
        return b.decided.clone();
    }
    let decided = match (&s.population, program_of(s, relative, &text)) {
        (Some(population), Ok(program)) => {
            preview::decide(population, &program, &s.host).ok().map(|outcome| (program, outcome))
        }
        _ => None,
    };
    let decided = Arc::new(decided);
    if let Ok(mut cache) = s.baseline.lock() {
        *cache = Some(Baseline { file: relative.to_owned(), version, decided: decided.clone() });
    }
    decided
}

async fn preview_text(State(s): State<AppState>, Json(body): Json<TextBody>) -> Response {
    if s.population.is_none() {
        return refuse(StatusCode::CONFLICT, msg!("serve-no-population"), s.lang);
    }
    let _one = s.deciding.lock().await;
    let shared = s.clone();
    let result = tokio::task::spawn_blocking(move || -> Result<Value, Refused> {
        let s = &shared;
        let started = std::time::Instant::now();
        let program = program_of(s, &body.path, &body.text)?;
        let Some(population) = &s.population else {
            return Err(Box::new(refuse(StatusCode::CONFLICT, msg!("serve-no-population"), s.lang)));
        };
        let outcome = preview::decide(population, &program, &s.host).map_err(|e| {
            Box::new(refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                msg!("serve-preview-failed", error = e),
                s.lang,
            ))
        })?;
        let before = baseline(s, &body.path);
        let after = Arc::new((program, outcome));
        let mut effect = preview::effect(before.as_ref().as_ref(), &after, body.reveal, s.lang);
        effect["ms"] = json!(started.elapsed().as_millis() as u64);
        if let Ok(mut last) = s.last.lock() {
            *last = Some(Last { file: body.path.clone(), decided: after });
        }
        Ok(effect)
    })
    .await;
    match result {
        Ok(Ok(v)) => Json(v).into_response(),
        Ok(Err(r)) => *r,
        Err(_) => refuse(StatusCode::INTERNAL_SERVER_ERROR, msg!("serve-failed"), s.lang),
    }
}

/// The tests file of a policy file (`x.policy` → `x.tests.toml`), relative.
fn tests_of(relative: &str) -> String {
    format!("{}.tests.toml", relative.trim_end_matches(".policy"))
}

/// The policy's cases decided under the text being edited.
async fn tests(State(s): State<AppState>, Json(body): Json<TextBody>) -> Response {
    let shared = s.clone();
    let result = tokio::task::spawn_blocking(move || -> Result<Value, Refused> {
        let s = &shared;
        let program = program_of(s, &body.path, &body.text)?;
        let relative = tests_of(&body.path);
        let path = s.dir.resolve(&relative).map_err(|m| Box::new(refuse(StatusCode::BAD_REQUEST, m, s.lang)))?;
        if !path.exists() {
            return Ok(json!({ "file": relative, "cases": [], "coverage": [] }));
        }
        let failed = |e: crate::cases::CasesError| {
            Box::new(refuse(StatusCode::UNPROCESSABLE_ENTITY, msg!("serve-tests-failed", error = e.render(s.lang)), s.lang))
        };
        let cases = crate::cases::read(&path).map_err(failed)?;
        let (checked, coverage) = crate::cases::decide_cases(program, &cases, &s.host, s.lang).map_err(failed)?;
        let got = |g: &crate::cases::Got| match g {
            crate::cases::Got::Eligible => msg!("serve-case-eligible").text(s.lang),
            crate::cases::Got::Rejected { code, text } => format!("{code}: {text}"),
            crate::cases::Got::Invalid { field, text } => format!("{field}: {text}"),
        };
        Ok(json!({
            "file": relative,
            "cases": checked.iter().map(|c| json!({ "name": c.case.name, "passed": c.passed, "got": got(&c.got) })).collect::<Vec<_>>(),
            "coverage": coverage.iter().map(|r| json!({
                "rule": r.rule.text(s.lang),
                "passed_by": r.passed_by.len(),
                "failed_by": r.failed_by.len(),
            })).collect::<Vec<_>>(),
        }))
    })
    .await;
    match result {
        Ok(Ok(v)) => Json(v).into_response(),
        Ok(Err(r)) => *r,
        Err(_) => refuse(StatusCode::INTERNAL_SERVER_ERROR, msg!("serve-failed"), s.lang),
    }
}

#[derive(Deserialize)]
struct AddCase {
    path: String,
    row: u32,
    name: String,
}

/// "Keep this decision": row `row` of the last preview becomes a case of the policy's tests.
async fn add_case(State(s): State<AppState>, Json(body): Json<AddCase>) -> Response {
    if let Err(r) = place(&s, &body.path) {
        return *r;
    }
    let last = s.last.lock().ok().and_then(|l| l.clone());
    let Some(last) = last.filter(|l| l.file == body.path) else {
        return refuse(StatusCode::CONFLICT, msg!("serve-no-preview"), s.lang);
    };
    let outcome = &last.decided.1;
    let Some(i) = (body.row as usize).checked_sub(1).filter(|i| *i < outcome.registry.rows.len()) else {
        return refuse(StatusCode::BAD_REQUEST, msg!("serve-no-row", row = body.row), s.lang);
    };
    let name: String = body.name.chars().filter(|c| !c.is_control()).take(120).collect();
    let Some(case) = preview::case_toml(outcome, i, &name) else {
        return refuse(StatusCode::BAD_REQUEST, msg!("serve-row-invalid", row = body.row), s.lang);
    };
    let relative = tests_of(&body.path);
    let (text, version) = match s.dir.read(&relative) {
        Ok((t, v)) => (t, Some(v)),
        Err(_) => (String::new(), None),
    };
    match s.dir.save(&relative, &format!("{text}{case}"), version.as_deref()) {
        Ok(_) => Json(json!({ "file": relative, "added": case })).into_response(),
        Err(m) => refuse(StatusCode::CONFLICT, m, s.lang),
    }
}
