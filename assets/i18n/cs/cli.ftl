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
ticket-set-nothing = není co měnit: zadejte --status, --assignee, --title, --description, --kind, --resolve-by nebo --customer

## Zákazníci.
col-since = OD
col-open = OTEVŘENÉ
col-contact = KONTAKT
customer-id = id
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
bad-date-arg = { $flag }: `{ $typed }` není datum (pište jako 2026-03-20 nebo 20.3.2026)

## Čas a časovače; `ticket show`.
col-entry = ZÁPIS
col-started = ZAČÁTEK
col-minutes = MINUTY
col-by = KDO
col-role = ROLE
col-note = POZNÁMKA
col-ran = BĚŽÍ
cli-timer-started = časovač běží na tiketu { $ticket } pro { $technician }
timer-to-book = { " " }pro zápis --worked { $worked }
timer-none = { $technician } nemá spuštěný časovač{ $to_book }
timers-none-running = žádný časovač neběží
timer-ran-forgotten = ! zapomenutý? `helpdesk timer stop --worked …` zapíše odpracovaný čas
entry-id-too-short = `{ $typed }` je na id zápisu příliš krátké: zadejte aspoň jeho prvních nebo posledních 6 znaků (viz `helpdesk time list`)
entry-not-found = tiket { $ticket } nemá zápis práce `{ $typed }`; viz `helpdesk time list { $ticket }`
entry-ambiguous = `{ $typed }` odpovídá { $count ->
    [one] { $count } zápisu
   *[other] { $count } zápisům
} ({ $ids }); zadejte delší část id
correction-booked = zaúčtováno jako oprava v { $month }: { $amount } ve vyúčtování
correction-recorded = zapsáno jako oprava uzavřeného měsíce; ocení ji týmový soubor, až se tato kopie synchronizuje
correction-recorded-desk = zapsáno jako oprava uzavřeného měsíce; ocení ji toto pracoviště pod cenovým zámkem týmu, až se dostane na týmový server (hned, je-li připojen, jinak při příští výměně)
timer-stopped = časovač na tiketu { $ticket } zastaven: zapsáno { $logged }
timer-stopped-closed-month = { " " }— měsíc je uzavřený, proto { $correction }
timer-stopped-earlier-closed = { " " }— { $earlier } z toho začalo v uzavřeném měsíci { $month }, proto { $correction }
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
col-corrections = OPRAVY
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
report-no-upgrades-default = za { $last } (poslední celý měsíc) ani za { $month } se vyšší tarif nikomu nedoporučuje
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
entry-cut-note = ukončeno v { $at } časovačem na tiketu { $ticket }; zapsáno bylo { $ran }
timer-start-cuts = záznam na tiketu { $ticket } uváděl { $said }, víc, než od spuštění jeho časovače uběhlo; teď drží { $holds }, do spuštění tohoto časovače (zbytek zapište přes `helpdesk time add` nebo záznam opravte)

## issue 20: mail
mail-lang-option = --mail-lang: { $error }
mail-domains-line = domény: { $domains }
mail-quarantined-note = v karanténě: { $note }
mail-assign-unknown = e-mail `{ $id }` nečeká v třídění: zadejte číslo ze sloupce id výpisu `helpdesk mail triage`
mail-sent-note = odesláno na { $to } ({ $subject })
mail-col-email = E-MAIL
mail-col-name = JMÉNO
mail-col-lang = JAZYK
mail-col-id = ID
mail-col-received = PŘIJATO
mail-col-from = OD
mail-col-kind = DRUH
mail-col-subject = PŘEDMĚT

