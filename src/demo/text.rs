//! The words of the demo: Czech company names, people, ticket titles, descriptions, comments and work
//! notes. Plenty of diacritics, so search and sorting meet real text.

use super::rng::Rng;
use crate::domain::{Role, TicketKind};

/// The support team: name and the role they log work under on consultations.
pub const TEAM: [(&str, Role); 6] = [
    ("Jana Nováková", Role::Technician),
    ("Petr Dvořák", Role::Technician),
    ("Lucie Černá", Role::Consultant),
    ("Tomáš Procházka", Role::Consultant),
    ("Martin Kučera", Role::Technician),
    ("Eva Horáková", Role::Technician),
];

/// Who records customers and contracts.
pub const LEAD: &str = "Eva Horáková";

/// Hand-written customers first; more are composed from the parts below.
pub const COMPANIES: [&str; 40] = [
    "Účetní kancelář Dvořák s.r.o.",
    "Pekárna U Zlatého klasu",
    "Strojírny Žďár a.s.",
    "Autoservis Kříž",
    "Lékárna Na Poříčí",
    "Dřevovýroba Hořice s.r.o.",
    "Zahradnictví Růžička",
    "Stavebniny Šťastný",
    "Hotel Šumava Resort",
    "Obecní úřad Bělá",
    "Cukrárna Sladký sen",
    "Elektro Čermák s.r.o.",
    "Tiskárna Koláček",
    "Vinařství Mikulov Žůrek",
    "Kovošrot Plzeň",
    "Advokátní kancelář Šebestová",
    "Řeznictví U Jelena",
    "Optika Hájek",
    "Nábytek Kočí s.r.o.",
    "Veterinární klinika Ořech",
    "Sklárna Nový Bor a.s.",
    "Truhlářství Řehoř",
    "Pivovar Černý kůň",
    "Dopravní společnost Ježek",
    "Mateřská škola Sluníčko",
    "Penzion Lesní zátiší",
    "Knihkupectví Čtenář",
    "Zubní ordinace MUDr. Křížová",
    "Geodezie Šimek",
    "Kadeřnictví Ťapka",
    "Projekční kancelář Zámečník",
    "Chovatelské potřeby Žabka",
    "Fitness Centrum Ústí",
    "Klempířství Bříza",
    "Realitní kancelář Domov Třebíč",
    "Farma Údolí s.r.o.",
    "Cestovní kancelář Čárek",
    "Úklidová služba Čistý dům",
    "Kavárna Pražírna Jihlava",
    "Slévárna Ostrava-Vítkovice a.s.",
];

const TRADES: [&str; 20] = [
    "Stavebniny",
    "Autoservis",
    "Pekárna",
    "Účetnictví",
    "Truhlářství",
    "Elektro",
    "Strojírna",
    "Lékárna",
    "Zahradnictví",
    "Tiskárna",
    "Kovovýroba",
    "Doprava",
    "Řeznictví",
    "Optika",
    "Nábytek",
    "Penzion",
    "Instalatérství",
    "Velkoobchod",
    "Projekce",
    "Služby",
];

/// Surnames with their feminine form.
const SURNAMES: [(&str, &str); 24] = [
    ("Novák", "Nováková"),
    ("Svoboda", "Svobodová"),
    ("Novotný", "Novotná"),
    ("Dvořák", "Dvořáková"),
    ("Černý", "Černá"),
    ("Procházka", "Procházková"),
    ("Kučera", "Kučerová"),
    ("Veselý", "Veselá"),
    ("Horák", "Horáková"),
    ("Němec", "Němcová"),
    ("Pokorný", "Pokorná"),
    ("Marek", "Marková"),
    ("Pospíšil", "Pospíšilová"),
    ("Hájek", "Hájková"),
    ("Jelínek", "Jelínková"),
    ("Král", "Králová"),
    ("Růžička", "Růžičková"),
    ("Beneš", "Benešová"),
    ("Fiala", "Fialová"),
    ("Sedláček", "Sedláčková"),
    ("Doležal", "Doležalová"),
    ("Zeman", "Zemanová"),
    ("Kolář", "Kolářová"),
    ("Šimek", "Šimková"),
];

