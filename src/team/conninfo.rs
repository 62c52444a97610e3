//! Reaching a team's PostgreSQL server the way libpq would: a URL (`postgresql://user@host:port/db`,
//! `postgresql:///db?host=/socket/dir&user=alice`) or key/value pairs (`host=… dbname=… user=…`), the
//! password from the URL, else `PGPASSWORD`, else the password file (`PGPASSFILE`, else `~/.pgpass`:
//! lines `host:port:database:user:password`, `*` matching anything, `\:` and `\\` escaped, ignored
//! unless only its owner may read it), and `sslmode` disable, prefer (the default), require (encrypted,
//! the server not verified) or verify-full (encrypted, the certificate checked against the system's
//! roots or `sslrootcert`, and the host name).
//!
//! A password is used to connect and dropped: it is never shown, stored or logged — the URL kept in a
//! replica and printed anywhere is [`Target::shown`], rebuilt from the parts without it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use postgres::config::{Host, SslMode};
use postgres::{Client, Config};

use super::TeamError;

/// How the connection is protected.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tls {
    Disable,
    Prefer,
    Require,
    VerifyFull { root: Option<PathBuf> },
}

/// A server to connect to, parsed from what the user typed.
#[derive(Debug, Clone)]
pub struct Target {
    config: Config,
    tls: Tls,
    shown: String,
}

impl Target {
    /// Parses a libpq URL or key/value string. The user defaults to `PGUSER`, else the OS user.
    pub fn parse(url: &str) -> Result<Target, TeamError> {
        let (rest, sslmode, root) = take_ssl_params(url.trim());
        let mut config: Config = rest.parse().map_err(|_| TeamError::Input(crate::t!("team-url-unreadable")))?;
        let tls = match sslmode.as_deref() {
            None | Some("prefer") => Tls::Prefer,
            Some("disable") => Tls::Disable,
            Some("require") => Tls::Require,
            Some("verify-full") => Tls::VerifyFull { root },
            Some(other) => {
                return Err(TeamError::Input(crate::t!(
                    "team-sslmode-unsupported",
                    mode = crate::domain::text::clean(other, false)
                )));
            }
        };
        if config.get_user().is_none() {
            let user = std::env::var("PGUSER")
                .ok()
                .or_else(|| std::env::var("USER").ok())
                .filter(|u| !u.is_empty())
                .ok_or_else(|| TeamError::Input(crate::t!("team-url-no-user")))?;
            config.user(&user);
        }
        if config.get_hosts().is_empty() {
            config.host("localhost");
        }
        let shown = shown(&config, &tls);
        Ok(Target { config, tls, shown })
    }

    /// Refuses a URL typed on the command line that carries a password: every user of the machine sees
    /// it in `ps` (and it stays in the shell's history). The password file or `PGPASSWORD` instead.
    pub fn refuse_password(url: &str) -> Result<(), TeamError> {
        let (rest, _, _) = take_ssl_params(url.trim());
        match rest.parse::<Config>() {
            Ok(config) if config.get_password().is_some() => Err(TeamError::Input(crate::t!("team-password-in-url"))),
            _ => Ok(()),
        }
    }

