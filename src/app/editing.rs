//! What the app does with the open form: opening one, typing into it from the editor or a paste,
//! Esc, and submitting it (the form's own module reads and records it; the [`Outcome`] is applied here).

use super::form::Form;
use super::forms::{self, Outcome};
use super::{Action, App, Effect, View};
use crate::store::Store;

impl App {
    /// Ctrl-E: a multi-line field's text goes to the external editor (the event loop runs it).
    pub(super) fn open_editor(&mut self) {
        match self.form.as_ref().and_then(Form::focused) {
            Some(f) if f.multiline => self.effect = Some(Effect::Edit(f.value().to_string())),
            Some(_) => self.info(crate::t!("editor-multiline-only")),
            None => {}
        }
    }

    /// The editor's answer: its text replaces the field's (the trailing newline editors add is
    /// dropped); a failure keeps the text and says why.
    pub(super) fn edited(&mut self, result: Result<String, String>) {
        match result {
            Ok(text) => {
                let text = text.strip_suffix('\n').unwrap_or(&text);
                let text = text.strip_suffix('\r').unwrap_or(text);
                if let Some(f) = &mut self.form {
                    f.replace_focused(text);
                    self.info(crate::t!("editor-done"));
                }
            }
            Err(why) => self.error(crate::t!("editor-failed", why = why)),
        }
    }

    pub(super) fn paste(&mut self, text: &str) {
        match &mut self.form {
            Some(f) => {
                if let Err(e) = f.paste(text) {
                    self.error(e);
                }
            }
            None => self.error(crate::t!("paste-no-form")),
        }
    }

    /// Esc in a form: an untouched one closes; a changed one asks first (Esc again discards).
    pub(super) fn cancel_form(&mut self) {
        let Some(f) = &mut self.form else { return };
        if f.changed() && !f.confirm_discard && !f.is_prompt() {
            f.confirm_discard = true;
            self.error(crate::t!("form-discard-ask"));
        } else {
            self.form = None;
            if self.message.as_ref().is_some_and(|m| m.text == crate::t!("form-discard-ask")) {
                self.message = None;
            }
        }
    }

    pub(super) fn open_form(&mut self, action: &Action, store: &Store) {
        match forms::build(self, store, action) {
            Ok(form) => self.form = Some(form),
            Err(msg) => self.error(msg),
        }
    }

    pub(super) fn submit(&mut self, store: &mut Store) {
        let Some(mut form) = self.form.take() else { return };
        form.clear_errors();
        match forms::submit(self, &mut form, store) {
            Ok(outcome) => self.apply_outcome(outcome, store),
            Err(()) => {
                let msg = form
                    .error
                    .clone()
                    .or_else(|| form.fields.iter().find_map(|f| f.error.clone()))
                    .unwrap_or_else(|| crate::t!("form-correct-marked"));
                self.error(msg);
                if let Some(i) = form.fields.iter().position(|f| f.error.is_some()) {
                    form.focus = i;
                }
                self.form = Some(form);
            }
        }
    }

    /// What a submitted form asks of the app (see [`Outcome`]).
    fn apply_outcome(&mut self, outcome: Outcome, store: &mut Store) {
        match outcome {
            Outcome::Saved(msg) => {
                self.info(msg);
                self.reload(store);
            }
            Outcome::OpenTicket(id) => self.open_ticket(&id, store),
            Outcome::Opened { ticket_id, said } => {
                self.info(said);
                self.reload(store);
                self.open_ticket(&ticket_id, store);
            }
            Outcome::Searched { search, said } => {
                self.queue.search = Some(search);
                self.show_open_queue();
                self.detail = None;
                self.info(said);
            }
            Outcome::SearchCleared => {
                self.queue.search = None;
                self.queue.refilter_with(&self.me.clone());
                self.info(crate::t!("search-cleared"));
            }
            Outcome::Listed { source, tickets, said } => {
                self.queue.show_history(source, tickets, &self.tiers, &self.settings, self.now);
                self.queue.scroll_into_view(self.list_rows);
                self.view = View::Queue;
                self.detail = None;
                self.info(said);
            }
            Outcome::CustomerFilter(customer) => {
                let said = match &customer {
                    Some(c) => crate::t!("queue-customer-filtered", name = c.name.as_str()),
                    None => crate::t!("queue-customer-unfiltered"),
                };
                self.queue.customer = customer;
                self.show_open_queue();
                self.info(said);
            }
            Outcome::Technician(name) => {
                store.set_actor(&name);
                self.me = name.clone();
                self.queue.refilter_with(&name);
                self.info(crate::t!("technician-named", name = name.as_str()));
                self.name_to_remember = Some(name);
                self.reload(store);
            }
        }
    }

    /// The queue's open tickets, filtered anew and shown from the top (a search or a filter changed).
    fn show_open_queue(&mut self) {
        self.queue.history = None;
        self.queue.selected = 0;
        self.queue.offset = 0;
        self.queue.refilter_with(&self.me.clone());
        self.view = View::Queue;
    }
}
