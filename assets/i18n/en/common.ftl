# Words shared by the CLI and the TUI. Ids: lower-case, hyphens. Plurals select on a number:
# { $count -> [one] … *[other] … }. Czech has one (1), few (2–4), many (fractions), other (0, 5+).

tickets-count = { $count ->
    [one] { $count } ticket
   *[other] { $count } tickets
}
minutes-count = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
hours-count = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
customers-count = { $count ->
    [one] { $count } customer
   *[other] { $count } customers
}
entries-count = { $count ->
    [one] { $count } time entry
   *[other] { $count } time entries
}
messages-count = { $count ->
    [one] { $count } message
   *[other] { $count } messages
}

## Weekdays and months (dates are written D.M. or YYYY-MM-DD in both languages).
weekday-short-mon = Mon
weekday-short-tue = Tue
weekday-short-wed = Wed
weekday-short-thu = Thu
weekday-short-fri = Fri
weekday-short-sat = Sat
weekday-short-sun = Sun
weekday-long-mon = Monday
weekday-long-tue = Tuesday
weekday-long-wed = Wednesday
weekday-long-thu = Thursday
weekday-long-fri = Friday
weekday-long-sat = Saturday
weekday-long-sun = Sunday
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec

## cli: words for domain values in tables and sentences (SLA states, ticket states and kinds,
## durations). The machine names (JSON, CSV, what is typed) are not these.
sla-state-breached = breached
sla-state-late-answer = late answer
sla-state-at-risk = at risk
sla-state-running = running
sla-state-paused = paused
sla-state-met = met
sla-state-no-sla = no SLA
status-new = new
status-open = open
status-waiting = waiting
status-resolved = resolved
status-closed = closed
kind-request = request
kind-incident = incident
kind-consultation = consultation
kind-change = change
role-technician = technician
# Who acts when nothing names the technician (shown; stored as `technician` in every language).
unnamed-technician = technician
role-consultant = consultant
# Durations: $sign is "-" or empty, $h and $m are numbers ($m may be zero-padded).
duration-m = {$sign}{$m}m
duration-h = {$sign}{$h}h
duration-hm = {$sign}{$h}h {$m}m
# The same in a table cell ($m zero-padded after hours).
duration-short-m = {$sign}{$m}m
duration-short-h = {$sign}{$h}h
duration-short-hm = {$sign}{$h}h {$m}m

## cli: errors of the store (shown by the CLI and the TUI alike). Command names stay as typed.
store-busy = the database is busy (another helpdesk is writing to it); try again
store-newer-version = { $path } was written by a newer helpdesk (schema version { $found }, this one knows up to { $supported }); upgrade helpdesk to open it
store-not-a-database = { $path } is not a helpdesk database ({ $what }); check the path
store-not-sqlite = not an SQLite file
store-other-program = an SQLite file of another program
store-not-a-file = not a regular file but a directory, a pipe or a device
rows-thread-stopped = the thread making the rows stopped
thread-not-started = the system started no second thread ({ $error }); try again, or set HELPDESK_THREADS=1 to work on one
store-corrupt = { $path } is damaged: { $detail }; restore it from a backup
store-disk-full = the disk holding the database is full; nothing was saved — free some space and try again
store-conflict = ticket { $ticket }: someone else changed its { $field } to `{ $theirs }` since you opened it; nothing was saved
store-clash = { $detail }. Nothing was changed on either side.{ $hint }
store-io = cannot use { $path }: { $error }
store-sqlite = database error: { $error }
store-partly-synced = { $failed } did not receive the other copy's changes: { $cause } ({ $applied } did receive { $failed }'s changes, and keeps them.) Run the same sync again to finish: it is safe, nothing is applied twice
store-the-database = the database
store-read-only-permissions = this database is read-only here (file permissions); nothing was changed
store-open-read-only = { $path } is open read-only (you may not write to the file); nothing was changed
store-viewer-replica = { $path } is a viewer's replica of the team: a viewer reads only; nothing was changed (a technician's replica writes: `helpdesk team join` as a technician)

