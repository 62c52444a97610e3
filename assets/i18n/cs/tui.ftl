# Messages of the terminal interface (views, forms, keys, status bar).

## Keys: footer labels (short) and help texts; ids from the key table in src/keymap.rs.
key-submit = uložit
key-submit-help = uložit formulář
key-cancel = zrušit
key-cancel-help = zavřít formulář bez uložení (je-li v něm něco napsáno, nejdřív se zeptá)
key-next-field = další pole
key-next-field-help = další pole
key-prev-field = předchozí pole
key-prev-field-help = předchozí pole
key-open = otevřít
key-open-help = otevřít vybraný tiket (zákazníci: jeho tikety)
key-statement = výkaz
key-statement-help = výkaz vybraného zákazníka za tento měsíc
key-prev-month = předch. měsíc
key-prev-month-help = výkaz za předchozí měsíc
key-next-month = další měsíc
key-next-month-help = výkaz za další měsíc
key-next-panel = panely
key-next-panel-help = přehled: další panel (↑/↓ ho pak posouvá)
key-prev-panel = předch. panel
key-prev-panel-help = přehled: předchozí panel
key-timer = časovač
key-timer-help = spustit/zastavit můj časovač na tomto tiketu
key-take = vzít si
key-take-help = přiřadit tiket sobě
key-respond = reagovat
key-respond-help = zapsat první reakci (zeptá se na termín vyřešení)
key-comment = komentář
key-comment-help = přidat komentář
key-status = stav
key-status-help = změnit stav
key-assign = přiřadit
key-assign-help = změnit řešitele
key-add-time = zapsat práci
key-add-time-help = zapsat práci (45, 1h30, 1:30)
key-correct-time = opravit
key-correct-time-help = opravit vybraný zápis práce
key-explain = vysvětlit
key-explain-help = vysvětlit termín: započtené hodiny, vynechané dny
key-description = popis
key-description-help = celý popis místo historie (↑/↓ a PgUp/PgDn jím posouvají), znovu: zpět
key-search = hledat
key-search-help = fulltextové hledání: otevřené tikety, nebo všechny
key-filter-mine = moje
key-filter-mine-help = jen tikety přiřazené mně
key-filter-unassigned = nepřiřazené
key-filter-unassigned-help = jen nepřiřazené tikety
key-filter-breached = po termínu
key-filter-breached-help = jen tikety po termínu
key-filter-at-risk = ohrožené
filter-needs-response = bez první odpovědi
sort-urgency = naléhavosti
sort-number = čísla
sort-customer = zákazníka
sort-assignee = řešitele
sort-title = názvu
queue-sorted-by = podle { $column }
sorted-by = fronta řazena podle { $column }
copied-number = číslo #{ $number } zkopírováno do schránky
copy-needs-ticket = vyberte tiket, jehož číslo chcete zkopírovat
key-filter-at-risk-help = jen ohrožené tikety
key-filter-needs-response = bez odpovědi
key-filter-needs-response-help = jen tikety, které ještě čekají na první odpověď
key-filter-tier = tarif
key-filter-tier-help = filtr tarifu: VIP → PLUS → STANDARD → bez smlouvy → vše
key-filter-customer = zákazník
key-filter-customer-help = jen tikety jednoho zákazníka
key-filter-all = vše
key-filter-all-help = všechny otevřené tikety (zrušit filtry)
key-sort = řadit
key-sort-help = řadit: naléhavost → číslo → zákazník → řešitel → název
key-copy-number = kopírovat #
key-copy-number-help = zkopírovat číslo tiketu do schránky (OSC 52)
key-history = historie
key-history-help = všechny tikety zákazníka i uzavřené (znovu: zpět)
key-new-ticket = nový tiket
key-new-ticket-help = nový tiket
key-new-customer = nový zákazník
key-new-customer-help = nový zákazník
key-top = začátek
key-top-help = první řádek
key-bottom = konec
key-bottom-help = poslední řádek
key-up = nahoru
key-up-help = o řádek nahoru
key-down = dolů
key-down-help = o řádek dolů
key-page-up = o stránku nahoru
key-page-up-help = o stránku nahoru (detail: posun historie)
key-page-down = o stránku dolů
key-page-down-help = o stránku dolů (detail: posun historie)
key-help = nápověda
key-help-help = tato nápověda
key-quit = konec
key-quit-help = ukončit (z tiketu: zpět); běžící časovač běží dál
key-back = zpět
key-back-help = zpět / zavřít / zrušit filtry
key-jump = přejít
key-jump-help = přejít na tiket podle čísla
key-next-view = pohledy
key-next-view-help = další pohled: fronta → zákazníci → přehled
key-prev-view = předch. pohled
key-prev-view-help = předchozí pohled
key-force-quit = konec
key-force-quit-help = ukončit odkudkoli
key-group-filter = filtr
key-not-a-key = `{ $key }` není klávesa: napište např. j, G, ?, ctrl-c, enter, esc, tab, shift-tab, up, pgdn, f1
key-unknown-command = [keys]: neznámý příkaz `{ $name }`; známé: { $known }

