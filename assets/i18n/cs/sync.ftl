# Zprávy kopií a synchronizace (příkazy sync, balíčky, výměna, identity kopií, konflikty).

## helpdesk sync (dva soubory, --remote, clone, export, import, status)
sync-progress-note = synchronizace: { $message }
sync-notice = pozn.: { $notice }
sync-file-missing = { $path } neexistuje
sync-db-missing = { $path } neexistuje; zkontrolujte --db (synchronizace potřebuje kopii týmu: vytvoříte ji příkazem `helpdesk sync clone TÝMOVÁ_DB KOPIE_DB`); nic se nevytvořilo
sync-file-or-remote = zadejte buď JINÁ_DB, nebo --remote PŘÍKAZ, ne obojí
sync-with-what = synchronizovat s čím? zadejte JINÁ_DB, --remote PŘÍKAZ nebo podpříkaz (viz `helpdesk sync --help`)
sync-remote-empty = --remote potřebuje příkaz, který na druhé straně spustí `helpdesk sync serve`, např. `--remote "ssh team-host helpdesk --db /srv/helpdesk/team.db sync serve"`; nic se nezměnilo
sync-read-only = { $path } je otevřený jen pro čtení; synchronizace zapisuje do obou kopií, proto se nic nezměnilo
sync-summary = synchronizace dokončena ({ $peer }): odesláno { $sent }, přijato { $received }
sync-summary-conflicts = , { $count ->
    [one] { $count } konflikt
    [few] { $count } konflikty
   *[other] { $count } konfliktů
} — viz `helpdesk sync conflicts`
sync-summary-corrections = , práce v uzavřených měsících vyúčtovaná jako opravy: { $amount }
sync-cloned = { $copy } je teď kopií souboru { $team } (kopie { $tag }: její nové tikety mají čísla { $tag }-1, { $tag }-2, …); pracujte offline s `helpdesk --db { $copy }` a zpět synchronizujte příkazem `helpdesk --db { $copy } sync { $team }`
sync-any-copy = kteroukoli kopii
sync-export-reading = načítám operace k odeslání
sync-export-writing = zapisuji balíček
sync-exported = do { $file } { $count ->
    [one] zapsána { $count } operace
    [few] zapsány { $count } operace
   *[other] zapsáno { $count } operací
} (pro: { $peer }); tam ho načtěte příkazem `helpdesk sync import`
sync-import-directory = { $path } je adresář; zadejte soubor balíčku (`sync export`)
sync-import-database = { $path } je databázový soubor helpdesku, ne balíček; pro synchronizaci s ním spusťte `helpdesk sync { $path }`
sync-import-reading = čtu balíček
sync-import-applying = { $count ->
    [one] provádím { $count } operaci
    [few] provádím { $count } operace
   *[other] provádím { $count } operací
}
sync-imported-new = (nových zde: { $applied } z { $count ->
    [one] { $count } operace
   *[other] { $count } operací
} balíčku)
sync-export-never-synced = tato kopie se ještě s žádnou jinou nesynchronizovala; pro úplný balíček použijte --all
sync-export-which-peer = pro kterou kopii? zadejte --peer (známé: { $known })
sync-export-no-such-peer = taková kopie mezi synchronizovanými není; viz `helpdesk sync status`
sync-status-this-copy = tato kopie: { $copy } (zařízení …{ $device })
sync-status-last = naposledy synchronizováno: { $at }
sync-status-never = naposledy synchronizováno: nikdy
sync-status-unshared = dosud nesdílené změny: { $count }
sync-status-peer = protějšek { $peer }: naposledy { $at }
sync-status-conflicts = otevřené konflikty: { $count } (viz `helpdesk sync conflicts`)
sync-team-file-name = týmový soubor
sync-copy-name = kopie { $tag }

