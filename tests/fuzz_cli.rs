//! Every subcommand and every environment variable, fuzzed: the binary never panics or dies of a
//! signal, exits with a documented code (0, 1, 2, 3), and when it fails it says so in exactly one line
//! on stderr, without control characters; when one changed input is what made it fail, that line
//! names the input (its flag, its variable, or its value).
//!
//! The commands come from clap's tree at test time (`Cli::command()`), so a subcommand or flag added
//! later is fuzzed without touching this file; the variables come from `environment::VARIABLES`.
//! Each case is a valid invocation (values chosen by each argument's value name or id) and the same
//! invocation with one thing changed — an argument's value, a required argument left out, an unknown
//! flag, or one variable set to a bad value — each run on a fresh copy of the same small database.
//! The generator is seeded: every run tries the same cases.

use std::path::Path;
use std::process::{Command, Stdio};

use clap::CommandFactory;
use helpdesk::cli::Cli;

const NOW: &str = "2026-03-10T09:00:00+01:00";
const CASES_PER_COMMAND: usize = 40;
const ENV_CASES: usize = 200;

/// Values that are wrong for most arguments (and a few that are odd but fine).
const JUNK: &[&str] = &[
    "",
    " ",
    "-1",
    "0",
    "007",
    "4294967296",
    "99999999999999999999",
    "1e3",
    "0x10",
    "abc",
    "\u{1b}[2J\u{1b}]0;pwned\u{7}",
    "\u{202e}evil",
    "line\nbreak",
    "💥",
    "-",
    "--",
    "2026-13",
    "2026-02-30",
    "2026-03-10T25:00:00Z",
    "B-",
    "#0",
    "A-99999999999999999999",
    "none",
    "nonexistent/dir/x.db",
    "/",
    ".",
];

/// splitmix64: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn junk(&mut self) -> String {
        match self.below(8) {
            0 => (0..self.below(40)).map(|_| char::from_u32(self.below(0x3000) as u32).unwrap_or('?')).collect(),
            1 => "x".repeat(1 + self.below(5000)),
            _ => self.pick(JUNK).to_string(),
        }
    }
}

/// One argument of a command, as clap describes it.
#[derive(Clone, Debug)]
struct ArgSpec {
    id: String,
    long: Option<String>,
    value_name: String,
    possible: Vec<String>,
    takes_value: bool,
    required: bool,
    positional: bool,
    many: bool,
}

/// A command to fuzz: its path (`ticket list`) and its own arguments.
#[derive(Debug)]
struct Leaf {
    path: Vec<String>,
    args: Vec<ArgSpec>,
}

fn spec(a: &clap::Arg) -> ArgSpec {
    ArgSpec {
        id: a.get_id().to_string(),
        long: a.get_long().map(str::to_string),
        value_name: a.get_value_names().and_then(|v| v.first()).map_or(String::new(), |v| v.to_string()),
        possible: a.get_possible_values().iter().map(|p| p.get_name().to_string()).collect(),
        takes_value: a.get_action().takes_values(),
        required: a.is_required_set(),
        positional: a.is_positional(),
        many: a.get_num_args().is_some_and(|n| n.max_values() > 1),
    }
}

/// Every command of the tree that can run (hidden test support left out), with its own arguments.
fn leaves() -> Vec<Leaf> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Leaf>) {
        let args: Vec<ArgSpec> = cmd
            .get_arguments()
            .filter(|a| !a.is_global_set() && !matches!(a.get_id().as_str(), "help" | "version"))
            .map(spec)
            .collect();
        let subs: Vec<&clap::Command> = cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
        if subs.is_empty() || !args.is_empty() || !cmd.is_subcommand_required_set() {
            out.push(Leaf { path: path.clone(), args });
        }
        for sub in subs {
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            walk(sub, p, out);
        }
    }
    let root = Cli::command();
    let mut out = Vec::new();
    walk(&root, Vec::new(), &mut out);
    out
}

