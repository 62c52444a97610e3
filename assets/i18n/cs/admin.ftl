# Zprávy údržbových příkazů (check, backup, restore, month, info), konfigurace, zadávaných hodnot
# a vlastních kontrol a souborů úložiště.

## check, backup, restore, month
check-replayed = , stav odpovídá přehrání záznamu operací
check-ok = v pořádku: { $path } ({ $operations ->
    [one] { $operations } operace
    [few] { $operations } operace
   *[other] { $operations } operací
} v záznamu{ $replayed })
check-problems = { $path } má { $count ->
    [one] { $count } problém
    [few] { $count } problémy
   *[other] { $count } problémů
}; obnovte ho ze zálohy (`helpdesk restore SOUBOR`)
compact-started = zhušťuji { $path } (u velkého souboru to trvá minuty; ostatní zápisy čekají)
compact-done = { $path } zhuštěn: předtím { $before } bajtů, nyní { $after } bajtů
backup-done = záloha { $path } uložena do { $file }
restore-removing-scratch = odstraňuji { $scratch }: zůstal po obnově, která nedoběhla (její pracovní kopie zálohy); { $path } tehdy změněn nebyl
restore-done = { $path } obnoven z { $file }; nahrazená data zůstávají v { $kept }
month-closed-note = { $month } uzavřen: { $count ->
    [one] zmrazeno { $count } vyúčtování
    [few] zmrazena { $count } vyúčtování
   *[other] zmrazeno { $count } vyúčtování
}
month-reopened-note = { $month } znovu otevřen; { $count ->
    [one] zrušena { $count } oprava vyúčtovaná
    [few] zrušeny { $count } opravy vyúčtované
   *[other] zrušeno { $count } oprav vyúčtovaných
} v pozdějších měsících (měsíc tu práci vyúčtuje znovu)
months-none-closed = žádný uzavřený měsíc
month-closed-mark = uzavřený

## zadávané hodnoty a použití příkazů
arg-not-a-year = `{ $typed }` není rok: pište jako 2026 (od 1583 do 9999)
calendar-year-out-of-range = rok { $year } je mimo rozsah: zadejte rok od 1583 do 9999
arg-not-a-whole-number = `{ $typed }` není celé číslo od { $lo } do { $hi }
stdin-line = řádek { $line } standardního vstupu: { $error }
hours-not-a-number = --hours: `{ $typed }` není počet hodin (pište jako 4 nebo 1.5)
hours-negative = --hours nesmí být záporné (zadáno { $hours })
hours-too-large = --hours { $hours } je příliš mnoho
not-an-instant = `{ $typed }` není okamžik podle RFC 3339 (pište jako 2026-03-02T10:00:00+01:00)
instant-out-of-range = `{ $typed }` leží mimo dobu, ve které helpdesk účtuje (2. ledna 1583 až 30. prosince 9999: měsíce let 1583–9999 v každém pásmu)
instant-in-future = `{ $typed }` leží v budoucnosti: zaznamenat lze jen to, co se už stalo (slíbené datum je `--resolve-by`)
flag-error = { $flag }: { $error }
not-a-date-or-instant = { $flag }: `{ $typed }` není datum (2026-03-20) ani okamžik podle RFC 3339
cannot-write = { $path } nelze zapsat: { $error }
output-is-directory = je to adresář; zadejte soubor (v něm nebo jinde)
output-link-loop = jeho symbolické odkazy vedou v kruhu (nebo přes víc než 40 odkazů); zadejte přímo soubor
output-no-directory = adresář { $dir } neexistuje (nejdřív ho vytvořte, nebo zkontrolujte cestu)
cannot-read = { $path } nelze přečíst: { $error }
cannot-create = { $path } nelze vytvořit: { $error }
not-a-subcommand = `{ $typed }` není podpříkaz `{ $command }`; viz `{ $command } --help`
needs-a-subcommand = `{ $command }` potřebuje podpříkaz: { $subcommands } (viz `{ $command } --help`)
usage-see-help = { $said }; viz `{ $command } --help`

## ukazatele průběhu (jednotka za počty a zbývající čas)
progress-eta = zbývá
progress-unit-steps = kroků
progress-unit-operations = operací
progress-unit-pages = stránek
progress-unit-tickets = tiketů

