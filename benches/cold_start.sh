#!/bin/bash
# Where a cold start's time goes: a command's phases timed from the system calls that mark them, with
# the page cache dropped whole, with only the program dropped, with only the file dropped, and warm.
#
#   bash benches/cold_start.sh FILE [BINARY] [RUNS] [ARGS…]
#
# FILE: the database (e.g. the full-size demo); BINARY defaults to target/release/helpdesk; RUNS
# (default 5) per state; ARGS default to `ticket list --open` (a command on tickets, customers, time or
# timers: the first phase ends at the program's own first step, the `.init_array` function in
# `src/main.rs`, which reads `/proc/self/cmdline` for those commands only). Set HELPDESK_NOW and
# HELPDESK_CONFIG_DIR for a demo file as for `full_size.sh`.
#
# Phases, each in ms from `execve`, medians of RUNS: `ours` (the kernel and the dynamic loader done, our
# first instruction), `file` (the database opened), `thread` (a second thread started: the list's rows or
# a second reader; 0 where none), `exit`. States: `cold` (`echo 3 > /proc/sys/vm/drop_caches`),
# `program` (the page cache dropped, then the program read back: the file and the libraries cold),
# `file` (the program evicted alone, `vmtouch -e`: the file and the libraries warm), `warm`.
#
# Needs root (to drop the page cache), strace ≥ 5.3 (`--seccomp-bpf`: only the marking calls stop the
# program, so the times are the program's) and vmtouch; it stops, saying which is missing.
set -euo pipefail
file=${1:?usage: cold_start.sh FILE [BINARY] [RUNS] [ARGS…]}
bin=${2:-target/release/helpdesk}
runs=${3:-5}
shift $(($# < 3 ? $# : 3))
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(ticket list --open)
for tool in strace vmtouch; do
    command -v "$tool" >/dev/null || { echo "cold_start.sh needs $tool (apt-get install -y $tool)" >&2; exit 1; }
done
[ -w /proc/sys/vm/drop_caches ] || { echo "cold_start.sh needs root: it drops the page cache" >&2; exit 1; }
bin=$(readlink -f "$bin")

one() { # state → "ours file thread exit" in ms
    "$bin" --db "$file" --read-only "${args[@]}" >/dev/null
    case $1 in
        cold) sync; echo 3 >/proc/sys/vm/drop_caches ;;
        program) sync; echo 3 >/proc/sys/vm/drop_caches; cat "$bin" >/dev/null ;;
        file) vmtouch -qe "$bin" ;;
        warm) ;;
    esac
    ls / >/dev/null # the C library and the shell's own pages back before the clock starts
    strace --seccomp-bpf -f -ttt -e trace=execve,openat,clone3,exit_group \
        "$bin" --db "$file" --read-only "${args[@]}" 2>&1 >/dev/null |
        awk -v db="$file\"" '
            { t = ($1 ~ /^\[pid/) ? $3 : $1 }
            /execve\(/ && !e { e = t }
            /\/proc\/self\/cmdline/ && !o { o = t }
            /openat\(/ && index($0, db) && !f { f = t }
            /clone3\(/ && !k { k = t }
            /exit_group\(/ { x = t }
            END { printf "%.1f %.1f %.1f %.1f\n", (o ? o - e : 0) * 1000, (f - e) * 1000, (k ? k - e : 0) * 1000, (x - e) * 1000 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "${args[*]} on $file, $runs runs a state (ms from execve, medians)"
printf '%-8s %7s %7s %7s %7s\n' state ours file thread exit
for state in cold program file warm; do
    results=$(for _ in $(seq "$runs"); do one "$state"; done)
    printf '%-8s' "$state"
    for column in 1 2 3 4; do
        printf ' %7.1f' "$(echo "$results" | awk -v c=$column '{ print $c }' | median)"
    done
    echo
done
