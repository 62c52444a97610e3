# Messages of the command line (tables, notes, errors).

## Tickets (ticket open / list / show / explain / set / comment).
note-line = note: { $text }
no-tickets = no tickets
col-ticket = TICKET
cli-col-customer = CUSTOMER
cli-col-tier = TIER
col-kind = KIND
cli-col-status = STATUS
cli-col-sla = SLA
cli-col-left = LEFT
col-deadline = DEADLINE
cli-col-title = TITLE
explain-no-sla = ticket { $ticket }: no SLA ({ $tier } has no response guarantee)
explain-head = ticket { $ticket } ({ $tier }, { $hours } business hours)
cli-explain-received = received
cli-explain-clock-starts = clock starts
explain-next-opening = { $at } (next opening)
cli-explain-counted = counted
cli-explain-skipped = skipped
cli-explain-weekend = weekend
cli-explain-deadline = deadline
comment-needs-text = a comment needs some text
ticket-set-nothing = nothing to change: give --status, --assignee, --title, --description, --kind, --resolve-by or --customer

## Customers.
col-since = SINCE
col-open = OPEN
col-contact = CONTACT
customer-id = id
customer-customer = customer
customer-contact = contact
customer-tier = tier
customer-since = since
customer-contracts = contracts
customer-contract-from = { $tier } from { $from }
customer-prepaid = prepaid min
customer-prepaid-used = { $used } used of { $of } ({ $left } left) in { $month }
customer-overage = overage
customer-overage-value = { $minutes } min, { $amount }
customer-open-tickets = open tickets
bad-date-arg = { $flag }: `{ $typed }` is not a date (write it as 2026-03-20 or 20.3.2026)

## Time and timers; `ticket show`.
col-entry = ENTRY
col-started = STARTED
col-minutes = MINUTES
col-by = BY
col-role = ROLE
col-note = NOTE
col-ran = RAN
cli-timer-started = timer started on ticket { $ticket } for { $technician }
timer-to-book = { " " }to book --worked { $worked } to
timer-none = { $technician } has no running timer{ $to_book }
timers-none-running = no timers running
timer-ran-forgotten = ! forgotten? `helpdesk timer stop --worked …` books what was worked
entry-id-too-short = `{ $typed }` is too short for an entry id: give at least its first or last 6 characters (see `helpdesk time list`)
entry-not-found = ticket { $ticket } has no time entry `{ $typed }`; see `helpdesk time list { $ticket }`
entry-ambiguous = `{ $typed }` matches { $count } entries ({ $ids }); give more of the id
correction-booked = booked as a correction in { $month }: { $amount } on its statement
correction-recorded = recorded as a correction of the closed month; the team file prices it when this copy syncs
correction-recorded-desk = recorded as a correction of the closed month; this desk prices it under the team's pricing lock when it reaches the team server (at once when connected, else at its next exchange)
timer-stopped = stopped the timer on ticket { $ticket }: logged { $logged }
timer-stopped-closed-month = { " " }— its month is closed, so { $correction }
timer-stopped-earlier-closed = { " " }— { $earlier } of it started in { $month }, which is closed, so { $correction }
show-ticket = ticket { $ticket }
show-customer = customer
show-kind = kind
show-kind-status-assignee = { $kind }    status { $status }    assignee { $assignee }
show-received = received
show-sla = SLA
show-sla-value = { $state }  deadline { $deadline }  left { $left }
show-change = change
show-responded = responded
show-responded-value = { $at }  resolve by { $by }
show-comments = comments
show-time-total = time ({ $total } in all)

## Reports and statements.
col-suggested = SUGGESTED
col-overage-months = OVERAGE MONTHS
col-reports = REPORTS
col-overdue = OVERDUE
col-due-by = DUE BY
col-free-consultations = FREE CONSULTATIONS
col-fee = FEE
col-prepaid = PREPAID
col-used = USED
col-over = OVER
col-overage = OVERAGE
col-corrections = CORRECTIONS
col-excl-vat = EXCL. VAT
col-vat = VAT
col-total = TOTAL
col-upgrade = UPGRADE
col-rate = RATE/H
col-raw = RAW
col-free = FREE
col-rounded = ROUNDED
col-amount = AMOUNT
minutes-cell = { $m }m
report-closed-no-statement = { $month } is closed and had no statement for { $customer }
report-no-upgrades = no upgrade suggestions for { $month }
report-no-upgrades-default = no upgrade suggestions for { $last } (the last complete month) or { $month }
year-out-of-range = { $flag }{ $year } is out of range: give a year from 1583 to 9999
obligations-done = { $done }/{ $of } done
obligations-used = { $used }/{ $of } used
export-not-written = the export could not be written
report-no-statements = no statements: no customer had a contract or billable work that month
report-closed-month = (closed month: frozen statements)
cli-statement-closed = (closed: frozen)
statement-head = Statement { $month } — { $customer } ({ $tier })
cli-statement-no-work = no work billed this month
cli-statement-adjustment = adjustment
statement-prepaid = prepaid
statement-prepaid-value = { $used } used of { $of } ({ $left } left)
cli-statement-overage = overage
statement-overage-value = { $minutes } min  { $amount }
cli-statement-fee = monthly fee
statement-excl-vat = total excl. VAT
cli-statement-vat = VAT { $percent } %
statement-incl-vat = total incl. VAT
cli-statement-upgrade = upgrade suggested: overage three months running; { $tier } would fit
cli-statement-later-correction = later correction booked in { $month }: { $description }  { $amount }

