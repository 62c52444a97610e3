#!/bin/sh
# Times the schema 10 -> 11 upgrade (the one that replays the operation log) on a big file.
#
#   sh benches/upgrade_11.sh FILE [BINARY]
#
# FILE: a file made by this helpdesk (e.g. `helpdesk demo --db FILE --customers 10000 --tickets 1000000
# --entries 1000000`). A copy of it is turned back into a schema-10 file (migrations 0012 and 0011
# undone: their tables, index and columns dropped, the stopped timers removed), then opened once with BINARY
# (default target/release/helpdesk), which upgrades it; the two files' month report and open-ticket
# list must then be identical. Needs sqlite3 and twice FILE's size free beside it.
set -eu
file=$1
bin=${2:-target/release/helpdesk}
v10="$file.v10"
cp "$file" "$v10"
if [ "$(sqlite3 "$v10" 'PRAGMA user_version')" -ge 12 ]; then
    sqlite3 "$v10" 'ALTER TABLE tickets DROP COLUMN customer_hlc; ALTER TABLE customers DROP COLUMN state;
        ALTER TABLE customers DROP COLUMN state_hlc;'
fi
sqlite3 "$v10" <<'SQL'
DROP TABLE contested;
DELETE FROM timers WHERE stopped = 1;
DROP INDEX timers_technician;
ALTER TABLE timers DROP COLUMN stopped;
CREATE INDEX timers_technician ON timers (technician);
ALTER TABLE time_entries DROP COLUMN ran;
ALTER TABLE tickets DROP COLUMN number_hlc;
PRAGMA user_version = 10;
SQL
export HELPDESK_NOW=2026-11-25T10:00:00Z
echo "operations: $(sqlite3 "$v10" 'SELECT count(*) FROM oplog')"
/usr/bin/time -f "upgrade 10 -> 11: %e s wall, %U s user, %M KiB peak" "$bin" --db "$v10" customer list >/dev/null
for args in "report month 2026-10 --format json" "ticket list --open"; do
    # shellcheck disable=SC2086
    a=$("$bin" --db "$file" $args | md5sum)
    # shellcheck disable=SC2086
    b=$("$bin" --db "$v10" $args | md5sum)
    [ "$a" = "$b" ] || { echo "differs after the upgrade: $args"; exit 1; }
done
echo "same month report and open tickets as before"
rm -f "$v10" "$v10-wal" "$v10-shm"
