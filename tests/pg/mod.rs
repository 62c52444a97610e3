//! A throwaway PostgreSQL cluster for the team-server tests: `initdb` + `pg_ctl` from the system's
//! PostgreSQL in a temp dir, listening on a Unix socket in that dir and on a free loopback TCP port
//! (`scram-sha-256` there; the socket trusts local users). PostgreSQL refuses to run as root, so as root
//! the server runs as the `postgres` user (through `runuser`) in a dir it may enter. Stopped when the
//! guard is dropped, also when a test fails.
//!
//! No PostgreSQL binaries: the tests fail saying how to install them, unless `HELPDESK_TEST_PG=skip`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Pg {
    dir: tempfile::TempDir,
    bin: PathBuf,
    /// The user the server runs as (when the tests run as root).
    run_as: Option<String>,
    pub port: u16,
}

/// Where `initdb` and `pg_ctl` are: on PATH, else the newest /usr/lib/postgresql/*/bin.
fn binaries() -> Option<PathBuf> {
    for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
        if dir.join("initdb").is_file() && dir.join("pg_ctl").is_file() {
            return Some(dir);
        }
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let version = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            (bin.join("initdb").is_file() && bin.join("pg_ctl").is_file()).then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

impl Pg {
    /// Starts a cluster, or `None` when `HELPDESK_TEST_PG=skip` asks to skip.
    pub fn start() -> Option<Pg> {
        Self::start_with(false)
    }

    /// A cluster whose TCP port takes TLS connections only (a self-signed certificate for 127.0.0.1,
    /// its file at [`Pg::certificate`]).
    pub fn start_tls() -> Option<Pg> {
        Self::start_with(true)
    }

    fn start_with(tls: bool) -> Option<Pg> {
        if std::env::var("HELPDESK_TEST_PG").is_ok_and(|v| v == "skip") {
            eprintln!("HELPDESK_TEST_PG=skip: the team-server test is skipped");
            return None;
        }
        let bin = binaries().unwrap_or_else(|| {
            panic!(
                "the team-server tests need PostgreSQL's server programs (initdb, pg_ctl), found neither on PATH \
                 nor under /usr/lib/postgresql/*/bin: install them (`apt-get install -y postgresql`), or set \
                 HELPDESK_TEST_PG=skip to skip these tests"
            )
        });
        let run_as = is_root().then(|| "postgres".to_string());
        let dir = tempfile::Builder::new().prefix("helpdesk-pg-").tempdir_in("/tmp").expect("a temp dir");
        set_mode(dir.path(), 0o777);
        let port = free_port();
        let mut pg = Pg { dir, bin, run_as, port };
        pg.init();
        if tls {
            pg.with_tls();
        }
        pg.pg_ctl(&["start", "-w", "-t", "60", "-l", &pg.path("server.log").display().to_string()]);
        Some(pg)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn data(&self) -> PathBuf {
        self.path("data")
    }

    /// The directory of the server's Unix socket.
    pub fn socket_dir(&self) -> PathBuf {
        self.path("sock")
    }

    fn command(&self, program: &str) -> Command {
        use std::os::unix::process::CommandExt;
        let exe = self.bin.join(program);
        let mut c = match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(exe);
                c
            }
            None => Command::new(exe),
        };
        // The server outlives this command (pg_ctl starts it in the background): it must not keep
        // descriptors the test process inherited open — e.g. a `flock` held around `cargo test`, which
        // a server left running after a killed test would otherwise hold for ever.
        // They are marked close-on-exec (not closed: the pipe that reports a failed exec stays usable).
        // SAFETY: `close_range` is async-signal-safe and touches no memory of this process.
        unsafe {
            c.pre_exec(|| {
                libc::close_range(3, libc::c_uint::MAX, libc::CLOSE_RANGE_CLOEXEC as libc::c_int);
                Ok(())
            });
        }
        c
    }

    fn run(&self, mut c: Command, what: &str) {
        let out = c.output().unwrap_or_else(|e| panic!("{what}: cannot run it: {e}"));
        assert!(
            out.status.success(),
            "{what} failed: {}\n{}\nserver log:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(self.path("server.log")).unwrap_or_default()
        );
    }

    fn init(&mut self) {
        std::fs::create_dir(self.socket_dir()).unwrap();
        set_mode(&self.socket_dir(), 0o777);
        let mut c = self.command("initdb");
        c.arg("-D").arg(self.data()).args(["-U", "admin", "--auth-local=trust", "--auth-host=scram-sha-256"]);
        c.args(["--no-sync", "-E", "UTF8", "--locale=C"]);
        self.run(c, "initdb");
        let conf = format!(
            "\nlisten_addresses = '127.0.0.1'\nport = {}\nunix_socket_directories = '{}'\nfsync = off\n\
             full_page_writes = off\nsynchronous_commit = off\nmax_connections = 50\nshared_buffers = 16MB\n",
            self.port,
            self.socket_dir().display()
        );
        append(&self.data().join("postgresql.conf"), &conf);
        std::fs::write(
            self.data().join("pg_hba.conf"),
            "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n",
        )
        .unwrap();
        // The server writes its log beside its data.
        std::fs::write(self.path("server.log"), "").unwrap();
        set_mode(&self.path("server.log"), 0o666);
    }

    /// The server's self-signed certificate (PEM), to verify it with `sslrootcert`.
    pub fn certificate(&self) -> PathBuf {
        self.path("server.crt")
    }

    fn with_tls(&self) {
        let mut c = Command::new("openssl");
        c.args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"]);
        c.args(["-addext", "subjectAltName=IP:127.0.0.1", "-keyout"]).arg(self.path("server.key"));
        c.arg("-out").arg(self.certificate());
        self.run(c, "openssl req (the TLS test needs the openssl program)");
        for name in ["server.key", "server.crt"] {
            std::fs::copy(self.path(name), self.data().join(name)).unwrap();
            set_mode(&self.data().join(name), 0o600);
            if let Some(user) = &self.run_as {
                let mut c = Command::new("chown");
                c.arg(user).arg(self.data().join(name));
                self.run(c, "chown");
            }
        }
        append(&self.data().join("postgresql.conf"), "ssl = on\n");
        std::fs::write(
            self.data().join("pg_hba.conf"),
            "local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n",
        )
        .unwrap();
    }

    fn pg_ctl(&self, args: &[&str]) {
        let mut c = self.command("pg_ctl");
        c.arg("-D").arg(self.data()).args(args);
        self.run(c, &format!("pg_ctl {}", args.join(" ")));
    }

    /// Stops the server (fast shutdown: connections are cut, as in an upgrade's restart); the data, the
    /// port and the socket directory stay for [`Pg::start_again`].
    pub fn stop(&self) {
        self.pg_ctl(&["-m", "fast", "-w", "-t", "60", "stop"]);
    }

    /// Starts the stopped server again on the same port and socket.
    pub fn start_again(&self) {
        self.pg_ctl(&["start", "-w", "-t", "60", "-l", &self.path("server.log").display().to_string()]);
    }

    /// Cuts every helpdesk connection from the server's side (`pg_terminate_backend`): how many.
    pub fn terminate_desks(&self, db: &str) -> i64 {
        self.admin(db)
            .query_one(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'helpdesk'",
                &[],
            )
            .expect("the admin terminates the desks' connections")
            .get(0)
    }

    /// Freezes the whole cluster — the postmaster and every server process — with `SIGSTOP`, as a hung
    /// host would be: connections are still accepted (by the kernel) and nothing answers. The guard
    /// thaws it (`SIGCONT`) when dropped, also when a test fails.
    pub fn freeze(&self) -> Frozen {
        let text = std::fs::read_to_string(self.data().join("postmaster.pid")).expect("the server runs");
        let postmaster: i32 = text.lines().next().and_then(|l| l.trim().parse().ok()).expect("the postmaster's pid");
        let mut pids = vec![postmaster];
        for entry in std::fs::read_dir("/proc").unwrap().filter_map(|e| e.ok()) {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else { continue };
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
            // `pid (name) state ppid …`: the name may hold spaces, so read after its closing parenthesis.
            let ppid = stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().nth(1)?.parse::<i32>().ok());
            if ppid == Some(postmaster) {
                pids.push(pid);
            }
        }
        for pid in &pids {
            // SAFETY: kill has no memory effects; these are the processes of this test's own cluster.
            unsafe { libc::kill(*pid, libc::SIGSTOP) };
        }
        Frozen { pids }
    }

    /// A URL over the Unix socket as `user` (trusted: no password) to database `db`.
    pub fn socket_url(&self, user: &str, db: &str) -> String {
        format!("postgresql:///{db}?host={}&port={}&user={user}", self.socket_dir().display(), self.port)
    }

    /// A URL over loopback TCP as `user` (scram-sha-256: a password is needed).
    pub fn tcp_url(&self, user: &str, db: &str) -> String {
        format!("postgresql://{user}@127.0.0.1:{}/{db}?sslmode=disable", self.port)
    }

    /// A connection as the cluster's superuser.
    pub fn admin(&self, db: &str) -> postgres::Client {
        postgres::Client::connect(&self.socket_url("admin", db), postgres::NoTls).expect("the admin connects")
    }

    /// A connection as `user` over the socket.
    pub fn connect_as(&self, user: &str, db: &str) -> postgres::Client {
        postgres::Client::connect(&self.socket_url(user, db), postgres::NoTls).expect("the role connects")
    }

    /// `createdb NAME` and `createuser` for each role (LOGIN, with the password when given).
    pub fn create(&self, db: &str, roles: &[(&str, Option<&str>)]) {
        let mut admin = self.admin("postgres");
        admin.batch_execute(&format!("CREATE DATABASE {db}")).unwrap();
        for (role, password) in roles {
            let pw = password.map(|p| format!(" PASSWORD '{p}'")).unwrap_or_default();
            admin.batch_execute(&format!("CREATE ROLE {role} LOGIN{pw}")).unwrap();
        }
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        let mut c = self.command("pg_ctl");
        c.arg("-D").arg(self.data()).args(["-m", "immediate", "-w", "stop"]);
        let _ = c.output();
    }
}

/// A frozen cluster (see [`Pg::freeze`]); thawed when dropped.
pub struct Frozen {
    pids: Vec<i32>,
}

impl Drop for Frozen {
    fn drop(&mut self) {
        for pid in &self.pids {
            // SAFETY: as in `Pg::freeze`.
            unsafe { libc::kill(*pid, libc::SIGCONT) };
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A loopback port where nothing listens.
pub fn closed_port() -> u16 {
    free_port()
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn append(path: &Path, text: &str) {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    f.write_all(text.as_bytes()).unwrap();
}