## Forms: titles, hints, validation and what a saved form reports (src/app/submit.rs, src/app/form.rs)
form-need-ticket = nejdřív otevřete nebo vyberte tiket
form-closed-month-offer = { $said }. Uložte znovu a zapíše se jako oprava v { $current } (vyúčtuje se tam), Esc ji nechá být — nebo měsíc znovu otevřete: `helpdesk month reopen { $month }`
form-conflict-rebased = { $refusal }. Formulář teď ukazuje jejich hodnoty kromě toho, co jste změnili vy: uložte znovu a jejich hodnotu přepíšete svou, nebo Esc a necháte jejich.
form-jump-title = Přejít na tiket
hint-ticket-number = jeho číslo, např. 1042 nebo B-17
form-search-title = Hledat tikety
hint-search = slova z názvů, popisů a komentářů
scope-open = otevřené tikety
scope-all = všechny tikety
form-customer-filter-title = Filtr podle zákazníka
hint-customer-filter = jméno
form-new-ticket-title = Nový tiket
hint-customer-name = jméno zákazníka
hint-one-line = jeden řádek
hint-empty-unassigned = začátek známého jména; +Jméno přidá nové; prázdné: nepřiřazeno
hint-description = nepovinné; Enter začne nový řádek
form-new-customer-title = Nový zákazník
hint-unique = jedinečné
hint-contact = nepovinné: e-mail nebo telefon
hint-since = měsíc, od kdy tarif platí, RRRR-MM
form-comment-title = Komentář k #{ $number }
hint-lines-kept = Enter začne nový řádek; Ctrl-E otevře váš editor
form-status-title = Stav #{ $number }
form-assign-title = Přiřadit #{ $number }
hint-assignee = začátek známého jména; +Jméno přidá nové; prázdné: nepřiřazeno
form-already-responded = #{ $number } už má první reakci
form-respond-title = První reakce na #{ $number }
form-log-time-title = Zapsat práci na #{ $number }
form-correct-needs-ticket = otevřete tiket, jehož zápisy práce chcete opravit
form-correct-no-entries = tento tiket nemá žádný zápis práce k opravě; e přidá nový
form-correct-title = Oprava zápisu { $duration } na #{ $number }
form-nothing-to-fill = není co vyplnit
hint-duration = 45, 1h30 nebo 1:30
hint-started = RRRR-MM-DD HH:MM nebo HH:MM; prázdné: práce právě skončila
hint-optional = nepovinné
form-search-needs-word = napište slovo, které hledáte
search-all-newest = nejnovějších { $count } výsledků pro „{ $query }“ (zpřesněte dalším slovem)
search-all-found =
    { $count ->
    [one] „{ $query }“: 1 tiket, otevřený i uzavřený
    [few] „{ $query }“: { $count } tikety, otevřené i uzavřené
    *[other] „{ $query }“: { $count } tiketů, otevřených i uzavřených
    }
search-all-shown = { $found } · Esc: otevřené tikety
search-cleared = hledání zrušeno
queue-filters-cleared = filtry zrušeny · všechny otevřené tikety
queue-open-again = všechny otevřené tikety
queue-customer-filtered = otevřené tikety zákazníka { $name } · Esc zruší
queue-customer-unfiltered = otevřené tikety všech zákazníků
search-open-newest = nejnovějších { $count } otevřených tiketů pro „{ $query }“ (je jich víc: přidejte slovo)
search-open-found =
    { $count ->
    [one] „{ $query }“: 1 otevřený tiket
    [few] „{ $query }“: { $count } otevřené tikety
    *[other] „{ $query }“: { $count } otevřených tiketů
    }
