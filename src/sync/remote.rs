//! An exchange with a remote `helpdesk sync serve` over a command's stdin/stdout: the replies each
//! side writes, the client (`sync_remote`) and the server (`serve`).

use crate::t;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::bundle::{Header, read_header, read_ops, write_header, write_ops};
use super::check_peer;
use super::exchange::{Progress, SyncReport, merged, receive, settle_arrivals};
use crate::config::Settings;
use crate::store::{Result, Store, StoreError};

/// One line of the exchange's replies. A refusal carries its English text (`error`, what helpdesk
/// before message ids read) and, beside it, the message as data (`message`: `{"id", "args"}`) that the
/// receiver words in its reader's language (see [`crate::i18n::Said`]).
#[derive(Serialize, Deserialize, Default)]
struct Reply {
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    /// Untrusted: read with [`crate::i18n::Said::from_json`], anything else is ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    applied: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    done: Option<bool>,
    /// Set when `error` is an identity clash: the device that should take a fresh identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    clash: Option<String>,
}

impl Reply {
    /// The refusal of `e`, a clash as a clash (its detail and device; the way out is the receiver's to
    /// say). Made while `recording` was open, its message goes as data too, and the text in English
    /// whatever this side's language.
    fn refusal(e: &StoreError, recording: &crate::i18n::Recording) -> Reply {
        let (text, clash) = match e {
            StoreError::Clash { detail, device, .. } => (detail.clone(), Some(device.clone())),
            other => (other.to_string(), None),
        };
        let said = recording.find(&text);
        let english = said.as_ref().and_then(|s| {
            let _en = crate::i18n::Scoped::new(crate::i18n::Language::English);
            s.word()
        });
        Reply { error: Some(english.unwrap_or(text)), message: said.map(|s| s.to_json()), clash, ..Reply::default() }
    }

    /// The error a refusal stands for: an identity clash stays one (exit 1), anything else is the
    /// other side's refusal. Its detail in this reader's language when the message is one of ours,
    /// else the English text the other side sent (a newer helpdesk's message, or an older one's).
    fn refused(self) -> StoreError {
        let english = self.error.unwrap_or_default();
        let error = self
            .message
            .as_ref()
            .and_then(crate::i18n::Said::from_json)
            .and_then(|s| s.word())
            .unwrap_or_else(|| crate::domain::text::clean(&english, true));
        match self.clash {
            Some(device) => {
                StoreError::Clash { detail: t!("sync-refused-clash", error = error), device, hint: String::new() }
            }
            None => StoreError::Invalid(t!("sync-refused", error = error)),
        }
    }
}

fn write_reply(out: &mut impl Write, reply: &Reply) -> Result<()> {
    let line = serde_json::to_string(reply).map_err(|e| StoreError::Invalid(e.to_string()))?;
    writeln!(out, "{line}").and_then(|_| out.flush()).map_err(|e| StoreError::Io { path: t!("sync-peer"), source: e })
}

fn read_reply(input: &mut impl BufRead) -> Result<Reply> {
    let mut line = String::new();
    let n = input.read_line(&mut line).map_err(|e| StoreError::Io { path: t!("sync-peer"), source: e })?;
    if n == 0 {
        return Err(StoreError::Invalid(t!("sync-peer-hung-up")));
    }
    let reply: Reply = serde_json::from_str(&line).map_err(|_| StoreError::Invalid(t!("sync-peer-not-sync")))?;
    if reply.error.is_some() {
        return Err(reply.refused());
    }
    Ok(reply)
}

/// Reads the other side's first line: its header, or the error it refused with.
fn read_peer_header(input: &mut impl BufRead) -> Result<Header> {
    let mut line = String::new();
    let n = input.read_line(&mut line).map_err(|e| StoreError::Io { path: t!("sync-peer"), source: e })?;
    if n == 0 {
        return Err(StoreError::Invalid(t!("sync-peer-no-answer")));
    }
    if let Ok(reply @ Reply { error: Some(_), .. }) = serde_json::from_str::<Reply>(&line) {
        return Err(reply.refused());
    }
    read_header(&mut line.as_bytes())
}

