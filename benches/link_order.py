#!/usr/bin/env python3
"""Writes assets/link-order.txt: the functions the quick commands run, which build.rs hands the
linker (`--symbol-ordering-file`) so that they lie together at the start of the program's code, with
cold functions laid over the read-ahead mark of the window that holds them.

Why: a cold start (page cache dropped) reads the program from the disk a read-ahead window at a
time, around each first touch (8 MiB on this VM's disk). With the functions a `ticket list --open`
runs spread over the 15 MB of code, the whole 22 MB program was read; gathered in the window the
start reads anyway (assets/link-layout.ld), the rest of the code is never read (README, "Issue 13's
night round").

Usage (valgrind, nm and readelf must be installed):

    HELPDESK_LINK_KEEP_SYMBOLS=1 cargo build --release --target-dir /tmp/hot-build
    python3 benches/link_order.py /tmp/hot-build/release/helpdesk [FILE:CONFIG_DIR ...]
    python3 benches/link_order.py --check /tmp/hot-build/release/helpdesk

The build must be the release profile with its symbols kept by the link (build.rs), not a profile
with other settings: cargo hashes the profile into every symbol's name. The script makes two demo
files in a temporary directory (`demo`'s default size and a bigger one) and runs each command of
COMMANDS under callgrind on them, and on each FILE
given with its config directory (a full-size file takes paths a small one does not, such as a long
list's batches; the commands that write add a time entry and run a timer there too: give it a demo
file, never real data). It keeps every function of the program that ran (mangled names, in the
order callgrind first names them, command by command) and writes them, with the largest functions
no command ran between SPACER_FROM and SPACER_TO. It prints where each command's functions end.

`--check` says how many of the listed functions a build linked with the list holds (a stale list
holds fewer) and where their code ends. A listed function the program no longer has costs nothing
(lld is told not to warn): regenerate when the list has gone stale, which `benches/cold_start.sh`
and `mincore` on the program after a cold run show as more of the program read.
"""

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "assets", "link-order.txt")

# Where, from the start of the code, cold functions go instead of the quick commands': around the
# read-ahead mark of the window that holds the code (2 MiB past the end of the data, which ends where
# the code starts, see assets/link-layout.ld). A quick command that touched the page of the mark
# would start the next 8 MiB window; around it, the quick commands' code has 4 MiB, not 2.
SPACER_FROM = 2 * 2**20 - 320 * 2**10
SPACER_TO = 2 * 2**20 + 256 * 2**10

# The commands whose cold start counts (issue 13's targets first, then the rest of the scale table's
# one-shot commands), each run on the demo files; `{customer}` is the file's first customer.
COMMANDS = [
    ["--read-only", "ticket", "list", "--open"],
    ["--read-only", "customer", "list"],
    ["time", "add", "--minutes", "15", "1", "--note", "link order"],
    ["--read-only", "ticket", "show", "1"],
    ["--read-only", "ticket", "list", "--open", "--format", "json"],
    ["--read-only", "customer", "list", "--format", "json"],
    ["--read-only", "report", "customer", "{customer}", "--month", "2026-10"],
    ["timer", "start", "2"],
    ["timer", "stop"],
    ["--version"],
]