const TOWNS: [&str; 16] = [
    "Brno",
    "Plzeň",
    "Olomouc",
    "Liberec",
    "Hradec Králové",
    "Pardubice",
    "Zlín",
    "Jihlava",
    "Kladno",
    "Most",
    "Opava",
    "Třebíč",
    "Písek",
    "Kolín",
    "Žatec",
    "Říčany",
];

const LEGAL: [&str; 4] = ["s.r.o.", "a.s.", "", "spol. s r.o."];

/// First names, and whether the person takes the feminine surname.
const FIRST_NAMES: [(&str, bool); 12] = [
    ("Marie", true),
    ("Jan", false),
    ("Tereza", true),
    ("Jiří", false),
    ("Kateřina", true),
    ("Pavel", false),
    ("Lenka", true),
    ("Josef", false),
    ("Zuzana", true),
    ("Michal", false),
    ("Hana", true),
    ("Lukáš", false),
];

/// The `i`-th customer's name (the caller makes it unique).
pub fn company(i: usize, rng: &mut Rng) -> String {
    if let Some(name) = COMPANIES.get(i) {
        return (*name).to_string();
    }
    let legal = rng.pick(&LEGAL);
    let name = format!("{} {} {}", rng.pick(&TRADES), rng.pick(&SURNAMES).0, rng.pick(&TOWNS));
    if legal.is_empty() { name } else { format!("{name} {legal}") }
}

/// A contact line: person, e-mail, phone.
pub fn contact(company: &str, rng: &mut Rng) -> String {
    let (first, female) = rng.pick(&FIRST_NAMES);
    let (his, hers) = rng.pick(&SURNAMES);
    let last = if female { hers } else { his };
    let slug: String = crate::domain::text::fold(company)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "s" | "r" | "o" | "a" | "spol" | "u" | "na"))
        .take(2)
        .collect::<Vec<_>>()
        .join("-");
    let user = crate::domain::text::fold(first);
    let phone = 600_000_000 + rng.below(99_999_999);
    format!(
        "{first} {last}, {user}@{slug}.cz, +420 {} {:03} {:03}",
        phone / 1_000_000,
        phone / 1000 % 1000,
        phone % 1000
    )
}

const MODULES: [&str; 10] =
    ["Fakturace", "Sklad", "Mzdy", "Účetnictví", "Objednávky", "E-shop", "Docházka", "Banka", "Pokladna", "CRM"];

const REQUESTS: [&str; 12] = [
    "Nelze přihlásit uživatele do modulu {m}",
    "Úprava oprávnění pro účetní oddělení",
    "Doplnění číselníku středisek",
    "Export faktur do XML pro finanční úřad",
    "Nastavení nové tiskárny na pobočce {t}",
    "Obnova zapomenutého hesla",
    "Přidání nového skladu v modulu {m}",
    "Hromadná změna cen v ceníku",
    "Založení nového uživatele pro paní {s}ovou",
    "Chybí sestava obratů za čtvrtletí",
    "Převod dat ze starého systému",
    "Nastavení automatických upomínek",
];

const INCIDENTS: [&str; 10] = [
    "Nefunguje tisk faktur",
    "Systém hlásí chybu při měsíční uzávěrce",
    "Výpadek synchronizace s e-shopem",
    "Pomalá odezva modulu {m}",
    "Chyba při importu bankovních výpisů",
    "Server na pobočce {t} neodpovídá",
    "Zaseknutá fronta odchozích e-mailů",
    "Po aktualizaci nejde spustit {m}",
    "Duplicitní doklady v modulu {m}",
    "Nelze uložit příjemku, databáze hlásí zámek",
];

const CONSULTATIONS: [&str; 8] = [
    "Konzultace: nastavení DPH od ledna",
    "Konzultace k účetní uzávěrce roku",
    "Školení nových účetních",
    "Konzultace: přenesená daňová povinnost",
    "Jak nastavit schvalování objednávek",
    "Konzultace k archivaci dokladů",
    "Konzultace: inventura skladu",
    "Školení modulu {m} pro vedoucí",
];