## team server (src/team, src/store/team.rs, src/cli/team.rs)
team-password-in-url = heslo v adrese serveru by v `ps` viděl každý na tomto počítači (a zůstalo by v historii shellu): vynechte je z adresy a uložte do ~/.pgpass (řádek host:port:databáze:uživatel:heslo, chmod 0600) nebo do PGPASSWORD; nic se nezměnilo
team-wrong-password = týmový server { $at } odmítl heslo role `{ $role }` ({ $msg }); zkontrolujte PGPASSWORD nebo svůj řádek v ~/.pgpass
team-role-not-let-in = týmový server { $at } nepustí roli `{ $role }` dovnitř ({ $msg }); požádejte správce, ať ji vytvoří (`createuser`) a povolí v pg_hba.conf
team-no-such-database = týmový server { $at } takovou databázi nemá ({ $msg }); správce ji vytvoří příkazem `createdb`
team-not-taking-connections = týmový server { $at } teď nepřijímá spojení: { $msg }
team-connection-refused = týmový server { $at } odmítl spojení: { $msg }
team-password-needed = týmový server { $at } chce heslo role `{ $role }`: nastavte PGPASSWORD nebo přidejte do ~/.pgpass řádek host:port:databáze:uživatel:heslo (chmod 0600)
team-cannot-reach = týmový server { $at } není dosažitelný: { $cause }
team-server-refused-it = týmový server to odmítl: { $msg }
team-refused-not-technician = role { $role } nepatří žádnému technikovi tohoto týmu (divák data jen čte)
team-refused-actor = operace zapsaná jménem { $actor } byla odmítnuta: role { $role } patří technikovi { $technician }
team-refused-desk = zařízení { $device } není pracovištěm role { $role }
team-refused-batch = dávka { $batch } nepatří roli { $role }
team-server-closed = týmový server ukončil spojení: { $msg }
team-server-failed = týmový server selhal: { $msg }
team-connection-broke = spojení s týmovým serverem se přerušilo: { $msg }
team-no-team-yet = { $at } zatím nemá žádný tým helpdesku; správce nejdřív spustí `helpdesk team init { $at }`
team-schema-newer = týmový server { $at } má schéma helpdesku verze { $version }, tento helpdesk zná nejvýš verzi { $known }; aktualizujte helpdesk (nic se nezměnilo)
team-schema-older = týmový server { $at } má schéma helpdesku verze { $version }; správce je aktualizuje příkazem `helpdesk team init { $at }`
team-init-holds-tickets = týmový server { $at } už tikety obsahuje; `--from` přesouvá týmový soubor jen do prázdného týmu (nic se nezměnilo)
team-init-desks-joined = k týmu na { $at } se připojila pracoviště dřív, než byl soubor přesunut (jejich repliky patří jinému týmu); přesuňte soubor do nové databáze (`createdb`, pak `helpdesk team init URL --from FILE`); nic se nezměnilo
team-init-clash = server má na hodinách { $clock } jinou operaci; nic nebylo přesunuto
team-progress-reading-file = čtení týmového souboru
team-progress-moving = přesun operací na server
team-progress-fetching = stahování operací týmu
team-progress-applying = zapracování operací týmu
team-technician-needs-name = technik potřebuje jméno
team-technician-taken = technikem `{ $name }` je v týmu na { $at } už jiná role
team-no-such-role = server { $at } nemá roli `{ $role }`; nejdřív ji vytvořte (`createuser { $role }`)
team-join-no-role = role `{ $role }` není v týmu na { $at } technikem ani divákem; správce spustí `helpdesk team add-technician { $at } { $role } JMÉNO`
team-ops-of-no-batch = týmový server poslal operace, které nepatří k žádné dávce; nic dalšího se nezapracovalo
team-bad-batch-vector = týmový server poslal dávku s vektorem verzí, jaký helpdesk nezapisuje; nic dalšího se nezapracovalo
team-bad-operation = týmový server poslal operaci, jakou helpdesk nezapisuje (na hodinách { $clock }); nic dalšího se nezapracovalo
team-another-server = server { $at } není ten, ze kterého tato replika vznikla (jiný tým, nebo byl zřízen znovu); připojte se k němu novou replikou
team-stopped-answering = týmový server { $at } přestal odpovídat (nic během { $ms } ms)
team-stopped-answering-now = týmový server přestal odpovídat
team-push-clash = týmový server má jinou operaci tohoto pracoviště na hodinách { $clock }: tato replika je kopií repliky jiného pracoviště (obnovená záloha nebo kopie souboru); připojte se k týmu novou replikou (nic nebylo odesláno)
team-push-clock-ahead = změny tohoto pracoviště vznikly s hodinami, které jdou napřed oproti týmovému serveru: nejnovější nese čas { $theirs }, hodiny serveru ukazují { $ours } — to je víc než { $tolerance } napřed, takže by přebily každou pozdější úpravu týmu; nic nebylo odesláno (zůstávají v této replice). Nastavte správně hodiny tohoto počítače: odešlou se, až hodiny serveru dosáhnou jejich času (je-li to příliš daleko, připojte se k týmu novou replikou a zadejte tu práci znovu).
team-url-unreadable = URL serveru PostgreSQL nepřečte: pište postgresql://UŽIVATEL@HOST:PORT/DATABÁZE nebo postgresql:///DATABÁZE?host=/adresář/soketu&user=UŽIVATEL
team-sslmode-unsupported = sslmode `{ $mode }` není podporován: použijte disable, prefer, require nebo verify-full
team-url-no-user = URL serveru neuvádí uživatele: přidejte user=JMÉNO
team-sslrootcert-unreadable = sslrootcert { $path } nelze přečíst: { $error }
team-sslrootcert-not-pem = sslrootcert { $path } není certifikát PEM: { $error }
team-tls-setup = TLS pro týmový server nelze nastavit: { $error }
team-connect-timeout = týmový server { $at } neodpověděl do { $ms } ms (HELPDESK_TEAM_TIMEOUT_MS)
team-server-hung-up = server ukončil spojení
team-binding-damaged = vazba této repliky na tým je poškozená ({ $error }); připojte se k týmu znovu
team-replica-not-empty = replikou týmu se může stát jen prázdný soubor
team-as-refused = tato replika je pracovištěm technika { $technician }: `--as { $name }` se odmítá (každý technik zapisuje ze svého pracoviště; nic se nezapsalo)
team-caught-up-partly-of = helpdesk: zapracováno { $done } z { $total } změn ostatních pracovišť; zbytek přijde s dalším příkazem, s rozhraním nebo s `helpdesk team sync`
team-caught-up-partly = helpdesk: zapracováno { $done } změn ostatních pracovišť; zbytek přijde s dalším příkazem, s rozhraním nebo s `helpdesk team sync`
team-working-alone = helpdesk: pracuje se jen s touto replikou: { $error }; její změny se do týmu dostanou s pozdějším příkazem nebo s `helpdesk team sync`
team-push-failed = helpdesk: změny tohoto pracoviště zůstaly zde, do týmu se neodeslaly: { $error }
team-priced = helpdesk: práce, která dorazila do uzavřených měsíců, je vyúčtována jako opravy: { $amount }
team-pricing-failed = helpdesk: práce, která dorazila do uzavřených měsíců, zatím není oceněna (ocení ji příští výměna s týmovým serverem): { $error }
team-from-is-replica = { $path } je replika týmu, ne týmový soubor; `--from` bere vlastní soubor týmu
team-init-already = týmový server už je zřízen (verze schématu { $version }); není co dělat
team-init-done = týmový server je zřízen (verze schématu { $version })
team-init-moved = ze souboru { $path } přesunuto operací: { $count }; čísla tiketů týmu pokračují po čísle { $highest }
team-technician-added = role `{ $role }` je teď technik `{ $name }`
team-viewer-added = role `{ $role }` teď smí číst data týmu (a nic nezapisovat)
team-not-a-replica = { $path } není replika týmu; vytvoří ji `helpdesk team join URL --db FILE`
team-sync-offline = { $error } ({ $note }; změny tohoto pracoviště půjdou do týmu s dalším příkazem, který server zastihne)
team-synced = synchronizováno s týmem na { $at }: přijato { $received }, odesláno { $sent }
team-status-schema = server má schéma helpdesku verze { $version }, tento helpdesk mluví verzí { $known }
team-status-none = žádné
team-status-another-server = server není ten, ze kterého tato replika vznikla; připojte se k němu novou replikou
team-status-unknown = neznámo
team-status-never = nikdy
team-status-reachable = dosažitelný
team-status-not-reachable = nedosažitelný
team-status-server = server: { $server } ({ $reach })
team-status-schema-line = verze schématu: { $version }
team-status-viewer = divák
team-status-desk = toto pracoviště: { $desk } ({ $who })
team-status-operations = { $count ->
    [one] { $count } operace
    [few] { $count } operace
   *[other] { $count } operací
}
team-status-lag = za serverem: { $lag }
team-status-unshared = { $count ->
    [one] zatím nesdíleno: { $count } změna
    [few] zatím nesdíleno: { $count } změny
   *[other] zatím nesdíleno: { $count } změn
}
team-status-last-contact = poslední spojení: { $at }
team-status-offline-since = bez spojení od: { $at }
team-status-this-desk = { $desk } (toto)
team-col-desk = PRACOVIŠTĚ
team-col-technician = TECHNIK
team-col-role = ROLE
team-col-joined = PŘIPOJENO
team-col-last-contact = POSLEDNÍ SPOJENÍ
team-join-file-exists = { $path } už existuje; replika je nový soubor (zadejte --db NOVÝ_SOUBOR); nic se nezměnilo
team-join-cannot-create = { $path } nelze vytvořit: { $error }
team-joined-viewer = { $path } je replika diváka týmu na { $at } (jen čte)
team-joined = { $path } je replika technika { $technician } týmu na { $at } (operací: { $count }); tikety otevřené, když server neodpovídá, dostanou čísla { $tag }-1, { $tag }-2, …

