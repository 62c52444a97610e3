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
flag-error = { $flag }: { $error }
not-a-date-or-instant = { $flag }: `{ $typed }` není datum (2026-03-20) ani okamžik podle RFC 3339
cannot-write = { $path } nelze zapsat: { $error }
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
store-wal-unreadable = { $path } zde nelze přečíst: jeho poslední změny čekají v { $path }-wal a k jejich přečtení je potřeba soubor { $path }-shm, který v tomto adresáři nelze vytvořit (je pro vás jen pro čtení); požádejte někoho, kdo tam smí zapisovat, ať jednou spustí `helpdesk check`, nebo soubor i s jeho -wal zkopírujte na místo, kam zapisovat můžete
store-upgrade-failed = jeho převod na verzi schématu { $version } selhal ({ $what }) a zůstal, jak byl

## helpdesk check, backup, restore: kroky a nalezené problémy
check-stage-structure = kontroluji strukturu souboru
check-stage-tags = kontroluji značky kopií
check-stage-month-totals = přepočítávám měsíční součty
check-stage-search = kontroluji vyhledávací index
check-stage-state = načítám stav
check-stage-replay = přehrávám záznam operací
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