search-open-shown = { $found } (Esc zruší)
form-customer-required = povinné: který zákazník se ptá?
form-title-required = povinné: shrnutí na jeden řádek
form-not-in-future = { $field }: nemůže být v budoucnosti; zadejte čas nejpozději teď
ticket-opened = založen tiket #{ $number } pro { $customer }
form-customer-name-required = povinné: jméno zákazníka
form-technician-name-required = povinné: vaše jméno (vaše práce se zapisuje pod ním)
customer-added = přidán zákazník { $name } ({ $tier }); n založí tiket
comment-added = komentář přidán
form-choose-status = stav vyberte šipkami ←/→
status-set = stav změněn na { $status }
ticket-unassigned = nepřiřazeno
ticket-assigned = přiřazeno: { $name }
response-recorded = první reakce zapsána; vyřešení slíbeno do { $by }
timer-stopped-logged = časovač na #{ $number } zastaven, zapsáno { $duration }
timer-already-stopped = váš časovač už byl zastavený
entry-corrected = zápis opraven na { $duration }
entry-logged = zapsáno { $duration }
entry-before-received = { $saved } — pozor: začíná { $at }, tedy dříve než v den, kdy přišel tiket { $ticket } ({ $received }); je-li datum překlep, opravte zápis klávesou E
customer-not-found = zákazník `{ $name }` neexistuje; N ho přidá
customer-ambiguous = `{ $name }` odpovídá: { $matches }…; napište víc ze jména
form-choose-hint = ←/→ vybírá
form-paste-not-a-choice = { $field } je jedno z: { $choices }; nic nevloženo
form-paste-one-line = { $field }: jen jeden řádek; vložení { $lines } řádků odmítnuto
form-no-field = není pole, kam vložit
hint-instant = RRRR-MM-DD HH:MM, HH:MM (dnes) nebo teď
hint-date = RRRR-MM-DD [HH:MM] nebo +N (pracovních dnů)
form-now = teď
form-not-a-time = `{ $typed }` není čas: napište { $hint }
form-resolve-by-required = povinné: datum, do kdy slibujete vyřešení ({ $hint })
form-not-business-days = `{ $typed }` není +N pracovních dnů, např. +3
form-business-days-range = zadejte +1 až +365 pracovních dnů
form-date-out-of-range = datum je mimo rozsah
form-no-business-day = nenalezen žádný pracovní den
form-not-a-date = `{ $typed }` není datum: napište { $hint }
field-ticket = Tiket
field-search = Hledat
field-scope = Kde
field-customer = Zákazník
field-title = Název
field-kind = Druh
field-assignee = Řešitel
field-description = Popis
field-received = Přijato
field-name = Jméno
field-contact = Kontakt
field-tier = Tarif
field-since = Od
field-comment = Komentář
field-status = Stav
field-responded = Reakce
field-resolve-by = Vyřešit do
field-duration = Trvání
field-started = Začátek
field-role = Role
field-note = Poznámka
field-worked = Odpracováno

## App: view names and status-bar messages (src/app/mod.rs)
view-queue = Fronta
view-customers = Zákazníci
view-board = Přehled
view-ticket = Tiket
view-statement = Vyúčtování
statement-title = Vyúčtování za { $month } — { $customer }
view-forms = Formuláře
view-help = Nápověda
timer-forgotten-title = Váš časovač na #{ $number } běží už { $ran }. Zapomenutý?
hint-worked = kolik jste opravdu pracovali: 45, 1h30, 1:30 — Esc ho nechá běžet
queue-showing-all = zobrazeny všechny otevřené tikety
paste-no-form = není kam vložit: vložený text patří do pole formuláře
form-discard-ask = zahodit, co jste napsali? Esc znovu zahodí; jiné klávesy pokračují
no-ticket-selected = není vybraný žádný tiket
select-customer-first = nejdřív vyberte zákazníka (nebo některý jeho tiket)
no-customer-selected = není vybraný žádný zákazník
timer-needs-ticket = otevřete nebo vyberte tiket, na kterém má časovač běžet
timer-month-closed-correction = (jeho měsíc je uzavřený: vyúčtuje se jako oprava { $amount } v tomto měsíci)
timer-month-closed-team = (jeho měsíc je uzavřený: týmový soubor ho při synchronizaci ocení jako opravu)
timer-month-closed-desk = (jeho měsíc je uzavřený: toto pracoviště ho ocení jako opravu pod cenovým zámkem týmu, až se dostane na týmový server)
timer-earlier-closed-correction = ({ $earlier } z toho začalo v uzavřeném měsíci { $month }: vyúčtuje se jako oprava { $amount } v tomto měsíci)
timer-earlier-closed-team = ({ $earlier } z toho začalo v uzavřeném měsíci { $month }: týmový soubor to při synchronizaci ocení jako opravu)
timer-earlier-closed-desk = ({ $earlier } z toho začalo v uzavřeném měsíci { $month }: toto pracoviště to ocení jako opravu pod cenovým zámkem týmu, až se dostane na týmový server)
timer-just-started = časovač se právě spustil: zastavit ho jde klávesou { "t" } až { $seconds } sekundy po spuštění (držená klávesa by zapsala minuty, které nikdo neodpracoval)
timer-none-running = žádný časovač neběžel
timer-started-after = časovač spuštěn na #{ $number }; { $stopped }
timer-started = časovač spuštěn na #{ $number }
form-technician-title = Kdo tu pracuje? Jméno se uloží do config.toml
hint-technician = vaše jméno, jak ho zná tým, např. Lucie Černá
technician-named = pracujete jako { $name }
name-remembered = pracujete jako { $name }; uloženo do { $path }
name-not-remembered = pracujete jako { $name } jen teď; neuloženo: { $error }
timer-confirm-again = { $key } znovu jej přesto spustí, jiná klávesa ne
timer-confirm-closed = #{ $number } je { $status }: { $again }
timer-confirm-theirs = #{ $number } řeší { $name }: { $again }
take-needs-ticket = vyberte tiket, který si chcete vzít
ticket-taken = #{ $number } přiřazen: { $name }
form-correct-marked = opravte prosím označená pole