    /// The URL without its password: what a replica keeps and messages show.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    pub fn user(&self) -> &str {
        self.config.get_user().unwrap_or_default()
    }

    /// Connects, waiting at most `timeout` in all for the server to answer: the socket, TLS and the
    /// start-up exchange (a server that accepts the connection and then says nothing is given up
    /// after `timeout` too). TCP keepalives notice a network that went away under an idle connection,
    /// and data the server does not acknowledge within `timeout` × 5 closes it; the session asks the
    /// server for keepalives too (idle 30 s, every 10 s, 3 tries), so a vanished desk's session ends.
    pub fn connect(&self, timeout: Duration) -> Result<Client, TeamError> {
        let mut config = self.config.clone();
        config.connect_timeout(timeout);
        config.application_name("helpdesk");
        config.keepalives(true).keepalives_idle(Duration::from_secs(30)).keepalives_interval(Duration::from_secs(10));
        config.keepalives_retries(3).tcp_user_timeout(super::answer_limit(timeout));
        // The server's side of the same: a desk that vanished (a laptop closed mid-exchange, a cable
        // pulled) is noticed by the server within about a minute, and its session — with the team's
        // pricing lock, should it hold it — goes, instead of after the system's two hours.
        let ours = "-c tcp_keepalives_idle=30 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3";
        let options = match config.get_options() {
            Some(theirs) if !theirs.trim().is_empty() => format!("{theirs} {ours}"),
            _ => ours.to_string(),
        };
        config.options(&options);
        if config.get_password().is_none()
            && let Some(password) = self.password()
        {
            config.password(password);
        }
        let connector = match &self.tls {
            Tls::Disable => None,
            tls => {
                let mut builder = native_tls::TlsConnector::builder();
                match tls {
                    Tls::VerifyFull { root: Some(path) } => {
                        let pem = std::fs::read(path).map_err(|e| {
                            TeamError::Failure(crate::t!(
                                "team-sslrootcert-unreadable",
                                path = path.display().to_string(),
                                error = e.to_string()
                            ))
                        })?;
                        let cert = native_tls::Certificate::from_pem(&pem).map_err(|e| {
                            TeamError::Failure(crate::t!(
                                "team-sslrootcert-not-pem",
                                path = path.display().to_string(),
                                error = e.to_string()
                            ))
                        })?;
                        builder.add_root_certificate(cert);
                    }
                    Tls::VerifyFull { root: None } => {}
                    _ => {
                        // libpq's require and prefer encrypt without checking who answers.
                        builder.danger_accept_invalid_certs(true).danger_accept_invalid_hostnames(true);
                    }
                }
                let connector = builder
                    .build()
                    .map_err(|e| TeamError::Failure(crate::t!("team-tls-setup", error = e.to_string())))?;
                let mode = if matches!(tls, Tls::Prefer) { SslMode::Prefer } else { SslMode::Require };
                config.ssl_mode(mode);
                Some(connector)
            }
        };
        let made = super::bounded(timeout, move || match connector {
            None => config.ssl_mode(SslMode::Disable).connect(postgres::NoTls),
            Some(connector) => config.connect(postgres_native_tls::MakeTlsConnector::new(connector)),
        });
        match made {
            Some(client) => client.map_err(|e| super::connect_error(&e, self)),
            None => Err(TeamError::Unreachable(crate::t!(
                "team-connect-timeout",
                at = self.shown.as_str(),
                ms = timeout.as_millis() as u64
            ))),
        }
    }

    /// The password from `PGPASSWORD`, else from the password file.
    fn password(&self) -> Option<String> {
        if let Some(p) = std::env::var("PGPASSWORD").ok().filter(|p| !p.is_empty()) {
            return Some(p);
        }
        let file = match std::env::var_os("PGPASSFILE") {
            Some(f) => PathBuf::from(f),
            None => directories::BaseDirs::new()?.home_dir().join(".pgpass"),
        };
        let text = read_private(&file)?;
        let (host, port) = match self.config.get_hosts().first() {
            Some(Host::Tcp(h)) => (h.clone(), self.port()),
            #[cfg(unix)]
            Some(Host::Unix(p)) => (p.display().to_string(), self.port()),
            None => ("localhost".into(), self.port()),
        };
        let db = self.config.get_dbname().unwrap_or(self.user()).to_string();
        let unix = host.starts_with('/');
        pgpass_lookup(&text, &[host.as_str()], &port.to_string(), &db, self.user()).or_else(|| {
            unix.then(|| pgpass_lookup(&text, &["localhost"], &port.to_string(), &db, self.user())).flatten()
        })
    }

    fn port(&self) -> u16 {
        self.config.get_ports().first().copied().unwrap_or(5432)
    }
}

/// The password file's text, when only its owner may read it (as libpq requires).
fn read_private(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() || meta.permissions().mode() & 0o077 != 0 {
            tracing::warn!("password file ignored: readable by others (chmod 0600 it)");
            return None;
        }
    }
    std::fs::read_to_string(path).ok()
}

/// The first line of a password file that matches; `*` matches anything.
pub fn pgpass_lookup(text: &str, hosts: &[&str], port: &str, db: &str, user: &str) -> Option<String> {
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields = split_pgpass(line);
        if fields.len() < 5 {
            continue;
        }
        let ok = |field: &str, value: &str| field == "*" || field == value;
        if hosts.iter().any(|h| ok(&fields[0], h)) && ok(&fields[1], port) && ok(&fields[2], db) && ok(&fields[3], user)
        {
            return Some(fields[4..].join(":"));
        }
    }
    None
}

/// Splits a password-file line at unescaped colons, undoing `\:` and `\\`.
fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut().expect("one field at least").push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut().expect("one field at least").push(c),
        }
    }
    fields
}