/// The global flags (`--db`, `--as`, `--read-only`).
fn globals() -> Vec<ArgSpec> {
    Cli::command()
        .get_arguments()
        .filter(|a| a.is_global_set() && !matches!(a.get_id().as_str(), "help" | "version"))
        .map(spec)
        .collect()
}

/// One run's sandbox: a copy of the seeded database, an empty config directory, an empty PATH.
struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    fn new(template: &Path) -> Self {
        let dir = tempfile::tempdir().unwrap();
        for name in ["config", "bin"] {
            std::fs::create_dir(dir.path().join(name)).unwrap();
        }
        std::fs::copy(template.join("team.db"), dir.path().join("team.db")).unwrap();
        std::fs::copy(template.join("other.db"), dir.path().join("other.db")).unwrap();
        std::fs::copy(template.join("team.hds"), dir.path().join("team.hds")).unwrap();
        Case { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_string_lossy().into_owned()
    }
}

/// A value the argument accepts (by its value name, its id, or its possible values).
fn valid(arg: &ArgSpec, case: &Case) -> String {
    if let Some(first) = arg.possible.first() {
        return first.clone();
    }
    match (arg.value_name.as_str(), arg.id.as_str()) {
        ("YYYY-MM", _) | (_, "month") => "2026-03".into(),
        ("RFC3339", _) | (_, "from") | (_, "to") => NOW.into(),
        ("DATE|RFC3339", _) | ("YYYY-MM-DD", _) => "2026-03-20".into(),
        ("N", _) => "3".into(),
        ("M", _) => "45".into(),
        ("S", _) => "7".into(),
        ("standard|plus|vip|none", _) => "plus".into(),
        ("technician|consultant", _) => "consultant".into(),
        ("request|incident|consultation|change", _) => "incident".into(),
        ("new|open|waiting|resolved|closed", _) => "waiting".into(),
        ("kept|other", _) => "kept".into(),
        ("OTHER_DB", _) | ("TEAM_DB", _) => case.path("other.db"),
        ("COMMAND", _) => "true".into(),
        (_, "db") => case.path("team.db"),
        (_, "file") if arg.value_name.is_empty() || arg.value_name == "FILE" => case.path("team.hds"),
        ("FILE", _) | ("PATH", _) | ("LAPTOP_DB", _) | (_, "output") | (_, "laptop") => case.path("new-file"),
        (_, "ticket") => "1".into(),
        (_, "year") => "2026".into(),
        (_, "hours") => "4".into(),
        (_, "minutes") => "45".into(),
        (_, "name") | (_, "customer") => "Acme".into(),
        (_, "entry") | (_, "id") => "abcdef".into(),
        (_, "peer") => "team".into(),
        // A technician by name: a new one is named on purpose, with a leading `+`.
        (_, "by") | (_, "assignee") => "+Text".into(),
        _ => "text".into(),
    }
}

/// What one case changes in the valid invocation.
#[derive(Debug, Clone)]
enum Change {
    None,
    /// The argument (its flag, or its value name) got this value.
    Value {
        name: String,
        value: String,
    },
    /// A required argument left out (a positional one: the next takes its place, so clap may name
    /// another as missing).
    Dropped {
        name: String,
        positional: bool,
    },
    UnknownFlag,
    Env {
        name: String,
        value: String,
    },
}

struct Invocation {
    args: Vec<String>,
    env: Vec<(String, String)>,
}

