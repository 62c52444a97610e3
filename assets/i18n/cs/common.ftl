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
sla-state-at-risk = ohrožený
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
role-technician = technik
role-consultant = konzultant
# Trvání: $sign je "-" nebo nic, $h a $m čísla. Česky s mezerou a zkratkami h, min.
duration-m = {$sign}{$m} min
duration-h = {$sign}{$h} h
duration-hm = {$sign}{$h} h {$m} min

## cli: errors of the store (shown by the CLI and the TUI alike). Command names stay as typed.
store-busy = databáze je zaneprázdněná (zapisuje do ní jiný helpdesk); zkuste to znovu
store-newer-version = { $path } zapsal novější helpdesk (verze schématu { $found }, tento zná nejvýš { $supported }); pro otevření aktualizujte helpdesk
store-not-a-database = { $path } není databáze helpdesku ({ $what }); zkontrolujte cestu
store-not-sqlite = není to soubor SQLite
store-other-program = je to soubor SQLite jiného programu
store-corrupt = { $path } je poškozený: { $detail }; obnovte ho ze zálohy
store-disk-full = disk s databází je plný; nic se neuložilo — uvolněte místo a zkuste to znovu
store-conflict = tiket { $ticket }: někdo jiný mezitím změnil { $field } na `{ $theirs }`; nic se neuložilo — podívejte se na novou hodnotu a uložte znovu
store-clash = { $detail }. Na žádné straně se nic nezměnilo.{ $hint }
store-io = { $path } nelze použít: { $error }
store-sqlite = chyba databáze: { $error }
store-partly-synced = { $failed } nedostal změny druhé kopie: { $cause } ({ $applied } změny od { $failed } dostal a ponechá si je.) Dokončete to stejnou synchronizací znovu: je to bezpečné, nic se nepoužije dvakrát
store-the-database = databáze
store-read-only-permissions = tato databáze je zde jen pro čtení (oprávnění souboru); nic se nezměnilo
store-open-read-only = { $path } je otevřený jen pro čtení (do souboru nesmíte zapisovat); nic se nezměnilo

## cli: errors the store raises (shown by the CLI and the TUI)
customer-needs-name = zákazník musí mít jméno
customer-exists = zákazník `{ $name }` už existuje
customer-since-closed = { $month } je uzavřený: smlouva od { $since } by změnila jeho zmrazená vyúčtování; zadejte --since po posledním uzavřeném měsíci, nebo { $month } znovu otevřete
no-such-customer = takový zákazník neexistuje; viz `helpdesk customer list`
customer-tier-closed = { $month } je uzavřený: změna tarifu od { $from } by změnila jeho zmrazená vyúčtování; zvolte měsíc po posledním uzavřeném, nebo { $month } znovu otevřete
ticket-needs-title = tiket musí mít název
ticket-vanished = nový tiket zmizel
no-ticket-number = tiket { $number } neexistuje; viz `helpdesk ticket list`
resolve-before-response = navržený termín vyřešení je dřív než první reakce
no-such-ticket-plain = takový tiket neexistuje
comment-needs-text-store = komentář nemůže být prázdný
no-such-comment = takový komentář neexistuje (nebo už byl smazán)
no-such-entry = takový zápis práce neexistuje
entry-already-changed = ten zápis práce už byl opraven nebo odebrán
no-such-entry-or-removed = takový zápis práce neexistuje (nebo už byl odebrán)
entry-version-missing = ta verze zápisu práce v této kopii není
timer-changed-meanwhile = časovač technika { $technician } se mezitím změnil; nic se nezapsalo — podívejte se znovu
entry-needs-technician = zápis práce musí mít technika (--by JMÉNO)
customer-no-contact = zákazník nemá kontakt { $email }; viz `helpdesk customer contact list`
month-already-closed = { $month } už je uzavřený
month-not-closed = { $month } není uzavřený
month-reopen-blocked = { $month } nelze znovu otevřít: jeho oprava byla vyúčtována v { $m }, který je také uzavřený; nejdřív otevřete { $m }
month-closed-book-correction = { $month } je uzavřený: jeho vyúčtování jsou zmrazená. Zapište změnu jako opravu v aktuálním měsíci (`--correction`), nebo uzavřený měsíc znovu otevřete (`helpdesk month reopen { $month }`)
no-customer-named = zákazník `{ $name }` neexistuje; viz `helpdesk customer list`
ticket-receipt-out-of-range = tiket { $ticket } má čas přijetí mimo rozsah
ticket-no-first-response = tiket { $ticket } ještě nemá první reakci; zapište ji příkazem `helpdesk ticket respond`
ticket-already-responded = tiket { $ticket } už má první reakci ({ $at }); slíbený termín změňte příkazem `helpdesk ticket set { $ticket } --resolve-by`
response-before-received = čas reakce { $at } je dřív, než tiket přišel ({ $received })
resolve-before-response-at = navržený termín vyřešení { $by } je dřív než samotná reakce; zadejte pozdější datum
entry-minutes-range = zápis práce musí mít 1 až { $max } minut, ne { $minutes }

## odmítnutí domény (co bylo zadáno, zůstává; slova k zadání zůstávají anglicky)
duration-unreadable = `{ $typed }` není doba trvání: pište minuty (45), 1h30, 1:30 nebo 2h
duration-zero = trvání musí být aspoň jedna minuta
duration-negative = `{ $typed }` je záporné: odpracovaný čas musí být kladný
duration-too-long = `{ $typed }` je na jeden záznam práce příliš dlouho (nejvýš 24h)
bad-month = `{ $typed }` není měsíc: pište RRRR-MM, např. 2026-03
unknown-tier = neznámý tarif `{ $typed }`: použijte standard, plus, vip nebo none
unknown-role = neznámá role `{ $typed }`: použijte technician nebo consultant
unknown-kind = neznámý druh tiketu `{ $typed }`: použijte request, incident, consultation nebo change
unknown-status = neznámý stav `{ $typed }`: použijte new, open, waiting, resolved nebo closed
bad-ticket-number = `{ $typed }` není číslo tiketu: pište jako 1042 nebo B-17
bad-address = `{ $typed }` není e-mailová adresa: pište jako jana.novakova@example.cz
bad-mail-domain = `{ $typed }` není poštovní doména: pište jako example.cz
unknown-lang = `{ $typed }` tu není jazyk: pište cs nebo en
calendar-open-after-close = začátek pracovní doby { $open } musí být před jejím koncem { $close }
calendar-no-weekdays = nejsou nastavené žádné pracovní dny

## co znamená požadavek na změnu v daném tarifu (ticket open/show, detail tiketu)
entitlement-no = úpravy produktu nejsou v tarifu { $tier } zahrnuté: tato změna se účtuje jako placená práce
entitlement-partly = úpravy produktu jsou v tarifu { $tier } zahrnuté částečně
entitlement-yes = úpravy produktu jsou v tarifu { $tier } zahrnuté
