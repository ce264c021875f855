//! The workbench (`jaring serve`, issue 15): its guard against hostile requests, and a legal
//! officer's session in a real headless Chromium driven through chromedriver — open, make a
//! mistake, read the Indonesian diagnostic, apply its quick fix, change the quota and watch
//! the counts and money move, save and find the file formatted on disk. A screenshot of each
//! step goes to `$CARGO_TARGET_TMPDIR/workbench/`.

use std::io::{Read as _, Write as _};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use jaring::i18n::Lang;
use jaring::serve::{Config, bind};

use super::root;

/// A policy folder holding the Paser policy and its tests, with its plugin where the policy
/// finds it (upwards from the folder).
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let policies = dir.path().join("policies");
    std::fs::create_dir_all(&policies).expect("dir");
    for f in ["paser-2022.policy", "paser-2022.tests.toml"] {
        std::fs::copy(root().join("policies").join(f), policies.join(f)).expect("copy");
    }
    std::fs::create_dir_all(dir.path().join("plugins/paser")).expect("dir");
    std::fs::copy(root().join("plugins/paser/paser.wasm"), dir.path().join("plugins/paser/paser.wasm"))
        .expect("copy");
    std::fs::write(dir.path().join("secret.policy"), "program secret {}\n").expect("write");
    (dir, policies)
}

/// Starts the workbench on a free port; returns its address and a handle that stops it.
fn start(
    runtime: &tokio::runtime::Runtime,
    config: Config,
) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let bound = runtime.block_on(bind(config)).expect("the workbench starts");
    let addr = bound.addr;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    runtime.spawn(bound.serve(async {
        let _ = stopped.await;
    }));
    (addr, stop)
}

/// One HTTP/1.1 request, raw: (status, body).
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(addr).expect("connects");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    let mut head =
        format!("{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: 127.0.0.1:{}\r\n", addr.port()));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("write");
    let _ = stream.write_all(body);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, body)
}

fn json_post(addr: SocketAddr, path: &str, body: &serde_json::Value) -> (u16, String) {
    request(addr, "POST", path, &[("Content-Type", "application/json")], body.to_string().as_bytes())
}

#[test]
fn the_workbench_refuses_what_it_must() {
    let (dir, policies) = workspace();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("secret.policy"), policies.join("link.policy")).expect("link");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let config = |listen: &str, token: Option<&str>| Config {
        dir: policies.clone(),
        registry: None,
        run: None,
        listen: listen.parse().expect("addr"),
        token: token.map(str::to_owned),
        lang: Lang::En,
    };
    // another address without a token: refused at start
    assert!(runtime.block_on(bind(config("0.0.0.0:0", None))).is_err());
    let (addr, stop) = start(&runtime, config("127.0.0.1:0", None));
    let (status, _) = request(addr, "GET", "/api/file?path=paser-2022.policy", &[], b"");
    assert_eq!(status, 200);
    // outside the folder, by any road
    for path in
        ["../secret.policy", "/etc/passwd", "%2Fetc%2Fpasswd", "link.policy", "..%2Fsecret.policy", "a.txt"]
    {
        let (status, body) = request(addr, "GET", &format!("/api/file?path={path}"), &[], b"");
        assert_eq!(status, 400, "{path}: {body}");
    }
    for path in ["../secret.policy", "/etc/passwd", "link.policy", "sub/../../secret.policy", "a.txt"] {
        let (status, _) = json_post(addr, "/api/save", &serde_json::json!({"path": path, "text": "x"}));
        assert_eq!(status, 400, "{path}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("secret.policy")).expect("kept"),
        "program secret {}\n"
    );
    // a policy naming a file outside the folder: no file is read, the line is an error
    let text = std::fs::read_to_string(policies.join("paser-2022.policy")).expect("policy");
    let sneaky =
        text.replacen("    region 64.01\n", "    region 64.01\n    catalog \"../../../etc/passwd\"\n", 1);
    let (status, body) =
        json_post(addr, "/api/check", &serde_json::json!({"path": "paser-2022.policy", "text": sneaky}));
    assert_eq!(status, 200);
    assert!(body.contains("serve-path-outside") && !body.contains("root:"), "{body}");
    // another Host (DNS rebinding), a form post, an oversized body
    let (status, _) = request(addr, "GET", "/api/session", &[("Host", "evil.example:80")], b"");
    assert_eq!(status, 403);
    let (status, _) = request(
        addr,
        "POST",
        "/api/save",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"path=paser-2022.policy&text=x",
    );
    assert_eq!(status, 415);
    let big = serde_json::json!({"path": "paser-2022.policy", "text": "#".repeat(3 << 20)});
    let (status, _) = json_post(addr, "/api/check", &big);
    assert_eq!(status, 413);
    // a save over a file changed on disk since it was read
    let (_, body) = request(addr, "GET", "/api/file?path=paser-2022.policy", &[], b"");
    let version = serde_json::from_str::<serde_json::Value>(&body).expect("json")["version"].clone();
    std::fs::write(policies.join("paser-2022.policy"), format!("{text}# someone else\n")).expect("write");
    let (status, body) = json_post(
        addr,
        "/api/save",
        &serde_json::json!({"path": "paser-2022.policy", "text": text, "version": version}),
    );
    assert_eq!(status, 409, "{body}");
    assert!(
        std::fs::read_to_string(policies.join("paser-2022.policy"))
            .expect("read")
            .ends_with("# someone else\n")
    );
    let _ = stop.send(());
    // with a token: nothing without it
    let token = "a-token-of-sixteen-or-more";
    let (addr, stop) = start(&runtime, config("127.0.0.1:0", Some(token)));
    assert_eq!(request(addr, "GET", "/", &[], b"").0, 401);
    assert_eq!(
        request(addr, "GET", "/api/session", &[("X-Jaring-Token", "wrong-token-wrong-token")], b"").0,
        401
    );
    assert_eq!(request(addr, "GET", "/api/session", &[("X-Jaring-Token", token)], b"").0, 200);
    assert_eq!(request(addr, "GET", &format!("/?token={token}"), &[], b"").0, 200);
    assert_eq!(
        request(addr, "GET", "/api/session", &[("Cookie", &format!("jaring_token={token}"))], b"").0,
        200
    );
    let _ = stop.send(());
}