def first_customer(db):
    """The name of the file's first customer (for `{customer}` in a command), read without writing."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT name FROM customers ORDER BY no LIMIT 1").fetchone()[0]
    finally:
        conn.close()


def functions(binary, db, cfg, args, seen, order, state):
    args = [first_customer(db) if a == "{customer}" else a for a in args]
    with tempfile.NamedTemporaryFile(suffix=".cg") as out:
        env = dict(os.environ, HELPDESK_CONFIG_DIR=cfg, HELPDESK_NOW="2026-11-25T10:00:00Z",
                   XDG_STATE_HOME=state)
        cmd = ["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={out.name}",
               binary, "--db", db] + args
        r = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            sys.exit(f"link_order.py: {' '.join(args)} failed under callgrind:\n{r.stderr[-2000:]}")
        names, objects, ob = {}, {}, None
        target = os.path.realpath(binary)
        for line in open(out.name, encoding="utf-8", errors="replace"):
            m = re.match(r"^(c?)(ob|fn)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
            if not m:
                continue
            callee, kind, ident, name = m.groups()
            table = objects if kind == "ob" else names
            if name is not None:
                table[ident] = name
            if kind == "ob" and not callee:
                ob = table[ident]
            elif kind == "fn" and not callee and os.path.realpath(ob or "") == target:
                # callgrind names a recursive call's deeper levels `NAME'2`, `NAME'3`, …: one symbol.
                fn = re.sub(r"'\d+$", "", names[ident])
                if fn not in seen and not fn.startswith(("0x", "(")):
                    seen.add(fn)
                    order.append(fn)


def check(binary):
    """How much of the list `binary` (linked with it, symbols kept) holds, and where its code ends."""
    listed = [l.strip() for l in open(OUT, encoding="utf-8") if l.strip() and not l.startswith("#")]
    start, offset, _ = text_section(binary)
    # Functions of other sections (`_init`, `_fini`) are not in `code`: they keep their places.
    code = text_symbols(binary)
    held = [code[n] for n in listed if n in code]
    end = max((a + size for a, size in held), default=start)
    print(f"{len(held)} of {len(listed)} listed functions in {binary}'s code; the code starts {offset / 2**20:.2f} MiB into "
          f"the file, the listed code ends {(end - start) / 2**20:.2f} MiB after it "
          f"({(end - start + offset) / 2**20:.2f} MiB into the file)")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        return check(sys.argv[2])
    if len(sys.argv) < 2 or any(":" not in a for a in sys.argv[2:]):
        sys.exit(__doc__)
    binary, files = sys.argv[1], [a.rsplit(":", 1) for a in sys.argv[2:]]
    code = text_symbols(binary)
    with tempfile.TemporaryDirectory() as tmp:
        cfg = os.path.join(tmp, "cfg")
        os.makedirs(cfg)
        # Where the log goes decides a few of the functions a command runs (the log's directory made,
        # today's file opened or made), and a cold start pays for any function off the list: each
        # command runs with today's log there (the demos below write it), with the directory but no
        # file, and with neither (a state directory that does not exist yet).
        logged = os.path.join(tmp, "state-logged")
        empty = os.path.join(tmp, "state-empty")
        os.makedirs(os.path.join(empty, "helpdesk"))
        none = os.path.join(tmp, "state-none")
        env = dict(os.environ, HELPDESK_CONFIG_DIR=cfg, HELPDESK_NOW="2026-11-25T10:00:00Z",
                   XDG_STATE_HOME=logged)
        # Two demo files: `demo`'s default (a few dozen customers: short lists, customers looked up
        # one by one) and a bigger one (long lists, every customer read at once, beside).
        demos = []
        for name, size in [("small.db", []), ("big.db", ["--customers", "4000", "--tickets", "12000",
                                                         "--entries", "20000"])]:
            db = os.path.join(tmp, name)
            subprocess.run([binary, "--db", db, "demo"] + size, env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            demos.append((db, cfg))
        seen, order, ends = set(), [], []
        # Every command with the log first, then again without (a timer started is stopped before
        # the next pass starts one).
        for state in (logged, empty, none):
            for args in COMMANDS:
                for file, config in demos + files:
                    functions(binary, file, config, args, seen, order, state)
                    shutil.rmtree(none, ignore_errors=True)
                if state == logged:
                    ends.append((" ".join(args), len(order)))
        ends.append(("(the same without today's log, or its directory)", len(order)))
    hot = set(order)
    # The spacer: the largest functions no quick command runs (Rust's, each in its own section, so
    # the linker moves each alone), enough to cover the read-ahead mark.
    cold = sorted((size, name) for name, (_, size) in code.items()
                  if name not in hot and name.startswith(("_ZN", "_R")))
    listed, at, spaced = [], 0, False
    for fn in order:
        if not spaced and at >= SPACER_FROM:
            while at < SPACER_TO and cold:
                size, name = cold.pop()
                listed.append(name)
                at += size
            spaced = True
        listed.append(fn)
        at += code.get(fn, (0, 0))[1]
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# The functions the quick commands run, first in the program's code, with cold ones\n")
        f.write("# where the read-ahead mark falls: written by benches/link_order.py, read by build.rs.\n")
        f.write("# Regenerate; do not edit.\n")
        for fn in listed:
            f.write(fn + "\n")
    print(f"{len(order)} functions and {len(listed) - len(order)} cold ones -> {os.path.relpath(OUT)}")
    # Where each command's functions end, from the start of the code (the spacer not counted).
    for command, count in ends:
        size = sum(code.get(f, (0, 0))[1] for f in order[:count])
        print(f"  {command}: the first {count} functions, {size / 2**20:.2f} MiB")


def text_section(binary):
    """(address, file offset, size) of `binary`'s `.text`."""
    sections = subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True).stdout
    text = next(l.split() for l in sections.splitlines() if " .text " in l)
    i = text.index(".text")
    return tuple(int(text[i + k], 16) for k in (2, 3, 4))


def text_symbols(binary):
    """name: (address, size) of every function in `binary`'s `.text`; exits when it has no symbols."""
    start, _, size = text_section(binary)
    out = subprocess.run(["nm", "-S", "--defined-only", binary], capture_output=True, text=True)
    if out.returncode != 0 or not out.stdout:
        sys.exit(f"link_order.py: {binary} has no symbols: build it with HELPDESK_LINK_KEEP_SYMBOLS=1")
    code = {}
    for line in out.stdout.splitlines():
        parts = line.split(" ", 3)
        if len(parts) == 4 and parts[2] in "tTwW" and start <= int(parts[0], 16) < start + size:
            code[parts[3]] = (int(parts[0], 16), int(parts[1], 16))
    return code


if __name__ == "__main__":
    main()