## Ticket history lines (src/app/detail.rs)
ticket-gone = ten tiket už neexistuje
history-opened-assigned = založen ({ $kind }), přijat { $received }, řešitel { $name }
history-opened = založen ({ $kind }), přijat { $received }
history-title = název → { $title }
history-description = popis změněn
history-customer = zákazník → { $name }
history-kind = druh → { $kind }
history-status = stav → { $status }
history-first-response = první reakce { $at }, vyřešení slíbeno do { $by }
history-comment = komentář: { $text }
history-comment-by = komentář od { $author }: { $text }
history-comment-deleted = komentář smazán
history-entry-corrected = zápis opraven na { $duration } ({ $role }, od { $from })
history-entry-logged = zapsáno { $duration } ({ $role }, od { $from })
history-entry-removed = zápis práce odebrán
history-timer-started = časovač spuštěn ({ $name })
history-timer-stopped = časovač zastaven

## Queue filters (src/app/queue.rs)
filter-all-open = všechny otevřené
filter-mine = moje
filter-unassigned = nepřiřazené
filter-breached = po termínu
filter-at-risk = ohrožené
queue-customer-history = { $name }: všechny tikety, nejnovější první
queue-search-history = všechny tikety pro „{ $query }“, nejnovější první
queue-filter-tier = tarif { $tier }
queue-filter-customer = zákazník { $name }
queue-filter-search = hledání „{ $query }“

## Form footer, SLA cells (src/ui/form.rs, src/ui/format.rs)
form-footer = Enter uloží · Esc zruší · Tab/↑↓ přechod mezi poli
sla-paused-until = do { $when }

## Keys in config.toml, the farewell line (src/keymap.rs, src/tui.rs)
key-bad-key = [keys] { $name }: { $error }
key-conflict = [keys]: klávesa `{ $key }` je přiřazena dvěma příkazům, { $first } i { $second } (v pohledu { $view }); dejte jednomu z nich jinou klávesu
timer-keeps-running = Váš časovač na #{ $number } ({ $title }) běží dál: zatím { $ran }. Zastavíte ho příkazem `helpdesk timer stop` nebo klávesou `t` na tiketu.

## Queue view (src/ui/queue.rs)
queue-title-history = Tikety — { $filter } ({ $count })
queue-title = Fronta — { $filter } ({ $shown } z { $count })
col-sla = SLA
col-customer = Zákazník
col-tier = Tarif
col-title = Název
col-assignee = Řešitel
col-status = Stav
col-left = Zbývá
col-due = Termín
empty-welcome = Vítejte v helpdesku. Databáze je zatím prázdná.
empty-first-customer = přidejte prvního zákazníka (jméno, kontakt, tarif)
empty-then-ticket = pak pro něj založte tiket
empty-every-key = všechny klávesy, kdykoli
empty-demo = Nebo si nejdřív prohlédněte vyplněné demo:
empty-customer-no-tickets = { $name } zatím nemá žádné tikety.
empty-search-nothing = Hledání „{ $query }“ nenašlo žádný tiket, otevřený ani uzavřený.
empty-open-ticket = založit tiket
empty-back-to-open = zpět na otevřené tikety
empty-no-open = Žádné otevřené tikety. Paráda.
empty-see-views = zákazníci a přehled
empty-no-match = Filtru neodpovídá žádný otevřený tiket: { $filter }.
empty-show-all = zobrazit všechny otevřené tikety
empty-search-again = hledat znovu

