# Messages of the housekeeping commands (check, backup, restore, month, info), configuration, typed
# values, and the store's own checks and files. Kept apart from cli.ftl so parallel work merges cleanly.

## check, backup, restore, month
check-replayed = , state matches a replay of the log
check-ok = ok: { $path } ({ $operations } operations in the log{ $replayed })
check-problems = { $path } has { $count } problem(s); restore it from a backup (`helpdesk restore FILE`)
backup-done = backed up { $path } to { $file }
restore-removing-scratch = removing { $scratch }: a restore stopped before it finished left it (its scratch copy of the backup); { $path } was not changed by that restore
restore-done = restored { $path } from { $file }; the replaced data is kept in { $kept }
month-closed-note = closed { $month }: { $count } statement(s) frozen
month-reopened-note = reopened { $month }; { $count } correction(s) billed in later months were cancelled (the month bills that work again)
months-none-closed = no closed months
month-closed-mark = closed

## typed values and usage
arg-not-a-year = `{ $typed }` is not a year: write it like 2026 (from 1583 to 9999)
calendar-year-out-of-range = year { $year } is out of range: give a year from 1583 to 9999
arg-not-a-whole-number = `{ $typed }` is not a whole number from { $lo } to { $hi }
stdin-line = stdin line { $line }: { $error }
hours-not-a-number = --hours: `{ $typed }` is not a number of hours (write it like 4 or 1.5)
hours-negative = --hours must not be negative (got { $hours })
hours-too-large = --hours { $hours } is too large
not-an-instant = `{ $typed }` is not an RFC 3339 instant (write it like 2026-03-02T10:00:00+01:00)
flag-error = { $flag }: { $error }
not-a-date-or-instant = { $flag }: `{ $typed }` is not a date (2026-03-20) or an RFC 3339 instant
cannot-write = cannot write { $path }: { $error }
cannot-read = cannot read { $path }: { $error }
cannot-create = cannot create { $path }: { $error }
not-a-subcommand = `{ $typed }` is not a subcommand of `{ $command }`; see `{ $command } --help`
needs-a-subcommand = `{ $command }` needs a subcommand: { $subcommands } (see `{ $command } --help`)
usage-see-help = { $said }; see `{ $command } --help`

## progress bars (the unit after the counts, and the time left)
progress-eta = ETA
progress-unit-steps = steps
progress-unit-operations = operations
progress-unit-pages = pages
progress-unit-tickets = tickets

## helpdesk info (labels of the table; the JSON keys are not these)
info-version = version
info-database = database
info-size = size
info-bytes = { $size } bytes
info-schema = schema
info-customers = customers
info-tickets = tickets
info-time-entries = time entries
info-comments = comments
info-operations = operations
info-no-database = no database there yet
info-team-file = team file (device { $device })
info-copy-of = copy { $tag } (device { $device })
info-copy = copy
info-team = team
info-no-team-server = no team server
info-config-dir = config dir
info-built-in-defaults = none (built-in defaults)
info-config-files = config files
info-log-file = log file
info-no-log-file = none (no directory to write it)
info-language = language
info-zone = zone
info-no-config-files = none (built-in defaults)

## the command line's own refusals
output-failed = writing the output failed: { $error }
bad-configuration = bad configuration: { $error }
no-home-directory = no home directory to keep the database in; pass --db PATH
database-not-kept = { $error } ({ $path } did not exist and was not kept; check the path)
interface-needs-terminal = the interface needs a terminal; for scripts use the subcommands (see `helpdesk --help`)

