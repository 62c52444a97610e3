//! Links the `helpdesk` binary for a quick start on x86-64 Linux (glibc): position-dependent, its
//! quick commands' code gathered in one place.
//!
//! **`-no-pie`.** A position-independent executable is relocated by the dynamic loader at every
//! start: 55 000 relative relocations written over 2 MB of `.data.rel.ro` (vtables, string tables,
//! time-zone data), which makes each of its 500 pages a private copy. Linked at a fixed address, those
//! pages are mapped as they are in the file and touched only when read: `helpdesk --version` 4.6 →
//! 2.4 ms, `ticket list --open` at 100k tickets 14.5 → 12.9 ms (system time 5.4 → 4.0 ms; hyperfine,
//! 2 Dec 2026). The cost: the program's own code and data are not at a random address (the heap, the
//! stacks, the libraries and the memory maps still are), as with Go's default builds. Test binaries,
//! other targets and static C runtimes keep the default.
//!
//! **The link order and layout** (release builds linked by LLD, Rust's default linker here since
//! 1.90). A cold start reads the program from the disk a read-ahead window around each first touch
//! (8 MiB on this VM's disk): the whole 22 MB program was read before a `ticket list --open` printed,
//! 16 MiB of it before `main`. `assets/link-layout.ld` puts the exception tables in front of the
//! loader's tables, the writable data in front of the code and the unwind tables behind it (the file
//! says why);
//! `assets/link-order.txt` (written by `benches/link_order.py`) lists the quick commands' functions,
//! which the linker puts first in the code, with a few cold ones where the window's read-ahead mark
//! falls. A cold `ticket list --open`, `customer list`, `time add` or `ticket show` then reads 8.4 of
//! the 22 MB. A function the list names that the program no longer has is passed over silently: a
//! stale list costs speed, never the build (`link_order.py --check` says how stale).
fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=assets/link-order.txt");
    println!("cargo::rerun-if-changed=assets/link-layout.ld");
    println!("cargo::rerun-if-env-changed=HELPDESK_LINK_KEEP_SYMBOLS");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    // A static C runtime (`-C target-feature=+crt-static`, musl) links a self-relocating static-PIE
    // start: `-no-pie` beside it makes a binary that crashes at its start. Only a dynamic glibc one.
    let static_crt = var("CARGO_CFG_TARGET_FEATURE").split(',').any(|f| f == "crt-static");
    let linux_gnu = var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ARCH") == "x86_64"
        && var("CARGO_CFG_TARGET_ENV") == "gnu";
    if linux_gnu && !static_crt {
        println!("cargo::rustc-link-arg-bin=helpdesk=-no-pie");
    }
    // The release profile keeps its symbols so that their names are those `benches/link_order.py`
    // reads (Cargo.toml): the link drops them and the line tables, unless asked to keep them.
    if var("CARGO_CFG_TARGET_OS") == "linux"
        && var("PROFILE") == "release"
        && std::env::var_os("HELPDESK_LINK_KEEP_SYMBOLS").is_none()
    {
        println!("cargo::rustc-link-arg-bin=helpdesk=-Wl,--strip-all");
    }
    if linux_gnu && var("PROFILE") == "release" && links_with_lld(&var("RUSTC"), &var("CARGO_ENCODED_RUSTFLAGS")) {
        let asset = |name: &str| std::path::Path::new(&var("CARGO_MANIFEST_DIR")).join("assets").join(name);
        let (order, layout) = (asset("link-order.txt"), asset("link-layout.ld"));
        let (order, layout) = (order.display().to_string(), layout.display().to_string());
        // `-Wl,` splits its argument at commas.
        if !order.contains(',') {
            println!("cargo::rustc-link-arg-bin=helpdesk=-Wl,--symbol-ordering-file={order}");
            println!("cargo::rustc-link-arg-bin=helpdesk=-Wl,--no-warn-symbol-ordering");
            println!("cargo::rustc-link-arg-bin=helpdesk=-Wl,-T,{layout}");
        }
    }
}

/// Whether `rustc` links x86-64 Linux programs with its own LLD: version 1.90 or later, with no flag
/// in `rustflags` (cargo's encoding: separated by 0x1f) that chooses the linker otherwise. GNU ld
/// refuses `--symbol-ordering-file`.
fn links_with_lld(rustc: &str, rustflags: &str) -> bool {
    let chooses_linker = |flag: &str| {
        ["linker-features", "link-self-contained", "fuse-ld", "linker-flavor", "linker="]
            .iter()
            .any(|f| flag.contains(f))
    };
    if rustflags.split('\x1f').any(chooses_linker) {
        return false;
    }
    let Ok(out) = std::process::Command::new(if rustc.is_empty() { "rustc" } else { rustc }).arg("-vV").output() else {
        return false;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let Some(release) = text.lines().find_map(|l| l.strip_prefix("release: ")) else {
        return false;
    };
    let mut parts = release.split(['.', '-']).map(|p| p.parse::<u32>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    (major, minor) >= (1, 90)
}