## helpdesk info (popisky tabulky; klíče JSON jsou jiné)
info-version = verze
info-database = databáze
info-size = velikost
info-bytes = { $size } bajtů
info-schema = schéma
info-customers = zákazníci
info-tickets = tikety
info-time-entries = záznamy práce
info-comments = komentáře
info-operations = operace
info-no-database = databáze tu zatím není
info-team-file = týmový soubor (zařízení { $device })
info-copy-of = kopie { $tag } (zařízení { $device })
info-copy = kopie
info-team = tým
info-no-team-server = bez týmového serveru
info-config-dir = adresář konfigurace
info-built-in-defaults = žádný (vestavěné výchozí hodnoty)
info-config-files = soubory konfigurace
info-log-file = soubor logu
info-no-log-file = žádný (není adresář, kam ho zapsat)
info-language = jazyk
info-zone = časové pásmo
info-no-config-files = žádné (vestavěné výchozí hodnoty)

## vlastní odmítnutí příkazové řádky
output-failed = výstup se nepodařilo zapsat: { $error }
bad-configuration = chybná konfigurace: { $error }
no-home-directory = chybí domovský adresář, kam uložit databázi; zadejte --db CESTA
database-not-kept = { $error } ({ $path } neexistoval a nebyl ponechán; zkontrolujte cestu)
interface-needs-terminal = rozhraní potřebuje terminál; ve skriptech použijte podpříkazy (viz `helpdesk --help`)

## konfigurační soubory (config.toml, tariffs.toml, calendar.toml); klíče a hodnoty zůstávají, jak se píší
config-built-in = vestavěný { $name }
config-cannot-read = nelze ho přečíst: { $error }
config-at-byte = { $error } (na bajtu { $byte }; { $line })
config-missing-key = chybí klíč `{ $key }`
config-at-risk-fraction = `at_risk_fraction` musí být mezi 0 a 1
config-cannot-be-none = `{ $key }` nemůže být `none`
config-open-not-24 = `open` nemůže být 24:00
config-holiday-date = svátek `{ $name }` potřebuje právě jedno z `date = "MM-DD"` a `easter = DNY`
config-key-error = { $key }: { $error }
config-mail-sendmail = [mail] sendmail: zadejte příkaz, např. "sendmail -t -oi" nebo "msmtp -t"
config-mail-quarantine = [mail] quarantine: zadejte adresář
config-forgotten-timer-hours = `forgotten_timer_hours` musí být celý počet hodin od 1 do 168, ne { $hours }
config-language = `language` musí být "cs" nebo "en" (nebo prázdné podle národního prostředí), ne { $code }
config-not-a-decimal = `{ $typed }` není desetinné číslo (pište jako "800" nebo "0.21")
config-negative = `{ $typed }` nesmí být záporné
config-float = `{ $typed }` je číslo TOML s plovoucí čárkou, které není přesné: peníze a sazby pište jako desetinný řetězec, např. "0.21" nebo "800"
config-money-places = `{ $key }` = `{ $typed }` má víc než dvě desetinná místa: napište částku nejvýš se dvěma, např. "950.01"
config-time-zone = neznámé časové pásmo `{ $typed }` (použijte název IANA, např. Europe/Prague)
config-time-of-day = `{ $typed }` není denní čas: pište HH:MM, např. 08:00
config-weekday = `{ $typed }` není den v týdnu: použijte mon, tue, wed, thu, fri, sat nebo sun
config-day-of-year = `{ $typed }` není den v roce: pište MM-DD, např. 12-24

