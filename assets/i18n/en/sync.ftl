# Messages of copies and sync (sync commands, bundles, the exchange, identities, conflicts).

## helpdesk sync (two files, --remote, clone, export, import, status)
sync-progress-note = sync: { $message }
sync-notice = note: { $notice }
sync-file-missing = { $path } does not exist
sync-db-missing = { $path } does not exist; check --db (a sync needs a copy of the team: make one with `helpdesk sync clone TEAM_DB LAPTOP_DB`); nothing was created
sync-file-or-remote = give either OTHER_DB or --remote COMMAND, not both
sync-with-what = sync with what? give OTHER_DB, --remote COMMAND, or a subcommand (see `helpdesk sync --help`)
sync-remote-empty = --remote needs the command that runs `helpdesk sync serve` on the other side, e.g. `--remote "ssh team-host helpdesk --db /srv/helpdesk/team.db sync serve"`; nothing was changed
sync-read-only = { $path } is open read-only; a sync writes to both copies, so nothing was changed
sync-summary = synced with { $peer }: sent { $sent }, received { $received }
sync-summary-conflicts = , { $count } { $count ->
    [one] conflict
   *[other] conflicts
    } — see `helpdesk sync conflicts`
sync-summary-corrections = , closed-month work billed as corrections: { $amount }
sync-cloned = made { $copy } a copy of { $team } (copy { $tag }: its new tickets are numbered { $tag }-1, { $tag }-2, …); work offline with `helpdesk --db { $copy }` and sync back with `helpdesk --db { $copy } sync { $team }`
sync-any-copy = any copy
sync-export-reading = reading the operations to send
sync-export-writing = writing the bundle
sync-exported = wrote { $count } { $count ->
    [one] operation
   *[other] operations
    } for { $peer } to { $file }; import it there with `helpdesk sync import`
sync-import-directory = { $path } is a directory; give a bundle file (`sync export`)
sync-import-database = { $path } is a helpdesk database file, not a bundle; to sync with it run `helpdesk sync { $path }`
sync-import-reading = reading the bundle
sync-import-applying = applying { $count } { $count ->
    [one] operation
   *[other] operations
    }
sync-imported-new = ({ $applied } of the bundle's { $count } { $count ->
    [one] operation
   *[other] operations
    } { $applied ->
    [one] was
   *[other] were
    } new here)
sync-export-never-synced = this copy has never synced with another; use --all for a full bundle
sync-export-which-peer = which copy is it for? give --peer (known: { $known })
sync-export-no-such-peer = no such copy among those synced with; see `helpdesk sync status`
sync-status-this-copy = this copy: { $copy } (device …{ $device })
sync-status-last = last synced: { $at }
sync-status-never = last synced: never
sync-status-unshared = changes not shared yet: { $count }
sync-status-peer = peer { $peer }: last { $at }
sync-status-conflicts = open conflicts: { $count } (see `helpdesk sync conflicts`)
sync-team-file-name = team file
sync-copy-name = copy { $tag }

