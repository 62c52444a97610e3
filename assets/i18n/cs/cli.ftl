# Messages of the command line (tables, notes, errors).

## Tikety (ticket open / list / show / explain / set / comment).
note-line = pozn.: { $text }
no-tickets = žádné tikety
col-ticket = TIKET
cli-col-customer = ZÁKAZNÍK
cli-col-tier = TARIF
col-kind = DRUH
cli-col-status = STAV
cli-col-sla = SLA
cli-col-left = ZBÝVÁ
col-deadline = TERMÍN
cli-col-title = NÁZEV
explain-no-sla = tiket { $ticket }: bez SLA ({ $tier } nemá garantovanou reakci)
explain-head = tiket { $ticket } ({ $tier }, { $hours ->
    [one] { $hours } pracovní hodina
    [few] { $hours } pracovní hodiny
   *[other] { $hours } pracovních hodin
})
cli-explain-received = přijato
cli-explain-clock-starts = lhůta běží od
explain-next-opening = { $at } (nejbližší pracovní doba)
cli-explain-counted = započteno
cli-explain-skipped = vynecháno
cli-explain-weekend = víkend
cli-explain-deadline = termín
comment-needs-text = komentář nemůže být prázdný
ticket-set-nothing = není co měnit: zadejte --status, --assignee, --title, --description, --kind nebo --resolve-by

## Zákazníci.
col-since = OD
col-open = OTEVŘENÉ
col-contact = KONTAKT
customer-customer = zákazník
customer-contact = kontakt
customer-tier = tarif
customer-since = zákazníkem od
customer-contracts = smlouvy
customer-contract-from = { $tier } od { $from }
customer-prepaid = předplacené min
customer-prepaid-used = vyčerpáno { $used } z { $of } (zbývá { $left }) v { $month }
customer-overage = přečerpání
customer-overage-value = { $minutes } min, { $amount }
customer-open-tickets = otevřené tikety
bad-date-arg = { $flag }: `{ $typed }` není datum (pište jako 2026-03-20)

## Čas a časovače; `ticket show`.
col-entry = ZÁPIS
col-started = ZAČÁTEK
col-minutes = MINUTY
col-by = KDO
col-role = ROLE
col-note = POZNÁMKA
cli-timer-started = časovač běží na tiketu { $ticket } pro { $technician }
timer-to-book = { " " }pro zápis --worked { $worked }
timer-none = { $technician } nemá spuštěný časovač{ $to_book }
timers-none-running = žádný časovač neběží
entry-id-too-short = zadejte aspoň prvních nebo posledních 6 znaků id zápisu (viz `helpdesk time list`)
entry-not-found = tiket { $ticket } nemá zápis práce `{ $typed }`; viz `helpdesk time list { $ticket }`
entry-ambiguous = `{ $typed }` odpovídá { $count ->
    [one] { $count } zápisu
   *[other] { $count } zápisům
} ({ $ids }); zadejte delší část id
correction-booked = zaúčtováno jako oprava v { $month }: { $amount } ve vyúčtování
correction-recorded = zapsáno jako oprava uzavřeného měsíce; ocení ji týmový soubor, až se tato kopie synchronizuje
timer-stopped = časovač na tiketu { $ticket } zastaven: zapsáno { $logged }
timer-stopped-closed-month = { " " }— měsíc je uzavřený, proto { $correction }
show-ticket = tiket { $ticket }
show-customer = zákazník
show-kind = druh
show-kind-status-assignee = { $kind }    stav { $status }    řeší { $assignee }
show-received = přijato
show-sla = SLA
show-sla-value = { $state }  termín { $deadline }  zbývá { $left }
show-change = změna
show-responded = reakce
show-responded-value = { $at }  vyřešit do { $by }
show-comments = komentáře
show-time-total = čas (celkem { $total })

