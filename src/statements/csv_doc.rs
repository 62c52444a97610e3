//! Statement documents as CSV: one row per statement, or one per billing line.

use super::StatementDoc;

const LINE_HEADER: [&str; 14] = [
    "customer",
    "month",
    "ticket",
    "title",
    "kind",
    "role",
    "rate",
    "raw_minutes",
    "free_minutes",
    "rounded_minutes",
    "prepaid_minutes",
    "overage_minutes",
    "amount",
    "marks",
];

const SUMMARY_HEADER: [&str; 15] = [
    "customer",
    "month",
    "tier",
    "fee",
    "prepaid_minutes",
    "billable_minutes",
    "prepaid_used_minutes",
    "prepaid_left_minutes",
    "overage_minutes",
    "overage_amount",
    "adjustments_amount",
    "total_excl_vat",
    "vat",
    "total_incl_vat",
    "upgrade_suggested",
];

/// RFC 4180 CSV of statement summaries (one row per statement) or, with `lines`, one row per billing
/// line. Text that came from outside and that a spreadsheet would read as a formula gets a leading `'`.
pub fn csv_text(docs: &[StatementDoc], lines: bool) -> std::result::Result<String, csv::Error> {
    let mut w = CsvStatements::new(Vec::new(), lines)?;
    for d in docs {
        w.write(d)?;
    }
    let bytes = w.finish()?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// [`csv_text`] written as the statements come: the header when made, a statement's row (or lines)
/// per [`CsvStatements::write`].
pub struct CsvStatements<W: std::io::Write> {
    w: csv::Writer<W>,
    lines: bool,
}

impl<W: std::io::Write> CsvStatements<W> {
    /// Writes the header to `out`. Errors: writing `out` failed.
    pub fn new(out: W, lines: bool) -> std::result::Result<Self, csv::Error> {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
        if lines {
            w.write_record(LINE_HEADER)?;
        } else {
            w.write_record(SUMMARY_HEADER)?;
        }
        Ok(Self { w, lines })
    }

    /// Writes one statement: its summary row, or its billing lines and adjustments.
    pub fn write(&mut self, d: &StatementDoc) -> std::result::Result<(), csv::Error> {
        let w = &mut self.w;
        if self.lines {
            for l in &d.lines {
                w.write_record([
                    neutralise(&d.customer),
                    d.month.clone(),
                    neutralise(&l.ticket),
                    neutralise(&l.title),
                    l.kind.to_string(),
                    l.role.map(|r| r.to_string()).unwrap_or_default(),
                    l.rate.clone(),
                    l.raw_minutes.to_string(),
                    l.free_minutes.to_string(),
                    l.rounded_minutes.to_string(),
                    l.prepaid_minutes.to_string(),
                    l.overage_minutes.to_string(),
                    l.amount.clone(),
                    l.marks.join("; "),
                ])?;
            }
            for a in &d.adjustments {
                w.write_record([
                    neutralise(&d.customer),
                    d.month.clone(),
                    String::new(),
                    neutralise(&a.description),
                    "adjustment".into(),
                    String::new(),
                    String::new(),
                    a.minutes.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    a.amount.clone(),
                    format!("correction of {}", a.work_month),
                ])?;
            }
        } else {
            w.write_record([
                neutralise(&d.customer),
                d.month.clone(),
                d.tier.to_string(),
                d.fee.clone(),
                d.prepaid_minutes.to_string(),
                d.billable_minutes.to_string(),
                d.prepaid_used_minutes.to_string(),
                d.prepaid_left_minutes.to_string(),
                d.overage_minutes.to_string(),
                d.overage_amount.clone(),
                d.adjustments_amount(),
                d.total_excl_vat.clone(),
                d.vat.clone(),
                d.total_incl_vat.clone(),
                d.upgrade_suggested.to_string(),
            ])?;
        }
        Ok(())
    }

    /// Flushes and hands back the writer.
    pub fn finish(self) -> std::result::Result<W, csv::Error> {
        self.w.into_inner().map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))
    }
}

/// Formula-injection guard for text that came from outside.
pub fn neutralise(field: &str) -> String {
    match field.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{field}"),
        _ => field.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formula_starts_only() {
        for (input, out) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+420 123", "'+420 123"),
            ("-1", "'-1"),
            ("@cmd", "'@cmd"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Acme = fine", "Acme = fine"),
            ("", ""),
        ] {
            assert_eq!(neutralise(input), out);
        }
    }
}
