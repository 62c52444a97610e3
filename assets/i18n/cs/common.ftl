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
sla-state-late-answer = odpověď pozdě
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
# Kdo pracuje, když jméno technika nic neurčí (uloženo vždy jako `technician`).
unnamed-technician = technik
role-consultant = konzultant
# Trvání: $sign je "-" nebo nic, $h a $m čísla. Česky s mezerou a zkratkami h, min.
duration-m = {$sign}{$m} min
duration-h = {$sign}{$h} h
duration-hm = {$sign}{$h} h {$m} min
# Totéž v buňce tabulky: hodiny:minuty jako ve výkazech práce ($m vždy dvoumístné).
duration-short-m = {$sign}{$m} min
duration-short-h = {$sign}{$h} h
duration-short-hm = {$sign}{$h}:{$m} h

## cli: errors of the store (shown by the CLI and the TUI alike). Command names stay as typed.
store-busy = databáze je zaneprázdněná (zapisuje do ní jiný helpdesk); zkuste to znovu
store-newer-version = { $path } zapsal novější helpdesk (verze schématu { $found }, tento zná nejvýš { $supported }); pro otevření aktualizujte helpdesk
store-not-a-database = { $path } není databáze helpdesku ({ $what }); zkontrolujte cestu
store-not-sqlite = není to soubor SQLite
store-other-program = je to soubor SQLite jiného programu
store-not-a-file = není to obyčejný soubor, ale adresář, roura nebo zařízení
rows-thread-stopped = vlákno, které dělalo řádky, skončilo
thread-not-started = systém nespustil druhé vlákno ({ $error }); zkuste to znovu, nebo nastavte HELPDESK_THREADS=1 a pracujte v jednom
store-corrupt = { $path } je poškozený: { $detail }; obnovte ho ze zálohy
store-disk-full = disk s databází je plný; nic se neuložilo — uvolněte místo a zkuste to znovu
store-conflict = tiket { $ticket }: někdo jiný mezitím změnil { $field } na `{ $theirs }`; nic se neuložilo
store-clash = { $detail }. Na žádné straně se nic nezměnilo.{ $hint }
store-io = { $path } nelze použít: { $error }
store-sqlite = chyba databáze: { $error }
store-partly-synced = { $failed } nedostal změny druhé kopie: { $cause } ({ $applied } změny od { $failed } dostal a ponechá si je.) Dokončete to stejnou synchronizací znovu: je to bezpečné, nic se nepoužije dvakrát
store-the-database = databáze
store-read-only-permissions = tato databáze je zde jen pro čtení (oprávnění souboru); nic se nezměnilo
store-open-read-only = { $path } je otevřený jen pro čtení (do souboru nesmíte zapisovat); nic se nezměnilo
store-viewer-replica = { $path } je replika diváka týmu: divák jen čte; nic se nezměnilo (zapisuje replika technika: `helpdesk team join` jako technik)

## cli: errors the store raises (shown by the CLI and the TUI)
customer-needs-name = zákazník musí mít jméno
customer-exists = zákazník `{ $name }` už existuje
customer-since-closed = { $month } je uzavřený: smlouva od { $since } by změnila jeho zmrazená vyúčtování; zadejte --since po posledním uzavřeném měsíci, nebo { $month } znovu otevřete
store-unknown-customer = takový zákazník neexistuje
customer-tier-closed = { $month } je uzavřený: změna tarifu od { $from } by změnila jeho zmrazená vyúčtování; zvolte měsíc po posledním uzavřeném, nebo { $month } znovu otevřete
customer-tier-backdated = `{ $name }` má tarif { $tier } zpětně od { $from }: vyúčtování { $from } až { $last }, dosud neuzavřená, se teď účtují podle něj (mění se jejich měsíční paušály a předplacené minuty)
ticket-needs-title = tiket musí mít název
ticket-vanished = nový tiket zmizel
store-unknown-ticket-number = tiket { $number } neexistuje
resolve-before-response = navržený termín vyřešení je dřív než první reakce
no-such-ticket-plain = takový tiket neexistuje
comment-needs-text-store = komentář nemůže být prázdný
no-such-comment = takový komentář neexistuje (nebo už byl smazán)
no-such-entry = takový zápis práce neexistuje
entry-already-changed = ten zápis práce už byl opraven nebo odebrán
no-such-entry-or-removed = takový zápis práce neexistuje (nebo už byl odebrán)
entry-version-missing = ta verze zápisu práce v této kopii není
timer-changed-meanwhile = časovač technika { $technician } se mezitím změnil; nic se nezapsalo — podívejte se znovu
store-needs-technician = zápis práce musí mít technika
store-unknown-contact = zákazník nemá kontakt { $email }
month-already-closed = { $month } už je uzavřený
month-not-closed = { $month } není uzavřený
month-reopen-blocked = { $month } nelze znovu otevřít: jeho oprava byla vyúčtována v { $m }, který je také uzavřený; nejdřív otevřete { $m }
store-needs-correction = { $month } je uzavřený: jeho vyúčtování jsou zmrazená
store-unknown-customer-named = zákazník `{ $name }` neexistuje
no-customer-unique = `{ $name }` může být kterýkoli z těchto zákazníků: { $matches }; napište víc ze jména
customer-candidate = `{ $name }` { $id } (přidán { $added }, kontakt: { $contact }{ $archived ->
        [yes] , archivován
       *[no] {""}
    })
