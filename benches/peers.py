#!/usr/bin/env python3
"""helpdesk beside the tools people use today, measured side by side in one run.

    python3 benches/peers.py [--runs N] [--work DIR] [--binary PATH]

Builds (once, cached in --work, default target/peers) the demo database with the issue's counts
(`demo --customers 1000 --tickets 100000 --entries 1000000`, about two minutes) and the peers' data
with the same counts, written in each peer's own file format:

- taskwarrior 2.6: 100 000 tasks, one per ticket (title, customer as project, received as entry).
  Two data sets: every task pending (how the earlier measurement ran `task list` over 100k tasks),
  and the tickets' own split (open tickets pending, the rest completed).
- timewarrior 1.4: 1 000 000 intervals, one per time entry of the demo's months (same starts
  spread, same lengths spread, customer and ticket as tags), in monthly data files.

Then times, alternating runs so both see the same machine, the minimum and median wall time of:

    helpdesk ticket list --open          vs  task list (100k pending; and open tickets pending)
    helpdesk ticket list                 vs  task list (100k pending)         (same row count)
    helpdesk report month 2026-10 --format json  vs  timew summary 2026-10-01 - 2026-11-01
    helpdesk customer list               (no peer)

and prints each ratio (peer / helpdesk, of medians). It installs nothing: a peer that is not on PATH
is skipped, and the output says so. Needs a release build (`cargo build --release`) and python3.
"""

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid

NOW = "2026-11-25T10:00:00Z"
MONTH = "2026-10"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run_quiet(cmd, env):
    return subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)


def helpdesk_env(work):
    env = dict(os.environ)
    env["HELPDESK_NOW"] = NOW
    env["HELPDESK_CONFIG_DIR"] = os.path.join(work, "config")
    env["XDG_STATE_HOME"] = os.path.join(work, "state")
    os.makedirs(env["HELPDESK_CONFIG_DIR"], exist_ok=True)
    return env


def make_demo(binary, work, env):
    db = os.path.join(work, "helpdesk-100k.db")
    if os.path.exists(db):
        return db
    log(f"making {db} (demo --customers 1000 --tickets 100000 --entries 1000000) …")
    tmp = db + ".part"
    for leftover in (tmp, tmp + "-wal", tmp + "-shm"):
        if os.path.exists(leftover):
            os.remove(leftover)
    cmd = [binary, "--db", tmp, "demo", "--customers", "1000", "--tickets", "100000", "--entries", "1000000"]
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=False)
    if done.returncode != 0:
        sys.exit(f"the demo failed: {' '.join(cmd)}")
    os.rename(tmp, db)
    return db


