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
# Durations: $sign is "-" or empty, $h and $m are numbers ($m may be zero-padded).
duration-m = {$sign}{$m}m
duration-h = {$sign}{$h}h
duration-hm = {$sign}{$h}h {$m}m
