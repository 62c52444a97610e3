//! Status reports: recording one done for a customer, and a customer's reports of a year.

use chrono::{DateTime, Utc};
use rusqlite::params;

use crate::store::change::Change;
use crate::store::{Result, Store, new_id};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusReportRow {
    pub id: String,
    pub customer_id: String,
    pub done_on: chrono::NaiveDate,
    pub note: String,
}

impl Store {
    pub fn record_status_report(
        &mut self,
        customer_id: &crate::domain::CustomerId,
        done_on: chrono::NaiveDate,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let note = crate::domain::text::clean(note, false);
        self.write(now, |w| {
            w.record(Change::StatusReportRecorded {
                id: new_id(now),
                customer: customer_id.to_string(),
                done_on: done_on.format("%Y-%m-%d").to_string(),
                note,
                at: now.timestamp(),
            })?;
            Ok(())
        })
    }

    /// A customer's status reports done in `year`, by date.
    pub fn status_reports(&self, customer_id: &crate::domain::CustomerId, year: i32) -> Result<Vec<StatusReportRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id_text(id), id_text(customer_id), done_on, note FROM status_reports
             WHERE customer_id = id_blob(?1) AND done_on >= ?2 AND done_on < ?3 ORDER BY done_on, id",
        )?;
        let rows = stmt
            .query_map(params![customer_id, format!("{year:04}-01-01"), format!("{:04}-01-01", year + 1)], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
            })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, customer_id, done_on, note) = row?;
            if let Ok(done_on) = chrono::NaiveDate::parse_from_str(&done_on, "%Y-%m-%d") {
                out.push(StatusReportRow { id, customer_id, done_on, note });
            }
        }
        Ok(out)
    }
}
