#!/usr/bin/env python3
"""Two (or more) builds of helpdesk timed on one command, run by run in turn, so that both see the
same machine: the shared machine's speed drifts by a quarter within minutes, and timing one build's
runs after the other's (as `hyperfine` does) measures the drift as much as the builds.

    python3 benches/alternate.py BINARY_A,BINARY_B "ARGS…" [RUNS]

ARGS are the command's arguments (e.g. "--db FILE --read-only report month 2026-10 --format json");
the environment is passed on (set HELPDESK_NOW and HELPDESK_CONFIG_DIR for a demo file). One warm-up
run of each, then RUNS (default 20) rounds; prints each build's wall and CPU (user + system)
milliseconds, minimum and median.
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
    times = {b: ([], []) for b in binaries}
    for b in binaries:
        subprocess.run([b, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    for _ in range(runs):
        for b in binaries:
            start = time.perf_counter()
            child = subprocess.Popen([b, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            wall = (time.perf_counter() - start) * 1000
            if status != 0:
                sys.exit(f"{b} {' '.join(args)} failed (wait status {status})")
            times[b][0].append(wall)
            times[b][1].append((usage.ru_utime + usage.ru_stime) * 1000)
    for b in binaries:
        wall, cpu = times[b]
        print(
            f"{b:32} wall min {min(wall):7.1f} median {statistics.median(wall):7.1f}"
            f" | cpu min {min(cpu):7.1f} median {statistics.median(cpu):7.1f}"
        )


if __name__ == "__main__":
    main()