## Demo data.
comments-count = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
    }
running-timers-count = { $count ->
    [one] { $count } running timer
   *[other] { $count } running timers
    }
operations-count = { $count ->
    [one] { $count } operation
   *[other] { $count } operations
    }
demo-wrote = helpdesk: wrote { $customers }, { $tickets }, { $comments }, { $entries } and { $timers } ({ $operations }) to { $path } in { $seconds } s; open it with `helpdesk --db { $path }`
demo-customers-at-least-one = --customers must be at least 1
demo-file-not-empty = { $path } already holds { $customers }; demo data goes into a new file: pass another --db PATH (or --force to replace this one)
demo-incomplete = { $error }; the demo in { $path } is incomplete: remove the file and run `helpdesk demo` again
progress-writing-tickets = writing tickets

## cli: the team server
team-offline-note = offline since { $when } · { $count } unshared

## issue 11: copies and timers
entry-removal-missing = the entry's removal is not in this copy's log
entry-cut-note = cut at { $at } by the timer on ticket { $ticket }; it had booked { $ran }
timer-start-cuts = the entry on ticket { $ticket } said { $said }, more than had passed since its timer started; it now holds { $holds }, up to this timer (book the rest with `helpdesk time add` or correct it)

## issue 20: mail
mail-lang-option = --mail-lang: { $error }
mail-domains-line = domains: { $domains }
mail-quarantined-note = quarantined { $note }
mail-assign-unknown = no mail `{ $id }` is waiting in triage: give a number from the id column of `helpdesk mail triage`
mail-sent-note = sent to { $to } ({ $subject })
mail-col-email = EMAIL
mail-col-name = NAME
mail-col-lang = LANG
mail-col-id = ID
mail-col-received = RECEIVED
mail-col-from = FROM
mail-col-kind = KIND
mail-col-subject = SUBJECT