## Screen chrome: too small, tab bar, status bar, help overlay (src/ui/mod.rs)
small-title = Terminál je příliš malý
small-size = Teď { $size }; helpdesk potřebuje aspoň { $needed }.
small-enlarge = Zvětšete okno nebo zmenšete písmo.
small-keys-wait = Klávesy počkají, až se obsah vejde; { $quit } ukončí.
tabs-counts = { $open ->
    [one] 1 otevřený
    [few] { $open } otevřené
   *[other] { $open } otevřených
} · { $breached } po termínu · { $at_risk ->
    [one] 1 ohrožený
    [few] { $at_risk } ohrožené
   *[other] { $at_risk } ohrožených
}
tabs-open = { $open ->
    [one] 1 otevřený
    [few] { $open } otevřené
   *[other] { $open } otevřených
}
status-read-only = JEN PRO ČTENÍ: změny nejsou možné
status-team-file = týmový soubor
status-copy = kopie { $tag }
status-never-synced = nikdy nesynchronizováno
status-synced-now = synchronizováno právě teď
status-synced-ago = synchronizováno před { $ago }
status-unshared = nesdíleno: { $count }
status-catching-up = dohání se { $percent } %
status-conflicts =
    { $count ->
    [one] 1 konflikt
    [few] { $count } konflikty
    *[other] { $count } konfliktů
    }
status-timer-forgotten = zapomenut?
status-no-timer = časovač neběží
status-read-only-short = JEN ČTENÍ
status-viewer = divák
status-offline = bez spojení
status-up-to-date = aktuální
status-no-timer-short = bez časovače
help-view = { $view }
help-in-forms = Ve formulářích
help-other-keys = ostatní klávesy
help-other-keys-text = píší do pole (←/→ vybírá)
help-mouse = myš
help-mouse-text = kolečko posouvá; klik vybere řádek, další klik ho otevře
help-title-scrolled = Klávesy { $first }–{ $last } z { $count } (j/k posouvá) — ? nebo Esc zavře
help-title = Klávesy — ? nebo Esc zavře

## Ticket view and the deadline explanation (src/ui/detail.rs)
detail-no-description = (bez popisu)
detail-description = Popis
detail-description-more = Popis (řádky 1–{ $shown } z { $total }, { $key }: celý)
detail-description-open = Popis (řádky { $from }–{ $to } z { $total }, ↑/↓ PgUp/PgDn, { $key }: zpět)
detail-facts = { $customer } ({ $tier }) · { $kind } · { $status } · řešitel { $assignee } · přijato { $received }
detail-sla-none = bez SLA: žádná smlouva, žádná garantovaná reakce
detail-sla-met = splněno: reakce { $left } před termínem { $deadline }
detail-sla-breached-late = po termínu: reakce o { $late } pozdě (termín { $deadline })
detail-sla-breached = po termínu: zpoždění { $late } (termín { $deadline })
detail-sla-met-closed = splněno: vyřešeno bez reakce { $left } před termínem { $deadline }
detail-sla-breached-closed = po termínu: vyřešeno bez reakce { $late } po termínu { $deadline }
detail-sla-paused = pozastaveno: zbývá { $left }, hodiny se rozběhnou { $resumes }; termín { $deadline }
detail-sla-resumes = (pozastaveno, pokračuje { $when })
detail-sla-left = zbývá { $left }{ $resumes }, termín { $deadline }
detail-promise-passed = slib nedodržen
detail-promise-late = vyřešeno po slíbeném termínu
detail-promise-kept = slib dodržen
detail-first-response = První reakce { $at } · vyřešení slíbeno do { $by }
detail-no-response = Zatím bez první reakce
detail-no-response-key = ji zapíše i se slíbeným termínem vyřešení
detail-timer-running = váš časovač běží: { $ran } (od { $since })
detail-timer-elsewhere = Váš časovač běží na #{ $number }
detail-timer-move = ho přesune sem
detail-logged = Odpracováno { $duration }
detail-timer-start = spustí váš časovač
detail-explain-key = { $key } vysvětlí
detail-change-request = Požadavek na změnu: { $note }
detail-sync-conflict = Konflikt synchronizace: { $field } ponecháno `{ $kept }`, jiná kopie měla `{ $other }`
detail-history-earlier = { $count } starších: PgUp
detail-history-later = { $count } novějších: PgDn
detail-history = Historie
detail-entries = Výkaz práce — { $duration }
detail-entries-none = Zatím nic. e zapíše práci; t spustí časovač.
explain-no-contract = Bez smlouvy: termín první reakce není garantován.
explain-received = Přijato
explain-clock-starts = Hodiny běží od
explain-budget = Lhůta
explain-deadline = Termín
explain-budget-hours =
    { $hours ->
    [one] 1 pracovní hodina
    [few] { $hours } pracovní hodiny
    *[other] { $hours } pracovních hodin
    } (tarif { $tier })