## cli: errors the store raises (shown by the CLI and the TUI)
customer-needs-name = a customer needs a name
customer-exists = a customer named `{ $name }` already exists
customer-since-closed = { $month } is closed: a contract from { $since } would change its frozen statements; give a --since after the last closed month, or reopen { $month }
store-unknown-customer = no such customer
customer-tier-closed = { $month } is closed: a tier change from { $from } would alter its frozen statements; choose a month after the last closed one, or reopen { $month }
customer-tier-backdated = `{ $name }` is { $tier } from { $from } back: the statements of { $from } to { $last }, not closed yet, are billed with it now (their monthly fees and prepaid minutes change)
ticket-needs-title = a ticket needs a title
ticket-vanished = the new ticket vanished
store-unknown-ticket-number = no ticket { $number }
resolve-before-response = the proposed resolution date is before the first response
no-such-ticket-plain = no such ticket
comment-needs-text-store = a comment needs some text
no-such-comment = no such comment (or it was already deleted)
no-such-entry = no such time entry
entry-already-changed = that time entry was already corrected or removed
no-such-entry-or-removed = no such time entry (or it was already removed)
entry-version-missing = that version of the time entry is not in this copy
timer-changed-meanwhile = { $technician }'s timer changed meanwhile; nothing was booked — look again
store-needs-technician = a time entry needs a technician
store-unknown-contact = the customer has no contact { $email }
month-already-closed = { $month } is already closed
month-not-closed = { $month } is not closed
month-reopen-blocked = { $month } cannot be reopened: a correction of it was billed in { $m }, which is closed too; reopen { $m } first
store-needs-correction = { $month } is closed: its statements are frozen
store-unknown-customer-named = no customer named `{ $name }`
no-customer-unique = `{ $name }` could be any of these customers: { $matches }; give more of the name
customer-candidate = `{ $name }` { $id } (added { $added }, contact: { $contact }{ $archived ->
        [yes] , archived
       *[no] {""}
    })
customer-same-name = `{ $name }` names several customers (two copies each gave one this name before they synced): { $matches }; name one by its id (as `helpdesk customer show id:…`), and make them one with `helpdesk customer merge KEEP OTHER`
customer-id-form = `{ $typed }`: a customer id is `id:` and the whole id or its first or last characters ({ $min } at least, 0-9 and a-f), as `customer show` shows it
customer-no-such-id = no customer has the id `{ $id }`; `helpdesk customer show NAME` shows a customer's id
customer-merge-same = KEEP and OTHER are the same customer; name two customers (`id:…` tells two of one name apart)
customer-merge-open-month = { $month } is open again while { $last } is closed: merging now would bill two fees in { $month }; close it again (`helpdesk month close { $month }`), then merge
customer-merge-archived = `{ $name }` is archived and takes no tickets; bring it back first (`helpdesk customer unarchive`), or keep the other one
customer-merged = merged `{ $other }` { $other_id } into `{ $keep }` { $keep_id } (moved to it: tickets { $tickets }, contacts { $contacts }, mail domains { $domains }); { $other_id } is archived
customer-merge-fee = { $other_id } bills no monthly fee from { $from } on; closed months keep their statements as billed
customer-merge-stayed = tickets { $tickets } have time in a closed month and stay with { $other_id }, where it was billed; reopen that month and merge again to move them
customer-merge-tiers = the two had different tiers in { $from }: { $keep_id } { $keep_tier }, { $other_id } { $other_tier }; { $keep_id } keeps its own — check it with `helpdesk customer tier`
ticket-receipt-out-of-range = ticket { $ticket } has a receipt time out of range
store-needs-first-response = ticket { $ticket } has no first response yet
store-already-responded = ticket { $ticket } already has its first response ({ $at })
response-before-received = the response time { $at } is before the ticket was received ({ $received })
resolve-before-response-at = the proposed resolution date { $by } is before the response itself; give a later date
entry-minutes-range = a time entry must be between 1 and { $max } minutes, not { $minutes }

## issue 20: mail in and out
mail-from-ourselves = sent from our own address { $address } ([mail] from), but not by helpdesk: not imported as a customer's mail — answer it from your mail program if it needs an answer
mail-import-reopened = ; { $count ->
        [one] a reply moved ticket { $tickets } back to open
       *[other] replies moved tickets { $tickets } back to open
    }
mail-import-summary = imported { $tickets } { $tickets ->
    [one] ticket
   *[other] tickets
    }, { $comments } { $comments ->
    [one] comment
   *[other] comments
    }; { $triage } to triage; { $quarantined } quarantined; { $already } already imported