## team server (src/team, src/store/team.rs, src/cli/team.rs)
team-password-in-url = a password in the server URL would show in `ps` to everyone on this machine (and stay in your shell's history): leave it out of the URL and put it in ~/.pgpass (a line host:port:database:user:password, chmod 0600) or in PGPASSWORD; nothing was changed
team-wrong-password = the team server at { $at } refused the password for role `{ $role }` ({ $msg }); check PGPASSWORD or your ~/.pgpass line
team-role-not-let-in = the team server at { $at } does not let role `{ $role }` in ({ $msg }); ask the admin to `createuser` it and allow it in pg_hba.conf
team-no-such-database = the team server at { $at } has no such database ({ $msg }); the admin creates it with `createdb`
team-not-taking-connections = the team server at { $at } is not taking connections now: { $msg }
team-connection-refused = the team server at { $at } refused the connection: { $msg }
team-password-needed = the team server at { $at } asks for a password for role `{ $role }`: set PGPASSWORD or add a line host:port:database:user:password to ~/.pgpass (chmod 0600)
team-cannot-reach = cannot reach the team server at { $at }: { $cause }
team-server-refused-it = the team server refused it: { $msg }
team-refused-not-technician = role { $role } is not a technician of this helpdesk team (a viewer reads only)
team-refused-actor = an operation recorded as { $actor } was refused: role { $role } is the technician { $technician }
team-refused-desk = device { $device } is not a desk of role { $role }
team-refused-batch = batch { $batch } is not one of role { $role }
team-server-closed = the team server closed the connection: { $msg }
team-server-failed = the team server failed: { $msg }
team-connection-broke = the connection to the team server broke: { $msg }
team-no-team-yet = { $at } holds no helpdesk team yet; the admin runs `helpdesk team init { $at }` first
team-schema-newer = the team server at { $at } has helpdesk schema version { $version }, this helpdesk knows up to { $known }; upgrade helpdesk (nothing was changed)
team-schema-older = the team server at { $at } has helpdesk schema version { $version }; the admin upgrades it with `helpdesk team init { $at }`
team-init-holds-tickets = the team server at { $at } holds tickets already; `--from` only moves a team file into an empty team (nothing was changed)
team-init-desks-joined = desks joined the team at { $at } before the file moved in (their replicas are of another team); move the file into a new database (`createdb`, then `helpdesk team init URL --from FILE`); nothing was changed
team-init-clash = the server holds another operation at clock { $clock }; nothing was moved
team-progress-reading-file = reading the team file
team-progress-moving = moving the operations to the server
team-progress-fetching = fetching the team's operations
team-progress-applying = applying the team's operations
team-technician-needs-name = a technician needs a name
team-technician-taken = another role of the team at { $at } is the technician `{ $name }` already
team-no-such-role = the server at { $at } has no role `{ $role }`; create it first (`createuser { $role }`)
team-join-no-role = role `{ $role }` is neither a technician nor a viewer of the team at { $at }; the admin runs `helpdesk team add-technician { $at } { $role } NAME`
team-ops-of-no-batch = the team server sent operations of no batch; nothing more was applied
team-bad-batch-vector = the team server sent a batch whose version vector is not one helpdesk writes; nothing more was applied
team-bad-operation = the team server sent an operation that is not one helpdesk writes (at clock { $clock }); nothing more was applied
team-another-server = the server at { $at } is not the one this replica was made from (another team, or it was set up again); join it with a new replica
team-stopped-answering = the team server at { $at } stopped answering (nothing within { $ms } ms)
team-stopped-answering-now = the team server stopped answering
team-push-clash = the team server holds another operation of this desk at clock { $clock }: this replica is a copy of another desk's (a restored backup or a file copy); join the team with a new replica (nothing was pushed)
team-push-clock-ahead = this desk's changes were made under a clock that is ahead of the team server's: the newest is stamped { $theirs }, the server's clock says { $ours } — more than { $tolerance } ahead, so they would win over every later edit of the team; nothing was pushed (they stay in this replica). Set this machine's clock right: they are pushed once the server's clock reaches their time (if that is too far away, join the team with a new replica and enter that work again).
team-url-unreadable = the server URL is not one PostgreSQL reads: write postgresql://USER@HOST:PORT/DATABASE or postgresql:///DATABASE?host=/socket/dir&user=USER
team-sslmode-unsupported = sslmode `{ $mode }` is not supported: use disable, prefer, require or verify-full
team-url-no-user = the server URL names no user: add user=NAME
team-sslrootcert-unreadable = cannot read sslrootcert { $path }: { $error }
team-sslrootcert-not-pem = sslrootcert { $path } is not a PEM certificate: { $error }
team-tls-setup = cannot set up TLS for the team server: { $error }
team-connect-timeout = the team server at { $at } did not answer within { $ms } ms (HELPDESK_TEAM_TIMEOUT_MS)
team-server-hung-up = the server closed the connection
team-binding-damaged = this replica's team binding is damaged ({ $error }); join the team again
team-replica-not-empty = only an empty file can become a team's replica
team-as-refused = this replica is { $technician }'s desk: `--as { $name }` is refused (each technician writes from their own desk; nothing was written)
team-caught-up-partly-of = helpdesk: caught up with { $done } of { $total } of the other desks' changes; the rest comes with the next command, the interface or `helpdesk team sync`
team-caught-up-partly = helpdesk: caught up with { $done } of the other desks' changes; the rest comes with the next command, the interface or `helpdesk team sync`
team-working-alone = helpdesk: working on this replica alone: { $error }; its changes reach the team with a later command or `helpdesk team sync`
team-push-failed = helpdesk: this desk's changes were kept here but not sent to the team: { $error }
team-priced = helpdesk: work that reached closed months was billed as corrections: { $amount }
team-pricing-failed = helpdesk: work that reached closed months is not priced yet (the next exchange with the team server prices it): { $error }
team-from-is-replica = { $path } is a team replica, not a team file; `--from` takes the team's own file
team-init-already = the team server is set up already (schema version { $version }); nothing to do
team-init-done = the team server is set up (schema version { $version })
team-init-moved = moved { $count } { $count ->
    [one] operation
   *[other] operations
    } from { $path }; the team's ticket numbers continue after { $highest }
team-technician-added = role `{ $role }` is now the technician `{ $name }`
team-viewer-added = role `{ $role }` may now read the team's data (and write nothing)
team-not-a-replica = { $path } is not a team replica; `helpdesk team join URL --db FILE` makes one
team-sync-offline = { $error } ({ $note }; this desk's changes go to the team with the next command that reaches the server)
team-synced = synced with the team at { $at }: received { $received }, sent { $sent }
team-status-schema = the server has helpdesk schema version { $version }, this helpdesk speaks { $known }
team-status-none = none
team-status-another-server = the server is not the one this replica was made from; join it with a new replica
team-status-unknown = unknown
team-status-never = never
team-status-reachable = reachable
team-status-not-reachable = not reachable
team-status-server = server: { $server } ({ $reach })
team-status-schema-line = schema version: { $version }
team-status-viewer = a viewer
team-status-desk = this desk: { $desk } ({ $who })
team-status-operations = { $count } { $count ->
    [one] operation
   *[other] operations
    }
team-status-lag = behind the server: { $lag }
team-status-unshared = not shared yet: { $count } { $count ->
    [one] change
   *[other] changes
    }
team-status-last-contact = last contact: { $at }
team-status-offline-since = offline since: { $at }
team-status-this-desk = { $desk } (this)
team-col-desk = DESK
team-col-technician = TECHNICIAN
team-col-role = ROLE
team-col-joined = JOINED
team-col-last-contact = LAST CONTACT
team-join-file-exists = { $path } exists already; a replica is a new file (pass --db NEW_FILE); nothing was changed
team-join-cannot-create = cannot create { $path }: { $error }
team-joined-viewer = { $path } is a viewer's replica of the team at { $at } (it reads only)
team-joined = { $path } is { $technician }'s replica of the team at { $at } ({ $count ->
        [one] { $count } operation
       *[other] { $count } operations
    }); tickets opened while the server does not answer are numbered { $tag }-1, { $tag }-2, …

