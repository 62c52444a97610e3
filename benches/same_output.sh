#!/bin/bash
# Two builds give the same output: every month report and list a speed change touches, in English and
# Czech, on each file given, read-only. Prints each command whose output (stdout, stderr and exit code)
# differs, then the count.
#
#   bash benches/same_output.sh OLD NEW FILE[:CONFIG_DIR] ...
#
# FILE: a helpdesk database (the demos of Scale; for closed months and corrections, a small demo with
# `month close 2026-08`, `month close 2026-09` and a few `time add … --correction` in a closed month).
# CONFIG_DIR: the configuration it was made with (default: an empty one). The clock is fixed at
# 2026-11-25 10:00 UTC (HELPDESK_NOW), as the demos of Scale are made.
set -u
old=$1 new=$2
shift 2
export HELPDESK_NOW=2026-11-25T10:00:00Z
n=0 bad=0
for spec in "$@"; do
    db=${spec%%:*}
    if [ "$db" = "$spec" ]; then export HELPDESK_CONFIG_DIR=$(mktemp -d); else export HELPDESK_CONFIG_DIR=${spec#*:}; fi
    for lang in en cs; do
        while read -r args; do
            n=$((n + 1))
            # shellcheck disable=SC2086 # the arguments are words
            a=$("$old" --db "$db" --read-only --lang "$lang" $args 2>&1; echo "exit $?")
            # shellcheck disable=SC2086
            b=$("$new" --db "$db" --read-only --lang "$lang" $args 2>&1; echo "exit $?")
            if [ "$a" != "$b" ]; then
                bad=$((bad + 1))
                echo "differs: $db --lang $lang $args"
            fi
        done <<'COMMANDS'
report month 2026-08 --format json
report month 2026-09 --format json
report month 2026-10 --format json
report month 2026-11 --format json
report month 2026-10 --format csv
report month 2026-11 --format csv
report month 2026-10
report month 2026-11
ticket list --open
ticket list --open --format json
ticket list
customer list
customer list --format json
report upgrades
report obligations
COMMANDS
    done
done
echo "$n comparisons, $bad differ"
[ "$bad" = 0 ]