customer-archived-mark = { $name } (archivován)
report-in-future = `{ $typed }` leží v budoucnosti (dnes je { $today }): zprávu zaznamenejte, až bude předána
report-not-owed = `{ $name }` nemá ve smlouvě žádné zprávy o stavu ({ $tier } v { $month }); nic nezaznamenáno
report-done-already = zpráva o stavu pro `{ $name }` ke dni { $date } už je zaznamenaná
report-year-full = všechny zprávy o stavu pro `{ $name }` za rok { $year } ({ $count }) už jsou zaznamenané ({ $dates })
elapsed-backwards = FROM ({ $from }) je až po TO ({ $to }): zadejte dřívější okamžik jako první
contact-changed-name = jméno „{ $from }“ → „{ $to }“
contact-changed-lang = jazyk pošty { $from } → { $to }
contact-unchanged = { $email } už je kontaktem zákazníka { $customer }; nic se nezměnilo
contact-updated = { $email }: { $changes }
contact-moved = { $email } byl kontaktem zákazníka { $from }; nyní patří zákazníkovi { $to }

team-progress-copying = kopírování repliky
team-progress-uploading = komprese a nahrávání snímku
team-progress-fetching-snapshot = stahování snímku týmu
team-snapshot-io = kopii pro snímek nelze vytvořit: { $error }
team-snapshot-unshared = tato replika obsahuje změny, které server týmu nemá (zařízení: { $devices }): nejdřív spusťte `helpdesk team sync` (snímek obsahuje jen to, co má server); nic se nenahrálo
team-snapshot-admin-only = snímky smí ukládat jen správce týmu: zadejte URL správce v --url (nic se nenahrálo)
team-snapshot-made = snímek { $id } uložen na serveru týmu: operací { $ops }, { $size } bajtů ({ $compressed } komprimovaně, částí { $parts })
team-snapshot-another-team = snímek patří jinému týmu
team-snapshot-bad-schema = soubor snímku má verzi schématu { $version }, tento helpdesk zapisuje jinou
team-snapshot-bad-cut = řez snímku není vektor verzí, jaký helpdesk zapisuje
team-snapshot-log-differs = záznam snímku neodpovídá jeho popisu (počet operací nebo poslední operace zařízení)
team-snapshot-beyond-server = snímek obsahuje operace, které server nemá
team-snapshot-part-size = části snímku jsou větší, než snímek uvádí
team-snapshot-part-missing = chybí část { $part } snímku
team-snapshot-stalled = server přestal odpovídat při stahování snímku (žádná část za { $seconds } s)
team-snapshot-bad-hash = soubor snímku neodpovídá své velikosti nebo SHA-256
team-join-no-snapshot = helpdesk: server týmu nemá snímek, který tento helpdesk čte; přehrává se celý záznam týmu (správce ho vytvoří příkazem `helpdesk team snapshot`)
team-join-snapshot-unusable = helpdesk: snímek týmu nelze použít ({ $why }); místo něj se přehrává celý záznam týmu
team-joined-from-snapshot = začátek ze snímku týmu { $id } (operací { $ops }, staženo { $fetched } bajtů), pak staženo novějších operací: { $pulled }
team-status-snapshot = nejnovější snímek: { $at }, za záznamem o { $behind ->
    [one] 1 operaci
    [few] { $behind } operace
   *[other] { $behind } operací
    }, { $size } bajtů ({ $compressed } komprimovaně)
entry-unchanged = záznam { $entry } už tak zní: nic se nezměnilo
work-before-received = pozor: tato práce začíná { $at }, tedy dříve než v den, kdy přišel tiket { $ticket } ({ $received }); je zapsaná — pokud je datum překlep, opravte ho: `helpdesk time correct { $ticket } ZÁZNAM --at …`
customer-tier-sla-moved = pozor: termín první reakce { $count ->
    [one] 1 již přijatého tiketu
   *[other] { $count } již přijatých tiketů
    } se řídí novým tarifem (přijaty v měsíci, kterého se změna týká): nově po termínu { $breached }, už ne po termínu { $met }