## úložiště: těla operací, soubory, hodiny, kontroly
codec-body = tělo operace { $what }: { $error }
codec-cannot-compress = nelze zkomprimovat
codec-cannot-read = nelze přečíst
codec-damaged = je poškozené
codec-no-content-size = chybí velikost obsahu
codec-unknown-kind = je neznámého druhu
codec-empty = je prázdné
codec-not-a-change = není změna
store-database-read-only = tato databáze je otevřená jen pro čtení; nic se nezměnilo
store-no-directory = { $path } nelze vytvořit: adresář { $dir } neexistuje (nejdřív ho vytvořte, nebo zkontrolujte cestu)
store-network-filesystem = { $path } je na síťovém souborovém systému ({ $fstype }); režim WAL databáze SQLite tam může databázi poškodit. Nechte soubor na místním disku počítače, kam se všichni přihlašují, nebo dejte každému notebooku vlastní kopii (HELPDESK_ALLOW_NETWORK_FS=1 to povolí na vlastní riziko)
bad-clock-value = chybná hodnota hodin `{ $typed }`
tier-notice-no-statement = žádné zmrazené vyúčtování
tier-notice-kept = tarif { $tier }
tier-notice = { $name }: tarif { $tier } od { $from } dorazil až po uzavření { $month }; { $month } si ponechává { $kept } a znovu se nevyúčtuje — chcete-li ho vyúčtovat jako { $tier }, znovu ho otevřete (`helpdesk month reopen { $month }`) a na týmovém souboru znovu uzavřete
correction-month-closed = { $month } je také uzavřený; opravy se účtují v otevřeném měsíci
check-month-totals-differ = měsíční součty { $month }: { $count ->
    [one] { $count } řádek nesouhlasí
    [few] { $count } řádky nesouhlasí
   *[other] { $count } řádků nesouhlasí
} se záznamy práce
check-month-totals-stale = měsíční součty: { $count ->
    [one] { $count } řádek má
    [few] { $count } řádky mají
   *[other] { $count } řádků má
} zastaralé číslo tiketu, název nebo druh
check-month-totals-empty = měsíční součty obsahují { $count ->
    [one] { $count } měsíc
    [few] { $count } měsíce
   *[other] { $count } měsíců
} bez záznamů práce
check-month-figures-differ = měsíční údaje: { $count ->
    [one] { $count } řádek (měsíc, zákazník) nesouhlasí
    [few] { $count } řádky (měsíc, zákazník) nesouhlasí
   *[other] { $count } řádků (měsíc, zákazník) nesouhlasí
} s měsíčními součty
check-search-index = vyhledávací index: { $error }
check-search-missing = vyhledávání: { $count ->
    [one] { $count } tiket nemá
    [few] { $count } tikety nemají
   *[other] { $count } tiketů nemá
} dokument
check-search-flags = vyhledávání: { $count ->
    [one] { $count } dokument má
    [few] { $count } dokumenty mají
   *[other] { $count } dokumentů má
} chybný příznak otevřenosti
check-search-stray = vyhledávání: index otevřených tiketů se od otevřených tiketů liší v { $count ->
    [one] { $count } dokumentu
   *[other] { $count } dokumentech
}
check-search-unknown = vyhledávání: { $count ->
    [one] { $count } indexované slovo chybí
    [few] { $count } indexovaná slova chybí
   *[other] { $count } indexovaných slov chybí
} v search_terms
store-file-empty = { $path } je prázdný (zatím v něm není databáze); zkontrolujte cestu (příkaz, který jen čte, databázi nikdy nevytváří)
store-file-missing = { $path } neexistuje; zkontrolujte cestu (příkaz, který jen čte, databázi nikdy nevytváří)
store-read-only-older = { $path } je jen pro čtení a zapsal ho starší helpdesk; jednou ho musí převést na novou verzi někdo, kdo do něj smí zapisovat
store-wal-unreadable = { $path } zde nelze přečíst: jeho poslední změny čekají v { $path }-wal a k jejich přečtení je potřeba soubor { $path }-shm, který v tomto adresáři nelze vytvořit (je pro vás jen pro čtení)
store-upgrade-failed = jeho převod na verzi schématu { $version } selhal ({ $what }) a zůstal, jak byl

## helpdesk check, backup, restore: kroky a nalezené problémy
check-stage-structure = kontroluji strukturu souboru
check-stage-tags = kontroluji značky kopií
check-stage-month-totals = přepočítávám měsíční součty
check-stage-search = kontroluji vyhledávací index
check-stage-state = načítám stav
check-stage-replay = přehrávám záznam operací
upgrade-stage-replay = jednorázový převod souboru: přehrávám záznam operací
progress-upgrade = převod
check-stage-done = zkontrolováno
check-integrity = integrita: { $problem }
check-reference = odkaz: { $problem }
check-missing-reference = řádek { $row } tabulky { $table } odkazuje na chybějící { $parent }
check-replay-differs = stavové tabulky se liší od přehraného záznamu operací
check-entry-customer = záznam práce { $id } je účtován jinému zákazníkovi, než má jeho tiket
check-entry-two-tickets = záznam práce { $id } má verze na dvou tiketech
check-correction-customer = oprava { $id } je účtována jinému zákazníkovi, než má její tiket
check-ticket-tag = identifikátor: tiket { $id } má chybnou značku kopie `{ $tag }`
check-peer-tag = identifikátor: protějšek { $device } má chybnou značku kopie `{ $tag }`
backup-exists = { $path } už existuje; zvolte pro zálohu nový název souboru
backup-disk-full = disk, na kterém je, je plný; nic se tam nezapsalo — uvolněte místo nebo zvolte jiný disk
restore-not-a-file = { $path } není soubor; zadejte soubor zálohy, kterou chcete obnovit
restore-no-file = { $path } neexistuje; zadejte soubor zálohy, kterou chcete obnovit
restore-memory-database = do databáze v paměti nelze obnovovat
restore-copying = kopíruji zálohu