/// Removes `sslmode` and `sslrootcert` (which we handle ourselves) from a URL's query or a key/value
/// string: (the rest, sslmode, sslrootcert).
fn take_ssl_params(url: &str) -> (String, Option<String>, Option<PathBuf>) {
    let mut mode = None;
    let mut root = None;
    let mut take = |key: &str, value: &str| match key {
        "sslmode" => {
            mode = Some(value.to_string());
            true
        }
        "sslrootcert" => {
            root = Some(PathBuf::from(value));
            true
        }
        _ => false,
    };
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let Some((base, query)) = url.split_once('?') else { return (url.to_string(), None, None) };
        let kept: Vec<&str> = query
            .split('&')
            .filter(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                !take(k, &percent_decode(v))
            })
            .collect();
        let rest = if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) };
        (rest, mode, root)
    } else {
        let kept: Vec<&str> = url
            .split_whitespace()
            .filter(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                !take(k.trim(), v.trim_matches('\''))
            })
            .collect();
        (kept.join(" "), mode, root)
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => (b as char).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// The URL rebuilt from its parts, without a password.
fn shown(config: &Config, tls: &Tls) -> String {
    let user = config.get_user().unwrap_or_default();
    let db = config.get_dbname().unwrap_or(user);
    let port = config.get_ports().first().copied();
    let mut query = Vec::new();
    let mut out = match config.get_hosts().first() {
        #[cfg(unix)]
        Some(Host::Unix(dir)) => {
            query.push(format!("host={}", percent_encode(&dir.display().to_string())));
            if let Some(p) = port {
                query.push(format!("port={p}"));
            }
            query.push(format!("user={}", percent_encode(user)));
            format!("postgresql:///{}", percent_encode(db))
        }
        Some(Host::Tcp(host)) => {
            let host = if host.contains(':') { format!("[{host}]") } else { host.clone() };
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            format!("postgresql://{}@{host}{port}/{}", percent_encode(user), percent_encode(db))
        }
        None => format!("postgresql://{}@localhost/{}", percent_encode(user), percent_encode(db)),
    };
    match tls {
        Tls::Prefer => {}
        Tls::Disable => query.push("sslmode=disable".into()),
        Tls::Require => query.push("sslmode=require".into()),
        Tls::VerifyFull { root } => {
            query.push("sslmode=verify-full".into());
            if let Some(r) = root {
                query.push(format!("sslrootcert={}", percent_encode(&r.display().to_string())));
            }
        }
    }
    if !query.is_empty() {
        out.push('?');
        out.push_str(&query.join("&"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_never_survives_into_the_shown_url() {
        let t = Target::parse("postgresql://alice:s3cret@127.0.0.1:5433/helpdesk?sslmode=require").unwrap();
        assert_eq!(t.shown(), "postgresql://alice@127.0.0.1:5433/helpdesk?sslmode=require");
        let t = Target::parse("host=/tmp/pg dbname=helpdesk user=bob password=x port=5999").unwrap();
        assert_eq!(t.shown(), "postgresql:///helpdesk?host=/tmp/pg&port=5999&user=bob");
        let t = Target::parse("postgresql:///helpdesk?host=/tmp/pg&user=bob").unwrap();
        assert_eq!(t.shown(), "postgresql:///helpdesk?host=/tmp/pg&user=bob");
    }

    #[test]
    fn a_password_typed_in_a_url_is_refused_and_one_without_is_not() {
        assert!(Target::refuse_password("postgresql://alice:s3cret@127.0.0.1:5433/helpdesk").is_err());
        assert!(Target::refuse_password("host=/tmp/pg dbname=helpdesk user=bob password=x").is_err());
        assert!(Target::refuse_password("postgresql://alice@127.0.0.1:5433/helpdesk?sslmode=require").is_ok());
        assert!(Target::refuse_password("postgresql:///helpdesk?host=/tmp/pg&user=bob").is_ok());
    }

    #[test]
    fn unknown_sslmodes_are_refused() {
        assert!(Target::parse("postgresql://a@h/d?sslmode=allow").is_err());
    }

    #[test]
    fn password_file_lines_match_field_by_field() {
        let text = "# comment\nother:5432:*:alice:no\n127.0.0.1:5433:helpdesk:alice:pa\\:ss\n*:*:*:*:any\n";
        assert_eq!(pgpass_lookup(text, &["127.0.0.1"], "5433", "helpdesk", "alice").as_deref(), Some("pa:ss"));
        assert_eq!(pgpass_lookup(text, &["x"], "1", "d", "u").as_deref(), Some("any"));
        assert_eq!(pgpass_lookup("h:1:d:u:p\n", &["h"], "2", "d", "u"), None);
    }
}