## Přehledy a vyúčtování.
col-suggested = DOPORUČENO
col-overage-months = MĚSÍCE PŘEČERPÁNÍ
col-reports = ZPRÁVY
col-overdue = PO TERMÍNU
col-due-by = TERMÍN
col-free-consultations = BEZPLATNÉ KONZULTACE
col-fee = PAUŠÁL
col-prepaid = PŘEDPLACENO
col-used = ČERPÁNO
col-over = NAD
col-overage = PŘEČERPÁNÍ
col-excl-vat = BEZ DPH
col-vat = DPH
col-total = CELKEM
col-upgrade = VYŠŠÍ TARIF
col-rate = SAZBA/H
col-raw = SKUTEČNĚ
col-free = ZDARMA
col-rounded = ZAOKR.
col-amount = ČÁSTKA
minutes-cell = { $m } min
report-closed-no-statement = { $month } je uzavřený a { $customer } v něm nemá vyúčtování
report-no-upgrades = za { $month } se vyšší tarif nikomu nedoporučuje
year-out-of-range = { $flag }{ $year } je mimo rozsah: zadejte rok od 1583 do 9999
obligations-done = hotovo { $done }/{ $of }
obligations-used = čerpáno { $used }/{ $of }
export-not-written = export se nepodařilo zapsat
report-no-statements = žádná vyúčtování: ten měsíc neměl žádný zákazník smlouvu ani fakturovatelnou práci
report-closed-month = (uzavřený měsíc: vyúčtování jsou zmrazená)
cli-statement-closed = (uzavřeno: zmrazeno)
statement-head = Vyúčtování za { $month } — { $customer } ({ $tier })
cli-statement-no-work = tento měsíc se nic nefakturuje
cli-statement-adjustment = úprava
statement-prepaid = předplaceno
statement-prepaid-value = vyčerpáno { $used } z { $of } (zbývá { $left })
cli-statement-overage = přečerpání
statement-overage-value = { $minutes } min  { $amount }
cli-statement-fee = měsíční paušál
statement-excl-vat = celkem bez DPH
cli-statement-vat = DPH { $percent } %
statement-incl-vat = celkem s DPH
cli-statement-upgrade = doporučen vyšší tarif: přečerpání tři měsíce po sobě; vyhověl by { $tier }
cli-statement-later-correction = pozdější oprava zaúčtovaná v { $month }: { $description }  { $amount }

## Ukázková data.
comments-count = { $count ->
    [one] { $count } komentář
    [few] { $count } komentáře
    [many] { $count } komentáře
   *[other] { $count } komentářů
}
running-timers-count = { $count ->
    [one] { $count } běžící časovač
    [few] { $count } běžící časovače
    [many] { $count } běžícího časovače
   *[other] { $count } běžících časovačů
}
operations-count = { $count ->
    [one] { $count } operace
    [few] { $count } operace
    [many] { $count } operace
   *[other] { $count } operací
}
demo-wrote = helpdesk: do { $path } zapsáno za { $seconds } s: { $customers }, { $tickets }, { $comments }, { $entries } a { $timers } ({ $operations }); otevřete ho příkazem `helpdesk --db { $path }`
demo-customers-at-least-one = --customers musí být aspoň 1
demo-file-not-empty = { $path } už obsahuje data ({ $customers }); ukázková data patří do nového souboru: zadejte jiné --db CESTA (nebo --force, který tento soubor nahradí)
demo-incomplete = { $error }; ukázka v { $path } je neúplná: soubor smažte a spusťte `helpdesk demo` znovu
progress-writing-tickets = zapisuji tikety

## cli: the team server
team-offline-note = bez spojení se serverem od { $when } · nesdíleno: { $count }

## issue 11: copies and timers
entry-removal-missing = odstranění záznamu v této kopii chybí
entry-cut-note = ukončeno v { $at } časovačem na tiketu { $ticket }; časovač běžel { $ran }

## issue 20: mail
mail-lang-option = --lang: { $error }
mail-domains-line = domény: { $domains }
mail-quarantined-note = v karanténě: { $note }
mail-assign-unknown = e-mail `{ $id }` nečeká v třídění: zadejte číslo ze sloupce id výpisu `helpdesk mail triage`
mail-sent-note = odesláno na { $to } ({ $subject })
mail-col-email = e-mail
mail-col-name = jméno
mail-col-lang = jazyk
mail-col-id = id
mail-col-received = přijato
mail-col-from = od
mail-col-kind = druh
mail-col-subject = předmět
