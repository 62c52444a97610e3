#!/usr/bin/env python3
"""Two (or more) builds of helpdesk timed on one command, run by run in turn, so that both see the
same machine: the shared machine's speed drifts by a quarter within minutes, and timing one build's
runs after the other's (as `hyperfine` does) measures the drift as much as the builds.

    python3 benches/alternate.py BINARY_A,BINARY_B "ARGS…" [RUNS]

ARGS are the command's arguments (e.g. "--db FILE --read-only report month 2026-10 --format json");
the environment is passed on (set HELPDESK_NOW and HELPDESK_CONFIG_DIR for a demo file). One warm-up
run of each, then RUNS (default 20) rounds; prints each build's wall and CPU (user + system)
milliseconds, minimum and median.

With COLD=1 the page cache is dropped before every run (`echo 3 > /proc/sys/vm/drop_caches`, root
only; it stops, saying so, where that is denied), no warm-up run is made, and each build's line
also gives the largest wall time and the megabytes the disk read per run (`/proc/vmstat` pgpgin:
the program as well as the file; the C library is read before the clock starts, see
`settle_after_drop`).
"""

import os
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binaries = sys.argv[1].split(",")
    args = sys.argv[2].split()
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    cold = os.environ.get("COLD") == "1"
    times = {b: ([], []) for b in binaries}
    read_mb = {b: [] for b in binaries}
    if not cold:
        for b in binaries:
            subprocess.run([b, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    for _ in range(runs):
        for b in binaries:
            if cold:
                drop_page_cache()
                settle_after_drop()
                before = pages_read_kb()
            start = time.perf_counter()
            child = subprocess.Popen([b, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            wall = (time.perf_counter() - start) * 1000
            if status != 0:
                sys.exit(f"{b} {' '.join(args)} failed (wait status {status})")
            times[b][0].append(wall)
            times[b][1].append((usage.ru_utime + usage.ru_stime) * 1000)
            if cold:
                read_mb[b].append((pages_read_kb() - before) / 1024)
    for b in binaries:
        wall, cpu = times[b]
        line = (
            f"{b:32} wall min {min(wall):7.1f} median {statistics.median(wall):7.1f}"
            f" | cpu min {min(cpu):7.1f} median {statistics.median(cpu):7.1f}"
        )
        if cold:
            line += f" | wall max {max(wall):7.1f} | read MB {min(read_mb[b]):.0f}–{max(read_mb[b]):.0f}"
        print(line)


def drop_page_cache():
    """Empties the page cache (root only); stops the script where that is denied."""
    subprocess.run(["sync"], check=False)
    try:
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
    except OSError as e:
        sys.exit(f"COLD=1 needs to drop the page cache (`echo 3 > /proc/sys/vm/drop_caches`): {e}")


def settle_after_drop():
    """Brings this script's own process-starting code back from the disk before a timed run (a fork
    and a failed exec), so the run's time is the program's: as `full_size.sh`, whose shell has run
    `awk` and `date` before it starts the clock (the C library is then read already, for both)."""
    try:
        subprocess.run(["/nonexistent/helpdesk-bench"], check=False)
    except OSError:
        pass


def pages_read_kb():
    """KiB read from the disk since boot (`/proc/vmstat` pgpgin)."""
    with open("/proc/vmstat") as f:
        for line in f:
            if line.startswith("pgpgin "):
                return int(line.split()[1])
    return 0


if __name__ == "__main__":
    main()