## configuration files (config.toml, tariffs.toml, calendar.toml); keys and values stay as written
config-built-in = built-in { $name }
config-cannot-read = cannot read it: { $error }
config-at-byte = { $error } (at byte { $byte }; { $line })
config-missing-key = missing key `{ $key }`
config-at-risk-fraction = `at_risk_fraction` must be between 0 and 1
config-cannot-be-none = `{ $key }` cannot be `none`
config-open-not-24 = `open` cannot be 24:00
config-holiday-date = holiday `{ $name }` needs exactly one of `date = "MM-DD"` or `easter = DAYS`
config-key-error = { $key }: { $error }
config-mail-sendmail = [mail] sendmail: give a command, e.g. "sendmail -t -oi" or "msmtp -t"
config-mail-quarantine = [mail] quarantine: give a directory
config-forgotten-timer-hours = `forgotten_timer_hours` must be a whole number of hours from 1 to 168, not { $hours }
config-language = `language` must be "cs" or "en" (or empty for the locale's), not { $code }
config-not-a-decimal = `{ $typed }` is not a decimal number (write it like "800" or "0.21")
config-negative = `{ $typed }` must not be negative
config-time-zone = unknown time zone `{ $typed }` (use an IANA name like Europe/Prague)
config-time-of-day = `{ $typed }` is not a time of day: write it as HH:MM, e.g. 08:00
config-weekday = `{ $typed }` is not a weekday: use mon, tue, wed, thu, fri, sat or sun
config-day-of-year = `{ $typed }` is not a day of the year: write it as MM-DD, e.g. 12-24

## the store: operation bodies, files, clocks, checks
codec-body = an operation's body { $what }: { $error }
codec-cannot-compress = cannot be compressed
codec-cannot-read = cannot be read
codec-damaged = is damaged
codec-no-content-size = no content size
codec-unknown-kind = is of an unknown kind
codec-empty = is empty
codec-not-a-change = is not a change
store-database-read-only = this database is open read-only; nothing was changed
store-no-directory = cannot create { $path }: the directory { $dir } does not exist (create it first, or check the path)
store-network-filesystem = { $path } is on a network filesystem ({ $fstype }); SQLite's WAL mode can corrupt a database there. Keep the file on a local disk of the host everyone logs in to, or give each laptop its own copy (HELPDESK_ALLOW_NETWORK_FS=1 overrides this at your own risk)
bad-clock-value = bad clock value `{ $typed }`
tier-notice-no-statement = no frozen statement
tier-notice-kept = tier { $tier }
tier-notice = { $name }: tier { $tier } from { $from } arrived after { $month } was closed; { $month } keeps { $kept } and is not billed again — to bill it under { $tier }, reopen it (`helpdesk month reopen { $month }`) and close it again on the team file
correction-month-closed = { $month } is closed too; corrections are billed in an open month
check-month-totals-differ = month totals of { $month }: { $count } row(s) differ from the time entries
check-month-totals-stale = month totals: { $count } row(s) carry an outdated ticket number, title or kind
check-month-totals-empty = month totals hold { $count } month(s) without time entries
check-search-index = search index: { $error }
check-search-missing = search: { $count } ticket(s) without a document
check-search-flags = search: { $count } document(s) with a wrong open flag
check-search-stray = search: the open tickets' index differs from the open tickets in { $count } document(s)
check-search-unknown = search: { $count } indexed word(s) missing from search_terms
store-file-empty = { $path } is empty (no database in it yet); check the path (a command that only reads never creates a database)
store-file-missing = { $path } does not exist; check the path (a command that only reads never creates a database)
store-read-only-older = { $path } is read-only and was written by an older helpdesk; it must be upgraded once by someone who can write it
store-wal-unreadable = { $path } cannot be read here: its latest changes wait in { $path }-wal, and reading them needs a { $path }-shm file that cannot be created in this directory (it is read-only for you); ask someone who may write there to run `helpdesk check` once, or copy the file with its -wal to a writable place
store-upgrade-failed = its upgrade to schema version { $version } failed ({ $what }) and it was left as it was

## helpdesk check, backup, restore: stages and problems
check-stage-structure = checking the file's structure
check-stage-tags = checking copy tags
check-stage-month-totals = recomputing month totals
check-stage-search = checking the search index
check-stage-state = reading the state
check-stage-replay = replaying the operation log
check-stage-done = checked
check-integrity = integrity: { $problem }
check-reference = reference: { $problem }
check-missing-reference = { $table } row { $row } refers to a missing { $parent }
check-replay-differs = the state tables differ from a replay of the operation log
check-entry-customer = time entry { $id } is billed to another customer than its ticket's
check-entry-two-tickets = time entry { $id } has versions on two tickets
check-correction-customer = correction { $id } is billed to another customer than its ticket's
check-ticket-tag = identifier: ticket { $id } has a malformed copy tag `{ $tag }`
check-peer-tag = identifier: peer { $device } has a malformed copy tag `{ $tag }`
backup-exists = { $path } already exists; choose a new file name for the backup
backup-disk-full = the disk it is on is full; nothing was written there — free some space or choose another disk
restore-not-a-file = { $path } is not a file; give the backup file to restore
restore-no-file = { $path } does not exist; give the backup file to restore
restore-memory-database = cannot restore into a memory database
restore-copying = copying the backup in