## sync conflicts / resolve
sync-no-conflicts = žádné konflikty
sync-no-open-conflicts = žádné otevřené konflikty
sync-conflict-kept = ponecháno `{ $value }`
sync-conflict-other = druhá hodnota `{ $value }`
sync-conflict-ticket = tiket { $ticket }
sync-conflict-customer = zákazník { $name }
sync-conflict-gone = (už neexistuje)
sync-field-title = název
sync-field-status = stav
sync-field-kind = druh
sync-field-assignee = řešitel
sync-field-description = popis
sync-field-resolve-by = vyřešit do
sync-field-time-entry = záznam práce
sync-field-name = jméno
sync-field-contact = kontakt
sync-field-same-name = stejné jméno
sync-twin-customers = dva používaní zákazníci se teď jmenují stejně, `{ $first }` { $first_id } (kontakt: { $first_contact }) a `{ $name }` { $second_id } (kontakt: { $second_contact }): dvě kopie každá daly jednomu to jméno, než se synchronizovaly, a každý by platil svůj měsíční paušál. Každý příkaz se zeptá, kterého myslíte. Je-li to jeden zákazník, spojte je: `helpdesk customer merge { $first_id } { $second_id }` (tikety, kontakty a domény druhého přejdou k prvnímu a druhý bude archivován, od prvního otevřeného měsíce bez paušálu); jinak jednoho přejmenujte: `helpdesk customer rename { $second_id } "NOVÉ JMÉNO"`
sync-twin-resolve = konflikt { $id }: dva zákazníci se jmenují stejně; vyřeší se jejich spojením (`helpdesk customer merge { $kept } { $other }`) nebo přejmenováním jednoho (`helpdesk customer rename { $other } "NOVÉ JMÉNO"`), ne volbou --pick
sync-field-timer = časovač
sync-field-tier-from = tarif od { $month }
sync-value-none = (nic)
sync-value-removed = odebráno
sync-value-minutes = { $minutes } min
sync-value-timer-stopped = zastaven, nic nezapsáno
sync-value-timer-ran = běžel { $duration } do spuštění časovače u tiketu { $ticket } ({ $technician })
sync-value-timer-ran-gone = běžel { $duration } do spuštění časovače u tiketu, který tu už není ({ $technician })
sync-resolution-kept = ponecháno
sync-resolution-other = zvolena druhá hodnota
store-unknown-conflict = otevřený konflikt `{ $id }` neexistuje
sync-pick = --pick musí být `kept` nebo `other`
sync-pick-date-unreadable = druhý slíbený termín nelze přečíst
sync-pick-timer = časovač nic nezapsal: skutečně odpracovaný čas zapište příkazem `helpdesk time add`, pak použijte `--pick kept`
sync-unknown-field = neznámé pole konfliktu `{ $field }`
sync-pick-entry-removed = záznam byl odebrán a { $month } je uzavřený: druhou hodnotu zapište jako novou práci příkazem `helpdesk time add … --correction`, pak použijte `--pick kept`
sync-pick-ticket-missing = tiket záznamu chybí

## sync new-identity
sync-branch-moved = práce kopie …{ $from }, kterou měl { $here } a { $there } ji nemá (z duplikovaného souboru té kopie), teď patří identitě { $copy } (zařízení …{ $device }), stejně jako na duplikátu, až dostane novou identitu; { $here } si ponechává svou
sync-renumbered = tiket { $old } je teď { $new }
sync-again = synchronizujte znovu: `helpdesk --db { $here } sync { $there }`
sync-no-clash = { $here } nekoliduje s { $there }: synchronizace mezi nimi projde, proto si ponechává svou identitu; nic se nezměnilo. `sync new-identity` je pro kopii, kterou synchronizace odmítla jako duplikát (zpráva ji jmenuje). Pokud jiná synchronizace jmenovala zařízení této kopie, ačkoli tento soubor projde, je jiná historie této kopie v jiném jejím souboru: v datech, která tu nahradil `helpdesk restore` (ponechaná vedle jako `{ $here }.replaced-…`), nebo v duplikátu tohoto souboru — zkopírujte ten soubor (`cp { $here }.replaced-… obnoveny.db`), spusťte `helpdesk --db obnoveny.db sync new-identity { $there }` a `helpdesk --db obnoveny.db sync { $there }`: jeho práce dorazí pod novými čísly
sync-new-identity = tato kopie je teď { $copy } (byla { $was }); její nové tikety mají čísla { $tag }-1, { $tag }-2, …
sync-renumbered-unseen = tiket { $old } je teď { $new } (žádná jiná kopie ho neviděla)
sync-renumbered-taken-back = tiket { $old } je teď { $new }: viděla ho kopie vytvořená z této a { $old } může patřit jinému tiketu; každá kopie, která ho má, ho při synchronizaci přečísluje
sync-old-numbers-kept = každý přečíslovaný tiket si pro poštu ponechává své staré číslo: e-mail jeho zákazníka, který uvádí staré číslo (`[#{ $example }]`), k němu dojde i tam, kde to číslo teď patří jinému tiketu

