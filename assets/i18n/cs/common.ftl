# Slova společná pro příkazovou řádku i TUI. Čeština: one (1), few (2–4), many (desetinná), other (0, 5+).

tickets-count = { $count ->
    [one] { $count } tiket
    [few] { $count } tikety
    [many] { $count } tiketu
   *[other] { $count } tiketů
}
minutes-count = { $count ->
    [one] { $count } minuta
    [few] { $count } minuty
    [many] { $count } minuty
   *[other] { $count } minut
}
hours-count = { $count ->
    [one] { $count } hodina
    [few] { $count } hodiny
    [many] { $count } hodiny
   *[other] { $count } hodin
}
customers-count = { $count ->
    [one] { $count } zákazník
    [few] { $count } zákazníci
    [many] { $count } zákazníka
   *[other] { $count } zákazníků
}
entries-count = { $count ->
    [one] { $count } záznam práce
    [few] { $count } záznamy práce
    [many] { $count } záznamu práce
   *[other] { $count } záznamů práce
}
messages-count = { $count ->
    [one] { $count } zpráva
    [few] { $count } zprávy
    [many] { $count } zprávy
   *[other] { $count } zpráv
}

## Dny a měsíce
weekday-short-mon = Po
weekday-short-tue = Út
weekday-short-wed = St
weekday-short-thu = Čt
weekday-short-fri = Pá
weekday-short-sat = So
weekday-short-sun = Ne
weekday-long-mon = pondělí
weekday-long-tue = úterý
weekday-long-wed = středa
weekday-long-thu = čtvrtek
weekday-long-fri = pátek
weekday-long-sat = sobota
weekday-long-sun = neděle
month-1 = leden
month-2 = únor
month-3 = březen
month-4 = duben
month-5 = květen
month-6 = červen
month-7 = červenec
month-8 = srpen
month-9 = září
month-10 = říjen
month-11 = listopad
month-12 = prosinec
month-short-1 = led
month-short-2 = úno
month-short-3 = bře
month-short-4 = dub
month-short-5 = kvě
month-short-6 = čvn
month-short-7 = čvc
month-short-8 = srp
month-short-9 = zář
month-short-10 = říj
month-short-11 = lis
month-short-12 = pro

## cli: words for domain values in tables and sentences (SLA states, ticket states and kinds,
## durations). The machine names (JSON, CSV, what is typed) are not these.
sla-state-breached = po termínu
sla-state-at-risk = ohroženo
sla-state-running = běží
sla-state-paused = pozastaveno
sla-state-met = splněno
sla-state-no-sla = bez SLA
status-new = nový
status-open = otevřený
status-waiting = čeká
status-resolved = vyřešený
status-closed = uzavřený
kind-request = požadavek
kind-incident = incident
kind-consultation = konzultace
kind-change = změna
# Trvání: $sign je "-" nebo nic, $h a $m čísla. Česky s mezerou a zkratkami h, min.
duration-m = {$sign}{$m} min
duration-h = {$sign}{$h} h
duration-hm = {$sign}{$h} h {$m} min