/// The client side over a command's stdin/stdout (e.g. `ssh host helpdesk --db … sync serve`).
///
/// Whatever the other side prints, the first line that is not the protocol ends the exchange at once;
/// a peer that sends nothing (or takes nothing) for `HELPDESK_SYNC_TIMEOUT_S` seconds (default 30)
/// while this side waits for it is ended, with everything it started. Either way this side has
/// applied nothing, and the other side applies nothing it has not received whole.
pub fn sync_remote(
    store: &mut Store,
    settings: &Settings,
    command: &str,
    now: DateTime<Utc>,
    progress: Progress<'_>,
) -> Result<SyncReport> {
    let limit = crate::environment::sync_timeout().map_err(|e| StoreError::Invalid(e.to_string()))?;
    let mut spawn = Command::new("sh");
    spawn.arg("-c").arg(command).stdin(Stdio::piped()).stdout(Stdio::piped());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut spawn, 0);
    let mut child = spawn.spawn().map_err(|e| StoreError::Io { path: format!("`{command}`"), source: e })?;
    let dog = super::watchdog::Watchdog::start(child.id(), limit);
    let mut to_peer = dog.watch(child.stdin.take().expect("piped stdin"));
    let mut from_peer = BufReader::new(dog.watch(child.stdout.take().expect("piped stdout")));
    // A refusal told to the other side goes as a message id too (see `Reply`).
    let recording = crate::i18n::Recording::start();
    let mut answered = false;
    let result = (|| {
        settle_arrivals(store, settings, now)?;
        let mine = Header::of(store)?;
        write_header(&mut to_peer, &mine)?;
        let theirs = read_peer_header(&mut from_peer)?;
        answered = true;
        if let Err(e) = check_peer(store, &theirs) {
            // Told, so the other side says why instead of "hung up".
            let _ = write_reply(&mut to_peer, &Reply::refusal(&e, &recording));
            return Err(e);
        }
        let to_them = store.ops_missing_from(&theirs.vector)?;
        progress(&t!("sync-progress-sending", count = to_them.len()));
        write_ops(&mut to_peer, &to_them)?;
        read_reply(&mut from_peer)?;
        let sent_up_to = store.own_clock()?;
        let to_me = read_ops(&mut from_peer, |n| progress(&t!("sync-progress-received", count = n)))?;
        let (received, conflicts, corrections) = receive(store, settings, &theirs, &to_me, now)?;
        write_reply(&mut to_peer, &Reply { applied: Some(received), done: Some(true), ..Reply::default() })?;
        store.record_peer(&theirs.device, &theirs.tag, &merged(&mine.vector, &theirs.vector), now)?;
        store.mark_shared(&sent_up_to)?;
        Ok(SyncReport { peer: super::display_tag(&theirs.tag), sent: to_them.len(), received, conflicts, corrections })
    })();
    // A write to a peer that has already ended (EPIPE) says nothing of why it ended: what it printed
    // does (nothing, something that is not sync, a refusal), as when it ended after our write (bb7 #4).
    let result = match result {
        Err(e) if broken_pipe(&e) => Err(peer_ended(&mut from_peer, answered)),
        other => other,
    };
    drop(recording);
    // Both pipes closed: a peer still talking gets a broken pipe and ends; one that does not end
    // within the limit is ended by the watchdog.
    drop(to_peer);
    drop(from_peer);
    dog.arm(true);
    let status = child.wait();
    if dog.finish() {
        return Err(StoreError::Io {
            path: format!("`{command}`"),
            source: std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                t!("sync-peer-timed-out", seconds = limit.as_secs().to_string()),
            ),
        });
    }
    let status = status.map_err(|e| StoreError::Io { path: format!("`{command}`"), source: e })?;
    match result {
        Ok(r) if status.success() => Ok(r),
        Ok(_) => Err(StoreError::Invalid(t!("sync-command-failed", command = command, status = status.to_string()))),
        Err(e) => Err(super::lone_clash_hint(e, store)),
    }
}

