//! One statement as text for the terminal: its lines with raw and rounded minutes, then the sums.

use super::*;

/// One statement as a person reads it: every line with raw and rounded minutes, then the sums.
pub fn statement_text(ctx: &Context, d: &StatementDoc) -> String {
    let mut out = String::new();
    let w = &mut out;
    let tier = crate::i18n::words::tier(&ctx.settings.tariffs, d.tier);
    let closed = if d.closed { format!("  {}", t!("cli-statement-closed")) } else { String::new() };
    let month = crate::i18n::dates::statement_month(&d.month);
    let _ =
        writeln!(w, "{}{closed}\n", t!("statement-head", month = month, customer = d.customer.as_str(), tier = tier));
    let h = header(&[
        "col-ticket",
        "col-kind",
        "col-rate",
        "col-raw",
        "col-free",
        "col-rounded",
        "col-prepaid",
        "col-overage",
        "col-amount",
        "cli-col-title",
    ]);
    let mut t = Table::new(&h.iter().map(String::as_str).collect::<Vec<_>>()).right(&[2, 3, 4, 5, 6, 7, 8]);
    for l in &d.lines {
        let kind = match l.role {
            Some(role) => format!("{} ({})", crate::i18n::words::kind(l.kind), crate::i18n::words::role(role)),
            None => crate::i18n::words::kind(l.kind),
        };
        let title = if l.marks.is_empty() {
            l.title.clone()
        } else {
            let marks: Vec<String> = l.marks.iter().map(|m| crate::i18n::words::statement_mark(m)).collect();
            format!("{} [{}]", l.title, marks.join(", "))
        };
        t.row(vec![
            l.ticket.clone(),
            kind,
            money(ctx, &l.rate),
            mins(l.raw_minutes),
            mins(l.free_minutes),
            mins(l.rounded_minutes),
            mins(l.prepaid_minutes),
            mins(l.overage_minutes),
            money(ctx, &l.amount),
            title,
        ]);
    }
    if d.lines.is_empty() {
        let _ = writeln!(w, "{}", t!("cli-statement-no-work"));
    } else {
        let _ = write!(w, "{}", t.render());
    }
    for a in &d.adjustments {
        let _ = writeln!(
            w,
            "{}  {}  {}",
            t!("cli-statement-adjustment"),
            crate::i18n::words::correction(&a.description),
            money(ctx, &a.amount)
        );
    }
    let _ = writeln!(w);
    let sum = |id: &str| format!("{:<16}", t!(id));
    let prepaid = t!(
        "statement-prepaid-value",
        used = d.prepaid_used_minutes,
        of = d.prepaid_minutes,
        left = d.prepaid_left_minutes
    );
    let _ = writeln!(w, "{} {prepaid}", sum("statement-prepaid"));
    let overage = t!("statement-overage-value", minutes = d.overage_minutes, amount = money(ctx, &d.overage_amount));
    let _ = writeln!(w, "{} {overage}", sum("cli-statement-overage"));
    let _ = writeln!(w, "{} {}", sum("cli-statement-fee"), money(ctx, &d.fee));
    let _ = writeln!(w, "{} {}", sum("statement-excl-vat"), money(ctx, &d.total_excl_vat));
    let vat = t!("cli-statement-vat", percent = format!("{:>3}", crate::i18n::words::vat_percent(&d.vat_rate)));
    let _ = writeln!(w, "{vat:<16} {}", money(ctx, &d.vat));
    let _ = writeln!(w, "{} {}", sum("statement-incl-vat"), money(ctx, &d.total_incl_vat));
    if let Some(to) = d.upgrade_to {
        let _ = writeln!(
            w,
            "\n{}",
            t!("cli-statement-upgrade", tier = crate::i18n::words::tier(&ctx.settings.tariffs, to))
        );
    }
    for a in &d.later_corrections {
        let _ = writeln!(
            w,
            "{}",
            t!(
                "cli-statement-later-correction",
                month = a.booked_month.as_str(),
                description = crate::i18n::words::correction(&a.description),
                amount = money(ctx, &a.amount)
            )
        );
    }
    out
}