customer-same-name = `{ $name }` je jméno několika zákazníků (dvě kopie každá daly jednomu to jméno, než se synchronizovaly): { $matches }; zadejte jednoho jeho id (např. `helpdesk customer show id:…`) a spojte je příkazem `helpdesk customer merge PONECHAT DRUHÝ`
customer-id-form = `{ $typed }`: id zákazníka je `id:` a celé id nebo jeho první či poslední znaky (aspoň { $min }, 0-9 a a-f), jak je ukazuje `customer show`
customer-no-such-id = žádný zákazník nemá id `{ $id }`; id zákazníka ukáže `helpdesk customer show JMÉNO`
customer-merge-same = PONECHAT a DRUHÝ jsou tentýž zákazník; zadejte dva zákazníky (dva stejného jména rozliší `id:…`)
customer-merge-open-month = { $month } je znovu otevřený, zatímco { $last } je uzavřený: sloučení by v { $month } účtovalo dva paušály; nejdřív ho znovu uzavřete (`helpdesk month close { $month }`), pak slučte
customer-merge-archived = `{ $name }` je archivován a nepřijímá tikety; nejdřív ho vraťte (`helpdesk customer unarchive`), nebo ponechte toho druhého
customer-merged = `{ $other }` { $other_id } spojen do `{ $keep }` { $keep_id }: přesunuto tiketů { $tickets }, kontaktů { $contacts }, poštovních domén { $domains }; { $other_id } je archivován
customer-merge-fee = { $other_id } od { $from } neplatí měsíční paušál; uzavřené měsíce mají výkazy, jak byly vyúčtovány
customer-merge-stayed = tikety { $tickets } mají čas v uzavřeném měsíci a zůstávají u { $other_id }, kde byl vyúčtován; k přesunu ten měsíc znovu otevřete a spojte znovu
customer-merge-tiers = ti dva měli v { $from } různé tarify: { $keep_id } { $keep_tier }, { $other_id } { $other_tier }; { $keep_id } si ponechává svůj — zkontrolujte ho příkazem `helpdesk customer tier`
ticket-receipt-out-of-range = tiket { $ticket } má čas přijetí mimo rozsah
store-needs-first-response = tiket { $ticket } ještě nemá první reakci
store-already-responded = tiket { $ticket } už má první reakci ({ $at })
response-before-received = čas reakce { $at } je dřív, než tiket přišel ({ $received })
resolve-before-response-at = navržený termín vyřešení { $by } je dřív než samotná reakce; zadejte pozdější datum
entry-minutes-range = zápis práce musí mít 1 až { $max } minut, ne { $minutes }

## issue 20: mail in and out
mail-from-ourselves = odesláno z naší vlastní adresy { $address } ([mail] from), ale ne z helpdesku: neimportuje se jako pošta zákazníka — pokud potřebuje odpověď, odpovězte ze svého poštovního programu
mail-import-reopened = ; { $count ->
        [one] odpověď vrátila tiket { $tickets } do stavu otevřený
       *[other] odpovědi vrátily tikety { $tickets } do stavu otevřený
    }