/// Whether `e` is a write to a peer whose end of the pipe is closed.
fn broken_pipe(e: &StoreError) -> bool {
    matches!(e, StoreError::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Why a peer that closed its input ended, from what it printed: before its header (`answered` false),
/// no answer, something that is not sync data, or its refusal; after it, its refusal or a hang-up.
fn peer_ended(from_peer: &mut impl BufRead, answered: bool) -> StoreError {
    let said = if answered { read_reply(from_peer).map(|_| ()) } else { read_peer_header(from_peer).map(|_| ()) };
    match said {
        Err(e @ (StoreError::Invalid(_) | StoreError::Clash { .. })) => e,
        _ if answered => StoreError::Invalid(t!("sync-peer-hung-up")),
        _ => StoreError::Invalid(t!("sync-peer-no-answer")),
    }
}

/// The server side's refusal before it opened its file (it has none: `helpdesk --db MISSING sync
/// serve`): reads the asking side's header and answers with the error `reason` makes, so the asking
/// side says why. Errors writing the answer are ignored (the caller exits with the refusal anyway).
pub fn refuse_serve(input: &mut impl BufRead, output: &mut impl Write, reason: impl FnOnce() -> StoreError) {
    let _wire = crate::i18n::Scoped::new(crate::i18n::Language::English);
    let recording = crate::i18n::Recording::start();
    let _ = read_header(input);
    let _ = write_reply(output, &Reply::refusal(&reason(), &recording));
}

/// The server side: speaks the protocol on `input`/`output` (stdin/stdout of `helpdesk sync serve`).
pub fn serve(
    store: &mut Store,
    settings: &Settings,
    input: &mut impl BufRead,
    output: &mut impl Write,
    now: DateTime<Utc>,
) -> Result<SyncReport> {
    // What crosses the wire is language-neutral: a refusal sent to the other side is written in English
    // whatever this side's locale, with its message id and arguments beside it, which the receiver
    // words in its reader's language.
    let _wire = crate::i18n::Scoped::new(crate::i18n::Language::English);
    let recording = crate::i18n::Recording::start();
    let theirs = match read_header(input).and_then(|h| check_peer(store, &h).map(|_| h)) {
        Ok(h) => h,
        Err(e) => {
            let _ = write_reply(output, &Reply::refusal(&e, &recording));
            return Err(e);
        }
    };
    let mine = Header::of(store)?;
    write_header(output, &mine)?;
    let to_me = read_ops(input, |_| {})?;
    let (received, conflicts, corrections) = match receive(store, settings, &theirs, &to_me, now) {
        Ok(r) => r,
        Err(e) => {
            let _ = write_reply(output, &Reply::refusal(&e, &recording));
            return Err(e);
        }
    };
    write_reply(output, &Reply { applied: Some(received), ..Reply::default() })?;
    let to_them = store.ops_missing_from(&theirs.vector)?;
    let sent_up_to = store.own_clock()?;
    write_ops(output, &to_them)?;
    let done = read_reply(input)?;
    if done.done == Some(true) {
        store.record_peer(&theirs.device, &theirs.tag, &merged(&mine.vector, &theirs.vector), now)?;
        store.mark_shared(&sent_up_to)?;
    }
    Ok(SyncReport { peer: super::display_tag(&theirs.tag), sent: to_them.len(), received, conflicts, corrections })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_peer_that_ended_is_told_by_what_it_printed() {
        let _en = crate::i18n::Scoped::new(crate::i18n::Language::English);
        let said = |printed: &str, answered: bool| peer_ended(&mut printed.as_bytes(), answered).to_string();
        assert_eq!(said("", false), t!("sync-peer-no-answer"));
        assert_eq!(said("hello\n", false), t!("sync-data-no-header"));
        assert_eq!(said("", true), t!("sync-peer-hung-up"));
        assert!(said("{\"error\":\"the other file belongs to another team\"}\n", false).contains("another team"));
        let pipe = StoreError::Io { path: "x".into(), source: std::io::ErrorKind::BrokenPipe.into() };
        assert!(broken_pipe(&pipe));
        assert!(!broken_pipe(&StoreError::Invalid("x".into())));
    }
}