## výměna a její data
sync-data = data synchronizace
sync-data-damaged = data synchronizace jsou poškozená nebo neúplná ({ $what }); nic se nezměnilo — vytvořte je znovu
sync-data-empty = jsou prázdná
sync-data-no-header = to nejsou data synchronizace helpdesku (chybí hlavička); nic se nezměnilo
sync-data-truncated = končí před posledním řádkem
sync-data-bad-trailer = poslední řádek nelze přečíst
sync-data-checksum = nesouhlasí kontrolní součet
sync-data-after-end = za posledním řádkem něco následuje
sync-data-bad-operation = operaci { $number } nelze přečíst
sync-no-reason = bez udání důvodu
sync-refused-clash = druhá strana synchronizaci odmítla: { $error }
sync-refused = druhá strana odmítla: { $error }
sync-progress-both = odesílám { $sending ->
    [one] { $sending } operaci
    [few] { $sending } operace
   *[other] { $sending } operací
}, přijímám { $receiving }
sync-progress-sending = odesílám { $count ->
    [one] { $count } operaci
    [few] { $count } operace
   *[other] { $count } operací
}
sync-progress-received = přijato { $count ->
    [one] { $count } operace
   *[other] { $count } operací
}…
sync-the-other-file = druhý soubor
sync-peer = protějšek synchronizace
sync-peer-hung-up = druhá strana uprostřed synchronizace zavěsila; spusťte ji znovu
sync-peer-not-sync = druhá strana odpověděla něčím, co není synchronizace helpdesku
sync-peer-no-answer = druhá strana skončila bez odpovědi (spouští příkaz opravdu `helpdesk sync serve`?)
sync-peer-timed-out = druhá strana { $seconds } s nic neposlala, a tak byla zastavena; spusťte synchronizaci znovu (nic se nepoužilo napůl) — zkontrolujte příkaz, nebo jí dejte víc času proměnnou HELPDESK_SYNC_TIMEOUT_S
sync-command-failed = `{ $command }` selhal ({ $status }); spusťte synchronizaci znovu
sync-copy-exists = { $path } už existuje; zvolte pro kopii nový soubor
sync-not-sync-data = to nejsou data synchronizace helpdesku; nic se nezměnilo
sync-peer-older = helpdesk druhé kopie je starší (formát synchronizace { $theirs }, tento umí { $ours }); aktualizujte helpdesk tam a synchronizujte znovu; nic se nezměnilo
sync-peer-newer = helpdesk druhé kopie je novější (formát synchronizace { $theirs }, tento umí { $ours }); aktualizujte helpdesk zde a synchronizujte znovu; nic se nezměnilo
sync-the-other-copy = druhá kopie ({ $copy })
sync-other-team = druhý soubor patří jinému týmu (jiná týmová databáze); nic se nezměnilo
sync-same-copy = to je tatáž kopie; synchronizujte s jiným souborem
sync-bundle-for-another = tento balíček byl vytvořen pro kopii, která má změny, jež této chybí (vynechává je); nic se nezměnilo — načtěte balíček vytvořený pro { $copy } (`sync export --peer { $peer }`) nebo úplný (`sync export --all`)
sync-copy-read-only = tato kopie je otevřená jen pro čtení; nic se nezměnilo
sync-copy-read-only-import = tato kopie je otevřená jen pro čtení; nic se nenačetlo
sync-malformed-incoming = chybná operace v příchozích datech (`{ $op }`)
sync-copy-of-device = kopie se zařízením …{ $device }
sync-clock-ahead = { $copy }: změna vznikla s hodinami, které jdou napřed oproti tomuto počítači: změna nese čas { $theirs }, hodiny tohoto počítače ukazují { $ours } — to je víc než { $tolerance } napřed, takže by ta změna přebila každou pozdější úpravu na všech kopiích; nic nebylo změněno. Nastavte správně hodiny toho počítače: jeho změny z doby, kdy hodiny šly napřed, projdou, až tyto hodiny dosáhnou jejich času (je-li to příliš daleko, udělejte tam novou kopii `helpdesk sync clone` a zadejte tu práci znovu). Jdou-li pozadu hodiny tohoto počítače, nastavte je správně a synchronizujte znovu.
sync-close-not-ended = { $copy }: uzavřen měsíc { $month }, který podle hodin tohoto počítače ještě neskončil ({ $ours }): hodiny tam šly napřed; nic nebylo změněno. Synchronizujte znovu, až měsíc i zde skončí; šly-li hodiny toho počítače špatně, nastavte je správně, znovu tam měsíc otevřete (`helpdesk month reopen { $month }`) a synchronizujte znovu.
sync-malformed-header = hlavička druhé kopie je chybná: její { $field } `{ $value }` není { $what }; nic se nezměnilo
sync-malformed-field = data synchronizace obsahují chybnou operaci ({ $op }): její { $field } `{ $value }` není { $what }; nic se nezměnilo
sync-malformed-reference = data synchronizace obsahují chybnou operaci ({ $op }): { $what }; nic se nezměnilo
sync-unknown-ticket = mění tiket, který tento soubor nemá, a data ho předtím neotevírají (balíček pro kopii, která má, co této chybí, nebo pozměněný)
sync-ticket-opened-again = otevírá tiket, který tento soubor už má, pod stejným id
sync-entry-other-customer = její záznam práce je účtován jinému zákazníkovi, než má její tiket
sync-entry-version-other-ticket = je to verze záznamu práce jiného tiketu
sync-entry-corrects-other-ticket = opravuje záznam práce jiného tiketu
sync-correction-other-customer = její oprava je účtována jinému zákazníkovi, než má její tiket
# Co chybná hodnota měla být (po „není“).
sync-what-team-id = id týmu
sync-what-device-id = id zařízení
sync-what-tag = značka kopie (např. A nebo B.A)
sync-what-device-clock = id zařízení a jeho hodiny
sync-what-clock-digest = hodiny a otisk operace
sync-what-device-hlc = hodnota hodin jejího zařízení
sync-what-id = id
sync-what-entry-key = `add:` nebo `void:` a id záznamu, nebo `reprice:`, id zákazníka, měsíc a kolo
sync-what-month = měsíc
sync-what-date = datum
sync-what-amount = částka
sync-what-statement = vyúčtování
sync-what-clock = hodnota hodin
sync-what-prev = hodnota hodin (nebo prázdná)
sync-what-conflict-id = id konfliktu
sync-what-resolution = `kept` ani `picked the other value`
sync-what-email = e-mailová adresa
sync-what-mail-domain = poštovní doména
sync-what-mail-key = id zprávy (bez mezer a řídicích znaků, nejvýš 1 024 bajtů)
sync-what-lang = `cs` ani `en`
sync-what-instant = okamžik od 2. ledna 1583 do 30. prosince 9999 (čas, který helpdesk účtuje: měsíce let 1583–9999 v každém pásmu)
sync-what-prev-before = hodnota hodin před hodinami samotné změny
sync-what-seq = pořadí čísla tiketu (od 1)
sync-what-renumber-tag = značka kopie (týmový soubor si čísla nikdy nebere zpět)
sync-what-entry-minutes = 1 až 1440 minut
sync-what-month-start = začátek jejího měsíce
sync-what-month-end = konec jejího měsíce
sync-what-correction-minutes = počet minut opravy