/// The valid invocation of `leaf` (optional arguments each given or not) and one change to it.
fn invocation(leaf: &Leaf, case: &Case, rng: &mut Rng) -> (Invocation, Invocation, Change) {
    let mut chosen: Vec<&ArgSpec> = Vec::new();
    let globals = globals();
    chosen.extend(globals.iter().filter(|a| a.id == "db" || rng.below(4) == 0));
    // Demo data stays small: its counts are always given.
    let small = leaf.path == ["demo"];
    chosen.extend(leaf.args.iter().filter(|a| a.required || (small && a.takes_value) || rng.below(2) == 0));
    let mut change = match rng.below(10) {
        0 => Change::None,
        1 => Change::UnknownFlag,
        2..=3 => Change::Env { name: String::new(), value: String::new() },
        _ => Change::Value { name: String::new(), value: String::new() },
    };
    let mut change_at = None;
    if let Change::Value { .. } = change {
        let candidates: Vec<usize> = (0..chosen.len()).filter(|&i| chosen[i].takes_value).collect();
        if candidates.is_empty() {
            change = Change::UnknownFlag;
        } else {
            change_at = Some(*rng.pick(&candidates));
        }
    }
    let required: Vec<usize> = (0..chosen.len()).filter(|&i| chosen[i].required).collect();
    if rng.below(8) == 0 && !required.is_empty() {
        let i = *rng.pick(&required);
        change = Change::Dropped {
            name: chosen[i].long.clone().unwrap_or_else(|| chosen[i].id.clone()),
            positional: chosen[i].positional,
        };
        change_at = Some(i);
    }
    let mut base = leaf.path.clone();
    let mut changed = leaf.path.clone();
    let mut positionals: Vec<(String, String)> = Vec::new();
    for (i, a) in chosen.iter().enumerate() {
        let good = valid(a, case);
        let bad = if change_at == Some(i) { Some(rng.junk()) } else { None };
        let dropped = change_at == Some(i) && matches!(change, Change::Dropped { .. });
        if let (Some(v), Change::Value { name, value }) = (&bad, &mut change) {
            *name = a.long.as_ref().map_or_else(|| format!("<{}>", a.value_name.to_uppercase()), |l| format!("--{l}"));
            *value = v.clone();
        }
        let push = |to: &mut Vec<String>, value: Option<&str>| match (&a.long, a.positional, value) {
            (_, true, Some(v)) => to.push(v.to_string()),
            (Some(l), false, Some(v)) => to.push(format!("--{l}={v}")),
            (Some(l), false, None) => to.push(format!("--{l}")),
            _ => {}
        };
        if a.positional {
            positionals.push((
                good.clone(),
                if dropped { String::from("\0dropped") } else { bad.clone().unwrap_or(good.clone()) },
            ));
            continue;
        }
        let value = a.takes_value.then_some(good.as_str());
        push(&mut base, value);
        if !dropped {
            let changed_value = bad.as_deref().or(value);
            push(&mut changed, if a.takes_value { changed_value } else { None });
        }
        if a.many && rng.below(3) == 0 {
            push(&mut base, value);
            push(&mut changed, value);
        }
    }
    if !positionals.is_empty() {
        base.push("--".into());
        changed.push("--".into());
    }
    for (good, bad) in positionals {
        base.push(good);
        if bad != "\0dropped" {
            changed.push(bad);
        }
    }
    if matches!(change, Change::UnknownFlag) {
        changed.insert(leaf.path.len(), "--no-such-flag".into());
    }
    let env = vec![
        ("HOME".to_string(), case.path("")),
        ("HELPDESK_CONFIG_DIR".to_string(), case.path("config")),
        ("HELPDESK_NOW".to_string(), NOW.to_string()),
        ("HELPDESK_USER".to_string(), "alice".to_string()),
        ("PATH".to_string(), case.path("bin")),
        ("TZ".to_string(), "Asia/Tokyo".to_string()),
    ];
    let mut changed_env = env.clone();
    if let Change::Env { name, value } = &mut change {
        let (var, _, _) = rng.pick(helpdesk::environment::VARIABLES);
        *name = var.to_string();
        *value = rng.junk().replace('\0', "");
        changed_env.retain(|(k, _)| k != var);
        changed_env.push((name.clone(), value.clone()));
    }
    (Invocation { args: base, env }, Invocation { args: changed, env: changed_env }, change)
}

struct Outcome {
    code: i32,
    stderr: String,
}

