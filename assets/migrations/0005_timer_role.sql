-- Schema version 5: timers remember the role their time is booked under.
ALTER TABLE timers ADD COLUMN role TEXT NOT NULL DEFAULT 'technician';