## proměnné prostředí (environment.rs): co která bere a dělá; chyby
env-does-helpdesk-db = soubor databáze (přednost má `--db`)
env-does-helpdesk-config-dir = kde jsou tariffs.toml, calendar.toml a config.toml
env-does-helpdesk-user = kdo jste (přednost mají `--as` a `technician` v config.toml)
env-does-helpdesk-now = pevné „teď“ pro každý příkaz
env-does-helpdesk-busy-timeout-ms = jak dlouho zápis čeká na jiný, v ms (výchozí 5000)
env-does-helpdesk-sync-timeout-s = jak dlouho `sync --remote` čeká na mlčící protějšek, v s (výchozí 30)
env-does-helpdesk-mail-timeout-s = jak dlouho smí běžet poštovní příkaz ([mail] sendmail), než je zastaven a nic se nezaznamená, v s (výchozí 60)
env-does-helpdesk-team-timeout-ms = jak dlouho příkaz na replice týmu čeká na týmový server, v ms (výchozí 2000)
env-does-helpdesk-team-catch-up-ms = jak dlouho příkaz na replice týmu dohání změny, než udělá svou práci, v ms (výchozí 10000)
env-does-helpdesk-allow-network-fs = 1 povolí databázi na síťovém souborovém systému (výchozí 0)
env-does-helpdesk-threads = kolik vláken smí jeden příkaz zaměstnat; 1 udělá měsíční výkaz nebo dlouhou tabulku tiketů v jednom (výchozí: počet jader stroje)
env-does-helpdesk-log = co zaznamenává soubor logu (výchozí info)
env-does-rust-log = co zaznamenává soubor logu, když není nastavena HELPDESK_LOG
env-does-lc-all = jazyk (cs… je čeština), ukáže ho `helpdesk info`
env-does-lc-messages = jazyk, když není nastavena LC_ALL
env-does-lang = jazyk, když není nastavena LC_ALL ani LC_MESSAGES
env-does-user = kdo jste, když nic z výše uvedeného neřekne
env-does-username = kdo jste, když není nastavena ani USER
env-does-home = kde je výchozí databáze a adresář konfigurace
env-does-xdg-data-home = datový adresář výchozí databáze (Linux)
env-does-xdg-config-home = adresář konfigurace (Linux)
env-does-xdg-state-home = kde jsou soubory logu (Linux)
env-does-no-color = nastavená a neprázdná: terminálové rozhraní nepoužívá barvy
env-does-editor = editor, který otevře Ctrl-E pro víceřádkové pole (prázdná: jako nenastavená)
env-does-visual = editor, když není nastavena EDITOR (žádná: vi)
env-value-a-path = cestu
env-value-a-directory = adresář
env-value-a-name = jméno
env-value-instant = okamžik podle RFC 3339, např. 2026-03-02T10:00:00+01:00
env-value-a-whole-number-from-0-to-3600000 = celé číslo od 0 do 3600000
env-value-a-whole-number-from-1-to-86400 = celé číslo od 1 do 86400
env-value-a-whole-number-from-1-to-600000 = celé číslo od 1 do 600000
env-value-a-whole-number-from-1-to-1024 = celé číslo od 1 do 1024
env-value-a-whole-number-from-1-to-3600000 = celé číslo od 1 do 3600000
env-value-1-or-0 = 1 nebo 0
env-value-log-filter = filtr logu, např. info, debug nebo helpdesk::store=debug,warn
env-value-log-filter-short = filtr logu, např. info nebo debug
env-value-locale = locale, např. cs_CZ.UTF-8
env-value-anything = cokoli
env-value-editor = příkaz, např. vim nebo code --wait
env-value-a-command = příkaz
env-set-it-to = nastavte ji na { $what }
env-empty = { $name } je nastavená, ale prázdná: { $accepts }, nebo ji zrušte
env-not-utf8 = { $name } není platné UTF-8 (`{ $value }`): { $accepts }
env-not-whole = { $name }: `{ $value }` není celé číslo ({ $unit }) od { $lo } do { $hi } (opravte ji, nebo ji zrušte)
env-unit-ms = milisekundy
env-unit-s = sekundy
env-unit-threads = vlákna
env-config-dir-not-dir = HELPDESK_CONFIG_DIR: { $path } není adresář (zadejte adresář, ve kterém je config.toml, nebo ji zrušte)
env-user-unprintable = HELPDESK_USER neobsahuje žádné zobrazitelné jméno: zadejte jméno, nebo ji zrušte
as-unprintable = --as neobsahuje žádné zobrazitelné jméno: zadejte jméno (--as "Jana Nováková"), nebo --as vynechte
env-now-unreadable = HELPDESK_NOW: `{ $value }` není okamžik podle RFC 3339 (pište např. 2026-03-02T10:00:00+01:00)
env-network-fs-unreadable = HELPDESK_ALLOW_NETWORK_FS: `{ $value }` není 1 ani 0 (1 povolí databázi na síťovém souborovém systému; 0 nebo nenastavená ji odmítne)
env-log-filter-unreadable = { $name }: `{ $value }` není filtr logu: pište např. info, debug nebo helpdesk::store=debug (nebo ji zrušte)