explain-counted = Započtené pracovní hodiny
explain-skipped = Vynecháno
explain-weekend = víkend
explain-title = Proč tento termín — Esc/x zavře

## Team lead's board (src/ui/board.rs)
board-arrow-shows = → ho zobrazí
board-compliance-12 = Plnění SLA za 12 měsíců
board-compliance-12-counting = Plnění SLA za 12 měsíců, počítám…
board-urgent = Po termínu a ohrožené
board-overdue = Prošlý slíbený termín vyřešení
board-reports = Zpožděné zprávy o stavu
board-upgrades = Doporučený vyšší tarif
board-timers = Běžící časovače
board-load = Otevřené tikety podle techniků
board-prepaid = Blízko nebo nad předplatným
board-compliance = Plnění SLA tento měsíc
board-compliance-counting = Plnění SLA tento měsíc (počítám…)
board-urgent-short = Po termínu/ohrožené
board-urgent-none = Nic po termínu ani ohroženo.
board-overdue-none = Žádný slíbený termín vyřešení neprošel.
board-promised = slíbeno { $by }
board-overdue-short = Prošlé sliby
board-reports-none = Žádná zpráva o stavu není po termínu.
board-reports-overdue = { $count } po termínu
board-reports-line = { $name } ({ $tier }, letos hotovo { $done } z { $quota })
board-reports-short = Zprávy po termínu
board-upgrades-none =
    { $months ->
    [one] Nikdo v přečerpání 1 měsíc (do { $last } / { $month }).
    [few] Nikdo v přečerpání { $months } měsíce po sobě (do { $last } / { $month }).
    *[other] Nikdo v přečerpání { $months } měsíců po sobě (do { $last } / { $month }).
    }
board-upgrade-overage = přečerpání { $months }
board-upgrades-short = Vyšší tarif
board-timers-none = Žádné časovače neběží.
board-timers-short = Časovače
board-load-short = Vytížení
board-col-technician = Technik
board-col-open = otev.
board-col-breached = po term.
board-col-at-risk = ohrož.
board-prepaid-summarising = Sčítám zákazníky…
board-prepaid-none = Všichni zákazníci jsou bezpečně v rámci předplacených minut.
board-prepaid-over = přečerpáno +{ $overage }
board-prepaid-near-of = blízko: { $used } z { $prepaid }
board-prepaid-near = blízko { $gauge }
board-prepaid-progress = sečteno { $done } z { $total }
board-prepaid-short = Blízko/nad předpl.
board-compliance-met = { $met } z { $due } včas
board-compliance-short = SLA tento měsíc

## Customers view (src/ui/customers.rs)
customers-no-prepaid = bez předplacených minut
customers-used-of = čerpáno { $used } z { $prepaid }
customers-summarising = sčítám { $done } z { $total }…
customers-none = Zatím žádní zákazníci.
customers-none-key = přidá prvního.
customers-upgrade-to = na { $tier }
customers-gauge-none = žádné
customers-col-used = Čerpáno
customers-col-overage = Přečerp.
customers-col-open = Tik.
customers-col-prepaid = Předpl.
customers-col-consult = Konz.
customers-col-reports = Zprávy
customers-col-upgrade = Přechod

## Statement view and its chart (src/ui/statement.rs, src/ui/charts.rs)
statement-steps = { $keys } měsíce · Esc zpět
statement-nothing = Tento měsíc není co účtovat: žádná smlouva, žádná placená práce.
statement-chart-title =
    Předplacené minuty, { $count ->
    [one] 1 měsíc
    [few] { $count } měsíce
    *[other] { $count } měsíců
    } do { $month }