/// chromedriver on a free port, killed when dropped.
struct Driver(std::process::Child, u16);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn chromedriver() -> Driver {
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
    let child = std::process::Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("chromedriver runs (install chromium-driver)");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    Driver(child, port)
}

/// Waits until `f` gives `Some`, up to `secs`.
async fn until<T, F: std::future::Future<Output = Option<T>>>(
    secs: u64,
    what: &str,
    mut f: impl FnMut() -> F,
) -> T {
    let started = Instant::now();
    loop {
        if let Some(v) = f().await {
            return v;
        }
        assert!(started.elapsed() < Duration::from_secs(secs), "waited {secs} s for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
fn a_legal_officer_edits_a_policy_and_sees_its_effect_in_a_real_browser() {
    use fantoccini::{ClientBuilder, Locator};
    let (_dir, policies) = workspace();
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("workbench");
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let (addr, stop) = start(
        &runtime,
        Config {
            dir: policies.clone(),
            registry: Some(root().join("data/samples/paser-2022.csv")),
            run: None,
            listen: "127.0.0.1:0".parse().expect("addr"),
            token: None,
            lang: Lang::Id,
        },
    );
    let driver = chromedriver();
    runtime.block_on(async {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".to_owned(),
            serde_json::json!({"args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1500,1100"]}),
        );
        let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.1))
            .await
            .expect("a browser session");
        let shot = |name: &'static str| {
            let c = c.clone();
            let path = shots.join(name);
            async move {
                let png = c.screenshot().await.expect("screenshot");
                std::fs::write(&path, png).expect("write screenshot");
            }
        };
        c.goto(&format!("http://{addr}/")).await.expect("page");
        until(30, "the page to be ready", || async { (c.find(Locator::Id("status")).await.ok()?.text().await.ok()? == "Siap").then_some(()) }).await;
        let enrolled = || async {
            let card = c.find(Locator::Css("[data-count=enrolled] .n")).await.ok()?;
            card.text().await.ok()
        };
        let before = until(30, "the first preview", || async { enrolled().await.filter(|t| !t.is_empty()) }).await;
        shot("01-opened.png").await;

        // a mistake, as a person types it: `nelayan` misspelt
        let text: String = c.execute("return window.jaringEditor.text()", vec![]).await.expect("js").as_str().expect("text").to_owned();
        let typo = text.replacen("        nelayan\n", "        nelayn\n", 1);
        c.execute("window.jaringEditor.setText(arguments[0])", vec![serde_json::json!(typo)]).await.expect("js");
        let problem = until(20, "the diagnostic", || async {
            let li = c.find(Locator::Css("li.problem[data-code=unknown-occupation]")).await.ok()?;
            li.text().await.ok()
        })
        .await;
        assert!(problem.contains("`nelayn` tidak ada dalam katalog pekerjaan"), "{problem}");
        shot("02-diagnostic.png").await;
        // its quick fix
        let fix = c.find(Locator::Css("li.problem[data-code=unknown-occupation] button.fix")).await.expect("a fix");
        assert!(fix.text().await.expect("text").contains("`nelayan`"));
        fix.click().await.expect("click");
        until(20, "the problem to go", || async {
            c.find(Locator::Css("li.problem[data-code=unknown-occupation]")).await.err().map(|_| ())
        })
        .await;
        let fixed: String = c.execute("return window.jaringEditor.text()", vec![]).await.expect("js").as_str().expect("text").to_owned();
        assert_eq!(fixed, text);
        shot("03-fixed.png").await;

        // a smaller quota, badly spaced: the counts and the money follow
        let smaller = text.replacen("    quota 32.268 cite kebijakan-paser\n", "    quota    500   cite kebijakan-paser\n", 1);
        assert_ne!(smaller, text);
        c.execute("window.jaringEditor.setText(arguments[0])", vec![serde_json::json!(smaller)]).await.expect("js");
        until(30, "the counts to change", || async { enrolled().await.filter(|t| t == "500") }).await;
        let money = c.find(Locator::Css("tr[data-funding=total]")).await.expect("money").text().await.expect("text");
        assert!(money.contains("Rp25.200.000"), "{money}");
        let card = c.find(Locator::Css("[data-count=enrolled]")).await.expect("card").text().await.expect("text");
        assert!(card.contains('-') && before != "500", "{card} (before: {before})");
        shot("04-effect.png").await;

        // saved: formatted, on disk
        c.find(Locator::Id("save")).await.expect("save").click().await.expect("click");
        until(20, "the save", || async {
            (c.find(Locator::Id("status")).await.ok()?.text().await.ok()? == "Tersimpan (dirapikan)").then_some(())
        })
        .await;
        let on_disk = std::fs::read_to_string(policies.join("paser-2022.policy")).expect("saved");
        assert!(on_disk.contains("    quota 500 cite kebijakan-paser\n"), "{on_disk}");
        shot("05-saved.png").await;
        c.close().await.expect("close");
    });
    drop(driver);
    let _ = stop.send(());
    for name in ["01-opened.png", "02-diagnostic.png", "03-fixed.png", "04-effect.png", "05-saved.png"] {
        let size = std::fs::metadata(shots.join(name)).map(|m| m.len()).unwrap_or(0);
        assert!(size > 20_000, "{name}: {size} bytes");
    }
}