mail-maildir-unreadable = cannot read the Maildir { $path }: { $reason } (a Maildir is a directory with cur/ and new/ in it)
mail-maildir-empty = it has neither cur/ nor new/
mail-too-big = the message is { $size } MiB, more than the { $limit } MiB helpdesk reads
mail-unreadable = it cannot be read: { $error }
mail-quarantine-failed = { $file }: { $reason }; copying it to the quarantine failed: { $error }
mail-parser-failed = the MIME parser failed on it
mail-no-headers = it is not a mail message (no headers)
mail-too-many-parts = it has { $parts } MIME parts, more than { $limit } (a MIME bomb?)
mail-no-from-header = it has no From: address
mail-from-not-an-address = its From: `{ $from }` is not an e-mail address
mail-no-received-time = no time it was received can be told
mail-body-cut = [… the rest of the message was cut: it is longer than helpdesk keeps]
mail-attachment-not-stored = [attachment not stored: { $name }, { $size }]
mail-html-unreadable = [an HTML body that could not be rendered as text]
mail-attachment-damaged = [attachment not stored: { $name }, { $size } — damaged: its content could not be decoded]
mail-text-base64-broken = [the text is marked as base64 but could not be decoded; it is kept as received:]
mail-text-base64-rest = [the rest of the text could not be decoded (broken base64); it is kept as received:]
mail-text-qp-broken = [the text is marked as quoted-printable but is broken; it was decoded as far as it could be]
mail-text-charset-unknown = [the text's character set “{ $charset }” is unknown; characters that could not be read are shown as �]
mail-text-charset-invalid = [the text has characters that are not valid in its character set “{ $charset }”; they are shown as �]
mail-header-not-decoded = [the { $field } header could not be decoded; it is kept as received]
mail-command-no-start = the mail command `{ $command }` could not start: { $error }; nothing was sent
mail-command-broke = the mail command `{ $command }` failed: { $error }
mail-command-signal = a signal
mail-command-exit = exit code { $code }
mail-command-timed-out = the mail command `{ $command }` did not finish within { $seconds } s and was stopped; nothing was sent or recorded — check [mail] sendmail in config.toml (is the mail server reachable?), or give it more time with HELPDESK_MAIL_TIMEOUT_S
mail-command-failed = the mail command `{ $command }` failed ({ $code }){ $words }; nothing was sent or recorded — check [mail] sendmail in config.toml
mail-command-refused-input = the mail command `{ $command }` did not take the message: { $error }; nothing was recorded
mail-no-text = (no text)
mail-quoted-other-ticket = [the subject names ticket #{ $number }, but the sender is no contact of that ticket's customer and has not written in on it: taken in as a new message, not added to #{ $number }]
mail-quoted-unknown-ticket = [the subject names ticket #{ $number }, which does not exist here: taken in as a new message]
mail-no-subject = (no subject)
store-unknown-triage = no mail { $id } in triage
mail-triage-assigned-already = mail { $id } was assigned already
mail-new-ticket-vanished = the new ticket vanished
store-unknown-ticket = no such ticket
mail-sent-comment = Sent by e-mail to { $to } — { $subject }

    { $body }
mail-no-from = nothing was sent or recorded: set `from` in the [mail] section of config.toml (the sender of our answers)
mail-no-recipient = nothing was sent or recorded: ticket { $number } has no mail and its customer no contact; add one with `helpdesk customer contact add "{ $customer }" EMAIL`
store-unknown-mail-domain = the customer has no mail domain { $domain }

## the domain's refusals (what was typed stays as typed; the words to type stay English)
duration-unreadable = `{ $typed }` is not a duration: write minutes (45), 1h30, 1:30 or 2h
duration-zero = a duration must be at least one minute
duration-negative = `{ $typed }` is negative: time worked must be positive
duration-too-long = `{ $typed }` is too long for one time entry (at most 24h)
bad-month = `{ $typed }` is not a month: write it as YYYY-MM, e.g. 2026-03
unknown-tier = unknown tier `{ $typed }`: use standard, plus, vip or none
unknown-role = unknown role `{ $typed }`: use technician or consultant
unknown-kind = unknown ticket kind `{ $typed }`: use request, incident, consultation or change
unknown-status = unknown status `{ $typed }`: use new, open, waiting, resolved or closed
bad-ticket-number = `{ $typed }` is not a ticket number: write it like 1042 or B-17
bad-address = `{ $typed }` is not an e-mail address: write it like jana.novakova@example.cz
bad-mail-domain = `{ $typed }` is not a mail domain: write it like example.cz
duration-empty = the duration is empty: type it, e.g. 45 (minutes), 1h30, 1:30 or 2h
bad-month-empty = the month is empty: type it as YYYY-MM, e.g. 2026-03
bad-ticket-number-empty = the ticket number is empty: type it, e.g. 1042 or B-17
bad-address-empty = the e-mail address is empty: type it, e.g. jana.novakova@example.cz
bad-mail-domain-empty = the mail domain is empty: type it, e.g. example.cz
bad-mail-domain-hyphen = `{ $typed }` is not a mail domain: a part of a domain name cannot start or end with `-`; write it like example.cz
value-starts-with-hyphen = `{ $value }` starts with `-` and reads as an option; if it is the { $field }, put `--` before it: `{ $example }`
unknown-lang = `{ $typed }` is not a language here: write cs or en
calendar-open-after-close = opening time { $open } must be before closing time { $close }
calendar-no-weekdays = no business weekdays are configured

## what a change request means under a tier (ticket open/show, the ticket view)
entitlement-no = product modifications are not included in { $tier }: this change is billed as paid work
entitlement-partly = product modifications are partly included in { $tier }
entitlement-yes = product modifications are included in { $tier }

## Moving a ticket, archiving and removing a customer (src/store/tickets.rs, src/store/customers.rs)
ticket-move-archived = `{ $name }` is archived; unarchive it first to move a ticket to it
ticket-move-closed-month = ticket { $ticket } has time in { $month }, which is closed and billed to { $customer }; reopen { $month } to move it, or open a new ticket for the rest of the work
customer-archived-no-tickets = `{ $name }` is archived; unarchive it first to open a ticket for it
customer-already-archived = `{ $name }` is archived already
customer-not-archived = `{ $name }` is not archived
customer-archive-contract = `{ $name }` has a contract ({ $tier } from { $from }) in force from { $month } on: archiving would not end its monthly fee; set its tier to none from a month first
customer-remove-contract = `{ $name }` has a contract ({ $tier } from { $from }): its monthly fees are billed, so it is not removed; archive it instead (with its tier set to none from a month first: helpdesk customer tier, then helpdesk customer archive), or, if the contract was a mistake too, set its tier to none from { $from } and then remove it
customer-remove-has-tickets = `{ $name }` has { $count ->
    [one] a ticket
   *[other] { $count } tickets
  }: a customer with tickets is not removed; archive it instead (helpdesk customer archive, or D in the customers view)

## Where the CLI says to look when a store names something it does not hold (the store says what, not where)
cli-see-customer-list = { $said }; see `helpdesk customer list`
cli-see-ticket-list = { $said }; see `helpdesk ticket list`
cli-see-mail-triage = { $said }; see `helpdesk mail triage`
cli-see-contact-list = { $said }; see `helpdesk customer contact list`
cli-see-sync-conflicts = { $said }; see `helpdesk sync conflicts`
cli-hint-respond = { $said }; record it with `helpdesk ticket respond`
cli-hint-by = { $said } (--by NAME)
cli-hint-correction = { $said }. Book the change as a correction in the current month (`--correction`), or reopen the month with `helpdesk month reopen { $month }`
cli-hint-resolve-by = { $said }; change the promised date with `helpdesk ticket set { $ticket } --resolve-by`
cli-hint-new-identity = { $said }: use `sync new-identity`
cli-hint-wal-unreadable = { $said }; ask someone who may write there to run `helpdesk check` once, or copy the file with its -wal to a writable place

## Length limits on typed text (src/domain/length.rs)
text-too-long = { $field }: at most { $limit } characters (you gave { $given }): shorten it
field-contact-name = Contact name
field-technician = Technician
field-text = Text
correction-line-ticket = correction of { $month }: ticket { $ticket } { $sign }{ $duration }
correction-line-ticket-synced = correction of { $month }: ticket { $ticket } { $sign }{ $duration } (synced)
correction-line-repriced = correction of { $month }: repriced (free consultations, ticket kinds or earlier work changed since)
