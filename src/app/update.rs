//! [`App::update`]: one [`Action`] applied at `now`, after the questions it answers or lets go.

use chrono::{DateTime, Duration, Utc};

use super::form::{Form, FormKind};
use super::input::InputKey;
use super::{Action, App, Effect, View};
use crate::domain::Tier;
use crate::store::Store;

impl App {
    /// Applies one action at `now`. Never panics on bad input; failures become the status message.
    pub fn update(&mut self, action: Action, store: &mut Store, now: DateTime<Utc>) {
        self.now = now;
        if let Some(m) = &self.message
            && !m.error
            && now - m.at > Duration::seconds(8)
        {
            self.message = None;
        }
        let place = self.place();
        let message = self.message.clone();
        self.apply(action, store);
        // A message is about the place it was said in: leaving that place (another view, a ticket
        // opened or closed) takes it away, unless the move itself said something new.
        if self.place() != place && self.message == message {
            self.message = None;
        }
    }

    /// Where the user is: the view, the open ticket, whether a statement is open.
    fn place(&self) -> (View, Option<crate::domain::TicketId>, bool, bool) {
        (self.view, self.detail.as_ref().map(|d| d.ticket.id.clone()), self.statement.is_some(), self.triage.is_some())
    }

    fn apply(&mut self, action: Action, store: &mut Store) {
        if self.too_small {
            match &action {
                Action::Quit | Action::ForceQuit => self.quit = true,
                a if a.is_passive() || matches!(a, Action::TooSmall(_)) => {}
                _ => return,
            }
        }
        if let Some(f) = &mut self.form
            && f.confirm_discard
            && !action.is_passive()
            && !matches!(action, Action::Cancel | Action::Back)
        {
            f.confirm_discard = false;
            self.message = None;
        }
        if self.timer_to_confirm.is_some() && !action.is_passive() && !matches!(action, Action::ToggleTimer) {
            self.timer_to_confirm = None;
            self.message = None;
        }
        if self.customer_to_confirm.is_some() && !action.is_passive() && !matches!(action, Action::ArchiveCustomer) {
            self.customer_to_confirm = None;
            self.message = None;
        }
        match action {
            Action::Tick => self.tick(store),
            Action::CatchingUp(percent) => self.catching_up = percent.map(|p| p.min(100)),
            Action::TeamOnline(up) => self.team_online = up,
            Action::Background => {
                if let Err(e) = self.summarise(store) {
                    self.store_error(e);
                }
            }
            Action::Resize { list_rows } => {
                self.list_rows = list_rows.max(1);
                self.queue.scroll_into_view(self.list_rows);
            }
            Action::TooSmall(small) => self.too_small = small,
            Action::Quit => self.quit(),
            Action::ForceQuit => self.quit = true,
            Action::Back => self.back(),
            Action::Help => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            Action::NextView | Action::PrevView => {
                let i = View::ALL.iter().position(|v| *v == self.view).unwrap_or(0);
                let n = View::ALL.len();
                let next = if action == Action::NextView { (i + 1) % n } else { (i + n - 1) % n };
                self.show(View::ALL[next], store);
            }
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.list_rows as isize)),
            Action::PageDown => self.move_by(self.list_rows as isize),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Open => self.open(store),
            Action::History => self.toggle_history(store),
            Action::Filter(f) => {
                self.queue.history = None;
                self.queue.filters.toggle(f);
                self.queue.refilter_with(&self.me.clone());
                self.queue.scroll_into_view(self.list_rows);
                self.view = View::Queue;
            }
            Action::CycleSort => {
                if self.view == View::Queue && self.detail.is_none() {
                    self.queue.sort = self.queue.sort.next();
                    let keep = self.queue.selected_id().cloned();
                    self.queue.sort_and_filter(keep.as_ref());
                    self.queue.scroll_into_view(self.list_rows);
                    self.info(crate::t!("sorted-by", column = self.queue.sort.label()));
                }
            }
            Action::CopyNumber => match self.target_ticket() {
                Some(super::commands::TicketRef { number, .. }) => {
                    self.info(crate::t!("copied-number", number = number.as_str()));
                    self.clipboard = Some(number);
                }
                None => self.error(crate::t!("copy-needs-ticket")),
            },
            Action::CycleTier => {
                self.queue.history = None;
                self.queue.tier = match self.queue.tier {
                    None => Some(Tier::Vip),
                    Some(Tier::Vip) => Some(Tier::Plus),
                    Some(Tier::Plus) => Some(Tier::Standard),
                    Some(Tier::Standard) => Some(Tier::None),
                    Some(Tier::None) => None,
                };
                self.queue.refilter_with(&self.me.clone());
                self.queue.scroll_into_view(self.list_rows);
            }
            Action::ClearFilters => {
                self.queue.history = None;
                self.update_filters_cleared();
                self.info(crate::t!("queue-showing-all"));
            }
            Action::Explain => {
                if let Some(d) = &mut self.detail {
                    d.show_explain = !d.show_explain;
                }
            }
            Action::ToggleDescription => {
                if let Some(d) = &mut self.detail {
                    d.description_open = !d.description_open;
                    d.description_scroll = 0;
                }
            }
            Action::Statement => self.open_statement(store),
            Action::NextPanel | Action::PrevPanel => {
                if self.view == View::Board && self.detail.is_none() {
                    let step = if action == Action::NextPanel { 1 } else { -1 };
                    self.board.panel = self.board.panel.step(step);
                }
            }
            Action::PrevMonth => self.step_statement(-1, store),
            Action::NextMonth => self.step_statement(1, store),
            Action::ToggleTimer => self.toggle_timer(store),
            Action::Take => self.take(store),
            Action::Jump
            | Action::Search
            | Action::NewTicket
            | Action::NewCustomer
            | Action::FilterCustomer
            | Action::Comment
            | Action::Respond
            | Action::AddTime
            | Action::CorrectTime
            | Action::AssignMail
            | Action::AddContact
            | Action::AddDomain
            | Action::RemoveMail
            | Action::EditCustomer => self.open_form(&action, store),
            Action::EditTicket => {
                self.open_form(&action, store);
                if let (Some(f), Some(d)) = (&mut self.form, &self.detail)
                    && f.kind == FormKind::EditTicket
                {
                    f.loaded = Some(d.ticket.clone());
                }
            }
            Action::ArchiveCustomer => self.archive_customer(store),
            Action::ShowArchived => {
                let show = !self.customers.show_archived;
                self.customers.show_archived = show;
                self.customers.loaded_at = None;
                self.refresh_view(store, true);
                let key = self.archive_key.as_str();
                self.info(if show {
                    crate::t!("customers-archived-shown", key = key)
                } else {
                    crate::t!("customers-archived-hidden")
                });
            }
            Action::Triage => self.open_triage(store),
            Action::SetStatus | Action::Assign => {
                self.open_form(&action, store);
                let shown = self.detail.as_ref().map(|d| d.ticket.clone());
                if let Some(f) = &mut self.form {
                    f.loaded = match (shown, &f.ticket_id) {
                        (Some(t), Some(id)) if t.id == *id => Some(t),
                        (_, Some(id)) => store.ticket(id).ok().flatten(),
                        _ => None,
                    };
                }
            }
            Action::Submit => {
                if self.form.as_ref().and_then(Form::focused).is_some_and(|f| f.multiline) {
                    if let Some(f) = &mut self.form {
                        f.apply(InputKey::Newline);
                    }
                } else {
                    self.submit(store);
                }
            }
            Action::Save => self.submit(store),
            Action::Editor => self.open_editor(),
            Action::Edited(result) => self.edited(result),
            Action::Suspend => self.effect = Some(Effect::Suspend),
            Action::Unbound(key) => self.info(crate::t!("key-unbound", key = key)),
            Action::Cancel => self.cancel_form(),
            Action::NextField => {
                if let Some(f) = &mut self.form {
                    f.next_field();
                }
            }
            Action::PrevField => {
                if let Some(f) = &mut self.form {
                    f.prev_field();
                }
            }
            Action::ClickRow(index) => self.click_row(index, store),
            Action::Input(key) => {
                if let Some(f) = &mut self.form {
                    f.apply(key);
                }
            }
            Action::Paste(text) => self.paste(&text),
        }
        // A statement lives over the customers view: an action that left it (a search) closes it.
        if self.view != View::Customers {
            self.statement = None;
        }
        self.follow_customer_mail(store);
    }

    fn quit(&mut self) {
        if self.help {
            self.help = false;
        } else if self.detail.is_some() {
            self.detail = None;
        } else if self.triage.is_some() {
            self.triage = None;
        } else if self.statement.is_some() {
            self.statement = None;
        } else {
            self.quit = true;
        }
    }
}