const CHANGES: [&str; 9] = [
    "Úprava šablony dodacího listu",
    "Nový report tržeb po pobočkách",
    "Změna číselné řady dokladů",
    "Přidání pole IČO do exportu",
    "Napojení na datovou schránku",
    "Úprava tiskové sestavy faktury (logo, patička)",
    "Nové pole „Zakázka“ v modulu {m}",
    "Automatický import kurzů ČNB",
    "Rozšíření exportu pro účetní kancelář",
];

const DESCRIPTIONS: [&str; 10] = [
    "Zákazník volal na linku podpory, problém se týká modulu {m}. Kontaktní osoba: {c}.",
    "Podle zákazníka se chyba objevuje od včerejšího odpoledne, týká se všech uživatelů na pobočce {t}.",
    "Požadavek přišel e-mailem. Prosí o vyřízení do konce týdne.",
    "Chybové hlášení: „Operaci nelze dokončit, záznam je uzamčen jiným uživatelem.“",
    "Zákazník poslal snímek obrazovky, v modulu {m} chybí tlačítko pro export.",
    "Týká se uzávěrky, účetní potřebuje mít hotovo do 15. dne v měsíci.",
    "Po poslední aktualizaci se změnilo chování tisku, zákazník žádá původní stav.",
    "Žádost o nabídku a odhad pracnosti. Kontakt: {c}.",
    "",
    "Opakovaný problém, viz předchozí požadavky tohoto zákazníka.",
];

const COMMENTS: [&str; 14] = [
    "Zákazník potvrdil, že problém přetrvává.",
    "Předáno vývoji k analýze.",
    "Navrženo řešení, čekáme na odpověď zákazníka.",
    "Vzdálené připojení domluveno na zítřek v 9:00.",
    "Oprava nasazena, prosím o ověření.",
    "Zákazník děkuje, vše funguje.",
    "Zjištěna příčina: poškozený index v databázi skladu.",
    "Telefonicky vysvětleno nastavení, zákazník si to vyzkouší.",
    "Čekáme na přístupové údaje k serveru.",
    "Chyba se nepodařila nasimulovat, žádáme o podrobnosti.",
    "Přeposlán návod k nastavení tiskárny.",
    "Úprava hotová na testovacím prostředí.",
    "Zákazník žádá odklad do příštího týdne.",
    "Ověřeno s účetní, čísla sedí.",
];

const NOTES: [&str; 10] = [
    "analýza",
    "vzdálená podpora",
    "telefonát se zákazníkem",
    "úprava konfigurace",
    "testování opravy",
    "školení",
    "příprava podkladů",
    "",
    "nasazení a ověření",
    "konzultace po telefonu",
];

/// A ticket title for `kind`.
pub fn title(kind: TicketKind, rng: &mut Rng) -> String {
    let pool: &[&str] = match kind {
        TicketKind::Request => &REQUESTS,
        TicketKind::Incident => &INCIDENTS,
        TicketKind::Consultation => &CONSULTATIONS,
        TicketKind::Change => &CHANGES,
    };
    let template = rng.pick(pool);
    fill(template, "", rng)
}

pub fn description(contact: &str, rng: &mut Rng) -> String {
    let person = contact.split(',').next().unwrap_or_default();
    let template = rng.pick(&DESCRIPTIONS);
    fill(template, person, rng)
}

pub fn comment(rng: &mut Rng) -> String {
    rng.pick(&COMMENTS).to_string()
}

pub fn note(rng: &mut Rng) -> String {
    rng.pick(&NOTES).to_string()
}

fn fill(template: &str, contact: &str, rng: &mut Rng) -> String {
    let mut out = template.to_string();
    if out.contains("{m}") {
        let module = rng.pick(&MODULES);
        out = out.replace("{m}", module);
    }
    if out.contains("{t}") {
        let town = rng.pick(&TOWNS);
        out = out.replace("{t}", town);
    }
    if out.contains("{s}") {
        let (_, hers) = rng.pick(&SURNAMES);
        out = out.replace("{s}ovou", &accusative(hers));
    }
    out.replace("{c}", contact)
}

/// `Nováková` → `Novákovou`, `Černá` → `Černou` (the accusative of a feminine surname).
fn accusative(feminine: &str) -> String {
    match feminine.strip_suffix('á') {
        Some(stem) => format!("{stem}ou"),
        None => feminine.to_string(),
    }
}