mail-import-summary = importováno tiketů: { $tickets }, komentářů: { $comments }; k roztřídění: { $triage }; v karanténě: { $quarantined }; už importováno: { $already }
mail-maildir-unreadable = Maildir { $path } nelze přečíst: { $reason } (Maildir je adresář, v němž jsou cur/ a new/)
mail-maildir-empty = nemá ani cur/, ani new/
mail-too-big = zpráva má { $size } MiB, víc než { $limit } MiB, které helpdesk čte
mail-unreadable = nelze ji přečíst: { $error }
mail-quarantine-failed = { $file }: { $reason }; zkopírovat ji do karantény se nepodařilo: { $error }
mail-parser-failed = analyzátor MIME na ní selhal
mail-no-headers = není to e-mailová zpráva (nemá hlavičky)
mail-too-many-parts = má { $parts } částí MIME, víc než { $limit } (MIME bomba?)
mail-no-from-header = nemá adresu From:
mail-from-not-an-address = její From: `{ $from }` není e-mailová adresa
mail-no-received-time = nelze zjistit, kdy byla přijata
mail-body-cut = [… zbytek zprávy byl oříznut: je delší, než helpdesk uchovává]
mail-attachment-not-stored = [příloha neuložena: { $name }, { $size }]
mail-html-unreadable = [tělo v HTML, které nešlo převést na text]
mail-attachment-damaged = [příloha neuložena: { $name }, { $size } — poškozená: její obsah nešel dekódovat]
mail-text-base64-broken = [text je označen jako base64, ale nešel dekódovat; je ponechán tak, jak přišel:]
mail-text-base64-rest = [zbytek textu nešel dekódovat (poškozené base64); je ponechán tak, jak přišel:]
mail-text-qp-broken = [text je označen jako quoted-printable, ale je poškozený; byl dekódován, jak to šlo]
mail-text-charset-unknown = [znaková sada textu „{ $charset }“ je neznámá; znaky, které nešlo přečíst, jsou zobrazeny jako �]
mail-text-charset-invalid = [text obsahuje znaky, které ve znakové sadě „{ $charset }“ neplatí; jsou zobrazeny jako �]
mail-header-not-decoded = [hlavičku { $field } nešlo dekódovat; je ponechána tak, jak přišla]
mail-command-no-start = poštovní příkaz `{ $command }` nešel spustit: { $error }; nic nebylo odesláno
mail-command-broke = poštovní příkaz `{ $command }` selhal: { $error }
mail-command-signal = signál
mail-command-exit = návratový kód { $code }
mail-command-timed-out = poštovní příkaz `{ $command }` neskončil do { $seconds } s, a tak byl zastaven; nic nebylo odesláno ani zaznamenáno — zkontrolujte [mail] sendmail v config.toml (je poštovní server dostupný?), nebo mu dejte víc času proměnnou HELPDESK_MAIL_TIMEOUT_S
mail-command-failed = poštovní příkaz `{ $command }` selhal ({ $code }){ $words }; nic nebylo odesláno ani zaznamenáno — zkontrolujte [mail] sendmail v config.toml
mail-command-refused-input = poštovní příkaz `{ $command }` zprávu nepřevzal: { $error }; nic nebylo zaznamenáno
mail-no-text = (bez textu)
mail-quoted-other-ticket = [předmět uvádí tiket #{ $number }, ale odesílatel není kontaktem zákazníka toho tiketu a na tiket dosud nepsal: přijato jako nová zpráva, k #{ $number } nepřidáno]
mail-quoted-unknown-ticket = [předmět uvádí tiket #{ $number }, který tu neexistuje: přijato jako nová zpráva]
mail-no-subject = (bez předmětu)
store-unknown-triage = v třídění není žádný e-mail { $id }
mail-triage-assigned-already = e-mail { $id } už byl přiřazen
mail-new-ticket-vanished = nový tiket zmizel
store-unknown-ticket = takový tiket neexistuje
mail-sent-comment = Odesláno e-mailem na { $to } — { $subject }

    { $body }
mail-no-from = nic nebylo odesláno ani zaznamenáno: nastavte `from` v sekci [mail] souboru config.toml (odesílatel našich odpovědí)
mail-no-recipient = nic nebylo odesláno ani zaznamenáno: tiket { $number } nemá žádný e-mail a jeho zákazník žádný kontakt; přidejte ho příkazem `helpdesk customer contact add "{ $customer }" EMAIL`
store-unknown-mail-domain = zákazník nemá poštovní doménu { $domain }

## odmítnutí domény (co bylo zadáno, zůstává; slova k zadání zůstávají anglicky)
duration-unreadable = `{ $typed }` není doba trvání: pište minuty (45), 1 h 30 min, 1:30 nebo 2 h
duration-zero = trvání musí být aspoň jedna minuta
duration-negative = `{ $typed }` je záporné: odpracovaný čas musí být kladný
duration-too-long = `{ $typed }` je na jeden záznam práce příliš dlouho (nejvýš 24 h)
bad-month = `{ $typed }` není měsíc: pište RRRR-MM, např. 2026-03
unknown-tier = neznámý tarif `{ $typed }`: použijte standard, plus, vip nebo none
unknown-role = neznámá role `{ $typed }`: použijte technician nebo consultant
unknown-kind = neznámý druh tiketu `{ $typed }`: použijte request, incident, consultation nebo change
unknown-status = neznámý stav `{ $typed }`: použijte new, open, waiting, resolved nebo closed
bad-ticket-number = `{ $typed }` není číslo tiketu: pište jako 1042 nebo B-17
bad-address = `{ $typed }` není e-mailová adresa: pište jako jana.novakova@example.cz
bad-mail-domain = `{ $typed }` není poštovní doména: pište jako example.cz
duration-empty = doba trvání je prázdná: napište ji, např. 45 (minut), 1 h 30 min, 1:30 nebo 2 h
bad-month-empty = měsíc je prázdný: napište ho jako RRRR-MM, např. 2026-03
bad-ticket-number-empty = číslo tiketu je prázdné: napište ho, např. 1042 nebo B-17
bad-address-empty = e-mailová adresa je prázdná: napište ji, např. jana.novakova@example.cz
bad-mail-domain-empty = poštovní doména je prázdná: napište ji, např. example.cz
bad-mail-domain-hyphen = `{ $typed }` není poštovní doména: část doménového jména nesmí začínat ani končit `-`; pište jako example.cz
value-starts-with-hyphen = `{ $value }` začíná `-`, a tak se čte jako volba; je-li to { $field }, napište před ni `--`: `{ $example }`
unknown-lang = `{ $typed }` tu není jazyk: pište cs nebo en
calendar-open-after-close = začátek pracovní doby { $open } musí být před jejím koncem { $close }
calendar-no-weekdays = nejsou nastavené žádné pracovní dny

## co znamená požadavek na změnu v daném tarifu (ticket open/show, detail tiketu)
entitlement-no = úpravy produktu nejsou v tarifu { $tier } zahrnuté: tato změna se účtuje jako placená práce
entitlement-partly = úpravy produktu jsou v tarifu { $tier } zahrnuté částečně
entitlement-yes = úpravy produktu jsou v tarifu { $tier } zahrnuté

## Přesun tiketu, archivace a odebrání zákazníka (src/store/tickets.rs, src/store/customers.rs)
ticket-move-archived = `{ $name }` je archivovaný; nejdřív ho vraťte z archivu, pak k němu lze tiket přesunout
ticket-move-closed-month = tiket { $ticket } má odpracovaný čas v { $month }, který je uzavřený a vyúčtovaný zákazníkovi { $customer }; pro přesun { $month } znovu otevřete, nebo pro zbytek práce založte nový tiket
customer-archived-no-tickets = `{ $name }` je archivovaný; nejdřív ho vraťte z archivu, pak pro něj lze založit tiket
customer-already-archived = `{ $name }` už je archivovaný
customer-not-archived = `{ $name }` není archivovaný
customer-archive-contract = `{ $name }` má smlouvu ({ $tier } od { $from }) platnou od { $month } dál: archivace by neukončila měsíční paušál; nejdřív mu od některého měsíce nastavte tarif none
customer-remove-contract = `{ $name }` má smlouvu ({ $tier } od { $from }): její měsíční paušály se účtují, proto se neodebírá; archivujte ho (nejdřív mu od některého měsíce nastavte tarif none: helpdesk customer tier, pak helpdesk customer archive), nebo, pokud i smlouva vznikla omylem, nastavte mu tarif none od { $from } a pak ho odeberte
customer-remove-has-tickets = `{ $name }` má { $count ->
    [one] tiket
    [few] { $count } tikety
   *[other] { $count } tiketů
  }: zákazník s tikety se neodebírá; archivujte ho (helpdesk customer archive, nebo D v přehledu zákazníků)

## Where the CLI says to look when a store names something it does not hold (the store says what, not where)
cli-see-customer-list = { $said }; viz `helpdesk customer list`
cli-see-ticket-list = { $said }; viz `helpdesk ticket list`
cli-see-mail-triage = { $said }; viz `helpdesk mail triage`
cli-see-contact-list = { $said }; viz `helpdesk customer contact list`
cli-see-sync-conflicts = { $said }; viz `helpdesk sync conflicts`
cli-hint-respond = { $said }; zapište ji příkazem `helpdesk ticket respond`
cli-hint-by = { $said } (--by JMÉNO)
cli-hint-correction = { $said }. Zapište změnu jako opravu v aktuálním měsíci (`--correction`), nebo uzavřený měsíc znovu otevřete (`helpdesk month reopen { $month }`)
cli-hint-resolve-by = { $said }; slíbený termín změňte příkazem `helpdesk ticket set { $ticket } --resolve-by`
cli-hint-new-identity = { $said }: použijte `sync new-identity`
cli-hint-wal-unreadable = { $said }; požádejte někoho, kdo tam smí zapisovat, ať jednou spustí `helpdesk check`, nebo soubor i s jeho -wal zkopírujte na místo, kam zapisovat můžete

## Délka zadaného textu (src/domain/length.rs)
text-too-long = { $field }: nejvýše { $limit } znaků (zadáno { $given }): zkraťte text
field-contact-name = Jméno kontaktu
field-technician = Technik
field-text = Text
correction-line-ticket = oprava za { $month }: tiket { $ticket } { $sign }{ $duration }
correction-line-ticket-synced = oprava za { $month }: tiket { $ticket } { $sign }{ $duration } (ze synchronizace)
correction-line-repriced = oprava za { $month }: přecenění (změnily se bezplatné konzultace, druhy tiketů nebo dřívější práce)