def demo_facts(db):
    """What the peers' data mirrors: tickets (title, customer, received, open) and time entries
    (start, minutes, customer, ticket number), read from the demo file (read only)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    tickets = conn.execute(
        "SELECT t.number, t.title, c.name, t.received_at, t.is_open FROM tickets t JOIN customers c ON c.id = t.customer_id"
    ).fetchall()
    entries = conn.execute(
        "SELECT e.started_at, e.minutes, c.name, t.number FROM time_entries e "
        "JOIN tickets t ON t.no = e.ticket JOIN customers c ON c.no = e.customer WHERE e.voided = 0"
    ).fetchall()
    conn.close()
    return tickets, entries


def tw_escape(text):
    return text.replace("\\", "\\\\").replace('"', "&dquot;").replace("[", "&open;").replace("]", "&close;")


def make_taskdata(work, tickets, all_pending):
    name = "task-all-pending" if all_pending else "task-open-pending"
    data = os.path.join(work, name)
    if os.path.exists(os.path.join(data, "pending.data")):
        return data
    os.makedirs(data, exist_ok=True)
    rng = random.Random(13)
    with open(os.path.join(data, "pending.data"), "w", encoding="utf-8") as pending, open(
        os.path.join(data, "completed.data"), "w", encoding="utf-8"
    ) as completed:
        for number, title, customer, received, is_open in tickets:
            project = "".join(ch for ch in customer if ch.isalnum())[:24]
            fields = [
                f'description:"{tw_escape(title)} ({number})"',
                f'entry:"{received}"',
                f'modified:"{received}"',
                f'project:"{tw_escape(project)}"',
            ]
            if all_pending or is_open:
                fields.append('status:"pending"')
                out = pending
            else:
                fields.append(f'end:"{received + rng.randint(600, 864000)}"')
                fields.append('status:"completed"')
                out = completed
            fields.append(f'uuid:"{uuid.UUID(int=rng.getrandbits(128), version=4)}"')
            out.write("[" + " ".join(sorted(fields)) + "]\n")
    for extra in ("undo.data", "backlog.data"):
        open(os.path.join(data, extra), "w").close()
    return data


def make_timewdb(work, entries):
    db = os.path.join(work, "timew")
    data = os.path.join(db, "data")
    if os.path.exists(os.path.join(db, "done")):
        return db
    shutil.rmtree(db, ignore_errors=True)
    os.makedirs(data)
    open(os.path.join(db, "timewarrior.cfg"), "w").close()
    # Intervals may not overlap in timewarrior: each entry is laid end to end from its own start
    # onward, so starts keep the demo's spread and lengths its minutes.
    by_start = sorted(entries)
    files = {}
    cursor = 0
    tags_seen = set()
    for started, minutes, customer, number in by_start:
        start = max(started, cursor)
        end = start + max(1, minutes) * 60
        cursor = end
        month = time.strftime("%Y-%m", time.gmtime(start))
        f = files.get(month)
        if f is None:
            f = files[month] = open(os.path.join(data, f"{month}.data"), "w", encoding="utf-8")
        tag = customer.replace('"', "'")
        tags_seen.add(tag)
        f.write(
            f"inc {time.strftime('%Y%m%dT%H%M%SZ', time.gmtime(start))} - "
            f"{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime(end))} # \"{tag}\" \"#{number}\"\n"
        )
    for f in files.values():
        f.close()
    open(os.path.join(db, "done"), "w").close()
    return db


def measure(pairs, runs):
    """Alternates the commands run after run; returns {label: [ms, …]}."""
    times = {label: [] for label, _, _ in pairs}
    for label, cmd, env in pairs:
        run_quiet(cmd, env)  # warm the page cache and let a peer settle its files
    for _ in range(runs):
        for label, cmd, env in pairs:
            t = time.perf_counter()
            done = run_quiet(cmd, env)
            elapsed = (time.perf_counter() - t) * 1000
            if done.returncode != 0:
                sys.exit(f"{label} failed ({done.returncode}): {done.stderr.decode(errors='replace')[:400]}")
            times[label].append(elapsed)
    return times


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--work", default=os.path.join(here, "target", "peers"))
    ap.add_argument("--binary", default=os.path.join(here, "target", "release", "helpdesk"))
    args = ap.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} is missing: run `cargo build --release` first")
    os.makedirs(args.work, exist_ok=True)
    env = helpdesk_env(args.work)
    db = make_demo(args.binary, args.work, env)
    hd = lambda *a: [args.binary, "--db", db, *a]  # noqa: E731

    comparisons = []  # (helpdesk label, peer label or None)
    pairs = [
        ("helpdesk ticket list --open", hd("ticket", "list", "--open"), env),
        ("helpdesk ticket list", hd("ticket", "list"), env),
        (f"helpdesk report month {MONTH} --format json", hd("report", "month", MONTH, "--format", "json"), env),
        ("helpdesk customer list", hd("customer", "list"), env),
    ]
    comparisons.append(("helpdesk customer list", None))

    task = shutil.which("task")
    timew = shutil.which("timew")
    tickets = entries = None
    if task or timew:
        log("reading the demo's tickets and entries for the peers' data …")
        tickets, entries = demo_facts(db)
    if task:
        for all_pending, label, ours in (
            (True, "task list (100k pending)", "helpdesk ticket list --open"),
            (False, "task list (open tickets pending)", "helpdesk ticket list --open"),
        ):
            data = make_taskdata(args.work, tickets, all_pending)
            tenv = dict(os.environ)
            tenv["TASKDATA"] = data
            tenv["TASKRC"] = os.path.join(args.work, "taskrc")
            open(tenv["TASKRC"], "a").close()
            cmd = [task, "rc.confirmation=off", "rc.gc=off", "rc.detection=off", "rc.color=off", "rc.hooks=off", "list"]
            pairs.append((label, cmd, tenv))
            comparisons.append((ours, label))
        comparisons.append(("helpdesk ticket list", "task list (100k pending)"))
    else:
        log("taskwarrior (`task`) is not installed: its comparisons are skipped")
    if timew:
        tdb = make_timewdb(args.work, entries)
        tenv = dict(os.environ)
        tenv["TIMEWARRIORDB"] = tdb
        label = "timew summary 2026-10-01 - 2026-11-01"
        pairs.append((label, [timew, "summary", "2026-10-01", "-", "2026-11-01"], tenv))
        comparisons.append((f"helpdesk report month {MONTH} --format json", label))
    else:
        log("timewarrior (`timew`) is not installed: its comparison is skipped")

    log(f"timing {len(pairs)} commands, {args.runs} runs each, alternating …")
    times = measure(pairs, args.runs)
    print(f"{'command':56} {'min ms':>8} {'median ms':>10}")
    for label, _, _ in pairs:
        t = times[label]
        print(f"{label:56} {min(t):8.1f} {statistics.median(t):10.1f}")
    print()
    print(f"{'helpdesk':44} {'peer':40} {'ratio (medians)':>15}")
    for ours, peer in comparisons:
        if peer is None:
            continue
        ratio = statistics.median(times[peer]) / statistics.median(times[ours])
        print(f"{ours:44} {peer:40} {ratio:14.1f}×")
    if not task:
        print("taskwarrior: not installed, skipped")
    if not timew:
        print("timewarrior: not installed, skipped")


if __name__ == "__main__":
    main()