statement-totals = Součty
statement-notes = Poznámky
statement-closed = uzavřeno (zmrazeno)
statement-no-work = Tento měsíc není vyúčtována žádná práce.
statement-col-kind = Druh
statement-col-rate = Sazba/h
statement-col-raw = Hrubě
statement-col-free = Zdarma
statement-col-rounded = Zaokr.
statement-col-prepaid = Předpl.
statement-col-overage = Navíc
statement-col-amount = Částka
statement-prepaid-drawn = čerpáno předpl.
statement-prepaid-of = { $used } z { $prepaid }
statement-prepaid-left = zbývá předpl.
statement-overage = přečerpání { $minutes }
statement-fee = měsíční paušál
statement-adjustments = úpravy
statement-total-excl = celkem bez DPH
statement-vat = DPH { $rate } %
statement-total-incl = celkem s DPH
statement-adjustment = úprava { $amount }: { $text }
statement-frozen = Uzavřený měsíc: výkaz je zmrazený.
statement-later-correction = pozdější oprava { $amount } zaúčtovaná v { $month }: { $text }
statement-upgrade =
    Doporučen vyšší tarif: přečerpání { $months ->
    [one] 1 měsíc
    [few] { $months } měsíce po sobě
    *[other] { $months } měsíců po sobě
    }; vyplatil by se tarif { $tier }.
statement-notes-none = Žádné úpravy, opravy ani doporučení.
statement-notes-more = … všech { $count }: `helpdesk report customer "{ $customer }" --month { $month }`
mark-incident-free = incident (zdarma)
mark-free-consultation = konzultace zdarma
mark-consultation = konzultace
chart-billable = █ placené minuty
chart-billable-month = █ placené minuty ({ $month }: { $minutes })
chart-billable-over = █ placené minuty ({ $month }: { $minutes }, { $over } navíc)
chart-prepaid = • předplacené minuty ({ $minutes })

## issue 11: copies and timers
history-timer-stopped-unbooked = časovač zastaven, nic nezapsáno (další časovač začal víc než o den později)
history-renumbered = přečíslováno na { $number }: jeho kopie se vzdala značky, kterou čísluje jiná kopie
entry-cut-from = zkráceno z { $ran }

## issue 20: mail in the TUI
key-triage = třídění pošty
key-triage-help = e-maily od neznámých odesílatelů, k přiřazení zákazníkovi
key-assign-mail = přiřadit
key-assign-mail-help = udělat z vybraného e-mailu tiket zákazníka (přijatý, kdy přišel e-mail)
key-add-contact = přidat kontakt
key-add-contact-help = přidat vybranému zákazníkovi kontakt (e-mail, jméno, jazyk)
key-add-domain = přidat doménu
key-add-domain-help = přiřadit vybranému zákazníkovi poštovní doménu (kdokoli @doména patří k němu)
key-remove-mail = odebrat
key-remove-mail-help = odebrat jeden z kontaktů nebo poštovních domén vybraného zákazníka
view-triage = Třídění pošty
field-email = E-mail
field-lang = Jazyk
field-domain = Doména
field-remove = Odebrat
field-add-sender = Odesílatel
field-mail = E-mail
field-message = Zpráva
lang-cs = čeština
lang-en = angličtina
hint-email = jmeno@example.cz
hint-domain = např. acme.cz: pošta od kohokoli odtud patří tomuto zákazníkovi
hint-mail-message = nepovinné: vaše slova pro zákazníka, v e-mailu
mail-choice-send = ✉ poslat na { $to } ({ $lang })
mail-choice-keep = neposílat
mail-choice-no-from = neposílá se: nastavte `from` v [mail] souboru config.toml
mail-choice-no-contact = neposílá se: tiket nemá žádný e-mail a jeho zákazník žádný kontakt
mail-sent = posláno na { $to }
response-recorded-mailed = první odezva zaznamenána; vyřešit do { $by }; { $mailed }
comment-added-mailed = komentář { $mailed }
add-sender-yes = přidat { $email } jako kontakt
add-sender-no = nepřidávat
form-assign-mail-title = Přiřadit e-mail od { $from }
form-add-contact-title = Nový kontakt zákazníka { $customer }
form-add-domain-title = Poštovní doména zákazníka { $customer }
form-remove-mail-title = Odebrat kontakt nebo doménu zákazníka { $customer }
form-choose-remove = vyberte, co odebrat
triage-none-selected = v třídění nečeká žádný e-mail
mail-assigned = tiket { $number } založen pro { $customer } (přijatý, kdy přišel e-mail).
mail-sender-added = { $email } je teď jejich kontakt.
mail-sender-not-added = { $email } nebyl přidán jako kontakt: { $error }
contact-added = kontakt { $email } uložen
contact-removed = kontakt { $email } odebrán
domain-added = pošta z @{ $domain } teď patří tomuto zákazníkovi
domain-removed = poštovní doména { $domain } odebrána
customer-mail-none = { $customer } nemá žádné kontakty ani poštovní domény k odebrání
customer-mail-title = Pošta
customer-mail-contacts = Kontakty:
customer-mail-domains = Domény:
customer-mail-no-contacts = žádné kontakty
customer-mail-no-domains = žádné domény
triage-title = Třídění pošty — čeká { $count }
triage-empty = Žádný e-mail od neznámých odesílatelů nečeká.
triage-col-received = Přijato
triage-col-from = Od
triage-col-kind = Druh
triage-col-subject = Předmět

