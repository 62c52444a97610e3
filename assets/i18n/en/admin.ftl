# Messages of the housekeeping commands (check, backup, restore, month, info), configuration, typed
# values, and the store's own checks and files. Kept apart from cli.ftl so parallel work merges cleanly.

## check, backup, restore, month
check-replayed = , state matches a replay of the log
check-ok = ok: { $path } ({ $operations } operations in the log{ $replayed })
check-problems = { $path } has { $count } { $count ->
    [one] problem
   *[other] problems
    }; restore it from a backup (`helpdesk restore FILE`)
compact-started = compacting { $path } (on a big file this takes minutes; other writers wait)
compact-done = compacted { $path }: { $before } bytes before, { $after } bytes now
backup-done = backed up { $path } to { $file }
restore-removing-scratch = removing { $scratch }: a restore stopped before it finished left it (its scratch copy of the backup); { $path } was not changed by that restore
restore-done = restored { $path } from { $file }; the replaced data is kept in { $kept }
month-closed-note = closed { $month }: { $count } { $count ->
    [one] statement
   *[other] statements
    } frozen
month-reopened-note = reopened { $month }; { $count ->
    [one] 1 correction billed in a later month was cancelled
   *[other] { $count } corrections billed in later months were cancelled
    } (the month bills that work again)
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
instant-out-of-range = `{ $typed }` is outside the time helpdesk bills (2 January 1583 to 30 December 9999: months of 1583–9999 in every zone)
instant-in-future = `{ $typed }` lies in the future: only what has already happened can be recorded (a promised date is `--resolve-by`)
flag-error = { $flag }: { $error }
not-a-date-or-instant = { $flag }: `{ $typed }` is not a date (2026-03-20) or an RFC 3339 instant
cannot-write = cannot write { $path }: { $error }
output-is-directory = it is a directory; name a file (in it or elsewhere)
output-link-loop = its symbolic links go round in a circle (or through more than 40 links); name the file itself
output-no-directory = the directory { $dir } does not exist (create it first, or check the path)
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
config-float = `{ $typed }` is a TOML float, which is never exact: write money and rates as a decimal string, like "0.21" or "800"
config-money-places = `{ $key }` = `{ $typed }` has more than two decimal places: write the amount with at most two, like "950.01"
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
check-month-totals-differ = month totals of { $month }: { $count ->
    [one] 1 row differs
   *[other] { $count } rows differ
    } from the time entries
check-month-totals-stale = month totals: { $count ->
    [one] 1 row carries
   *[other] { $count } rows carry
    } an outdated ticket number, title or kind
check-month-totals-empty = month totals hold { $count } { $count ->
    [one] month
   *[other] months
    } without time entries
check-month-figures-differ = month figures: { $count ->
    [one] 1 (month, customer) row differs
   *[other] { $count } (month, customer) rows differ
    } from the month totals
check-search-index = search index: { $error }
check-search-missing = search: { $count } { $count ->
    [one] ticket
   *[other] tickets
    } without a document
check-search-flags = search: { $count } { $count ->
    [one] document
   *[other] documents
    } with a wrong open flag
check-search-stray = search: the open tickets' index differs from the open tickets in { $count } { $count ->
    [one] document
   *[other] documents
    }
check-search-unknown = search: { $count } indexed { $count ->
    [one] word
   *[other] words
    } missing from search_terms
store-file-empty = { $path } is empty (no database in it yet); check the path (a command that only reads never creates a database)
store-file-missing = { $path } does not exist; check the path (a command that only reads never creates a database)
store-read-only-older = { $path } is read-only and was written by an older helpdesk; it must be upgraded once by someone who can write it
store-wal-unreadable = { $path } cannot be read here: its latest changes wait in { $path }-wal, and reading them needs a { $path }-shm file that cannot be created in this directory (it is read-only for you)
store-upgrade-failed = its upgrade to schema version { $version } failed ({ $what }) and it was left as it was

## helpdesk check, backup, restore: stages and problems
check-stage-structure = checking the file's structure
check-stage-tags = checking copy tags
check-stage-month-totals = recomputing month totals
check-stage-search = checking the search index
check-stage-state = reading the state
check-stage-replay = replaying the operation log
upgrade-stage-replay = upgrading the file once: replaying the operation log
progress-upgrade = upgrade
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

