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
ticket-set-nothing = nothing to change: give --status, --assignee, --title, --description, --kind or --resolve-by

## Customers.
col-since = SINCE
col-open = OPEN
col-contact = CONTACT
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
bad-date-arg = { $flag }: `{ $typed }` is not a date (write it as 2026-03-20)

## Time and timers; `ticket show`.
col-entry = ENTRY
col-started = STARTED
col-minutes = MINUTES
col-by = BY
col-role = ROLE
col-note = NOTE
cli-timer-started = timer started on ticket { $ticket } for { $technician }
timer-to-book = { " " }to book --worked { $worked } to
timer-none = { $technician } has no running timer{ $to_book }
timers-none-running = no timers running
entry-id-too-short = give at least the first or the last 6 characters of the entry id (see `helpdesk time list`)
entry-not-found = ticket { $ticket } has no time entry `{ $typed }`; see `helpdesk time list { $ticket }`
entry-ambiguous = `{ $typed }` matches { $count } entries ({ $ids }); give more of the id
correction-booked = booked as a correction in { $month }: { $amount } on its statement
correction-recorded = recorded as a correction of the closed month; the team file prices it when this copy syncs
timer-stopped = stopped the timer on ticket { $ticket }: logged { $logged }
timer-stopped-closed-month = { " " }— its month is closed, so { $correction }
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
entry-cut-note = cut at { $at } by the timer on ticket { $ticket }; the timer ran { $ran }

## issue 20: mail
mail-lang-option = --lang: { $error }
mail-domains-line = domains: { $domains }
mail-quarantined-note = quarantined { $note }
mail-assign-unknown = no mail `{ $id }` is waiting in triage: give a number from the id column of `helpdesk mail triage`
mail-sent-note = sent to { $to } ({ $subject })
mail-col-email = email
mail-col-name = name
mail-col-lang = lang
mail-col-id = id
mail-col-received = received
mail-col-from = from
mail-col-kind = kind
mail-col-subject = subject