customer-archived-mark = { $name } (archived)
report-in-future = `{ $typed }` lies in the future (today is { $today }): record a report once it was delivered
report-not-owed = `{ $name }` has no status reports in its contract ({ $tier } in { $month }); nothing recorded
report-done-already = the status report of `{ $name }` on { $date } is recorded already
report-year-full = all { $count } status reports of `{ $name }` for { $year } are recorded already ({ $dates })
elapsed-backwards = FROM ({ $from }) is after TO ({ $to }): give the earlier instant first
contact-changed-name = name “{ $from }” → “{ $to }”
contact-changed-lang = mail language { $from } → { $to }
contact-unchanged = { $email } is a contact of { $customer } already; nothing changed
contact-updated = { $email }: { $changes }
contact-moved = { $email } was { $from }'s contact; it is now { $to }'s

team-progress-copying = copying the replica
team-progress-uploading = compressing and uploading the snapshot
team-progress-fetching-snapshot = fetching the team's snapshot
team-snapshot-io = cannot make the snapshot's copy: { $error }
team-snapshot-unshared = this replica holds changes the team server does not have ({ $devices ->
        [one] { $devices } device
       *[other] { $devices } devices
    }): run `helpdesk team sync` on it first (a snapshot holds only what the server has); nothing was uploaded
team-snapshot-admin-only = only the team's admin may store snapshots: pass the admin's URL with --url (nothing was uploaded)
team-snapshot-made = snapshot { $id } stored on the team server: { $ops } operations, { $size } bytes ({ $compressed } compressed, { $parts } parts)
team-snapshot-another-team = the snapshot is another team's
team-snapshot-bad-schema = the snapshot's file has schema version { $version }, this helpdesk writes another
team-snapshot-bad-cut = the snapshot's cut is not a version vector helpdesk writes
team-snapshot-log-differs = the snapshot's log is not what its description says (operations or per-device heads)
team-snapshot-beyond-server = the snapshot holds operations the server does not have
team-snapshot-part-size = the snapshot's parts are larger than it says
team-snapshot-part-missing = part { $part } of the snapshot is missing
team-snapshot-stalled = the server stopped answering while the snapshot was fetched (no part for { $seconds } s)
team-snapshot-bad-hash = the snapshot's file does not match its size or SHA-256
team-join-no-snapshot = helpdesk: the team server keeps no snapshot this helpdesk reads; replaying the team's whole log (the admin makes one with `helpdesk team snapshot`)
team-join-snapshot-unusable = helpdesk: the team's snapshot cannot be used ({ $why }); replaying the team's whole log instead
team-joined-from-snapshot = started from the team's snapshot { $id } ({ $ops } operations, { $fetched } bytes fetched), then { $pulled } newer operations pulled
team-status-snapshot = newest snapshot: { $at }, { $behind ->
    [one] 1 operation
   *[other] { $behind } operations
    } behind the log, { $size } bytes ({ $compressed } compressed)
entry-unchanged = entry { $entry } reads so already: nothing changed
work-before-received = note: this work starts { $at }, on a day before ticket { $ticket } was received ({ $received }); it is booked — if the date is mistyped, fix it with `helpdesk time correct { $ticket } ENTRY --at …`
customer-tier-sla-moved = note: the first-response deadline of { $count ->
    [one] 1 ticket already received
   *[other] { $count } tickets already received
    } follows the new tier (received in a month the change covers): { $breached } now breached, { $met } breached no more