## environment variables (environment.rs): what each takes and does; errors
env-does-helpdesk-db = the database file (`--db` wins)
env-does-helpdesk-config-dir = where tariffs.toml, calendar.toml and config.toml are
env-does-helpdesk-user = who you are (`--as` and `technician` in config.toml win)
env-does-helpdesk-now = a fixed "now" for every command
env-does-helpdesk-busy-timeout-ms = how long a write waits for another, in ms (default 5000)
env-does-helpdesk-sync-timeout-s = how long `sync --remote` waits for a silent peer, in s (default 30)
env-does-helpdesk-mail-timeout-s = how long the mail command ([mail] sendmail) may run before it is stopped and nothing is recorded, in s (default 60)
env-does-helpdesk-team-timeout-ms = how long a command on a team replica waits for the team server, in ms (default 2000)
env-does-helpdesk-team-catch-up-ms = how long a command on a team replica spends catching up before it does its work, in ms (default 10000)
env-does-helpdesk-allow-network-fs = 1 allows a database on a network filesystem (default 0)
env-does-helpdesk-threads = how many threads one command may keep busy; 1 makes a month report or a long ticket table on one (default: the machine's cores)
env-does-helpdesk-log = what the log file records (default info)
env-does-rust-log = what the log file records, when HELPDESK_LOG is not set
env-does-lc-all = the language (cs… is Czech), shown by `helpdesk info`
env-does-lc-messages = the language when LC_ALL is not set
env-does-lang = the language when neither LC_ALL nor LC_MESSAGES is set
env-does-user = who you are, when nothing above says
env-does-username = who you are, when USER is not set either
env-does-home = where the default database and config directory are
env-does-xdg-data-home = the data directory of the default database (Linux)
env-does-xdg-config-home = the config directory (Linux)
env-does-xdg-state-home = where the log files are (Linux)
env-does-no-color = set and non-empty: the terminal interface uses no colours
env-does-editor = the editor Ctrl-E opens for a multi-line field (empty: as unset)
env-does-visual = the editor when EDITOR is not set (neither: vi)
env-value-a-path = a path
env-value-a-directory = a directory
env-value-a-name = a name
env-value-instant = an RFC 3339 instant like 2026-03-02T10:00:00+01:00
env-value-a-whole-number-from-0-to-3600000 = a whole number from 0 to 3600000
env-value-a-whole-number-from-1-to-86400 = a whole number from 1 to 86400
env-value-a-whole-number-from-1-to-600000 = a whole number from 1 to 600000
env-value-a-whole-number-from-1-to-1024 = a whole number from 1 to 1024
env-value-a-whole-number-from-1-to-3600000 = a whole number from 1 to 3600000
env-value-1-or-0 = 1 or 0
env-value-log-filter = a log filter like info, debug or helpdesk::store=debug,warn
env-value-log-filter-short = a log filter like info or debug
env-value-locale = a locale like cs_CZ.UTF-8
env-value-anything = anything
env-value-editor = a command, e.g. vim or code --wait
env-value-a-command = a command
env-set-it-to = set it to { $what }
env-empty = { $name } is set but empty: { $accepts }, or unset it
env-not-utf8 = { $name } is not valid UTF-8 (`{ $value }`): { $accepts }
env-not-whole = { $name }: `{ $value }` is not a whole number of { $unit } from { $lo } to { $hi } (fix it, or unset it)
env-unit-ms = milliseconds
env-unit-s = seconds
env-unit-threads = threads
env-config-dir-not-dir = HELPDESK_CONFIG_DIR: { $path } is not a directory (give the directory that holds config.toml, or unset it)
env-user-unprintable = HELPDESK_USER holds no printable name: give a name, or unset it
as-unprintable = --as holds no printable name: give a name (--as "Jana Nováková"), or leave --as out
env-now-unreadable = HELPDESK_NOW: `{ $value }` is not an RFC 3339 instant (write it like 2026-03-02T10:00:00+01:00)
env-network-fs-unreadable = HELPDESK_ALLOW_NETWORK_FS: `{ $value }` is neither 1 nor 0 (1 allows a database on a network filesystem; 0, or unset, refuses it)
env-log-filter-unreadable = { $name }: `{ $value }` is not a log filter: write it like info, debug or helpdesk::store=debug (or unset it)

## month statements and corrections (src/statements)
correction-needs-entry = a correction needs an entry to add or to remove
correction-move-closed = an entry cannot move into or out of a closed month ({ $month }): its statement is frozen. Remove it and add it again at the new time: `{ $remove }`, then `{ $add }`
correction-month-moved = a corrected entry must stay in the month it was in: to move it into or out of a closed month, remove it and log it again at the new time (each as a correction where its month is closed)
correction-month-open = { $month } is not closed; change the time entry directly instead of booking a correction
statement-customer-missing = the ticket's customer is missing
timer-books-range = a timer books between 1 minute and { $max }, not { $minutes }
timer-ticket-missing = the timer's ticket is missing
closed-statement-path = a closed statement

## remembering the technician's name in config.toml; the role key
config-remember-cannot-read = { $path }: cannot read it: { $error }
config-remember-cannot-create = { $path }: cannot create it: { $error }
config-remember-cannot-write = { $path }: cannot write it: { $error }
config-role = `role` must be "technician" or "consultant", not { $value }
close-not-ended = { $month } has not ended yet; only past months can be closed
close-timer-running = { $month } cannot be closed while { $technician }'s timer on ticket { $ticket }, started in it, is running; stop it first (`helpdesk timer stop`)
close-customer-vanished = customer { $customer } vanished
forgotten-longer-than-hours = longer than forgotten_timer_hours ({ $hours } h)
forgotten-longer-than-entry = longer than one time entry may hold ({ $max })
forgotten-started-in-future = it started after now — the clock was ahead when it was started
forgotten-timer-not-booked = { $technician }'s timer on ticket { $ticket } has run { $ran } (since { $since }), { $limit }; nothing was booked and it keeps running. Book what was really worked: `helpdesk timer stop --worked 1h30` (45, 1h30 or 1:30)
arg-not-utf8 = { $arg } is not valid UTF-8 (`{ $shown }`): give it in UTF-8 (text from a file in another encoding: convert it first, e.g. iconv -f cp1250 -t utf-8)
arg-not-utf8-value = the argument `{ $shown }` is not valid UTF-8: give it in UTF-8 (text from a file in another encoding: convert it first, e.g. iconv -f cp1250 -t utf-8)