#[test]
fn a_person_in_the_preview_becomes_a_test_case_that_passes() {
    let (_dir, policies) = workspace();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let (addr, stop) = start(
        &runtime,
        Config {
            dir: policies.clone(),
            registry: Some(root().join("data/samples/paser-2022.csv")),
            run: None,
            listen: "127.0.0.1:0".parse().expect("addr"),
            token: None,
            lang: Lang::En,
        },
    );
    let text = std::fs::read_to_string(policies.join("paser-2022.policy")).expect("policy");
    let smaller = text.replacen("quota 32.268", "quota 100", 1);
    let (status, body) =
        json_post(addr, "/api/preview", &serde_json::json!({"path": "paser-2022.policy", "text": smaller}));
    assert_eq!(status, 200, "{body}");
    let effect: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(effect["after"]["outcomes"]["enrolled"], 100);
    let lost = effect["lost"].as_u64().expect("lost");
    assert_eq!(effect["before"]["outcomes"]["enrolled"].as_u64().expect("before") - 100, lost);
    let one = &effect["losses"][0];
    // masked unless asked
    assert!(one["nik"].as_str().expect("nik").contains("**********"), "{one}");
    let row = one["row"].as_u64().expect("row");
    let cases_before = std::fs::read_to_string(policies.join("paser-2022.tests.toml")).expect("tests");
    // a row that is not in the registry is refused, and the cases file is left as it was
    for hostile in [0u64, u64::from(u32::MAX), 1 << 40] {
        let (status, body) = json_post(
            addr,
            "/api/tests/add",
            &serde_json::json!({"path": "paser-2022.policy", "row": hostile, "name": "no such row"}),
        );
        assert!((400..500).contains(&status), "row {hostile}: {status} {body}");
    }
    assert_eq!(std::fs::read_to_string(policies.join("paser-2022.tests.toml")).expect("tests"), cases_before);
    let (status, body) = json_post(
        addr,
        "/api/tests/add",
        &serde_json::json!({"path": "paser-2022.policy", "row": row, "name": "waits when the quota is 100"}),
    );
    assert_eq!(status, 200, "{body}");
    let cases_after = std::fs::read_to_string(policies.join("paser-2022.tests.toml")).expect("tests");
    assert!(cases_after.starts_with(&cases_before) && cases_after.contains("waits when the quota is 100"));
    assert!(jaring::cases::read(&policies.join("paser-2022.tests.toml")).is_ok(), "the file still reads");
    let (status, body) =
        json_post(addr, "/api/tests", &serde_json::json!({"path": "paser-2022.policy", "text": smaller}));
    assert_eq!(status, 200, "{body}");
    let tests: serde_json::Value = serde_json::from_str(&body).expect("json");
    let added = tests["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["name"] == "waits when the quota is 100")
        .expect("listed");
    assert_eq!(added["passed"], true, "{added}");
    assert!(tests["coverage"].as_array().is_some_and(|c| !c.is_empty()));
    // a plugin that is not pinned is never run
    let unpinned = {
        let start = text.find("        sha256 \"").expect("pin");
        let end = text[start..].find('\n').expect("line") + start + 1;
        format!("{}{}", &text[..start], &text[end..])
    };
    let (status, body) =
        json_post(addr, "/api/preview", &serde_json::json!({"path": "paser-2022.policy", "text": unpinned}));
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("not pinned"), "{body}");
    let _ = stop.send(());
}