## sync conflicts / resolve
sync-no-conflicts = no conflicts
sync-no-open-conflicts = no open conflicts
sync-conflict-kept = kept `{ $value }`
sync-conflict-other = other `{ $value }`
sync-conflict-ticket = ticket { $ticket }
sync-conflict-customer = customer { $name }
sync-conflict-gone = (gone)
sync-field-title = title
sync-field-status = status
sync-field-kind = kind
sync-field-assignee = assignee
sync-field-description = description
sync-field-resolve-by = resolve_by
sync-field-time-entry = time entry
sync-field-name = name
sync-field-contact = contact
sync-field-same-name = same name
sync-twin-customers = two customers in use now read the same, `{ $first }` { $first_id } (contact: { $first_contact }) and `{ $name }` { $second_id } (contact: { $second_contact }): two copies each gave one this name before they synced, and each would bill its own monthly fee. Every command asks which one is meant. If they are one customer, merge them: `helpdesk customer merge { $first_id } { $second_id }` (the second's tickets, contacts and domains move to the first, and it is archived with no fee from the first open month on); if not, rename one: `helpdesk customer rename { $second_id } "NEW NAME"`
sync-twin-resolve = conflict { $id }: two customers read the same; it is settled by merging them (`helpdesk customer merge { $kept } { $other }`) or by renaming one (`helpdesk customer rename { $other } "NEW NAME"`), not by --pick
sync-field-timer = timer
sync-field-tier-from = tier from { $month }
sync-value-none = (none)
sync-value-removed = removed
sync-value-minutes = { $minutes } min
sync-value-timer-stopped = stopped, nothing booked
sync-value-timer-ran = ran { $duration } until { $technician } started a timer on ticket { $ticket }
sync-value-timer-ran-gone = ran { $duration } until { $technician } started a timer on a ticket that is gone
sync-resolution-kept = kept
sync-resolution-other = picked the other value
store-unknown-conflict = no open conflict `{ $id }`
sync-pick = --pick must be `kept` or `other`
sync-pick-date-unreadable = the other promised date is unreadable
sync-pick-timer = the timer booked nothing: log the time that was really worked with `helpdesk time add`, then `--pick kept`
sync-unknown-field = unknown conflict field `{ $field }`
sync-pick-entry-removed = the entry was removed and { $month } is closed: log the other value as new work with `helpdesk time add … --correction`, then `--pick kept`
sync-pick-ticket-missing = the entry's ticket is missing

## sync new-identity
sync-branch-moved = the work of copy …{ $from } that { $here } held and { $there } lacks (from a duplicated file of that copy) now belongs to { $copy } (device …{ $device }), as on the duplicate once it takes its fresh identity; { $here } keeps its own
sync-renumbered = ticket { $old } is now { $new }
sync-again = sync again: `helpdesk --db { $here } sync { $there }`
sync-no-clash = { $here } does not clash with { $there }: a sync between them goes through, so it keeps its identity; nothing was changed. `sync new-identity` is for the copy a sync refused as a duplicate (the message names it). If another sync named this copy's device although this file goes through, the other history of this copy is in another file of it: the data `helpdesk restore` replaced here (kept beside it as `{ $here }.replaced-…`) or a duplicate of this file — copy that file (`cp { $here }.replaced-… recovered.db`), run `helpdesk --db recovered.db sync new-identity { $there }` and `helpdesk --db recovered.db sync { $there }`: its work arrives under new numbers
sync-new-identity = this copy is now { $copy } (it was { $was }); its new tickets are numbered { $tag }-1, { $tag }-2, …
sync-renumbered-unseen = ticket { $old } is now { $new } (no other copy had seen it)
sync-renumbered-taken-back = ticket { $old } is now { $new }: a copy made from this one had seen it, and { $old } may be another ticket's; every copy that has it renumbers it when it syncs
sync-old-numbers-kept = each renumbered ticket keeps its old number for mail: its customer's mail quoting the old number (`[#{ $example }]`) still reaches it, also where that number now belongs to another ticket

## the exchange and its data
sync-data = sync data
sync-data-damaged = the sync data is damaged or incomplete ({ $what }); nothing was changed — make it again
sync-data-empty = it is empty
sync-data-no-header = this is not helpdesk sync data (no header); nothing was changed
sync-data-truncated = it ends before its last line
sync-data-bad-trailer = unreadable last line
sync-data-checksum = its checksum does not match
sync-data-after-end = something follows its last line
sync-data-bad-operation = unreadable operation { $number }
sync-no-reason = no reason given
sync-refused-clash = the other side refused the sync: { $error }
sync-refused = the other side refused: { $error }
sync-progress-both = sending { $sending } { $sending ->
    [one] operation
   *[other] operations
    }, receiving { $receiving }
sync-progress-sending = sending { $count } { $count ->
    [one] operation
   *[other] operations
    }
sync-progress-received = received { $count } { $count ->
    [one] operation
   *[other] operations
    }…
sync-the-other-file = the other file
sync-peer = sync peer
sync-peer-hung-up = the other side hung up in the middle of the sync; run it again
sync-peer-not-sync = the other side answered something that is not helpdesk sync
sync-peer-no-answer = the other side ended without answering (is `helpdesk sync serve` what the command runs?)
sync-peer-timed-out = the other side sent nothing for { $seconds } s and was stopped; run the sync again (nothing was applied half way) — check the command, or give it more time with HELPDESK_SYNC_TIMEOUT_S
sync-command-failed = `{ $command }` failed ({ $status }); run the sync again
sync-copy-exists = { $path } already exists; choose a new file for the copy
sync-not-sync-data = not helpdesk sync data; nothing was changed
sync-peer-older = the other copy's helpdesk is older (sync format { $theirs }, this one speaks { $ours }); upgrade helpdesk there and sync again; nothing was changed
sync-peer-newer = the other copy's helpdesk is newer (sync format { $theirs }, this one speaks { $ours }); upgrade helpdesk here and sync again; nothing was changed
sync-the-other-copy = the other copy ({ $copy })
sync-other-team = the other file belongs to another team (a different team database); nothing was changed
sync-same-copy = that is this same copy; sync with another file
sync-bundle-for-another = this bundle was made for a copy that has changes this one lacks (it leaves them out); nothing was changed — import one made for { $copy } (`sync export --peer { $peer }`) or a full one (`sync export --all`)
sync-copy-read-only = this copy is open read-only; nothing was changed
sync-copy-read-only-import = this copy is open read-only; nothing was imported
sync-malformed-incoming = a malformed operation in the incoming data (`{ $op }`)
sync-copy-of-device = the copy with device …{ $device }
sync-clock-ahead = { $copy } made a change under a clock that is ahead of this machine's: the change is stamped { $theirs }, this machine's clock says { $ours } — more than { $tolerance } ahead, so that change would win over every later edit on every copy; nothing was changed. Set that machine's clock right: its changes made while the clock was ahead go through once this clock reaches their time (if that is too far away, make a new copy there with `helpdesk sync clone` and enter that work again). If it is this machine's clock that is behind, set it right and sync again.
sync-close-not-ended = { $copy } closed { $month }, which has not ended by this machine's clock ({ $ours }): its clock was ahead; nothing was changed. Sync again once the month has ended here; if that machine's clock was wrong, set it right, reopen the month there (`helpdesk month reopen { $month }`) and sync again.
sync-malformed-header = the other copy's header is malformed: its { $field } `{ $value }` is not { $what }; nothing was changed
sync-malformed-field = the sync data holds a malformed operation ({ $op }): its { $field } `{ $value }` is not { $what }; nothing was changed
sync-malformed-reference = the sync data holds a malformed operation ({ $op }): { $what }; nothing was changed
sync-unknown-ticket = it changes a ticket this file does not have, and the data does not open it first (a bundle made for a copy that has what this one lacks, or one that was altered)
sync-ticket-opened-again = it opens a ticket this file has already, under the same id
sync-entry-other-customer = its time entry is billed to another customer than its ticket's
sync-entry-version-other-ticket = it is a version of a time entry of another ticket
sync-entry-corrects-other-ticket = it corrects a time entry of another ticket
sync-correction-other-customer = its correction is billed to another customer than its ticket's
# What a malformed value should have been (after "is not").
sync-what-team-id = a team id
sync-what-device-id = a device id
sync-what-tag = a copy tag (like A or B.A)
sync-what-device-clock = a device id and its clock
sync-what-clock-digest = a clock and an operation's digest
sync-what-device-hlc = a clock value of its device
sync-what-id = an id
sync-what-entry-key = `add:` or `void:` and an entry id, or `reprice:`, a customer id, a month and a round
sync-what-month = a month
sync-what-date = a date
sync-what-amount = an amount
sync-what-statement = a statement
sync-what-clock = a clock value
sync-what-prev = a clock value (or empty)
sync-what-conflict-id = a conflict id
sync-what-resolution = `kept` or `picked the other value`
sync-what-email = an e-mail address
sync-what-mail-domain = a mail domain
sync-what-mail-key = a message id (no spaces or control characters, at most 1,024 bytes)
sync-what-lang = `cs` or `en`
sync-what-instant = an instant from 2 January 1583 to 30 December 9999 (the time helpdesk bills: months of 1583–9999 in every zone)
sync-what-prev-before = a clock before the change's own
sync-what-seq = a ticket number's sequence (from 1)
sync-what-renumber-tag = a copy's tag (the team file never takes a number back)
sync-what-entry-minutes = 1 to 1440 minutes
sync-what-month-start = the start of its month
sync-what-month-end = the end of its month
sync-what-correction-minutes = the minutes of a correction

## identity clashes and the way out (a hint starts with a space: it follows the clash's sentence)
clash-plain-numbers = the team file's (plain numbers)
clash-tag-collides = two copies number their tickets with the tag { $tag } (devices …{ $owner } and …{ $device }): they were made from copies of the same file, so their ticket numbers would collide
clash-older-state = the other copy knows changes made under this copy's identity that this file does not have: this file is a duplicate or an older state of copy { $tag } (a restored backup, a file copy or a VM snapshot)
clash-two-histories = the two files hold different histories of the same copy (device …{ $device }): one of them holds a duplicated or restored file of that copy
clash-same-copy = the other copy has changes made under this copy's identity that this file never made: this file and another one are the same copy (a file copy, a restored backup or a VM snapshot)
clash-number-twice = ticket number { $number } was handed out twice, to two different tickets
clash-tag-twice = two copies number their tickets with the tag { $tag }
clash-other-content = the operation at { $op } is known here with other content than the other copy sends: two files wrote under one copy's identity, or one of them rewrote it (a copy given a fresh identity while a duplicate of it kept working)
sync-team-file-keeps-identity = this is the team file: it keeps its identity (its plain ticket numbers, and it alone prices corrections); nothing was changed. If a sync with a copy clashed, give that copy the fresh identity: `helpdesk --db COPY_DB sync new-identity { $path }`
sync-team-db-placeholder = TEAM_DB
sync-this-db-placeholder = THIS_DB
sync-the-file = the file
sync-the-team-file = the team file
sync-own-identity = that is this copy's own identity
sync-no-branch = this file holds no history of copy …{ $device } that the other file lacks; nothing was changed
sync-hint-fresh-identity = { " " }Give { $copy } a fresh identity with `helpdesk --db { $copy } sync new-identity { $against }` (its tickets no other copy has seen get new numbers), then sync again.
sync-hint-take-over = { $other } { $here } holds work of that copy that { $there } lacks: move it to the copy's new identity with `helpdesk --db { $here } sync new-identity { $there }` (it keeps its own), then sync again.
sync-hint-this-copy = { " " }This copy must take a fresh identity: `helpdesk --db { $path } sync new-identity TEAM_DB`, with the team file at hand (a mounted disk, or a fresh `helpdesk backup` of it brought here: the new tag is reserved in the file given), then sync again.
sync-hint-team-file = { " " }{ $path } is the team file and keeps its identity. It was restored from a backup (or copied back) and then wrote before it had synced with every copy: restore it again from the data `helpdesk restore` kept (`{ $path }.replaced-…`) or a newer backup and sync it with every copy before writing. What it wrote after that restore is not lost where a copy received it: that copy's sync is then refused, and `helpdesk --db COPY_DB sync new-identity { $path }` there brings it back under new numbers — make again only the changes no copy received, or they will be there twice.
sync-hint-other-copy = { " " }On the copy with device …{ $device } (`helpdesk sync status` names a copy's device), run `helpdesk sync new-identity TEAM_DB` against the team file, then sync again. If that copy's file syncs without a clash (`sync new-identity` there says so), the other history is in an earlier file of that copy — the data `helpdesk restore` replaced there (kept beside it as `DB.replaced-…`) or a duplicate: copy that file, run `helpdesk --db THE_COPY sync new-identity TEAM_DB` and `helpdesk --db THE_COPY sync TEAM_DB` (its work arrives under new numbers).
sync-copy-db-placeholder = COPY_DB
sync-hint-undone-team-state = { " " }{ $team } was restored and has written nothing since, so it holds the team's history as restored; { $copy } holds changes of the team file from a state that restore undid. Move them to a fresh identity with `helpdesk --db { $copy } sync new-identity { $team }` (they arrive under new numbers; nothing is lost), then sync again. Do not make them again: they would be there twice.
sync-hint-team-state-here = { " " }The team file keeps its identity. If it was restored from a backup and wrote before syncing with every copy, restore it there again (see its own sync's message). If it was restored again since, this file holds changes of the team file from the state that restore undid: move them to a fresh identity with `helpdesk --db { $path } sync new-identity TEAM_DB`, with the team file at hand (the new tag is reserved in it), then sync again — do not make them again.
sync-hint-bundle-other-file = { " " }This bundle was made by another file of copy …{ $device } than the one whose changes this file holds: a duplicate of that copy, or that copy before it was restored from a backup. It cannot be imported anywhere; its work is in the file that made it. If that copy was restored with `helpdesk restore`, that file is kept beside it as `DB.replaced-…` (the copy's own file syncs without a clash and needs nothing): copy it (`cp DB.replaced-… recovered.db`), then `helpdesk --db recovered.db sync new-identity { $team }` and `helpdesk --db recovered.db sync { $team }` — its tickets arrive under new numbers. A duplicate still in use takes the same two commands.
closed-repriced = this change alters what closed months cost; the difference is booked as a correction in { $month }: { $amount }