## issue 17: text areas, the editor, keys
key-save = uložit
key-save-help = uložit z kteréhokoli pole (v komentáři je Enter nový řádek)
key-editor = editor
key-editor-help = upravit komentář či popis v $EDITOR
key-suspend = odložit
key-suspend-help = odložit do shellu (fg vrátí zpět)
key-newline = nový řádek
key-submit-search = hledat
key-submit-jump = přejít
key-submit-filter = filtrovat
key-unbound = { $key }: tady taková klávesa není — ? ukáže klávesy
form-footer-search = Enter hledá · Esc zruší · Tab/↑↓ přechod mezi poli
form-footer-prompt = Enter přejde · Esc zruší
form-footer-filter = Enter filtruje · Esc zruší
form-footer-multiline = Enter nový řádek · Ctrl-S nebo Alt-Enter uloží · Ctrl-E editor · Esc zruší · Tab další pole
editor-multiline-only = editor je pro víceřádková pole (komentář, popis)
editor-done = text z editoru je v poli; Ctrl-S uloží
editor-failed = editor selhal: { $why }; váš text zůstal
editor-no-file = pro editor nejde vytvořit dočasný soubor ({ $error })
editor-not-started = `{ $editor }` se nespustil ({ $error })
editor-exit = `{ $editor }` skončil s kódem { $code } (127: nenalezen; nastavte EDITOR)
editor-not-utf8 = upravený text není v UTF-8
assignee-not-known = technik „{ $name }“ neexistuje (známí: { $known }); nové jméno zapíšete jako +{ $name }
assignee-ambiguous = „{ $name }“ odpovídá: { $matches }; napište víc ze jména
assignee-new-empty = za + napište nové jméno

## Úprava tiketu a zákazníka; archivace a odebrání zákazníka (src/app/submit.rs, src/app/mod.rs)
key-edit-ticket = upravit
key-edit-ticket-help = upravit tiket: název, druh, zákazník, slíbený termín, popis (uloží se jen to, co změníte)
key-edit-customer = upravit
key-edit-customer-help = upravit zákazníka: jméno, tarif od měsíce
key-archive-customer = archivovat/odebrat
key-archive-customer-help = archivovat zákazníka (má tikety), nebo ho odebrat (založen omylem, bez tiketů); archivovaného (v seznamu, když jsou zobrazeni archivovaní) vrátí z archivu; nejdřív se zeptá
form-edit-needs-ticket = nejdřív otevřete tiket
form-edit-ticket-title = Upravit #{ $number }
form-edit-customer-title = Upravit { $name }
hint-customer-move = začátek jména; jiný zákazník = přesun tiketu i jeho času v otevřených měsících
hint-tier-from = tarif platí od tohoto měsíce, RRRR-MM
ticket-edit-nothing = #{ $number }: nic se nezměnilo
ticket-edited = #{ $number }: uloženo { $fields }
customer-edit-nothing = { $name }: nic se nezměnilo
customer-edited-tier = { $name }: tarif { $tier } od { $from }
customer-renamed = { $old } se nyní jmenuje { $name }
customer-archive-confirm = archivovat { $name } ({ $count ->
    [0] výkazy zůstanou
    [one] tiket zůstane
    [few] { $count } tikety zůstanou
   *[other] { $count } tiketů zůstane
  })? { $key } znovu archivuje, jiná klávesa ne
customer-remove-confirm = odebrat { $name } (bez tiketů a bez smlouvy)? { $key } znovu odebere, jiná klávesa ne
customer-archived = { $name } archivován: skrytý ze seznamů (helpdesk customer unarchive ho vrátí)
customer-removed = { $name } odebrán
key-show-archived = archivovaní
key-show-archived-help = ukázat i archivované zákazníky (označené), nebo je zase skrýt
customers-archived-shown = zobrazeni i archivovaní zákazníci (označení); { $key } u některého ho vrátí z archivu
customers-archived-hidden = archivovaní zákazníci skryti
customer-unarchive-confirm = vrátit { $name } z archivu? { $key } znovu ho vrátí, jiná klávesa ne
customer-unarchived = { $name } vrácen z archivu: znovu v seznamech a výběrech
