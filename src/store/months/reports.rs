//! Status reports: recording one done for a customer, and a customer's reports of a year.

use chrono::{DateTime, Utc};
use rusqlite::params;

use crate::store::change::Change;
use crate::store::{Result, Store, StoreError, new_id};
use crate::t;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusReportRow {
    pub id: String,
    pub customer_id: String,
    pub done_on: chrono::NaiveDate,
    pub note: String,
}

impl Store {
    /// Records that `customer` (named `name` in messages) got a status report on `done_on`, of the
    /// `owed` reports a year its contract holds. Refused ([`StoreError::Invalid`], nothing written):
    /// a report on that date is recorded already, or the year's `owed` reports are all recorded.
    pub fn record_status_report(
        &mut self,
        customer: &crate::store::Customer,
        done_on: chrono::NaiveDate,
        owed: u32,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        use chrono::Datelike;
        let note = crate::domain::text::clean(note, false);
        let customer_id = &customer.id;
        let name = customer.name.as_str();
        self.write(now, |w| {
            let year = done_on.year();
            let done: Vec<String> = w
                .conn()
                .prepare_cached(
                    "SELECT done_on FROM status_reports WHERE customer_id = id_blob(?1) AND done_on >= ?2
                     AND done_on < ?3 ORDER BY done_on",
                )?
                .query_map(params![customer_id, format!("{year:04}-01-01"), format!("{:04}-01-01", year + 1)], |r| {
                    r.get(0)
                })?
                .collect::<rusqlite::Result<_>>()?;
            let date = done_on.format("%Y-%m-%d").to_string();
            if done.contains(&date) {
                return Err(StoreError::Invalid(t!("report-done-already", name = name, date = date)));
            }
            if done.len() >= owed as usize {
                return Err(StoreError::Invalid(t!(
                    "report-year-full",
                    name = name,
                    count = owed,
                    year = year,
                    dates = done.join(", ")
                )));
            }
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