## kolize identit a cesta ven (rada začíná mezerou: následuje větu o kolizi)
clash-plain-numbers = týmového souboru (prostá čísla)
clash-tag-collides = dvě kopie číslují tikety se značkou { $tag } (zařízení …{ $owner } a …{ $device }): vznikly z kopií téhož souboru, takže by se čísla jejich tiketů srazila
clash-older-state = druhá kopie zná změny provedené pod identitou této kopie, které tento soubor nemá: tento soubor je duplikát nebo starší stav kopie { $tag } (obnovená záloha, zkopírovaný soubor nebo snímek VM)
clash-two-histories = oba soubory mají různé historie téže kopie (zařízení …{ $device }): jeden z nich je duplikovaný nebo obnovený soubor té kopie
clash-same-copy = druhá kopie má změny provedené pod identitou této kopie, které tento soubor nikdy neprovedl: tento soubor a jiný jsou tatáž kopie (zkopírovaný soubor, obnovená záloha nebo snímek VM)
clash-number-twice = číslo tiketu { $number } bylo přiděleno dvakrát, dvěma různým tiketům
clash-tag-twice = dvě kopie číslují tikety se značkou { $tag }
clash-other-content = operaci v { $op } zde známe s jiným obsahem, než posílá druhá kopie: dva soubory zapisovaly pod identitou jedné kopie, nebo ji jeden z nich přepsal (kopie dostala novou identitu, zatímco její duplikát dál pracoval)
sync-team-file-keeps-identity = toto je týmový soubor: ponechává si svou identitu (prostá čísla tiketů, a jen on oceňuje opravy); nic se nezměnilo. Pokud synchronizace s kopií skončila kolizí, dejte novou identitu té kopii: `helpdesk --db KOPIE_DB sync new-identity { $path }`
sync-team-db-placeholder = TÝMOVÁ_DB
sync-this-db-placeholder = TATO_DB
sync-the-file = soubor
sync-the-team-file = týmový soubor
sync-own-identity = to je vlastní identita této kopie
sync-no-branch = tento soubor nemá žádnou historii kopie …{ $device }, která by druhému souboru chyběla; nic se nezměnilo
sync-hint-fresh-identity = { " " }Dejte { $copy } novou identitu příkazem `helpdesk --db { $copy } sync new-identity { $against }` (její tikety, které žádná jiná kopie neviděla, dostanou nová čísla) a synchronizujte znovu.
sync-hint-take-over = { $other } { $here } má práci té kopie, která { $there } chybí: přesuňte ji na novou identitu kopie příkazem `helpdesk --db { $here } sync new-identity { $there }` (svou si ponechá) a synchronizujte znovu.
sync-hint-this-copy = { " " }Tato kopie musí dostat novou identitu: `helpdesk --db { $path } sync new-identity TÝMOVÁ_DB`, s týmovým souborem po ruce (připojený disk nebo čerstvá `helpdesk backup` z něj přinesená sem: nová značka se rezervuje v zadaném souboru), a pak synchronizujte znovu.
sync-hint-team-file = { " " }{ $path } je týmový soubor a ponechává si svou identitu. Byl obnoven ze zálohy (nebo zkopírován zpět) a pak zapisoval dřív, než se synchronizoval se všemi kopiemi: obnovte ho znovu z dat, která ponechal `helpdesk restore` (`{ $path }.replaced-…`), nebo z novější zálohy a synchronizujte ho se všemi kopiemi dřív, než do něj budete zapisovat. Co po té obnově zapsal, se neztratí tam, kam to kopie dostala: synchronizace té kopie pak bude odmítnuta a `helpdesk --db KOPIE_DB sync new-identity { $path }` na ní to vrátí pod novými čísly — znovu proveďte jen změny, které žádná kopie nedostala, jinak tu budou dvakrát.
sync-hint-other-copy = { " " }Na kopii se zařízením …{ $device } (zařízení kopie uvádí `helpdesk sync status`) spusťte `helpdesk sync new-identity TÝMOVÁ_DB` proti týmovému souboru a synchronizujte znovu. Pokud se soubor té kopie synchronizuje bez kolize (`sync new-identity` tam to řekne), je jiná historie v dřívějším souboru té kopie — v datech, která tam nahradil `helpdesk restore` (ponechaná vedle jako `DB.replaced-…`), nebo v duplikátu: zkopírujte ten soubor, spusťte `helpdesk --db KOPIE sync new-identity TÝMOVÁ_DB` a `helpdesk --db KOPIE sync TÝMOVÁ_DB` (jeho práce dorazí pod novými čísly).
sync-copy-db-placeholder = KOPIE_DB
sync-hint-undone-team-state = { " " }{ $team } byl obnoven a od té doby nic nezapsal, má tedy historii týmu tak, jak byla obnovena; { $copy } má změny týmového souboru ze stavu, který ta obnova vrátila. Přesuňte je na novou identitu příkazem `helpdesk --db { $copy } sync new-identity { $team }` (dorazí pod novými čísly; nic se neztratí) a synchronizujte znovu. Neprovádějte je znovu: byly by tu dvakrát.
sync-hint-team-state-here = { " " }Týmový soubor si ponechává svou identitu. Pokud byl obnoven ze zálohy a zapisoval dřív, než se synchronizoval se všemi kopiemi, obnovte ho tam znovu (viz zprávu jeho vlastní synchronizace). Pokud byl od té doby obnoven znovu, má tento soubor změny týmového souboru ze stavu, který ta obnova vrátila: přesuňte je na novou identitu příkazem `helpdesk --db { $path } sync new-identity TÝMOVÁ_DB`, s týmovým souborem po ruce (nová značka se rezervuje v něm), a synchronizujte znovu — neprovádějte je znovu.
sync-hint-bundle-other-file = { " " }Tento balík vytvořil jiný soubor kopie …{ $device } než ten, jehož změny má tento soubor: duplikát té kopie, nebo ta kopie předtím, než byla obnovena ze zálohy. Nelze ho importovat nikam; jeho práce je v souboru, který ho vytvořil. Pokud byla ta kopie obnovena příkazem `helpdesk restore`, je ten soubor ponechán vedle ní jako `DB.replaced-…` (vlastní soubor kopie se synchronizuje bez kolize a nic nepotřebuje): zkopírujte ho (`cp DB.replaced-… obnoveny.db`), pak `helpdesk --db obnoveny.db sync new-identity { $team }` a `helpdesk --db obnoveny.db sync { $team }` — jeho tikety dorazí pod novými čísly. Duplikát, který se dál používá, potřebuje tytéž dva příkazy.
closed-repriced = tato změna mění cenu uzavřených měsíců; rozdíl je zaúčtován jako oprava v { $month }: { $amount }