fn run(case: &Case, inv: &Invocation) -> Outcome {
    let out = Command::new(env!("CARGO_BIN_EXE_helpdesk"))
        .env_clear()
        .envs(inv.env.iter().map(|(k, v)| (k, v)))
        .current_dir(case.dir.path())
        .args(&inv.args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let code = match out.status.code() {
        Some(c) => c,
        None => panic!("{:?} died of a signal: {}", inv.args, String::from_utf8_lossy(&out.stderr)),
    };
    Outcome { code, stderr: String::from_utf8_lossy(&out.stderr).into_owned() }
}

fn has_control(s: &str) -> bool {
    s.chars().any(|c| {
        (c.is_control() && c != '\n')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

fn check(inv: &Invocation, out: &Outcome) {
    let what = format!("{:?} with {:?}", inv.args, inv.env);
    assert!([0, 1, 2, 3].contains(&out.code), "{what}: exit {} (101 is a panic): {}", out.code, out.stderr);
    if out.code != 0 {
        assert!(
            out.stderr.starts_with("helpdesk: ") && out.stderr.ends_with('\n') && out.stderr.lines().count() == 1,
            "{what}: not one line on stderr: {:?}",
            out.stderr
        );
        assert!(!has_control(out.stderr.trim_end()), "{what}: control characters on stderr: {:?}", out.stderr);
        // The standard parsers' own words are not an answer (`invalid digit found in string`, …).
        for raw in ["invalid digit", "number too large", "number too small", "cannot parse", "invalid float"] {
            assert!(!out.stderr.contains(raw), "{what}: a parser's own words: {}", out.stderr);
        }
    }
}

/// Whether a failure message names the changed input.
/// The Czech word a Czech message uses for an argument the English one calls `bare` (issue 18).
fn czech_name(bare: &str) -> Option<&'static str> {
    Some(match bare {
        "name" => "jméno",
        "title" => "název",
        "text" => "komentář",
        "by" => "--by",
        "ticket" => "tiket",
        "email" => "e-mail",
        "domain" => "doména",
        "month" | "from" | "since" => "měsíc",
        _ => return None,
    })
}

fn names(stderr: &str, change: &Change) -> bool {
    let clean = |v: &str| helpdesk::domain::text::clean(v, false);
    match change {
        Change::Value { name, value } => {
            let shown = clean(value);
            let bare = name.trim_start_matches("--").trim_matches(['<', '>']).to_lowercase();
            stderr.contains(name.as_str())
                || stderr.to_lowercase().contains(&bare)
                // Under `--lang=cs` the message names the value in Czech.
                || czech_name(&bare).is_some_and(|cs| stderr.to_lowercase().contains(cs))
                // An empty value is said as empty, naming the argument in words (`the e-mail address
                // is empty: …`).
                || (shown.is_empty() && bare == "email" && stderr.contains("e-mail"))
                || (shown.is_empty() && ["from", "since"].contains(&bare.as_str()) && stderr.contains("month"))
                || (!shown.is_empty() && stderr.contains(&shown.chars().take(30).collect::<String>()))
                // A value that is only white space is shown quoted.
                || (shown.is_empty() && stderr.contains(&format!("`{value}`")))
        }
        Change::Dropped { name, positional } => {
            stderr.to_lowercase().contains(&name.to_lowercase())
                || (*positional && stderr.contains("required arguments were not provided: <"))
        }
        // (An argument that takes hyphen values may take the flag as its value: clap then names the
        // argument that no longer fits.)
        Change::UnknownFlag => stderr.contains("--no-such-flag") || stderr.contains("unexpected argument '"),
        Change::Env { name, value } => {
            let shown = clean(value);
            stderr.contains(name.as_str()) || (!shown.is_empty() && stderr.contains(&shown))
        }
        Change::None => true,
    }
}

/// A small database every case starts from: a VIP customer, ticket 1 with a comment and time, a
/// laptop copy of it, and a bundle.
fn template() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("config")).unwrap();
    let db = dir.path().join("team.db");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_helpdesk"))
            .env("HELPDESK_CONFIG_DIR", dir.path().join("config"))
            .env("HELPDESK_NOW", NOW)
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    run(&["customer", "add", "Acme", "--tier", "vip", "--since", "2026-01"]);
    run(&["ticket", "open", "--customer", "Acme", "--title", "Printer down"]);
    run(&["ticket", "comment", "1", "called"]);
    run(&["time", "add", "1", "--minutes", "30"]);
    let other = dir.path().join("other.db");
    run(&["sync", "clone", db.to_str().unwrap(), other.to_str().unwrap()]);
    run(&["sync", "export", "--all", dir.path().join("team.hds").to_str().unwrap()]);
    dir
}

fn fuzz(seed: u64, select: impl Fn(usize) -> bool) {
    let template = template();
    let mut rng = Rng(seed);
    let leaves = leaves();
    assert!(leaves.len() > 30, "clap's tree has only {} commands", leaves.len());
    let mut mismatches = Vec::new();
    let mut runs = 0;
    for (n, leaf) in leaves.iter().enumerate().filter(|(n, _)| select(*n)) {
        let _ = n;
        for _ in 0..CASES_PER_COMMAND {
            let case = Case::new(template.path());
            let (base, changed, change) = invocation(leaf, &case, &mut rng);
            let before = run(&case, &base);
            check(&base, &before);
            let again = Case::new(template.path());
            let changed = Invocation {
                args: changed.args.iter().map(|a| a.replace(&case.path(""), &again.path(""))).collect(),
                env: changed.env.iter().map(|(k, v)| (k.clone(), v.replace(&case.path(""), &again.path("")))).collect(),
            };
            let after = run(&again, &changed);
            check(&changed, &after);
            runs += 2;
            // The same failure in both (its paths are the cases' own) was not caused by the change.
            let same = after.stderr.replace(&again.path(""), "CASE") == before.stderr.replace(&case.path(""), "CASE");
            let caused = after.code != 0 && (after.code != before.code || !same);
            if caused && !names(&after.stderr, &change) {
                mismatches.push(format!("{:?} {change:?}: {}", changed.args, after.stderr.trim_end()));
            }
        }
    }
    assert!(runs > 0);
    assert!(mismatches.is_empty(), "failures that do not name what was wrong:\n{}", mismatches.join("\n"));
}

#[test]
fn every_subcommand_fuzzed_first_half() {
    fuzz(2026, |n| n % 2 == 0);
}

#[test]
fn every_subcommand_fuzzed_second_half() {
    fuzz(1212, |n| n % 2 == 1);
}

/// Only the environment changes, on commands that open the database and ones that do not.
#[test]
fn every_environment_variable_fuzzed() {
    let template = template();
    let mut rng = Rng(42);
    let commands: &[&[&str]] =
        &[&["ticket", "list"], &["customer", "add", "Beta", "--tier", "plus"], &["calendar", "holidays", "2026"]];
    for i in 0..ENV_CASES {
        let case = Case::new(template.path());
        let (name, _, _) = helpdesk::environment::VARIABLES[i % helpdesk::environment::VARIABLES.len()];
        let value = rng.junk().replace('\0', "");
        let mut args = vec!["--db".to_string(), case.path("team.db")];
        args.extend(rng.pick(commands).iter().map(|s| s.to_string()));
        let env = vec![
            ("HOME".to_string(), case.path("")),
            ("HELPDESK_CONFIG_DIR".to_string(), case.path("config")),
            ("HELPDESK_NOW".to_string(), NOW.to_string()),
            ("PATH".to_string(), case.path("bin")),
        ];
        let base = Invocation { args: args.clone(), env: env.clone() };
        let before = run(&case, &base);
        check(&base, &before);
        let mut changed_env: Vec<(String, String)> = env.into_iter().filter(|(k, _)| k != name).collect();
        changed_env.push((name.to_string(), value.clone()));
        let again = Case::new(template.path());
        let changed = Invocation {
            args: args.iter().map(|a| a.replace(&case.path(""), &again.path(""))).collect(),
            env: changed_env.into_iter().map(|(k, v)| (k, v.replace(&case.path(""), &again.path("")))).collect(),
        };
        let after = run(&again, &changed);
        check(&changed, &after);
        if after.code != 0 && after.code != before.code {
            assert!(after.stderr.contains(name), "{name}={value:?}: {}", after.stderr);
        }
    }
}
