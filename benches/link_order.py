#!/usr/bin/env python3
"""Writes assets/link-order.txt: the functions the quick commands run, which build.rs hands the
linker (`--symbol-ordering-file`) so that they lie together at the start of the program's code.

Why: a cold start (page cache dropped) reads the program from the disk a read-ahead window at a
time, around each first touch (8 MiB windows on this VM's disk). With the functions a `ticket list
--open` runs spread over the 15 MB of code, the whole 22 MB program was read before the list
printed; gathered in one place, most of the code is never read (README, "Cold start").

Usage (root not needed; valgrind must be installed):

    HELPDESK_LINK_KEEP_SYMBOLS=1 cargo build --release --target-dir /tmp/hot-build
    python3 benches/link_order.py /tmp/hot-build/release/helpdesk [FILE:CONFIG_DIR ...]

The build must be the release profile with its symbols kept by the link (build.rs), not a profile
with other settings: cargo hashes the profile into every symbol's name. The script runs each command below under callgrind on a demo file it
makes in a temporary directory (and the read-only ones on each FILE given, with its config directory:
a full-size file takes paths a small one does not, such as a long list's batches), keeps every function of the program that ran (mangled names, in the
order callgrind first names them), and writes them, the quick commands' first. A function that is
no longer in the program costs nothing (lld is told not to warn): regenerate when the list has gone
stale, which `benches/cold_start.sh` shows as a slower cold start.
"""

import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "assets", "link-order.txt")

# The commands whose cold start counts (issue 13's targets first), each run on the demo file.
COMMANDS = [
    ["--read-only", "ticket", "list", "--open"],
    ["--read-only", "customer", "list"],
    ["time", "add", "--minutes", "15", "1", "--note", "link order"],
    ["--read-only", "ticket", "show", "1"],
    ["--read-only", "ticket", "list", "--open", "--format", "json"],
    ["--read-only", "customer", "list", "--format", "json"],
    ["timer", "start", "2"],
    ["timer", "stop"],
    ["--version"],
]


def functions(binary, db, cfg, args, seen, order):
    with tempfile.NamedTemporaryFile(suffix=".cg") as out:
        env = dict(os.environ, HELPDESK_CONFIG_DIR=cfg, HELPDESK_NOW="2026-11-25T10:00:00Z")
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
                fn = names[ident]
                if fn not in seen and not fn.startswith("0x"):
                    seen.add(fn)
                    order.append(fn)


def main():
    if len(sys.argv) < 2 or any(":" not in a for a in sys.argv[2:]):
        sys.exit(__doc__)
    binary, files = sys.argv[1], [a.rsplit(":", 1) for a in sys.argv[2:]]
    if subprocess.run(["nm", binary], capture_output=True).returncode != 0:
        sys.exit(f"link_order.py: {binary} has no symbols: build it with HELPDESK_LINK_KEEP_SYMBOLS=1")
    with tempfile.TemporaryDirectory() as tmp:
        db, cfg = os.path.join(tmp, "demo.db"), os.path.join(tmp, "cfg")
        os.makedirs(cfg)
        env = dict(os.environ, HELPDESK_CONFIG_DIR=cfg, HELPDESK_NOW="2026-11-25T10:00:00Z")
        subprocess.run([binary, "--db", db, "demo", "--customers", "4000", "--tickets", "12000",
                        "--entries", "20000"], env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        seen, order = set(), []
        for args in COMMANDS:
            functions(binary, db, cfg, args, seen, order)
            for file, config in files:
                if args[0] == "--read-only":
                    functions(binary, file, config, args, seen, order)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# The functions the quick commands run, first in the program's code: written by\n")
        f.write("# benches/link_order.py, read by build.rs. Regenerate; do not edit.\n")
        for fn in order:
            f.write(fn + "\n")
    print(f"{len(order)} functions -> {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
