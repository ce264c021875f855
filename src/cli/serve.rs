//! `jaring serve`: starts the workbench and opens it in the browser.

use std::path::PathBuf;

use super::Exit;
use crate::i18n::Lang;
use crate::msg;

pub struct ServeArgs {
    pub dir: PathBuf,
    pub registry: Option<PathBuf>,
    pub run: Option<PathBuf>,
    pub port: u16,
    pub listen: Option<std::net::IpAddr>,
    pub token: Option<String>,
    pub no_browser: bool,
    pub lang: Lang,
}

pub fn run(args: ServeArgs) -> anyhow::Result<Exit> {
    let ip = args.listen.unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
    let config = crate::serve::Config {
        dir: args.dir,
        registry: args.registry,
        run: args.run,
        listen: std::net::SocketAddr::new(ip, args.port),
        token: args.token,
        lang: args.lang,
    };
    let no_browser = args.no_browser;
    let lang = args.lang;
    crate::serve::run(config, |url| {
        eprintln!("{}", msg!("serve-listening", url = url).text(lang));
        if !no_browser {
            // the user's browser, when there is one; nothing happens when there is not
            let _ = std::process::Command::new("xdg-open")
                .arg(url)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn();
        }
    })?;
    Ok(Exit::Ok)
}
