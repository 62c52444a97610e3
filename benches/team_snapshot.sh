#!/bin/bash
# Issue 16: `team join` from a snapshot the server keeps, against a replay join.
#
#   bash benches/team_snapshot.sh ab OLD_URL NEW_URL OLD_BIN NEW_BIN [ROUNDS]
#       Alternating joins into fresh files, ROUNDS (3) each: OLD_BIN (a helpdesk before snapshots) joins
#       by replay from OLD_URL (a server at schema 4), NEW_BIN joins from NEW_URL (the same team on a
#       server at schema 5 with a snapshot stored: `team snapshot --db REPLICA --url ADMIN_URL`).
#       Prints wall, user, sys, peak RSS, load average before and after, replica size, and what the
#       join says it fetched.
#   bash benches/team_snapshot.sh full TEAM_DB BIN PGBIN_DIR WORK_DIR PORT
#       The full-size team: a PostgreSQL cluster of its own in WORK_DIR/pg (port PORT), `team init
#       --from` a copy of TEAM_DB, the first snapshot made from that copy, a join from it, `check` of the
#       replica, `team status`. Each step's wall/user/sys/peak RSS; the disk before and after each big
#       step. Needs about 3.5 × TEAM_DB's size free (copy, server, snapshot's copy and parts, replica).
#       Removes the cluster and the files at the end.
set -u
export HELPDESK_NOW=${HELPDESK_NOW:-2026-11-25T10:00:00Z} HELPDESK_CONFIG_DIR=${HELPDESK_CONFIG_DIR:-/tmp/emptycfg}
mkdir -p "$HELPDESK_CONFIG_DIR"
T() { local name=$1; shift; /usr/bin/time -f "$name: %e s wall %U user %S sys %M KB peak" "$@"; }

ab() {
  local old_url=$1 new_url=$2 old_bin=$3 new_bin=$4 rounds=${5:-3} dir
  dir=$(mktemp -d)
  for i in $(seq 1 "$rounds"); do
    for v in old new; do
      local url=$old_url bin=$old_bin
      if [ $v = new ]; then url=$new_url bin=$new_bin; fi
      rm -rf "$dir/$v.db" "$dir/home"; mkdir -p "$dir/home"
      local l0 l1
      l0=$(cut -d' ' -f1 /proc/loadavg)
      /usr/bin/time -f "%e %U %S %M" -o "$dir/t" env HOME="$dir/home" "$bin" team join "$url" --db "$dir/$v.db" >"$dir/out" 2>&1
      l1=$(cut -d' ' -f1 /proc/loadavg)
      echo "run $i $v wall/user/sys/maxKB $(cat "$dir/t") load $l0->$l1 size $(stat -c %s "$dir/$v.db") | $(grep -o 'started from.*pulled' "$dir/out")"
    done
  done
  rm -rf "$dir"
}

full() {
  local team_db=$1 bin=$2 pgbin=$3 work=$4 port=$5
  local pg=$work/pg
  local admin="postgresql:///helpdesk?host=$pg/sock&port=$port&user=admin"
  local user="postgresql:///helpdesk?host=$pg/sock&port=$port&user=newbie"
  mkdir -p "$pg/sock"; chown postgres "$pg" "$pg/sock"
  su postgres -c "$pgbin/initdb -D $pg/data -U admin --auth=trust >/dev/null"
  su postgres -c "$pgbin/pg_ctl -D $pg/data -o '-k $pg/sock -p $port -c max_wal_size=2GB' -l $pg/server.log start" >/dev/null
  psql "postgresql:///postgres?host=$pg/sock&port=$port&user=admin" -qc "CREATE ROLE newbie LOGIN" -c "CREATE DATABASE helpdesk"
  df -h "$work" | tail -1
  T copy cp --reflink=auto "$team_db" "$work/team.db"
  T init "$bin" team init "$admin" --from "$work/team.db"
  "$bin" team add-technician "$admin" newbie Newbie
  psql "$admin" -Atc "select 'server database bytes', pg_database_size('helpdesk')"
  df -h "$work" | tail -1
  T snapshot "$bin" team snapshot --db "$work/team.db" --url "$admin"
  df -h "$work" | tail -1
  rm -f "$work/team.db"*
  T join-snapshot "$bin" team join "$user" --db "$work/joined.db"
  ls -l "$work/joined.db"
  T check "$bin" --db "$work/joined.db" check
  "$bin" --db "$work/joined.db" team status --format json
  su postgres -c "$pgbin/pg_ctl -D $pg/data stop" >/dev/null
  rm -rf "$pg" "$work/joined.db"*
}

case ${1:-} in
  ab) shift; ab "$@" ;;
  full) shift; full "$@" ;;
  *) sed -n '2,18p' "$0"; exit 2 ;;
esac