## měsíční vyúčtování a opravy (src/statements)
correction-needs-entry = oprava potřebuje záznam, který přidá nebo odebere
correction-move-closed = záznam nejde přesunout do uzavřeného měsíce ani z něj ({ $month }): jeho vyúčtování je zmrazené. Odeberte ho a přidejte znovu v novém čase: `{ $remove }`, pak `{ $add }`
correction-month-moved = opravený záznam musí zůstat v měsíci, ve kterém byl: do uzavřeného měsíce nebo z něj ho přesunete tak, že ho odeberete a zapíšete znovu v novém čase (v uzavřeném měsíci jako opravu)
correction-month-open = { $month } není uzavřený; změňte záznam času přímo, místo účtování opravy
statement-customer-missing = zákazník tiketu chybí
timer-books-range = časovač účtuje od 1 minuty do { $max }, ne { $minutes }
timer-ticket-missing = tiket časovače chybí
closed-statement-path = uzavřené vyúčtování

## zapamatování jména technika v config.toml; klíč role
config-remember-cannot-read = { $path }: nelze přečíst: { $error }
config-remember-cannot-create = { $path }: nelze vytvořit: { $error }
config-remember-cannot-write = { $path }: nelze zapsat: { $error }
config-role = `role` musí být "technician" nebo "consultant", ne { $value }
close-not-ended = { $month } ještě neskončil; uzavřít lze jen minulé měsíce
close-timer-running = { $month } nelze uzavřít, dokud běží časovač uživatele { $technician } na tiketu { $ticket } spuštěný v tomto měsíci; nejdřív jej zastavte (`helpdesk timer stop`)
close-customer-vanished = zákazník { $customer } zmizel
forgotten-longer-than-hours = déle než forgotten_timer_hours ({ $hours } h)
forgotten-longer-than-entry = déle, než pojme jeden záznam času ({ $max })
forgotten-started-in-future = byl spuštěn až po teď — hodiny tehdy šly napřed
forgotten-timer-not-booked = časovač uživatele { $technician } na tiketu { $ticket } běží { $ran } (od { $since }), { $limit }; nic nebylo zaúčtováno a běží dál. Zaúčtujte, co bylo skutečně odpracováno: `helpdesk timer stop --worked 1h30` (45, 1h30 nebo 1:30)
arg-not-utf8 = { $arg } není platné UTF-8 (`{ $shown }`): zadejte ho v UTF-8 (text ze souboru v jiném kódování nejdřív převeďte, např. iconv -f cp1250 -t utf-8)
arg-not-utf8-value = argument `{ $shown }` není platné UTF-8: zadejte ho v UTF-8 (text ze souboru v jiném kódování nejdřív převeďte, např. iconv -f cp1250 -t utf-8)
